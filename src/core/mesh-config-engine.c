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

/* The requests of one node: the one in flight and those waiting behind it. */
typedef struct
{
  guint16  address;
  GQueue   waiting;    /* GTask, owned */
  GTask   *in_flight;  /* owned */
  gboolean ready;      /* in the engine's ready queue */
} NodeQueue;

struct _MeshConfigEngine
{
  GObject        parent_instance;

  MeshTransport *transport;
  MeshStore     *store;
  MeshNetwork   *network;
  gulong         message_received_id;

  guint          timeout_ms;
  guint          retries;
  guint          max_parallel;

  GHashTable    *queues;           /* queue address → NodeQueue */
  GHashTable    *in_flight;        /* destination → GTask (borrowed from its queue) */
  GQueue         ready;            /* NodeQueues with a waiting request and none in flight */
  guint          n_in_flight;
  guint          n_pending;
  guint8         tid;
};

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

static void send_request (MeshConfigEngine *self,
                          GTask            *task);

static MeshConfigRequest *
task_request (GTask *task)
{
  return g_task_get_task_data (task);
}

static NodeQueue *
node_queue_new (guint16 address)
{
  NodeQueue *q = g_new0 (NodeQueue, 1);

  q->address = address;
  g_queue_init (&q->waiting);

  return q;
}

static void
node_queue_free (NodeQueue *q)
{
  g_assert (q->in_flight == NULL);
  g_assert (g_queue_is_empty (&q->waiting));
  g_free (q);
}

static void
set_n_pending (MeshConfigEngine *self,
               guint             n_pending)
{
  if (self->n_pending == n_pending)
    return;

  self->n_pending = n_pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

/* A request is ready to go once its message is built (an AppKey Add waits
 * for the keyring first, without letting later requests overtake it). */
static gboolean
queue_head_ready (NodeQueue *q)
{
  GTask *task = g_queue_peek_head (&q->waiting);

  return task != NULL && task_request (task)->message != NULL;
}

/* Puts a node whose next request is ready and none in flight in line for a
 * slot. */
static void
schedule_queue (MeshConfigEngine *self,
                NodeQueue        *q)
{
  if (q->ready || q->in_flight != NULL || !queue_head_ready (q))
    return;

  q->ready = TRUE;
  g_queue_push_tail (&self->ready, q);
}

static void
drop_queue_if_idle (MeshConfigEngine *self,
                    NodeQueue        *q)
{
  if (q->in_flight != NULL || !g_queue_is_empty (&q->waiting))
    return;

  if (q->ready)
    g_queue_remove (&self->ready, q);
  g_hash_table_remove (self->queues, GUINT_TO_POINTER (q->address));
}

static void
dispatch (MeshConfigEngine *self)
{
  while (self->n_in_flight < self->max_parallel && !g_queue_is_empty (&self->ready))
    {
      NodeQueue *q = g_queue_pop_head (&self->ready);
      GTask *task;
      MeshConfigRequest *request;

      q->ready = FALSE;
      if (!queue_head_ready (q))
        {
          drop_queue_if_idle (self, q);
          continue;
        }

      task = g_queue_pop_head (&q->waiting);
      request = task_request (task);
      q->in_flight = task;
      self->n_in_flight++;
      g_hash_table_insert (self->in_flight, GUINT_TO_POINTER (request->destination), task);
      send_request (self, task);
    }
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* Takes the request out of the queues and timers; afterwards the caller
 * owns the queue's reference to @task. */
static void
detach_request (MeshConfigEngine *self,
                GTask            *task)
{
  MeshConfigRequest *request = task_request (task);
  NodeQueue *q = g_hash_table_lookup (self->queues, GUINT_TO_POINTER (request->queue_address));

  clear_source (&request->timeout_source);
  clear_source (&request->cancel_source);

  g_assert (q != NULL);

  if (q->in_flight == task)
    {
      q->in_flight = NULL;
      self->n_in_flight--;
      g_hash_table_remove (self->in_flight, GUINT_TO_POINTER (request->destination));
      schedule_queue (self, q);
    }
  else
    {
      gboolean removed = g_queue_remove (&q->waiting, task);

      g_assert (removed);
    }

  drop_queue_if_idle (self, q);
  set_n_pending (self, self->n_pending - 1);
}

static void
fail_request (MeshConfigEngine *self,
              GTask            *task,
              GError           *error)
{
  MeshConfigRequest *request = task_request (task);

  /* The task may hold the last reference to the engine. */
  g_object_ref (self);

  detach_request (self, task);
  request->state = MESH_CONFIG_REQUEST_DONE;
  g_task_return_error (task, error);
  g_object_unref (task);

  dispatch (self);
  g_object_unref (self);
}

static void
return_status (GTask            *task,
               MeshConfigStatus *status)
{
  MeshConfigRequest *request = task_request (task);

  request->state = MESH_CONFIG_REQUEST_DONE;
  if (request->committed != NULL)
    request->committed (request, task, status);
  else
    g_task_return_pointer (task, status, (GDestroyNotify) mesh_config_status_free);
}

static gboolean
timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  MeshConfigEngine *self = g_task_get_source_object (task);
  MeshConfigRequest *request = task_request (task);

  g_clear_pointer (&request->timeout_source, g_source_unref);

  if (request->attempts <= self->retries)
    {
      g_debug ("No answer from 0x%04x yet: sending again (attempt %u)",
               request->destination, request->attempts + 1);
      send_request (self, task);
    }
  else if (request->malformed != NULL)
    {
      fail_request (self, task, g_steal_pointer (&request->malformed));
    }
  else
    {
      fail_request (self, task,
                    g_error_new_literal (MESH_ERROR, MESH_ERROR_TIMED_OUT,
                                         _("The node did not answer. It may be out of range or switched off.")));
    }

  return G_SOURCE_REMOVE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshConfigEngine *self = g_task_get_source_object (task);
  MeshConfigRequest *request = task_request (task);
  g_autoptr(GError) error = NULL;
  gboolean sent;

  sent = mesh_transport_send_finish (MESH_TRANSPORT (object), result, &error);

  /* Cancelled, or answered before the send call returned. */
  if (request->state != MESH_CONFIG_REQUEST_SENDING)
    return;

  if (!sent)
    {
      fail_request (self, task, g_steal_pointer (&error));
      return;
    }

  if (request->response == MESH_OPCODE_INVALID)
    {
      g_autoptr(MeshConfigEngine) guard = g_object_ref (self);

      /* Nothing answers it: done once it is on its way. */
      detach_request (self, task);
      request->state = MESH_CONFIG_REQUEST_DONE;
      if (request->generic)
        g_task_return_pointer (task, g_new0 (MeshGenericStatus, 1), g_free);
      else
        g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);  /* the queue's reference */
      dispatch (self);
      return;
    }

  request->state = MESH_CONFIG_REQUEST_WAITING;
  request->timeout_source = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (request->timeout_source, timeout_cb, task, NULL);
  g_source_set_static_name (request->timeout_source, "[mesh] config request timeout");
  g_source_attach (request->timeout_source, g_task_get_context (task));
}

static void
send_request (MeshConfigEngine *self,
              GTask            *task)
{
  MeshConfigRequest *request = task_request (task);

  request->attempts++;
  request->state = MESH_CONFIG_REQUEST_SENDING;
  mesh_transport_send_async (self->transport, request->key, request->key_index,
                             request->destination, request->message,
                             g_task_get_cancellable (task), send_cb, g_object_ref (task));
}

static void
commit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshConfigStatus *status = g_steal_pointer (&task_request (task)->answer);
  g_autoptr(GError) error = NULL;

  if (!mesh_store_batch_commit_finish (MESH_STORE_BATCH (object), result, &error))
    {
      task_request (task)->state = MESH_CONFIG_REQUEST_DONE;
      mesh_config_status_free (status);
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_DATABASE,
                               _("The node confirmed the change, but it could not be saved: %s"),
                               error->message);
      return;
    }

  return_status (task, status);
}

/* Writes what a successful status confirms, then completes the task. */
static void
apply_status (MeshConfigEngine *self,
              GTask            *task,
              MeshConfigStatus *status)
{
  MeshConfigRequest *request = task_request (task);
  g_autoptr(MeshStoreBatch) batch = mesh_store_batch_new (self->store);

  if (request->apply != NULL)
    request->apply (request, status, batch);

  if (mesh_store_batch_get_n_operations (batch) == 0)
    {
      return_status (task, status);
      g_object_unref (task);
      return;
    }

  /* Confirmed state is written even if the operation is cancelled now. */
  request->answer = status;
  mesh_store_batch_commit_async (batch, NULL, commit_cb, task);
}

static void
load_elements_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  MeshConfigStatus *status = g_steal_pointer (&task_request (task)->answer);
  g_autoptr(GError) error = NULL;

  if (!mesh_store_load_elements_finish (MESH_STORE (object), result, &error))
    {
      task_request (task)->state = MESH_CONFIG_REQUEST_DONE;
      mesh_config_status_free (status);
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_DATABASE,
                               _("The node confirmed the change, but it could not be saved: %s"),
                               error->message);
      g_object_unref (task);
      return;
    }

  apply_status (g_task_get_source_object (task), task, status);
}

/* A successful configuration status: the slot is free already. */
static void
handle_config_answer (MeshConfigEngine *self,
                      GTask            *task,
                      MeshConfigStatus *status)
{
  MeshConfigRequest *request = task_request (task);
  GError *error = NULL;

  if (!mesh_config_status_check (status, &error))
    {
      request->state = MESH_CONFIG_REQUEST_DONE;
      mesh_config_status_free (status);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (request->needs_elements && request->node != NULL &&
      !mesh_node_get_elements_loaded (request->node))
    {
      request->answer = status;
      mesh_store_load_elements_async (self->store, self->network, request->node, NULL,
                                      load_elements_cb, task);
      return;
    }

  apply_status (self, task, status);
}

static void
message_received_cb (MeshTransport    *transport,
                     MeshTransportKey  key,
                     guint             key_index,
                     guint             source,
                     guint             destination,
                     GBytes           *message,
                     MeshConfigEngine *self)
{
  g_autoptr(MeshConfigEngine) guard = NULL;
  g_autoptr(GError) error = NULL;
  MeshConfigRequest *request;
  GTask *task;
  const guint8 *data;
  gsize len;
  MeshOpcode opcode;

  task = g_hash_table_lookup (self->in_flight, GUINT_TO_POINTER (source));
  if (task == NULL)
    return;

  request = task_request (task);
  if (request->response == MESH_OPCODE_INVALID ||
      (request->state != MESH_CONFIG_REQUEST_SENDING && request->state != MESH_CONFIG_REQUEST_WAITING))
    return;

  if (request->key != key ||
      (key == MESH_TRANSPORT_KEY_APPLICATION && request->key_index != key_index))
    return;

  data = g_bytes_get_data (message, &len);
  if (!mesh_opcode_decode (data, len, &opcode, NULL, NULL) || opcode != request->response)
    return;

  /* Completing the task may drop the last other reference to the engine. */
  guard = g_object_ref (self);

  if (request->generic)
    {
      MeshGenericStatus status;

      if (!mesh_generic_status_decode (data, len, &status, &error))
        {
          g_clear_error (&request->malformed);
          request->malformed = g_steal_pointer (&error);
          return;
        }

      detach_request (self, task);
      request->state = MESH_CONFIG_REQUEST_DONE;
      g_task_return_pointer (task, g_memdup2 (&status, sizeof status), g_free);
      g_object_unref (task);
    }
  else
    {
      MeshConfigStatus *status = mesh_config_status_decode (data, len, &error);

      if (status == NULL)
        {
          g_clear_error (&request->malformed);
          request->malformed = g_steal_pointer (&error);
          return;
        }

      /* A late answer to an earlier request of the same kind. */
      if (!mesh_config_request_matches (request, status))
        {
          g_debug ("Ignoring a %s from 0x%04x that answers another request",
                   mesh_opcode_get_name (opcode), source);
          mesh_config_status_free (status);
          return;
        }

      detach_request (self, task);
      request->state = MESH_CONFIG_REQUEST_ANSWERED;
      handle_config_answer (self, task, status);
    }

  dispatch (self);
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  MeshConfigEngine *self = g_task_get_source_object (task);
  MeshConfigRequest *request = task_request (task);

  if (request->state == MESH_CONFIG_REQUEST_QUEUED ||
      request->state == MESH_CONFIG_REQUEST_SENDING ||
      request->state == MESH_CONFIG_REQUEST_WAITING)
    fail_request (self, task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                   _("The operation was cancelled.")));

  return G_SOURCE_REMOVE;
}

static guint16
node_net_key_index (MeshNode *node)
{
  const MeshNodeKey *keys;
  guint n_keys;

  keys = mesh_node_get_net_keys (node, &n_keys);
  return n_keys > 0 ? keys[0].index : 0;
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
  request->key_index = node_net_key_index (node);

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
mesh_config_engine_submit (MeshConfigEngine *self,
                           GTask            *task,
                           GError           *error)
{
  MeshConfigRequest *request = task_request (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  NodeQueue *q;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  request->state = MESH_CONFIG_REQUEST_QUEUED;

  if (cancellable != NULL)
    {
      request->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (request->cancel_source, G_SOURCE_FUNC (cancelled_cb), task, NULL);
      g_source_set_static_name (request->cancel_source, "[mesh] config request cancelled");
      g_source_attach (request->cancel_source, g_task_get_context (task));
    }

  if (request->message != NULL)
    request->response = mesh_opcode_get_response (mesh_config_request_opcode (request));

  q = g_hash_table_lookup (self->queues, GUINT_TO_POINTER (request->queue_address));
  if (q == NULL)
    {
      q = node_queue_new (request->queue_address);
      g_hash_table_insert (self->queues, GUINT_TO_POINTER (q->address), q);
    }

  g_queue_push_tail (&q->waiting, task);
  set_n_pending (self, self->n_pending + 1);
  schedule_queue (self, q);
  dispatch (self);
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
  MeshConfigRequest *request = task_request (task);

  request->message = message;
  request->apply = apply;
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

void
mesh_config_engine_prepared (MeshConfigEngine *self,
                             GTask            *task,
                             GError           *error)
{
  MeshConfigRequest *request = task_request (task);
  NodeQueue *q;

  /* Cancelled meanwhile. */
  if (request->state != MESH_CONFIG_REQUEST_QUEUED)
    {
      g_clear_error (&error);
      return;
    }

  if (error != NULL)
    {
      fail_request (self, task, error);
      return;
    }

  g_return_if_fail (request->message != NULL);

  request->response = mesh_opcode_get_response (mesh_config_request_opcode (request));
  q = g_hash_table_lookup (self->queues, GUINT_TO_POINTER (request->queue_address));
  schedule_queue (self, q);
  dispatch (self);
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
  dispatch (self);
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
                                                G_CALLBACK (message_received_cb), self);
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

  g_clear_pointer (&self->queues, g_hash_table_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);

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
  self->queues = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) node_queue_free);
  self->in_flight = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->ready);
}
