/* mesh-config-message.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The Configuration messages a Configuration Client sends about the node
 * as a whole (Mesh Protocol 1.1, "Configuration messages"); mesh-config-model-message.h has
 * those about models. Each function returns the whole access message,
 * opcode first, ready to be sent with the node's device key. Those that
 * take values a node would reject (a key index above 4095, a prohibited
 * TTL, a unicast address where a group address belongs...) check them and
 * fail with %MESH_ERROR_INVALID_ARGUMENT. mesh_opcode_get_response() tells
 * which status message answers each request; mesh-config-status.h decodes
 * it. */

#include <glib.h>

#include "mesh-wire.h"

G_BEGIN_DECLS

#define MESH_KEY_SIZE 16

/**
 * MeshConfigHeartbeatPublication:
 * @destination: unassigned (disabled), unicast or group address
 * @count_log: how many heartbeats to send, as a log (see
 *   mesh_heartbeat_log_to_value()); 0xff sends them indefinitely
 * @period_log: the period between heartbeats, as a log of seconds
 * @ttl: 0..127
 * @features: #MeshFeatures whose change triggers a heartbeat
 * @net_key_index: the network key to send heartbeats with
 *
 * The Heartbeat Publication state.
 */
typedef struct
{
  guint16 destination;
  guint8  count_log;
  guint8  period_log;
  guint8  ttl;
  guint16 features;
  guint16 net_key_index;
} MeshConfigHeartbeatPublication;

/**
 * MeshKeyRefreshTransition:
 *
 * The transitions a Config Key Refresh Phase Set may ask for.
 */
typedef enum
{
  MESH_KEY_REFRESH_TRANSITION_USE_NEW_KEYS = 0x02,
  MESH_KEY_REFRESH_TRANSITION_REVOKE_OLD_KEYS = 0x03,
} MeshKeyRefreshTransition;

GBytes *mesh_config_composition_data_get_new (guint8 page);

GBytes *mesh_config_beacon_get_new      (void);
GBytes *mesh_config_beacon_set_new      (gboolean enabled);
GBytes *mesh_config_default_ttl_get_new (void);
GBytes *mesh_config_default_ttl_set_new (guint8   ttl,
                                         GError **error);
GBytes *mesh_config_friend_get_new      (void);
GBytes *mesh_config_friend_set_new      (gboolean enabled);
GBytes *mesh_config_gatt_proxy_get_new  (void);
GBytes *mesh_config_gatt_proxy_set_new  (gboolean enabled);
GBytes *mesh_config_relay_get_new       (void);
GBytes *mesh_config_relay_set_new       (gboolean         enabled,
                                         MeshRetransmit   retransmit,
                                         GError         **error);
GBytes *mesh_config_network_transmit_get_new (void);
GBytes *mesh_config_network_transmit_set_new (MeshRetransmit   transmit,
                                              GError         **error);
GBytes *mesh_config_node_identity_get_new    (guint16          net_key_index,
                                              GError         **error);
GBytes *mesh_config_node_identity_set_new    (guint16          net_key_index,
                                              gboolean         running,
                                              GError         **error);

GBytes *mesh_config_appkey_add_new    (guint16       net_key_index,
                                       guint16       app_key_index,
                                       const guint8  key[MESH_KEY_SIZE],
                                       GError      **error);
GBytes *mesh_config_appkey_update_new (guint16       net_key_index,
                                       guint16       app_key_index,
                                       const guint8  key[MESH_KEY_SIZE],
                                       GError      **error);
GBytes *mesh_config_appkey_delete_new (guint16       net_key_index,
                                       guint16       app_key_index,
                                       GError      **error);
GBytes *mesh_config_appkey_get_new    (guint16       net_key_index,
                                       GError      **error);
GBytes *mesh_config_netkey_add_new    (guint16       net_key_index,
                                       const guint8  key[MESH_KEY_SIZE],
                                       GError      **error);
GBytes *mesh_config_netkey_update_new (guint16       net_key_index,
                                       const guint8  key[MESH_KEY_SIZE],
                                       GError      **error);
GBytes *mesh_config_netkey_delete_new (guint16       net_key_index,
                                       GError      **error);
GBytes *mesh_config_netkey_get_new    (void);

GBytes *mesh_config_node_reset_new (void);

GBytes *mesh_config_key_refresh_phase_get_new (guint16                    net_key_index,
                                               GError                   **error);
GBytes *mesh_config_key_refresh_phase_set_new (guint16                    net_key_index,
                                               MeshKeyRefreshTransition   transition,
                                               GError                   **error);

GBytes *mesh_config_heartbeat_publication_get_new  (void);
GBytes *mesh_config_heartbeat_publication_set_new  (const MeshConfigHeartbeatPublication  *publication,
                                                    GError                               **error);
GBytes *mesh_config_heartbeat_subscription_get_new (void);
GBytes *mesh_config_heartbeat_subscription_set_new (guint16                                source,
                                                    guint16                                destination,
                                                    guint8                                 period_log,
                                                    GError                               **error);

GBytes *mesh_config_poll_timeout_get_new (guint16   lpn_address,
                                          GError  **error);

G_END_DECLS
