/* mesh-sqlite-connection.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "mesh-sqlite-statement.h"

G_BEGIN_DECLS

#define MESH_TYPE_SQLITE_CONNECTION (mesh_sqlite_connection_get_type ())

G_DECLARE_FINAL_TYPE (MeshSqliteConnection, mesh_sqlite_connection, MESH, SQLITE_CONNECTION, GObject)

/* A thin wrapper of one sqlite3 connection with GError (MESH_ERROR_DATABASE,
 * or MESH_ERROR_EXISTS for a UNIQUE/PRIMARY KEY violation). Not thread-safe:
 * one thread uses it at a time (the database's worker). Opening turns on
 * WAL and foreign keys. Values go in as bound parameters only. */
MeshSqliteConnection *mesh_sqlite_connection_open                (const char            *path,
                                                                  GError               **error);
void                  mesh_sqlite_connection_close               (MeshSqliteConnection  *self);
const char           *mesh_sqlite_connection_get_path            (MeshSqliteConnection  *self);

/* Runs SQL text without parameters (schema, PRAGMA, BEGIN...). */
gboolean              mesh_sqlite_connection_execute             (MeshSqliteConnection  *self,
                                                                  const char            *sql,
                                                                  GError               **error);
MeshSqliteStatement  *mesh_sqlite_connection_prepare             (MeshSqliteConnection  *self,
                                                                  const char            *sql,
                                                                  GError               **error);
/* A statement kept by the connection for @sql (compared by content), reset
 * and with its bindings cleared: prepare once, run many times. */
MeshSqliteStatement  *mesh_sqlite_connection_prepare_cached      (MeshSqliteConnection  *self,
                                                                  const char            *sql,
                                                                  GError               **error);

gint64                mesh_sqlite_connection_get_last_insert_id  (MeshSqliteConnection  *self);
int                   mesh_sqlite_connection_get_changes         (MeshSqliteConnection  *self);

gboolean              mesh_sqlite_connection_begin_transaction   (MeshSqliteConnection  *self,
                                                                  GError               **error);
gboolean              mesh_sqlite_connection_commit_transaction  (MeshSqliteConnection  *self,
                                                                  GError               **error);
void                  mesh_sqlite_connection_rollback_transaction (MeshSqliteConnection *self);
gboolean              mesh_sqlite_connection_in_transaction      (MeshSqliteConnection  *self);

gboolean              mesh_sqlite_connection_get_user_version    (MeshSqliteConnection  *self,
                                                                  int                   *out_version,
                                                                  GError               **error);
gboolean              mesh_sqlite_connection_set_user_version    (MeshSqliteConnection  *self,
                                                                  int                    version,
                                                                  GError               **error);
gboolean              mesh_sqlite_connection_table_exists        (MeshSqliteConnection  *self,
                                                                  const char            *table,
                                                                  GError               **error);

G_END_DECLS
