/* mesh-malloc.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GLib before 2.76 hands out small blocks (GHashTable, GList, json-glib's
 * nodes...) from its own slice allocator; 2.76 and later use malloc for
 * them. Here the slices cost a lot: the JSON tree of a large CDB file is
 * millions of them, and importing or exporting a 32,767-node network
 * takes about half as long again as with malloc (bench-cdb). GLib reads
 * its choice, G_SLICE=always-malloc, from the environment as it loads,
 * before main() runs: so a program that wants malloc sets the variable
 * and starts itself again, once, first thing in main(). */

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "mesh-malloc.h"

/**
 * mesh_malloc_prefer_system:
 * @argv: main()'s argument vector
 *
 * With a GLib older than 2.76, and unless G_SLICE is set already (by the
 * user, or by an earlier call), sets G_SLICE=always-malloc and executes
 * the program again with @argv. Returns only when there is nothing to do
 * or the program could not be started again (which only costs speed).
 * Call it first thing in main(), before threads exist.
 */
void
mesh_malloc_prefer_system (char **argv)
{
  if (glib_check_version (2, 76, 0) == NULL)
    return;

  if (g_getenv ("G_SLICE") != NULL)
    return;

  if (!g_setenv ("G_SLICE", "always-malloc", TRUE))
    return;

  execv ("/proc/self/exe", argv);
  g_debug ("Could not start again with malloc for GLib's slices: %s", g_strerror (errno));
}
