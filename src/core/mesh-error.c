/* mesh-error.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-error.h"

G_DEFINE_QUARK (mesh-error-quark, mesh_error)
