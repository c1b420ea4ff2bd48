/* mesh-test-make-lab-network.c: creates a network in the mesh lab's
 * bluetooth-meshd, for test-a11y.py to open.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "mesh-core-test-utils.h"
#include "mesh-session-test-utils.h"

/* Runs inside mesh-lab and session-run, like the app after it: the
 * network goes into the lab's meshd, its token and keys into the session's
 * keyring, the rest into DATABASE. */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(MeshSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  dir = g_path_get_dirname (argv[1]);
  g_mkdir_with_parents (dir, 0700);

  session = mesh_session_test_open (argv[1]);
  mesh_session_test_create_network (session, "Lab");

  mesh_session_close_async (session, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  if (!mesh_session_close_finish (session, result, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}
