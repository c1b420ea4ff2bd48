/* mesh-app-key.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "mesh-network.h"

G_BEGIN_DECLS

#define MESH_TYPE_APP_KEY (mesh_app_key_get_type ())

G_DECLARE_FINAL_TYPE (MeshAppKey, mesh_app_key, MESH, APP_KEY, GObject)

/* An AppKey's metadata. The key bytes are in the keyring
 * (MESH_SECRET_APP_KEY / MESH_SECRET_APP_KEY_OLD), never here. */
MeshAppKey  *mesh_app_key_new                (guint        index,
                                              guint        bound_net_key,
                                              const char  *name);

MeshNetwork *mesh_app_key_get_network        (MeshAppKey  *self);
guint        mesh_app_key_get_index          (MeshAppKey  *self);
void         mesh_app_key_set_index          (MeshAppKey  *self,
                                              guint        index);
guint        mesh_app_key_get_bound_net_key  (MeshAppKey  *self);
void         mesh_app_key_set_bound_net_key  (MeshAppKey  *self,
                                              guint        net_key_index);
const char  *mesh_app_key_get_name           (MeshAppKey  *self);
void         mesh_app_key_set_name           (MeshAppKey  *self,
                                              const char  *name);
/* ISO 8601, NULL when unknown (not part of the CDB). */
const char  *mesh_app_key_get_timestamp      (MeshAppKey  *self);
void         mesh_app_key_set_timestamp      (MeshAppKey  *self,
                                              const char  *timestamp);

G_END_DECLS
