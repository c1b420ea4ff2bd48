/* mesh-group-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-group.h"

G_BEGIN_DECLS

struct _MeshGroup
{
  GObject          parent_instance;

  MeshNetwork     *network;  /* not owned */
  gint64           id;

  MeshDestination  address;
  MeshDestination  parent;
  char            *name;
};

MeshGroup *mesh_group_clone (MeshGroup *self);

G_END_DECLS
