/* test-store.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-core-test-utils.h"
#include "mesh-error.h"
#include "mesh-sqlite-connection.h"
#include "mesh-store-batch.h"
#include "mesh-store.h"

#define NETWORK_UUID "5f3a0b7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"

static const guint8 label_a[16] = { 0x00, 0x73, 0xe7, 0xe4, 0xd8, 0xb9, 0x44, 0x0f,
                                    0xaf, 0x84, 0x15, 0xdf, 0x4c, 0x56, 0xc0, 0xe1 };

typedef struct
{
  char      *path;
  MeshStore *store;
} Fixture;

static MeshStore *
open_store (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshStore *store;

  mesh_store_open_async (path, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  store = mesh_store_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (MESH_IS_STORE (store));

  return store;
}

static void
close_store (MeshStore **store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_close_async (*store, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_close_finish (*store, result, &error));
  g_assert_no_error (error);
  g_clear_object (store);
}

static void
reopen (Fixture *f)
{
  close_store (&f->store);
  f->store = open_store (f->path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->path = mesh_core_test_temp_path ("networks.db");
  f->store = open_store (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_store (&f->store);
  g_free (f->path);
}

static gboolean
commit (MeshStoreBatch  *batch,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_store_batch_commit_async (batch, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  return mesh_store_batch_commit_finish (batch, result, error);
}

static void
add (MeshStore   *store,
     MeshNetwork *network,
     gpointer     object)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_add_async (store, network, object, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_add_finish (store, result, &error));
  g_assert_no_error (error);
}

static void
update (MeshStore *store,
        gpointer   object)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_update_async (store, object, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_update_finish (store, result, &error));
  g_assert_no_error (error);
}

static void
remove_object (MeshStore *store,
               gpointer   object)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_remove_async (store, object, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_remove_finish (store, result, &error));
  g_assert_no_error (error);
}

static MeshNetwork *
load_network (MeshStore  *store,
              const char *uuid)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshNetwork *network = mesh_store_find_network (store, uuid);

  g_assert_nonnull (network);
  mesh_store_load_network_async (store, network, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_load_network_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_true (mesh_network_get_loaded (network));

  return network;
}

static void
load_elements (MeshStore   *store,
               MeshNetwork *network,
               MeshNode    *node)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_load_elements_async (store, network, node, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_load_elements_finish (store, result, &error));
  g_assert_no_error (error);
}

static MeshNetwork *
add_network (MeshStore *store)
{
  g_autoptr(MeshNetwork) network = mesh_network_new (NETWORK_UUID, "Home");

  add (store, NULL, network);
  return network;  /* the store's list keeps it */
}

static gint64
count_rows (const char *path,
            const char *table)
{
  g_autoptr(MeshSqliteConnection) c = NULL;
  g_autoptr(MeshSqliteStatement) s = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  gint64 n;

  c = mesh_sqlite_connection_open (path, &error);
  g_assert_no_error (error);
  s = mesh_sqlite_connection_prepare (c, sql, &error);
  g_assert_no_error (error);
  g_assert_true (mesh_sqlite_statement_step (s, &error));
  n = mesh_sqlite_statement_get_int64 (s, 0);
  g_clear_object (&s);
  mesh_sqlite_connection_close (c);

  return n;
}

/* A node with every field set to a value other than its default. */
static MeshNode *
make_full_node (void)
{
  MeshNode *node = mesh_node_new ("A1B2C3D4E5F60718293A4B5C6D7E8F90", 0x0102, 0);
  MeshTransmit transmit = { 3, 9 };
  MeshTransmit retransmit = { 2, 20 };
  MeshHeartbeatPublication hb_pub = { 0xC001, 0x05, 7, 1, MESH_FEATURES_RELAY | MESH_FEATURES_FRIEND };
  MeshHeartbeatSubscription hb_sub = { 0x0001, 0xC002 };
  MeshNodeKey net_keys[] = { { 0, FALSE }, { 1, TRUE } };
  g_autoptr(MeshElement) e0 = mesh_element_new (0, 0x0100);
  g_autoptr(MeshElement) e1 = mesh_element_new (1, 0x0101);
  g_autoptr(MeshModel) m0 = mesh_model_new (0x0000, FALSE);
  g_autoptr(MeshModel) m1 = mesh_model_new (0x1000, FALSE);
  g_autoptr(MeshModel) m2 = mesh_model_new (0x00590001, TRUE);
  g_autoptr(MeshModel) m3 = mesh_model_new (0x1002, FALSE);
  MeshDestination group, virtual;
  MeshPublication pub = { { 0 }, 2, 5, 10, 1, 3, 4, 1 };

  mesh_node_set_name (node, "Kitchen light");
  mesh_node_set_cid (node, 0x0059);
  mesh_node_set_pid (node, 0x0001);
  mesh_node_set_vid (node, 0x0002);
  mesh_node_set_crpl (node, 0x0028);
  mesh_node_set_relay (node, MESH_FEATURE_STATE_ENABLED);
  mesh_node_set_proxy (node, MESH_FEATURE_STATE_DISABLED);
  mesh_node_set_friend (node, MESH_FEATURE_STATE_NOT_SUPPORTED);
  mesh_node_set_low_power (node, MESH_FEATURE_STATE_NOT_SUPPORTED);
  mesh_node_set_excluded (node, TRUE);
  mesh_node_set_config_complete (node, TRUE);
  mesh_node_set_security (node, MESH_SECURITY_INSECURE);
  mesh_node_set_secure_network_beacon (node, 1);
  mesh_node_set_default_ttl (node, 5);
  mesh_node_set_network_transmit (node, &transmit);
  mesh_node_set_relay_retransmit (node, &retransmit);
  mesh_node_set_heartbeat_publication (node, &hb_pub);
  mesh_node_set_heartbeat_subscription (node, &hb_sub);
  mesh_node_set_net_keys (node, net_keys, G_N_ELEMENTS (net_keys));
  mesh_node_add_app_key (node, 2, FALSE);
  mesh_node_add_app_key (node, 0, TRUE);

  mesh_destination_init_address (&group, 0xC001);
  mesh_destination_init_label (&virtual, label_a, 0x9A3F);
  pub.destination = virtual;

  mesh_element_set_name (e0, "Primary");
  mesh_element_add_model (e0, m0);
  mesh_element_add_model (e0, m1);
  mesh_element_add_model (e1, m2);
  mesh_element_add_model (e1, m3);
  mesh_model_add_binding (m1, 2);
  mesh_model_add_binding (m1, 0);
  mesh_model_add_subscription (m1, &group);
  mesh_model_add_subscription (m1, &virtual);
  mesh_model_set_publication (m1, &pub);
  mesh_model_add_binding (m2, 0);
  mesh_node_add_element (node, e0);
  mesh_node_add_element (node, e1);

  return node;
}

static void
assert_full_node (MeshNode *node)
{
  const MeshHeartbeatPublication *hp;
  const MeshHeartbeatSubscription *hs;
  const MeshNodeKey *keys;
  guint n;

  g_assert_cmpstr (mesh_node_get_uuid (node), ==, "a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90");
  g_assert_cmpuint (mesh_node_get_unicast (node), ==, 0x0102);
  g_assert_cmpuint (mesh_node_get_element_count (node), ==, 2);
  g_assert_cmpstr (mesh_node_get_name (node), ==, "Kitchen light");
  g_assert_cmpint (mesh_node_get_cid (node), ==, 0x0059);
  g_assert_cmpint (mesh_node_get_pid (node), ==, 0x0001);
  g_assert_cmpint (mesh_node_get_vid (node), ==, 0x0002);
  g_assert_cmpint (mesh_node_get_crpl (node), ==, 0x0028);
  g_assert_cmpint (mesh_node_get_relay (node), ==, MESH_FEATURE_STATE_ENABLED);
  g_assert_cmpint (mesh_node_get_proxy (node), ==, MESH_FEATURE_STATE_DISABLED);
  g_assert_cmpint (mesh_node_get_friend (node), ==, MESH_FEATURE_STATE_NOT_SUPPORTED);
  g_assert_cmpint (mesh_node_get_low_power (node), ==, MESH_FEATURE_STATE_NOT_SUPPORTED);
  g_assert_true (mesh_node_get_excluded (node));
  g_assert_true (mesh_node_get_config_complete (node));
  g_assert_cmpint (mesh_node_get_security (node), ==, MESH_SECURITY_INSECURE);
  g_assert_cmpint (mesh_node_get_secure_network_beacon (node), ==, 1);
  g_assert_cmpint (mesh_node_get_default_ttl (node), ==, 5);
  g_assert_cmpuint (mesh_node_get_network_transmit (node)->count, ==, 3);
  g_assert_cmpuint (mesh_node_get_network_transmit (node)->interval_steps, ==, 9);
  g_assert_cmpuint (mesh_node_get_relay_retransmit (node)->count, ==, 2);
  g_assert_cmpuint (mesh_node_get_relay_retransmit (node)->interval_steps, ==, 20);

  hp = mesh_node_get_heartbeat_publication (node);
  g_assert_nonnull (hp);
  g_assert_cmpuint (hp->destination, ==, 0xC001);
  g_assert_cmpuint (hp->period_log, ==, 5);
  g_assert_cmpuint (hp->ttl, ==, 7);
  g_assert_cmpuint (hp->net_key_index, ==, 1);
  g_assert_cmpuint (hp->features, ==, MESH_FEATURES_RELAY | MESH_FEATURES_FRIEND);
  hs = mesh_node_get_heartbeat_subscription (node);
  g_assert_nonnull (hs);
  g_assert_cmpuint (hs->source, ==, 0x0001);
  g_assert_cmpuint (hs->destination, ==, 0xC002);

  keys = mesh_node_get_net_keys (node, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (keys[0].index, ==, 0);
  g_assert_false (keys[0].updated);
  g_assert_cmpuint (keys[1].index, ==, 1);
  g_assert_true (keys[1].updated);
  keys = mesh_node_get_app_keys (node, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (keys[0].index, ==, 2);
  g_assert_false (keys[0].updated);
  g_assert_cmpuint (keys[1].index, ==, 0);
  g_assert_true (keys[1].updated);
}

static void
assert_full_elements (MeshNode *node)
{
  GListModel *elements = mesh_node_get_elements (node);
  g_autoptr(MeshElement) e0 = NULL;
  g_autoptr(MeshElement) e1 = NULL;
  g_autoptr(MeshModel) m0 = NULL;
  g_autoptr(MeshModel) m1 = NULL;
  g_autoptr(MeshModel) m2 = NULL;
  g_autoptr(MeshModel) m3 = NULL;
  const MeshPublication *pub;
  const MeshDestination *subs;
  const guint16 *bindings;
  guint n;

  g_assert_true (mesh_node_get_elements_loaded (node));
  g_assert_cmpuint (g_list_model_get_n_items (elements), ==, 2);
  e0 = g_list_model_get_item (elements, 0);
  e1 = g_list_model_get_item (elements, 1);
  g_assert_true (mesh_element_get_node (e0) == node);
  g_assert_cmpuint (mesh_element_get_index (e1), ==, 1);
  g_assert_cmpuint (mesh_element_get_address (e1), ==, 0x0103);
  g_assert_cmpuint (mesh_element_get_location (e0), ==, 0x0100);
  g_assert_cmpuint (mesh_element_get_location (e1), ==, 0x0101);
  g_assert_cmpstr (mesh_element_get_name (e0), ==, "Primary");
  g_assert_null (mesh_element_get_name (e1));

  g_assert_cmpuint (g_list_model_get_n_items (mesh_element_get_models (e0)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_element_get_models (e1)), ==, 2);
  m0 = g_list_model_get_item (mesh_element_get_models (e0), 0);
  m1 = g_list_model_get_item (mesh_element_get_models (e0), 1);
  m2 = g_list_model_get_item (mesh_element_get_models (e1), 0);
  m3 = g_list_model_get_item (mesh_element_get_models (e1), 1);

  g_assert_cmpuint (mesh_model_get_model_id (m0), ==, 0x0000);
  g_assert_false (mesh_model_get_vendor (m0));
  g_assert_null (mesh_model_get_publication (m0));
  mesh_model_get_bindings (m0, &n);
  g_assert_cmpuint (n, ==, 0);

  g_assert_cmpuint (mesh_model_get_model_id (m1), ==, 0x1000);
  bindings = mesh_model_get_bindings (m1, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (bindings[0], ==, 2);
  g_assert_cmpuint (bindings[1], ==, 0);
  subs = mesh_model_get_subscriptions (m1, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_false (subs[0].has_label);
  g_assert_cmpuint (subs[0].address, ==, 0xC001);
  g_assert_true (subs[1].has_label);
  g_assert_cmpuint (subs[1].address, ==, 0x9A3F);
  g_assert_cmpmem (subs[1].label, 16, label_a, 16);
  pub = mesh_model_get_publication (m1);
  g_assert_nonnull (pub);
  g_assert_true (pub->destination.has_label);
  g_assert_cmpmem (pub->destination.label, 16, label_a, 16);
  g_assert_cmpuint (pub->destination.address, ==, 0x9A3F);
  g_assert_cmpuint (pub->app_key_index, ==, 2);
  g_assert_cmpuint (pub->ttl, ==, 5);
  g_assert_cmpuint (pub->period_steps, ==, 10);
  g_assert_cmpuint (pub->period_resolution, ==, 1);
  g_assert_cmpuint (pub->retransmit_count, ==, 3);
  g_assert_cmpuint (pub->retransmit_interval_steps, ==, 4);
  g_assert_cmpuint (pub->credentials, ==, 1);

  g_assert_true (mesh_model_get_vendor (m2));
  g_assert_cmpuint (mesh_model_get_model_id (m2), ==, 0x00590001);
  g_assert_cmpuint (mesh_model_get_company_id (m2), ==, 0x0059);
  bindings = mesh_model_get_bindings (m2, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (bindings[0], ==, 0);
  g_assert_cmpuint (mesh_model_get_model_id (m3), ==, 0x1002);
}

static void
test_open_empty (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpuint (g_list_model_get_n_items (mesh_store_get_networks (f->store)), ==, 0);
  g_assert_cmpstr (mesh_store_get_path (f->store), ==, f->path);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_null (mesh_store_find_network (f->store, NETWORK_UUID));
}

static void
test_network_crud (Fixture       *f,
                   gconstpointer  data)
{
  MeshItemsChangedCount count = { 0 };
  MeshNetwork *network;

  mesh_core_test_count_items_changed (mesh_store_get_networks (f->store), &count);
  network = add_network (f->store);
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
  update (f->store, network);

  reopen (f);
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
  remove_object (f->store, network);
  g_assert_cmpuint (count.removed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_store_get_networks (f->store)), ==, 0);

  reopen (f);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_store_get_networks (f->store)), ==, 0);
}

/* Everything a CDB can hold, written in one batch, read back after a
 * reopen. */
static void
test_full_roundtrip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (f->store);
  g_autoptr(MeshNetwork) network = mesh_network_new (NETWORK_UUID, "Office");
  g_autoptr(MeshNetKey) nk0 = mesh_net_key_new (0, "Primary");
  g_autoptr(MeshNetKey) nk1 = mesh_net_key_new (1, "Guest");
  g_autoptr(MeshAppKey) ak = mesh_app_key_new (2, 1, "Lights");
  g_autoptr(MeshProvisioner) p = mesh_provisioner_new ("70CF7C97-32A3-45B6-9149-4810D2E9CBF4", "Phone");
  g_autoptr(MeshNode) node = make_full_node ();
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
  mesh_destination_init_label (&a, label_a, 0x9A3F);
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
  g_assert_true (commit (batch, &error));
  g_assert_no_error (error);

  /* In memory at once. */
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (network)), ==, 2);
  g_assert_true (mesh_node_get_network (node) == network);
  g_assert_true (mesh_network_find_node_by_address (network, 0x0103) == node);
  g_assert_null (mesh_network_find_node_by_address (network, 0x0104));

  reopen (f);
  loaded = load_network (f->store, NETWORK_UUID);
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
  assert_full_node (n);
  g_assert_false (mesh_node_get_elements_loaded (n));
  load_elements (f->store, loaded, n);
  assert_full_elements (n);

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
test_items_changed (Fixture       *f,
                    gconstpointer  data)
{
  MeshNetwork *network = add_network (f->store);
  GListModel *nodes = mesh_network_get_nodes (network);
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (f->store);
  g_autoptr(MeshStoreBatch) removal = NULL;
  g_autoptr(GError) error = NULL;
  MeshItemsChangedCount count = { 0 };
  g_autoptr(MeshNode) n1 = mesh_node_new ("11111111-1111-1111-1111-111111111111", 1, 1);
  guint notified = 0;

  mesh_core_test_count_items_changed (nodes, &count);

  add (f->store, network, n1);
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
  g_assert_true (commit (batch, &error));
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
  g_assert_true (commit (removal, &error));
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
    add (f->store, network, key);
    add (f->store, network, app);
    add (f->store, network, p);
    add (f->store, network, scene);
    add (f->store, network, group);
    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      g_assert_cmpuint (lists[i].added, ==, 1);

    remove_object (f->store, key);
    remove_object (f->store, app);
    remove_object (f->store, p);
    remove_object (f->store, scene);
    remove_object (f->store, group);
    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      g_assert_cmpuint (lists[i].removed, ==, 1);
    g_assert_null (mesh_net_key_get_network (key));
  }

  g_signal_handlers_disconnect_by_data (nodes, &count);
}

static void
test_update_objects (Fixture       *f,
                     gconstpointer  data)
{
  MeshNetwork *network = add_network (f->store);
  g_autoptr(MeshNode) node = make_full_node ();
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
  add (f->store, network, node);
  add (f->store, network, key);
  add (f->store, network, app);
  add (f->store, network, p);
  add (f->store, network, scene);
  add (f->store, network, group);

  /* A confirmed status: one field, written at once. */
  mesh_node_set_default_ttl (node, 9);
  mesh_node_set_relay (node, MESH_FEATURE_STATE_DISABLED);
  mesh_node_set_network_transmit (node, NULL);
  mesh_node_remove_app_key (node, 2);
  update (f->store, node);

  element = mesh_node_get_element (node, 1);
  mesh_element_set_name (element, "Secondary");
  update (f->store, element);

  model = mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE);
  g_assert_nonnull (model);
  mesh_model_remove_binding (model, 2);
  mesh_model_add_binding (model, 7);
  mesh_model_set_publication (model, NULL);
  mesh_model_set_subscriptions (model, NULL, 0);
  update (f->store, model);

  mesh_net_key_set_name (key, "Main");
  mesh_net_key_set_phase (key, MESH_KEY_REFRESH_PHASE_1);
  update (f->store, key);
  mesh_app_key_set_bound_net_key (app, 5);
  update (f->store, app);
  mesh_provisioner_set_name (p, "Laptop");
  mesh_provisioner_add_range (p, MESH_RANGE_KIND_UNICAST, &range);
  update (f->store, p);
  mesh_scene_add_address (scene, 0x0102);
  mesh_scene_set_name (scene, "Night");
  update (f->store, scene);
  mesh_group_set_name (group, "Upstairs");
  update (f->store, group);

  reopen (f);
  network = load_network (f->store, NETWORK_UUID);
  n = mesh_network_find_node_by_address (network, 0x0102);
  g_assert_cmpint (mesh_node_get_default_ttl (n), ==, 9);
  g_assert_cmpint (mesh_node_get_relay (n), ==, MESH_FEATURE_STATE_DISABLED);
  g_assert_null (mesh_node_get_network_transmit (n));
  mesh_node_get_app_keys (n, &count);
  g_assert_cmpuint (count, ==, 1);
  load_elements (f->store, network, n);
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
    update (f->store, extra);
    reopen (f);
    network = load_network (f->store, NETWORK_UUID);
    n = mesh_network_find_node_by_address (network, 0x0102);
    load_elements (f->store, network, n);
    g_assert_nonnull (mesh_element_find_model (mesh_node_get_element (n, 1), 0x1300, FALSE));
  }
}

static void
test_batch_rolls_back (Fixture       *f,
                       gconstpointer  data)
{
  MeshNetwork *network = add_network (f->store);
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

  g_assert_false (commit (batch, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "network database"));
  g_assert_cmpuint (count.emissions, ==, 0);
  g_assert_null (mesh_node_get_network (a));
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_net_keys (network)), ==, 0);

  g_assert_cmpint (count_rows (f->path, "nodes"), ==, 0);
  g_assert_cmpint (count_rows (f->path, "net_keys"), ==, 0);

  /* A batch commits once. */
  g_clear_error (&error);
  g_assert_false (commit (batch, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
}

/* Objects added unshared are written as they are, and are the ones the
 * network's lists then hold. */
static void
test_batch_unshared (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MeshNetwork) network = mesh_network_new (NETWORK_UUID, "Home");
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (f->store);
  g_autoptr(MeshNode) node = make_full_node ();
  g_autoptr(MeshNetKey) key = mesh_net_key_new (1, "Key");
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshNode) listed = NULL;
  MeshNetwork *loaded;
  MeshNode *n;

  mesh_store_batch_add_unshared (batch, NULL, network);
  mesh_store_batch_add_unshared (batch, network, key);
  mesh_store_batch_add_unshared (batch, network, node);
  g_assert_true (commit (batch, &error));
  g_assert_no_error (error);

  g_assert_true (mesh_store_find_network (f->store, NETWORK_UUID) == network);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (network)), ==, 1);
  listed = g_list_model_get_item (mesh_network_get_nodes (network), 0);
  g_assert_true (listed == node);
  g_assert_true (mesh_node_get_network (node) == network);
  g_assert_true (mesh_network_find_net_key (network, 1) == key);

  reopen (f);
  loaded = load_network (f->store, NETWORK_UUID);
  g_assert_cmpstr (mesh_network_get_name (loaded), ==, "Home");
  g_assert_nonnull (mesh_network_find_net_key (loaded, 1));
  n = mesh_network_find_node_by_address (loaded, 0x0102);
  g_assert_nonnull (n);
  assert_full_node (n);
  load_elements (f->store, loaded, n);
  assert_full_elements (n);
}

/* Opening with the first network loaded: the lists are there when the
 * store is, and the elements still load on demand. */
static void
test_open_with_network (Fixture       *f,
                        gconstpointer  data)
{
  MeshNetwork *network = add_network (f->store);
  g_autoptr(MeshNode) node = make_full_node ();
  g_autoptr(MeshNetKey) key = mesh_net_key_new (2, "Second");
  g_autoptr(MeshNetwork) other = mesh_network_new ("6a4b1c8f-2d3e-4f5a-9b0c-1d2e3f4a5b6c", "Other");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MeshStore) store = NULL;
  g_autoptr(MeshNetwork) first = NULL;
  g_autoptr(MeshNetwork) second = NULL;
  g_autoptr(GError) error = NULL;
  MeshNode *n;

  add (f->store, network, node);
  add (f->store, network, key);
  add (f->store, NULL, other);
  close_store (&f->store);

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
  assert_full_node (n);
  g_assert_false (mesh_node_get_elements_loaded (n));
  load_elements (store, first, n);
  assert_full_elements (n);

  /* The others load when asked. */
  second = g_list_model_get_item (mesh_store_get_networks (store), 1);
  g_assert_false (mesh_network_get_loaded (second));

  f->store = g_steal_pointer (&store);
}

static void
test_cancelled (Fixture       *f,
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
  g_assert_cmpint (count_rows (f->path, "networks"), ==, 0);
}

static gboolean
elements_loaded (gpointer node)
{
  return mesh_node_get_elements_loaded (node);
}

static void
test_lazy_elements (Fixture       *f,
                    gconstpointer  data)
{
  MeshNetwork *network = add_network (f->store);
  g_autoptr(MeshNode) node = make_full_node ();
  MeshItemsChangedCount count = { 0 };
  GListModel *elements;
  MeshNode *n;

  add (f->store, network, node);
  reopen (f);
  network = load_network (f->store, NETWORK_UUID);
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
  assert_full_elements (n);

  /* The whole network at once (export). */
  reopen (f);
  network = load_network (f->store, NETWORK_UUID);
  load_elements (f->store, network, NULL);
  n = mesh_network_find_node_by_address (network, 0x0102);
  assert_full_elements (n);
}

static void
test_exclusions (Fixture       *f,
                 gconstpointer  data)
{
  MeshNetwork *network = add_network (f->store);
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
  update (f->store, network);
  add (f->store, network, node);

  allocator = mesh_network_create_allocator (network);
  g_assert_false (mesh_address_allocator_is_unicast_free (allocator, 0x0020, 1));
  g_clear_pointer (&allocator, mesh_address_allocator_free);

  /* Removal of a node: its addresses are excluded at the current index. */
  mesh_store_batch_exclude_node (batch, node);
  mesh_store_batch_remove (batch, node);
  g_assert_true (commit (batch, &error));
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
  g_assert_true (commit (prune, &error));
  mesh_network_get_exclusions (network, &count);
  g_assert_cmpuint (count, ==, 0);
  g_assert_cmpint (count_rows (f->path, "exclusions"), ==, 0);
}

static void
test_remove_cascades (Fixture       *f,
                      gconstpointer  data)
{
  MeshNetwork *network = add_network (f->store);
  g_autoptr(MeshNode) node = make_full_node ();
  g_autoptr(MeshProvisioner) p = mesh_provisioner_new ("33333333-3333-3333-3333-333333333333", "Me");
  MeshAddressRange range = { 0x0100, 0x01FF };
  const char *tables[] = { "nodes", "node_net_keys", "node_app_keys", "elements", "models",
                           "model_bindings", "model_subscriptions", "provisioners", "provisioner_ranges" };

  mesh_provisioner_add_range (p, MESH_RANGE_KIND_UNICAST, &range);
  add (f->store, network, node);
  add (f->store, network, p);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (count_rows (f->path, tables[i]), >, 0);

  remove_object (f->store, node);
  g_assert_cmpint (count_rows (f->path, "elements"), ==, 0);
  g_assert_cmpint (count_rows (f->path, "model_bindings"), ==, 0);

  remove_object (f->store, network);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (count_rows (f->path, tables[i]), ==, 0);
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

#define ADD(name, func) g_test_add ("/store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("open-empty", test_open_empty);
  ADD ("network-crud", test_network_crud);
  ADD ("full-roundtrip", test_full_roundtrip);
  ADD ("items-changed", test_items_changed);
  ADD ("update-objects", test_update_objects);
  ADD ("batch-rolls-back", test_batch_rolls_back);
  ADD ("batch-unshared", test_batch_unshared);
  ADD ("open-with-network", test_open_with_network);
  ADD ("cancelled", test_cancelled);
  ADD ("lazy-elements", test_lazy_elements);
  ADD ("exclusions", test_exclusions);
  ADD ("remove-cascades", test_remove_cascades);
#undef ADD
  g_test_add_func ("/store/default-path", test_default_path);

  return g_test_run ();
}
