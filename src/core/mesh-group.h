/* mesh-group.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "mesh-config-types.h"
#include "mesh-network.h"

G_BEGIN_DECLS

#define MESH_TYPE_GROUP (mesh_group_get_type ())

G_DECLARE_FINAL_TYPE (MeshGroup, mesh_group, MESH, GROUP, GObject)

/* A group: a group address or a virtual label, and a parent group (address
 * 0 without label means none, like the CDB's "0000"). */
MeshGroup             *mesh_group_new          (const MeshDestination *address,
                                                const char            *name);

MeshNetwork           *mesh_group_get_network  (MeshGroup             *self);
const MeshDestination *mesh_group_get_address  (MeshGroup             *self);
void                   mesh_group_set_address  (MeshGroup             *self,
                                                const MeshDestination *address);
const char            *mesh_group_get_name     (MeshGroup             *self);
void                   mesh_group_set_name     (MeshGroup             *self,
                                                const char            *name);
const MeshDestination *mesh_group_get_parent   (MeshGroup             *self);
void                   mesh_group_set_parent   (MeshGroup             *self,
                                                const MeshDestination *parent);
gboolean               mesh_group_has_parent   (MeshGroup             *self);

G_END_DECLS
