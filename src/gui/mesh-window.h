/* mesh-window.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mesh-application.h"
#include "mesh-network-controller.h"
#include "mesh-session.h"
#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_WINDOW (mesh_window_get_type())

G_DECLARE_FINAL_TYPE (MeshWindow, mesh_window, MESH, WINDOW, AdwApplicationWindow)

MeshWindow            *mesh_window_new                 (MeshApplication       *application);
void                   mesh_window_show_section        (MeshWindow            *self,
                                                        const char            *section);
const char            *mesh_window_get_visible_section (MeshWindow            *self);
void                   mesh_window_add_toast           (MeshWindow            *self,
                                                        const char            *message);

/* While the application opens the network database: the loading page,
 * until mesh_window_set_network(), or mesh_window_show_error() if the
 * database could not be opened. */
void                   mesh_window_show_loading        (MeshWindow            *self);
void                   mesh_window_show_error          (MeshWindow            *self,
                                                        const GError          *error);
/* Shows @network of @store, loading it first if needed; NULL shows the
 * welcome page. */
void                   mesh_window_set_network         (MeshWindow            *self,
                                                        MeshStore             *store,
                                                        MeshNetwork           *network);
MeshStore             *mesh_window_get_store           (MeshWindow            *self);
MeshNetwork           *mesh_window_get_network         (MeshWindow            *self);
/* What runs the actions that need bluetooth-meshd; NULL disables them. */
void                   mesh_window_set_controller      (MeshWindow            *self,
                                                        MeshNetworkController *controller);
MeshNetworkController *mesh_window_get_controller      (MeshWindow            *self);
/* The online session on the window's database (NULL until it is open). */
void                   mesh_window_set_session         (MeshWindow            *self,
                                                        MeshSession           *session);
MeshSession           *mesh_window_get_session         (MeshWindow            *self);
/* Imports a Mesh Configuration Database file into the empty window, as
 * Import Network… does after its file chooser. */
void                   mesh_window_import_file         (MeshWindow            *self,
                                                        GFile                 *file);
/* Shows the page of a node of the window's network. */
void                   mesh_window_show_node           (MeshWindow            *self,
                                                        MeshNode              *node);

G_END_DECLS
