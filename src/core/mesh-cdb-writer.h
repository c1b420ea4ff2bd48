/* mesh-cdb-writer.h
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
 * Writing a MeshCdbDocument as CDB 1.0.1 JSON with json-glib's
 * JsonGenerator: pretty-printed with two spaces (`"key" : value`, one
 * array item per line), members in a fixed order (that of the CDB
 * specification), hex in upper case, UUIDs with dashes. Reading what the
 * writer wrote and writing it again gives the same bytes.
 *
 * Nothing here validates: the document is written as it is.
 */

GBytes          *mesh_cdb_writer_write_bytes        (MeshCdbDocument      *document,
                                                     MeshCdbProgress      *progress,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
gboolean         mesh_cdb_writer_write_file         (MeshCdbDocument      *document,
                                                     GFile                *file,
                                                     MeshCdbProgress      *progress,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void             mesh_cdb_writer_write_file_async   (MeshCdbDocument      *document,
                                                     GFile                *file,
                                                     MeshCdbProgress      *progress,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean         mesh_cdb_writer_write_file_finish  (GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
