/* mesh-store-sql-groups.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A network's groups and scenes, and the addresses excluded by a key
 * refresh (loaded with them). */

#include "config.h"

#include "mesh-group-private.h"
#include "mesh-network-private.h"
#include "mesh-scene-private.h"
#include "mesh-store-sql-private.h"

gboolean
mesh_store_sql_write_group (MeshSqliteConnection  *c,
                            MeshStoreOp           *op,
                            GError               **error)
{
  MeshGroup *g = MESH_GROUP (op->snapshot);
  MeshSqliteStatement *s;

  TRY (s = prepare_write (c, op,
                          "INSERT INTO mesh_groups (network_id, name, address, label, parent_address, parent_label) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                          "UPDATE mesh_groups SET name = ?2, address = ?3, label = ?4, parent_address = ?5, "
                         "parent_label = ?6 WHERE id = ?1", error));
  TRY (mesh_sqlite_statement_bind_text (s, 2, g->name, error));
  TRY (mesh_sqlite_statement_bind_int (s, 3, g->address.address, error));
  TRY (bind_label (s, 4, &g->address, error));
  TRY (mesh_sqlite_statement_bind_int (s, 5, g->parent.address, error));
  TRY (bind_label (s, 6, &g->parent, error));
  TRY (finish_write (c, s, op, error));

  return TRUE;
}

gboolean
mesh_store_sql_write_scene (MeshSqliteConnection  *c,
                            MeshStoreOp           *op,
                            GError               **error)
{
  MeshScene *sc = MESH_SCENE (op->snapshot);
  MeshSqliteStatement *s;

  TRY (s = prepare_write (c, op,
                          "INSERT INTO scenes (network_id, number, name) VALUES (?1, ?2, ?3)",
                          "UPDATE scenes SET number = ?2, name = ?3 WHERE id = ?1", error));
  TRY (mesh_sqlite_statement_bind_int (s, 2, sc->number, error));
  TRY (mesh_sqlite_statement_bind_text (s, 3, sc->name, error));
  TRY (finish_write (c, s, op, error));

  if (op->kind == MESH_STORE_OP_UPDATE)
    {
      TRY (s = prepare (c, "DELETE FROM scene_addresses WHERE scene_id = ?1", error));
      TRY (mesh_sqlite_statement_bind_int64 (s, 1, op->id, error));
      TRY (mesh_sqlite_statement_execute (s, error));
    }

  for (guint i = 0; i < sc->addresses->len; i++)
    {
      TRY (s = prepare (c, "INSERT INTO scene_addresses (scene_id, position, address) VALUES (?1, ?2, ?3)", error));
      TRY (mesh_sqlite_statement_bind_int64 (s, 1, op->id, error));
      TRY (mesh_sqlite_statement_bind_int (s, 2, i, error));
      TRY (mesh_sqlite_statement_bind_int (s, 3, g_array_index (sc->addresses, guint16, i), error));
      TRY (mesh_sqlite_statement_execute (s, error));
    }

  return TRUE;
}

static gint64 scene_id (gpointer p) { return MESH_SCENE (p)->id; }

gboolean
mesh_store_sql_load_groups_scenes (MeshSqliteConnection    *c,
                                   gint64                   network_id,
                                   MeshStoreLoadedNetwork  *loaded,
                                   GError                 **error)
{
  GPtrArray *scenes = loaded->lists[MESH_NETWORK_LIST_SCENES];
  g_autoptr(GError) local_error = NULL;
  MeshSqliteStatement *s;
  guint cursor = 0;

  TRY (s = prepare_for_network (c, "SELECT id, name, address, label, parent_address, parent_label "
                                   "FROM mesh_groups WHERE network_id = ?1 ORDER BY id", network_id, error));
  while (mesh_sqlite_statement_step (s, &local_error))
    {
      MeshDestination address;
      MeshGroup *g;

      read_destination (s, 2, 3, &address);
      g = mesh_group_new (&address, mesh_sqlite_statement_get_text (s, 1));
      g->id = mesh_sqlite_statement_get_int64 (s, 0);
      read_destination (s, 4, 5, &g->parent);
      g_ptr_array_add (loaded->lists[MESH_NETWORK_LIST_GROUPS], g);
    }

  if (local_error == NULL &&
      (s = prepare_for_network (c, "SELECT id, number, name FROM scenes WHERE network_id = ?1 ORDER BY id",
                                network_id, error)) == NULL)
    return FALSE;

  while (local_error == NULL && mesh_sqlite_statement_step (s, &local_error))
    {
      MeshScene *sc = mesh_scene_new (mesh_sqlite_statement_get_int (s, 1),
                                      mesh_sqlite_statement_get_text (s, 2));
      sc->id = mesh_sqlite_statement_get_int64 (s, 0);
      g_ptr_array_add (scenes, sc);
    }

  if (local_error == NULL &&
      (s = prepare_for_network (c, "SELECT a.scene_id, a.address FROM scene_addresses a "
                                   "JOIN scenes s ON s.id = a.scene_id WHERE s.network_id = ?1 "
                                   "ORDER BY a.scene_id, a.position", network_id, error)) == NULL)
    return FALSE;

  while (local_error == NULL && mesh_sqlite_statement_step (s, &local_error))
    {
      MeshScene *sc = find_parent (scenes, &cursor, mesh_sqlite_statement_get_int64 (s, 0), scene_id);
      guint16 address = mesh_sqlite_statement_get_int (s, 1);

      if (sc != NULL)
        g_array_append_val (sc->addresses, address);
    }

  if (local_error == NULL &&
      (s = prepare_for_network (c, "SELECT iv_index, address FROM exclusions WHERE network_id = ?1 ORDER BY id",
                                network_id, error)) == NULL)
    return FALSE;

  while (local_error == NULL && mesh_sqlite_statement_step (s, &local_error))
    {
      MeshExclusion e = { (guint32) mesh_sqlite_statement_get_int64 (s, 0), mesh_sqlite_statement_get_int (s, 1) };
      g_array_append_val (loaded->exclusions, e);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
