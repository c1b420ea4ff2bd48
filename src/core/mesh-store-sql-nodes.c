/* mesh-store-sql-nodes.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A network's nodes and the keys each node knows. Their elements are in
 * mesh-store-sql-elements.c. */

#include "config.h"

#include "mesh-element-private.h"
#include "mesh-network-private.h"
#include "mesh-node-private.h"
#include "mesh-store-sql-private.h"

#define NODE_COLUMNS "uuid, unicast, element_count, name, cid, pid, vid, crpl, relay, proxy, friend, " \
                     "low_power, excluded, config_complete, security, secure_network_beacon, default_ttl, " \
                     "network_transmit_count, network_transmit_steps, relay_retransmit_count, " \
                     "relay_retransmit_steps, hb_pub_destination, hb_pub_period_log, hb_pub_ttl, " \
                     "hb_pub_net_key, hb_pub_features, hb_sub_source, hb_sub_destination"
#define NODE_N_COLUMNS 28

/* Binds the NODE_COLUMNS at ?2 … ?29. */
static gboolean
bind_node (MeshSqliteStatement  *s,
           MeshNode             *n,
           GError              **error)
{
  MeshHeartbeatPublication *hp = n->heartbeat_publication;
  MeshHeartbeatSubscription *hs = n->heartbeat_subscription;

  TRY (mesh_sqlite_statement_bind_text (s, 2, n->uuid, error));
  TRY (mesh_sqlite_statement_bind_int (s, 3, n->unicast, error));
  TRY (mesh_sqlite_statement_bind_int (s, 4, n->element_count, error));
  TRY (mesh_sqlite_statement_bind_text (s, 5, n->name, error));
  TRY (bind_opt (s, 6, n->cid >= 0, n->cid, error));
  TRY (bind_opt (s, 7, n->pid >= 0, n->pid, error));
  TRY (bind_opt (s, 8, n->vid >= 0, n->vid, error));
  TRY (bind_opt (s, 9, n->crpl >= 0, n->crpl, error));
  TRY (bind_opt (s, 10, n->relay != MESH_FEATURE_STATE_UNKNOWN, n->relay, error));
  TRY (bind_opt (s, 11, n->proxy != MESH_FEATURE_STATE_UNKNOWN, n->proxy, error));
  TRY (bind_opt (s, 12, n->friend_ != MESH_FEATURE_STATE_UNKNOWN, n->friend_, error));
  TRY (bind_opt (s, 13, n->low_power != MESH_FEATURE_STATE_UNKNOWN, n->low_power, error));
  TRY (mesh_sqlite_statement_bind_boolean (s, 14, n->excluded, error));
  TRY (mesh_sqlite_statement_bind_boolean (s, 15, n->config_complete, error));
  TRY (mesh_sqlite_statement_bind_int (s, 16, n->security, error));
  TRY (bind_opt (s, 17, n->secure_network_beacon >= 0, n->secure_network_beacon, error));
  TRY (bind_opt (s, 18, n->default_ttl >= 0, n->default_ttl, error));
  TRY (bind_opt (s, 19, n->has_network_transmit, n->network_transmit.count, error));
  TRY (bind_opt (s, 20, n->has_network_transmit, n->network_transmit.interval_steps, error));
  TRY (bind_opt (s, 21, n->has_relay_retransmit, n->relay_retransmit.count, error));
  TRY (bind_opt (s, 22, n->has_relay_retransmit, n->relay_retransmit.interval_steps, error));
  TRY (bind_opt (s, 23, hp != NULL, hp ? hp->destination : 0, error));
  TRY (bind_opt (s, 24, hp != NULL, hp ? hp->period_log : 0, error));
  TRY (bind_opt (s, 25, hp != NULL, hp ? hp->ttl : 0, error));
  TRY (bind_opt (s, 26, hp != NULL, hp ? hp->net_key_index : 0, error));
  TRY (bind_opt (s, 27, hp != NULL, hp ? hp->features : 0, error));
  TRY (bind_opt (s, 28, hs != NULL, hs ? hs->source : 0, error));
  TRY (bind_opt (s, 29, hs != NULL, hs ? hs->destination : 0, error));

  return TRUE;
}

/* Fills @n from a row of "SELECT id, NODE_COLUMNS". */
static void
read_node (MeshSqliteStatement *s,
           MeshNode            *n)
{
  n->id = mesh_sqlite_statement_get_int64 (s, 0);
  n->uuid = dup_text (s, 1);
  n->unicast = mesh_sqlite_statement_get_int (s, 2);
  n->element_count = mesh_sqlite_statement_get_int (s, 3);
  n->name = dup_text (s, 4);
  n->cid = get_opt (s, 5, -1);
  n->pid = get_opt (s, 6, -1);
  n->vid = get_opt (s, 7, -1);
  n->crpl = get_opt (s, 8, -1);
  n->relay = get_opt (s, 9, MESH_FEATURE_STATE_UNKNOWN);
  n->proxy = get_opt (s, 10, MESH_FEATURE_STATE_UNKNOWN);
  n->friend_ = get_opt (s, 11, MESH_FEATURE_STATE_UNKNOWN);
  n->low_power = get_opt (s, 12, MESH_FEATURE_STATE_UNKNOWN);
  n->excluded = mesh_sqlite_statement_get_boolean (s, 13);
  n->config_complete = mesh_sqlite_statement_get_boolean (s, 14);
  n->security = mesh_sqlite_statement_get_int (s, 15);
  n->secure_network_beacon = get_opt (s, 16, -1);
  n->default_ttl = get_opt (s, 17, -1);

  n->has_network_transmit = !mesh_sqlite_statement_get_is_null (s, 18);
  n->network_transmit.count = get_opt (s, 18, 0);
  n->network_transmit.interval_steps = get_opt (s, 19, 0);
  n->has_relay_retransmit = !mesh_sqlite_statement_get_is_null (s, 20);
  n->relay_retransmit.count = get_opt (s, 20, 0);
  n->relay_retransmit.interval_steps = get_opt (s, 21, 0);

  if (!mesh_sqlite_statement_get_is_null (s, 22))
    {
      n->heartbeat_publication = g_new0 (MeshHeartbeatPublication, 1);
      n->heartbeat_publication->destination = get_opt (s, 22, 0);
      n->heartbeat_publication->period_log = get_opt (s, 23, 0);
      n->heartbeat_publication->ttl = get_opt (s, 24, 0);
      n->heartbeat_publication->net_key_index = get_opt (s, 25, 0);
      n->heartbeat_publication->features = get_opt (s, 26, 0);
    }

  if (!mesh_sqlite_statement_get_is_null (s, 27))
    {
      n->heartbeat_subscription = g_new0 (MeshHeartbeatSubscription, 1);
      n->heartbeat_subscription->source = get_opt (s, 27, 0);
      n->heartbeat_subscription->destination = get_opt (s, 28, 0);
    }
}

static gboolean
write_node_keys (MeshSqliteConnection  *c,
                 gint64                 node_id,
                 const char            *table_delete,
                 const char            *table_insert,
                 const MeshNodeKey     *keys,
                 guint                  n_keys,
                 gboolean               replace,
                 GError               **error)
{
  MeshSqliteStatement *s;

  if (replace)
    {
      TRY (s = prepare (c, table_delete, error));
      TRY (mesh_sqlite_statement_bind_int64 (s, 1, node_id, error));
      TRY (mesh_sqlite_statement_execute (s, error));
    }

  for (guint i = 0; i < n_keys; i++)
    {
      TRY (s = prepare (c, table_insert, error));
      TRY (mesh_sqlite_statement_bind_int64 (s, 1, node_id, error));
      TRY (mesh_sqlite_statement_bind_int (s, 2, i, error));
      TRY (mesh_sqlite_statement_bind_int (s, 3, keys[i].index, error));
      TRY (mesh_sqlite_statement_bind_boolean (s, 4, keys[i].updated, error));
      TRY (mesh_sqlite_statement_execute (s, error));
    }

  return TRUE;
}

gboolean
mesh_store_sql_write_node (MeshSqliteConnection  *c,
                           MeshStoreOp           *op,
                           GError               **error)
{
  MeshNode *n = MESH_NODE (op->snapshot);
  gboolean replace = op->kind == MESH_STORE_OP_UPDATE;
  MeshSqliteStatement *s;

  TRY (s = prepare_write (c, op,
                          "INSERT INTO nodes (network_id, " NODE_COLUMNS ") VALUES (?1, "
                          "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
                          "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
                          "UPDATE nodes SET uuid = ?2, unicast = ?3, element_count = ?4, name = ?5, "
                          "cid = ?6, pid = ?7, vid = ?8, crpl = ?9, relay = ?10, proxy = ?11, friend = ?12, "
                          "low_power = ?13, excluded = ?14, config_complete = ?15, security = ?16, "
                          "secure_network_beacon = ?17, default_ttl = ?18, network_transmit_count = ?19, "
                          "network_transmit_steps = ?20, relay_retransmit_count = ?21, "
                          "relay_retransmit_steps = ?22, hb_pub_destination = ?23, hb_pub_period_log = ?24, "
                          "hb_pub_ttl = ?25, hb_pub_net_key = ?26, hb_pub_features = ?27, "
                          "hb_sub_source = ?28, hb_sub_destination = ?29 WHERE id = ?1", error));
  TRY (bind_node (s, n, error));
  TRY (finish_write (c, s, op, error));

  TRY (write_node_keys (c, op->id,
                        "DELETE FROM node_net_keys WHERE node_id = ?1",
                        "INSERT INTO node_net_keys (node_id, position, key_index, updated) VALUES (?1, ?2, ?3, ?4)",
                        n->net_keys, n->n_net_keys, replace, error));
  TRY (write_node_keys (c, op->id,
                        "DELETE FROM node_app_keys WHERE node_id = ?1",
                        "INSERT INTO node_app_keys (node_id, position, key_index, updated) VALUES (?1, ?2, ?3, ?4)",
                        n->app_keys, n->n_app_keys, replace, error));

  /* Elements only when the copy has them: an update of a node whose
   * elements were never loaded leaves them as they are. */
  if (n->elements_loaded)
    {
      guint n_elements = n->elements != NULL ? g_list_model_get_n_items (G_LIST_MODEL (n->elements)) : 0;

      if (replace)
        {
          TRY (s = prepare (c, "DELETE FROM elements WHERE node_id = ?1", error));
          TRY (mesh_sqlite_statement_bind_int64 (s, 1, op->id, error));
          TRY (mesh_sqlite_statement_execute (s, error));
        }

      for (guint i = 0; i < n_elements; i++)
        {
          g_autoptr(MeshElement) e = g_list_model_get_item (G_LIST_MODEL (n->elements), i);

          TRY (mesh_store_sql_upsert_element (c, op->id, e, error));
          TRY (mesh_store_sql_insert_element_models (c, op->id, e, error));
        }
    }

  return TRUE;
}

static gint64 node_id (gpointer p) { return MESH_NODE (p)->id; }

static gboolean
load_node_keys (MeshSqliteConnection  *c,
                gint64                 network_id,
                GPtrArray             *nodes,
                const char            *sql,
                gboolean               app_keys,
                GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (MeshNodeKey));
  MeshSqliteStatement *s;
  MeshNode *current = NULL;
  guint cursor = 0;

  TRY (s = prepare_for_network (c, sql, network_id, error));

  for (;;)
    {
      gboolean row = mesh_sqlite_statement_step (s, &local_error);
      MeshNode *node = row ? find_parent (nodes, &cursor, mesh_sqlite_statement_get_int64 (s, 0), node_id) : NULL;

      /* Hand the keys gathered for the previous node over to it. */
      if (current != NULL && (node != current || !row))
        {
          if (app_keys)
            {
              current->app_keys = g_memdup2 (keys->data, keys->len * sizeof (MeshNodeKey));
              current->n_app_keys = keys->len;
            }
          else
            {
              current->net_keys = g_memdup2 (keys->data, keys->len * sizeof (MeshNodeKey));
              current->n_net_keys = keys->len;
            }
          g_array_set_size (keys, 0);
        }

      if (!row)
        break;

      current = node;
      if (node != NULL)
        {
          MeshNodeKey key = { mesh_sqlite_statement_get_int (s, 1), mesh_sqlite_statement_get_boolean (s, 2) };
          g_array_append_val (keys, key);
        }
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
mesh_store_sql_load_nodes (MeshSqliteConnection    *c,
                           gint64                   network_id,
                           MeshStoreLoadedNetwork  *loaded,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  GPtrArray *nodes = loaded->lists[MESH_NETWORK_LIST_NODES];
  g_autoptr(GError) local_error = NULL;
  MeshSqliteStatement *s;

  /* A network's nodes are most of the table, if not all: reading it in id
   * order is three times as fast as through the (network_id, unicast)
   * index and a sort, which is what the query planner picks. */
  TRY (s = prepare_for_network (c, "SELECT id, " NODE_COLUMNS " FROM nodes NOT INDEXED WHERE network_id = ?1 ORDER BY id",
                                network_id, error));
  while (mesh_sqlite_statement_step (s, &local_error))
    {
      /* Fields set directly: no property machinery for 32,767 rows. */
      MeshNode *n = g_object_new (MESH_TYPE_NODE, NULL);

      read_node (s, n);
      g_ptr_array_add (nodes, n);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* The same: the key tables in their own (node_id, position) order. */
  TRY (load_node_keys (c, network_id, nodes,
                       "SELECT k.node_id, k.key_index, k.updated FROM nodes n NOT INDEXED "
                       "JOIN node_net_keys k ON k.node_id = n.id WHERE n.network_id = ?1 ORDER BY k.node_id, k.position",
                       FALSE, error));
  TRY (load_node_keys (c, network_id, nodes,
                       "SELECT k.node_id, k.key_index, k.updated FROM nodes n NOT INDEXED "
                       "JOIN node_app_keys k ON k.node_id = n.id WHERE n.network_id = ?1 ORDER BY k.node_id, k.position",
                       TRUE, error));

  return TRUE;
}
