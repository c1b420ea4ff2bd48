/* mesh-cdb-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-cdb-document.h"

G_BEGIN_DECLS

/*
 * Shared by the mesh-cdb-*.c files only.
 *
 * Error sentences are built from a description of the object they are
 * about ("node “Kitchen”", "element 1 of node “Kitchen”") and a format that
 * starts with it; mesh_cdb_set_error() makes the first letter upper case,
 * so one description serves both at the start and inside a sentence.
 */

gboolean  mesh_cdb_set_error         (GError            **error,
                                      const char         *format,
                                      ...) G_GNUC_PRINTF (2, 3);
char     *mesh_cdb_describe_node     (const MeshCdbNode  *node);
char     *mesh_cdb_format_address    (const MeshCdbAddress *address);

/* Frees @data with @free_func, in a thread of its own if @in_thread: the
 * json-glib tree of a big network takes a third as long to free as to
 * parse, and nobody needs to wait for that. */
void      mesh_cdb_free_in_thread    (gpointer            data,
                                      GDestroyNotify      free_func,
                                      gboolean            in_thread);

/* GHashTable functions for 16-byte UUIDs. */
guint     mesh_cdb_uuid_hash         (gconstpointer       uuid);
gboolean  mesh_cdb_uuid_equal        (gconstpointer       a,
                                      gconstpointer       b);

/* Address classes of the mesh specification. */
#define MESH_CDB_UNICAST_FIRST 0x0001
#define MESH_CDB_UNICAST_LAST  0x7FFF
#define MESH_CDB_GROUP_FIRST   0xC000
#define MESH_CDB_GROUP_LAST    0xFEFF  /* 0xFF00 and up are fixed groups */

static inline gboolean
mesh_cdb_is_unicast (guint address)
{
  return address >= MESH_CDB_UNICAST_FIRST && address <= MESH_CDB_UNICAST_LAST;
}

static inline gboolean
mesh_cdb_is_group (guint address)
{
  return address >= MESH_CDB_GROUP_FIRST && address <= MESH_CDB_GROUP_LAST;
}

G_END_DECLS
