/* mesh-store-batch.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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
#include "mesh-store-batch.h"
#include "mesh-store-private.h"

struct _MeshStoreBatch
{
  GObject     parent_instance;

  MeshStore  *store;
  GArray     *ops;       /* MeshStoreOp with snapshots: goes to the worker */
  GArray     *infos;     /* the same without snapshots: stays here */
  GPtrArray  *targets;   /* per op: the object (or NULL) */
  GPtrArray  *networks;  /* per op: its network (or NULL) */
  GHashTable *added_networks;  /* MeshNetwork → op index + 1 */
  gboolean    committed;
};

G_DEFINE_FINAL_TYPE (MeshStoreBatch, mesh_store_batch, G_TYPE_OBJECT)

static void
object_unref0 (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

void
mesh_store_op_clear (MeshStoreOp *op)
{
  g_clear_object (&op->snapshot);
}

static gint64 *
object_id_field (GObject *object)
{
  if (MESH_IS_NETWORK (object))
    return &MESH_NETWORK (object)->id;
  if (MESH_IS_PROVISIONER (object))
    return &MESH_PROVISIONER (object)->id;
  if (MESH_IS_NET_KEY (object))
    return &MESH_NET_KEY (object)->id;
  if (MESH_IS_APP_KEY (object))
    return &MESH_APP_KEY (object)->id;
  if (MESH_IS_NODE (object))
    return &MESH_NODE (object)->id;
  if (MESH_IS_GROUP (object))
    return &MESH_GROUP (object)->id;
  if (MESH_IS_SCENE (object))
    return &MESH_SCENE (object)->id;

  return NULL;
}

static MeshNetwork *
object_network (GObject *object)
{
  if (MESH_IS_PROVISIONER (object))
    return MESH_PROVISIONER (object)->network;
  if (MESH_IS_NET_KEY (object))
    return MESH_NET_KEY (object)->network;
  if (MESH_IS_APP_KEY (object))
    return MESH_APP_KEY (object)->network;
  if (MESH_IS_NODE (object))
    return MESH_NODE (object)->network;
  if (MESH_IS_GROUP (object))
    return MESH_GROUP (object)->network;
  if (MESH_IS_SCENE (object))
    return MESH_SCENE (object)->network;

  return NULL;
}

static GObject *
snapshot (GObject *object)
{
  if (MESH_IS_NETWORK (object))
    return G_OBJECT (mesh_network_clone (MESH_NETWORK (object)));
  if (MESH_IS_PROVISIONER (object))
    return G_OBJECT (mesh_provisioner_clone (MESH_PROVISIONER (object)));
  if (MESH_IS_NET_KEY (object))
    return G_OBJECT (mesh_net_key_clone (MESH_NET_KEY (object)));
  if (MESH_IS_APP_KEY (object))
    return G_OBJECT (mesh_app_key_clone (MESH_APP_KEY (object)));
  if (MESH_IS_NODE (object))
    return G_OBJECT (mesh_node_clone (MESH_NODE (object), TRUE));
  if (MESH_IS_GROUP (object))
    return G_OBJECT (mesh_group_clone (MESH_GROUP (object)));
  if (MESH_IS_SCENE (object))
    return G_OBJECT (mesh_scene_clone (MESH_SCENE (object)));
  if (MESH_IS_ELEMENT (object))
    return G_OBJECT (mesh_element_clone (MESH_ELEMENT (object)));
  if (MESH_IS_MODEL (object))
    return G_OBJECT (mesh_model_clone (MESH_MODEL (object)));

  g_return_val_if_reached (NULL);
}

/* The op adding @network in this batch, or -1. */
static int
network_op (MeshStoreBatch *self,
            MeshNetwork    *network)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->added_networks, network)) - 1;
}

static gboolean
network_usable (MeshStoreBatch *self,
                MeshNetwork    *network)
{
  if (network_op (self, network) >= 0)
    return TRUE;

  return network->id != 0 && network->store == self->store;
}

static void
append_op (MeshStoreBatch *self,
           MeshStoreOp    *op,
           GObject        *target,
           MeshNetwork    *network)
{
  MeshStoreOp info = *op;

  info.snapshot = NULL;
  g_array_append_val (self->infos, info);
  g_array_append_vals (self->ops, op, 1);
  g_ptr_array_add (self->targets, target != NULL ? g_object_ref (target) : NULL);
  g_ptr_array_add (self->networks, network != NULL ? g_object_ref (network) : NULL);
}

/* @copy: whether the worker gets a copy of @object or @object itself. */
static void
add_object (MeshStoreBatch *self,
            MeshNetwork    *network,
            gpointer        object,
            gboolean        copy)
{
  MeshStoreOp op = { MESH_STORE_OP_ADD, 0, NULL, 0, 0, -1, 0, 0, 0, 0 };
  gint64 *id;

  g_return_if_fail (MESH_IS_STORE_BATCH (self));
  g_return_if_fail (!self->committed);
  g_return_if_fail (G_IS_OBJECT (object));

  id = object_id_field (object);
  g_return_if_fail (id != NULL);
  g_return_if_fail (*id == 0);

  op.type = G_OBJECT_TYPE (object);

  if (MESH_IS_NETWORK (object))
    {
      g_return_if_fail (network == NULL);
      g_return_if_fail (network_op (self, object) < 0);

      g_hash_table_insert (self->added_networks, object, GINT_TO_POINTER (self->ops->len + 1));
    }
  else
    {
      g_return_if_fail (MESH_IS_NETWORK (network));
      g_return_if_fail (object_network (object) == NULL);
      g_return_if_fail (network_usable (self, network));
      /* A list must be complete before it grows. */
      g_return_if_fail (network_op (self, network) >= 0 || network->loaded);

      op.network_id = network->id;
      op.network_op = network_op (self, network);
    }

  op.snapshot = copy ? snapshot (object) : g_object_ref (object);
  append_op (self, &op, object, network);
}

/* Applying a committed batch to the lists, on the main context. Runs of
 * adds (or removes) to one list become one splice. */

typedef struct
{
  MeshNetwork     *network;
  MeshNetworkList  list;
  gboolean         remove;
  GPtrArray       *adds;
  GHashTable      *removes;
} Run;

static void
run_flush (Run *run)
{
  if (run->network == NULL)
    return;

  if (run->remove)
    mesh_network_remove_items (run->network, run->list, run->removes);
  else
    mesh_network_append_items (run->network, run->list, run->adds);

  g_ptr_array_set_size (run->adds, 0);
  g_hash_table_remove_all (run->removes);
  run->network = NULL;
}

static void
run_push (Run             *run,
          MeshNetwork     *network,
          MeshNetworkList  list,
          gboolean         remove,
          GObject         *object)
{
  if (run->network != network || run->list != list || run->remove != remove)
    {
      run_flush (run);
      run->network = network;
      run->list = list;
      run->remove = remove;
    }

  if (remove)
    g_hash_table_add (run->removes, object);
  else
    g_ptr_array_add (run->adds, object);
}

static void
apply (MeshStoreBatch *self,
       GArray         *ids)
{
  Run run = { 0 };

  run.adds = g_ptr_array_new ();
  run.removes = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < self->infos->len; i++)
    {
      MeshStoreOp *info = &g_array_index (self->infos, MeshStoreOp, i);
      GObject *target = self->targets->pdata[i];
      MeshNetwork *network = self->networks->pdata[i];

      switch (info->kind)
        {
        case MESH_STORE_OP_ADD:
          *object_id_field (target) = g_array_index (ids, gint64, i);
          if (MESH_IS_NETWORK (target))
            {
              run_flush (&run);
              MESH_NETWORK (target)->store = self->store;
              mesh_network_set_loaded (MESH_NETWORK (target), TRUE);
              g_list_store_append (self->store->networks, target);
            }
          else
            run_push (&run, network, mesh_network_list_for_type (info->type), FALSE, target);
          break;

        case MESH_STORE_OP_REMOVE:
          *object_id_field (target) = 0;
          if (MESH_IS_NETWORK (target))
            {
              guint position;

              run_flush (&run);
              if (g_list_store_find (self->store->networks, target, &position))
                g_list_store_remove (self->store->networks, position);
              MESH_NETWORK (target)->store = NULL;
            }
          else if (network != NULL)
            run_push (&run, network, mesh_network_list_for_type (info->type), TRUE, target);
          break;

        case MESH_STORE_OP_ADD_EXCLUSION:
          mesh_network_add_exclusion (network, info->iv_index, info->address);
          break;

        case MESH_STORE_OP_PRUNE_EXCLUSIONS:
          mesh_network_prune_exclusions (network, info->iv_index);
          break;

        case MESH_STORE_OP_UPDATE:
        default:
          break;
        }
    }

  run_flush (&run);
  g_ptr_array_unref (run.adds);
  g_hash_table_unref (run.removes);
}

typedef struct
{
  GArray *ops;
} CommitData;

static void
commit_data_free (gpointer data)
{
  CommitData *commit = data;

  g_array_unref (commit->ops);
  g_free (commit);
}

/* On the worker, inside the transaction. */
static gpointer
commit_job (MeshSqliteConnection  *connection,
            gpointer               data,
            GCancellable          *cancellable,
            GError               **error)
{
  CommitData *commit = data;
  GArray *ids;

  if (!mesh_store_sql_run_ops (connection, (MeshStoreOp *) commit->ops->data, commit->ops->len,
                               cancellable, error))
    return NULL;

  ids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), commit->ops->len);
  for (guint i = 0; i < commit->ops->len; i++)
    g_array_append_val (ids, g_array_index (commit->ops, MeshStoreOp, i).id);

  return ids;
}

static void
commit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshStoreBatch *self = g_task_get_source_object (task);
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;

  ids = mesh_database_run_finish (MESH_DATABASE (object), result, &error);
  if (ids == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  apply (self, ids);
  g_task_return_boolean (task, TRUE);
}

MeshStoreBatch *
mesh_store_batch_new (MeshStore *store)
{
  MeshStoreBatch *self;

  g_return_val_if_fail (MESH_IS_STORE (store), NULL);

  self = g_object_new (MESH_TYPE_STORE_BATCH, NULL);
  self->store = g_object_ref (store);

  return self;
}

void
mesh_store_batch_add (MeshStoreBatch *self,
                      MeshNetwork    *network,
                      gpointer        object)
{
  add_object (self, network, object, TRUE);
}

void
mesh_store_batch_add_unshared (MeshStoreBatch *self,
                               MeshNetwork    *network,
                               gpointer        object)
{
  add_object (self, network, object, FALSE);
}

void
mesh_store_batch_update (MeshStoreBatch *self,
                         gpointer        object)
{
  MeshStoreOp op = { MESH_STORE_OP_UPDATE, 0, NULL, 0, 0, -1, 0, 0, 0, 0 };

  g_return_if_fail (MESH_IS_STORE_BATCH (self));
  g_return_if_fail (!self->committed);
  g_return_if_fail (G_IS_OBJECT (object));

  op.type = G_OBJECT_TYPE (object);

  if (MESH_IS_ELEMENT (object) || MESH_IS_MODEL (object))
    {
      MeshElement *element = MESH_IS_ELEMENT (object) ? object : MESH_MODEL (object)->element;
      MeshNode *node = element != NULL ? element->node : NULL;

      g_return_if_fail (node != NULL && node->id != 0);

      op.node_id = node->id;
      op.element_index = element->index;
    }
  else
    {
      gint64 *id = object_id_field (object);

      g_return_if_fail (id != NULL);
      g_return_if_fail (*id != 0);

      op.id = *id;
    }

  op.snapshot = snapshot (object);
  append_op (self, &op, object, NULL);
}

void
mesh_store_batch_remove (MeshStoreBatch *self,
                         gpointer        object)
{
  MeshStoreOp op = { MESH_STORE_OP_REMOVE, 0, NULL, 0, 0, -1, 0, 0, 0, 0 };
  gint64 *id;

  g_return_if_fail (MESH_IS_STORE_BATCH (self));
  g_return_if_fail (!self->committed);
  g_return_if_fail (G_IS_OBJECT (object));

  id = object_id_field (object);
  g_return_if_fail (id != NULL);
  g_return_if_fail (*id != 0);

  op.type = G_OBJECT_TYPE (object);
  op.id = *id;
  append_op (self, &op, object, MESH_IS_NETWORK (object) ? NULL : object_network (object));
}

void
mesh_store_batch_add_exclusion (MeshStoreBatch *self,
                                MeshNetwork    *network,
                                guint32         iv_index,
                                guint16         address)
{
  MeshStoreOp op = { MESH_STORE_OP_ADD_EXCLUSION, 0, NULL, 0, 0, -1, 0, 0, 0, 0 };

  g_return_if_fail (MESH_IS_STORE_BATCH (self));
  g_return_if_fail (!self->committed);
  g_return_if_fail (MESH_IS_NETWORK (network));
  g_return_if_fail (network_usable (self, network));
  g_return_if_fail (address >= 0x0001 && address <= 0x7FFF);

  op.network_id = network->id;
  op.network_op = network_op (self, network);
  op.iv_index = iv_index;
  op.address = address;
  append_op (self, &op, NULL, network);
}

void
mesh_store_batch_exclude_node (MeshStoreBatch *self,
                               MeshNode       *node)
{
  g_return_if_fail (MESH_IS_STORE_BATCH (self));
  g_return_if_fail (MESH_IS_NODE (node));
  g_return_if_fail (node->network != NULL);

  for (guint i = 0; i < MAX (node->element_count, 1); i++)
    mesh_store_batch_add_exclusion (self, node->network, node->network->iv_index, node->unicast + i);
}

void
mesh_store_batch_prune_exclusions (MeshStoreBatch *self,
                                   MeshNetwork    *network)
{
  MeshStoreOp op = { MESH_STORE_OP_PRUNE_EXCLUSIONS, 0, NULL, 0, 0, -1, 0, 0, 0, 0 };

  g_return_if_fail (MESH_IS_STORE_BATCH (self));
  g_return_if_fail (!self->committed);
  g_return_if_fail (MESH_IS_NETWORK (network));
  g_return_if_fail (network_usable (self, network));

  op.network_id = network->id;
  op.network_op = network_op (self, network);
  op.iv_index = network->iv_index;
  append_op (self, &op, NULL, network);
}

guint
mesh_store_batch_get_n_operations (MeshStoreBatch *self)
{
  g_return_val_if_fail (MESH_IS_STORE_BATCH (self), 0);

  return self->infos->len;
}

void
mesh_store_batch_commit_async (MeshStoreBatch      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CommitData *commit;

  g_return_if_fail (MESH_IS_STORE_BATCH (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_store_batch_commit_async);

  if (self->committed)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                               _("These changes were saved already."));
      return;
    }
  self->committed = TRUE;

  /* The snapshots now belong to the worker. */
  commit = g_new0 (CommitData, 1);
  commit->ops = g_steal_pointer (&self->ops);

  mesh_database_run_async (self->store->database, commit_job, commit, commit_data_free,
                           (GDestroyNotify) g_array_unref, TRUE, cancellable,
                           commit_cb, g_steal_pointer (&task));
}

gboolean
mesh_store_batch_commit_finish (MeshStoreBatch  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (MESH_IS_STORE_BATCH (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mesh_store_batch_finalize (GObject *object)
{
  MeshStoreBatch *self = (MeshStoreBatch *)object;

  g_clear_pointer (&self->ops, g_array_unref);
  g_clear_pointer (&self->infos, g_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->networks, g_ptr_array_unref);
  g_clear_pointer (&self->added_networks, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mesh_store_batch_parent_class)->finalize (object);
}

static void
mesh_store_batch_class_init (MeshStoreBatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_store_batch_finalize;
}

static void
mesh_store_batch_init (MeshStoreBatch *self)
{
  self->ops = g_array_new (FALSE, FALSE, sizeof (MeshStoreOp));
  g_array_set_clear_func (self->ops, (GDestroyNotify) mesh_store_op_clear);
  self->infos = g_array_new (FALSE, FALSE, sizeof (MeshStoreOp));
  self->targets = g_ptr_array_new_with_free_func (object_unref0);
  self->networks = g_ptr_array_new_with_free_func (object_unref0);
  self->added_networks = g_hash_table_new (NULL, NULL);
}
