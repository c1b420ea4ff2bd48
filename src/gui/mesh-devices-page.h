/* mesh-devices-page.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mesh-session.h"

G_BEGIN_DECLS

#define MESH_TYPE_DEVICES_PAGE (mesh_devices_page_get_type ())

G_DECLARE_FINAL_TYPE (MeshDevicesPage, mesh_devices_page, MESH, DEVICES_PAGE, GtkWidget)

/* Nearby Devices: the session scanner's live list of unprovisioned
 * devices. The page scans while it is on screen (mapped) and the session
 * has a network open, and stops when it is left or the window is hidden.
 * "devices.provision" (a UUID string) opens the provisioning dialog. */
GtkWidget   *mesh_devices_page_new         (void);
MeshSession *mesh_devices_page_get_session (MeshDevicesPage *self);
void         mesh_devices_page_set_session (MeshDevicesPage *self,
                                            MeshSession     *session);
/* The dialog the page opened last, while it is open (tests). */
GtkWindow   *mesh_devices_page_get_dialog  (MeshDevicesPage *self);

G_END_DECLS
