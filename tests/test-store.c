/* test-store.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The store's objects: each kind written, changed and removed, read back
 * after a reopen. The batches and the lists' signals are in
 * test-store-batch.c, opening and loading in test-store-load.c. */

#include "config.h"

#include "mesh-core-test-utils.h"
#include "mesh-store-batch.h"
#include "test-store-util.h"

static void
test_open_empty (StoreFixture  *f,
                 gconstpointer  data)
{
  g_assert_cmpuint (g_list_model_get_n_items (mesh_store_get_networks (f->store)), ==, 0);
  g_assert_cmpstr (mesh_store_get_path (f->store), ==, f->path);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_null (mesh_store_find_network (f->store, NETWORK_UUID));
}

static void
test_network_crud (StoreFixture  *f,
                   gconstpointer  data)
{
  MeshItemsChangedCount count = { 0 };
  MeshNetwork *network;

  mesh_core_test_count_items_changed (mesh_store_get_networks (f->store), &count);
  network = store_test_add_network (f->store);
  g_assert_cmpuint (count.emissions, ==, 1);
  g_assert_cmpuint (count.added, ==, 1);
  g_assert_true (mesh_network_get_loaded (network));
  g_assert_true (mesh_store_find_network (f->store, "5F3A0B7E1C2D4E5F8A9B0C1D2E3F4A5B") == network);

  mesh_network_set_name (network, "Home & Garden");
  mesh_network_set_iv_index (network, 0x12345678);
  mesh_network_set_iv_update (network, TRUE);
  mesh_network_set_timestamp (network, "2026-01-02T03:04:05Z");
  mesh_network_set_partial (network, TRUE);
  mesh_network_set_local_provisioner_uuid (network, "70cf7c97-32a3-45b6-9149-4810d2e9cbf4");
  store_test_update (f->store, network);

  store_test_reopen (f);
  network = mesh_store_find_network (f->store, NETWORK_UUID);
  g_assert_nonnull (network);
  g_assert_false (mesh_network_get_loaded (network));
  g_assert_cmpstr (mesh_network_get_uuid (network), ==, NETWORK_UUID);
  g_assert_cmpstr (mesh_network_get_name (network), ==, "Home & Garden");
  g_assert_cmpuint (mesh_network_get_iv_index (network), ==, 0x12345678);
  g_assert_true (mesh_network_get_iv_update (network));
  g_assert_cmpstr (mesh_network_get_timestamp (network), ==, "2026-01-02T03:04:05Z");
  g_assert_true (mesh_network_get_partial (network));
  g_assert_cmpstr (mesh_network_get_local_provisioner_uuid (network), ==, "70cf7c97-32a3-45b6-9149-4810d2e9cbf4");

  memset (&count, 0, sizeof count);
  mesh_core_test_count_items_changed (mesh_store_get_networks (f->store), &count);
  store_test_remove (f->store, network);
  g_assert_cmpuint (count.removed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_store_get_networks (f->store)), ==, 0);

  store_test_reopen (f);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_store_get_networks (f->store)), ==, 0);
}

/* Everything a CDB can hold, written in one batch, read back after a
 * reopen. */
static void
test_full_roundtrip (StoreFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (f->store);
  g_autoptr(MeshNetwork) network = mesh_network_new (NETWORK_UUID, "Office");
  g_autoptr(MeshNetKey) nk0 = mesh_net_key_new (0, "Primary");
  g_autoptr(MeshNetKey) nk1 = mesh_net_key_new (1, "Guest");
  g_autoptr(MeshAppKey) ak = mesh_app_key_new (2, 1, "Lights");
  g_autoptr(MeshProvisioner) p = mesh_provisioner_new ("70CF7C97-32A3-45B6-9149-4810D2E9CBF4", "Phone");
  g_autoptr(MeshNode) node = store_test_make_full_node ();
  g_autoptr(MeshNode) bare = mesh_node_new ("00000000000000000000000000000001", 0x0200, 1);
  g_autoptr(MeshGroup) g1 = NULL;
  g_autoptr(MeshGroup) g2 = NULL;
  g_autoptr(MeshScene) scene = mesh_scene_new (0x0005, "Evening");
  g_autoptr(GError) error = NULL;
  MeshAddressRange unicast[] = { { 0x0001, 0x00FF }, { 0x1000, 0x10FF } };
  MeshAddressRange groups[] = { { 0xC000, 0xC0FF } };
  MeshAddressRange scenes[] = { { 0x0001, 0x0010 }, { 0x0100, 0x0110 } };
  guint16 scene_addresses[] = { 0x0102, 0x0103 };
  MeshDestination a, parent;
  const MeshAddressRange *ranges;
  const MeshExclusion *exclusions;
  const guint16 *addresses;
  MeshNetwork *loaded;
  MeshNode *n;
  guint count;

  mesh_network_set_iv_index (network, 7);
  mesh_net_key_set_phase (nk1, MESH_KEY_REFRESH_PHASE_2);
  mesh_net_key_set_min_security (nk1, MESH_SECURITY_INSECURE);
  mesh_net_key_set_timestamp (nk0, "2025-12-01T10:00:00+01:00");
  mesh_app_key_set_timestamp (ak, "2025-12-02T10:00:00Z");
  mesh_provisioner_set_ranges (p, MESH_RANGE_KIND_UNICAST, unicast, 2);
  mesh_provisioner_set_ranges (p, MESH_RANGE_KIND_GROUP, groups, 1);
  mesh_provisioner_set_ranges (p, MESH_RANGE_KIND_SCENE, scenes, 2);
  mesh_destination_init_address (&a, 0xC001);
  g1 = mesh_group_new (&a, "Downstairs");
  mesh_destination_init_label (&a, store_test_label_a, 0x9A3F);
  mesh_destination_init_address (&parent, 0xC001);
  g2 = mesh_group_new (&a, "Virtual lamps");
  mesh_group_set_parent (g2, &parent);
  mesh_scene_set_addresses (scene, scene_addresses, 2);

  mesh_store_batch_add (batch, NULL, network);
  mesh_store_batch_add (batch, network, nk0);
  mesh_store_batch_add (batch, network, nk1);
  mesh_store_batch_add (batch, network, ak);
  mesh_store_batch_add (batch, network, p);
  mesh_store_batch_add (batch, network, node);
  mesh_store_batch_add (batch, network, bare);
  mesh_store_batch_add (batch, network, g1);
  mesh_store_batch_add (batch, network, g2);
  mesh_store_batch_add (batch, network, scene);
  mesh_store_batch_add_exclusion (batch, network, 3, 0x0050);
  mesh_store_batch_add_exclusion (batch, network, 3, 0x0051);
  mesh_store_batch_add_exclusion (batch, network, 6, 0x0060);
  g_assert_cmpuint (mesh_store_batch_get_n_operations (batch), ==, 13);
  g_assert_true (store_test_commit (batch, &error));
  g_assert_no_error (error);

  /* In memory at once. */
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (network)), ==, 2);
  g_assert_true (mesh_node_get_network (node) == network);
  g_assert_true (mesh_network_find_node_by_address (network, 0x0103) == node);
  g_assert_null (mesh_network_find_node_by_address (network, 0x0104));

  store_test_reopen (f);
  loaded = store_test_load_network (f->store, NETWORK_UUID);
  g_assert_cmpstr (mesh_network_get_name (loaded), ==, "Office");
  g_assert_cmpuint (mesh_network_get_iv_index (loaded), ==, 7);

  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_net_keys (loaded)), ==, 2);
  g_assert_cmpstr (mesh_net_key_get_name (mesh_network_find_net_key (loaded, 0)), ==, "Primary");
  g_assert_cmpstr (mesh_net_key_get_timestamp (mesh_network_find_net_key (loaded, 0)), ==, "2025-12-01T10:00:00+01:00");
  g_assert_cmpint (mesh_net_key_get_phase (mesh_network_find_net_key (loaded, 1)), ==, MESH_KEY_REFRESH_PHASE_2);
  g_assert_cmpint (mesh_net_key_get_min_security (mesh_network_find_net_key (loaded, 1)), ==, MESH_SECURITY_INSECURE);
  g_assert_cmpint (mesh_net_key_get_min_security (mesh_network_find_net_key (loaded, 0)), ==, MESH_SECURITY_SECURE);
  g_assert_cmpuint (mesh_app_key_get_bound_net_key (mesh_network_find_app_key (loaded, 2)), ==, 1);
  g_assert_cmpstr (mesh_app_key_get_name (mesh_network_find_app_key (loaded, 2)), ==, "Lights");
  g_assert_cmpstr (mesh_app_key_get_timestamp (mesh_network_find_app_key (loaded, 2)), ==, "2025-12-02T10:00:00Z");

  p = g_object_ref (mesh_network_find_provisioner (loaded, "70cf7c97-32a3-45b6-9149-4810d2e9cbf4"));
  g_assert_nonnull (p);
  g_assert_cmpstr (mesh_provisioner_get_name (p), ==, "Phone");
  ranges = mesh_provisioner_get_ranges (p, MESH_RANGE_KIND_UNICAST, &count);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (ranges[1].low, ==, 0x1000);
  g_assert_cmpuint (ranges[1].high, ==, 0x10FF);
  ranges = mesh_provisioner_get_ranges (p, MESH_RANGE_KIND_GROUP, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (ranges[0].low, ==, 0xC000);
  ranges = mesh_provisioner_get_ranges (p, MESH_RANGE_KIND_SCENE, &count);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (ranges[1].high, ==, 0x0110);

  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (loaded)), ==, 2);
  n = mesh_network_find_node_by_uuid (loaded, "a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90");
  g_assert_nonnull (n);
  g_assert_true (mesh_network_find_node_by_address (loaded, 0x0103) == n);
  store_test_assert_full_node (n);
  g_assert_false (mesh_node_get_elements_loaded (n));
  store_test_load_elements (f->store, loaded, n);
  store_test_assert_full_elements (n);

  /* Unknown stays unknown. */
  n = mesh_network_find_node_by_address (loaded, 0x0200);
  g_assert_nonnull (n);
  g_assert_cmpint (mesh_node_get_cid (n), ==, -1);
  g_assert_cmpint (mesh_node_get_default_ttl (n), ==, -1);
  g_assert_cmpint (mesh_node_get_secure_network_beacon (n), ==, -1);
  g_assert_cmpint (mesh_node_get_relay (n), ==, MESH_FEATURE_STATE_UNKNOWN);
  g_assert_null (mesh_node_get_network_transmit (n));
  g_assert_null (mesh_node_get_heartbeat_publication (n));
  g_assert_null (mesh_node_get_name (n));
  g_assert_cmpint (mesh_node_get_security (n), ==, MESH_SECURITY_SECURE);

  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_groups (loaded)), ==, 2);
  g_assert_cmpstr (mesh_group_get_name (mesh_network_find_group (loaded, &a)), ==, "Virtual lamps");
  g_assert_true (mesh_group_has_parent (mesh_network_find_group (loaded, &a)));
  g_assert_cmpuint (mesh_group_get_parent (mesh_network_find_group (loaded, &a))->address, ==, 0xC001);
  g_assert_cmpuint (mesh_group_get_address (mesh_network_find_group (loaded, &a))->address, ==, 0x9A3F);
  g_assert_false (mesh_group_has_parent (mesh_network_find_group (loaded, &parent)));

  g_assert_cmpstr (mesh_scene_get_name (mesh_network_find_scene (loaded, 5)), ==, "Evening");
  addresses = mesh_scene_get_addresses (mesh_network_find_scene (loaded, 5), &count);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (addresses[0], ==, 0x0102);
  g_assert_cmpuint (addresses[1], ==, 0x0103);

  exclusions = mesh_network_get_exclusions (loaded, &count);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpuint (exclusions[0].iv_index, ==, 3);
  g_assert_cmpuint (exclusions[0].address, ==, 0x0050);
  g_assert_cmpuint (exclusions[2].iv_index, ==, 6);
  g_assert_cmpuint (exclusions[2].address, ==, 0x0060);
}

static void
test_update_objects (StoreFixture  *f,
                     gconstpointer  data)
{
  MeshNetwork *network = store_test_add_network (f->store);
  g_autoptr(MeshNode) node = store_test_make_full_node ();
  g_autoptr(MeshNetKey) key = mesh_net_key_new (0, "Primary");
  g_autoptr(MeshAppKey) app = mesh_app_key_new (0, 0, "App");
  g_autoptr(MeshProvisioner) p = mesh_provisioner_new ("33333333-3333-3333-3333-333333333333", "Me");
  g_autoptr(MeshScene) scene = mesh_scene_new (1, "Scene");
  g_autoptr(MeshGroup) group = NULL;
  MeshAddressRange range = { 0x0100, 0x01FF };
  MeshDestination address;
  MeshElement *element;
  MeshModel *model;
  MeshNode *n;
  const guint16 *bindings;
  const MeshAddressRange *ranges;
  guint count;

  mesh_destination_init_address (&address, 0xC000);
  group = mesh_group_new (&address, "Group");
  store_test_add (f->store, network, node);
  store_test_add (f->store, network, key);
  store_test_add (f->store, network, app);
  store_test_add (f->store, network, p);
  store_test_add (f->store, network, scene);
  store_test_add (f->store, network, group);

  /* A confirmed status: one field, written at once. */
  mesh_node_set_default_ttl (node, 9);
  mesh_node_set_relay (node, MESH_FEATURE_STATE_DISABLED);
  mesh_node_set_network_transmit (node, NULL);
  mesh_node_remove_app_key (node, 2);
  store_test_update (f->store, node);

  element = mesh_node_get_element (node, 1);
  mesh_element_set_name (element, "Secondary");
  store_test_update (f->store, element);

  model = mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE);
  g_assert_nonnull (model);
  mesh_model_remove_binding (model, 2);
  mesh_model_add_binding (model, 7);
  mesh_model_set_publication (model, NULL);
  mesh_model_set_subscriptions (model, NULL, 0);
  store_test_update (f->store, model);

  mesh_net_key_set_name (key, "Main");
  mesh_net_key_set_phase (key, MESH_KEY_REFRESH_PHASE_1);
  store_test_update (f->store, key);
  mesh_app_key_set_bound_net_key (app, 5);
  store_test_update (f->store, app);
  mesh_provisioner_set_name (p, "Laptop");
  mesh_provisioner_add_range (p, MESH_RANGE_KIND_UNICAST, &range);
  store_test_update (f->store, p);
  mesh_scene_add_address (scene, 0x0102);
  mesh_scene_set_name (scene, "Night");
  store_test_update (f->store, scene);
  mesh_group_set_name (group, "Upstairs");
  store_test_update (f->store, group);

  store_test_reopen (f);
  network = store_test_load_network (f->store, NETWORK_UUID);
  n = mesh_network_find_node_by_address (network, 0x0102);
  g_assert_cmpint (mesh_node_get_default_ttl (n), ==, 9);
  g_assert_cmpint (mesh_node_get_relay (n), ==, MESH_FEATURE_STATE_DISABLED);
  g_assert_null (mesh_node_get_network_transmit (n));
  mesh_node_get_app_keys (n, &count);
  g_assert_cmpuint (count, ==, 1);
  store_test_load_elements (f->store, network, n);
  g_assert_cmpstr (mesh_element_get_name (mesh_node_get_element (n, 1)), ==, "Secondary");
  g_assert_cmpuint (g_list_model_get_n_items (mesh_element_get_models (mesh_node_get_element (n, 1))), ==, 2);
  model = mesh_element_find_model (mesh_node_get_element (n, 0), 0x1000, FALSE);
  bindings = mesh_model_get_bindings (model, &count);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (bindings[0], ==, 0);
  g_assert_cmpuint (bindings[1], ==, 7);
  g_assert_null (mesh_model_get_publication (model));
  mesh_model_get_subscriptions (model, &count);
  g_assert_cmpuint (count, ==, 0);

  g_assert_cmpstr (mesh_net_key_get_name (mesh_network_find_net_key (network, 0)), ==, "Main");
  g_assert_cmpint (mesh_net_key_get_phase (mesh_network_find_net_key (network, 0)), ==, MESH_KEY_REFRESH_PHASE_1);
  g_assert_cmpuint (mesh_app_key_get_bound_net_key (mesh_network_find_app_key (network, 0)), ==, 5);
  p = g_object_ref (mesh_network_find_provisioner (network, "33333333-3333-3333-3333-333333333333"));
  g_assert_cmpstr (mesh_provisioner_get_name (p), ==, "Laptop");
  ranges = mesh_provisioner_get_ranges (p, MESH_RANGE_KIND_UNICAST, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (ranges[0].high, ==, 0x01FF);
  g_assert_cmpstr (mesh_scene_get_name (mesh_network_find_scene (network, 1)), ==, "Night");
  mesh_scene_get_addresses (mesh_network_find_scene (network, 1), &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (mesh_group_get_name (mesh_network_find_group (network, &address)), ==, "Upstairs");

  /* Adding a model to a stored element. */
  {
    g_autoptr(MeshModel) extra = mesh_model_new (0x1300, FALSE);

    mesh_element_add_model (mesh_node_get_element (n, 1), extra);
    store_test_update (f->store, extra);
    store_test_reopen (f);
    network = store_test_load_network (f->store, NETWORK_UUID);
    n = mesh_network_find_node_by_address (network, 0x0102);
    store_test_load_elements (f->store, network, n);
    g_assert_nonnull (mesh_element_find_model (mesh_node_get_element (n, 1), 0x1300, FALSE));
  }
}

static void
test_remove_cascades (StoreFixture  *f,
                      gconstpointer  data)
{
  MeshNetwork *network = store_test_add_network (f->store);
  g_autoptr(MeshNode) node = store_test_make_full_node ();
  g_autoptr(MeshProvisioner) p = mesh_provisioner_new ("33333333-3333-3333-3333-333333333333", "Me");
  MeshAddressRange range = { 0x0100, 0x01FF };
  const char *tables[] = { "nodes", "node_net_keys", "node_app_keys", "elements", "models",
                           "model_bindings", "model_subscriptions", "provisioners", "provisioner_ranges" };

  mesh_provisioner_add_range (p, MESH_RANGE_KIND_UNICAST, &range);
  store_test_add (f->store, network, node);
  store_test_add (f->store, network, p);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (store_test_count_rows (f->path, tables[i]), >, 0);

  store_test_remove (f->store, node);
  g_assert_cmpint (store_test_count_rows (f->path, "elements"), ==, 0);
  g_assert_cmpint (store_test_count_rows (f->path, "model_bindings"), ==, 0);

  store_test_remove (f->store, network);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (store_test_count_rows (f->path, tables[i]), ==, 0);
}

/* The application and meshprov find the same file: the environment's
 * folder if set, else the user's data folder (isolated by the test). */
static void
test_default_path (void)
{
  g_autofree char *in_data_dir = g_build_filename (g_get_user_data_dir (), "mesh-provisioner",
                                                   "networks.db", NULL);
  g_autofree char *path = NULL;

  g_unsetenv ("MESH_PROVISIONER_DATA_DIR");
  path = mesh_store_get_default_path ();
  g_assert_cmpstr (path, ==, in_data_dir);
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_clear_pointer (&path, g_free);

  /* Empty counts as unset. */
  g_setenv ("MESH_PROVISIONER_DATA_DIR", "", TRUE);
  path = mesh_store_get_default_path ();
  g_assert_cmpstr (path, ==, in_data_dir);
  g_clear_pointer (&path, g_free);

  g_setenv ("MESH_PROVISIONER_DATA_DIR", "/srv/mesh lab", TRUE);
  path = mesh_store_get_default_path ();
  g_assert_cmpstr (path, ==, "/srv/mesh lab/networks.db");
  g_unsetenv ("MESH_PROVISIONER_DATA_DIR");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  store_test_add_case ("open-empty", test_open_empty);
  store_test_add_case ("network-crud", test_network_crud);
  store_test_add_case ("full-roundtrip", test_full_roundtrip);
  store_test_add_case ("update-objects", test_update_objects);
  store_test_add_case ("remove-cascades", test_remove_cascades);
  g_test_add_func ("/store/default-path", test_default_path);

  return g_test_run ();
}
