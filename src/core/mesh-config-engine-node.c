/* mesh-config-engine-node.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* The engine's operations on the node as a whole: composition, node
 * identity, reset, key refresh phase, heartbeat and the Low Power node poll
 * timeout (mesh-config-engine-features.c has the features, TTL and
 * transmit parameters). */

#include "mesh-app-key.h"
#include "mesh-config-engine-private.h"
#include "mesh-element.h"
#include "mesh-node.h"

/* Applying confirmed states */

static void
apply_feature_support (MeshNode                             *node,
                       guint16                               supported,
                       MeshFeatures                          feature,
                       MeshFeatureState (*get) (MeshNode *),
                       void             (*set) (MeshNode *,  MeshFeatureState))
{
  MeshFeatureState state = get (node);

  if (!(supported & feature))
    set (node, MESH_FEATURE_STATE_NOT_SUPPORTED);
  else if (state == MESH_FEATURE_STATE_NOT_SUPPORTED)
    set (node, MESH_FEATURE_STATE_UNKNOWN);
}

/* A model the node still reports keeps what the database knew of it. */
static void
copy_model_state (MeshModel *to,
                  MeshModel *from)
{
  const guint16 *bindings;
  const MeshDestination *subscriptions;
  guint n;

  bindings = mesh_model_get_bindings (from, &n);
  mesh_model_set_bindings (to, bindings, n);
  subscriptions = mesh_model_get_subscriptions (from, &n);
  mesh_model_set_subscriptions (to, subscriptions, n);
  mesh_model_set_publication (to, mesh_model_get_publication (from));
}

static void
apply_composition (MeshConfigRequest      *request,
                   const MeshConfigStatus *status,
                   MeshStoreBatch         *batch)
{
  const MeshCompositionData *data = status->composition.data;
  MeshNode *node = request->node;
  GListModel *elements;
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_object_unref);

  if (status->composition.page != 0 || data == NULL)
    return;

  mesh_node_set_cid (node, data->company_id);
  mesh_node_set_pid (node, data->product_id);
  mesh_node_set_vid (node, data->version_id);
  mesh_node_set_crpl (node, data->crpl);
  apply_feature_support (node, data->features, MESH_FEATURES_RELAY, mesh_node_get_relay, mesh_node_set_relay);
  apply_feature_support (node, data->features, MESH_FEATURES_PROXY, mesh_node_get_proxy, mesh_node_set_proxy);
  apply_feature_support (node, data->features, MESH_FEATURES_FRIEND, mesh_node_get_friend, mesh_node_set_friend);
  apply_feature_support (node, data->features, MESH_FEATURES_LOW_POWER, mesh_node_get_low_power, mesh_node_set_low_power);

  elements = mesh_node_get_elements (node);
  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    g_ptr_array_add (old, g_list_model_get_item (elements, i));
  mesh_node_remove_all_elements (node);

  for (guint i = 0; i < data->n_elements; i++)
    {
      const MeshCompositionElement *ce = &data->elements[i];
      g_autoptr(MeshElement) element = mesh_element_new (i, ce->location);
      MeshElement *previous = i < old->len ? old->pdata[i] : NULL;

      if (previous != NULL)
        mesh_element_set_name (element, mesh_element_get_name (previous));

      for (guint j = 0; j < ce->n_models; j++)
        {
          MeshModelId id = ce->models[j];
          guint32 db_id = id.vendor ? ((guint32) id.company_id << 16) | id.model_id : id.model_id;
          g_autoptr(MeshModel) model = mesh_model_new (db_id, id.vendor);
          MeshModel *was = previous != NULL ? mesh_element_find_model (previous, db_id, id.vendor) : NULL;

          if (was != NULL)
            copy_model_state (model, was);
          mesh_element_add_model (element, model);
        }

      mesh_node_add_element (node, element);
    }

  mesh_node_set_element_count (node, data->n_elements);
  mesh_store_batch_update (batch, node);
}

static void
set_key_updated (MeshNodeKey *keys,
                 guint        n_keys,
                 guint16      index,
                 gboolean     updated)
{
  for (guint i = 0; i < n_keys; i++)
    if (keys[i].index == index)
      keys[i].updated = updated;
}

/* A node in phase 1 or 2 has the new keys of that subnet. */
static void
apply_key_refresh (MeshConfigRequest      *request,
                   const MeshConfigStatus *status,
                   MeshStoreBatch         *batch)
{
  MeshNode *node = request->node;
  MeshNetwork *network = mesh_node_get_network (node);
  gboolean updated = status->key_refresh.phase != MESH_KEY_REFRESH_PHASE_NORMAL;
  const MeshNodeKey *keys;
  g_autofree MeshNodeKey *net_keys = NULL;
  g_autofree MeshNodeKey *app_keys = NULL;
  guint n_net_keys, n_app_keys;

  keys = mesh_node_get_net_keys (node, &n_net_keys);
  net_keys = g_memdup2 (keys, n_net_keys * sizeof *keys);
  set_key_updated (net_keys, n_net_keys, status->key_refresh.net_key_index, updated);
  mesh_node_set_net_keys (node, net_keys, n_net_keys);

  keys = mesh_node_get_app_keys (node, &n_app_keys);
  app_keys = g_memdup2 (keys, n_app_keys * sizeof *keys);
  for (guint i = 0; i < n_app_keys; i++)
    {
      MeshAppKey *app_key = network != NULL ? mesh_network_find_app_key (network, app_keys[i].index) : NULL;

      if (app_key != NULL && mesh_app_key_get_bound_net_key (app_key) == status->key_refresh.net_key_index)
        app_keys[i].updated = updated;
    }
  mesh_node_set_app_keys (node, app_keys, n_app_keys);

  mesh_store_batch_update (batch, node);
}

static void
apply_heartbeat_publication (MeshConfigRequest      *request,
                             const MeshConfigStatus *status,
                             MeshStoreBatch         *batch)
{
  const MeshConfigHeartbeatPublication *wire = &status->heartbeat_publication.publication;
  MeshHeartbeatPublication publication = {
    .destination = wire->destination,
    .period_log = wire->period_log,
    .ttl = wire->ttl,
    .net_key_index = wire->net_key_index,
    .features = (MeshFeatures) (wire->features & MESH_FEATURES_ALL),
  };

  mesh_node_set_heartbeat_publication (request->node,
                                       wire->destination != MESH_ADDRESS_UNASSIGNED ? &publication : NULL);
  mesh_store_batch_update (batch, request->node);
}

static void
apply_heartbeat_subscription (MeshConfigRequest      *request,
                              const MeshConfigStatus *status,
                              MeshStoreBatch         *batch)
{
  MeshHeartbeatSubscription subscription = {
    .source = status->heartbeat_subscription.source,
    .destination = status->heartbeat_subscription.destination,
  };
  gboolean enabled = subscription.source != MESH_ADDRESS_UNASSIGNED &&
                     subscription.destination != MESH_ADDRESS_UNASSIGNED;

  mesh_node_set_heartbeat_subscription (request->node, enabled ? &subscription : NULL);
  mesh_store_batch_update (batch, request->node);
}

/* A Set's answer reports the state that was set: an answer reporting
 * another one is a late answer to an earlier request. */

static gboolean
accept_heartbeat_publication (MeshConfigRequest      *request,
                              const MeshConfigStatus *status)
{
  return status->heartbeat_publication.publication.destination == request->expected;
}

/* Turning the subscription off reports unassigned addresses. */
static gboolean
accept_heartbeat_subscription (MeshConfigRequest      *request,
                               const MeshConfigStatus *status)
{
  guint16 source = request->expected & 0xffff;
  guint16 destination = request->expected >> 16;

  if (source == MESH_ADDRESS_UNASSIGNED || destination == MESH_ADDRESS_UNASSIGNED ||
      status->heartbeat_subscription.status != MESH_STATUS_SUCCESS)
    return TRUE;

  return status->heartbeat_subscription.source == source &&
         status->heartbeat_subscription.destination == destination;
}

/* Operations */

void
mesh_config_engine_composition_get_async (MeshConfigEngine    *self,
                                          MeshNode            *node,
                                          guint8               page,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;
  MeshConfigRequest *request;

  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  task = mesh_config_engine_task_new (self, node, mesh_config_engine_composition_get_async,
                                      cancellable, callback, user_data);
  request = g_task_get_task_data (task);
  request->message = mesh_config_composition_data_get_new (page);
  request->apply = apply_composition;
  request->needs_elements = TRUE;
  mesh_config_engine_submit (self, task, NULL);
}

MeshConfigStatus *
mesh_config_engine_composition_get_finish (MeshConfigEngine  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_composition_get_async, error);
}

static void
submit_net_key_request (MeshConfigEngine    *self,
                        MeshNode            *node,
                        gpointer             source_tag,
                        guint16              net_key_index,
                        GBytes              *message,
                        GError              *error,
                        MeshConfigApplyFunc  apply,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = mesh_config_engine_task_new (self, node, source_tag, cancellable, callback, user_data);
  MeshConfigRequest *request = g_task_get_task_data (task);

  request->message = message;
  request->apply = apply;
  request->match = MESH_CONFIG_MATCH_NET_KEY;
  request->net_key_index = net_key_index;
  mesh_config_engine_submit (self, task, error);
}

void
mesh_config_engine_node_identity_get_async (MeshConfigEngine    *self,
                                            MeshNode            *node,
                                            guint16              net_key_index,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  GError *error = NULL;
  GBytes *message;

  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  message = mesh_config_node_identity_get_new (net_key_index, &error);
  submit_net_key_request (self, node, mesh_config_engine_node_identity_get_async, net_key_index,
                          message, error, NULL, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_node_identity_get_finish (MeshConfigEngine  *self,
                                             GAsyncResult      *result,
                                             GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_node_identity_get_async, error);
}

void
mesh_config_engine_node_identity_set_async (MeshConfigEngine    *self,
                                            MeshNode            *node,
                                            guint16              net_key_index,
                                            gboolean             running,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  GError *error = NULL;
  GBytes *message;

  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  message = mesh_config_node_identity_set_new (net_key_index, running, &error);
  submit_net_key_request (self, node, mesh_config_engine_node_identity_set_async, net_key_index,
                          message, error, NULL, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_node_identity_set_finish (MeshConfigEngine  *self,
                                             GAsyncResult      *result,
                                             GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_node_identity_set_async, error);
}

void
mesh_config_engine_node_reset_async (MeshConfigEngine    *self,
                                     MeshNode            *node,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  MeshConfigRequest *request;

  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  task = mesh_config_engine_task_new (self, node, mesh_config_engine_node_reset_async,
                                      cancellable, callback, user_data);
  request = g_task_get_task_data (task);
  request->message = mesh_config_node_reset_new ();
  mesh_config_engine_submit (self, task, NULL);
}

MeshConfigStatus *
mesh_config_engine_node_reset_finish (MeshConfigEngine  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_node_reset_async, error);
}

void
mesh_config_engine_key_refresh_phase_get_async (MeshConfigEngine    *self,
                                                MeshNode            *node,
                                                guint16              net_key_index,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  GError *error = NULL;
  GBytes *message;

  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  message = mesh_config_key_refresh_phase_get_new (net_key_index, &error);
  submit_net_key_request (self, node, mesh_config_engine_key_refresh_phase_get_async, net_key_index,
                          message, error, apply_key_refresh, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_key_refresh_phase_get_finish (MeshConfigEngine  *self,
                                                 GAsyncResult      *result,
                                                 GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_key_refresh_phase_get_async, error);
}

void
mesh_config_engine_key_refresh_phase_set_async (MeshConfigEngine         *self,
                                                MeshNode                 *node,
                                                guint16                   net_key_index,
                                                MeshKeyRefreshTransition  transition,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data)
{
  GError *error = NULL;
  GBytes *message;

  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  message = mesh_config_key_refresh_phase_set_new (net_key_index, transition, &error);
  submit_net_key_request (self, node, mesh_config_engine_key_refresh_phase_set_async, net_key_index,
                          message, error, apply_key_refresh, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_key_refresh_phase_set_finish (MeshConfigEngine  *self,
                                                 GAsyncResult      *result,
                                                 GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_key_refresh_phase_set_async, error);
}

void
mesh_config_engine_heartbeat_publication_get_async (MeshConfigEngine    *self,
                                                    MeshNode            *node,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data)
{
  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  mesh_config_engine_submit_simple (self, node, mesh_config_engine_heartbeat_publication_get_async,
                                    mesh_config_heartbeat_publication_get_new (), NULL,
                                    apply_heartbeat_publication, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_heartbeat_publication_get_finish (MeshConfigEngine  *self,
                                                     GAsyncResult      *result,
                                                     GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_heartbeat_publication_get_async, error);
}

void
mesh_config_engine_heartbeat_publication_set_async (MeshConfigEngine                     *self,
                                                    MeshNode                             *node,
                                                    const MeshConfigHeartbeatPublication *publication,
                                                    GCancellable                         *cancellable,
                                                    GAsyncReadyCallback                   callback,
                                                    gpointer                              user_data)
{
  GError *error = NULL;
  GBytes *message;

  MESH_CONFIG_NODE_PRECONDITIONS (self, node);
  g_return_if_fail (publication != NULL);

  message = mesh_config_heartbeat_publication_set_new (publication, &error);
  mesh_config_engine_submit_set (self, node, mesh_config_engine_heartbeat_publication_set_async, message, error,
              apply_heartbeat_publication, accept_heartbeat_publication, publication->destination,
              cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_heartbeat_publication_set_finish (MeshConfigEngine  *self,
                                                     GAsyncResult      *result,
                                                     GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_heartbeat_publication_set_async, error);
}

void
mesh_config_engine_heartbeat_subscription_get_async (MeshConfigEngine    *self,
                                                     MeshNode            *node,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data)
{
  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  mesh_config_engine_submit_simple (self, node, mesh_config_engine_heartbeat_subscription_get_async,
                                    mesh_config_heartbeat_subscription_get_new (), NULL,
                                    apply_heartbeat_subscription, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_heartbeat_subscription_get_finish (MeshConfigEngine  *self,
                                                      GAsyncResult      *result,
                                                      GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_heartbeat_subscription_get_async, error);
}

void
mesh_config_engine_heartbeat_subscription_set_async (MeshConfigEngine    *self,
                                                     MeshNode            *node,
                                                     guint16              source,
                                                     guint16              destination,
                                                     guint8               period_log,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data)
{
  GError *error = NULL;
  GBytes *message;

  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  message = mesh_config_heartbeat_subscription_set_new (source, destination, period_log, &error);
  mesh_config_engine_submit_set (self, node, mesh_config_engine_heartbeat_subscription_set_async, message, error,
              apply_heartbeat_subscription, accept_heartbeat_subscription,
              source | (guint32) destination << 16, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_heartbeat_subscription_set_finish (MeshConfigEngine  *self,
                                                      GAsyncResult      *result,
                                                      GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_heartbeat_subscription_set_async, error);
}

void
mesh_config_engine_poll_timeout_get_async (MeshConfigEngine    *self,
                                           MeshNode            *node,
                                           guint16              lpn_address,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GError *error = NULL;
  GTask *task;
  MeshConfigRequest *request;

  MESH_CONFIG_NODE_PRECONDITIONS (self, node);

  task = mesh_config_engine_task_new (self, node, mesh_config_engine_poll_timeout_get_async,
                                      cancellable, callback, user_data);
  request = g_task_get_task_data (task);
  request->message = mesh_config_poll_timeout_get_new (lpn_address, &error);
  request->match = MESH_CONFIG_MATCH_ADDRESS;
  request->address = lpn_address;
  mesh_config_engine_submit (self, task, error);
}

MeshConfigStatus *
mesh_config_engine_poll_timeout_get_finish (MeshConfigEngine  *self,
                                            GAsyncResult      *result,
                                            GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_poll_timeout_get_async, error);
}
