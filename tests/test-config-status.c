/* test-config-status.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-config-status.h"
#include "mesh-wire-test-utils.h"

#define SAMPLE_PAGE_0 \
  "5900 0100 0200 2800 0700" /* CID, PID, VID, CRPL, features */ \
  "0000 0201 0000 0010 5900 0100" /* element 0 */

static MeshConfigStatus *
decode_hex (const char  *hex,
            GError     **error)
{
  g_autoptr(GBytes) bytes = hex_to_bytes (hex);
  gsize len = g_bytes_get_size (bytes);
  /* exactly len octets, so that the sanitizers see any read past them */
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), len);

  return mesh_config_status_decode (copy, len, error);
}

static MeshConfigStatus *
decode_ok (const char *hex)
{
  g_autoptr(GError) error = NULL;
  MeshConfigStatus *status = decode_hex (hex, &error);

  g_assert_no_error (error);
  g_assert_nonnull (status);
  return status;
}

static void
assert_malformed (const char *hex)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshConfigStatus) status = decode_hex (hex, &error);

  if (status != NULL)
    g_error ("“%s” decoded, but it is malformed", hex);
  assert_failed_with (status, error, MESH_ERROR_INVALID_DATA);
}

static void
test_composition (void)
{
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(MeshConfigStatus) other_page = NULL;
  g_autoptr(GBytes) page = hex_to_bytes (SAMPLE_PAGE_0);

  /* opcode 0x02, Page 0, then the page */
  status = decode_ok ("02 00" SAMPLE_PAGE_0);
  g_assert_cmphex (status->opcode, ==, MESH_OP_CONFIG_COMPOSITION_DATA_STATUS);
  g_assert_cmpuint (status->composition.page, ==, 0);
  g_assert_true (g_bytes_equal (status->composition.raw, page));
  g_assert_nonnull (status->composition.data);
  g_assert_cmphex (status->composition.data->company_id, ==, 0x0059);
  g_assert_cmpuint (status->composition.data->n_elements, ==, 1);
  g_assert_cmpuint (status->composition.data->elements[0].n_models, ==, 3);
  g_assert_true (mesh_model_id_equal (status->composition.data->elements[0].models[1],
                                      mesh_model_id_sig (0x1000)));

  /* other pages are kept as they came */
  other_page = decode_ok ("02 01 aabbcc");
  g_assert_cmpuint (other_page->composition.page, ==, 1);
  g_assert_null (other_page->composition.data);
  assert_bytes_hex (other_page->composition.raw, "aabbcc");

  assert_malformed ("02");
  assert_malformed ("02 00");
  assert_malformed ("02 00 5900 0100 0200 2800 0700 0000 0201 0000 0010 5900");
}

static void
test_node_states (void)
{
  g_autoptr(MeshConfigStatus) beacon = decode_ok ("800b 01");
  g_autoptr(MeshConfigStatus) ttl = decode_ok ("800e 07");
  g_autoptr(MeshConfigStatus) ttl_zero = decode_ok ("800e 00");
  g_autoptr(MeshConfigStatus) friend_state = decode_ok ("8011 02");
  g_autoptr(MeshConfigStatus) proxy = decode_ok ("8014 01");
  g_autoptr(MeshConfigStatus) relay = decode_ok ("8028 01 4a");
  g_autoptr(MeshConfigStatus) transmit = decode_ok ("8025 19");
  g_autoptr(MeshConfigStatus) identity = decode_ok ("8048 00 2301 01");
  g_autoptr(MeshConfigStatus) reset = decode_ok ("804a");

  g_assert_true (beacon->beacon_enabled);
  g_assert_cmpuint (ttl->default_ttl, ==, 7);
  g_assert_cmpuint (ttl_zero->default_ttl, ==, 0);
  g_assert_cmpint (friend_state->friend_state, ==, MESH_FEATURE_STATE_NOT_SUPPORTED);
  g_assert_cmpint (proxy->gatt_proxy, ==, MESH_FEATURE_STATE_ENABLED);

  /* Relay enabled, RelayRetransmit count 2, 9 steps of 10 ms after the first */
  g_assert_cmpint (relay->relay.state, ==, MESH_FEATURE_STATE_ENABLED);
  g_assert_cmpuint (relay->relay.retransmit.count, ==, 2);
  g_assert_cmpuint (relay->relay.retransmit.interval_steps, ==, 9);
  g_assert_cmpuint (mesh_retransmit_network_interval_ms (relay->relay.retransmit), ==, 100);

  g_assert_cmpuint (transmit->network_transmit.count, ==, 1);
  g_assert_cmpuint (transmit->network_transmit.interval_steps, ==, 3);

  g_assert_cmpuint (identity->node_identity.status, ==, MESH_STATUS_SUCCESS);
  g_assert_cmphex (identity->node_identity.net_key_index, ==, 0x123);
  g_assert_cmpint (identity->node_identity.identity, ==, MESH_FEATURE_STATE_ENABLED);

  g_assert_cmphex (reset->opcode, ==, MESH_OP_CONFIG_NODE_RESET_STATUS);

  /* wrong lengths */
  assert_malformed ("800b");
  assert_malformed ("800b 0100");
  assert_malformed ("8028 01");
  assert_malformed ("8028 01 4a 00");
  assert_malformed ("8025");
  assert_malformed ("8048 00 2301");
  assert_malformed ("804a 00");
  /* prohibited values */
  assert_malformed ("800b 02");
  assert_malformed ("800e 01");
  assert_malformed ("800e 80");
  assert_malformed ("800e ff");
  assert_malformed ("8011 03");
  assert_malformed ("8014 ff");
  assert_malformed ("8028 03 00");
  assert_malformed ("8048 00 2301 03");
}

static void
test_keys (void)
{
  /* The specification's sample message #16 (Mesh Profile 1.0.1 §8.3.16):
   * Config AppKey Status, Success, NetKeyIndex 0x456, AppKeyIndex 0x123 */
  g_autoptr(MeshConfigStatus) appkey = decode_ok ("8003 00 563412");
  g_autoptr(MeshConfigStatus) appkey_failed = decode_ok ("8003 06 563412");
  /* AppKey List: Success, NetKeyIndex 0x123, then 0x456 and 0x123 packed
   * in three octets and 0x789 alone in two */
  g_autoptr(MeshConfigStatus) appkey_list = decode_ok ("8002 00 2301 563412 8907");
  g_autoptr(MeshConfigStatus) appkey_list_empty = decode_ok ("8002 04 2301");
  /* the RFU upper bits of a 2-octet key index are ignored */
  g_autoptr(MeshConfigStatus) netkey = decode_ok ("8044 00 23f1");
  /* NetKey List: 0x000 and 0x001 packed, then 0x002 */
  g_autoptr(MeshConfigStatus) netkey_list = decode_ok ("8043 001000 0200");
  g_autoptr(MeshConfigStatus) netkey_list_even = decode_ok ("8043 563412");
  g_autoptr(MeshConfigStatus) key_refresh = decode_ok ("8017 00 2301 02");

  g_assert_cmpuint (appkey->appkey.status, ==, MESH_STATUS_SUCCESS);
  g_assert_cmphex (appkey->appkey.net_key_index, ==, 0x456);
  g_assert_cmphex (appkey->appkey.app_key_index, ==, 0x123);
  g_assert_cmpuint (mesh_config_status_get_code (appkey_failed), ==, MESH_STATUS_KEY_INDEX_ALREADY_STORED);

  g_assert_cmpuint (appkey_list->key_list.status, ==, MESH_STATUS_SUCCESS);
  g_assert_cmphex (appkey_list->key_list.net_key_index, ==, 0x123);
  g_assert_cmpuint (appkey_list->key_list.n_indexes, ==, 3);
  g_assert_cmphex (appkey_list->key_list.indexes[0], ==, 0x456);
  g_assert_cmphex (appkey_list->key_list.indexes[1], ==, 0x123);
  g_assert_cmphex (appkey_list->key_list.indexes[2], ==, 0x789);
  g_assert_cmpuint (appkey_list_empty->key_list.status, ==, MESH_STATUS_INVALID_NETKEY_INDEX);
  g_assert_cmpuint (appkey_list_empty->key_list.n_indexes, ==, 0);

  g_assert_cmphex (netkey->netkey.net_key_index, ==, 0x123);

  g_assert_cmpuint (netkey_list->key_list.n_indexes, ==, 3);
  g_assert_cmphex (netkey_list->key_list.indexes[0], ==, 0x000);
  g_assert_cmphex (netkey_list->key_list.indexes[1], ==, 0x001);
  g_assert_cmphex (netkey_list->key_list.indexes[2], ==, 0x002);
  g_assert_cmpuint (netkey_list_even->key_list.n_indexes, ==, 2);
  g_assert_cmphex (netkey_list_even->key_list.indexes[1], ==, 0x123);
  g_assert_cmpuint (mesh_config_status_get_code (netkey_list), ==, MESH_STATUS_SUCCESS);

  g_assert_cmphex (key_refresh->key_refresh.net_key_index, ==, 0x123);
  g_assert_cmpint (key_refresh->key_refresh.phase, ==, MESH_KEY_REFRESH_PHASE_2);

  assert_malformed ("8003 00 5634");
  assert_malformed ("8003 00 563412 00");
  assert_malformed ("8002 00 23");
  /* a key index list whose length leaves one octet over */
  assert_malformed ("8002 00 2301 56");
  assert_malformed ("8002 00 2301 563412 89");
  assert_malformed ("8043 00");
  assert_malformed ("8043 001000 0200 00 00");
  assert_malformed ("8044 00 23");
  assert_malformed ("8017 00 2301");
  /* phase 3 does not exist as a state */
  assert_malformed ("8017 00 2301 03");
}

static void
test_model_app (void)
{
  g_autoptr(MeshConfigStatus) bound = decode_ok ("803e 00 0112 2301 0010");
  g_autoptr(MeshConfigStatus) vendor = decode_ok ("803e 02 0112 2301 5900 0100");
  g_autoptr(MeshConfigStatus) sig_list = decode_ok ("804c 00 0112 0010 563412");
  g_autoptr(MeshConfigStatus) vendor_list = decode_ok ("804e 00 0112 5900 0100 2301");
  g_autoptr(MeshConfigStatus) empty_list = decode_ok ("804c 02 0112 0010");

  g_assert_cmpuint (bound->model_app.status, ==, MESH_STATUS_SUCCESS);
  g_assert_cmphex (bound->model_app.element_address, ==, 0x1201);
  g_assert_cmphex (bound->model_app.app_key_index, ==, 0x123);
  g_assert_true (mesh_model_id_equal (bound->model_app.model, mesh_model_id_sig (0x1000)));

  g_assert_cmpuint (mesh_config_status_get_code (vendor), ==, MESH_STATUS_INVALID_MODEL);
  g_assert_true (mesh_model_id_equal (vendor->model_app.model, mesh_model_id_vendor (0x0059, 0x0001)));

  g_assert_cmphex (sig_list->model_list.element_address, ==, 0x1201);
  g_assert_true (mesh_model_id_equal (sig_list->model_list.model, mesh_model_id_sig (0x1000)));
  g_assert_cmpuint (sig_list->model_list.n_items, ==, 2);
  g_assert_cmphex (sig_list->model_list.items[0], ==, 0x456);
  g_assert_cmphex (sig_list->model_list.items[1], ==, 0x123);

  g_assert_true (mesh_model_id_equal (vendor_list->model_list.model, mesh_model_id_vendor (0x0059, 0x0001)));
  g_assert_cmpuint (vendor_list->model_list.n_items, ==, 1);
  g_assert_cmphex (vendor_list->model_list.items[0], ==, 0x123);

  g_assert_cmpuint (empty_list->model_list.status, ==, MESH_STATUS_INVALID_MODEL);
  g_assert_cmpuint (empty_list->model_list.n_items, ==, 0);

  assert_malformed ("803e 00 0112 2301 00");
  assert_malformed ("803e 00 0112 2301 0010 00");
  assert_malformed ("803e 00 0112 2301 5900 0100 00");
  assert_malformed ("804c 00 0112 00");
  assert_malformed ("804c 00 0112 0010 56");
  assert_malformed ("804e 00 0112 5900 01");
  assert_malformed ("804e 00 0112 5900 0100 2301 00 00");
}

static void
test_publication (void)
{
  /* Status, ElementAddress 0x1201, PublishAddress 0xc001, AppKeyIndex
   * 0x123 with the Credential Flag, TTL 0xff, period 10 × 1 s,
   * retransmit count 1 every 3 × 50 ms, model */
  g_autoptr(MeshConfigStatus) status = decode_ok ("8019 00 0112 01c0 2311 ff 4a 11 0010");
  g_autoptr(MeshConfigStatus) vendor = decode_ok ("8019 00 0112 3697 ff0f 7f 00 00 5900 0100");
  const MeshConfigPublication *pub = &status->publication.publication;

  g_assert_cmpuint (status->publication.status, ==, MESH_STATUS_SUCCESS);
  g_assert_cmphex (status->publication.element_address, ==, 0x1201);
  g_assert_true (mesh_model_id_equal (status->publication.model, mesh_model_id_sig (0x1000)));
  g_assert_cmphex (pub->address, ==, 0xc001);
  g_assert_cmphex (pub->app_key_index, ==, 0x123);
  g_assert_true (pub->friendship_credentials);
  g_assert_cmpuint (pub->ttl, ==, MESH_TTL_USE_DEFAULT);
  g_assert_cmpuint (pub->period.steps, ==, 10);
  g_assert_cmpint (pub->period.resolution, ==, MESH_STEP_RESOLUTION_1_S);
  g_assert_cmpuint (pub->retransmit.count, ==, 1);
  g_assert_cmpuint (pub->retransmit.interval_steps, ==, 2);
  g_assert_cmpuint (mesh_retransmit_publish_interval_ms (pub->retransmit), ==, 150);

  pub = &vendor->publication.publication;
  g_assert_true (mesh_model_id_equal (vendor->publication.model, mesh_model_id_vendor (0x0059, 0x0001)));
  g_assert_cmphex (pub->address, ==, 0x9736);
  g_assert_cmphex (pub->app_key_index, ==, 0xfff);
  g_assert_false (pub->friendship_credentials);
  g_assert_cmpuint (pub->ttl, ==, 0x7f);

  assert_malformed ("8019 00 0112 01c0 2311 ff 4a 11 00");
  assert_malformed ("8019 00 0112 01c0 2311 ff 4a 11 0010 00");
  assert_malformed ("8019 00 0112 01c0 2311 ff 4a 11 5900 0100 00");
  /* TTL 0x80..0xfe is prohibited */
  assert_malformed ("8019 00 0112 01c0 2311 80 4a 11 0010");
  assert_malformed ("8019 00 0112 01c0 2311 fe 4a 11 0010");
}

static void
test_subscription (void)
{
  g_autoptr(MeshConfigStatus) status = decode_ok ("801f 00 0112 01c0 0010");
  g_autoptr(MeshConfigStatus) vendor = decode_ok ("801f 08 0112 0000 5900 0100");
  g_autoptr(MeshConfigStatus) sig_list = decode_ok ("802a 00 0112 0010 01c0 02c0 3697");
  g_autoptr(MeshConfigStatus) vendor_list = decode_ok ("802c 00 0112 5900 0100 01c0");
  g_autoptr(MeshConfigStatus) empty_list = decode_ok ("802a 00 0112 0010");

  g_assert_cmphex (status->subscription.element_address, ==, 0x1201);
  g_assert_cmphex (status->subscription.address, ==, 0xc001);
  g_assert_true (mesh_model_id_equal (status->subscription.model, mesh_model_id_sig (0x1000)));

  g_assert_cmpuint (mesh_config_status_get_code (vendor), ==, MESH_STATUS_NOT_A_SUBSCRIBE_MODEL);
  g_assert_cmphex (vendor->subscription.address, ==, 0x0000);
  g_assert_true (vendor->subscription.model.vendor);

  g_assert_cmpuint (sig_list->model_list.n_items, ==, 3);
  g_assert_cmphex (sig_list->model_list.items[0], ==, 0xc001);
  g_assert_cmphex (sig_list->model_list.items[1], ==, 0xc002);
  g_assert_cmphex (sig_list->model_list.items[2], ==, 0x9736);

  g_assert_cmpuint (vendor_list->model_list.n_items, ==, 1);
  g_assert_cmphex (vendor_list->model_list.items[0], ==, 0xc001);
  g_assert_cmphex (vendor_list->model_list.model.company_id, ==, 0x0059);
  g_assert_cmpuint (empty_list->model_list.n_items, ==, 0);

  assert_malformed ("801f 00 0112 01c0 00");
  assert_malformed ("801f 00 0112 01c0 5900 0100 00");
  assert_malformed ("802a 00 0112 0010 01");
  assert_malformed ("802a 00 0112");
  assert_malformed ("802c 00 0112 5900 0100 01c0 02");
}

static void
test_heartbeat (void)
{
  /* Status, Destination 0xc001, CountLog 5, PeriodLog 3, TTL 7, Features
   * relay and friend, NetKeyIndex 0x123 */
  g_autoptr(MeshConfigStatus) publication = decode_ok ("06 00 01c0 05 03 07 0500 2301");
  g_autoptr(MeshConfigStatus) forever = decode_ok ("06 00 01c0 ff 11 7f 0f00 2301");
  /* Status, Source 0x0001, Destination 0xc001, PeriodLog 0x11, CountLog
   * 5, MinHops 1, MaxHops 3 */
  g_autoptr(MeshConfigStatus) subscription = decode_ok ("803c 00 0100 01c0 11 05 01 03");
  const MeshConfigHeartbeatPublication *pub = &publication->heartbeat_publication.publication;

  g_assert_cmphex (pub->destination, ==, 0xc001);
  g_assert_cmpuint (pub->count_log, ==, 5);
  g_assert_cmpuint (mesh_heartbeat_log_to_value (pub->count_log), ==, 16);
  g_assert_cmpuint (pub->period_log, ==, 3);
  g_assert_cmpuint (pub->ttl, ==, 7);
  g_assert_cmphex (pub->features, ==, 0x0005);
  g_assert_cmphex (pub->net_key_index, ==, 0x123);
  g_assert_cmpuint (forever->heartbeat_publication.publication.count_log, ==, MESH_HEARTBEAT_COUNT_LOG_INF);

  g_assert_cmphex (subscription->heartbeat_subscription.source, ==, 0x0001);
  g_assert_cmphex (subscription->heartbeat_subscription.destination, ==, 0xc001);
  g_assert_cmpuint (subscription->heartbeat_subscription.period_log, ==, 0x11);
  g_assert_cmpuint (subscription->heartbeat_subscription.count_log, ==, 5);
  g_assert_cmpuint (subscription->heartbeat_subscription.min_hops, ==, 1);
  g_assert_cmpuint (subscription->heartbeat_subscription.max_hops, ==, 3);

  assert_malformed ("06 00 01c0 05 03 07 0500 23");
  assert_malformed ("06 00 01c0 05 03 07 0500 2301 00");
  assert_malformed ("06 00 01c0 12 03 07 0500 2301");
  assert_malformed ("06 00 01c0 05 12 07 0500 2301");
  assert_malformed ("06 00 01c0 05 03 80 0500 2301");
  assert_malformed ("803c 00 0100 01c0 11 05 01");
  assert_malformed ("803c 00 0100 01c0 12 05 01 03");
  assert_malformed ("803c 00 0100 01c0 11 fe 01 03");
  assert_malformed ("803c 00 0100 01c0 11 05 80 03");
  assert_malformed ("803c 00 0100 01c0 11 05 01 ff");
}

static void
test_poll_timeout (void)
{
  g_autoptr(MeshConfigStatus) status = decode_ok ("802e 0500 0a0000");
  g_autoptr(MeshConfigStatus) none = decode_ok ("802e 0500 000000");
  g_autoptr(MeshConfigStatus) longest = decode_ok ("802e 0500 ffbb34");

  g_assert_cmphex (status->poll_timeout.lpn_address, ==, 0x0005);
  g_assert_cmpuint (status->poll_timeout.poll_timeout, ==, 10);
  g_assert_cmpuint (none->poll_timeout.poll_timeout, ==, 0);
  g_assert_cmphex (longest->poll_timeout.poll_timeout, ==, 0x34bbff);

  assert_malformed ("802e 0500 0a00");
  assert_malformed ("802e 0500 0a0000 00");
  /* 1..9 and above 0x34bbff are prohibited */
  assert_malformed ("802e 0500 090000");
  assert_malformed ("802e 0500 00bc34");
}

static void
test_not_a_status (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshConfigStatus) status = NULL;

  assert_malformed ("");
  assert_malformed ("7f");
  assert_malformed ("80");
  /* requests and other models' messages */
  assert_malformed ("8001 2301");
  assert_malformed ("00 563412" "63964771734fbd76e3b40519d1d94a48");
  assert_malformed ("8204 01");
  assert_malformed ("c1 5900");

  status = mesh_config_status_decode (NULL, 0, &error);
  assert_failed_with (status, error, MESH_ERROR_INVALID_DATA);
}

/* Every acknowledged Configuration request has a decodable answer. */
static void
test_decoder_for_each_request (void)
{
  static const MeshOpcode requests[] = {
    MESH_OP_CONFIG_APPKEY_ADD, MESH_OP_CONFIG_APPKEY_UPDATE, MESH_OP_CONFIG_APPKEY_DELETE,
    MESH_OP_CONFIG_APPKEY_GET, MESH_OP_CONFIG_COMPOSITION_DATA_GET, MESH_OP_CONFIG_BEACON_GET,
    MESH_OP_CONFIG_BEACON_SET, MESH_OP_CONFIG_DEFAULT_TTL_GET, MESH_OP_CONFIG_DEFAULT_TTL_SET,
    MESH_OP_CONFIG_FRIEND_GET, MESH_OP_CONFIG_FRIEND_SET, MESH_OP_CONFIG_GATT_PROXY_GET,
    MESH_OP_CONFIG_GATT_PROXY_SET, MESH_OP_CONFIG_KEY_REFRESH_PHASE_GET,
    MESH_OP_CONFIG_KEY_REFRESH_PHASE_SET, MESH_OP_CONFIG_MODEL_PUBLICATION_GET,
    MESH_OP_CONFIG_MODEL_PUBLICATION_SET, MESH_OP_CONFIG_MODEL_PUBLICATION_VIRTUAL_SET,
    MESH_OP_CONFIG_MODEL_SUBSCRIPTION_ADD, MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE,
    MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE_ALL, MESH_OP_CONFIG_MODEL_SUBSCRIPTION_OVERWRITE,
    MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_ADD, MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_DELETE,
    MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_OVERWRITE, MESH_OP_CONFIG_NETWORK_TRANSMIT_GET,
    MESH_OP_CONFIG_NETWORK_TRANSMIT_SET, MESH_OP_CONFIG_RELAY_GET, MESH_OP_CONFIG_RELAY_SET,
    MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_GET, MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_GET,
    MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_GET, MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_GET,
    MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_SET, MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_GET,
    MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_SET, MESH_OP_CONFIG_MODEL_APP_BIND,
    MESH_OP_CONFIG_MODEL_APP_UNBIND, MESH_OP_CONFIG_NETKEY_ADD, MESH_OP_CONFIG_NETKEY_DELETE,
    MESH_OP_CONFIG_NETKEY_GET, MESH_OP_CONFIG_NETKEY_UPDATE, MESH_OP_CONFIG_NODE_IDENTITY_GET,
    MESH_OP_CONFIG_NODE_IDENTITY_SET, MESH_OP_CONFIG_NODE_RESET, MESH_OP_CONFIG_SIG_MODEL_APP_GET,
    MESH_OP_CONFIG_VENDOR_MODEL_APP_GET,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      MeshOpcode response = mesh_opcode_get_response (requests[i]);

      g_assert_cmphex (response, !=, MESH_OPCODE_INVALID);
      g_assert_nonnull (mesh_config_status_get_decoder (response));
      g_assert_null (mesh_config_status_get_decoder (requests[i]));
    }

  g_assert_null (mesh_config_status_get_decoder (MESH_OP_GENERIC_ONOFF_STATUS));
  g_assert_null (mesh_config_status_get_decoder (MESH_OPCODE_INVALID));
}

static void
test_decode_params (void)
{
  static const guint8 params[] = { 0x00, 0x56, 0x34, 0x12 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(MeshConfigStatus) refused = NULL;
  MeshConfigStatusDecoder decoder = mesh_config_status_get_decoder (MESH_OP_CONFIG_APPKEY_STATUS);
  MeshConfigStatus on_stack = { .opcode = MESH_OP_CONFIG_APPKEY_STATUS };

  status = mesh_config_status_decode_params (MESH_OP_CONFIG_APPKEY_STATUS, params, sizeof params, &error);
  g_assert_no_error (error);
  g_assert_cmphex (status->appkey.app_key_index, ==, 0x123);

  g_assert_true (decoder (params, sizeof params, &on_stack, &error));
  g_assert_no_error (error);
  g_assert_cmphex (on_stack.appkey.net_key_index, ==, 0x456);

  refused = mesh_config_status_decode_params (MESH_OP_CONFIG_APPKEY_ADD, params, sizeof params, &error);
  assert_failed_with (refused, error, MESH_ERROR_INVALID_DATA);
}

static void
test_check (void)
{
  g_autoptr(MeshConfigStatus) success = decode_ok ("803e 00 0112 2301 0010");
  g_autoptr(MeshConfigStatus) failure = decode_ok ("803e 02 0112 2301 0010");
  g_autoptr(MeshConfigStatus) unknown = decode_ok ("803e 42 0112 2301 0010");
  g_autoptr(MeshConfigStatus) no_status_field = decode_ok ("800e 07");
  g_autoptr(GError) error = NULL;

  g_assert_true (mesh_config_status_check (success, &error));
  g_assert_no_error (error);
  g_assert_true (mesh_config_status_check (no_status_field, &error));
  g_assert_no_error (error);

  g_assert_false (mesh_config_status_check (failure, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_STATUS);
  g_assert_cmpstr (error->message, ==, "The node has no such model.");
  g_clear_error (&error);

  g_assert_false (mesh_config_status_check (unknown, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_STATUS);
  g_assert_nonnull (strstr (error->message, "0x42"));
}

static void
test_status_codes (void)
{
  g_autofree char *unknown = NULL;
  g_autofree char *known = NULL;

  for (guint code = 0x00; code <= 0x11; code++)
    {
      const char *message = mesh_status_code_get_message (code);

      g_assert_nonnull (mesh_status_code_get_name (code));
      g_assert_nonnull (message);
      g_assert_true (g_ascii_isupper (message[0]));
      g_assert_true (g_str_has_suffix (message, "."));
    }

  g_assert_cmpstr (mesh_status_code_get_name (MESH_STATUS_INVALID_MODEL), ==, "Invalid Model");
  g_assert_cmpstr (mesh_status_code_get_name (MESH_STATUS_TEMPORARILY_UNABLE_TO_CHANGE_STATE), ==,
                   "Temporarily Unable to Change State");
  g_assert_cmpstr (mesh_status_code_get_name (MESH_STATUS_INVALID_BINDING), ==, "Invalid Binding");
  g_assert_cmpstr (mesh_status_code_get_message (MESH_STATUS_INVALID_APPKEY_INDEX), ==,
                   "The node does not know this application key. Add the key to the node first.");
  g_assert_null (mesh_status_code_get_name (0x12));
  g_assert_null (mesh_status_code_get_message (0xff));

  known = mesh_status_code_describe (MESH_STATUS_INVALID_MODEL);
  g_assert_cmpstr (known, ==, "The node has no such model.");
  unknown = mesh_status_code_describe (0x12);
  g_assert_cmpstr (unknown, ==, "The node answered with the unknown status code 0x12.");
}

static void
check_seed (const guint8 *data,
            gsize         len,
            const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshConfigStatus) status = mesh_config_status_decode (data, len, &error);

  if (status == NULL)
    g_error ("seed %s: %s", name, error->message);
}

static void
test_fuzz_seeds (void)
{
  guint n = for_each_fuzz_seed ("config-status", check_seed);

  /* at least one seed for each of the 24 status messages, unless skipped */
  g_assert_true (n == 0 || n >= 24);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/config-status/composition", test_composition);
  g_test_add_func ("/config-status/node-states", test_node_states);
  g_test_add_func ("/config-status/keys", test_keys);
  g_test_add_func ("/config-status/model-app", test_model_app);
  g_test_add_func ("/config-status/publication", test_publication);
  g_test_add_func ("/config-status/subscription", test_subscription);
  g_test_add_func ("/config-status/heartbeat", test_heartbeat);
  g_test_add_func ("/config-status/poll-timeout", test_poll_timeout);
  g_test_add_func ("/config-status/not-a-status", test_not_a_status);
  g_test_add_func ("/config-status/decoder-for-each-request", test_decoder_for_each_request);
  g_test_add_func ("/config-status/decode-params", test_decode_params);
  g_test_add_func ("/config-status/check", test_check);
  g_test_add_func ("/config-status/status-codes", test_status_codes);
  g_test_add_func ("/config-status/fuzz-seeds", test_fuzz_seeds);

  return g_test_run ();
}
