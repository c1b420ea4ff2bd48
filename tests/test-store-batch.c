/* test-store-batch.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The store's batches (all or nothing, unshared objects, exclusions) and
 * the change signals of the network's lists. */

#include "config.h"

#include <string.h>

#include "mesh-core-test-utils.h"
#include "mesh-error.h"
#include "mesh-store-batch.h"
#include "test-store-util.h"

static void
test_items_changed (StoreFixture  *f,
                    gconstpointer  data)
{
  MeshNetwork *network = store_test_add_network (f->store);
  GListModel *nodes = mesh_network_get_nodes (network);
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (f->store);
  g_autoptr(MeshStoreBatch) removal = NULL;
  g_autoptr(GError) error = NULL;
  MeshItemsChangedCount count = { 0 };
  g_autoptr(MeshNode) n1 = mesh_node_new ("11111111-1111-1111-1111-111111111111", 1, 1);
  guint notified = 0;

  mesh_core_test_count_items_changed (nodes, &count);

  store_test_add (f->store, network, n1);
  g_assert_cmpuint (count.emissions, ==, 1);
  g_assert_cmpuint (count.added, ==, 1);
  /* The first look-up builds the index of the nodes; it follows the
   * changes from then on. */
  g_assert_true (mesh_network_find_node_by_uuid (network, "11111111-1111-1111-1111-111111111111") == n1);

  /* Three adds in one batch: one emission. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("22222222-2222-2222-2222-22222222222%u", i);
      g_autoptr(MeshNode) node = mesh_node_new (uuid, 10 + i, 1);

      mesh_store_batch_add (batch, network, node);
    }
  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, 1);
  g_assert_true (store_test_commit (batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count.emissions, ==, 2);
  g_assert_cmpuint (count.added, ==, 4);
  g_assert_cmpuint (count.last_position, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, 4);

  /* Two neighbours removed together: one emission. */
  removal = mesh_store_batch_new (f->store);
  for (guint i = 1; i <= 2; i++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (nodes, i);
      mesh_store_batch_remove (removal, node);
    }
  g_assert_true (store_test_commit (removal, &error));
  g_assert_cmpuint (count.emissions, ==, 3);
  g_assert_cmpuint (count.removed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, 2);
  g_assert_null (mesh_network_find_node_by_address (network, 10));
  g_assert_null (mesh_network_find_node_by_uuid (network, "22222222-2222-2222-2222-222222222220"));
  g_assert_nonnull (mesh_network_find_node_by_address (network, 12));
  g_assert_nonnull (mesh_network_find_node_by_uuid (network, "22222222-2222-2222-2222-222222222222"));
  g_assert_true (mesh_node_get_network (n1) == network);

  /* A new address moves the node in the index. */
  mesh_node_set_unicast (n1, 0x0100);
  g_assert_null (mesh_network_find_node_by_address (network, 1));
  g_assert_true (mesh_network_find_node_by_address (network, 0x0100) == n1);

  /* Items notify their own changes. */
  g_signal_connect_swapped (n1, "notify::name", G_CALLBACK (g_atomic_int_inc), &notified);
  mesh_node_set_name (n1, "Hall");
  mesh_node_set_name (n1, "Hall");
  g_assert_cmpuint (notified, ==, 1);
  g_signal_handlers_disconnect_by_data (n1, &notified);

  /* Other lists. */
  {
    g_autoptr(MeshNetKey) key = mesh_net_key_new (0, "Primary");
    g_autoptr(MeshAppKey) app = mesh_app_key_new (0, 0, "App");
    g_autoptr(MeshProvisioner) p = mesh_provisioner_new ("33333333-3333-3333-3333-333333333333", "Me");
    g_autoptr(MeshScene) scene = mesh_scene_new (1, "Scene");
    g_autoptr(MeshGroup) group = NULL;
    MeshItemsChangedCount lists[5] = { 0 };
    MeshDestination address;

    mesh_destination_init_address (&address, 0xC000);
    group = mesh_group_new (&address, "Group");
    mesh_core_test_count_items_changed (mesh_network_get_net_keys (network), &lists[0]);
    mesh_core_test_count_items_changed (mesh_network_get_app_keys (network), &lists[1]);
    mesh_core_test_count_items_changed (mesh_network_get_provisioners (network), &lists[2]);
    mesh_core_test_count_items_changed (mesh_network_get_scenes (network), &lists[3]);
    mesh_core_test_count_items_changed (mesh_network_get_groups (network), &lists[4]);
    store_test_add (f->store, network, key);
    store_test_add (f->store, network, app);
    store_test_add (f->store, network, p);
    store_test_add (f->store, network, scene);
    store_test_add (f->store, network, group);
    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      g_assert_cmpuint (lists[i].added, ==, 1);

    store_test_remove (f->store, key);
    store_test_remove (f->store, app);
    store_test_remove (f->store, p);
    store_test_remove (f->store, scene);
    store_test_remove (f->store, group);
    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      g_assert_cmpuint (lists[i].removed, ==, 1);
    g_assert_null (mesh_net_key_get_network (key));
  }

  g_signal_handlers_disconnect_by_data (nodes, &count);
}

static void
test_batch_rolls_back (StoreFixture  *f,
                       gconstpointer  data)
{
  MeshNetwork *network = store_test_add_network (f->store);
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (f->store);
  g_autoptr(MeshNode) a = mesh_node_new ("44444444-4444-4444-4444-444444444444", 0x0010, 2);
  g_autoptr(MeshNode) b = mesh_node_new ("55555555-5555-5555-5555-555555555555", 0x0010, 1);
  g_autoptr(MeshNetKey) key = mesh_net_key_new (3, "Key");
  g_autoptr(GError) error = NULL;
  MeshItemsChangedCount count = { 0 };

  mesh_core_test_count_items_changed (mesh_network_get_nodes (network), &count);
  mesh_store_batch_add (batch, network, key);
  mesh_store_batch_add (batch, network, a);
  mesh_store_batch_add (batch, network, b);  /* same unicast address */

  g_assert_false (store_test_commit (batch, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "network database"));
  g_assert_cmpuint (count.emissions, ==, 0);
  g_assert_null (mesh_node_get_network (a));
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_net_keys (network)), ==, 0);

  g_assert_cmpint (store_test_count_rows (f->path, "nodes"), ==, 0);
  g_assert_cmpint (store_test_count_rows (f->path, "net_keys"), ==, 0);

  /* A batch commits once. */
  g_clear_error (&error);
  g_assert_false (store_test_commit (batch, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
}

/* Objects added unshared are written as they are, and are the ones the
 * network's lists then hold. */
static void
test_batch_unshared (StoreFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(MeshNetwork) network = mesh_network_new (NETWORK_UUID, "Home");
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (f->store);
  g_autoptr(MeshNode) node = store_test_make_full_node ();
  g_autoptr(MeshNetKey) key = mesh_net_key_new (1, "Key");
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshNode) listed = NULL;
  MeshNetwork *loaded;
  MeshNode *n;

  mesh_store_batch_add_unshared (batch, NULL, network);
  mesh_store_batch_add_unshared (batch, network, key);
  mesh_store_batch_add_unshared (batch, network, node);
  g_assert_true (store_test_commit (batch, &error));
  g_assert_no_error (error);

  g_assert_true (mesh_store_find_network (f->store, NETWORK_UUID) == network);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (network)), ==, 1);
  listed = g_list_model_get_item (mesh_network_get_nodes (network), 0);
  g_assert_true (listed == node);
  g_assert_true (mesh_node_get_network (node) == network);
  g_assert_true (mesh_network_find_net_key (network, 1) == key);

  store_test_reopen (f);
  loaded = store_test_load_network (f->store, NETWORK_UUID);
  g_assert_cmpstr (mesh_network_get_name (loaded), ==, "Home");
  g_assert_nonnull (mesh_network_find_net_key (loaded, 1));
  n = mesh_network_find_node_by_address (loaded, 0x0102);
  g_assert_nonnull (n);
  store_test_assert_full_node (n);
  store_test_load_elements (f->store, loaded, n);
  store_test_assert_full_elements (n);
}

static void
test_exclusions (StoreFixture  *f,
                 gconstpointer  data)
{
  MeshNetwork *network = store_test_add_network (f->store);
  g_autoptr(MeshNode) node = mesh_node_new ("66666666-6666-6666-6666-666666666666", 0x0020, 3);
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (f->store);
  g_autoptr(MeshStoreBatch) prune = NULL;
  g_autoptr(MeshAddressAllocator) allocator = NULL;
  g_autoptr(GError) error = NULL;
  MeshAddressRange range = { 0x0020, 0x0030 };
  const MeshExclusion *exclusions;
  guint16 address;
  guint count;

  mesh_network_set_iv_index (network, 10);
  store_test_update (f->store, network);
  store_test_add (f->store, network, node);

  allocator = mesh_network_create_allocator (network);
  g_assert_false (mesh_address_allocator_is_unicast_free (allocator, 0x0020, 1));
  g_clear_pointer (&allocator, mesh_address_allocator_free);

  /* Removal of a node: its addresses are excluded at the current index. */
  mesh_store_batch_exclude_node (batch, node);
  mesh_store_batch_remove (batch, node);
  g_assert_true (store_test_commit (batch, &error));
  g_assert_no_error (error);
  exclusions = mesh_network_get_exclusions (network, &count);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpuint (exclusions[2].address, ==, 0x0022);
  g_assert_cmpuint (exclusions[2].iv_index, ==, 10);

  allocator = mesh_network_create_allocator (network);
  g_assert_true (mesh_address_allocator_allocate_unicast (allocator, &range, 1, 1, &address, &error));
  g_assert_cmpuint (address, ==, 0x0023);
  g_clear_pointer (&allocator, mesh_address_allocator_free);

  /* One IV update later they are still out; two later they are free. */
  mesh_network_set_iv_index (network, 11);
  allocator = mesh_network_create_allocator (network);
  g_assert_true (mesh_address_allocator_is_excluded (allocator, 0x0020));
  g_clear_pointer (&allocator, mesh_address_allocator_free);
  mesh_network_set_iv_index (network, 12);
  allocator = mesh_network_create_allocator (network);
  g_assert_false (mesh_address_allocator_is_excluded (allocator, 0x0020));
  g_assert_true (mesh_address_allocator_allocate_unicast (allocator, &range, 1, 3, &address, &error));
  g_assert_cmpuint (address, ==, 0x0020);

  prune = mesh_store_batch_new (f->store);
  mesh_store_batch_update (prune, network);
  mesh_store_batch_prune_exclusions (prune, network);
  g_assert_true (store_test_commit (prune, &error));
  mesh_network_get_exclusions (network, &count);
  g_assert_cmpuint (count, ==, 0);
  g_assert_cmpint (store_test_count_rows (f->path, "exclusions"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  store_test_add_case ("items-changed", test_items_changed);
  store_test_add_case ("batch-rolls-back", test_batch_rolls_back);
  store_test_add_case ("batch-unshared", test_batch_unshared);
  store_test_add_case ("exclusions", test_exclusions);

  return g_test_run ();
}
