/* mesh-cdb-progress.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MESH_TYPE_CDB_PROGRESS (mesh_cdb_progress_get_type ())

G_DECLARE_FINAL_TYPE (MeshCdbProgress, mesh_cdb_progress, MESH, CDB_PROGRESS, GObject)

MeshCdbProgress *mesh_cdb_progress_new          (void);
double           mesh_cdb_progress_get_fraction (MeshCdbProgress *self);
const char      *mesh_cdb_progress_get_text     (MeshCdbProgress *self);
void             mesh_cdb_progress_update       (MeshCdbProgress *self,
                                                 double           fraction,
                                                 const char      *text);

G_END_DECLS
