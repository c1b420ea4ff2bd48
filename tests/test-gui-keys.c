/* test-gui-keys.c: the Keys section.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-keys-page.h"
#include "mesh-rename-popover.h"
#include "mesh-test-controller.h"
#include "mesh-test-network.h"
#include "mesh-test-utils.h"

static MeshApplication *app;
static char *database_path;

static MeshWindow *
show_keys (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (mesh_test_open_window (app));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "keys"));
  mesh_test_iterate (300);
  mesh_test_wait_for_frame (GTK_WIDGET (window));

  return MESH_WINDOW (window);
}

static MeshKeysPage *
get_keys_page (MeshWindow *window)
{
  return MESH_KEYS_PAGE (mesh_test_find_descendant (GTK_WIDGET (window), MESH_TYPE_KEYS_PAGE, NULL));
}

/* The rows of the page's lists, "title | subtitle", in order. */
static char *
list_rows (MeshWindow *window,
           const char *list_name)
{
  GtkWidget *page = GTK_WIDGET (get_keys_page (window));
  GString *out = g_string_new (NULL);
  /* The lists are named "net-keys" and "app-keys". */
  GtkWidget *list = mesh_test_find_descendant (page, GTK_TYPE_LIST_BOX, list_name);

  g_assert_nonnull (list);

  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i);

      if (row == NULL)
        break;

      g_string_append_printf (out, "%s%s | %s", i > 0 ? "\n" : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
    }

  return g_string_free (out, FALSE);
}

static void
test_keys_list (void)
{
  MeshWindow *window = show_keys ();
  g_autofree char *net_keys = list_rows (window, "net-keys");
  g_autofree char *app_keys = list_rows (window, "app-keys");

  g_assert_cmpstr (net_keys, ==, "Primary | Index 0");
  g_assert_cmpstr (app_keys, ==,
                   "Lights | Index 0 · Bound to Primary\n"
                   "Sensors | Index 1 · Bound to Primary");
}

static void
test_keys_offline (void)
{
  MeshWindow *window = show_keys ();
  MeshKeysPage *page = get_keys_page (window);
  GtkWidget *add;

  /* Adding and deleting keys need bluetooth-meshd; the buttons say so. */
  add = mesh_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_BUTTON, "add-app-key");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_is_sensitive (add));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (add), "bluetooth-meshd"));

  add = mesh_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_BUTTON, "add-net-key");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_is_sensitive (add));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (add), "bluetooth-meshd"));

  gtk_widget_activate_action (GTK_WIDGET (page), "keys.delete-app-key", "u", 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "keys.add-net-key", NULL);
  mesh_test_iterate (50);
  g_assert_null (mesh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static gboolean
stored_key_name_is (gpointer expected)
{
  g_autoptr(MeshStore) store = mesh_test_store_open (database_path);
  MeshNetwork *network = mesh_test_store_load_network (store);
  gboolean same = g_strcmp0 (mesh_app_key_get_name (mesh_network_find_app_key (network, 1)), expected) == 0;

  mesh_test_store_close (&store);

  return same;
}

static void
test_keys_rename (void)
{
  MeshWindow *window = show_keys ();
  GtkWidget *page = GTK_WIDGET (get_keys_page (window));
  GtkWidget *title = mesh_test_find_label (page, "Sensors");
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (title), ADW_TYPE_ACTION_ROW);
  GtkWidget *button = mesh_test_find_descendant (row, GTK_TYPE_MENU_BUTTON, NULL);
  GtkWidget *popover;
  GtkWidget *entry;
  g_autofree char *app_keys = NULL;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  mesh_test_iterate (50);
  popover = mesh_test_find_descendant (button, MESH_TYPE_RENAME_POPOVER, NULL);
  g_assert_true (gtk_widget_get_visible (popover));
  entry = mesh_test_find_descendant (popover, GTK_TYPE_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Sensors");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Climate & Sensors");
  g_signal_emit_by_name (entry, "activate");

  g_assert_true (mesh_test_wait_until (stored_key_name_is, "Climate & Sensors", 5000));
  app_keys = list_rows (window, "app-keys");
  g_assert_cmpstr (app_keys, ==,
                   "Lights | Index 0 · Bound to Primary\n"
                   "Climate & Sensors | Index 1 · Bound to Primary");
}

static void
test_keys_screenshot (void)
{
  MeshWindow *window = show_keys ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  mesh_test_iterate (400);
  mesh_test_screenshot (GTK_WIDGET (window), "keys.png");
}

static gboolean
not_busy (gpointer page)
{
  return !mesh_keys_page_get_busy (page);
}

static GtkWindow *
wait_for_dialog (void)
{
  GtkWindow *dialog = NULL;

  for (guint i = 0; i < 100 && dialog == NULL; i++)
    {
      mesh_test_iterate (20);
      dialog = mesh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    }

  g_assert_nonnull (dialog);
  return dialog;
}

static void
test_keys_add_delete (void)
{
  MeshWindow *window = show_keys ();
  MeshKeysPage *page = get_keys_page (window);
  g_autoptr(MeshTestController) controller = mesh_test_controller_new (mesh_window_get_store (window), 50);
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autofree char *app_keys = NULL;
  GPtrArray *calls;

  mesh_window_set_controller (window, MESH_NETWORK_CONTROLLER (controller));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "keys.add-app-key", NULL));
  dialog = ADW_MESSAGE_DIALOG (wait_for_dialog ());
  entry = mesh_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
  /* A key needs a name. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Doors");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (mesh_keys_page_get_busy (page));
  g_assert_true (mesh_test_wait_until (not_busy, page, 5000));

  calls = mesh_test_controller_get_calls (controller);
  g_assert_cmpstr (calls->pdata[calls->len - 1], ==, "add-app-key 2 Doors");
  mesh_test_iterate (50);
  app_keys = list_rows (window, "app-keys");
  g_assert_cmpstr (app_keys, ==,
                   "Lights | Index 0 · Bound to Primary\n"
                   "Climate & Sensors | Index 1 · Bound to Primary\n"
                   "Doors | Index 2 · Bound to Primary");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "keys.delete-app-key", "u", 2));
  dialog = ADW_MESSAGE_DIALOG (wait_for_dialog ());
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Doors”?");
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (mesh_test_wait_until (not_busy, page, 5000));
  g_assert_cmpstr (calls->pdata[calls->len - 1], ==, "delete-app-key 2");
  g_assert_null (mesh_network_find_app_key (mesh_window_get_network (window), 2));

  mesh_window_set_controller (window, NULL);
}

static gboolean
stored_net_key_name_is (gpointer expected)
{
  g_autoptr(MeshStore) store = mesh_test_store_open (database_path);
  MeshNetwork *network = mesh_test_store_load_network (store);
  MeshNetKey *key = mesh_network_find_net_key (network, 2);
  gboolean same = key != NULL && g_strcmp0 (mesh_net_key_get_name (key), expected) == 0;

  mesh_test_store_close (&store);

  return same;
}

/* Clicks the page's Add a NetKey button, types @name in the dialog and
 * clicks its Add button, as a user would. */
static void
add_net_key (MeshKeysPage *page,
             const char   *name)
{
  GtkWidget *button = mesh_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_BUTTON, "add-net-key");
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWidget *add;

  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Add a NetKey");
  g_assert_true (gtk_widget_activate (button));
  dialog = ADW_MESSAGE_DIALOG (mesh_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add NetKey");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "keyring"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "subnet"));

  /* A key needs a name; blanks are no name. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  entry = mesh_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));

  add = gtk_widget_get_ancestor (mesh_test_find_label (GTK_WIDGET (dialog), "Add"), GTK_TYPE_BUTTON);
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_is_sensitive (add));
  /* "clicked" at once: an activated button plays its press for 250 ms
   * first, and the key might be added by then. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (add, "clicked");
  g_assert_null (dialog);
  g_assert_true (mesh_keys_page_get_busy (page));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_true (mesh_test_wait_until (not_busy, page, 5000));
}

static void
test_keys_add_net_key (void)
{
  MeshWindow *window = show_keys ();
  MeshKeysPage *page = get_keys_page (window);
  g_autoptr(MeshTestController) controller = mesh_test_controller_new (mesh_window_get_store (window), 50);
  GtkWidget *button = mesh_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_BUTTON, "add-net-key");
  g_autofree char *before = list_rows (window, "net-keys");
  g_autofree char *net_keys = NULL;
  g_autofree char *failed = NULL;
  GPtrArray *calls;

  g_assert_cmpstr (before, ==, "Primary | Index 0");
  g_assert_false (gtk_widget_is_sensitive (button));
  mesh_window_set_controller (window, MESH_NETWORK_CONTROLLER (controller));
  calls = mesh_test_controller_get_calls (controller);

  /* Each new key takes the lowest free index. */
  add_net_key (page, "Guests");
  g_assert_cmpstr (calls->pdata[calls->len - 1], ==, "add-net-key 1 Guests");
  add_net_key (page, "Garden");
  g_assert_cmpstr (calls->pdata[calls->len - 1], ==, "add-net-key 2 Garden");
  mesh_test_iterate (50);
  net_keys = list_rows (window, "net-keys");
  g_assert_cmpstr (net_keys, ==,
                   "Primary | Index 0\n"
                   "Guests | Index 1\n"
                   "Garden | Index 2");
  g_assert_true (mesh_test_wait_until (stored_net_key_name_is, "Garden", 5000));

  /* A failure says so and adds nothing. */
  mesh_test_controller_fail_next (controller, "No answer from the daemon.");
  add_net_key (page, "Cellar");
  g_assert_cmpstr (calls->pdata[calls->len - 1], ==, "add-net-key 3 Cellar");
  g_assert_true (mesh_test_has_toast (GTK_WIDGET (window), "Could not add the NetKey. No answer from the daemon."));
  failed = list_rows (window, "net-keys");
  g_assert_cmpstr (failed, ==, net_keys);

  mesh_window_set_controller (window, NULL);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "bluetooth-meshd"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  mesh_test_init_gui (&argc, &argv);
  database_path = mesh_test_create_home_database ();

  app = mesh_test_application_new ();

  g_test_add_func ("/gui-keys/list", test_keys_list);
  g_test_add_func ("/gui-keys/offline", test_keys_offline);
  g_test_add_func ("/gui-keys/rename", test_keys_rename);
  g_test_add_func ("/gui-keys/screenshot", test_keys_screenshot);
  g_test_add_func ("/gui-keys/add-delete", test_keys_add_delete);
  g_test_add_func ("/gui-keys/add-net-key", test_keys_add_net_key);

  ret = g_test_run ();

  mesh_test_application_free (app);
  g_free (database_path);

  return ret;
}
