/* mesh-session-controller-keys.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-format.h"
#include "mesh-session-controller-private.h"

/* The session controller's key operations: new NetKeys and AppKeys are
 * the session's; deleting one goes through the other nodes first. */

typedef struct
{
  /* The MeshAppKey or MeshNetKey being deleted. */
  GObject   *key;
  guint16    index;
  /* The nodes that still have it, the next one first. */
  GPtrArray *nodes;
} DeleteKey;

static void
delete_key_free (DeleteKey *data)
{
  g_clear_object (&data->key);
  g_clear_pointer (&data->nodes, g_ptr_array_unref);
  g_free (data);
}

static GTask *
task_new (MeshNetworkController *controller,
          gpointer               source_tag,
          GCancellable          *cancellable,
          GAsyncReadyCallback    callback,
          gpointer               user_data)
{
  GTask *task = g_task_new (controller, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);

  return task;
}

static void add_net_key_async (MeshNetworkController *controller,
                               MeshNetwork           *network,
                               const char            *name,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data);

/* The session's new NetKey or AppKey, after the task's source tag. */
static void
key_created_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gpointer key;

  if (g_task_get_source_tag (task) == add_net_key_async)
    key = mesh_session_create_net_key_finish (MESH_SESSION (object), result, &error);
  else
    key = mesh_session_create_app_key_finish (MESH_SESSION (object), result, &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, g_object_unref);
}

static void
add_net_key_async (MeshNetworkController *controller,
                   MeshNetwork           *network,
                   const char            *name,
                   GCancellable          *cancellable,
                   GAsyncReadyCallback    callback,
                   gpointer               user_data)
{
  MeshSessionController *self = MESH_SESSION_CONTROLLER (controller);
  g_autoptr(GTask) task = task_new (controller, add_net_key_async, cancellable, callback, user_data);

  if (!_mesh_session_controller_check_open (task))
    return;

  g_return_if_fail (network == mesh_session_get_network (self->session));

  mesh_session_create_net_key_async (self->session, MESH_SESSION_ANY_NET_KEY_INDEX, name,
                                     cancellable, key_created_cb, g_object_ref (task));
}

static MeshNetKey *
add_net_key_finish (MeshNetworkController  *controller,
                    GAsyncResult           *result,
                    GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, controller), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_app_key_async (MeshNetworkController *controller,
                   MeshNetwork           *network,
                   guint16                net_key_index,
                   const char            *name,
                   GCancellable          *cancellable,
                   GAsyncReadyCallback    callback,
                   gpointer               user_data)
{
  MeshSessionController *self = MESH_SESSION_CONTROLLER (controller);
  g_autoptr(GTask) task = task_new (controller, add_app_key_async, cancellable, callback, user_data);

  if (!_mesh_session_controller_check_open (task))
    return;

  g_return_if_fail (network == mesh_session_get_network (self->session));

  mesh_session_create_app_key_async (self->session, net_key_index, MESH_SESSION_ANY_APP_KEY_INDEX,
                                     name, cancellable, key_created_cb, g_object_ref (task));
}

static MeshAppKey *
add_app_key_finish (MeshNetworkController  *controller,
                    GAsyncResult           *result,
                    GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, controller), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Deleting a key: from each other node that has it, then from the
 * network (our own node, meshd, the database, the keyring). */

static void delete_from_next_node (GTask *task);

static void
session_key_deleted_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeleteKey *data = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean deleted;

  if (MESH_IS_NET_KEY (data->key))
    deleted = mesh_session_delete_net_key_finish (MESH_SESSION (object), result, &error);
  else
    deleted = mesh_session_delete_app_key_finish (MESH_SESSION (object), result, &error);

  if (!deleted)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
node_key_deleted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MeshNode) node = NULL;
  DeleteKey *data = g_task_get_task_data (task);
  GError *error = NULL;
  MeshConfigStatus *status;

  if (MESH_IS_NET_KEY (data->key))
    status = mesh_config_engine_net_key_delete_finish (MESH_CONFIG_ENGINE (object), result, &error);
  else
    status = mesh_config_engine_app_key_delete_finish (MESH_CONFIG_ENGINE (object), result, &error);
  node = g_ptr_array_steal_index (data->nodes, 0);
  if (status == NULL)
    {
      g_autofree char *name = mesh_format_node_name (node);

      /* The key stays in the network while a node still has it: deleting
       * it from the network would leave that node with a key nobody can
       * delete any more. */
      if (MESH_IS_NET_KEY (data->key))
        g_prefix_error (&error, _("“%s” still has the NetKey: "), name);
      else
        g_prefix_error (&error, _("“%s” still has the AppKey: "), name);
      g_task_return_error (task, error);
      return;
    }

  mesh_config_status_free (status);
  delete_from_next_node (task);
}

static void
delete_from_next_node (GTask *task)
{
  MeshSessionController *self = g_task_get_source_object (task);
  MeshConfigEngine *engine = mesh_session_get_engine (self->session);
  DeleteKey *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (data->nodes->len > 0 && MESH_IS_NET_KEY (data->key))
    mesh_config_engine_net_key_delete_async (engine, g_ptr_array_index (data->nodes, 0), data->index,
                                             cancellable, node_key_deleted_cb, g_object_ref (task));
  else if (data->nodes->len > 0)
    mesh_config_engine_app_key_delete_async (engine, g_ptr_array_index (data->nodes, 0), data->index,
                                             cancellable, node_key_deleted_cb, g_object_ref (task));
  /* Then our own node, meshd, the database and the keyring. */
  else if (MESH_IS_NET_KEY (data->key))
    mesh_session_delete_net_key_async (self->session, MESH_NET_KEY (data->key), cancellable,
                                       session_key_deleted_cb, g_object_ref (task));
  else
    mesh_session_delete_app_key_async (self->session, MESH_APP_KEY (data->key), cancellable,
                                       session_key_deleted_cb, g_object_ref (task));
}

/* Whether the key of @data is to be deleted from @node. */
static gboolean
node_loses_key (MeshNode  *node,
                DeleteKey *data)
{
  guint n_net_keys = 0;

  if (!MESH_IS_NET_KEY (data->key))
    return mesh_node_has_app_key (node, data->index);

  /* A node refuses to delete its only NetKey (Cannot Remove): it stays
   * in that subnet, which we leave. */
  mesh_node_get_net_keys (node, &n_net_keys);
  return mesh_node_has_net_key (node, data->index) && n_net_keys > 1;
}

/* Deletes @key (a MeshAppKey or MeshNetKey of index @index) from the nodes,
 * then from the network. */
static void
delete_key (MeshSessionController *self,
            GTask                 *task,
            gpointer               key,
            guint16                index,
            MeshNetwork           *network)
{
  MeshNode *own = mesh_session_get_own_node (self->session);
  GListModel *nodes = mesh_network_get_nodes (network);
  guint n = g_list_model_get_n_items (nodes);
  DeleteKey *data = g_new0 (DeleteKey, 1);

  data->key = g_object_ref (key);
  data->index = index;
  data->nodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) delete_key_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (nodes, i);

      if (node != own && !mesh_node_get_excluded (node) && node_loses_key (node, data))
        g_ptr_array_add (data->nodes, g_steal_pointer (&node));
    }

  delete_from_next_node (task);
}

static void
delete_app_key_async (MeshNetworkController *controller,
                      MeshAppKey            *app_key,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  g_autoptr(GTask) task = task_new (controller, delete_app_key_async, cancellable, callback, user_data);

  if (_mesh_session_controller_check_open (task))
    delete_key (MESH_SESSION_CONTROLLER (controller), task, app_key,
                mesh_app_key_get_index (app_key), mesh_app_key_get_network (app_key));
}

static void
delete_net_key_async (MeshNetworkController *controller,
                      MeshNetKey            *net_key,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  g_autoptr(GTask) task = task_new (controller, delete_net_key_async, cancellable, callback, user_data);
  GError *error = NULL;

  if (!_mesh_session_controller_check_open (task))
    return;

  /* The session would refuse too, but only once the other nodes had
   * lost the key. */
  if (!mesh_network_controller_can_delete_net_key (net_key, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  delete_key (MESH_SESSION_CONTROLLER (controller), task, net_key,
              mesh_net_key_get_index (net_key), mesh_net_key_get_network (net_key));
}

void
_mesh_session_controller_keys_iface_init (MeshNetworkControllerInterface *iface)
{
  iface->add_net_key_async = add_net_key_async;
  iface->add_net_key_finish = add_net_key_finish;
  iface->add_app_key_async = add_app_key_async;
  iface->add_app_key_finish = add_app_key_finish;
  iface->delete_app_key_async = delete_app_key_async;
  iface->delete_app_key_finish = _mesh_session_controller_boolean_finish;
  iface->delete_net_key_async = delete_net_key_async;
  iface->delete_net_key_finish = _mesh_session_controller_boolean_finish;
}
