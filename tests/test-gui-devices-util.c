/* test-gui-devices-util.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-beacon.h"
#include "mesh-scanned-device-private.h"
#include "mesh-test-utils.h"
#include "test-gui-devices-util.h"

const guint8 devices_test_uuid[16] = {
  0x27, 0x8d, 0x83, 0x36, 0xb9, 0x0f, 0x4c, 0x10,
  0x90, 0x2a, 0x7c, 0x57, 0xa3, 0xb4, 0x57, 0xff,
};

MeshScannedDevice *
devices_test_new_device_via (guint16 oob_info,
                int     rssi,
                guint16 via)
{
  MeshUnprovisionedBeacon beacon = { 0 };

  memcpy (beacon.uuid, devices_test_uuid, sizeof devices_test_uuid);
  beacon.has_oob_info = oob_info != 0;
  beacon.oob_info = oob_info;

  return mesh_scanned_device_new (&beacon, rssi, via, g_get_monotonic_time () - 4 * G_USEC_PER_SEC);
}

MeshScannedDevice *
devices_test_new_device (guint16 oob_info,
            int     rssi)
{
  return devices_test_new_device_via (oob_info, rssi, 0);
}

void
devices_test_result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

gboolean
devices_test_has_result (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

MeshSession *
devices_test_open_session_at (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  MeshSession *session;

  mesh_session_open_async (path, NULL, devices_test_result_cb, &result);
  g_assert_true (mesh_test_wait_until (devices_test_has_result, &result, 5000));
  session = mesh_session_open_finish (result, &error);
  g_assert_no_error (error);

  return session;
}

gboolean
devices_test_start_enabled (MeshProvisionDialog *dialog)
{
  GtkWidget *button = mesh_test_find_button_for_action (GTK_WIDGET (dialog), "provision.start");

  return button != NULL && gtk_widget_is_sensitive (button);
}
