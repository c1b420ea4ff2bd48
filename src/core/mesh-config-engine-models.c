/* mesh-config-engine-models.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* The engine's operations on models: AppKey bindings, publication and
 * subscriptions. */

#include <string.h>

#include "mesh-config-engine-private.h"
#include "mesh-crypto.h"
#include "mesh-group.h"
#include "mesh-node.h"

typedef enum
{
  SUBSCRIPTION_ADD,
  SUBSCRIPTION_DELETE,
  SUBSCRIPTION_OVERWRITE,
  SUBSCRIPTION_DELETE_ALL,
} SubscriptionChange;

/* The Label UUID the network knows for a virtual address: the request's
 * own, one the model already has, or a group's. */
static void
resolve_destination (MeshConfigRequest *request,
                     MeshModel         *model,
                     guint16            address,
                     MeshDestination   *out)
{
  MeshNetwork *network = mesh_node_get_network (request->node);
  const MeshDestination *subscriptions;
  const MeshPublication *publication;
  GListModel *groups;
  guint n;

  mesh_destination_init_address (out, address);
  if (!mesh_address_is_virtual (address))
    return;

  if (request->destination_label.has_label && request->destination_label.address == address)
    {
      *out = request->destination_label;
      return;
    }

  subscriptions = mesh_model_get_subscriptions (model, &n);
  for (guint i = 0; i < n; i++)
    if (subscriptions[i].has_label && subscriptions[i].address == address)
      {
        *out = subscriptions[i];
        return;
      }

  publication = mesh_model_get_publication (model);
  if (publication != NULL && publication->destination.has_label &&
      publication->destination.address == address)
    {
      *out = publication->destination;
      return;
    }

  if (network == NULL)
    return;

  groups = mesh_network_get_groups (network);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(MeshGroup) group = g_list_model_get_item (groups, i);
      const MeshDestination *group_address = mesh_group_get_address (group);

      if (group_address->has_label && group_address->address == address)
        {
          *out = *group_address;
          return;
        }
    }
}

/* Applying confirmed states; a model the database does not know is
 * configured on the node but cannot be stored. */

static MeshModel *
request_model (MeshConfigRequest *request)
{
  MeshModel *model = mesh_config_find_model (request->node, request->element_address, request->model);

  if (model == NULL)
    g_debug ("Model %04x:%04x of element 0x%04x is not in the database; not storing its state",
             request->model.company_id, request->model.model_id, request->element_address);

  return model;
}

static void
apply_bind (MeshConfigRequest      *request,
            const MeshConfigStatus *status,
            MeshStoreBatch         *batch)
{
  MeshModel *model = request_model (request);

  if (model == NULL)
    return;

  if (mesh_config_request_opcode (request) == MESH_OP_CONFIG_MODEL_APP_BIND)
    mesh_model_add_binding (model, request->app_key_index);
  else
    mesh_model_remove_binding (model, request->app_key_index);
  mesh_store_batch_update (batch, model);
}

static void
apply_bindings (MeshConfigRequest      *request,
                const MeshConfigStatus *status,
                MeshStoreBatch         *batch)
{
  MeshModel *model = request_model (request);

  if (model == NULL)
    return;

  mesh_model_set_bindings (model, status->model_list.items, status->model_list.n_items);
  mesh_store_batch_update (batch, model);
}

static void
apply_publication (MeshConfigRequest      *request,
                   const MeshConfigStatus *status,
                   MeshStoreBatch         *batch)
{
  const MeshConfigPublication *wire = &status->publication.publication;
  MeshModel *model = request_model (request);
  MeshPublication publication = { 0 };

  if (model == NULL)
    return;

  if (wire->address == MESH_ADDRESS_UNASSIGNED)
    {
      mesh_model_set_publication (model, NULL);
      mesh_store_batch_update (batch, model);
      return;
    }

  resolve_destination (request, model, wire->address, &publication.destination);
  publication.app_key_index = wire->app_key_index;
  publication.ttl = wire->ttl;
  publication.period_steps = wire->period.steps;
  publication.period_resolution = wire->period.resolution;
  publication.retransmit_count = wire->retransmit.count;
  publication.retransmit_interval_steps = wire->retransmit.interval_steps;
  publication.credentials = wire->friendship_credentials ? 1 : 0;

  mesh_model_set_publication (model, &publication);
  mesh_store_batch_update (batch, model);
}

static void
apply_subscription (MeshConfigRequest      *request,
                    const MeshConfigStatus *status,
                    MeshStoreBatch         *batch)
{
  MeshModel *model = request_model (request);
  MeshDestination address;

  if (model == NULL)
    return;

  resolve_destination (request, model, request->address, &address);

  switch ((SubscriptionChange) GPOINTER_TO_INT (request->data))
    {
    case SUBSCRIPTION_ADD:
      mesh_model_add_subscription (model, &address);
      break;

    case SUBSCRIPTION_DELETE:
      mesh_model_remove_subscription (model, &address);
      break;

    case SUBSCRIPTION_OVERWRITE:
      mesh_model_set_subscriptions (model, &address, 1);
      break;

    case SUBSCRIPTION_DELETE_ALL:
      mesh_model_set_subscriptions (model, NULL, 0);
      break;

    default:
      g_assert_not_reached ();
    }

  mesh_store_batch_update (batch, model);
}

static void
apply_subscription_list (MeshConfigRequest      *request,
                         const MeshConfigStatus *status,
                         MeshStoreBatch         *batch)
{
  const MeshConfigModelList *list = &status->model_list;
  MeshModel *model = request_model (request);
  g_autofree MeshDestination *subscriptions = NULL;

  if (model == NULL)
    return;

  subscriptions = g_new0 (MeshDestination, MAX (list->n_items, 1));
  for (guint i = 0; i < list->n_items; i++)
    resolve_destination (request, model, list->items[i], &subscriptions[i]);

  mesh_model_set_subscriptions (model, subscriptions, list->n_items);
  mesh_store_batch_update (batch, model);
}

/* Operations */

static GTask *
model_task_new (MeshConfigEngine    *self,
                MeshNode            *node,
                guint16              element_address,
                MeshModelId          model,
                gpointer             source_tag,
                MeshConfigApplyFunc  apply,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = mesh_config_engine_task_new (self, node, source_tag, cancellable, callback, user_data);
  MeshConfigRequest *request = g_task_get_task_data (task);

  request->match = MESH_CONFIG_MATCH_ELEMENT | MESH_CONFIG_MATCH_MODEL;
  request->element_address = element_address;
  request->model = model;
  request->apply = apply;
  request->needs_elements = TRUE;

  return task;
}

static void
bind_async (MeshConfigEngine    *self,
            MeshNode            *node,
            guint16              element_address,
            MeshModelId          model,
            guint16              app_key_index,
            gboolean             bind,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GError *error = NULL;
  GTask *task;
  MeshConfigRequest *request;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  task = model_task_new (self, node, element_address, model, source_tag, apply_bind,
                         cancellable, callback, user_data);
  request = g_task_get_task_data (task);
  request->match |= MESH_CONFIG_MATCH_APP_KEY;
  request->app_key_index = app_key_index;
  if (bind)
    request->message = mesh_config_model_app_bind_new (element_address, app_key_index, model, &error);
  else
    request->message = mesh_config_model_app_unbind_new (element_address, app_key_index, model, &error);
  mesh_config_engine_submit (self, task, error);
}

void
mesh_config_engine_model_app_bind_async (MeshConfigEngine    *self,
                                         MeshNode            *node,
                                         guint16              element_address,
                                         MeshModelId          model,
                                         guint16              app_key_index,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  bind_async (self, node, element_address, model, app_key_index, TRUE,
              mesh_config_engine_model_app_bind_async, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_model_app_bind_finish (MeshConfigEngine  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_model_app_bind_async, error);
}

void
mesh_config_engine_model_app_unbind_async (MeshConfigEngine    *self,
                                           MeshNode            *node,
                                           guint16              element_address,
                                           MeshModelId          model,
                                           guint16              app_key_index,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  bind_async (self, node, element_address, model, app_key_index, FALSE,
              mesh_config_engine_model_app_unbind_async, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_model_app_unbind_finish (MeshConfigEngine  *self,
                                            GAsyncResult      *result,
                                            GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_model_app_unbind_async, error);
}

void
mesh_config_engine_model_app_get_async (MeshConfigEngine    *self,
                                        MeshNode            *node,
                                        guint16              element_address,
                                        MeshModelId          model,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  task = model_task_new (self, node, element_address, model, mesh_config_engine_model_app_get_async,
                         apply_bindings, cancellable, callback, user_data);
  ((MeshConfigRequest *) g_task_get_task_data (task))->message =
    mesh_config_model_app_get_new (element_address, model, &error);
  mesh_config_engine_submit (self, task, error);
}

MeshConfigStatus *
mesh_config_engine_model_app_get_finish (MeshConfigEngine  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_model_app_get_async, error);
}

void
mesh_config_engine_publication_get_async (MeshConfigEngine    *self,
                                          MeshNode            *node,
                                          guint16              element_address,
                                          MeshModelId          model,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  task = model_task_new (self, node, element_address, model, mesh_config_engine_publication_get_async,
                         apply_publication, cancellable, callback, user_data);
  ((MeshConfigRequest *) g_task_get_task_data (task))->message =
    mesh_config_model_publication_get_new (element_address, model, &error);
  mesh_config_engine_submit (self, task, error);
}

MeshConfigStatus *
mesh_config_engine_publication_get_finish (MeshConfigEngine  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_publication_get_async, error);
}

void
mesh_config_engine_publication_set_async (MeshConfigEngine      *self,
                                          MeshNode              *node,
                                          guint16                element_address,
                                          MeshModelId            model,
                                          const MeshPublication *publication,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data)
{
  MeshConfigPublication wire = { 0 };
  GError *error = NULL;
  GTask *task;
  MeshConfigRequest *request;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  task = model_task_new (self, node, element_address, model, mesh_config_engine_publication_set_async,
                         apply_publication, cancellable, callback, user_data);
  request = g_task_get_task_data (task);

  if (publication != NULL)
    {
      wire.address = publication->destination.address;
      wire.app_key_index = publication->app_key_index;
      wire.friendship_credentials = publication->credentials != 0;
      wire.ttl = publication->ttl;
      wire.period.steps = publication->period_steps;
      wire.period.resolution = (MeshStepResolution) publication->period_resolution;
      wire.retransmit.count = publication->retransmit_count;
      wire.retransmit.interval_steps = publication->retransmit_interval_steps;
    }

  if (publication != NULL && publication->destination.has_label)
    {
      request->destination_label = publication->destination;
      request->destination_label.address = mesh_crypto_virtual_address (publication->destination.label);
      request->message = mesh_config_model_publication_virtual_set_new (element_address,
                                                                        publication->destination.label,
                                                                        &wire, model, &error);
    }
  else
    {
      request->message = mesh_config_model_publication_set_new (element_address, &wire, model, &error);
    }

  mesh_config_engine_submit (self, task, error);
}

MeshConfigStatus *
mesh_config_engine_publication_set_finish (MeshConfigEngine  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_publication_set_async, error);
}

static void
subscription_async (MeshConfigEngine      *self,
                    MeshNode              *node,
                    guint16                element_address,
                    MeshModelId            model,
                    const MeshDestination *address,
                    SubscriptionChange     change,
                    gpointer               source_tag,
                    GCancellable          *cancellable,
                    GAsyncReadyCallback    callback,
                    gpointer               user_data)
{
  GError *error = NULL;
  GTask *task;
  MeshConfigRequest *request;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));
  g_return_if_fail (address != NULL || change == SUBSCRIPTION_DELETE_ALL);

  task = model_task_new (self, node, element_address, model, source_tag, apply_subscription,
                         cancellable, callback, user_data);
  request = g_task_get_task_data (task);
  request->data = GINT_TO_POINTER (change);

  if (change == SUBSCRIPTION_DELETE_ALL)
    {
      request->message = mesh_config_model_subscription_delete_all_new (element_address, model, &error);
    }
  else if (address->has_label)
    {
      request->destination_label = *address;
      request->destination_label.address = mesh_crypto_virtual_address (address->label);
      request->address = request->destination_label.address;
      request->match |= MESH_CONFIG_MATCH_ADDRESS;

      if (change == SUBSCRIPTION_ADD)
        request->message = mesh_config_model_subscription_virtual_add_new (element_address, address->label, model, &error);
      else if (change == SUBSCRIPTION_DELETE)
        request->message = mesh_config_model_subscription_virtual_delete_new (element_address, address->label, model, &error);
      else
        request->message = mesh_config_model_subscription_virtual_overwrite_new (element_address, address->label, model, &error);
    }
  else
    {
      request->address = address->address;
      request->match |= MESH_CONFIG_MATCH_ADDRESS;

      if (change == SUBSCRIPTION_ADD)
        request->message = mesh_config_model_subscription_add_new (element_address, address->address, model, &error);
      else if (change == SUBSCRIPTION_DELETE)
        request->message = mesh_config_model_subscription_delete_new (element_address, address->address, model, &error);
      else
        request->message = mesh_config_model_subscription_overwrite_new (element_address, address->address, model, &error);
    }

  mesh_config_engine_submit (self, task, error);
}

void
mesh_config_engine_subscription_add_async (MeshConfigEngine      *self,
                                           MeshNode              *node,
                                           guint16                element_address,
                                           MeshModelId            model,
                                           const MeshDestination *address,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  subscription_async (self, node, element_address, model, address, SUBSCRIPTION_ADD,
                      mesh_config_engine_subscription_add_async, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_subscription_add_finish (MeshConfigEngine  *self,
                                            GAsyncResult      *result,
                                            GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_subscription_add_async, error);
}

void
mesh_config_engine_subscription_delete_async (MeshConfigEngine      *self,
                                              MeshNode              *node,
                                              guint16                element_address,
                                              MeshModelId            model,
                                              const MeshDestination *address,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data)
{
  subscription_async (self, node, element_address, model, address, SUBSCRIPTION_DELETE,
                      mesh_config_engine_subscription_delete_async, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_subscription_delete_finish (MeshConfigEngine  *self,
                                               GAsyncResult      *result,
                                               GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_subscription_delete_async, error);
}

void
mesh_config_engine_subscription_overwrite_async (MeshConfigEngine      *self,
                                                 MeshNode              *node,
                                                 guint16                element_address,
                                                 MeshModelId            model,
                                                 const MeshDestination *address,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data)
{
  subscription_async (self, node, element_address, model, address, SUBSCRIPTION_OVERWRITE,
                      mesh_config_engine_subscription_overwrite_async, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_subscription_overwrite_finish (MeshConfigEngine  *self,
                                                  GAsyncResult      *result,
                                                  GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_subscription_overwrite_async, error);
}

void
mesh_config_engine_subscription_delete_all_async (MeshConfigEngine    *self,
                                                  MeshNode            *node,
                                                  guint16              element_address,
                                                  MeshModelId          model,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  subscription_async (self, node, element_address, model, NULL, SUBSCRIPTION_DELETE_ALL,
                      mesh_config_engine_subscription_delete_all_async, cancellable, callback, user_data);
}

MeshConfigStatus *
mesh_config_engine_subscription_delete_all_finish (MeshConfigEngine  *self,
                                                   GAsyncResult      *result,
                                                   GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_subscription_delete_all_async, error);
}

void
mesh_config_engine_subscription_get_async (MeshConfigEngine    *self,
                                           MeshNode            *node,
                                           guint16              element_address,
                                           MeshModelId          model,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (MESH_IS_NODE (node));

  task = model_task_new (self, node, element_address, model, mesh_config_engine_subscription_get_async,
                         apply_subscription_list, cancellable, callback, user_data);
  ((MeshConfigRequest *) g_task_get_task_data (task))->message =
    mesh_config_model_subscription_get_new (element_address, model, &error);
  mesh_config_engine_submit (self, task, error);
}

MeshConfigStatus *
mesh_config_engine_subscription_get_finish (MeshConfigEngine  *self,
                                            GAsyncResult      *result,
                                            GError           **error)
{
  return mesh_config_engine_status_finish (self, result, mesh_config_engine_subscription_get_async, error);
}
