/* mesh-config-engine.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-config-engine-private.h"
#include "mesh-element.h"
#include "mesh-error.h"
#include "mesh-node.h"

#define DEFAULT_TIMEOUT_MS   10000
#define DEFAULT_RETRIES      2
#define DEFAULT_MAX_PARALLEL 8
#define MAX_PARALLEL_LIMIT   256

G_DEFINE_FINAL_TYPE (MeshConfigEngine, mesh_config_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TRANSPORT,
  PROP_STORE,
  PROP_NETWORK,
  PROP_TIMEOUT,
  PROP_RETRIES,
  PROP_MAX_PARALLEL,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
mesh_config_engine_set_n_pending (MeshConfigEngine *self,
                                  guint             n_pending)
{
  if (self->n_pending == n_pending)
    return;

  self->n_pending = n_pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

GTask *
mesh_config_engine_task_new (MeshConfigEngine    *self,
                             MeshNode            *node,
                             gpointer             source_tag,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  MeshConfigRequest *request = mesh_config_request_new ();
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) mesh_config_request_free);

  request->node = g_object_ref (node);
  request->destination = mesh_node_get_unicast (node);
  request->queue_address = request->destination;
  request->key = MESH_TRANSPORT_KEY_DEVICE;
  request->key_index = mesh_node_get_reach_net_index (node);

  return task;
}

GTask *
mesh_config_engine_generic_task_new (MeshConfigEngine    *self,
                                     guint16              destination,
                                     guint16              app_key_index,
                                     gpointer             source_tag,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  MeshConfigRequest *request = mesh_config_request_new ();
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  MeshNode *node = mesh_network_find_node_by_address (self->network, destination);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) mesh_config_request_free);

  request->node = node != NULL ? g_object_ref (node) : NULL;
  request->destination = destination;
  /* Elements of one node share its queue: one request per node. */
  request->queue_address = node != NULL ? mesh_node_get_unicast (node) : destination;
  request->key = MESH_TRANSPORT_KEY_APPLICATION;
  request->key_index = app_key_index;
  request->generic = TRUE;

  return task;
}

void
mesh_config_engine_submit_simple (MeshConfigEngine    *self,
                                  MeshNode            *node,
                                  gpointer             source_tag,
                                  GBytes              *message,
                                  GError              *error,
                                  MeshConfigApplyFunc  apply,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = mesh_config_engine_task_new (self, node, source_tag, cancellable, callback, user_data);
  MeshConfigRequest *request = g_task_get_task_data (task);

  request->message = message;
  request->apply = apply;
  mesh_config_engine_submit (self, task, error);
}

void
mesh_config_engine_submit_set (MeshConfigEngine     *self,
                               MeshNode             *node,
                               gpointer              source_tag,
                               GBytes               *message,
                               GError               *error,
                               MeshConfigApplyFunc   apply,
                               MeshConfigAcceptFunc  accept,
                               guint32               expected,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  GTask *task = mesh_config_engine_task_new (self, node, source_tag, cancellable, callback, user_data);
  MeshConfigRequest *request = g_task_get_task_data (task);

  request->message = message;
  request->apply = apply;
  request->accept = accept;
  request->expected = expected;
  mesh_config_engine_submit (self, task, error);
}

MeshModel *
mesh_config_find_model (MeshNode    *node,
                        guint16      element_address,
                        MeshModelId  model)
{
  guint16 unicast = mesh_node_get_unicast (node);
  MeshElement *element;

  if (!mesh_node_get_elements_loaded (node) || element_address < unicast)
    return NULL;

  element = mesh_node_get_element (node, element_address - unicast);
  if (element == NULL)
    return NULL;

  return mesh_element_find_model (element,
                                  model.vendor ? ((guint32) model.company_id << 16) | model.model_id : model.model_id,
                                  model.vendor);
}

MeshConfigStatus *
mesh_config_engine_status_finish (MeshConfigEngine  *self,
                                  GAsyncResult      *result,
                                  gpointer           source_tag,
                                  GError           **error)
{
  g_return_val_if_fail (MESH_IS_CONFIG_ENGINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint8
mesh_config_engine_next_tid (MeshConfigEngine *self)
{
  return self->tid++;
}

/**
 * mesh_config_engine_new:
 * @transport: how messages reach the nodes
 * @store: the network database
 * @network: the network whose nodes are configured; its lists must be
 *   loaded
 *
 * Returns: (transfer full): a new engine
 */
MeshConfigEngine *
mesh_config_engine_new (MeshTransport *transport,
                        MeshStore     *store,
                        MeshNetwork   *network)
{
  g_return_val_if_fail (MESH_IS_TRANSPORT (transport), NULL);
  g_return_val_if_fail (MESH_IS_STORE (store), NULL);
  g_return_val_if_fail (MESH_IS_NETWORK (network), NULL);

  return g_object_new (MESH_TYPE_CONFIG_ENGINE,
                       "transport", transport,
                       "store", store,
                       "network", network,
                       NULL);
}

MeshTransport *
mesh_config_engine_get_transport (MeshConfigEngine *self)
{
  g_return_val_if_fail (MESH_IS_CONFIG_ENGINE (self), NULL);

  return self->transport;
}

MeshStore *
mesh_config_engine_get_store (MeshConfigEngine *self)
{
  g_return_val_if_fail (MESH_IS_CONFIG_ENGINE (self), NULL);

  return self->store;
}

MeshNetwork *
mesh_config_engine_get_network (MeshConfigEngine *self)
{
  g_return_val_if_fail (MESH_IS_CONFIG_ENGINE (self), NULL);

  return self->network;
}

guint
mesh_config_engine_get_timeout (MeshConfigEngine *self)
{
  g_return_val_if_fail (MESH_IS_CONFIG_ENGINE (self), 0);

  return self->timeout_ms;
}

/* Applies to requests sent from now on. */
void
mesh_config_engine_set_timeout (MeshConfigEngine *self,
                                guint             timeout_ms)
{
  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
mesh_config_engine_get_retries (MeshConfigEngine *self)
{
  g_return_val_if_fail (MESH_IS_CONFIG_ENGINE (self), 0);

  return self->retries;
}

void
mesh_config_engine_set_retries (MeshConfigEngine *self,
                                guint             retries)
{
  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));

  if (self->retries == retries)
    return;

  self->retries = retries;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRIES]);
}

guint
mesh_config_engine_get_max_parallel (MeshConfigEngine *self)
{
  g_return_val_if_fail (MESH_IS_CONFIG_ENGINE (self), 0);

  return self->max_parallel;
}

void
mesh_config_engine_set_max_parallel (MeshConfigEngine *self,
                                     guint             max_parallel)
{
  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));
  g_return_if_fail (max_parallel >= 1 && max_parallel <= MAX_PARALLEL_LIMIT);

  if (self->max_parallel == max_parallel)
    return;

  self->max_parallel = max_parallel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_PARALLEL]);
  mesh_config_engine_dispatch (self);
}

guint
mesh_config_engine_get_n_pending (MeshConfigEngine *self)
{
  g_return_val_if_fail (MESH_IS_CONFIG_ENGINE (self), 0);

  return self->n_pending;
}

static void
mesh_config_engine_constructed (GObject *object)
{
  MeshConfigEngine *self = (MeshConfigEngine *)object;

  G_OBJECT_CLASS (mesh_config_engine_parent_class)->constructed (object);

  self->message_received_id = g_signal_connect (self->transport, "message-received",
                                                G_CALLBACK (mesh_config_engine_message_received_cb), self);
}

static void
mesh_config_engine_dispose (GObject *object)
{
  MeshConfigEngine *self = (MeshConfigEngine *)object;

  /* Every request's task holds the engine: none is left here. */
  g_clear_signal_handler (&self->message_received_id, self->transport);
  g_clear_object (&self->transport);
  g_clear_object (&self->store);
  g_clear_object (&self->network);

  G_OBJECT_CLASS (mesh_config_engine_parent_class)->dispose (object);
}

static void
mesh_config_engine_finalize (GObject *object)
{
  MeshConfigEngine *self = (MeshConfigEngine *)object;

  mesh_config_engine_clear_queues (self);

  G_OBJECT_CLASS (mesh_config_engine_parent_class)->finalize (object);
}

static void
mesh_config_engine_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MeshConfigEngine *self = MESH_CONFIG_ENGINE (object);

  switch (prop_id)
    {
    case PROP_TRANSPORT:
      g_value_set_object (value, self->transport);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;

    case PROP_RETRIES:
      g_value_set_uint (value, self->retries);
      break;

    case PROP_MAX_PARALLEL:
      g_value_set_uint (value, self->max_parallel);
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_config_engine_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MeshConfigEngine *self = MESH_CONFIG_ENGINE (object);

  switch (prop_id)
    {
    case PROP_TRANSPORT:
      self->transport = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_NETWORK:
      self->network = g_value_dup_object (value);
      break;

    case PROP_TIMEOUT:
      mesh_config_engine_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_RETRIES:
      mesh_config_engine_set_retries (self, g_value_get_uint (value));
      break;

    case PROP_MAX_PARALLEL:
      mesh_config_engine_set_max_parallel (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_config_engine_class_init (MeshConfigEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mesh_config_engine_constructed;
  object_class->dispose = mesh_config_engine_dispose;
  object_class->finalize = mesh_config_engine_finalize;
  object_class->get_property = mesh_config_engine_get_property;
  object_class->set_property = mesh_config_engine_set_property;

  properties[PROP_TRANSPORT] =
    g_param_spec_object ("transport", NULL, NULL,
                         MESH_TYPE_TRANSPORT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         MESH_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL,
                         MESH_TYPE_NETWORK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Milliseconds; the app mirrors the request-timeout setting (seconds). */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_TIMEOUT_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RETRIES] =
    g_param_spec_uint ("retries", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_RETRIES,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MAX_PARALLEL] =
    g_param_spec_uint ("max-parallel", NULL, NULL,
                       1, MAX_PARALLEL_LIMIT, DEFAULT_MAX_PARALLEL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_config_engine_init (MeshConfigEngine *self)
{
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  self->retries = DEFAULT_RETRIES;
  self->max_parallel = DEFAULT_MAX_PARALLEL;
  /* A server drops a Set whose source, destination and TID match one of
   * the last 6 s, so a new engine (a new run of the CLI, say) must not
   * start where the previous one did. A random start collided once in
   * 256 runs; one from the clock, a step per 100 ms, differs from that of
   * any engine started between 100 ms and 25 s before. */
  self->tid = (guint8) (g_get_real_time () / (100 * 1000));
  mesh_config_engine_init_queues (self);
}
