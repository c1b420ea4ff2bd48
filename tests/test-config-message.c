/* test-config-message.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-composition.h"
#include "mesh-config-message.h"
#include "mesh-config-model-message.h"
#include "mesh-wire-test-utils.h"

/* The keys of the specification's sample data (Mesh Profile 1.0.1 §8.3) */
#define SAMPLE_APP_KEY "63964771734fbd76e3b40519d1d94a48"
#define SAMPLE_NET_KEY "7dd7364cd842ad18c17c2b820c84c3d6"
#define SAMPLE_LABEL   "f4a002c7fb1e4ca0a469a021de0db875"

static guint8 app_key[16];
static guint8 net_key[16];
static guint8 label[16];

static const MeshModelId onoff_server = { FALSE, 0, 0x1000 };
static const MeshModelId nordic_vendor = { TRUE, 0x0059, 0x0001 };

static void
test_node_states (void)
{
  MeshRetransmit retransmit = { .count = 2, .interval_steps = 9 };
  MeshRetransmit transmit = { .count = 1, .interval_steps = 3 };

  /* opcode 0x8008, then the Page */
  assert_message (mesh_config_composition_data_get_new (0), "8008 00");
  assert_message (mesh_config_composition_data_get_new (0xff), "8008 ff");

  assert_message (mesh_config_beacon_get_new (), "8009");
  assert_message (mesh_config_beacon_set_new (TRUE), "800a 01");
  assert_message (mesh_config_beacon_set_new (FALSE), "800a 00");

  assert_message (mesh_config_default_ttl_get_new (), "800c");
  assert_message (mesh_config_default_ttl_set_new (5, error), "800d 05");
  assert_message (mesh_config_default_ttl_set_new (0, error), "800d 00");
  assert_message (mesh_config_default_ttl_set_new (2, error), "800d 02");
  assert_message (mesh_config_default_ttl_set_new (127, error), "800d 7f");
  /* 1 and 128..255 are prohibited */
  assert_refused (mesh_config_default_ttl_set_new (1, error));
  assert_refused (mesh_config_default_ttl_set_new (128, error));
  assert_refused (mesh_config_default_ttl_set_new (255, error));

  assert_message (mesh_config_friend_get_new (), "800f");
  assert_message (mesh_config_friend_set_new (FALSE), "8010 00");
  assert_message (mesh_config_gatt_proxy_get_new (), "8012");
  assert_message (mesh_config_gatt_proxy_set_new (TRUE), "8013 01");

  assert_message (mesh_config_relay_get_new (), "8026");
  /* Relay 1, then RelayRetransmit: count 2 in bits 0..2, 9 steps in 3..7 */
  assert_message (mesh_config_relay_set_new (TRUE, retransmit, error), "8027 01 4a");
  retransmit.count = 8;
  assert_refused (mesh_config_relay_set_new (TRUE, retransmit, error));
  retransmit.count = 0;
  retransmit.interval_steps = 32;
  assert_refused (mesh_config_relay_set_new (TRUE, retransmit, error));

  assert_message (mesh_config_network_transmit_get_new (), "8023");
  /* count 1, 3 steps: 3 << 3 | 1 */
  assert_message (mesh_config_network_transmit_set_new (transmit, error), "8024 19");
  transmit.interval_steps = 255;
  assert_refused (mesh_config_network_transmit_set_new (transmit, error));

  /* NetKeyIndex 0x123 little-endian, then Identity */
  assert_message (mesh_config_node_identity_get_new (0x123, error), "8046 2301");
  assert_message (mesh_config_node_identity_set_new (0x456, TRUE, error), "8047 5604 01");
  assert_message (mesh_config_node_identity_set_new (0xfff, FALSE, error), "8047 ff0f 00");
  assert_refused (mesh_config_node_identity_get_new (0x1000, error));
  assert_refused (mesh_config_node_identity_set_new (0xffff, TRUE, error));

  assert_message (mesh_config_node_reset_new (), "8049");
}

static void
test_keys (void)
{
  /* The specification's sample message #6 (Mesh Profile 1.0.1 §8.3.6):
   * Config AppKey Add with NetKeyIndex 0x456 and AppKeyIndex 0x123 packed
   * into 56 34 12, then the application key. */
  assert_message (mesh_config_appkey_add_new (0x456, 0x123, app_key, error),
                  "00 563412 " SAMPLE_APP_KEY);
  assert_message (mesh_config_appkey_update_new (0x456, 0x123, app_key, error),
                  "01 563412 " SAMPLE_APP_KEY);
  assert_message (mesh_config_appkey_delete_new (0x456, 0x123, error), "8000 563412");
  assert_message (mesh_config_appkey_get_new (0x456, error), "8001 5604");
  assert_message (mesh_config_appkey_add_new (0x000, 0xfff, app_key, error),
                  "00 00f0ff " SAMPLE_APP_KEY);

  assert_refused (mesh_config_appkey_add_new (0x456, 0x1000, app_key, error));
  assert_refused (mesh_config_appkey_add_new (0xffff, 0x123, app_key, error));
  assert_refused (mesh_config_appkey_update_new (0x1000, 0x000, app_key, error));
  assert_refused (mesh_config_appkey_delete_new (0x000, 0x1000, error));
  assert_refused (mesh_config_appkey_get_new (0x1000, error));

  assert_message (mesh_config_netkey_add_new (0x123, net_key, error), "8040 2301 " SAMPLE_NET_KEY);
  assert_message (mesh_config_netkey_update_new (0x123, net_key, error), "8045 2301 " SAMPLE_NET_KEY);
  assert_message (mesh_config_netkey_delete_new (0x123, error), "8041 2301");
  assert_message (mesh_config_netkey_get_new (), "8042");
  assert_refused (mesh_config_netkey_add_new (0x1000, net_key, error));
  assert_refused (mesh_config_netkey_delete_new (0x8000, error));

  assert_message (mesh_config_key_refresh_phase_get_new (0x123, error), "8015 2301");
  assert_message (mesh_config_key_refresh_phase_set_new (0x123, MESH_KEY_REFRESH_TRANSITION_USE_NEW_KEYS, error),
                  "8016 2301 02");
  assert_message (mesh_config_key_refresh_phase_set_new (0x123, MESH_KEY_REFRESH_TRANSITION_REVOKE_OLD_KEYS, error),
                  "8016 2301 03");
  assert_refused (mesh_config_key_refresh_phase_set_new (0x123, 1, error));
  assert_refused (mesh_config_key_refresh_phase_set_new (0x1000, MESH_KEY_REFRESH_TRANSITION_USE_NEW_KEYS, error));
}

static void
test_model_app (void)
{
  /* ElementAddress 0x1201, AppKeyIndex 0x123, model 0x1000 */
  assert_message (mesh_config_model_app_bind_new (0x1201, 0x123, onoff_server, error),
                  "803d 0112 2301 0010");
  assert_message (mesh_config_model_app_unbind_new (0x1201, 0x123, onoff_server, error),
                  "803f 0112 2301 0010");
  /* a vendor model: company ID 0x0059, then model ID 0x0001 */
  assert_message (mesh_config_model_app_bind_new (0x1201, 0x123, nordic_vendor, error),
                  "803d 0112 2301 5900 0100");

  assert_message (mesh_config_model_app_get_new (0x1201, onoff_server, error), "804b 0112 0010");
  assert_message (mesh_config_model_app_get_new (0x1201, nordic_vendor, error), "804d 0112 5900 0100");

  assert_refused (mesh_config_model_app_bind_new (0x1201, 0x1000, onoff_server, error));
  assert_refused (mesh_config_model_app_bind_new (0x0000, 0x123, onoff_server, error));
  assert_refused (mesh_config_model_app_unbind_new (0xc001, 0x123, onoff_server, error));
  assert_refused (mesh_config_model_app_get_new (0x8000, nordic_vendor, error));
}

static void
test_publication (void)
{
  MeshConfigPublication publication = {
    .address = 0xc001,
    .app_key_index = 0x123,
    .friendship_credentials = TRUE,
    .ttl = MESH_TTL_USE_DEFAULT,
    .period = { .steps = 10, .resolution = MESH_STEP_RESOLUTION_1_S },
    .retransmit = { .count = 1, .interval_steps = 2 },
  };

  assert_message (mesh_config_model_publication_get_new (0x1201, onoff_server, error), "8018 0112 0010");
  assert_message (mesh_config_model_publication_get_new (0x1201, nordic_vendor, error), "8018 0112 5900 0100");

  /* ElementAddress 0x1201, PublishAddress 0xc001, AppKeyIndex 0x123 with
   * the Credential Flag in bit 12 (0x1123), TTL 0xff, period 10 × 1 s
   * (0x4a), retransmit count 1 every 3 × 50 ms (0x11), model */
  assert_message (mesh_config_model_publication_set_new (0x1201, &publication, onoff_server, error),
                  "03 0112 01c0 2311 ff 4a 11 0010");
  assert_message (mesh_config_model_publication_set_new (0x1201, &publication, nordic_vendor, error),
                  "03 0112 01c0 2311 ff 4a 11 5900 0100");

  /* disabling publication: unassigned address, managed flooding
   * credentials, TTL 0x7f, no period */
  publication.address = MESH_ADDRESS_UNASSIGNED;
  publication.friendship_credentials = FALSE;
  publication.ttl = 0x7f;
  publication.period = (MeshStepTime) { 0, MESH_STEP_RESOLUTION_100_MS };
  publication.retransmit = (MeshRetransmit) { 0, 0 };
  assert_message (mesh_config_model_publication_set_new (0x0005, &publication, onoff_server, error),
                  "03 0500 0000 2301 7f 00 00 0010");

  /* the Label UUID replaces the 2-octet address */
  publication.app_key_index = 0xfff;
  publication.period = (MeshStepTime) { 63, MESH_STEP_RESOLUTION_10_MIN };
  publication.retransmit = (MeshRetransmit) { 7, 31 };
  assert_message (mesh_config_model_publication_virtual_set_new (0x1201, label, &publication, onoff_server, error),
                  "801a 0112 " SAMPLE_LABEL " ff0f 7f ff ff 0010");
  assert_message (mesh_config_model_publication_virtual_set_new (0x1201, label, &publication, nordic_vendor, error),
                  "801a 0112 " SAMPLE_LABEL " ff0f 7f ff ff 5900 0100");

  /* a virtual address must go through its Label UUID */
  publication.address = 0x9736;
  assert_refused (mesh_config_model_publication_set_new (0x1201, &publication, onoff_server, error));
  publication.address = 0xc001;
  publication.ttl = 0x80;
  assert_refused (mesh_config_model_publication_set_new (0x1201, &publication, onoff_server, error));
  publication.ttl = 0xfe;
  assert_refused (mesh_config_model_publication_virtual_set_new (0x1201, label, &publication, onoff_server, error));
  publication.ttl = 5;
  publication.app_key_index = 0x1000;
  assert_refused (mesh_config_model_publication_set_new (0x1201, &publication, onoff_server, error));
  publication.app_key_index = 0;
  publication.period.steps = 64;
  assert_refused (mesh_config_model_publication_set_new (0x1201, &publication, onoff_server, error));
  publication.period.steps = 1;
  publication.retransmit.count = 8;
  assert_refused (mesh_config_model_publication_set_new (0x1201, &publication, onoff_server, error));
  publication.retransmit.count = 0;
  assert_refused (mesh_config_model_publication_set_new (0xc000, &publication, onoff_server, error));

  /* what is left after the refusals above: 1 × 10 min, every 32 × 50 ms */
  assert_message (mesh_config_model_publication_set_new (0x1201, &publication, onoff_server, error),
                  "03 0112 01c0 0000 05 c1 f8 0010");
}

static void
test_subscription (void)
{
  /* ElementAddress 0x1201, Address 0xc001, model */
  assert_message (mesh_config_model_subscription_add_new (0x1201, 0xc001, onoff_server, error),
                  "801b 0112 01c0 0010");
  assert_message (mesh_config_model_subscription_delete_new (0x1201, 0xc001, onoff_server, error),
                  "801c 0112 01c0 0010");
  assert_message (mesh_config_model_subscription_overwrite_new (0x1201, 0xc001, nordic_vendor, error),
                  "801e 0112 01c0 5900 0100");
  /* fixed group addresses are group addresses */
  assert_message (mesh_config_model_subscription_add_new (0x1201, MESH_ADDRESS_ALL_PROXIES, onoff_server, error),
                  "801b 0112 fcff 0010");

  assert_message (mesh_config_model_subscription_virtual_add_new (0x1201, label, onoff_server, error),
                  "8020 0112 " SAMPLE_LABEL " 0010");
  assert_message (mesh_config_model_subscription_virtual_delete_new (0x1201, label, onoff_server, error),
                  "8021 0112 " SAMPLE_LABEL " 0010");
  assert_message (mesh_config_model_subscription_virtual_overwrite_new (0x1201, label, nordic_vendor, error),
                  "8022 0112 " SAMPLE_LABEL " 5900 0100");

  assert_message (mesh_config_model_subscription_delete_all_new (0x1201, onoff_server, error), "801d 0112 0010");
  assert_message (mesh_config_model_subscription_delete_all_new (0x1201, nordic_vendor, error),
                  "801d 0112 5900 0100");

  assert_message (mesh_config_model_subscription_get_new (0x1201, onoff_server, error), "8029 0112 0010");
  assert_message (mesh_config_model_subscription_get_new (0x1201, nordic_vendor, error), "802b 0112 5900 0100");

  /* unassigned, unicast and virtual addresses are refused */
  assert_refused (mesh_config_model_subscription_add_new (0x1201, 0x0000, onoff_server, error));
  assert_refused (mesh_config_model_subscription_add_new (0x1201, 0x0001, onoff_server, error));
  assert_refused (mesh_config_model_subscription_delete_new (0x1201, 0x9736, onoff_server, error));
  assert_refused (mesh_config_model_subscription_overwrite_new (0x1201, 0x7fff, onoff_server, error));
  assert_refused (mesh_config_model_subscription_add_new (0xffff, 0xc001, onoff_server, error));
  assert_refused (mesh_config_model_subscription_virtual_add_new (0x0000, label, onoff_server, error));
  assert_refused (mesh_config_model_subscription_delete_all_new (0x8000, onoff_server, error));
  assert_refused (mesh_config_model_subscription_get_new (0xc000, onoff_server, error));
}

static void
test_heartbeat (void)
{
  MeshConfigHeartbeatPublication publication = {
    .destination = 0xc001,
    .count_log = 0x05,
    .period_log = 0x03,
    .ttl = 0x07,
    .features = MESH_FEATURES_RELAY | MESH_FEATURES_FRIEND,
    .net_key_index = 0x123,
  };

  assert_message (mesh_config_heartbeat_publication_get_new (), "8038");
  /* Destination, CountLog, PeriodLog, TTL, Features, NetKeyIndex */
  assert_message (mesh_config_heartbeat_publication_set_new (&publication, error),
                  "8039 01c0 05 03 07 0500 2301");
  publication.count_log = MESH_HEARTBEAT_COUNT_LOG_INF;
  publication.destination = 0x0001;
  assert_message (mesh_config_heartbeat_publication_set_new (&publication, error),
                  "8039 0100 ff 03 07 0500 2301");

  publication.destination = 0x9736;
  assert_refused (mesh_config_heartbeat_publication_set_new (&publication, error));
  publication.destination = 0xc001;
  publication.count_log = 0x12;
  assert_refused (mesh_config_heartbeat_publication_set_new (&publication, error));
  publication.count_log = 0x11;
  publication.period_log = 0x12;
  assert_refused (mesh_config_heartbeat_publication_set_new (&publication, error));
  publication.period_log = 0x11;
  publication.ttl = 0x80;
  assert_refused (mesh_config_heartbeat_publication_set_new (&publication, error));
  publication.ttl = 0x7f;
  publication.features = 0x0010;
  assert_refused (mesh_config_heartbeat_publication_set_new (&publication, error));
  publication.features = 0x000f;
  publication.net_key_index = 0x1000;
  assert_refused (mesh_config_heartbeat_publication_set_new (&publication, error));

  assert_message (mesh_config_heartbeat_subscription_get_new (), "803a");
  /* Source, Destination, PeriodLog */
  assert_message (mesh_config_heartbeat_subscription_set_new (0x0001, 0xc001, 0x11, error),
                  "803b 0100 01c0 11");
  assert_message (mesh_config_heartbeat_subscription_set_new (0x0000, 0x0000, 0x00, error),
                  "803b 0000 0000 00");
  assert_refused (mesh_config_heartbeat_subscription_set_new (0xc000, 0xc001, 0x01, error));
  assert_refused (mesh_config_heartbeat_subscription_set_new (0x0001, 0x8001, 0x01, error));
  assert_refused (mesh_config_heartbeat_subscription_set_new (0x0001, 0xc001, 0x12, error));
}

static void
test_poll_timeout (void)
{
  assert_message (mesh_config_poll_timeout_get_new (0x0005, error), "802d 0500");
  assert_refused (mesh_config_poll_timeout_get_new (0x0000, error));
  assert_refused (mesh_config_poll_timeout_get_new (0xc000, error));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  hex_to_buffer (SAMPLE_APP_KEY, app_key, sizeof app_key);
  hex_to_buffer (SAMPLE_NET_KEY, net_key, sizeof net_key);
  hex_to_buffer (SAMPLE_LABEL, label, sizeof label);

  g_test_add_func ("/config-message/node-states", test_node_states);
  g_test_add_func ("/config-message/keys", test_keys);
  g_test_add_func ("/config-message/model-app", test_model_app);
  g_test_add_func ("/config-message/publication", test_publication);
  g_test_add_func ("/config-message/subscription", test_subscription);
  g_test_add_func ("/config-message/heartbeat", test_heartbeat);
  g_test_add_func ("/config-message/poll-timeout", test_poll_timeout);

  return g_test_run ();
}
