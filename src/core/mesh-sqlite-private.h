/* mesh-sqlite-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "mesh-sqlite-connection.h"
#include "mesh-sqlite-statement.h"

G_BEGIN_DECLS

MeshSqliteStatement *mesh_sqlite_statement_new (MeshSqliteConnection *connection,
                                                sqlite3_stmt         *stmt);
void                 mesh_sqlite_set_error     (GError              **error,
                                                int                   rc,
                                                const char           *message);

G_END_DECLS
