/* test-sorted-list.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-node.h"
#include "mesh-sorted-list.h"

/* MeshSortedList: the order, its stability, and the smallest change
 * reported when the list below changes. */

static int
compare_unicast (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  guint x = mesh_node_get_unicast ((MeshNode *) a);
  guint y = mesh_node_get_unicast ((MeshNode *) b);

  return x < y ? -1 : x > y;
}

static MeshNode *
node_new (guint unicast,
          guint tag)
{
  g_autofree char *uuid = g_strdup_printf ("%08x-0000-4000-8000-%012x", unicast, tag);

  return mesh_node_new (uuid, unicast, 1);
}

/* "unicast/tag" of each item, to compare with an expected string. */
static char *
describe (GListModel *model)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (model, i);
      const char *uuid = mesh_node_get_uuid (node);

      g_string_append_printf (text, "%s%u/%c", i > 0 ? " " : "", mesh_node_get_unicast (node),
                              uuid[strlen (uuid) - 1]);
    }

  return g_string_free (text, FALSE);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "(%u,%u,%u)", position, removed, added);
}

static void
append (GListStore *store,
        guint       unicast,
        guint       tag)
{
  g_autoptr(MeshNode) node = node_new (unicast, tag);

  g_list_store_append (store, node);
}

static void
test_sorted (void)
{
  g_autoptr(GListStore) store = g_list_store_new (MESH_TYPE_NODE);
  g_autoptr(MeshSortedList) sorted = mesh_sorted_list_new (compare_unicast, NULL);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (sorted)) == G_TYPE_OBJECT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sorted)), ==, 0);

  /* Equal addresses keep the order of the list below. */
  append (store, 5, 1);
  append (store, 2, 2);
  append (store, 5, 3);
  append (store, 1, 4);
  append (store, 2, 5);
  g_signal_connect (sorted, "items-changed", G_CALLBACK (items_changed_cb), log);
  mesh_sorted_list_set_model (sorted, G_LIST_MODEL (store));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (sorted)) == MESH_TYPE_NODE);
  text = describe (G_LIST_MODEL (sorted));
  g_assert_cmpstr (text, ==, "1/4 2/2 2/5 5/1 5/3");
  g_assert_cmpstr (log->str, ==, "(0,0,5)");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (sorted), 5));

  /* A new item in the middle: only it is reported. */
  g_string_truncate (log, 0);
  append (store, 3, 6);
  g_clear_pointer (&text, g_free);
  text = describe (G_LIST_MODEL (sorted));
  g_assert_cmpstr (text, ==, "1/4 2/2 2/5 3/6 5/1 5/3");
  g_assert_cmpstr (log->str, ==, "(3,0,1)");

  /* Removing the first of the list below (5/1). */
  g_string_truncate (log, 0);
  g_list_store_remove (store, 0);
  g_clear_pointer (&text, g_free);
  text = describe (G_LIST_MODEL (sorted));
  g_assert_cmpstr (text, ==, "1/4 2/2 2/5 3/6 5/3");
  g_assert_cmpstr (log->str, ==, "(4,1,0)");

  /* A change that leaves the order as it was reports nothing. */
  g_string_truncate (log, 0);
  {
    g_autoptr(MeshNode) last = g_list_model_get_item (G_LIST_MODEL (store), 0);

    g_list_store_splice (store, 0, 1, (gpointer *) &last, 1);
  }
  g_assert_cmpstr (log->str, ==, "");

  g_string_truncate (log, 0);
  mesh_sorted_list_set_model (sorted, NULL);
  g_assert_cmpstr (log->str, ==, "(0,5,0)");
  g_assert_null (mesh_sorted_list_get_model (sorted));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sorted-list/sorted", test_sorted);

  return g_test_run ();
}
