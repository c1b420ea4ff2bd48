/* test-wire.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-wire.h"

static void
test_address_types (void)
{
  g_assert_cmpint (mesh_address_get_type (0x0000), ==, MESH_ADDRESS_TYPE_UNASSIGNED);
  g_assert_cmpint (mesh_address_get_type (0x0001), ==, MESH_ADDRESS_TYPE_UNICAST);
  g_assert_cmpint (mesh_address_get_type (0x7fff), ==, MESH_ADDRESS_TYPE_UNICAST);
  g_assert_cmpint (mesh_address_get_type (0x8000), ==, MESH_ADDRESS_TYPE_VIRTUAL);
  g_assert_cmpint (mesh_address_get_type (0xbfff), ==, MESH_ADDRESS_TYPE_VIRTUAL);
  g_assert_cmpint (mesh_address_get_type (0xc000), ==, MESH_ADDRESS_TYPE_GROUP);
  g_assert_cmpint (mesh_address_get_type (0xfffc), ==, MESH_ADDRESS_TYPE_GROUP);
  g_assert_cmpint (mesh_address_get_type (0xffff), ==, MESH_ADDRESS_TYPE_GROUP);

  g_assert_true (mesh_address_is_unicast (0x1201));
  g_assert_false (mesh_address_is_unicast (0x0000));
  g_assert_true (mesh_address_is_virtual (0x9736));
  g_assert_false (mesh_address_is_virtual (0xc000));
  g_assert_true (mesh_address_is_group (0xc001));
  g_assert_false (mesh_address_is_group (0xbfff));
}

static void
test_model_id (void)
{
  MeshModelId onoff = mesh_model_id_sig (0x1000);
  MeshModelId vendor = mesh_model_id_vendor (0x0059, 0x1000);

  g_assert_false (onoff.vendor);
  g_assert_cmpuint (onoff.model_id, ==, 0x1000);
  g_assert_cmpuint (mesh_model_id_wire_size (onoff), ==, 2);

  g_assert_true (vendor.vendor);
  g_assert_cmpuint (vendor.company_id, ==, 0x0059);
  g_assert_cmpuint (vendor.model_id, ==, 0x1000);
  g_assert_cmpuint (mesh_model_id_wire_size (vendor), ==, 4);

  g_assert_true (mesh_model_id_equal (onoff, mesh_model_id_sig (0x1000)));
  g_assert_false (mesh_model_id_equal (onoff, vendor));
  /* Company 0 is a real company ID: its models are not SIG models. */
  g_assert_false (mesh_model_id_equal (onoff, mesh_model_id_vendor (0x0000, 0x1000)));
  g_assert_false (mesh_model_id_equal (vendor, mesh_model_id_vendor (0x02ff, 0x1000)));
  g_assert_true (mesh_model_id_equal (vendor, mesh_model_id_vendor (0x0059, 0x1000)));
}

static void
test_step_time (void)
{
  MeshStepTime time;

  /* 10 steps of 1 s: resolution 0b01 in bits 6..7, steps 0b001010 */
  time = mesh_step_time_unpack (0x4a);
  g_assert_cmpuint (time.steps, ==, 10);
  g_assert_cmpint (time.resolution, ==, MESH_STEP_RESOLUTION_1_S);
  g_assert_cmpuint (mesh_step_time_to_ms (time), ==, 10000);
  g_assert_cmpuint (mesh_step_time_pack (time), ==, 0x4a);

  time = mesh_step_time_unpack (0xff);
  g_assert_cmpuint (time.steps, ==, 63);
  g_assert_cmpint (time.resolution, ==, MESH_STEP_RESOLUTION_10_MIN);
  g_assert_cmpuint (mesh_step_time_to_ms (time), ==, 63 * 600000);

  time = mesh_step_time_unpack (0x85);
  g_assert_cmpuint (mesh_step_time_to_ms (time), ==, 50000);

  g_assert_true (mesh_step_time_from_ms (0, &time));
  g_assert_cmpuint (time.steps, ==, 0);
  g_assert_cmpint (time.resolution, ==, MESH_STEP_RESOLUTION_100_MS);

  g_assert_true (mesh_step_time_from_ms (6200, &time));
  g_assert_cmpuint (time.steps, ==, 62);
  g_assert_cmpint (time.resolution, ==, MESH_STEP_RESOLUTION_100_MS);

  /* 63 steps of 100 ms would be "unknown" in a transition time. */
  g_assert_true (mesh_step_time_from_ms (6300, &time));
  g_assert_cmpuint (time.steps, ==, 6);
  g_assert_cmpint (time.resolution, ==, MESH_STEP_RESOLUTION_1_S);

  g_assert_true (mesh_step_time_from_ms (90000, &time));
  g_assert_cmpuint (time.steps, ==, 9);
  g_assert_cmpint (time.resolution, ==, MESH_STEP_RESOLUTION_10_S);

  g_assert_true (mesh_step_time_from_ms (3600000, &time));
  g_assert_cmpuint (time.steps, ==, 6);
  g_assert_cmpint (time.resolution, ==, MESH_STEP_RESOLUTION_10_MIN);

  g_assert_true (mesh_step_time_from_ms (62 * 600000, &time));
  g_assert_cmpuint (time.steps, ==, 62);
  g_assert_false (mesh_step_time_from_ms (63 * 600000, &time));
}

static void
test_retransmit (void)
{
  MeshRetransmit retransmit = mesh_retransmit_unpack (0x4a);

  /* count in bits 0..2, interval steps in bits 3..7 */
  g_assert_cmpuint (retransmit.count, ==, 2);
  g_assert_cmpuint (retransmit.interval_steps, ==, 9);
  g_assert_cmpuint (mesh_retransmit_network_interval_ms (retransmit), ==, 100);
  g_assert_cmpuint (mesh_retransmit_publish_interval_ms (retransmit), ==, 500);
  g_assert_cmpuint (mesh_retransmit_pack (retransmit), ==, 0x4a);

  retransmit = mesh_retransmit_unpack (0xff);
  g_assert_cmpuint (retransmit.count, ==, 7);
  g_assert_cmpuint (retransmit.interval_steps, ==, 31);
  g_assert_cmpuint (mesh_retransmit_network_interval_ms (retransmit), ==, 320);
  g_assert_cmpuint (mesh_retransmit_publish_interval_ms (retransmit), ==, 1600);

  retransmit = mesh_retransmit_unpack (0x00);
  g_assert_cmpuint (mesh_retransmit_network_interval_ms (retransmit), ==, 10);
}

static void
test_heartbeat_log (void)
{
  g_assert_cmpuint (mesh_heartbeat_log_to_value (0x00), ==, 0);
  g_assert_cmpuint (mesh_heartbeat_log_to_value (0x01), ==, 1);
  g_assert_cmpuint (mesh_heartbeat_log_to_value (0x02), ==, 2);
  g_assert_cmpuint (mesh_heartbeat_log_to_value (0x05), ==, 16);
  g_assert_cmpuint (mesh_heartbeat_log_to_value (0x10), ==, 32768);
  g_assert_cmpuint (mesh_heartbeat_log_to_value (0x11), ==, 0xffff);
  g_assert_cmpuint (mesh_heartbeat_log_to_value (0x12), ==, 0);
  g_assert_cmpuint (mesh_heartbeat_log_to_value (0xff), ==, 0xffff);

  g_assert_cmpuint (mesh_heartbeat_period_to_log (0), ==, 0);
  g_assert_cmpuint (mesh_heartbeat_period_to_log (1), ==, 1);
  g_assert_cmpuint (mesh_heartbeat_period_to_log (3), ==, 2);
  g_assert_cmpuint (mesh_heartbeat_period_to_log (4), ==, 3);
  g_assert_cmpuint (mesh_heartbeat_period_to_log (0xfffe), ==, 0x10);
  g_assert_cmpuint (mesh_heartbeat_period_to_log (0xffff), ==, 0x11);
  g_assert_cmpuint (mesh_heartbeat_period_to_log (G_MAXUINT32), ==, 0x11);

  g_assert_true (mesh_heartbeat_count_log_is_valid (0x11));
  g_assert_true (mesh_heartbeat_count_log_is_valid (0xff));
  g_assert_false (mesh_heartbeat_count_log_is_valid (0x12));
  g_assert_false (mesh_heartbeat_count_log_is_valid (0xfe));
  g_assert_true (mesh_heartbeat_period_log_is_valid (0x11));
  g_assert_false (mesh_heartbeat_period_log_is_valid (0xff));
}

static void
test_key_index_pair (void)
{
  guint8 octets[3];
  guint16 first, second;

  /* The sample of Config AppKey Add (Mesh Profile 1.0.1 §8.3.6):
   * NetKeyIndex 0x456 and AppKeyIndex 0x123 pack into 56 34 12. */
  mesh_key_index_pair_pack (0x456, 0x123, octets);
  g_assert_cmpuint (octets[0], ==, 0x56);
  g_assert_cmpuint (octets[1], ==, 0x34);
  g_assert_cmpuint (octets[2], ==, 0x12);
  mesh_key_index_pair_unpack (octets, &first, &second);
  g_assert_cmpuint (first, ==, 0x456);
  g_assert_cmpuint (second, ==, 0x123);

  mesh_key_index_pair_pack (0x001, 0x000, octets);
  g_assert_cmpuint (octets[0], ==, 0x01);
  g_assert_cmpuint (octets[1], ==, 0x00);
  g_assert_cmpuint (octets[2], ==, 0x00);

  mesh_key_index_pair_pack (0xfff, 0xfff, octets);
  g_assert_cmpuint (octets[0], ==, 0xff);
  g_assert_cmpuint (octets[1], ==, 0xff);
  g_assert_cmpuint (octets[2], ==, 0xff);
  mesh_key_index_pair_unpack (octets, &first, &second);
  g_assert_cmpuint (first, ==, 0xfff);
  g_assert_cmpuint (second, ==, 0xfff);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wire/address-types", test_address_types);
  g_test_add_func ("/wire/model-id", test_model_id);
  g_test_add_func ("/wire/step-time", test_step_time);
  g_test_add_func ("/wire/retransmit", test_retransmit);
  g_test_add_func ("/wire/heartbeat-log", test_heartbeat_log);
  g_test_add_func ("/wire/key-index-pair", test_key_index_pair);

  return g_test_run ();
}
