/* mesh-store-sql-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the files of the store's SQL share (mesh-store-sql.c has the
 * batch of writes and the load of a network; mesh-store-sql-*.c the
 * tables of one kind of item each): the statement helpers, inline so that
 * each file's statements read alike, and the writes and loads one file
 * calls in another. Worker side only, like all of the store's SQL. */

#include "mesh-error.h"
#include "mesh-store-private.h"

G_BEGIN_DECLS

#define TRY(expr) G_STMT_START { if (!(expr)) return FALSE; } G_STMT_END

static inline MeshSqliteStatement *
prepare (MeshSqliteConnection  *connection,
         const char            *sql,
         GError               **error)
{
  return mesh_sqlite_connection_prepare_cached (connection, sql, error);
}

static inline gboolean
bind_opt (MeshSqliteStatement  *s,
          int                   pos,
          gboolean              known,
          gint64                value,
          GError              **error)
{
  if (!known)
    return mesh_sqlite_statement_bind_null (s, pos, error);

  return mesh_sqlite_statement_bind_int64 (s, pos, value, error);
}

/* An empty blob (not NULL) when there is no label, so that UNIQUE sees it. */
static inline gboolean
bind_label (MeshSqliteStatement    *s,
            int                     pos,
            const MeshDestination  *destination,
            GError                **error)
{
  static const guint8 no_label[1] = { 0 };

  if (destination->has_label)
    return mesh_sqlite_statement_bind_blob (s, pos, destination->label, 16, error);

  return mesh_sqlite_statement_bind_blob (s, pos, no_label, 0, error);
}

static inline void
read_destination (MeshSqliteStatement *s,
                  int                  address_column,
                  int                  label_column,
                  MeshDestination     *out)
{
  gsize len = 0;
  const guint8 *label = mesh_sqlite_statement_get_blob (s, label_column, &len);
  guint16 address = mesh_sqlite_statement_get_int (s, address_column);

  if (label != NULL && len == 16)
    mesh_destination_init_label (out, label, address);
  else
    mesh_destination_init_address (out, address);
}

static inline int
get_opt (MeshSqliteStatement *s,
         int                  column,
         int                  unknown)
{
  if (mesh_sqlite_statement_get_is_null (s, column))
    return unknown;

  return mesh_sqlite_statement_get_int (s, column);
}

static inline char *
dup_text (MeshSqliteStatement *s,
          int                  column)
{
  return g_strdup (mesh_sqlite_statement_get_text (s, column));
}

gboolean mesh_store_sql_check_changed (MeshSqliteConnection  *connection,
                                       GError               **error);

/* A row of a network's list: inserted under the network (?1 = network
 * id) or updated in place (?1 = row id). */
static inline MeshSqliteStatement *
prepare_write (MeshSqliteConnection  *c,
               MeshStoreOp           *op,
               const char            *insert_sql,
               const char            *update_sql,
               GError               **error)
{
  gboolean add = op->kind == MESH_STORE_OP_ADD;
  MeshSqliteStatement *s = prepare (c, add ? insert_sql : update_sql, error);

  if (s != NULL && !mesh_sqlite_statement_bind_int64 (s, 1, add ? op->network_id : op->id, error))
    return NULL;

  return s;
}

/* Runs it; an insert gives the op its new row id, an update must have
 * found its row. */
static inline gboolean
finish_write (MeshSqliteConnection  *c,
              MeshSqliteStatement   *s,
              MeshStoreOp           *op,
              GError               **error)
{
  TRY (mesh_sqlite_statement_execute (s, error));

  if (op->kind == MESH_STORE_OP_ADD)
    {
      op->id = mesh_sqlite_connection_get_last_insert_id (c);
      return TRUE;
    }

  return mesh_store_sql_check_changed (c, error);
}

static inline MeshSqliteStatement *
prepare_for_network (MeshSqliteConnection  *c,
                     const char            *sql,
                     gint64                 network_id,
                     GError               **error)
{
  MeshSqliteStatement *s = prepare (c, sql, error);

  if (s != NULL && !mesh_sqlite_statement_bind_int64 (s, 1, network_id, error))
    return NULL;

  return s;
}

/* Rows of a child table ordered by parent id, matched to the parents
 * (ordered by id too) in one merge pass. */
static inline gpointer
find_parent (GPtrArray *parents,
             guint     *cursor,
             gint64     parent_id,
             gint64   (*get_id) (gpointer))
{
  while (*cursor < parents->len && get_id (parents->pdata[*cursor]) < parent_id)
    (*cursor)++;

  if (*cursor < parents->len && get_id (parents->pdata[*cursor]) == parent_id)
    return parents->pdata[*cursor];

  return NULL;
}

/* mesh-store-sql-provisioners.c */
gboolean mesh_store_sql_write_provisioner     (MeshSqliteConnection    *c,
                                               MeshStoreOp             *op,
                                               GError                 **error);
gboolean mesh_store_sql_load_provisioners     (MeshSqliteConnection    *c,
                                               gint64                   network_id,
                                               MeshStoreLoadedNetwork  *loaded,
                                               GError                 **error);

/* mesh-store-sql-keys.c */
gboolean mesh_store_sql_write_net_key         (MeshSqliteConnection    *c,
                                               MeshStoreOp             *op,
                                               GError                 **error);
gboolean mesh_store_sql_write_app_key         (MeshSqliteConnection    *c,
                                               MeshStoreOp             *op,
                                               GError                 **error);
gboolean mesh_store_sql_load_keys             (MeshSqliteConnection    *c,
                                               gint64                   network_id,
                                               MeshStoreLoadedNetwork  *loaded,
                                               GError                 **error);

/* mesh-store-sql-nodes.c */
gboolean mesh_store_sql_write_node            (MeshSqliteConnection    *c,
                                               MeshStoreOp             *op,
                                               GError                 **error);
gboolean mesh_store_sql_load_nodes            (MeshSqliteConnection    *c,
                                               gint64                   network_id,
                                               MeshStoreLoadedNetwork  *loaded,
                                               GCancellable            *cancellable,
                                               GError                 **error);

/* mesh-store-sql-elements.c */
gboolean mesh_store_sql_upsert_element        (MeshSqliteConnection    *c,
                                               gint64                   node_id,
                                               MeshElement             *e,
                                               GError                 **error);
gboolean mesh_store_sql_insert_element_models (MeshSqliteConnection    *c,
                                               gint64                   node_id,
                                               MeshElement             *e,
                                               GError                 **error);
gboolean mesh_store_sql_update_element        (MeshSqliteConnection    *c,
                                               MeshStoreOp             *op,
                                               GError                 **error);
gboolean mesh_store_sql_update_model          (MeshSqliteConnection    *c,
                                               MeshStoreOp             *op,
                                               GError                 **error);

/* mesh-store-sql-groups.c */
gboolean mesh_store_sql_write_group           (MeshSqliteConnection    *c,
                                               MeshStoreOp             *op,
                                               GError                 **error);
gboolean mesh_store_sql_write_scene           (MeshSqliteConnection    *c,
                                               MeshStoreOp             *op,
                                               GError                 **error);
gboolean mesh_store_sql_load_groups_scenes    (MeshSqliteConnection    *c,
                                               gint64                   network_id,
                                               MeshStoreLoadedNetwork  *loaded,
                                               GError                 **error);

G_END_DECLS
