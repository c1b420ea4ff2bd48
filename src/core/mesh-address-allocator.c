/* mesh-address-allocator.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-address-allocator.h"
#include "mesh-error.h"

/* Sets of addresses as sorted, disjoint, non-adjacent intervals: a network
 * of 32,767 single-element nodes with consecutive addresses is one
 * interval, and a search for a free run jumps over whole intervals. */

typedef struct
{
  guint32 low;
  guint32 high;  /* inclusive */
} Interval;

typedef struct
{
  guint32 iv_index;
  guint16 address;
} Exclusion;

struct _MeshAddressAllocator
{
  guint32  iv_index;
  GArray  *unicast;    /* Interval: addresses of nodes */
  GArray  *excluded;   /* Interval: exclusions that still apply */
  GArray  *groups;     /* Interval */
  GArray  *scenes;     /* Interval */
  GArray  *exclusions; /* Exclusion: every entry, applying or not */
};

gboolean
mesh_address_allocator_exclusion_applies (guint32 excluded_at_iv_index,
                                          guint32 current_iv_index)
{
  /* Released once the IV index has grown by 2 (64-bit: no wrap). */
  return (guint64) current_iv_index < (guint64) excluded_at_iv_index + 2;
}

/* Index of the first interval whose high is >= @value (len if none). */
static guint
interval_lower_bound (GArray  *set,
                      guint32  value)
{
  guint lo = 0, hi = set->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (set, Interval, mid).high < value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
interval_add (GArray  *set,
              guint32  low,
              guint32  high)
{
  /* Merge with everything overlapping or adjacent to [low, high]. */
  guint first = interval_lower_bound (set, low > 0 ? low - 1 : 0);
  guint last = first;
  Interval merged = { low, high };

  while (last < set->len && g_array_index (set, Interval, last).low <= (guint64) high + 1)
    {
      Interval *i = &g_array_index (set, Interval, last);

      merged.low = MIN (merged.low, i->low);
      merged.high = MAX (merged.high, i->high);
      last++;
    }

  if (last > first)
    g_array_remove_range (set, first, last - first);
  g_array_insert_val (set, first, merged);
}

static void
interval_remove (GArray  *set,
                 guint32  low,
                 guint32  high)
{
  guint i = interval_lower_bound (set, low);

  while (i < set->len)
    {
      Interval *cur = &g_array_index (set, Interval, i);

      if (cur->low > high)
        break;

      if (cur->low < low && cur->high > high)
        {
          /* Split in two. */
          Interval right = { high + 1, cur->high };

          cur->high = low - 1;
          g_array_insert_val (set, i + 1, right);
          break;
        }

      if (cur->low < low)
        {
          cur->high = low - 1;
          i++;
        }
      else if (cur->high > high)
        {
          cur->low = high + 1;
          break;
        }
      else
        g_array_remove_index (set, i);
    }
}

/* The first interval meeting [low, high], or NULL. */
static Interval *
interval_find_overlap (GArray  *set,
                       guint32  low,
                       guint32  high)
{
  guint i = interval_lower_bound (set, low);

  if (i < set->len && g_array_index (set, Interval, i).low <= high)
    return &g_array_index (set, Interval, i);

  return NULL;
}

/* Lowest start of @count consecutive values in [low, high] that meet no
 * interval of @a or @b; FALSE if there is none. */
static gboolean
find_free_run (GArray   *a,
               GArray   *b,
               guint32   low,
               guint32   high,
               guint     count,
               guint32  *out)
{
  guint32 candidate = low;

  while ((guint64) candidate + count - 1 <= high)
    {
      guint32 end = candidate + count - 1;
      Interval *hit = interval_find_overlap (a, candidate, end);

      if (hit == NULL && b != NULL)
        hit = interval_find_overlap (b, candidate, end);

      if (hit == NULL)
        {
          *out = candidate;
          return TRUE;
        }

      candidate = hit->high + 1;
    }

  return FALSE;
}

static void
rebuild_excluded (MeshAddressAllocator *self)
{
  g_array_set_size (self->excluded, 0);

  for (guint i = 0; i < self->exclusions->len; i++)
    {
      Exclusion *e = &g_array_index (self->exclusions, Exclusion, i);

      if (mesh_address_allocator_exclusion_applies (e->iv_index, self->iv_index))
        interval_add (self->excluded, e->address, e->address);
    }
}

static gboolean
allocate (GArray                  *used,
          GArray                  *excluded,
          const MeshAddressRange  *ranges,
          guint                    n_ranges,
          guint                    count,
          guint32                  space_low,
          guint32                  space_high,
          guint16                 *out)
{
  /* Ranges in the order given: the first range with room wins. */
  for (guint i = 0; i < n_ranges; i++)
    {
      guint32 low = MAX (ranges[i].low, space_low);
      guint32 high = MIN (ranges[i].high, space_high);
      guint32 found;

      if (low > high)
        continue;

      if (find_free_run (used, excluded, low, high, count, &found))
        {
          interval_add (used, found, found + count - 1);
          *out = found;
          return TRUE;
        }
    }

  return FALSE;
}

static void
interval_add_all (GArray  *set,
                  GArray  *from,
                  guint32  low,
                  guint32  high)
{
  for (guint i = 0; i < from->len; i++)
    {
      Interval *in = &g_array_index (from, Interval, i);

      if (in->low <= high && in->high >= low)
        interval_add (set, MAX (in->low, low), MIN (in->high, high));
    }
}

/* The stretches of [low, high] outside @busy: the first one at least
 * @size long, else the longest (the first of equals). FALSE if @busy
 * covers everything. */
static gboolean
find_gap (GArray   *busy,
          guint32   low,
          guint32   high,
          guint     size,
          Interval *out)
{
  guint32 next = low;
  gboolean found = FALSE;

  for (guint i = 0; i <= busy->len && next <= high; i++)
    {
      Interval gap = { next, high };

      if (i < busy->len)
        {
          Interval *b = &g_array_index (busy, Interval, i);

          if (b->high < low)
            continue;
          if (b->low > next)
            gap.high = MIN (b->low - 1, high);
          else
            gap.high = next - 1;  /* empty */
          next = MAX (next, b->high + 1);
        }
      else
        next = high + 1;

      if (gap.high < gap.low)
        continue;

      if (gap.high - gap.low + 1 >= size)
        {
          *out = gap;
          return TRUE;
        }
      if (!found || gap.high - gap.low > out->high - out->low)
        *out = gap;
      found = TRUE;
    }

  return found;
}

MeshAddressAllocator *
mesh_address_allocator_new (guint32 iv_index)
{
  MeshAddressAllocator *self = g_new0 (MeshAddressAllocator, 1);

  self->iv_index = iv_index;
  self->unicast = g_array_new (FALSE, FALSE, sizeof (Interval));
  self->excluded = g_array_new (FALSE, FALSE, sizeof (Interval));
  self->groups = g_array_new (FALSE, FALSE, sizeof (Interval));
  self->scenes = g_array_new (FALSE, FALSE, sizeof (Interval));
  self->exclusions = g_array_new (FALSE, FALSE, sizeof (Exclusion));

  return self;
}

void
mesh_address_allocator_free (MeshAddressAllocator *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->unicast);
  g_array_unref (self->excluded);
  g_array_unref (self->groups);
  g_array_unref (self->scenes);
  g_array_unref (self->exclusions);
  g_free (self);
}

void
mesh_address_allocator_set_iv_index (MeshAddressAllocator *self,
                                     guint32               iv_index)
{
  g_return_if_fail (self != NULL);

  if (iv_index == self->iv_index)
    return;

  /* The IV index only grows in a mesh network: entries released now
   * never apply again, drop them. */
  if (iv_index > self->iv_index)
    {
      guint kept = 0;

      for (guint i = 0; i < self->exclusions->len; i++)
        {
          Exclusion e = g_array_index (self->exclusions, Exclusion, i);

          if (mesh_address_allocator_exclusion_applies (e.iv_index, iv_index))
            g_array_index (self->exclusions, Exclusion, kept++) = e;
        }
      g_array_set_size (self->exclusions, kept);
    }

  self->iv_index = iv_index;
  rebuild_excluded (self);
}

guint32
mesh_address_allocator_get_iv_index (MeshAddressAllocator *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->iv_index;
}

void
mesh_address_allocator_mark_unicast (MeshAddressAllocator *self,
                                     guint16               first,
                                     guint                 count)
{
  g_return_if_fail (self != NULL);

  if (count == 0)
    return;

  interval_add (self->unicast, first, MIN ((guint32) first + count - 1, 0xFFFF));
}

void
mesh_address_allocator_release_unicast (MeshAddressAllocator *self,
                                        guint16               first,
                                        guint                 count,
                                        gboolean              exclude)
{
  g_return_if_fail (self != NULL);

  if (count == 0)
    return;

  interval_remove (self->unicast, first, MIN ((guint32) first + count - 1, 0xFFFF));

  if (exclude)
    for (guint32 a = first; a < (guint32) first + count && a <= MESH_UNICAST_MAX; a++)
      mesh_address_allocator_add_exclusion (self, self->iv_index, a);
}

void
mesh_address_allocator_add_exclusion (MeshAddressAllocator *self,
                                      guint32               iv_index,
                                      guint16               address)
{
  Exclusion e = { iv_index, address };

  g_return_if_fail (self != NULL);

  g_array_append_val (self->exclusions, e);
  if (mesh_address_allocator_exclusion_applies (iv_index, self->iv_index))
    interval_add (self->excluded, address, address);
}

gboolean
mesh_address_allocator_is_excluded (MeshAddressAllocator *self,
                                    guint16               address)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return interval_find_overlap (self->excluded, address, address) != NULL;
}

gboolean
mesh_address_allocator_is_unicast_free (MeshAddressAllocator *self,
                                        guint16               first,
                                        guint                 count)
{
  guint32 last;

  g_return_val_if_fail (self != NULL, FALSE);

  if (count == 0 || first < MESH_UNICAST_MIN)
    return FALSE;

  last = (guint32) first + count - 1;
  if (last > MESH_UNICAST_MAX)
    return FALSE;

  return interval_find_overlap (self->unicast, first, last) == NULL &&
         interval_find_overlap (self->excluded, first, last) == NULL;
}

gboolean
mesh_address_allocator_allocate_unicast (MeshAddressAllocator    *self,
                                         const MeshAddressRange  *ranges,
                                         guint                    n_ranges,
                                         guint                    element_count,
                                         guint16                 *out_address,
                                         GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ranges != NULL || n_ranges == 0, FALSE);
  g_return_val_if_fail (out_address != NULL, FALSE);

  if (element_count == 0 || element_count > 0xFF)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("A node has 1 to 255 elements, not %u."), element_count);
      return FALSE;
    }

  if (!allocate (self->unicast, self->excluded, ranges, n_ranges, element_count,
                 MESH_UNICAST_MIN, MESH_UNICAST_MAX, out_address))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The provisioner has no free unicast address left for a node with %u element. Give it a larger unicast range.",
                                "The provisioner has no %u consecutive free unicast addresses left for this node. Give it a larger unicast range.",
                                element_count),
                   element_count);
      return FALSE;
    }

  return TRUE;
}

void
mesh_address_allocator_mark_group (MeshAddressAllocator *self,
                                   guint16               address)
{
  g_return_if_fail (self != NULL);

  interval_add (self->groups, address, address);
}

void
mesh_address_allocator_release_group (MeshAddressAllocator *self,
                                      guint16               address)
{
  g_return_if_fail (self != NULL);

  interval_remove (self->groups, address, address);
}

gboolean
mesh_address_allocator_is_group_free (MeshAddressAllocator *self,
                                      guint16               address)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return address >= MESH_GROUP_MIN && address <= MESH_GROUP_MAX &&
         interval_find_overlap (self->groups, address, address) == NULL;
}

gboolean
mesh_address_allocator_allocate_group (MeshAddressAllocator    *self,
                                       const MeshAddressRange  *ranges,
                                       guint                    n_ranges,
                                       guint16                 *out_address,
                                       GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ranges != NULL || n_ranges == 0, FALSE);
  g_return_val_if_fail (out_address != NULL, FALSE);

  if (!allocate (self->groups, NULL, ranges, n_ranges, 1, MESH_GROUP_MIN, MESH_GROUP_MAX, out_address))
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED,
                           _("The provisioner has no free group address left. Give it a larger group range."));
      return FALSE;
    }

  return TRUE;
}

void
mesh_address_allocator_mark_scene (MeshAddressAllocator *self,
                                   guint16               number)
{
  g_return_if_fail (self != NULL);

  interval_add (self->scenes, number, number);
}

void
mesh_address_allocator_release_scene (MeshAddressAllocator *self,
                                      guint16               number)
{
  g_return_if_fail (self != NULL);

  interval_remove (self->scenes, number, number);
}

gboolean
mesh_address_allocator_is_scene_free (MeshAddressAllocator *self,
                                      guint16               number)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return number >= MESH_SCENE_MIN &&
         interval_find_overlap (self->scenes, number, number) == NULL;
}

gboolean
mesh_address_allocator_allocate_scene (MeshAddressAllocator    *self,
                                       const MeshAddressRange  *ranges,
                                       guint                    n_ranges,
                                       guint16                 *out_number,
                                       GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ranges != NULL || n_ranges == 0, FALSE);
  g_return_val_if_fail (out_number != NULL, FALSE);

  if (!allocate (self->scenes, NULL, ranges, n_ranges, 1, MESH_SCENE_MIN, MESH_SCENE_MAX, out_number))
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED,
                           _("The provisioner has no free scene number left. Give it a larger scene range."));
      return FALSE;
    }

  return TRUE;
}

/**
 * mesh_address_allocator_find_new_range:
 * @taken: the ranges of @kind the network's provisioners have
 * @size: how many values the new range should have at most (1 or more)
 * @out_carved: (out) (optional): set to TRUE if the range lies in @taken
 *
 * A range of @kind for a new provisioner (this computer joining a network
 * another one made). First from what neither @taken nor the values in use
 * (node addresses, exclusions that apply, groups, scenes) cover: the
 * lowest free stretch that has @size values, else the longest free
 * stretch. If the provisioners' ranges cover the whole space, a part of
 * them that nothing uses is carved out: the upper half of the longest
 * unused stretch (other provisioners allocate from the low end), at most
 * @size values; the caller then takes it out of their ranges
 * (mesh_address_ranges_subtract()).
 *
 * Returns: FALSE with MESH_ERROR_ADDRESS_EXHAUSTED if every value is in use
 */
gboolean
mesh_address_allocator_find_new_range (MeshAddressAllocator    *self,
                                       MeshRangeKind            kind,
                                       const MeshAddressRange  *taken,
                                       guint                    n_taken,
                                       guint                    size,
                                       MeshAddressRange        *out_range,
                                       gboolean                *out_carved,
                                       GError                 **error)
{
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (Interval));
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (Interval));
  guint low, high;
  Interval gap;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (taken != NULL || n_taken == 0, FALSE);
  g_return_val_if_fail (size > 0 && out_range != NULL, FALSE);

  mesh_range_kind_get_bounds (kind, &low, &high);
  switch (kind)
    {
    case MESH_RANGE_KIND_UNICAST:
      interval_add_all (used, self->unicast, low, high);
      interval_add_all (used, self->excluded, low, high);
      break;
    case MESH_RANGE_KIND_GROUP:
      interval_add_all (used, self->groups, low, high);
      break;
    case MESH_RANGE_KIND_SCENE:
    default:
      interval_add_all (used, self->scenes, low, high);
      break;
    }

  interval_add_all (busy, used, low, high);
  for (guint i = 0; i < n_taken; i++)
    if (taken[i].low <= high && taken[i].high >= low && taken[i].low <= taken[i].high)
      interval_add (busy, MAX (taken[i].low, low), MIN (taken[i].high, high));

  if (find_gap (busy, low, high, size, &gap))
    {
      out_range->low = gap.low;
      out_range->high = MIN (gap.high, gap.low + size - 1);
      if (out_carved)
        *out_carved = FALSE;
      return TRUE;
    }

  if (find_gap (used, low, high, G_MAXUINT, &gap))
    {
      guint32 n = MIN (size, (gap.high - gap.low + 2) / 2);

      out_range->low = gap.high - n + 1;
      out_range->high = gap.high;
      if (out_carved)
        *out_carved = TRUE;
      return TRUE;
    }

  switch (kind)
    {
    case MESH_RANGE_KIND_UNICAST:
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED,
                           _("Every unicast address of the network belongs to a node or is "
                             "on its exclusion list, so there is none for this computer’s "
                             "node. Remove a node that is gone from the network first."));
      break;
    case MESH_RANGE_KIND_GROUP:
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED,
                           _("Every group address of the network is in use."));
      break;
    case MESH_RANGE_KIND_SCENE:
    default:
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_ADDRESS_EXHAUSTED,
                           _("Every scene number of the network is in use."));
      break;
    }

  return FALSE;
}
