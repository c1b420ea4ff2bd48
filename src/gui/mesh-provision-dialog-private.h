/* mesh-provision-dialog-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-provision-dialog.h"

G_BEGIN_DECLS

/* Shows @request's steps and prompts as if the dialog had started it: for
 * tests of the prompts meshd 5.66 devices cannot produce (output and input
 * OOB), with a request made by hand. */
void _mesh_provision_dialog_follow (MeshProvisionDialog  *self,
                                    MeshProvisionRequest *request);

G_END_DECLS
