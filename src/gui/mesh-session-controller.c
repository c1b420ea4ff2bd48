/* mesh-session-controller.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-error.h"
#include "mesh-session-controller-private.h"

/* Every operation is a GTask on the controller; what it changes in the
 * model objects and the store is what the engine wrote from the node's
 * status, so the widgets never show a state the node did not confirm. */

static void controller_iface_init (MeshNetworkControllerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MeshSessionController, mesh_session_controller, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MESH_TYPE_NETWORK_CONTROLLER, controller_iface_init))

typedef MeshConfigStatus *(*StatusFinish) (MeshConfigEngine  *engine,
                                           GAsyncResult      *result,
                                           GError           **error);

typedef struct
{
  MeshNode     *node;
  MeshModel    *model;
  guint16       index;
  /* The step whose status ends the operation. */
  StatusFinish  finish;
} Op;

static void
op_free (Op *op)
{
  g_clear_object (&op->node);
  g_clear_object (&op->model);
  g_free (op);
}

static GTask *
op_task_new (MeshSessionController *self,
             gpointer               source_tag,
             GCancellable          *cancellable,
             GAsyncReadyCallback    callback,
             gpointer               user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_new0 (Op, 1), (GDestroyNotify) op_free);

  return task;
}

static Op *
op_of (GTask *task)
{
  return g_task_get_task_data (task);
}

static MeshConfigEngine *
engine_of (GTask *task)
{
  MeshSessionController *self = g_task_get_source_object (task);

  return mesh_session_get_engine (self->session);
}

gboolean
_mesh_session_controller_check_open (GTask *task)
{
  if (engine_of (task) != NULL)
    return TRUE;

  g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_DAEMON_UNAVAILABLE, "%s",
                           _("This network is not open in bluetooth-meshd, so nothing can be "
                             "sent to its nodes."));
  return FALSE;
}

/* A task whose result is the status of one engine request (@finish), or
 * NULL after failing it when no network is open. */
static GTask *
status_task_new (MeshNetworkController *controller,
                 gpointer               source_tag,
                 StatusFinish           finish,
                 GCancellable          *cancellable,
                 GAsyncReadyCallback    callback,
                 gpointer               user_data)
{
  GTask *task = op_task_new (MESH_SESSION_CONTROLLER (controller), source_tag,
                             cancellable, callback, user_data);

  if (!_mesh_session_controller_check_open (task))
    {
      g_object_unref (task);
      return NULL;
    }

  op_of (task)->finish = finish;

  return task;
}

static MeshModelId
model_id_of (MeshModel *model)
{
  MeshModelId id = { 0 };
  guint32 value = mesh_model_get_model_id (model);

  id.vendor = mesh_model_get_vendor (model);
  id.company_id = id.vendor ? value >> 16 : 0;
  id.model_id = value & 0xFFFF;

  return id;
}

static MeshNode *
node_of_model (MeshModel *model)
{
  return mesh_element_get_node (mesh_model_get_element (model));
}

static guint16
address_of_model (MeshModel *model)
{
  return mesh_element_get_address (mesh_model_get_element (model));
}

/* The status of the last step ends the operation. */
static void
status_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  MeshConfigStatus *status;

  status = op_of (task)->finish (MESH_CONFIG_ENGINE (object), result, &error);
  if (status == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  mesh_config_status_free (status);
  g_task_return_boolean (task, TRUE);
}

gboolean
_mesh_session_controller_boolean_finish (MeshNetworkController  *controller,
                                         GAsyncResult           *result,
                                         GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, controller), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Binding: the node gets the AppKey first if it lacks it. */

static void
bind_model (GTask *task)
{
  Op *op = op_of (task);

  op->finish = mesh_config_engine_model_app_bind_finish;
  mesh_config_engine_model_app_bind_async (engine_of (task), op->node,
                                           address_of_model (op->model),
                                           model_id_of (op->model), op->index,
                                           g_task_get_cancellable (task),
                                           status_done_cb, g_object_ref (task));
}

static void
bind_key_added_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  MeshConfigStatus *status;

  status = mesh_config_engine_app_key_add_finish (MESH_CONFIG_ENGINE (object), result, &error);
  if (status == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  mesh_config_status_free (status);
  bind_model (task);
}

static void
bind_app_key_async (MeshNetworkController *controller,
                    MeshModel             *model,
                    guint16                app_key_index,
                    GCancellable          *cancellable,
                    GAsyncReadyCallback    callback,
                    gpointer               user_data)
{
  g_autoptr(GTask) task = op_task_new (MESH_SESSION_CONTROLLER (controller), bind_app_key_async,
                                       cancellable, callback, user_data);
  Op *op = op_of (task);

  if (!_mesh_session_controller_check_open (task))
    return;

  op->model = g_object_ref (model);
  op->node = g_object_ref (node_of_model (model));
  op->index = app_key_index;

  if (mesh_node_has_app_key (op->node, app_key_index))
    bind_model (task);
  else
    mesh_config_engine_app_key_add_async (engine_of (task), op->node, app_key_index, cancellable,
                                          bind_key_added_cb, g_object_ref (task));
}

static void
unbind_app_key_async (MeshNetworkController *controller,
                      MeshModel             *model,
                      guint16                app_key_index,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  g_autoptr(GTask) task = status_task_new (controller, unbind_app_key_async,
                                           mesh_config_engine_model_app_unbind_finish,
                                           cancellable, callback, user_data);

  if (task != NULL)
    mesh_config_engine_model_app_unbind_async (engine_of (task), node_of_model (model),
                                               address_of_model (model), model_id_of (model),
                                               app_key_index, cancellable,
                                               status_done_cb, g_object_ref (task));
}

static void
add_subscription_async (MeshNetworkController *controller,
                        MeshModel             *model,
                        const MeshDestination *address,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_autoptr(GTask) task = status_task_new (controller, add_subscription_async,
                                           mesh_config_engine_subscription_add_finish,
                                           cancellable, callback, user_data);

  if (task != NULL)
    mesh_config_engine_subscription_add_async (engine_of (task), node_of_model (model),
                                               address_of_model (model), model_id_of (model),
                                               address, cancellable,
                                               status_done_cb, g_object_ref (task));
}

static void
remove_subscription_async (MeshNetworkController *controller,
                           MeshModel             *model,
                           const MeshDestination *address,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GTask) task = status_task_new (controller, remove_subscription_async,
                                           mesh_config_engine_subscription_delete_finish,
                                           cancellable, callback, user_data);

  if (task != NULL)
    mesh_config_engine_subscription_delete_async (engine_of (task), node_of_model (model),
                                                  address_of_model (model), model_id_of (model),
                                                  address, cancellable,
                                                  status_done_cb, g_object_ref (task));
}

static void
set_publication_async (MeshNetworkController *controller,
                       MeshModel             *model,
                       const MeshPublication *publication,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  g_autoptr(GTask) task = status_task_new (controller, set_publication_async,
                                           mesh_config_engine_publication_set_finish,
                                           cancellable, callback, user_data);

  if (task != NULL)
    mesh_config_engine_publication_set_async (engine_of (task), node_of_model (model),
                                              address_of_model (model), model_id_of (model),
                                              publication, cancellable,
                                              status_done_cb, g_object_ref (task));
}

static void
refresh_composition_async (MeshNetworkController *controller,
                           MeshNode              *node,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GTask) task = status_task_new (controller, refresh_composition_async,
                                           mesh_config_engine_composition_get_finish,
                                           cancellable, callback, user_data);

  if (task != NULL)
    mesh_config_engine_composition_get_async (engine_of (task), node, 0, cancellable,
                                              status_done_cb, g_object_ref (task));
}

/* Generic OnOff */

/* An AppKey bound to the server that we can send with: our own node has
 * every AppKey of the network (the session adds each one to it). */
static gboolean
find_onoff_key (MeshSessionController *self,
                MeshElement           *element,
                guint16               *index)
{
  MeshModel *server = mesh_element_find_model (element, 0x1000, FALSE);
  MeshNetwork *network = mesh_node_get_network (mesh_element_get_node (element));
  const guint16 *bindings;
  guint n = 0;

  if (server == NULL)
    return FALSE;

  bindings = mesh_model_get_bindings (server, &n);
  for (guint i = 0; i < n; i++)
    {
      if (mesh_network_find_app_key (network, bindings[i]) != NULL)
        {
          *index = bindings[i];
          return TRUE;
        }
    }

  return FALSE;
}

static void
onoff_set_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshGenericOnOffStatus status = { 0 };
  GError *error = NULL;

  if (!mesh_config_engine_generic_onoff_set_finish (MESH_CONFIG_ENGINE (object), result, &status, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* What the node says it is now (a transition may still be running
   * towards the target). */
  g_task_return_int (task, status.present ? 1 : 0);
}

static void
set_onoff_async (MeshNetworkController *controller,
                 MeshElement           *element,
                 gboolean               on,
                 GCancellable          *cancellable,
                 GAsyncReadyCallback    callback,
                 gpointer               user_data)
{
  MeshSessionController *self = MESH_SESSION_CONTROLLER (controller);
  g_autoptr(GTask) task = op_task_new (self, set_onoff_async, cancellable, callback, user_data);
  guint16 index = 0;

  if (!_mesh_session_controller_check_open (task))
    return;

  if (!find_onoff_key (self, element, &index))
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND, "%s",
                               _("The node’s Generic OnOff Server has no AppKey bound. Bind one "
                                 "to it first: messages to it travel with that key."));
      return;
    }

  mesh_config_engine_generic_onoff_set_async (engine_of (task), mesh_element_get_address (element),
                                              index, on, NULL, TRUE, cancellable,
                                              onoff_set_cb, g_object_ref (task));
}

static gboolean
set_onoff_finish (MeshNetworkController  *controller,
                  GAsyncResult           *result,
                  gboolean               *is_on,
                  GError                **error)
{
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, controller), FALSE);

  value = g_task_propagate_int (G_TASK (result), error);
  if (value < 0)
    return FALSE;

  if (is_on != NULL)
    *is_on = value == 1;

  return TRUE;
}

/* Removing a node, reset first or not: the session's
 * (mesh_session_remove_node_async()). */

static void
node_removed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (mesh_session_remove_node_finish (MESH_SESSION (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
remove_node (MeshNetworkController *controller,
             MeshNode              *node,
             gboolean               reset_first,
             gpointer               source_tag,
             GCancellable          *cancellable,
             GAsyncReadyCallback    callback,
             gpointer               user_data)
{
  MeshSessionController *self = MESH_SESSION_CONTROLLER (controller);
  g_autoptr(GTask) task = op_task_new (self, source_tag, cancellable, callback, user_data);

  if (!_mesh_session_controller_check_open (task))
    return;

  mesh_session_remove_node_async (self->session, node, reset_first, cancellable,
                                  node_removed_cb, g_steal_pointer (&task));
}

static void
reset_node_async (MeshNetworkController *controller,
                  MeshNode              *node,
                  GCancellable          *cancellable,
                  GAsyncReadyCallback    callback,
                  gpointer               user_data)
{
  remove_node (controller, node, TRUE, reset_node_async, cancellable, callback, user_data);
}

static void
remove_node_async (MeshNetworkController *controller,
                   MeshNode              *node,
                   GCancellable          *cancellable,
                   GAsyncReadyCallback    callback,
                   gpointer               user_data)
{
  remove_node (controller, node, FALSE, remove_node_async, cancellable, callback, user_data);
}

static void
controller_iface_init (MeshNetworkControllerInterface *iface)
{
  iface->bind_app_key_async = bind_app_key_async;
  iface->bind_app_key_finish = _mesh_session_controller_boolean_finish;
  iface->unbind_app_key_async = unbind_app_key_async;
  iface->unbind_app_key_finish = _mesh_session_controller_boolean_finish;
  iface->add_subscription_async = add_subscription_async;
  iface->add_subscription_finish = _mesh_session_controller_boolean_finish;
  iface->remove_subscription_async = remove_subscription_async;
  iface->remove_subscription_finish = _mesh_session_controller_boolean_finish;
  iface->set_publication_async = set_publication_async;
  iface->set_publication_finish = _mesh_session_controller_boolean_finish;
  iface->refresh_composition_async = refresh_composition_async;
  iface->refresh_composition_finish = _mesh_session_controller_boolean_finish;
  iface->set_onoff_async = set_onoff_async;
  iface->set_onoff_finish = set_onoff_finish;
  iface->reset_node_async = reset_node_async;
  iface->reset_node_finish = _mesh_session_controller_boolean_finish;
  iface->remove_node_async = remove_node_async;
  iface->remove_node_finish = _mesh_session_controller_boolean_finish;
  _mesh_session_controller_keys_iface_init (iface);
}

MeshSessionController *
mesh_session_controller_new (MeshSession *session)
{
  MeshSessionController *self;

  g_return_val_if_fail (MESH_IS_SESSION (session), NULL);

  self = g_object_new (MESH_TYPE_SESSION_CONTROLLER, NULL);
  self->session = g_object_ref (session);

  return self;
}

MeshSession *
mesh_session_controller_get_session (MeshSessionController *self)
{
  g_return_val_if_fail (MESH_IS_SESSION_CONTROLLER (self), NULL);

  return self->session;
}

static void
mesh_session_controller_dispose (GObject *object)
{
  MeshSessionController *self = MESH_SESSION_CONTROLLER (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (mesh_session_controller_parent_class)->dispose (object);
}

static void
mesh_session_controller_class_init (MeshSessionControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mesh_session_controller_dispose;
}

static void
mesh_session_controller_init (MeshSessionController *self)
{
}
