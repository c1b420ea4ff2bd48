/* mesh-element-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-element.h"

G_BEGIN_DECLS

struct _MeshElement
{
  GObject     parent_instance;

  MeshNode   *node;  /* not owned */

  guint8      index;
  guint16     location;
  char       *name;
  GListStore *models;
};

/* A copy with copies of the models, belonging to no node. */
MeshElement *mesh_element_clone (MeshElement *self);

G_END_DECLS
