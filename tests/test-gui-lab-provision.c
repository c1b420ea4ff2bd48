/* test-gui-lab-provision.c: provisioning through the real window against
 * bluetooth-meshd in the mesh lab, and a node's actions.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs as mesh-lab's COMMAND, under session-run (Xvfb, a session bus, the
 * keyring), with virtual devices: 0 and 1 with the static OOB key K, 2
 * without OOB (tests/meson.build). Everything goes through the window as a
 * user would drive it: its actions, its dialogs' entries and buttons. The
 * lab's control interface says what the devices really did. Run one path
 * per process (-p): each needs an empty database.
 *
 * /gui-lab/provision: create a network in the New Network dialog, see the
 * devices on Nearby Devices, provision device 0 through the dialog with the
 * static key typed into its entry, find the node in Nodes, its Generic OnOff
 * Server in its page's tree, add an AppKey on the Keys page, bind it, and
 * turn the device on and off.
 *
 * /gui-lab/wrong-oob-retry: a wrong static key gives a readable error and
 * Retry in the same dialog provisions the device with the right one; Cancel
 * stops a provisioning under way; the banner tells when bluetooth-meshd goes
 * away and goes when it is back. */

#include "config.h"

#include "mesh-address-row.h"
#include "mesh-keyring.h"
#include "mesh-nodes-page.h"
#include "mesh-provision-dialog-private.h"
#include "mesh-publication-dialog.h"
#include "mesh-uuid.h"
#include "test-gui-lab-util.h"

static gboolean
scanner_stopped (gpointer window)
{
  return !mesh_scanner_get_active (mesh_session_get_scanner (mesh_window_get_session (window)));
}

static gboolean
device_joining (gpointer data)
{
  g_autoptr(GVariant) device = lab_client_get_device (gui_lab_bus, GPOINTER_TO_UINT (data), NULL);
  gboolean joining = FALSE;

  mesh_test_iterate (50);
  g_variant_lookup (device, "Joining", "b", &joining);

  return joining;
}

static gboolean
device_provisioned (guint index)
{
  g_autoptr(GVariant) device = lab_client_get_device (gui_lab_bus, index, NULL);
  gboolean provisioned = FALSE;

  g_variant_lookup (device, "Provisioned", "b", &provisioned);

  return provisioned;
}

/* F2 on the node's page, a new name, Enter. */
static void
rename_node (MeshNodePage *page,
             const char   *name)
{
  GtkWidget *popover;
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "node.rename", NULL));
  mesh_test_iterate (50);
  popover = mesh_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_POPOVER, NULL);
  g_assert_true (gtk_widget_get_visible (popover));
  entry = mesh_test_find_descendant (popover, GTK_TYPE_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_signal_emit_by_name (entry, "activate");
  mesh_test_iterate (200); /* the store writes it */
  g_assert_false (gtk_widget_get_visible (popover));
}

static gboolean
model_subscribed (MeshModel *model,
                  guint16    address)
{
  guint n = 0;
  const MeshDestination *subscriptions = mesh_model_get_subscriptions (model, &n);

  for (guint i = 0; i < n; i++)
    if (subscriptions[i].address == address)
      return TRUE;

  return FALSE;
}

/* Add Subscription on the OnOff Server of element 0: the dialog, an
 * address, Add. */
static void
subscribe (MeshNodePage *page,
           const char   *address)
{
  AdwMessageDialog *dialog;
  GtkWidget *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "node.add-subscription", "(uub)",
                                             0, 0x1000, FALSE));
  dialog = ADW_MESSAGE_DIALOG (mesh_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  row = mesh_test_find_descendant (GTK_WIDGET (dialog), MESH_TYPE_ADDRESS_ROW, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), address);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (mesh_node_page_get_busy (page));
  gui_lab_wait_for (gui_lab_node_page_idle, page, gui_lab_timeout_ms (30000), "the subscription");
}

/* Set Publication on the same model: the dialog, an address, Set. */
static void
publish (MeshNodePage *page,
         const char   *address)
{
  GtkWidget *dialog;
  GtkWidget *row;
  GtkWidget *set;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "node.set-publication", "(uub)",
                                             0, 0x1000, FALSE));
  dialog = GTK_WIDGET (mesh_test_wait_for_toplevel (MESH_TYPE_PUBLICATION_DIALOG));
  row = mesh_test_find_descendant (dialog, MESH_TYPE_ADDRESS_ROW, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), address);
  set = gtk_widget_get_ancestor (mesh_test_find_label (dialog, "Set"), GTK_TYPE_BUTTON);
  g_signal_emit_by_name (set, "clicked");
  g_assert_true (mesh_node_page_get_busy (page));
  gui_lab_wait_for (gui_lab_node_page_idle, page, gui_lab_timeout_ms (30000), "the publication");
}

/* A node action that asks first, and the answer @response. */
static void
confirm_node_action (MeshNodePage *page,
                     const char   *action,
                     const char   *response)
{
  AdwMessageDialog *confirm;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), action, NULL));
  confirm = ADW_MESSAGE_DIALOG (mesh_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (confirm, response);
  gtk_window_destroy (GTK_WINDOW (confirm));
}

static gboolean
node_listed (gpointer data)
{
  WindowText *wt = data;
  MeshNodesPage *page = gui_lab_find_page (wt->window, MESH_TYPE_NODES_PAGE);

  mesh_test_iterate (20);
  return mesh_test_find_label (GTK_WIDGET (page), wt->text) != NULL;
}

static void
test_provision (void)
{
  MeshWindow *window = gui_lab_open_empty_window ();
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) uuid = mesh_session_test_lab_uuid (gui_lab_bus, STATIC_DEVICE, &key);
  g_autoptr(GBytes) other = mesh_session_test_lab_uuid (gui_lab_bus, 2, NULL);
  g_autofree char *key_hex = gui_lab_hex (key);
  g_autofree char *node_address = NULL;
  MeshProvisionDialog *dialog;
  MeshDevicesPage *devices;
  MeshNodePage *node_page;
  MeshNetwork *network;
  MeshNode *node;
  MeshElement *element;
  MeshModel *server;
  GtkWidget *entry;
  WindowText wt;

  gui_lab_screenshot (GTK_WIDGET (window), "welcome.png");
  network = gui_lab_create_network (window, "Home");

  /* Nearby Devices: both kinds of device, with their OOB information. */
  devices = gui_lab_show_devices (window, uuid);
  {
    ScanWait wait = { mesh_session_get_scanner (mesh_window_get_session (window)), other };

    gui_lab_wait_for (gui_lab_device_listed, &wait, gui_lab_timeout_ms (30000), "the device without OOB");
  }
  wt.window = window;
  wt.text = "Static OOB on the box";
  gui_lab_wait_for (gui_lab_window_shows, &wt, 5000, "the OOB information in words");
  wt.text = "No OOB information";
  gui_lab_wait_for (gui_lab_window_shows, &wt, 5000, "a device without OOB information");
  g_assert_true (gui_lab_can_press (GTK_WIDGET (devices), "devices.provision"));
  mesh_test_iterate (2500); /* a few beacons: signal bars, "Seen … ago" */
  wt.text = "Seen ";
  g_assert_true (gui_lab_window_shows (&wt));
  gui_lab_screenshot (GTK_WIDGET (window), "nearby-devices.png");

  /* The dialog proposes the static key the beacon hints at, and checks it
   * as it is typed. */
  dialog = gui_lab_open_dialog (window, devices, uuid);
  entry = gui_lab_key_entry (dialog);
  g_assert_true (gtk_widget_get_mapped (entry));
  g_assert_false (gui_lab_can_press (GTK_WIDGET (dialog), "provision.start"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "0011 2233 4455");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gui_lab_can_press (GTK_WIDGET (dialog), "provision.start"));
  g_assert_true (mesh_test_has_label_containing (GTK_WIDGET (dialog), "A hexadecimal key has 32 digits"));
  gtk_editable_set_text (GTK_EDITABLE (entry), key_hex);
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gui_lab_can_press (GTK_WIDGET (dialog), "provision.start"));
  g_assert_true (mesh_test_has_label_containing (GTK_WIDGET (dialog), "Read as a hexadecimal key."));
  gui_lab_screenshot (GTK_WIDGET (dialog), "provision-dialog.png");

  /* Provision, from the keyboard: Enter in the key entry. The steps show
   * as bluetooth-meshd reports them. */
  gui_lab_type_key_and_enter (dialog, key_hex);
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "progress");
  gui_lab_screenshot (GTK_WIDGET (dialog), "provision-progress.png");
  node = gui_lab_wait_for_node (window, dialog, uuid);
  node_address = g_strdup_printf ("0x%04X", mesh_node_get_unicast (node));
  g_assert_true (mesh_test_has_label_containing (GTK_WIDGET (dialog), node_address));
  g_assert_true (device_provisioned (STATIC_DEVICE));
  gui_lab_screenshot (GTK_WIDGET (dialog), "provision-done.png");

  /* The node is in Nodes, and gone from Nearby Devices. */
  g_assert_null (mesh_scanner_find (mesh_session_get_scanner (mesh_window_get_session (window)), uuid));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.open-node", NULL));
  mesh_test_iterate (100);
  g_assert_null (mesh_devices_page_get_dialog (devices));
  g_assert_cmpstr (mesh_window_get_visible_section (window), ==, "node");
  /* Nearby Devices was left (once the crossfade is over): no more
   * scanning. */
  gui_lab_wait_for (scanner_stopped, window, 2000, "the scan to stop");
  node_page = gui_lab_find_page (window, MESH_TYPE_NODE_PAGE);
  g_assert_true (mesh_node_page_get_node (node_page) == node);
  rename_node (node_page, "Kitchen Light");
  g_assert_cmpstr (mesh_node_get_name (node), ==, "Kitchen Light");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "nodes"));
  wt.text = "Kitchen Light";
  gui_lab_wait_for (node_listed, &wt, 5000, "the node in Nodes");
  gui_lab_screenshot (GTK_WIDGET (window), "nodes.png");

  /* Its page: the composition read at provisioning, as a tree. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-node", "s", mesh_node_get_uuid (node)));
  wt.text = "Generic OnOff Server";
  gui_lab_wait_for (gui_lab_window_shows, &wt, 10000, "Generic OnOff Server in the node's tree");
  element = mesh_node_get_element (node, 0);
  server = mesh_element_find_model (element, 0x1000, FALSE);
  g_assert_nonnull (server);
  g_assert_false (mesh_model_has_binding (server, 0));

  /* An AppKey, made on the Keys page. */
  gui_lab_add_app_key (window, "Lights");
  g_assert_nonnull (mesh_network_find_app_key (network, 0));

  /* Bind it to the OnOff Server: the tree shows it once the node said so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-node", "s", mesh_node_get_uuid (node)));
  mesh_test_wait_for_frame (GTK_WIDGET (window));
  gui_lab_run_node_action (node_page, "node.bind-app-key", g_variant_new ("(uubq)", 0, 0x1000, FALSE, 0));
  g_assert_true (mesh_model_has_binding (server, 0));
  wt.text = "Bound AppKey · index 0";
  gui_lab_wait_for (gui_lab_window_shows, &wt, 5000, "the binding in the tree");

  /* On and off: the device itself changes. */
  g_assert_false (gui_lab_device_onoff (STATIC_DEVICE));
  gui_lab_run_node_action (node_page, "node.set-onoff", g_variant_new_boolean (TRUE));
  g_assert_true (gui_lab_device_onoff (STATIC_DEVICE));
  wt.text = "On, as the node reported";
  gui_lab_wait_for (gui_lab_window_shows, &wt, 5000, "the node's OnOff state");
  gui_lab_screenshot (GTK_WIDGET (window), "node-page.png");

  gui_lab_run_node_action (node_page, "node.set-onoff", g_variant_new_boolean (FALSE));
  g_assert_false (gui_lab_device_onoff (STATIC_DEVICE));
  wt.text = "Off, as the node reported";
  gui_lab_wait_for (gui_lab_window_shows, &wt, 5000, "the node's OnOff state");

  /* The model's other actions, each stored once the node confirmed it. */
  subscribe (node_page, "0xC000");
  g_assert_true (model_subscribed (server, 0xC000));
  gui_lab_run_node_action (node_page, "node.remove-subscription", g_variant_new ("(uubq)", 0, 0x1000, FALSE, 0xC000));
  g_assert_false (model_subscribed (server, 0xC000));

  publish (node_page, "0xC000");
  g_assert_nonnull (mesh_model_get_publication (server));
  g_assert_cmpuint (mesh_model_get_publication (server)->destination.address, ==, 0xC000);
  g_assert_true (lab_client_wait_device (gui_lab_bus, STATIC_DEVICE, "OnOffPublication",
                                         g_variant_new_parsed ("[true, false]"), 5000));
  gui_lab_run_node_action (node_page, "node.clear-publication", g_variant_new ("(uub)", 0, 0x1000, FALSE));
  g_assert_null (mesh_model_get_publication (server));
  g_assert_true (lab_client_wait_device (gui_lab_bus, STATIC_DEVICE, "OnOffPublication",
                                         g_variant_new_parsed ("[false, false]"), 5000));

  gui_lab_run_node_action (node_page, "node.refresh-composition", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_node_get_elements (node)), ==, 2);
  server = mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE);
  g_assert_true (mesh_model_has_binding (server, 0));
  gui_lab_run_node_action (node_page, "node.unbind-app-key", g_variant_new ("(uubq)", 0, 0x1000, FALSE, 0));
  g_assert_false (mesh_model_has_binding (server, 0));

  /* Reset, after the question. The lab's device resets, but its meshd
   * goes before its Node Reset Status leaves: the page waits for the
   * answer, and the node stays until the user cancels... */
  confirm_node_action (node_page, "node.reset", "reset");
  g_assert_true (mesh_node_page_get_busy (node_page));
  mesh_test_iterate (1500);
  g_assert_true (mesh_node_page_get_busy (node_page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (node_page), "node.cancel", NULL));
  gui_lab_wait_for (gui_lab_node_page_idle, node_page, 5000, "the cancelled reset");
  {
    g_autofree char *uuid_string = mesh_uuid_to_string (uuid);

    g_assert_true (mesh_network_find_node_by_uuid (network, uuid_string) == node);

    /* ... and removes it: the network forgets it without asking it. */
    confirm_node_action (node_page, "node.remove", "remove");
    gui_lab_wait_for (gui_lab_node_page_idle, node_page, gui_lab_timeout_ms (30000), "the removal");
    g_assert_null (mesh_network_find_node_by_uuid (network, uuid_string));
  }
  g_assert_cmpstr (mesh_window_get_visible_section (window), ==, "nodes");

  /* No failure toast along the way (libadwaita registers the toast widget
   * with the first toast). */
  g_assert_true (g_type_from_name ("AdwToastWidget") == 0
                 || !mesh_test_has_toast (GTK_WIDGET (window), "Could not"));
}

static gboolean
dialog_gone (gpointer page)
{
  return mesh_devices_page_get_dialog (page) == NULL;
}

static gboolean
banner_shown (gpointer window)
{
  GtkRevealer *revealer = GTK_REVEALER (mesh_test_find_descendant (window, GTK_TYPE_REVEALER, NULL));

  return gtk_revealer_get_reveal_child (revealer);
}

static gboolean
banner_hidden (gpointer window)
{
  return !banner_shown (window) && gui_lab_daemon_attached (window);
}

static void
test_wrong_oob_retry (void)
{
  MeshWindow *window = gui_lab_open_empty_window ();
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) other_key = NULL;
  g_autoptr(GBytes) uuid = mesh_session_test_lab_uuid (gui_lab_bus, STATIC_DEVICE, &key);
  g_autoptr(GBytes) other = mesh_session_test_lab_uuid (gui_lab_bus, OTHER_STATIC_DEVICE, &other_key);
  g_autofree char *key_hex = gui_lab_hex (key);
  g_autofree char *wrong_hex = g_strdup (key_hex);
  g_autofree char *other_hex = gui_lab_hex (other_key);
  g_autoptr(MeshProvisionRequest) cancelled = NULL;
  MeshProvisionDialog *dialog;
  MeshDevicesPage *devices;
  GtkWidget *focus;
  WindowText wt = { window, NULL };
  const MeshNodeKey *net_keys;
  guint n_net_keys;
  MeshNode *node;

  /* The last digit is off by one. */
  wrong_hex[31] = wrong_hex[31] == 'f' ? 'e' : 'f';

  gui_lab_create_network (window, "Lab");
  /* A second subnet, which the device is provisioned into. */
  gui_lab_add_net_key (window, "Guests");
  g_assert_nonnull (mesh_network_find_net_key (mesh_window_get_network (window), 1));
  devices = gui_lab_show_devices (window, uuid);
  dialog = gui_lab_open_dialog (window, devices, uuid);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->subnet_row)));
  g_assert_cmpuint (_mesh_provision_dialog_get_net_index (dialog), ==, 0);
  adw_combo_row_set_selected (dialog->subnet_row, 1);
  g_assert_cmpuint (_mesh_provision_dialog_get_net_index (dialog), ==, 1);

  /* A wrong key: the device refuses it, and the dialog says so plainly. */
  gui_lab_type_key_and_enter (dialog, wrong_hex);
  gui_lab_wait_for_dialog_page (dialog, "failed");
  g_assert_true (mesh_test_has_label_containing (GTK_WIDGET (dialog), "authentication value"));
  g_assert_true (mesh_test_has_label_containing (GTK_WIDGET (dialog), "static OOB key"));
  g_assert_false (device_provisioned (STATIC_DEVICE));
  g_assert_true (gui_lab_can_press (GTK_WIDGET (dialog), "provision.retry"));
  gui_lab_screenshot (GTK_WIDGET (dialog), "provision-failed.png");

  /* Retry: back to the key, in the same dialog, ready to be corrected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.retry", NULL));
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "method");
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, gui_lab_key_entry (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gui_lab_key_entry (dialog))), ==, wrong_hex);

  /* The device waits to join again, then the right key provisions it. */
  gui_lab_wait_for (device_joining, GUINT_TO_POINTER (STATIC_DEVICE), gui_lab_timeout_ms (30000),
                    "the device to wait again");
  gui_lab_type_key_and_enter (dialog, key_hex);
  node = gui_lab_wait_for_node (window, dialog, uuid);
  g_assert_true (device_provisioned (STATIC_DEVICE));
  /* On the subnet chosen before the retry, and reached over it: its
   * composition was read. */
  net_keys = mesh_node_get_net_keys (node, &n_net_keys);
  g_assert_cmpuint (n_net_keys, ==, 1);
  g_assert_cmpuint (net_keys[0].index, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_node_get_elements (node)), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.cancel", NULL));
  gui_lab_wait_for (dialog_gone, devices, 5000, "the dialog to close");

  /* Cancel while it runs: the dialog goes once meshd has let the device
   * go, and the device is still waiting to join. */
  gui_lab_show_devices (window, other);
  dialog = gui_lab_open_dialog (window, devices, other);
  gui_lab_type_key_and_enter (dialog, other_hex);
  cancelled = g_object_ref (mesh_provision_dialog_get_request (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.cancel", NULL));
  gui_lab_wait_for (dialog_gone, devices, gui_lab_timeout_ms (30000), "the cancelled dialog to close");
  g_assert_cmpint (mesh_provision_request_get_step (cancelled), ==, MESH_PROVISION_STEP_CANCELLED);
  g_assert_false (device_provisioned (OTHER_STATIC_DEVICE));
  {
    g_autofree char *other_string = mesh_uuid_to_string (other);

    g_assert_null (mesh_network_find_node_by_uuid (mesh_window_get_network (window), other_string));
  }

  /* A hidden window does not scan either. */
  g_assert_true (mesh_scanner_get_active (mesh_session_get_scanner (mesh_window_get_session (window))));
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_assert_false (mesh_scanner_get_active (mesh_session_get_scanner (mesh_window_get_session (window))));
  gtk_window_present (GTK_WINDOW (window));
  mesh_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (mesh_scanner_get_active (mesh_session_get_scanner (mesh_window_get_session (window))));

  /* bluetooth-meshd goes away: the banner says so; back: it goes. */
  gui_lab_wait_for (gui_lab_daemon_attached, window, gui_lab_timeout_ms (30000), "the session to attach again");
  g_assert_false (banner_shown (window));
  mesh_session_test_lab_call (gui_lab_bus, "StopDaemon", NULL);
  gui_lab_wait_for (banner_shown, window, gui_lab_timeout_ms (30000), "the banner");
  wt.text = "bluetooth-meshd is not running";
  if (!mesh_test_wait_until (gui_lab_window_shows, &wt, 5000))
    g_error ("The banner says: %s",
             gtk_label_get_text (GTK_LABEL (mesh_test_find_descendant (gtk_revealer_get_child (
               GTK_REVEALER (mesh_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_REVEALER, NULL))),
               GTK_TYPE_LABEL, NULL))));
  gui_lab_screenshot (GTK_WIDGET (window), "banner.png");
  mesh_session_test_lab_call (gui_lab_bus, "StartDaemon", NULL);
  gui_lab_wait_for (banner_hidden, window, gui_lab_timeout_ms (30000), "the banner to go");

  /* The subnet goes again: from our node, meshd, the database and the
   * keyring (the device, whose only key it is, cannot drop it). */
  gui_lab_delete_net_key (window, 1);
  g_assert_null (mesh_network_find_net_key (mesh_window_get_network (window), 1));
  g_assert_false (mesh_node_has_net_key (mesh_session_get_own_node (mesh_window_get_session (window)), 1));
  g_assert_null (mesh_session_test_lookup_secret (mesh_network_get_uuid (mesh_window_get_network (window)),
                                                  MESH_SECRET_NET_KEY, 1));
  g_assert_true (g_type_from_name ("AdwToastWidget") == 0
                 || !mesh_test_has_toast (GTK_WIDGET (window), "Could not"));
}

int
main (int   argc,
      char *argv[])
{
  gui_lab_init (&argc, &argv);

  g_test_add_func ("/gui-lab/provision", test_provision);
  g_test_add_func ("/gui-lab/wrong-oob-retry", test_wrong_oob_retry);

  return gui_lab_run ();
}
