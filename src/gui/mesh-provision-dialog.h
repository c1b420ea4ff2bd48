/* mesh-provision-dialog.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mesh-session.h"

G_BEGIN_DECLS

#define MESH_TYPE_PROVISION_DIALOG (mesh_provision_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MeshProvisionDialog, mesh_provision_dialog, MESH, PROVISION_DIALOG, AdwWindow)

/* Provisions one device, walking the user through it: the authentication
 * method ("method" page, with the static OOB key), the values the device
 * and bluetooth-meshd ask for on the way ("prompt"), the steps as meshd
 * reports them ("progress"), then the new node ("done") or what went wrong
 * with Retry ("failed"). Its actions: "provision.start",
 * "provision.answer", "provision.retry", "provision.cancel" (which cancels
 * a provisioning under way, then closes) and "provision.open-node".
 * Escape is Cancel. */
MeshProvisionDialog  *mesh_provision_dialog_new         (MeshSession         *session,
                                                         MeshScannedDevice   *device);
/* The page shown: "method", "prompt", "progress", "done" or "failed". */
const char           *mesh_provision_dialog_get_page    (MeshProvisionDialog *self);
/* The provisioning under way or last run, or NULL. */
MeshProvisionRequest *mesh_provision_dialog_get_request (MeshProvisionDialog *self);

G_END_DECLS
