/* mesh-cdb-import-result-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-cdb-import-result.h"

G_BEGIN_DECLS

/* Filled in by mesh-cdb-import.c while it works. */
struct _MeshCdbImportResult
{
  GObject      parent_instance;

  MeshNetwork *network;
  gboolean     merged;
  gboolean     imported;
  GListStore  *conflicts;
  guint        n_fatal;
  guint        n_nodes_added;
  guint        n_provisioners_added;
  guint        n_keys_added;
  guint        n_groups_added;
  guint        n_scenes_added;
};

MeshCdbImportResult *mesh_cdb_import_result_new           (void);
void                 mesh_cdb_import_result_add_conflict  (MeshCdbImportResult *self,
                                                           MeshCdbConflictKind  kind,
                                                           gboolean             fatal,
                                                           const char          *format,
                                                           ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
