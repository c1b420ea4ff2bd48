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
 * and control_xml in mesh-lab-control.c). */

#include "config.h"

#include "mesh-lab-private.h"

#include <errno.h>
#include <ftw.h>
#include <locale.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXIT_LAB_ERROR 125
#define DEFAULT_START_TIMEOUT_MS 60000

char *
lab_path (Lab        *lab,
          const char *name)
{
  return g_build_filename (lab->state_dir, name, NULL);
}

void
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

char **
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

void
remove_tree (const char *path)
{
  nftw (path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The lab directory goes at the end: show why a process stopped now. */
void
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

/* ---- the lab's own programs ---- */

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

  if (!lab_control_export (lab, error))
    return FALSE;

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

  lab_control_unexport (lab);
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
