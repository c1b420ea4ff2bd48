/* mesh-node-page.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mesh-network-controller.h"
#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_NODE_PAGE (mesh_node_page_get_type ())

G_DECLARE_FINAL_TYPE (MeshNodePage, mesh_node_page, MESH, NODE_PAGE, GtkWidget)

/* A node: its identity, its features, and the tree of its elements and
 * models with their AppKeys, subscriptions and publication. Its "node.*"
 * actions that need the network go through the controller; without one
 * they are disabled. "busy" is TRUE while one of them runs. */
GtkWidget             *mesh_node_page_new            (void);
MeshNode              *mesh_node_page_get_node       (MeshNodePage          *self);
void                   mesh_node_page_set_node       (MeshNodePage          *self,
                                                      MeshStore             *store,
                                                      MeshNode              *node);
MeshNetworkController *mesh_node_page_get_controller (MeshNodePage          *self);
void                   mesh_node_page_set_controller (MeshNodePage          *self,
                                                      MeshNetworkController *controller);
/* The node's name as the page shows it. */
const char            *mesh_node_page_get_title      (MeshNodePage          *self);
gboolean               mesh_node_page_get_busy       (MeshNodePage          *self);
/* The element/model tree as shown (GListModel of GtkTreeListRow). */
GListModel            *mesh_node_page_get_tree       (MeshNodePage          *self);

G_END_DECLS
