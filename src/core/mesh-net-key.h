/* mesh-net-key.h
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

#define MESH_TYPE_NET_KEY (mesh_net_key_get_type ())

G_DECLARE_FINAL_TYPE (MeshNetKey, mesh_net_key, MESH, NET_KEY, GObject)

/* A NetKey's metadata. The key bytes are in the keyring
 * (MESH_SECRET_NET_KEY / MESH_SECRET_NET_KEY_OLD), never here. */
MeshNetKey          *mesh_net_key_new                (guint                index,
                                                      const char          *name);

MeshNetwork         *mesh_net_key_get_network        (MeshNetKey          *self);
guint                mesh_net_key_get_index          (MeshNetKey          *self);
void                 mesh_net_key_set_index          (MeshNetKey          *self,
                                                      guint                index);
const char          *mesh_net_key_get_name           (MeshNetKey          *self);
void                 mesh_net_key_set_name           (MeshNetKey          *self,
                                                      const char          *name);
MeshKeyRefreshPhase  mesh_net_key_get_phase          (MeshNetKey          *self);
void                 mesh_net_key_set_phase          (MeshNetKey          *self,
                                                      MeshKeyRefreshPhase  phase);
MeshSecurity         mesh_net_key_get_min_security   (MeshNetKey          *self);
void                 mesh_net_key_set_min_security   (MeshNetKey          *self,
                                                      MeshSecurity         security);
const char          *mesh_net_key_get_timestamp      (MeshNetKey          *self);
void                 mesh_net_key_set_timestamp      (MeshNetKey          *self,
                                                      const char          *timestamp);

G_END_DECLS
