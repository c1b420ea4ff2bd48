/* mesh-element.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-node.h"

G_BEGIN_DECLS

#define MESH_TYPE_ELEMENT (mesh_element_get_type ())

G_DECLARE_FINAL_TYPE (MeshElement, mesh_element, MESH, ELEMENT, GObject)

typedef struct _MeshModel MeshModel;

/* An element of a node: index, GATT Namespace location descriptor, optional
 * name, and its models (a GListModel of MeshModel, in composition order). */
MeshElement *mesh_element_new           (guint         index,
                                         guint16       location);

MeshNode    *mesh_element_get_node      (MeshElement  *self);
guint        mesh_element_get_index     (MeshElement  *self);
/* The node's unicast address + index; 0 while the element has no node. */
guint16      mesh_element_get_address   (MeshElement  *self);
guint16      mesh_element_get_location  (MeshElement  *self);
void         mesh_element_set_location  (MeshElement  *self,
                                         guint16       location);
const char  *mesh_element_get_name      (MeshElement  *self);
void         mesh_element_set_name      (MeshElement  *self,
                                         const char   *name);

GListModel  *mesh_element_get_models    (MeshElement  *self);
/* In memory only; a model ID appears once per element. */
void         mesh_element_add_model     (MeshElement  *self,
                                         MeshModel    *model);
MeshModel   *mesh_element_find_model    (MeshElement  *self,
                                         guint32       model_id,
                                         gboolean      vendor);

G_END_DECLS
