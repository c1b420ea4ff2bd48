/* mesh-lab-meshd.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The bluetooth-meshd of the provisioner side: which one is installed
 * (and whether the lab was tried with its version), its start, its stop,
 * and the callers waiting for it to be ready. */

#include "config.h"

#include "mesh-lab-private.h"

#include "lab-app.h"

#include <stdio.h>
#include <string.h>

/* The newest 5.x the lab was tried with. 5.67 and later need the preload
 * module's delivery fix (lab-preload.c), which leans on meshd's unit IO
 * as it is up to this version. */
#define NEWEST_TRIED_MESHD_MINOR 87

/* ---- versions ---- */

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

gboolean
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

  if (g_getenv ("MESH_LAB_SKIP_VERSION_CHECK"))
    return TRUE;

  version = meshd_version (lab->meshd_path);
  if (!version || sscanf (version, "%u.%u", &major, &minor) != 2)
    lab_message ("cannot tell the version of %s (set MESH_LAB_MESHD_VERSION to say it); "
                 "the lab was tried with 5.66 to 5.%d", lab->meshd_path,
                 NEWEST_TRIED_MESHD_MINOR);
  else if (major > 5 || (major == 5 && minor > NEWEST_TRIED_MESHD_MINOR))
    lab_message ("bluetooth-meshd %s is newer than the lab was tried with (5.66 to 5.%d): "
                 "if the devices are never heard, look for \"mesh-lab-preload\" lines in "
                 "the daemons' logs (--log-dir)", version, NEWEST_TRIED_MESHD_MINOR);

  return TRUE;
}

/* ---- the provisioner-side daemon ---- */

void
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

gboolean
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

void
stop_meshd (Lab *lab)
{
  g_clear_handle_id (&lab->meshd_poll_id, g_source_remove);
  if (lab->meshd)
    lab_process_stop (lab->meshd, STOP_TIMEOUT_MS);
  lab->meshd_ready = FALSE;
}
