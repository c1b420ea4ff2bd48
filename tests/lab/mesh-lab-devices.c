/* mesh-lab-devices.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The virtual devices: each a mesh-lab-device and a bluetooth-meshd of its
 * own on the device bus. The lab starts and stops them, follows their
 * state through io.github.meshprovisioner.MeshLabDevice1 and passes it on
 * as DeviceChanged. */

#include "config.h"

#include "mesh-lab-private.h"

#include "lab-app.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

LabDevice *
get_device (Lab   *lab,
            guint  index)
{
  return index < lab->devices->len ? g_ptr_array_index (lab->devices, index) : NULL;
}

GVariant *
device_summary (LabDevice *device)
{
  GVariantBuilder builder;
  g_autofree char *uuid = lab_hex_encode (device->spec.uuid, 16);
  const char *oob = device->spec.oob;
  gboolean is_static = g_str_has_prefix (oob, "static:");
  guint8 key[16] = { 0 };

  if (is_static)
    lab_hex_decode (oob + strlen ("static:"), key, 16);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));

  /* What the device last told, then what the lab knows for sure. */
  if (device->state)
    {
      GVariantIter iter;
      const char *key_name;
      GVariant *value;

      g_variant_iter_init (&iter, device->state);
      while (g_variant_iter_next (&iter, "{&sv}", &key_name, &value))
        {
          if (!g_str_equal (key_name, "Uuid") && !g_str_equal (key_name, "UuidString")
              && !g_str_equal (key_name, "Pid") && !g_str_equal (key_name, "DaemonPid")
              && !g_str_equal (key_name, "StaticKey") && !g_str_equal (key_name, "Oob"))
            g_variant_builder_add (&builder, "{sv}", key_name, value);
          g_variant_unref (value);
        }
    }
  else
    {
      g_variant_builder_add (&builder, "{sv}", "Provisioned", g_variant_new_boolean (FALSE));
      g_variant_builder_add (&builder, "{sv}", "Unicast", g_variant_new_uint16 (0));
    }

  g_variant_builder_add (&builder, "{sv}", "Index", g_variant_new_uint32 (device->index));
  g_variant_builder_add (&builder, "{sv}", "Uuid", lab_bytes_variant (device->spec.uuid, 16));
  g_variant_builder_add (&builder, "{sv}", "UuidString", g_variant_new_string (uuid));
  g_variant_builder_add (&builder, "{sv}", "Oob",
                         g_variant_new_string (is_static ? "static"
                                               : g_str_equal (oob, "output") ? "output-numeric"
                                               : g_str_equal (oob, "input") ? "input-numeric"
                                               : "none"));
  g_variant_builder_add (&builder, "{sv}", "StaticKey", lab_bytes_variant (key, is_static ? 16 : 0));
  g_variant_builder_add (&builder, "{sv}", "Present", g_variant_new_boolean (device->present));
  g_variant_builder_add (&builder, "{sv}", "Ready", g_variant_new_boolean (device->ready));
  g_variant_builder_add (&builder, "{sv}", "Pid",
                         g_variant_new_uint32 (lab_process_is_running (device->app)
                                               ? lab_process_get_pid (device->app) : 0));
  g_variant_builder_add (&builder, "{sv}", "DaemonPid",
                         g_variant_new_uint32 (lab_process_is_running (device->daemon)
                                               ? lab_process_get_pid (device->daemon) : 0));

  return g_variant_builder_end (&builder);
}

void
set_device_state (LabDevice *device,
                  GVariant  *state)
{
  Lab *lab = device->lab;

  g_clear_pointer (&device->state, g_variant_unref);
  device->state = g_variant_ref_sink (state);

  if (lab->pbus)
    g_dbus_connection_emit_signal (lab->pbus, NULL, LAB_OBJECT_PATH, LAB_IFACE, "DeviceChanged",
                                   g_variant_new ("(u@a{sv})", device->index,
                                                  device_summary (device)),
                                   NULL);
}

static void
device_state_changed_cb (GDBusConnection *connection,
                         const char      *sender,
                         const char      *path,
                         const char      *interface,
                         const char      *signal,
                         GVariant        *parameters,
                         gpointer         user_data)
{
  LabDevice *device = user_data;
  g_autoptr(GVariant) state = g_variant_get_child_value (parameters, 0);

  set_device_state (device, state);
}

static void
device_first_state_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LabDevice *device = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (!reply)
    {
      lab_message ("virtual device %u does not answer: %s", device->index, error->message);
      return;
    }

  state = g_variant_get_child_value (reply, 0);
  device->ready = TRUE;
  set_device_state (device, state);
  finish_waiting (device->waiting, NULL);
}

static void
device_appeared_cb (GDBusConnection *connection,
                    const char      *name,
                    const char      *owner,
                    gpointer         user_data)
{
  LabDevice *device = user_data;

  g_free (device->owner);
  device->owner = g_strdup (owner);
  if (device->signal_id)
    g_dbus_connection_signal_unsubscribe (connection, device->signal_id);
  device->signal_id = g_dbus_connection_signal_subscribe (connection, owner, LAB_DEVICE_IFACE,
                                                          "StateChanged", LAB_DEVICE_PATH, NULL,
                                                          G_DBUS_SIGNAL_FLAGS_NONE,
                                                          device_state_changed_cb, device, NULL);
  g_dbus_connection_call (connection, owner, LAB_DEVICE_PATH, LAB_DEVICE_IFACE, "GetState",
                          NULL, G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE, 10000,
                          NULL, device_first_state_cb, device);
}

static void
device_vanished_cb (GDBusConnection *connection,
                    const char      *name,
                    gpointer         user_data)
{
  LabDevice *device = user_data;

  device->ready = FALSE;
  g_clear_pointer (&device->owner, g_free);
  if (device->signal_id)
    {
      g_dbus_connection_signal_unsubscribe (connection, device->signal_id);
      device->signal_id = 0;
    }
}

void
stop_device (LabDevice *device)
{
  LabProcess *processes[] = { device->app, device->daemon };

  device->present = FALSE;
  device->ready = FALSE;

  /* Both at once: the application would stop anyway when meshd goes. */
  for (gsize i = 0; i < G_N_ELEMENTS (processes); i++)
    lab_process_signal (processes[i], SIGTERM);
  for (gsize i = 0; i < G_N_ELEMENTS (processes); i++)
    if (processes[i])
      lab_process_stop (processes[i], STOP_TIMEOUT_MS);

  finish_waiting (device->waiting, "the device was stopped");
}

static void
device_exited_cb (LabProcess *process,
                  int         wait_status,
                  gpointer    user_data)
{
  LabDevice *device = user_data;

  if (!device->present || device->lab->stopping)
    return;

  lab_message ("virtual device %u (%s) stopped unexpectedly (status %d)",
               device->index, lab_process_get_role (process),
               lab_wait_status_to_exit (wait_status));
  {
    g_autofree char *log = g_strdup_printf (process == device->app ? "device%u.log"
                                                                   : "meshd-device%u.log",
                                            device->index);

    print_log_tail (device->lab, log);
  }
  if (!device->lab->started)
    device->lab->start_failed = TRUE;
  stop_device (device);
  if (device->state)
    set_device_state (device, device->state);
}

/* VanishDevice stops a device as a power cut would, its application and
 * meshd at once. When meshd goes first, meshd 5.66 (which skips its clean-up
 * when a signal stops it) leaves the temporary node of a Join in progress in
 * its storage, and the next Join with that UUID fails. A device that comes
 * back unprovisioned starts from a clean Join, as a real one would. */
void
forget_interrupted_join (LabDevice *device)
{
  gboolean provisioned = FALSE;
  g_autofree char *uuid = NULL;
  g_autofree char *path = NULL;

  if (device->state)
    g_variant_lookup (device->state, "Provisioned", "b", &provisioned);
  if (provisioned)
    return;

  uuid = lab_hex_encode (device->spec.uuid, 16);
  path = g_build_filename (device->storage, uuid, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    remove_tree (path);
}

gboolean
spawn_device (LabDevice  *device,
              GError    **error)
{
  Lab *lab = device->lab;
  g_auto(GStrv) daemon_env = child_environment (lab, lab->dbus_address, TRUE, device->socket);
  g_auto(GStrv) app_env = child_environment (lab, lab->dbus_address, FALSE, NULL);
  g_autofree char *io = g_strdup_printf ("unit:%s", device->socket);
  g_autofree char *daemon_log = g_strdup_printf ("%s/meshd-device%u.log", lab->log_dir, device->index);
  g_autofree char *app_log = g_strdup_printf ("%s/device%u.log", lab->log_dir, device->index);
  g_autofree char *daemon_role = g_strdup_printf ("bluetooth-meshd (device %u)", device->index);
  g_autofree char *app_role = g_strdup_printf ("mesh-lab-device (device %u)", device->index);
  g_autofree char *uuid = lab_hex_encode (device->spec.uuid, 16);
  g_autofree char *pid_arg = NULL;
  g_autofree char *cid = g_strdup_printf ("%u", device->spec.cid);
  g_autofree char *pid = g_strdup_printf ("%u", device->spec.pid);
  g_autofree char *vid = g_strdup_printf ("%u", device->spec.vid);
  const char *daemon_argv[] = { lab->meshd_path, "--io", io, "-s", device->storage,
                                "-c", lab->meshd_config, "-n", lab->debug ? "-d" : NULL, NULL };

  g_clear_pointer (&device->daemon, lab_process_free);
  g_clear_pointer (&device->app, lab_process_free);

  if (g_mkdir_with_parents (device->storage, 0700) < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot create %s: %s", device->storage, g_strerror (errno));
      return FALSE;
    }

  device->daemon = lab_process_spawn (daemon_role, daemon_argv, (const char * const *) daemon_env,
                                      daemon_log, -1, LAB_PROCESS_FLAGS_NONE,
                                      device_exited_cb, device, error);
  if (!device->daemon)
    return FALSE;

  pid_arg = g_strdup_printf ("%d", (int) lab_process_get_pid (device->daemon));
  {
    const char *app_argv[] = { lab->device_path, "--bus", lab->dbus_address,
                               "--daemon-pid", pid_arg, "--name", device->bus_name,
                               "--state", device->state_path, "--storage", device->storage,
                               "--uuid", uuid, "--oob", device->spec.oob,
                               "--cid", cid, "--pid", pid, "--vid", vid, NULL };

    device->app = lab_process_spawn (app_role, app_argv, (const char * const *) app_env,
                                     app_log, -1, LAB_PROCESS_FLAGS_NONE,
                                     device_exited_cb, device, error);
  }
  if (!device->app)
    {
      lab_process_stop (device->daemon, STOP_TIMEOUT_MS);
      return FALSE;
    }

  device->present = TRUE;
  return TRUE;
}

static gboolean
parse_u16 (const char *text,
           guint16    *out)
{
  guint64 value;
  char *end = NULL;

  if (!text || !*text)
    return FALSE;
  value = g_ascii_strtoull (text, &end, 0);
  if (*end || value > G_MAXUINT16)
    return FALSE;
  *out = (guint16) value;
  return TRUE;
}

gboolean
check_oob (const char  *oob,
           GError     **error)
{
  guint8 key[16];

  if (g_str_equal (oob, "none") || g_str_equal (oob, "output") || g_str_equal (oob, "input"))
    return TRUE;
  if (g_str_has_prefix (oob, "static:") && lab_hex_decode (oob + strlen ("static:"), key, 16))
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "Bad OOB mode “%s”: use none, static:<32 hex digits>, output or input", oob);
  return FALSE;
}

LabDevice *
add_device (Lab              *lab,
            const DeviceSpec *spec)
{
  LabDevice *device = g_new0 (LabDevice, 1);
  g_autofree char *name = NULL;

  device->lab = lab;
  device->index = lab->devices->len;
  device->spec = *spec;
  device->spec.oob = g_strdup (spec->oob);
  if (!spec->has_uuid)
    lab_uuid_generate (device->spec.uuid);

  name = g_strdup_printf ("dev%u", device->index);
  device->storage = lab_path (lab, name);
  g_free (name);
  name = g_strdup_printf ("dev%u.sock", device->index);
  device->socket = lab_path (lab, name);
  g_free (name);
  name = g_strdup_printf ("dev%u.state", device->index);
  device->state_path = lab_path (lab, name);
  device->bus_name = g_strdup_printf (LAB_DEVICE_NAME_PREFIX "%u", device->index);
  device->waiting = g_ptr_array_new ();

  device->watch_id = g_bus_watch_name_on_connection (lab->dbus, device->bus_name,
                                                     G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                     device_appeared_cb, device_vanished_cb,
                                                     device, NULL);
  g_ptr_array_add (lab->devices, device);
  return device;
}

void
device_free (gpointer data)
{
  LabDevice *device = data;

  g_bus_unwatch_name (device->watch_id);
  if (device->signal_id && device->lab->dbus)
    g_dbus_connection_signal_unsubscribe (device->lab->dbus, device->signal_id);
  g_clear_pointer (&device->app, lab_process_free);
  g_clear_pointer (&device->daemon, lab_process_free);
  finish_waiting (device->waiting, "the lab is stopping");
  g_ptr_array_unref (device->waiting);
  g_clear_pointer (&device->state, g_variant_unref);
  g_free (device->spec.oob);
  g_free (device->storage);
  g_free (device->socket);
  g_free (device->state_path);
  g_free (device->bus_name);
  g_free (device->owner);
  g_free (device);
}

gboolean
parse_device_spec (Lab         *lab,
                   const char  *text,
                   DeviceSpec  *spec,
                   GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (char **part = parts; *part; part++)
    {
      const char *eq = strchr (*part, '=');
      g_autofree char *key = NULL;
      const char *value;
      gboolean ok = FALSE;

      if (!**part)
        continue;
      if (!eq)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "Bad --device entry “%s”: expected key=value", *part);
          return FALSE;
        }
      key = g_strndup (*part, eq - *part);
      value = eq + 1;

      if (g_str_equal (key, "oob"))
        {
          if (!check_oob (value, error))
            return FALSE;
          g_free (spec->oob);
          spec->oob = g_strdup (value);
          ok = TRUE;
        }
      else if (g_str_equal (key, "cid"))
        ok = parse_u16 (value, &spec->cid);
      else if (g_str_equal (key, "pid"))
        ok = parse_u16 (value, &spec->pid);
      else if (g_str_equal (key, "vid"))
        ok = parse_u16 (value, &spec->vid);
      else if (g_str_equal (key, "uuid"))
        ok = spec->has_uuid = lab_hex_decode (value, spec->uuid, 16);

      if (!ok)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "Bad --device entry “%s”: keys are oob, cid, pid, vid and uuid", *part);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
default_spec (Lab         *lab,
              guint        index,
              DeviceSpec  *spec,
              GError     **error)
{
  guint n_oob = lab->oob ? g_strv_length (lab->oob) : 0;

  memset (spec, 0, sizeof *spec);
  spec->cid = 0x05F1;
  spec->pid = 0x0001;
  spec->vid = 0x0001;
  if ((lab->cid && !parse_u16 (lab->cid, &spec->cid))
      || (lab->pid && !parse_u16 (lab->pid, &spec->pid))
      || (lab->vid && !parse_u16 (lab->vid, &spec->vid)))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--cid, --pid and --vid take a number from 0 to 0xffff");
      return FALSE;
    }

  /* The k-th --oob is for the k-th device; the last one goes on. */
  spec->oob = g_strdup (n_oob ? lab->oob[MIN (index, n_oob - 1)] : "none");
  return check_oob (spec->oob, error);
}

gboolean
devices_ready (Lab *lab)
{
  for (guint i = 0; i < lab->devices->len; i++)
    {
      LabDevice *device = g_ptr_array_index (lab->devices, i);

      if (device->present && !device->ready)
        return FALSE;
    }
  return TRUE;
}
