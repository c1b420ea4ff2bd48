/* mesh-config-engine-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the engine's operation files (mesh-config-engine-*.c) share. An
 * operation makes a task with its request as task data, fills in the
 * message and how to match and apply the answer, then submits it. */

#include "mesh-config-engine.h"
#include "mesh-config-request.h"
#include "mesh-model.h"

G_BEGIN_DECLS

/* The engine's queues live in mesh-config-engine-queue.c. */
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

#define MESH_CONFIG_NODE_PRECONDITIONS(self, node)  \
  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self)); \
  g_return_if_fail (MESH_IS_NODE (node))

GTask            *mesh_config_engine_task_new         (MeshConfigEngine     *self,
                                                       MeshNode             *node,
                                                       gpointer              source_tag,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GTask            *mesh_config_engine_generic_task_new (MeshConfigEngine     *self,
                                                       guint16               destination,
                                                       guint16               app_key_index,
                                                       gpointer              source_tag,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
/* Queues the task's request (takes the task). With @error (building the
 * message failed), completes the task with it instead. A request without
 * a message keeps its place in the node's queue, and holds back those
 * behind it, until mesh_config_engine_prepared() gives it one (or fails
 * it with @error). */
void              mesh_config_engine_submit           (MeshConfigEngine     *self,
                                                       GTask                *task,
                                                       GError               *error);
void              mesh_config_engine_prepared         (MeshConfigEngine     *self,
                                                       GTask                *task,
                                                       GError               *error);
MeshConfigStatus *mesh_config_engine_status_finish    (MeshConfigEngine     *self,
                                                       GAsyncResult         *result,
                                                       gpointer              source_tag,
                                                       GError              **error);
guint8            mesh_config_engine_next_tid         (MeshConfigEngine     *self);

/* Shorthand for the simple operations: a device-key request to @node with
 * @message (or @error from building it) and @apply for its answer. */
void              mesh_config_engine_submit_simple    (MeshConfigEngine     *self,
                                                       MeshNode             *node,
                                                       gpointer              source_tag,
                                                       GBytes               *message,
                                                       GError               *error,
                                                       MeshConfigApplyFunc   apply,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);

/* A Set whose answer @accept checks against @expected. */
void              mesh_config_engine_submit_set       (MeshConfigEngine     *self,
                                                       MeshNode             *node,
                                                       gpointer              source_tag,
                                                       GBytes               *message,
                                                       GError               *error,
                                                       MeshConfigApplyFunc   apply,
                                                       MeshConfigAcceptFunc  accept,
                                                       guint32               expected,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);

/* mesh-config-engine.c */
void              mesh_config_engine_set_n_pending    (MeshConfigEngine     *self,
                                                       guint                 n_pending);

/* mesh-config-engine-queue.c */
void              mesh_config_engine_init_queues      (MeshConfigEngine     *self);
void              mesh_config_engine_clear_queues     (MeshConfigEngine     *self);
void              mesh_config_engine_dispatch         (MeshConfigEngine     *self);
/* The handler of MeshTransport::message-received. */
void              mesh_config_engine_message_received_cb (MeshTransport    *transport,
                                                          MeshTransportKey  key,
                                                          guint             key_index,
                                                          guint             source,
                                                          guint             destination,
                                                          GBytes           *message,
                                                          MeshConfigEngine *self);

/* The model object of @node's element at @element_address, if the
 * database knows it (the node's elements must be loaded). */
MeshModel        *mesh_config_find_model              (MeshNode             *node,
                                                       guint16               element_address,
                                                       MeshModelId           model);

G_END_DECLS
