/* mesh-scanned-device-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-beacon.h"
#include "mesh-scanned-device.h"

G_BEGIN_DECLS

/* For MeshScanner. */
/* @via: the Remote Provisioning Server that heard the beacon, 0 for our
 * own radio. */
MeshScannedDevice *mesh_scanned_device_new        (const MeshUnprovisionedBeacon *beacon,
                                                   int                            rssi,
                                                   guint16                        via,
                                                   gint64                         now);
void               mesh_scanned_device_update     (MeshScannedDevice             *self,
                                                   const MeshUnprovisionedBeacon *beacon,
                                                   int                            rssi,
                                                   guint16                        via,
                                                   gint64                         now);
/* Moves "last-seen" later by @delta µs (time the scan was paused does not
 * count as silence). */
void               mesh_scanned_device_shift_time (MeshScannedDevice             *self,
                                                   gint64                         delta);

G_END_DECLS
