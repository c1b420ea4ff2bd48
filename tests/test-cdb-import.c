/* test-cdb-import.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "mesh-cdb-export.h"
#include "mesh-cdb-import.h"
#include "mesh-cdb-reader.h"
#include "mesh-core-test-utils.h"
#include "mesh-error.h"
#include "mesh-keyring.h"
#include "mesh-node.h"
#include "mesh-provisioner.h"
#include "mesh-store-batch.h"
#include "test-cdb-util.h"

/* CDB ↔ database + keyring. Runs under tests/session-run: a private
 * session bus with an unlocked gnome-keyring, so every test starts with an
 * empty keyring of its own process. */

typedef struct
{
  char      *path;
  MeshStore *store;
} Fixture;

static MeshStore *
open_store (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshStore *store;

  mesh_store_open_async (path, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  store = mesh_store_open_finish (result, &error);
  g_assert_no_error (error);
  return store;
}

static void
close_store (MeshStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_close_async (store, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  mesh_store_close_finish (store, result, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->path = mesh_core_test_temp_path ("network.db");
  fixture->store = open_store (fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_store (fixture->store);
  g_clear_object (&fixture->store);
  g_free (fixture->path);
}

static gboolean
import_document (MeshStore            *store,
                 MeshCdbDocument      *document,
                 MeshCdbImportResult **out_result,
                 GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_cdb_import_document_async (store, document, NULL, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  return mesh_cdb_import_finish (result, out_result, error);
}

static MeshCdbImportResult *
import_data (MeshStore  *store,
             const char *name)
{
  g_autoptr(MeshCdbDocument) document = cdb_test_read_data (name);
  g_autoptr(GError) error = NULL;
  MeshCdbImportResult *result = NULL;

  g_assert_true (import_document (store, document, &result, &error));
  g_assert_no_error (error);
  g_assert_true (mesh_cdb_import_result_get_imported (result));
  return result;
}

static MeshCdbDocument *
export_document (MeshStore         *store,
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

static char *
export_string (MeshStore   *store,
               MeshNetwork *network)
{
  g_autoptr(MeshCdbDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = export_document (store, network, NULL, &error);
  g_assert_no_error (error);
  return cdb_test_write_string (document);
}

static GBytes *
lookup_secret (const char     *uuid,
               MeshSecretKind  kind,
               guint           index,
               GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_keyring_lookup_async (uuid, kind, index, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  return mesh_keyring_lookup_finish (result, error);
}

static void
assert_secret (const char     *uuid,
               MeshSecretKind  kind,
               guint           index,
               const char     *hex)
{
  g_autoptr(GBytes) value = NULL;
  g_autoptr(GError) error = NULL;
  guint8 expected[16];

  g_assert_true (mesh_cdb_hex_parse (hex, expected, 16));
  value = lookup_secret (uuid, kind, index, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (value, NULL), g_bytes_get_size (value), expected, 16);
}

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
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  static const struct { const char *file; const char *expected; } cases[] = {
    { "minimal.json", "minimal.json" },
    { "foreign.json", "foreign.expected.json" },
    { "partial-guest.json", "partial-guest.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MeshCdbImportResult) result = import_data (fixture->store, cases[i].file);
      g_autofree char *expected = as_stored (cases[i].expected);
      g_autofree char *exported = export_string (fixture->store, mesh_cdb_import_result_get_network (result));

      g_test_message ("%s", cases[i].file);
      g_assert_false (mesh_cdb_import_result_get_merged (result));
      g_assert_cmpstr (exported, ==, expected);
    }
}

static void
test_full (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) result = import_data (fixture->store, "full.json");
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
  assert_secret (uuid, MESH_SECRET_NET_KEY, 0, "7DD7364CD842AD18C17C2B820C84C3D6");
  assert_secret (uuid, MESH_SECRET_NET_KEY_OLD, 1, "0953FA93E7CAAC9638F58820220A398E");
  assert_secret (uuid, MESH_SECRET_APP_KEY, 5, "3216D1509884B533248541792B877F98");
  assert_secret (uuid, MESH_SECRET_APP_KEY_OLD, 5, "D4E5F60718293A4B5C6D7E8F90A1B2C3");
  assert_secret (uuid, MESH_SECRET_DEVICE_KEY, 0x0010, "00112233445566778899AABBCCDDEEFF");
  assert_secret (uuid, MESH_SECRET_DEVICE_KEY, 0x7FFE, "0F1E2D3C4B5A69788796A5B4C3D2E1F0");

  /* Everything the database holds comes back exactly. */
  exported = export_string (fixture->store, network);
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
test_no_key_in_database (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) result = import_data (fixture->store, "full.json");
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
test_malformed_changes_nothing (Fixture       *fixture,
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

/* The same file twice: the second time is a merge that adds nothing. */
static void
test_merge_same (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) first = import_data (fixture->store, "full.json");
  g_autoptr(MeshCdbImportResult) second = import_data (fixture->store, "full.json");

  g_assert_true (mesh_cdb_import_result_get_merged (second));
  g_assert_true (mesh_cdb_import_result_get_network (second) == mesh_cdb_import_result_get_network (first));
  g_assert_cmpuint (mesh_cdb_import_result_get_n_nodes_added (second), ==, 0);
  g_assert_cmpuint (mesh_cdb_import_result_get_n_keys_added (second), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_cdb_import_result_get_conflicts (second)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_store_get_networks (fixture->store)), ==, 1);
}

static void
add_node (MeshCdbDocument *document,
          guint8           tag,
          guint16          unicast,
          const char      *name)
{
  MeshCdbNode *node = mesh_cdb_document_add_node (document);
  MeshCdbNodeKey key = { 0, FALSE };

  memset (node->uuid, tag, 16);
  node->uuid[6] = 0x40 | (tag & 0x0F);
  node->unicast = unicast;
  node->name = g_strdup (name);
  node->present = MESH_CDB_NODE_HAS_DEVICE_KEY;
  memset (node->device_key, tag, 16);
  g_array_append_val (node->net_keys, key);
  mesh_cdb_node_add_element (node);
}

static guint
count_fatal (MeshCdbImportResult *result,
             MeshCdbConflictKind  kind)
{
  GListModel *conflicts = mesh_cdb_import_result_get_conflicts (result);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(MeshCdbConflict) conflict = g_list_model_get_item (conflicts, i);

      g_test_message ("conflict: %s", mesh_cdb_conflict_get_message (conflict));
      if (mesh_cdb_conflict_get_kind (conflict) == kind && mesh_cdb_conflict_get_fatal (conflict))
        n++;
    }
  return n;
}

/* Fatal conflicts are all reported, and nothing changes. */
static void
test_merge_conflicts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) first = import_data (fixture->store, "minimal.json");
  g_autoptr(MeshCdbDocument) document = cdb_test_read_data ("minimal.json");
  g_autoptr(MeshCdbImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = export_string (fixture->store, mesh_cdb_import_result_get_network (first));
  g_autofree char *after = NULL;
  MeshCdbNode *laptop;

  /* Another value for NetKey 0; the laptop moved; a file that does not
   * know the lamp, with another node on its address; and a new node that
   * alone would be fine. */
  g_array_index (document->net_keys, MeshCdbNetKey, 0).key[0] ^= 0xFF;
  laptop = mesh_cdb_document_find_node_by_unicast (document, 0x0001);
  laptop->unicast = 0x0010;
  g_array_remove_index (document->nodes, 1);
  add_node (document, 0x71, 0x0002, "Impostor");
  add_node (document, 0x72, 0x0020, "Fine");
  g_assert_true (mesh_cdb_document_validate (document, NULL));

  g_assert_false (import_document (fixture->store, document, &result, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "The file conflicts with the network in 3 ways, so nothing was imported.");
  g_assert_nonnull (result);
  g_assert_false (mesh_cdb_import_result_get_imported (result));
  g_assert_cmpuint (mesh_cdb_import_result_get_n_fatal (result), ==, 3);
  g_assert_cmpuint (count_fatal (result, MESH_CDB_CONFLICT_NET_KEY), ==, 1);
  g_assert_cmpuint (count_fatal (result, MESH_CDB_CONFLICT_NODE), ==, 2);

  after = export_string (fixture->store, mesh_cdb_import_result_get_network (first));
  g_assert_cmpstr (after, ==, before);
}

/* Conflicts the merge resolves: it keeps the network's names and leaves
 * out a node on an excluded address, and adds what is new. */
static void
test_merge_resolved (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) first = import_data (fixture->store, "minimal.json");
  g_autoptr(MeshCdbDocument) document = cdb_test_read_data ("minimal.json");
  g_autoptr(MeshCdbImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshNetwork *network = mesh_cdb_import_result_get_network (first);
  MeshCdbExclusion *exclusion;
  guint16 excluded = 0x0030;
  MeshCdbGroup *group;

  g_free (document->mesh_name);
  document->mesh_name = g_strdup ("Other name");
  g_free (g_array_index (document->groups, MeshCdbGroup, 0).name);
  g_array_index (document->groups, MeshCdbGroup, 0).name = g_strdup ("Renamed");
  group = mesh_cdb_document_add_group (document);
  mesh_cdb_address_set (&group->address, 0xC010);
  add_node (document, 0x73, 0x0040, "New");
  add_node (document, 0x74, excluded, "Removed elsewhere");

  /* The network excluded 0x0030 when it removed a node. */
  {
    g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (fixture->store);
    g_autoptr(GAsyncResult) commit = NULL;

    mesh_store_batch_add_exclusion (batch, network, 0, excluded);
    mesh_store_batch_commit_async (batch, NULL, mesh_core_test_result_cb, &commit);
    commit = mesh_core_test_wait (&commit);
    g_assert_true (mesh_store_batch_commit_finish (batch, commit, &error));
  }
  exclusion = mesh_cdb_document_add_exclusion (document);
  exclusion->iv_index = 3;
  g_array_append_val (exclusion->addresses, excluded);

  g_assert_true (import_document (fixture->store, document, &result, &error));
  g_assert_no_error (error);
  g_assert_true (mesh_cdb_import_result_get_merged (result));
  g_assert_cmpuint (mesh_cdb_import_result_get_n_fatal (result), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_cdb_import_result_get_conflicts (result)), ==, 3);
  g_assert_cmpuint (mesh_cdb_import_result_get_n_nodes_added (result), ==, 1);
  g_assert_cmpuint (mesh_cdb_import_result_get_n_groups_added (result), ==, 1);

  g_assert_cmpstr (mesh_network_get_name (network), ==, "Flat");
  g_assert_nonnull (mesh_network_find_node_by_address (network, 0x0040));
  g_assert_null (mesh_network_find_node_by_address (network, excluded));
  assert_secret (mesh_network_get_uuid (network), MESH_SECRET_DEVICE_KEY, 0x0040,
                 "73737373737373737373737373737373");
}

/* Two provisioners with disjoint ranges, each with a database of its own,
 * give each other their exports while both add nodes: in the end both
 * have the same nodes, and no address twice. */
static gboolean
import_into (MeshStore       *store,
             MeshCdbDocument *document)
{
  g_autoptr(MeshCdbImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean imported = import_document (store, document, &result, &error);

  g_assert_no_error (error);
  return imported && mesh_cdb_import_result_get_n_fatal (result) == 0;
}

static MeshCdbDocument *
export_network (MeshStore  *store,
                const char *uuid)
{
  g_autoptr(GError) error = NULL;
  MeshNetwork *network = mesh_store_find_network (store, uuid);
  MeshCdbDocument *document;

  g_assert_nonnull (network);
  document = export_document (store, network, NULL, &error);
  g_assert_no_error (error);
  return document;
}

/* A provisioner's own work between exchanges: provisioning nodes in its
 * range, by a merge of a file with them (as the provisioning code would
 * store them). */
static void
provision (MeshStore  *store,
           const char *uuid,
           guint8      first_tag,
           guint16     first_address,
           guint       count)
{
  g_autoptr(MeshCdbDocument) document = export_network (store, uuid);

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("Node %04X", first_address + 2 * i);

      add_node (document, first_tag + i, first_address + 2 * i, name);
      /* Two elements each. */
      mesh_cdb_node_add_element (&g_array_index (document->nodes, MeshCdbNode, document->nodes->len - 1));
    }
  g_assert_true (mesh_cdb_document_validate (document, NULL));
  g_assert_true (import_into (store, document));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
node_list (MeshStore  *store,
           const char *uuid)
{
  GListModel *nodes = mesh_network_get_nodes (mesh_store_find_network (store, uuid));
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (nodes, i);

      g_ptr_array_add (list, g_strdup_printf ("%04X+%u %s %s", mesh_node_get_unicast (node),
                                              mesh_node_get_element_count (node),
                                              mesh_node_get_uuid (node), mesh_node_get_name (node)));
    }
  g_ptr_array_sort (list, compare_strings);
  return list;
}

static void
test_exchange (void)
{
  g_autofree char *path_a = mesh_core_test_temp_path ("a.db");
  g_autofree char *path_b = mesh_core_test_temp_path ("b.db");
  g_autoptr(MeshStore) a = open_store (path_a);
  g_autoptr(MeshStore) b = open_store (path_b);
  g_autoptr(MeshCdbDocument) start = cdb_test_read_data ("minimal.json");
  g_autoptr(MeshCdbDocument) from_a = NULL;
  g_autoptr(MeshCdbDocument) from_b = NULL;
  g_autoptr(MeshCdbDocument) from_a_again = NULL;
  g_autoptr(GPtrArray) nodes_a = NULL;
  g_autoptr(GPtrArray) nodes_b = NULL;
  const char *uuid = "3b8d1e6f-2a4c-4b9e-8d7f-6a5b4c3d2e1f";
  MeshCdbProvisioner *tablet;
  MeshCdbRange range;
  guint8 used[0x8000] = { 0 };

  /* A starts the network (its provisioner has 0x0001–0x00FF); B takes
   * A's export and adds itself with 0x0100–0x01FF. */
  g_assert_true (import_into (a, start));
  from_a = export_network (a, uuid);
  tablet = mesh_cdb_document_add_provisioner (from_a);
  g_free (tablet->name);
  tablet->name = g_strdup ("Tablet");
  memset (tablet->uuid, 0xB0, 16);
  range = (MeshCdbRange) { 0x0100, 0x01FF };
  g_array_append_val (tablet->unicast_ranges, range);
  range = (MeshCdbRange) { 0xC100, 0xC1FF };
  g_array_append_val (tablet->group_ranges, range);
  g_assert_true (import_into (b, from_a));

  /* Both provision, each in its range. */
  provision (a, uuid, 0x10, 0x0010, 5);
  provision (b, uuid, 0x40, 0x0100, 7);

  /* B → A, then A (which provisioned more meanwhile) → B. */
  from_b = export_network (b, uuid);
  g_assert_true (import_into (a, from_b));
  provision (a, uuid, 0x20, 0x0020, 3);
  from_a_again = export_network (a, uuid);
  g_assert_true (import_into (b, from_a_again));

  nodes_a = node_list (a, uuid);
  nodes_b = node_list (b, uuid);
  g_assert_cmpuint (nodes_a->len, ==, 2 + 5 + 7 + 3);
  g_assert_cmpuint (nodes_b->len, ==, nodes_a->len);
  for (guint i = 0; i < nodes_a->len; i++)
    g_assert_cmpstr (nodes_a->pdata[i], ==, nodes_b->pdata[i]);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_provisioners (mesh_store_find_network (a, uuid))), ==, 2);

  /* No address twice. */
  {
    GListModel *nodes = mesh_network_get_nodes (mesh_store_find_network (a, uuid));

    for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
      {
        g_autoptr(MeshNode) node = g_list_model_get_item (nodes, i);

        for (guint e = 0; e < MAX (mesh_node_get_element_count (node), 1); e++)
          {
            guint address = mesh_node_get_unicast (node) + e;

            g_assert_cmpuint (used[address], ==, 0);
            used[address] = 1;
          }
      }
  }

  close_store (a);
  close_store (b);
}

/* A partial export from the database, for a guest, without device keys. */
static void
test_partial_export (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) result = import_data (fixture->store, "full.json");
  g_autoptr(MeshCdbSelection) selection = mesh_cdb_selection_new ();
  g_autoptr(MeshCdbDocument) partial = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  mesh_cdb_selection_add_net_key (selection, 0);
  mesh_cdb_selection_set_device_keys (selection, FALSE);
  partial = export_document (fixture->store, mesh_cdb_import_result_get_network (result), selection, &error);
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
test_export_missing_key (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) result = import_data (fixture->store, "minimal.json");
  MeshNetwork *network = mesh_cdb_import_result_get_network (result);
  g_autoptr(MeshCdbDocument) document = NULL;
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GError) error = NULL;

  mesh_keyring_clear_async (mesh_network_get_uuid (network), MESH_SECRET_APP_KEY, 0, NULL,
                            mesh_core_test_result_cb, &cleared);
  cleared = mesh_core_test_wait (&cleared);
  g_assert_true (mesh_keyring_clear_finish (cleared, &error));

  document = export_document (fixture->store, network, NULL, &error);
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

  value = lookup_secret (uuid, MESH_SECRET_NODE_TOKEN, 0, &error);
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
test_cancelled (Fixture       *fixture,
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
test_keeps_node_token (Fixture       *fixture,
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

  first = import_data (fixture->store, "full.json");
  g_assert_false (mesh_cdb_import_result_get_merged (first));
  assert_token (uuid, token);
  assert_secret (uuid, MESH_SECRET_NET_KEY, 0, "7DD7364CD842AD18C17C2B820C84C3D6");
  assert_secret (uuid, MESH_SECRET_DEVICE_KEY, 0x0010, "00112233445566778899AABBCCDDEEFF");
  value = lookup_secret (uuid, MESH_SECRET_APP_KEY, 9, &error);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_SECRET_MISSING);
  g_assert_null (value);
  g_clear_error (&error);
  value = lookup_secret (uuid, MESH_SECRET_DEVICE_KEY, 0x0123, &error);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_SECRET_MISSING);
  g_assert_null (value);

  second = import_data (fixture->store, "full.json");
  g_assert_true (mesh_cdb_import_result_get_merged (second));
  assert_token (uuid, token);
}

/* Export to a file and import of a file, through the async file calls. */
static void
test_files (Fixture       *fixture,
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

#define ADD(path, func) \
  g_test_add ("/cdb/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("full", test_full);
  ADD ("no-key-in-database", test_no_key_in_database);
  ADD ("malformed-changes-nothing", test_malformed_changes_nothing);
  ADD ("merge/same", test_merge_same);
  ADD ("merge/conflicts", test_merge_conflicts);
  ADD ("merge/resolved", test_merge_resolved);
  ADD ("partial-export", test_partial_export);
  ADD ("export-missing-key", test_export_missing_key);
  ADD ("files", test_files);
  ADD ("cancelled", test_cancelled);
  ADD ("keeps-node-token", test_keeps_node_token);
#undef ADD
  g_test_add_func ("/cdb/import/exchange", test_exchange);

  return g_test_run ();
}
