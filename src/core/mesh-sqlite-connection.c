/* mesh-sqlite-connection.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-error.h"
#include "mesh-sqlite-private.h"

struct _MeshSqliteConnection
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;  /* SQL text → MeshSqliteStatement */
};

G_DEFINE_FINAL_TYPE (MeshSqliteConnection, mesh_sqlite_connection, G_TYPE_OBJECT)

void
mesh_sqlite_set_error (GError    **error,
                       int         rc,
                       const char *message)
{
  MeshError code = MESH_ERROR_DATABASE;

  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    code = MESH_ERROR_EXISTS;

  g_set_error (error, MESH_ERROR, code,
               _("The network database reported an error (%s)."),
               message != NULL ? message : sqlite3_errstr (rc));
}

static void
set_error_from_db (MeshSqliteConnection  *self,
                   GError               **error)
{
  mesh_sqlite_set_error (error, sqlite3_extended_errcode (self->db), sqlite3_errmsg (self->db));
}

MeshSqliteConnection *
mesh_sqlite_connection_open (const char  *path,
                             GError     **error)
{
  g_autoptr(MeshSqliteConnection) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (MESH_TYPE_SQLITE_CONNECTION, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_DATABASE,
                   _("The network database “%s” could not be opened (%s)."),
                   path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  /* Another process (the command line tool) may hold a write lock briefly. */
  sqlite3_busy_timeout (self->db, 5000);

  /* WAL: readers never wait for the writer; NORMAL sync is safe with WAL
   * (a power cut may lose the last commits, never corrupt the file). */
  if (!mesh_sqlite_connection_execute (self, "PRAGMA journal_mode = WAL", error) ||
      !mesh_sqlite_connection_execute (self, "PRAGMA synchronous = NORMAL", error) ||
      !mesh_sqlite_connection_execute (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  return g_steal_pointer (&self);
}

void
mesh_sqlite_connection_close (MeshSqliteConnection *self)
{
  g_return_if_fail (MESH_IS_SQLITE_CONNECTION (self));

  g_hash_table_remove_all (self->statements);
  /* _v2: statements still referenced elsewhere keep the handle alive. */
  g_clear_pointer (&self->db, sqlite3_close_v2);
}

const char *
mesh_sqlite_connection_get_path (MeshSqliteConnection *self)
{
  g_return_val_if_fail (MESH_IS_SQLITE_CONNECTION (self), NULL);

  return self->path;
}

static gboolean
check_open (MeshSqliteConnection  *self,
            GError               **error)
{
  if (self->db != NULL)
    return TRUE;

  g_set_error_literal (error, MESH_ERROR, MESH_ERROR_DATABASE,
                       _("The network database is closed."));
  return FALSE;
}

gboolean
mesh_sqlite_connection_execute (MeshSqliteConnection  *self,
                                const char            *sql,
                                GError               **error)
{
  g_return_val_if_fail (MESH_IS_SQLITE_CONNECTION (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  if (!check_open (self, error))
    return FALSE;

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_error_from_db (self, error);
      return FALSE;
    }

  return TRUE;
}

MeshSqliteStatement *
mesh_sqlite_connection_prepare (MeshSqliteConnection  *self,
                                const char            *sql,
                                GError               **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (MESH_IS_SQLITE_CONNECTION (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (!check_open (self, error))
    return NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  return mesh_sqlite_statement_new (self, stmt);
}

MeshSqliteStatement *
mesh_sqlite_connection_prepare_cached (MeshSqliteConnection  *self,
                                       const char            *sql,
                                       GError               **error)
{
  MeshSqliteStatement *statement;

  g_return_val_if_fail (MESH_IS_SQLITE_CONNECTION (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  statement = g_hash_table_lookup (self->statements, sql);
  if (statement != NULL)
    {
      mesh_sqlite_statement_reset (statement);
      return statement;
    }

  statement = mesh_sqlite_connection_prepare (self, sql, error);
  if (statement == NULL)
    return NULL;

  g_hash_table_insert (self->statements, g_strdup (sql), statement);
  return statement;
}

gint64
mesh_sqlite_connection_get_last_insert_id (MeshSqliteConnection *self)
{
  g_return_val_if_fail (MESH_IS_SQLITE_CONNECTION (self), 0);
  g_return_val_if_fail (self->db != NULL, 0);

  return sqlite3_last_insert_rowid (self->db);
}

int
mesh_sqlite_connection_get_changes (MeshSqliteConnection *self)
{
  g_return_val_if_fail (MESH_IS_SQLITE_CONNECTION (self), 0);
  g_return_val_if_fail (self->db != NULL, 0);

  return sqlite3_changes (self->db);
}

gboolean
mesh_sqlite_connection_begin_transaction (MeshSqliteConnection  *self,
                                          GError               **error)
{
  /* IMMEDIATE takes the write lock now, so a busy database fails here
   * rather than half-way through. */
  return mesh_sqlite_connection_execute (self, "BEGIN IMMEDIATE", error);
}

gboolean
mesh_sqlite_connection_commit_transaction (MeshSqliteConnection  *self,
                                           GError               **error)
{
  return mesh_sqlite_connection_execute (self, "COMMIT", error);
}

void
mesh_sqlite_connection_rollback_transaction (MeshSqliteConnection *self)
{
  g_return_if_fail (MESH_IS_SQLITE_CONNECTION (self));

  if (mesh_sqlite_connection_in_transaction (self))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
mesh_sqlite_connection_in_transaction (MeshSqliteConnection *self)
{
  g_return_val_if_fail (MESH_IS_SQLITE_CONNECTION (self), FALSE);

  return self->db != NULL && !sqlite3_get_autocommit (self->db);
}

gboolean
mesh_sqlite_connection_get_user_version (MeshSqliteConnection  *self,
                                         int                   *out_version,
                                         GError               **error)
{
  g_autoptr(MeshSqliteStatement) statement = NULL;

  statement = mesh_sqlite_connection_prepare (self, "PRAGMA user_version", error);
  if (statement == NULL)
    return FALSE;

  if (!mesh_sqlite_statement_step (statement, error))
    return FALSE;

  *out_version = mesh_sqlite_statement_get_int (statement, 0);
  return TRUE;
}

gboolean
mesh_sqlite_connection_set_user_version (MeshSqliteConnection  *self,
                                         int                    version,
                                         GError               **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (version >= 0, FALSE);

  /* PRAGMA takes no bound parameters; the value is an integer of ours. */
  sql = g_strdup_printf ("PRAGMA user_version = %d", version);
  return mesh_sqlite_connection_execute (self, sql, error);
}

gboolean
mesh_sqlite_connection_table_exists (MeshSqliteConnection  *self,
                                     const char            *table,
                                     GError               **error)
{
  g_autoptr(MeshSqliteStatement) statement = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean found;

  statement = mesh_sqlite_connection_prepare (self,
                                              "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                                              error);
  if (statement == NULL ||
      !mesh_sqlite_statement_bind_text (statement, 1, table, error))
    return FALSE;

  found = mesh_sqlite_statement_step (statement, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return found;
}

static void
mesh_sqlite_connection_finalize (GObject *object)
{
  MeshSqliteConnection *self = (MeshSqliteConnection *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (mesh_sqlite_connection_parent_class)->finalize (object);
}

static void
mesh_sqlite_connection_class_init (MeshSqliteConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_sqlite_connection_finalize;
}

static void
mesh_sqlite_connection_init (MeshSqliteConnection *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}
