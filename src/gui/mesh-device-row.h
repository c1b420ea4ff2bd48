/* mesh-device-row.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mesh-network.h"
#include "mesh-scanned-device.h"

G_BEGIN_DECLS

#define MESH_TYPE_DEVICE_ROW (mesh_device_row_get_type ())

G_DECLARE_FINAL_TYPE (MeshDeviceRow, mesh_device_row, MESH, DEVICE_ROW, GtkWidget)

/* A row of the Nearby Devices list: the device's name, UUID and OOB
 * information, the node it was heard through (a Remote Provisioning
 * Server, named from "network"), its signal as bars, how long ago it was
 * heard, and a Provision button (the "devices.provision" action with its
 * UUID). */
GtkWidget         *mesh_device_row_new         (void);
MeshScannedDevice *mesh_device_row_get_device  (MeshDeviceRow     *self);
void               mesh_device_row_set_device  (MeshDeviceRow     *self,
                                                MeshScannedDevice *device);
MeshNetwork       *mesh_device_row_get_network (MeshDeviceRow     *self);
void               mesh_device_row_set_network (MeshDeviceRow     *self,
                                                MeshNetwork       *network);
/* Updates "Seen … ago" to @now (g_get_monotonic_time()). */
void               mesh_device_row_update_seen (MeshDeviceRow     *self,
                                                gint64             now);

G_END_DECLS
