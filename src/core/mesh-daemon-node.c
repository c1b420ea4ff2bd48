/* mesh-daemon-node.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-daemon-private.h"
#include "mesh-error.h"
#include "mesh-keyring.h"

/* Our node in bluetooth-meshd: CreateNetwork and Import (both end in
 * Application1.JoinComplete with the token, which goes to the keyring
 * before JoinComplete is answered), Attach (with a token from the keyring)
 * and Leave. */

#define JOIN_TIMEOUT_S 30   /* meshd's own D-Bus timeout (DEFAULT_DBUS_TIMEOUT) */
#define ATTACH_RETRY_DELAY_S 1

static GBytes *
token_to_bytes (guint64 token)
{
  guint8 data[8];

  /* Big-endian, as meshd prints and stores it. */
  for (int i = 7; i >= 0; i--, token >>= 8)
    data[i] = token & 0xFF;

  return g_bytes_new (data, sizeof data);
}

typedef struct
{
  MeshDaemon            *self;
  GDBusMethodInvocation *invocation;
  guint64                token;
} JoinData;

static void
token_stored_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  JoinData *data = user_data;
  g_autoptr(MeshDaemon) self = data->self;
  g_autoptr(GDBusMethodInvocation) invocation = data->invocation;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  guint64 token = data->token;

  g_free (data);

  if (!mesh_keyring_store_finish (result, &error))
    {
      /* meshd removes the node it just made when JoinComplete fails: no
       * network is left behind that nobody can attach to. */
      g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.mesh.Error.Failed",
                                                  "The token could not be stored");
      mesh_daemon_fail_join (self, error);
      mesh_daemon_set_detached_state (self);
      return;
    }

  g_dbus_method_invocation_return_value (invocation, NULL);

  g_clear_handle_id (&self->join_timeout, g_source_remove);
  task = g_steal_pointer (&self->join_task);
  if (task == NULL)
    return;

  g_free (self->network_uuid);
  self->network_uuid = g_strdup (g_task_get_task_data (task));
  self->token = token;
  self->have_token = TRUE;
  mesh_daemon_notify_network_uuid (self);

  g_ptr_array_add (self->attach_tasks, g_steal_pointer (&task));
  mesh_daemon_start_attach (self);
}

void
mesh_daemon_join_complete (MeshDaemon            *self,
                           guint64                token,
                           GDBusMethodInvocation *invocation)
{
  g_autoptr(GBytes) bytes = NULL;
  JoinData *data;

  if (self->join_task == NULL)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.mesh.Error.Failed",
                                                  "No network is being created");
      return;
    }

  data = g_new0 (JoinData, 1);
  data->self = g_object_ref (self);
  data->invocation = g_object_ref (invocation);
  data->token = token;
  bytes = token_to_bytes (token);
  mesh_keyring_store_async (g_task_get_task_data (self->join_task), MESH_SECRET_NODE_TOKEN, 0,
                            bytes, NULL, token_stored_cb, data);
}

static gboolean
join_timeout_cb (gpointer user_data)
{
  MeshDaemon *self = user_data;
  g_autoptr(GError) error = NULL;

  self->join_timeout = 0;
  error = g_error_new_literal (MESH_ERROR, MESH_ERROR_TIMED_OUT,
                               _("bluetooth-meshd created the node but never sent its token. "
                                 "Try again; restarting bluetooth-meshd may help."));
  mesh_daemon_fail_join (self, error);
  mesh_daemon_set_detached_state (self);

  return G_SOURCE_REMOVE;
}

static void
join_call_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  MeshDaemonOp op;

  if (MESH_BLUEZ_IS_NETWORK1 (source) && self->join_task
      && g_task_get_source_tag (self->join_task) == mesh_daemon_create_network_async)
    {
      op = MESH_DAEMON_OP_CREATE_NETWORK;
      ok = mesh_bluez_network1_call_create_network_finish (MESH_BLUEZ_NETWORK1 (source),
                                                           result, &error);
    }
  else
    {
      op = MESH_DAEMON_OP_IMPORT_NODE;
      ok = mesh_bluez_network1_call_import_finish (MESH_BLUEZ_NETWORK1 (source), result, &error);
    }

  if (!ok)
    {
      g_autoptr(GError) mapped = mesh_daemon_error_from_dbus (error, op,
                                                              g_atomic_int_get (self->app_read));

      if (self->join_task)
        {
          if (mesh_daemon_error_is_refusal (mapped))
            mesh_daemon_set_state (self, MESH_DAEMON_STATE_REFUSED, mapped->message);
          else
            mesh_daemon_set_detached_state (self);
        }
      mesh_daemon_fail_join (self, mapped);
      return;
    }

  /* The token follows in Application1.JoinComplete. */
}

static GTask *
begin_join (MeshDaemon          *self,
            gpointer             source_tag,
            const char          *network_uuid,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_strdup (network_uuid), g_free);

  if (self->daemon_owner == NULL || self->network == NULL)
    {
      g_task_return_error (task, mesh_daemon_unavailable_error (self));
      return NULL;
    }
  if (self->join_task || self->network_uuid)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_BUSY, "%s",
                               _("A network is already open or being created."));
      return NULL;
    }

  /* The call, meshd reading the application and JoinComplete. */
  self->join_timeout = g_timeout_add_seconds (2 * JOIN_TIMEOUT_S, join_timeout_cb, self);
  self->join_task = g_object_ref (task);
  g_atomic_int_set (self->app_read, 0);
  mesh_daemon_set_state (self, MESH_DAEMON_STATE_CONNECTING,
                         _("Creating the network in bluetooth-meshd…"));

  return g_steal_pointer (&task);
}

void
mesh_daemon_create_network_async (MeshDaemon          *self,
                                  const char          *network_uuid,
                                  GBytes              *node_uuid,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MESH_IS_DAEMON (self));
  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (node_uuid != NULL && g_bytes_get_size (node_uuid) == 16);

  task = begin_join (self, mesh_daemon_create_network_async, network_uuid,
                     cancellable, callback, user_data);
  if (task == NULL)
    return;

  mesh_bluez_network1_call_create_network (self->network, mesh_daemon_get_app_root (),
                                           g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                                     node_uuid, TRUE),
                                           self->connection_cancellable,
                                           join_call_cb, g_object_ref (self));
  g_object_unref (task);
}

gboolean
mesh_daemon_create_network_finish (MeshDaemon    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mesh_daemon_import_node_async (MeshDaemon          *self,
                               const char          *network_uuid,
                               GBytes              *node_uuid,
                               GBytes              *device_key,
                               GBytes              *net_key,
                               guint16              net_index,
                               guint32              iv_index,
                               gboolean             iv_update,
                               gboolean             key_refresh,
                               guint16              unicast,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GVariantBuilder flags;
  GTask *task;

  g_return_if_fail (MESH_IS_DAEMON (self));
  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (node_uuid != NULL && g_bytes_get_size (node_uuid) == 16);
  g_return_if_fail (device_key != NULL && g_bytes_get_size (device_key) == 16);
  g_return_if_fail (net_key != NULL && g_bytes_get_size (net_key) == 16);

  task = begin_join (self, mesh_daemon_import_node_async, network_uuid,
                     cancellable, callback, user_data);
  if (task == NULL)
    return;

  g_variant_builder_init (&flags, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&flags, "{sv}", "IvUpdate", g_variant_new_boolean (iv_update));
  g_variant_builder_add (&flags, "{sv}", "KeyRefresh", g_variant_new_boolean (key_refresh));
  mesh_bluez_network1_call_import (self->network, mesh_daemon_get_app_root (),
                                   g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                             node_uuid, TRUE),
                                   g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                             device_key, TRUE),
                                   g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                             net_key, TRUE),
                                   net_index, g_variant_builder_end (&flags), iv_index, unicast,
                                   self->connection_cancellable,
                                   join_call_cb, g_object_ref (self));
  g_object_unref (task);
}

gboolean
mesh_daemon_import_node_finish (MeshDaemon    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Attach and leave */

static gboolean
retry_attach_cb (gpointer user_data)
{
  MeshDaemon *self = user_data;

  self->retry_source = 0;
  mesh_daemon_start_attach (self);

  return G_SOURCE_REMOVE;
}

static void
attached (MeshDaemon *self)
{
  g_autoptr(GVariant) addresses = NULL;

  addresses = mesh_bluez_node1_dup_addresses (self->node);
  if (addresses && g_variant_n_children (addresses) > 0)
    g_variant_get_child (addresses, 0, "q", &self->unicast);
  self->iv_index = mesh_bluez_node1_get_iv_index (self->node);
  self->attaching = FALSE;

  g_debug ("Attached as node %s, address 0x%04x", self->node_path, self->unicast);
  mesh_daemon_notify_unicast (self);
  mesh_daemon_set_state (self, MESH_DAEMON_STATE_ATTACHED, NULL);
  mesh_daemon_finish_attach_tasks (self, NULL);
}

static void
attach_failed (MeshDaemon   *self,
               const GError *error)
{
  self->attaching = FALSE;
  g_clear_object (&self->node);
  g_clear_object (&self->management);
  g_clear_pointer (&self->node_path, g_free);

  /* meshd answers Busy while the node is being finalized (right after
   * JoinComplete) or detached: try again shortly. */
  if (g_error_matches (error, MESH_ERROR, MESH_ERROR_BUSY))
    {
      self->retry_source = g_timeout_add_seconds (ATTACH_RETRY_DELAY_S, retry_attach_cb, self);
      return;
    }

  mesh_daemon_set_state (self,
                         mesh_daemon_error_is_refusal (error)
                           ? MESH_DAEMON_STATE_REFUSED : MESH_DAEMON_STATE_FAILED,
                         error->message);
  mesh_daemon_finish_attach_tasks (self, error);
}

static gboolean
has_remote_provisioning (const char *xml)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  GDBusInterfaceInfo *management;

  if (!info)
    return FALSE;
  management = g_dbus_node_info_lookup_interface (info, "org.bluez.mesh.Management1");

  return management && g_dbus_interface_info_lookup_method (management, "Reprovision");
}

static void
introspect_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *xml = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!self->management || !self->attaching)
    return;  /* the node went away meanwhile */

  /* Not knowing is no reason to fail the attach: without an answer, only
   * our own radio is used. */
  if (reply)
    g_variant_get (reply, "(&s)", &xml);
  else
    g_debug ("Introspecting %s failed: %s", self->node_path, error->message);
  self->remote_provisioning = xml && has_remote_provisioning (xml);
  attached (self);
}

static void
management_proxy_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) mapped = NULL;
  MeshBluezManagement1 *management;

  management = mesh_bluez_management1_proxy_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (management == NULL)
    {
      mapped = mesh_daemon_error_from_dbus (error, MESH_DAEMON_OP_ATTACH, TRUE);
      attach_failed (self, mapped);
      return;
    }

  self->management = management;

  /* What the daemon can do is in its introspection data, not in a version
   * property: Reprovision came with Remote Provisioning (5.67). */
  g_dbus_connection_call (self->connection, MESH_DAEMON_SERVICE, self->node_path,
                          "org.freedesktop.DBus.Introspectable", "Introspect", NULL,
                          G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          self->connection_cancellable, introspect_cb, g_object_ref (self));
}

static void
node_proxy_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) mapped = NULL;
  MeshBluezNode1 *node;

  node = mesh_bluez_node1_proxy_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (node == NULL)
    {
      mapped = mesh_daemon_error_from_dbus (error, MESH_DAEMON_OP_ATTACH, TRUE);
      attach_failed (self, mapped);
      return;
    }

  self->node = node;
  mesh_bluez_management1_proxy_new (self->connection,
                                    G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES
                                    | G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS
                                    | G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                    MESH_DAEMON_SERVICE, self->node_path,
                                    self->connection_cancellable,
                                    management_proxy_cb, g_object_ref (self));
}

static void
attach_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) configuration = NULL;
  g_autofree char *node_path = NULL;

  if (!mesh_bluez_network1_call_attach_finish (MESH_BLUEZ_NETWORK1 (source), &node_path,
                                               &configuration, result, &error))
    {
      g_autoptr(GError) mapped = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      mapped = mesh_daemon_error_from_dbus (error, MESH_DAEMON_OP_ATTACH,
                                            g_atomic_int_get (self->app_read));
      g_debug ("Attach failed: %s", error->message);
      attach_failed (self, mapped);
      return;
    }

  self->node_path = g_steal_pointer (&node_path);
  mesh_bluez_node1_proxy_new (self->connection,
                              G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                              MESH_DAEMON_SERVICE, self->node_path,
                              self->connection_cancellable,
                              node_proxy_cb, g_object_ref (self));
}

static void
do_attach (MeshDaemon *self)
{
  g_atomic_int_set (self->app_read, 0);
  mesh_bluez_network1_call_attach (self->network, mesh_daemon_get_app_root (), self->token,
                                   self->connection_cancellable,
                                   attach_cb, g_object_ref (self));
}

static void
token_lookup_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) token = NULL;
  const guint8 *data;
  gsize len;

  token = mesh_keyring_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->attaching)
    return;

  if (token == NULL)
    {
      g_autoptr(GError) explained = NULL;

      if (g_error_matches (error, MESH_ERROR, MESH_ERROR_SECRET_MISSING))
        explained = g_error_new_literal (MESH_ERROR, MESH_ERROR_SECRET_MISSING,
                                         _("The keyring has no bluetooth-meshd token for this "
                                           "network, so Mesh Provisioner cannot attach to it. "
                                           "Import the network again on this computer."));
      else
        explained = g_error_copy (error);
      self->attaching = FALSE;
      mesh_daemon_set_state (self, MESH_DAEMON_STATE_FAILED, explained->message);
      mesh_daemon_finish_attach_tasks (self, explained);
      return;
    }

  data = g_bytes_get_data (token, &len);
  if (len != 8)
    {
      g_autoptr(GError) bad = g_error_new_literal (MESH_ERROR, MESH_ERROR_INVALID_DATA,
                                                   _("The bluetooth-meshd token in the keyring "
                                                     "is damaged. Import the network again."));

      self->attaching = FALSE;
      mesh_daemon_set_state (self, MESH_DAEMON_STATE_FAILED, bad->message);
      mesh_daemon_finish_attach_tasks (self, bad);
      return;
    }

  self->token = 0;
  for (gsize i = 0; i < 8; i++)
    self->token = (self->token << 8) | data[i];
  self->have_token = TRUE;
  do_attach (self);
}

void
mesh_daemon_start_attach (MeshDaemon *self)
{
  if (self->attaching || self->daemon_owner == NULL || self->network_uuid == NULL
      || self->network == NULL || self->node != NULL || self->join_task != NULL)
    return;

  self->attaching = TRUE;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  mesh_daemon_set_state (self, MESH_DAEMON_STATE_CONNECTING,
                         _("Attaching to the network in bluetooth-meshd…"));

  if (self->have_token)
    do_attach (self);
  else
    mesh_keyring_lookup_async (self->network_uuid, MESH_SECRET_NODE_TOKEN, 0,
                               self->connection_cancellable,
                               token_lookup_cb, g_object_ref (self));
}

void
mesh_daemon_attach_async (MeshDaemon          *self,
                          const char          *network_uuid,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MESH_IS_DAEMON (self));
  g_return_if_fail (network_uuid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_daemon_attach_async);

  if (self->network_uuid && !g_str_equal (self->network_uuid, network_uuid))
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_BUSY, "%s",
                               _("Another network is open. Close it first."));
      return;
    }

  if (self->network_uuid == NULL)
    {
      self->network_uuid = g_strdup (network_uuid);
      self->have_token = FALSE;
      mesh_daemon_notify_network_uuid (self);
    }

  if (self->state == MESH_DAEMON_STATE_ATTACHED)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Until the name watch has answered nobody knows whether meshd runs. */
  if (self->name_known && self->daemon_owner == NULL)
    {
      g_task_return_error (task, mesh_daemon_unavailable_error (self));
      return;
    }

  g_ptr_array_add (self->attach_tasks, g_steal_pointer (&task));
  if (self->state == MESH_DAEMON_STATE_FAILED || self->state == MESH_DAEMON_STATE_REFUSED)
    self->have_token = FALSE;  /* read it again: it may have been fixed */
  mesh_daemon_start_attach (self);
}

gboolean
mesh_daemon_attach_finish (MeshDaemon    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
leave_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshDaemon *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_bluez_network1_call_leave_finish (MESH_BLUEZ_NETWORK1 (source), result, &error))
    {
      g_task_return_error (task, mesh_daemon_error_from_dbus (error, MESH_DAEMON_OP_LEAVE, TRUE));
      return;
    }

  mesh_daemon_clear_node (self);
  g_clear_pointer (&self->network_uuid, g_free);
  self->have_token = FALSE;
  mesh_daemon_notify_network_uuid (self);
  mesh_daemon_set_detached_state (self);
  g_task_return_boolean (task, TRUE);
}

void
mesh_daemon_leave_async (MeshDaemon          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MESH_IS_DAEMON (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_daemon_leave_async);

  if (!self->have_token || self->network == NULL || self->daemon_owner == NULL)
    {
      g_task_return_error (task, mesh_daemon_unavailable_error (self));
      return;
    }

  mesh_bluez_network1_call_leave (self->network, self->token, cancellable,
                                  leave_cb, g_steal_pointer (&task));
}

gboolean
mesh_daemon_leave_finish (MeshDaemon    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
