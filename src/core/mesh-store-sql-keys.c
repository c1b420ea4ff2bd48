/* mesh-store-sql-keys.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A network's network and application keys: their indexes, names and
 * phases, never their key material. */

#include "config.h"

#include "mesh-app-key-private.h"
#include "mesh-net-key-private.h"
#include "mesh-network-private.h"
#include "mesh-store-sql-private.h"

gboolean
mesh_store_sql_write_net_key (MeshSqliteConnection  *c,
                              MeshStoreOp           *op,
                              GError               **error)
{
  MeshNetKey *k = MESH_NET_KEY (op->snapshot);
  MeshSqliteStatement *s;

  TRY (s = prepare_write (c, op,
                          "INSERT INTO net_keys (network_id, key_index, name, phase, min_security, timestamp) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                          "UPDATE net_keys SET key_index = ?2, name = ?3, phase = ?4, min_security = ?5, "
                         "timestamp = ?6 WHERE id = ?1", error));
  TRY (mesh_sqlite_statement_bind_int (s, 2, k->index, error));
  TRY (mesh_sqlite_statement_bind_text (s, 3, k->name, error));
  TRY (mesh_sqlite_statement_bind_int (s, 4, k->phase, error));
  TRY (mesh_sqlite_statement_bind_int (s, 5, k->min_security, error));
  TRY (mesh_sqlite_statement_bind_text (s, 6, k->timestamp, error));
  TRY (finish_write (c, s, op, error));

  return TRUE;
}

gboolean
mesh_store_sql_write_app_key (MeshSqliteConnection  *c,
                              MeshStoreOp           *op,
                              GError               **error)
{
  MeshAppKey *k = MESH_APP_KEY (op->snapshot);
  MeshSqliteStatement *s;

  TRY (s = prepare_write (c, op,
                          "INSERT INTO app_keys (network_id, key_index, bound_net_key, name, timestamp) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)",
                          "UPDATE app_keys SET key_index = ?2, bound_net_key = ?3, name = ?4, "
                         "timestamp = ?5 WHERE id = ?1", error));
  TRY (mesh_sqlite_statement_bind_int (s, 2, k->index, error));
  TRY (mesh_sqlite_statement_bind_int (s, 3, k->bound_net_key, error));
  TRY (mesh_sqlite_statement_bind_text (s, 4, k->name, error));
  TRY (mesh_sqlite_statement_bind_text (s, 5, k->timestamp, error));
  TRY (finish_write (c, s, op, error));

  return TRUE;
}

gboolean
mesh_store_sql_load_keys (MeshSqliteConnection    *c,
                          gint64                   network_id,
                          MeshStoreLoadedNetwork  *loaded,
                          GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  MeshSqliteStatement *s;

  TRY (s = prepare_for_network (c, "SELECT id, key_index, name, phase, min_security, timestamp FROM net_keys "
                                   "WHERE network_id = ?1 ORDER BY id", network_id, error));
  while (mesh_sqlite_statement_step (s, &local_error))
    {
      MeshNetKey *k = mesh_net_key_new (mesh_sqlite_statement_get_int (s, 1) & 0xFFF,
                                        mesh_sqlite_statement_get_text (s, 2));
      k->id = mesh_sqlite_statement_get_int64 (s, 0);
      k->phase = mesh_sqlite_statement_get_int (s, 3);
      k->min_security = mesh_sqlite_statement_get_int (s, 4);
      k->timestamp = dup_text (s, 5);
      g_ptr_array_add (loaded->lists[MESH_NETWORK_LIST_NET_KEYS], k);
    }

  if (local_error == NULL &&
      (s = prepare_for_network (c, "SELECT id, key_index, bound_net_key, name, timestamp FROM app_keys "
                                   "WHERE network_id = ?1 ORDER BY id", network_id, error)) == NULL)
    return FALSE;

  while (local_error == NULL && mesh_sqlite_statement_step (s, &local_error))
    {
      MeshAppKey *k = mesh_app_key_new (mesh_sqlite_statement_get_int (s, 1) & 0xFFF,
                                        mesh_sqlite_statement_get_int (s, 2) & 0xFFF,
                                        mesh_sqlite_statement_get_text (s, 3));
      k->id = mesh_sqlite_statement_get_int64 (s, 0);
      k->timestamp = dup_text (s, 4);
      g_ptr_array_add (loaded->lists[MESH_NETWORK_LIST_APP_KEYS], k);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
