/* test-cdb-import.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "mesh-core-test-utils.h"
#include "mesh-error.h"
#include "mesh-node.h"
#include "test-cdb-import-util.h"
#include "test-cdb-util.h"

/* Importing a file as a new network, files refused or cancelled, and
 * exports (the merges are in test-cdb-merge.c). */

/* A file as the database keeps it: "heartbeatSub" as one object, and no
 * exclusion list without addresses. */
static char *
as_stored (const char *name)
{
  g_autoptr(MeshCdbDocument) document = cdb_test_read_data (name);

  for (guint i = 0; i < document->nodes->len; i++)
    g_array_index (document->nodes, MeshCdbNode, i).heartbeat_sub_is_array = FALSE;
  for (guint i = document->exclusions->len; i > 0; i--)
    if (g_array_index (document->exclusions, MeshCdbExclusion, i - 1).addresses->len == 0)
      g_array_remove_index (document->exclusions, i - 1);
  return cdb_test_write_string (document);
}

static void
test_round_trip (StoreFixture  *fixture,
                 gconstpointer  data)
{
  static const struct { const char *file; const char *expected; } cases[] = {
    { "minimal.json", "minimal.json" },
    { "foreign.json", "foreign.expected.json" },
    { "partial-guest.json", "partial-guest.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MeshCdbImportResult) result = cdb_import_test_import_data (fixture->store, cases[i].file);
      g_autofree char *expected = as_stored (cases[i].expected);
      g_autofree char *exported = cdb_import_test_export_string (fixture->store, mesh_cdb_import_result_get_network (result));

      g_test_message ("%s", cases[i].file);
      g_assert_false (mesh_cdb_import_result_get_merged (result));
      g_assert_cmpstr (exported, ==, expected);
    }
}

static void
test_full (StoreFixture  *fixture,
           gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) result = cdb_import_test_import_data (fixture->store, "full.json");
  MeshNetwork *network = mesh_cdb_import_result_get_network (result);
  g_autofree char *expected = as_stored ("full.json");
  g_autofree char *exported = NULL;
  const char *uuid = "4f5b1c2a-9d3e-4c71-8a6b-2e0f9d7c5b31";
  MeshNode *kitchen;

  g_assert_cmpstr (mesh_network_get_uuid (network), ==, uuid);
  g_assert_cmpuint (mesh_cdb_import_result_get_n_nodes_added (result), ==, 4);
  g_assert_cmpuint (mesh_cdb_import_result_get_n_provisioners_added (result), ==, 2);
  g_assert_cmpuint (mesh_cdb_import_result_get_n_keys_added (result), ==, 4);
  g_assert_cmpuint (mesh_cdb_import_result_get_n_groups_added (result), ==, 3);
  g_assert_cmpuint (mesh_cdb_import_result_get_n_scenes_added (result), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_cdb_import_result_get_conflicts (result)), ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (network)), ==, 4);
  kitchen = mesh_network_find_node_by_address (network, 0x0012);
  g_assert_nonnull (kitchen);
  g_assert_cmpstr (mesh_node_get_name (kitchen), ==, "Kitchen");
  g_assert_cmpuint (mesh_node_get_element_count (kitchen), ==, 3);
  g_assert_cmpint (mesh_node_get_crpl (kitchen), ==, 0x28);

  /* Key material went to the keyring. */
  cdb_import_test_assert_secret (uuid, MESH_SECRET_NET_KEY, 0, "7DD7364CD842AD18C17C2B820C84C3D6");
  cdb_import_test_assert_secret (uuid, MESH_SECRET_NET_KEY_OLD, 1, "0953FA93E7CAAC9638F58820220A398E");
  cdb_import_test_assert_secret (uuid, MESH_SECRET_APP_KEY, 5, "3216D1509884B533248541792B877F98");
  cdb_import_test_assert_secret (uuid, MESH_SECRET_APP_KEY_OLD, 5, "D4E5F60718293A4B5C6D7E8F90A1B2C3");
  cdb_import_test_assert_secret (uuid, MESH_SECRET_DEVICE_KEY, 0x0010, "00112233445566778899AABBCCDDEEFF");
  cdb_import_test_assert_secret (uuid, MESH_SECRET_DEVICE_KEY, 0x7FFE, "0F1E2D3C4B5A69788796A5B4C3D2E1F0");

  /* Everything the database holds comes back exactly. */
  exported = cdb_import_test_export_string (fixture->store, network);
  g_assert_cmpstr (exported, ==, expected);
}

static gboolean
contains (const char   *haystack,
          gsize         length,
          const void   *needle,
          gsize         needle_length)
{
  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* No key byte of the file reaches the SQLite file or its WAL. */
static void
test_no_key_in_database (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) result = cdb_import_test_import_data (fixture->store, "full.json");
  g_autoptr(MeshCdbDocument) document = cdb_test_read_data ("full.json");
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree char *wal_path = g_strconcat (fixture->path, "-wal", NULL);
  const char *paths[] = { fixture->path, wal_path };

  for (guint i = 0; i < document->net_keys->len; i++)
    {
      MeshCdbNetKey *key = &g_array_index (document->net_keys, MeshCdbNetKey, i);

      g_ptr_array_add (keys, key->key);
      if (key->has_old_key)
        g_ptr_array_add (keys, key->old_key);
    }
  for (guint i = 0; i < document->app_keys->len; i++)
    {
      MeshCdbAppKey *key = &g_array_index (document->app_keys, MeshCdbAppKey, i);

      g_ptr_array_add (keys, key->key);
      if (key->has_old_key)
        g_ptr_array_add (keys, key->old_key);
    }
  for (guint i = 0; i < document->nodes->len; i++)
    g_ptr_array_add (keys, g_array_index (document->nodes, MeshCdbNode, i).device_key);
  g_assert_cmpuint (keys->len, ==, 2 + 1 + 2 + 1 + 4);

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (paths[p], &contents, &length, NULL))
        continue;
      for (guint k = 0; k < keys->len; k++)
        {
          const guint8 *key = keys->pdata[k];
          g_autofree char *lower = NULL;
          char hex[33];

          for (guint b = 0; b < 16; b++)
            g_snprintf (hex + 2 * b, 3, "%02X", key[b]);
          lower = g_ascii_strdown (hex, -1);
          g_assert_false (contains (contents, length, key, 16));
          g_assert_false (contains (contents, length, hex, 32));
          g_assert_false (contains (contents, length, lower, 32));
        }
    }
}

static guint
count_secrets (const char     *uuid,
               MeshSecretKind  kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) secrets = NULL;
  g_autoptr(GError) error = NULL;

  mesh_keyring_lookup_all_async (uuid, kind, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  secrets = mesh_keyring_lookup_all_finish (result, &error);
  g_assert_no_error (error);
  return secrets->len;
}

/* Refused files change nothing: no network, no secret. The files are
 * minimal.json broken, with its mesh UUID (which other tests of this
 * process may have stored keys of: compare before and after). */
static void
test_malformed_changes_nothing (StoreFixture  *fixture,
                                gconstpointer  data)
{
  static const char *files[] = { "bad-syntax.json", "duplicate-address.json", "overlapping-ranges.json" };
  const char *uuid = "3b8d1e6f-2a4c-4b9e-8d7f-6a5b4c3d2e1f";
  guint net_keys = count_secrets (uuid, MESH_SECRET_NET_KEY);
  guint device_keys = count_secrets (uuid, MESH_SECRET_DEVICE_KEY);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = cdb_test_data_path (files[i]);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(MeshCdbImportResult) import = NULL;
      g_autoptr(GError) error = NULL;

      mesh_cdb_import_file_async (fixture->store, file, NULL, NULL, mesh_core_test_result_cb, &result);
      result = mesh_core_test_wait (&result);
      g_assert_false (mesh_cdb_import_finish (result, &import, &error));
      g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
      g_assert_null (import);

      g_assert_cmpuint (g_list_model_get_n_items (mesh_store_get_networks (fixture->store)), ==, 0);
      g_assert_cmpuint (count_secrets (uuid, MESH_SECRET_NET_KEY), ==, net_keys);
      g_assert_cmpuint (count_secrets (uuid, MESH_SECRET_DEVICE_KEY), ==, device_keys);
    }
}

/* A partial export from the database, for a guest, without device keys. */
static void
test_partial_export (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) result = cdb_import_test_import_data (fixture->store, "full.json");
  g_autoptr(MeshCdbSelection) selection = mesh_cdb_selection_new ();
  g_autoptr(MeshCdbDocument) partial = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  mesh_cdb_selection_add_net_key (selection, 0);
  mesh_cdb_selection_set_device_keys (selection, FALSE);
  partial = cdb_import_test_export (fixture->store, mesh_cdb_import_result_get_network (result), selection, &error);
  g_assert_no_error (error);

  g_assert_true (partial->partial);
  g_assert_cmpuint (partial->net_keys->len, ==, 1);
  g_assert_cmpuint (partial->app_keys->len, ==, 1);
  g_assert_cmpuint (partial->nodes->len, ==, 3);
  written = cdb_test_write_string (partial);
  g_assert_null (strstr (written, "deviceKey"));
  g_assert_null (strstr (written, "F7A2A44F8E8A8029064F173DDC1E2B00"));  /* NetKey 1 */
}

/* An export needs every key's value. */
static void
test_export_missing_key (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) result = cdb_import_test_import_data (fixture->store, "minimal.json");
  MeshNetwork *network = mesh_cdb_import_result_get_network (result);
  g_autoptr(MeshCdbDocument) document = NULL;
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GError) error = NULL;

  mesh_keyring_clear_async (mesh_network_get_uuid (network), MESH_SECRET_APP_KEY, 0, NULL,
                            mesh_core_test_result_cb, &cleared);
  cleared = mesh_core_test_wait (&cleared);
  g_assert_true (mesh_keyring_clear_finish (cleared, &error));

  document = cdb_import_test_export (fixture->store, network, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_SECRET_MISSING);
  g_assert_cmpstr (error->message, ==, "The keyring has no value for AppKey 0 (“Home”), so the network cannot be exported.");
}

static void
store_secret (const char     *uuid,
              MeshSecretKind  kind,
              guint           index,
              GBytes         *value)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_keyring_store_async (uuid, kind, index, value, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_keyring_store_finish (result, &error));
  g_assert_no_error (error);
}

static void
assert_token (const char *uuid,
              GBytes     *expected)
{
  g_autoptr(GBytes) value = NULL;
  g_autoptr(GError) error = NULL;

  value = cdb_import_test_lookup_secret (uuid, MESH_SECRET_NODE_TOKEN, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (value, expected));
}

static void
cancel_when_keys_saved_cb (MeshCdbProgress *progress,
                           GParamSpec      *pspec,
                           GCancellable    *cancellable)
{
  if (g_strcmp0 (mesh_cdb_progress_get_text (progress), "Saving the keys in the keyring…") == 0 &&
      mesh_cdb_progress_get_fraction (progress) == 1.0)
    g_cancellable_cancel (cancellable);
}

/* Cancelled once the keys are in the keyring, before the database: the
 * keys are removed again, and nothing stays but the node token that was
 * there before. */
static void
test_cancelled (StoreFixture  *fixture,
                gconstpointer  data)
{
  static const guint8 token_bytes[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };
  g_autoptr(GBytes) token = g_bytes_new_static (token_bytes, sizeof token_bytes);
  g_autoptr(MeshCdbDocument) document = cdb_test_generate (300, 42);
  g_autoptr(MeshCdbProgress) progress = mesh_cdb_progress_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MeshCdbImportResult) import = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char uuid[MESH_CDB_UUID_STRING_LEN + 1];
  g_autofree char *lower = NULL;

  mesh_cdb_uuid_format (document->mesh_uuid, uuid);
  lower = g_ascii_strdown (uuid, -1);
  store_secret (lower, MESH_SECRET_NODE_TOKEN, 0, token);
  g_signal_connect (progress, "notify::fraction", G_CALLBACK (cancel_when_keys_saved_cb), cancellable);

  mesh_cdb_import_document_async (fixture->store, document, progress, cancellable,
                                  mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_false (mesh_cdb_import_finish (result, &import, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_false (mesh_cdb_import_result_get_imported (import));

  g_assert_cmpuint (g_list_model_get_n_items (mesh_store_get_networks (fixture->store)), ==, 0);
  g_assert_cmpuint (count_secrets (lower, MESH_SECRET_NET_KEY), ==, 0);
  g_assert_cmpuint (count_secrets (lower, MESH_SECRET_DEVICE_KEY), ==, 0);
  /* Not ours to remove. */
  assert_token (lower, token);
}

/* The token of this computer's node in bluetooth-meshd is not in a CDB
 * file: importing one, as a new network (whose database was lost, say) or
 * into the network, must leave it where it is, or meshd's node of the
 * network could never be attached again. Keys of an earlier network of the
 * same UUID go, though: they must not mix with the file's. */
static void
test_keeps_node_token (StoreFixture  *fixture,
                       gconstpointer  data)
{
  static const guint8 token_bytes[8] = { 0x8a, 0x31, 0x5e, 0x07, 0xc4, 0x92, 0x6d, 0xf0 };
  static const guint8 stale_bytes[16] = { 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee,
                                          0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee };
  g_autoptr(GBytes) token = g_bytes_new_static (token_bytes, sizeof token_bytes);
  g_autoptr(GBytes) stale = g_bytes_new_static (stale_bytes, sizeof stale_bytes);
  g_autoptr(MeshCdbImportResult) first = NULL;
  g_autoptr(MeshCdbImportResult) second = NULL;
  g_autoptr(GBytes) value = NULL;
  g_autoptr(GError) error = NULL;
  const char *uuid = "4f5b1c2a-9d3e-4c71-8a6b-2e0f9d7c5b31";

  store_secret (uuid, MESH_SECRET_NODE_TOKEN, 0, token);
  store_secret (uuid, MESH_SECRET_APP_KEY, 9, stale);
  store_secret (uuid, MESH_SECRET_DEVICE_KEY, 0x0123, stale);

  first = cdb_import_test_import_data (fixture->store, "full.json");
  g_assert_false (mesh_cdb_import_result_get_merged (first));
  assert_token (uuid, token);
  cdb_import_test_assert_secret (uuid, MESH_SECRET_NET_KEY, 0, "7DD7364CD842AD18C17C2B820C84C3D6");
  cdb_import_test_assert_secret (uuid, MESH_SECRET_DEVICE_KEY, 0x0010, "00112233445566778899AABBCCDDEEFF");
  value = cdb_import_test_lookup_secret (uuid, MESH_SECRET_APP_KEY, 9, &error);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_SECRET_MISSING);
  g_assert_null (value);
  g_clear_error (&error);
  value = cdb_import_test_lookup_secret (uuid, MESH_SECRET_DEVICE_KEY, 0x0123, &error);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_SECRET_MISSING);
  g_assert_null (value);

  second = cdb_import_test_import_data (fixture->store, "full.json");
  g_assert_true (mesh_cdb_import_result_get_merged (second));
  assert_token (uuid, token);
}

/* Export to a file and import of a file, through the async file calls. */
static void
test_files (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autofree char *in_path = cdb_test_data_path ("minimal.json");
  g_autofree char *out_path = mesh_core_test_temp_path ("export.json");
  g_autoptr(GFile) in = g_file_new_for_path (in_path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(MeshCdbProgress) progress = mesh_cdb_progress_new ();
  g_autoptr(MeshCdbImportResult) import = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = cdb_test_data_contents ("minimal.json");
  g_autofree char *contents = NULL;

  mesh_cdb_import_file_async (fixture->store, in, progress, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_cdb_import_finish (result, &import, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (mesh_cdb_progress_get_fraction (progress), ==, 1.0);
  g_assert_cmpstr (mesh_cdb_progress_get_text (progress), ==, "Saving the network…");

  mesh_cdb_export_file_async (fixture->store, mesh_cdb_import_result_get_network (import), NULL, out,
                              progress, NULL, mesh_core_test_result_cb, &exported);
  exported = mesh_core_test_wait (&exported);
  g_assert_true (mesh_cdb_export_file_finish (exported, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  cdb_import_test_add_case ("round-trip", test_round_trip);
  cdb_import_test_add_case ("full", test_full);
  cdb_import_test_add_case ("no-key-in-database", test_no_key_in_database);
  cdb_import_test_add_case ("malformed-changes-nothing", test_malformed_changes_nothing);
  cdb_import_test_add_case ("partial-export", test_partial_export);
  cdb_import_test_add_case ("export-missing-key", test_export_missing_key);
  cdb_import_test_add_case ("files", test_files);
  cdb_import_test_add_case ("cancelled", test_cancelled);
  cdb_import_test_add_case ("keeps-node-token", test_keeps_node_token);

  return g_test_run ();
}
