/* mesh-application.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MESH_TYPE_APPLICATION (mesh_application_get_type())

G_DECLARE_FINAL_TYPE (MeshApplication, mesh_application, MESH, APPLICATION, AdwApplication)

MeshApplication *mesh_application_new               (void);
GSettings       *mesh_application_get_settings      (MeshApplication *self);

G_END_DECLS
