/* mesh-address-range.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-address-range.h"
#include "mesh-error.h"

MeshAddressRange *
mesh_address_range_copy (const MeshAddressRange *self)
{
  return self != NULL ? g_memdup2 (self, sizeof *self) : NULL;
}

void
mesh_address_range_free (MeshAddressRange *self)
{
  g_free (self);
}

G_DEFINE_BOXED_TYPE (MeshAddressRange, mesh_address_range,
                     mesh_address_range_copy, mesh_address_range_free)

void
mesh_range_kind_get_bounds (MeshRangeKind  kind,
                            guint         *min,
                            guint         *max)
{
  switch (kind)
    {
    case MESH_RANGE_KIND_UNICAST:
      *min = MESH_UNICAST_MIN;
      *max = MESH_UNICAST_MAX;
      break;
    case MESH_RANGE_KIND_GROUP:
      *min = MESH_GROUP_MIN;
      *max = MESH_GROUP_MAX;
      break;
    case MESH_RANGE_KIND_SCENE:
    default:
      *min = MESH_SCENE_MIN;
      *max = MESH_SCENE_MAX;
      break;
    }
}

const char *
mesh_range_kind_to_string (MeshRangeKind kind)
{
  switch (kind)
    {
    case MESH_RANGE_KIND_UNICAST:
      return _("unicast");
    case MESH_RANGE_KIND_GROUP:
      return _("group");
    case MESH_RANGE_KIND_SCENE:
      return _("scene");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
mesh_address_range_contains (const MeshAddressRange *self,
                             guint                   address)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return address >= self->low && address <= self->high;
}

gboolean
mesh_address_range_overlaps (const MeshAddressRange *a,
                             const MeshAddressRange *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->low <= b->high && b->low <= a->high;
}

gboolean
mesh_address_range_validate (const MeshAddressRange *self,
                             MeshRangeKind           kind,
                             GError                **error)
{
  guint min, max;

  g_return_val_if_fail (self != NULL, FALSE);

  mesh_range_kind_get_bounds (kind, &min, &max);

  if (self->low > self->high)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                   /* Translators: the first %s is "unicast", "group" or "scene" */
                   _("The %s range %04X–%04X is invalid: it ends before it starts."),
                   mesh_range_kind_to_string (kind), self->low, self->high);
      return FALSE;
    }

  if (self->low < min || self->high > max)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                   _("The %s range %04X–%04X is outside the allowed %04X–%04X."),
                   mesh_range_kind_to_string (kind), self->low, self->high, min, max);
      return FALSE;
    }

  return TRUE;
}

/* Each range valid and none overlapping another of the same list. */
gboolean
mesh_address_ranges_validate (const MeshAddressRange *ranges,
                              guint                   n_ranges,
                              MeshRangeKind           kind,
                              GError                **error)
{
  g_return_val_if_fail (ranges != NULL || n_ranges == 0, FALSE);

  for (guint i = 0; i < n_ranges; i++)
    {
      if (!mesh_address_range_validate (&ranges[i], kind, error))
        return FALSE;

      for (guint j = 0; j < i; j++)
        {
          if (mesh_address_range_overlaps (&ranges[i], &ranges[j]))
            {
              g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                           _("The %s ranges %04X–%04X and %04X–%04X overlap."),
                           mesh_range_kind_to_string (kind),
                           ranges[j].low, ranges[j].high, ranges[i].low, ranges[i].high);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* Finds a range of @a overlapping one of @b; @out_overlap (may be NULL) gets
 * the common part. */
gboolean
mesh_address_ranges_find_overlap (const MeshAddressRange *a,
                                  guint                   n_a,
                                  const MeshAddressRange *b,
                                  guint                   n_b,
                                  MeshAddressRange       *out_overlap)
{
  for (guint i = 0; i < n_a; i++)
    for (guint j = 0; j < n_b; j++)
      {
        if (!mesh_address_range_overlaps (&a[i], &b[j]))
          continue;

        if (out_overlap != NULL)
          {
            out_overlap->low = MAX (a[i].low, b[j].low);
            out_overlap->high = MIN (a[i].high, b[j].high);
          }
        return TRUE;
      }

  return FALSE;
}

/* @ranges without the values of @cut, in the same order (a range @cut
 * falls inside of becomes two). Transfer full; *n_out ranges. */
MeshAddressRange *
mesh_address_ranges_subtract (const MeshAddressRange *ranges,
                              guint                   n_ranges,
                              const MeshAddressRange *cut,
                              guint                  *n_out)
{
  g_autoptr(GArray) out = NULL;
  gsize len = 0;
  MeshAddressRange *result;

  g_return_val_if_fail (cut != NULL && n_out != NULL, NULL);

  out = g_array_sized_new (FALSE, FALSE, sizeof (MeshAddressRange), n_ranges + 1);
  for (guint i = 0; i < n_ranges; i++)
    {
      MeshAddressRange r = ranges[i];

      if (!mesh_address_range_overlaps (&r, cut))
        {
          g_array_append_val (out, r);
          continue;
        }

      if (r.low < cut->low)
        {
          MeshAddressRange left = { r.low, cut->low - 1 };

          g_array_append_val (out, left);
        }
      if (r.high > cut->high)
        {
          MeshAddressRange right = { cut->high + 1, r.high };

          g_array_append_val (out, right);
        }
    }

  result = g_array_steal (out, &len);
  *n_out = len;

  return result;
}

/* Whether @count addresses from @first all lie inside one of the ranges. */
gboolean
mesh_address_ranges_contain (const MeshAddressRange *ranges,
                             guint                   n_ranges,
                             guint                   first,
                             guint                   count)
{
  guint last;

  if (count == 0)
    return FALSE;

  last = first + count - 1;
  for (guint i = 0; i < n_ranges; i++)
    if (first >= ranges[i].low && last <= ranges[i].high)
      return TRUE;

  return FALSE;
}
