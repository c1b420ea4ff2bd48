/* bench-gui-window.c: the main window's first frame, memory and search.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run inside a display session, as the GUI tests do:
 *   meson compile -C _build bench/bench-gui-window
 *   GSK_RENDERER=cairo tests/session-run _build/bench/bench-gui-window [RUNS]
 *
 * For an empty database and one with 32,767 nodes, it starts a fresh
 * process per run (so that building the database is not measured) that
 * opens the application as a user would, and prints:
 *   - the time from main() to the window's first frame, and to the first
 *     frame that shows the network (the node list, or the welcome page);
 *   - the resident memory (VmRSS) then;
 *   - at 32,767 nodes, for a sequence of search keystrokes: the time from
 *     setting the search text to the filter having run, and to the next
 *     frame painted with the result.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "mesh-application.h"
#include "mesh-malloc.h"
#include "mesh-nodes-page.h"
#include "mesh-test-network.h"
#include "mesh-window.h"

#define LARGE_NETWORK 32767

static gint64 start_time;

static double
ms_since (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static void
iterate_until (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* When the frame clock started the last frame (its layout phase). */
static gint64 frame_start;

static void
frame_start_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  frame_start = g_get_monotonic_time ();
}

/* Waits for the window's next painted frame. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  iterate_until (&painted);
  g_signal_handler_disconnect (clock, id);
}

static gboolean
shows_network (MeshWindow *window,
               gboolean    empty)
{
  const char *section = mesh_window_get_visible_section (window);

  return g_strcmp0 (section, empty ? "welcome" : "nodes") == 0 &&
         (empty || mesh_network_get_loaded (mesh_window_get_network (window)));
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   gpointer        user_data)
{
  *(gboolean *) user_data = TRUE;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Changes the entry's text as typing does: one insertion or deletion at
 * the end (gtk_editable_set_text() would go through the empty text). */
static void
type_text (GtkEditable *entry,
           const char  *text)
{
  const char *current = gtk_editable_get_text (entry);
  int common = 0;
  int position;

  while (current[common] != '\0' && current[common] == text[common])
    common++;

  if (current[common] != '\0')
    gtk_editable_delete_text (entry, g_utf8_pointer_to_offset (current, current + common), -1);

  position = g_utf8_strlen (text, common);
  if (text[common] != '\0')
    gtk_editable_insert_text (entry, text + common, -1, &position);
}

static void
measure_search (MeshWindow *window)
{
  static const char *keystrokes[] = {
    "k", "ki", "kit", "kitc", "kitch", "kitche", "kitchen", "kitchen ", "kitchen l",
    "kitchen li", "kitchen lig", "kitchen ligh", "kitchen light", "kitchen light 1",
    "kitchen light 12", "kitchen light 1", "kitchen light", "kitchen", "kit", "k", "",
    "0", "0x", "0x1", "0x12", "0x123", "0x1234", "",
    "n", "no", "nor", "nord", "nordic", "",
  };
  MeshNodesPage *page = MESH_NODES_PAGE (find_widget (GTK_WIDGET (window), MESH_TYPE_NODES_PAGE));
  GtkWidget *entry = find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  GListModel *visible;
  double total_filter = 0;
  double total_frame = 0;
  double total_work = 0;
  double max_frame = 0;
  double max_work = 0;
  gboolean changed = FALSE;

  visible = mesh_nodes_page_get_visible_nodes (page);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "layout",
                    G_CALLBACK (frame_start_cb), NULL);
  g_signal_connect_after (entry, "search-changed", G_CALLBACK (search_changed_cb), &changed);
  g_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  wait_for_frame (GTK_WIDGET (window));
  /* Opening the search prepares the nodes' search texts in idle time; a
   * person takes longer than this to start typing. */
  {
    gint64 until = g_get_monotonic_time () + 300 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }

  g_print ("  search keystrokes at %u nodes (filter | filter + frame work | until the frame is painted):\n",
           g_list_model_get_n_items (visible));

  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      gint64 t0;
      double filtered;
      double painted;
      double work;

      changed = FALSE;
      t0 = g_get_monotonic_time ();
      type_text (GTK_EDITABLE (entry), keystrokes[i]);
      iterate_until (&changed);
      filtered = ms_since (t0);
      /* The entry shows the new text: there is always a next frame. */
      wait_for_frame (GTK_WIDGET (window));
      painted = ms_since (t0);
      /* The work: filtering, then the frame's layout and paint, without the
       * wait for the frame clock's next tick in between. */
      work = filtered + ms_since (frame_start);

      g_print ("    %-20s %6u matches  %6.2f ms | %6.2f ms | %6.2f ms\n",
               keystrokes[i][0] != '\0' ? keystrokes[i] : "(cleared)",
               g_list_model_get_n_items (visible), filtered, work, painted);
      total_filter += filtered;
      total_work += work;
      total_frame += painted;
      max_work = MAX (max_work, work);
      max_frame = MAX (max_frame, painted);
    }

  g_print ("  search keystroke at %u nodes: filter mean %.2f ms; work (filter + frame) mean %.2f ms, worst %.2f ms; "
           "until painted mean %.2f ms, worst %.2f ms\n",
           LARGE_NETWORK, total_filter / G_N_ELEMENTS (keystrokes),
           total_work / G_N_ELEMENTS (keystrokes), max_work,
           total_frame / G_N_ELEMENTS (keystrokes), max_frame);
}

static int
measure (const char *dir,
         gboolean    empty,
         gboolean    search)
{
  g_autoptr(MeshApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  double first_frame;
  double network_frame;

  /* As the tests run it: settings in memory, the schema of the build tree,
   * and the cairo renderer (GL alone costs ~70 MB here, and varies). */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", MESH_SCHEMA_DIR, FALSE);
  g_setenv ("MESH_PROVISIONER_DATA_DIR", dir, TRUE);
  gtk_init ();
  adw_init ();

  app = mesh_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_hold (G_APPLICATION (app));
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));

  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (GTK_WIDGET (window));
  first_frame = ms_since (start_time);

  while (!shows_network (MESH_WINDOW (window), empty))
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (GTK_WIDGET (window));
  network_frame = ms_since (start_time);

  g_print ("  first frame %.1f ms, network shown %.1f ms, RSS %.1f MiB\n",
           first_frame, network_frame, rss_kib () / 1024.0);
  /* For the orchestrator: */
  g_printerr ("RESULT %.3f %.3f %ld\n", first_frame, network_frame, rss_kib ());

  if (search)
    measure_search (MESH_WINDOW (window));

  gtk_window_destroy (window);
  g_application_release (G_APPLICATION (app));

  return 0;
}

/* The store alone: opening the database and loading its network, as the
 * window does before it can show anything. */
static int
measure_store (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "networks.db", NULL);
  g_autoptr(MeshStore) store = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double opened;

  store = mesh_test_store_open (path);
  opened = ms_since (t0);
  mesh_test_store_load_network (store);
  g_printerr ("STORE %.3f %.3f\n", opened, ms_since (t0));
  mesh_test_store_close (&store);

  return 0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, values->len / 2);
}

static void
run_case (const char *self,
          guint       n_nodes,
          guint       runs,
          double     *network_ms,
          double     *rss_mib)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mesh-bench-XXXXXX", &error);
  g_autofree char *count = g_strdup_printf ("%u", n_nodes);
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  const char *populate[] = { self, "--populate", dir, count, NULL };
  g_autofree char *db = NULL;
  gint64 t0;

  g_assert_no_error (error);
  g_print ("%u nodes:\n", n_nodes);

  t0 = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) populate, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  db = g_build_filename (dir, "networks.db", NULL);
  if (n_nodes > 0)
    g_print ("  (database written in %.1f s)\n", ms_since (t0) / 1000);

  for (guint i = 0; i < runs; i++)
    {
      /* The last run of the large network also measures the search. */
      gboolean search = n_nodes > 0 && i == runs - 1;
      const char *measure_args[] = { self, n_nodes > 0 ? "--measure" : "--measure-empty", dir,
                                     search ? "--search" : NULL, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *line;
      double f, s;
      long r;
      double mib;
      int status;

      if (!g_spawn_sync (NULL, (char **) measure_args, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, &err, &status, &error))
        g_error ("%s", error->message);
      g_print ("%s", out);
      line = err != NULL ? strstr (err, "RESULT ") : NULL;
      if (line == NULL || sscanf (line, "RESULT %lf %lf %ld", &f, &s, &r) != 3)
        g_error ("The measuring process failed:\n%s", err);
      mib = r / 1024.0;
      g_array_append_val (first, f);
      g_array_append_val (shown, s);
      g_array_append_val (rss, mib);
    }

  if (n_nodes > 0)
    {
      const char *store_args[] = { self, "--measure-store", dir, NULL };
      g_autofree char *err = NULL;
      double opened, loaded;

      if (!g_spawn_sync (NULL, (char **) store_args, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         NULL, &err, NULL, &error) ||
          strstr (err, "STORE ") == NULL ||
          sscanf (strstr (err, "STORE "), "STORE %lf %lf", &opened, &loaded) != 2)
        g_error ("The store could not be measured: %s", err);
      g_print ("  of which the store (no GTK): database opened in %.1f ms, network loaded %.1f ms after\n",
               opened, loaded - opened);
    }

  *network_ms = median (shown);
  *rss_mib = median (rss);
  g_print ("  median of %u: first frame %.1f ms, network shown %.1f ms, RSS %.1f MiB\n",
           runs, median (first), *network_ms, *rss_mib);

  g_unlink (db);
  g_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = 3;
  double empty_ms, empty_rss, large_ms, large_rss;

  /* As the application runs (the new start is not counted). */
  mesh_malloc_prefer_system (argv);
  start_time = g_get_monotonic_time ();

  if (argc == 4 && g_str_equal (argv[1], "--populate"))
    {
      g_autofree char *path = g_build_filename (argv[2], "networks.db", NULL);
      guint n = atoi (argv[3]);

      if (n > 0)
        mesh_test_network_create_large (path, n);
      return 0;
    }

  if (argc == 3 && g_str_equal (argv[1], "--measure-store"))
    return measure_store (argv[2]);

  if (argc >= 3 && (g_str_equal (argv[1], "--measure") || g_str_equal (argv[1], "--measure-empty")))
    return measure (argv[2], g_str_equal (argv[1], "--measure-empty"),
                    argc == 4 && g_str_equal (argv[3], "--search"));

  if (argc == 2)
    runs = MAX (1, atoi (argv[1]));

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("Run it in a display session: tests/session-run %s\n", argv[0]);
      return 1;
    }

  g_print ("GSK_RENDERER=%s, %u runs per case\n",
           g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "(default)", runs);
  run_case (argv[0], 0, runs, &empty_ms, &empty_rss);
  run_case (argv[0], LARGE_NETWORK, runs, &large_ms, &large_rss);

  g_print ("\n%u nodes vs empty: network shown in %.2fx the time, RSS %.2fx (%.1f MiB; goals: <= 1.3x, <= 150 MB)\n",
           LARGE_NETWORK, large_ms / empty_ms, large_rss / empty_rss, large_rss);

  return 0;
}
