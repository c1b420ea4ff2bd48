/* mesh-provisioner-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-provisioner.h"

G_BEGIN_DECLS

struct _MeshProvisioner
{
  GObject      parent_instance;

  MeshNetwork *network;  /* not owned */
  gint64       id;

  char        *uuid;
  char        *name;
  GArray      *ranges[3];  /* MeshAddressRange, by MeshRangeKind */
};

MeshProvisioner *mesh_provisioner_clone (MeshProvisioner *self);

G_END_DECLS
