/* test-gui-lab-util.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the GUI lab tests share: waiting, finding widgets, an empty window
 * and a network in it, Nearby Devices and the provisioning dialog, node
 * actions and AppKeys, the lab's devices. */

#include "config.h"

#include "mesh-keys-page.h"
#include "mesh-uuid.h"
#include "test-gui-lab-util.h"

GDBusConnection *gui_lab_bus;

static MeshApplication *app;

/* Waiting */

guint
gui_lab_timeout_ms (guint real_ms)
{
  return mesh_session_test_timeout (real_ms);
}

void
gui_lab_wait_for (MeshTestCondition condition,
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

gboolean
gui_lab_daemon_attached (gpointer window)
{
  MeshSession *session = mesh_window_get_session (window);

  return session != NULL
         && mesh_daemon_get_state (mesh_session_get_daemon (session)) == MESH_DAEMON_STATE_ATTACHED;
}

gboolean
gui_lab_has_controller (gpointer window)
{
  return mesh_window_get_controller (window) != NULL;
}

/* Widgets */

/* Whether the button bound to @action_name under @root can be pressed. */
gboolean
gui_lab_can_press (GtkWidget  *root,
                   const char *action_name)
{
  GtkWidget *button = mesh_test_find_button_for_action (root, action_name);

  return button != NULL && gtk_widget_is_sensitive (button);
}

static gboolean
create_enabled (gpointer window)
{
  return gui_lab_can_press (window, "win.create-network");
}

gpointer
gui_lab_find_page (MeshWindow *window,
                   GType       type)
{
  return mesh_test_find_descendant (GTK_WIDGET (window), type, NULL);
}

gboolean
gui_lab_window_shows (gpointer data)
{
  WindowText *wt = data;

  mesh_test_iterate (20);
  return mesh_test_has_label_containing (GTK_WIDGET (wt->window), wt->text);
}

char *
gui_lab_hex (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", data[i]);

  return g_string_free (out, FALSE);
}

void
gui_lab_screenshot (GtkWidget  *widget,
                    const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;

  mesh_test_iterate (400); /* transitions and spinners settle */
  texture = mesh_test_screenshot (widget, name);
  g_assert_nonnull (texture);
}

/* The window, the network */

MeshWindow *
gui_lab_open_empty_window (void)
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
  gui_lab_wait_for (daemon_detached, window, gui_lab_timeout_ms (30000), "bluetooth-meshd");
  g_assert_cmpstr (mesh_window_get_visible_section (MESH_WINDOW (window)), ==, "welcome");

  return MESH_WINDOW (window);
}

/* New Network…: the dialog, a name, Create. */
MeshNetwork *
gui_lab_create_network (MeshWindow *window,
                        const char *name)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  MeshNetwork *network;

  gui_lab_wait_for (create_enabled, window, 5000, "Create Network to be enabled");
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

  gui_lab_wait_for (gui_lab_has_controller, window, gui_lab_timeout_ms (30000), "the network to be created");
  network = mesh_window_get_network (window);
  g_assert_nonnull (network);
  g_assert_cmpstr (mesh_network_get_name (network), ==, name);
  g_assert_true (mesh_session_get_network (mesh_window_get_session (window)) == network);
  g_assert_true (gui_lab_daemon_attached (window));
  g_assert_cmpstr (mesh_window_get_visible_section (window), ==, "nodes");
  /* Our own node is the first one. */
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (network)), ==, 1);

  return network;
}

/* Nearby Devices */

gboolean
gui_lab_device_listed (gpointer data)
{
  ScanWait *wait = data;

  return mesh_scanner_find (wait->scanner, wait->uuid) != NULL;
}

MeshDevicesPage *
gui_lab_show_devices (MeshWindow *window,
                      GBytes     *uuid)
{
  MeshDevicesPage *page = gui_lab_find_page (window, MESH_TYPE_DEVICES_PAGE);
  MeshScanner *scanner = mesh_session_get_scanner (mesh_window_get_session (window));
  ScanWait wait = { scanner, uuid };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "devices"));
  mesh_test_wait_for_frame (GTK_WIDGET (window));

  /* Shown, the page scans. */
  g_assert_true (mesh_scanner_get_active (scanner));
  gui_lab_wait_for (gui_lab_device_listed, &wait, gui_lab_timeout_ms (30000), "the device on Nearby Devices");

  return page;
}

MeshProvisionDialog *
gui_lab_open_dialog (MeshWindow      *window,
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

GtkWidget *
gui_lab_key_entry (MeshProvisionDialog *dialog)
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

void
gui_lab_wait_for_dialog_page (MeshProvisionDialog *dialog,
                              const char          *page)
{
  DialogPage wait = { dialog, page };

  if (!mesh_test_wait_until (dialog_on_page, &wait, gui_lab_timeout_ms (60000)))
    g_error ("The provisioning dialog shows “%s”, not “%s”",
             mesh_provision_dialog_get_page (dialog), page);
}

/* Types the key and presses Enter in the entry, as the keyboard does: the
 * entry activates the dialog's default widget, Provision. */
void
gui_lab_type_key_and_enter (MeshProvisionDialog *dialog,
                            const char          *key)
{
  GtkWidget *entry = gui_lab_key_entry (dialog);
  GtkWidget *text = mesh_test_find_descendant (entry, GTK_TYPE_TEXT, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), key);
  g_assert_true (gui_lab_can_press (GTK_WIDGET (dialog), "provision.start"));
  /* What the Enter key binding of the entry does; the button it presses
   * clicks after its 250 ms press animation. */
  g_signal_emit_by_name (text, "activate");
  mesh_test_iterate (400);
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), !=, "method");
}

/* The node of device @uuid, once the dialog says it is done. */
MeshNode *
gui_lab_wait_for_node (MeshWindow          *window,
                       MeshProvisionDialog *dialog,
                       GBytes              *uuid)
{
  g_autofree char *uuid_string = mesh_uuid_to_string (uuid);
  MeshNode *node;

  gui_lab_wait_for_dialog_page (dialog, "done");

  node = mesh_provision_request_get_node (mesh_provision_dialog_get_request (dialog));
  g_assert_nonnull (node);
  g_assert_cmpstr (mesh_node_get_uuid (node), ==, uuid_string);
  g_assert_true (mesh_network_find_node_by_uuid (mesh_window_get_network (window), uuid_string) == node);

  return node;
}

/* Nodes, keys and devices */

gboolean
gui_lab_node_page_idle (gpointer page)
{
  return !mesh_node_page_get_busy (page);
}

void
gui_lab_run_node_action (MeshNodePage *page,
                         const char   *action,
                         GVariant     *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (page), action, param));
  g_assert_true (mesh_node_page_get_busy (page));
  gui_lab_wait_for (gui_lab_node_page_idle, page, gui_lab_timeout_ms (30000), action);
}

static gboolean
keys_page_idle (gpointer page)
{
  return !mesh_keys_page_get_busy (page);
}

/* Keys page, Add AppKey, a name, Add. */
/* A key made on the Keys page with @action, named @name. */
static void
add_key (MeshWindow *window,
         const char *action,
         const char *name)
{
  WindowText wt = { window, name };
  AdwMessageDialog *message;
  MeshKeysPage *keys;
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "keys"));
  keys = gui_lab_find_page (window, MESH_TYPE_KEYS_PAGE);
  mesh_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (keys), action, NULL));
  message = ADW_MESSAGE_DIALOG (mesh_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  entry = mesh_test_find_descendant (GTK_WIDGET (message), ADW_TYPE_ENTRY_ROW, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  adw_message_dialog_response (message, "add");
  gtk_window_destroy (GTK_WINDOW (message));

  g_assert_true (mesh_keys_page_get_busy (keys));
  gui_lab_wait_for (keys_page_idle, keys, gui_lab_timeout_ms (30000), "the new key");
  gui_lab_wait_for (gui_lab_window_shows, &wt, 5000, "the new key on the Keys page");
}

void
gui_lab_add_app_key (MeshWindow *window,
                     const char *name)
{
  add_key (window, "keys.add-app-key", name);
}

void
gui_lab_add_net_key (MeshWindow *window,
                     const char *name)
{
  add_key (window, "keys.add-net-key", name);
}

void
gui_lab_delete_net_key (MeshWindow *window,
                        guint       index)
{
  AdwMessageDialog *message;
  MeshKeysPage *keys;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "keys"));
  keys = gui_lab_find_page (window, MESH_TYPE_KEYS_PAGE);
  mesh_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (keys), "keys.delete-net-key", "u", index));
  message = ADW_MESSAGE_DIALOG (mesh_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (message, "delete");
  gtk_window_destroy (GTK_WINDOW (message));

  g_assert_true (mesh_keys_page_get_busy (keys));
  gui_lab_wait_for (keys_page_idle, keys, gui_lab_timeout_ms (30000), "the deleted key");
}

gboolean
gui_lab_device_onoff (guint index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) device = lab_client_get_device (gui_lab_bus, index, &error);
  g_autoptr(GVariant) onoff = NULL;
  gboolean on = FALSE;

  g_assert_no_error (error);
  onoff = g_variant_lookup_value (device, "OnOff", G_VARIANT_TYPE ("ab"));
  g_assert_nonnull (onoff);
  g_variant_get_child (onoff, 0, "b", &on);

  return on;
}

/* Running */

void
gui_lab_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;

  mesh_test_init_gui (argc, argv);
  gui_lab_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_assert_no_error (error);
}

int
gui_lab_run (void)
{
  int ret = g_test_run ();

  g_clear_pointer (&app, mesh_test_application_free);
  g_clear_object (&gui_lab_bus);

  return ret;
}
