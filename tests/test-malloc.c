/* test-malloc.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "mesh-malloc.h"

#define RUNS_VARIABLE "MESH_TEST_MALLOC_RUNS"

/* Run as a child: counts its starts in the environment, then asks for
 * malloc and prints what it ends up with. */
static int
child_main (char **argv)
{
  const char *runs = g_getenv (RUNS_VARIABLE);
  g_autofree char *next = g_strdup_printf ("%d", runs != NULL ? atoi (runs) + 1 : 1);

  g_setenv (RUNS_VARIABLE, next, TRUE);
  mesh_malloc_prefer_system (argv);
  g_print ("%s %s", g_getenv (RUNS_VARIABLE), g_getenv ("G_SLICE") ?: "(unset)");

  return 0;
}

static char *
run_child (const char *g_slice)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self, "--child", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  envp = g_environ_unsetenv (envp, RUNS_VARIABLE);
  envp = g_slice != NULL ? g_environ_setenv (envp, "G_SLICE", g_slice, TRUE)
                         : g_environ_unsetenv (envp, "G_SLICE");
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  return out;
}

/* With GLib < 2.76 the program starts once more, with malloc for GLib's
 * slices, and only once; newer GLib uses malloc anyway. */
static void
test_prefer_system (void)
{
  g_autofree char *out = run_child (NULL);

  if (glib_check_version (2, 76, 0) != NULL)
    g_assert_cmpstr (out, ==, "2 always-malloc");
  else
    g_assert_cmpstr (out, ==, "1 (unset)");
}

/* The user's own G_SLICE is left alone, and nothing starts again. */
static void
test_user_choice (void)
{
  g_autofree char *out = run_child ("debug-blocks");

  g_assert_cmpstr (out, ==, "1 debug-blocks");
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 2 && g_str_equal (argv[1], "--child"))
    return child_main (argv);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/malloc/prefer-system", test_prefer_system);
  g_test_add_func ("/malloc/user-choice", test_user_choice);

  return g_test_run ();
}
