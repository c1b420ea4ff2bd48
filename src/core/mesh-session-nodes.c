/* mesh-session-nodes.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-error.h"
#include "mesh-keyring.h"
#include "mesh-session-private.h"
#include "mesh-store-batch.h"

/* Removing a node from the network, for the GUI and meshprov alike:
 * optionally Config Node Reset first, then the database (exclusion list and
 * removal in one batch), the keyring and bluetooth-meshd. */

typedef struct
{
  MeshNode *node;
  char     *network_uuid;
  guint16   unicast;
  guint     count;
} RemoveData;

static void
remove_data_free (RemoveData *data)
{
  g_clear_object (&data->node);
  g_free (data->network_uuid);
  g_free (data);
}

static void
remote_node_deleted_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RemoveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The node is gone from the database; the next reconciliation deletes
   * the key of an excluded address that meshd still has. */
  if (!mesh_daemon_manage_finish (MESH_DAEMON (source), result, &error))
    g_message ("bluetooth-meshd keeps the device key of removed node 0x%04x for now: %s",
               data->unicast, error->message);

  g_task_return_boolean (task, TRUE);
}

static void
device_key_cleared_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  RemoveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The node is gone either way: a key left behind is only untidy. */
  if (!mesh_keyring_clear_finish (result, &error))
    g_warning ("The device key of removed node 0x%04x stays in the keyring: %s",
               data->unicast, error->message);

  /* Not cancellable: the node is out of the database already. */
  mesh_daemon_manage_async (self->daemon, MESH_DAEMON_CALL_DELETE_REMOTE_NODE, data->unicast,
                            MIN (data->count, 255), NULL, NULL, remote_node_deleted_cb,
                            g_steal_pointer (&task));
}

static void
removed_from_store_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RemoveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_store_batch_commit_finish (MESH_STORE_BATCH (source), result, &error))
    {
      g_prefix_error (&error, _("Node 0x%04x could not be removed from the database: "),
                      data->unicast);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mesh_keyring_clear_async (data->network_uuid, MESH_SECRET_DEVICE_KEY, data->unicast, NULL,
                            device_key_cleared_cb, g_steal_pointer (&task));
}

static void
remove_from_store (GTask *task)
{
  MeshSession *self = g_task_get_source_object (task);
  RemoveData *data = g_task_get_task_data (task);
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (self->store);

  mesh_store_batch_exclude_node (batch, data->node);
  mesh_store_batch_remove (batch, data->node);
  /* Not cancellable: after a reset the device has left already. */
  mesh_store_batch_commit_async (batch, NULL, removed_from_store_cb, task);
}

static void
node_reset_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  RemoveData *data = g_task_get_task_data (task);
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = mesh_config_engine_node_reset_finish (MESH_CONFIG_ENGINE (source), result, &error);

  /* A meshd 5.66 device deletes its node before its Node Reset Status
   * leaves: no answer means it got the reset, or it is gone. */
  if (status == NULL && !g_error_matches (error, MESH_ERROR, MESH_ERROR_TIMED_OUT))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, _("Node 0x%04x was not reset, so it stays in the network: "),
                        data->unicast);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (status == NULL)
    g_debug ("Node 0x%04x did not answer the reset: taken as reset", data->unicast);
  remove_from_store (task);
}

/**
 * mesh_session_remove_node_async:
 * @self: a session with a network open
 * @node: a node of that network, not our own
 * @reset_first: send Config Node Reset first
 *
 * See mesh-session.h.
 */
void
mesh_session_remove_node_async (MeshSession         *self,
                                MeshNode            *node,
                                gboolean             reset_first,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  RemoveData *data;

  g_return_if_fail (MESH_IS_SESSION (self));
  g_return_if_fail (MESH_IS_NODE (node));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_remove_node_async);
  /* Once the node left the database, the outcome is success. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->network == NULL || mesh_node_get_network (node) != self->network)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND, "%s",
                               _("The node is not in the open network."));
      g_object_unref (task);
      return;
    }
  if (node == mesh_session_get_own_node (self))
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT, "%s",
                               _("This computer’s own node cannot be removed from the "
                                 "network."));
      g_object_unref (task);
      return;
    }

  data = g_new0 (RemoveData, 1);
  data->node = g_object_ref (node);
  data->network_uuid = g_strdup (mesh_network_get_uuid (self->network));
  data->unicast = mesh_node_get_unicast (node);
  data->count = MAX (mesh_node_get_element_count (node), 1);
  g_task_set_task_data (task, data, (GDestroyNotify) remove_data_free);

  if (reset_first)
    mesh_config_engine_node_reset_async (self->engine, node, cancellable, node_reset_cb, task);
  else
    remove_from_store (task);
}

gboolean
mesh_session_remove_node_finish (MeshSession   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
