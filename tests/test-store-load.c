/* test-store-load.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Opening and loading: the first network with the store, the elements on
 * demand, and a cancelled call. */

#include "config.h"

#include "mesh-core-test-utils.h"
#include "test-store-util.h"

/* Opening with the first network loaded: the lists are there when the
 * store is, and the elements still load on demand. */
static void
test_open_with_network (StoreFixture  *f,
                        gconstpointer  data)
{
  MeshNetwork *network = store_test_add_network (f->store);
  g_autoptr(MeshNode) node = store_test_make_full_node ();
  g_autoptr(MeshNetKey) key = mesh_net_key_new (2, "Second");
  g_autoptr(MeshNetwork) other = mesh_network_new ("6a4b1c8f-2d3e-4f5a-9b0c-1d2e3f4a5b6c", "Other");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MeshStore) store = NULL;
  g_autoptr(MeshNetwork) first = NULL;
  g_autoptr(MeshNetwork) second = NULL;
  g_autoptr(GError) error = NULL;
  MeshNode *n;

  store_test_add (f->store, network, node);
  store_test_add (f->store, network, key);
  store_test_add (f->store, NULL, other);
  store_test_close (&f->store);

  mesh_store_open_with_network_async (f->path, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  store = mesh_store_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_store_get_networks (store)), ==, 2);

  first = g_list_model_get_item (mesh_store_get_networks (store), 0);
  g_assert_cmpstr (mesh_network_get_uuid (first), ==, NETWORK_UUID);
  g_assert_true (mesh_network_get_loaded (first));
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (first)), ==, 1);
  g_assert_nonnull (mesh_network_find_net_key (first, 2));
  n = mesh_network_find_node_by_uuid (first, "a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90");
  g_assert_nonnull (n);
  g_assert_true (n == mesh_network_find_node_by_address (first, 0x0103));
  store_test_assert_full_node (n);
  g_assert_false (mesh_node_get_elements_loaded (n));
  store_test_load_elements (store, first, n);
  store_test_assert_full_elements (n);

  /* The others load when asked. */
  second = g_list_model_get_item (mesh_store_get_networks (store), 1);
  g_assert_false (mesh_network_get_loaded (second));

  f->store = g_steal_pointer (&store);
}

static void
test_cancelled (StoreFixture  *f,
                gconstpointer  data)
{
  g_autoptr(MeshNetwork) network = mesh_network_new (NETWORK_UUID, "Home");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  mesh_store_add_async (f->store, NULL, network, cancellable, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_false (mesh_store_add_finish (f->store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_store_get_networks (f->store)), ==, 0);
  g_assert_cmpint (store_test_count_rows (f->path, "networks"), ==, 0);
}

static gboolean
elements_loaded (gpointer node)
{
  return mesh_node_get_elements_loaded (node);
}

static void
test_lazy_elements (StoreFixture  *f,
                    gconstpointer  data)
{
  MeshNetwork *network = store_test_add_network (f->store);
  g_autoptr(MeshNode) node = store_test_make_full_node ();
  MeshItemsChangedCount count = { 0 };
  GListModel *elements;
  MeshNode *n;

  store_test_add (f->store, network, node);
  store_test_reopen (f);
  network = store_test_load_network (f->store, NETWORK_UUID);
  n = mesh_network_find_node_by_address (network, 0x0102);
  g_assert_false (mesh_node_get_elements_loaded (n));

  /* Looking at the elements starts loading them. */
  elements = mesh_node_get_elements (n);
  mesh_core_test_count_items_changed (elements, &count);
  g_assert_cmpuint (g_list_model_get_n_items (elements), ==, 0);
  while (!elements_loaded (n))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count.emissions, ==, 1);
  g_assert_cmpuint (count.added, ==, 2);
  store_test_assert_full_elements (n);

  /* The whole network at once (export). */
  store_test_reopen (f);
  network = store_test_load_network (f->store, NETWORK_UUID);
  store_test_load_elements (f->store, network, NULL);
  n = mesh_network_find_node_by_address (network, 0x0102);
  store_test_assert_full_elements (n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  store_test_add_case ("open-with-network", test_open_with_network);
  store_test_add_case ("cancelled", test_cancelled);
  store_test_add_case ("lazy-elements", test_lazy_elements);

  return g_test_run ();
}
