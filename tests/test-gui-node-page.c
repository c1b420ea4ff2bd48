/* test-gui-node-page.c: a node's page, its tree and its actions.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-address-row.h"
#include "mesh-composition-row.h"
#include "mesh-model-entry.h"
#include "mesh-node-page.h"
#include "mesh-nodes-page.h"
#include "mesh-publication-dialog.h"
#include "mesh-test-controller.h"
#include "mesh-test-network.h"
#include "mesh-test-utils.h"

#define ONOFF_SERVER "(uub)", 0, 0x1000, FALSE

static MeshApplication *app;
static char *database_path;

static MeshNodePage *
get_node_page (MeshWindow *window)
{
  return MESH_NODE_PAGE (mesh_test_find_descendant (GTK_WIDGET (window), MESH_TYPE_NODE_PAGE, NULL));
}

static gboolean
elements_shown (gpointer page)
{
  MeshNode *node = mesh_node_page_get_node (page);

  return node != NULL && mesh_node_get_elements_loaded (node);
}

/* The window on the Kitchen Light's page, its elements loaded. */
static MeshWindow *
show_kitchen_light (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  MeshNodePage *page;

  if (window == NULL)
    window = GTK_WINDOW (mesh_test_open_window (app));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-node", "s", MESH_TEST_KITCHEN_UUID));
  g_assert_cmpstr (mesh_window_get_visible_section (MESH_WINDOW (window)), ==, "node");
  page = get_node_page (MESH_WINDOW (window));
  g_assert_true (mesh_test_wait_until (elements_shown, page, 5000));
  mesh_test_wait_for_frame (GTK_WIDGET (window));

  return MESH_WINDOW (window);
}

static MeshModel *
onoff_server (MeshWindow *window)
{
  MeshNode *node = mesh_node_page_get_node (get_node_page (window));

  return mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE);
}

static void
assert_label (GtkWidget  *root,
              const char *text)
{
  if (mesh_test_find_label (root, text) == NULL)
    g_error ("The page shows no “%s”", text);
}

static void
test_node_page_identity (void)
{
  MeshWindow *window = show_kitchen_light ();
  GtkWidget *page = GTK_WIDGET (get_node_page (window));

  g_assert_cmpstr (mesh_node_page_get_title (MESH_NODE_PAGE (page)), ==, "Kitchen Light");
  /* The header bar says which node this is. */
  assert_label (GTK_WIDGET (window), "Kitchen Light");

  assert_label (page, MESH_TEST_KITCHEN_UUID);
  assert_label (page, "0x0005 – 0x0006");
  assert_label (page, "Nordic Semiconductor ASA");
  assert_label (page, "ID 0x0001 · version 0x0002");
  assert_label (page, "32");
  assert_label (page, "5");
  assert_label (page, "Secure");
  assert_label (page, "Configured");
  assert_label (page, "Not supported");
  /* Relay on, proxy off. */
  assert_label (page, "On");
  assert_label (page, "Off");

  /* Its subnets, by name (NetKey 2 is none of the network's). */
  assert_label (page, "Primary");
  {
    const MeshNodeKey keys[] = { { 0, FALSE }, { 2, FALSE } };

    mesh_node_set_net_keys (mesh_node_page_get_node (MESH_NODE_PAGE (page)), keys, 2);
  }
  assert_label (page, "Primary, NetKey 2");
}

/* The tree rows' titles and subtitles, one "title | subtitle" per row. */
static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (MESH_IS_COMPOSITION_ROW (root) && gtk_widget_get_mapped (root) &&
      mesh_composition_row_get_item (MESH_COMPOSITION_ROW (root)) != NULL)
    {
      GtkWidget *title = mesh_test_find_descendant (root, GTK_TYPE_LABEL, NULL);
      GtkWidget *subtitle = gtk_widget_get_next_sibling (title);

      g_ptr_array_add (rows, g_strdup_printf ("%s | %s",
                                              gtk_label_get_text (GTK_LABEL (title)),
                                              gtk_widget_get_visible (subtitle)
                                              ? gtk_label_get_text (GTK_LABEL (subtitle)) : ""));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static gboolean
has_row (MeshWindow *window,
         const char *row)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

  mesh_test_wait_for_frame (GTK_WIDGET (window));
  collect_rows (GTK_WIDGET (get_node_page (window)), rows);

  return g_ptr_array_find_with_equal_func (rows, row, g_str_equal, NULL);
}

static void
assert_row (MeshWindow *window,
            const char *row)
{
  if (!has_row (window, row))
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      collect_rows (GTK_WIDGET (get_node_page (window)), rows);
      g_ptr_array_add (rows, NULL);
      g_error ("The tree has no row “%s”; it has:\n%s", row,
               g_strjoinv ("\n", (char **) rows->pdata));
    }
}

static void
test_node_page_tree (void)
{
  MeshWindow *window = show_kitchen_light ();
  GListModel *tree = mesh_node_page_get_tree (get_node_page (window));

  /* 2 elements, 5 models, and the OnOff Server's 3 entries and the Health
   * Server's and the two models' "nothing" lines: all expanded. */
  g_assert_cmpuint (g_list_model_get_n_items (tree), ==, 2 + 5 + 3 + 3);

  assert_row (window, "Element 0 | 0x0005 · Main · 3 models");
  assert_row (window, "Configuration Server | 0x0000");
  assert_row (window, "Health Server | 0x0002");
  assert_row (window, "Generic OnOff Server | 0x1000");
  assert_row (window, "Lights | Bound AppKey · index 0");
  assert_row (window, "Living room (0xC000) | Subscription");
  assert_row (window, "Publishes to Kitchen (0xC001) | "
                      "With Lights · TTL 5 · Every 10 s · 2 retransmissions, 100 ms apart");
  assert_row (window, "Element 1 | 0x0006 · Left · 2 models");
  assert_row (window, "Generic Level Server | 0x1002");
  assert_row (window, "Vendor Model of Nordic Semiconductor ASA | 0x0059 · 0x0001");
  assert_row (window, "No AppKey bound, no subscriptions, not publishing | ");

  /* The OnOff Server is what the node's On/Off buttons drive. */
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (get_node_page (window)), "Generic OnOff"));
}

static void
test_node_page_offline (void)
{
  MeshWindow *window = show_kitchen_light ();
  MeshNodePage *page = get_node_page (window);
  GtkWidget *label;
  GtkWidget *button;

  g_assert_null (mesh_window_get_controller (window));

  /* Without bluetooth-meshd, what needs it is disabled and says why. */
  label = mesh_test_find_label (GTK_WIDGET (page), "On");
  g_assert_nonnull (label);
  button = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "bluetooth-meshd"));

  gtk_widget_activate_action (GTK_WIDGET (page), "node.bind-app-key", "(uubq)", 0, 0x1000, FALSE, 1);
  mesh_test_iterate (50);
  g_assert_false (mesh_node_page_get_busy (page));
  g_assert_false (mesh_model_has_binding (onoff_server (window), 1));

  /* Renaming needs only the database. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "node.rename", NULL));
  mesh_test_iterate (50);
  {
    GtkWidget *popover = mesh_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_POPOVER, NULL);

    g_assert_true (gtk_widget_get_visible (popover));
    gtk_popover_popdown (GTK_POPOVER (popover));
  }
}

static gboolean
not_busy (gpointer page)
{
  return !mesh_node_page_get_busy (page);
}

/* Runs a node action and waits for the controller's answer. */
static void
run_action (MeshWindow *window,
            const char *action,
            const char *format,
            ...)
{
  MeshNodePage *page = get_node_page (window);
  GVariant *param = NULL;
  va_list args;

  if (format != NULL)
    {
      va_start (args, format);
      param = g_variant_new_va (format, NULL, &args);
      va_end (args);
    }

  g_assert_false (mesh_node_page_get_busy (page));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (page), action, param));
  /* The page shows the action running until the node answers. */
  g_assert_true (mesh_node_page_get_busy (page));
  g_assert_true (mesh_test_wait_until (not_busy, page, 5000));
}

static MeshTestController *
set_controller (MeshWindow *window)
{
  MeshTestController *controller = mesh_test_controller_new (mesh_window_get_store (window), 100);

  mesh_window_set_controller (window, MESH_NETWORK_CONTROLLER (controller));
  g_object_unref (controller);

  return controller;
}

static const char *
last_call (MeshTestController *controller)
{
  GPtrArray *calls = mesh_test_controller_get_calls (controller);

  g_assert_cmpuint (calls->len, >, 0);
  return calls->pdata[calls->len - 1];
}

static gboolean
has_failure_toast (gpointer window)
{
  return mesh_test_has_toast (window, "Could not read the composition. The node did not answer.");
}

static void
test_node_page_actions (void)
{
  MeshWindow *window = show_kitchen_light ();
  MeshNodePage *page = get_node_page (window);
  MeshTestController *controller = set_controller (window);
  MeshModel *model = onoff_server (window);
  const MeshPublication *publication;
  AdwMessageDialog *dialog;
  MeshPublicationDialog *publication_dialog;
  GtkWidget *row;
  GtkWidget *spin;
  GtkWidget *button;

  /* Bind: the tree shows the key once the node has confirmed. */
  g_assert_false (has_row (window, "Sensors | Bound AppKey · index 1"));
  run_action (window, "node.bind-app-key", "(uubq)", 0, 0x1000, FALSE, 1);
  g_assert_cmpstr (last_call (controller), ==, "bind-app-key 1");
  g_assert_true (mesh_model_has_binding (model, 1));
  assert_row (window, "Sensors | Bound AppKey · index 1");

  run_action (window, "node.unbind-app-key", "(uubq)", 0, 0x1000, FALSE, 0);
  g_assert_cmpstr (last_call (controller), ==, "unbind-app-key 0");
  g_assert_false (mesh_model_has_binding (model, 0));
  g_assert_false (has_row (window, "Lights | Bound AppKey · index 0"));

  /* Subscribe through the dialog, to a group named as the user knows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "node.add-subscription", ONOFF_SERVER));
  dialog = ADW_MESSAGE_DIALOG (mesh_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  row = mesh_test_find_descendant (GTK_WIDGET (dialog), MESH_TYPE_ADDRESS_ROW, NULL);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (row), "0x0005");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (row), "kitchen");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  /* as its buttons do */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (mesh_node_page_get_busy (page));
  g_assert_true (mesh_test_wait_until (not_busy, page, 5000));
  g_assert_cmpstr (last_call (controller), ==, "add-subscription 0xC001");
  assert_row (window, "Kitchen (0xC001) | Subscription");

  run_action (window, "node.remove-subscription", "(uubq)", 0, 0x1000, FALSE, 0xC000);
  g_assert_cmpstr (last_call (controller), ==, "remove-subscription 0xC000");
  g_assert_false (has_row (window, "Living room (0xC000) | Subscription"));

  /* The publication dialog starts from the current publication. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "node.set-publication", ONOFF_SERVER));
  publication_dialog = MESH_PUBLICATION_DIALOG (mesh_test_wait_for_toplevel (MESH_TYPE_PUBLICATION_DIALOG));
  mesh_test_wait_for_frame (GTK_WIDGET (publication_dialog));
  {
    g_autoptr(MeshPublication) unchanged = mesh_publication_dialog_dup_publication (publication_dialog);

    g_assert_true (mesh_publication_equal (unchanged, mesh_model_get_publication (model)));
  }
  row = mesh_test_find_descendant (GTK_WIDGET (publication_dialog), MESH_TYPE_ADDRESS_ROW, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Kitchen");
  gtk_editable_set_text (GTK_EDITABLE (row), "0xC000");
  spin = GTK_WIDGET (mesh_test_find_label (GTK_WIDGET (publication_dialog), "Period in Seconds"));
  spin = mesh_test_find_descendant (gtk_widget_get_ancestor (spin, ADW_TYPE_ACTION_ROW), GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 5);
  mesh_test_screenshot (GTK_WIDGET (publication_dialog), "publication-dialog.png");
  button = GTK_WIDGET (mesh_test_find_label (GTK_WIDGET (publication_dialog), "Set"));
  g_signal_emit_by_name (gtk_widget_get_ancestor (button, GTK_TYPE_BUTTON), "clicked");
  g_assert_true (mesh_node_page_get_busy (page));
  g_assert_true (mesh_test_wait_until (not_busy, page, 5000));
  g_assert_cmpstr (last_call (controller), ==, "set-publication 0xC000");
  publication = mesh_model_get_publication (model);
  g_assert_nonnull (publication);
  g_assert_cmpuint (publication->destination.address, ==, 0xC000);
  g_assert_cmpuint (publication->app_key_index, ==, 0);
  g_assert_cmpuint (publication->ttl, ==, 5);
  /* 5 s = 50 steps of 100 ms */
  g_assert_cmpuint (publication->period_steps, ==, 50);
  g_assert_cmpuint (publication->period_resolution, ==, 0);
  g_assert_cmpuint (publication->retransmit_count, ==, 2);
  g_assert_cmpuint (publication->retransmit_interval_steps, ==, 1);
  assert_row (window, "Publishes to Living room (0xC000) | "
                      "With Lights · TTL 5 · Every 5 s · 2 retransmissions, 100 ms apart");

  run_action (window, "node.clear-publication", ONOFF_SERVER);
  g_assert_cmpstr (last_call (controller), ==, "set-publication off");
  g_assert_null (mesh_model_get_publication (model));

  /* OnOff: the state shown is the one the node reported. */
  run_action (window, "node.set-onoff", "b", TRUE);
  g_assert_cmpstr (last_call (controller), ==, "set-onoff 0x0005 on");
  assert_label (GTK_WIDGET (page), "On, as the node reported");
  run_action (window, "node.set-onoff", "b", FALSE);
  assert_label (GTK_WIDGET (page), "Off, as the node reported");

  /* A failure is said in a toast and changes nothing. */
  mesh_test_controller_fail_next (controller, "The node did not answer.");
  run_action (window, "node.refresh-composition", NULL);
  g_assert_true (mesh_test_wait_until (has_failure_toast, window, 2000));
  g_assert_cmpuint (g_list_model_get_n_items (mesh_node_get_elements (mesh_node_page_get_node (page))), ==, 2);

  /* Cancel stops waiting. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "node.bind-app-key", "(uubq)", 1, 0x1002, FALSE, 1));
  g_assert_true (mesh_node_page_get_busy (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "node.cancel", NULL));
  g_assert_true (mesh_test_wait_until (not_busy, page, 5000));
  g_assert_false (mesh_model_has_binding (mesh_element_find_model (mesh_node_get_element (mesh_node_page_get_node (page), 1),
                                                                   0x1002, FALSE), 1));
}

static void
test_node_page_screenshot (void)
{
  MeshWindow *window = show_kitchen_light ();

  GtkWidget *page = GTK_WIDGET (get_node_page (window));
  GtkAdjustment *adjustment;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  mesh_test_iterate (400);
  mesh_test_screenshot (GTK_WIDGET (window), "node-page.png");

  /* And its details, further down. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (mesh_test_find_descendant (page, GTK_TYPE_SCROLLED_WINDOW, NULL)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  mesh_test_iterate (100);
  mesh_test_screenshot (GTK_WIDGET (window), "node-page-details.png");
  gtk_adjustment_set_value (adjustment, 0);
}

static void
test_node_page_reset (void)
{
  MeshWindow *window = show_kitchen_light ();
  MeshNodePage *page = get_node_page (window);
  MeshTestController *controller = MESH_TEST_CONTROLLER (mesh_window_get_controller (window));
  MeshNodesPage *nodes_page;
  AdwMessageDialog *dialog;

  g_assert_nonnull (controller);

  /* Reset asks first; Cancel does nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "node.reset", NULL));
  dialog = ADW_MESSAGE_DIALOG (mesh_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Reset “Kitchen Light”?");
  adw_message_dialog_response (dialog, "cancel");
  /* as its buttons do */
  gtk_window_destroy (GTK_WINDOW (dialog));
  mesh_test_iterate (50);
  g_assert_false (mesh_node_page_get_busy (page));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "node.reset", NULL));
  dialog = ADW_MESSAGE_DIALOG (mesh_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "reset");
  /* as its buttons do */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (mesh_test_wait_until (not_busy, page, 5000));
  g_assert_cmpstr (last_call (controller), ==, "reset-node 0x0005");

  /* The node is gone: back to the list, which no longer has it. */
  g_assert_cmpstr (mesh_window_get_visible_section (window), ==, "nodes");
  nodes_page = MESH_NODES_PAGE (mesh_test_find_descendant (GTK_WIDGET (window), MESH_TYPE_NODES_PAGE, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (mesh_nodes_page_get_visible_nodes (nodes_page)), ==, 4);
  g_assert_null (mesh_network_find_node_by_address (mesh_window_get_network (window), 0x0005));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  mesh_test_init_gui (&argc, &argv);
  database_path = mesh_test_create_home_database ();

  app = mesh_test_application_new ();

  g_test_add_func ("/gui-node-page/identity", test_node_page_identity);
  g_test_add_func ("/gui-node-page/tree", test_node_page_tree);
  g_test_add_func ("/gui-node-page/screenshot", test_node_page_screenshot);
  g_test_add_func ("/gui-node-page/offline", test_node_page_offline);
  g_test_add_func ("/gui-node-page/actions", test_node_page_actions);
  g_test_add_func ("/gui-node-page/reset", test_node_page_reset);

  ret = g_test_run ();

  mesh_test_application_free (app);
  g_free (database_path);

  return ret;
}
