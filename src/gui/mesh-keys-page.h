/* mesh-keys-page.h
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

#define MESH_TYPE_KEYS_PAGE (mesh_keys_page_get_type ())

G_DECLARE_FINAL_TYPE (MeshKeysPage, mesh_keys_page, MESH, KEYS_PAGE, GtkWidget)

/* The Keys section: the network's NetKeys and AppKeys with their names,
 * indexes and the NetKey each AppKey is bound to. Renaming writes to the
 * store; adding and deleting AppKeys go through the controller. */
GtkWidget *mesh_keys_page_new            (void);
void       mesh_keys_page_set_network    (MeshKeysPage          *self,
                                          MeshStore             *store,
                                          MeshNetwork           *network);
void       mesh_keys_page_set_controller (MeshKeysPage          *self,
                                          MeshNetworkController *controller);
gboolean   mesh_keys_page_get_busy       (MeshKeysPage          *self);

G_END_DECLS
