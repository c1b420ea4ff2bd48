/* mesh-provisioner.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "mesh-address-range.h"
#include "mesh-network.h"

G_BEGIN_DECLS

#define MESH_TYPE_PROVISIONER (mesh_provisioner_get_type ())

G_DECLARE_FINAL_TYPE (MeshProvisioner, mesh_provisioner, MESH, PROVISIONER, GObject)

/* A provisioner of the network and its allocated ranges (several of each
 * kind). The provisioner's own node, if it has one, is the node of the
 * network with the same UUID. Setting ranges notifies "unicast-ranges",
 * "group-ranges" or "scene-ranges". */
MeshProvisioner        *mesh_provisioner_new                (const char             *uuid,
                                                             const char             *name);

MeshNetwork            *mesh_provisioner_get_network        (MeshProvisioner        *self);
const char             *mesh_provisioner_get_uuid           (MeshProvisioner        *self);
const char             *mesh_provisioner_get_name           (MeshProvisioner        *self);
void                    mesh_provisioner_set_name           (MeshProvisioner        *self,
                                                             const char             *name);

const MeshAddressRange *mesh_provisioner_get_ranges         (MeshProvisioner        *self,
                                                             MeshRangeKind           kind,
                                                             guint                  *n_ranges);
void                    mesh_provisioner_set_ranges         (MeshProvisioner        *self,
                                                             MeshRangeKind           kind,
                                                             const MeshAddressRange *ranges,
                                                             guint                   n_ranges);
void                    mesh_provisioner_add_range          (MeshProvisioner        *self,
                                                             MeshRangeKind           kind,
                                                             const MeshAddressRange *range);

/* Each range inside its address space (MESH_ERROR_INVALID_DATA)... */
gboolean                mesh_provisioner_validate_ranges    (MeshProvisioner        *self,
                                                             GError                **error);
/* ...and no range of @self overlapping one of the same kind of @other
 * (MESH_ERROR_CONFLICT, the message names both provisioners). */
gboolean                mesh_provisioner_check_disjoint     (MeshProvisioner        *self,
                                                             MeshProvisioner        *other,
                                                             GError                **error);

/* How many values mesh_provisioner_choose_ranges() gives a new
 * provisioner at most, of each kind. */
#define MESH_PROVISIONER_NEW_RANGE_SIZE 0x1000

/* This computer joining a network as a new provisioner: its ranges, apart
 * from the others', and its node's address (see the functions). */
gboolean                mesh_provisioner_choose_ranges      (MeshProvisioner        *self,
                                                             MeshNetwork            *network,
                                                             guint                   element_count,
                                                             guint16                *out_unicast,
                                                             GError                **error);
gboolean                mesh_provisioner_give_up_ranges     (MeshProvisioner        *self,
                                                             MeshProvisioner        *other);

G_END_DECLS
