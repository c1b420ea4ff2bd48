/* mesh-node-filter.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mesh-node.h"

G_BEGIN_DECLS

#define MESH_TYPE_NODE_FILTER (mesh_node_filter_get_type ())

G_DECLARE_FINAL_TYPE (MeshNodeFilter, mesh_node_filter, MESH, NODE_FILTER, GtkFilter)

/* Filters MeshNodes by a search text: each word must appear, without regard
 * to case, in the node's name, its address ("0x0005" or "0005"), its UUID
 * (with or without dashes) or its company's name. */
MeshNodeFilter *mesh_node_filter_new        (void);
const char     *mesh_node_filter_get_search (MeshNodeFilter *self);
void            mesh_node_filter_set_search (MeshNodeFilter *self,
                                             const char     *search);
/* Builds the text to search of @node ahead of the search. */
void            mesh_node_filter_prepare    (MeshNodeFilter *self,
                                             MeshNode       *node);

G_END_DECLS
