/* mesh-nodes-page.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_NODES_PAGE (mesh_nodes_page_get_type ())

G_DECLARE_FINAL_TYPE (MeshNodesPage, mesh_nodes_page, MESH, NODES_PAGE, GtkWidget)

/* The Nodes section: the network's nodes sorted by address, with search.
 * Activating a node activates "win.show-node" with its UUID. */
GtkWidget   *mesh_nodes_page_new                (void);
MeshNetwork *mesh_nodes_page_get_network        (MeshNodesPage *self);
void         mesh_nodes_page_set_network        (MeshNodesPage *self,
                                                 MeshStore     *store,
                                                 MeshNetwork   *network);
gboolean     mesh_nodes_page_get_search_mode    (MeshNodesPage *self);
void         mesh_nodes_page_set_search_mode    (MeshNodesPage *self,
                                                 gboolean       search_mode);
/* Opens the search bar and focuses its entry. */
void         mesh_nodes_page_begin_search       (MeshNodesPage *self);
/* The nodes as shown: sorted and filtered (GListModel of MeshNode). */
GListModel  *mesh_nodes_page_get_visible_nodes  (MeshNodesPage *self);

G_END_DECLS
