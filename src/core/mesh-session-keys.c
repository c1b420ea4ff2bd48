/* mesh-session-keys.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <sys/random.h>

#include <glib/gi18n.h>

#include "mesh-app-key.h"
#include "mesh-error.h"
#include "mesh-keyring.h"
#include "mesh-net-key.h"
#include "mesh-session-private.h"

/* Network-level keys: random bytes, adding an AppKey to our own node,
 * deleting a key (creating keys: mesh-session-new-key.c). */

GBytes *
mesh_session_random_bytes (gsize    size,
                           GError **error)
{
  g_autofree guint8 *data = g_malloc (size);
  gsize done = 0;

  /* Keys need the kernel's generator, not g_random. */
  while (done < size)
    {
      ssize_t n = getrandom (data + done, size - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = errno;

          g_set_error (error, MESH_ERROR, MESH_ERROR_FAILED,
                       _("The system could not give random numbers for a new key (%s)."),
                       g_strerror (saved_errno));
          return NULL;
        }
      done += n;
    }

  return g_bytes_new_take (g_steal_pointer (&data), size);
}

/* Our own node: AppKey Add, then a bind per client model. */

typedef struct
{
  guint16 app_index;
  guint   next_model;
} OwnKeyData;

static void own_step_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data);

static void
bind_next (GTask *task)
{
  MeshSession *self = g_task_get_source_object (task);
  OwnKeyData *data = g_task_get_task_data (task);
  MeshNode *own = mesh_session_get_own_node (self);
  guint16 model;

  if (data->next_model >= mesh_session_n_bindable_models || own == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  model = mesh_session_bindable_models[data->next_model++];
  mesh_config_engine_model_app_bind_async (self->engine, own, mesh_node_get_unicast (own),
                                           mesh_model_id_sig (model), data->app_index,
                                           g_task_get_cancellable (task), own_step_cb, task);
}

/* AppKey Add (next_model 0), then each bind. */
static void
own_step_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OwnKeyData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  MeshConfigStatus *status;

  if (data->next_model == 0)
    status = mesh_config_engine_app_key_add_finish (MESH_CONFIG_ENGINE (source), result, &error);
  else
    status = mesh_config_engine_model_app_bind_finish (MESH_CONFIG_ENGINE (source), result, &error);
  if (status == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  mesh_config_status_free (status);

  bind_next (g_steal_pointer (&task));
}

void
mesh_session_add_key_to_own_node_async (MeshSession         *self,
                                        guint16              app_index,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  MeshNode *own = mesh_session_get_own_node (self);
  OwnKeyData *data;

  g_task_set_source_tag (task, mesh_session_add_key_to_own_node_async);

  if (own == NULL || self->engine == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND, "%s",
                               _("No network is open."));
      return;
    }

  data = g_new0 (OwnKeyData, 1);
  data->app_index = app_index;
  g_task_set_task_data (task, data, g_free);

  /* meshd delivers AppKey messages only to local models bound to the key. */
  mesh_config_engine_app_key_add_async (self->engine, own, app_index, cancellable,
                                        own_step_cb, g_steal_pointer (&task));
}

gboolean
mesh_session_add_key_to_own_node_finish (MeshSession   *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Deleting a NetKey or an AppKey: from our own node (NetKey Delete or
 * AppKey Delete to ourselves), meshd, the database, then the keyring. */

typedef struct
{
  MeshSecretKind kind;   /* MESH_SECRET_NET_KEY or MESH_SECRET_APP_KEY */
  guint16        index;
} DeleteKey;

static void
key_cleared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!mesh_keyring_clear_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
key_removed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  DeleteKey *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_store_remove_finish (MESH_STORE (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A key refresh's old key, if any, goes too. */
  mesh_keyring_clear_async (mesh_network_get_uuid (self->network),
                            data->kind == MESH_SECRET_NET_KEY ? MESH_SECRET_NET_KEY_OLD
                                                              : MESH_SECRET_APP_KEY_OLD,
                            data->index, NULL, NULL, NULL);
  mesh_keyring_clear_async (mesh_network_get_uuid (self->network), data->kind, data->index,
                            g_task_get_cancellable (task), key_cleared_cb, g_object_ref (task));
}

static void
key_deleted_in_daemon_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  DeleteKey *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer key;

  /* meshd not having it is what we want anyway. */
  if (!mesh_daemon_manage_finish (MESH_DAEMON (source), result, &error)
      && !g_error_matches (error, MESH_ERROR, MESH_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->kind == MESH_SECRET_NET_KEY)
    key = mesh_network_find_net_key (self->network, data->index);
  else
    key = mesh_network_find_app_key (self->network, data->index);
  if (key == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  mesh_store_remove_async (self->store, key, g_task_get_cancellable (task),
                           key_removed_cb, g_object_ref (task));
}

static void
own_key_deleted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  DeleteKey *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  MeshConfigStatus *status;

  if (data->kind == MESH_SECRET_NET_KEY)
    status = mesh_config_engine_net_key_delete_finish (MESH_CONFIG_ENGINE (source), result, &error);
  else
    status = mesh_config_engine_app_key_delete_finish (MESH_CONFIG_ENGINE (source), result, &error);
  if (status == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  mesh_config_status_free (status);

  mesh_daemon_manage_async (self->daemon,
                            data->kind == MESH_SECRET_NET_KEY ? MESH_DAEMON_CALL_DELETE_SUBNET
                                                              : MESH_DAEMON_CALL_DELETE_APP_KEY,
                            data->index, 0, NULL, g_task_get_cancellable (task),
                            key_deleted_in_daemon_cb, g_object_ref (task));
}

/* Why NetKey @index cannot go, or TRUE. */
static gboolean
check_net_key_deletable (MeshSession  *self,
                         guint16       index,
                         GError      **error)
{
  GListModel *app_keys = mesh_network_get_app_keys (self->network);

  if (g_list_model_get_n_items (mesh_network_get_net_keys (self->network)) <= 1)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_BUSY,
                           _("A network keeps at least one network key."));
      return FALSE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (app_keys); i++)
    {
      g_autoptr(MeshAppKey) app_key = g_list_model_get_item (app_keys, i);

      if (mesh_app_key_get_bound_net_key (app_key) != index)
        continue;
      g_set_error (error, MESH_ERROR, MESH_ERROR_BUSY,
                   _("Application key %u is bound to network key %u: delete it first."),
                   mesh_app_key_get_index (app_key), index);
      return FALSE;
    }

  return TRUE;
}

static void
delete_key (MeshSession    *self,
            GTask          *task,
            MeshSecretKind  kind,
            guint16         index)
{
  g_autoptr(GError) error = NULL;
  MeshNode *own = mesh_session_get_own_node (self);
  DeleteKey *data;

  if (own == NULL || self->engine == NULL || self->network == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND, "%s",
                               _("No network is open."));
      g_object_unref (task);
      return;
    }
  if (kind == MESH_SECRET_NET_KEY && !check_net_key_deletable (self, index, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  data = g_new0 (DeleteKey, 1);
  data->kind = kind;
  data->index = index;
  g_task_set_task_data (task, data, g_free);

  /* Our node never got it (an imported network): nothing to ask it. */
  if (kind == MESH_SECRET_NET_KEY && !mesh_node_has_net_key (own, index))
    mesh_daemon_manage_async (self->daemon, MESH_DAEMON_CALL_DELETE_SUBNET, index, 0, NULL,
                              g_task_get_cancellable (task), key_deleted_in_daemon_cb, task);
  else if (kind == MESH_SECRET_NET_KEY)
    mesh_config_engine_net_key_delete_async (self->engine, own, index,
                                             g_task_get_cancellable (task), own_key_deleted_cb,
                                             task);
  else
    mesh_config_engine_app_key_delete_async (self->engine, own, index,
                                             g_task_get_cancellable (task), own_key_deleted_cb,
                                             task);
}

void
mesh_session_delete_app_key_async (MeshSession         *self,
                                   MeshAppKey          *app_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MESH_IS_SESSION (self));
  g_return_if_fail (MESH_IS_APP_KEY (app_key));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_delete_app_key_async);
  delete_key (self, task, MESH_SECRET_APP_KEY, mesh_app_key_get_index (app_key));
}

void
mesh_session_delete_net_key_async (MeshSession         *self,
                                   MeshNetKey          *net_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MESH_IS_SESSION (self));
  g_return_if_fail (MESH_IS_NET_KEY (net_key));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_delete_net_key_async);
  delete_key (self, task, MESH_SECRET_NET_KEY, mesh_net_key_get_index (net_key));
}

gboolean
mesh_session_delete_net_key_finish (MeshSession   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
mesh_session_delete_app_key_finish (MeshSession   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
