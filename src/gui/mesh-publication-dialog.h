/* mesh-publication-dialog.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_PUBLICATION_DIALOG (mesh_publication_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MeshPublicationDialog, mesh_publication_dialog, MESH, PUBLICATION_DIALOG, AdwWindow)

/* Asks for a model's publication: destination, AppKey, TTL, period and
 * retransmissions, starting from the current one. "apply" gives the
 * MeshPublication to set; the dialog then closes. It changes nothing. */
MeshPublicationDialog *mesh_publication_dialog_new            (MeshNetwork           *network,
                                                               MeshModel             *model);
/* What "apply" would give now, or NULL while the destination is not valid. */
MeshPublication       *mesh_publication_dialog_dup_publication (MeshPublicationDialog *self);

G_END_DECLS
