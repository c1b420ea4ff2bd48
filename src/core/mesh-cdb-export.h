/* mesh-cdb-export.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-cdb-document.h"
#include "mesh-cdb-progress.h"
#include "mesh-cdb-selection.h"
#include "mesh-store.h"

G_BEGIN_DECLS

/*
 * Exporting a network of the database, with its key material from the
 * keyring, as a Mesh Configuration Database document or file: everything
 * the database holds, or with @selection the partial export it chooses
 * (see mesh-cdb-selection.h).
 *
 * A network imported from a file exports back to the same file, except
 * for what the database does not keep: the form of "heartbeatSub" (it is
 * written as one object), empty "features" objects, exclusion lists
 * without addresses and members CDB does not define.
 *
 * Loading the network and its elements, and looking the keys up, run on
 * the database worker and the keyring; the document is built on the
 * caller's main context in slices; checking and writing it run in a worker
 * thread. Progress goes through @progress, step by step.
 */

void             mesh_cdb_export_document_async  (MeshStore            *store,
                                                  MeshNetwork          *network,
                                                  MeshCdbSelection     *selection,
                                                  MeshCdbProgress      *progress,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
MeshCdbDocument *mesh_cdb_export_document_finish (GAsyncResult         *result,
                                                  GError              **error);

void             mesh_cdb_export_file_async      (MeshStore            *store,
                                                  MeshNetwork          *network,
                                                  MeshCdbSelection     *selection,
                                                  GFile                *file,
                                                  MeshCdbProgress      *progress,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         mesh_cdb_export_file_finish     (GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
