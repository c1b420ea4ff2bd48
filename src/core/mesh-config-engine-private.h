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

/* The model object of @node's element at @element_address, if the
 * database knows it (the node's elements must be loaded). */
MeshModel        *mesh_config_find_model              (MeshNode             *node,
                                                       guint16               element_address,
                                                       MeshModelId           model);

G_END_DECLS
