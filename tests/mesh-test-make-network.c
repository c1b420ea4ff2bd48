/* mesh-test-make-network.c: writes the GUI tests' "home" network database.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "mesh-test-network.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  dir = g_path_get_dirname (argv[1]);
  g_mkdir_with_parents (dir, 0700);
  mesh_test_network_create_home (argv[1]);

  return 0;
}
