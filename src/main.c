/* main.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-application.h"
#include "mesh-malloc.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MeshApplication) app = NULL;

  mesh_malloc_prefer_system (argv);

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = mesh_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
