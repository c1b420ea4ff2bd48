/* mesh-cdb-reader.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-cdb-document.h"
#include "mesh-cdb-progress.h"

G_BEGIN_DECLS

/*
 * Reading a Mesh Configuration Database (CDB 1.0.x) JSON file into a
 * MeshCdbDocument, refusing anything malformed with a MESH_ERROR_INVALID_DATA
 * error whose message names the object, the member and what is wrong:
 * JSON syntax (with line and column), types, missing members, formats of
 * hex strings, UUIDs and timestamps, value ranges, then the relations that
 * mesh_cdb_document_validate() checks.
 *
 * Members the format does not define are ignored. Members whose name
 * changed in nRF Mesh's history (e.g. "blacklisted" for "excluded") are not
 * accepted: the file must follow CDB.
 *
 * The synchronous functions may run in any thread; the _async ones run in
 * a worker thread and report progress through @progress, if given.
 */

MeshCdbDocument *mesh_cdb_reader_read_bytes        (GBytes               *bytes,
                                                    MeshCdbProgress      *progress,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
MeshCdbDocument *mesh_cdb_reader_read_file         (GFile                *file,
                                                    MeshCdbProgress      *progress,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void             mesh_cdb_reader_read_file_async   (GFile                *file,
                                                    MeshCdbProgress      *progress,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
MeshCdbDocument *mesh_cdb_reader_read_file_finish  (GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
