/* test-gui-nodes.c: the Nodes section over a real network database.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-node-page.h"
#include "mesh-node-row.h"
#include "mesh-nodes-page.h"
#include "mesh-rename-popover.h"
#include "mesh-test-network.h"
#include "mesh-test-utils.h"

static MeshApplication *app;
static char *database_path;

static MeshWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    return MESH_WINDOW (window);

  return mesh_test_open_window (app);
}

static MeshNodesPage *
get_nodes_page (MeshWindow *window)
{
  return MESH_NODES_PAGE (mesh_test_find_descendant (GTK_WIDGET (window), MESH_TYPE_NODES_PAGE, NULL));
}

static GtkSearchEntry *
get_search_entry (MeshWindow *window)
{
  return GTK_SEARCH_ENTRY (mesh_test_find_descendant (GTK_WIDGET (get_nodes_page (window)),
                                                      GTK_TYPE_SEARCH_ENTRY, NULL));
}

/* The addresses of the nodes the list shows, in order, as "0x0002 0x0005". */
static char *
visible_addresses (MeshWindow *window)
{
  GListModel *nodes = mesh_nodes_page_get_visible_nodes (get_nodes_page (window));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (nodes, i);

      g_string_append_printf (out, "%s0x%04X", i > 0 ? " " : "", mesh_node_get_unicast (node));
    }

  return g_string_free (out, FALSE);
}

static MeshNodeRow *
find_row (GtkWidget *root,
          guint16    address)
{
  if (MESH_IS_NODE_ROW (root) && mesh_node_row_get_node (MESH_NODE_ROW (root)) != NULL &&
      mesh_node_get_unicast (mesh_node_row_get_node (MESH_NODE_ROW (root))) == address)
    return MESH_NODE_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      MeshNodeRow *row = find_row (child, address);

      if (row != NULL)
        return row;
    }

  return NULL;
}

static void
assert_row_label (MeshNodeRow *row,
                  const char  *text)
{
  if (mesh_test_find_label (GTK_WIDGET (row), text) == NULL)
    g_error ("The row of %s shows no “%s”", mesh_node_get_name (mesh_node_row_get_node (row)), text);
}

static void
search (MeshWindow *window,
        const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (get_search_entry (window)), text);
  /* search-changed comes from an idle even with no delay */
  mesh_test_iterate (20);
}

static void
test_nodes_sorted (void)
{
  MeshWindow *window = get_window ();
  g_autofree char *addresses = NULL;
  MeshNodeRow *row;

  /* The database has them in the order 5, 2, 16, 256, 9. */
  addresses = visible_addresses (window);
  g_assert_cmpstr (addresses, ==, "0x0002 0x0005 0x0009 0x0010 0x0100");

  row = find_row (GTK_WIDGET (window), 0x0005);
  g_assert_nonnull (row);
  assert_row_label (row, "Kitchen Light");
  assert_row_label (row, "Nordic Semiconductor ASA · Product 0x0001");
  assert_row_label (row, "0x0005");
  assert_row_label (row, "Configured");

  assert_row_label (find_row (GTK_WIDGET (window), 0x0002), "Not configured");
  assert_row_label (find_row (GTK_WIDGET (window), 0x0002), "Espressif Systems (Shanghai) Co., Ltd.");
  assert_row_label (find_row (GTK_WIDGET (window), 0x0010), "Excluded");
  assert_row_label (find_row (GTK_WIDGET (window), 0x0010), "Composition not read yet");
  /* A node without a name is called by its address. */
  assert_row_label (find_row (GTK_WIDGET (window), 0x0100), "Node 0x0100");
}

static void
test_nodes_search (void)
{
  MeshWindow *window = get_window ();
  MeshNodesPage *page = get_nodes_page (window);
  GtkWidget *entry = GTK_WIDGET (get_search_entry (window));
  static const struct {
    const char *search;
    const char *addresses;
  } cases[] = {
    { "kitchen", "0x0005" },
    { "KITCHEN light", "0x0005" },
    { "0x0005", "0x0005" },
    { "0005", "0x0005" },
    { "0x001", "0x0010" },
    { MESH_TEST_KITCHEN_UUID, "0x0005" },
    { "0B1C2D3E4F5046178293A4B5C6D7E8F9", "0x0005" },
    { "4f50-4617", "0x0005" },
    { "nordic", "0x0005 0x0100" },
    { "nordic light", "0x0005" },
    { "espressif", "0x0002" },
    { "linux", "0x0009" },
    { "lamp", "0x0009" },
    { "light", "0x0005" },
    /* narrowing, then widening again */
    { "o", "0x0002 0x0005 0x0009 0x0010 0x0100" },
    { "or", "0x0002 0x0005 0x0009 0x0010 0x0100" },
    { "ord", "0x0005 0x0100" },
    { "ordic 0x01", "0x0100" },
    { "or", "0x0002 0x0005 0x0009 0x0010 0x0100" },
    { "", "0x0002 0x0005 0x0009 0x0010 0x0100" },
  };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  mesh_test_iterate (50);
  g_assert_true (mesh_nodes_page_get_search_mode (page));
  /* The focus is in the entry's text. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *addresses = NULL;

      search (window, cases[i].search);
      addresses = visible_addresses (window);
      if (g_strcmp0 (addresses, cases[i].addresses) != 0)
        g_error ("Searching “%s” shows %s, not %s", cases[i].search, addresses, cases[i].addresses);
    }

  /* Nothing found: the page says so. */
  search (window, "zigbee");
  g_assert_cmpuint (g_list_model_get_n_items (mesh_nodes_page_get_visible_nodes (page)), ==, 0);
  mesh_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (page), "No Matching Nodes"));

  /* Escape leaves the search and shows every node again. */
  search (window, "garage");
  g_assert_cmpuint (g_list_model_get_n_items (mesh_nodes_page_get_visible_nodes (page)), ==, 1);
  g_signal_emit_by_name (entry, "stop-search");
  mesh_test_iterate (50);
  g_assert_false (mesh_nodes_page_get_search_mode (page));
  g_assert_cmpuint (g_list_model_get_n_items (mesh_nodes_page_get_visible_nodes (page)), ==, 5);
}

static char *
stored_name (guint16 address)
{
  g_autoptr(MeshStore) store = mesh_test_store_open (database_path);
  MeshNetwork *network = mesh_test_store_load_network (store);
  MeshNode *node = mesh_network_find_node_by_address (network, address);
  char *name = g_strdup (mesh_node_get_name (node));

  mesh_test_store_close (&store);

  return name;
}

static gboolean
stored_name_is (gpointer expected)
{
  g_autofree char *name = stored_name (0x0002);

  return g_strcmp0 (name, expected) == 0;
}

static MeshRenamePopover *
open_rename_popover (MeshWindow *window,
                     guint16     address)
{
  MeshNodeRow *row = find_row (GTK_WIDGET (window), address);
  GtkWidget *popover;

  g_assert_nonnull (row);
  mesh_node_row_rename (row);
  mesh_test_iterate (50);

  popover = mesh_test_find_descendant (GTK_WIDGET (row), MESH_TYPE_RENAME_POPOVER, NULL);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));

  return MESH_RENAME_POPOVER (popover);
}

static void
rename_to (MeshRenamePopover *popover,
           const char        *name)
{
  GtkWidget *entry = mesh_test_find_descendant (GTK_WIDGET (popover), GTK_TYPE_ENTRY, NULL);

  /* The entry starts with the current name. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, mesh_rename_popover_get_text (popover));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_signal_emit_by_name (entry, "activate");
  mesh_test_iterate (20);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

static void
test_nodes_rename (void)
{
  MeshWindow *window = get_window ();
  MeshNodeRow *row;
  MeshRenamePopover *popover;

  popover = open_rename_popover (window, 0x0002);
  g_assert_cmpstr (mesh_rename_popover_get_text (popover), ==, "Hall Sensor");
  rename_to (popover, "  Hallway Motion Sensor ");

  /* The row shows the new name at once, and the database gets it. */
  row = find_row (GTK_WIDGET (window), 0x0002);
  assert_row_label (row, "Hallway Motion Sensor");
  g_assert_true (mesh_test_wait_until (stored_name_is, "Hallway Motion Sensor", 5000));

  /* The search finds the node by its new name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  search (window, "motion");
  {
    g_autofree char *addresses = visible_addresses (window);

    g_assert_cmpstr (addresses, ==, "0x0002");
  }
  g_signal_emit_by_name (get_search_entry (window), "stop-search");
  mesh_test_iterate (50);
}

static void
test_nodes_open (void)
{
  MeshWindow *window = get_window ();
  MeshNodesPage *page = get_nodes_page (window);
  GtkListView *list = GTK_LIST_VIEW (mesh_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW, NULL));
  MeshNodePage *node_page;

  /* Activating the second row (0x0005) opens the node's page... */
  g_signal_emit_by_name (list, "activate", 1);
  mesh_test_iterate (50);
  g_assert_cmpstr (mesh_window_get_visible_section (window), ==, "node");
  node_page = MESH_NODE_PAGE (mesh_test_find_descendant (GTK_WIDGET (window), MESH_TYPE_NODE_PAGE, NULL));
  g_assert_cmpstr (mesh_node_get_uuid (mesh_node_page_get_node (node_page)), ==, MESH_TEST_KITCHEN_UUID);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Mesh Provisioner");
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (window), "Kitchen Light"));

  /* ...and going back returns to the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_cmpstr (mesh_window_get_visible_section (window), ==, "nodes");

  /* Enter in the search opens the first match. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  search (window, "porch");
  g_signal_emit_by_name (get_search_entry (window), "activate");
  mesh_test_iterate (50);
  g_assert_cmpstr (mesh_window_get_visible_section (window), ==, "node");
  g_assert_cmpuint (mesh_node_get_unicast (mesh_node_page_get_node (node_page)), ==, 0x0009);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_signal_emit_by_name (get_search_entry (window), "stop-search");
  mesh_test_iterate (50);
}

static void
test_nodes_screenshot (void)
{
  MeshWindow *window = get_window ();
  g_autoptr(GdkTexture) texture = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  mesh_window_show_section (window, "nodes");
  mesh_test_iterate (400);
  texture = mesh_test_screenshot (GTK_WIDGET (window), "nodes.png");
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
}

static gboolean
rename_failed (gpointer window)
{
  return mesh_test_has_toast (window, "Could not rename “Front Door Lamp”: The network database is closed.");
}

static void
test_nodes_rename_fails (void)
{
  MeshWindow *window = get_window ();
  g_autoptr(MeshStore) store = g_object_ref (mesh_window_get_store (window));
  MeshRenamePopover *popover;
  MeshNodeRow *row;

  /* A store that cannot write: the rename does not stick, and says why. */
  mesh_test_store_close (&store);
  popover = open_rename_popover (window, 0x0009);
  rename_to (popover, "Front Door Lamp");
  row = find_row (GTK_WIDGET (window), 0x0009);
  g_assert_true (mesh_test_wait_until (rename_failed, window, 5000));
  mesh_test_wait_for_frame (GTK_WIDGET (window));

  g_assert_cmpstr (mesh_node_get_name (mesh_node_row_get_node (row)), ==, "Porch Lamp");
  assert_row_label (row, "Porch Lamp");
  g_assert_true (mesh_test_has_toast (GTK_WIDGET (window), "Could not rename “Front Door Lamp”"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  mesh_test_init_gui (&argc, &argv);
  database_path = mesh_test_create_home_database ();

  app = mesh_test_application_new ();

  g_test_add_func ("/gui-nodes/sorted", test_nodes_sorted);
  g_test_add_func ("/gui-nodes/search", test_nodes_search);
  g_test_add_func ("/gui-nodes/rename", test_nodes_rename);
  g_test_add_func ("/gui-nodes/open", test_nodes_open);
  g_test_add_func ("/gui-nodes/screenshot", test_nodes_screenshot);
  g_test_add_func ("/gui-nodes/rename-fails", test_nodes_rename_fails);

  ret = g_test_run ();

  mesh_test_application_free (app);
  g_free (database_path);

  return ret;
}
