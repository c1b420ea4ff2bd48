/* mesh-store-sql-elements.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The nodes' elements and their models: publications, bindings and
 * subscriptions. They are written with their node, or on their own when
 * one changes, and loaded apart from the network (MeshNode's lazy load). */

#include "config.h"

#include "mesh-element-private.h"
#include "mesh-model-private.h"
#include "mesh-store-sql-private.h"

static gboolean
write_model_lists (MeshSqliteConnection  *c,
                   MeshModel             *m,
                   gint64                 model_row,
                   gboolean               replace,
                   GError               **error)
{
  MeshSqliteStatement *s;

  if (replace)
    {
      TRY (s = prepare (c, "DELETE FROM model_bindings WHERE model_row = ?1", error));
      TRY (mesh_sqlite_statement_bind_int64 (s, 1, model_row, error));
      TRY (mesh_sqlite_statement_execute (s, error));
      TRY (s = prepare (c, "DELETE FROM model_subscriptions WHERE model_row = ?1", error));
      TRY (mesh_sqlite_statement_bind_int64 (s, 1, model_row, error));
      TRY (mesh_sqlite_statement_execute (s, error));
    }

  for (guint i = 0; i < m->bindings->len; i++)
    {
      TRY (s = prepare (c, "INSERT INTO model_bindings (model_row, position, app_key_index) VALUES (?1, ?2, ?3)", error));
      TRY (mesh_sqlite_statement_bind_int64 (s, 1, model_row, error));
      TRY (mesh_sqlite_statement_bind_int (s, 2, i, error));
      TRY (mesh_sqlite_statement_bind_int (s, 3, g_array_index (m->bindings, guint16, i), error));
      TRY (mesh_sqlite_statement_execute (s, error));
    }

  for (guint i = 0; i < m->subscriptions->len; i++)
    {
      MeshDestination *d = &g_array_index (m->subscriptions, MeshDestination, i);

      TRY (s = prepare (c, "INSERT INTO model_subscriptions (model_row, position, address, label) VALUES (?1, ?2, ?3, ?4)", error));
      TRY (mesh_sqlite_statement_bind_int64 (s, 1, model_row, error));
      TRY (mesh_sqlite_statement_bind_int (s, 2, i, error));
      TRY (mesh_sqlite_statement_bind_int (s, 3, d->address, error));
      TRY (bind_label (s, 4, d, error));
      TRY (mesh_sqlite_statement_execute (s, error));
    }

  return TRUE;
}

static gboolean
bind_publication (MeshSqliteStatement  *s,
                  int                   first,
                  MeshPublication      *p,
                  GError              **error)
{
  gboolean has = p != NULL;
  MeshPublication none = { 0 };

  if (p == NULL)
    p = &none;

  TRY (bind_opt (s, first, has, p->destination.address, error));
  if (has && p->destination.has_label)
    TRY (mesh_sqlite_statement_bind_blob (s, first + 1, p->destination.label, 16, error));
  else
    TRY (mesh_sqlite_statement_bind_null (s, first + 1, error));
  TRY (bind_opt (s, first + 2, has, p->app_key_index, error));
  TRY (bind_opt (s, first + 3, has, p->ttl, error));
  TRY (bind_opt (s, first + 4, has, p->period_steps, error));
  TRY (bind_opt (s, first + 5, has, p->period_resolution, error));
  TRY (bind_opt (s, first + 6, has, p->retransmit_count, error));
  TRY (bind_opt (s, first + 7, has, p->retransmit_interval_steps, error));
  TRY (bind_opt (s, first + 8, has, p->credentials, error));

  return TRUE;
}

#define PUBLICATION_COLUMNS "pub_address, pub_label, pub_app_key, pub_ttl, pub_period_steps, " \
                            "pub_period_resolution, pub_retransmit_count, pub_retransmit_steps, pub_credentials"

static gboolean
insert_model (MeshSqliteConnection  *c,
              gint64                 node_id,
              guint                  element_index,
              MeshModel             *m,
              GError               **error)
{
  MeshSqliteStatement *s;

  TRY (s = prepare (c, "INSERT INTO models (node_id, element_index, vendor, model_id, " PUBLICATION_COLUMNS ") "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error));
  TRY (mesh_sqlite_statement_bind_int64 (s, 1, node_id, error));
  TRY (mesh_sqlite_statement_bind_int (s, 2, element_index, error));
  TRY (mesh_sqlite_statement_bind_boolean (s, 3, m->vendor, error));
  TRY (mesh_sqlite_statement_bind_int64 (s, 4, m->model_id, error));
  TRY (bind_publication (s, 5, m->publication, error));
  TRY (mesh_sqlite_statement_execute (s, error));

  return write_model_lists (c, m, mesh_sqlite_connection_get_last_insert_id (c), FALSE, error);
}

gboolean
mesh_store_sql_insert_element_models (MeshSqliteConnection  *c,
                                      gint64                 node_id,
                                      MeshElement           *e,
                                      GError               **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (e->models));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshModel) m = g_list_model_get_item (G_LIST_MODEL (e->models), i);

      TRY (insert_model (c, node_id, e->index, m, error));
    }

  return TRUE;
}

gboolean
mesh_store_sql_upsert_element (MeshSqliteConnection  *c,
                               gint64                 node_id,
                               MeshElement           *e,
                               GError               **error)
{
  MeshSqliteStatement *s;

  TRY (s = prepare (c, "INSERT INTO elements (node_id, element_index, location, name) VALUES (?1, ?2, ?3, ?4) "
                       "ON CONFLICT (node_id, element_index) DO UPDATE SET location = ?3, name = ?4", error));
  TRY (mesh_sqlite_statement_bind_int64 (s, 1, node_id, error));
  TRY (mesh_sqlite_statement_bind_int (s, 2, e->index, error));
  TRY (mesh_sqlite_statement_bind_int (s, 3, e->location, error));
  TRY (mesh_sqlite_statement_bind_text (s, 4, e->name, error));
  TRY (mesh_sqlite_statement_execute (s, error));

  return TRUE;
}

gboolean
mesh_store_sql_update_element (MeshSqliteConnection  *c,
                               MeshStoreOp           *op,
                               GError               **error)
{
  MeshElement *e = MESH_ELEMENT (op->snapshot);
  MeshSqliteStatement *s;

  TRY (mesh_store_sql_upsert_element (c, op->node_id, e, error));

  TRY (s = prepare (c, "DELETE FROM models WHERE node_id = ?1 AND element_index = ?2", error));
  TRY (mesh_sqlite_statement_bind_int64 (s, 1, op->node_id, error));
  TRY (mesh_sqlite_statement_bind_int (s, 2, e->index, error));
  TRY (mesh_sqlite_statement_execute (s, error));

  return mesh_store_sql_insert_element_models (c, op->node_id, e, error);
}

gboolean
mesh_store_sql_update_model (MeshSqliteConnection  *c,
                             MeshStoreOp           *op,
                             GError               **error)
{
  MeshModel *m = MESH_MODEL (op->snapshot);
  g_autoptr(GError) local_error = NULL;
  MeshSqliteStatement *s;
  gint64 row;

  TRY (s = prepare (c, "SELECT id FROM models WHERE node_id = ?1 AND element_index = ?2 AND vendor = ?3 AND model_id = ?4", error));
  TRY (mesh_sqlite_statement_bind_int64 (s, 1, op->node_id, error));
  TRY (mesh_sqlite_statement_bind_int (s, 2, op->element_index, error));
  TRY (mesh_sqlite_statement_bind_boolean (s, 3, m->vendor, error));
  TRY (mesh_sqlite_statement_bind_int64 (s, 4, m->model_id, error));

  if (!mesh_sqlite_statement_step (s, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* A model the element did not have in the database yet. */
      return insert_model (c, op->node_id, op->element_index, m, error);
    }

  row = mesh_sqlite_statement_get_int64 (s, 0);
  mesh_sqlite_statement_reset (s);

  TRY (s = prepare (c, "UPDATE models SET pub_address = ?2, pub_label = ?3, pub_app_key = ?4, pub_ttl = ?5, "
                       "pub_period_steps = ?6, pub_period_resolution = ?7, pub_retransmit_count = ?8, "
                       "pub_retransmit_steps = ?9, pub_credentials = ?10 WHERE id = ?1", error));
  TRY (mesh_sqlite_statement_bind_int64 (s, 1, row, error));
  TRY (bind_publication (s, 2, m->publication, error));
  TRY (mesh_sqlite_statement_execute (s, error));

  return write_model_lists (c, m, row, TRUE, error);
}

static MeshSqliteStatement *
prepare_for_nodes (MeshSqliteConnection  *c,
                   const char            *sql_one,
                   const char            *sql_all,
                   gint64                 network_id,
                   gint64                 node_id,
                   GError               **error)
{
  MeshSqliteStatement *s = prepare (c, node_id != 0 ? sql_one : sql_all, error);

  if (s != NULL && !mesh_sqlite_statement_bind_int64 (s, 1, node_id != 0 ? node_id : network_id, error))
    return NULL;

  return s;
}

GHashTable *
mesh_store_sql_load_elements (MeshSqliteConnection  *connection,
                              gint64                 network_id,
                              gint64                 node_id,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_autoptr(GHashTable) result = NULL;
  g_autoptr(GHashTable) models = NULL;
  g_autoptr(GError) local_error = NULL;
  MeshSqliteStatement *s;

  /* node id → GPtrArray of elements; model row → MeshModel (borrowed). */
  result = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  models = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  s = prepare_for_nodes (connection,
                         "SELECT node_id, element_index, location, name FROM elements WHERE node_id = ?1 "
                         "ORDER BY node_id, element_index",
                         "SELECT e.node_id, e.element_index, e.location, e.name FROM elements e "
                         "JOIN nodes n ON n.id = e.node_id WHERE n.network_id = ?1 ORDER BY e.node_id, e.element_index",
                         network_id, node_id, error);
  if (s == NULL)
    return NULL;

  while (mesh_sqlite_statement_step (s, &local_error))
    {
      gint64 id = mesh_sqlite_statement_get_int64 (s, 0);
      GPtrArray *elements = g_hash_table_lookup (result, &id);
      MeshElement *e;

      if (elements == NULL)
        {
          elements = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (result, g_memdup2 (&id, sizeof id), elements);
        }

      e = mesh_element_new (mesh_sqlite_statement_get_int (s, 1), mesh_sqlite_statement_get_int (s, 2));
      e->name = dup_text (s, 3);
      g_ptr_array_add (elements, e);
    }

  if (local_error == NULL)
    g_cancellable_set_error_if_cancelled (cancellable, &local_error);
  if (local_error == NULL)
    s = prepare_for_nodes (connection,
                           "SELECT id, node_id, element_index, vendor, model_id, " PUBLICATION_COLUMNS
                           " FROM models WHERE node_id = ?1 ORDER BY id",
                           "SELECT m.id, m.node_id, m.element_index, m.vendor, m.model_id, " PUBLICATION_COLUMNS
                           " FROM models m JOIN nodes n ON n.id = m.node_id WHERE n.network_id = ?1 ORDER BY m.id",
                           network_id, node_id, &local_error);

  while (local_error == NULL && mesh_sqlite_statement_step (s, &local_error))
    {
      gint64 row = mesh_sqlite_statement_get_int64 (s, 0);
      gint64 id = mesh_sqlite_statement_get_int64 (s, 1);
      guint index = mesh_sqlite_statement_get_int (s, 2);
      GPtrArray *elements = g_hash_table_lookup (result, &id);
      MeshElement *e = elements != NULL && index < elements->len ? elements->pdata[index] : NULL;
      MeshModel *m;

      /* Elements are numbered 0…n-1 by construction; a gap would be a
       * foreign write. */
      if (e == NULL || e->index != index)
        continue;

      m = mesh_model_new ((guint32) mesh_sqlite_statement_get_int64 (s, 4), mesh_sqlite_statement_get_boolean (s, 3));
      if (!mesh_sqlite_statement_get_is_null (s, 5))
        {
          m->publication = g_new0 (MeshPublication, 1);
          read_destination (s, 5, 6, &m->publication->destination);
          m->publication->app_key_index = get_opt (s, 7, 0);
          m->publication->ttl = get_opt (s, 8, 0);
          m->publication->period_steps = get_opt (s, 9, 0);
          m->publication->period_resolution = get_opt (s, 10, 0);
          m->publication->retransmit_count = get_opt (s, 11, 0);
          m->publication->retransmit_interval_steps = get_opt (s, 12, 0);
          m->publication->credentials = get_opt (s, 13, 0);
        }

      m->element = e;
      g_list_store_append (e->models, m);
      g_hash_table_insert (models, g_memdup2 (&row, sizeof row), m);
      g_object_unref (m);
    }

  if (local_error == NULL)
    s = prepare_for_nodes (connection,
                           "SELECT b.model_row, b.app_key_index FROM model_bindings b JOIN models m ON m.id = b.model_row "
                           "WHERE m.node_id = ?1 ORDER BY b.model_row, b.position",
                           "SELECT b.model_row, b.app_key_index FROM model_bindings b JOIN models m ON m.id = b.model_row "
                           "JOIN nodes n ON n.id = m.node_id WHERE n.network_id = ?1 ORDER BY b.model_row, b.position",
                           network_id, node_id, &local_error);

  while (local_error == NULL && mesh_sqlite_statement_step (s, &local_error))
    {
      gint64 row = mesh_sqlite_statement_get_int64 (s, 0);
      MeshModel *m = g_hash_table_lookup (models, &row);
      guint16 index = mesh_sqlite_statement_get_int (s, 1);

      if (m != NULL)
        g_array_append_val (m->bindings, index);
    }

  if (local_error == NULL)
    s = prepare_for_nodes (connection,
                           "SELECT s.model_row, s.address, s.label FROM model_subscriptions s JOIN models m ON m.id = s.model_row "
                           "WHERE m.node_id = ?1 ORDER BY s.model_row, s.position",
                           "SELECT s.model_row, s.address, s.label FROM model_subscriptions s JOIN models m ON m.id = s.model_row "
                           "JOIN nodes n ON n.id = m.node_id WHERE n.network_id = ?1 ORDER BY s.model_row, s.position",
                           network_id, node_id, &local_error);

  while (local_error == NULL && mesh_sqlite_statement_step (s, &local_error))
    {
      gint64 row = mesh_sqlite_statement_get_int64 (s, 0);
      MeshModel *m = g_hash_table_lookup (models, &row);
      MeshDestination d;

      read_destination (s, 1, 2, &d);
      if (m != NULL)
        g_array_append_val (m->subscriptions, d);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&result);
}
