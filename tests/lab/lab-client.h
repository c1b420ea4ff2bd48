/* lab-client.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Calls to the lab's control interface (io.github.meshprovisioner.MeshLab1
 * on the bus in DBUS_SYSTEM_BUS_ADDRESS), for code running as mesh-lab's
 * COMMAND. */

#define LAB_CONTROL_NAME  "io.github.meshprovisioner.MeshLab"
#define LAB_CONTROL_PATH  "/io/github/meshprovisioner/MeshLab"
#define LAB_CONTROL_IFACE "io.github.meshprovisioner.MeshLab1"

GVariant *lab_client_call          (GDBusConnection  *bus,
                                    const char       *method,
                                    GVariant         *parameters,
                                    const char       *reply_type,
                                    GError          **error);
/* aa{sv} from ListDevices, and one device's a{sv} from GetDevice */
GVariant *lab_client_list_devices  (GDBusConnection  *bus,
                                    GError          **error);
GVariant *lab_client_get_device    (GDBusConnection  *bus,
                                    guint             index,
                                    GError          **error);
/* Polls GetDevice until key holds a value equal to expected. */
gboolean  lab_client_wait_device   (GDBusConnection  *bus,
                                    guint             index,
                                    const char       *key,
                                    GVariant         *expected,
                                    guint             timeout_ms);
/* The 16 bytes of an ay entry of a device's dictionary. */
gboolean  lab_client_device_bytes  (GVariant         *device,
                                    const char       *key,
                                    guint8            out[16]);

/* A listener on the virtual air (MESH_LAB_AIR): it hears every packet the
 * daemons send (bare AD data: type, then payload) and can inject packets.
 * Its socket lives in the lab's directory. */
typedef struct _LabTap LabTap;

LabTap   *lab_tap_open             (GError          **error);
void      lab_tap_close            (LabTap           *tap);
/* The next packet within timeout_ms, or NULL. */
GBytes   *lab_tap_receive          (LabTap           *tap,
                                    guint             timeout_ms);
gboolean  lab_tap_send             (LabTap           *tap,
                                    const guint8     *data,
                                    gsize             len,
                                    GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabTap, lab_tap_close)

G_END_DECLS
