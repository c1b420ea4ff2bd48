/* test-cdb-util.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-cdb-document.h"

G_BEGIN_DECLS

/* Helpers of the CDB tests and of bench/bench-cdb.c. */

char            *cdb_test_data_path      (const char      *name);
char            *cdb_test_data_contents  (const char      *name);
MeshCdbDocument *cdb_test_read_data      (const char      *name);
MeshCdbDocument *cdb_test_read_string    (const char      *json,
                                          GError         **error);
MeshCdbDocument *cdb_test_read_mutated   (const char      *name,
                                          const char      *path,
                                          const char      *json_value,
                                          GError         **error);
char            *cdb_test_write_string   (MeshCdbDocument *document);
MeshCdbDocument *cdb_test_generate       (guint            n_nodes,
                                          guint32          seed);

G_END_DECLS
