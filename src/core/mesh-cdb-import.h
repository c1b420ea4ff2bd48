/* mesh-cdb-import.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-cdb-document.h"
#include "mesh-cdb-import-result.h"
#include "mesh-cdb-progress.h"
#include "mesh-store.h"

G_BEGIN_DECLS

/*
 * Importing a Mesh Configuration Database into the network database, key
 * material into the keyring (NetKeys, AppKeys, device keys by unicast
 * address), never into the database.
 *
 * A file of a mesh the store does not have (by meshUUID) becomes a new
 * network, in one transaction. A file of a mesh it has is merged: what is
 * new (provisioners, keys, nodes, groups, scenes, exclusion list entries)
 * is added, and the differences found are conflicts in the result:
 *
 *  - fatal, and then nothing changes: a key index with another key value
 *    (or an AppKey bound to another NetKey); a node of the network with
 *    other addresses in the file; a new node on addresses a node of the
 *    network has; a new provisioner whose ranges overlap those of one the
 *    network has;
 *  - resolved by keeping what the network has: another name for the
 *    network or a group, other ranges for a known provisioner, another
 *    name or addresses for a scene; a new node on an excluded address is
 *    left out.
 *
 * So two provisioners with disjoint ranges can give each other their
 * exports and end with the same nodes.
 *
 * The work runs in steps, each reported through @progress with its text
 * and a fraction going from 0 to 1: reading the file (worker thread),
 * preparing the objects (worker thread for a new network), storing the
 * keys, saving to the database (its worker thread). The store must be
 * used from the thread-default main context of the call.
 */

void     mesh_cdb_import_file_async      (MeshStore            *store,
                                          GFile                *file,
                                          MeshCdbProgress      *progress,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
void     mesh_cdb_import_document_async  (MeshStore            *store,
                                          MeshCdbDocument      *document,
                                          MeshCdbProgress      *progress,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean mesh_cdb_import_finish          (GAsyncResult         *result,
                                          MeshCdbImportResult **out_result,
                                          GError              **error);

G_END_DECLS
