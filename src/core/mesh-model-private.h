/* mesh-model-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-model.h"

G_BEGIN_DECLS

struct _MeshModel
{
  GObject          parent_instance;

  MeshElement     *element;  /* not owned */

  guint32          model_id;
  gboolean         vendor;
  GArray          *bindings;       /* guint16 */
  GArray          *subscriptions;  /* MeshDestination */
  MeshPublication *publication;
};

MeshModel *mesh_model_clone (MeshModel *self);

G_END_DECLS
