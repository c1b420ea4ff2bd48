/* mesh-cdb-import-result.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-cdb-conflict.h"
#include "mesh-network.h"

G_BEGIN_DECLS

#define MESH_TYPE_CDB_IMPORT_RESULT (mesh_cdb_import_result_get_type ())

G_DECLARE_FINAL_TYPE (MeshCdbImportResult, mesh_cdb_import_result, MESH, CDB_IMPORT_RESULT, GObject)

/* What an import did, for the UI: the network it made or merged into, how
 * much it added, and the conflicts it found (a GListModel of
 * MeshCdbConflict) — also when a fatal one stopped it. */

MeshNetwork *mesh_cdb_import_result_get_network      (MeshCdbImportResult *self);
gboolean     mesh_cdb_import_result_get_merged       (MeshCdbImportResult *self);
gboolean     mesh_cdb_import_result_get_imported     (MeshCdbImportResult *self);
GListModel  *mesh_cdb_import_result_get_conflicts    (MeshCdbImportResult *self);
guint        mesh_cdb_import_result_get_n_fatal      (MeshCdbImportResult *self);
guint        mesh_cdb_import_result_get_n_nodes_added (MeshCdbImportResult *self);
guint        mesh_cdb_import_result_get_n_provisioners_added (MeshCdbImportResult *self);
guint        mesh_cdb_import_result_get_n_keys_added (MeshCdbImportResult *self);
guint        mesh_cdb_import_result_get_n_groups_added (MeshCdbImportResult *self);
guint        mesh_cdb_import_result_get_n_scenes_added (MeshCdbImportResult *self);

G_END_DECLS
