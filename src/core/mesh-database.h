/* mesh-database.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-sqlite-connection.h"

G_BEGIN_DECLS

#define MESH_TYPE_DATABASE (mesh_database_get_type ())

G_DECLARE_FINAL_TYPE (MeshDatabase, mesh_database, MESH, DATABASE, GObject)

/* The network database file: one worker thread with its own SQLite
 * connection runs the jobs one after the other, in the order they were
 * queued. Opening creates the file's folder if needed and migrates the
 * schema to the latest version. MeshStore uses it; others rarely need it
 * directly.
 *
 * A job runs on the worker with the connection and returns a result (or
 * NULL and sets @error). The callback runs on the thread-default main
 * context of the caller of mesh_database_run_async(). */
typedef gpointer (*MeshDatabaseJobFunc) (MeshSqliteConnection  *connection,
                                         gpointer               data,
                                         GCancellable          *cancellable,
                                         GError               **error);

void          mesh_database_open_async        (const char          *path,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
MeshDatabase *mesh_database_open_finish       (GAsyncResult        *result,
                                               GError             **error);
MeshDatabase *mesh_database_open_sync         (const char          *path,
                                               GCancellable        *cancellable,
                                               GError             **error);
/* Starts opening and returns at once: jobs queued next run right after the
 * open, with no trip through the caller's main context in between. If the
 * open fails, they fail with its error. */
MeshDatabase *mesh_database_open_begin        (const char          *path);

const char   *mesh_database_get_path          (MeshDatabase        *self);
int           mesh_database_get_latest_version (void);

/* @data_free frees @data after the job ran (on the worker); @result_free
 * frees a result nobody took (failed or cancelled callers). With
 * @transaction the job runs inside BEGIN IMMEDIATE … COMMIT, rolled back
 * if it fails. */
void          mesh_database_run_async         (MeshDatabase        *self,
                                               MeshDatabaseJobFunc  func,
                                               gpointer             data,
                                               GDestroyNotify       data_free,
                                               GDestroyNotify       result_free,
                                               gboolean             transaction,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gpointer      mesh_database_run_finish        (MeshDatabase        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* Queues the job and waits for it (tests, benchmarks, the worker's users
 * that have no main loop). Never call it from a job. */
gpointer      mesh_database_run_sync          (MeshDatabase        *self,
                                               MeshDatabaseJobFunc  func,
                                               gpointer             data,
                                               GDestroyNotify       data_free,
                                               GDestroyNotify       result_free,
                                               gboolean             transaction,
                                               GCancellable        *cancellable,
                                               GError             **error);

/* Queues the closing of the connection after the jobs already queued; the
 * database refuses new jobs afterwards. */
void          mesh_database_close_async       (MeshDatabase        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      mesh_database_close_finish      (MeshDatabase        *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
