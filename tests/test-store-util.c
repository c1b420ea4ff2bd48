/* test-store-util.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers of the store's tests (test-store*.c, test-cdb-import.c,
 * test-cdb-merge.c): the fixture, the store's async calls made
 * synchronous, and a node with every field set. */

#include "config.h"

#include "mesh-core-test-utils.h"
#include "mesh-sqlite-connection.h"
#include "test-store-util.h"

const guint8 store_test_label_a[16] = { 0x00, 0x73, 0xe7, 0xe4, 0xd8, 0xb9, 0x44, 0x0f,
                                        0xaf, 0x84, 0x15, 0xdf, 0x4c, 0x56, 0xc0, 0xe1 };

MeshStore *
store_test_open (const char *path)
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

void
store_test_close (MeshStore **store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_close_async (*store, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_close_finish (*store, result, &error));
  g_assert_no_error (error);
  g_clear_object (store);
}

void
store_test_reopen (StoreFixture *f)
{
  store_test_close (&f->store);
  f->store = store_test_open (f->path);
}

static void
store_test_set_up (StoreFixture  *f,
                   gconstpointer  data)
{
  f->path = mesh_core_test_temp_path ("networks.db");
  f->store = store_test_open (f->path);
}

static void
store_test_tear_down (StoreFixture  *f,
                      gconstpointer  data)
{
  store_test_close (&f->store);
  g_free (f->path);
}

void
store_test_add_path (const char    *path,
                     StoreTestFunc  func)
{
  g_test_add (path, StoreFixture, NULL, store_test_set_up, func, store_test_tear_down);
}

void
store_test_add_case (const char    *name,
                     StoreTestFunc  func)
{
  g_autofree char *path = g_strconcat ("/store/", name, NULL);

  store_test_add_path (path, func);
}

gboolean
store_test_commit (MeshStoreBatch  *batch,
                   GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_store_batch_commit_async (batch, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  return mesh_store_batch_commit_finish (batch, result, error);
}

void
store_test_add (MeshStore   *store,
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

void
store_test_update (MeshStore *store,
                   gpointer   object)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_update_async (store, object, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_update_finish (store, result, &error));
  g_assert_no_error (error);
}

void
store_test_remove (MeshStore *store,
                   gpointer   object)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_remove_async (store, object, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_remove_finish (store, result, &error));
  g_assert_no_error (error);
}

MeshNetwork *
store_test_load_network (MeshStore  *store,
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

void
store_test_load_elements (MeshStore   *store,
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

MeshNetwork *
store_test_add_network (MeshStore *store)
{
  g_autoptr(MeshNetwork) network = mesh_network_new (NETWORK_UUID, "Home");

  store_test_add (store, NULL, network);
  return network;  /* the store's list keeps it */
}

gint64
store_test_count_rows (const char *path,
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
MeshNode *
store_test_make_full_node (void)
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
  mesh_destination_init_label (&virtual, store_test_label_a, 0x9A3F);
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

void
store_test_assert_full_node (MeshNode *node)
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

void
store_test_assert_full_elements (MeshNode *node)
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
  g_assert_cmpmem (subs[1].label, 16, store_test_label_a, 16);
  pub = mesh_model_get_publication (m1);
  g_assert_nonnull (pub);
  g_assert_true (pub->destination.has_label);
  g_assert_cmpmem (pub->destination.label, 16, store_test_label_a, 16);
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
