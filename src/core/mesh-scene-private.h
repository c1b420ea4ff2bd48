/* mesh-scene-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-scene.h"

G_BEGIN_DECLS

struct _MeshScene
{
  GObject      parent_instance;

  MeshNetwork *network;  /* not owned */
  gint64       id;

  guint16      number;
  char        *name;
  GArray      *addresses;  /* guint16 */
};

MeshScene *mesh_scene_clone (MeshScene *self);

G_END_DECLS
