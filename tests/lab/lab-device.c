/* lab-device.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* mesh-lab-device: a simulated mesh product for the mesh lab. It is a mesh
 * application of its own bluetooth-meshd (found on the bus by the daemon's
 * PID): it calls Network1.Join and waits to be provisioned, then attaches
 * with its token and serves
 *
 *   element 0: Generic OnOff Server, Generic Level Server, vendor model
 *              (company --cid, model 0x0001: Echo 0x01 → Echo Status 0x02)
 *   element 1: Generic OnOff Server
 *
 * It answers Get, Set and (silently) Set Unacknowledged, and publishes its
 * status on a change when meshd has a publication for the model. mesh-lab
 * starts one per virtual device; the lab reads and drives it through
 * io.github.meshprovisioner.MeshLabDevice1 on the device bus, under the
 * well-known name given with --name, which it takes once it is ready. Its
 * token and states are kept in --state so that it comes back provisioned. */

#include "config.h"

#include "lab-device-private.h"

#include "lab-app.h"

#include <glib-unix.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char lab_device_xml[] =
  "<node>"
  "  <interface name='" LAB_DEVICE_IFACE "'>"
  "    <method name='GetState'><arg name='state' type='a{sv}' direction='out'/></method>"
  "    <method name='ProvideInput'><arg name='number' type='u' direction='in'/></method>"
  "    <signal name='StateChanged'><arg name='state' type='a{sv}'/></signal>"
  "  </interface>"
  "</node>";

static const char *
oob_name (OobMode oob)
{
  switch (oob)
    {
    case OOB_STATIC:
      return "static";
    case OOB_OUTPUT_NUMERIC:
      return "output-numeric";
    case OOB_INPUT_NUMERIC:
      return "input-numeric";
    case OOB_NONE:
    default:
      return "none";
    }
}

static GVariant *
bool_array (const gboolean *values,
            guint           n)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("ab"));
  for (guint i = 0; i < n; i++)
    g_variant_builder_add (&builder, "b", values[i]);

  return g_variant_builder_end (&builder);
}

static GVariant *
device_state (Device *device)
{
  GVariantBuilder builder;
  g_autofree char *uuid = lab_hex_encode (device->uuid, 16);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&builder, "{sv}", "Uuid", lab_bytes_variant (device->uuid, 16));
  g_variant_builder_add (&builder, "{sv}", "UuidString", g_variant_new_string (uuid));
  g_variant_builder_add (&builder, "{sv}", "Oob", g_variant_new_string (oob_name (device->oob)));
  g_variant_builder_add (&builder, "{sv}", "StaticKey",
                         lab_bytes_variant (device->static_key,
                                            device->oob == OOB_STATIC ? 16 : 0));
  g_variant_builder_add (&builder, "{sv}", "CompanyId", g_variant_new_uint16 (device->cid));
  g_variant_builder_add (&builder, "{sv}", "ProductId", g_variant_new_uint16 (device->pid));
  g_variant_builder_add (&builder, "{sv}", "VersionId", g_variant_new_uint16 (device->vid));
  g_variant_builder_add (&builder, "{sv}", "Provisioned", g_variant_new_boolean (device->has_token));
  g_variant_builder_add (&builder, "{sv}", "Attached", g_variant_new_boolean (device->attached));
  g_variant_builder_add (&builder, "{sv}", "Joining", g_variant_new_boolean (device->joining));
  g_variant_builder_add (&builder, "{sv}", "Token", g_variant_new_uint64 (device->has_token ? device->token : 0));
  g_variant_builder_add (&builder, "{sv}", "Unicast", g_variant_new_uint16 (device->unicast));
  g_variant_builder_add (&builder, "{sv}", "JoinAttempts", g_variant_new_uint32 (device->join_attempts));
  g_variant_builder_add (&builder, "{sv}", "LastJoinFailure",
                         g_variant_new_string (device->last_failure ? device->last_failure : ""));
  g_variant_builder_add (&builder, "{sv}", "OnOff", bool_array (device->onoff, N_ELEMENTS));
  g_variant_builder_add (&builder, "{sv}", "Level", g_variant_new_int16 (device->level));
  g_variant_builder_add (&builder, "{sv}", "OnOffPublication",
                         bool_array (device->onoff_publication, N_ELEMENTS));
  g_variant_builder_add (&builder, "{sv}", "LevelPublication", g_variant_new_boolean (device->level_publication));
  g_variant_builder_add (&builder, "{sv}", "VendorPublication", g_variant_new_boolean (device->vendor_publication));
  g_variant_builder_add (&builder, "{sv}", "DisplayedNumber",
                         g_variant_new_uint32 (device->displayed_set ? device->displayed : 0));
  g_variant_builder_add (&builder, "{sv}", "InputPending", g_variant_new_boolean (device->pending_input != NULL));
  g_variant_builder_add (&builder, "{sv}", "MessagesReceived", g_variant_new_uint32 (device->messages));
  g_variant_builder_add (&builder, "{sv}", "Pid", g_variant_new_uint32 (getpid ()));
  g_variant_builder_add (&builder, "{sv}", "DaemonPid", g_variant_new_uint32 (device->daemon_pid));

  return g_variant_builder_end (&builder);
}

void
save_state (Device *device)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *uuid = lab_hex_encode (device->uuid, 16);
  g_autoptr(GError) error = NULL;

  if (!device->state_path)
    return;

  g_key_file_set_string (file, "device", "uuid", uuid);
  if (device->has_token)
    {
      g_autofree char *token = g_strdup_printf ("%" G_GUINT64_FORMAT, device->token);

      g_key_file_set_string (file, "device", "token", token);
    }
  g_key_file_set_boolean (file, "device", "onoff0", device->onoff[0]);
  g_key_file_set_boolean (file, "device", "onoff1", device->onoff[1]);
  g_key_file_set_integer (file, "device", "level", device->level);

  if (!g_key_file_save_to_file (file, device->state_path, &error))
    g_warning ("Cannot save the device state: %s", error->message);
}

static void
load_state (Device *device)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *uuid = NULL;
  g_autofree char *token = NULL;

  if (!device->state_path || !g_key_file_load_from_file (file, device->state_path, 0, NULL))
    return;

  uuid = g_key_file_get_string (file, "device", "uuid", NULL);
  if (uuid)
    device->has_uuid = lab_hex_decode (uuid, device->uuid, 16);
  token = g_key_file_get_string (file, "device", "token", NULL);
  if (token)
    {
      device->token = g_ascii_strtoull (token, NULL, 10);
      device->has_token = TRUE;
    }
  device->onoff[0] = g_key_file_get_boolean (file, "device", "onoff0", NULL);
  device->onoff[1] = g_key_file_get_boolean (file, "device", "onoff1", NULL);
  device->level = (gint16) g_key_file_get_integer (file, "device", "level", NULL);
}

void
state_changed (Device *device)
{
  save_state (device);
  g_dbus_connection_emit_signal (device->bus, NULL, LAB_DEVICE_PATH, LAB_DEVICE_IFACE,
                                 "StateChanged",
                                 g_variant_new ("(@a{sv})", device_state (device)), NULL);
}

static void
lab_method_cb (GDBusConnection       *connection,
               const char            *sender,
               const char            *path,
               const char            *interface,
               const char            *method,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               user_data)
{
  Device *device = user_data;

  if (g_str_equal (method, "GetState"))
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(@a{sv})", device_state (device)));
      return;
    }

  if (g_str_equal (method, "ProvideInput"))
    {
      guint32 number;

      g_variant_get (parameters, "(u)", &number);
      if (!device->pending_input)
        {
          g_dbus_method_invocation_return_dbus_error (invocation,
                                                      "io.github.meshprovisioner.MeshLab.Error.NotPending",
                                                      "The device is not asking for input");
          return;
        }
      g_dbus_method_invocation_return_value (g_steal_pointer (&device->pending_input),
                                             g_variant_new ("(u)", number));
      g_dbus_method_invocation_return_value (invocation, NULL);
      state_changed (device);
    }
}

static const GDBusInterfaceVTable lab_vtable = {
  .method_call = lab_method_cb,
};

static void
daemon_vanished_cb (GDBusConnection *connection,
                    const char      *name,
                    gpointer         user_data)
{
  Device *device = user_data;

  g_message ("bluetooth-meshd left the bus: stopping");
  device->exit_status = 2;
  g_main_loop_quit (device->loop);
}

static gboolean
quit_cb (gpointer user_data)
{
  Device *device = user_data;

  g_main_loop_quit (device->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_oob (Device     *device,
           const char *value,
           GError    **error)
{
  if (g_str_equal (value, "none"))
    device->oob = OOB_NONE;
  else if (g_str_equal (value, "output") || g_str_equal (value, "output-numeric"))
    device->oob = OOB_OUTPUT_NUMERIC;
  else if (g_str_equal (value, "input") || g_str_equal (value, "input-numeric"))
    device->oob = OOB_INPUT_NUMERIC;
  else if (g_str_has_prefix (value, "static:")
           && lab_hex_decode (value + strlen ("static:"), device->static_key, 16))
    device->oob = OOB_STATIC;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Bad --oob value “%s”: use none, static:<32 hex digits>, output or input",
                   value);
      return FALSE;
    }

  return TRUE;
}

static gboolean
register_objects (Device  *device,
                  GError **error)
{
  device->app = lab_app_new (device->bus, APP_ROOT);

  if (!lab_app_add_object (device->app, APP_PATH, LAB_MESH_APPLICATION_IFACE,
                           &application_vtable, device, error)
      || !lab_app_add_object (device->app, AGENT_PATH, LAB_MESH_PROVISION_AGENT_IFACE,
                              &agent_vtable, device, error))
    return FALSE;

  for (guint i = 0; i < N_ELEMENTS; i++)
    {
      g_autofree char *path = element_path (i);

      if (!lab_app_add_object (device->app, path, LAB_MESH_ELEMENT_IFACE,
                               &element_vtable, device, error))
        return FALSE;
    }

  device->lab_info = g_dbus_node_info_new_for_xml (lab_device_xml, error);
  if (!device->lab_info)
    return FALSE;
  device->lab_id = g_dbus_connection_register_object (device->bus, LAB_DEVICE_PATH,
                                                      device->lab_info->interfaces[0],
                                                      &lab_vtable, device, NULL, error);
  return device->lab_id != 0;
}

int
main (int   argc,
      char *argv[])
{
  Device device = { 0 };
  g_autofree char *bus_address = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *oob = NULL;
  int cid = 0x05F1, pid = 0x0001, vid = 0x0001;
  int daemon_pid = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  GOptionEntry entries[] = {
    { "bus", 0, 0, G_OPTION_ARG_STRING, &bus_address, "Address of the bus meshd is on", "ADDRESS" },
    { "daemon-pid", 0, 0, G_OPTION_ARG_INT, &daemon_pid, "PID of this device's bluetooth-meshd", "PID" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &device.name, "Bus name to take once ready", "NAME" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &device.state_path, "File that keeps token and states", "FILE" },
    { "storage", 0, 0, G_OPTION_ARG_FILENAME, &device.storage, "meshd's storage directory", "DIR" },
    { "uuid", 0, 0, G_OPTION_ARG_STRING, &uuid, "Device UUID (32 hex digits)", "HEX" },
    { "oob", 0, 0, G_OPTION_ARG_STRING, &oob, "none, static:HEX, output or input", "MODE" },
    { "cid", 0, 0, G_OPTION_ARG_INT, &cid, "Company ID", "N" },
    { "pid", 0, 0, G_OPTION_ARG_INT, &pid, "Product ID", "N" },
    { "vid", 0, 0, G_OPTION_ARG_INT, &vid, "Version ID", "N" },
    { NULL }
  };

  context = g_option_context_new ("- a simulated mesh product for the mesh lab");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error)
      || (oob && !parse_oob (&device, oob, &error)))
    {
      g_printerr ("mesh-lab-device: %s\n", error->message);
      return 2;
    }
  if (daemon_pid <= 0)
    {
      g_printerr ("mesh-lab-device: --daemon-pid is required\n");
      return 2;
    }

  device.daemon_pid = daemon_pid;
  device.cid = cid;
  device.pid = pid;
  device.vid = vid;
  device.tids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  load_state (&device);
  if (uuid && !device.has_uuid && !lab_hex_decode (uuid, device.uuid, 16))
    {
      g_printerr ("mesh-lab-device: bad --uuid\n");
      return 2;
    }
  if (!uuid && !device.has_uuid)
    lab_uuid_generate (device.uuid);

  if (bus_address)
    device.bus = g_dbus_connection_new_for_address_sync (bus_address,
                                                         G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                         | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                         NULL, NULL, &error);
  else
    device.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (!device.bus)
    {
      g_printerr ("mesh-lab-device: cannot connect to the bus: %s\n", error->message);
      return 1;
    }
  g_dbus_connection_set_exit_on_close (device.bus, FALSE);

  device.loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, &device);
  g_unix_signal_add (SIGINT, quit_cb, &device);

  if (!register_objects (&device, &error)
      || !(device.daemon = find_daemon (&device, &error))
      || !start_network (&device, &error))
    {
      g_printerr ("mesh-lab-device: %s\n", error->message);
      return 1;
    }

  device.daemon_watch = g_bus_watch_name_on_connection (device.bus, device.daemon,
                                                        G_BUS_NAME_WATCHER_FLAGS_NONE, NULL,
                                                        daemon_vanished_cb, &device, NULL);
  save_state (&device);
  if (device.name)
    device.name_id = g_bus_own_name_on_connection (device.bus, device.name,
                                                   G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                                   NULL, NULL, NULL, NULL);

  g_main_loop_run (device.loop);

  if (device.name_id)
    g_bus_unown_name (device.name_id);
  g_bus_unwatch_name (device.daemon_watch);
  g_dbus_connection_unregister_object (device.bus, device.lab_id);
  g_clear_pointer (&device.app, lab_app_free);
  g_dbus_connection_flush_sync (device.bus, NULL, NULL);
  g_clear_object (&device.pending_input);
  g_dbus_node_info_unref (device.lab_info);
  g_hash_table_unref (device.tids);
  g_main_loop_unref (device.loop);
  g_object_unref (device.bus);
  g_free (device.daemon);
  g_free (device.node_path);
  g_free (device.last_failure);
  g_free (device.name);
  g_free (device.state_path);
  g_free (device.storage);

  return device.exit_status;
}
