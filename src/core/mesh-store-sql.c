/* mesh-store-sql.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-app-key-private.h"
#include "mesh-element-private.h"
#include "mesh-error.h"
#include "mesh-group-private.h"
#include "mesh-model-private.h"
#include "mesh-net-key-private.h"
#include "mesh-network-private.h"
#include "mesh-node-private.h"
#include "mesh-provisioner-private.h"
#include "mesh-scene-private.h"
#include "mesh-store-private.h"

/* The store's SQL, run on the database worker only. It reads and writes
 * the private copies of model objects that the main context handed over
 * (or builds new ones for a load), never objects the main context uses.
 * Every statement has bound parameters; the cached ones are prepared once
 * per connection. */

#define TRY(expr) G_STMT_START { if (!(expr)) return FALSE; } G_STMT_END

static const guint8 no_label[1] = { 0 };

static MeshSqliteStatement *
prepare (MeshSqliteConnection  *connection,
         const char            *sql,
         GError               **error)
{
  return mesh_sqlite_connection_prepare_cached (connection, sql, error);
}

static gboolean
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
static gboolean
bind_label (MeshSqliteStatement    *s,
            int                     pos,
            const MeshDestination  *destination,
            GError                **error)
{
  if (destination->has_label)
    return mesh_sqlite_statement_bind_blob (s, pos, destination->label, 16, error);

  return mesh_sqlite_statement_bind_blob (s, pos, no_label, 0, error);
}

static void
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

static int
get_opt (MeshSqliteStatement *s,
         int                  column,
         int                  unknown)
{
  if (mesh_sqlite_statement_get_is_null (s, column))
    return unknown;

  return mesh_sqlite_statement_get_int (s, column);
}

static char *
dup_text (MeshSqliteStatement *s,
          int                  column)
{
  return g_strdup (mesh_sqlite_statement_get_text (s, column));
}

static gboolean
check_changed (MeshSqliteConnection  *connection,
               GError               **error)
{
  if (mesh_sqlite_connection_get_changes (connection) > 0)
    return TRUE;

  g_set_error_literal (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                       _("The item is no longer in the network database."));
  return FALSE;
}

/* A row of a network's list: inserted under the network (?1 = network
 * id) or updated in place (?1 = row id). */
static MeshSqliteStatement *
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
static gboolean
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

  return check_changed (c, error);
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

  return check_changed (c, error);
}

/* Provisioners */

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

static gboolean
write_provisioner (MeshSqliteConnection  *c,
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

/* Keys */

static gboolean
write_net_key (MeshSqliteConnection  *c,
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

static gboolean
write_app_key (MeshSqliteConnection  *c,
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

/* Models and elements */

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

static gboolean
insert_element_models (MeshSqliteConnection  *c,
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

static gboolean
upsert_element (MeshSqliteConnection  *c,
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

static gboolean
update_element (MeshSqliteConnection  *c,
                MeshStoreOp           *op,
                GError               **error)
{
  MeshElement *e = MESH_ELEMENT (op->snapshot);
  MeshSqliteStatement *s;

  TRY (upsert_element (c, op->node_id, e, error));

  TRY (s = prepare (c, "DELETE FROM models WHERE node_id = ?1 AND element_index = ?2", error));
  TRY (mesh_sqlite_statement_bind_int64 (s, 1, op->node_id, error));
  TRY (mesh_sqlite_statement_bind_int (s, 2, e->index, error));
  TRY (mesh_sqlite_statement_execute (s, error));

  return insert_element_models (c, op->node_id, e, error);
}

static gboolean
update_model (MeshSqliteConnection  *c,
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

/* Nodes */

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

static gboolean
write_node (MeshSqliteConnection  *c,
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

          TRY (upsert_element (c, op->id, e, error));
          TRY (insert_element_models (c, op->id, e, error));
        }
    }

  return TRUE;
}

/* Groups and scenes */

static gboolean
write_group (MeshSqliteConnection  *c,
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

static gboolean
write_scene (MeshSqliteConnection  *c,
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

  return check_changed (c, error);
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
        return write_provisioner (c, op, error);
      if (op->type == MESH_TYPE_NET_KEY)
        return write_net_key (c, op, error);
      if (op->type == MESH_TYPE_APP_KEY)
        return write_app_key (c, op, error);
      if (op->type == MESH_TYPE_NODE)
        return write_node (c, op, error);
      if (op->type == MESH_TYPE_GROUP)
        return write_group (c, op, error);
      if (op->type == MESH_TYPE_SCENE)
        return write_scene (c, op, error);
      if (op->type == MESH_TYPE_ELEMENT && op->kind == MESH_STORE_OP_UPDATE)
        return update_element (c, op, error);
      if (op->type == MESH_TYPE_MODEL && op->kind == MESH_STORE_OP_UPDATE)
        return update_model (c, op, error);
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

static MeshSqliteStatement *
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
static gpointer
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

static gint64 provisioner_id (gpointer p) { return MESH_PROVISIONER (p)->id; }
static gint64 node_id (gpointer p) { return MESH_NODE (p)->id; }
static gint64 scene_id (gpointer p) { return MESH_SCENE (p)->id; }

static gboolean
load_provisioners (MeshSqliteConnection    *c,
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

static gboolean
load_keys (MeshSqliteConnection    *c,
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

static gboolean
load_nodes (MeshSqliteConnection    *c,
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

static gboolean
load_groups_scenes (MeshSqliteConnection    *c,
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

  if (!load_provisioners (connection, network_id, loaded, error) ||
      !load_keys (connection, network_id, loaded, error) ||
      !load_nodes (connection, network_id, loaded, cancellable, error) ||
      !load_groups_scenes (connection, network_id, loaded, error))
    {
      mesh_store_loaded_network_free (loaded);
      return NULL;
    }

  return loaded;
}

/* Loading elements */

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
