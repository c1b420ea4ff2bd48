/* test-gui-lab-transfer.c: a network exported from the real window and
 * imported on a new computer, against bluetooth-meshd in the mesh lab.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs as mesh-lab's COMMAND, under session-run, with the lab's virtual
 * devices as test-gui-lab-provision.c does (tests/meson.build).
 *
 * /gui-lab/export-import: Export Network… (everything, and without the
 * device keys), then the file imported into an empty window on a meshd that
 * forgot the network: it opens, and a device provisioned into it works
 * with the imported AppKey. The import runs in a subprocess
 * (/gui-lab/export-import/new-computer), as the application opens its
 * database as it starts. */

#include "config.h"

#include <string.h>

#include "mesh-export-dialog.h"
#include "mesh-import-dialog.h"
#include "mesh-uuid.h"
#include "test-gui-lab-util.h"

static gboolean
export_done (gpointer data)
{
  return mesh_test_find_toplevel (MESH_TYPE_EXPORT_DIALOG) == NULL;
}

/* Export Network…, with or without the device keys, to @path. */
static void
export_network (MeshWindow *window,
                const char *path,
                gboolean    device_keys)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MeshExportDialog *dialog;
  GtkWidget *everything;
  GtkWidget *keys_switch;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-network", NULL));
  dialog = MESH_EXPORT_DIALOG (mesh_test_wait_for_toplevel (MESH_TYPE_EXPORT_DIALOG));
  g_assert_cmpstr (mesh_export_dialog_get_page (dialog), ==, "choose");

  /* "Everything", then "Device keys". */
  everything = mesh_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, NULL);
  keys_switch = mesh_test_find_descendant (gtk_widget_get_ancestor (gtk_widget_get_next_sibling (
                                             gtk_widget_get_ancestor (everything, ADW_TYPE_ACTION_ROW)),
                                             GTK_TYPE_WIDGET), GTK_TYPE_SWITCH, NULL);
  g_assert_true (keys_switch != everything);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (everything)));
  gtk_switch_set_active (GTK_SWITCH (keys_switch), device_keys);
  if (!device_keys)
    {
      /* A guest's copy: the keys to share, chosen one by one. */
      gtk_switch_set_active (GTK_SWITCH (everything), FALSE);
      g_assert_true (mesh_test_has_label_containing (GTK_WIDGET (dialog), "Lights"));
      gui_lab_screenshot (GTK_WIDGET (dialog), "export-dialog.png");

      /* Without a NetKey there is nothing to share. */
      {
        GtkWidget *net_key = gtk_widget_get_ancestor (mesh_test_find_label (GTK_WIDGET (dialog),
                                                                            "Primary network key"),
                                                      ADW_TYPE_ACTION_ROW);
        GtkWidget *check = mesh_test_find_descendant (net_key, GTK_TYPE_CHECK_BUTTON, NULL);

        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
        g_assert_false (gtk_widget_is_sensitive (mesh_test_find_button_for_action (GTK_WIDGET (dialog),
                                                                                   "export.choose-file")));
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
        g_assert_true (gtk_widget_is_sensitive (mesh_test_find_button_for_action (GTK_WIDGET (dialog),
                                                                                  "export.choose-file")));
      }
    }

  /* What the file chooser would give. */
  mesh_export_dialog_export (dialog, file);
  gui_lab_wait_for (export_done, NULL, gui_lab_timeout_ms (30000), "the export");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static gboolean
import_on_page (gpointer page)
{
  MeshImportDialog *dialog = MESH_IMPORT_DIALOG (mesh_test_find_toplevel (MESH_TYPE_IMPORT_DIALOG));

  return dialog != NULL && g_strcmp0 (mesh_import_dialog_get_page (dialog), page) == 0;
}

static gboolean
import_done (gpointer data)
{
  GtkWindow *dialog = mesh_test_find_toplevel (MESH_TYPE_IMPORT_DIALOG);

  return dialog == NULL
         || g_strcmp0 (mesh_import_dialog_get_page (MESH_IMPORT_DIALOG (dialog)), "error") == 0;
}

/* The sentence of the import dialog's error page, or NULL. */
static const char *
import_error (void)
{
  GtkWindow *dialog = mesh_test_find_toplevel (MESH_TYPE_IMPORT_DIALOG);
  GtkStack *stack;

  if (dialog == NULL)
    return NULL;

  stack = GTK_STACK (mesh_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_STACK, NULL));
  return adw_status_page_get_description (ADW_STATUS_PAGE (gtk_stack_get_visible_child (stack)));
}

static void
left_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mesh_daemon_leave_finish (MESH_DAEMON (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_export_import (void)
{
  MeshWindow *window = gui_lab_open_empty_window ();
  g_autoptr(GBytes) uuid = mesh_session_test_lab_uuid (gui_lab_bus, 2, NULL);
  g_autofree char *uuid_string = mesh_uuid_to_string (uuid);
  g_autofree char *dir = g_dir_make_tmp ("mesh-gui-export-XXXXXX", NULL);
  g_autofree char *full = g_build_filename (dir, "home.json", NULL);
  g_autofree char *guest = g_build_filename (dir, "guest.json", NULL);
  g_autofree char *contents = NULL;
  MeshProvisionDialog *dialog;
  MeshDevicesPage *devices;
  MeshNodePage *node_page;
  gboolean left = FALSE;

  /* A network with a node (no OOB: whatever the device offers), an AppKey
   * bound to its OnOff Server. */
  g_assert_nonnull (gui_lab_create_network (window, "Home"));
  devices = gui_lab_show_devices (window, uuid);
  dialog = gui_lab_open_dialog (window, devices, uuid);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (gui_lab_key_entry (dialog),
                                                                   ADW_TYPE_PREFERENCES_GROUP)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.start", NULL));
  g_assert_nonnull (gui_lab_wait_for_node (window, dialog, uuid));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.open-node", NULL));
  gui_lab_add_app_key (window, "Lights");
  node_page = gui_lab_find_page (window, MESH_TYPE_NODE_PAGE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-node", "s", uuid_string));
  gui_lab_run_node_action (node_page, "node.bind-app-key", g_variant_new ("(uubq)", 0, 0x1000, FALSE, 0));

  /* Everything, and a guest's copy without the device keys. */
  export_network (window, full, TRUE);
  g_assert_true (g_file_get_contents (full, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"Lights\""));
  g_assert_nonnull (strstr (contents, "\"deviceKey\""));
  g_clear_pointer (&contents, g_free);
  export_network (window, guest, FALSE);
  g_assert_true (g_file_get_contents (guest, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "\"deviceKey\""));
  g_assert_nonnull (strstr (contents, "\"partial\" : true"));

  /* A new computer, as it were: meshd forgets our node, and a new
   * application on an empty database imports the file. The application
   * opens its database as it starts, so that is another process. */
  mesh_daemon_leave_async (mesh_session_get_daemon (mesh_window_get_session (window)), NULL,
                           left_cb, &left);
  gui_lab_wait_for (is_true, &left, gui_lab_timeout_ms (30000), "bluetooth-meshd to forget the node");
  gtk_window_destroy (GTK_WINDOW (window));
  mesh_test_iterate (200);

  g_setenv ("MESH_GUI_LAB_EXPORT", full, TRUE);
  g_test_trap_subprocess ("/gui-lab/export-import/new-computer", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_import_on_new_computer (void)
{
  MeshWindow *window;
  g_autoptr(GBytes) uuid = mesh_session_test_lab_uuid (gui_lab_bus, 2, NULL);
  g_autoptr(GBytes) other_key = NULL;
  g_autoptr(GBytes) other = mesh_session_test_lab_uuid (gui_lab_bus, OTHER_STATIC_DEVICE, &other_key);
  g_autofree char *other_hex = gui_lab_hex (other_key);
  g_autofree char *uuid_string = mesh_uuid_to_string (uuid);
  g_autoptr(GFile) file = NULL;
  MeshProvisionDialog *dialog;
  MeshDevicesPage *devices;
  MeshNodePage *node_page;
  MeshNetwork *network;
  MeshNode *node;
  MeshNode *own;
  MeshNode *exporter_node = NULL;
  GListModel *provisioners;
  GtkWidget *import;
  WindowText wt;

  if (!g_test_subprocess ())
    return;

  window = gui_lab_open_empty_window ();
  file = g_file_new_for_path (g_getenv ("MESH_GUI_LAB_EXPORT"));
  mesh_window_import_file (window, file);
  gui_lab_wait_for (import_on_page, "result", gui_lab_timeout_ms (30000), "the import's outcome");
  import = GTK_WIDGET (mesh_test_find_toplevel (MESH_TYPE_IMPORT_DIALOG));
  g_assert_true (mesh_test_has_label_containing (import, "2 nodes"));
  g_assert_true (mesh_test_has_label_containing (import, "Mesh Provisioner on"));
  gui_lab_screenshot (import, "import.png");
  g_assert_true (gtk_widget_activate_action (import, "import.open", NULL));
  gui_lab_wait_for (import_done, NULL, gui_lab_timeout_ms (30000), "the network to go into bluetooth-meshd");
  g_assert_cmpstr (import_error (), ==, NULL);

  /* The same network, attached again, its nodes and keys from the file. */
  gui_lab_wait_for (gui_lab_has_controller, window, gui_lab_timeout_ms (30000), "the imported network to open");
  network = mesh_window_get_network (window);
  g_assert_cmpstr (mesh_network_get_name (network), ==, "Home");
  g_assert_nonnull (mesh_network_find_node_by_uuid (network, uuid_string));
  g_assert_nonnull (mesh_network_find_app_key (network, 0));
  g_assert_true (gui_lab_daemon_attached (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-node", "s", uuid_string));
  wt.window = window;
  wt.text = "Generic OnOff Server";
  gui_lab_wait_for (gui_lab_window_shows, &wt, 10000, "the imported node's tree");

  /* This computer joined as a new provisioner: its own node at an address
   * of its own, next to the exporter's provisioner and node. */
  provisioners = mesh_network_get_provisioners (network);
  g_assert_cmpuint (g_list_model_get_n_items (provisioners), ==, 2);
  own = mesh_session_get_own_node (mesh_window_get_session (window));
  g_assert_nonnull (own);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MeshProvisioner) provisioner = g_list_model_get_item (provisioners, i);
      MeshNode *its_node = mesh_network_find_node_by_uuid (network,
                                                           mesh_provisioner_get_uuid (provisioner));

      if (g_strcmp0 (mesh_provisioner_get_uuid (provisioner),
                     mesh_network_get_local_provisioner_uuid (network)) != 0)
        exporter_node = its_node;
    }
  g_assert_nonnull (exporter_node);
  g_assert_cmpuint (mesh_node_get_unicast (own), !=, mesh_node_get_unicast (exporter_node));
  g_assert_cmpstr (mesh_node_get_uuid (own), !=, mesh_node_get_uuid (exporter_node));

  /* The node provisioned before the export takes our messages: the devices
   * remember the sequence numbers of the exporter's node, not of ours. */
  node_page = gui_lab_find_page (window, MESH_TYPE_NODE_PAGE);
  g_assert_false (gui_lab_device_onoff (2));
  gui_lab_run_node_action (node_page, "node.bind-app-key", g_variant_new ("(uubq)", 0, 0x1000, FALSE, 0));
  gui_lab_run_node_action (node_page, "node.set-onoff", g_variant_new_boolean (TRUE));
  g_assert_true (gui_lab_device_onoff (2));

  /* bluetooth-meshd has what it needs: a new device joins the imported
   * network and works with its AppKey. */
  devices = gui_lab_show_devices (window, other);
  dialog = gui_lab_open_dialog (window, devices, other);
  gui_lab_type_key_and_enter (dialog, other_hex);
  node = gui_lab_wait_for_node (window, dialog, other);
  g_assert_cmpuint (mesh_node_get_unicast (node), >, 0x0003);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.open-node", NULL));
  node_page = gui_lab_find_page (window, MESH_TYPE_NODE_PAGE);
  wt.text = "Generic OnOff Server";
  gui_lab_wait_for (gui_lab_window_shows, &wt, 10000, "the new node's tree");
  gui_lab_run_node_action (node_page, "node.bind-app-key", g_variant_new ("(uubq)", 0, 0x1000, FALSE, 0));
  gui_lab_run_node_action (node_page, "node.set-onoff", g_variant_new_boolean (TRUE));
  g_assert_true (gui_lab_device_onoff (OTHER_STATIC_DEVICE));
}

int
main (int   argc,
      char *argv[])
{
  gui_lab_init (&argc, &argv);

  g_test_add_func ("/gui-lab/export-import", test_export_import);
  g_test_add_func ("/gui-lab/export-import/new-computer", test_import_on_new_computer);

  return gui_lab_run ();
}
