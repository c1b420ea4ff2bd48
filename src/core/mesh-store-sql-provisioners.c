/* mesh-store-sql-provisioners.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A network's provisioners and their allocated ranges. */

#include "config.h"

#include "mesh-network-private.h"
#include "mesh-provisioner-private.h"
#include "mesh-store-sql-private.h"

static gboolean
write_ranges (MeshSqliteConnection  *c,
              MeshProvisioner       *p,
              gint64                 provisioner_id,
              GError               **error)
{
  MeshSqliteStatement *s;

  TRY (s = prepare (c, "DELETE FROM provisioner_ranges WHERE provisioner_id = ?1", error));
  TRY (mesh_sqlite_statement_bind_int64 (s, 1, provisioner_id, error));
  TRY (mesh_sqlite_statement_execute (s, error));

  for (guint kind = 0; kind < G_N_ELEMENTS (p->ranges); kind++)
    for (guint i = 0; i < p->ranges[kind]->len; i++)
      {
        MeshAddressRange *r = &g_array_index (p->ranges[kind], MeshAddressRange, i);

        TRY (s = prepare (c, "INSERT INTO provisioner_ranges (provisioner_id, kind, position, low, high) "
                             "VALUES (?1, ?2, ?3, ?4, ?5)", error));
        TRY (mesh_sqlite_statement_bind_int64 (s, 1, provisioner_id, error));
        TRY (mesh_sqlite_statement_bind_int (s, 2, kind, error));
        TRY (mesh_sqlite_statement_bind_int (s, 3, i, error));
        TRY (mesh_sqlite_statement_bind_int (s, 4, r->low, error));
        TRY (mesh_sqlite_statement_bind_int (s, 5, r->high, error));
        TRY (mesh_sqlite_statement_execute (s, error));
      }

  return TRUE;
}

gboolean
mesh_store_sql_write_provisioner (MeshSqliteConnection  *c,
                                  MeshStoreOp           *op,
                                  GError               **error)
{
  MeshProvisioner *p = MESH_PROVISIONER (op->snapshot);
  MeshSqliteStatement *s;

  TRY (s = prepare_write (c, op,
                          "INSERT INTO provisioners (network_id, uuid, name) VALUES (?1, ?2, ?3)",
                          "UPDATE provisioners SET uuid = ?2, name = ?3 WHERE id = ?1", error));
  TRY (mesh_sqlite_statement_bind_text (s, 2, p->uuid, error));
  TRY (mesh_sqlite_statement_bind_text (s, 3, p->name, error));
  TRY (finish_write (c, s, op, error));

  return write_ranges (c, p, op->id, error);
}

static gint64 provisioner_id (gpointer p) { return MESH_PROVISIONER (p)->id; }

gboolean
mesh_store_sql_load_provisioners (MeshSqliteConnection    *c,
                                  gint64                   network_id,
                                  MeshStoreLoadedNetwork  *loaded,
                                  GError                 **error)
{
  GPtrArray *list = loaded->lists[MESH_NETWORK_LIST_PROVISIONERS];
  g_autoptr(GError) local_error = NULL;
  MeshSqliteStatement *s;
  guint cursor = 0;

  TRY (s = prepare_for_network (c, "SELECT id, uuid, name FROM provisioners WHERE network_id = ?1 ORDER BY id",
                                network_id, error));
  while (mesh_sqlite_statement_step (s, &local_error))
    {
      MeshProvisioner *p = mesh_provisioner_new (mesh_sqlite_statement_get_text (s, 1),
                                                 mesh_sqlite_statement_get_text (s, 2));
      p->id = mesh_sqlite_statement_get_int64 (s, 0);
      g_ptr_array_add (list, p);
    }

  if (local_error == NULL &&
      (s = prepare_for_network (c, "SELECT r.provisioner_id, r.kind, r.low, r.high FROM provisioner_ranges r "
                                   "JOIN provisioners p ON p.id = r.provisioner_id WHERE p.network_id = ?1 "
                                   "ORDER BY r.provisioner_id, r.kind, r.position",
                                network_id, error)) == NULL)
    return FALSE;

  while (local_error == NULL && mesh_sqlite_statement_step (s, &local_error))
    {
      MeshProvisioner *p = find_parent (list, &cursor, mesh_sqlite_statement_get_int64 (s, 0), provisioner_id);
      int kind = mesh_sqlite_statement_get_int (s, 1);
      MeshAddressRange r = { mesh_sqlite_statement_get_int (s, 2), mesh_sqlite_statement_get_int (s, 3) };

      if (p != NULL && kind >= 0 && kind < (int) G_N_ELEMENTS (p->ranges))
        g_array_append_val (p->ranges[kind], r);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
