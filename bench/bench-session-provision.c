/* bench-session-provision.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Provisioning N devices through MeshSession in the mesh lab, against the
 * daemon's own time.
 *
 * The daemon's time is taken on the bus itself: a monitor connection
 * (org.freedesktop.DBus.Monitoring) timestamps each AddNode call and the
 * AddNodeComplete that follows it. The session's time per node runs from
 * its AddNode call to the node being stored (device key in the keyring,
 * node in the database: every write and all bookkeeping), without the
 * composition read, and - in a second lab - with it. The overhead is the
 * difference. All devices are queued at once; the wall time of the batch
 * is also compared with the sum of the daemon's times.
 *
 *   bench-session-provision [DEVICES [TIMEWARP]]   (defaults: 20, 10)
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab-client.h"
#include "mesh-session.h"
#include "mesh-uuid.h"

typedef struct
{
  GMutex      lock;
  GHashTable *add_node;   /* uuid string → gint64* (µs, monotonic) */
  GHashTable *complete;
} BusTimes;

static BusTimes bus_times;

static char *
uuid_of (GDBusMessage *message)
{
  GVariant *body = g_dbus_message_get_body (message);
  g_autoptr(GVariant) uuid = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (body == NULL || g_variant_n_children (body) < 1)
    return NULL;
  uuid = g_variant_get_child_value (body, 0);
  if (!g_variant_is_of_type (uuid, G_VARIANT_TYPE_BYTESTRING))
    return NULL;
  bytes = g_variant_get_data_as_bytes (uuid);

  return mesh_uuid_to_string (bytes);
}

/* In GDBus' worker thread: as close to the bus as a client gets. */
static GDBusMessage *
monitor_filter (GDBusConnection *connection,
                GDBusMessage    *message,
                gboolean         incoming,
                gpointer         user_data)
{
  gint64 now = g_get_monotonic_time ();
  const char *member = g_dbus_message_get_member (message);
  GHashTable *table = NULL;
  char *uuid;

  /* Only the answer to BecomeMonitor is for us. GDBus would answer the
   * method calls it sees, and a monitor that sends anything is thrown
   * off the bus: they are dropped here. */
  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    return message;

  if (member && g_str_equal (member, "AddNode"))
    table = bus_times.add_node;
  else if (member && g_str_equal (member, "AddNodeComplete"))
    table = bus_times.complete;
  if (table && (uuid = uuid_of (message)) != NULL)
    {
      g_mutex_lock (&bus_times.lock);
      g_hash_table_insert (table, uuid, g_memdup2 (&now, sizeof now));
      g_mutex_unlock (&bus_times.lock);
    }

  g_object_unref (message);
  return NULL;
}

static GDBusConnection *
start_monitor (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  GDBusConnection *monitor;
  const char *rules[] = {
    "type='method_call',member='AddNode'",
    "type='method_call',member='AddNodeComplete'",
    NULL,
  };

  g_assert_no_error (error);
  monitor = g_dbus_connection_new_for_address_sync (address,
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                    | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (monitor, monitor_filter, NULL, NULL);
  g_dbus_connection_call_sync (monitor, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                               "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                               g_variant_new ("(^asu)", rules, 0), NULL,
                               G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  return monitor;
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (result);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
print_series (const char *label,
              GArray     *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  double sum = 0;

  for (guint i = 0; i < sorted->len; i++)
    sum += g_array_index (sorted, double, i);
  g_array_sort (sorted, compare_doubles);
  printf ("  %-34s min %7.1f  median %7.1f  mean %7.1f  max %7.1f ms\n", label,
          g_array_index (sorted, double, 0), g_array_index (sorted, double, sorted->len / 2),
          sum / sorted->len, g_array_index (sorted, double, sorted->len - 1));

  return sum / sorted->len;
}

static gboolean
all_scanned (MeshScanner *scanner,
             GPtrArray   *uuids)
{
  for (guint i = 0; i < uuids->len; i++)
    if (mesh_scanner_find (scanner, g_ptr_array_index (uuids, i)) == NULL)
      return FALSE;

  return TRUE;
}

static int
child_main (gboolean composition)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_autoptr(GDBusConnection) monitor = NULL;
  g_autoptr(GVariant) devices = NULL;
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MeshSession) session = NULL;
  g_autoptr(GArray) daemon_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stored_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) overhead_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) own_daemon_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("bench-session-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "networks.db", NULL);
  MeshProvisioning *provisioning;
  double daemon_mean, stored_mean, overhead_mean;
  double daemon_sum = 0;
  gint64 first_add = G_MAXINT64, last_stored = 0;
  GVariantIter iter;
  GVariant *device;
  guint failed = 0;

  g_assert_no_error (error);
  g_mutex_init (&bus_times.lock);
  bus_times.add_node = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bus_times.complete = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  monitor = start_monitor ();

  devices = lab_client_list_devices (bus, &error);
  g_assert_no_error (error);
  g_variant_iter_init (&iter, devices);
  while ((device = g_variant_iter_next_value (&iter)))
    {
      guint8 uuid[16];

      g_assert_true (lab_client_device_bytes (device, "Uuid", uuid));
      g_ptr_array_add (uuids, g_bytes_new (uuid, 16));
      g_variant_unref (device);
    }

  mesh_session_open_async (db_path, NULL, result_cb, &result);
  result = wait_result (&result);
  session = mesh_session_open_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  while (mesh_daemon_get_state (mesh_session_get_daemon (session)) != MESH_DAEMON_STATE_DETACHED)
    g_main_context_iteration (NULL, TRUE);
  mesh_session_create_network_async (session, "Bench", NULL, result_cb, &result);
  result = wait_result (&result);
  g_assert_nonnull (mesh_session_create_network_finish (session, result, &error));
  g_assert_no_error (error);

  mesh_scanner_start (mesh_session_get_scanner (session));
  while (!all_scanned (mesh_session_get_scanner (session), uuids))
    g_main_context_iteration (NULL, TRUE);

  provisioning = mesh_session_get_provisioning (session);
  mesh_provisioning_set_fetch_composition (provisioning, composition);
  for (guint i = 0; i < uuids->len; i++)
    {
      MeshProvisionRequest *request = mesh_provisioning_enqueue (provisioning,
                                                                 g_ptr_array_index (uuids, i),
                                                                 NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (requests, request);
    }
  for (guint i = 0; i < requests->len; i++)
    while (!mesh_provision_request_is_finished (g_ptr_array_index (requests, i)))
      g_main_context_iteration (NULL, TRUE);

  printf ("%u devices, composition read %s\n", requests->len, composition ? "included" : "excluded");
  for (guint i = 0; i < requests->len; i++)
    {
      MeshProvisionRequest *request = g_ptr_array_index (requests, i);
      const char *uuid = mesh_provision_request_get_uuid_string (request);
      gint64 *added, *completed;
      double daemon, stored, total;

      if (mesh_provision_request_get_error (request))
        {
          printf ("  %s failed: %s\n", uuid, mesh_provision_request_get_error (request)->message);
          failed++;
          continue;
        }

      g_mutex_lock (&bus_times.lock);
      added = g_hash_table_lookup (bus_times.add_node, uuid);
      completed = g_hash_table_lookup (bus_times.complete, uuid);
      g_mutex_unlock (&bus_times.lock);
      g_assert_nonnull (added);
      g_assert_nonnull (completed);

      daemon = (*completed - *added) / 1000.0;
      stored = mesh_provision_request_get_stored_time (request) / 1000.0;
      total = mesh_provision_request_get_total_time (request) / 1000.0;
      g_array_append_val (daemon_ms, daemon);
      g_array_append_val (stored_ms, stored);
      g_array_append_val (total_ms, total);
      g_array_append_vals (overhead_ms, &(double) { stored - daemon }, 1);
      g_array_append_vals (own_daemon_ms,
                           &(double) { mesh_provision_request_get_daemon_time (request) / 1000.0 }, 1);
      daemon_sum += daemon;
      first_add = MIN (first_add, *added);
      last_stored = MAX (last_stored, *added + (gint64) (stored * 1000));
    }

  if (daemon_ms->len == 0)
    return 1;

  daemon_mean = print_series ("daemon (AddNode → Complete, bus)", daemon_ms);
  print_series ("daemon (as the session saw it)", own_daemon_ms);
  stored_mean = print_series ("session (AddNode → node stored)", stored_ms);
  overhead_mean = print_series ("session overhead per node", overhead_ms);
  if (composition)
    print_series ("session incl. composition read", total_ms);
  printf ("  per-node overhead: %.1f ms on %.1f ms = %.2f %% (goal <= 3 %%)\n",
          overhead_mean, daemon_mean, 100.0 * (stored_mean - daemon_mean) / daemon_mean);
  printf ("  batch: %.0f ms wall for %u nodes, daemon sum %.0f ms: %+.2f %%\n",
          (last_stored - first_add) / 1000.0, daemon_ms->len, daemon_sum,
          100.0 * ((last_stored - first_add) / 1000.0 - daemon_sum) / daemon_sum);
  if (failed)
    printf ("  %u provisioning(s) failed\n", failed);
  fflush (stdout);

  return failed ? 1 : 0;
}

static gboolean
run_lab (const char *devices,
         const char *timewarp,
         gboolean    composition)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { MESH_LAB_PATH, "run", "--devices", devices, "--timewarp", timewarp,
                         "--", SESSION_RUN_PATH, self,
                         composition ? "--child-composition" : "--child", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("mesh-lab failed: %s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *devices = argc > 1 ? argv[1] : "20";
  const char *timewarp = argc > 2 ? argv[2] : "10";

  if (argc == 2 && g_str_equal (argv[1], "--child"))
    return child_main (FALSE);
  if (argc == 2 && g_str_equal (argv[1], "--child-composition"))
    return child_main (TRUE);

  printf ("provisioning %s virtual devices through MeshSession, timewarp %s\n", devices, timewarp);
  fflush (stdout);

  return run_lab (devices, timewarp, FALSE) && run_lab (devices, timewarp, TRUE) ? 0 : 1;
}
