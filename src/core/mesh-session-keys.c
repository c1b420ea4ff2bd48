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
#include "mesh-store-batch.h"
#include "mesh-uuid.h"

/* Network-level keys (AppKeys: keyring, meshd, database, our own node)
 * and putting a network made elsewhere into meshd. */

#define KEY_SIZE 16
#define MAX_KEY_INDEX 0xFFF

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

/* Creating an AppKey */

typedef struct
{
  guint16     net_index;
  guint16     app_index;
  char       *name;
  GBytes     *key;
  MeshAppKey *app_key;
} AppKeyData;

static void
app_key_data_free (AppKeyData *data)
{
  g_free (data->name);
  g_clear_pointer (&data->key, g_bytes_unref);
  g_clear_object (&data->app_key);
  g_free (data);
}

static void
app_key_on_own_node_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AppKeyData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The key exists everywhere now; a failure here is reported, the key
   * stays (adding it to our node can be tried again). */
  if (!mesh_session_add_key_to_own_node_finish (MESH_SESSION (source), result, &error))
    {
      g_prefix_error (&error, _("The application key was created, but this computer’s node "
                                "could not take it: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_object_ref (data->app_key), g_object_unref);
}

static void
app_key_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  AppKeyData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_store_add_finish (MESH_STORE (source), result, &error))
    {
      mesh_daemon_manage_async (self->daemon, MESH_DAEMON_CALL_DELETE_APP_KEY, data->app_index,
                                0, NULL, NULL, NULL, NULL);
      mesh_keyring_clear_async (mesh_network_get_uuid (self->network), MESH_SECRET_APP_KEY,
                                data->app_index, NULL, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mesh_session_add_key_to_own_node_async (self, data->app_index, g_task_get_cancellable (task),
                                          app_key_on_own_node_cb, g_object_ref (task));
}

static void
app_key_imported_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  AppKeyData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format_iso8601 (now);

  if (!mesh_daemon_manage_finish (MESH_DAEMON (source), result, &error))
    {
      mesh_keyring_clear_async (mesh_network_get_uuid (self->network), MESH_SECRET_APP_KEY,
                                data->app_index, NULL, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->app_key = mesh_app_key_new (data->app_index, data->net_index, data->name);
  mesh_app_key_set_timestamp (data->app_key, timestamp);
  mesh_store_add_async (self->store, self->network, data->app_key, g_task_get_cancellable (task),
                        app_key_stored_cb, g_object_ref (task));
}

static void
app_key_kept_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  AppKeyData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_keyring_store_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mesh_daemon_manage_async (self->daemon, MESH_DAEMON_CALL_IMPORT_APP_KEY, data->net_index,
                            data->app_index, data->key, g_task_get_cancellable (task),
                            app_key_imported_cb, g_object_ref (task));
}

void
mesh_session_create_app_key_async (MeshSession         *self,
                                   guint16              net_key_index,
                                   guint                app_key_index,
                                   const char          *name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AppKeyData *data;
  guint index = 0;

  g_return_if_fail (MESH_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_create_app_key_async);

  if (self->network == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND, "%s",
                               _("No network is open."));
      return;
    }
  if (mesh_network_find_net_key (self->network, net_key_index) == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                               _("The network has no network key %u."), net_key_index);
      return;
    }

  if (app_key_index == MESH_SESSION_ANY_APP_KEY_INDEX)
    {
      while (index <= MAX_KEY_INDEX && mesh_network_find_app_key (self->network, index))
        index++;
      if (index > MAX_KEY_INDEX)
        {
          g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED, "%s",
                                   _("The network has 4096 application keys already."));
          return;
        }
    }
  else if (app_key_index > MAX_KEY_INDEX)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                               _("Application key indexes go from 0 to %u, not %u."),
                               MAX_KEY_INDEX, app_key_index);
      return;
    }
  else if (mesh_network_find_app_key (self->network, app_key_index) != NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_EXISTS,
                               _("The network has an application key %u already."),
                               app_key_index);
      return;
    }
  else
    index = app_key_index;

  data = g_new0 (AppKeyData, 1);
  data->net_index = net_key_index;
  data->app_index = index;
  data->name = g_strdup (name);
  g_task_set_task_data (task, data, (GDestroyNotify) app_key_data_free);

  data->key = mesh_session_random_bytes (KEY_SIZE, &error);
  if (data->key == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Keyring first: a key never lives only in meshd. */
  mesh_keyring_store_async (mesh_network_get_uuid (self->network), MESH_SECRET_APP_KEY, index,
                            data->key, cancellable, app_key_kept_cb, g_steal_pointer (&task));
}

MeshAppKey *
mesh_session_create_app_key_finish (MeshSession   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Deleting an AppKey */

static void
app_key_cleared_cb (GObject      *source,
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
app_key_removed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_store_remove_finish (MESH_STORE (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mesh_keyring_clear_async (mesh_network_get_uuid (self->network), MESH_SECRET_APP_KEY,
                            GPOINTER_TO_UINT (g_task_get_task_data (task)),
                            g_task_get_cancellable (task), app_key_cleared_cb,
                            g_object_ref (task));
}

static void
app_key_deleted_in_daemon_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  MeshAppKey *app_key;

  /* meshd not having it is what we want anyway. */
  if (!mesh_daemon_manage_finish (MESH_DAEMON (source), result, &error)
      && !g_error_matches (error, MESH_ERROR, MESH_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  app_key = mesh_network_find_app_key (self->network,
                                       GPOINTER_TO_UINT (g_task_get_task_data (task)));
  if (app_key == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  mesh_store_remove_async (self->store, app_key, g_task_get_cancellable (task),
                           app_key_removed_cb, g_object_ref (task));
}

static void
own_key_deleted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  MeshConfigStatus *status;

  status = mesh_config_engine_app_key_delete_finish (MESH_CONFIG_ENGINE (source), result, &error);
  if (status == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  mesh_config_status_free (status);

  mesh_daemon_manage_async (self->daemon, MESH_DAEMON_CALL_DELETE_APP_KEY,
                            GPOINTER_TO_UINT (g_task_get_task_data (task)), 0, NULL,
                            g_task_get_cancellable (task), app_key_deleted_in_daemon_cb,
                            g_object_ref (task));
}

void
mesh_session_delete_app_key_async (MeshSession         *self,
                                   MeshAppKey          *app_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MeshNode *own;
  guint index;

  g_return_if_fail (MESH_IS_SESSION (self));
  g_return_if_fail (MESH_IS_APP_KEY (app_key));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_delete_app_key_async);
  index = mesh_app_key_get_index (app_key);
  g_task_set_task_data (task, GUINT_TO_POINTER (index), NULL);

  own = mesh_session_get_own_node (self);
  if (own == NULL || self->engine == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND, "%s",
                               _("No network is open."));
      return;
    }

  mesh_config_engine_app_key_delete_async (self->engine, own, index, cancellable,
                                           own_key_deleted_cb, g_steal_pointer (&task));
}

gboolean
mesh_session_delete_app_key_finish (MeshSession   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
