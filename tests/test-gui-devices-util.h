/* test-gui-devices-util.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-provision-dialog.h"
#include "mesh-scanned-device.h"
#include "mesh-session.h"

G_BEGIN_DECLS

/* Helpers of the Nearby Devices tests without bluetooth-meshd
 * (test-gui-devices.c, test-gui-devices-remote.c). */

/* The Device UUID of the devices they make. */
extern const guint8 devices_test_uuid[16];

/* A device heard through the Remote Provisioning Server at @via (0: our
 * own radio), first heard 4 s ago. */
MeshScannedDevice *devices_test_new_device_via   (guint16               oob_info,
                                                  int                   rssi,
                                                  guint16               via);
MeshScannedDevice *devices_test_new_device       (guint16               oob_info,
                                                  int                   rssi);

/* For async calls: stores the result in *(GAsyncResult **) user_data. */
void               devices_test_result_cb        (GObject              *object,
                                                  GAsyncResult         *result,
                                                  gpointer              user_data);
gboolean           devices_test_has_result       (gpointer              user_data);
MeshSession       *devices_test_open_session_at  (const char           *path);

/* Whether the dialog's Provision button can be pressed. */
gboolean           devices_test_start_enabled    (MeshProvisionDialog  *dialog);

G_END_DECLS
