/* test-cdb-document.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "mesh-cdb-document.h"
#include "mesh-error.h"
#include "test-cdb-util.h"

static const guint8 sample_uuid[] = { 0x3B, 0x8D, 0x1E, 0x6F, 0x2A, 0x4C, 0x4B, 0x9E,
                                      0x8D, 0x7F, 0x6A, 0x5B, 0x4C, 0x3D, 0x2E, 0x1F };

static void
test_uuid_parse (void)
{
  static const char *valid[] = {
    "3B8D1E6F-2A4C-4B9E-8D7F-6A5B4C3D2E1F",
    "3b8d1e6f-2a4c-4b9e-8d7f-6a5b4c3d2e1f",
    "3B8D1E6F2A4C4B9E8D7F6A5B4C3D2E1F",
    "3b8d1e6f2A4c4B9e8D7f6A5b4C3d2E1f",
  };
  static const char *invalid[] = {
    "",
    "3B8D1E6F-2A4C-4B9E-8D7F-6A5B4C3D2E1",     /* one digit short */
    "3B8D1E6F-2A4C-4B9E-8D7F-6A5B4C3D2E1F0",   /* one too many */
    "3B8D1E6F2-A4C-4B9E-8D7F-6A5B4C3D2E1F",    /* dash misplaced */
    "3B8D1E6F-2A4C-4B9E-8D7F6A5B4C3D2E1F-",    /* dash misplaced */
    "3B8D1E6F-2A4C-4B9E-8D7F-6A5B4C3D2E1G",    /* not hex */
    "3B8D1E6F2A4C4B9E8D7F6A5B4C3D2E1",         /* 31 digits */
    "3B8D1E6F 2A4C 4B9E 8D7F 6A5B4C3D2E1F",
    "{3B8D1E6F-2A4C-4B9E-8D7F-6A5B4C3D2E1F}",
  };
  guint8 uuid[16];
  char text[MESH_CDB_UUID_STRING_LEN + 1];

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      memset (uuid, 0, sizeof uuid);
      g_assert_true (mesh_cdb_uuid_parse (valid[i], uuid));
      g_assert_cmpmem (uuid, 16, sample_uuid, 16);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("%s", invalid[i]);
      g_assert_false (mesh_cdb_uuid_parse (invalid[i], uuid));
    }

  mesh_cdb_uuid_format (sample_uuid, text);
  g_assert_cmpstr (text, ==, "3B8D1E6F-2A4C-4B9E-8D7F-6A5B4C3D2E1F");
}

static void
test_hex_parse (void)
{
  guint8 bytes[4];

  g_assert_true (mesh_cdb_hex_parse ("c0Ff", bytes, 2));
  g_assert_cmpuint (bytes[0], ==, 0xC0);
  g_assert_cmpuint (bytes[1], ==, 0xFF);
  g_assert_true (mesh_cdb_hex_parse ("00590001", bytes, 4));
  g_assert_cmpuint (bytes[1], ==, 0x59);
  g_assert_cmpuint (bytes[3], ==, 0x01);

  g_assert_false (mesh_cdb_hex_parse ("C0F", bytes, 2));
  g_assert_false (mesh_cdb_hex_parse ("C0FF0", bytes, 2));
  g_assert_false (mesh_cdb_hex_parse ("C0 F", bytes, 2));
  g_assert_false (mesh_cdb_hex_parse ("+C0F", bytes, 2));
  g_assert_false (mesh_cdb_hex_parse ("", bytes, 2));
}

static void
test_address (void)
{
  MeshCdbAddress a, b;

  mesh_cdb_address_set (&a, 0xC001);
  mesh_cdb_address_set (&b, 0xC001);
  g_assert_true (mesh_cdb_address_equal (&a, &b));
  g_assert_false (mesh_cdb_address_is_unassigned (&a));

  mesh_cdb_address_set_label (&b, sample_uuid);
  g_assert_false (mesh_cdb_address_equal (&a, &b));
  g_assert_true (b.is_virtual);
  g_assert_false (mesh_cdb_address_is_unassigned (&b));

  mesh_cdb_address_set (&a, 0);
  g_assert_true (mesh_cdb_address_is_unassigned (&a));
}

static void
add_range (MeshCdbDocument *document,
           guint            provisioner,
           guint16          low,
           guint16          high)
{
  MeshCdbRange range = { low, high };

  while (document->provisioners->len <= provisioner)
    {
      MeshCdbProvisioner *p = mesh_cdb_document_add_provisioner (document);
      guint n = document->provisioners->len;

      g_free (p->name);
      p->name = g_strdup_printf ("P%u", n - 1);
      p->uuid[0] = n;
    }
  g_array_append_val (g_array_index (document->provisioners, MeshCdbProvisioner, provisioner).unicast_ranges,
                      range);
}

static MeshCdbDocument *
document_with_key (void)
{
  MeshCdbDocument *document = mesh_cdb_document_new ();

  mesh_cdb_document_add_net_key (document);
  return document;
}

/* Overlapping unicast ranges of two provisioners, and ranges of one that
 * touch: each case against what mesh_cdb_document_validate says. */
static void
test_range_overlaps (void)
{
  static const struct
  {
    guint   n;
    guint   owner[4];
    guint16 low[4];
    guint16 high[4];
    gboolean valid;
  } cases[] = {
    { 2, { 0, 1 }, { 0x0001, 0x0101 }, { 0x0100, 0x0200 }, TRUE },
    { 2, { 0, 1 }, { 0x0001, 0x0100 }, { 0x0100, 0x0200 }, FALSE },         /* share one address */
    { 2, { 0, 1 }, { 0x0100, 0x0001 }, { 0x0200, 0x7FFF }, FALSE },         /* one inside the other */
    { 3, { 0, 0, 1 }, { 0x0001, 0x0010, 0x0015 }, { 0x0100, 0x0020, 0x0016 }, FALSE },
    { 3, { 0, 0, 1 }, { 0x0001, 0x0020, 0x0051 }, { 0x0050, 0x0040, 0x0060 }, TRUE },   /* own ranges overlap */
    { 3, { 0, 1, 0 }, { 0x0001, 0x0101, 0x0150 }, { 0x0100, 0x0200, 0x0160 }, FALSE },  /* inside the later one */
    { 4, { 1, 0, 0, 2 }, { 0x0001, 0x0011, 0x0050, 0x1000 }, { 0x0010, 0x0FFF, 0x0060, 0x2000 }, TRUE },
    { 4, { 1, 0, 0, 1 }, { 0x0001, 0x0011, 0x0050, 0x0055 }, { 0x0010, 0x0FFF, 0x0060, 0x0056 }, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MeshCdbDocument) document = document_with_key ();
      g_autoptr(GError) error = NULL;

      for (guint r = 0; r < cases[i].n; r++)
        add_range (document, cases[i].owner[r], cases[i].low[r], cases[i].high[r]);

      g_test_message ("case %u", i);
      g_assert_cmpint (mesh_cdb_document_validate (document, &error), ==, cases[i].valid);
      if (!cases[i].valid)
        {
          g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
          g_assert_nonnull (strstr (error->message, "have overlapping unicast ranges"));
        }
    }
}

/* The sort-and-sweep overlap check against a brute-force one on random
 * ranges of three provisioners in a small address space. */
static void
test_range_overlaps_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260131);

  for (guint iteration = 0; iteration < 5000; iteration++)
    {
      g_autoptr(MeshCdbDocument) document = document_with_key ();
      guint16 low[6], high[6];
      guint owner[6];
      guint n = g_rand_int_range (rand, 1, 7);
      gboolean expected = TRUE;

      for (guint r = 0; r < n; r++)
        {
          low[r] = g_rand_int_range (rand, 1, 60);
          high[r] = low[r] + g_rand_int_range (rand, 0, 12);
          owner[r] = g_rand_int_range (rand, 0, 3);
          add_range (document, owner[r], low[r], high[r]);
        }
      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          if (owner[a] != owner[b] && low[a] <= high[b] && low[b] <= high[a])
            expected = FALSE;

      g_assert_cmpint (mesh_cdb_document_validate (document, NULL), ==, expected);
    }
}

static void
test_node_addresses (void)
{
  g_autoptr(MeshCdbDocument) document = cdb_test_generate (1000, 1);
  g_autoptr(GError) error = NULL;
  MeshCdbNode *node;

  g_assert_true (mesh_cdb_document_validate (document, &error));
  g_assert_no_error (error);

  node = mesh_cdb_document_find_node_by_unicast (document, 500);
  g_assert_nonnull (node);
  g_assert_true (mesh_cdb_document_find_node (document, node->uuid) == node);
  g_assert_cmpuint (mesh_cdb_node_get_address_count (node), ==, 1);

  /* A second element reaches the next node's address. */
  mesh_cdb_node_add_element (node);
  g_assert_cmpuint (mesh_cdb_node_get_address_count (node), ==, 2);
  g_assert_false (mesh_cdb_document_validate (document, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==,
                   "Node “Node 499” uses unicast addresses 0x01F4–0x01F5, and node “Node 500” has address 0x01F5 among them. Each node needs addresses of its own.");
}

static void
test_node_description (void)
{
  g_autoptr(MeshCdbDocument) document = cdb_test_generate (2, 1);
  g_autoptr(GError) error = NULL;
  MeshCdbNode *node = &g_array_index (document->nodes, MeshCdbNode, 1);
  char uuid[MESH_CDB_UUID_STRING_LEN + 1];
  g_autofree char *expected = NULL;

  /* Without a name, a node is named by its UUID. */
  g_clear_pointer (&node->name, g_free);
  node->unicast = 0x8000;
  mesh_cdb_uuid_format (node->uuid, uuid);
  expected = g_strdup_printf ("The node with UUID %s has unicast address 0x8000, which is not a unicast address.", uuid);

  g_assert_false (mesh_cdb_document_validate (document, &error));
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_ref_counting (void)
{
  MeshCdbDocument *document = cdb_test_generate (10, 3);

  g_assert_true (mesh_cdb_document_ref (document) == document);
  mesh_cdb_document_unref (document);
  g_assert_cmpuint (document->nodes->len, ==, 10);
  mesh_cdb_document_unref (document);

  g_assert_true (g_type_is_a (MESH_TYPE_CDB_DOCUMENT, G_TYPE_BOXED));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cdb/document/uuid", test_uuid_parse);
  g_test_add_func ("/cdb/document/hex", test_hex_parse);
  g_test_add_func ("/cdb/document/address", test_address);
  g_test_add_func ("/cdb/document/range-overlaps", test_range_overlaps);
  g_test_add_func ("/cdb/document/range-overlaps-random", test_range_overlaps_random);
  g_test_add_func ("/cdb/document/node-addresses", test_node_addresses);
  g_test_add_func ("/cdb/document/node-description", test_node_description);
  g_test_add_func ("/cdb/document/ref-counting", test_ref_counting);

  return g_test_run ();
}
