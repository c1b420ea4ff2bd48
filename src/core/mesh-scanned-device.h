/* mesh-scanned-device.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MESH_TYPE_SCANNED_DEVICE (mesh_scanned_device_get_type ())

G_DECLARE_FINAL_TYPE (MeshScannedDevice, mesh_scanned_device, MESH, SCANNED_DEVICE, GObject)

/* An unprovisioned device heard by the scan (MeshScanner), from its
 * Unprovisioned Device beacons. Every property notifies when a beacon
 * changes it.
 *
 * "rssi" is smoothed (exponentially weighted, weight 1/4 for each new
 * value) so that a list sorted by it does not jump; "last-rssi" is the
 * latest value as meshd reported it. Times are g_get_monotonic_time()
 * microseconds. "via" is the unicast address of the Remote Provisioning
 * Server that heard the device (provision it through that node), 0 for our
 * own radio. Our own radio wins: once it heard the device, "via" stays 0
 * and servers' reports only keep the entry fresh ("rssi" is then our
 * radio's). */
GBytes      *mesh_scanned_device_get_uuid          (MeshScannedDevice *self);
/* The UUID in canonical form (8-4-4-4-12, lowercase). */
const char  *mesh_scanned_device_get_uuid_string   (MeshScannedDevice *self);
int          mesh_scanned_device_get_rssi          (MeshScannedDevice *self);
int          mesh_scanned_device_get_last_rssi     (MeshScannedDevice *self);
gboolean     mesh_scanned_device_has_oob_info      (MeshScannedDevice *self);
/* MeshOobInfo bits (mesh-beacon.h), 0 without OOB information. */
guint16      mesh_scanned_device_get_oob_info      (MeshScannedDevice *self);
/* The translated names of the OOB information bits (mesh_oob_info_get_names()). */
GStrv        mesh_scanned_device_get_oob_info_names (MeshScannedDevice *self);
/* The 4-byte URI hash, or NULL when the beacon carries none. */
GBytes      *mesh_scanned_device_get_uri_hash      (MeshScannedDevice *self);
gint64       mesh_scanned_device_get_first_seen    (MeshScannedDevice *self);
gint64       mesh_scanned_device_get_last_seen     (MeshScannedDevice *self);
/* How many beacons were folded into this entry. */
guint        mesh_scanned_device_get_beacon_count  (MeshScannedDevice *self);
guint16      mesh_scanned_device_get_via           (MeshScannedDevice *self);

G_END_DECLS
