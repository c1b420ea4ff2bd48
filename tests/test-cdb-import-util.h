/* test-cdb-import-util.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-cdb-export.h"
#include "mesh-cdb-import.h"
#include "mesh-keyring.h"
#include "test-store-util.h"

G_BEGIN_DECLS

/* Helpers of the CDB import tests (test-cdb-import.c, test-cdb-merge.c):
 * CDB ↔ database + keyring. They run under tests/session-run: a private
 * session bus with an unlocked gnome-keyring, so every test starts with an
 * empty keyring of its own process. Each helper asserts that its call
 * succeeded, except cdb_import_test_import and cdb_import_test_export,
 * which return the outcome. */

/* Adds the test /cdb/import/@name, run in a StoreFixture. */
void                 cdb_import_test_add_case      (const char            *name,
                                                    StoreTestFunc          func);

gboolean             cdb_import_test_import        (MeshStore             *store,
                                                    MeshCdbDocument       *document,
                                                    MeshCdbImportResult  **out_result,
                                                    GError               **error);
/* Imports the test data file @name. */
MeshCdbImportResult *cdb_import_test_import_data   (MeshStore             *store,
                                                    const char            *name);
MeshCdbDocument     *cdb_import_test_export        (MeshStore             *store,
                                                    MeshNetwork           *network,
                                                    MeshCdbSelection      *selection,
                                                    GError               **error);
/* The whole of @network, written as JSON. */
char                *cdb_import_test_export_string (MeshStore             *store,
                                                    MeshNetwork           *network);

GBytes              *cdb_import_test_lookup_secret (const char            *uuid,
                                                    MeshSecretKind         kind,
                                                    guint                  index,
                                                    GError               **error);
/* Asserts that the keyring holds the 16 bytes @hex. */
void                 cdb_import_test_assert_secret (const char            *uuid,
                                                    MeshSecretKind         kind,
                                                    guint                  index,
                                                    const char            *hex);

G_END_DECLS
