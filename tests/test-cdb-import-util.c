/* test-cdb-import-util.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers of the CDB import tests (test-cdb-import.c, test-cdb-merge.c):
 * imports and exports made synchronous, and the keyring's values. */

#include "config.h"

#include "mesh-core-test-utils.h"
#include "test-cdb-import-util.h"
#include "test-cdb-util.h"

void
cdb_import_test_add_case (const char    *name,
                          StoreTestFunc  func)
{
  g_autofree char *path = g_strconcat ("/cdb/import/", name, NULL);

  store_test_add_path (path, func);
}

gboolean
cdb_import_test_import (MeshStore            *store,
                        MeshCdbDocument      *document,
                        MeshCdbImportResult **out_result,
                        GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_cdb_import_document_async (store, document, NULL, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  return mesh_cdb_import_finish (result, out_result, error);
}

MeshCdbImportResult *
cdb_import_test_import_data (MeshStore  *store,
                             const char *name)
{
  g_autoptr(MeshCdbDocument) document = cdb_test_read_data (name);
  g_autoptr(GError) error = NULL;
  MeshCdbImportResult *result = NULL;

  g_assert_true (cdb_import_test_import (store, document, &result, &error));
  g_assert_no_error (error);
  g_assert_true (mesh_cdb_import_result_get_imported (result));
  return result;
}

MeshCdbDocument *
cdb_import_test_export (MeshStore         *store,
                        MeshNetwork       *network,
                        MeshCdbSelection  *selection,
                        GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_cdb_export_document_async (store, network, selection, NULL, NULL,
                                  mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  return mesh_cdb_export_document_finish (result, error);
}

char *
cdb_import_test_export_string (MeshStore   *store,
                               MeshNetwork *network)
{
  g_autoptr(MeshCdbDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cdb_import_test_export (store, network, NULL, &error);
  g_assert_no_error (error);
  return cdb_test_write_string (document);
}

GBytes *
cdb_import_test_lookup_secret (const char     *uuid,
                               MeshSecretKind  kind,
                               guint           index,
                               GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_keyring_lookup_async (uuid, kind, index, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  return mesh_keyring_lookup_finish (result, error);
}

void
cdb_import_test_assert_secret (const char     *uuid,
                               MeshSecretKind  kind,
                               guint           index,
                               const char     *hex)
{
  g_autoptr(GBytes) value = NULL;
  g_autoptr(GError) error = NULL;
  guint8 expected[16];

  g_assert_true (mesh_cdb_hex_parse (hex, expected, 16));
  value = cdb_import_test_lookup_secret (uuid, kind, index, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (value, NULL), g_bytes_get_size (value), expected, 16);
}
