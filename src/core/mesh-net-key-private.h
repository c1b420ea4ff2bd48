/* mesh-net-key-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-net-key.h"

G_BEGIN_DECLS

struct _MeshNetKey
{
  GObject              parent_instance;

  MeshNetwork         *network;  /* not owned */
  gint64               id;

  guint16              index;
  MeshKeyRefreshPhase  phase;
  MeshSecurity         min_security;
  char                *name;
  char                *timestamp;
};

MeshNetKey *mesh_net_key_clone (MeshNetKey *self);

G_END_DECLS
