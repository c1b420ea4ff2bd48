/* bench-cdb.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CDB import and export of a generated 32,767-node network (goals: import
 * ≤ 3 s, export ≤ 2 s). Prints the JSON-only part (reading = parsing and
 * validating; writing = serializing and saving the file).
 *
 *   meson compile -C _build bench-cdb && _build/bench/bench-cdb [N_NODES]
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "mesh-cdb-reader.h"
#include "mesh-cdb-writer.h"
#include "test-cdb-util.h"

#define RUNS 3

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
print_times (const char   *what,
             const double *times)
{
  double best = times[0], sum = 0.0;

  for (guint i = 0; i < RUNS; i++)
    {
      best = MIN (best, times[i]);
      sum += times[i];
    }
  g_print ("  %-44s best %7.3f s   mean %7.3f s\n", what, best, sum / RUNS);
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
  gsize size = 0;

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

      start = g_get_monotonic_time ();
      bytes = mesh_cdb_writer_write_bytes (document, NULL, NULL, NULL);
      serialize[i] = seconds_since (start);
      size = g_bytes_get_size (bytes);

      start = g_get_monotonic_time ();
      mesh_cdb_writer_write_file (document, file, NULL, NULL, &error);
      g_assert_no_error (error);
      write_file[i] = seconds_since (start);

      start = g_get_monotonic_time ();
      read = mesh_cdb_reader_read_file (file, NULL, NULL, &error);
      g_assert_no_error (error);
      read_file[i] = seconds_since (start);
      g_assert_cmpuint (read->nodes->len, ==, n_nodes);
    }

  g_print ("CDB, %u nodes, %.1f MiB of JSON, %d runs:\n", n_nodes, size / 1048576.0, RUNS);
  g_print (" JSON only\n");
  print_times ("export: document → JSON text", serialize);
  print_times ("export: document → file", write_file);
  print_times ("import: file → validated document", read_file);

  g_file_delete (file, NULL, NULL);
  return EXIT_SUCCESS;
}
