/* test-scanner.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* MeshScanner's list from ScanResult data (the daemon's ::scan-result,
 * emitted here by hand): one entry per UUID however often meshd repeats
 * it, smoothed RSSI, OOB information and URI hash decoded, malformed data
 * ignored, provisioned devices forgotten. The lab tests cover the scan
 * itself (re-arming, ageing, pausing while provisioning). */

#include "config.h"

#include <string.h>

#include "mesh-beacon.h"
#include "mesh-core-test-utils.h"
#include "mesh-scanner.h"
#include "mesh-uuid.h"

static const guint8 uuid_a[16] = { 0x70, 0xcf, 0x7c, 0x97, 0x32, 0xa3, 0x45, 0xb6,
                                   0x91, 0x49, 0x48, 0x10, 0xd2, 0xe9, 0xcb, 0xf4 };
static const guint8 uuid_b[16] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0x4c, 0xde,
                                   0x8f, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd };

static void
scan_result_via (MeshDaemon   *daemon,
                 int           rssi,
                 const guint8 *data,
                 gsize         len,
                 guint         via)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);

  g_signal_emit_by_name (daemon, "scan-result", rssi, bytes, via);
}

static void
scan_result (MeshDaemon   *daemon,
             int           rssi,
             const guint8 *data,
             gsize         len)
{
  scan_result_via (daemon, rssi, data, len, 0);
}

static void
test_scan_results (void)
{
  g_autoptr(MeshDaemon) daemon = NULL;
  g_autoptr(MeshScanner) scanner = NULL;
  g_autoptr(GBytes) a = g_bytes_new (uuid_a, 16);
  g_autoptr(GBytes) b = g_bytes_new (uuid_b, 16);
  g_auto(GStrv) names = NULL;
  MeshItemsChangedCount count = { 0 };
  MeshScannedDevice *device;
  guint8 beacon_b[22];

  /* No bus: the client just says so; the scanner works from its signal. */
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/mesh-test", TRUE);
  daemon = mesh_daemon_new ();
  scanner = mesh_scanner_new (daemon);
  mesh_core_test_count_items_changed (G_LIST_MODEL (scanner), &count);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (scanner)) == MESH_TYPE_SCANNED_DEVICE);

  scan_result (daemon, -60, uuid_a, 16);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (scanner)), ==, 1);
  device = mesh_scanner_find (scanner, a);
  g_assert_nonnull (device);
  g_assert_cmpstr (mesh_scanned_device_get_uuid_string (device), ==,
                   "70cf7c97-32a3-45b6-9149-4810d2e9cbf4");
  g_assert_cmpint (mesh_scanned_device_get_rssi (device), ==, -60);
  g_assert_false (mesh_scanned_device_has_oob_info (device));
  g_assert_null (mesh_scanned_device_get_uri_hash (device));
  g_assert_cmpuint (mesh_scanned_device_get_beacon_count (device), ==, 1);
  g_assert_cmpuint (mesh_scanned_device_get_via (device), ==, 0);

  /* Repeated: folded; the RSSI moves a quarter of the way. */
  scan_result (daemon, -40, uuid_a, 16);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (scanner)), ==, 1);
  g_assert_cmpint (mesh_scanned_device_get_last_rssi (device), ==, -40);
  g_assert_cmpint (mesh_scanned_device_get_rssi (device), ==, -55);
  scan_result (daemon, -40, uuid_a, 16);
  g_assert_cmpint (mesh_scanned_device_get_rssi (device), ==, -51);  /* -51.25 */
  g_assert_cmpuint (mesh_scanned_device_get_beacon_count (device), ==, 3);
  g_assert_cmpint (mesh_scanned_device_get_last_seen (device), >=,
                   mesh_scanned_device_get_first_seen (device));

  /* OOB Information (on box, number) and a URI hash, big-endian. */
  memcpy (beacon_b, uuid_b, 16);
  beacon_b[16] = 0x08;
  beacon_b[17] = 0x20;
  memcpy (beacon_b + 18, "\xd9\x7f\x11\x02", 4);
  scan_result (daemon, -70, beacon_b, sizeof beacon_b);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (scanner)), ==, 2);
  device = mesh_scanner_find (scanner, b);
  g_assert_true (mesh_scanned_device_has_oob_info (device));
  g_assert_cmphex (mesh_scanned_device_get_oob_info (device), ==,
                   MESH_OOB_INFO_ON_BOX | MESH_OOB_INFO_NUMBER);
  names = mesh_scanned_device_get_oob_info_names (device);
  g_assert_true (g_strv_contains ((const char * const *) names, "On the box"));
  g_assert_cmpmem (g_bytes_get_data (mesh_scanned_device_get_uri_hash (device), NULL), 4,
                   "\xd9\x7f\x11\x02", 4);

  /* Not a beacon: ignored. */
  scan_result (daemon, -50, uuid_a, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (scanner)), ==, 2);
  g_assert_cmpuint (count.added, ==, 2);

  /* Provisioned: forgotten. */
  mesh_scanner_forget (scanner, a);
  g_assert_null (mesh_scanner_find (scanner, a));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (scanner)), ==, 1);
  g_assert_cmpuint (count.removed, ==, 1);
  g_assert_cmpuint (count.last_position, ==, 0);

  /* Not attached: wanted, but not scanning. */
  mesh_scanner_start (scanner);
  g_assert_true (mesh_scanner_get_active (scanner));
  g_assert_false (mesh_scanner_get_scanning (scanner));
  mesh_scanner_clear (scanner);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (scanner)), ==, 0);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Results of Remote Provisioning Servers: the device is reached through
 * the latest server that reported it, until our own radio hears it. */
static void
test_remote_results (void)
{
  g_autoptr(MeshDaemon) daemon = NULL;
  g_autoptr(MeshScanner) scanner = NULL;
  g_autoptr(GBytes) a = g_bytes_new (uuid_a, 16);
  MeshScannedDevice *device;
  guint via_notified = 0;

  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/mesh-test", TRUE);
  daemon = mesh_daemon_new ();
  scanner = mesh_scanner_new (daemon);

  scan_result_via (daemon, -80, uuid_a, 16, 0x0005);
  device = mesh_scanner_find (scanner, a);
  g_assert_nonnull (device);
  g_signal_connect_swapped (device, "notify::via", G_CALLBACK (count_cb),
                            &via_notified);
  g_assert_cmpuint (mesh_scanned_device_get_via (device), ==, 0x0005);
  g_assert_cmpint (mesh_scanned_device_get_rssi (device), ==, -80);

  /* Another server: its signal is not averaged with the first one's. */
  scan_result_via (daemon, -40, uuid_a, 16, 0x0009);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (scanner)), ==, 1);
  g_assert_cmpuint (mesh_scanned_device_get_via (device), ==, 0x0009);
  g_assert_cmpint (mesh_scanned_device_get_rssi (device), ==, -40);
  g_assert_cmpuint (via_notified, ==, 1);

  /* Our own radio wins, and keeps winning. */
  scan_result_via (daemon, -70, uuid_a, 16, 0);
  g_assert_cmpuint (mesh_scanned_device_get_via (device), ==, 0);
  g_assert_cmpint (mesh_scanned_device_get_rssi (device), ==, -70);
  scan_result_via (daemon, -30, uuid_a, 16, 0x0009);
  g_assert_cmpuint (mesh_scanned_device_get_via (device), ==, 0);
  g_assert_cmpint (mesh_scanned_device_get_rssi (device), ==, -70);
  g_assert_cmpint (mesh_scanned_device_get_last_rssi (device), ==, -70);
  g_assert_cmpuint (mesh_scanned_device_get_beacon_count (device), ==, 4);
  g_assert_cmpuint (via_notified, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/scanner/scan-results", test_scan_results);
  g_test_add_func ("/scanner/remote-results", test_remote_results);

  return g_test_run ();
}
