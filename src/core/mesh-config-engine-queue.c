/* mesh-config-engine-queue.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* How the engine's requests travel: per-node FIFO queues, the parallel
 * limit, sending, timeouts and retries, matching answers, cancellation,
 * and storing what a successful answer confirms. */

#include <glib/gi18n.h>

#include "mesh-config-engine-private.h"
#include "mesh-error.h"
#include "mesh-node.h"

/* The requests of one node: the one in flight and those waiting behind it. */
typedef struct
{
  guint16  address;
  GQueue   waiting;    /* GTask, owned */
  GTask   *in_flight;  /* owned */
  gboolean ready;      /* in the engine's ready queue */
} NodeQueue;

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
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static gboolean
task_cancelled (GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  return cancellable != NULL && g_cancellable_is_cancelled (cancellable);
}

void
mesh_config_engine_dispatch (MeshConfigEngine *self)
{
  g_autoptr(GPtrArray) cancelled = NULL;

  /* "n-pending" handlers run once the queues are consistent. */
  g_object_freeze_notify (G_OBJECT (self));

  while (self->n_in_flight < self->max_parallel && !g_queue_is_empty (&self->ready))
    {
      NodeQueue *q = g_queue_pop_head (&self->ready);
      GTask *task;
      MeshConfigRequest *request;

      q->ready = FALSE;

      /* A request cancelled while it waited never leaves, even if its
       * cancellation has not been handled yet. */
      while ((task = g_queue_peek_head (&q->waiting)) != NULL && task_cancelled (task))
        {
          request = task_request (task);
          g_queue_pop_head (&q->waiting);
          clear_source (&request->cancel_source);
          request->state = MESH_CONFIG_REQUEST_DONE;
          mesh_config_engine_set_n_pending (self, self->n_pending - 1);
          if (cancelled == NULL)
            cancelled = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (cancelled, task);
        }

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

  g_object_thaw_notify (G_OBJECT (self));

  /* Completed once the queues are consistent: a callback may queue more. */
  if (cancelled != NULL)
    {
      g_autoptr(MeshConfigEngine) guard = g_object_ref (self);

      for (guint i = 0; i < cancelled->len; i++)
        g_task_return_new_error (cancelled->pdata[i], G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 _("The operation was cancelled."));
    }
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
  mesh_config_engine_set_n_pending (self, self->n_pending - 1);
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

  mesh_config_engine_dispatch (self);
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
      mesh_config_engine_dispatch (self);
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

void
mesh_config_engine_message_received_cb (MeshTransport    *transport,
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

  mesh_config_engine_dispatch (self);
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
  mesh_config_engine_set_n_pending (self, self->n_pending + 1);
  schedule_queue (self, q);
  mesh_config_engine_dispatch (self);
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
  mesh_config_engine_dispatch (self);
}

void
mesh_config_engine_init_queues (MeshConfigEngine *self)
{
  self->queues = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) node_queue_free);
  self->in_flight = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->ready);
}

void
mesh_config_engine_clear_queues (MeshConfigEngine *self)
{
  g_clear_pointer (&self->queues, g_hash_table_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
}
