/* mesh-cdb-conflict.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MESH_TYPE_CDB_CONFLICT_KIND (mesh_cdb_conflict_kind_get_type ())
#define MESH_TYPE_CDB_CONFLICT      (mesh_cdb_conflict_get_type ())

/* What a merge found different between a file and the network. */
typedef enum
{
  MESH_CDB_CONFLICT_NETWORK,
  MESH_CDB_CONFLICT_NET_KEY,
  MESH_CDB_CONFLICT_APP_KEY,
  MESH_CDB_CONFLICT_PROVISIONER,
  MESH_CDB_CONFLICT_NODE,
  MESH_CDB_CONFLICT_GROUP,
  MESH_CDB_CONFLICT_SCENE,
} MeshCdbConflictKind;

G_DECLARE_FINAL_TYPE (MeshCdbConflict, mesh_cdb_conflict, MESH, CDB_CONFLICT, GObject)

GType                mesh_cdb_conflict_kind_get_type  (void) G_GNUC_CONST;
MeshCdbConflict     *mesh_cdb_conflict_new            (MeshCdbConflictKind  kind,
                                                       gboolean             fatal,
                                                       const char          *message);
MeshCdbConflictKind  mesh_cdb_conflict_get_kind       (MeshCdbConflict     *self);
gboolean             mesh_cdb_conflict_get_fatal      (MeshCdbConflict     *self);
const char          *mesh_cdb_conflict_get_message    (MeshCdbConflict     *self);

G_END_DECLS
