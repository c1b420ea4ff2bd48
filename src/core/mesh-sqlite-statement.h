/* mesh-sqlite-statement.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MESH_TYPE_SQLITE_STATEMENT (mesh_sqlite_statement_get_type ())

G_DECLARE_FINAL_TYPE (MeshSqliteStatement, mesh_sqlite_statement, MESH, SQLITE_STATEMENT, GObject)

/* A prepared statement. Parameters are numbered from 1, result columns from
 * 0, as in sqlite3. The bind functions fail only on a wrong position. */
gboolean      mesh_sqlite_statement_bind_int     (MeshSqliteStatement  *self,
                                                  int                   position,
                                                  int                   value,
                                                  GError              **error);
gboolean      mesh_sqlite_statement_bind_int64   (MeshSqliteStatement  *self,
                                                  int                   position,
                                                  gint64                value,
                                                  GError              **error);
gboolean      mesh_sqlite_statement_bind_boolean (MeshSqliteStatement  *self,
                                                  int                   position,
                                                  gboolean              value,
                                                  GError              **error);
/* NULL binds SQL NULL. The text is copied. */
gboolean      mesh_sqlite_statement_bind_text    (MeshSqliteStatement  *self,
                                                  int                   position,
                                                  const char           *text,
                                                  GError              **error);
/* NULL data binds SQL NULL. The data is copied. */
gboolean      mesh_sqlite_statement_bind_blob    (MeshSqliteStatement  *self,
                                                  int                   position,
                                                  const void           *data,
                                                  gsize                 len,
                                                  GError              **error);
gboolean      mesh_sqlite_statement_bind_null    (MeshSqliteStatement  *self,
                                                  int                   position,
                                                  GError              **error);

/* TRUE when a row is there; FALSE at the end (no error) or on error. */
gboolean      mesh_sqlite_statement_step         (MeshSqliteStatement  *self,
                                                  GError              **error);
/* Steps to the end (for statements without results). */
gboolean      mesh_sqlite_statement_execute      (MeshSqliteStatement  *self,
                                                  GError              **error);
/* Ready to run again, bindings cleared. */
void          mesh_sqlite_statement_reset        (MeshSqliteStatement  *self);

int           mesh_sqlite_statement_get_column_count (MeshSqliteStatement *self);
gboolean      mesh_sqlite_statement_get_is_null  (MeshSqliteStatement  *self,
                                                  int                   column);
int           mesh_sqlite_statement_get_int      (MeshSqliteStatement  *self,
                                                  int                   column);
gint64        mesh_sqlite_statement_get_int64    (MeshSqliteStatement  *self,
                                                  int                   column);
gboolean      mesh_sqlite_statement_get_boolean  (MeshSqliteStatement  *self,
                                                  int                   column);
/* Valid until the next step or reset. */
const char   *mesh_sqlite_statement_get_text     (MeshSqliteStatement  *self,
                                                  int                   column);
const guint8 *mesh_sqlite_statement_get_blob     (MeshSqliteStatement  *self,
                                                  int                   column,
                                                  gsize                *len);

G_END_DECLS
