/* mesh-app-key-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-app-key.h"

G_BEGIN_DECLS

struct _MeshAppKey
{
  GObject      parent_instance;

  MeshNetwork *network;  /* not owned */
  gint64       id;

  guint16      index;
  guint16      bound_net_key;
  char        *name;
  char        *timestamp;
};

MeshAppKey *mesh_app_key_clone (MeshAppKey *self);

G_END_DECLS
