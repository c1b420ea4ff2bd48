/* test-gui-keys.c: the Keys section.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-gui-util.h"
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

/* The close button of the first toast shown in @overlay, or NULL. */
static GtkWidget *
find_toast_close_button (GtkWidget *overlay)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");

  for (GtkWidget *toast = gtk_widget_get_first_child (overlay);
       toast != NULL;
       toast = gtk_widget_get_next_sibling (toast))
    {
      if (toast_type == 0 || !G_TYPE_CHECK_INSTANCE_TYPE (toast, toast_type))
        continue;

      for (GtkWidget *child = gtk_widget_get_first_child (toast);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (GTK_IS_BUTTON (child) &&
              g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0)
            return child;
        }
    }

  return NULL;
}

static gboolean
no_toast (gpointer overlay)
{
  return find_toast_close_button (overlay) == NULL;
}

/* Closes the toast shown, as a user would, and waits until it is gone:
 * the overlay shows one at a time, and the next would wait for it to
 * time out. */
static void
close_toast (MeshWindow *window)
{
  GtkWidget *overlay = mesh_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY, NULL);
  GtkWidget *close = find_toast_close_button (overlay);

  if (close != NULL)
    g_signal_emit_by_name (close, "clicked");
  g_assert_true (mesh_test_wait_until (no_toast, overlay, 2000));
}

typedef struct
{
  MeshWindow *window;
  const char *text;
} ToastQuery;

static gboolean
toast_shown (gpointer user_data)
{
  ToastQuery *query = user_data;

  return mesh_test_has_toast (GTK_WIDGET (query->window), query->text);
}

static gboolean
stored_net_key_gone (gpointer index)
{
  g_autoptr(MeshStore) store = mesh_test_store_open (database_path);
  MeshNetwork *network = mesh_test_store_load_network (store);
  gboolean gone = mesh_network_find_net_key (network, GPOINTER_TO_UINT (index)) == NULL;

  mesh_test_store_close (&store);

  return gone;
}

/* The delete button on the NetKey row titled @title. */
static GtkWidget *
net_key_delete_button (MeshKeysPage *page,
                       const char   *title)
{
  GtkWidget *list = mesh_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_LIST_BOX, "net-keys");
  GtkWidget *label = mesh_test_find_label (list, title);
  GtkWidget *button;

  g_assert_nonnull (label);
  button = mesh_test_find_button_for_action (gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW),
                                             "keys.delete-net-key");
  g_assert_nonnull (button);

  return button;
}

static void
assert_net_key_deletable (MeshKeysPage *page,
                          const char   *title,
                          gboolean      deletable,
                          const char   *tooltip)
{
  GtkWidget *button = net_key_delete_button (page, title);

  g_assert_cmpint (gtk_widget_is_sensitive (button), ==, deletable);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, tooltip);
}

/* Clicks the delete button of the NetKey row titled @title, then Delete
 * in the dialog, as a user would; returns when the page is done. */
static void
delete_net_key (MeshKeysPage *page,
                const char   *title)
{
  GtkWidget *button = net_key_delete_button (page, title);
  g_autofree char *heading = g_strdup_printf ("Delete “%s”?", title);
  AdwMessageDialog *dialog;
  GtkWidget *delete;
  GtkWidget *revealer;
  GtkWidget *progress;

  g_assert_true (gtk_widget_activate (button));
  dialog = ADW_MESSAGE_DIALOG (mesh_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "lose"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "subnet"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "delete"), ==, "_Delete");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);

  delete = gtk_widget_get_ancestor (mesh_test_find_label (GTK_WIDGET (dialog), "Delete"), GTK_TYPE_BUTTON);
  g_assert_nonnull (delete);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (delete, "clicked");
  g_assert_null (dialog);

  /* One operation at a time: the buttons wait. */
  g_assert_true (mesh_keys_page_get_busy (page));
  revealer = mesh_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_REVEALER, NULL);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  progress = mesh_test_find_descendant (revealer, GTK_TYPE_LABEL, NULL);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (progress)), ==, "Deleting the NetKey from the network…");
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_true (mesh_test_wait_until (not_busy, page, 5000));
  mesh_test_iterate (50);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
has_result (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

/* Adds an AppKey bound to NetKey @net_key_index without the page, as
 * another part of the program would: the page follows the key lists. */
static MeshAppKey *
add_app_key_elsewhere (MeshTestController *controller,
                       MeshNetwork        *network,
                       guint16             net_key_index,
                       const char         *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshAppKey *key;

  mesh_network_controller_add_app_key_async (MESH_NETWORK_CONTROLLER (controller), network, net_key_index,
                                             name, NULL, result_cb, &result);
  g_assert_true (mesh_test_wait_until (has_result, &result, 5000));
  key = mesh_network_controller_add_app_key_finish (MESH_NETWORK_CONTROLLER (controller), result, &error);
  g_assert_no_error (error);
  mesh_test_iterate (50);

  return key;
}

/* Activates @action (a delete action) for the key of index @index and
 * answers Delete in its dialog. */
static void
delete_by_action (MeshKeysPage *page,
                  const char   *action,
                  guint         index)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), action, "u", index));
  dialog = wait_for_dialog ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  gtk_window_destroy (dialog);
  g_assert_true (mesh_test_wait_until (not_busy, page, 5000));
}

static void
test_keys_delete_net_key (void)
{
  MeshWindow *window = show_keys ();
  MeshKeysPage *page = get_keys_page (window);
  g_autoptr(MeshTestController) controller = mesh_test_controller_new (mesh_window_get_store (window), 50);
  const char *bound_to_primary = "An application key is bound to it (“Lights”): delete that AppKey first.";
  g_autofree char *before = list_rows (window, "net-keys");
  g_autofree char *net_keys = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *last = NULL;
  ToastQuery bound_toast = { window, "Could not delete the NetKey. An application key is bound to it "
                                      "(“Visitors”): delete that AppKey first." };
  ToastQuery failed_toast = { window, "Could not delete the NetKey. No answer from the daemon." };
  GPtrArray *calls;
  g_autoptr(MeshAppKey) visitors = NULL;

  /* The NetKeys of the add-net-key test. */
  g_assert_cmpstr (before, ==,
                   "Primary | Index 0\n"
                   "Guests | Index 1\n"
                   "Garden | Index 2");

  /* Offline, nothing can be deleted, and the buttons say why. */
  assert_net_key_deletable (page, "Garden", FALSE, mesh_gui_offline_reason ());
  assert_net_key_deletable (page, "Primary", FALSE, bound_to_primary);

  mesh_window_set_controller (window, MESH_NETWORK_CONTROLLER (controller));
  calls = mesh_test_controller_get_calls (controller);
  assert_net_key_deletable (page, "Garden", TRUE, "Delete NetKey");
  assert_net_key_deletable (page, "Guests", TRUE, "Delete NetKey");
  /* The AppKeys of the network are bound to the primary NetKey. */
  assert_net_key_deletable (page, "Primary", FALSE, bound_to_primary);

  delete_net_key (page, "Garden");
  g_assert_cmpstr (calls->pdata[calls->len - 1], ==, "delete-net-key 2");
  net_keys = list_rows (window, "net-keys");
  g_assert_cmpstr (net_keys, ==,
                   "Primary | Index 0\n"
                   "Guests | Index 1");
  g_assert_true (mesh_test_wait_until (stored_net_key_gone, GUINT_TO_POINTER (2), 5000));

  /* An AppKey bound to Guests keeps it, until that AppKey goes. */
  visitors = add_app_key_elsewhere (controller, mesh_window_get_network (window), 1, "Visitors");
  g_assert_cmpuint (mesh_app_key_get_index (visitors), ==, 2);
  assert_net_key_deletable (page, "Guests", FALSE,
                            "An application key is bound to it (“Visitors”): delete that AppKey first.");

  /* Asked anyway, through the action (the button is insensitive), the
   * controller refuses as the session would, and the page says so. */
  close_toast (window);
  delete_by_action (page, "keys.delete-net-key", 1);
  g_assert_cmpstr (calls->pdata[calls->len - 1], ==, "delete-net-key 1");
  g_assert_true (mesh_test_wait_until (toast_shown, &bound_toast, 2000));
  refused = list_rows (window, "net-keys");
  g_assert_cmpstr (refused, ==, net_keys);

  delete_by_action (page, "keys.delete-app-key", 2);
  mesh_test_iterate (50);
  assert_net_key_deletable (page, "Guests", TRUE, "Delete NetKey");

  /* A failure says so and keeps the key. */
  close_toast (window);
  mesh_test_controller_fail_next (controller, "No answer from the daemon.");
  delete_net_key (page, "Guests");
  g_assert_cmpstr (calls->pdata[calls->len - 1], ==, "delete-net-key 1");
  g_assert_true (mesh_test_wait_until (toast_shown, &failed_toast, 2000));
  kept = list_rows (window, "net-keys");
  g_assert_cmpstr (kept, ==, net_keys);
  assert_net_key_deletable (page, "Guests", TRUE, "Delete NetKey");

  /* The last NetKey stays. */
  delete_net_key (page, "Guests");
  g_assert_cmpstr (calls->pdata[calls->len - 1], ==, "delete-net-key 1");
  last = list_rows (window, "net-keys");
  g_assert_cmpstr (last, ==, "Primary | Index 0");
  assert_net_key_deletable (page, "Primary", FALSE, "A network needs at least one NetKey.");
  g_assert_true (mesh_test_wait_until (stored_net_key_gone, GUINT_TO_POINTER (1), 5000));

  mesh_window_set_controller (window, NULL);
  assert_net_key_deletable (page, "Primary", FALSE, "A network needs at least one NetKey.");
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
  g_test_add_func ("/gui-keys/delete-net-key", test_keys_delete_net_key);

  ret = g_test_run ();

  mesh_test_application_free (app);
  g_free (database_path);

  return ret;
}
