/* bench-cdb.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CDB import and export of a generated 32,767-node network (goals: import
 * ≤ 3 s, export ≤ 2 s):
 *
 *  - JSON only: reading (parsing and validating) and writing the file;
 *  - the full path: file → database + keyring, and back, timed step by
 *    step (the steps are those MeshCdbProgress reports). It needs a secret
 *    service, so run it in a session of its own:
 *
 *   meson compile -C _build bench-cdb
 *   tests/session-run _build/bench/bench-cdb [N_NODES]
 *
 * Without a keyring the full path is skipped with a message. Figures are
 * the best and the median of RUNS runs, each after a pause (see settle ()).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "mesh-cdb-export.h"
#include "mesh-cdb-import.h"
#include "mesh-cdb-reader.h"
#include "mesh-cdb-writer.h"
#include "mesh-core-test-utils.h"
#include "mesh-keyring.h"
#include "mesh-malloc.h"
#include "test-cdb-util.h"

#define RUNS 5
#define SETTLE_SECONDS 2

/* Each operation leaves a big tree of objects for a thread to free, and
 * sqlite and the keyring their files to write: let that end before the
 * next timing, which is of one operation alone, as someone would run it. */
static void
settle (void)
{
  g_usleep (SETTLE_SECONDS * G_USEC_PER_SEC);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_times (const char   *what,
             const double *times,
             guint         n)
{
  double sorted[RUNS];
  double median;

  memcpy (sorted, times, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);
  median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  g_print ("  %-46s best %7.3f s   median %7.3f s\n", what, sorted[0], median);
}

/* The steps of an operation, timed from the progress' text changes. */
typedef struct
{
  gint64     start;
  gint64     step_start;
  char      *step;
  GString   *steps;
} Steps;

static void
step_changed_cb (MeshCdbProgress *progress,
                 GParamSpec      *pspec,
                 Steps           *steps)
{
  gint64 now = g_get_monotonic_time ();

  if (steps->step != NULL)
    g_string_append_printf (steps->steps, "    %-44s %7.3f s\n", steps->step,
                            (now - steps->step_start) / (double) G_USEC_PER_SEC);
  g_free (steps->step);
  steps->step = g_strdup (mesh_cdb_progress_get_text (progress));
  steps->step_start = now;
}

static void
steps_end (Steps *steps)
{
  gint64 now = g_get_monotonic_time ();

  if (steps->step != NULL)
    g_string_append_printf (steps->steps, "    %-44s %7.3f s\n", steps->step,
                            (now - steps->step_start) / (double) G_USEC_PER_SEC);
  g_clear_pointer (&steps->step, g_free);
}

static gboolean
keyring_available (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) secrets = NULL;
  g_autoptr(GError) error = NULL;

  mesh_keyring_lookup_all_async ("00000000-0000-4000-8000-000000000000", MESH_SECRET_NET_KEY,
                                 NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  secrets = mesh_keyring_lookup_all_finish (result, &error);
  if (secrets == NULL)
    g_print (" Database + keyring: skipped, %s\n"
             "  (run it as tests/session-run _build/bench/bench-cdb)\n", error->message);
  return secrets != NULL;
}

/* One import into a new database and one export of it, timed. */
static gboolean
run_full_path (GFile   *file,
               guint    n_nodes,
               double  *import_time,
               double  *export_time,
               GString *import_steps,
               GString *export_steps)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-cdb-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "network.db", NULL);
  g_autofree char *out_path = g_build_filename (dir, "export.json", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(MeshCdbProgress) progress = mesh_cdb_progress_new ();
  g_autoptr(MeshCdbImportResult) imported = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) exported = NULL;
  g_autoptr(GAsyncResult) closed = NULL;
  g_autoptr(MeshStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Steps steps = { 0 };
  gulong handler;
  gint64 start;

  store = mesh_store_open_sync (db_path, NULL, &error);
  if (store == NULL)
    {
      g_printerr ("Could not open %s: %s\n", db_path, error->message);
      return FALSE;
    }

  handler = g_signal_connect (progress, "notify::text", G_CALLBACK (step_changed_cb), &steps);

  steps.steps = import_steps;
  settle ();
  start = g_get_monotonic_time ();
  mesh_cdb_import_file_async (store, file, progress, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  if (!mesh_cdb_import_finish (result, &imported, &error))
    {
      g_printerr ("Import failed: %s\n", error->message);
      return FALSE;
    }
  *import_time = seconds_since (start);
  steps_end (&steps);
  g_assert_cmpuint (mesh_cdb_import_result_get_n_nodes_added (imported), ==, n_nodes);

  steps.steps = export_steps;
  settle ();
  start = g_get_monotonic_time ();
  mesh_cdb_export_file_async (store, mesh_cdb_import_result_get_network (imported), NULL, out,
                              progress, NULL, mesh_core_test_result_cb, &exported);
  exported = mesh_core_test_wait (&exported);
  if (!mesh_cdb_export_file_finish (exported, &error))
    {
      g_printerr ("Export failed: %s\n", error->message);
      return FALSE;
    }
  *export_time = seconds_since (start);
  steps_end (&steps);

  g_signal_handler_disconnect (progress, handler);
  mesh_store_close_async (store, NULL, mesh_core_test_result_cb, &closed);
  closed = mesh_core_test_wait (&closed);
  mesh_store_close_finish (store, closed, NULL);

  g_unlink (out_path);
  g_unlink (db_path);
  g_rmdir (dir);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint n_nodes = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 0x7FFF;
  g_autoptr(MeshCdbDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  double serialize[RUNS], write_file[RUNS], read_file[RUNS];
  double import_time[RUNS], export_time[RUNS];
  g_autoptr(GString) import_steps = g_string_new (NULL);
  g_autoptr(GString) export_steps = g_string_new (NULL);
  gsize size = 0;
  guint runs = 0;

  /* As the application and meshprov run. */
  mesh_malloc_prefer_system (argv);

  setlocale (LC_ALL, "");

  if (n_nodes == 0 || n_nodes > 0x7FFF)
    {
      g_printerr ("usage: %s [N_NODES (1–32767)]\n", argv[0]);
      return EXIT_FAILURE;
    }

  document = cdb_test_generate (n_nodes, 1);
  file = g_file_new_tmp ("bench-cdb-XXXXXX.json", &stream, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(MeshCdbDocument) read = NULL;
      gint64 start;

      settle ();
      start = g_get_monotonic_time ();
      bytes = mesh_cdb_writer_write_bytes (document, NULL, NULL, NULL);
      serialize[i] = seconds_since (start);
      size = g_bytes_get_size (bytes);

      settle ();
      start = g_get_monotonic_time ();
      mesh_cdb_writer_write_file (document, file, NULL, NULL, &error);
      g_assert_no_error (error);
      write_file[i] = seconds_since (start);

      settle ();
      start = g_get_monotonic_time ();
      read = mesh_cdb_reader_read_file (file, NULL, NULL, &error);
      g_assert_no_error (error);
      read_file[i] = seconds_since (start);
      g_assert_cmpuint (read->nodes->len, ==, n_nodes);
    }

  g_print ("CDB, %u nodes, %.1f MiB of JSON, %d runs, on %u processors:\n",
           n_nodes, size / 1048576.0, RUNS, g_get_num_processors ());
  g_print (" JSON only\n");
  print_times ("export: document → JSON text", serialize, RUNS);
  print_times ("export: document → file", write_file, RUNS);
  print_times ("import: file → validated document", read_file, RUNS);

  if (keyring_available ())
    {
      for (; runs < RUNS; runs++)
        {
          g_string_truncate (import_steps, 0);
          g_string_truncate (export_steps, 0);
          if (!run_full_path (file, n_nodes, &import_time[runs], &export_time[runs],
                              import_steps, export_steps))
            break;
        }
      if (runs > 0)
        {
          g_print (" Database + keyring (a new database each run)\n");
          print_times ("import: file → database + keyring", import_time, runs);
          g_print ("   steps of the last import:\n%s", import_steps->str);
          print_times ("export: database + keyring → file", export_time, runs);
          g_print ("   steps of the last export:\n%s", export_steps->str);
        }
    }

  g_file_delete (file, NULL, NULL);
  return runs == RUNS || runs == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
