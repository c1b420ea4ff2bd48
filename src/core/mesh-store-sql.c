/* mesh-store-sql.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-network-private.h"
#include "mesh-store-sql-private.h"

/* The store's SQL, run on the database worker only. It reads and writes
 * the private copies of model objects that the main context handed over
 * (or builds new ones for a load), never objects the main context uses.
 * Every statement has bound parameters; the cached ones are prepared once
 * per connection. */

gboolean
mesh_store_sql_check_changed (MeshSqliteConnection  *connection,
                              GError               **error)
{
  if (mesh_sqlite_connection_get_changes (connection) > 0)
    return TRUE;

  g_set_error_literal (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                       _("The item is no longer in the network database."));
  return FALSE;
}

/* Networks */

#define NETWORK_COLUMNS "uuid, name, iv_index, iv_update, timestamp, partial, local_provisioner_uuid"

static gboolean
bind_network (MeshSqliteStatement  *s,
              MeshNetwork          *n,
              GError              **error)
{
  return mesh_sqlite_statement_bind_text (s, 2, n->uuid, error) &&
         mesh_sqlite_statement_bind_text (s, 3, n->name, error) &&
         mesh_sqlite_statement_bind_int64 (s, 4, n->iv_index, error) &&
         mesh_sqlite_statement_bind_boolean (s, 5, n->iv_update, error) &&
         mesh_sqlite_statement_bind_text (s, 6, n->timestamp, error) &&
         mesh_sqlite_statement_bind_boolean (s, 7, n->partial, error) &&
         mesh_sqlite_statement_bind_text (s, 8, n->local_provisioner_uuid, error);
}

GPtrArray *
mesh_store_sql_load_networks (MeshSqliteConnection  *connection,
                              GError               **error)
{
  g_autoptr(GPtrArray) networks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  MeshSqliteStatement *s;

  s = prepare (connection, "SELECT id, " NETWORK_COLUMNS " FROM networks ORDER BY id", error);
  if (s == NULL)
    return NULL;

  while (mesh_sqlite_statement_step (s, &local_error))
    {
      MeshNetwork *n = mesh_network_new (mesh_sqlite_statement_get_text (s, 1),
                                         mesh_sqlite_statement_get_text (s, 2));

      n->id = mesh_sqlite_statement_get_int64 (s, 0);
      n->iv_index = (guint32) mesh_sqlite_statement_get_int64 (s, 3);
      n->iv_update = mesh_sqlite_statement_get_boolean (s, 4);
      n->timestamp = dup_text (s, 5);
      n->partial = mesh_sqlite_statement_get_boolean (s, 6);
      n->local_provisioner_uuid = dup_text (s, 7);
      g_ptr_array_add (networks, n);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&networks);
}

static gboolean
insert_network (MeshSqliteConnection  *c,
                MeshStoreOp           *op,
                GError               **error)
{
  MeshSqliteStatement *s;

  TRY (s = prepare (c, "INSERT INTO networks (" NETWORK_COLUMNS ") VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)", error));
  TRY (bind_network (s, MESH_NETWORK (op->snapshot), error));
  TRY (mesh_sqlite_statement_execute (s, error));
  op->id = mesh_sqlite_connection_get_last_insert_id (c);

  return TRUE;
}

static gboolean
update_network (MeshSqliteConnection  *c,
                MeshStoreOp           *op,
                GError               **error)
{
  MeshSqliteStatement *s;

  TRY (s = prepare (c, "UPDATE networks SET uuid = ?2, name = ?3, iv_index = ?4, iv_update = ?5, "
                       "timestamp = ?6, partial = ?7, local_provisioner_uuid = ?8 WHERE id = ?1", error));
  TRY (mesh_sqlite_statement_bind_int64 (s, 1, op->id, error));
  TRY (bind_network (s, MESH_NETWORK (op->snapshot), error));
  TRY (mesh_sqlite_statement_execute (s, error));

  return mesh_store_sql_check_changed (c, error);
}

/* Removal and exclusions */

static gboolean
remove_row (MeshSqliteConnection  *c,
            MeshStoreOp           *op,
            GError               **error)
{
  const char *sql;
  MeshSqliteStatement *s;

  /* Foreign keys cascade to everything below the row. */
  if (op->type == MESH_TYPE_NETWORK)
    sql = "DELETE FROM networks WHERE id = ?1";
  else if (op->type == MESH_TYPE_PROVISIONER)
    sql = "DELETE FROM provisioners WHERE id = ?1";
  else if (op->type == MESH_TYPE_NET_KEY)
    sql = "DELETE FROM net_keys WHERE id = ?1";
  else if (op->type == MESH_TYPE_APP_KEY)
    sql = "DELETE FROM app_keys WHERE id = ?1";
  else if (op->type == MESH_TYPE_NODE)
    sql = "DELETE FROM nodes WHERE id = ?1";
  else if (op->type == MESH_TYPE_GROUP)
    sql = "DELETE FROM mesh_groups WHERE id = ?1";
  else if (op->type == MESH_TYPE_SCENE)
    sql = "DELETE FROM scenes WHERE id = ?1";
  else
    g_return_val_if_reached (FALSE);

  TRY (s = prepare (c, sql, error));
  TRY (mesh_sqlite_statement_bind_int64 (s, 1, op->id, error));
  TRY (mesh_sqlite_statement_execute (s, error));

  return mesh_store_sql_check_changed (c, error);
}

static gboolean
run_op (MeshSqliteConnection  *c,
        MeshStoreOp           *op,
        GError               **error)
{
  MeshSqliteStatement *s;

  switch (op->kind)
    {
    case MESH_STORE_OP_REMOVE:
      return remove_row (c, op, error);

    case MESH_STORE_OP_ADD_EXCLUSION:
      TRY (s = prepare (c, "INSERT OR IGNORE INTO exclusions (network_id, iv_index, address) VALUES (?1, ?2, ?3)", error));
      TRY (mesh_sqlite_statement_bind_int64 (s, 1, op->network_id, error));
      TRY (mesh_sqlite_statement_bind_int64 (s, 2, op->iv_index, error));
      TRY (mesh_sqlite_statement_bind_int (s, 3, op->address, error));
      return mesh_sqlite_statement_execute (s, error);

    case MESH_STORE_OP_PRUNE_EXCLUSIONS:
      /* The IV index rule: released once the index grew by 2. */
      TRY (s = prepare (c, "DELETE FROM exclusions WHERE network_id = ?1 AND iv_index + 2 <= ?2", error));
      TRY (mesh_sqlite_statement_bind_int64 (s, 1, op->network_id, error));
      TRY (mesh_sqlite_statement_bind_int64 (s, 2, op->iv_index, error));
      return mesh_sqlite_statement_execute (s, error);

    case MESH_STORE_OP_ADD:
    case MESH_STORE_OP_UPDATE:
      if (op->type == MESH_TYPE_NETWORK)
        return op->kind == MESH_STORE_OP_ADD ? insert_network (c, op, error) : update_network (c, op, error);
      if (op->type == MESH_TYPE_PROVISIONER)
        return mesh_store_sql_write_provisioner (c, op, error);
      if (op->type == MESH_TYPE_NET_KEY)
        return mesh_store_sql_write_net_key (c, op, error);
      if (op->type == MESH_TYPE_APP_KEY)
        return mesh_store_sql_write_app_key (c, op, error);
      if (op->type == MESH_TYPE_NODE)
        return mesh_store_sql_write_node (c, op, error);
      if (op->type == MESH_TYPE_GROUP)
        return mesh_store_sql_write_group (c, op, error);
      if (op->type == MESH_TYPE_SCENE)
        return mesh_store_sql_write_scene (c, op, error);
      if (op->type == MESH_TYPE_ELEMENT && op->kind == MESH_STORE_OP_UPDATE)
        return mesh_store_sql_update_element (c, op, error);
      if (op->type == MESH_TYPE_MODEL && op->kind == MESH_STORE_OP_UPDATE)
        return mesh_store_sql_update_model (c, op, error);
      g_return_val_if_reached (FALSE);

    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
mesh_store_sql_run_ops (MeshSqliteConnection  *connection,
                        MeshStoreOp           *ops,
                        guint                  n_ops,
                        GCancellable          *cancellable,
                        GError               **error)
{
  for (guint i = 0; i < n_ops; i++)
    {
      MeshStoreOp *op = &ops[i];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* The network was added earlier in this batch. */
      if (op->network_op >= 0)
        op->network_id = ops[op->network_op].id;

      if (!run_op (connection, op, error))
        return FALSE;
    }

  return TRUE;
}

/* Loading a network */

void
mesh_store_loaded_network_free (MeshStoreLoadedNetwork *loaded)
{
  for (guint i = 0; i < G_N_ELEMENTS (loaded->lists); i++)
    g_clear_pointer (&loaded->lists[i], g_ptr_array_unref);
  g_clear_pointer (&loaded->exclusions, g_array_unref);
  g_free (loaded);
}

MeshStoreLoadedNetwork *
mesh_store_sql_load_network (MeshSqliteConnection  *connection,
                             gint64                 network_id,
                             GCancellable          *cancellable,
                             GError               **error)
{
  MeshStoreLoadedNetwork *loaded = g_new0 (MeshStoreLoadedNetwork, 1);

  for (guint i = 0; i < G_N_ELEMENTS (loaded->lists); i++)
    loaded->lists[i] = g_ptr_array_new_with_free_func (g_object_unref);
  loaded->exclusions = g_array_new (FALSE, FALSE, sizeof (MeshExclusion));

  if (!mesh_store_sql_load_provisioners (connection, network_id, loaded, error) ||
      !mesh_store_sql_load_keys (connection, network_id, loaded, error) ||
      !mesh_store_sql_load_nodes (connection, network_id, loaded, cancellable, error) ||
      !mesh_store_sql_load_groups_scenes (connection, network_id, loaded, error))
    {
      mesh_store_loaded_network_free (loaded);
      return NULL;
    }

  return loaded;
}
