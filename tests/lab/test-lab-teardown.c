/* test-lab-teardown.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Starts mesh-lab (MESH_LAB in the environment) with this program as its
 * COMMAND in "child" mode, which writes down every process of the lab (by
 * PID and start time, from the control interface), the lab directory and
 * every socket in it, then exits, crashes or waits to be interrupted. After
 * mesh-lab has exited, none of those processes, sockets or directories may
 * be left. Also checks mesh-lab's exit status in each case, its error
 * when bluetooth-meshd is missing and its word on meshd's version. */

#include "config.h"

#include "lab-app.h"
#include "lab-client.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define N_DEVICES "2"

typedef struct {
  guint32 pid;
  guint64 start;
  char *role;
} Proc;

static const char *self_path;

static guint64
process_start_time (guint32 pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%u/stat", pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_comm;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;

  /* Field 22 (starttime), counted after the parenthesised command name. */
  after_comm = strrchr (contents, ')');
  if (!after_comm)
    return 0;
  fields = g_strsplit (after_comm + 2, " ", -1);
  if (g_strv_length (fields) < 20)
    return 0;
  return g_ascii_strtoull (fields[19], NULL, 10);
}

static void
list_sockets (const char *dir,
              GString    *out)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing && (name = g_dir_read_name (listing)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) < 0)
        continue;
      if (S_ISDIR (st.st_mode))
        list_sockets (path, out);
      else if (S_ISSOCK (st.st_mode))
        g_string_append_printf (out, "path %s\n", path);
    }
}

/* ---- child mode: runs inside the lab ---- */

static int
child_main (const char *mode,
            const char *info_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) dir = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GString) info = g_string_new (NULL);
  g_autofree char *tmp_path = g_strconcat (info_path, ".tmp", NULL);
  const char *role;
  guint32 pid;

  if (!bus)
    {
      g_printerr ("child: %s\n", error->message);
      return 99;
    }

  reply = lab_client_call (bus, "GetProcesses", NULL, "(a(su))", &error);
  if (!reply)
    {
      g_printerr ("child: %s\n", error->message);
      return 99;
    }
  g_variant_get (reply, "(a(su))", &iter);
  while (g_variant_iter_next (iter, "(&su)", &role, &pid))
    g_string_append_printf (info, "pid %u %" G_GUINT64_FORMAT " %s\n", pid,
                            process_start_time (pid), role);

  g_clear_pointer (&reply, g_variant_unref);
  reply = lab_call (bus, LAB_CONTROL_NAME, LAB_CONTROL_PATH, "org.freedesktop.DBus.Properties",
                    "Get", g_variant_new ("(ss)", LAB_CONTROL_IFACE, "StateDir"),
                    G_VARIANT_TYPE ("(v)"), 10000, &error);
  if (!reply)
    {
      g_printerr ("child: %s\n", error->message);
      return 99;
    }
  g_variant_get (reply, "(v)", &dir);
  g_string_append_printf (info, "dir %s\n", g_variant_get_string (dir, NULL));
  g_assert_cmpstr (g_variant_get_string (dir, NULL), ==, g_getenv ("MESH_LAB_STATE_DIR"));
  list_sockets (g_variant_get_string (dir, NULL), info);
  g_string_append (info, "ready\n");

  /* Written whole, then renamed: the parent never reads half a file. */
  if (!g_file_set_contents (tmp_path, info->str, -1, &error) || g_rename (tmp_path, info_path) < 0)
    return 99;

  if (g_str_equal (mode, "exit3"))
    return 3;
  if (g_str_equal (mode, "crash"))
    abort ();
  if (g_str_equal (mode, "sleep"))
    while (TRUE)
      pause ();

  return 0;
}

/* ---- the tests ---- */

static GPid
spawn_lab (const char * const *args,
           const char * const *extra_env,
           int                *stdout_fd,
           int                *stderr_fd)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_ptr_array_add (argv, (char *) g_getenv ("MESH_LAB"));
  for (const char * const *arg = args; *arg; arg++)
    g_ptr_array_add (argv, (char *) *arg);
  g_ptr_array_add (argv, NULL);

  for (const char * const *var = extra_env; var && *var; var += 2)
    env = g_environ_setenv (env, var[0], var[1], TRUE);

  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, env, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, stdout_fd, stderr_fd, &error);
  g_assert_no_error (error);
  return pid;
}

static int
wait_lab (GPid  pid,
          guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  int status;

  while (g_get_monotonic_time () < deadline)
    {
      pid_t done = waitpid (pid, &status, WNOHANG);

      if (done == pid)
        return status;
      g_assert_cmpint (done, ==, 0);
      g_usleep (10 * 1000);
    }

  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_assert_not_reached ();
}

static char *
wait_info (const char *path,
           guint       timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL) && g_str_has_suffix (contents, "ready\n"))
        return contents;
      g_free (contents);
      g_usleep (10 * 1000);
    }

  return NULL;
}

static void
check_nothing_left (const char *info,
                    gboolean    with_command)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  guint n_processes = 0, n_meshd = 0, n_devices = 0, n_paths = 0;
  gboolean saw_command = FALSE, saw_dir = FALSE;

  for (char **line = lines; *line && **line; line++)
    {
      if (g_str_has_prefix (*line, "pid "))
        {
          g_auto(GStrv) fields = g_strsplit (*line + 4, " ", 3);
          guint32 pid = (guint32) g_ascii_strtoull (fields[0], NULL, 10);
          guint64 start = g_ascii_strtoull (fields[1], NULL, 10);

          n_processes++;
          n_meshd += g_str_has_prefix (fields[2], "bluetooth-meshd");
          n_devices += g_str_has_prefix (fields[2], "mesh-lab-device");
          saw_command |= g_str_equal (fields[2], "command");
          g_assert_cmpuint (start, !=, 0);
          /* Gone, or the PID now belongs to another process. */
          if (process_start_time (pid) == start)
            g_error ("%s (PID %u) is still there after the lab ended", fields[2], pid);
        }
      else if (g_str_has_prefix (*line, "path "))
        {
          n_paths++;
          if (g_file_test (*line + 5, G_FILE_TEST_EXISTS))
            g_error ("socket %s is still there after the lab ended", *line + 5);
        }
      else if (g_str_has_prefix (*line, "dir "))
        {
          saw_dir = TRUE;
          if (g_file_test (*line + 4, G_FILE_TEST_EXISTS))
            g_error ("the lab directory %s is still there", *line + 4);
        }
    }

  /* mesh-lab, 2 dbus-daemons, 3 meshd, 2 devices, the command */
  g_assert_cmpuint (n_meshd, ==, 3);
  g_assert_cmpuint (n_devices, ==, 2);
  g_assert_cmpuint (n_processes, ==, 8 + (with_command ? 1 : 0));
  g_assert_true (saw_command == with_command);
  g_assert_true (saw_dir);
  /* the air, two buses, three unit sockets */
  g_assert_cmpuint (n_paths, >=, 6);
}

static void
run_child (const char *mode,
           int         signum,
           int         expected_status)
{
  g_autofree char *tmp = g_dir_make_tmp ("lab-teardown-XXXXXX", NULL);
  g_autofree char *info_path = g_build_filename (tmp, "info", NULL);
  g_autofree char *info = NULL;
  const char *args[] = { "run", "--devices", N_DEVICES, "--timewarp", "10", "--",
                         self_path, "--child", mode, info_path, NULL };
  GPid pid = spawn_lab (args, NULL, NULL, NULL);
  int status;

  info = wait_info (info_path, 60000);
  g_assert_nonnull (info);
  if (signum)
    kill (pid, signum);

  status = wait_lab (pid, 60000);
  if (expected_status >= 0)
    {
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, expected_status);
    }

  check_nothing_left (info, TRUE);
  g_unlink (info_path);
  g_rmdir (tmp);
}

static void
test_exit_status (void)
{
  run_child ("exit3", 0, 3);
}

static void
test_command_crashes (void)
{
  /* The command's death by SIGABRT becomes 128 + 6, as in a shell. */
  run_child ("crash", 0, 128 + SIGABRT);
}

static void
test_sigint (void)
{
  run_child ("sleep", SIGINT, 128 + SIGINT);
}

static void
test_sigterm (void)
{
  run_child ("sleep", SIGTERM, 128 + SIGTERM);
}

static void
test_up (void)
{
  const char *args[] = { "up", "--devices", N_DEVICES, NULL };
  int out_fd = -1;
  GPid pid = spawn_lab (args, NULL, &out_fd, NULL);
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (out_fd);
  g_autofree char *address = NULL;
  g_autoptr(GString) info = g_string_new (NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GError) error = NULL;
  const char *state_dir = NULL;
  const char *role;
  guint32 proc_pid;
  int status;

  g_io_channel_set_close_on_unref (channel, TRUE);
  /* `up` prints the variables to use, the bus address first. */
  while (!address)
    {
      g_autofree char *line = NULL;

      g_assert_cmpint (g_io_channel_read_line (channel, &line, NULL, NULL, NULL), ==, G_IO_STATUS_NORMAL);
      if (g_str_has_prefix (line, "DBUS_SYSTEM_BUS_ADDRESS="))
        address = g_strstrip (g_strdup (line + strlen ("DBUS_SYSTEM_BUS_ADDRESS=")));
    }

  bus = g_dbus_connection_new_for_address_sync (address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  reply = lab_client_call (bus, "GetProcesses", NULL, "(a(su))", &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(a(su))", &iter);
  while (g_variant_iter_next (iter, "(&su)", &role, &proc_pid))
    g_string_append_printf (info, "pid %u %" G_GUINT64_FORMAT " %s\n", proc_pid,
                            process_start_time (proc_pid), role);
  g_clear_pointer (&reply, g_variant_unref);
  reply = lab_call (bus, LAB_CONTROL_NAME, LAB_CONTROL_PATH, "org.freedesktop.DBus.Properties",
                    "Get", g_variant_new ("(ss)", LAB_CONTROL_IFACE, "StateDir"),
                    G_VARIANT_TYPE ("(v)"), 10000, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GVariant) dir = NULL;

    g_variant_get (reply, "(v)", &dir);
    state_dir = g_variant_get_string (dir, NULL);
    g_string_append_printf (info, "dir %s\n", state_dir);
    list_sockets (state_dir, info);
  }
  g_dbus_connection_close_sync (bus, NULL, NULL);

  kill (pid, SIGINT);
  status = wait_lab (pid, 60000);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  check_nothing_left (info->str, FALSE);
}

static char *
read_all (int fd)
{
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (fd);
  char *text = NULL;

  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_to_end (channel, &text, NULL, NULL);
  return text;
}

static void
test_meshd_missing (void)
{
  const char *args[] = { "run", "--devices", "1", "--", "true", NULL };
  const char *env[] = { "MESH_LAB_MESHD", "/nonexistent/bluetooth-meshd", NULL };
  int err_fd = -1;
  GPid pid = spawn_lab (args, env, NULL, &err_fd);
  g_autofree char *message = read_all (err_fd);
  int status = wait_lab (pid, 10000);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 125);
  g_assert_nonnull (strstr (message, "bluetooth-meshd was not found at /nonexistent/bluetooth-meshd"));
  g_assert_nonnull (strstr (message, "bluez-meshd"));
}

/* 5.67 and later work through the preload module's delivery fix; a version
 * newer than the lab was tried with runs too, with a word of warning. */
static void
test_meshd_version (void)
{
  const struct
  {
    const char *version;
    gboolean    warned;
  } cases[] = {
    { "5.66-1+deb12u2", FALSE },
    { "5.72-1", FALSE },
    { "5.87", FALSE },
    { "5.88-1", TRUE },
    { "6.1", TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[] = { "run", "--", "true", NULL };
      const char *env[] = { "MESH_LAB_MESHD_VERSION", cases[i].version, NULL };
      int err_fd = -1;
      GPid pid = spawn_lab (args, env, NULL, &err_fd);
      g_autofree char *message = read_all (err_fd);
      g_autofree char *expected = g_strdup_printf ("bluetooth-meshd %s is newer than the lab "
                                                   "was tried with", cases[i].version);
      int status = wait_lab (pid, 30000);

      g_test_message ("version %s: %s", cases[i].version, message);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_assert_true ((strstr (message, expected) != NULL) == cases[i].warned);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (!g_getenv ("MESH_LAB"))
    {
      g_test_skip ("MESH_LAB (the path of mesh-lab) is not set");
      return g_test_run ();
    }

  g_test_add_func ("/lab/teardown/exit-status", test_exit_status);
  g_test_add_func ("/lab/teardown/command-crashes", test_command_crashes);
  g_test_add_func ("/lab/teardown/sigint", test_sigint);
  g_test_add_func ("/lab/teardown/sigterm", test_sigterm);
  g_test_add_func ("/lab/teardown/up", test_up);
  g_test_add_func ("/lab/teardown/meshd-missing", test_meshd_missing);
  g_test_add_func ("/lab/teardown/meshd-version", test_meshd_version);

  return g_test_run ();
}
