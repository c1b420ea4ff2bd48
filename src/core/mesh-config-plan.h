/* mesh-config-plan.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-config-engine.h"

G_BEGIN_DECLS

#define MESH_TYPE_CONFIG_PLAN (mesh_config_plan_get_type ())

G_DECLARE_FINAL_TYPE (MeshConfigPlan, mesh_config_plan, MESH, CONFIG_PLAN, GObject)

/* A list of configuration steps to apply to many nodes (bulk
 * configuration). Each node goes through the steps in order, one request at
 * a time; the nodes run side by side, as many at once as the engine's
 * "max-parallel" allows, so that the air stays busy. A node whose step
 * fails skips its remaining steps; the other nodes go on.
 *
 * Elements are named by index (the element's address is the node's unicast
 * address + index), so one plan fits every node of a kind. A plan may be
 * run several times and on several engines; adding steps while it runs
 * does not change that run. */

MeshConfigPlan *mesh_config_plan_new                 (void);
guint           mesh_config_plan_get_n_steps         (MeshConfigPlan         *self);

/* Steps; each is the engine operation of the same name. */
void            mesh_config_plan_add_composition_get (MeshConfigPlan         *self);
void            mesh_config_plan_add_app_key         (MeshConfigPlan         *self,
                                                      guint16                 app_key_index);
void            mesh_config_plan_add_net_key         (MeshConfigPlan         *self,
                                                      guint16                 net_key_index);
void            mesh_config_plan_add_bind            (MeshConfigPlan         *self,
                                                      guint                   element_index,
                                                      MeshModelId             model,
                                                      guint16                 app_key_index);
void            mesh_config_plan_add_subscription    (MeshConfigPlan         *self,
                                                      guint                   element_index,
                                                      MeshModelId             model,
                                                      const MeshDestination  *address);
/* @publication NULL turns publication off. */
void            mesh_config_plan_add_publication     (MeshConfigPlan         *self,
                                                      guint                   element_index,
                                                      MeshModelId             model,
                                                      const MeshPublication  *publication);
void            mesh_config_plan_add_default_ttl     (MeshConfigPlan         *self,
                                                      guint8                  ttl);

/**
 * MeshConfigPlanProgress:
 * @node: the node
 * @step: the index of the step that ended
 * @error: (nullable): why it failed, or %NULL
 * @user_data: the data given to mesh_config_plan_run_async()
 *
 * Called on the main context of the run each time a node's step ends.
 */
typedef void (*MeshConfigPlanProgress) (MeshNode     *node,
                                        guint         step,
                                        const GError *error,
                                        gpointer      user_data);

/* Applies the plan to @nodes (a GPtrArray of MeshNode). Completes when
 * every node has finished or failed. Cancelling stops every node; the
 * steps already confirmed stay stored. */
void            mesh_config_plan_run_async           (MeshConfigPlan         *self,
                                                      MeshConfigEngine       *engine,
                                                      GPtrArray              *nodes,
                                                      MeshConfigPlanProgress  progress,
                                                      gpointer                progress_data,
                                                      GDestroyNotify          progress_data_destroy,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
/* TRUE when every node went through every step. Otherwise FALSE with an
 * error that counts the failed nodes and gives the first reason
 * (MESH_ERROR_FAILED, or G_IO_ERROR_CANCELLED); @failed_nodes (nullable)
 * receives the MeshNodes that did not finish. */
gboolean        mesh_config_plan_run_finish          (MeshConfigPlan         *self,
                                                      GAsyncResult           *result,
                                                      GPtrArray             **failed_nodes,
                                                      GError                **error);

G_END_DECLS
