/* test-stable-list.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-node.h"
#include "mesh-stable-list.h"

/* MeshStableList: slots that stay in place while their items change, the
 * first rows added a few at a time, and the rows off screen updated in
 * idle time. A "row" here is a notify::item handler on a slot. */

static GPtrArray *
make_nodes (guint first,
            guint n)
{
  GPtrArray *nodes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("%08x-0000-4000-8000-000000000000", first + i);

      g_ptr_array_add (nodes, mesh_node_new (uuid, first + i, 1));
    }

  return nodes;
}

static void
replace_all (GListStore *store,
             GPtrArray  *nodes)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       nodes->pdata, nodes->len);
}

static void
iterate_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  MeshListSlot *slot;
  guint         notified;
} Row;

static void
item_changed_cb (MeshListSlot *slot,
                 GParamSpec   *pspec,
                 Row          *row)
{
  row->notified++;
}

static void
row_bind (Row            *row,
          MeshStableList *list,
          guint           position)
{
  row->slot = g_list_model_get_item (G_LIST_MODEL (list), position);
  row->notified = 0;
  g_signal_connect (row->slot, "notify::item", G_CALLBACK (item_changed_cb), row);
}

static guint
row_unicast (Row *row)
{
  return mesh_node_get_unicast (mesh_list_slot_get_item (row->slot));
}

static void
test_grows_a_few_at_a_time (void)
{
  g_autoptr(GListStore) store = g_list_store_new (MESH_TYPE_NODE);
  g_autoptr(MeshStableList) list = mesh_stable_list_new (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) nodes = make_nodes (1, 100);

  replace_all (store, nodes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  iterate_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100);
  g_assert_cmpuint (mesh_node_get_unicast (mesh_stable_list_peek_item (list, 99)), ==, 100);
}

static void
test_rows_off_screen_wait (void)
{
  g_autoptr(GListStore) store = g_list_store_new (MESH_TYPE_NODE);
  g_autoptr(MeshStableList) list = mesh_stable_list_new (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) first = make_nodes (1, 100);
  g_autoptr(GPtrArray) second = make_nodes (1001, 100);
  g_autoptr(GPtrArray) third = make_nodes (2001, 100);
  Row on_screen, off_screen;

  replace_all (store, first);
  iterate_idle ();
  row_bind (&on_screen, list, 3);
  row_bind (&off_screen, list, 60);
  g_assert_cmpuint (row_unicast (&on_screen), ==, 4);
  g_assert_cmpuint (row_unicast (&off_screen), ==, 61);

  /* Positions 0–19 on screen: the row of slot 60 waits. */
  mesh_stable_list_set_visible_range (list, 0, 20);
  replace_all (store, second);
  g_assert_cmpuint (on_screen.notified, ==, 1);
  g_assert_cmpuint (row_unicast (&on_screen), ==, 1004);
  g_assert_cmpuint (off_screen.notified, ==, 0);
  iterate_idle ();
  g_assert_cmpuint (off_screen.notified, ==, 1);
  g_assert_cmpuint (row_unicast (&off_screen), ==, 1061);

  /* Scrolling brings it on screen: it follows at once. */
  replace_all (store, third);
  g_assert_cmpuint (off_screen.notified, ==, 1);
  mesh_stable_list_set_visible_range (list, 50, 20);
  g_assert_cmpuint (off_screen.notified, ==, 2);
  g_assert_cmpuint (row_unicast (&off_screen), ==, 2061);
  iterate_idle ();
  g_assert_cmpuint (on_screen.notified, ==, 2);
  g_assert_cmpuint (row_unicast (&on_screen), ==, 2004);

  /* Range unknown: every row follows at once. */
  mesh_stable_list_set_visible_range (list, 0, 0);
  replace_all (store, first);
  g_assert_cmpuint (on_screen.notified, ==, 3);
  g_assert_cmpuint (off_screen.notified, ==, 3);
  g_assert_cmpuint (row_unicast (&off_screen), ==, 61);

  /* Asking a waiting slot for its item brings its row along. */
  mesh_stable_list_set_visible_range (list, 0, 20);
  replace_all (store, second);
  g_assert_cmpuint (off_screen.notified, ==, 3);
  g_assert_cmpuint (mesh_node_get_unicast (mesh_stable_list_peek_item (list, 60)), ==, 1061);
  g_assert_cmpuint (off_screen.notified, ==, 4);

  /* Slots that leave the list keep their item. */
  g_list_store_splice (store, 10, 90, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);
  g_assert_cmpuint (row_unicast (&off_screen), ==, 1061);
  iterate_idle ();

  g_signal_handlers_disconnect_by_data (on_screen.slot, &on_screen);
  g_signal_handlers_disconnect_by_data (off_screen.slot, &off_screen);
  g_object_unref (on_screen.slot);
  g_object_unref (off_screen.slot);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/stable-list/grows-a-few-at-a-time", test_grows_a_few_at_a_time);
  g_test_add_func ("/stable-list/rows-off-screen-wait", test_rows_off_screen_wait);

  return g_test_run ();
}
