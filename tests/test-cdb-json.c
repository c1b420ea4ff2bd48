/* test-cdb-json.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mesh-cdb-json.h"

/* The CDB reader's JSON parser: the values it gives, and the text it
 * leaves to json-glib (tests/fuzz/fuzz-cdb-json.c compares the two). */

static MeshCdbJson *
parse (const char *text)
{
  return mesh_cdb_json_parse (text, strlen (text));
}

static const MeshCdbJsonValue *
member (const MeshCdbJsonValue *object,
        const char             *name)
{
  const MeshCdbJsonValue *value = mesh_cdb_json_object_get_member (object, name);

  g_assert_nonnull (value);
  return value;
}

static void
assert_string (const MeshCdbJsonValue *value,
               const char             *expected,
               gsize                   length)
{
  g_assert_cmpint (value->type, ==, MESH_CDB_JSON_STRING);
  g_assert_true (value->utf8);
  g_assert_cmpuint (value->length, ==, length);
  g_assert_cmpmem (value->v.string, value->length + 1, expected, length + 1);
}

static void
test_values (void)
{
  g_autoptr(MeshCdbJson) json = parse (" {\"n\": null, \"t\": true, \"f\": false, \"i\": -42,"
                                       " \"big\": 123456789012345678, \"zero\": -0, \"d\": 2.5e3,"
                                       " \"neg\": -0.0, \"s\": \"Kitchen\", \"a\": [1, [], {}],"
                                       " \"o\": {\"x\": \"\"}}\n");
  const MeshCdbJsonValue *root, *a;

  g_assert_nonnull (json);
  root = mesh_cdb_json_get_root (json);
  g_assert_cmpint (root->type, ==, MESH_CDB_JSON_OBJECT);
  g_assert_cmpuint (root->length, ==, 11);

  g_assert_cmpint (member (root, "n")->type, ==, MESH_CDB_JSON_NULL);
  g_assert_cmpint (member (root, "t")->type, ==, MESH_CDB_JSON_BOOLEAN);
  g_assert_true (member (root, "t")->v.boolean);
  g_assert_false (member (root, "f")->v.boolean);
  g_assert_cmpint (member (root, "i")->type, ==, MESH_CDB_JSON_INTEGER);
  g_assert_cmpint (member (root, "i")->v.integer, ==, -42);
  g_assert_cmpint (member (root, "big")->v.integer, ==, G_GINT64_CONSTANT (123456789012345678));
  g_assert_cmpint (member (root, "zero")->type, ==, MESH_CDB_JSON_INTEGER);
  g_assert_cmpint (member (root, "zero")->v.integer, ==, 0);
  g_assert_cmpint (member (root, "d")->type, ==, MESH_CDB_JSON_DOUBLE);
  g_assert_cmpfloat (member (root, "d")->v.number, ==, 2500.0);
  g_assert_cmpint (member (root, "neg")->type, ==, MESH_CDB_JSON_DOUBLE);
  g_assert_true (signbit (member (root, "neg")->v.number));
  assert_string (member (root, "s"), "Kitchen", 7);

  a = member (root, "a");
  g_assert_cmpint (a->type, ==, MESH_CDB_JSON_ARRAY);
  g_assert_cmpuint (a->length, ==, 3);
  g_assert_cmpint (a->v.items[0].v.integer, ==, 1);
  g_assert_cmpint (a->v.items[1].type, ==, MESH_CDB_JSON_ARRAY);
  g_assert_cmpuint (a->v.items[1].length, ==, 0);
  g_assert_cmpint (a->v.items[2].type, ==, MESH_CDB_JSON_OBJECT);
  g_assert_cmpuint (a->v.items[2].length, ==, 0);

  assert_string (member (member (root, "o"), "x"), "", 0);
  g_assert_null (mesh_cdb_json_object_get_member (root, "missing"));
  g_assert_null (mesh_cdb_json_object_get_member (root, "S"));
}

static void
test_strings (void)
{
  g_autoptr(MeshCdbJson) json = parse ("[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"caf\xC3\xA9\","
                                       " \"\\u00e9\\u20AC\", \"\\ud83d\\ude00\"]");
  const MeshCdbJsonValue *root;

  g_assert_nonnull (json);
  root = mesh_cdb_json_get_root (json);
  assert_string (&root->v.items[0], "a\"b\\c/d\b\f\n\r\t", 12);
  assert_string (&root->v.items[1], "caf\xC3\xA9", 5);
  assert_string (&root->v.items[2], "\xC3\xA9\xE2\x82\xAC", 5);
  assert_string (&root->v.items[3], "\xF0\x9F\x98\x80", 4);
}

/* As json-glib: the last of members of the same name wins. */
static void
test_duplicates (void)
{
  g_autoptr(MeshCdbJson) json = parse ("{\"a\": 1, \"b\": 2, \"a\": \"last\"}");

  g_assert_nonnull (json);
  assert_string (member (mesh_cdb_json_get_root (json), "a"), "last", 4);
  g_assert_cmpint (member (mesh_cdb_json_get_root (json), "b")->v.integer, ==, 2);
}

/* Text that is not plain JSON, or whose meaning json-glib decides
 * differently (octal numbers, strings cut at U+0000, lone surrogates): no
 * tree, so that the reader asks json-glib. */
static void
test_left_to_json_glib (void)
{
  static const char *texts[] = {
    "", "  ", "{", "{\"a\": 1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{a: 1}", "{'a': 1}",
    "[01]", "[0x10]", "[+1]", "[.5]", "[1.]", "[1e]", "[- 1]", "[1234567890123456789]",
    "[tru]", "[truex]", "[true_]", "[null-]", "[1]//", "[1] /* */", "[1] [2]",
    "[\"\\u0000\"]", "[\"\\ud83d\"]", "[\"\\ude00\"]", "[\"\\ud83dx\"]", "[\"\\x\"]", "[\"\\101\"]",
    "[\"a\tb\"]", "[\"\xff\"]", "[\"\xC3\"]", "[\"abc", "[\"abc\\", "\xEF\xBB\xBF[]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(MeshCdbJson) json = parse (texts[i]);

      g_test_message ("%s", texts[i]);
      g_assert_null (json);
    }
}

static void
test_deep (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(MeshCdbJson) shallow = NULL;
  g_autoptr(MeshCdbJson) deep = NULL;

  for (guint i = 0; i < 512; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 512; i++)
    g_string_append_c (text, ']');
  shallow = parse (text->str);
  g_assert_nonnull (shallow);

  g_string_prepend_c (text, '[');
  g_string_append_c (text, ']');
  deep = parse (text->str);
  g_assert_null (deep);
}

static void
test_from_json_glib (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MeshCdbJson) json = NULL;
  g_autoptr(GError) error = NULL;
  const MeshCdbJsonValue *root, *list;

  /* A comment and an octal escape: json-glib only. */
  json_parser_load_from_data (parser, "{\"a\": [1, 2.5, true, null, \"x\\101\"], /* c */ \"b\": {}, \"a\": [\"\\364\"]}",
                              -1, &error);
  g_assert_no_error (error);
  json = mesh_cdb_json_new_from_node (json_parser_get_root (parser));
  root = mesh_cdb_json_get_root (json);
  g_assert_cmpint (root->type, ==, MESH_CDB_JSON_OBJECT);
  g_assert_cmpuint (root->length, ==, 2);
  g_assert_cmpint (member (root, "b")->type, ==, MESH_CDB_JSON_OBJECT);

  list = member (root, "a");
  g_assert_cmpuint (list->length, ==, 1);
  g_assert_cmpint (list->v.items[0].type, ==, MESH_CDB_JSON_STRING);
  g_assert_false (list->v.items[0].utf8);
  g_assert_cmpstr (list->v.items[0].v.string, ==, "\364");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cdb/json/values", test_values);
  g_test_add_func ("/cdb/json/strings", test_strings);
  g_test_add_func ("/cdb/json/duplicates", test_duplicates);
  g_test_add_func ("/cdb/json/left-to-json-glib", test_left_to_json_glib);
  g_test_add_func ("/cdb/json/deep", test_deep);
  g_test_add_func ("/cdb/json/from-json-glib", test_from_json_glib);

  return g_test_run ();
}
