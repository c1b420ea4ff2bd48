/* mesh-node-row.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_NODE_ROW (mesh_node_row_get_type ())

G_DECLARE_FINAL_TYPE (MeshNodeRow, mesh_node_row, MESH, NODE_ROW, GtkWidget)

/* A row of the node list: name, company and product, address, configuration
 * state, and a Rename button that writes the new name to the store. */
GtkWidget *mesh_node_row_new        (void);
MeshNode  *mesh_node_row_get_node   (MeshNodeRow *self);
void       mesh_node_row_set_node   (MeshNodeRow *self,
                                     MeshNode    *node);
MeshStore *mesh_node_row_get_store  (MeshNodeRow *self);
void       mesh_node_row_set_store  (MeshNodeRow *self,
                                     MeshStore   *store);
/* Opens the rename popover. */
void       mesh_node_row_rename     (MeshNodeRow *self);

G_END_DECLS
