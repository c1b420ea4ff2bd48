/* mesh-preferences-window.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MESH_TYPE_PREFERENCES_WINDOW (mesh_preferences_window_get_type())

G_DECLARE_FINAL_TYPE (MeshPreferencesWindow, mesh_preferences_window, MESH, PREFERENCES_WINDOW, AdwPreferencesWindow)

MeshPreferencesWindow *mesh_preferences_window_new (GSettings *settings);

G_END_DECLS
