/* test-sqlite.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-core-test-utils.h"
#include "mesh-error.h"
#include "mesh-sqlite-connection.h"

static MeshSqliteConnection *
open_temp (char **out_path)
{
  g_autofree char *path = mesh_core_test_temp_path ("test.db");
  g_autoptr(GError) error = NULL;
  MeshSqliteConnection *c = mesh_sqlite_connection_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  g_assert_true (mesh_sqlite_connection_execute (c,
    "CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, b BLOB, s TEXT UNIQUE) STRICT", &error));
  g_assert_no_error (error);

  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return c;
}

static char *
pragma_text (MeshSqliteConnection *c,
             const char           *sql)
{
  g_autoptr(MeshSqliteStatement) s = mesh_sqlite_connection_prepare (c, sql, NULL);

  g_assert_nonnull (s);
  g_assert_true (mesh_sqlite_statement_step (s, NULL));
  return g_strdup (mesh_sqlite_statement_get_text (s, 0));
}

static void
test_open_settings (void)
{
  g_autoptr(MeshSqliteConnection) c = open_temp (NULL);
  g_autofree char *journal = pragma_text (c, "PRAGMA journal_mode");
  g_autofree char *fk = pragma_text (c, "PRAGMA foreign_keys");

  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (fk, ==, "1");
}

static void
test_open_fails (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshSqliteConnection) c = NULL;

  c = mesh_sqlite_connection_open ("/nonexistent-directory/x/test.db", &error);
  g_assert_null (c);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "/nonexistent-directory/x/test.db"));
}

static void
test_bind_and_read (void)
{
  g_autoptr(MeshSqliteConnection) c = open_temp (NULL);
  g_autoptr(MeshSqliteStatement) insert = NULL;
  g_autoptr(MeshSqliteStatement) select = NULL;
  g_autoptr(GError) error = NULL;
  static const guint8 blob[] = { 0x00, 0xFF, 0x00, 0x10 };
  const guint8 *read_blob;
  gsize len;

  insert = mesh_sqlite_connection_prepare (c, "INSERT INTO t (i, b, s) VALUES (?1, ?2, ?3)", &error);
  g_assert_no_error (error);
  g_assert_true (mesh_sqlite_statement_bind_int64 (insert, 1, G_GINT64_CONSTANT (4294967295), &error));
  g_assert_true (mesh_sqlite_statement_bind_blob (insert, 2, blob, sizeof blob, &error));
  g_assert_true (mesh_sqlite_statement_bind_text (insert, 3, "Küche – 台所", &error));
  g_assert_true (mesh_sqlite_statement_execute (insert, &error));
  g_assert_cmpint (mesh_sqlite_connection_get_last_insert_id (c), ==, 1);
  g_assert_cmpint (mesh_sqlite_connection_get_changes (c), ==, 1);

  mesh_sqlite_statement_reset (insert);
  g_assert_true (mesh_sqlite_statement_bind_null (insert, 1, &error));
  g_assert_true (mesh_sqlite_statement_bind_blob (insert, 2, NULL, 0, &error));
  g_assert_true (mesh_sqlite_statement_bind_text (insert, 3, NULL, &error));
  g_assert_true (mesh_sqlite_statement_execute (insert, &error));

  mesh_sqlite_statement_reset (insert);
  g_assert_true (mesh_sqlite_statement_bind_boolean (insert, 1, TRUE, &error));
  g_assert_true (mesh_sqlite_statement_bind_int (insert, 1, -7, &error));
  g_assert_true (mesh_sqlite_statement_execute (insert, &error));
  g_assert_no_error (error);

  select = mesh_sqlite_connection_prepare (c, "SELECT id, i, b, s FROM t ORDER BY id", &error);
  g_assert_cmpint (mesh_sqlite_statement_get_column_count (select), ==, 4);

  g_assert_true (mesh_sqlite_statement_step (select, &error));
  g_assert_cmpint (mesh_sqlite_statement_get_int64 (select, 1), ==, G_GINT64_CONSTANT (4294967295));
  read_blob = mesh_sqlite_statement_get_blob (select, 2, &len);
  g_assert_cmpmem (read_blob, len, blob, sizeof blob);
  g_assert_cmpstr (mesh_sqlite_statement_get_text (select, 3), ==, "Küche – 台所");

  g_assert_true (mesh_sqlite_statement_step (select, &error));
  g_assert_true (mesh_sqlite_statement_get_is_null (select, 1));
  g_assert_true (mesh_sqlite_statement_get_is_null (select, 2));
  g_assert_null (mesh_sqlite_statement_get_text (select, 3));

  g_assert_true (mesh_sqlite_statement_step (select, &error));
  g_assert_cmpint (mesh_sqlite_statement_get_int (select, 1), ==, -7);
  g_assert_false (mesh_sqlite_statement_get_boolean (select, 0) == FALSE);

  /* The end is not an error. */
  g_assert_false (mesh_sqlite_statement_step (select, &error));
  g_assert_no_error (error);
}

static void
test_errors (void)
{
  g_autoptr(MeshSqliteConnection) c = open_temp (NULL);
  g_autoptr(MeshSqliteStatement) s = NULL;
  g_autoptr(GError) error = NULL;

  s = mesh_sqlite_connection_prepare (c, "SELEKT 1", &error);
  g_assert_null (s);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "syntax error"));
  g_clear_error (&error);

  s = mesh_sqlite_connection_prepare (c, "INSERT INTO t (s) VALUES (?1)", &error);
  g_assert_false (mesh_sqlite_statement_bind_int (s, 2, 1, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
  g_clear_error (&error);

  g_assert_true (mesh_sqlite_statement_bind_text (s, 1, "same", &error));
  g_assert_true (mesh_sqlite_statement_execute (s, &error));
  mesh_sqlite_statement_reset (s);
  g_assert_true (mesh_sqlite_statement_bind_text (s, 1, "same", &error));
  g_assert_false (mesh_sqlite_statement_execute (s, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_EXISTS);
  g_clear_error (&error);

  /* STRICT refuses text in an INTEGER column. */
  g_clear_object (&s);
  s = mesh_sqlite_connection_prepare (c, "INSERT INTO t (i) VALUES (?1)", &error);
  g_assert_true (mesh_sqlite_statement_bind_text (s, 1, "twelve", &error));
  g_assert_false (mesh_sqlite_statement_execute (s, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
  g_clear_error (&error);

  mesh_sqlite_connection_close (c);
  g_assert_false (mesh_sqlite_connection_execute (c, "SELECT 1", &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
}

static void
test_cached_statements (void)
{
  g_autoptr(MeshSqliteConnection) c = open_temp (NULL);
  g_autoptr(GError) error = NULL;
  MeshSqliteStatement *s1, *s2;
  g_autofree char *sql = g_strdup ("SELECT ?1");

  s1 = mesh_sqlite_connection_prepare_cached (c, "SELECT ?1", &error);
  g_assert_true (mesh_sqlite_statement_bind_int (s1, 1, 42, &error));
  g_assert_true (mesh_sqlite_statement_step (s1, &error));
  g_assert_cmpint (mesh_sqlite_statement_get_int (s1, 0), ==, 42);

  /* Same text, another buffer: the same statement, reset and unbound. */
  s2 = mesh_sqlite_connection_prepare_cached (c, sql, &error);
  g_assert_true (s1 == s2);
  g_assert_true (mesh_sqlite_statement_step (s2, &error));
  g_assert_true (mesh_sqlite_statement_get_is_null (s2, 0));
}

static void
test_transactions (void)
{
  g_autofree char *path = NULL;
  g_autoptr(MeshSqliteConnection) c = open_temp (&path);
  g_autoptr(MeshSqliteConnection) other = NULL;
  g_autoptr(MeshSqliteStatement) count = NULL;
  g_autoptr(GError) error = NULL;
  int version = -1;

  g_assert_false (mesh_sqlite_connection_in_transaction (c));
  g_assert_true (mesh_sqlite_connection_begin_transaction (c, &error));
  g_assert_true (mesh_sqlite_connection_in_transaction (c));
  g_assert_true (mesh_sqlite_connection_execute (c, "INSERT INTO t (s) VALUES ('gone')", &error));
  g_assert_true (mesh_sqlite_connection_set_user_version (c, 5, &error));
  mesh_sqlite_connection_rollback_transaction (c);
  g_assert_false (mesh_sqlite_connection_in_transaction (c));
  g_assert_true (mesh_sqlite_connection_get_user_version (c, &version, &error));
  g_assert_cmpint (version, ==, 0);

  g_assert_true (mesh_sqlite_connection_begin_transaction (c, &error));
  g_assert_true (mesh_sqlite_connection_execute (c, "INSERT INTO t (s) VALUES ('kept')", &error));
  g_assert_true (mesh_sqlite_connection_commit_transaction (c, &error));
  g_assert_no_error (error);

  /* Another connection sees the committed row only. */
  other = mesh_sqlite_connection_open (path, &error);
  count = mesh_sqlite_connection_prepare (other, "SELECT group_concat (s) FROM t", &error);
  g_assert_true (mesh_sqlite_statement_step (count, &error));
  g_assert_cmpstr (mesh_sqlite_statement_get_text (count, 0), ==, "kept");

  g_assert_true (mesh_sqlite_connection_table_exists (c, "t", &error));
  g_assert_false (mesh_sqlite_connection_table_exists (c, "nope", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sqlite/open-settings", test_open_settings);
  g_test_add_func ("/sqlite/open-fails", test_open_fails);
  g_test_add_func ("/sqlite/bind-and-read", test_bind_and_read);
  g_test_add_func ("/sqlite/errors", test_errors);
  g_test_add_func ("/sqlite/cached-statements", test_cached_statements);
  g_test_add_func ("/sqlite/transactions", test_transactions);

  return g_test_run ();
}
