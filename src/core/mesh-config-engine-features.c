/* mesh-config-engine-features.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* The engine's operations on a node's features (relay, proxy, friend,
 * secure network beacon), Default TTL and Network Transmit. */

#include "mesh-config-engine-private.h"
#include "mesh-node.h"

/* Applying confirmed states */

static void
apply_default_ttl (MeshConfigRequest      *request,
                   const MeshConfigStatus *status,
                   MeshStoreBatch         *batch)
{
  mesh_node_set_default_ttl (request->node, status->default_ttl);
  mesh_store_batch_update (batch, request->node);
}

static void
apply_gatt_proxy (MeshConfigRequest      *request,
                  const MeshConfigStatus *status,
                  MeshStoreBatch         *batch)
{
  mesh_node_set_proxy (request->node, status->gatt_proxy);
  mesh_store_batch_update (batch, request->node);
}

static void
apply_friend (MeshConfigRequest      *request,
              const MeshConfigStatus *status,
              MeshStoreBatch         *batch)
{
  mesh_node_set_friend (request->node, status->friend_state);
  mesh_store_batch_update (batch, request->node);
}

static void
apply_relay (MeshConfigRequest      *request,
             const MeshConfigStatus *status,
             MeshStoreBatch         *batch)
{
  MeshTransmit retransmit = {
    .count = status->relay.retransmit.count,
    .interval_steps = status->relay.retransmit.interval_steps,
  };

  mesh_node_set_relay (request->node, status->relay.state);
  mesh_node_set_relay_retransmit (request->node,
                                  status->relay.state != MESH_FEATURE_STATE_NOT_SUPPORTED ? &retransmit : NULL);
  mesh_store_batch_update (batch, request->node);
}

static void
apply_beacon (MeshConfigRequest      *request,
              const MeshConfigStatus *status,
              MeshStoreBatch         *batch)
{
  mesh_node_set_secure_network_beacon (request->node, status->beacon_enabled ? 1 : 0);
  mesh_store_batch_update (batch, request->node);
}

static void
apply_network_transmit (MeshConfigRequest      *request,
                        const MeshConfigStatus *status,
                        MeshStoreBatch         *batch)
{
  MeshTransmit transmit = {
    .count = status->network_transmit.count,
    .interval_steps = status->network_transmit.interval_steps,
  };

  mesh_node_set_network_transmit (request->node, &transmit);
  mesh_store_batch_update (batch, request->node);
}

/* A Set's answer reports the state that was set (or that the feature is
 * not supported): an answer reporting another state is a late one. */

static gboolean
accept_default_ttl (MeshConfigRequest      *request,
                    const MeshConfigStatus *status)
{
  return status->default_ttl == request->expected;
}

static gboolean
accept_feature (MeshConfigRequest      *request,
                const MeshConfigStatus *status)
{
  MeshFeatureState state = status->opcode == MESH_OP_CONFIG_GATT_PROXY_STATUS
                           ? status->gatt_proxy : status->friend_state;

  return state == request->expected || state == MESH_FEATURE_STATE_NOT_SUPPORTED;
}

static gboolean
accept_relay (MeshConfigRequest      *request,
              const MeshConfigStatus *status)
{
  return status->relay.state == MESH_FEATURE_STATE_NOT_SUPPORTED ||
         ((guint32) status->relay.state | (guint32) mesh_retransmit_pack (status->relay.retransmit) << 8) == request->expected;
}

static gboolean
accept_beacon (MeshConfigRequest      *request,
               const MeshConfigStatus *status)
{
  return !!status->beacon_enabled == !!request->expected;
}

static gboolean
accept_network_transmit (MeshConfigRequest      *request,
                         const MeshConfigStatus *status)
{
  return mesh_retransmit_pack (status->network_transmit) == request->expected;
}

/* Operations */

void
mesh_config_engine_default_ttl_get_async (MeshConfigEngine    *self,
                                          MeshNode            *node,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  mesh_config_engine_submit_simple (self, node, mesh_config_engine_default_ttl_get_async,
                                    mesh_config_default_ttl_get_new (), NULL, apply_default_ttl,
                                    cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_default_ttl_get_finish (MeshConfigEngine  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_default_ttl_get_async, error);
}

void
mesh_config_engine_default_ttl_set_async (MeshConfigEngine    *self,
                                          MeshNode            *node,
                                          guint8               ttl,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GError *error = NULL;
  GBytes *message;

  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  message = mesh_config_default_ttl_set_new (ttl, &error);
  mesh_config_engine_submit_set (self, node, mesh_config_engine_default_ttl_set_async, message, error,
              apply_default_ttl, accept_default_ttl, ttl, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_default_ttl_set_finish (MeshConfigEngine  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_default_ttl_set_async, error);
}

void
mesh_config_engine_gatt_proxy_get_async (MeshConfigEngine    *self,
                                         MeshNode            *node,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  mesh_config_engine_submit_simple (self, node, mesh_config_engine_gatt_proxy_get_async,
                                    mesh_config_gatt_proxy_get_new (), NULL, apply_gatt_proxy,
                                    cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_gatt_proxy_get_finish (MeshConfigEngine  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_gatt_proxy_get_async, error);
}

void
mesh_config_engine_gatt_proxy_set_async (MeshConfigEngine    *self,
                                         MeshNode            *node,
                                         gboolean             enabled,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  mesh_config_engine_submit_set (self, node, mesh_config_engine_gatt_proxy_set_async, mesh_config_gatt_proxy_set_new (enabled),
              NULL, apply_gatt_proxy, accept_feature, enabled ? MESH_FEATURE_STATE_ENABLED : MESH_FEATURE_STATE_DISABLED,
              cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_gatt_proxy_set_finish (MeshConfigEngine  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_gatt_proxy_set_async, error);
}

void
mesh_config_engine_relay_get_async (MeshConfigEngine    *self,
                                    MeshNode            *node,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  mesh_config_engine_submit_simple (self, node, mesh_config_engine_relay_get_async,
                                    mesh_config_relay_get_new (), NULL, apply_relay,
                                    cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_relay_get_finish (MeshConfigEngine  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_relay_get_async, error);
}

void
mesh_config_engine_relay_set_async (MeshConfigEngine    *self,
                                    MeshNode            *node,
                                    gboolean             enabled,
                                    MeshRetransmit       retransmit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GError *error = NULL;
  GBytes *message;

  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  message = mesh_config_relay_set_new (enabled, retransmit, &error);
  mesh_config_engine_submit_set (self, node, mesh_config_engine_relay_set_async, message, error, apply_relay, accept_relay,
              (enabled ? MESH_FEATURE_STATE_ENABLED : MESH_FEATURE_STATE_DISABLED) |
              (guint32) mesh_retransmit_pack (retransmit) << 8,
              cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_relay_set_finish (MeshConfigEngine  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_relay_set_async, error);
}

void
mesh_config_engine_friend_get_async (MeshConfigEngine    *self,
                                     MeshNode            *node,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  mesh_config_engine_submit_simple (self, node, mesh_config_engine_friend_get_async,
                                    mesh_config_friend_get_new (), NULL, apply_friend,
                                    cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_friend_get_finish (MeshConfigEngine  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_friend_get_async, error);
}

void
mesh_config_engine_friend_set_async (MeshConfigEngine    *self,
                                     MeshNode            *node,
                                     gboolean             enabled,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  mesh_config_engine_submit_set (self, node, mesh_config_engine_friend_set_async, mesh_config_friend_set_new (enabled),
              NULL, apply_friend, accept_feature, enabled ? MESH_FEATURE_STATE_ENABLED : MESH_FEATURE_STATE_DISABLED,
              cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_friend_set_finish (MeshConfigEngine  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_friend_set_async, error);
}

void
mesh_config_engine_beacon_get_async (MeshConfigEngine    *self,
                                     MeshNode            *node,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  mesh_config_engine_submit_simple (self, node, mesh_config_engine_beacon_get_async,
                                    mesh_config_beacon_get_new (), NULL, apply_beacon,
                                    cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_beacon_get_finish (MeshConfigEngine  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_beacon_get_async, error);
}

void
mesh_config_engine_beacon_set_async (MeshConfigEngine    *self,
                                     MeshNode            *node,
                                     gboolean             enabled,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  mesh_config_engine_submit_set (self, node, mesh_config_engine_beacon_set_async, mesh_config_beacon_set_new (enabled),
              NULL, apply_beacon, accept_beacon, enabled, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_beacon_set_finish (MeshConfigEngine  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_beacon_set_async, error);
}

void
mesh_config_engine_network_transmit_get_async (MeshConfigEngine    *self,
                                               MeshNode            *node,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  mesh_config_engine_submit_simple (self, node, mesh_config_engine_network_transmit_get_async,
                                    mesh_config_network_transmit_get_new (), NULL, apply_network_transmit,
                                    cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_network_transmit_get_finish (MeshConfigEngine  *self,
                                                GAsyncResult      *result,
                                                GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_network_transmit_get_async, error);
}

void
mesh_config_engine_network_transmit_set_async (MeshConfigEngine    *self,
                                               MeshNode            *node,
                                               MeshRetransmit       transmit,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  GError *error = NULL;
  GBytes *message;

  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  message = mesh_config_network_transmit_set_new (transmit, &error);
  mesh_config_engine_submit_set (self, node, mesh_config_engine_network_transmit_set_async, message, error,
              apply_network_transmit, accept_network_transmit, mesh_retransmit_pack (transmit),
              cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_network_transmit_set_finish (MeshConfigEngine  *self,
                                                GAsyncResult      *result,
                                                GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_network_transmit_set_async, error);
}
