/* mesh-window.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mesh-application.h"

G_BEGIN_DECLS

#define MESH_TYPE_WINDOW (mesh_window_get_type())

G_DECLARE_FINAL_TYPE (MeshWindow, mesh_window, MESH, WINDOW, AdwApplicationWindow)

MeshWindow *mesh_window_new                 (MeshApplication *application);
void        mesh_window_show_section        (MeshWindow      *self,
                                             const char      *section);
const char *mesh_window_get_visible_section (MeshWindow      *self);
void        mesh_window_add_toast           (MeshWindow      *self,
                                             const char      *message);

G_END_DECLS
