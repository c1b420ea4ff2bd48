/* mesh-config-types.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Small value types of the network database: enums and plain structs that
 * the model objects (MeshNode, MeshModel, ...) hold. Values are stored as
 * the Configuration messages carry them (3-bit counts, 5-bit interval steps,
 * period logs), so an engine can write a status field as it came; the CDB
 * format's unit conversions are noted next to each field. */

#define MESH_TYPE_SECURITY            (mesh_security_get_type ())
#define MESH_TYPE_FEATURE_STATE       (mesh_feature_state_get_type ())
#define MESH_TYPE_KEY_REFRESH_PHASE   (mesh_key_refresh_phase_get_type ())
#define MESH_TYPE_FEATURES            (mesh_features_get_type ())
#define MESH_TYPE_DESTINATION         (mesh_destination_get_type ())
#define MESH_TYPE_PUBLICATION         (mesh_publication_get_type ())
#define MESH_TYPE_TRANSMIT            (mesh_transmit_get_type ())
#define MESH_TYPE_HEARTBEAT_PUBLICATION  (mesh_heartbeat_publication_get_type ())
#define MESH_TYPE_HEARTBEAT_SUBSCRIPTION (mesh_heartbeat_subscription_get_type ())

/* CDB "security" of a node and "minSecurity" of a NetKey. */
typedef enum
{
  MESH_SECURITY_INSECURE = 0,
  MESH_SECURITY_SECURE   = 1,
} MeshSecurity;

/* CDB node "features": 0 disabled, 1 enabled, 2 not supported; UNKNOWN
 * when the state was never read (the field is absent from the CDB). */
typedef enum
{
  MESH_FEATURE_STATE_DISABLED      = 0,
  MESH_FEATURE_STATE_ENABLED       = 1,
  MESH_FEATURE_STATE_NOT_SUPPORTED = 2,
  MESH_FEATURE_STATE_UNKNOWN       = 3,
} MeshFeatureState;

/* CDB NetKey "phase" (0, 1, 2). */
typedef enum
{
  MESH_KEY_REFRESH_PHASE_NORMAL = 0,
  MESH_KEY_REFRESH_PHASE_1      = 1,
  MESH_KEY_REFRESH_PHASE_2      = 2,
} MeshKeyRefreshPhase;

/* The Features field of Composition Data page 0 (bits 4..15 are RFU) and
 * of a Heartbeat Publication (CDB "features": ["relay", "proxy", "friend",
 * "lowPower"]). */
typedef enum /*< flags >*/
{
  MESH_FEATURES_NONE      = 0,
  MESH_FEATURES_RELAY     = 1 << 0,
  MESH_FEATURES_PROXY     = 1 << 1,
  MESH_FEATURES_FRIEND    = 1 << 2,
  MESH_FEATURES_LOW_POWER = 1 << 3,
} MeshFeatures;

#define MESH_FEATURES_ALL (MESH_FEATURES_RELAY | MESH_FEATURES_PROXY | \
                           MESH_FEATURES_FRIEND | MESH_FEATURES_LOW_POWER)

/**
 * MeshDestination:
 * @address: a unicast or group address, or the virtual address of @label
 * @has_label: whether @label holds a Label UUID (a virtual address)
 * @label: the Label UUID, 16 bytes in the order the CDB writes them
 *
 * A publication destination, a subscription, a group's address: a 16-bit
 * address or a virtual label. For a label, @address is its virtual address
 * (0x8000–0xBFFF); whoever builds the value computes it.
 */
typedef struct
{
  guint16  address;
  gboolean has_label;
  guint8   label[16];
} MeshDestination;

/**
 * MeshPublication:
 * @destination: the publish address or label
 * @app_key_index: the AppKey index (CDB "index")
 * @ttl: 0–127, or 255 to use the node's default TTL
 * @period_steps: 0–63 (CDB "period.numberOfSteps")
 * @period_resolution: 0–3 as in the message: 100 ms, 1 s, 10 s, 10 min
 *   (CDB "period.resolution" is the same in milliseconds)
 * @retransmit_count: 0–7 (CDB "retransmit.count")
 * @retransmit_interval_steps: 0–31, interval = (steps + 1) × 50 ms
 *   (CDB "retransmit.interval" is in milliseconds)
 * @credentials: 0 managed flooding, 1 friendship (CDB "credentials")
 */
typedef struct
{
  MeshDestination destination;
  guint16         app_key_index;
  guint8          ttl;
  guint8          period_steps;
  guint8          period_resolution;
  guint8          retransmit_count;
  guint8          retransmit_interval_steps;
  guint8          credentials;
} MeshPublication;

/**
 * MeshTransmit:
 * @count: the 3-bit count field of the message (0–7). For Network Transmit
 *   the node sends @count + 1 transmissions (CDB "networkTransmit.count");
 *   for Relay Retransmit it relays @count + 1 times (CDB
 *   "relayRetransmit.count").
 * @interval_steps: the 5-bit steps field (0–31); interval =
 *   (steps + 1) × 10 ms (CDB "interval" in milliseconds)
 *
 * A node's Network Transmit or Relay Retransmit state.
 */
typedef struct
{
  guint8 count;
  guint8 interval_steps;
} MeshTransmit;

/**
 * MeshHeartbeatPublication:
 * @destination: unicast or group address (CDB "address")
 * @period_log: 0x00–0x11 as in the message; period = 2^(log - 1) s
 *   (CDB "period" in seconds)
 * @ttl: 0–127
 * @net_key_index: CDB "index"
 * @features: the features whose change triggers a heartbeat
 */
typedef struct
{
  guint16      destination;
  guint8       period_log;
  guint8       ttl;
  guint16      net_key_index;
  MeshFeatures features;
} MeshHeartbeatPublication;

/**
 * MeshHeartbeatSubscription:
 * @source: unicast address
 * @destination: unicast or group address
 */
typedef struct
{
  guint16 source;
  guint16 destination;
} MeshHeartbeatSubscription;

/**
 * MeshNodeKey:
 * @index: a NetKey or AppKey index (0–4095)
 * @updated: whether the node has the key's new value during a key refresh
 *
 * An entry of a node's "netKeys" or "appKeys" list.
 */
typedef struct
{
  guint16  index;
  gboolean updated;
} MeshNodeKey;

/**
 * MeshExclusion:
 * @iv_index: the IV index when @address was excluded
 * @address: the excluded unicast address
 *
 * One address of the network's exclusion list ("networkExclusions" in the
 * CDB, which groups them by IV index).
 */
typedef struct
{
  guint32 iv_index;
  guint16 address;
} MeshExclusion;

GType            mesh_security_get_type                  (void) G_GNUC_CONST;
GType            mesh_feature_state_get_type             (void) G_GNUC_CONST;
GType            mesh_key_refresh_phase_get_type         (void) G_GNUC_CONST;
GType            mesh_features_get_type                  (void) G_GNUC_CONST;
GType            mesh_destination_get_type               (void) G_GNUC_CONST;
GType            mesh_publication_get_type               (void) G_GNUC_CONST;
GType            mesh_transmit_get_type                  (void) G_GNUC_CONST;
GType            mesh_heartbeat_publication_get_type     (void) G_GNUC_CONST;
GType            mesh_heartbeat_subscription_get_type    (void) G_GNUC_CONST;

void             mesh_destination_init_address           (MeshDestination       *self,
                                                          guint16                address);
void             mesh_destination_init_label             (MeshDestination       *self,
                                                          const guint8          *label,
                                                          guint16                virtual_address);
gboolean         mesh_destination_equal                  (const MeshDestination *a,
                                                          const MeshDestination *b);
MeshDestination *mesh_destination_copy                   (const MeshDestination *self);
void             mesh_destination_free                   (MeshDestination       *self);

MeshPublication *mesh_publication_copy                   (const MeshPublication *self);
void             mesh_publication_free                   (MeshPublication       *self);
gboolean         mesh_publication_equal                  (const MeshPublication *a,
                                                          const MeshPublication *b);

MeshTransmit    *mesh_transmit_copy                      (const MeshTransmit    *self);
void             mesh_transmit_free                      (MeshTransmit          *self);

MeshHeartbeatPublication  *mesh_heartbeat_publication_copy  (const MeshHeartbeatPublication  *self);
void                       mesh_heartbeat_publication_free  (MeshHeartbeatPublication        *self);
MeshHeartbeatSubscription *mesh_heartbeat_subscription_copy (const MeshHeartbeatSubscription *self);
void                       mesh_heartbeat_subscription_free (MeshHeartbeatSubscription       *self);

/* A UUID with or without dashes, any case → lowercase 8-4-4-4-12 (the
 * form model objects keep); NULL if it is not 32 hex digits. */
char            *mesh_uuid_canonicalize                  (const char            *uuid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshDestination, mesh_destination_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshPublication, mesh_publication_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshTransmit, mesh_transmit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshHeartbeatPublication, mesh_heartbeat_publication_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshHeartbeatSubscription, mesh_heartbeat_subscription_free)

G_END_DECLS
