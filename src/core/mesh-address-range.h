/* mesh-address-range.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MESH_TYPE_ADDRESS_RANGE (mesh_address_range_get_type ())

#define MESH_UNICAST_MIN 0x0001
#define MESH_UNICAST_MAX 0x7FFF
#define MESH_VIRTUAL_MIN 0x8000
#define MESH_VIRTUAL_MAX 0xBFFF
#define MESH_GROUP_MIN   0xC000
#define MESH_GROUP_MAX   0xFEFF  /* 0xFF00–0xFFFF are fixed group addresses */
#define MESH_SCENE_MIN   0x0001
#define MESH_SCENE_MAX   0xFFFF

/* The three address spaces a provisioner gets ranges of. */
typedef enum
{
  MESH_RANGE_KIND_UNICAST,
  MESH_RANGE_KIND_GROUP,
  MESH_RANGE_KIND_SCENE,
} MeshRangeKind;

/**
 * MeshAddressRange:
 * @low: the first address (or scene number) of the range
 * @high: the last one, inclusive
 *
 * A provisioner's allocated unicast or group range (CDB "lowAddress",
 * "highAddress") or scene range (CDB "firstScene", "lastScene").
 */
typedef struct
{
  guint16 low;
  guint16 high;
} MeshAddressRange;

GType             mesh_address_range_get_type     (void) G_GNUC_CONST;
MeshAddressRange *mesh_address_range_copy         (const MeshAddressRange *self);
void              mesh_address_range_free         (MeshAddressRange       *self);

gboolean          mesh_address_range_contains     (const MeshAddressRange *self,
                                                   guint                   address);
gboolean          mesh_address_range_overlaps     (const MeshAddressRange *a,
                                                   const MeshAddressRange *b);
gboolean          mesh_address_range_validate     (const MeshAddressRange *self,
                                                   MeshRangeKind           kind,
                                                   GError                **error);
gboolean          mesh_address_ranges_validate    (const MeshAddressRange *ranges,
                                                   guint                   n_ranges,
                                                   MeshRangeKind           kind,
                                                   GError                **error);
gboolean          mesh_address_ranges_find_overlap (const MeshAddressRange *a,
                                                    guint                   n_a,
                                                    const MeshAddressRange *b,
                                                    guint                   n_b,
                                                    MeshAddressRange       *out_overlap);
MeshAddressRange *mesh_address_ranges_subtract    (const MeshAddressRange *ranges,
                                                   guint                   n_ranges,
                                                   const MeshAddressRange *cut,
                                                   guint                  *n_out);
gboolean          mesh_address_ranges_contain     (const MeshAddressRange *ranges,
                                                   guint                   n_ranges,
                                                   guint                   first,
                                                   guint                   count);
const char       *mesh_range_kind_to_string       (MeshRangeKind           kind);
/* The address space of @kind: MESH_UNICAST_MIN–MESH_UNICAST_MAX... */
void              mesh_range_kind_get_bounds      (MeshRangeKind           kind,
                                                   guint                  *min,
                                                   guint                  *max);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshAddressRange, mesh_address_range_free)

G_END_DECLS
