/* test-address-allocator.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mesh-address-allocator.h"
#include "mesh-error.h"
#include "mesh-provisioner.h"

#define DEFAULT_SEED 20260321u
#define N_OPERATIONS 100000

static guint32 property_seed = DEFAULT_SEED;

static void
test_unicast_element_count (void)
{
  g_autoptr(MeshAddressAllocator) a = mesh_address_allocator_new (0);
  g_autoptr(GError) error = NULL;
  MeshAddressRange range = { 0x0001, 0x000A };
  guint16 address = 0;

  mesh_address_allocator_mark_unicast (a, 0x0003, 2);

  /* 1–2 is too short for three elements; 5–7 is the first fit. */
  g_assert_true (mesh_address_allocator_allocate_unicast (a, &range, 1, 3, &address, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (address, ==, 0x0005);

  g_assert_true (mesh_address_allocator_allocate_unicast (a, &range, 1, 2, &address, &error));
  g_assert_cmpuint (address, ==, 0x0001);
  g_assert_true (mesh_address_allocator_allocate_unicast (a, &range, 1, 3, &address, &error));
  g_assert_cmpuint (address, ==, 0x0008);

  g_assert_false (mesh_address_allocator_allocate_unicast (a, &range, 1, 1, &address, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED);
  g_clear_error (&error);

  g_assert_false (mesh_address_allocator_allocate_unicast (a, &range, 1, 0, &address, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
}

static void
test_unicast_not_across_ranges (void)
{
  g_autoptr(MeshAddressAllocator) a = mesh_address_allocator_new (0);
  g_autoptr(GError) error = NULL;
  MeshAddressRange ranges[] = { { 0x0001, 0x0004 }, { 0x0005, 0x0008 } };
  guint16 address;

  /* 1–8 are free and consecutive, but no single range holds six. */
  g_assert_false (mesh_address_allocator_allocate_unicast (a, ranges, 2, 6, &address, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED);

  /* Ranges in the order given; ranges outside the unicast space are cut. */
  {
    MeshAddressRange wide[] = { { 0x7FFE, 0xFFFF }, { 0x0000, 0x0002 } };

    g_assert_true (mesh_address_allocator_allocate_unicast (a, wide, 2, 2, &address, NULL));
    g_assert_cmpuint (address, ==, 0x7FFE);
    g_assert_true (mesh_address_allocator_allocate_unicast (a, wide, 2, 2, &address, NULL));
    g_assert_cmpuint (address, ==, 0x0001);
  }
}

static void
test_exclusion_iv_rule (void)
{
  g_autoptr(MeshAddressAllocator) a = mesh_address_allocator_new (5);
  MeshAddressRange range = { 0x0010, 0x0013 };
  guint16 address;

  mesh_address_allocator_mark_unicast (a, 0x0010, 2);
  mesh_address_allocator_release_unicast (a, 0x0010, 2, TRUE);
  g_assert_true (mesh_address_allocator_is_excluded (a, 0x0010));
  g_assert_true (mesh_address_allocator_is_excluded (a, 0x0011));
  g_assert_false (mesh_address_allocator_is_unicast_free (a, 0x0010, 1));
  g_assert_true (mesh_address_allocator_allocate_unicast (a, &range, 1, 2, &address, NULL));
  g_assert_cmpuint (address, ==, 0x0012);

  mesh_address_allocator_set_iv_index (a, 6);
  g_assert_true (mesh_address_allocator_is_excluded (a, 0x0010));
  mesh_address_allocator_set_iv_index (a, 7);
  g_assert_false (mesh_address_allocator_is_excluded (a, 0x0010));
  g_assert_true (mesh_address_allocator_allocate_unicast (a, &range, 1, 2, &address, NULL));
  g_assert_cmpuint (address, ==, 0x0010);

  /* Released without exclusion (provisioning failed): free at once. */
  mesh_address_allocator_release_unicast (a, 0x0010, 2, FALSE);
  g_assert_true (mesh_address_allocator_is_unicast_free (a, 0x0010, 2));

  /* An entry from the exclusion list of a CDB. */
  mesh_address_allocator_add_exclusion (a, 6, 0x0011);
  g_assert_true (mesh_address_allocator_is_excluded (a, 0x0011));
  mesh_address_allocator_add_exclusion (a, 5, 0x0010);
  g_assert_false (mesh_address_allocator_is_excluded (a, 0x0010));

  g_assert_true (mesh_address_allocator_exclusion_applies (10, 11));
  g_assert_false (mesh_address_allocator_exclusion_applies (10, 12));
  g_assert_true (mesh_address_allocator_exclusion_applies (G_MAXUINT32, G_MAXUINT32));
}

static void
test_groups_and_scenes (void)
{
  g_autoptr(MeshAddressAllocator) a = mesh_address_allocator_new (0);
  g_autoptr(GError) error = NULL;
  MeshAddressRange groups[] = { { 0xBFFE, 0xC001 } };
  MeshAddressRange fixed[] = { { 0xFEFF, 0xFFFF } };
  MeshAddressRange scenes[] = { { 0x0000, 0x0002 } };
  guint16 value;

  mesh_address_allocator_mark_group (a, 0xC000);
  g_assert_false (mesh_address_allocator_is_group_free (a, 0xC000));
  g_assert_false (mesh_address_allocator_is_group_free (a, 0xFF00));
  g_assert_true (mesh_address_allocator_allocate_group (a, groups, 1, &value, &error));
  g_assert_cmpuint (value, ==, 0xC001);
  g_assert_false (mesh_address_allocator_allocate_group (a, groups, 1, &value, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED);
  g_clear_error (&error);
  mesh_address_allocator_release_group (a, 0xC000);
  g_assert_true (mesh_address_allocator_allocate_group (a, groups, 1, &value, NULL));
  g_assert_cmpuint (value, ==, 0xC000);

  /* Fixed group addresses are never given out. */
  g_assert_true (mesh_address_allocator_allocate_group (a, fixed, 1, &value, NULL));
  g_assert_cmpuint (value, ==, 0xFEFF);
  g_assert_false (mesh_address_allocator_allocate_group (a, fixed, 1, &value, NULL));

  /* Scene 0 does not exist. */
  g_assert_true (mesh_address_allocator_allocate_scene (a, scenes, 1, &value, NULL));
  g_assert_cmpuint (value, ==, 0x0001);
  g_assert_true (mesh_address_allocator_allocate_scene (a, scenes, 1, &value, NULL));
  g_assert_cmpuint (value, ==, 0x0002);
  g_assert_false (mesh_address_allocator_allocate_scene (a, scenes, 1, &value, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED);
  mesh_address_allocator_release_scene (a, 0x0001);
  g_assert_true (mesh_address_allocator_is_scene_free (a, 0x0001));
  g_assert_false (mesh_address_allocator_is_scene_free (a, 0x0000));
}

static void
test_range_validation (void)
{
  MeshAddressRange good = { 0x0001, 0x7FFF };
  MeshAddressRange zero = { 0x0000, 0x0010 };
  MeshAddressRange backwards = { 0x0010, 0x0001 };
  MeshAddressRange fixed_groups = { 0xC000, 0xFF00 };
  MeshAddressRange overlapping[] = { { 0x0001, 0x0010 }, { 0x0010, 0x0020 } };
  MeshAddressRange overlap;
  g_autoptr(MeshProvisioner) p1 = mesh_provisioner_new ("70cf7c97-32a3-45b6-9149-4810d2e9cbf4", "Phone");
  g_autoptr(MeshProvisioner) p2 = mesh_provisioner_new ("80cf7c97-32a3-45b6-9149-4810d2e9cbf4", "Laptop");
  MeshAddressRange a = { 0x0001, 0x00FF };
  MeshAddressRange b = { 0x0100, 0x01FF };
  MeshAddressRange c = { 0x00F0, 0x0110 };
  GError *error = NULL;

  g_assert_true (mesh_address_range_validate (&good, MESH_RANGE_KIND_UNICAST, NULL));
  g_assert_false (mesh_address_range_validate (&good, MESH_RANGE_KIND_GROUP, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (mesh_address_range_validate (&zero, MESH_RANGE_KIND_UNICAST, NULL));
  g_assert_true (mesh_address_range_validate (&zero, MESH_RANGE_KIND_SCENE, NULL) == FALSE);
  g_assert_false (mesh_address_range_validate (&backwards, MESH_RANGE_KIND_UNICAST, NULL));
  g_assert_false (mesh_address_range_validate (&fixed_groups, MESH_RANGE_KIND_GROUP, NULL));
  g_assert_false (mesh_address_ranges_validate (overlapping, 2, MESH_RANGE_KIND_UNICAST, &error));
  g_assert_nonnull (strstr (error->message, "0010–0020"));
  g_clear_error (&error);

  g_assert_true (mesh_address_ranges_find_overlap (&a, 1, &c, 1, &overlap));
  g_assert_cmpuint (overlap.low, ==, 0x00F0);
  g_assert_cmpuint (overlap.high, ==, 0x00FF);
  g_assert_false (mesh_address_ranges_find_overlap (&a, 1, &b, 1, NULL));
  g_assert_true (mesh_address_ranges_contain (&a, 1, 0x00FE, 2));
  g_assert_false (mesh_address_ranges_contain (&a, 1, 0x00FE, 3));

  mesh_provisioner_add_range (p1, MESH_RANGE_KIND_UNICAST, &a);
  mesh_provisioner_add_range (p2, MESH_RANGE_KIND_UNICAST, &b);
  g_assert_true (mesh_provisioner_validate_ranges (p1, NULL));
  g_assert_true (mesh_provisioner_check_disjoint (p1, p2, NULL));
  mesh_provisioner_add_range (p2, MESH_RANGE_KIND_UNICAST, &c);
  g_assert_false (mesh_provisioner_check_disjoint (p1, p2, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Phone"));
  g_assert_nonnull (strstr (error->message, "Laptop"));
  g_clear_error (&error);

  mesh_provisioner_add_range (p1, MESH_RANGE_KIND_GROUP, &a);
  g_assert_false (mesh_provisioner_validate_ranges (p1, &error));
  g_assert_nonnull (strstr (error->message, "Phone"));
  g_clear_error (&error);
}

/* The property test: random operations against a brute-force model that
 * keeps one flag per address and, per address, the highest IV index it was
 * excluded at. */

#define N_PROVISIONERS 4

typedef struct
{
  MeshAddressRange unicast[2];
  MeshAddressRange groups[2];
  MeshAddressRange scenes[2];
} Provisioner;

typedef struct
{
  guint16 first;
  guint8  count;
} Node;

typedef struct
{
  guint32  iv_index;
  gboolean unicast_used[0x10000];
  gboolean group_used[0x10000];
  gboolean scene_used[0x10000];
  gint64   excluded_at[0x10000];  /* -1: never */
  GArray  *nodes;   /* Node */
  GArray  *groups;  /* guint16 */
  GArray  *scenes;  /* guint16 */
} Model;

static gboolean
model_excluded (Model  *m,
                guint   address)
{
  return m->excluded_at[address] >= 0 && (gint64) m->iv_index < m->excluded_at[address] + 2;
}

static gboolean
model_unicast_free (Model *m,
                    guint  first,
                    guint  count)
{
  if (first < 1 || first + count - 1 > 0x7FFF)
    return FALSE;

  for (guint a = first; a < first + count; a++)
    if (m->unicast_used[a] || model_excluded (m, a))
      return FALSE;

  return TRUE;
}

/* The allocator's documented choice: first range (in order) with room,
 * lowest address in it. -1 when none. */
static int
model_expected_unicast (Model                  *m,
                        const MeshAddressRange *ranges,
                        guint                   n_ranges,
                        guint                   count)
{
  for (guint r = 0; r < n_ranges; r++)
    for (guint a = MAX (ranges[r].low, 1); a + count - 1 <= MIN (ranges[r].high, 0x7FFF); a++)
      if (model_unicast_free (m, a, count))
        return (int) a;

  return -1;
}

static int
model_expected_single (gboolean               *used,
                       const MeshAddressRange *ranges,
                       guint                   n_ranges,
                       guint                   min,
                       guint                   max)
{
  for (guint r = 0; r < n_ranges; r++)
    for (guint a = MAX (ranges[r].low, min); a <= MIN (ranges[r].high, max); a++)
      if (!used[a])
        return (int) a;

  return -1;
}

/* Disjoint ranges for the provisioners: the spaces are cut in slices, two
 * per provisioner, given out in random order. Small on purpose, so ranges
 * fill up and freed addresses come back. */
static void
make_provisioners (GRand       *rand,
                   Provisioner *p)
{
  guint order[N_PROVISIONERS * 2];

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    order[i] = i;
  for (guint i = G_N_ELEMENTS (order) - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      guint t = order[i];
      order[i] = order[j];
      order[j] = t;
    }

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      Provisioner *owner = &p[order[i] / 2];
      guint slot = order[i] % 2;
      guint unicast_base = 1 + i * 160;
      guint group_base = 0xC000 + i * 16;
      guint scene_base = 1 + i * 16;

      owner->unicast[slot].low = unicast_base + g_rand_int_range (rand, 0, 20);
      owner->unicast[slot].high = unicast_base + g_rand_int_range (rand, 60, 160);
      owner->groups[slot].low = group_base + g_rand_int_range (rand, 0, 4);
      owner->groups[slot].high = group_base + g_rand_int_range (rand, 6, 16);
      owner->scenes[slot].low = scene_base + g_rand_int_range (rand, 0, 4);
      owner->scenes[slot].high = scene_base + g_rand_int_range (rand, 6, 16);
    }
}

static void
check_ranges_disjoint (Provisioner *p)
{
  for (guint i = 0; i < N_PROVISIONERS; i++)
    for (guint j = i + 1; j < N_PROVISIONERS; j++)
      {
        g_assert_false (mesh_address_ranges_find_overlap (p[i].unicast, 2, p[j].unicast, 2, NULL));
        g_assert_false (mesh_address_ranges_find_overlap (p[i].groups, 2, p[j].groups, 2, NULL));
        g_assert_false (mesh_address_ranges_find_overlap (p[i].scenes, 2, p[j].scenes, 2, NULL));
      }
}

static void
test_property (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (property_seed);
  g_autoptr(MeshAddressAllocator) a = NULL;
  Provisioner provisioners[N_PROVISIONERS] = { 0 };
  Model *m = g_new0 (Model, 1);
  guint stats[8] = { 0 };

  g_test_message ("property seed: %u (run with --property-seed=N to repeat)", property_seed);
  g_print ("# property seed: %u\n", property_seed);

  m->iv_index = g_rand_int_range (rand, 0, 1000);
  for (guint i = 0; i < G_N_ELEMENTS (m->excluded_at); i++)
    m->excluded_at[i] = -1;
  m->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  m->groups = g_array_new (FALSE, FALSE, sizeof (guint16));
  m->scenes = g_array_new (FALSE, FALSE, sizeof (guint16));
  a = mesh_address_allocator_new (m->iv_index);

  make_provisioners (rand, provisioners);
  check_ranges_disjoint (provisioners);

  for (guint op = 0; op < N_OPERATIONS; op++)
    {
      Provisioner *p = &provisioners[g_rand_int_range (rand, 0, N_PROVISIONERS)];
      int kind = g_rand_int_range (rand, 0, 100);

      if (kind < 35)
        {
          /* Allocate a node of 1–8 elements. */
          guint count = g_rand_int_range (rand, 1, 9);
          int expected = model_expected_unicast (m, p->unicast, 2, count);
          g_autoptr(GError) error = NULL;
          guint16 address = 0;
          gboolean ok = mesh_address_allocator_allocate_unicast (a, p->unicast, 2, count, &address, &error);

          if (expected < 0)
            {
              if (ok)
                g_error ("op %u: allocated %04X×%u where the model has no room", op, address, count);
              g_assert_error (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED);
              stats[1]++;
              continue;
            }

          if (!ok)
            g_error ("op %u: no address for %u elements, model has %04X: %s", op, count, expected, error->message);
          g_assert_cmpint (address, ==, expected);
          g_assert_true (mesh_address_ranges_contain (p->unicast, 2, address, count));
          for (guint i = 0; i < count; i++)
            {
              g_assert_false (m->unicast_used[address + i]);
              g_assert_false (model_excluded (m, address + i));
              m->unicast_used[address + i] = TRUE;
            }
          g_array_append_val (m->nodes, ((Node) { address, count }));
          stats[0]++;
        }
      else if (kind < 60 && m->nodes->len > 0)
        {
          /* Remove a node; mostly excluded, sometimes a failed
           * provisioning that frees at once. */
          guint i = g_rand_int_range (rand, 0, m->nodes->len);
          Node node = g_array_index (m->nodes, Node, i);
          gboolean exclude = g_rand_int_range (rand, 0, 5) != 0;

          mesh_address_allocator_release_unicast (a, node.first, node.count, exclude);
          for (guint k = 0; k < node.count; k++)
            {
              m->unicast_used[node.first + k] = FALSE;
              if (exclude)
                m->excluded_at[node.first + k] = MAX (m->excluded_at[node.first + k], (gint64) m->iv_index);
            }
          g_array_remove_index_fast (m->nodes, i);
          stats[2]++;
        }
      else if (kind < 65)
        {
          /* An exclusion list entry from elsewhere, at this or an older
           * IV index. */
          guint16 address = g_rand_int_range (rand, 1, 0x0500);
          guint32 iv = m->iv_index - MIN (m->iv_index, (guint32) g_rand_int_range (rand, 0, 3));

          mesh_address_allocator_add_exclusion (a, iv, address);
          m->excluded_at[address] = MAX (m->excluded_at[address], (gint64) iv);
          stats[3]++;
        }
      else if (kind < 69)
        {
          /* The IV index advances (IV update, or recovery by more). */
          m->iv_index += g_rand_int_range (rand, 0, 10) == 0 ? 2 : 1;
          mesh_address_allocator_set_iv_index (a, m->iv_index);
          stats[4]++;
        }
      else if (kind < 72)
        {
          /* A node of another provisioner lands anywhere free (import). */
          guint count = g_rand_int_range (rand, 1, 4);
          guint16 first = g_rand_int_range (rand, 1, 0x0500);

          if (model_unicast_free (m, first, count))
            {
              g_assert_true (mesh_address_allocator_is_unicast_free (a, first, count));
              mesh_address_allocator_mark_unicast (a, first, count);
              for (guint i = 0; i < count; i++)
                m->unicast_used[first + i] = TRUE;
              g_array_append_val (m->nodes, ((Node) { first, count }));
            }
          else
            g_assert_false (mesh_address_allocator_is_unicast_free (a, first, count));
        }
      else if (kind < 82)
        {
          int expected = model_expected_single (m->group_used, p->groups, 2, 0xC000, 0xFEFF);
          guint16 address;
          gboolean ok = mesh_address_allocator_allocate_group (a, p->groups, 2, &address, NULL);

          g_assert_cmpint (ok, ==, expected >= 0);
          if (ok)
            {
              g_assert_cmpint (address, ==, expected);
              m->group_used[address] = TRUE;
              g_array_append_val (m->groups, address);
              stats[5]++;
            }
        }
      else if (kind < 88 && m->groups->len > 0)
        {
          guint i = g_rand_int_range (rand, 0, m->groups->len);
          guint16 address = g_array_index (m->groups, guint16, i);

          mesh_address_allocator_release_group (a, address);
          m->group_used[address] = FALSE;
          g_array_remove_index_fast (m->groups, i);
        }
      else if (kind < 95)
        {
          int expected = model_expected_single (m->scene_used, p->scenes, 2, 0x0001, 0xFFFF);
          guint16 number;
          gboolean ok = mesh_address_allocator_allocate_scene (a, p->scenes, 2, &number, NULL);

          g_assert_cmpint (ok, ==, expected >= 0);
          if (ok)
            {
              g_assert_cmpint (number, ==, expected);
              m->scene_used[number] = TRUE;
              g_array_append_val (m->scenes, number);
              stats[6]++;
            }
        }
      else if (m->scenes->len > 0)
        {
          guint i = g_rand_int_range (rand, 0, m->scenes->len);
          guint16 number = g_array_index (m->scenes, guint16, i);

          mesh_address_allocator_release_scene (a, number);
          m->scene_used[number] = FALSE;
          g_array_remove_index_fast (m->scenes, i);
        }

      /* Now and then, the whole picture: the allocator and the model agree
       * on every address, and no two nodes share one. */
      if (op % 10000 == 9999)
        {
          g_autofree guint8 *owner = g_new0 (guint8, 0x10000);

          for (guint i = 0; i < m->nodes->len; i++)
            {
              Node *node = &g_array_index (m->nodes, Node, i);

              for (guint k = 0; k < node->count; k++)
                {
                  g_assert_cmpuint (owner[node->first + k], ==, 0);
                  owner[node->first + k] = 1;
                }
            }

          for (guint addr = 1; addr <= 0x0600; addr++)
            {
              g_assert_cmpint (mesh_address_allocator_is_excluded (a, addr), ==, model_excluded (m, addr));
              g_assert_cmpint (mesh_address_allocator_is_unicast_free (a, addr, 1), ==, model_unicast_free (m, addr, 1));
              g_assert_cmpint (owner[addr], ==, m->unicast_used[addr]);
            }
        }
    }

  g_test_message ("allocated %u nodes (%u times exhausted), removed %u, %u exclusions added, "
                  "%u IV index steps, %u groups, %u scenes",
                  stats[0], stats[1], stats[2], stats[3], stats[4], stats[5], stats[6]);
  /* The run must have exercised what it claims to test. */
  g_assert_cmpuint (stats[0], >, 1000);
  g_assert_cmpuint (stats[1], >, 100);
  g_assert_cmpuint (stats[2], >, 1000);
  g_assert_cmpuint (stats[4], >, 100);

  g_array_unref (m->nodes);
  g_array_unref (m->groups);
  g_array_unref (m->scenes);
  g_free (m);
}

/* A new provisioner's range: from space no provisioner has and nothing
 * uses, the first stretch big enough, else the longest. */
static void
test_new_range_free_space (void)
{
  g_autoptr(MeshAddressAllocator) a = mesh_address_allocator_new (0);
  g_autoptr(GError) error = NULL;
  const MeshAddressRange lower_half = { 0x0001, 0x3FFF };
  /* Everything but 0x0100–0x0104 and 0x5000–0x5009. */
  const MeshAddressRange all_but_gaps[] = { { 0x0001, 0x00FF }, { 0x0105, 0x4FFF },
                                            { 0x500A, 0x7FFF } };
  const MeshAddressRange groups = { 0xC000, 0xCFFF };
  const MeshAddressRange scenes = { 0x0001, 0x3333 };
  MeshAddressRange range = { 0, 0 };
  gboolean carved = TRUE;

  g_assert_true (mesh_address_allocator_find_new_range (a, MESH_RANGE_KIND_UNICAST, &lower_half, 1,
                                                        0x1000, &range, &carved, &error));
  g_assert_no_error (error);
  g_assert_cmphex (range.low, ==, 0x4000);
  g_assert_cmphex (range.high, ==, 0x4FFF);
  g_assert_false (carved);

  /* Nodes outside every range (their provisioner is gone) are skipped. */
  mesh_address_allocator_mark_unicast (a, 0x4000, 3);
  g_assert_true (mesh_address_allocator_find_new_range (a, MESH_RANGE_KIND_UNICAST, &lower_half, 1,
                                                        0x1000, &range, NULL, &error));
  g_assert_cmphex (range.low, ==, 0x4003);
  g_assert_cmphex (range.high, ==, 0x5002);

  /* No stretch has 0x1000 addresses: the longest of the two gaps, whole. */
  g_assert_true (mesh_address_allocator_find_new_range (a, MESH_RANGE_KIND_UNICAST, all_but_gaps,
                                                        G_N_ELEMENTS (all_but_gaps), 0x1000,
                                                        &range, &carved, &error));
  g_assert_cmphex (range.low, ==, 0x5000);
  g_assert_cmphex (range.high, ==, 0x5009);
  g_assert_false (carved);

  /* A small request fits the first gap. */
  g_assert_true (mesh_address_allocator_find_new_range (a, MESH_RANGE_KIND_UNICAST, all_but_gaps,
                                                        G_N_ELEMENTS (all_but_gaps), 4,
                                                        &range, NULL, &error));
  g_assert_cmphex (range.low, ==, 0x0100);
  g_assert_cmphex (range.high, ==, 0x0103);

  g_assert_true (mesh_address_allocator_find_new_range (a, MESH_RANGE_KIND_GROUP, &groups, 1,
                                                        0x1000, &range, NULL, &error));
  g_assert_cmphex (range.low, ==, 0xD000);
  g_assert_cmphex (range.high, ==, 0xDFFF);
  g_assert_true (mesh_address_allocator_find_new_range (a, MESH_RANGE_KIND_SCENE, &scenes, 1,
                                                        0x1000, &range, NULL, &error));
  g_assert_cmphex (range.low, ==, 0x3334);
  g_assert_cmphex (range.high, ==, 0x4333);
}

/* The others' ranges cover everything: carve out the top half of the
 * longest unused stretch, at most the size asked for. */
static void
test_new_range_carved (void)
{
  g_autoptr(MeshAddressAllocator) a = mesh_address_allocator_new (5);
  g_autoptr(GError) error = NULL;
  const MeshAddressRange all = { 0x0001, 0x7FFF };
  const MeshAddressRange all_groups = { 0xC000, 0xFEFF };
  MeshAddressRange range = { 0, 0 };
  gboolean carved = FALSE;

  mesh_address_allocator_mark_unicast (a, 0x0001, 3);
  mesh_address_allocator_add_exclusion (a, 5, 0x7FFF);  /* applies */
  mesh_address_allocator_add_exclusion (a, 1, 0x7FFE);  /* released */
  g_assert_true (mesh_address_allocator_find_new_range (a, MESH_RANGE_KIND_UNICAST, &all, 1,
                                                        0x1000, &range, &carved, &error));
  g_assert_no_error (error);
  g_assert_true (carved);
  g_assert_cmphex (range.low, ==, 0x6FFF);
  g_assert_cmphex (range.high, ==, 0x7FFE);

  /* A short unused stretch: its upper half (rounded up). */
  mesh_address_allocator_mark_unicast (a, 0x0004, 0x7FFE - 0x0004 + 1 - 5);
  g_assert_true (mesh_address_allocator_find_new_range (a, MESH_RANGE_KIND_UNICAST, &all, 1,
                                                        0x1000, &range, &carved, &error));
  g_assert_true (carved);
  g_assert_cmphex (range.low, ==, 0x7FFC);
  g_assert_cmphex (range.high, ==, 0x7FFE);

  mesh_address_allocator_mark_group (a, 0xC000);
  g_assert_true (mesh_address_allocator_find_new_range (a, MESH_RANGE_KIND_GROUP, &all_groups, 1,
                                                        0x1000, &range, &carved, &error));
  g_assert_true (carved);
  g_assert_cmphex (range.low, ==, 0xEF00);
  g_assert_cmphex (range.high, ==, 0xFEFF);
}

/* Every address in use: a clear error, whatever the ranges. */
static void
test_new_range_exhausted (void)
{
  g_autoptr(MeshAddressAllocator) a = mesh_address_allocator_new (0);
  g_autoptr(GError) error = NULL;
  const MeshAddressRange lower_half = { 0x0001, 0x3FFF };
  MeshAddressRange range = { 0x1234, 0x5678 };

  mesh_address_allocator_mark_unicast (a, 0x0001, 0x7FFE);
  mesh_address_allocator_add_exclusion (a, 0, 0x7FFF);
  g_assert_false (mesh_address_allocator_find_new_range (a, MESH_RANGE_KIND_UNICAST, &lower_half, 1,
                                                         0x1000, &range, NULL, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED);
  g_assert_nonnull (strstr (error->message, "unicast"));
  g_assert_cmphex (range.low, ==, 0x1234);
}

static void
test_ranges_subtract (void)
{
  const MeshAddressRange ranges[] = { { 0x0001, 0x7FFF }, { 0x0100, 0x01FF } };
  const MeshAddressRange cut = { 0x0100, 0x6FFF };
  const MeshAddressRange whole = { 0x0000, 0xFFFF };
  g_autofree MeshAddressRange *left = NULL;
  g_autofree MeshAddressRange *none = NULL;
  guint n = 0;

  left = mesh_address_ranges_subtract (ranges, G_N_ELEMENTS (ranges), &cut, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmphex (left[0].low, ==, 0x0001);
  g_assert_cmphex (left[0].high, ==, 0x00FF);
  g_assert_cmphex (left[1].low, ==, 0x7000);
  g_assert_cmphex (left[1].high, ==, 0x7FFF);

  none = mesh_address_ranges_subtract (ranges, G_N_ELEMENTS (ranges), &whole, &n);
  g_assert_cmpuint (n, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* --property-seed=N repeats a run; it is ours, not GTest's. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--property-seed="))
        {
          property_seed = (guint32) strtoul (argv[i] + strlen ("--property-seed="), NULL, 0);
          memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
          argc--;
          i--;
        }
    }

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/address-allocator/unicast-element-count", test_unicast_element_count);
  g_test_add_func ("/address-allocator/unicast-not-across-ranges", test_unicast_not_across_ranges);
  g_test_add_func ("/address-allocator/exclusion-iv-rule", test_exclusion_iv_rule);
  g_test_add_func ("/address-allocator/groups-and-scenes", test_groups_and_scenes);
  g_test_add_func ("/address-allocator/range-validation", test_range_validation);
  g_test_add_func ("/address-allocator/property", test_property);
  g_test_add_func ("/address-allocator/new-range/free-space", test_new_range_free_space);
  g_test_add_func ("/address-allocator/new-range/carved", test_new_range_carved);
  g_test_add_func ("/address-allocator/new-range/exhausted", test_new_range_exhausted);
  g_test_add_func ("/address-allocator/ranges-subtract", test_ranges_subtract);

  return g_test_run ();
}
