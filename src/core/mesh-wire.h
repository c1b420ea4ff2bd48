/* mesh-wire.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Small value types shared by the mesh wire formats: addresses, model
 * identifiers, key indexes, TTL, and the packed time and retransmission
 * fields of the Mesh Protocol 1.1 and Mesh Model 1.1 specifications. */

#include <glib.h>

G_BEGIN_DECLS

/* Addresses (Mesh Protocol 1.1, "Addresses") */
#define MESH_ADDRESS_UNASSIGNED            0x0000
#define MESH_ADDRESS_UNICAST_MAX           0x7fff
#define MESH_ADDRESS_VIRTUAL_MIN           0x8000
#define MESH_ADDRESS_VIRTUAL_MAX           0xbfff
#define MESH_ADDRESS_GROUP_MIN             0xc000
#define MESH_ADDRESS_ALL_DIRECTED_FORWARDING 0xfffb
#define MESH_ADDRESS_ALL_PROXIES           0xfffc
#define MESH_ADDRESS_ALL_FRIENDS           0xfffd
#define MESH_ADDRESS_ALL_RELAYS            0xfffe
#define MESH_ADDRESS_ALL_NODES             0xffff

/**
 * MeshAddressType:
 * @MESH_ADDRESS_TYPE_UNASSIGNED: 0x0000
 * @MESH_ADDRESS_TYPE_UNICAST: 0x0001..0x7fff, one element
 * @MESH_ADDRESS_TYPE_VIRTUAL: 0x8000..0xbfff, a hash of a Label UUID
 * @MESH_ADDRESS_TYPE_GROUP: 0xc000..0xffff, including the fixed group
 *   addresses (0xff00..0xffff; most of them RFU)
 */
typedef enum
{
  MESH_ADDRESS_TYPE_UNASSIGNED,
  MESH_ADDRESS_TYPE_UNICAST,
  MESH_ADDRESS_TYPE_VIRTUAL,
  MESH_ADDRESS_TYPE_GROUP,
} MeshAddressType;

MeshAddressType mesh_address_get_type   (guint16 address);
gboolean        mesh_address_is_unicast (guint16 address);
gboolean        mesh_address_is_virtual (guint16 address);
gboolean        mesh_address_is_group   (guint16 address);

/* Key indexes are 12 bits. */
#define MESH_KEY_INDEX_MAX 0x0fff

/* TTL: 0 and 2..127 may be used, 1 is prohibited for
 * Default TTL; 0xff in a publication means "use the Default TTL". */
#define MESH_TTL_MAX         0x7f
#define MESH_TTL_USE_DEFAULT 0xff

/**
 * MeshModelId:
 * @vendor: %TRUE for a vendor model (4 octets on the wire)
 * @company_id: the Bluetooth SIG company identifier of a vendor model;
 *   0 for SIG models
 * @model_id: the 16-bit model identifier
 *
 * A model identifier. A struct rather than a packed 32-bit number because
 * a vendor model may use any company ID, so no value can mark SIG models.
 */
typedef struct
{
  gboolean vendor;
  guint16  company_id;
  guint16  model_id;
} MeshModelId;

MeshModelId mesh_model_id_sig       (guint16     model_id);
MeshModelId mesh_model_id_vendor    (guint16     company_id,
                                     guint16     model_id);
gboolean    mesh_model_id_equal     (MeshModelId a,
                                     MeshModelId b);
gsize       mesh_model_id_wire_size (MeshModelId model);

/**
 * MeshStepResolution:
 *
 * The 2-bit resolution of a step-counted time: publish period,
 * transition time, remaining time and default transition time
 * (Mesh Model 1.1, "Generic Default Transition Time").
 */
typedef enum
{
  MESH_STEP_RESOLUTION_100_MS = 0,
  MESH_STEP_RESOLUTION_1_S    = 1,
  MESH_STEP_RESOLUTION_10_S   = 2,
  MESH_STEP_RESOLUTION_10_MIN = 3,
} MeshStepResolution;

/**
 * MeshStepTime:
 * @steps: number of steps, 0..63 (6 bits). In a transition or remaining
 *   time, 0x3f means "unknown" and may not be sent in a Set message.
 * @resolution: length of one step
 *
 * Packed into one octet: steps in bits 0..5, resolution in bits 6..7.
 */
typedef struct
{
  guint8             steps;
  MeshStepResolution resolution;
} MeshStepTime;

#define MESH_STEP_TIME_STEPS_MAX     0x3f
#define MESH_STEP_TIME_STEPS_UNKNOWN 0x3f

guint8       mesh_step_time_pack    (MeshStepTime  time);
MeshStepTime mesh_step_time_unpack  (guint8        octet);
guint64      mesh_step_time_to_ms   (MeshStepTime  time);
gboolean     mesh_step_time_from_ms (guint64       ms,
                                     MeshStepTime *time);

/**
 * MeshRetransmit:
 * @count: number of retransmissions, 0..7 (3 bits)
 * @interval_steps: 0..31 (5 bits); the interval is (steps + 1) × 10 ms
 *   for Network Transmit and Relay Retransmit, (steps + 1) × 50 ms for
 *   publication retransmission
 *
 * Packed into one octet: count in bits 0..2, interval steps in bits 3..7.
 */
typedef struct
{
  guint8 count;
  guint8 interval_steps;
} MeshRetransmit;

#define MESH_RETRANSMIT_COUNT_MAX 7
#define MESH_RETRANSMIT_STEPS_MAX 31

guint8         mesh_retransmit_pack                 (MeshRetransmit retransmit);
MeshRetransmit mesh_retransmit_unpack               (guint8         octet);
guint          mesh_retransmit_network_interval_ms  (MeshRetransmit retransmit);
guint          mesh_retransmit_publish_interval_ms  (MeshRetransmit retransmit);

/* Heartbeat count and period logs: 0 is 0, n in
 * 1..0x10 is 2^(n-1), 0x11 is 0xffff; a count log of 0xff means
 * "indefinitely" or 0xffff. */
#define MESH_HEARTBEAT_LOG_MAX        0x11
#define MESH_HEARTBEAT_COUNT_LOG_INF  0xff

guint32 mesh_heartbeat_log_to_value       (guint8  log);
guint8  mesh_heartbeat_period_to_log      (guint32 seconds);
gboolean mesh_heartbeat_count_log_is_valid  (guint8 log);
gboolean mesh_heartbeat_period_log_is_valid (guint8 log);

/* Two 12-bit key indexes in three octets: the first index
 * takes octet 0 and the low nibble of octet 1. */
void mesh_key_index_pair_pack   (guint16       first,
                                 guint16       second,
                                 guint8        octets[3]);
void mesh_key_index_pair_unpack (const guint8  octets[3],
                                 guint16      *first,
                                 guint16      *second);

G_END_DECLS
