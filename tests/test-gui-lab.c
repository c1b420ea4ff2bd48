/* test-gui-lab.c: the real window against bluetooth-meshd in the mesh lab.
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
 * /gui-lab/export-import: Export Network… (everything, and without the
 * device keys), then the file imported into an empty window on a meshd that
 * forgot the network: it opens, and a device provisioned into it works
 * with the imported AppKey.
 *
 * /gui-lab/wrong-oob-retry: a wrong static key gives a readable error and
 * Retry in the same dialog provisions the device with the right one; Cancel
 * stops a provisioning under way; the banner tells when bluetooth-meshd goes
 * away and goes when it is back. */

#include "config.h"

#include <string.h>

#include "lab-client.h"
#include "mesh-address-row.h"
#include "mesh-composition-row.h"
#include "mesh-devices-page.h"
#include "mesh-export-dialog.h"
#include "mesh-import-dialog.h"
#include "mesh-keys-page.h"
#include "mesh-node-page.h"
#include "mesh-nodes-page.h"
#include "mesh-provision-dialog.h"
#include "mesh-publication-dialog.h"
#include "mesh-session-test-utils.h"
#include "mesh-test-utils.h"
#include "mesh-uuid.h"

#define STATIC_DEVICE 0
#define OTHER_STATIC_DEVICE 1

static MeshApplication *app;
static GDBusConnection *lab_bus;

/* Waiting */

typedef struct
{
  MeshWindow *window;
  const char *text;
} WindowText;

static guint
timeout_ms (guint real_ms)
{
  return mesh_session_test_timeout (real_ms);
}

static void
wait_for (MeshTestCondition condition,
          gpointer          data,
          guint             ms,
          const char       *what)
{
  if (!mesh_test_wait_until (condition, data, ms))
    g_error ("Timed out after %u ms waiting for %s", ms, what);
}

static gboolean
daemon_detached (gpointer window)
{
  MeshSession *session = mesh_window_get_session (window);

  return session != NULL
         && mesh_daemon_get_state (mesh_session_get_daemon (session)) == MESH_DAEMON_STATE_DETACHED;
}

static gboolean
daemon_attached (gpointer window)
{
  MeshSession *session = mesh_window_get_session (window);

  return session != NULL
         && mesh_daemon_get_state (mesh_session_get_daemon (session)) == MESH_DAEMON_STATE_ATTACHED;
}

static gboolean
has_controller (gpointer window)
{
  return mesh_window_get_controller (window) != NULL;
}

/* Widgets */

/* Whether the button bound to @action_name under @root can be pressed. */
static gboolean
can_press (GtkWidget  *root,
           const char *action_name)
{
  GtkWidget *button = mesh_test_find_button_for_action (root, action_name);

  return button != NULL && gtk_widget_is_sensitive (button);
}

static gboolean
create_enabled (gpointer window)
{
  return can_press (window, "win.create-network");
}

static gpointer
find_page (MeshWindow *window,
           GType       type)
{
  return mesh_test_find_descendant (GTK_WIDGET (window), type, NULL);
}

static gboolean
window_shows (gpointer data)
{
  WindowText *wt = data;

  mesh_test_iterate (20);
  return mesh_test_has_label_containing (GTK_WIDGET (wt->window), wt->text);
}

static char *
hex (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", data[i]);

  return g_string_free (out, FALSE);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;

  mesh_test_iterate (400); /* transitions and spinners settle */
  texture = mesh_test_screenshot (widget, name);
  g_assert_nonnull (texture);
}

/* The window, the network */

static MeshWindow *
open_empty_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mesh-gui-lab-XXXXXX", &error);
  GtkWindow *window;

  g_assert_no_error (error);

  /* A new computer, as it were: the application opens its database as it
   * starts, so an empty one needs a new application. */
  if (app != NULL)
    {
      mesh_test_application_free (app);
      mesh_test_iterate (100);
    }
  g_setenv ("MESH_PROVISIONER_DATA_DIR", dir, TRUE);
  app = mesh_test_application_new ();

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (MESH_IS_WINDOW (window));
  gtk_window_set_default_size (window, 1000, 700);
  mesh_test_wait_for_frame (GTK_WIDGET (window));

  /* The session is open and bluetooth-meshd is there: a network can be made. */
  wait_for (daemon_detached, window, timeout_ms (30000), "bluetooth-meshd");
  g_assert_cmpstr (mesh_window_get_visible_section (MESH_WINDOW (window)), ==, "welcome");

  return MESH_WINDOW (window);
}

/* New Network…: the dialog, a name, Create. */
static MeshNetwork *
create_network (MeshWindow *window,
                const char *name)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  MeshNetwork *network;

  wait_for (create_enabled, window, 5000, "Create Network to be enabled");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-network", NULL));
  dialog = ADW_MESSAGE_DIALOG (mesh_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  entry = mesh_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_nonnull (entry);

  /* A network needs a name. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  adw_message_dialog_response (dialog, "create");
  gtk_window_destroy (GTK_WINDOW (dialog)); /* as its buttons do */

  wait_for (has_controller, window, timeout_ms (30000), "the network to be created");
  network = mesh_window_get_network (window);
  g_assert_nonnull (network);
  g_assert_cmpstr (mesh_network_get_name (network), ==, name);
  g_assert_true (mesh_session_get_network (mesh_window_get_session (window)) == network);
  g_assert_true (daemon_attached (window));
  g_assert_cmpstr (mesh_window_get_visible_section (window), ==, "nodes");
  /* Our own node is the first one. */
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (network)), ==, 1);

  return network;
}

/* Nearby Devices */

typedef struct
{
  MeshScanner *scanner;
  GBytes      *uuid;
} ScanWait;

static gboolean
is_listed (gpointer data)
{
  ScanWait *wait = data;

  return mesh_scanner_find (wait->scanner, wait->uuid) != NULL;
}

static MeshDevicesPage *
show_devices (MeshWindow *window,
              GBytes     *uuid)
{
  MeshDevicesPage *page = find_page (window, MESH_TYPE_DEVICES_PAGE);
  MeshScanner *scanner = mesh_session_get_scanner (mesh_window_get_session (window));
  ScanWait wait = { scanner, uuid };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "devices"));
  mesh_test_wait_for_frame (GTK_WIDGET (window));

  /* Shown, the page scans. */
  g_assert_true (mesh_scanner_get_active (scanner));
  wait_for (is_listed, &wait, timeout_ms (30000), "the device on Nearby Devices");

  return page;
}

static MeshProvisionDialog *
open_dialog (MeshWindow      *window,
             MeshDevicesPage *page,
             GBytes          *uuid)
{
  g_autofree char *uuid_string = NULL;
  MeshScannedDevice *device;
  GtkWindow *dialog;

  device = mesh_scanner_find (mesh_session_get_scanner (mesh_window_get_session (window)), uuid);
  uuid_string = g_strdup (mesh_scanned_device_get_uuid_string (device));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "devices.provision", "s", uuid_string));
  dialog = mesh_devices_page_get_dialog (page);
  g_assert_true (MESH_IS_PROVISION_DIALOG (dialog));
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_cmpstr (mesh_provision_dialog_get_page (MESH_PROVISION_DIALOG (dialog)), ==, "method");

  return MESH_PROVISION_DIALOG (dialog);
}

static GtkWidget *
key_entry (MeshProvisionDialog *dialog)
{
  /* The first entry row of the method page is the static key's. */
  GtkWidget *entry = mesh_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);

  g_assert_nonnull (entry);
  return entry;
}

typedef struct
{
  MeshProvisionDialog *dialog;
  const char          *page;
} DialogPage;

static gboolean
dialog_on_page (gpointer data)
{
  DialogPage *wait = data;

  return g_strcmp0 (mesh_provision_dialog_get_page (wait->dialog), wait->page) == 0;
}

static void
wait_for_dialog_page (MeshProvisionDialog *dialog,
                      const char          *page)
{
  DialogPage wait = { dialog, page };

  if (!mesh_test_wait_until (dialog_on_page, &wait, timeout_ms (60000)))
    g_error ("The provisioning dialog shows “%s”, not “%s”",
             mesh_provision_dialog_get_page (dialog), page);
}

/* Types the key and presses Enter in the entry, as the keyboard does: the
 * entry activates the dialog's default widget, Provision. */
static void
type_key_and_enter (MeshProvisionDialog *dialog,
                    const char          *key)
{
  GtkWidget *entry = key_entry (dialog);
  GtkWidget *text = mesh_test_find_descendant (entry, GTK_TYPE_TEXT, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), key);
  g_assert_true (can_press (GTK_WIDGET (dialog), "provision.start"));
  /* What the Enter key binding of the entry does; the button it presses
   * clicks after its 250 ms press animation. */
  g_signal_emit_by_name (text, "activate");
  mesh_test_iterate (400);
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), !=, "method");
}

static gboolean
scanner_stopped (gpointer window)
{
  return !mesh_scanner_get_active (mesh_session_get_scanner (mesh_window_get_session (window)));
}

static gboolean
node_page_idle (gpointer page)
{
  return !mesh_node_page_get_busy (page);
}

static void
run_node_action (MeshNodePage *page,
                 const char   *action,
                 GVariant     *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (page), action, param));
  g_assert_true (mesh_node_page_get_busy (page));
  wait_for (node_page_idle, page, timeout_ms (30000), action);
}

static gboolean
keys_page_idle (gpointer page)
{
  return !mesh_keys_page_get_busy (page);
}

static gboolean
device_onoff (guint index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) device = lab_client_get_device (lab_bus, index, &error);
  g_autoptr(GVariant) onoff = NULL;
  gboolean on = FALSE;

  g_assert_no_error (error);
  onoff = g_variant_lookup_value (device, "OnOff", G_VARIANT_TYPE ("ab"));
  g_assert_nonnull (onoff);
  g_variant_get_child (onoff, 0, "b", &on);

  return on;
}

static gboolean
device_joining (gpointer data)
{
  g_autoptr(GVariant) device = lab_client_get_device (lab_bus, GPOINTER_TO_UINT (data), NULL);
  gboolean joining = FALSE;

  mesh_test_iterate (50);
  g_variant_lookup (device, "Joining", "b", &joining);

  return joining;
}

static gboolean
device_provisioned (guint index)
{
  g_autoptr(GVariant) device = lab_client_get_device (lab_bus, index, NULL);
  gboolean provisioned = FALSE;

  g_variant_lookup (device, "Provisioned", "b", &provisioned);

  return provisioned;
}

/* The node of device @uuid, once the dialog says it is done. */
static MeshNode *
wait_for_node (MeshWindow          *window,
               MeshProvisionDialog *dialog,
               GBytes              *uuid)
{
  g_autofree char *uuid_string = mesh_uuid_to_string (uuid);
  MeshNode *node;

  wait_for_dialog_page (dialog, "done");

  node = mesh_provision_request_get_node (mesh_provision_dialog_get_request (dialog));
  g_assert_nonnull (node);
  g_assert_cmpstr (mesh_node_get_uuid (node), ==, uuid_string);
  g_assert_true (mesh_network_find_node_by_uuid (mesh_window_get_network (window), uuid_string) == node);

  return node;
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
  wait_for (node_page_idle, page, timeout_ms (30000), "the subscription");
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
  wait_for (node_page_idle, page, timeout_ms (30000), "the publication");
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

/* Keys page, Add AppKey, a name, Add. */
static void
add_app_key (MeshWindow *window,
             const char *name)
{
  WindowText wt = { window, name };
  AdwMessageDialog *message;
  MeshKeysPage *keys;
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "keys"));
  keys = find_page (window, MESH_TYPE_KEYS_PAGE);
  mesh_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (keys), "keys.add-app-key", NULL));
  message = ADW_MESSAGE_DIALOG (mesh_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  entry = mesh_test_find_descendant (GTK_WIDGET (message), ADW_TYPE_ENTRY_ROW, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  adw_message_dialog_response (message, "add");
  gtk_window_destroy (GTK_WINDOW (message));

  g_assert_true (mesh_keys_page_get_busy (keys));
  wait_for (keys_page_idle, keys, timeout_ms (30000), "the AppKey");
  wait_for (window_shows, &wt, 5000, "the AppKey on the Keys page");
}

static gboolean
node_listed (gpointer data)
{
  WindowText *wt = data;
  MeshNodesPage *page = find_page (wt->window, MESH_TYPE_NODES_PAGE);

  mesh_test_iterate (20);
  return mesh_test_find_label (GTK_WIDGET (page), wt->text) != NULL;
}

static void
test_provision (void)
{
  MeshWindow *window = open_empty_window ();
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) uuid = mesh_session_test_lab_uuid (lab_bus, STATIC_DEVICE, &key);
  g_autoptr(GBytes) other = mesh_session_test_lab_uuid (lab_bus, 2, NULL);
  g_autofree char *key_hex = hex (key);
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

  screenshot (GTK_WIDGET (window), "welcome.png");
  network = create_network (window, "Home");

  /* Nearby Devices: both kinds of device, with their OOB information. */
  devices = show_devices (window, uuid);
  {
    ScanWait wait = { mesh_session_get_scanner (mesh_window_get_session (window)), other };

    wait_for (is_listed, &wait, timeout_ms (30000), "the device without OOB");
  }
  wt.window = window;
  wt.text = "Static OOB on the box";
  wait_for (window_shows, &wt, 5000, "the OOB information in words");
  wt.text = "No OOB information";
  wait_for (window_shows, &wt, 5000, "a device without OOB information");
  g_assert_true (can_press (GTK_WIDGET (devices), "devices.provision"));
  mesh_test_iterate (2500); /* a few beacons: signal bars, "Seen … ago" */
  wt.text = "Seen ";
  g_assert_true (window_shows (&wt));
  screenshot (GTK_WIDGET (window), "nearby-devices.png");

  /* The dialog proposes the static key the beacon hints at, and checks it
   * as it is typed. */
  dialog = open_dialog (window, devices, uuid);
  entry = key_entry (dialog);
  g_assert_true (gtk_widget_get_mapped (entry));
  g_assert_false (can_press (GTK_WIDGET (dialog), "provision.start"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "0011 2233 4455");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (can_press (GTK_WIDGET (dialog), "provision.start"));
  g_assert_true (mesh_test_has_label_containing (GTK_WIDGET (dialog), "A hexadecimal key has 32 digits"));
  gtk_editable_set_text (GTK_EDITABLE (entry), key_hex);
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (can_press (GTK_WIDGET (dialog), "provision.start"));
  g_assert_true (mesh_test_has_label_containing (GTK_WIDGET (dialog), "Read as a hexadecimal key."));
  screenshot (GTK_WIDGET (dialog), "provision-dialog.png");

  /* Provision, from the keyboard: Enter in the key entry. The steps show
   * as bluetooth-meshd reports them. */
  type_key_and_enter (dialog, key_hex);
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "progress");
  screenshot (GTK_WIDGET (dialog), "provision-progress.png");
  node = wait_for_node (window, dialog, uuid);
  node_address = g_strdup_printf ("0x%04X", mesh_node_get_unicast (node));
  g_assert_true (mesh_test_has_label_containing (GTK_WIDGET (dialog), node_address));
  g_assert_true (device_provisioned (STATIC_DEVICE));
  screenshot (GTK_WIDGET (dialog), "provision-done.png");

  /* The node is in Nodes, and gone from Nearby Devices. */
  g_assert_null (mesh_scanner_find (mesh_session_get_scanner (mesh_window_get_session (window)), uuid));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.open-node", NULL));
  mesh_test_iterate (100);
  g_assert_null (mesh_devices_page_get_dialog (devices));
  g_assert_cmpstr (mesh_window_get_visible_section (window), ==, "node");
  /* Nearby Devices was left (once the crossfade is over): no more
   * scanning. */
  wait_for (scanner_stopped, window, 2000, "the scan to stop");
  node_page = find_page (window, MESH_TYPE_NODE_PAGE);
  g_assert_true (mesh_node_page_get_node (node_page) == node);
  rename_node (node_page, "Kitchen Light");
  g_assert_cmpstr (mesh_node_get_name (node), ==, "Kitchen Light");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "nodes"));
  wt.text = "Kitchen Light";
  wait_for (node_listed, &wt, 5000, "the node in Nodes");
  screenshot (GTK_WIDGET (window), "nodes.png");

  /* Its page: the composition read at provisioning, as a tree. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-node", "s", mesh_node_get_uuid (node)));
  wt.text = "Generic OnOff Server";
  wait_for (window_shows, &wt, 10000, "Generic OnOff Server in the node's tree");
  element = mesh_node_get_element (node, 0);
  server = mesh_element_find_model (element, 0x1000, FALSE);
  g_assert_nonnull (server);
  g_assert_false (mesh_model_has_binding (server, 0));

  /* An AppKey, made on the Keys page. */
  add_app_key (window, "Lights");
  g_assert_nonnull (mesh_network_find_app_key (network, 0));

  /* Bind it to the OnOff Server: the tree shows it once the node said so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-node", "s", mesh_node_get_uuid (node)));
  mesh_test_wait_for_frame (GTK_WIDGET (window));
  run_node_action (node_page, "node.bind-app-key", g_variant_new ("(uubq)", 0, 0x1000, FALSE, 0));
  g_assert_true (mesh_model_has_binding (server, 0));
  wt.text = "Bound AppKey · index 0";
  wait_for (window_shows, &wt, 5000, "the binding in the tree");

  /* On and off: the device itself changes. */
  g_assert_false (device_onoff (STATIC_DEVICE));
  run_node_action (node_page, "node.set-onoff", g_variant_new_boolean (TRUE));
  g_assert_true (device_onoff (STATIC_DEVICE));
  wt.text = "On, as the node reported";
  wait_for (window_shows, &wt, 5000, "the node's OnOff state");
  screenshot (GTK_WIDGET (window), "node-page.png");

  run_node_action (node_page, "node.set-onoff", g_variant_new_boolean (FALSE));
  g_assert_false (device_onoff (STATIC_DEVICE));
  wt.text = "Off, as the node reported";
  wait_for (window_shows, &wt, 5000, "the node's OnOff state");

  /* The model's other actions, each stored once the node confirmed it. */
  subscribe (node_page, "0xC000");
  g_assert_true (model_subscribed (server, 0xC000));
  run_node_action (node_page, "node.remove-subscription", g_variant_new ("(uubq)", 0, 0x1000, FALSE, 0xC000));
  g_assert_false (model_subscribed (server, 0xC000));

  publish (node_page, "0xC000");
  g_assert_nonnull (mesh_model_get_publication (server));
  g_assert_cmpuint (mesh_model_get_publication (server)->destination.address, ==, 0xC000);
  g_assert_true (lab_client_wait_device (lab_bus, STATIC_DEVICE, "OnOffPublication",
                                         g_variant_new_parsed ("[true, false]"), 5000));
  run_node_action (node_page, "node.clear-publication", g_variant_new ("(uub)", 0, 0x1000, FALSE));
  g_assert_null (mesh_model_get_publication (server));
  g_assert_true (lab_client_wait_device (lab_bus, STATIC_DEVICE, "OnOffPublication",
                                         g_variant_new_parsed ("[false, false]"), 5000));

  run_node_action (node_page, "node.refresh-composition", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_node_get_elements (node)), ==, 2);
  server = mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE);
  g_assert_true (mesh_model_has_binding (server, 0));
  run_node_action (node_page, "node.unbind-app-key", g_variant_new ("(uubq)", 0, 0x1000, FALSE, 0));
  g_assert_false (mesh_model_has_binding (server, 0));

  /* Reset, after the question. The lab's device resets, but its meshd
   * goes before its Node Reset Status leaves: the page waits for the
   * answer, and the node stays until the user cancels... */
  confirm_node_action (node_page, "node.reset", "reset");
  g_assert_true (mesh_node_page_get_busy (node_page));
  mesh_test_iterate (1500);
  g_assert_true (mesh_node_page_get_busy (node_page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (node_page), "node.cancel", NULL));
  wait_for (node_page_idle, node_page, 5000, "the cancelled reset");
  {
    g_autofree char *uuid_string = mesh_uuid_to_string (uuid);

    g_assert_true (mesh_network_find_node_by_uuid (network, uuid_string) == node);

    /* ... and removes it: the network forgets it without asking it. */
    confirm_node_action (node_page, "node.remove", "remove");
    wait_for (node_page_idle, node_page, timeout_ms (30000), "the removal");
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
  return !banner_shown (window) && daemon_attached (window);
}

static void
test_wrong_oob_retry (void)
{
  MeshWindow *window = open_empty_window ();
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) other_key = NULL;
  g_autoptr(GBytes) uuid = mesh_session_test_lab_uuid (lab_bus, STATIC_DEVICE, &key);
  g_autoptr(GBytes) other = mesh_session_test_lab_uuid (lab_bus, OTHER_STATIC_DEVICE, &other_key);
  g_autofree char *key_hex = hex (key);
  g_autofree char *wrong_hex = g_strdup (key_hex);
  g_autofree char *other_hex = hex (other_key);
  g_autoptr(MeshProvisionRequest) cancelled = NULL;
  MeshProvisionDialog *dialog;
  MeshDevicesPage *devices;
  GtkWidget *focus;
  WindowText wt = { window, NULL };

  /* The last digit is off by one. */
  wrong_hex[31] = wrong_hex[31] == 'f' ? 'e' : 'f';

  create_network (window, "Lab");
  devices = show_devices (window, uuid);
  dialog = open_dialog (window, devices, uuid);

  /* A wrong key: the device refuses it, and the dialog says so plainly. */
  type_key_and_enter (dialog, wrong_hex);
  wait_for_dialog_page (dialog, "failed");
  g_assert_true (mesh_test_has_label_containing (GTK_WIDGET (dialog), "authentication value"));
  g_assert_true (mesh_test_has_label_containing (GTK_WIDGET (dialog), "static OOB key"));
  g_assert_false (device_provisioned (STATIC_DEVICE));
  g_assert_true (can_press (GTK_WIDGET (dialog), "provision.retry"));
  screenshot (GTK_WIDGET (dialog), "provision-failed.png");

  /* Retry: back to the key, in the same dialog, ready to be corrected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.retry", NULL));
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "method");
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, key_entry (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_entry (dialog))), ==, wrong_hex);

  /* The device waits to join again, then the right key provisions it. */
  wait_for (device_joining, GUINT_TO_POINTER (STATIC_DEVICE), timeout_ms (30000),
            "the device to wait again");
  type_key_and_enter (dialog, key_hex);
  wait_for_node (window, dialog, uuid);
  g_assert_true (device_provisioned (STATIC_DEVICE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.cancel", NULL));
  wait_for (dialog_gone, devices, 5000, "the dialog to close");

  /* Cancel while it runs: the dialog goes once meshd has let the device
   * go, and the device is still waiting to join. */
  show_devices (window, other);
  dialog = open_dialog (window, devices, other);
  type_key_and_enter (dialog, other_hex);
  cancelled = g_object_ref (mesh_provision_dialog_get_request (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.cancel", NULL));
  wait_for (dialog_gone, devices, timeout_ms (30000), "the cancelled dialog to close");
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
  wait_for (daemon_attached, window, timeout_ms (30000), "the session to attach again");
  g_assert_false (banner_shown (window));
  mesh_session_test_lab_call (lab_bus, "StopDaemon", NULL);
  wait_for (banner_shown, window, timeout_ms (30000), "the banner");
  wt.text = "bluetooth-meshd is not running";
  if (!mesh_test_wait_until (window_shows, &wt, 5000))
    g_error ("The banner says: %s",
             gtk_label_get_text (GTK_LABEL (mesh_test_find_descendant (gtk_revealer_get_child (
               GTK_REVEALER (mesh_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_REVEALER, NULL))),
               GTK_TYPE_LABEL, NULL))));
  screenshot (GTK_WIDGET (window), "banner.png");
  mesh_session_test_lab_call (lab_bus, "StartDaemon", NULL);
  wait_for (banner_hidden, window, timeout_ms (30000), "the banner to go");
}

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
      screenshot (GTK_WIDGET (dialog), "export-dialog.png");

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
  wait_for (export_done, NULL, timeout_ms (30000), "the export");
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
  MeshWindow *window = open_empty_window ();
  g_autoptr(GBytes) uuid = mesh_session_test_lab_uuid (lab_bus, 2, NULL);
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
  g_assert_nonnull (create_network (window, "Home"));
  devices = show_devices (window, uuid);
  dialog = open_dialog (window, devices, uuid);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (key_entry (dialog),
                                                                   ADW_TYPE_PREFERENCES_GROUP)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.start", NULL));
  g_assert_nonnull (wait_for_node (window, dialog, uuid));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.open-node", NULL));
  add_app_key (window, "Lights");
  node_page = find_page (window, MESH_TYPE_NODE_PAGE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-node", "s", uuid_string));
  run_node_action (node_page, "node.bind-app-key", g_variant_new ("(uubq)", 0, 0x1000, FALSE, 0));

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
  wait_for (is_true, &left, timeout_ms (30000), "bluetooth-meshd to forget the node");
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
  g_autoptr(GBytes) uuid = mesh_session_test_lab_uuid (lab_bus, 2, NULL);
  g_autoptr(GBytes) other_key = NULL;
  g_autoptr(GBytes) other = mesh_session_test_lab_uuid (lab_bus, OTHER_STATIC_DEVICE, &other_key);
  g_autofree char *other_hex = hex (other_key);
  g_autofree char *uuid_string = mesh_uuid_to_string (uuid);
  g_autoptr(GFile) file = NULL;
  MeshProvisionDialog *dialog;
  MeshDevicesPage *devices;
  MeshNodePage *node_page;
  MeshNetwork *network;
  MeshNode *node;
  GtkWidget *import;
  WindowText wt;

  if (!g_test_subprocess ())
    return;

  window = open_empty_window ();
  file = g_file_new_for_path (g_getenv ("MESH_GUI_LAB_EXPORT"));
  mesh_window_import_file (window, file);
  wait_for (import_on_page, "result", timeout_ms (30000), "the import's outcome");
  import = GTK_WIDGET (mesh_test_find_toplevel (MESH_TYPE_IMPORT_DIALOG));
  g_assert_true (mesh_test_has_label_containing (import, "2 nodes"));
  g_assert_true (mesh_test_has_label_containing (import, "Mesh Provisioner on"));
  screenshot (import, "import.png");
  g_assert_true (gtk_widget_activate_action (import, "import.open", NULL));
  wait_for (import_done, NULL, timeout_ms (30000), "the network to go into bluetooth-meshd");
  g_assert_cmpstr (import_error (), ==, NULL);

  /* The same network, attached again, its nodes and keys from the file. */
  wait_for (has_controller, window, timeout_ms (30000), "the imported network to open");
  network = mesh_window_get_network (window);
  g_assert_cmpstr (mesh_network_get_name (network), ==, "Home");
  g_assert_nonnull (mesh_network_find_node_by_uuid (network, uuid_string));
  g_assert_nonnull (mesh_network_find_app_key (network, 0));
  g_assert_true (daemon_attached (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-node", "s", uuid_string));
  wt.window = window;
  wt.text = "Generic OnOff Server";
  wait_for (window_shows, &wt, 10000, "the imported node's tree");

  /* bluetooth-meshd has what it needs: a new device joins the imported
   * network and works with its AppKey. (Not the node provisioned before:
   * it remembers the sequence numbers our node had, which meshd's Import
   * starts again from zero, and drops what we send as replays.) */
  devices = show_devices (window, other);
  dialog = open_dialog (window, devices, other);
  type_key_and_enter (dialog, other_hex);
  node = wait_for_node (window, dialog, other);
  g_assert_cmpuint (mesh_node_get_unicast (node), >, 0x0003);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.open-node", NULL));
  node_page = find_page (window, MESH_TYPE_NODE_PAGE);
  wt.text = "Generic OnOff Server";
  wait_for (window_shows, &wt, 10000, "the new node's tree");
  run_node_action (node_page, "node.bind-app-key", g_variant_new ("(uubq)", 0, 0x1000, FALSE, 0));
  run_node_action (node_page, "node.set-onoff", g_variant_new_boolean (TRUE));
  g_assert_true (device_onoff (OTHER_STATIC_DEVICE));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  mesh_test_init_gui (&argc, &argv);
  lab_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui-lab/provision", test_provision);
  g_test_add_func ("/gui-lab/wrong-oob-retry", test_wrong_oob_retry);
  g_test_add_func ("/gui-lab/export-import", test_export_import);
  g_test_add_func ("/gui-lab/export-import/new-computer", test_import_on_new_computer);

  ret = g_test_run ();

  g_clear_pointer (&app, mesh_test_application_free);
  g_clear_object (&lab_bus);

  return ret;
}
