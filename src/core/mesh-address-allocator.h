/* mesh-address-allocator.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mesh-address-range.h"

G_BEGIN_DECLS

/**
 * MeshAddressAllocator:
 *
 * Picks free unicast addresses, group addresses and scene numbers from a
 * provisioner's ranges. It knows what is in use (node elements, groups,
 * scenes) and the exclusion list with the IV index rule: an address
 * excluded at IV index i may be given out again once the current IV index
 * is i + 2 or more (Mesh Profile 1.0.1 §3.10.7; by then the IV index part
 * of SeqAuth is higher than anything the removed node used).
 *
 * Pure logic over interval sets, no database: feed it with
 * mesh_network_create_allocator() or by hand.
 */
typedef struct _MeshAddressAllocator MeshAddressAllocator;

MeshAddressAllocator *mesh_address_allocator_new            (guint32                 iv_index);
void                  mesh_address_allocator_free           (MeshAddressAllocator   *self);

/* The IV index rule of the exclusion list. */
gboolean              mesh_address_allocator_exclusion_applies (guint32         excluded_at_iv_index,
                                                                guint32         current_iv_index);

void                  mesh_address_allocator_set_iv_index   (MeshAddressAllocator   *self,
                                                             guint32                 iv_index);
guint32               mesh_address_allocator_get_iv_index   (MeshAddressAllocator   *self);

/* Unicast addresses: @count consecutive addresses from @first. */
void                  mesh_address_allocator_mark_unicast   (MeshAddressAllocator   *self,
                                                             guint16                 first,
                                                             guint                   count);
void                  mesh_address_allocator_release_unicast (MeshAddressAllocator  *self,
                                                              guint16                first,
                                                              guint                  count,
                                                              gboolean               exclude);
void                  mesh_address_allocator_add_exclusion  (MeshAddressAllocator   *self,
                                                             guint32                 iv_index,
                                                             guint16                 address);
gboolean              mesh_address_allocator_is_excluded    (MeshAddressAllocator   *self,
                                                             guint16                 address);
gboolean              mesh_address_allocator_is_unicast_free (MeshAddressAllocator  *self,
                                                              guint16                first,
                                                              guint                  count);
gboolean              mesh_address_allocator_allocate_unicast (MeshAddressAllocator   *self,
                                                               const MeshAddressRange *ranges,
                                                               guint                   n_ranges,
                                                               guint                   element_count,
                                                               guint16                *out_address,
                                                               GError                **error);

/* Group addresses (0xC000–0xFEFF). */
void                  mesh_address_allocator_mark_group     (MeshAddressAllocator   *self,
                                                             guint16                 address);
void                  mesh_address_allocator_release_group  (MeshAddressAllocator   *self,
                                                             guint16                 address);
gboolean              mesh_address_allocator_is_group_free  (MeshAddressAllocator   *self,
                                                             guint16                 address);
gboolean              mesh_address_allocator_allocate_group (MeshAddressAllocator   *self,
                                                             const MeshAddressRange *ranges,
                                                             guint                   n_ranges,
                                                             guint16                *out_address,
                                                             GError                **error);

/* Scene numbers (0x0001–0xFFFF). */
void                  mesh_address_allocator_mark_scene     (MeshAddressAllocator   *self,
                                                             guint16                 number);
void                  mesh_address_allocator_release_scene  (MeshAddressAllocator   *self,
                                                             guint16                 number);
gboolean              mesh_address_allocator_is_scene_free  (MeshAddressAllocator   *self,
                                                             guint16                 number);
gboolean              mesh_address_allocator_allocate_scene (MeshAddressAllocator   *self,
                                                             const MeshAddressRange *ranges,
                                                             guint                   n_ranges,
                                                             guint16                *out_number,
                                                             GError                **error);

/* A range for a new provisioner of the network; see the function. */
gboolean              mesh_address_allocator_find_new_range (MeshAddressAllocator  *self,
                                                             MeshRangeKind           kind,
                                                             const MeshAddressRange *taken,
                                                             guint                   n_taken,
                                                             guint                   size,
                                                             MeshAddressRange       *out_range,
                                                             gboolean               *out_carved,
                                                             GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshAddressAllocator, mesh_address_allocator_free)

G_END_DECLS
