/* test-cdb-writer.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "mesh-cdb-reader.h"
#include "mesh-cdb-writer.h"
#include "mesh-error.h"
#include "test-cdb-util.h"

/* Names travel through JSON escaping and back unchanged; json-glib, an
 * independent parser, reads the same strings. */
static void
test_string_escaping (void)
{
  static const char *names[] = {
    "plain",
    "quote \" and backslash \\",
    "tab\tnew line\ncarriage\rbell\a escape\x1b del\x7f unit\x1fseparator",
    "form\ffeed\bback",
    "ünïcödé – 電燈 – 💡",
    "/slash/",
    "",
  };
  g_autoptr(MeshCdbDocument) document = cdb_test_read_data ("minimal.json");
  g_autoptr(MeshCdbDocument) again = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonArray *nodes;

  for (guint i = 0; i < G_N_ELEMENTS (names) && i < document->nodes->len; i++)
    {
      MeshCdbNode *node = &g_array_index (document->nodes, MeshCdbNode, i);

      g_free (node->name);
      node->name = g_strdup (names[i]);
    }
  g_free (document->mesh_name);
  document->mesh_name = g_strjoinv ("|", (char **) names);

  text = cdb_test_write_string (document);
  again = cdb_test_read_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->mesh_name, ==, document->mesh_name);
  for (guint i = 0; i < document->nodes->len; i++)
    g_assert_cmpstr (g_array_index (again->nodes, MeshCdbNode, i).name, ==,
                     g_array_index (document->nodes, MeshCdbNode, i).name);

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "meshName"),
                   ==, document->mesh_name);
  nodes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "nodes");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (nodes, 1), "name"), ==, names[1]);

  /* Control characters and DEL are escaped (json-glib writes \u00XX in
   * lower case), not written raw: U+001F too, which json-glib forgets. */
  g_assert_nonnull (strstr (text, "bell\\u0007 escape\\u001b del\\u007f unit\\u001fseparator"));
  g_assert_null (strchr (text, 0x1F));
  g_assert_nonnull (strstr (text, "|tab\\tnew line\\ncarriage\\r"));
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(MeshCdbDocument) document = cdb_test_read_data ("minimal.json");
  g_autoptr(MeshCdbDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_free (document->mesh_name);
  document->mesh_name = g_strdup ("bad \xff\xfe bytes");
  text = cdb_test_write_string (document);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  again = cdb_test_read_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->mesh_name, ==, "bad \xef\xbf\xbd\xef\xbf\xbd bytes");
}

/* Generated networks: write, read, write again gives the same text, and
 * every node comes back. */
static void
test_generated_round_trip (void)
{
  g_autoptr(MeshCdbDocument) document = cdb_test_generate (2000, 99);
  g_autoptr(MeshCdbDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_true (mesh_cdb_document_validate (document, &error));
  first = cdb_test_write_string (document);
  again = cdb_test_read_string (first, &error);
  g_assert_no_error (error);
  second = cdb_test_write_string (again);
  g_assert_cmpstr (first, ==, second);

  g_assert_cmpuint (again->nodes->len, ==, 2000);
  for (guint i = 0; i < again->nodes->len; i++)
    {
      const MeshCdbNode *a = &g_array_index (document->nodes, MeshCdbNode, i);
      const MeshCdbNode *b = &g_array_index (again->nodes, MeshCdbNode, i);

      g_assert_cmpmem (a->uuid, 16, b->uuid, 16);
      g_assert_cmpmem (a->device_key, 16, b->device_key, 16);
      g_assert_cmpuint (a->unicast, ==, b->unicast);
    }
}

static void
test_layout (void)
{
  g_autoptr(MeshCdbDocument) document = mesh_cdb_document_new ();
  g_autofree char *text = NULL;
  static const guint8 uuid[16] = { 0xAB, 0xCD, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 0x01 };

  memcpy (document->mesh_uuid, uuid, 16);
  g_free (document->mesh_name);
  document->mesh_name = g_strdup ("Empty");
  g_free (document->timestamp);
  document->timestamp = g_strdup ("2026-01-31T12:00:00Z");
  document->partial = TRUE;

  text = cdb_test_write_string (document);
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"$schema\" : \"http://json-schema.org/draft-04/schema#\",\n"
                   "  \"id\" : \"https://www.bluetooth.com/specifications/specs/mesh-cdb-1-0-1-schema.json#\",\n"
                   "  \"version\" : \"1.0.1\",\n"
                   "  \"meshUUID\" : \"ABCD0000-0000-4000-8000-000000000001\",\n"
                   "  \"meshName\" : \"Empty\",\n"
                   "  \"timestamp\" : \"2026-01-31T12:00:00Z\",\n"
                   "  \"partial\" : true,\n"
                   "  \"netKeys\" : [],\n"
                   "  \"appKeys\" : [],\n"
                   "  \"provisioners\" : [],\n"
                   "  \"nodes\" : [],\n"
                   "  \"groups\" : [],\n"
                   "  \"scenes\" : [],\n"
                   "  \"networkExclusions\" : []\n"
                   "}\n");
}

typedef struct
{
  GMainLoop *loop;
  gboolean   done;
  GError    *error;
} AsyncWrite;

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWrite *state = user_data;

  state->done = mesh_cdb_writer_write_file_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_write_file_async (void)
{
  g_autoptr(MeshCdbDocument) document = cdb_test_read_data ("full.json");
  g_autoptr(MeshCdbProgress) progress = mesh_cdb_progress_new ();
  g_autofree char *expected = cdb_test_data_contents ("full.json");
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "written.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  AsyncWrite state = { g_main_loop_new (NULL, FALSE), FALSE, NULL };

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  mesh_cdb_writer_write_file_async (document, file, progress, NULL, write_done_cb, &state);
  g_main_loop_run (state.loop);

  g_assert_no_error (state.error);
  g_assert_true (state.done);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_assert_cmpfloat (mesh_cdb_progress_get_fraction (progress), ==, 1.0);
  g_assert_cmpstr (mesh_cdb_progress_get_text (progress), ==, "Writing the network…");

  g_main_loop_unref (state.loop);
}

static void
test_write_cancelled (void)
{
  g_autoptr(MeshCdbDocument) document = cdb_test_generate (2000, 5);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "cancelled.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AsyncWrite state = { g_main_loop_new (NULL, FALSE), FALSE, NULL };

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_cancellable_cancel (cancellable);
  mesh_cdb_writer_write_file_async (document, file, NULL, cancellable, write_done_cb, &state);
  g_main_loop_run (state.loop);

  g_assert_false (state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cdb/writer/string-escaping", test_string_escaping);
  g_test_add_func ("/cdb/writer/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/cdb/writer/generated-round-trip", test_generated_round_trip);
  g_test_add_func ("/cdb/writer/layout", test_layout);
  g_test_add_func ("/cdb/writer/file-async", test_write_file_async);
  g_test_add_func ("/cdb/writer/cancelled", test_write_cancelled);

  return g_test_run ();
}
