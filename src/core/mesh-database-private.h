/* mesh-database-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-database.h"

G_BEGIN_DECLS

/* One schema step: brings the database from version - 1 to version. */
typedef gboolean (*MeshMigrationFunc) (MeshSqliteConnection  *connection,
                                       GError               **error);

typedef struct
{
  int               version;
  MeshMigrationFunc func;
} MeshMigration;

/* The migrations of the schema, in order; version i + 1 at index i. */
const MeshMigration *mesh_database_get_migrations (guint                 *n_migrations);

/* Applies the migrations newer than the database's user_version, each in
 * its own transaction with its version number; stops at the first that
 * fails (rolled back, user_version unchanged). Refuses a database newer
 * than the last migration. */
gboolean             mesh_database_migrate        (MeshSqliteConnection  *connection,
                                                   const MeshMigration   *migrations,
                                                   guint                  n_migrations,
                                                   GError               **error);

G_END_DECLS
