/* mesh-uuid.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* UUIDs as bytes (16, as they travel in mesh messages and on D-Bus) and as
 * the canonical text the model objects keep (lowercase 8-4-4-4-12). */

/* NULL unless @uuid has 16 bytes. */
char   *mesh_uuid_to_string   (GBytes     *uuid);
/* Any form mesh_uuid_canonicalize() takes; NULL if it is not a UUID. */
GBytes *mesh_uuid_from_string (const char *uuid);
/* A random (version 4) UUID. */
GBytes *mesh_uuid_new_random  (void);

G_END_DECLS
