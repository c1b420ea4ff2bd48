/* mesh-config-engine-keys.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* The engine's AppKey and NetKey operations. The key bytes come from the
 * keyring, never from the database. */

#include <glib/gi18n.h>

#include "mesh-app-key.h"
#include "mesh-config-engine-private.h"
#include "mesh-element.h"
#include "mesh-error.h"
#include "mesh-keyring.h"
#include "mesh-node.h"

typedef enum
{
  KEY_APP_ADD,
  KEY_APP_UPDATE,
  KEY_NET_ADD,
  KEY_NET_UPDATE,
} KeyMessage;

/* Applying confirmed states */

static void
add_node_key (MeshNode *node,
              gboolean  app,
              guint16   index,
              gboolean  updated)
{
  if (app)
    mesh_node_add_app_key (node, index, updated);
  else
    mesh_node_add_net_key (node, index, updated);
}

static gboolean
node_key_updated (const MeshNodeKey *keys,
                  guint              n_keys,
                  guint16            index)
{
  for (guint i = 0; i < n_keys; i++)
    if (keys[i].index == index)
      return keys[i].updated;

  return FALSE;
}

/* A node that deletes an AppKey drops its models' bindings to it, and a
 * publication that used it (as bluetooth-meshd does): the database too. */
static void
forget_app_key_in_models (MeshNode *node,
                          guint16   app_key_index)
{
  GListModel *elements = mesh_node_get_elements (node);

  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MeshElement) element = g_list_model_get_item (elements, i);
      GListModel *models = mesh_element_get_models (element);

      for (guint j = 0; j < g_list_model_get_n_items (models); j++)
        {
          g_autoptr(MeshModel) model = g_list_model_get_item (models, j);
          const MeshPublication *publication = mesh_model_get_publication (model);

          mesh_model_remove_binding (model, app_key_index);
          if (publication != NULL && publication->app_key_index == app_key_index)
            mesh_model_set_publication (model, NULL);
        }
    }
}

static void
apply_app_key (MeshConfigRequest      *request,
               const MeshConfigStatus *status,
               MeshStoreBatch         *batch)
{
  MeshNode *node = request->node;
  KeyMessage kind = GPOINTER_TO_INT (request->data);
  const MeshNodeKey *keys;
  guint n_keys;

  keys = mesh_node_get_app_keys (node, &n_keys);
  if (mesh_config_request_opcode (request) == MESH_OP_CONFIG_APPKEY_DELETE)
    {
      mesh_node_remove_app_key (node, request->app_key_index);
      forget_app_key_in_models (node, request->app_key_index);
    }
  else
    add_node_key (node, TRUE, request->app_key_index,
                  kind == KEY_APP_UPDATE || node_key_updated (keys, n_keys, request->app_key_index));
  mesh_store_batch_update (batch, node);
}

/* A node that deletes a NetKey deletes the AppKeys bound to it, with their
 * bindings and publications (as bluetooth-meshd does): the database too. */
static void
forget_bound_app_keys (MeshNode *node,
                       guint16   net_key_index)
{
  MeshNetwork *network = mesh_node_get_network (node);
  g_autoptr(GArray) bound = g_array_new (FALSE, FALSE, sizeof (guint16));
  const MeshNodeKey *keys;
  guint n_keys;

  if (network == NULL)
    return;

  keys = mesh_node_get_app_keys (node, &n_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      MeshAppKey *app_key = mesh_network_find_app_key (network, keys[i].index);

      if (app_key != NULL && mesh_app_key_get_bound_net_key (app_key) == net_key_index)
        g_array_append_val (bound, keys[i].index);
    }

  for (guint i = 0; i < bound->len; i++)
    {
      guint16 index = g_array_index (bound, guint16, i);

      mesh_node_remove_app_key (node, index);
      forget_app_key_in_models (node, index);
    }
}

static void
apply_net_key (MeshConfigRequest      *request,
               const MeshConfigStatus *status,
               MeshStoreBatch         *batch)
{
  MeshNode *node = request->node;
  KeyMessage kind = GPOINTER_TO_INT (request->data);
  const MeshNodeKey *keys;
  guint n_keys;

  keys = mesh_node_get_net_keys (node, &n_keys);
  if (mesh_config_request_opcode (request) == MESH_OP_CONFIG_NETKEY_DELETE)
    {
      mesh_node_remove_net_key (node, request->net_key_index);
      forget_bound_app_keys (node, request->net_key_index);
    }
  else
    add_node_key (node, FALSE, request->net_key_index,
                  kind == KEY_NET_UPDATE || node_key_updated (keys, n_keys, request->net_key_index));
  mesh_store_batch_update (batch, node);
}

/* The node reports every AppKey of one subnet: those of other subnets stay
 * as the database has them. */
static void
apply_app_key_list (MeshConfigRequest      *request,
                    const MeshConfigStatus *status,
                    MeshStoreBatch         *batch)
{
  MeshNode *node = request->node;
  MeshNetwork *network = mesh_node_get_network (node);
  const MeshConfigKeyList *list = &status->key_list;
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (MeshNodeKey));
  const MeshNodeKey *keys;
  guint n_keys;

  keys = mesh_node_get_app_keys (node, &n_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      MeshAppKey *app_key = network != NULL ? mesh_network_find_app_key (network, keys[i].index) : NULL;

      if (app_key == NULL || mesh_app_key_get_bound_net_key (app_key) != list->net_key_index)
        g_array_append_val (result, keys[i]);
    }

  for (guint i = 0; i < list->n_indexes; i++)
    {
      MeshNodeKey key = { list->indexes[i], node_key_updated (keys, n_keys, list->indexes[i]) };

      g_array_append_val (result, key);
    }

  mesh_node_set_app_keys (node, (const MeshNodeKey *) result->data, result->len);
  mesh_store_batch_update (batch, node);
}

static void
apply_net_key_list (MeshConfigRequest      *request,
                    const MeshConfigStatus *status,
                    MeshStoreBatch         *batch)
{
  MeshNode *node = request->node;
  const MeshConfigKeyList *list = &status->key_list;
  g_autofree MeshNodeKey *result = g_new0 (MeshNodeKey, MAX (list->n_indexes, 1));
  const MeshNodeKey *keys;
  guint n_keys;

  keys = mesh_node_get_net_keys (node, &n_keys);
  for (guint i = 0; i < list->n_indexes; i++)
    {
      result[i].index = list->indexes[i];
      result[i].updated = node_key_updated (keys, n_keys, list->indexes[i]);
    }

  mesh_node_set_net_keys (node, result, list->n_indexes);
  mesh_store_batch_update (batch, node);
}

/* Building Add and Update once the keyring has answered */

static GBytes *
build_key_message (MeshConfigRequest  *request,
                   const guint8       *key,
                   GError            **error)
{
  switch ((KeyMessage) GPOINTER_TO_INT (request->data))
    {
    case KEY_APP_ADD:
      return mesh_config_appkey_add_new (request->net_key_index, request->app_key_index, key, error);
    case KEY_APP_UPDATE:
      return mesh_config_appkey_update_new (request->net_key_index, request->app_key_index, key, error);
    case KEY_NET_ADD:
      return mesh_config_netkey_add_new (request->net_key_index, key, error);
    case KEY_NET_UPDATE:
      return mesh_config_netkey_update_new (request->net_key_index, key, error);
    default:
      g_assert_not_reached ();
    }
}

static void
lookup_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshConfigEngine *self = g_task_get_source_object (task);
  MeshConfigRequest *request = g_task_get_task_data (task);
  g_autoptr(GBytes) key = NULL;
  GError *error = NULL;

  key = mesh_keyring_lookup_finish (result, &error);
  if (key != NULL && g_bytes_get_size (key) != MESH_KEY_SIZE)
    g_set_error_literal (&error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                         _("The keyring holds a damaged key. Remove the key from the network and add it again."));
  if (error == NULL)
    request->message = build_key_message (request, g_bytes_get_data (key, NULL), &error);

  mesh_config_engine_prepared (self, task, error);
}

/* Queues the request at once (so that it keeps its place before later
 * requests to the node) and sends it once the keyring gave the key. */
static void
submit_with_key (MeshConfigEngine *self,
                 GTask            *task,
                 MeshSecretKind    kind,
                 guint16           index)
{
  MeshConfigRequest *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GTask) lookup_task = g_object_ref (task);

  mesh_config_engine_submit (self, task, NULL);
  if (request->state != MESH_CONFIG_REQUEST_QUEUED)
    return;

  mesh_keyring_lookup_async (mesh_network_get_uuid (mesh_config_engine_get_network (self)),
                             kind, index, cancellable, lookup_key_cb, g_steal_pointer (&lookup_task));
}

/* Operations */

static GTask *
app_key_task_new (MeshConfigEngine     *self,
                  MeshNode             *node,
                  guint16               app_key_index,
                  gpointer              source_tag,
                  KeyMessage            kind,
                  GCancellable         *cancellable,
                  GAsyncReadyCallback   callback,
                  gpointer              user_data,
                  GError              **error)
{
  GTask *task = mesh_config_engine_task_new (self, node, source_tag, cancellable, callback, user_data);
  MeshConfigRequest *request = g_task_get_task_data (task);
  MeshAppKey *app_key = mesh_network_find_app_key (mesh_config_engine_get_network (self), app_key_index);

  request->match = MESH_CONFIG_MATCH_NET_KEY | MESH_CONFIG_MATCH_APP_KEY;
  request->app_key_index = app_key_index;
  request->apply = apply_app_key;
  request->data = GINT_TO_POINTER (kind);

  if (app_key == NULL)
    g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                 _("The network has no application key with index %u."), app_key_index);
  else
    request->net_key_index = mesh_app_key_get_bound_net_key (app_key);

  return task;
}

void
mesh_config_engine_app_key_add_async (MeshConfigEngine    *self,
                                      MeshNode            *node,
                                      guint16              app_key_index,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  task = app_key_task_new (self, node, app_key_index, mesh_config_engine_app_key_add_async,
                           KEY_APP_ADD, cancellable, callback, user_data, &error);
  if (error != NULL)
    mesh_config_engine_submit (self, task, error);
  else
    submit_with_key (self, task, MESH_SECRET_APP_KEY, app_key_index);
}

MeshConfigStatus *
mesh_config_engine_app_key_add_finish (MeshConfigEngine  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_app_key_add_async, error);
}

void
mesh_config_engine_app_key_update_async (MeshConfigEngine    *self,
                                         MeshNode            *node,
                                         guint16              app_key_index,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  task = app_key_task_new (self, node, app_key_index, mesh_config_engine_app_key_update_async,
                           KEY_APP_UPDATE, cancellable, callback, user_data, &error);
  if (error != NULL)
    mesh_config_engine_submit (self, task, error);
  else
    submit_with_key (self, task, MESH_SECRET_APP_KEY, app_key_index);
}

MeshConfigStatus *
mesh_config_engine_app_key_update_finish (MeshConfigEngine  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_app_key_update_async, error);
}

void
mesh_config_engine_app_key_delete_async (MeshConfigEngine    *self,
                                         MeshNode            *node,
                                         guint16              app_key_index,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GError *error = NULL;
  GTask *task;
  MeshConfigRequest *request;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  /* KEY_APP_ADD: a Delete sets no "updated" flag. */
  task = app_key_task_new (self, node, app_key_index, mesh_config_engine_app_key_delete_async,
                           KEY_APP_ADD, cancellable, callback, user_data, &error);
  request = g_task_get_task_data (task);
  request->needs_elements = TRUE;  /* the bindings to the key go too */
  if (error == NULL)
    request->message = mesh_config_appkey_delete_new (request->net_key_index, app_key_index, &error);
  mesh_config_engine_submit (self, task, error);
}

MeshConfigStatus *
mesh_config_engine_app_key_delete_finish (MeshConfigEngine  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_app_key_delete_async, error);
}

void
mesh_config_engine_app_key_get_async (MeshConfigEngine    *self,
                                      MeshNode            *node,
                                      guint16              net_key_index,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GError *error = NULL;
  GTask *task;
  MeshConfigRequest *request;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  task = mesh_config_engine_task_new (self, node, mesh_config_engine_app_key_get_async,
                                      cancellable, callback, user_data);
  request = g_task_get_task_data (task);
  request->message = mesh_config_appkey_get_new (net_key_index, &error);
  request->match = MESH_CONFIG_MATCH_NET_KEY;
  request->net_key_index = net_key_index;
  request->apply = apply_app_key_list;
  mesh_config_engine_submit (self, task, error);
}

MeshConfigStatus *
mesh_config_engine_app_key_get_finish (MeshConfigEngine  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_app_key_get_async, error);
}

static GTask *
net_key_task_new (MeshConfigEngine     *self,
                  MeshNode             *node,
                  guint16               net_key_index,
                  gpointer              source_tag,
                  KeyMessage            kind,
                  GCancellable         *cancellable,
                  GAsyncReadyCallback   callback,
                  gpointer              user_data,
                  GError              **error)
{
  GTask *task = mesh_config_engine_task_new (self, node, source_tag, cancellable, callback, user_data);
  MeshConfigRequest *request = g_task_get_task_data (task);

  request->match = MESH_CONFIG_MATCH_NET_KEY;
  request->net_key_index = net_key_index;
  request->apply = apply_net_key;
  request->data = GINT_TO_POINTER (kind);

  if (mesh_network_find_net_key (mesh_config_engine_get_network (self), net_key_index) == NULL)
    g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                 _("The network has no network key with index %u."), net_key_index);

  return task;
}

void
mesh_config_engine_net_key_add_async (MeshConfigEngine    *self,
                                      MeshNode            *node,
                                      guint16              net_key_index,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  task = net_key_task_new (self, node, net_key_index, mesh_config_engine_net_key_add_async,
                           KEY_NET_ADD, cancellable, callback, user_data, &error);
  if (error != NULL)
    mesh_config_engine_submit (self, task, error);
  else
    submit_with_key (self, task, MESH_SECRET_NET_KEY, net_key_index);
}

MeshConfigStatus *
mesh_config_engine_net_key_add_finish (MeshConfigEngine  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_net_key_add_async, error);
}

void
mesh_config_engine_net_key_update_async (MeshConfigEngine    *self,
                                         MeshNode            *node,
                                         guint16              net_key_index,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  task = net_key_task_new (self, node, net_key_index, mesh_config_engine_net_key_update_async,
                           KEY_NET_UPDATE, cancellable, callback, user_data, &error);
  if (error != NULL)
    mesh_config_engine_submit (self, task, error);
  else
    submit_with_key (self, task, MESH_SECRET_NET_KEY, net_key_index);
}

MeshConfigStatus *
mesh_config_engine_net_key_update_finish (MeshConfigEngine  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_net_key_update_async, error);
}

void
mesh_config_engine_net_key_delete_async (MeshConfigEngine    *self,
                                         MeshNode            *node,
                                         guint16              net_key_index,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GError *error = NULL;
  GTask *task;
  MeshConfigRequest *request;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  /* A node may hold a NetKey the network has forgotten: no check here. */
  task = mesh_config_engine_task_new (self, node, mesh_config_engine_net_key_delete_async,
                                      cancellable, callback, user_data);
  request = g_task_get_task_data (task);
  /* The node drops the subnet before it answers: ask over another one. */
  if (request->key_index == net_key_index)
    {
      guint n_keys;
      const MeshNodeKey *keys = mesh_node_get_net_keys (node, &n_keys);

      for (guint i = 0; i < n_keys && request->key_index == net_key_index; i++)
        request->key_index = keys[i].index;
    }
  request->message = mesh_config_netkey_delete_new (net_key_index, &error);
  request->match = MESH_CONFIG_MATCH_NET_KEY;
  request->net_key_index = net_key_index;
  request->apply = apply_net_key;
  request->data = GINT_TO_POINTER (KEY_NET_ADD);
  mesh_config_engine_submit (self, task, error);
}

MeshConfigStatus *
mesh_config_engine_net_key_delete_finish (MeshConfigEngine  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_net_key_delete_async, error);
}

void
mesh_config_engine_net_key_get_async (MeshConfigEngine    *self,
                                      MeshNode            *node,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  mesh_config_engine_submit_simple (self, node, mesh_config_engine_net_key_get_async,
                                    mesh_config_netkey_get_new (), NULL, apply_net_key_list,
                                    cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_net_key_get_finish (MeshConfigEngine  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_net_key_get_async, error);
}
