/* mesh-store.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-error.h"
#include "mesh-network-private.h"
#include "mesh-node-private.h"
#include "mesh-store-batch.h"
#include "mesh-store-private.h"

G_DEFINE_FINAL_TYPE (MeshStore, mesh_store, G_TYPE_OBJECT)

/* The _finish of every boolean call of the store. */
static gboolean
propagate_boolean (MeshStore     *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (MESH_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Fills @network's lists with what the worker loaded. */
static void
apply_loaded_network (MeshNetwork            *network,
                      MeshStoreLoadedNetwork *loaded)
{
  for (guint i = 0; i < MESH_NETWORK_N_LISTS; i++)
    mesh_network_append_items (network, i, loaded->lists[i]);
  mesh_network_set_exclusions (network, loaded->exclusions);
  mesh_network_set_loaded (network, TRUE);
}

/* Opening */

static gpointer
load_networks_job (MeshSqliteConnection  *connection,
                   gpointer               data,
                   GCancellable          *cancellable,
                   GError               **error)
{
  return mesh_store_sql_load_networks (connection, error);
}

/* What opening with the first network loaded gives the main context. */
typedef struct
{
  GPtrArray              *networks;
  MeshStoreLoadedNetwork *first;  /* NULL without networks */
} Opened;

static void
opened_free (gpointer data)
{
  Opened *opened = data;

  g_clear_pointer (&opened->networks, g_ptr_array_unref);
  g_clear_pointer (&opened->first, mesh_store_loaded_network_free);
  g_free (opened);
}

static gpointer
load_networks_and_first_job (MeshSqliteConnection  *connection,
                             gpointer               data,
                             GCancellable          *cancellable,
                             GError               **error)
{
  Opened *opened = g_new0 (Opened, 1);

  opened->networks = mesh_store_sql_load_networks (connection, error);
  if (opened->networks != NULL && opened->networks->len > 0)
    opened->first = mesh_store_sql_load_network (connection,
                                                 MESH_NETWORK (opened->networks->pdata[0])->id,
                                                 cancellable, error);

  if (opened->networks == NULL || (opened->networks->len > 0 && opened->first == NULL))
    {
      opened_free (opened);
      return NULL;
    }

  return opened;
}

static MeshStore *
store_new (MeshDatabase *database,
           GPtrArray    *networks)
{
  MeshStore *self = g_object_new (MESH_TYPE_STORE, NULL);

  self->database = g_object_ref (database);
  for (guint i = 0; i < networks->len; i++)
    MESH_NETWORK (networks->pdata[i])->store = self;
  g_list_store_splice (self->networks, 0, 0, networks->pdata, networks->len);

  return self;
}

static void
open_load_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) networks = NULL;
  GError *error = NULL;

  networks = mesh_database_run_finish (MESH_DATABASE (object), result, &error);
  if (networks == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, store_new (MESH_DATABASE (object), networks), g_object_unref);
}

static void
open_load_first_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Opened *opened;
  MeshStore *store;
  GError *error = NULL;

  opened = mesh_database_run_finish (MESH_DATABASE (object), result, &error);
  if (opened == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  store = store_new (MESH_DATABASE (object), opened->networks);
  if (opened->first != NULL)
    apply_loaded_network (opened->networks->pdata[0], opened->first);
  opened_free (opened);

  g_task_return_pointer (task, store, g_object_unref);
}

/* The open and @job in one trip to the worker. */
static void
open_and_run (const char          *path,
              MeshDatabaseJobFunc  job,
              GDestroyNotify       result_free,
              GAsyncReadyCallback  job_callback,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(MeshDatabase) database = NULL;
  GTask *task;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_store_open_async);

  database = mesh_database_open_begin (path);
  mesh_database_run_async (database, job, NULL, NULL, result_free, FALSE,
                           cancellable, job_callback, task);
}

void
mesh_store_open_async (const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  open_and_run (path, load_networks_job, (GDestroyNotify) g_ptr_array_unref, open_load_cb,
                cancellable, callback, user_data);
}

void
mesh_store_open_with_network_async (const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  open_and_run (path, load_networks_and_first_job, opened_free, open_load_first_cb,
                cancellable, callback, user_data);
}

MeshStore *
mesh_store_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

MeshStore *
mesh_store_open_sync (const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(MeshDatabase) database = NULL;
  g_autoptr(GPtrArray) networks = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  database = mesh_database_open_sync (path, cancellable, error);
  if (database == NULL)
    return NULL;

  networks = mesh_database_run_sync (database, load_networks_job, NULL, NULL,
                                     (GDestroyNotify) g_ptr_array_unref, FALSE,
                                     cancellable, error);
  if (networks == NULL)
    return NULL;

  return store_new (database, networks);
}

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mesh_database_close_finish (MESH_DATABASE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mesh_store_close_async (MeshStore           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MESH_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_store_close_async);

  mesh_database_close_async (self->database, cancellable, close_cb, task);
}

gboolean
mesh_store_close_finish (MeshStore     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return propagate_boolean (self, result, error);
}

char *
mesh_store_get_default_path (void)
{
  const char *dir = g_getenv ("MESH_PROVISIONER_DATA_DIR");

  if (dir != NULL && dir[0] != '\0')
    return g_build_filename (dir, "networks.db", NULL);

  return g_build_filename (g_get_user_data_dir (), "mesh-provisioner", "networks.db", NULL);
}

const char *
mesh_store_get_path (MeshStore *self)
{
  g_return_val_if_fail (MESH_IS_STORE (self), NULL);

  return mesh_database_get_path (self->database);
}

GListModel *
mesh_store_get_networks (MeshStore *self)
{
  g_return_val_if_fail (MESH_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->networks);
}

MeshNetwork *
mesh_store_find_network (MeshStore  *self,
                         const char *uuid)
{
  g_autofree char *canonical = NULL;
  guint n;

  g_return_val_if_fail (MESH_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  canonical = mesh_uuid_canonicalize (uuid);
  if (canonical == NULL)
    canonical = g_strdup (uuid);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->networks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshNetwork) network = g_list_model_get_item (G_LIST_MODEL (self->networks), i);

      /* The list keeps its reference: returning a borrowed pointer. */
      if (g_strcmp0 (network->uuid, canonical) == 0)
        return network;
    }

  return NULL;
}

/* Loading a network */

typedef struct
{
  gint64 network_id;
  gint64 node_id;
} LoadData;

static gpointer
load_network_job (MeshSqliteConnection  *connection,
                  gpointer               data,
                  GCancellable          *cancellable,
                  GError               **error)
{
  LoadData *load = data;

  return mesh_store_sql_load_network (connection, load->network_id, cancellable, error);
}

static void
load_network_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshNetwork *network = g_task_get_task_data (task);
  MeshStoreLoadedNetwork *loaded;
  GError *error = NULL;

  loaded = mesh_database_run_finish (MESH_DATABASE (object), result, &error);
  if (loaded == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Another load of the same network may have finished first. */
  if (!network->loaded && network->store != NULL)
    apply_loaded_network (network, loaded);

  mesh_store_loaded_network_free (loaded);
  g_task_return_boolean (task, TRUE);
}

void
mesh_store_load_network_async (MeshStore           *self,
                               MeshNetwork         *network,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (MESH_IS_STORE (self));
  g_return_if_fail (MESH_IS_NETWORK (network));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_store_load_network_async);
  g_task_set_task_data (task, g_object_ref (network), g_object_unref);

  if (network->loaded)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (network->store != self || network->id == 0)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                               _("The network “%s” is not in this network database."), network->name);
      return;
    }

  load = g_new0 (LoadData, 1);
  load->network_id = network->id;
  mesh_database_run_async (self->database, load_network_job, load, g_free,
                           (GDestroyNotify) mesh_store_loaded_network_free, FALSE,
                           cancellable, load_network_cb, g_steal_pointer (&task));
}

gboolean
mesh_store_load_network_finish (MeshStore     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return propagate_boolean (self, result, error);
}

/* Loading elements */

static gpointer
load_elements_job (MeshSqliteConnection  *connection,
                   gpointer               data,
                   GCancellable          *cancellable,
                   GError               **error)
{
  LoadData *load = data;

  return mesh_store_sql_load_elements (connection, load->network_id, load->node_id, cancellable, error);
}

static void
give_elements (MeshNode   *node,
               GHashTable *elements_by_node)
{
  GPtrArray *elements;

  /* Loaded meanwhile (or built in memory): what the node has wins. */
  if (node->elements_loaded)
    return;

  elements = g_hash_table_lookup (elements_by_node, &node->id);
  if (elements != NULL)
    mesh_node_take_elements (node, elements);
  mesh_node_set_elements_loaded (node, TRUE);
}

static void
load_elements_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GHashTable) elements_by_node = NULL;
  GObject *target = g_task_get_task_data (task);
  GError *error = NULL;

  elements_by_node = mesh_database_run_finish (MESH_DATABASE (object), result, &error);
  if (elements_by_node == NULL)
    {
      if (MESH_IS_NODE (target))
        MESH_NODE (target)->elements_loading = FALSE;
      g_task_return_error (task, error);
      return;
    }

  if (MESH_IS_NODE (target))
    {
      if (MESH_NODE (target)->id != 0)
        give_elements (MESH_NODE (target), elements_by_node);
    }
  else
    {
      GListModel *nodes = mesh_network_get_nodes (MESH_NETWORK (target));
      guint n = g_list_model_get_n_items (nodes);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MeshNode) node = g_list_model_get_item (nodes, i);
          give_elements (node, elements_by_node);
        }
    }

  g_task_return_boolean (task, TRUE);
}

void
mesh_store_load_elements_async (MeshStore           *self,
                                MeshNetwork         *network,
                                MeshNode            *node,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (MESH_IS_STORE (self));
  g_return_if_fail (MESH_IS_NETWORK (network));
  g_return_if_fail (node == NULL || MESH_IS_NODE (node));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_store_load_elements_async);
  g_task_set_task_data (task, g_object_ref (node != NULL ? G_OBJECT (node) : G_OBJECT (network)), g_object_unref);

  if (node != NULL && (node->elements_loaded || node->id == 0))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (network->store != self || network->id == 0)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                               _("The network “%s” is not in this network database."), network->name);
      return;
    }

  if (node != NULL)
    node->elements_loading = TRUE;

  load = g_new0 (LoadData, 1);
  load->network_id = network->id;
  load->node_id = node != NULL ? node->id : 0;
  mesh_database_run_async (self->database, load_elements_job, load, g_free,
                           (GDestroyNotify) g_hash_table_unref, FALSE,
                           cancellable, load_elements_cb, g_steal_pointer (&task));
}

gboolean
mesh_store_load_elements_finish (MeshStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return propagate_boolean (self, result, error);
}

static void
request_elements_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mesh_store_load_elements_finish (MESH_STORE (object), result, &error))
    g_debug ("Could not load the elements of a node: %s", error->message);
}

void
mesh_store_request_elements (MeshStore *self,
                             MeshNode  *node)
{
  mesh_store_load_elements_async (self, node->network, node, NULL, request_elements_cb, NULL);
}

/* Single writes: batches of one */

static void
single_commit_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mesh_store_batch_commit_finish (MESH_STORE_BATCH (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* A batch of one write. */
static void
write_single (MeshStore           *self,
              MeshStoreOpKind      kind,
              MeshNetwork         *network,
              gpointer             object,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (self);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);

  if (kind == MESH_STORE_OP_ADD)
    mesh_store_batch_add (batch, network, object);
  else if (kind == MESH_STORE_OP_UPDATE)
    mesh_store_batch_update (batch, object);
  else
    mesh_store_batch_remove (batch, object);

  /* A refused argument (critical warning) left the batch empty. */
  if (mesh_store_batch_get_n_operations (batch) == 0)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                               _("This change cannot be saved."));
      g_object_unref (task);
      return;
    }

  mesh_store_batch_commit_async (batch, cancellable, single_commit_cb, task);
}

void
mesh_store_add_async (MeshStore           *self,
                      MeshNetwork         *network,
                      gpointer             object,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (MESH_IS_STORE (self));

  write_single (self, MESH_STORE_OP_ADD, network, object, mesh_store_add_async,
                cancellable, callback, user_data);
}

gboolean
mesh_store_add_finish (MeshStore     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return propagate_boolean (self, result, error);
}

void
mesh_store_update_async (MeshStore           *self,
                         gpointer             object,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (MESH_IS_STORE (self));

  write_single (self, MESH_STORE_OP_UPDATE, NULL, object, mesh_store_update_async,
                cancellable, callback, user_data);
}

gboolean
mesh_store_update_finish (MeshStore     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return propagate_boolean (self, result, error);
}

void
mesh_store_remove_async (MeshStore           *self,
                         gpointer             object,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (MESH_IS_STORE (self));

  write_single (self, MESH_STORE_OP_REMOVE, NULL, object, mesh_store_remove_async,
                cancellable, callback, user_data);
}

gboolean
mesh_store_remove_finish (MeshStore     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return propagate_boolean (self, result, error);
}

static void
mesh_store_dispose (GObject *object)
{
  MeshStore *self = (MeshStore *)object;

  if (self->networks != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->networks));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MeshNetwork) network = g_list_model_get_item (G_LIST_MODEL (self->networks), i);
          network->store = NULL;
        }
      g_clear_object (&self->networks);
    }

  g_clear_object (&self->database);

  G_OBJECT_CLASS (mesh_store_parent_class)->dispose (object);
}

static void
mesh_store_class_init (MeshStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mesh_store_dispose;
}

static void
mesh_store_init (MeshStore *self)
{
  self->networks = g_list_store_new (MESH_TYPE_NETWORK);
}
