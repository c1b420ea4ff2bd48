/* test-provisioner.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-error.h"
#include "mesh-network-private.h"
#include "mesh-node.h"
#include "mesh-provisioner.h"

/* This computer joining a network another provisioner made: its ranges
 * and its node's address (mesh_provisioner_choose_ranges()), and the
 * exporter giving up what was carved out of its ranges. */

#define EXPORTER_UUID "70cf7c97-32a3-45b6-9149-4810d2e9cbf4"
#define JOINER_UUID   "a1b2c3d4-0000-4000-8000-00000000beef"

static MeshNetwork *
network_with_exporter (const MeshAddressRange *unicast,
                       const MeshAddressRange *group,
                       const MeshAddressRange *scene,
                       guint16                 last_node)
{
  MeshNetwork *network = mesh_network_new ("0b4f1a3e-6c5d-4e7f-8a9b-0c1d2e3f4a5b", "Home");
  g_autoptr(GPtrArray) provisioners = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);
  MeshProvisioner *exporter = mesh_provisioner_new (EXPORTER_UUID, "Mesh Provisioner on there");

  mesh_provisioner_add_range (exporter, MESH_RANGE_KIND_UNICAST, unicast);
  mesh_provisioner_add_range (exporter, MESH_RANGE_KIND_GROUP, group);
  mesh_provisioner_add_range (exporter, MESH_RANGE_KIND_SCENE, scene);
  g_ptr_array_add (provisioners, exporter);
  mesh_network_append_items (network, MESH_NETWORK_LIST_PROVISIONERS, provisioners);

  /* The exporter's node at 0x0001, a two-element device at 0x0002, and
   * single-element ones up to @last_node. */
  g_ptr_array_add (nodes, mesh_node_new (EXPORTER_UUID, 0x0001, 1));
  g_ptr_array_add (nodes, mesh_node_new ("11111111-2222-4333-8444-555555555555", 0x0002, 2));
  for (guint32 a = 0x0004; a <= last_node; a++)
    {
      g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012x", a);

      g_ptr_array_add (nodes, mesh_node_new (uuid, a, 1));
    }
  mesh_network_append_items (network, MESH_NETWORK_LIST_NODES, nodes);

  return network;
}

static MeshProvisioner *
exporter_of (MeshNetwork *network)
{
  return mesh_network_find_provisioner (network, EXPORTER_UUID);
}

static void
assert_ranges (MeshProvisioner *provisioner,
               MeshRangeKind    kind,
               guint            n_expected,
               ...)
{
  guint n = 0;
  const MeshAddressRange *ranges = mesh_provisioner_get_ranges (provisioner, kind, &n);
  va_list args;

  g_assert_cmpuint (n, ==, n_expected);
  va_start (args, n_expected);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmphex (ranges[i].low, ==, va_arg (args, guint));
      g_assert_cmphex (ranges[i].high, ==, va_arg (args, guint));
    }
  va_end (args);
}

/* What mesh_session_create_network_async() gives the exporter leaves the
 * upper halves free: the joiner takes from there, nothing carved. */
static void
test_choose_free_halves (void)
{
  const MeshAddressRange unicast = { 0x0001, 0x3FFF };
  const MeshAddressRange group = { 0xC000, 0xCFFF };
  const MeshAddressRange scene = { 0x0001, 0x3333 };
  g_autoptr(MeshNetwork) network = network_with_exporter (&unicast, &group, &scene, 0x0003);
  g_autoptr(MeshProvisioner) joiner = mesh_provisioner_new (JOINER_UUID, "Mesh Provisioner on here");
  g_autoptr(GError) error = NULL;
  guint16 address = 0;

  g_assert_true (mesh_provisioner_choose_ranges (joiner, network, 1, &address, &error));
  g_assert_no_error (error);
  assert_ranges (joiner, MESH_RANGE_KIND_UNICAST, 1, 0x4000, 0x4FFF);
  assert_ranges (joiner, MESH_RANGE_KIND_GROUP, 1, 0xD000, 0xDFFF);
  assert_ranges (joiner, MESH_RANGE_KIND_SCENE, 1, 0x3334, 0x4333);
  g_assert_cmphex (address, ==, 0x4000);

  g_assert_false (mesh_provisioner_give_up_ranges (exporter_of (network), joiner));
  assert_ranges (exporter_of (network), MESH_RANGE_KIND_UNICAST, 1, 0x0001, 0x3FFF);
  g_assert_true (mesh_provisioner_check_disjoint (joiner, exporter_of (network), &error));
}

/* The exporter has every address: the joiner's range is carved from the
 * top of what no node uses, and the exporter gives it up. */
static void
test_choose_carved (void)
{
  const MeshAddressRange unicast = { 0x0001, 0x7FFF };
  const MeshAddressRange group = { 0xC000, 0xFEFF };
  const MeshAddressRange scene = { 0x0001, 0xFFFF };
  g_autoptr(MeshNetwork) network = network_with_exporter (&unicast, &group, &scene, 0x0010);
  g_autoptr(MeshProvisioner) joiner = mesh_provisioner_new (JOINER_UUID, "Mesh Provisioner on here");
  MeshProvisioner *exporter = exporter_of (network);
  g_autoptr(GError) error = NULL;
  guint16 address = 0;

  g_assert_true (mesh_provisioner_choose_ranges (joiner, network, 1, &address, &error));
  g_assert_no_error (error);
  assert_ranges (joiner, MESH_RANGE_KIND_UNICAST, 1, 0x7000, 0x7FFF);
  assert_ranges (joiner, MESH_RANGE_KIND_GROUP, 1, 0xEF00, 0xFEFF);
  assert_ranges (joiner, MESH_RANGE_KIND_SCENE, 1, 0xF000, 0xFFFF);
  g_assert_cmphex (address, ==, 0x7000);
  g_assert_null (mesh_network_find_node_by_address (network, address));

  /* Until the exporter gives them up, the ranges overlap. */
  g_assert_false (mesh_provisioner_check_disjoint (joiner, exporter, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (mesh_provisioner_give_up_ranges (exporter, joiner));
  assert_ranges (exporter, MESH_RANGE_KIND_UNICAST, 1, 0x0001, 0x6FFF);
  assert_ranges (exporter, MESH_RANGE_KIND_GROUP, 1, 0xC000, 0xEEFF);
  assert_ranges (exporter, MESH_RANGE_KIND_SCENE, 1, 0x0001, 0xEFFF);
  g_assert_true (mesh_provisioner_check_disjoint (joiner, exporter, &error));
  g_assert_no_error (error);
}

/* Every unicast address has a node: a sentence, and the joiner keeps no
 * ranges. */
static void
test_choose_no_room (void)
{
  const MeshAddressRange unicast = { 0x0001, 0x3FFF };
  const MeshAddressRange group = { 0xC000, 0xCFFF };
  const MeshAddressRange scene = { 0x0001, 0x3333 };
  g_autoptr(MeshNetwork) network = network_with_exporter (&unicast, &group, &scene, 0x7FFF);
  g_autoptr(MeshProvisioner) joiner = mesh_provisioner_new (JOINER_UUID, "Mesh Provisioner on here");
  g_autoptr(GError) error = NULL;
  guint16 address = 0x1234;

  g_assert_false (mesh_provisioner_choose_ranges (joiner, network, 1, &address, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED);
  g_assert_nonnull (strstr (error->message, "Remove a node"));
  g_assert_cmphex (address, ==, 0x1234);
  assert_ranges (joiner, MESH_RANGE_KIND_UNICAST, 0);
  assert_ranges (joiner, MESH_RANGE_KIND_GROUP, 0);
  assert_ranges (exporter_of (network), MESH_RANGE_KIND_UNICAST, 1, 0x0001, 0x3FFF);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/provisioner/choose-ranges/free-halves", test_choose_free_halves);
  g_test_add_func ("/provisioner/choose-ranges/carved", test_choose_carved);
  g_test_add_func ("/provisioner/choose-ranges/no-room", test_choose_no_room);

  return g_test_run ();
}
