/* mesh-sqlite-statement.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-sqlite-private.h"

struct _MeshSqliteStatement
{
  GObject               parent_instance;

  /* No reference to the connection: the connection caches statements, and
   * sqlite3_close_v2() keeps the handle alive until the last one is gone. */
  sqlite3_stmt *stmt;
};

G_DEFINE_FINAL_TYPE (MeshSqliteStatement, mesh_sqlite_statement, G_TYPE_OBJECT)

MeshSqliteStatement *
mesh_sqlite_statement_new (MeshSqliteConnection *connection,
                           sqlite3_stmt         *stmt)
{
  MeshSqliteStatement *self = g_object_new (MESH_TYPE_SQLITE_STATEMENT, NULL);

  self->stmt = stmt;

  return self;
}

static gboolean
check_bind (MeshSqliteStatement  *self,
            int                   rc,
            GError              **error)
{
  if (rc == SQLITE_OK)
    return TRUE;

  mesh_sqlite_set_error (error, rc, sqlite3_errstr (rc));
  return FALSE;
}

gboolean
mesh_sqlite_statement_bind_int (MeshSqliteStatement  *self,
                                int                   position,
                                int                   value,
                                GError              **error)
{
  g_return_val_if_fail (MESH_IS_SQLITE_STATEMENT (self), FALSE);

  return check_bind (self, sqlite3_bind_int (self->stmt, position, value), error);
}

gboolean
mesh_sqlite_statement_bind_int64 (MeshSqliteStatement  *self,
                                  int                   position,
                                  gint64                value,
                                  GError              **error)
{
  g_return_val_if_fail (MESH_IS_SQLITE_STATEMENT (self), FALSE);

  return check_bind (self, sqlite3_bind_int64 (self->stmt, position, value), error);
}

gboolean
mesh_sqlite_statement_bind_boolean (MeshSqliteStatement  *self,
                                    int                   position,
                                    gboolean              value,
                                    GError              **error)
{
  return mesh_sqlite_statement_bind_int (self, position, value ? 1 : 0, error);
}

gboolean
mesh_sqlite_statement_bind_text (MeshSqliteStatement  *self,
                                 int                   position,
                                 const char           *text,
                                 GError              **error)
{
  g_return_val_if_fail (MESH_IS_SQLITE_STATEMENT (self), FALSE);

  if (text == NULL)
    return mesh_sqlite_statement_bind_null (self, position, error);

  return check_bind (self, sqlite3_bind_text (self->stmt, position, text, -1, SQLITE_TRANSIENT), error);
}

gboolean
mesh_sqlite_statement_bind_blob (MeshSqliteStatement  *self,
                                 int                   position,
                                 const void           *data,
                                 gsize                 len,
                                 GError              **error)
{
  g_return_val_if_fail (MESH_IS_SQLITE_STATEMENT (self), FALSE);
  g_return_val_if_fail (len <= G_MAXINT, FALSE);

  if (data == NULL)
    return mesh_sqlite_statement_bind_null (self, position, error);

  return check_bind (self, sqlite3_bind_blob (self->stmt, position, data, (int) len, SQLITE_TRANSIENT), error);
}

gboolean
mesh_sqlite_statement_bind_null (MeshSqliteStatement  *self,
                                 int                   position,
                                 GError              **error)
{
  g_return_val_if_fail (MESH_IS_SQLITE_STATEMENT (self), FALSE);

  return check_bind (self, sqlite3_bind_null (self->stmt, position), error);
}

gboolean
mesh_sqlite_statement_step (MeshSqliteStatement  *self,
                            GError              **error)
{
  int rc;

  g_return_val_if_fail (MESH_IS_SQLITE_STATEMENT (self), FALSE);

  rc = sqlite3_step (self->stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    return FALSE;

  /* The extended code tells a UNIQUE violation from other constraints. */
  mesh_sqlite_set_error (error,
                         sqlite3_extended_errcode (sqlite3_db_handle (self->stmt)),
                         sqlite3_errmsg (sqlite3_db_handle (self->stmt)));
  return FALSE;
}

gboolean
mesh_sqlite_statement_execute (MeshSqliteStatement  *self,
                               GError              **error)
{
  GError *local_error = NULL;

  while (mesh_sqlite_statement_step (self, &local_error))
    ;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

void
mesh_sqlite_statement_reset (MeshSqliteStatement *self)
{
  g_return_if_fail (MESH_IS_SQLITE_STATEMENT (self));

  sqlite3_reset (self->stmt);
  sqlite3_clear_bindings (self->stmt);
}

int
mesh_sqlite_statement_get_column_count (MeshSqliteStatement *self)
{
  g_return_val_if_fail (MESH_IS_SQLITE_STATEMENT (self), 0);

  return sqlite3_column_count (self->stmt);
}

gboolean
mesh_sqlite_statement_get_is_null (MeshSqliteStatement *self,
                                   int                  column)
{
  g_return_val_if_fail (MESH_IS_SQLITE_STATEMENT (self), TRUE);

  return sqlite3_column_type (self->stmt, column) == SQLITE_NULL;
}

int
mesh_sqlite_statement_get_int (MeshSqliteStatement *self,
                               int                  column)
{
  g_return_val_if_fail (MESH_IS_SQLITE_STATEMENT (self), 0);

  return sqlite3_column_int (self->stmt, column);
}

gint64
mesh_sqlite_statement_get_int64 (MeshSqliteStatement *self,
                                 int                  column)
{
  g_return_val_if_fail (MESH_IS_SQLITE_STATEMENT (self), 0);

  return sqlite3_column_int64 (self->stmt, column);
}

gboolean
mesh_sqlite_statement_get_boolean (MeshSqliteStatement *self,
                                   int                  column)
{
  return mesh_sqlite_statement_get_int (self, column) != 0;
}

const char *
mesh_sqlite_statement_get_text (MeshSqliteStatement *self,
                                int                  column)
{
  g_return_val_if_fail (MESH_IS_SQLITE_STATEMENT (self), NULL);

  return (const char *) sqlite3_column_text (self->stmt, column);
}

const guint8 *
mesh_sqlite_statement_get_blob (MeshSqliteStatement *self,
                                int                  column,
                                gsize               *len)
{
  const guint8 *data;

  g_return_val_if_fail (MESH_IS_SQLITE_STATEMENT (self), NULL);

  data = sqlite3_column_blob (self->stmt, column);
  if (len != NULL)
    *len = (gsize) sqlite3_column_bytes (self->stmt, column);

  return data;
}

static void
mesh_sqlite_statement_finalize (GObject *object)
{
  MeshSqliteStatement *self = (MeshSqliteStatement *)object;

  g_clear_pointer (&self->stmt, sqlite3_finalize);

  G_OBJECT_CLASS (mesh_sqlite_statement_parent_class)->finalize (object);
}

static void
mesh_sqlite_statement_class_init (MeshSqliteStatementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_sqlite_statement_finalize;
}

static void
mesh_sqlite_statement_init (MeshSqliteStatement *self)
{
}
