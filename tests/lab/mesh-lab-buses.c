/* mesh-lab-buses.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The lab's two private buses: the provisioner bus (the app under test,
 * the provisioner-side meshd, the control interface) and the device bus
 * (the virtual devices and their daemons). */

#include "config.h"

#include "mesh-lab-private.h"

#include <glib-unix.h>
#include <unistd.h>

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

gboolean
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

GDBusConnection *
connect_bus (const char  *address,
             GError     **error)
{
  return g_dbus_connection_new_for_address_sync (address,
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                 | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, error);
}
