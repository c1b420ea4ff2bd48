/* mesh-cdb-store-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-keyring.h"

G_BEGIN_DECLS

/* Shared by mesh-cdb-import.c and mesh-cdb-export.c, the CDB files that use
 * the database and the keyring. */

/* MeshSecret items (from mesh_keyring_lookup_all_finish()) as a table of
 * index → GBytes value. */
GHashTable *mesh_cdb_secrets_by_index (GPtrArray *secrets);

G_END_DECLS
