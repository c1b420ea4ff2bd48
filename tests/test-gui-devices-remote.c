/* test-gui-devices-remote.c: Nearby Devices and the provisioning dialog
 * with devices heard through a Remote Provisioning Server, without
 * bluetooth-meshd.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-beacon.h"
#include "mesh-daemon-private.h"
#include "mesh-device-format.h"
#include "mesh-device-row.h"
#include "mesh-devices-page.h"
#include "mesh-net-key.h"
#include "mesh-provision-dialog-private.h"
#include "mesh-provision-request-private.h"
#include "mesh-scanned-device-private.h"
#include "mesh-session-private.h"
#include "mesh-test-network.h"
#include "mesh-test-utils.h"
#include "test-gui-devices-util.h"

/* A session with the "home" network (Kitchen Light at 0x0005, an unnamed
 * node at 0x0100...), every node's elements loaded; still no
 * bluetooth-meshd. */
static MeshSession *
open_home_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mesh-gui-devices-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "networks.db", NULL);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  MeshSession *session;
  MeshStore *store;
  MeshNetwork *network;

  g_assert_no_error (error);
  mesh_test_network_create_home (path);
  session = devices_test_open_session_at (path);
  store = mesh_session_get_store (session);
  network = mesh_store_find_network (store, MESH_TEST_NETWORK_UUID);
  g_assert_nonnull (network);

  /* The network has no node of this computer, which opening it asks for:
   * load it and hand it to the session as an import does. */
  mesh_store_load_network_async (store, network, NULL, devices_test_result_cb, &opened);
  g_assert_true (mesh_test_wait_until (devices_test_has_result, &opened, 5000));
  g_assert_true (mesh_store_load_network_finish (store, opened, &error));
  g_assert_no_error (error);
  mesh_session_set_network (session, network);

  mesh_store_load_elements_async (store, network, NULL, NULL, devices_test_result_cb, &loaded);
  g_assert_true (mesh_test_wait_until (devices_test_has_result, &loaded, 5000));
  g_assert_true (mesh_store_load_elements_finish (store, loaded, &error));
  g_assert_no_error (error);

  return session;
}

/* Gives the node at @unicast a Remote Provisioning Server on element
 * @index (in memory), adding the element if the node has none. */
static void
add_server (MeshNetwork *network,
            guint16      unicast,
            guint        index)
{
  MeshNode *node = mesh_network_find_node_by_address (network, unicast);
  MeshElement *element;
  g_autoptr(MeshModel) server = mesh_model_new (MESH_MODEL_REMOTE_PROVISIONING_SERVER, FALSE);

  g_assert_nonnull (node);
  for (guint i = g_list_model_get_n_items (mesh_node_get_elements (node)); i <= index; i++)
    {
      g_autoptr(MeshElement) added = mesh_element_new (i, 0x0000);

      mesh_node_add_element (node, added);
    }
  element = mesh_node_get_element (node, index);
  g_assert_nonnull (element);
  mesh_element_add_model (element, server);
}

static void
test_devices_servers (void)
{
  g_autoptr(MeshSession) session = open_home_session ();
  MeshNetwork *network = mesh_session_get_network (session);
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) servers = NULL;
  g_autofree char *kitchen = NULL;
  g_autofree char *unnamed = NULL;
  g_autofree char *stranger = NULL;
  g_autofree char *own_radio = NULL;
  g_autofree char *choice = NULL;
  g_autofree char *unnamed_choice = NULL;

  /* Names: the node's, else its address; 0 is our own radio. */
  kitchen = mesh_format_via (network, 0x0005);
  g_assert_cmpstr (kitchen, ==, "Through node Kitchen Light");
  unnamed = mesh_format_via (network, 0x0100);
  g_assert_cmpstr (unnamed, ==, "Through node 0x0100");
  stranger = mesh_format_via (network, 0x0042);
  g_assert_cmpstr (stranger, ==, "Through node 0x0042");
  own_radio = mesh_format_via (network, 0);
  g_assert_null (own_radio);
  choice = mesh_format_server_choice (mesh_network_find_node_by_address (network, 0x0005));
  g_assert_cmpstr (choice, ==, "Kitchen Light (0x0005)");
  unnamed_choice = mesh_format_server_choice (mesh_network_find_node_by_address (network, 0x0100));
  g_assert_cmpstr (unnamed_choice, ==, "Node 0x0100");

  /* No node of the home network has a Remote Provisioning Server. */
  none = mesh_find_remote_servers (network);
  g_assert_cmpuint (none->len, ==, 0);

  /* Servers on primary elements count, in address order; one on a
   * secondary element does not, nor one on an excluded node. */
  add_server (network, 0x0009, 0);
  add_server (network, 0x0005, 0);
  add_server (network, 0x0002, 1);
  add_server (network, 0x0010, 0);
  g_assert_true (mesh_node_get_excluded (mesh_network_find_node_by_address (network, 0x0010)));
  servers = mesh_find_remote_servers (network);
  g_assert_cmpuint (servers->len, ==, 2);
  g_assert_cmpuint (g_array_index (servers, guint16, 0), ==, 0x0005);
  g_assert_cmpuint (g_array_index (servers, guint16, 1), ==, 0x0009);
}

static void
test_devices_row_via (void)
{
  g_autoptr(MeshSession) session = open_home_session ();
  g_autoptr(MeshScannedDevice) device = devices_test_new_device_via (0, -60, 0x0005);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = mesh_device_row_new ();
  MeshUnprovisionedBeacon beacon = { 0 };

  gtk_window_set_child (GTK_WINDOW (window), row);
  mesh_device_row_set_device (MESH_DEVICE_ROW (row), device);
  gtk_window_present (GTK_WINDOW (window));
  mesh_test_wait_for_frame (window);

  /* Without the network, the server's address. */
  g_assert_cmpuint (mesh_scanned_device_get_via (device), ==, 0x0005);
  g_assert_nonnull (mesh_test_find_label (row, "Through node 0x0005"));

  /* With it, the node's name. */
  mesh_device_row_set_network (MESH_DEVICE_ROW (row), mesh_session_get_network (session));
  g_assert_nonnull (mesh_test_find_label (row, "Through node Kitchen Light"));
  g_assert_null (mesh_test_find_label (row, "Through node 0x0005"));

  /* Our own radio hears it now: no node in between, no line. */
  memcpy (beacon.uuid, devices_test_uuid, sizeof devices_test_uuid);
  mesh_scanned_device_update (device, &beacon, -50, 0, g_get_monotonic_time ());
  g_assert_cmpuint (mesh_scanned_device_get_via (device), ==, 0);
  g_assert_null (mesh_test_find_label (row, "Through node Kitchen Light"));
  g_assert_nonnull (mesh_test_find_label (row, "Mesh Device 57FF"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_devices_page_chooser (void)
{
  g_autoptr(MeshSession) session = open_home_session ();
  MeshNetwork *network = mesh_session_get_network (session);
  MeshScanner *scanner = mesh_session_get_scanner (session);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = mesh_devices_page_new ();
  GObject *clamp;
  GObject *row;

  /* A node that could listen for us, but a bluetooth-meshd (none here, or
   * 5.66) that cannot use it. */
  add_server (network, 0x0005, 0);
  g_assert_false (mesh_daemon_get_remote_provisioning (mesh_session_get_daemon (session)));

  gtk_window_set_child (GTK_WINDOW (window), page);
  mesh_devices_page_set_session (MESH_DEVICES_PAGE (page), session);
  gtk_window_present (GTK_WINDOW (window));
  mesh_test_wait_for_frame (window);
  g_assert_true (mesh_scanner_get_active (scanner));

  clamp = gtk_widget_get_template_child (page, MESH_TYPE_DEVICES_PAGE, "remote_clamp");
  row = gtk_widget_get_template_child (page, MESH_TYPE_DEVICES_PAGE, "remote_row");
  g_assert_nonnull (clamp);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (clamp)));
  g_assert_null (mesh_test_find_label (page, "Listen Through"));
  /* Nothing to choose but this computer, and nothing chosen. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))), ==, 1);
  g_assert_cmpuint (mesh_scanner_get_remote_server (scanner), ==, 0);

  /* Shown again (the node list is read anew): still hidden. */
  gtk_widget_set_visible (page, FALSE);
  gtk_widget_set_visible (page, TRUE);
  mesh_test_wait_for_frame (window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (clamp)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
widget_visible (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

static gboolean
row_shown (gpointer page)
{
  return mesh_test_find_label (page, "Through node Kitchen Light") != NULL;
}

static gboolean
scanner_failed (gpointer scanner)
{
  return mesh_scanner_get_error_message (scanner) != NULL;
}

/* The chooser with a bluetooth-meshd that can scan through servers, as far
 * as the client's state goes: the daemon says ATTACHED with Remote
 * Provisioning, but has no D-Bus objects (its calls fail, which the
 * scanner reports). The lab tests the real thing. */
static void
test_devices_page_chooser_shown (void)
{
  g_autoptr(MeshSession) session = open_home_session ();
  MeshNetwork *network = mesh_session_get_network (session);
  MeshScanner *scanner = mesh_session_get_scanner (session);
  MeshDaemon *daemon = mesh_session_get_daemon (session);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = mesh_devices_page_new ();
  g_autoptr(GBytes) beacon = g_bytes_new (devices_test_uuid, sizeof devices_test_uuid);
  GListModel *choices;
  GObject *clamp;
  GObject *row;

  add_server (network, 0x0009, 0);
  add_server (network, 0x0005, 0);
  gtk_window_set_child (GTK_WINDOW (window), page);
  mesh_devices_page_set_session (MESH_DEVICES_PAGE (page), session);
  gtk_window_present (GTK_WINDOW (window));
  mesh_test_wait_for_frame (window);
  clamp = gtk_widget_get_template_child (page, MESH_TYPE_DEVICES_PAGE, "remote_clamp");
  row = gtk_widget_get_template_child (page, MESH_TYPE_DEVICES_PAGE, "remote_row");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (clamp)));

  daemon->remote_provisioning = TRUE;
  mesh_daemon_set_state (daemon, MESH_DAEMON_STATE_ATTACHED, NULL);
  g_assert_true (mesh_test_wait_until (widget_visible, clamp, 5000));
  mesh_test_wait_for_frame (window);
  g_assert_nonnull (mesh_test_find_label (page, "Listen Through"));

  /* This computer, then the servers in address order. */
  choices = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==, "This Computer Only");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 1), ==, "Kitchen Light (0x0005)");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 2), ==, "Porch Lamp (0x0009)");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  /* A composition read outside provisioning shows another server once
   * the configuration engine is idle again. */
  add_server (network, 0x0100, 0);
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);
  g_assert_cmpuint (mesh_config_engine_get_n_pending (mesh_session_get_engine (session)), ==, 0);
  g_object_notify (G_OBJECT (mesh_session_get_engine (session)), "n-pending");
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 3), ==, "Node 0x0100");

  /* Choosing one scans through it, over the subnet it is reached over. */
  {
    const MeshNodeKey garden_only[] = { { 2, FALSE } };

    mesh_node_set_net_keys (mesh_network_find_node_by_address (network, 0x0009), garden_only, 1);
  }
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_cmpuint (mesh_scanner_get_remote_server (scanner), ==, 0x0009);
  g_assert_cmpuint (mesh_scanner_get_remote_net_index (scanner), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpuint (mesh_scanner_get_remote_server (scanner), ==, 0x0005);
  g_assert_cmpuint (mesh_scanner_get_remote_net_index (scanner), ==, 0);

  /* A device that only the Kitchen Light heard: its row names the node. */
  g_signal_emit_by_name (daemon, "scan-result", -60, beacon, (guint) 0x0005);
  g_assert_true (mesh_test_wait_until (row_shown, page, 5000));
  g_assert_nonnull (mesh_test_find_label (page, "Mesh Device 57FF"));

  /* The scans fail (this daemon has no D-Bus objects; re-armed soon):
   * with devices listed, the chooser says why. */
  mesh_scanner_set_rearm_interval (scanner, 100);
  g_assert_true (mesh_test_wait_until (scanner_failed, scanner, 5000));
  mesh_test_wait_for_frame (window);
  g_assert_nonnull (mesh_test_find_label (page, mesh_scanner_get_error_message (scanner)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (page, MESH_TYPE_DEVICES_PAGE,
                                                                                   "remote_warning"))));
  mesh_test_iterate (400); /* the crossfade */
  g_object_unref (mesh_test_screenshot (window, "devices-listen-through.png"));

  /* Back on a meshd without Remote Provisioning: hidden, and the scanner
   * listens with this computer only. */
  mesh_daemon_set_state (daemon, MESH_DAEMON_STATE_NO_DAEMON, NULL);
  daemon->remote_provisioning = FALSE;
  mesh_daemon_set_state (daemon, MESH_DAEMON_STATE_ATTACHED, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (clamp)));
  g_assert_cmpuint (mesh_scanner_get_remote_server (scanner), ==, 0);

  mesh_daemon_set_state (daemon, MESH_DAEMON_STATE_NO_DAEMON, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_devices_dialog_via (void)
{
  g_autoptr(MeshSession) session = open_home_session ();
  g_autoptr(MeshScannedDevice) device = devices_test_new_device_via (0, -60, 0x0005);
  g_autoptr(GBytes) uuid = g_bytes_new (devices_test_uuid, sizeof devices_test_uuid);
  g_autoptr(MeshProvisionRequest) request = mesh_provision_request_new (uuid, NULL, NULL, NULL);
  MeshProvisionDialog *dialog;

  dialog = mesh_provision_dialog_new (session, device);
  gtk_window_present (GTK_WINDOW (dialog));
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "Heard Through Node"));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "Kitchen Light (0x0005)"));

  /* It provisions through the node: this meshd cannot, and says so
   * (rather than trying over its own radio). */
  g_assert_true (devices_test_start_enabled (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.start", NULL));
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "failed");
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog),
                                          "This bluetooth-meshd cannot reach devices through another "
                                          "node. Remote provisioning needs bluetooth-meshd 5.67 or newer."));
  g_assert_null (mesh_provision_dialog_get_request (dialog));

  /* A request through the node: the progress names it. */
  mesh_provision_request_set_server (request, 0x0005);
  _mesh_provision_dialog_follow (dialog, request);
  mesh_provision_request_set_step (request, MESH_PROVISION_STEP_LINK);
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "progress");
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog),
                                          "Keep the device powered and close to node “Kitchen Light”, "
                                          "which provisions it for this computer."));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Heard by our own radio: no node in the dialog. */
  {
    g_autoptr(MeshScannedDevice) near = devices_test_new_device (0, -60);

    dialog = mesh_provision_dialog_new (session, near);
    gtk_window_present (GTK_WINDOW (dialog));
    mesh_test_wait_for_frame (GTK_WIDGET (dialog));
    g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "UUID"));
    g_assert_null (mesh_test_find_label (GTK_WIDGET (dialog), "Heard Through Node"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
}

/* NetKey @index named @name, stored in the session's network. */
static void
add_net_key (MeshSession *session,
             guint        index,
             const char  *name)
{
  MeshStore *store = mesh_session_get_store (session);
  g_autoptr(MeshNetKey) key = mesh_net_key_new (index, name);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_add_async (store, mesh_session_get_network (session), key, NULL,
                        devices_test_result_cb, &result);
  g_assert_true (mesh_test_wait_until (devices_test_has_result, &result, 5000));
  g_assert_true (mesh_store_add_finish (store, result, &error));
  g_assert_no_error (error);
}

static MeshProvisionDialog *
present_dialog (MeshSession       *session,
                MeshScannedDevice *device)
{
  MeshProvisionDialog *dialog = mesh_provision_dialog_new (session, device);

  gtk_window_present (GTK_WINDOW (dialog));
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  return dialog;
}

static void
test_devices_dialog_subnet (void)
{
  g_autoptr(MeshSession) session = open_home_session ();
  MeshNetwork *network = mesh_session_get_network (session);
  MeshNode *kitchen = mesh_network_find_node_by_address (network, 0x0005);
  g_autoptr(MeshScannedDevice) near = devices_test_new_device (0, -60);
  g_autoptr(MeshScannedDevice) far = devices_test_new_device_via (1, -60, 0x0005);
  const MeshNodeKey kitchen_keys[] = { { 0, FALSE }, { 2, FALSE } };
  const MeshNodeKey garden_only[] = { { 2, FALSE } };
  MeshProvisionDialog *dialog;
  MeshProvisionRequest *request;

  /* One subnet: nothing to choose. */
  dialog = present_dialog (session, near);
  g_assert_null (mesh_test_find_label (GTK_WIDGET (dialog), "Subnet"));
  g_assert_cmpuint (_mesh_provision_dialog_get_net_index (dialog), ==,
                    MESH_PROVISIONING_ANY_NET_INDEX);
  gtk_window_destroy (GTK_WINDOW (dialog));

  add_net_key (session, 1, "Upstairs");
  add_net_key (session, 2, "Garden");

  /* Over our radio: every subnet, the primary one first chosen. */
  dialog = present_dialog (session, near);
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "Subnet"));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (dialog->subnet_row)), ==, 3);
  g_assert_cmpuint (_mesh_provision_dialog_get_net_index (dialog), ==, 0);
  adw_combo_row_set_selected (dialog->subnet_row, 2);
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "Garden"));
  g_assert_cmpuint (_mesh_provision_dialog_get_net_index (dialog), ==, 2);

  /* The request is for that subnet (queued: no meshd here). */
  g_assert_true (devices_test_start_enabled (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.start", NULL));
  request = mesh_provision_dialog_get_request (dialog);
  g_assert_nonnull (request);
  g_assert_cmpuint (mesh_provision_request_get_net_index (request), ==, 2);
  mesh_provision_request_cancel (request);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Through a node: only the subnets it knows, its own way in first. */
  mesh_node_set_net_keys (kitchen, kitchen_keys, G_N_ELEMENTS (kitchen_keys));
  dialog = present_dialog (session, far);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (dialog->subnet_row)), ==, 2);
  g_assert_cmpuint (_mesh_provision_dialog_get_net_index (dialog), ==, 0);
  adw_combo_row_set_selected (dialog->subnet_row, 1);
  g_assert_cmpuint (_mesh_provision_dialog_get_net_index (dialog), ==, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A node on one subnet leaves no choice: the provisioning takes its. */
  mesh_node_set_net_keys (kitchen, garden_only, G_N_ELEMENTS (garden_only));
  dialog = present_dialog (session, far);
  g_assert_null (mesh_test_find_label (GTK_WIDGET (dialog), "Subnet"));
  g_assert_cmpuint (_mesh_provision_dialog_get_net_index (dialog), ==,
                    MESH_PROVISIONING_ANY_NET_INDEX);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  mesh_test_init_gui (&argc, &argv);

  g_test_add_func ("/gui-devices-remote/servers", test_devices_servers);
  g_test_add_func ("/gui-devices-remote/row-via", test_devices_row_via);
  g_test_add_func ("/gui-devices-remote/page-chooser", test_devices_page_chooser);
  g_test_add_func ("/gui-devices-remote/page-chooser-shown", test_devices_page_chooser_shown);
  g_test_add_func ("/gui-devices-remote/dialog-via", test_devices_dialog_via);
  g_test_add_func ("/gui-devices-remote/dialog-subnet", test_devices_dialog_subnet);

  return g_test_run ();
}
