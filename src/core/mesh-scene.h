/* mesh-scene.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "mesh-network.h"

G_BEGIN_DECLS

#define MESH_TYPE_SCENE (mesh_scene_get_type ())

G_DECLARE_FINAL_TYPE (MeshScene, mesh_scene, MESH, SCENE, GObject)

/* A scene: number (0x0001–0xFFFF), name, and the unicast addresses of the
 * elements that store it (CDB "addresses"), notified as "addresses". */
MeshScene     *mesh_scene_new            (guint16         number,
                                          const char     *name);

MeshNetwork   *mesh_scene_get_network    (MeshScene      *self);
guint16        mesh_scene_get_number     (MeshScene      *self);
void           mesh_scene_set_number     (MeshScene      *self,
                                          guint16         number);
const char    *mesh_scene_get_name       (MeshScene      *self);
void           mesh_scene_set_name       (MeshScene      *self,
                                          const char     *name);
const guint16 *mesh_scene_get_addresses  (MeshScene      *self,
                                          guint          *n_addresses);
void           mesh_scene_set_addresses  (MeshScene      *self,
                                          const guint16  *addresses,
                                          guint           n_addresses);
gboolean       mesh_scene_add_address    (MeshScene      *self,
                                          guint16         address);
gboolean       mesh_scene_remove_address (MeshScene      *self,
                                          guint16         address);

G_END_DECLS
