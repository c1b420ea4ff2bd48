/* mesh-session-import.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-app-key.h"
#include "mesh-error.h"
#include "mesh-keyring.h"
#include "mesh-net-key.h"
#include "mesh-provisioner-private.h"
#include "mesh-session-private.h"
#include "mesh-store-batch.h"
#include "mesh-uuid.h"

#define PRIMARY_NET_INDEX 0

/* A network that is in the database, with its keys in the keyring (an
 * imported CDB), put into bluetooth-meshd as a new provisioner of it: a
 * provisioner of our own with ranges apart from the others' and a new node
 * (Network1.Import: its device key is new, and its address too, since the
 * devices remember the sequence numbers of the exporter's node, which
 * meshd would start again from zero), stored in the keyring and the
 * database; then the subnets, the AppKeys and the device keys of the
 * nodes (Management1), then the AppKeys onto our own node. */

typedef struct
{
  MeshNetwork *network;
  /* This computer's new identity: its provisioner, and its node. */
  MeshProvisioner *provisioner;
  guint16      unicast;
  guint16      net_index;
  GBytes      *node_uuid;
  GBytes      *device_key;
  gboolean     in_daemon;                        /* undo: Leave */
  /* The network as it was, to restore if storing fails. */
  char        *old_local_uuid;
  GPtrArray   *old_provisioners;                 /* clones of those given up ranges */
  GHashTable  *keys[MESH_SECRET_DEVICE_KEY + 1];  /* by kind: index → GBytes */
  MeshSecretKind reading;
  guint        pending;
  guint        step;
  GError      *error;
  GArray      *app_indexes;                      /* to add to our node */
  guint        next_app;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->network);
  g_clear_object (&data->provisioner);
  g_clear_pointer (&data->node_uuid, g_bytes_unref);
  g_clear_pointer (&data->device_key, g_bytes_unref);
  g_free (data->old_local_uuid);
  g_clear_pointer (&data->old_provisioners, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (data->keys); i++)
    g_clear_pointer (&data->keys[i], g_hash_table_unref);
  g_clear_error (&data->error);
  g_clear_pointer (&data->app_indexes, g_array_unref);
  g_free (data);
}

static GBytes *
key_of (ImportData     *data,
        MeshSecretKind  kind,
        guint           index)
{
  return data->keys[kind] ? g_hash_table_lookup (data->keys[kind], GUINT_TO_POINTER (index)) : NULL;
}

static void
finish (GTask *task)
{
  ImportData *data = g_task_get_task_data (task);

  if (data->error)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void add_next_app_key (GTask *task);

static void
own_key_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_session_add_key_to_own_node_finish (MESH_SESSION (source), result, &error)
      && data->error == NULL)
    data->error = g_steal_pointer (&error);

  add_next_app_key (task);
}

static void
add_next_app_key (GTask *task)
{
  MeshSession *self = g_task_get_source_object (task);
  ImportData *data = g_task_get_task_data (task);

  if (data->next_app >= data->app_indexes->len)
    {
      finish (task);
      return;
    }

  mesh_session_add_key_to_own_node_async (self,
                                          g_array_index (data->app_indexes, guint16,
                                                         data->next_app++),
                                          g_task_get_cancellable (task), own_key_cb, task);
}

static void import_keys (GTask *task);

static void
managed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_daemon_manage_finish (MESH_DAEMON (source), result, &error) && data->error == NULL)
    data->error = g_steal_pointer (&error);

  if (--data->pending == 0)
    import_keys (task);
}

static void
manage (GTask          *task,
        MeshDaemonCall  call,
        guint16         a,
        guint16         b,
        GBytes         *key)
{
  MeshSession *self = g_task_get_source_object (task);
  ImportData *data = g_task_get_task_data (task);

  data->pending++;
  mesh_daemon_manage_async (self->daemon, call, a, b, key, g_task_get_cancellable (task),
                            managed_cb, task);
}

/* In steps, each waiting for the one before: the subnets (meshd's key
 * database needs them, even the one the node was imported with, before
 * it takes AppKeys), then the AppKeys and the device keys, then the
 * AppKeys on our own node. */
static void
import_keys (GTask *task)
{
  ImportData *data = g_task_get_task_data (task);
  GListModel *list;
  guint n;

  data->pending = 1;
  switch (data->step++)
    {
    case 0:
      list = mesh_network_get_net_keys (data->network);
      n = g_list_model_get_n_items (list);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MeshNetKey) net_key = g_list_model_get_item (list, i);
          guint index = mesh_net_key_get_index (net_key);
          GBytes *key = key_of (data, MESH_SECRET_NET_KEY, index);

          if (key)
            manage (task, MESH_DAEMON_CALL_IMPORT_SUBNET, index, 0, key);
        }
      break;

    case 1:
      list = mesh_network_get_app_keys (data->network);
      n = g_list_model_get_n_items (list);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MeshAppKey) app_key = g_list_model_get_item (list, i);
          guint16 index = mesh_app_key_get_index (app_key);
          GBytes *key = key_of (data, MESH_SECRET_APP_KEY, index);

          if (key)
            {
              manage (task, MESH_DAEMON_CALL_IMPORT_APP_KEY,
                      mesh_app_key_get_bound_net_key (app_key), index, key);
              g_array_append_val (data->app_indexes, index);
            }
        }

      list = mesh_network_get_nodes (data->network);
      n = g_list_model_get_n_items (list);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MeshNode) node = g_list_model_get_item (list, i);
          guint16 unicast = mesh_node_get_unicast (node);
          GBytes *key = key_of (data, MESH_SECRET_DEVICE_KEY, unicast);

          /* Our own node too: meshd's Import does not put its device key
           * where DevKeySend looks, and configuring ourselves needs it. */
          if (key && !mesh_node_get_excluded (node))
            manage (task, MESH_DAEMON_CALL_IMPORT_REMOTE_NODE, unicast,
                    MAX (mesh_node_get_element_count (node), 1), key);
        }
      break;

    default:
      add_next_app_key (task);
      return;
    }

  if (--data->pending == 0)
    import_keys (task);
}

/* Best effort, after a failure: no node of ours left in meshd or the
 * keyring, and the network's objects as the database has them. */
static void
undo_identity (MeshSession *self,
               ImportData  *data)
{
  const char *network_uuid = mesh_network_get_uuid (data->network);

  if (data->in_daemon)
    mesh_daemon_leave_async (self->daemon, NULL, NULL, NULL);
  if (data->device_key)
    mesh_keyring_clear_async (network_uuid, MESH_SECRET_DEVICE_KEY, data->unicast,
                              NULL, NULL, NULL);
  mesh_keyring_clear_async (network_uuid, MESH_SECRET_NODE_TOKEN, 0, NULL, NULL, NULL);

  mesh_network_set_local_provisioner_uuid (data->network, data->old_local_uuid);
  for (guint i = 0; data->old_provisioners && i < data->old_provisioners->len; i++)
    {
      MeshProvisioner *old = g_ptr_array_index (data->old_provisioners, i);
      MeshProvisioner *live = mesh_network_find_provisioner (data->network,
                                                             mesh_provisioner_get_uuid (old));

      for (guint kind = MESH_RANGE_KIND_UNICAST; live && kind <= MESH_RANGE_KIND_SCENE; kind++)
        {
          guint n = 0;
          const MeshAddressRange *ranges = mesh_provisioner_get_ranges (old, kind, &n);

          mesh_provisioner_set_ranges (live, kind, ranges, n);
        }
    }
}

static void
fail_identity (GTask  *task,
               GError *error)
{
  ImportData *data = g_task_get_task_data (task);

  undo_identity (g_task_get_source_object (task), data);
  data->error = error;
  finish (task);
}

static void
identity_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_store_batch_commit_finish (MESH_STORE_BATCH (source), result, &error))
    {
      fail_identity (task, g_steal_pointer (&error));
      return;
    }

  mesh_session_set_network (self, data->network);
  import_keys (task);
}

/* The provisioner and node in the database, with the network naming it
 * ours; other provisioners lose what was carved out of their ranges. */
static void
store_identity (GTask *task)
{
  MeshSession *self = g_task_get_source_object (task);
  ImportData *data = g_task_get_task_data (task);
  GListModel *provisioners = mesh_network_get_provisioners (data->network);
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (self->store);
  g_autoptr(MeshNode) node = NULL;
  const char *uuid = mesh_provisioner_get_uuid (data->provisioner);

  node = mesh_session_build_own_node (uuid, data->unicast, data->net_index);
  mesh_store_batch_add (batch, data->network, data->provisioner);
  mesh_store_batch_add (batch, data->network, node);

  data->old_provisioners = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (provisioners); i++)
    {
      g_autoptr(MeshProvisioner) other = g_list_model_get_item (provisioners, i);
      g_autoptr(MeshProvisioner) old = mesh_provisioner_clone (other);

      if (mesh_provisioner_give_up_ranges (other, data->provisioner))
        {
          g_ptr_array_add (data->old_provisioners, g_steal_pointer (&old));
          mesh_store_batch_update (batch, other);
        }
    }

  data->old_local_uuid = g_strdup (mesh_network_get_local_provisioner_uuid (data->network));
  mesh_network_set_local_provisioner_uuid (data->network, uuid);
  mesh_store_batch_update (batch, data->network);

  mesh_store_batch_commit_async (batch, g_task_get_cancellable (task), identity_stored_cb, task);
}

static void
device_key_stored_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_keyring_store_finish (result, &error))
    {
      fail_identity (task, g_steal_pointer (&error));
      return;
    }

  /* Our own node's device key goes to meshd with the others' (see
   * import_keys()). */
  g_hash_table_insert (data->keys[MESH_SECRET_DEVICE_KEY], GUINT_TO_POINTER (data->unicast),
                       g_bytes_ref (data->device_key));
  store_identity (task);
}

static void
node_imported_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_daemon_import_node_finish (MESH_DAEMON (source), result, &error))
    {
      data->error = g_steal_pointer (&error);
      finish (task);
      return;
    }

  data->in_daemon = TRUE;
  mesh_keyring_store_async (mesh_network_get_uuid (data->network), MESH_SECRET_DEVICE_KEY,
                            data->unicast, data->device_key, g_task_get_cancellable (task),
                            device_key_stored_cb, task);
}

static void
import_own_node (GTask *task)
{
  MeshSession *self = g_task_get_source_object (task);
  ImportData *data = g_task_get_task_data (task);
  GBytes *net_key = key_of (data, MESH_SECRET_NET_KEY, data->net_index);
  MeshNetKey *net_key_info = mesh_network_find_net_key (data->network, data->net_index);

  if (net_key == NULL)
    {
      data->error = g_error_new (MESH_ERROR, MESH_ERROR_SECRET_MISSING,
                                 _("The keyring lacks network key %u of the network, which "
                                   "this computer’s node needs to join it. Import the file "
                                   "again."),
                                 data->net_index);
      finish (task);
      return;
    }

  data->device_key = mesh_session_random_bytes (16, &data->error);
  if (data->device_key == NULL)
    {
      finish (task);
      return;
    }

  mesh_daemon_import_node_async (self->daemon, mesh_network_get_uuid (data->network),
                                 data->node_uuid, data->device_key, net_key, data->net_index,
                                 mesh_network_get_iv_index (data->network),
                                 mesh_network_get_iv_update (data->network),
                                 net_key_info
                                   && mesh_net_key_get_phase (net_key_info) != MESH_KEY_REFRESH_PHASE_NORMAL,
                                 data->unicast, g_task_get_cancellable (task),
                                 node_imported_cb, task);
}

static void read_next_kind (GTask *task);

static void
keys_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) secrets = NULL;

  secrets = mesh_keyring_lookup_all_finish (result, &error);
  if (secrets == NULL)
    {
      data->error = g_steal_pointer (&error);
      finish (task);
      return;
    }

  data->keys[data->reading] = g_hash_table_new_full (NULL, NULL, NULL,
                                                     (GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < secrets->len; i++)
    {
      MeshSecret *secret = g_ptr_array_index (secrets, i);

      g_hash_table_insert (data->keys[data->reading], GUINT_TO_POINTER (secret->index),
                           g_bytes_ref (secret->value));
    }

  read_next_kind (task);
}

static void
read_next_kind (GTask *task)
{
  ImportData *data = g_task_get_task_data (task);

  if (data->keys[MESH_SECRET_NET_KEY] == NULL)
    data->reading = MESH_SECRET_NET_KEY;
  else if (data->keys[MESH_SECRET_APP_KEY] == NULL)
    data->reading = MESH_SECRET_APP_KEY;
  else if (data->keys[MESH_SECRET_DEVICE_KEY] == NULL)
    data->reading = MESH_SECRET_DEVICE_KEY;
  else
    {
      import_own_node (task);
      return;
    }

  mesh_keyring_lookup_all_async (mesh_network_get_uuid (data->network), data->reading,
                                 g_task_get_cancellable (task), keys_read_cb, task);
}

static void
import_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  GListModel *net_keys;

  if (!mesh_store_load_network_finish (MESH_STORE (source), result, &error))
    {
      data->error = g_steal_pointer (&error);
      finish (task);
      return;
    }

  /* This computer's identity: chosen before anything changes, so that a
   * network with no room for it is left as it is. */
  net_keys = mesh_network_get_net_keys (data->network);
  if (g_list_model_get_n_items (net_keys) == 0)
    {
      data->error = g_error_new_literal (MESH_ERROR, MESH_ERROR_INVALID_DATA,
                                         _("The network has no network key, so this computer "
                                           "cannot join it."));
      finish (task);
      return;
    }
  if (mesh_network_find_net_key (data->network, PRIMARY_NET_INDEX) != NULL)
    data->net_index = PRIMARY_NET_INDEX;
  else
    {
      g_autoptr(MeshNetKey) first = g_list_model_get_item (net_keys, 0);

      data->net_index = mesh_net_key_get_index (first);
    }

  data->node_uuid = mesh_uuid_new_random ();
  uuid = mesh_uuid_to_string (data->node_uuid);
  data->provisioner = mesh_session_new_own_provisioner (uuid);
  if (!mesh_provisioner_choose_ranges (data->provisioner, data->network, 1, &data->unicast,
                                       &error))
    {
      g_prefix_error (&error, _("This computer cannot join the network as a provisioner: "));
      data->error = g_steal_pointer (&error);
      finish (task);
      return;
    }

  read_next_kind (task);
}

void
mesh_session_import_network_async (MeshSession         *self,
                                   MeshNetwork         *network,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  ImportData *data;

  g_return_if_fail (MESH_IS_SESSION (self));
  g_return_if_fail (MESH_IS_NETWORK (network));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_import_network_async);

  if (self->network)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_BUSY, "%s",
                               _("A network is already open. Close it first."));
      g_object_unref (task);
      return;
    }

  data = g_new0 (ImportData, 1);
  data->network = g_object_ref (network);
  data->app_indexes = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  mesh_store_load_network_async (self->store, network, cancellable, import_loaded_cb, task);
}

gboolean
mesh_session_import_network_finish (MeshSession   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
