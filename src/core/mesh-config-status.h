/* mesh-config-status.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The Configuration messages a Configuration Server sends back (Mesh
 * Protocol 1.1, "Configuration messages"), decoded into a MeshConfigStatus. The status codes
 * they carry are in mesh-status-code.h. */

#include <glib.h>

#include "mesh-composition.h"
#include "mesh-config-message.h"
#include "mesh-config-model-message.h"
#include "mesh-opcode.h"
#include "mesh-status-code.h"
#include "mesh-wire.h"

G_BEGIN_DECLS

/* MeshFeatureState (relay, proxy, friend and Node Identity: a status never
 * carries MESH_FEATURE_STATE_UNKNOWN) and MeshKeyRefreshPhase are in
 * mesh-config-types.h, shared with the model objects. */

/* Config Composition Data Status. @data is the decoded page 0; for other
 * pages it is %NULL and @raw holds the page. @raw always holds the page's
 * octets, without the Page field, e.g. for storing them as received. */
typedef struct
{
  guint8               page;
  MeshCompositionData *data;
  GBytes              *raw;
} MeshConfigCompositionStatus;

/* Config Relay Status */
typedef struct
{
  MeshFeatureState state;
  MeshRetransmit   retransmit;
} MeshConfigRelayStatus;

/* Config Node Identity Status */
typedef struct
{
  guint8           status;
  guint16          net_key_index;
  MeshFeatureState identity;
} MeshConfigNodeIdentityStatus;

/* Config AppKey Status */
typedef struct
{
  guint8  status;
  guint16 net_key_index;
  guint16 app_key_index;
} MeshConfigAppKeyStatus;

/* Config NetKey Status */
typedef struct
{
  guint8  status;
  guint16 net_key_index;
} MeshConfigNetKeyStatus;

/* Config AppKey List (@status, @net_key_index and the application key
 * indexes) and Config NetKey List (only the network key indexes; @status
 * is 0 and @net_key_index unused). */
typedef struct
{
  guint8   status;
  guint16  net_key_index;
  guint    n_indexes;
  guint16 *indexes;
} MeshConfigKeyList;

/* Config Model App Status */
typedef struct
{
  guint8      status;
  guint16     element_address;
  guint16     app_key_index;
  MeshModelId model;
} MeshConfigModelAppStatus;

/* Config SIG/Vendor Model App List (@items are application key indexes)
 * and Config SIG/Vendor Model Subscription List (@items are group and
 * virtual addresses). */
typedef struct
{
  guint8      status;
  guint16     element_address;
  MeshModelId model;
  guint       n_items;
  guint16    *items;
} MeshConfigModelList;

/* Config Model Publication Status */
typedef struct
{
  guint8          status;
  guint16         element_address;
  MeshModelId     model;
  MeshConfigPublication publication;
} MeshConfigPublicationStatus;

/* Config Model Subscription Status; @address is 0 when the request was
 * Delete All or failed. */
typedef struct
{
  guint8      status;
  guint16     element_address;
  guint16     address;
  MeshModelId model;
} MeshConfigSubscriptionStatus;

/* Config Key Refresh Phase Status */
typedef struct
{
  guint8              status;
  guint16             net_key_index;
  MeshKeyRefreshPhase phase;
} MeshConfigKeyRefreshStatus;

/* Config Heartbeat Publication Status; the count log is the number of
 * heartbeats left to send. */
typedef struct
{
  guint8                   status;
  MeshConfigHeartbeatPublication publication;
} MeshConfigHeartbeatPublicationStatus;

/* Config Heartbeat Subscription Status; @period_log is the time left to
 * listen, @count_log the number of heartbeats received, @min_hops and
 * @max_hops 0 when none came. */
typedef struct
{
  guint8  status;
  guint16 source;
  guint16 destination;
  guint8  period_log;
  guint8  count_log;
  guint8  min_hops;
  guint8  max_hops;
} MeshConfigHeartbeatSubscriptionStatus;

/* Config Low Power Node PollTimeout Status; @poll_timeout is in units of
 * 100 ms, 0 when the node is not the friend of that Low Power node. */
typedef struct
{
  guint16 lpn_address;
  guint32 poll_timeout;
} MeshConfigPollTimeoutStatus;

/**
 * MeshConfigStatus:
 * @opcode: which status message this is; it selects the union member:
 *
 *   | opcode                                         | member            |
 *   |------------------------------------------------|-------------------|
 *   | COMPOSITION_DATA_STATUS                        | composition       |
 *   | BEACON_STATUS                                  | beacon_enabled    |
 *   | DEFAULT_TTL_STATUS                             | default_ttl       |
 *   | FRIEND_STATUS                                  | friend_state      |
 *   | GATT_PROXY_STATUS                              | gatt_proxy        |
 *   | RELAY_STATUS                                   | relay             |
 *   | NETWORK_TRANSMIT_STATUS                        | network_transmit  |
 *   | NODE_IDENTITY_STATUS                           | node_identity     |
 *   | APPKEY_STATUS                                  | appkey            |
 *   | NETKEY_STATUS                                  | netkey            |
 *   | APPKEY_LIST, NETKEY_LIST                       | key_list          |
 *   | MODEL_APP_STATUS                               | model_app         |
 *   | SIG/VENDOR_MODEL_APP_LIST,                     | model_list        |
 *   |   SIG/VENDOR_MODEL_SUBSCRIPTION_LIST           |                   |
 *   | MODEL_PUBLICATION_STATUS                       | publication       |
 *   | MODEL_SUBSCRIPTION_STATUS                      | subscription      |
 *   | KEY_REFRESH_PHASE_STATUS                       | key_refresh       |
 *   | HEARTBEAT_PUBLICATION_STATUS                   | heartbeat_publication |
 *   | HEARTBEAT_SUBSCRIPTION_STATUS                  | heartbeat_subscription |
 *   | LOW_POWER_NODE_POLL_TIMEOUT_STATUS             | poll_timeout      |
 *   | NODE_RESET_STATUS                              | (none)            |
 *
 * A decoded configuration status message: a tagged union. Free it with
 * mesh_config_status_free().
 */
typedef struct
{
  MeshOpcode opcode;

  union
  {
    MeshConfigCompositionStatus           composition;
    gboolean                              beacon_enabled;
    guint8                                default_ttl;
    MeshFeatureState                      friend_state;
    MeshFeatureState                      gatt_proxy;
    MeshConfigRelayStatus                 relay;
    MeshRetransmit                        network_transmit;
    MeshConfigNodeIdentityStatus          node_identity;
    MeshConfigAppKeyStatus                appkey;
    MeshConfigNetKeyStatus                netkey;
    MeshConfigKeyList                     key_list;
    MeshConfigModelAppStatus              model_app;
    MeshConfigModelList                   model_list;
    MeshConfigPublicationStatus           publication;
    MeshConfigSubscriptionStatus          subscription;
    MeshConfigKeyRefreshStatus            key_refresh;
    MeshConfigHeartbeatPublicationStatus  heartbeat_publication;
    MeshConfigHeartbeatSubscriptionStatus heartbeat_subscription;
    MeshConfigPollTimeoutStatus           poll_timeout;
  };
} MeshConfigStatus;

/**
 * MeshConfigStatusDecoder:
 * @params: (array length=len): the message's parameters, after the opcode
 * @len: the length of @params
 * @status: a zero-filled status whose @opcode is set; the decoder fills
 *   its union member
 * @error: return location for a #GError
 *
 * Decodes the parameters of one kind of status message. On failure the
 * decoder may leave @status partly filled; mesh_config_status_free()
 * still frees it correctly.
 *
 * Returns: %FALSE with %MESH_ERROR_INVALID_DATA on malformed parameters
 */
typedef gboolean (*MeshConfigStatusDecoder) (const guint8      *params,
                                             gsize              len,
                                             MeshConfigStatus  *status,
                                             GError           **error);

MeshConfigStatusDecoder mesh_config_status_get_decoder    (MeshOpcode              opcode);
MeshConfigStatus       *mesh_config_status_decode_params  (MeshOpcode              opcode,
                                                           const guint8           *params,
                                                           gsize                   len,
                                                           GError                **error);
MeshConfigStatus       *mesh_config_status_decode         (const guint8           *message,
                                                           gsize                   len,
                                                           GError                **error);
void                    mesh_config_status_free           (MeshConfigStatus       *status);
guint8                  mesh_config_status_get_code       (const MeshConfigStatus *status);
gboolean                mesh_config_status_check          (const MeshConfigStatus *status,
                                                           GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshConfigStatus, mesh_config_status_free)

G_END_DECLS
