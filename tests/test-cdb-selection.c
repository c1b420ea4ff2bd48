/* test-cdb-selection.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "mesh-cdb-selection.h"
#include "mesh-error.h"
#include "test-cdb-util.h"

/* Partial export: only the chosen keys, nodes and groups go out, cut down
 * consistently, with or without device keys. */

static const guint8 desktop_uuid[] = { 0x0C, 0x1B, 0x2A, 0x39, 0x48, 0x57, 0x46, 0x65,
                                       0x87, 0x74, 0xA3, 0xB2, 0xC1, 0xD0, 0xE9, 0xF8 };
static const guint8 kitchen_uuid[] = { 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x47, 0x18,
                                       0x9A, 0x0B, 0x1C, 0x2D, 0x3E, 0x4F, 0x50, 0x61 };
static const guint8 relay_uuid[] = { 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x43, 0x33,
                                     0x84, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55 };

/* NetKey 0, AppKey 0, the desktop, the kitchen and the relay (which knows
 * only NetKey 1, so stays out), the groups "Downstairs" and "Mood". */
static MeshCdbSelection *
guest_selection (void)
{
  MeshCdbSelection *selection = mesh_cdb_selection_new ();
  MeshCdbAddress address;
  guint8 label[16];

  mesh_cdb_selection_add_net_key (selection, 0);
  mesh_cdb_selection_add_app_key (selection, 0);
  mesh_cdb_selection_add_app_key (selection, 5);  /* bound to NetKey 1: stays out */
  mesh_cdb_selection_add_node (selection, desktop_uuid);
  mesh_cdb_selection_add_node (selection, kitchen_uuid);
  mesh_cdb_selection_add_node (selection, relay_uuid);
  mesh_cdb_address_set (&address, 0xC001);
  mesh_cdb_selection_add_group (selection, &address);
  g_assert_true (mesh_cdb_hex_parse ("0123456789ABCDEF0123456789ABCDEF", label, 16));
  mesh_cdb_address_set_label (&address, label);
  mesh_cdb_selection_add_group (selection, &address);
  return selection;
}

static void
test_partial_contents (void)
{
  g_autoptr(MeshCdbDocument) full = cdb_test_read_data ("full.json");
  g_autoptr(MeshCdbSelection) selection = guest_selection ();
  g_autoptr(MeshCdbDocument) partial = mesh_cdb_selection_apply (selection, full);
  g_autoptr(GError) error = NULL;
  const MeshCdbNode *kitchen;
  const MeshCdbModel *onoff, *vendor;
  const MeshCdbGroup *mood;

  g_assert_true (partial->partial);
  g_assert_cmpmem (partial->mesh_uuid, 16, full->mesh_uuid, 16);
  g_assert_cmpstr (partial->mesh_name, ==, full->mesh_name);

  g_assert_cmpuint (partial->net_keys->len, ==, 1);
  g_assert_nonnull (mesh_cdb_document_find_net_key (partial, 0));
  g_assert_cmpuint (partial->app_keys->len, ==, 1);
  g_assert_nonnull (mesh_cdb_document_find_app_key (partial, 0));

  /* Provisioners keep their ranges, so the guest knows what is taken. */
  g_assert_cmpuint (partial->provisioners->len, ==, 2);

  g_assert_cmpuint (partial->nodes->len, ==, 2);
  g_assert_nonnull (mesh_cdb_document_find_node (partial, desktop_uuid));
  g_assert_null (mesh_cdb_document_find_node (partial, relay_uuid));
  kitchen = mesh_cdb_document_find_node (partial, kitchen_uuid);
  g_assert_nonnull (kitchen);
  g_assert_true (kitchen->present & MESH_CDB_NODE_HAS_DEVICE_KEY);
  g_assert_cmpuint (kitchen->net_keys->len, ==, 1);
  g_assert_cmpuint (kitchen->app_keys->len, ==, 1);
  g_assert_cmpuint (g_array_index (kitchen->app_keys, MeshCdbNodeKey, 0).index, ==, 0);
  g_assert_true (kitchen->present & MESH_CDB_NODE_HAS_HEARTBEAT_PUB);

  onoff = &g_array_index (g_array_index (kitchen->elements, MeshCdbElement, 0).models, MeshCdbModel, 1);
  g_assert_cmpuint (onoff->bind->len, ==, 1);
  g_assert_cmpuint (g_array_index (onoff->bind, guint16, 0), ==, 0);
  /* C001 and Mood are exported, FFFC is a fixed group: all three stay. */
  g_assert_cmpuint (onoff->subscribe->len, ==, 3);
  g_assert_true (onoff->has_publish);

  /* The vendor model used only AppKey 5. */
  vendor = &g_array_index (g_array_index (kitchen->elements, MeshCdbElement, 1).models, MeshCdbModel, 0);
  g_assert_cmpuint (vendor->bind->len, ==, 0);
  g_assert_false (vendor->has_publish);

  /* Mood's parent, "Kitchen lights", stays out: Mood has no parent now. */
  g_assert_cmpuint (partial->groups->len, ==, 2);
  mood = &g_array_index (partial->groups, MeshCdbGroup, 1);
  g_assert_cmpstr (mood->name, ==, "Mood");
  g_assert_true (mesh_cdb_address_is_unassigned (&mood->parent));

  /* Scenes keep only the addresses of exported nodes. */
  g_assert_cmpuint (partial->scenes->len, ==, 2);
  g_assert_cmpuint (g_array_index (partial->scenes, MeshCdbScene, 0).addresses->len, ==, 2);
  g_assert_cmpuint (partial->exclusions->len, ==, 2);

  g_assert_true (mesh_cdb_document_validate (partial, &error));
  g_assert_no_error (error);
}

/* The whole export as a file, byte for byte. */
static void
test_partial_golden (void)
{
  g_autoptr(MeshCdbDocument) full = cdb_test_read_data ("full.json");
  g_autoptr(MeshCdbSelection) selection = guest_selection ();
  g_autoptr(MeshCdbDocument) partial = mesh_cdb_selection_apply (selection, full);
  g_autofree char *expected = cdb_test_data_contents ("partial-guest.json");
  g_autofree char *written = cdb_test_write_string (partial);
  g_autoptr(MeshCdbDocument) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (written, ==, expected);

  /* and it reads back as a valid partial network */
  again = cdb_test_read_string (written, &error);
  g_assert_no_error (error);
  g_assert_true (again->partial);
}

static void
test_without_device_keys (void)
{
  g_autoptr(MeshCdbDocument) full = cdb_test_read_data ("full.json");
  g_autoptr(MeshCdbSelection) selection = mesh_cdb_selection_new ();
  g_autoptr(MeshCdbDocument) partial = NULL;
  g_autoptr(MeshCdbDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  g_assert_true (mesh_cdb_selection_get_device_keys (selection));
  mesh_cdb_selection_set_device_keys (selection, FALSE);
  partial = mesh_cdb_selection_apply (selection, full);

  /* Everything else is there: all keys, nodes and groups. */
  g_assert_true (partial->partial);
  g_assert_cmpuint (partial->net_keys->len, ==, 2);
  g_assert_cmpuint (partial->app_keys->len, ==, 2);
  g_assert_cmpuint (partial->nodes->len, ==, 4);
  g_assert_cmpuint (partial->groups->len, ==, 3);
  for (guint i = 0; i < partial->nodes->len; i++)
    {
      const MeshCdbNode *node = &g_array_index (partial->nodes, MeshCdbNode, i);
      static const guint8 zero[16] = { 0 };

      g_assert_false (node->present & MESH_CDB_NODE_HAS_DEVICE_KEY);
      g_assert_cmpmem (node->device_key, 16, zero, 16);
    }

  written = cdb_test_write_string (partial);
  g_assert_null (strstr (written, "deviceKey"));
  g_assert_null (strstr (written, "5C9E3D2A1B0F8E7D6C5B4A3928170605"));
  g_assert_nonnull (strstr (written, "\"partial\" : true"));

  again = cdb_test_read_string (written, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->nodes->len, ==, 4);
}

/* A full selection keeps the document as it was, but marked partial. */
static void
test_everything (void)
{
  g_autoptr(MeshCdbDocument) full = cdb_test_read_data ("full.json");
  g_autoptr(MeshCdbSelection) selection = mesh_cdb_selection_new ();
  g_autoptr(MeshCdbDocument) partial = mesh_cdb_selection_apply (selection, full);
  g_autofree char *expected = cdb_test_write_string (full);
  g_autofree char *written = NULL;

  partial->partial = FALSE;
  written = cdb_test_write_string (partial);
  g_assert_cmpstr (written, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cdb/selection/partial-contents", test_partial_contents);
  g_test_add_func ("/cdb/selection/partial-golden", test_partial_golden);
  g_test_add_func ("/cdb/selection/without-device-keys", test_without_device_keys);
  g_test_add_func ("/cdb/selection/everything", test_everything);

  return g_test_run ();
}
