/* mesh-export-dialog.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_EXPORT_DIALOG (mesh_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MeshExportDialog, mesh_export_dialog, MESH, EXPORT_DIALOG, AdwWindow)

/* Exports a network as a Mesh Configuration Database file: everything, or
 * a partial export of chosen NetKeys, AppKeys and groups, with or without
 * the device keys. "export.choose-file" asks for the file, then the export
 * runs with its progress; "export.cancel" (Escape) stops it. On success a
 * toast in the parent window says where the file went. Pages: "choose",
 * "progress", "error". */
MeshExportDialog *mesh_export_dialog_new      (MeshStore        *store,
                                               MeshNetwork      *network);
/* Exports to @file at once, as after choosing it (tests). */
void              mesh_export_dialog_export   (MeshExportDialog *self,
                                               GFile            *file);
const char       *mesh_export_dialog_get_page (MeshExportDialog *self);

G_END_DECLS
