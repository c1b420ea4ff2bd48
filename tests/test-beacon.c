/* test-beacon.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-beacon.h"
#include "mesh-wire-test-utils.h"

#define UUID "70cf7c9732a345b691494810d2e9cbf4"

static gboolean
parse_hex (const char               *hex,
           MeshUnprovisionedBeacon  *beacon,
           GError                  **error)
{
  g_autoptr(GBytes) bytes = hex_to_bytes (hex);
  gsize len = g_bytes_get_size (bytes);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), len);

  return mesh_unprovisioned_beacon_parse (copy, len, beacon, error);
}

static void
assert_uuid (const MeshUnprovisionedBeacon *beacon)
{
  g_autoptr(GBytes) uuid = g_bytes_new (beacon->uuid, sizeof beacon->uuid);

  assert_bytes_hex (uuid, UUID);
}

static void
test_uuid_only (void)
{
  g_autoptr(GError) error = NULL;
  MeshUnprovisionedBeacon beacon;

  g_assert_true (parse_hex (UUID, &beacon, &error));
  g_assert_no_error (error);
  assert_uuid (&beacon);
  g_assert_false (beacon.has_oob_info);
  g_assert_false (beacon.has_uri_hash);
}

static void
test_oob_info (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  MeshUnprovisionedBeacon beacon;

  /* OOB Information 0x4020, big-endian: Number (bit 5) and Inside manual
   * (bit 14) */
  g_assert_true (parse_hex (UUID "4020", &beacon, &error));
  g_assert_no_error (error);
  assert_uuid (&beacon);
  g_assert_true (beacon.has_oob_info);
  g_assert_cmphex (beacon.oob_info, ==, MESH_OOB_INFO_NUMBER | MESH_OOB_INFO_INSIDE_MANUAL);
  g_assert_false (beacon.has_uri_hash);

  names = mesh_oob_info_get_names (beacon.oob_info);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "Number");
  g_assert_cmpstr (names[1], ==, "Inside the manual");
}

static void
test_uri_hash (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) hash = NULL;
  MeshUnprovisionedBeacon beacon;

  /* OOB Information 0x0002 (Electronic / URI), then the URI Hash */
  g_assert_true (parse_hex (UUID "0002" "d97478b3", &beacon, &error));
  g_assert_no_error (error);
  assert_uuid (&beacon);
  g_assert_cmphex (beacon.oob_info, ==, MESH_OOB_INFO_ELECTRONIC_URI);
  g_assert_true (beacon.has_uri_hash);
  hash = g_bytes_new (beacon.uri_hash, sizeof beacon.uri_hash);
  assert_bytes_hex (hash, "d97478b3");
}

static void
test_malformed (void)
{
  static const char * const malformed[] = {
    "",
    "70cf7c9732a345b691494810d2e9cb",
    UUID "40",
    UUID "4020 d9",
    UUID "4020 d974",
    UUID "4020 d97478",
    UUID "4020 d97478b3 00",
    UUID "4020 d97478b3 d97478b3",
  };
  g_autoptr(GError) error = NULL;
  MeshUnprovisionedBeacon beacon;
  gboolean ok;

  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      ok = parse_hex (malformed[i], &beacon, &error);
      assert_failed_with (ok, error, MESH_ERROR_INVALID_DATA);
    }

  ok = mesh_unprovisioned_beacon_parse (NULL, 0, &beacon, &error);
  assert_failed_with (ok, error, MESH_ERROR_INVALID_DATA);
}

static void
test_oob_names (void)
{
  g_auto(GStrv) all = mesh_oob_info_get_names (0xffff);
  g_auto(GStrv) none = mesh_oob_info_get_names (0x0000);
  g_auto(GStrv) rfu_only = mesh_oob_info_get_names (0x0600);

  /* 16 bits, two of them RFU */
  g_assert_cmpuint (g_strv_length (all), ==, 14);
  g_assert_cmpstr (all[0], ==, "Other");
  g_assert_cmpstr (all[2], ==, "2D machine-readable code");
  g_assert_cmpstr (all[13], ==, "On the device");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (rfu_only), ==, 0);

  g_assert_cmpstr (mesh_oob_info_get_name (MESH_OOB_INFO_ON_BOX), ==, "On the box");
  g_assert_cmpstr (mesh_oob_info_get_name (MESH_OOB_INFO_NFC), ==, "Near Field Communication (NFC)");
  g_assert_cmpstr (mesh_oob_info_get_name (MESH_OOB_INFO_CERTIFICATE), ==, "Certificate-based provisioning");
  g_assert_cmpstr (mesh_oob_info_get_name (MESH_OOB_INFO_PROVISIONING_RECORDS), ==, "Provisioning records");
  g_assert_null (mesh_oob_info_get_name (1 << 9));
  g_assert_null (mesh_oob_info_get_name (MESH_OOB_INFO_ON_BOX | MESH_OOB_INFO_NFC));
  g_assert_null (mesh_oob_info_get_name (0));
  g_assert_null (mesh_oob_info_get_name (1 << 16));
}

static void
check_seed (const guint8 *data,
            gsize         len,
            const char   *name)
{
  g_autoptr(GError) error = NULL;
  MeshUnprovisionedBeacon beacon;

  if (!mesh_unprovisioned_beacon_parse (data, len, &beacon, &error))
    g_error ("seed %s: %s", name, error->message);
}

static void
test_fuzz_seeds (void)
{
  for_each_fuzz_seed ("beacon", check_seed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/beacon/uuid-only", test_uuid_only);
  g_test_add_func ("/beacon/oob-info", test_oob_info);
  g_test_add_func ("/beacon/uri-hash", test_uri_hash);
  g_test_add_func ("/beacon/malformed", test_malformed);
  g_test_add_func ("/beacon/oob-names", test_oob_names);
  g_test_add_func ("/beacon/fuzz-seeds", test_fuzz_seeds);

  return g_test_run ();
}
