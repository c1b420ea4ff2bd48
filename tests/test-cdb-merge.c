/* test-cdb-merge.c
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
#include "mesh-provisioner.h"
#include "test-cdb-import-util.h"
#include "test-cdb-util.h"

/* Importing a file into a network the database has: a merge. */

/* The same file twice: the second time is a merge that adds nothing. */
static void
test_merge_same (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) first = cdb_import_test_import_data (fixture->store, "full.json");
  g_autoptr(MeshCdbImportResult) second = cdb_import_test_import_data (fixture->store, "full.json");

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
test_merge_conflicts (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) first = cdb_import_test_import_data (fixture->store, "minimal.json");
  g_autoptr(MeshCdbDocument) document = cdb_test_read_data ("minimal.json");
  g_autoptr(MeshCdbImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = cdb_import_test_export_string (fixture->store, mesh_cdb_import_result_get_network (first));
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

  g_assert_false (cdb_import_test_import (fixture->store, document, &result, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "The file conflicts with the network in 3 ways, so nothing was imported.");
  g_assert_nonnull (result);
  g_assert_false (mesh_cdb_import_result_get_imported (result));
  g_assert_cmpuint (mesh_cdb_import_result_get_n_fatal (result), ==, 3);
  g_assert_cmpuint (count_fatal (result, MESH_CDB_CONFLICT_NET_KEY), ==, 1);
  g_assert_cmpuint (count_fatal (result, MESH_CDB_CONFLICT_NODE), ==, 2);

  after = cdb_import_test_export_string (fixture->store, mesh_cdb_import_result_get_network (first));
  g_assert_cmpstr (after, ==, before);
}

/* Conflicts the merge resolves: it keeps the network's names and leaves
 * out a node on an excluded address, and adds what is new. */
static void
test_merge_resolved (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(MeshCdbImportResult) first = cdb_import_test_import_data (fixture->store, "minimal.json");
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

    mesh_store_batch_add_exclusion (batch, network, 0, excluded);
    g_assert_true (store_test_commit (batch, &error));
  }
  exclusion = mesh_cdb_document_add_exclusion (document);
  exclusion->iv_index = 3;
  g_array_append_val (exclusion->addresses, excluded);

  g_assert_true (cdb_import_test_import (fixture->store, document, &result, &error));
  g_assert_no_error (error);
  g_assert_true (mesh_cdb_import_result_get_merged (result));
  g_assert_cmpuint (mesh_cdb_import_result_get_n_fatal (result), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_cdb_import_result_get_conflicts (result)), ==, 3);
  g_assert_cmpuint (mesh_cdb_import_result_get_n_nodes_added (result), ==, 1);
  g_assert_cmpuint (mesh_cdb_import_result_get_n_groups_added (result), ==, 1);

  g_assert_cmpstr (mesh_network_get_name (network), ==, "Flat");
  g_assert_nonnull (mesh_network_find_node_by_address (network, 0x0040));
  g_assert_null (mesh_network_find_node_by_address (network, excluded));
  cdb_import_test_assert_secret (mesh_network_get_uuid (network), MESH_SECRET_DEVICE_KEY, 0x0040,
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
  gboolean imported = cdb_import_test_import (store, document, &result, &error);

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
  document = cdb_import_test_export (store, network, NULL, &error);
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
  g_autoptr(MeshStore) a = store_test_open (path_a);
  g_autoptr(MeshStore) b = store_test_open (path_b);
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

  store_test_close (&a);
  store_test_close (&b);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  cdb_import_test_add_case ("merge/same", test_merge_same);
  cdb_import_test_add_case ("merge/conflicts", test_merge_conflicts);
  cdb_import_test_add_case ("merge/resolved", test_merge_resolved);
  g_test_add_func ("/cdb/import/exchange", test_exchange);

  return g_test_run ();
}
