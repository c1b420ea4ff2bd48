/* mesh-session-new-key.c
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
#include "mesh-session-private.h"

/* Creating a network-level key, a NetKey (a subnet) or an AppKey, in this
 * order: random bytes to the keyring (a key never lives only in meshd),
 * ImportSubnet or ImportAppKey into meshd, its metadata to the database,
 * then our own node (Config NetKey Add to ourselves; AppKey Add and the
 * binds of our client models). A failure before the database undoes what
 * was done; one at our own node leaves the key, which can be added again. */

#define KEY_SIZE 16
#define MAX_KEY_INDEX 0xFFF

typedef struct
{
  MeshSecretKind  kind;       /* MESH_SECRET_NET_KEY or MESH_SECRET_APP_KEY */
  guint16         index;
  guint16         net_index;  /* an AppKey's bound NetKey */
  char           *name;
  GBytes         *key;
  GObject        *object;     /* the MeshNetKey or MeshAppKey */
} NewKey;

static void
new_key_free (NewKey *data)
{
  g_free (data->name);
  g_clear_pointer (&data->key, g_bytes_unref);
  g_clear_object (&data->object);
  g_free (data);
}

static void
on_own_node_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NewKey *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (data->kind == MESH_SECRET_NET_KEY)
    {
      MeshConfigStatus *status;

      status = mesh_config_engine_net_key_add_finish (MESH_CONFIG_ENGINE (source), result, &error);
      ok = status != NULL;
      g_clear_pointer (&status, mesh_config_status_free);
    }
  else
    ok = mesh_session_add_key_to_own_node_finish (MESH_SESSION (source), result, &error);

  if (!ok)
    {
      if (data->kind == MESH_SECRET_NET_KEY)
        g_prefix_error (&error, _("The network key was created, but this computer’s node "
                                  "could not take it: "));
      else
        g_prefix_error (&error, _("The application key was created, but this computer’s node "
                                  "could not take it: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_object_ref (data->object), g_object_unref);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  NewKey *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  MeshNode *own = mesh_session_get_own_node (self);

  if (!mesh_store_add_finish (MESH_STORE (source), result, &error))
    {
      mesh_daemon_manage_async (self->daemon,
                                data->kind == MESH_SECRET_NET_KEY ? MESH_DAEMON_CALL_DELETE_SUBNET
                                                                  : MESH_DAEMON_CALL_DELETE_APP_KEY,
                                data->index, 0, NULL, NULL, NULL, NULL);
      mesh_keyring_clear_async (mesh_network_get_uuid (self->network), data->kind, data->index,
                                NULL, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (own == NULL || self->engine == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND, "%s",
                               _("No network is open."));
      return;
    }

  /* meshd's own node sends and hears with a key only once it has it, like
   * any node; AppKey messages reach only local models bound to the key. */
  if (data->kind == MESH_SECRET_NET_KEY)
    mesh_config_engine_net_key_add_async (self->engine, own, data->index,
                                          g_task_get_cancellable (task), on_own_node_cb,
                                          g_object_ref (task));
  else
    mesh_session_add_key_to_own_node_async (self, data->index, g_task_get_cancellable (task),
                                            on_own_node_cb, g_object_ref (task));
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  NewKey *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format_iso8601 (now);

  if (!mesh_daemon_manage_finish (MESH_DAEMON (source), result, &error))
    {
      mesh_keyring_clear_async (mesh_network_get_uuid (self->network), data->kind, data->index,
                                NULL, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->kind == MESH_SECRET_NET_KEY)
    {
      MeshNetKey *net_key = mesh_net_key_new (data->index, data->name);

      mesh_net_key_set_timestamp (net_key, timestamp);
      data->object = G_OBJECT (net_key);
    }
  else
    {
      MeshAppKey *app_key = mesh_app_key_new (data->index, data->net_index, data->name);

      mesh_app_key_set_timestamp (app_key, timestamp);
      data->object = G_OBJECT (app_key);
    }

  mesh_store_add_async (self->store, self->network, data->object, g_task_get_cancellable (task),
                        stored_cb, g_object_ref (task));
}

static void
kept_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  NewKey *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_keyring_store_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->kind == MESH_SECRET_NET_KEY)
    mesh_daemon_manage_async (self->daemon, MESH_DAEMON_CALL_IMPORT_SUBNET, data->index, 0,
                              data->key, g_task_get_cancellable (task), imported_cb,
                              g_object_ref (task));
  else
    mesh_daemon_manage_async (self->daemon, MESH_DAEMON_CALL_IMPORT_APP_KEY, data->net_index,
                              data->index, data->key, g_task_get_cancellable (task), imported_cb,
                              g_object_ref (task));
}

static gboolean
index_taken (MeshNetwork    *network,
             MeshSecretKind  kind,
             guint           index)
{
  if (kind == MESH_SECRET_NET_KEY)
    return mesh_network_find_net_key (network, index) != NULL;

  return mesh_network_find_app_key (network, index) != NULL;
}

/* @index, or with @any the lowest free one; FALSE with @error when it
 * cannot be. */
static gboolean
choose_index (MeshNetwork     *network,
              MeshSecretKind   kind,
              guint            index,
              gboolean         any,
              guint16         *chosen,
              GError         **error)
{
  gboolean net = kind == MESH_SECRET_NET_KEY;

  if (any)
    {
      index = 0;
      while (index <= MAX_KEY_INDEX && index_taken (network, kind, index))
        index++;
      if (index > MAX_KEY_INDEX)
        {
          g_set_error_literal (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED,
                               net ? _("The network has 4096 network keys already.")
                                   : _("The network has 4096 application keys already."));
          return FALSE;
        }
    }
  else if (index > MAX_KEY_INDEX)
    {
      if (net)
        g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                     _("Network key indexes go from 0 to %u, not %u."), MAX_KEY_INDEX, index);
      else
        g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                     _("Application key indexes go from 0 to %u, not %u."), MAX_KEY_INDEX, index);
      return FALSE;
    }
  else if (index_taken (network, kind, index))
    {
      if (net)
        g_set_error (error, MESH_ERROR, MESH_ERROR_EXISTS,
                     _("The network has a network key %u already."), index);
      else
        g_set_error (error, MESH_ERROR, MESH_ERROR_EXISTS,
                     _("The network has an application key %u already."), index);
      return FALSE;
    }

  *chosen = index;
  return TRUE;
}

static void
create_key (MeshSession    *self,
            GTask          *task,
            MeshSecretKind  kind,
            guint16         net_index,
            guint           index,
            gboolean        any,
            const char     *name)
{
  g_autoptr(GError) error = NULL;
  NewKey *data;
  guint16 chosen = 0;

  if (self->network == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND, "%s",
                               _("No network is open."));
      g_object_unref (task);
      return;
    }
  if (kind == MESH_SECRET_APP_KEY && mesh_network_find_net_key (self->network, net_index) == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                               _("The network has no network key %u."), net_index);
      g_object_unref (task);
      return;
    }
  if (!choose_index (self->network, kind, index, any, &chosen, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  data = g_new0 (NewKey, 1);
  data->kind = kind;
  data->index = chosen;
  data->net_index = net_index;
  data->name = g_strdup (name);
  g_task_set_task_data (task, data, (GDestroyNotify) new_key_free);

  data->key = mesh_session_random_bytes (KEY_SIZE, &error);
  if (data->key == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  mesh_keyring_store_async (mesh_network_get_uuid (self->network), kind, chosen, data->key,
                            g_task_get_cancellable (task), kept_cb, task);
}

void
mesh_session_create_net_key_async (MeshSession         *self,
                                   guint                net_key_index,
                                   const char          *name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MESH_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_create_net_key_async);
  create_key (self, task, MESH_SECRET_NET_KEY, 0, net_key_index,
              net_key_index == MESH_SESSION_ANY_NET_KEY_INDEX, name);
}

MeshNetKey *
mesh_session_create_net_key_finish (MeshSession   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
  GTask *task;

  g_return_if_fail (MESH_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_create_app_key_async);
  create_key (self, task, MESH_SECRET_APP_KEY, net_key_index, app_key_index,
              app_key_index == MESH_SESSION_ANY_APP_KEY_INDEX, name);
}

MeshAppKey *
mesh_session_create_app_key_finish (MeshSession   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
