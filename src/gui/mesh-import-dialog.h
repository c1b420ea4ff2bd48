/* mesh-import-dialog.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mesh-session.h"

G_BEGIN_DECLS

#define MESH_TYPE_IMPORT_DIALOG (mesh_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MeshImportDialog, mesh_import_dialog, MESH, IMPORT_DIALOG, AdwWindow)

/* Imports a Mesh Configuration Database file into the session's store
 * (with progress; Cancel stops it and nothing is kept), shows what it
 * found (the differences as sentences), asks which provisioner of the file
 * this computer is, then puts the network into bluetooth-meshd and emits
 * ::network-ready. Pages: "progress", "result", "error". Actions:
 * "import.open" and "import.cancel" (Escape). */
MeshImportDialog *mesh_import_dialog_new      (MeshSession      *session,
                                               GFile            *file);
const char       *mesh_import_dialog_get_page (MeshImportDialog *self);

G_END_DECLS
