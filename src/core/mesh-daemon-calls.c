/* mesh-daemon-calls.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-daemon-private.h"
#include "mesh-error.h"
#include "mesh-wire.h"

/* MeshTransport (Node1.Send, Node1.DevKeySend) and the Management1 calls
 * of an attached node. */

#define KEY_SIZE 16

static void
daemon_key_free (gpointer data)
{
  MeshDaemonKey *key = data;

  g_clear_pointer (&key->key, g_bytes_unref);
  g_clear_pointer (&key->old_key, g_bytes_unref);
  g_free (key);
}

static GBytes *
key_from_variant (GVariant *value)
{
  gsize len = 0;
  const guint8 *data;

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    return NULL;
  data = g_variant_get_fixed_array (value, &len, 1);
  if (len != KEY_SIZE)
    return NULL;

  return g_bytes_new (data, len);
}

static GBytes *
old_key_from_options (GVariant *options)
{
  g_autoptr(GVariant) old = g_variant_lookup_value (options, "OldKey", G_VARIANT_TYPE_BYTESTRING);

  return key_from_variant (old);
}

/* NetKeys: a(qaya{sv}), each dictionary with "Phase" y, "OldKey" ay and
 * "AppKeys" a(qaya{sv}) (mesh/keyring.c, keyring_build_export_keys_reply). */
static gboolean
parse_net_keys (GVariant        *value,
                MeshDaemonKeys  *keys)
{
  GVariantIter iter;
  guint16 index;
  g_autoptr(GVariant) key = NULL;
  g_autoptr(GVariant) options = NULL;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(q@ay@a{sv})", &index, &key, &options))
    {
      MeshDaemonKey *net_key = g_new0 (MeshDaemonKey, 1);
      g_autoptr(GVariant) app_keys = NULL;

      g_ptr_array_add (keys->net_keys, net_key);
      net_key->index = index;
      net_key->key = key_from_variant (key);
      net_key->old_key = old_key_from_options (options);
      g_variant_lookup (options, "Phase", "y", &net_key->phase);
      if (net_key->key == NULL)
        return FALSE;

      app_keys = g_variant_lookup_value (options, "AppKeys", G_VARIANT_TYPE ("a(qaya{sv})"));
      if (app_keys)
        {
          GVariantIter app_iter;
          g_autoptr(GVariant) app_key = NULL;
          g_autoptr(GVariant) app_options = NULL;
          guint16 app_index;

          g_variant_iter_init (&app_iter, app_keys);
          while (g_variant_iter_next (&app_iter, "(q@ay@a{sv})", &app_index, &app_key,
                                      &app_options))
            {
              MeshDaemonKey *entry = g_new0 (MeshDaemonKey, 1);

              g_ptr_array_add (keys->app_keys, entry);
              entry->index = app_index;
              entry->bound_index = index;
              entry->key = key_from_variant (app_key);
              entry->old_key = old_key_from_options (app_options);
              g_clear_pointer (&app_key, g_variant_unref);
              g_clear_pointer (&app_options, g_variant_unref);
              if (entry->key == NULL)
                return FALSE;
            }
        }

      g_clear_pointer (&key, g_variant_unref);
      g_clear_pointer (&options, g_variant_unref);
    }

  return TRUE;
}

static gboolean
parse_device_keys (GVariant       *value,
                   MeshDaemonKeys *keys)
{
  GVariantIter iter;
  guint16 unicast;
  g_autoptr(GVariant) key = NULL;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(q@ay)", &unicast, &key))
    {
      MeshDaemonKey *entry = g_new0 (MeshDaemonKey, 1);

      g_ptr_array_add (keys->device_keys, entry);
      entry->index = unicast;
      entry->key = key_from_variant (key);
      g_clear_pointer (&key, g_variant_unref);
      if (entry->key == NULL)
        return FALSE;
    }

  return TRUE;
}

static MeshDaemonKeys *
keys_from_variant (GVariant  *reply,
                   GError   **error)
{
  g_autoptr(GVariant) net_keys = NULL;
  g_autoptr(GVariant) device_keys = NULL;
  MeshDaemonKeys *keys = g_new0 (MeshDaemonKeys, 1);

  keys->net_keys = g_ptr_array_new_with_free_func (daemon_key_free);
  keys->app_keys = g_ptr_array_new_with_free_func (daemon_key_free);
  keys->device_keys = g_ptr_array_new_with_free_func (daemon_key_free);

  net_keys = g_variant_lookup_value (reply, "NetKeys", G_VARIANT_TYPE ("a(qaya{sv})"));
  device_keys = g_variant_lookup_value (reply, "DevKeys", G_VARIANT_TYPE ("a(qay)"));
  if ((net_keys && !parse_net_keys (net_keys, keys))
      || (device_keys && !parse_device_keys (device_keys, keys)))
    {
      mesh_daemon_keys_free (keys);
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                           _("bluetooth-meshd sent keys of the wrong size."));
      return NULL;
    }

  return keys;
}

void
mesh_daemon_keys_free (MeshDaemonKeys *keys)
{
  if (keys == NULL)
    return;

  g_clear_pointer (&keys->net_keys, g_ptr_array_unref);
  g_clear_pointer (&keys->app_keys, g_ptr_array_unref);
  g_clear_pointer (&keys->device_keys, g_ptr_array_unref);
  g_free (keys);
}

const MeshDaemonKey *
mesh_daemon_keys_find_device_key (const MeshDaemonKeys *keys,
                                  guint16               unicast)
{
  g_return_val_if_fail (keys != NULL, NULL);

  for (guint i = 0; i < keys->device_keys->len; i++)
    {
      const MeshDaemonKey *key = g_ptr_array_index (keys->device_keys, i);

      if (key->index == unicast)
        return key;
    }

  return NULL;
}

static void
export_keys_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  MeshDaemonKeys *keys;

  if (!mesh_bluez_management1_call_export_keys_finish (MESH_BLUEZ_MANAGEMENT1 (source), &reply,
                                                       result, &error))
    {
      g_task_return_error (task, mesh_daemon_error_from_dbus (error, MESH_DAEMON_OP_EXPORT_KEYS,
                                                              TRUE));
      return;
    }

  keys = keys_from_variant (reply, &error);
  if (keys == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, keys, (GDestroyNotify) mesh_daemon_keys_free);
}

void
mesh_daemon_export_keys_async (MeshDaemon          *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MESH_IS_DAEMON (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_daemon_export_keys_async);

  if (!mesh_daemon_check_attached (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mesh_bluez_management1_call_export_keys (self->management, cancellable,
                                           export_keys_cb, g_steal_pointer (&task));
}

MeshDaemonKeys *
mesh_daemon_export_keys_finish (MeshDaemon    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static MeshDaemonOp
op_of_call (MeshDaemonCall call)
{
  switch (call)
    {
    case MESH_DAEMON_CALL_IMPORT_SUBNET: return MESH_DAEMON_OP_IMPORT_SUBNET;
    case MESH_DAEMON_CALL_DELETE_SUBNET: return MESH_DAEMON_OP_DELETE_SUBNET;
    case MESH_DAEMON_CALL_IMPORT_APP_KEY: return MESH_DAEMON_OP_IMPORT_APP_KEY;
    case MESH_DAEMON_CALL_DELETE_APP_KEY: return MESH_DAEMON_OP_DELETE_APP_KEY;
    case MESH_DAEMON_CALL_IMPORT_REMOTE_NODE: return MESH_DAEMON_OP_IMPORT_REMOTE_NODE;
    case MESH_DAEMON_CALL_DELETE_REMOTE_NODE: return MESH_DAEMON_OP_DELETE_REMOTE_NODE;
    default: g_return_val_if_reached (MESH_DAEMON_OP_CONNECT);
    }
}

static void
manage_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  MeshDaemonCall call = GPOINTER_TO_UINT (g_task_get_task_data (task));

  reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (source), result, &error);
  if (reply == NULL)
    g_task_return_error (task, mesh_daemon_error_from_dbus (error, op_of_call (call), TRUE));
  else
    g_task_return_boolean (task, TRUE);
}

void
mesh_daemon_manage_async (MeshDaemon          *self,
                          MeshDaemonCall       call,
                          guint16              a,
                          guint16              b,
                          GBytes              *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gboolean needs_key;
  GVariant *parameters;
  GVariant *k;
  const char *method;

  g_return_if_fail (MESH_IS_DAEMON (self));
  g_return_if_fail (call <= MESH_DAEMON_CALL_DELETE_REMOTE_NODE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_daemon_manage_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (call), NULL);

  if (!mesh_daemon_check_attached (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  needs_key = call == MESH_DAEMON_CALL_IMPORT_SUBNET || call == MESH_DAEMON_CALL_IMPORT_APP_KEY
              || call == MESH_DAEMON_CALL_IMPORT_REMOTE_NODE;
  if (needs_key && (key == NULL || g_bytes_get_size (key) != KEY_SIZE))
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT, "%s",
                               _("A mesh key has 16 bytes."));
      return;
    }

  /* Built by hand rather than through the generated call_* functions so
   * that one function covers the six calls. */
  k = needs_key ? g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, key, TRUE) : NULL;
  switch (call)
    {
    case MESH_DAEMON_CALL_IMPORT_SUBNET:
      method = "ImportSubnet";
      parameters = g_variant_new ("(q@ay)", a, k);
      break;
    case MESH_DAEMON_CALL_DELETE_SUBNET:
      method = "DeleteSubnet";
      parameters = g_variant_new ("(q)", a);
      break;
    case MESH_DAEMON_CALL_IMPORT_APP_KEY:
      method = "ImportAppKey";
      parameters = g_variant_new ("(qq@ay)", a, b, k);
      break;
    case MESH_DAEMON_CALL_DELETE_APP_KEY:
      method = "DeleteAppKey";
      parameters = g_variant_new ("(q)", a);
      break;
    case MESH_DAEMON_CALL_IMPORT_REMOTE_NODE:
      method = "ImportRemoteNode";
      parameters = g_variant_new ("(qy@ay)", a, (guint8) b, k);
      break;
    case MESH_DAEMON_CALL_DELETE_REMOTE_NODE:
    default:
      method = "DeleteRemoteNode";
      parameters = g_variant_new ("(qy)", a, (guint8) b);
      break;
    }

  g_dbus_proxy_call (G_DBUS_PROXY (self->management), method, parameters,
                     G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                     manage_cb, g_steal_pointer (&task));
}

gboolean
mesh_daemon_manage_finish (MeshDaemon    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
scan_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (GPOINTER_TO_UINT (g_task_get_task_data (task)))
    ok = mesh_bluez_management1_call_unprovisioned_scan_finish (MESH_BLUEZ_MANAGEMENT1 (source),
                                                                result, &error);
  else
    ok = mesh_bluez_management1_call_unprovisioned_scan_cancel_finish (
           MESH_BLUEZ_MANAGEMENT1 (source), result, &error);

  if (!ok)
    g_task_return_error (task, mesh_daemon_error_from_dbus (error, MESH_DAEMON_OP_SCAN, TRUE));
  else
    g_task_return_boolean (task, TRUE);
}

void
mesh_daemon_scan_async (MeshDaemon          *self,
                        gboolean             start,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MESH_IS_DAEMON (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_daemon_scan_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (start), NULL);

  if (!mesh_daemon_check_attached (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* No "Seconds": meshd 5.66 scans until cancelled (or until AddNode,
   * which cancels it); 5.67 and newer stop after 60 s. Calling it again
   * restarts meshd's filter of already reported UUIDs. */
  if (start)
    mesh_bluez_management1_call_unprovisioned_scan (self->management,
                                                    g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                         NULL, 0),
                                                    cancellable, scan_cb,
                                                    g_steal_pointer (&task));
  else
    mesh_bluez_management1_call_unprovisioned_scan_cancel (self->management, cancellable,
                                                           scan_cb, g_steal_pointer (&task));
}

gboolean
mesh_daemon_check_remote_provisioning (MeshDaemon  *self,
                                       GError     **error)
{
  g_return_val_if_fail (MESH_IS_DAEMON (self), FALSE);

  if (self->remote_provisioning)
    return TRUE;

  g_set_error_literal (error, MESH_ERROR, MESH_ERROR_DAEMON_TOO_OLD,
                       _("This bluetooth-meshd cannot reach devices through another node. "
                         "Remote provisioning needs bluetooth-meshd 5.67 or newer."));
  return FALSE;
}

/* The options of a call made through a Remote Provisioning Server; FALSE
 * (and @error set) when meshd has no Remote Provisioning. */
static gboolean
remote_options (MeshDaemon       *self,
                guint16           server,
                guint16           net_index,
                GVariantBuilder  *options,
                GError          **error)
{
  if (server == 0)
    return TRUE;

  if (!mesh_daemon_check_remote_provisioning (self, error))
    return FALSE;
  if (!mesh_address_is_unicast (server))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("0x%04X is not a node's unicast address."), server);
      return FALSE;
    }

  if (net_index > MESH_KEY_INDEX_MAX)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("%u is not a network key index."), net_index);
      return FALSE;
    }

  g_variant_builder_add (options, "{sv}", "Server", g_variant_new_uint16 (server));
  /* meshd goes over the primary subnet without it. */
  if (net_index != 0)
    g_variant_builder_add (options, "{sv}", "Subnet", g_variant_new_uint16 (net_index));
  return TRUE;
}

void
mesh_daemon_remote_scan_async (MeshDaemon          *self,
                               guint16              server,
                               guint16              net_index,
                               guint                seconds,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GVariantBuilder) options = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));

  g_return_if_fail (MESH_IS_DAEMON (self));
  g_return_if_fail (server != 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_daemon_remote_scan_async);

  if (!mesh_daemon_check_attached (self, &error)
      || !remote_options (self, server, net_index, &options, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The server scans for at most 60 s (Remote Provisioning Scan Start). */
  g_variant_builder_add (&options, "{sv}", "Seconds",
                         g_variant_new_uint16 (CLAMP (seconds, 1, 60)));
  mesh_bluez_management1_call_unprovisioned_scan (self->management,
                                                  g_variant_builder_end (&options),
                                                  cancellable, scan_cb, g_steal_pointer (&task));
}

gboolean
mesh_daemon_scan_finish (MeshDaemon    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
add_node_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!mesh_bluez_management1_call_add_node_finish (MESH_BLUEZ_MANAGEMENT1 (source), result,
                                                    &error))
    g_task_return_error (task, mesh_daemon_error_from_dbus (error, MESH_DAEMON_OP_ADD_NODE, TRUE));
  else
    g_task_return_boolean (task, TRUE);
}

void
mesh_daemon_add_node_async (MeshDaemon          *self,
                            GBytes              *uuid,
                            guint16              server,
                            guint16              net_index,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GVariantBuilder) options = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));

  g_return_if_fail (MESH_IS_DAEMON (self));
  g_return_if_fail (uuid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_daemon_add_node_async);

  if (!mesh_daemon_check_attached (self, &error)
      || !remote_options (self, server, net_index, &options, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_bytes_get_size (uuid) != 16)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT, "%s",
                               _("A Device UUID has 16 bytes."));
      return;
    }

  mesh_bluez_management1_call_add_node (self->management,
                                        g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                                  uuid, TRUE),
                                        g_variant_builder_end (&options),
                                        cancellable, add_node_cb, g_steal_pointer (&task));
}

gboolean
mesh_daemon_add_node_finish (MeshDaemon    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  MeshDaemonOp op = GPOINTER_TO_UINT (g_task_get_task_data (task));

  if (op == MESH_DAEMON_OP_DEV_KEY_SEND)
    ok = mesh_bluez_node1_call_dev_key_send_finish (MESH_BLUEZ_NODE1 (source), result, &error);
  else
    ok = mesh_bluez_node1_call_send_finish (MESH_BLUEZ_NODE1 (source), result, &error);

  if (!ok)
    g_task_return_error (task, mesh_daemon_error_from_dbus (error, op, TRUE));
  else
    g_task_return_boolean (task, TRUE);
}

static void
mesh_daemon_send_async (MeshTransport       *transport,
                        MeshTransportKey     key,
                        guint16              key_index,
                        guint16              destination,
                        GBytes              *message,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  MeshDaemon *self = MESH_DAEMON (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  GVariant *data;
  GVariant *options;

  g_task_set_source_tag (task, mesh_daemon_send_async);

  if (!mesh_daemon_check_attached (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, message, TRUE);
  options = g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0);

  if (key == MESH_TRANSPORT_KEY_DEVICE)
    {
      g_task_set_task_data (task, GUINT_TO_POINTER (MESH_DAEMON_OP_DEV_KEY_SEND), NULL);
      /* remote = TRUE: the destination's device key, which meshd wants
       * even for a message to our own node (mesh/node.c). */
      mesh_bluez_node1_call_dev_key_send (self->node, mesh_daemon_get_element_path (),
                                          destination, TRUE, key_index, options, data,
                                          cancellable, send_cb, g_steal_pointer (&task));
    }
  else
    {
      g_task_set_task_data (task, GUINT_TO_POINTER (MESH_DAEMON_OP_SEND), NULL);
      mesh_bluez_node1_call_send (self->node, mesh_daemon_get_element_path (),
                                  destination, key_index, options, data,
                                  cancellable, send_cb, g_steal_pointer (&task));
    }
}

static gboolean
mesh_daemon_send_finish (MeshTransport  *transport,
                         GAsyncResult   *result,
                         GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mesh_daemon_transport_iface_init (MeshTransportInterface *iface)
{
  iface->send_async = mesh_daemon_send_async;
  iface->send_finish = mesh_daemon_send_finish;
}
