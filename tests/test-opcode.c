/* test-opcode.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-opcode.h"
#include "mesh-wire-test-utils.h"

/* Every opcode the header defines, to check the name table is complete
 * and sorted (lookups use a binary search). */
static const MeshOpcode all_opcodes[] = {
  MESH_OP_CONFIG_APPKEY_ADD, MESH_OP_CONFIG_APPKEY_UPDATE,
  MESH_OP_CONFIG_COMPOSITION_DATA_STATUS, MESH_OP_CONFIG_MODEL_PUBLICATION_SET,
  MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_STATUS, MESH_OP_CONFIG_APPKEY_DELETE,
  MESH_OP_CONFIG_APPKEY_GET, MESH_OP_CONFIG_APPKEY_LIST, MESH_OP_CONFIG_APPKEY_STATUS,
  MESH_OP_CONFIG_COMPOSITION_DATA_GET, MESH_OP_CONFIG_BEACON_GET, MESH_OP_CONFIG_BEACON_SET,
  MESH_OP_CONFIG_BEACON_STATUS, MESH_OP_CONFIG_DEFAULT_TTL_GET, MESH_OP_CONFIG_DEFAULT_TTL_SET,
  MESH_OP_CONFIG_DEFAULT_TTL_STATUS, MESH_OP_CONFIG_FRIEND_GET, MESH_OP_CONFIG_FRIEND_SET,
  MESH_OP_CONFIG_FRIEND_STATUS, MESH_OP_CONFIG_GATT_PROXY_GET, MESH_OP_CONFIG_GATT_PROXY_SET,
  MESH_OP_CONFIG_GATT_PROXY_STATUS, MESH_OP_CONFIG_KEY_REFRESH_PHASE_GET,
  MESH_OP_CONFIG_KEY_REFRESH_PHASE_SET, MESH_OP_CONFIG_KEY_REFRESH_PHASE_STATUS,
  MESH_OP_CONFIG_MODEL_PUBLICATION_GET, MESH_OP_CONFIG_MODEL_PUBLICATION_STATUS,
  MESH_OP_CONFIG_MODEL_PUBLICATION_VIRTUAL_SET, MESH_OP_CONFIG_MODEL_SUBSCRIPTION_ADD,
  MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE, MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE_ALL,
  MESH_OP_CONFIG_MODEL_SUBSCRIPTION_OVERWRITE, MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS,
  MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_ADD, MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_DELETE,
  MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_OVERWRITE, MESH_OP_CONFIG_NETWORK_TRANSMIT_GET,
  MESH_OP_CONFIG_NETWORK_TRANSMIT_SET, MESH_OP_CONFIG_NETWORK_TRANSMIT_STATUS,
  MESH_OP_CONFIG_RELAY_GET, MESH_OP_CONFIG_RELAY_SET, MESH_OP_CONFIG_RELAY_STATUS,
  MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_GET, MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_LIST,
  MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_GET, MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_LIST,
  MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_GET, MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_STATUS,
  MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_GET, MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_SET,
  MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_GET, MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_SET,
  MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_STATUS, MESH_OP_CONFIG_MODEL_APP_BIND,
  MESH_OP_CONFIG_MODEL_APP_STATUS, MESH_OP_CONFIG_MODEL_APP_UNBIND, MESH_OP_CONFIG_NETKEY_ADD,
  MESH_OP_CONFIG_NETKEY_DELETE, MESH_OP_CONFIG_NETKEY_GET, MESH_OP_CONFIG_NETKEY_LIST,
  MESH_OP_CONFIG_NETKEY_STATUS, MESH_OP_CONFIG_NETKEY_UPDATE, MESH_OP_CONFIG_NODE_IDENTITY_GET,
  MESH_OP_CONFIG_NODE_IDENTITY_SET, MESH_OP_CONFIG_NODE_IDENTITY_STATUS, MESH_OP_CONFIG_NODE_RESET,
  MESH_OP_CONFIG_NODE_RESET_STATUS, MESH_OP_CONFIG_SIG_MODEL_APP_GET, MESH_OP_CONFIG_SIG_MODEL_APP_LIST,
  MESH_OP_CONFIG_VENDOR_MODEL_APP_GET, MESH_OP_CONFIG_VENDOR_MODEL_APP_LIST,
  MESH_OP_GENERIC_ONOFF_GET, MESH_OP_GENERIC_ONOFF_SET, MESH_OP_GENERIC_ONOFF_SET_UNACKNOWLEDGED,
  MESH_OP_GENERIC_ONOFF_STATUS, MESH_OP_GENERIC_LEVEL_GET, MESH_OP_GENERIC_LEVEL_SET,
  MESH_OP_GENERIC_LEVEL_SET_UNACKNOWLEDGED, MESH_OP_GENERIC_LEVEL_STATUS, MESH_OP_GENERIC_DELTA_SET,
  MESH_OP_GENERIC_DELTA_SET_UNACKNOWLEDGED, MESH_OP_GENERIC_MOVE_SET,
  MESH_OP_GENERIC_MOVE_SET_UNACKNOWLEDGED,
};

static void
assert_decodes (const char *hex,
                MeshOpcode  expected,
                gsize       expected_size)
{
  g_autoptr(GBytes) bytes = hex_to_bytes (hex);
  g_autoptr(GError) error = NULL;
  MeshOpcode opcode = MESH_OPCODE_INVALID;
  gsize size = 0;

  g_assert_true (mesh_opcode_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     &opcode, &size, &error));
  g_assert_no_error (error);
  g_assert_cmphex (opcode, ==, expected);
  g_assert_cmpuint (size, ==, expected_size);
  g_assert_cmpuint (mesh_opcode_get_size (opcode), ==, expected_size);
}

static void
assert_rejected (const char *hex)
{
  g_autoptr(GBytes) bytes = hex_to_bytes (hex);
  g_autoptr(GError) error = NULL;
  MeshOpcode opcode;
  gboolean ok;

  ok = mesh_opcode_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           &opcode, NULL, &error);
  assert_failed_with (ok, error, MESH_ERROR_INVALID_DATA);
}

static void
assert_encodes (MeshOpcode  opcode,
                const char *hex)
{
  g_autoptr(GByteArray) array = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (mesh_opcode_append (array, opcode));
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&array));
  assert_bytes_hex (bytes, hex);
}

static void
test_decode (void)
{
  /* Config AppKey Add from the sample data: one octet, parameters follow */
  assert_decodes ("00 563412", MESH_OP_CONFIG_APPKEY_ADD, 1);
  assert_decodes ("06", MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_STATUS, 1);
  assert_decodes ("7e", 0x7e, 1);
  /* Config AppKey Status from the sample data (Mesh Profile §8.3.16) */
  assert_decodes ("8003 00563412", MESH_OP_CONFIG_APPKEY_STATUS, 2);
  assert_decodes ("8201", MESH_OP_GENERIC_ONOFF_GET, 2);
  assert_decodes ("bfff", 0xbfff, 2);
  /* vendor opcode 0x01 of Nordic (0x0059), company ID little-endian */
  assert_decodes ("c1 5900 aabb", 0xc10059, 3);
  assert_decodes ("ff ffff", 0xffffff, 3);
}

static void
test_decode_malformed (void)
{
  g_autoptr(GError) error = NULL;
  MeshOpcode opcode;
  gboolean ok;

  ok = mesh_opcode_decode (NULL, 0, &opcode, NULL, &error);
  assert_failed_with (ok, error, MESH_ERROR_INVALID_DATA);

  assert_rejected ("");
  /* 0x7f is RFU */
  assert_rejected ("7f");
  assert_rejected ("7f 00 00");
  /* a two-octet opcode cut after its first octet */
  assert_rejected ("82");
  /* a vendor opcode with a partial company ID */
  assert_rejected ("c1");
  assert_rejected ("c1 59");
}

static void
test_encode (void)
{
  g_autoptr(GByteArray) array = g_byte_array_new ();

  assert_encodes (MESH_OP_CONFIG_APPKEY_ADD, "00");
  assert_encodes (MESH_OP_CONFIG_COMPOSITION_DATA_STATUS, "02");
  assert_encodes (MESH_OP_CONFIG_APPKEY_STATUS, "8003");
  assert_encodes (MESH_OP_GENERIC_LEVEL_STATUS, "8208");
  assert_encodes (mesh_opcode_vendor (0x01, 0x0059), "c1 5900");
  assert_encodes (mesh_opcode_vendor (0x3f, 0x02e5), "ff e502");

  /* Invalid opcodes append nothing. */
  g_assert_false (mesh_opcode_append (array, 0x7f));
  g_assert_false (mesh_opcode_append (array, 0x0100));
  g_assert_false (mesh_opcode_append (array, 0x7fff));
  g_assert_false (mesh_opcode_append (array, 0xc000));
  g_assert_false (mesh_opcode_append (array, 0x010000));
  g_assert_false (mesh_opcode_append (array, 0x1000000));
  g_assert_false (mesh_opcode_append (array, MESH_OPCODE_INVALID));
  g_assert_cmpuint (array->len, ==, 0);

  g_assert_false (mesh_opcode_is_valid (0x7f));
  g_assert_true (mesh_opcode_is_valid (0x00));
  g_assert_cmpuint (mesh_opcode_get_size (0xc000), ==, 0);
}

static void
test_vendor (void)
{
  MeshOpcode opcode = mesh_opcode_vendor (0x15, 0x02ff);

  g_assert_cmphex (opcode, ==, 0xd502ff);
  g_assert_true (mesh_opcode_is_vendor (opcode));
  g_assert_cmphex (mesh_opcode_get_company_id (opcode), ==, 0x02ff);

  g_assert_false (mesh_opcode_is_vendor (MESH_OP_GENERIC_ONOFF_SET));
  g_assert_cmphex (mesh_opcode_get_company_id (MESH_OP_GENERIC_ONOFF_SET), ==, 0);

  /* only 6 bits for the vendor's own opcode */
  g_assert_cmphex (mesh_opcode_vendor (0x40, 0x0059), ==, MESH_OPCODE_INVALID);
}

static void
test_names (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (all_opcodes); i++)
    {
      g_assert_true (mesh_opcode_is_valid (all_opcodes[i]));
      g_assert_nonnull (mesh_opcode_get_name (all_opcodes[i]));
    }

  g_assert_cmpstr (mesh_opcode_get_name (MESH_OP_CONFIG_APPKEY_ADD), ==, "Config AppKey Add");
  g_assert_cmpstr (mesh_opcode_get_name (MESH_OP_CONFIG_MODEL_PUBLICATION_VIRTUAL_SET), ==,
                   "Config Model Publication Virtual Address Set");
  g_assert_cmpstr (mesh_opcode_get_name (MESH_OP_GENERIC_MOVE_SET_UNACKNOWLEDGED), ==,
                   "Generic Move Set Unacknowledged");
  g_assert_null (mesh_opcode_get_name (0x7e));
  g_assert_null (mesh_opcode_get_name (0xc10059));
}

static void
test_responses (void)
{
  static const struct {
    MeshOpcode request;
    MeshOpcode response;
  } pairs[] = {
    { MESH_OP_CONFIG_APPKEY_ADD, MESH_OP_CONFIG_APPKEY_STATUS },
    { MESH_OP_CONFIG_APPKEY_UPDATE, MESH_OP_CONFIG_APPKEY_STATUS },
    { MESH_OP_CONFIG_APPKEY_DELETE, MESH_OP_CONFIG_APPKEY_STATUS },
    { MESH_OP_CONFIG_APPKEY_GET, MESH_OP_CONFIG_APPKEY_LIST },
    { MESH_OP_CONFIG_NETKEY_GET, MESH_OP_CONFIG_NETKEY_LIST },
    { MESH_OP_CONFIG_NETKEY_UPDATE, MESH_OP_CONFIG_NETKEY_STATUS },
    { MESH_OP_CONFIG_COMPOSITION_DATA_GET, MESH_OP_CONFIG_COMPOSITION_DATA_STATUS },
    { MESH_OP_CONFIG_MODEL_PUBLICATION_SET, MESH_OP_CONFIG_MODEL_PUBLICATION_STATUS },
    { MESH_OP_CONFIG_MODEL_PUBLICATION_VIRTUAL_SET, MESH_OP_CONFIG_MODEL_PUBLICATION_STATUS },
    { MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE_ALL, MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS },
    { MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_OVERWRITE, MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS },
    { MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_GET, MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_LIST },
    { MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_GET, MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_LIST },
    { MESH_OP_CONFIG_SIG_MODEL_APP_GET, MESH_OP_CONFIG_SIG_MODEL_APP_LIST },
    { MESH_OP_CONFIG_VENDOR_MODEL_APP_GET, MESH_OP_CONFIG_VENDOR_MODEL_APP_LIST },
    { MESH_OP_CONFIG_MODEL_APP_UNBIND, MESH_OP_CONFIG_MODEL_APP_STATUS },
    { MESH_OP_CONFIG_NODE_RESET, MESH_OP_CONFIG_NODE_RESET_STATUS },
    { MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_SET, MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_STATUS },
    { MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_GET, MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_STATUS },
    { MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_GET, MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_STATUS },
    { MESH_OP_CONFIG_KEY_REFRESH_PHASE_SET, MESH_OP_CONFIG_KEY_REFRESH_PHASE_STATUS },
    { MESH_OP_CONFIG_NODE_IDENTITY_GET, MESH_OP_CONFIG_NODE_IDENTITY_STATUS },
    { MESH_OP_CONFIG_RELAY_SET, MESH_OP_CONFIG_RELAY_STATUS },
    { MESH_OP_GENERIC_ONOFF_SET, MESH_OP_GENERIC_ONOFF_STATUS },
    { MESH_OP_GENERIC_DELTA_SET, MESH_OP_GENERIC_LEVEL_STATUS },
    { MESH_OP_GENERIC_MOVE_SET, MESH_OP_GENERIC_LEVEL_STATUS },
    /* unacknowledged requests and statuses get no answer */
    { MESH_OP_GENERIC_ONOFF_SET_UNACKNOWLEDGED, MESH_OPCODE_INVALID },
    { MESH_OP_GENERIC_MOVE_SET_UNACKNOWLEDGED, MESH_OPCODE_INVALID },
    { MESH_OP_CONFIG_APPKEY_STATUS, MESH_OPCODE_INVALID },
    { MESH_OP_CONFIG_COMPOSITION_DATA_STATUS, MESH_OPCODE_INVALID },
    { 0x7e, MESH_OPCODE_INVALID },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_assert_cmphex (mesh_opcode_get_response (pairs[i].request), ==, pairs[i].response);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/opcode/decode", test_decode);
  g_test_add_func ("/opcode/decode-malformed", test_decode_malformed);
  g_test_add_func ("/opcode/encode", test_encode);
  g_test_add_func ("/opcode/vendor", test_vendor);
  g_test_add_func ("/opcode/names", test_names);
  g_test_add_func ("/opcode/responses", test_responses);

  return g_test_run ();
}
