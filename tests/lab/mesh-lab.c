/* mesh-lab.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* mesh-lab: real bluetooth-meshd daemons joined by a virtual radio.
 *
 *   mesh-lab run [OPTIONS] -- COMMAND [ARGS...]
 *   mesh-lab up [OPTIONS]
 *
 * starts the virtual air, a private "provisioner bus" with one
 * bluetooth-meshd on it (the daemon the app under test uses), and N virtual
 * devices, each a mesh-lab-device with a bluetooth-meshd of its own (on a
 * second, private "device bus"). `run` then runs COMMAND with
 * DBUS_SYSTEM_BUS_ADDRESS set to the provisioner bus, tears everything down
 * and exits with COMMAND's status; `up` prints the bus address and waits
 * for ^C. The lab is driven at run time through the D-Bus interface
 * io.github.meshprovisioner.MeshLab1 on the provisioner bus (see README.md
 * and control_xml below). */

#include "config.h"

#include "lab-air.h"
#include "lab-app.h"
#include "lab-process.h"

#include <errno.h>
#include <ftw.h>
#include <locale.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define LAB_BUS_NAME      "io.github.meshprovisioner.MeshLab"
#define LAB_OBJECT_PATH   "/io/github/meshprovisioner/MeshLab"
#define LAB_IFACE         "io.github.meshprovisioner.MeshLab1"
#define LAB_ERROR_PREFIX  "io.github.meshprovisioner.MeshLab.Error."
#define LAB_DEVICE_NAME_PREFIX "io.github.meshprovisioner.MeshLab.Device"
#define LAB_DEVICE_PATH   "/io/github/meshprovisioner/MeshLabDevice"
#define LAB_DEVICE_IFACE  "io.github.meshprovisioner.MeshLabDevice1"

#define EXIT_LAB_ERROR 125
#define NEWEST_WORKING_MESHD_MINOR 66
#define DEFAULT_START_TIMEOUT_MS 60000
#define STOP_TIMEOUT_MS 3000

static const char control_xml[] =
  "<node>"
  "  <interface name='" LAB_IFACE "'>"
  "    <method name='ListDevices'>"
  "      <arg name='devices' type='aa{sv}' direction='out'/>"
  "    </method>"
  "    <method name='GetDevice'>"
  "      <arg name='index' type='u' direction='in'/>"
  "      <arg name='state' type='a{sv}' direction='out'/>"
  "    </method>"
  "    <method name='VanishDevice'><arg name='index' type='u' direction='in'/></method>"
  "    <method name='RestoreDevice'><arg name='index' type='u' direction='in'/></method>"
  "    <method name='AddDevice'>"
  "      <arg name='options' type='a{sv}' direction='in'/>"
  "      <arg name='index' type='u' direction='out'/>"
  "    </method>"
  "    <method name='ProvideInput'>"
  "      <arg name='index' type='u' direction='in'/>"
  "      <arg name='number' type='u' direction='in'/>"
  "    </method>"
  "    <method name='StopDaemon'/>"
  "    <method name='StartDaemon'/>"
  "    <method name='RestartDaemon'/>"
  "    <method name='SetLoss'><arg name='loss' type='d' direction='in'/></method>"
  "    <method name='SetDelay'><arg name='delay_ms' type='u' direction='in'/></method>"
  "    <method name='GetTimewarp'><arg name='timewarp' type='d' direction='out'/></method>"
  "    <method name='GetAirStats'><arg name='stats' type='a{sv}' direction='out'/></method>"
  "    <method name='GetProcesses'><arg name='processes' type='a(su)' direction='out'/></method>"
  "    <signal name='DeviceChanged'>"
  "      <arg name='index' type='u'/>"
  "      <arg name='state' type='a{sv}'/>"
  "    </signal>"
  "    <property name='Timewarp' type='d' access='read'/>"
  "    <property name='Loss' type='d' access='read'/>"
  "    <property name='Delay' type='u' access='read'/>"
  "    <property name='StateDir' type='s' access='read'/>"
  "    <property name='AirPath' type='s' access='read'/>"
  "    <property name='DeviceCount' type='u' access='read'/>"
  "    <property name='DaemonRunning' type='b' access='read'/>"
  "    <property name='DaemonPid' type='u' access='read'/>"
  "  </interface>"
  "</node>";

/* An open policy: the buses are private to the lab's temporary directory. */
static const char bus_config_fmt[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>session</type>\n"
  "  <listen>unix:path=%s</listen>\n"
  "  <auth>EXTERNAL</auth>\n"
  "  <policy context=\"default\">\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

typedef struct _Lab Lab;

typedef struct {
  char *oob;      /* as mesh-lab-device takes it: none, static:HEX, output, input */
  guint16 cid;
  guint16 pid;
  guint16 vid;
  gboolean has_uuid;
  guint8 uuid[16];
} DeviceSpec;

typedef struct {
  Lab *lab;
  guint index;
  DeviceSpec spec;
  char *storage;
  char *socket;
  char *state_path;
  char *bus_name;

  LabProcess *daemon;
  LabProcess *app;
  gboolean present;      /* meant to be running */
  gboolean ready;        /* its application took its bus name */
  char *owner;
  guint watch_id;
  guint signal_id;
  GVariant *state;       /* last a{sv} from the device */
  GPtrArray *waiting;    /* invocations answered once ready */
} LabDevice;

struct _Lab {
  /* options */
  int n_devices;
  char **oob;
  char **device_specs;
  char *cid;
  char *pid;
  char *vid;
  double timewarp;
  double loss;
  int delay_ms;
  int repeat_window_ms;
  gboolean relay;
  gboolean keep;
  gboolean debug;
  char *log_dir_option;

  char *meshd_path;
  char *preload_path;
  char *device_path;
  char *state_dir;
  char *log_dir;
  char *meshd_config;

  LabAir *air;
  LabProcess *pbus_daemon;
  LabProcess *dbus_daemon;
  char *pbus_address;
  char *dbus_address;
  GDBusConnection *pbus;
  GDBusConnection *dbus;

  LabProcess *meshd;
  char *meshd_socket;
  char *meshd_storage;
  gboolean meshd_ready;
  gboolean meshd_polling;
  guint meshd_poll_id;
  GPtrArray *meshd_waiting;

  GPtrArray *devices;
  GDBusNodeInfo *control_info;
  guint control_id;
  guint name_id;

  LabProcess *command;
  int interrupted;
  gboolean started;
  gboolean start_failed;
  gboolean stopping;
};

static gboolean spawn_device (LabDevice *device, GError **error);

static char *
lab_path (Lab        *lab,
          const char *name)
{
  return g_build_filename (lab->state_dir, name, NULL);
}

static void
lab_message (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
lab_message (const char *format,
             ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "mesh-lab: %s\n", text);
}

static char **
child_environment (Lab        *lab,
                   const char *session_bus,
                   gboolean    preload,
                   const char *unit_socket)
{
  char **env = g_get_environ ();
  g_autofree char *warp = g_strdup_printf ("%g", lab->timewarp);

  env = g_environ_unsetenv (env, "LD_PRELOAD");
  env = g_environ_unsetenv (env, "MESH_LAB_UNIT");
  if (session_bus)
    env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", session_bus, TRUE);
  if (preload)
    {
      env = g_environ_setenv (env, "LD_PRELOAD", lab->preload_path, TRUE);
      env = g_environ_setenv (env, "MESH_LAB_AIR", lab_air_get_path (lab->air), TRUE);
      env = g_environ_setenv (env, "MESH_LAB_UNIT", unit_socket, TRUE);
      env = g_environ_setenv (env, "MESH_LAB_TIMEWARP", warp, TRUE);
    }

  return env;
}

static int
remove_entry (const char        *path,
              const struct stat *st,
              int                flag,
              struct FTW        *ftw)
{
  if (remove (path) < 0 && errno != ENOENT)
    lab_message ("cannot remove %s: %s", path, g_strerror (errno));
  return 0;
}

static void
remove_tree (const char *path)
{
  nftw (path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The lab directory goes at the end: show why a process stopped now. */
static void
print_log_tail (Lab        *lab,
                const char *name)
{
  g_autofree char *path = g_build_filename (lab->log_dir, name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;

  lines = g_strsplit (contents, "\n", -1);
  n = g_strv_length (lines);
  for (guint i = n > 12 ? n - 12 : 0; i < n; i++)
    if (*lines[i])
      fprintf (stderr, "  %s: %s\n", name, lines[i]);
}

/* ---- versions and paths ---- */

static char *
run_for_output (const char * const *argv)
{
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    return NULL;

  return g_strstrip (g_steal_pointer (&out));
}

/* The upstream version of the installed daemon, from the package manager
 * (the daemon itself has no --version). */
static char *
meshd_version (const char *path)
{
  const char *forced = g_getenv ("MESH_LAB_MESHD_VERSION");
  g_autofree char *owner = NULL;
  char *version = NULL;

  if (forced)
    return g_strdup (forced);

  {
    const char *argv[] = { "dpkg-query", "-S", path, NULL };

    owner = run_for_output (argv);
  }
  if (owner && strchr (owner, ':'))
    {
      g_autofree char *package = g_strndup (owner, strchr (owner, ':') - owner);
      const char *argv[] = { "dpkg-query", "-W", "-f", "${Version}", package, NULL };

      version = run_for_output (argv);
    }
  if (!version)
    {
      const char *argv[] = { "rpm", "-qf", "--qf", "%{VERSION}", path, NULL };

      version = run_for_output (argv);
    }
  if (version && strchr (version, ':'))
    {
      /* drop a Debian epoch */
      char *rest = g_strdup (strchr (version, ':') + 1);

      g_free (version);
      version = rest;
    }

  return version;
}

static gboolean
check_meshd (Lab     *lab,
             GError **error)
{
  const char *forced = g_getenv ("MESH_LAB_MESHD");
  const char *candidates[] = {
    "/usr/libexec/bluetooth/bluetooth-meshd",
    "/usr/lib/bluetooth/bluetooth-meshd",
  };
  g_autofree char *version = NULL;
  guint major = 0, minor = 0;

  if (forced)
    lab->meshd_path = g_strdup (forced);
  else
    for (gsize i = 0; i < G_N_ELEMENTS (candidates) && !lab->meshd_path; i++)
      if (g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
        lab->meshd_path = g_strdup (candidates[i]);

  if (!lab->meshd_path || !g_file_test (lab->meshd_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "bluetooth-meshd was not found%s%s. Install it (Debian: apt install "
                   "bluez-meshd), or set MESH_LAB_MESHD to its path.",
                   lab->meshd_path ? " at " : "", lab->meshd_path ? lab->meshd_path : "");
      return FALSE;
    }

  version = meshd_version (lab->meshd_path);
  if (!version || sscanf (version, "%u.%u", &major, &minor) != 2)
    {
      lab_message ("cannot tell the version of %s; the virtual air needs 5.66 or older",
                   lab->meshd_path);
      return TRUE;
    }

  if ((major > 5 || (major == 5 && minor > NEWEST_WORKING_MESHD_MINOR))
      && !g_getenv ("MESH_LAB_SKIP_VERSION_CHECK"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "bluetooth-meshd %s is too new for the mesh lab: from 5.67 on, its "
                   "unit-test radio drops every packet it receives, so the virtual devices "
                   "could never be heard. Use bluez-meshd 5.66 or older (Debian 12 has 5.66).",
                   version);
      return FALSE;
    }

  return TRUE;
}

static char *
sibling_path (const char *env,
              const char *name)
{
  g_autofree char *self = NULL;
  g_autofree char *dir = NULL;

  if (g_getenv (env))
    return g_strdup (g_getenv (env));

  self = g_file_read_link ("/proc/self/exe", NULL);
  dir = self ? g_path_get_dirname (self) : g_get_current_dir ();
  return g_build_filename (dir, name, NULL);
}

/* ---- the provisioner-side daemon ---- */

static void
finish_waiting (GPtrArray  *waiting,
                const char *error)
{
  if (!waiting)
    return;

  for (guint i = 0; i < waiting->len; i++)
    {
      GDBusMethodInvocation *invocation = g_ptr_array_index (waiting, i);
      const GDBusMethodInfo *info = g_dbus_method_invocation_get_method_info (invocation);

      if (error)
        g_dbus_method_invocation_return_dbus_error (invocation, LAB_ERROR_PREFIX "Failed", error);
      else if (info && info->out_args && info->out_args[0])
        /* AddDevice answers with the new device's index. */
        g_dbus_method_invocation_return_value (invocation,
                                               g_variant_new ("(u)", GPOINTER_TO_UINT (
                                                 g_object_get_data (G_OBJECT (invocation), "lab-index"))));
      else
        g_dbus_method_invocation_return_value (invocation, NULL);
    }
  g_ptr_array_set_size (waiting, 0);
}

static void
meshd_objects_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Lab *lab = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) objects = NULL;
  g_autoptr(GVariant) ifaces = NULL;

  lab->meshd_polling = FALSE;
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  if (!reply || !lab_process_is_running (lab->meshd))
    return;

  objects = g_variant_get_child_value (reply, 0);
  ifaces = g_variant_lookup_value (objects, LAB_MESH_PATH, G_VARIANT_TYPE ("a{sa{sv}}"));
  if (!ifaces || !g_variant_lookup_value (ifaces, LAB_MESH_NETWORK_IFACE, NULL))
    return;

  lab->meshd_ready = TRUE;
  g_clear_handle_id (&lab->meshd_poll_id, g_source_remove);
  finish_waiting (lab->meshd_waiting, NULL);
}

static gboolean
meshd_poll_cb (gpointer user_data)
{
  Lab *lab = user_data;

  if (lab->meshd_polling)
    return G_SOURCE_CONTINUE;

  /* meshd owns org.bluez.mesh before its Network1 object exists. */
  lab->meshd_polling = TRUE;
  g_dbus_connection_call (lab->pbus, LAB_MESH_SERVICE, "/", "org.freedesktop.DBus.ObjectManager",
                          "GetManagedObjects", NULL, G_VARIANT_TYPE ("(a{oa{sa{sv}}})"),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 1000, NULL, meshd_objects_cb, lab);
  return G_SOURCE_CONTINUE;
}

static void
meshd_exited_cb (LabProcess *process,
                 int         wait_status,
                 gpointer    user_data)
{
  Lab *lab = user_data;

  if (lab->stopping)
    return;
  lab_message ("the provisioner-side bluetooth-meshd stopped (status %d)",
               lab_wait_status_to_exit (wait_status));
  print_log_tail (lab, "meshd.log");
  if (!lab->started)
    lab->start_failed = TRUE;
  lab->meshd_ready = FALSE;
  g_clear_handle_id (&lab->meshd_poll_id, g_source_remove);
  finish_waiting (lab->meshd_waiting, "bluetooth-meshd stopped while starting");
}

static gboolean
start_meshd (Lab     *lab,
             GError **error)
{
  g_auto(GStrv) env = child_environment (lab, lab->pbus_address, TRUE, lab->meshd_socket);
  g_autofree char *io = g_strdup_printf ("unit:%s", lab->meshd_socket);
  g_autofree char *log = g_build_filename (lab->log_dir, "meshd.log", NULL);
  const char *argv[] = { lab->meshd_path, "--io", io, "-s", lab->meshd_storage,
                         "-c", lab->meshd_config, "-n", lab->debug ? "-d" : NULL, NULL };

  if (lab_process_is_running (lab->meshd))
    return TRUE;

  g_clear_pointer (&lab->meshd, lab_process_free);
  lab->meshd_ready = FALSE;
  lab->meshd = lab_process_spawn ("bluetooth-meshd (provisioner side)", argv,
                                  (const char * const *) env, log, -1,
                                  LAB_PROCESS_FLAGS_NONE, meshd_exited_cb, lab, error);
  if (!lab->meshd)
    return FALSE;

  lab->meshd_poll_id = g_timeout_add (10, meshd_poll_cb, lab);
  return TRUE;
}

static void
stop_meshd (Lab *lab)
{
  g_clear_handle_id (&lab->meshd_poll_id, g_source_remove);
  if (lab->meshd)
    lab_process_stop (lab->meshd, STOP_TIMEOUT_MS);
  lab->meshd_ready = FALSE;
}

/* ---- virtual devices ---- */

static LabDevice *
get_device (Lab   *lab,
            guint  index)
{
  return index < lab->devices->len ? g_ptr_array_index (lab->devices, index) : NULL;
}

static GVariant *
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

static void
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

static void
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

static gboolean
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

static gboolean
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

static LabDevice *
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

static void
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

static gboolean
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

static gboolean
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

static gboolean
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

/* ---- the control interface ---- */

static void
return_error (GDBusMethodInvocation *invocation,
              const char            *name,
              const char            *format,
              ...) G_GNUC_PRINTF (3, 4);

static void
return_error (GDBusMethodInvocation *invocation,
              const char            *name,
              const char            *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;
  g_autofree char *error_name = g_strconcat (LAB_ERROR_PREFIX, name, NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_dbus_method_invocation_return_dbus_error (invocation, error_name, message);
}

static void
get_device_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GDBusMethodInvocation *invocation = user_data;
  LabDevice *device = g_object_get_data (G_OBJECT (invocation), "lab-device");
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply)
    {
      g_autoptr(GVariant) state = g_variant_get_child_value (reply, 0);

      g_clear_pointer (&device->state, g_variant_unref);
      device->state = g_variant_ref_sink (g_steal_pointer (&state));
    }

  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(@a{sv})", device_summary (device)));
}

/* Passes a device's answer (or error) on to the lab's caller. */
static void
forward_reply_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GDBusMethodInvocation *invocation = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply)
    g_dbus_method_invocation_return_value (invocation, NULL);
  else
    {
      g_autofree char *name = g_dbus_error_get_remote_error (error);

      g_dbus_error_strip_remote_error (error);
      g_dbus_method_invocation_return_dbus_error (invocation,
                                                  name ? name : LAB_ERROR_PREFIX "Failed",
                                                  error->message);
    }
}

static void
add_device_method (Lab                   *lab,
                   GVariant              *options,
                   GDBusMethodInvocation *invocation)
{
  DeviceSpec spec;
  g_autoptr(GError) error = NULL;
  const char *oob = NULL;
  g_autoptr(GVariant) uuid = NULL;
  LabDevice *device;

  if (!default_spec (lab, lab->devices->len, &spec, &error))
    goto fail;

  if (g_variant_lookup (options, "Oob", "&s", &oob))
    {
      if (!check_oob (oob, &error))
        goto fail;
      g_free (spec.oob);
      spec.oob = g_strdup (oob);
    }
  g_variant_lookup (options, "CompanyId", "q", &spec.cid);
  g_variant_lookup (options, "ProductId", "q", &spec.pid);
  g_variant_lookup (options, "VersionId", "q", &spec.vid);
  uuid = g_variant_lookup_value (options, "Uuid", G_VARIANT_TYPE_BYTESTRING);
  if (uuid)
    {
      gsize len;
      const guint8 *data = g_variant_get_fixed_array (uuid, &len, 1);

      if (len != 16)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Uuid must have 16 bytes");
          goto fail;
        }
      memcpy (spec.uuid, data, 16);
      spec.has_uuid = TRUE;
    }

  device = add_device (lab, &spec);
  g_free (spec.oob);
  if (!spawn_device (device, &error))
    {
      return_error (invocation, "Failed", "%s", error->message);
      return;
    }
  g_object_set_data (G_OBJECT (invocation), "lab-index", GUINT_TO_POINTER (device->index));
  g_ptr_array_add (device->waiting, invocation);
  return;

fail:
  g_free (spec.oob);
  return_error (invocation, "InvalidArgs", "%s", error->message);
}

static GVariant *
air_stats (Lab *lab)
{
  LabAirStats stats;
  GVariantBuilder builder;

  lab_air_get_stats (lab->air, &stats);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&builder, "{sv}", "Received", g_variant_new_uint64 (stats.received));
  g_variant_builder_add (&builder, "{sv}", "Delivered", g_variant_new_uint64 (stats.delivered));
  g_variant_builder_add (&builder, "{sv}", "Lost", g_variant_new_uint64 (stats.lost));
  g_variant_builder_add (&builder, "{sv}", "Suppressed", g_variant_new_uint64 (stats.suppressed));
  g_variant_builder_add (&builder, "{sv}", "Overflowed", g_variant_new_uint64 (stats.overflowed));
  g_variant_builder_add (&builder, "{sv}", "DaemonSent",
                         g_variant_new_uint64 (lab_air_get_sent_by (lab->air, lab->meshd_socket)));
  /* meshd's unit radio sends its queued packets one at a time and waits
   * the interval of the packet it just sent before the next: 100 ms for
   * network PDUs (default Network Transmit), 500 ms for PB-ADV and
   * unprovisioned beacons; both divided by the timewarp. */
  g_variant_builder_add (&builder, "{sv}", "TickMs", g_variant_new_double (100.0 / lab->timewarp));
  g_variant_builder_add (&builder, "{sv}", "ProvisioningTickMs",
                         g_variant_new_double (500.0 / lab->timewarp));
  return g_variant_builder_end (&builder);
}

static GVariant *
process_list (Lab *lab)
{
  GVariantBuilder builder;
  LabProcess *fixed[] = { lab->pbus_daemon, lab->dbus_daemon, lab->meshd, lab->command };

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(su)"));
  g_variant_builder_add (&builder, "(su)", "mesh-lab", (guint32) getpid ());
  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (lab_process_is_running (fixed[i]))
      g_variant_builder_add (&builder, "(su)", lab_process_get_role (fixed[i]),
                             (guint32) lab_process_get_pid (fixed[i]));

  for (guint i = 0; i < lab->devices->len; i++)
    {
      LabDevice *device = g_ptr_array_index (lab->devices, i);
      LabProcess *processes[] = { device->daemon, device->app };

      for (gsize j = 0; j < G_N_ELEMENTS (processes); j++)
        if (lab_process_is_running (processes[j]))
          g_variant_builder_add (&builder, "(su)", lab_process_get_role (processes[j]),
                                 (guint32) lab_process_get_pid (processes[j]));
    }

  return g_variant_builder_end (&builder);
}

static void
control_method_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *path,
                   const char            *interface,
                   const char            *method,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  Lab *lab = user_data;
  g_autoptr(GError) error = NULL;
  LabDevice *device = NULL;
  guint index = 0;

  /* The methods whose first argument is a device index */
  if (g_str_equal (method, "GetDevice") || g_str_equal (method, "VanishDevice")
      || g_str_equal (method, "RestoreDevice") || g_str_equal (method, "ProvideInput"))
    {
      g_variant_get_child (parameters, 0, "u", &index);
      device = get_device (lab, index);
      if (!device)
        {
          return_error (invocation, "NoSuchDevice", "There is no virtual device %u (the lab has %u)",
                        index, lab->devices->len);
          return;
        }
    }

  if (g_str_equal (method, "ListDevices"))
    {
      GVariantBuilder builder;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
      for (guint i = 0; i < lab->devices->len; i++)
        g_variant_builder_add_value (&builder, device_summary (g_ptr_array_index (lab->devices, i)));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &builder));
    }
  else if (g_str_equal (method, "GetDevice"))
    {
      if (!device->ready || !device->owner)
        {
          g_dbus_method_invocation_return_value (invocation,
                                                 g_variant_new ("(@a{sv})", device_summary (device)));
          return;
        }
      g_object_set_data (G_OBJECT (invocation), "lab-device", device);
      g_dbus_connection_call (lab->dbus, device->owner, LAB_DEVICE_PATH, LAB_DEVICE_IFACE,
                              "GetState", NULL, G_VARIANT_TYPE ("(a{sv})"),
                              G_DBUS_CALL_FLAGS_NONE, 10000, NULL, get_device_cb, invocation);
    }
  else if (g_str_equal (method, "VanishDevice"))
    {
      stop_device (device);
      if (device->state)
        set_device_state (device, device->state);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "RestoreDevice"))
    {
      if (device->present)
        {
          return_error (invocation, "Busy", "Virtual device %u is there already", index);
          return;
        }
      if (!spawn_device (device, &error))
        {
          return_error (invocation, "Failed", "%s", error->message);
          return;
        }
      g_ptr_array_add (device->waiting, invocation);
    }
  else if (g_str_equal (method, "AddDevice"))
    {
      g_autoptr(GVariant) options = g_variant_get_child_value (parameters, 0);

      add_device_method (lab, options, invocation);
    }
  else if (g_str_equal (method, "ProvideInput"))
    {
      guint number;

      g_variant_get (parameters, "(uu)", &index, &number);
      if (!device->owner)
        {
          return_error (invocation, "NotReady", "Virtual device %u is not running", index);
          return;
        }
      g_dbus_connection_call (lab->dbus, device->owner, LAB_DEVICE_PATH, LAB_DEVICE_IFACE,
                              "ProvideInput", g_variant_new ("(u)", number), NULL,
                              G_DBUS_CALL_FLAGS_NONE, 10000, NULL, forward_reply_cb, invocation);
    }
  else if (g_str_equal (method, "StopDaemon"))
    {
      stop_meshd (lab);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "StartDaemon") || g_str_equal (method, "RestartDaemon"))
    {
      if (g_str_equal (method, "RestartDaemon"))
        stop_meshd (lab);
      if (lab->meshd_ready)
        {
          g_dbus_method_invocation_return_value (invocation, NULL);
          return;
        }
      if (!start_meshd (lab, &error))
        {
          return_error (invocation, "Failed", "%s", error->message);
          return;
        }
      g_ptr_array_add (lab->meshd_waiting, invocation);
    }
  else if (g_str_equal (method, "SetLoss"))
    {
      double loss;

      g_variant_get (parameters, "(d)", &loss);
      if (!(loss >= 0.0 && loss <= 1.0))
        {
          return_error (invocation, "InvalidArgs", "The loss is a fraction from 0 to 1");
          return;
        }
      lab_air_set_loss (lab->air, loss);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "SetDelay"))
    {
      guint delay;

      g_variant_get (parameters, "(u)", &delay);
      lab_air_set_delay (lab->air, delay);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "GetTimewarp"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(d)", lab->timewarp));
  else if (g_str_equal (method, "GetAirStats"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(@a{sv})", air_stats (lab)));
  else if (g_str_equal (method, "GetProcesses"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(@a(su))", process_list (lab)));
  else
    return_error (invocation, "UnknownMethod", "Unknown method %s", method);
}

static GVariant *
control_get_property_cb (GDBusConnection  *connection,
                         const char       *sender,
                         const char       *path,
                         const char       *interface,
                         const char       *property,
                         GError          **error,
                         gpointer          user_data)
{
  Lab *lab = user_data;

  if (g_str_equal (property, "Timewarp"))
    return g_variant_new_double (lab->timewarp);
  if (g_str_equal (property, "Loss"))
    return g_variant_new_double (lab_air_get_loss (lab->air));
  if (g_str_equal (property, "Delay"))
    return g_variant_new_uint32 (lab_air_get_delay (lab->air));
  if (g_str_equal (property, "StateDir"))
    return g_variant_new_string (lab->state_dir);
  if (g_str_equal (property, "AirPath"))
    return g_variant_new_string (lab_air_get_path (lab->air));
  if (g_str_equal (property, "DeviceCount"))
    return g_variant_new_uint32 (lab->devices->len);
  if (g_str_equal (property, "DaemonRunning"))
    return g_variant_new_boolean (lab->meshd_ready);
  if (g_str_equal (property, "DaemonPid"))
    return g_variant_new_uint32 (lab_process_is_running (lab->meshd) ? lab_process_get_pid (lab->meshd) : 0);

  return NULL;
}

static const GDBusInterfaceVTable control_vtable = {
  .method_call = control_method_cb,
  .get_property = control_get_property_cb,
};

/* ---- the buses ---- */

static gboolean
start_bus (Lab         *lab,
           const char  *name,
           LabProcess **process,
           char       **address,
           GError     **error)
{
  g_autofree char *socket = lab_path (lab, name);
  g_autofree char *config_name = g_strconcat (name, ".conf", NULL);
  g_autofree char *config_path = lab_path (lab, config_name);
  g_autofree char *config = g_strdup_printf (bus_config_fmt, socket);
  g_autofree char *log_name = g_strconcat ("dbus-", name, ".log", NULL);
  g_autofree char *log = g_build_filename (lab->log_dir, log_name, NULL);
  g_autofree char *config_arg = g_strconcat ("--config-file=", config_path, NULL);
  g_autofree char *role = g_strdup_printf ("dbus-daemon (%s)", name);
  const char *argv[] = { "dbus-daemon", config_arg, "--nofork", "--nopidfile",
                         "--print-address", NULL };
  int fds[2];
  GString *line = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (!g_file_set_contents (config_path, config, -1, error)
      || !g_unix_open_pipe (fds, FD_CLOEXEC, error))
    {
      g_string_free (line, TRUE);
      return FALSE;
    }

  *process = lab_process_spawn (role, argv, NULL, log, fds[1], LAB_PROCESS_FLAGS_NONE,
                                NULL, NULL, error);
  close (fds[1]);
  if (!*process)
    {
      close (fds[0]);
      g_string_free (line, TRUE);
      return FALSE;
    }

  /* The address line tells the bus is listening. */
  while (g_get_monotonic_time () < deadline)
    {
      char c;
      ssize_t n = read (fds[0], &c, 1);

      if (n <= 0 || c == '\n')
        break;
      g_string_append_c (line, c);
    }
  close (fds[0]);

  if (!line->len)
    {
      g_string_free (line, TRUE);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "dbus-daemon did not start; see %s", log);
      return FALSE;
    }

  *address = g_string_free (line, FALSE);
  return TRUE;
}

static GDBusConnection *
connect_bus (const char  *address,
             GError     **error)
{
  return g_dbus_connection_new_for_address_sync (address,
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                 | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, error);
}

/* ---- start and stop ---- */

typedef struct {
  Lab *lab;
  int signum;
} SignalData;

static gboolean
signal_cb (gpointer user_data)
{
  SignalData *data = user_data;

  if (!data->lab->interrupted)
    data->lab->interrupted = data->signum;
  g_main_context_wakeup (NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean
deadline_cb (gpointer user_data)
{
  gboolean *passed = user_data;

  *passed = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until done(), an interruption or the timeout. */
static gboolean
wait_until (Lab      *lab,
            gboolean (*done) (Lab *lab),
            guint     timeout_ms)
{
  gboolean passed = FALSE;
  guint id = timeout_ms == G_MAXUINT ? 0 : g_timeout_add (timeout_ms, deadline_cb, &passed);

  while (!done (lab) && !lab->interrupted && !passed)
    g_main_context_iteration (NULL, TRUE);
  if (id && !passed)
    g_source_remove (id);

  return done (lab);
}

static gboolean
lab_ready (Lab *lab)
{
  return lab->meshd_ready && devices_ready (lab);
}

static gboolean
lab_ready_or_failed (Lab *lab)
{
  return lab->start_failed || lab_ready (lab);
}

static gboolean
make_state_dir (Lab     *lab,
                GError **error)
{
  const char *tmp = g_get_tmp_dir ();

  /* Unix socket paths are short: prefer /tmp when TMPDIR is deep. */
  if (strlen (tmp) > 60)
    tmp = "/tmp";

  lab->state_dir = g_build_filename (tmp, "mesh-lab-XXXXXX", NULL);
  if (!g_mkdtemp_full (lab->state_dir, 0700))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot create the lab directory %s: %s", lab->state_dir, g_strerror (errno));
      g_clear_pointer (&lab->state_dir, g_free);
      return FALSE;
    }

  if (lab->log_dir_option)
    lab->log_dir = g_canonicalize_filename (lab->log_dir_option, NULL);
  else
    lab->log_dir = lab_path (lab, "logs");

  if (g_mkdir_with_parents (lab->log_dir, 0700) < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot create %s: %s", lab->log_dir, g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
lab_start (Lab     *lab,
           GError **error)
{
  g_autofree char *air_path = NULL;
  g_autofree char *config = NULL;
  guint n_specs = lab->device_specs ? g_strv_length (lab->device_specs) : 0;

  if (!make_state_dir (lab, error))
    return FALSE;

  lab->meshd_socket = lab_path (lab, "prov.sock");
  lab->meshd_storage = lab_path (lab, "prov");
  lab->meshd_config = lab_path (lab, "meshd.conf");
  config = g_strdup_printf ("[General]\nRelay=%s\n", lab->relay ? "true" : "false");
  if (g_mkdir_with_parents (lab->meshd_storage, 0700) < 0
      || !g_file_set_contents (lab->meshd_config, config, -1, error))
    {
      if (error && !*error)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot create %s", lab->meshd_storage);
      return FALSE;
    }

  air_path = lab_path (lab, "air");
  lab->air = lab_air_new (air_path, error);
  if (!lab->air)
    return FALSE;
  lab_air_set_loss (lab->air, lab->loss);
  lab_air_set_delay (lab->air, lab->delay_ms);
  lab_air_set_repeat_window (lab->air, lab->repeat_window_ms >= 0
                                       ? (guint) lab->repeat_window_ms
                                       : (guint) (2000.0 / lab->timewarp + 0.5));

  if (!start_bus (lab, "pbus", &lab->pbus_daemon, &lab->pbus_address, error)
      || !start_bus (lab, "dbus", &lab->dbus_daemon, &lab->dbus_address, error)
      || !(lab->pbus = connect_bus (lab->pbus_address, error))
      || !(lab->dbus = connect_bus (lab->dbus_address, error)))
    return FALSE;
  g_dbus_connection_set_exit_on_close (lab->pbus, FALSE);
  g_dbus_connection_set_exit_on_close (lab->dbus, FALSE);

  lab->control_info = g_dbus_node_info_new_for_xml (control_xml, error);
  if (!lab->control_info)
    return FALSE;
  lab->control_id = g_dbus_connection_register_object (lab->pbus, LAB_OBJECT_PATH,
                                                       lab->control_info->interfaces[0],
                                                       &control_vtable, lab, NULL, error);
  if (!lab->control_id)
    return FALSE;
  lab->name_id = g_bus_own_name_on_connection (lab->pbus, LAB_BUS_NAME,
                                               G_BUS_NAME_OWNER_FLAGS_NONE,
                                               NULL, NULL, NULL, NULL);

  if (!start_meshd (lab, error))
    return FALSE;

  for (guint i = 0; i < (guint) lab->n_devices + n_specs; i++)
    {
      DeviceSpec spec;
      LabDevice *device;
      gboolean ok;

      if (!default_spec (lab, i, &spec, error))
        return FALSE;
      ok = i < (guint) lab->n_devices
           || parse_device_spec (lab, lab->device_specs[i - lab->n_devices], &spec, error);
      if (!ok)
        {
          g_free (spec.oob);
          return FALSE;
        }
      device = add_device (lab, &spec);
      g_free (spec.oob);
      if (!spawn_device (device, error))
        return FALSE;
    }

  {
    const char *timeout = g_getenv ("MESH_LAB_START_TIMEOUT_MS");
    guint timeout_ms = timeout ? (guint) g_ascii_strtoull (timeout, NULL, 10) : DEFAULT_START_TIMEOUT_MS;

    if (!wait_until (lab, lab_ready_or_failed, timeout_ms) || lab->start_failed)
      {
        if (lab->start_failed)
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "A process of the lab stopped while it was starting (see above)");
        else if (!lab->interrupted)
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "The lab did not come up within %u ms (%s); logs are in %s",
                       timeout_ms,
                       lab->meshd_ready ? "a virtual device is not ready"
                                        : "bluetooth-meshd is not ready",
                       lab->log_dir);
        else
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Interrupted");
        return FALSE;
      }
  }

  lab->started = TRUE;
  return TRUE;
}

static void
lab_stop (Lab *lab)
{
  g_autoptr(GPtrArray) processes = g_ptr_array_new ();

  lab->stopping = TRUE;
  if (lab->command)
    lab_process_stop (lab->command, STOP_TIMEOUT_MS);

  /* Everything at once, then wait: teardown stays fast with 20 devices. */
  if (lab->devices)
    for (guint i = 0; i < lab->devices->len; i++)
      {
        LabDevice *device = g_ptr_array_index (lab->devices, i);

        device->present = FALSE;
        g_ptr_array_add (processes, device->app);
        g_ptr_array_add (processes, device->daemon);
      }
  g_ptr_array_add (processes, lab->meshd);
  for (guint i = 0; i < processes->len; i++)
    lab_process_signal (g_ptr_array_index (processes, i), SIGTERM);
  for (guint i = 0; i < processes->len; i++)
    if (g_ptr_array_index (processes, i))
      lab_process_stop (g_ptr_array_index (processes, i), STOP_TIMEOUT_MS);
  g_clear_handle_id (&lab->meshd_poll_id, g_source_remove);

  if (lab->devices)
    g_ptr_array_set_size (lab->devices, 0);
  if (lab->meshd_waiting)
    finish_waiting (lab->meshd_waiting, "the lab is stopping");

  if (lab->name_id)
    g_bus_unown_name (lab->name_id);
  if (lab->control_id)
    g_dbus_connection_unregister_object (lab->pbus, lab->control_id);
  if (lab->pbus)
    g_dbus_connection_close_sync (lab->pbus, NULL, NULL);
  if (lab->dbus)
    g_dbus_connection_close_sync (lab->dbus, NULL, NULL);
  g_clear_object (&lab->pbus);
  g_clear_object (&lab->dbus);

  if (lab->pbus_daemon)
    lab_process_stop (lab->pbus_daemon, STOP_TIMEOUT_MS);
  if (lab->dbus_daemon)
    lab_process_stop (lab->dbus_daemon, STOP_TIMEOUT_MS);

  g_clear_pointer (&lab->air, lab_air_free);

  if (lab->state_dir)
    {
      if (lab->keep)
        lab_message ("kept the lab directory %s", lab->state_dir);
      else
        remove_tree (lab->state_dir);
    }
}

static void
lab_free (Lab *lab)
{
  g_clear_pointer (&lab->devices, g_ptr_array_unref);
  g_clear_pointer (&lab->meshd_waiting, g_ptr_array_unref);
  g_clear_pointer (&lab->command, lab_process_free);
  g_clear_pointer (&lab->meshd, lab_process_free);
  g_clear_pointer (&lab->pbus_daemon, lab_process_free);
  g_clear_pointer (&lab->dbus_daemon, lab_process_free);
  g_clear_pointer (&lab->control_info, g_dbus_node_info_unref);
  g_strfreev (lab->oob);
  g_strfreev (lab->device_specs);
  g_free (lab->cid);
  g_free (lab->pid);
  g_free (lab->vid);
  g_free (lab->log_dir_option);
  g_free (lab->meshd_path);
  g_free (lab->preload_path);
  g_free (lab->device_path);
  g_free (lab->state_dir);
  g_free (lab->log_dir);
  g_free (lab->meshd_config);
  g_free (lab->meshd_socket);
  g_free (lab->meshd_storage);
  g_free (lab->pbus_address);
  g_free (lab->dbus_address);
}

static void
command_exited_cb (LabProcess *process,
                   int         wait_status,
                   gpointer    user_data)
{
  g_main_context_wakeup (NULL);
}

static gboolean
command_done (Lab *lab)
{
  return !lab_process_is_running (lab->command);
}

static gboolean
never_done (Lab *lab)
{
  return FALSE;
}

static void
print_environment (Lab *lab)
{
  printf ("DBUS_SYSTEM_BUS_ADDRESS=%s\n", lab->pbus_address);
  printf ("MESH_LAB_STATE_DIR=%s\n", lab->state_dir);
  printf ("MESH_LAB_AIR=%s\n", lab_air_get_path (lab->air));
  printf ("MESH_LAB_TIMEWARP=%g\n", lab->timewarp);
  printf ("MESH_LAB_DEVICE_BUS_ADDRESS=%s\n", lab->dbus_address);
  fflush (stdout);
}

static char **
command_environment (Lab *lab)
{
  char **env = child_environment (lab, NULL, FALSE, NULL);
  g_autofree char *warp = g_strdup_printf ("%g", lab->timewarp);

  env = g_environ_setenv (env, "DBUS_SYSTEM_BUS_ADDRESS", lab->pbus_address, TRUE);
  env = g_environ_setenv (env, "MESH_LAB_STATE_DIR", lab->state_dir, TRUE);
  env = g_environ_setenv (env, "MESH_LAB_AIR", lab_air_get_path (lab->air), TRUE);
  env = g_environ_setenv (env, "MESH_LAB_TIMEWARP", warp, TRUE);
  env = g_environ_setenv (env, "MESH_LAB_DEVICE_BUS_ADDRESS", lab->dbus_address, TRUE);
  return env;
}

int
main (int   argc,
      char *argv[])
{
  Lab lab = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char **options = NULL;
  char **command = NULL;
  int n_options = 0;
  const char *mode;
  int status = 0;
  SignalData signals[] = { { &lab, SIGINT }, { &lab, SIGTERM }, { &lab, SIGHUP } };
  GOptionEntry entries[] = {
    { "devices", 'n', 0, G_OPTION_ARG_INT, &lab.n_devices, "Number of virtual devices (default 0)", "N" },
    { "oob", 0, 0, G_OPTION_ARG_STRING_ARRAY, &lab.oob,
      "OOB of the devices: none, static:<32 hex digits>, output or input. The k-th --oob is "
      "for the k-th device, the last one for the rest", "MODE" },
    { "device", 0, 0, G_OPTION_ARG_STRING_ARRAY, &lab.device_specs,
      "One more device: oob=MODE,cid=N,pid=N,vid=N,uuid=HEX (any of them)", "SPEC" },
    { "cid", 0, 0, G_OPTION_ARG_STRING, &lab.cid, "Company ID of the devices (default 0x05f1)", "N" },
    { "pid", 0, 0, G_OPTION_ARG_STRING, &lab.pid, "Product ID of the devices (default 1)", "N" },
    { "vid", 0, 0, G_OPTION_ARG_STRING, &lab.vid, "Version ID of the devices (default 1)", "N" },
    { "timewarp", 0, 0, G_OPTION_ARG_DOUBLE, &lab.timewarp,
      "Divide meshd's millisecond timers by F (default 1, real time)", "F" },
    { "loss", 0, 0, G_OPTION_ARG_DOUBLE, &lab.loss, "Drop this fraction of packets (0 to 1)", "P" },
    { "delay", 0, 0, G_OPTION_ARG_INT, &lab.delay_ms, "Delay each packet by this many ms", "MS" },
    { "repeat-window", 0, 0, G_OPTION_ARG_INT, &lab.repeat_window_ms,
      "Drop repeats of a packet within this many ms (default 2000 / timewarp)", "MS" },
    { "relay", 0, 0, G_OPTION_ARG_NONE, &lab.relay, "Let the daemons relay (off by default)", NULL },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &lab.keep, "Keep the lab directory at the end", NULL },
    { "log-dir", 0, 0, G_OPTION_ARG_FILENAME, &lab.log_dir_option,
      "Write the daemons' logs here (kept) instead of the lab directory", "DIR" },
    { "debug", 0, 0, G_OPTION_ARG_NONE, &lab.debug, "Run the daemons with --debug", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  lab.timewarp = 1.0;
  lab.repeat_window_ms = -1;

  /* Everything after "--" is the command, untouched by option parsing. */
  options = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    {
      if (i > 0 && g_str_equal (argv[i], "--"))
        {
          command = argv + i + 1;
          break;
        }
      options[n_options++] = argv[i];
    }

  context = g_option_context_new ("run|up [-- COMMAND [ARGS...]]");
  g_option_context_set_summary (context,
                                "Real bluetooth-meshd daemons joined by a virtual radio.\n\n"
                                "  run [OPTIONS] -- COMMAND   run COMMAND in the lab, exit with its status\n"
                                "  up [OPTIONS]               start the lab and wait for ^C");
  g_option_context_add_main_entries (context, entries, NULL);
  {
    char **parse_argv = options;

    if (!g_option_context_parse (context, &n_options, &parse_argv, &error))
      {
        g_printerr ("mesh-lab: %s\n", error->message);
        return 2;
      }
  }

  mode = n_options > 1 ? options[1] : NULL;
  if (!mode || (!g_str_equal (mode, "run") && !g_str_equal (mode, "up")) || n_options > 2
      || (g_str_equal (mode, "run") && (!command || !command[0]))
      || (g_str_equal (mode, "up") && command))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return 2;
    }

  if (lab.n_devices < 0 || lab.n_devices > 200 || !(lab.timewarp > 0.0 && lab.timewarp <= 1000.0)
      || !(lab.loss >= 0.0 && lab.loss <= 1.0) || lab.delay_ms < 0)
    {
      g_printerr ("mesh-lab: --devices is 0 to 200, --timewarp above 0 (up to 1000), "
                  "--loss from 0 to 1, --delay 0 or more\n");
      return 2;
    }

  if (!check_meshd (&lab, &error))
    {
      g_printerr ("mesh-lab: %s\n", error->message);
      return EXIT_LAB_ERROR;
    }

  lab.preload_path = sibling_path ("MESH_LAB_PRELOAD", "libmesh-lab-preload.so");
  lab.device_path = sibling_path ("MESH_LAB_DEVICE", "mesh-lab-device");
  if (!g_file_test (lab.preload_path, G_FILE_TEST_EXISTS)
      || !g_file_test (lab.device_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("mesh-lab: %s or %s is missing; build the lab (meson compile) first\n",
                  lab.preload_path, lab.device_path);
      return EXIT_LAB_ERROR;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
    g_unix_signal_add (signals[i].signum, signal_cb, &signals[i]);

  lab.devices = g_ptr_array_new_with_free_func (device_free);
  lab.meshd_waiting = g_ptr_array_new ();

  if (!lab_start (&lab, &error))
    {
      if (!lab.interrupted)
        g_printerr ("mesh-lab: %s\n", error->message);
      lab_stop (&lab);
      status = lab.interrupted ? 128 + lab.interrupted : EXIT_LAB_ERROR;
      lab_free (&lab);
      return status;
    }

  if (g_str_equal (mode, "up"))
    {
      print_environment (&lab);
      lab_message ("ready with %u virtual device%s; ^C stops the lab",
                   lab.devices->len, lab.devices->len == 1 ? "" : "s");
      wait_until (&lab, never_done, G_MAXUINT);
      status = 0;
    }
  else
    {
      g_auto(GStrv) env = command_environment (&lab);

      lab.command = lab_process_spawn ("command", (const char * const *) command,
                                       (const char * const *) env, NULL, -1,
                                       LAB_PROCESS_FLAGS_FOREGROUND, command_exited_cb, &lab,
                                       &error);
      if (!lab.command)
        {
          g_printerr ("mesh-lab: cannot run %s: %s\n", command[0], error->message);
          status = 127;
        }
      else
        {
          while (!command_done (&lab) && !lab.interrupted)
            wait_until (&lab, command_done, G_MAXUINT);
          if (command_done (&lab))
            status = lab_wait_status_to_exit (lab_process_get_status (lab.command));
          else
            status = 128 + lab.interrupted;
        }
    }

  lab_stop (&lab);
  lab_free (&lab);

  return status;
}
