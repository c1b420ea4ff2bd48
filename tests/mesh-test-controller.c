/* mesh-test-controller.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-error.h"
#include "mesh-store-batch.h"
#include "mesh-test-controller.h"

struct _MeshTestController
{
  GObject    parent_instance;

  MeshStore *store;
  guint      delay_ms;
  char      *fail_next;
  GPtrArray *calls;
  gboolean   onoff;
};

static void controller_iface_init (MeshNetworkControllerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MeshTestController, mesh_test_controller, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MESH_TYPE_NETWORK_CONTROLLER, controller_iface_init))

typedef void (*ApplyFunc) (MeshTestController *self,
                           GTask              *task);

typedef struct
{
  MeshTestController *self;
  GTask              *task;
  ApplyFunc           apply;
} Pending;

/* What the operation changed is written; the task returns when the store
 * has it, as the real session would after the node's status. */
static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (MESH_IS_STORE_BATCH (object))
    mesh_store_batch_commit_finish (MESH_STORE_BATCH (object), result, &error);
  else
    mesh_store_update_finish (MESH_STORE (object), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else if (g_task_get_task_data (task) != NULL)
    g_task_return_pointer (task, g_object_ref (g_task_get_task_data (task)), g_object_unref);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
answer_cb (gpointer user_data)
{
  Pending *pending = user_data;
  MeshTestController *self = pending->self;
  g_autoptr(GTask) task = pending->task;

  g_free (pending);

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;

  if (self->fail_next != NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_TIMED_OUT, "%s", self->fail_next);
      g_clear_pointer (&self->fail_next, g_free);
      return G_SOURCE_REMOVE;
    }

  if (pending->apply != NULL)
    pending->apply (self, g_steal_pointer (&task));
  else
    g_task_return_boolean (task, TRUE);

  return G_SOURCE_REMOVE;
}

static GTask *
start (MeshTestController  *self,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data,
       ApplyFunc            apply,
       char                *call)
{
  Pending *pending = g_new0 (Pending, 1);

  g_ptr_array_add (self->calls, call);
  pending->self = self;
  pending->task = g_task_new (self, cancellable, callback, user_data);
  pending->apply = apply;
  g_timeout_add (self->delay_ms, answer_cb, pending);

  return pending->task;
}

typedef struct
{
  /* "bind", "unbind", "subscribe", "unsubscribe" or "publication" */
  const char      *what;
  MeshModel       *model;
  guint16          index;
  MeshDestination  destination;
  MeshPublication  publication;
  gboolean         has_publication;
} ModelChange;

static void
model_change_free (ModelChange *change)
{
  g_clear_object (&change->model);
  g_free (change);
}

static ModelChange *
model_change_new (MeshModel  *model,
                  const char *what)
{
  ModelChange *change = g_new0 (ModelChange, 1);

  change->what = what;
  change->model = g_object_ref (model);

  return change;
}

static void
apply_model_change (MeshTestController *self,
                    GTask              *task)
{
  ModelChange *change = g_task_get_task_data (task);
  MeshModel *model = change->model;
  const char *what = change->what;

  if (g_str_equal (what, "bind"))
    mesh_model_add_binding (model, change->index);
  else if (g_str_equal (what, "unbind"))
    mesh_model_remove_binding (model, change->index);
  else if (g_str_equal (what, "subscribe"))
    mesh_model_add_subscription (model, &change->destination);
  else if (g_str_equal (what, "unsubscribe"))
    mesh_model_remove_subscription (model, &change->destination);
  else
    mesh_model_set_publication (model, change->has_publication ? &change->publication : NULL);

  g_object_ref (model);
  g_task_set_task_data (task, NULL, NULL);
  mesh_store_update_async (self->store, model, NULL, store_done_cb, task);
  g_object_unref (model);
}

static gboolean
boolean_finish (MeshNetworkController  *controller,
                GAsyncResult           *result,
                GError                **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
start_change (MeshNetworkController *controller,
              ModelChange           *change,
              GCancellable          *cancellable,
              GAsyncReadyCallback    callback,
              gpointer               user_data,
              char                  *call)
{
  GTask *task = start (MESH_TEST_CONTROLLER (controller), cancellable, callback, user_data,
                       apply_model_change, call);

  g_task_set_task_data (task, change, (GDestroyNotify) model_change_free);
}

static void
bind_app_key_async (MeshNetworkController *controller,
                    MeshModel             *model,
                    guint16                index,
                    GCancellable          *cancellable,
                    GAsyncReadyCallback    callback,
                    gpointer               user_data)
{
  ModelChange *change = model_change_new (model, "bind");

  change->index = index;
  start_change (controller, change, cancellable, callback, user_data,
                g_strdup_printf ("bind-app-key %u", index));
}

static void
unbind_app_key_async (MeshNetworkController *controller,
                      MeshModel             *model,
                      guint16                index,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  ModelChange *change = model_change_new (model, "unbind");

  change->index = index;
  start_change (controller, change, cancellable, callback, user_data,
                g_strdup_printf ("unbind-app-key %u", index));
}

static void
add_subscription_async (MeshNetworkController *controller,
                        MeshModel             *model,
                        const MeshDestination *address,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  ModelChange *change = model_change_new (model, "subscribe");

  change->destination = *address;
  start_change (controller, change, cancellable, callback, user_data,
                g_strdup_printf ("add-subscription 0x%04X", address->address));
}

static void
remove_subscription_async (MeshNetworkController *controller,
                           MeshModel             *model,
                           const MeshDestination *address,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  ModelChange *change = model_change_new (model, "unsubscribe");

  change->destination = *address;
  start_change (controller, change, cancellable, callback, user_data,
                g_strdup_printf ("remove-subscription 0x%04X", address->address));
}

static void
set_publication_async (MeshNetworkController *controller,
                       MeshModel             *model,
                       const MeshPublication *publication,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  ModelChange *change = model_change_new (model, "publication");

  if (publication != NULL)
    {
      change->publication = *publication;
      change->has_publication = TRUE;
    }
  start_change (controller, change, cancellable, callback, user_data,
                publication != NULL
                ? g_strdup_printf ("set-publication 0x%04X", publication->destination.address)
                : g_strdup ("set-publication off"));
}

static void
refresh_composition_async (MeshNetworkController *controller,
                           MeshNode              *node,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  start (MESH_TEST_CONTROLLER (controller), cancellable, callback, user_data, NULL,
         g_strdup_printf ("refresh-composition 0x%04X", mesh_node_get_unicast (node)));
}

static void
set_onoff_async (MeshNetworkController *controller,
                 MeshElement           *element,
                 gboolean               on,
                 GCancellable          *cancellable,
                 GAsyncReadyCallback    callback,
                 gpointer               user_data)
{
  MeshTestController *self = MESH_TEST_CONTROLLER (controller);

  /* The state the node will report. */
  self->onoff = on;
  start (self, cancellable, callback, user_data, NULL,
         g_strdup_printf ("set-onoff 0x%04X %s", mesh_element_get_address (element), on ? "on" : "off"));
}

static gboolean
set_onoff_finish (MeshNetworkController  *controller,
                  GAsyncResult           *result,
                  gboolean               *is_on,
                  GError                **error)
{
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  *is_on = MESH_TEST_CONTROLLER (controller)->onoff;
  return TRUE;
}

static void
apply_remove_node (MeshTestController *self,
                   GTask              *task)
{
  MeshNode *node = g_task_get_task_data (task);
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (self->store);

  mesh_store_batch_exclude_node (batch, node);
  mesh_store_batch_remove (batch, node);
  g_task_set_task_data (task, NULL, NULL);
  mesh_store_batch_commit_async (batch, NULL, store_done_cb, task);
}

static void
remove_node (MeshNetworkController *controller,
             MeshNode              *node,
             GCancellable          *cancellable,
             GAsyncReadyCallback    callback,
             gpointer               user_data,
             const char            *call)
{
  GTask *task;

  task = start (MESH_TEST_CONTROLLER (controller), cancellable, callback, user_data, apply_remove_node,
                g_strdup_printf ("%s 0x%04X", call, mesh_node_get_unicast (node)));
  g_task_set_task_data (task, g_object_ref (node), g_object_unref);
}

static void
reset_node_async (MeshNetworkController *controller,
                  MeshNode              *node,
                  GCancellable          *cancellable,
                  GAsyncReadyCallback    callback,
                  gpointer               user_data)
{
  remove_node (controller, node, cancellable, callback, user_data, "reset-node");
}

static void
remove_node_async (MeshNetworkController *controller,
                   MeshNode              *node,
                   GCancellable          *cancellable,
                   GAsyncReadyCallback    callback,
                   gpointer               user_data)
{
  remove_node (controller, node, cancellable, callback, user_data, "remove-node");
}

/* Adds the task's new key (a MeshNetKey or a MeshAppKey) to its network. */
static void
apply_add_key (MeshTestController *self,
               GTask              *task)
{
  GObject *key = g_task_get_task_data (task);
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (self->store);

  mesh_store_batch_add (batch, g_object_get_data (key, "network"), key);
  mesh_store_batch_commit_async (batch, NULL, store_done_cb, task);
}

/* The lowest index that no key of @keys (NetKeys or AppKeys) has, as the
 * session picks. */
static guint
lowest_free_index (GListModel *keys)
{
  guint n = g_list_model_get_n_items (keys);

  for (guint index = 0; ; index++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < n && !used; i++)
        {
          g_autoptr(GObject) key = g_list_model_get_item (keys, i);
          guint key_index;

          g_object_get (key, "index", &key_index, NULL);
          used = key_index == index;
        }

      if (!used)
        return index;
    }
}

/* Takes @key, new, to be added to @network. */
static void
start_add_key (MeshNetworkController *controller,
               MeshNetwork           *network,
               gpointer               key,
               GCancellable          *cancellable,
               GAsyncReadyCallback    callback,
               gpointer               user_data,
               char                  *call)
{
  GTask *task;

  g_object_set_data_full (key, "network", g_object_ref (network), g_object_unref);
  task = start (MESH_TEST_CONTROLLER (controller), cancellable, callback, user_data, apply_add_key, call);
  g_task_set_task_data (task, key, g_object_unref);
}

static void
add_net_key_async (MeshNetworkController *controller,
                   MeshNetwork           *network,
                   const char            *name,
                   GCancellable          *cancellable,
                   GAsyncReadyCallback    callback,
                   gpointer               user_data)
{
  guint index = lowest_free_index (mesh_network_get_net_keys (network));

  start_add_key (controller, network, mesh_net_key_new (index, name), cancellable, callback, user_data,
                 g_strdup_printf ("add-net-key %u %s", index, name));
}

static MeshNetKey *
add_net_key_finish (MeshNetworkController  *controller,
                    GAsyncResult           *result,
                    GError                **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_app_key_async (MeshNetworkController *controller,
                   MeshNetwork           *network,
                   guint16                net_key_index,
                   const char            *name,
                   GCancellable          *cancellable,
                   GAsyncReadyCallback    callback,
                   gpointer               user_data)
{
  guint index = lowest_free_index (mesh_network_get_app_keys (network));

  start_add_key (controller, network, mesh_app_key_new (index, net_key_index, name),
                 cancellable, callback, user_data,
                 g_strdup_printf ("add-app-key %u %s", index, name));
}

static MeshAppKey *
add_app_key_finish (MeshNetworkController  *controller,
                    GAsyncResult           *result,
                    GError                **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Removes the task's key (a MeshAppKey or MeshNetKey) from its network;
 * a NetKey only where the session would. */
static void
apply_delete_key (MeshTestController *self,
                  GTask              *task)
{
  GObject *key = g_task_get_task_data (task);
  g_autoptr(MeshStoreBatch) batch = NULL;
  GError *error = NULL;

  if (MESH_IS_NET_KEY (key) && !mesh_network_controller_can_delete_net_key (MESH_NET_KEY (key), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  batch = mesh_store_batch_new (self->store);
  mesh_store_batch_remove (batch, key);
  g_task_set_task_data (task, NULL, NULL);
  mesh_store_batch_commit_async (batch, NULL, store_done_cb, task);
}

static void
start_delete_key (MeshNetworkController *controller,
                  gpointer               key,
                  GCancellable          *cancellable,
                  GAsyncReadyCallback    callback,
                  gpointer               user_data,
                  char                  *call)
{
  GTask *task;

  task = start (MESH_TEST_CONTROLLER (controller), cancellable, callback, user_data, apply_delete_key, call);
  g_task_set_task_data (task, g_object_ref (key), g_object_unref);
}

static void
delete_app_key_async (MeshNetworkController *controller,
                      MeshAppKey            *key,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  start_delete_key (controller, key, cancellable, callback, user_data,
                    g_strdup_printf ("delete-app-key %u", mesh_app_key_get_index (key)));
}

static void
delete_net_key_async (MeshNetworkController *controller,
                      MeshNetKey            *key,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  start_delete_key (controller, key, cancellable, callback, user_data,
                    g_strdup_printf ("delete-net-key %u", mesh_net_key_get_index (key)));
}

static void
controller_iface_init (MeshNetworkControllerInterface *iface)
{
  iface->bind_app_key_async = bind_app_key_async;
  iface->bind_app_key_finish = boolean_finish;
  iface->unbind_app_key_async = unbind_app_key_async;
  iface->unbind_app_key_finish = boolean_finish;
  iface->add_subscription_async = add_subscription_async;
  iface->add_subscription_finish = boolean_finish;
  iface->remove_subscription_async = remove_subscription_async;
  iface->remove_subscription_finish = boolean_finish;
  iface->set_publication_async = set_publication_async;
  iface->set_publication_finish = boolean_finish;
  iface->refresh_composition_async = refresh_composition_async;
  iface->refresh_composition_finish = boolean_finish;
  iface->set_onoff_async = set_onoff_async;
  iface->set_onoff_finish = set_onoff_finish;
  iface->reset_node_async = reset_node_async;
  iface->reset_node_finish = boolean_finish;
  iface->remove_node_async = remove_node_async;
  iface->remove_node_finish = boolean_finish;
  iface->add_net_key_async = add_net_key_async;
  iface->add_net_key_finish = add_net_key_finish;
  iface->add_app_key_async = add_app_key_async;
  iface->add_app_key_finish = add_app_key_finish;
  iface->delete_app_key_async = delete_app_key_async;
  iface->delete_app_key_finish = boolean_finish;
  iface->delete_net_key_async = delete_net_key_async;
  iface->delete_net_key_finish = boolean_finish;
}

MeshTestController *
mesh_test_controller_new (MeshStore *store,
                          guint      delay_ms)
{
  MeshTestController *self = g_object_new (MESH_TYPE_TEST_CONTROLLER, NULL);

  self->store = g_object_ref (store);
  self->delay_ms = delay_ms;

  return self;
}

void
mesh_test_controller_fail_next (MeshTestController *self,
                                const char         *message)
{
  g_free (self->fail_next);
  self->fail_next = g_strdup (message);
}

GPtrArray *
mesh_test_controller_get_calls (MeshTestController *self)
{
  return self->calls;
}

gboolean
mesh_test_controller_get_onoff (MeshTestController *self)
{
  return self->onoff;
}

static void
mesh_test_controller_finalize (GObject *object)
{
  MeshTestController *self = MESH_TEST_CONTROLLER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->fail_next, g_free);
  g_clear_pointer (&self->calls, g_ptr_array_unref);

  G_OBJECT_CLASS (mesh_test_controller_parent_class)->finalize (object);
}

static void
mesh_test_controller_class_init (MeshTestControllerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mesh_test_controller_finalize;
}

static void
mesh_test_controller_init (MeshTestController *self)
{
  self->calls = g_ptr_array_new_with_free_func (g_free);
}
