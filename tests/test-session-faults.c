/* test-session-faults.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs in `mesh-lab run --devices 4 --oob static:K --oob none --oob none
 * --oob static:K`, under session-run. Things going wrong, and nothing being lost:
 * - the device vanishes in the middle of its provisioning: a clear error
 *   in our own time, and it is provisioned fine once it is back;
 * - bluetooth-meshd is killed and started again: the session re-attaches
 *   by itself and provisions (and configures) again;
 * - the application dies right after AddNodeComplete, before it stored the
 *   node: the next session's reconciliation recovers the node, with its
 *   Device UUID, device key and composition. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "lab-client.h"
#include "mesh-core-test-utils.h"
#include "mesh-error.h"
#include "mesh-keyring.h"
#include "mesh-session-test-utils.h"
#include "mesh-uuid.h"

#define LAB_COMPANY_ID 0x05F1

typedef struct
{
  GDBusConnection *bus;
  GBytes          *key;
  guint            prompts;
} Vanish;

static void
vanish_on_prompt_cb (MeshSession          *session,
                     MeshOobRequest       *oob,
                     MeshProvisionRequest *request,
                     Vanish               *vanish)
{
  g_autoptr(GError) error = NULL;

  /* Halfway: public keys exchanged, the authentication not yet. */
  vanish->prompts++;
  mesh_session_test_lab_call (vanish->bus, "VanishDevice", g_variant_new ("(u)", 0));
  g_assert_true (mesh_oob_request_answer_static (oob, vanish->key, &error));
  g_assert_no_error (error);
}

typedef struct
{
  MeshScanner *scanner;
  GBytes      *uuid;
} Listed;

static gboolean
not_listed (gpointer data)
{
  Listed *listed = data;

  return mesh_scanner_find (listed->scanner, listed->uuid) == NULL;
}

/* meshd 5.66 leaves the temporary node of an interrupted Join on disk when
 * it is killed by a signal while its application is still there
 * (mesh_cleanup() returns early when signalled); the disconnect of the
 * application would have removed it. VanishDevice stops both at once, so
 * either may go first, and when meshd did, the restored device's Join
 * fails on the directory left over. Remove it as meshd would have: the
 * lab's storage of device N is $MESH_LAB_STATE_DIR/devN. */
static void
remove_interrupted_join (guint   index,
                         GBytes *uuid)
{
  g_autofree char *uuid_string = mesh_uuid_to_string (uuid);
  g_auto(GStrv) parts = g_strsplit (uuid_string, "-", -1);
  g_autofree char *hex = g_strjoinv ("", parts);
  g_autofree char *dev = g_strdup_printf ("dev%u", index);
  g_autofree char *path = g_build_filename (g_getenv ("MESH_LAB_STATE_DIR"), dev, hex, NULL);
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

  g_assert_nonnull (g_getenv ("MESH_LAB_STATE_DIR"));
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_test_message ("removing the Join meshd left behind: %s", path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
}

static gboolean
device_joining (gpointer data)
{
  g_autoptr(GDBusConnection) bus = mesh_session_test_lab_bus ();
  g_autoptr(GVariant) device = lab_client_get_device (bus, GPOINTER_TO_UINT (data), NULL);
  gboolean joining = FALSE;

  return device && g_variant_lookup (device, "Joining", "b", &joining) && joining;
}

static void
test_vanish (void)
{
  g_autofree char *db_path = mesh_core_test_temp_path ("networks.db");
  g_autoptr(GDBusConnection) bus = mesh_session_test_lab_bus ();
  g_autoptr(MeshSession) session = NULL;
  g_autoptr(GBytes) uuid = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(MeshNode) node = NULL;
  g_autoptr(GError) error = NULL;
  MeshProvisioning *provisioning;
  MeshScanner *scanner;
  MeshNetwork *network;
  Vanish vanish = { 0 };
  Listed listed;
  gulong handler;
  gint64 started;

  uuid = mesh_session_test_lab_uuid (bus, 0, &key);
  g_assert_nonnull (key);
  session = mesh_session_test_open (db_path);
  network = mesh_session_test_create_network (session, "Vanish");
  provisioning = mesh_session_get_provisioning (session);
  mesh_provisioning_set_timeout (provisioning, mesh_session_test_timeout (20000));
  scanner = mesh_session_get_scanner (session);
  mesh_scanner_set_device_timeout (scanner, 3000);
  mesh_scanner_set_rearm_interval (scanner, 500);
  mesh_session_test_wait_scanned (session, uuid);

  vanish.bus = bus;
  vanish.key = key;
  handler = g_signal_connect (session, "oob-request", G_CALLBACK (vanish_on_prompt_cb), &vanish);
  started = g_get_monotonic_time ();
  node = mesh_session_test_provision (session, uuid, NULL, &error);
  g_signal_handler_disconnect (session, handler);
  g_assert_null (node);
  g_assert_cmpuint (vanish.prompts, ==, 1);
  g_test_message ("device gone: %s (after %.1f s)", error->message,
                  (g_get_monotonic_time () - started) / 1e6);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "did not finish provisioning"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (network)), ==, 1);

  /* meshd's provisioning was aborted (connection dropped): the client is
   * back by itself, scanning again; the silent device leaves the list. */
  mesh_session_test_wait_attached (session);
  listed.scanner = scanner;
  listed.uuid = uuid;
  mesh_session_test_wait_for (not_listed, &listed, 15000, "the vanished device to age out");

  /* Back: heard again, and it can be provisioned. */
  remove_interrupted_join (0, uuid);
  mesh_session_test_lab_call (bus, "RestoreDevice", g_variant_new ("(u)", 0));
  mesh_session_test_wait_for (device_joining, GUINT_TO_POINTER (0),
                              mesh_session_test_timeout (30000), "device 0 to be back");
  mesh_session_test_wait_scanned (session, uuid);
  node = mesh_session_test_provision (session, uuid, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  mesh_session_test_load_elements (session, node);
  mesh_session_test_check_lab_composition (node, LAB_COMPANY_ID);
}

static gboolean
is_gone (gpointer data)
{
  return mesh_daemon_get_state (mesh_session_get_daemon (data)) == MESH_DAEMON_STATE_NO_DAEMON;
}

static void
test_restart_daemon (void)
{
  g_autofree char *db_path = mesh_core_test_temp_path ("networks.db");
  g_autoptr(GDBusConnection) bus = mesh_session_test_lab_bus ();
  g_autoptr(MeshSession) session = NULL;
  g_autoptr(GBytes) uuid = NULL;
  g_autoptr(MeshNode) node = NULL;
  g_autoptr(GError) error = NULL;
  MeshDaemon *daemon;
  MeshScanner *scanner;

  uuid = mesh_session_test_lab_uuid (bus, 1, NULL);
  session = mesh_session_test_open (db_path);
  mesh_session_test_create_network (session, "Restart");
  daemon = mesh_session_get_daemon (session);
  scanner = mesh_session_get_scanner (session);
  mesh_scanner_start (scanner);

  /* Killed... */
  mesh_session_test_lab_call (bus, "StopDaemon", NULL);
  mesh_session_test_wait_for (is_gone, session, 10000, "the session to see meshd gone");
  g_assert_nonnull (mesh_daemon_get_state_message (daemon));
  g_test_message ("meshd stopped: %s", mesh_daemon_get_state_message (daemon));
  g_assert_false (mesh_scanner_get_scanning (scanner));

  /* ...and back: re-attached without being asked, scanning again. */
  mesh_session_test_lab_call (bus, "StartDaemon", NULL);
  mesh_session_test_wait_attached (session);
  mesh_session_test_wait_scanned (session, uuid);

  /* It works: provisioning and the composition read (a configuration
   * round trip). */
  node = mesh_session_test_provision (session, uuid, NULL, &error);
  g_assert_no_error (error);
  mesh_session_test_load_elements (session, node);
  mesh_session_test_check_lab_composition (node, LAB_COMPANY_ID);

  /* And once more with RestartDaemon, then a configuration request. */
  mesh_session_test_lab_call (bus, "RestartDaemon", NULL);
  mesh_session_test_wait_attached (session);
  {
    g_autoptr(GAsyncResult) result = NULL;
    MeshConfigStatus *status;

    mesh_config_engine_composition_get_async (mesh_session_get_engine (session), node, 0, NULL,
                                              mesh_core_test_result_cb, &result);
    result = mesh_core_test_wait (&result);
    status = mesh_config_engine_composition_get_finish (mesh_session_get_engine (session), result,
                                                        &error);
    g_assert_no_error (error);
    g_assert_nonnull (status);
    mesh_config_status_free (status);
  }
}

static void
cancel_on_prompt_cb (MeshSession          *session,
                     MeshOobRequest       *oob,
                     MeshProvisionRequest *request,
                     gpointer              user_data)
{
  g_assert_cmpint (mesh_oob_request_get_kind (oob), ==, MESH_OOB_KIND_PROMPT_STATIC);
  mesh_provision_request_cancel (request);
  g_assert_cmpint (mesh_oob_request_get_state (oob), ==, MESH_OOB_STATE_CANCELLED);
}

static void
cancel_on_exchange_cb (MeshProvisionRequest *request,
                       GParamSpec           *pspec,
                       gpointer              user_data)
{
  /* meshd accepted AddNode, no prompt pending: only dropping the
   * connection stops meshd 5.66. */
  if (mesh_provision_request_get_step (request) == MESH_PROVISION_STEP_EXCHANGE)
    mesh_provision_request_cancel (request);
}

static void
test_cancel (void)
{
  g_autofree char *db_path = mesh_core_test_temp_path ("networks.db");
  g_autoptr(GDBusConnection) bus = mesh_session_test_lab_bus ();
  g_autoptr(MeshSession) session = NULL;
  g_autoptr(GBytes) uuid = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(MeshProvisionRequest) queued = NULL;
  g_autoptr(MeshProvisionRequest) request = NULL;
  g_autoptr(MeshNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  MeshProvisioning *provisioning;
  MeshNetwork *network;
  gulong handler;

  uuid = mesh_session_test_lab_uuid (bus, 3, &key);
  g_assert_nonnull (key);
  session = mesh_session_test_open (db_path);
  network = mesh_session_test_create_network (session, "Cancel");
  provisioning = mesh_session_get_provisioning (session);
  mesh_session_test_wait_scanned (session, uuid);

  /* At the prompt: meshd is told no and fails the provisioning itself. */
  handler = g_signal_connect (session, "oob-request", G_CALLBACK (cancel_on_prompt_cb), NULL);
  node = mesh_session_test_provision (session, uuid, NULL, &error);
  g_signal_handler_disconnect (session, handler);
  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  mesh_session_test_wait_for (device_joining, GUINT_TO_POINTER (3),
                              mesh_session_test_timeout (30000), "device 3 to wait again");

  /* With nothing pending: the connection is dropped, meshd abandons the
   * link, the client re-attaches; a queued request just leaves. */
  {
    /* Asked first: a lab call runs the main loop. */
    g_autoptr(GBytes) other = mesh_session_test_lab_uuid (bus, 1, NULL);

    request = mesh_provisioning_enqueue (provisioning, uuid, key, &error);
    g_assert_no_error (error);
    g_signal_connect (request, "notify::step", G_CALLBACK (cancel_on_exchange_cb), NULL);
    queued = mesh_provisioning_enqueue (provisioning, other, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (mesh_provision_request_get_step (queued), ==, MESH_PROVISION_STEP_QUEUED);
    mesh_provision_request_cancel (queued);
    g_assert_cmpint (mesh_provision_request_get_step (queued), ==, MESH_PROVISION_STEP_CANCELLED);
  }
  mesh_provision_request_wait_async (request, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_null (mesh_provision_request_wait_finish (request, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (mesh_provision_request_get_step (request), ==, MESH_PROVISION_STEP_CANCELLED);
  mesh_session_test_wait_attached (session);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (network)), ==, 1);

  /* Nothing stuck: the device is provisioned fine afterwards. */
  mesh_session_test_wait_for (device_joining, GUINT_TO_POINTER (3),
                              mesh_session_test_timeout (30000), "device 3 to wait again");
  g_clear_object (&node);
  node = mesh_session_test_provision (session, uuid, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

/* The child: provisions device 2 and dies at AddNodeComplete, before the
 * node reaches the database. */
static void
die_cb (MeshDaemon *daemon,
        GBytes     *uuid,
        guint       unicast,
        guint       count,
        gpointer    user_data)
{
  g_printerr ("AddNodeComplete 0x%04x: exiting before storing it\n", unicast);
  _exit (0);
}

static void
killed_child (void)
{
  g_autoptr(MeshSession) session = NULL;
  g_autoptr(GBytes) uuid = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDBusConnection) bus = mesh_session_test_lab_bus ();
  MeshNetwork *network;

  uuid = mesh_session_test_lab_uuid (bus, 2, NULL);
  session = mesh_session_test_open (g_getenv ("MESH_TEST_DB"));
  network = mesh_store_find_network (mesh_session_get_store (session), g_getenv ("MESH_TEST_NETWORK"));
  g_assert_nonnull (network);
  mesh_session_open_network_async (session, network, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_session_open_network_finish (session, result, &error));
  g_assert_no_error (error);
  mesh_session_test_wait_attached (session);

  g_signal_connect (mesh_session_get_daemon (session), "add-node-complete", G_CALLBACK (die_cb),
                    NULL);
  mesh_session_test_wait_scanned (session, uuid);
  mesh_session_test_provision (session, uuid, NULL, &error);
  g_assert_not_reached ();
}

static void
test_app_killed (void)
{
  g_autofree char *db_path = NULL;
  g_autofree char *network_uuid = NULL;
  g_autofree char *uuid_string = NULL;
  g_autoptr(GDBusConnection) bus = mesh_session_test_lab_bus ();
  g_autoptr(GBytes) uuid = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshSession) session = NULL;
  const MeshReconcileReport *report;
  MeshNetwork *network;
  MeshNode *node;
  guint16 unicast;

  if (g_test_subprocess ())
    {
      killed_child ();
      return;
    }

  uuid = mesh_session_test_lab_uuid (bus, 2, NULL);
  uuid_string = mesh_uuid_to_string (uuid);

  /* A network, made and left by a first session. */
  db_path = mesh_core_test_temp_path ("networks.db");
  session = mesh_session_test_open (db_path);
  network = mesh_session_test_create_network (session, "Crash");
  network_uuid = g_strdup (mesh_network_get_uuid (network));
  mesh_session_close_async (session, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_session_close_finish (session, result, &error));
  g_clear_object (&session);
  g_clear_object (&result);
  /* meshd detaches the node when our connection is gone. */
  mesh_session_test_sleep (500);

  g_setenv ("MESH_TEST_DB", db_path, TRUE);
  g_setenv ("MESH_TEST_NETWORK", network_uuid, TRUE);
  g_test_trap_subprocess (NULL, mesh_session_test_timeout (120000) * 1000, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  mesh_session_test_sleep (500);

  /* The next session: the node is in meshd, not in the database. */
  session = mesh_session_test_open (db_path);
  network = mesh_store_find_network (mesh_session_get_store (session), network_uuid);
  g_assert_nonnull (network);
  g_clear_object (&result);
  mesh_session_open_network_async (session, network, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_session_open_network_finish (session, result, &error));
  g_assert_no_error (error);

  report = mesh_session_get_reconcile_report (session);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->recovered->len, ==, 1);
  g_assert_cmpuint (report->missing_in_daemon->len, ==, 0);
  unicast = g_array_index (report->recovered, guint16, 0);
  g_test_message ("recovered node 0x%04x", unicast);

  /* Recovered whole: its Device UUID (from the journal), its device key in
   * the keyring, its composition read. */
  node = mesh_network_find_node_by_address (network, unicast);
  g_assert_nonnull (node);
  g_assert_cmpstr (mesh_node_get_uuid (node), ==, uuid_string);
  mesh_session_test_load_elements (session, node);
  mesh_session_test_check_lab_composition (node, LAB_COMPANY_ID);
  key = mesh_session_test_lookup_secret (network_uuid, MESH_SECRET_DEVICE_KEY, unicast);
  g_assert_nonnull (key);
  g_assert_cmpuint (g_bytes_get_size (key), ==, 16);

  /* The device agrees it is that node. */
  {
    g_autoptr(GVariant) device = lab_client_get_device (bus, 2, &error);
    guint16 lab_unicast = 0;

    g_assert_no_error (error);
    g_assert_true (g_variant_lookup (device, "Unicast", "q", &lab_unicast));
    g_assert_cmpuint (lab_unicast, ==, unicast);
  }

  /* A second reconciliation finds nothing more to do. */
  {
    g_autoptr(MeshReconcileReport) again = NULL;

    g_clear_object (&result);
    mesh_session_reconcile_async (session, NULL, mesh_core_test_result_cb, &result);
    result = mesh_core_test_wait (&result);
    again = mesh_session_reconcile_finish (session, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->recovered->len, ==, 0);
    g_assert_cmpuint (again->missing_in_daemon->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/faults/vanish", test_vanish);
  g_test_add_func ("/faults/restart-daemon", test_restart_daemon);
  g_test_add_func ("/faults/app-killed", test_app_killed);
  g_test_add_func ("/faults/cancel", test_cancel);

  return g_test_run ();
}
