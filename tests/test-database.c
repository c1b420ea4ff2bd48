/* test-database.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "mesh-core-test-utils.h"
#include "mesh-database-private.h"
#include "mesh-error.h"

static int
user_version (const char *path)
{
  g_autoptr(MeshSqliteConnection) c = mesh_sqlite_connection_open (path, NULL);
  int version = -1;

  g_assert_true (mesh_sqlite_connection_get_user_version (c, &version, NULL));
  return version;
}

static gboolean
has_table (const char *path,
           const char *table)
{
  g_autoptr(MeshSqliteConnection) c = mesh_sqlite_connection_open (path, NULL);

  return mesh_sqlite_connection_table_exists (c, table, NULL);
}

static char *
query_text (const char *path,
            const char *sql)
{
  g_autoptr(MeshSqliteConnection) c = mesh_sqlite_connection_open (path, NULL);
  g_autoptr(MeshSqliteStatement) s = mesh_sqlite_connection_prepare (c, sql, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (s);
  if (!mesh_sqlite_statement_step (s, &error))
    {
      g_assert_no_error (error);
      return NULL;
    }

  return g_strdup (mesh_sqlite_statement_get_text (s, 0));
}

static void
test_fresh (void)
{
  g_autofree char *path = mesh_core_test_temp_path ("fresh.db");
  g_autoptr(MeshDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const char *tables[] = { "networks", "provisioners", "provisioner_ranges", "net_keys", "app_keys",
                           "nodes", "node_net_keys", "node_app_keys", "elements", "models",
                           "model_bindings", "model_subscriptions", "mesh_groups", "scenes",
                           "scene_addresses", "exclusions" };
  g_autofree char *strict = NULL;

  db = mesh_database_open_sync (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mesh_database_get_path (db), ==, path);
  g_assert_cmpint (mesh_database_get_latest_version (), ==, 3);
  g_assert_cmpint (user_version (path), ==, mesh_database_get_latest_version ());

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_true (has_table (path, tables[i]));

  /* Every table is STRICT. */
  strict = query_text (path, "SELECT group_concat (name) FROM pragma_table_list WHERE schema = 'main' "
                             "AND name NOT LIKE 'sqlite_%' AND strict = 0");
  g_assert_null (strict);

  /* The only blobs are virtual labels (key material would be a blob or
   * hex text; tests/test-no-key-bytes.c checks the file itself). */
  g_free (strict);
  strict = query_text (path, "SELECT group_concat (m.name || '.' || p.name) FROM sqlite_schema m, "
                             "pragma_table_info (m.name) p WHERE m.type = 'table' AND "
                             "p.type = 'BLOB' AND p.name NOT LIKE '%label'");
  g_assert_null (strict);
}

/* Data written at an older version survives the upgrade. */
static void
test_from_each_version (void)
{
  guint n_migrations;
  const MeshMigration *migrations = mesh_database_get_migrations (&n_migrations);

  g_assert_cmpuint (n_migrations, ==, (guint) mesh_database_get_latest_version ());

  for (guint from = 0; from < n_migrations; from++)
    {
      g_autofree char *path = mesh_core_test_temp_path ("old.db");
      g_autoptr(MeshSqliteConnection) c = mesh_sqlite_connection_open (path, NULL);
      g_autoptr(MeshDatabase) db = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *group = NULL;

      g_test_message ("from version %u", from);
      g_assert_true (mesh_database_migrate (c, migrations, from, &error));
      g_assert_no_error (error);
      g_assert_cmpint (user_version (path), ==, (int) from);

      if (from >= 1)
        g_assert_true (mesh_sqlite_connection_execute (c,
          "INSERT INTO networks (id, uuid, name) VALUES (1, 'u', 'Old network');"
          "INSERT INTO nodes (network_id, uuid, unicast, element_count) VALUES (1, 'n', 5, 2);", &error));
      if (from >= 2)
        g_assert_true (mesh_sqlite_connection_execute (c,
          "INSERT INTO mesh_groups (network_id, name, address, label) VALUES (1, 'Old group', 49152, x'');", &error));
      g_assert_no_error (error);
      mesh_sqlite_connection_close (c);

      db = mesh_database_open_sync (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (user_version (path), ==, mesh_database_get_latest_version ());

      name = query_text (path, "SELECT name || '/' || ifnull (local_provisioner_uuid, '-') FROM networks");
      group = query_text (path, "SELECT name FROM mesh_groups");
      if (from >= 1)
        g_assert_cmpstr (name, ==, "Old network/-");
      else
        g_assert_null (name);
      if (from >= 2)
        g_assert_cmpstr (group, ==, "Old group");
      else
        g_assert_null (group);
    }
}

static gboolean
failing_step (MeshSqliteConnection  *c,
              GError               **error)
{
  /* Half the work done, then a failure. */
  if (!mesh_sqlite_connection_execute (c, "CREATE TABLE half_done (x INTEGER) STRICT", error))
    return FALSE;

  return mesh_sqlite_connection_execute (c, "INSERT INTO no_such_table VALUES (1)", error);
}

static void
test_failing_migration (void)
{
  g_autofree char *path = mesh_core_test_temp_path ("fail.db");
  g_autoptr(MeshSqliteConnection) c = mesh_sqlite_connection_open (path, NULL);
  g_autoptr(GError) error = NULL;
  guint n;
  const MeshMigration *real = mesh_database_get_migrations (&n);
  MeshMigration steps[] = { real[0], real[1], { 3, failing_step } };

  g_assert_false (mesh_database_migrate (c, steps, G_N_ELEMENTS (steps), &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "schema 3"));

  /* Steps 1 and 2 stay; step 3 left nothing behind. */
  g_assert_cmpint (user_version (path), ==, 2);
  g_assert_true (has_table (path, "mesh_groups"));
  g_assert_false (has_table (path, "half_done"));
  g_assert_false (mesh_sqlite_connection_in_transaction (c));

  /* The real step 3 then works. */
  g_clear_error (&error);
  g_assert_true (mesh_database_migrate (c, real, n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version (path), ==, 3);
}

static void
test_newer_refused (void)
{
  g_autofree char *path = mesh_core_test_temp_path ("newer.db");
  g_autoptr(MeshSqliteConnection) c = mesh_sqlite_connection_open (path, NULL);
  g_autoptr(MeshDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mesh_sqlite_connection_set_user_version (c, 99, NULL));
  mesh_sqlite_connection_close (c);

  db = mesh_database_open_sync (path, NULL, &error);
  g_assert_null (db);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_cmpint (user_version (path), ==, 99);
}

static void
test_constraints (void)
{
  g_autofree char *path = mesh_core_test_temp_path ("c.db");
  g_autoptr(MeshDatabase) db = mesh_database_open_sync (path, NULL, NULL);
  g_autoptr(MeshSqliteConnection) c = mesh_sqlite_connection_open (path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (db);
  /* Foreign keys: no provisioner of a missing network. */
  g_assert_false (mesh_sqlite_connection_execute (c,
    "INSERT INTO provisioners (network_id, uuid, name) VALUES (42, 'p', 'P')", &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
  g_clear_error (&error);

  /* Checks: unicast addresses are unicast. */
  g_assert_true (mesh_sqlite_connection_execute (c, "INSERT INTO networks (id, uuid, name) VALUES (1, 'u', 'N')", &error));
  g_assert_false (mesh_sqlite_connection_execute (c,
    "INSERT INTO nodes (network_id, uuid, unicast, element_count) VALUES (1, 'n', 32768, 1)", &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
  g_clear_error (&error);

  /* STRICT: no text where a number belongs. */
  g_assert_false (mesh_sqlite_connection_execute (c,
    "INSERT INTO networks (uuid, name, iv_index) VALUES ('v', 'N', 'seven')", &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
}

/* The worker */

static gpointer
thread_job (MeshSqliteConnection  *c,
            gpointer               data,
            GCancellable          *cancellable,
            GError               **error)
{
  GPtrArray *order = data;

  g_ptr_array_add (order, g_thread_self ());
  return g_thread_self ();
}

static gpointer
insert_then_fail_job (MeshSqliteConnection  *c,
                      gpointer               data,
                      GCancellable          *cancellable,
                      GError               **error)
{
  if (!mesh_sqlite_connection_execute (c, "INSERT INTO networks (uuid, name) VALUES ('x', 'Rolled back')", error))
    return NULL;

  g_set_error_literal (error, MESH_ERROR, MESH_ERROR_FAILED, "failed on purpose");
  return NULL;
}

static void
test_worker (void)
{
  g_autofree char *path = mesh_core_test_temp_path ("worker.db");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MeshDatabase) db = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *results[3] = { NULL, NULL, NULL };
  gpointer worker_thread;
  g_autofree char *count = NULL;

  mesh_database_open_async (path, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  db = mesh_database_open_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Jobs run off the main thread, in order; callbacks come back here. */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    mesh_database_run_async (db, thread_job, order, NULL, NULL, FALSE, NULL,
                             mesh_core_test_result_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GAsyncResult) r = mesh_core_test_wait (&results[i]);

      worker_thread = mesh_database_run_finish (db, r, &error);
      g_assert_no_error (error);
      g_assert_true (worker_thread != g_thread_self ());
      g_assert_true (worker_thread == order->pdata[0]);
    }
  g_assert_cmpuint (order->len, ==, 3);

  /* A failing job's transaction is rolled back. */
  g_assert_null (mesh_database_run_sync (db, insert_then_fail_job, NULL, NULL, NULL, TRUE, NULL, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_FAILED);
  g_clear_error (&error);
  count = query_text (path, "SELECT count (*) FROM networks");
  g_assert_cmpstr (count, ==, "0");

  /* Cancelled before it ran: it does not run. */
  g_cancellable_cancel (cancelled);
  mesh_database_run_async (db, thread_job, order, NULL, NULL, FALSE, cancelled,
                           mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_null (mesh_database_run_finish (db, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (order->len, ==, 3);

  /* After close, nothing runs. */
  mesh_database_close_async (db, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_database_close_finish (db, result, &error));
  g_clear_object (&result);
  g_assert_null (mesh_database_run_sync (db, thread_job, order, NULL, NULL, FALSE, NULL, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
  g_assert_cmpuint (order->len, ==, 3);
}

static gpointer
count_networks_job (MeshSqliteConnection  *c,
                    gpointer               data,
                    GCancellable          *cancellable,
                    GError               **error)
{
  g_autoptr(MeshSqliteStatement) s = mesh_sqlite_connection_prepare (c, "SELECT count (*) FROM networks", error);

  if (s == NULL || !mesh_sqlite_statement_step (s, error))
    return NULL;
  return GINT_TO_POINTER (mesh_sqlite_statement_get_int (s, 0) + 1);
}

/* mesh_database_open_begin(): jobs queued behind the open run once it is
 * done (creating the file's folders), or fail with its error. */
static void
test_open_begin (void)
{
  g_autofree char *dir = mesh_core_test_temp_path ("begin");
  g_autofree char *path = g_build_filename (dir, "a", "b", "networks.db", NULL);
  g_autofree char *blocked = g_build_filename (dir, "file", "networks.db", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autoptr(MeshDatabase) db = NULL;
  g_autoptr(MeshDatabase) failed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gpointer result;

  db = mesh_database_open_begin (path);
  result = mesh_database_run_sync (db, count_networks_job, NULL, NULL, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (GPOINTER_TO_INT (result), ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (user_version (path), ==, mesh_database_get_latest_version ());

  /* A file where the folder should be. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  failed = mesh_database_open_begin (blocked);
  g_assert_null (mesh_database_run_sync (failed, count_networks_job, NULL, NULL, NULL, FALSE, NULL, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
  expected = g_strdup_printf ("The folder %s for the network database cannot be created: %s.",
                              file, g_strerror (ENOTDIR));
  g_assert_cmpstr (error->message, ==, expected);

  /* Every job queued behind it fails so. */
  g_clear_error (&error);
  g_assert_null (mesh_database_run_sync (failed, count_networks_job, NULL, NULL, NULL, FALSE, NULL, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/database/fresh", test_fresh);
  g_test_add_func ("/database/from-each-version", test_from_each_version);
  g_test_add_func ("/database/failing-migration", test_failing_migration);
  g_test_add_func ("/database/newer-refused", test_newer_refused);
  g_test_add_func ("/database/constraints", test_constraints);
  g_test_add_func ("/database/worker", test_worker);
  g_test_add_func ("/database/open-begin", test_open_begin);

  return g_test_run ();
}
