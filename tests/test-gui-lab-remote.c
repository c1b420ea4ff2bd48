/* test-gui-lab-remote.c: provisioning through another node's Remote
 * Provisioning Server, in the real window, against bluetooth-meshd in the
 * mesh lab.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs as mesh-lab's COMMAND, under session-run, with the devices of
 * tests/meson.build's GUI lab (0 and 1 with a static key, 2 without OOB)
 * and relaying daemons. Device 2 is out of our radio's reach (SetLink).
 * Device 0 is provisioned through the dialog.
 *
 * With a bluetooth-meshd that has Remote Provisioning (5.67+), Nearby
 * Devices offers to listen through device 0's server; chosen, device 2
 * shows up "Through node …", and the dialog provisions it through that
 * node, which the provisioning makes a relay to carry its composition.
 * With 5.66 the choice is
 * never offered and device 2 never shows up. */

#include "config.h"

#include "test-gui-lab-util.h"

#define REMOTE_DEVICE 2

typedef struct
{
  MeshScanner *scanner;
  GBytes      *uuid;
  guint16      via;
} Heard;

static gboolean
heard_via (gpointer data)
{
  Heard *heard = data;
  MeshScannedDevice *device;

  mesh_test_iterate (20);
  device = mesh_scanner_find (heard->scanner, heard->uuid);

  return device != NULL && mesh_scanned_device_get_via (device) == heard->via;
}

static gboolean
widget_visible (gpointer widget)
{
  mesh_test_iterate (20);

  return gtk_widget_get_visible (widget);
}

static void
test_remote (void)
{
  MeshWindow *window = gui_lab_open_empty_window ();
  MeshSession *session;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) uuid = mesh_session_test_lab_uuid (gui_lab_bus, STATIC_DEVICE, &key);
  g_autoptr(GBytes) remote_uuid = mesh_session_test_lab_uuid (gui_lab_bus, REMOTE_DEVICE, NULL);
  g_autofree char *key_hex = gui_lab_hex (key);
  MeshProvisionDialog *dialog;
  MeshDevicesPage *devices;
  MeshNode *server;
  MeshNode *node;
  GtkWidget *clamp;
  AdwComboRow *row;
  WindowText wt = { window, NULL };

  gui_lab_create_network (window, "Home");
  session = mesh_window_get_session (window);
  mesh_session_test_lab_call (gui_lab_bus, "SetLink",
                              g_variant_new ("(iib)", -1, REMOTE_DEVICE, FALSE));

  devices = gui_lab_show_devices (window, uuid);
  dialog = gui_lab_open_dialog (window, devices, uuid);
  gui_lab_type_key_and_enter (dialog, key_hex);
  server = gui_lab_wait_for_node (window, dialog, uuid);
  gtk_window_close (GTK_WINDOW (dialog));
  mesh_test_iterate (100);
  mesh_session_test_load_elements (session, server);

  clamp = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (devices), MESH_TYPE_DEVICES_PAGE,
                                                       "remote_clamp");
  row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (devices),
                                                      MESH_TYPE_DEVICES_PAGE, "remote_row"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "devices"));

  if (!mesh_daemon_get_remote_provisioning (mesh_session_get_daemon (session)))
    {
      g_test_message ("bluetooth-meshd without Remote Provisioning: no Listen Through");
      g_assert_false (mesh_node_has_remote_provisioning_server (server));
      mesh_test_iterate (3000);
      g_assert_false (gtk_widget_get_visible (clamp));
      g_assert_null (mesh_scanner_find (mesh_session_get_scanner (session), remote_uuid));
      return;
    }

  /* Listen Through: this computer, or the new node. */
  gui_lab_wait_for (widget_visible, clamp, gui_lab_timeout_ms (20000), "Listen Through");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, 2);
  adw_combo_row_set_selected (row, 1);
  g_assert_cmpuint (mesh_scanner_get_remote_server (mesh_session_get_scanner (session)), ==,
                    mesh_node_get_unicast (server));
  {
    Heard heard = { mesh_session_get_scanner (session), remote_uuid,
                    mesh_node_get_unicast (server) };

    gui_lab_wait_for (heard_via, &heard, gui_lab_timeout_ms (60000), "device 2 through the node");
  }
  wt.text = "Through node";
  gui_lab_wait_for (gui_lab_window_shows, &wt, 5000, "the device heard through the node");
  gui_lab_screenshot (GTK_WIDGET (window), "nearby-devices-remote.png");

  /* Provisioned through the node; its composition comes through the relay. */
  dialog = gui_lab_open_dialog (window, devices, remote_uuid);
  g_assert_true (mesh_test_has_label_containing (GTK_WIDGET (dialog), "Heard Through Node"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.start", NULL));
  node = gui_lab_wait_for_node (window, dialog, remote_uuid);
  mesh_session_test_load_elements (session, node);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_node_get_elements (node)), ==, 2);
  g_assert_null (mesh_provision_request_get_composition_error (
                   mesh_provision_dialog_get_request (dialog)));
  g_assert_cmpint (mesh_node_get_relay (server), ==, MESH_FEATURE_STATE_ENABLED);
}

int
main (int   argc,
      char *argv[])
{
  gui_lab_init (&argc, &argv);

  g_test_add_func ("/gui-lab/remote", test_remote);

  return gui_lab_run ();
}
