/* test-config-engine.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-config-engine-private.h"
#include "mesh-config-plan.h"
#include "mesh-crypto.h"
#include "mesh-error.h"
#include "mesh-keyring.h"
#include "mesh-store-batch.h"
#include "test-config-engine-utils.h"

/* The configuration engine against MeshTestTransport's simulated nodes:
 * what it sends (through the real wire-format layer), what it stores, and
 * how it queues, matches, times out, retries and cancels. Runs under
 * tests/session-run for the keyring that holds the AppKey bytes. */

/* Operations on the node's own state */

static void
test_composition (Fixture       *f,
                  gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 0);
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  MeshModel *onoff;
  MeshDestination group;
  Snapshot s;

  /* State the database had before stays on models the node still has. */
  onoff = mesh_config_find_model (node, 0x0100, mesh_model_id_sig (0x1000));
  mesh_destination_init_address (&group, 0xc005);
  mesh_model_add_subscription (onoff, &group);
  fixture_update (f, node);

  mesh_config_engine_composition_get_async (f->engine, node, 0, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_composition_get_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmphex (status->opcode, ==, MESH_OP_CONFIG_COMPOSITION_DATA_STATUS);
  assert_sent (f, 0, 0x0100, MESH_TRANSPORT_KEY_DEVICE, "80 08 00");

  snapshot_open (&s, f->path);
  node = snapshot_node (&s, 0x0100);
  g_assert_cmpint (mesh_node_get_cid (node), ==, 0x05f1);
  g_assert_cmpint (mesh_node_get_pid (node), ==, 0x0001);
  g_assert_cmpint (mesh_node_get_vid (node), ==, 0x0002);
  g_assert_cmpint (mesh_node_get_crpl (node), ==, 0x0020);
  g_assert_cmpint (mesh_node_get_friend (node), ==, MESH_FEATURE_STATE_NOT_SUPPORTED);
  g_assert_cmpint (mesh_node_get_low_power (node), ==, MESH_FEATURE_STATE_NOT_SUPPORTED);
  g_assert_cmpint (mesh_node_get_relay (node), ==, MESH_FEATURE_STATE_UNKNOWN);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_node_get_elements (node)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_element_get_models (mesh_node_get_element (node, 0))), ==, 4);
  g_assert_nonnull (mesh_element_find_model (mesh_node_get_element (node, 0), 0x05f10001, TRUE));
  g_assert_cmpuint (g_list_model_get_n_items (mesh_element_get_models (mesh_node_get_element (node, 1))), ==, 1);
  assert_subscriptions (mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE), 1, 0xc005);
  snapshot_close (&s);
}

static void
test_app_key_add (Fixture       *f,
                  gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 0);
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  const MeshNodeKey *keys;
  guint n_keys;
  Snapshot s;

  mesh_config_engine_app_key_add_async (f->engine, node, 1, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_app_key_add_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->appkey.status, ==, MESH_STATUS_SUCCESS);
  g_assert_cmpuint (status->appkey.app_key_index, ==, 1);

  /* Config AppKey Add: NetKey 0 and AppKey 1 packed in 3 octets, then the
   * key from the keyring. */
  expected = g_strconcat ("00 00 10 00 ", APP_KEY_HEX, NULL);
  assert_sent (f, 0, 0x0100, MESH_TRANSPORT_KEY_DEVICE, expected);
  g_assert_cmpuint (((MeshTestSent *) mesh_test_transport_get_sent (f->transport)->pdata[0])->key_index, ==, 0);
  g_assert_true (mesh_test_transport_has_app_key (f->transport, 0x0100, 1));

  snapshot_open (&s, f->path);
  keys = mesh_node_get_app_keys (snapshot_node (&s, 0x0100), &n_keys);
  g_assert_cmpuint (n_keys, ==, 1);
  g_assert_cmpuint (keys[0].index, ==, 1);
  g_assert_false (keys[0].updated);
  snapshot_close (&s);

  /* Delete: confirmed and removed again, with the bindings to the key
   * and the publication that used it (as the node drops them). */
  {
    MeshModel *onoff = mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE);
    MeshModel *level = mesh_element_find_model (mesh_node_get_element (node, 0), 0x1002, FALSE);
    MeshPublication publication = { .app_key_index = 1, .ttl = 5 };

    mesh_destination_init_address (&publication.destination, 0xc001);
    mesh_model_add_binding (onoff, 1);
    mesh_model_add_binding (level, 1);
    mesh_model_add_binding (level, 3);
    mesh_model_set_publication (onoff, &publication);
    fixture_update (f, node);
  }
  g_clear_pointer (&status, mesh_config_status_free);
  mesh_config_engine_app_key_delete_async (f->engine, node, 1, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_app_key_delete_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  assert_sent (f, 1, 0x0100, MESH_TRANSPORT_KEY_DEVICE, "80 00 00 10 00");
  g_assert_false (mesh_test_transport_has_app_key (f->transport, 0x0100, 1));
  mesh_node_get_app_keys (node, &n_keys);
  g_assert_cmpuint (n_keys, ==, 0);

  snapshot_open (&s, f->path);
  {
    MeshNode *stored = snapshot_node (&s, 0x0100);
    MeshModel *onoff = mesh_element_find_model (mesh_node_get_element (stored, 0), 0x1000, FALSE);
    MeshModel *level = mesh_element_find_model (mesh_node_get_element (stored, 0), 0x1002, FALSE);
    const guint16 *bindings;
    guint n_bindings;

    g_assert_false (mesh_model_has_binding (onoff, 1));
    g_assert_null (mesh_model_get_publication (onoff));
    bindings = mesh_model_get_bindings (level, &n_bindings);
    g_assert_cmpuint (n_bindings, ==, 1);
    g_assert_cmpuint (bindings[0], ==, 3);
  }
  snapshot_close (&s);
}

static void
test_unknown_key (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  mesh_config_engine_app_key_add_async (f->engine, fixture_node (f, 0), 7, NULL,
                                        mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_app_key_add_finish (f->engine, fixture_wait (f), &error);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND);
  g_assert_null (status);
  g_assert_cmpuint (mesh_test_transport_get_sent (f->transport)->len, ==, 0);
  g_assert_cmpuint (mesh_config_engine_get_n_pending (f->engine), ==, 0);
}

static void
test_node_state (Fixture       *f,
                 gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 1);
  MeshRetransmit transmit = { .count = 3, .interval_steps = 9 };
  MeshRetransmit relay_retransmit = { .count = 2, .interval_steps = 20 };
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot s;

  mesh_config_engine_default_ttl_set_async (f->engine, node, 5, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_default_ttl_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->default_ttl, ==, 5);
  assert_sent (f, 0, 0x0110, MESH_TRANSPORT_KEY_DEVICE, "80 0d 05");
  g_clear_pointer (&status, mesh_config_status_free);

  mesh_config_engine_network_transmit_set_async (f->engine, node, transmit, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_network_transmit_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  assert_sent (f, 1, 0x0110, MESH_TRANSPORT_KEY_DEVICE, "80 24 4b");
  g_clear_pointer (&status, mesh_config_status_free);

  mesh_config_engine_relay_set_async (f->engine, node, TRUE, relay_retransmit, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_relay_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  assert_sent (f, 2, 0x0110, MESH_TRANSPORT_KEY_DEVICE, "80 27 01 a2");
  g_assert_cmpint (status->relay.state, ==, MESH_FEATURE_STATE_ENABLED);
  g_clear_pointer (&status, mesh_config_status_free);

  mesh_config_engine_beacon_set_async (f->engine, node, FALSE, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_beacon_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_clear_pointer (&status, mesh_config_status_free);

  mesh_config_engine_gatt_proxy_get_async (f->engine, node, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_gatt_proxy_get_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->gatt_proxy, ==, MESH_FEATURE_STATE_ENABLED);
  g_clear_pointer (&status, mesh_config_status_free);

  snapshot_open (&s, f->path);
  node = snapshot_node (&s, 0x0110);
  g_assert_cmpint (mesh_node_get_default_ttl (node), ==, 5);
  g_assert_nonnull (mesh_node_get_network_transmit (node));
  g_assert_cmpuint (mesh_node_get_network_transmit (node)->count, ==, 3);
  g_assert_cmpuint (mesh_node_get_network_transmit (node)->interval_steps, ==, 9);
  g_assert_cmpint (mesh_node_get_relay (node), ==, MESH_FEATURE_STATE_ENABLED);
  g_assert_cmpuint (mesh_node_get_relay_retransmit (node)->count, ==, 2);
  g_assert_cmpuint (mesh_node_get_relay_retransmit (node)->interval_steps, ==, 20);
  g_assert_cmpint (mesh_node_get_secure_network_beacon (node), ==, 0);
  g_assert_cmpint (mesh_node_get_proxy (node), ==, MESH_FEATURE_STATE_ENABLED);
  snapshot_close (&s);
}

/* Statuses the simulated node does not produce itself, pushed as bytes. */
static void
test_pushed_statuses (Fixture       *f,
                      gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 2);
  MeshConfigHeartbeatPublication publication = {
    .destination = 0xc010, .count_log = 0x02, .period_log = 0x03, .ttl = 5,
    .features = MESH_FEATURES_RELAY, .net_key_index = 0,
  };
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  const MeshNodeKey *keys;
  guint n_keys;
  Snapshot s;

  mesh_node_add_app_key (node, 1, FALSE);
  fixture_update (f, node);

  /* A Node Identity Status for another subnet first: not this answer. */
  push_reply (f, 0x0120, "80 48 00 01 00 01");
  push_reply (f, 0x0120, "80 48 00 00 00 01");
  mesh_config_engine_node_identity_get_async (f->engine, node, 0, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_node_identity_get_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->node_identity.net_key_index, ==, 0);
  g_assert_cmpuint (mesh_test_transport_count_sent (f->transport, 0x0120), ==, 2);
  g_clear_pointer (&status, mesh_config_status_free);
  mesh_test_transport_clear_sent (f->transport);

  /* Key Refresh Phase 2 marks the NetKey and its AppKeys as updated. */
  push_reply (f, 0x0120, "80 17 00 00 00 02");
  mesh_config_engine_key_refresh_phase_set_async (f->engine, node, 0, MESH_KEY_REFRESH_TRANSITION_USE_NEW_KEYS,
                                                  NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_key_refresh_phase_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  assert_sent (f, 0, 0x0120, MESH_TRANSPORT_KEY_DEVICE, "80 16 00 00 02");
  g_clear_pointer (&status, mesh_config_status_free);

  push_reply (f, 0x0120, "06 00 10 c0 02 03 05 01 00 00 00");
  mesh_config_engine_heartbeat_publication_set_async (f->engine, node, &publication, NULL,
                                                      mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_heartbeat_publication_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  assert_sent (f, 1, 0x0120, MESH_TRANSPORT_KEY_DEVICE, "80 39 10 c0 02 03 05 01 00 00 00");
  g_clear_pointer (&status, mesh_config_status_free);

  push_reply (f, 0x0120, "80 3c 00 01 00 20 01 04 00 00 00");
  mesh_config_engine_heartbeat_subscription_set_async (f->engine, node, 0x0001, 0x0120, 4, NULL,
                                                       mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_heartbeat_subscription_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_clear_pointer (&status, mesh_config_status_free);

  /* PollTimeout of another LPN first: ignored. */
  push_reply (f, 0x0120, "80 2e 05 00 00 00 00");
  push_reply (f, 0x0120, "80 2e 04 00 64 00 00");
  mesh_config_engine_poll_timeout_get_async (f->engine, node, 0x0004, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_poll_timeout_get_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->poll_timeout.lpn_address, ==, 0x0004);
  g_assert_cmpuint (status->poll_timeout.poll_timeout, ==, 100);

  snapshot_open (&s, f->path);
  node = snapshot_node (&s, 0x0120);
  keys = mesh_node_get_net_keys (node, &n_keys);
  g_assert_cmpuint (n_keys, ==, 1);
  g_assert_true (keys[0].updated);
  keys = mesh_node_get_app_keys (node, &n_keys);
  g_assert_cmpuint (n_keys, ==, 1);
  g_assert_true (keys[0].updated);
  g_assert_nonnull (mesh_node_get_heartbeat_publication (node));
  g_assert_cmphex (mesh_node_get_heartbeat_publication (node)->destination, ==, 0xc010);
  g_assert_cmpuint (mesh_node_get_heartbeat_publication (node)->period_log, ==, 3);
  g_assert_cmpuint (mesh_node_get_heartbeat_publication (node)->features, ==, MESH_FEATURES_RELAY);
  g_assert_nonnull (mesh_node_get_heartbeat_subscription (node));
  g_assert_cmphex (mesh_node_get_heartbeat_subscription (node)->source, ==, 0x0001);
  g_assert_cmphex (mesh_node_get_heartbeat_subscription (node)->destination, ==, 0x0120);
  snapshot_close (&s);
}

static void
test_node_reset (Fixture       *f,
                 gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 3);
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) device_key = NULL;
  guint n_exclusions;
  Snapshot s;

  mesh_config_engine_node_reset_async (f->engine, node, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_node_reset_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmphex (status->opcode, ==, MESH_OP_CONFIG_NODE_RESET_STATUS);
  assert_sent (f, 0, 0x0130, MESH_TRANSPORT_KEY_DEVICE, "80 49");
  g_assert_true (mesh_test_transport_is_reset (f->transport, 0x0130));

  /* The engine only sends it: removing the node is the session's
   * (mesh_session_remove_node_async()), which must not find it gone. */
  g_assert_nonnull (mesh_network_find_node_by_address (f->network, 0x0130));
  snapshot_open (&s, f->path);
  g_assert_nonnull (mesh_network_find_node_by_address (s.network, 0x0130));
  mesh_network_get_exclusions (s.network, &n_exclusions);
  g_assert_cmpuint (n_exclusions, ==, 0);
  snapshot_close (&s);

  device_key = keyring_lookup (MESH_SECRET_DEVICE_KEY, 0x0130, &error);
  g_assert_no_error (error);
  g_assert_nonnull (device_key);
  g_clear_pointer (&device_key, g_bytes_unref);
  device_key = keyring_lookup (MESH_SECRET_DEVICE_KEY, 0x0120, &error);
  g_assert_no_error (error);
  g_assert_nonnull (device_key);
}

/* Models */

static void
test_bind_subscribe_publish (Fixture       *f,
                             gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 0);
  MeshModelId vendor = mesh_model_id_vendor (0x05f1, 0x0001);
  MeshPublication publication = { .app_key_index = 1, .ttl = 7, .period_steps = 10,
                                  .period_resolution = MESH_STEP_RESOLUTION_1_S,
                                  .retransmit_count = 2, .retransmit_interval_steps = 3 };
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  MeshDestination group;
  const MeshPublication *stored;
  MeshModel *model;
  Snapshot s;

  add_app_key (f, node);

  mesh_config_engine_model_app_bind_async (f->engine, node, 0x0100, mesh_model_id_sig (0x1000), 1, NULL,
                                           mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_model_app_bind_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  assert_sent (f, 1, 0x0100, MESH_TRANSPORT_KEY_DEVICE, "80 3d 00 01 01 00 00 10");
  g_clear_pointer (&status, mesh_config_status_free);

  mesh_config_engine_model_app_bind_async (f->engine, node, 0x0100, vendor, 1, NULL,
                                           mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_model_app_bind_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  assert_sent (f, 2, 0x0100, MESH_TRANSPORT_KEY_DEVICE, "80 3d 00 01 01 00 f1 05 01 00");
  g_assert_true (status->model_app.model.vendor);
  g_clear_pointer (&status, mesh_config_status_free);

  mesh_destination_init_address (&group, 0xc001);
  mesh_config_engine_subscription_add_async (f->engine, node, 0x0101, mesh_model_id_sig (0x1000), &group, NULL,
                                             mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_subscription_add_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  assert_sent (f, 3, 0x0100, MESH_TRANSPORT_KEY_DEVICE, "80 1b 01 01 01 c0 00 10");
  g_clear_pointer (&status, mesh_config_status_free);

  mesh_destination_init_address (&publication.destination, 0xc002);
  mesh_config_engine_publication_set_async (f->engine, node, 0x0100, mesh_model_id_sig (0x1000), &publication,
                                            NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_publication_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  assert_sent (f, 4, 0x0100, MESH_TRANSPORT_KEY_DEVICE, "03 00 01 02 c0 01 00 07 4a 1a 00 10");
  g_assert_cmphex (status->publication.publication.address, ==, 0xc002);
  g_clear_pointer (&status, mesh_config_status_free);

  snapshot_open (&s, f->path);
  node = snapshot_node (&s, 0x0100);
  model = mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE);
  assert_bindings (model, 1, 1);
  stored = mesh_model_get_publication (model);
  g_assert_nonnull (stored);
  g_assert_cmphex (stored->destination.address, ==, 0xc002);
  g_assert_false (stored->destination.has_label);
  g_assert_cmpuint (stored->app_key_index, ==, 1);
  g_assert_cmpuint (stored->ttl, ==, 7);
  g_assert_cmpuint (stored->period_steps, ==, 10);
  g_assert_cmpuint (stored->period_resolution, ==, MESH_STEP_RESOLUTION_1_S);
  g_assert_cmpuint (stored->retransmit_count, ==, 2);
  g_assert_cmpuint (stored->retransmit_interval_steps, ==, 3);
  assert_bindings (mesh_element_find_model (mesh_node_get_element (node, 0), 0x05f10001, TRUE), 1, 1);
  assert_subscriptions (mesh_element_find_model (mesh_node_get_element (node, 1), 0x1000, FALSE), 1, 0xc001);
  snapshot_close (&s);

  /* Publication off, unbind: confirmed, stored. */
  mesh_config_engine_publication_set_async (f->engine, fixture_node (f, 0), 0x0100, mesh_model_id_sig (0x1000),
                                            NULL, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_publication_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_clear_pointer (&status, mesh_config_status_free);
  mesh_config_engine_model_app_unbind_async (f->engine, fixture_node (f, 0), 0x0100, vendor, 1, NULL,
                                             mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_model_app_unbind_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);

  snapshot_open (&s, f->path);
  node = snapshot_node (&s, 0x0100);
  g_assert_null (mesh_model_get_publication (mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE)));
  assert_bindings (mesh_element_find_model (mesh_node_get_element (node, 0), 0x05f10001, TRUE), 0);
  snapshot_close (&s);
}

static void
test_virtual (Fixture       *f,
              gconstpointer  data)
{
  static const guint8 label[16] = { 0x00, 0x73, 0xe7, 0xe4, 0xd8, 0xb9, 0x44, 0x0f,
                                    0xaf, 0x84, 0x15, 0xdf, 0x4c, 0x56, 0xc0, 0xe1 };
  MeshNode *node = fixture_node (f, 0);
  MeshPublication publication = { .app_key_index = 1, .ttl = 3 };
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  MeshDestination address;
  const MeshDestination *subscriptions;
  MeshModel *model;
  guint n;
  Snapshot s;

  add_app_key (f, node);
  mesh_destination_init_label (&address, label, 0);  /* the engine computes the address */
  mesh_config_engine_subscription_add_async (f->engine, node, 0x0100, mesh_model_id_sig (0x1002), &address, NULL,
                                             mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_subscription_add_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmphex (status->subscription.address, ==, mesh_crypto_virtual_address (label));
  assert_sent (f, 1, 0x0100, MESH_TRANSPORT_KEY_DEVICE,
               "80 20 00 01 00 73 e7 e4 d8 b9 44 0f af 84 15 df 4c 56 c0 e1 02 10");
  g_clear_pointer (&status, mesh_config_status_free);

  publication.destination = address;
  mesh_config_engine_publication_set_async (f->engine, node, 0x0100, mesh_model_id_sig (0x1002), &publication,
                                            NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_publication_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_clear_pointer (&status, mesh_config_status_free);

  snapshot_open (&s, f->path);
  model = mesh_element_find_model (mesh_node_get_element (snapshot_node (&s, 0x0100), 0), 0x1002, FALSE);
  subscriptions = mesh_model_get_subscriptions (model, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (subscriptions[0].has_label);
  g_assert_cmpmem (subscriptions[0].label, 16, label, 16);
  g_assert_cmphex (subscriptions[0].address, ==, mesh_crypto_virtual_address (label));
  g_assert_true (mesh_model_get_publication (model)->destination.has_label);
  g_assert_cmpmem (mesh_model_get_publication (model)->destination.label, 16, label, 16);
  snapshot_close (&s);

  /* Subscription Get keeps the label the database knows for the address. */
  mesh_config_engine_subscription_get_async (f->engine, node, 0x0100, mesh_model_id_sig (0x1002), NULL,
                                             mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_subscription_get_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->model_list.n_items, ==, 1);
  subscriptions = mesh_model_get_subscriptions (mesh_config_find_model (node, 0x0100, mesh_model_id_sig (0x1002)), &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (subscriptions[0].has_label);
}

static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 0);
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  MeshDestination a, b;
  MeshModel *model;
  const MeshNodeKey *keys;
  guint n;
  Snapshot s;

  add_app_key (f, node);
  mesh_destination_init_address (&a, 0xc001);
  mesh_destination_init_address (&b, 0xc002);
  subscribe (f, node, 0x0100, &a);
  subscribe (f, node, 0x0100, &b);
  mesh_config_engine_model_app_bind_async (f->engine, node, 0x0100, mesh_model_id_sig (0x1000), 1, NULL,
                                           mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_model_app_bind_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_clear_pointer (&status, mesh_config_status_free);

  /* The database forgets; the Get calls learn it back from the node. */
  model = mesh_config_find_model (node, 0x0100, mesh_model_id_sig (0x1000));
  mesh_model_set_bindings (model, NULL, 0);
  mesh_model_set_subscriptions (model, NULL, 0);
  mesh_node_set_app_keys (node, NULL, 0);
  fixture_update (f, node);

  mesh_config_engine_app_key_get_async (f->engine, node, 0, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_app_key_get_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->key_list.n_indexes, ==, 1);
  g_clear_pointer (&status, mesh_config_status_free);

  mesh_config_engine_model_app_get_async (f->engine, node, 0x0100, mesh_model_id_sig (0x1000), NULL,
                                          mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_model_app_get_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_clear_pointer (&status, mesh_config_status_free);

  mesh_config_engine_subscription_get_async (f->engine, node, 0x0100, mesh_model_id_sig (0x1000), NULL,
                                             mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_subscription_get_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_clear_pointer (&status, mesh_config_status_free);

  snapshot_open (&s, f->path);
  node = snapshot_node (&s, 0x0100);
  keys = mesh_node_get_app_keys (node, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (keys[0].index, ==, 1);
  model = mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE);
  assert_bindings (model, 1, 1);
  assert_subscriptions (model, 2, 0xc001, 0xc002);
  snapshot_close (&s);

  /* Overwrite, then Delete All. */
  mesh_config_engine_subscription_overwrite_async (f->engine, fixture_node (f, 0), 0x0100, mesh_model_id_sig (0x1000),
                                                   &b, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_subscription_overwrite_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_clear_pointer (&status, mesh_config_status_free);
  assert_subscriptions (mesh_config_find_model (fixture_node (f, 0), 0x0100, mesh_model_id_sig (0x1000)), 1, 0xc002);

  mesh_config_engine_subscription_delete_all_async (f->engine, fixture_node (f, 0), 0x0100, mesh_model_id_sig (0x1000),
                                                    NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_subscription_delete_all_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  snapshot_open (&s, f->path);
  model = mesh_element_find_model (mesh_node_get_element (snapshot_node (&s, 0x0100), 0), 0x1000, FALSE);
  assert_subscriptions (model, 0);
  snapshot_close (&s);
}

/* Generic OnOff and Level */

static void
test_onoff (Fixture       *f,
            gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 0);
  MeshGenericOnOffStatus onoff = { 0 };
  MeshGenericLevelStatus level = { 0 };
  g_autoptr(GError) error = NULL;
  MeshTestSent *sent;

  add_app_key (f, node);
  mesh_test_transport_clear_sent (f->transport);

  mesh_config_engine_generic_onoff_set_async (f->engine, 0x0101, 1, TRUE, NULL, TRUE, NULL,
                                              mesh_core_test_result_cb, &f->result);
  g_assert_true (mesh_config_engine_generic_onoff_set_finish (f->engine, fixture_wait (f), &onoff, &error));
  g_assert_no_error (error);
  g_assert_true (onoff.present);
  g_assert_true (mesh_test_transport_get_onoff (f->transport, 0x0101));
  g_assert_false (mesh_test_transport_get_onoff (f->transport, 0x0100));
  sent = mesh_test_transport_get_sent (f->transport)->pdata[0];
  g_assert_cmpint (sent->key, ==, MESH_TRANSPORT_KEY_APPLICATION);
  g_assert_cmpuint (sent->key_index, ==, 1);
  g_assert_cmphex (sent->destination, ==, 0x0101);
  g_assert_cmpmem (g_bytes_get_data (sent->message, NULL), 3, "\x82\x02\x01", 3);

  /* Unacknowledged: done when sent; the node applies it without answering. */
  mesh_config_engine_generic_onoff_set_async (f->engine, 0x0101, 1, FALSE, NULL, FALSE, NULL,
                                              mesh_core_test_result_cb, &f->result);
  g_assert_true (mesh_config_engine_generic_onoff_set_finish (f->engine, fixture_wait (f), &onoff, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (onoff.present, ==, FALSE);
  sent = mesh_test_transport_get_sent (f->transport)->pdata[1];
  g_assert_cmpmem (g_bytes_get_data (sent->message, NULL), 3, "\x82\x03\x00", 3);
  /* A new TID for each Set. */
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (sent->message, NULL))[3], !=,
                    ((const guint8 *) g_bytes_get_data (((MeshTestSent *) mesh_test_transport_get_sent (f->transport)->pdata[0])->message, NULL))[3]);
  g_assert_false (mesh_test_transport_get_onoff (f->transport, 0x0101));

  mesh_config_engine_generic_onoff_get_async (f->engine, 0x0101, 1, NULL, mesh_core_test_result_cb, &f->result);
  g_assert_true (mesh_config_engine_generic_onoff_get_finish (f->engine, fixture_wait (f), &onoff, &error));
  g_assert_no_error (error);
  g_assert_false (onoff.present);

  mesh_config_engine_generic_level_set_async (f->engine, 0x0100, 1, -1234, NULL, TRUE, NULL,
                                              mesh_core_test_result_cb, &f->result);
  g_assert_true (mesh_config_engine_generic_level_set_finish (f->engine, fixture_wait (f), &level, &error));
  g_assert_no_error (error);
  g_assert_cmpint (level.present, ==, -1234);

  mesh_config_engine_generic_level_get_async (f->engine, 0x0100, 1, NULL, mesh_core_test_result_cb, &f->result);
  g_assert_true (mesh_config_engine_generic_level_get_finish (f->engine, fixture_wait (f), &level, &error));
  g_assert_cmpint (level.present, ==, -1234);

  /* A new engine, as a new run of the CLI, started 100 ms to 25 s after
   * this one: its first Set must not repeat this one's first TID, which
   * the node would drop as a retransmission (it is the same source). */
  {
    MeshTestSent *first_sent = mesh_test_transport_get_sent (f->transport)->pdata[0];
    const guint8 *first = g_bytes_get_data (first_sent->message, NULL);
    g_autoptr(MeshConfigEngine) other = NULL;
    guint n_sent;

    g_usleep (150 * 1000);
    other = mesh_config_engine_new (MESH_TRANSPORT (f->transport), f->store, f->network);
    mesh_config_engine_generic_onoff_set_async (other, 0x0101, 1, TRUE, NULL, FALSE, NULL,
                                                mesh_core_test_result_cb, &f->result);
    g_assert_true (mesh_config_engine_generic_onoff_set_finish (other, fixture_wait (f), &onoff, &error));
    g_assert_no_error (error);
    n_sent = mesh_test_transport_get_sent (f->transport)->len;
    sent = mesh_test_transport_get_sent (f->transport)->pdata[n_sent - 1];
    g_assert_cmpuint (((const guint8 *) g_bytes_get_data (sent->message, NULL))[3], !=, first[3]);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  fixture_add ("/config-engine/composition", test_composition);
  fixture_add ("/config-engine/app-key-add", test_app_key_add);
  fixture_add ("/config-engine/unknown-key", test_unknown_key);
  fixture_add ("/config-engine/node-state", test_node_state);
  fixture_add ("/config-engine/pushed-statuses", test_pushed_statuses);
  fixture_add ("/config-engine/node-reset", test_node_reset);
  fixture_add ("/config-engine/bind-subscribe-publish", test_bind_subscribe_publish);
  fixture_add ("/config-engine/virtual", test_virtual);
  fixture_add ("/config-engine/lists", test_lists);
  fixture_add ("/config-engine/onoff", test_onoff);

  return g_test_run ();
}
