/* mesh-config-plan.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-config-plan.h"
#include "mesh-error.h"
#include "mesh-node.h"

typedef enum
{
  STEP_COMPOSITION_GET,
  STEP_APP_KEY,
  STEP_NET_KEY,
  STEP_BIND,
  STEP_SUBSCRIPTION,
  STEP_PUBLICATION,
  STEP_DEFAULT_TTL,
} StepKind;

typedef struct
{
  StepKind        kind;
  guint           element_index;
  MeshModelId     model;
  guint16         key_index;
  guint8          ttl;
  MeshDestination address;
  gboolean        has_publication;
  MeshPublication publication;
} Step;

struct _MeshConfigPlan
{
  GObject  parent_instance;

  GArray  *steps;  /* Step */
};

G_DEFINE_FINAL_TYPE (MeshConfigPlan, mesh_config_plan, G_TYPE_OBJECT)

/* One run of a plan: a copy of its steps and where each node stands. */
typedef struct
{
  GArray                 *steps;
  MeshConfigEngine       *engine;
  MeshConfigPlanProgress  progress;
  gpointer                progress_data;
  GDestroyNotify          progress_data_destroy;
  guint                   n_nodes;
  guint                   n_running;
  GPtrArray              *failed;       /* MeshNode */
  GError                 *first_error;
} Run;

typedef struct
{
  GTask    *task;  /* the run's; borrowed, the run holds it while a node is running */
  MeshNode *node;
  guint     step;
} NodeRun;

static void start_step (NodeRun *node_run);

static Step *
add_step (MeshConfigPlan *self,
          StepKind        kind)
{
  Step step = { .kind = kind };

  g_array_append_val (self->steps, step);
  return &g_array_index (self->steps, Step, self->steps->len - 1);
}

static void
run_free (Run *run)
{
  if (run->progress_data_destroy != NULL)
    run->progress_data_destroy (run->progress_data);
  g_clear_pointer (&run->steps, g_array_unref);
  g_clear_object (&run->engine);
  g_clear_pointer (&run->failed, g_ptr_array_unref);
  g_clear_error (&run->first_error);
  g_free (run);
}

static void
run_complete (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (run->failed->len == 0)
    g_task_return_boolean (task, TRUE);
  else if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The configuration was cancelled."));
  else
    g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_FAILED,
                             ngettext ("%u of %u node could not be configured: %s",
                                       "%u of %u nodes could not be configured: %s",
                                       run->n_nodes),
                             run->failed->len, run->n_nodes, run->first_error->message);
}

static void
node_done (NodeRun *node_run)
{
  GTask *task = node_run->task;
  Run *run = g_task_get_task_data (task);

  g_object_unref (node_run->node);
  g_free (node_run);

  if (--run->n_running == 0)
    run_complete (task);
  g_object_unref (task);
}

static void
step_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  NodeRun *node_run = user_data;
  Run *run = g_task_get_task_data (node_run->task);
  MeshConfigEngine *engine = MESH_CONFIG_ENGINE (object);
  const Step *step = &g_array_index (run->steps, Step, node_run->step);
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  switch (step->kind)
    {
    case STEP_COMPOSITION_GET:
      status = mesh_config_engine_composition_get_finish (engine, result, &error);
      break;
    case STEP_APP_KEY:
      status = mesh_config_engine_app_key_add_finish (engine, result, &error);
      break;
    case STEP_NET_KEY:
      status = mesh_config_engine_net_key_add_finish (engine, result, &error);
      break;
    case STEP_BIND:
      status = mesh_config_engine_model_app_bind_finish (engine, result, &error);
      break;
    case STEP_SUBSCRIPTION:
      status = mesh_config_engine_subscription_add_finish (engine, result, &error);
      break;
    case STEP_PUBLICATION:
      status = mesh_config_engine_publication_set_finish (engine, result, &error);
      break;
    case STEP_DEFAULT_TTL:
      status = mesh_config_engine_default_ttl_set_finish (engine, result, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (run->progress != NULL)
    run->progress (node_run->node, node_run->step, error, run->progress_data);

  if (error != NULL)
    {
      g_ptr_array_add (run->failed, g_object_ref (node_run->node));
      if (run->first_error == NULL)
        run->first_error = g_steal_pointer (&error);
      node_done (node_run);
      return;
    }

  node_run->step++;
  if (node_run->step < run->steps->len)
    start_step (node_run);
  else
    node_done (node_run);
}

static void
start_step (NodeRun *node_run)
{
  Run *run = g_task_get_task_data (node_run->task);
  const Step *step = &g_array_index (run->steps, Step, node_run->step);
  GCancellable *cancellable = g_task_get_cancellable (node_run->task);
  MeshNode *node = node_run->node;
  guint16 element_address = mesh_node_get_unicast (node) + step->element_index;

  switch (step->kind)
    {
    case STEP_COMPOSITION_GET:
      mesh_config_engine_composition_get_async (run->engine, node, 0, cancellable, step_done_cb, node_run);
      break;
    case STEP_APP_KEY:
      mesh_config_engine_app_key_add_async (run->engine, node, step->key_index, cancellable, step_done_cb, node_run);
      break;
    case STEP_NET_KEY:
      mesh_config_engine_net_key_add_async (run->engine, node, step->key_index, cancellable, step_done_cb, node_run);
      break;
    case STEP_BIND:
      mesh_config_engine_model_app_bind_async (run->engine, node, element_address, step->model,
                                               step->key_index, cancellable, step_done_cb, node_run);
      break;
    case STEP_SUBSCRIPTION:
      mesh_config_engine_subscription_add_async (run->engine, node, element_address, step->model,
                                                 &step->address, cancellable, step_done_cb, node_run);
      break;
    case STEP_PUBLICATION:
      mesh_config_engine_publication_set_async (run->engine, node, element_address, step->model,
                                                step->has_publication ? &step->publication : NULL,
                                                cancellable, step_done_cb, node_run);
      break;
    case STEP_DEFAULT_TTL:
      mesh_config_engine_default_ttl_set_async (run->engine, node, step->ttl, cancellable, step_done_cb, node_run);
      break;
    default:
      g_assert_not_reached ();
    }
}

MeshConfigPlan *
mesh_config_plan_new (void)
{
  return g_object_new (MESH_TYPE_CONFIG_PLAN, NULL);
}

guint
mesh_config_plan_get_n_steps (MeshConfigPlan *self)
{
  g_return_val_if_fail (MESH_IS_CONFIG_PLAN (self), 0);

  return self->steps->len;
}

/* Composition Data Get, page 0. */
void
mesh_config_plan_add_composition_get (MeshConfigPlan *self)
{
  g_return_if_fail (MESH_IS_CONFIG_PLAN (self));

  add_step (self, STEP_COMPOSITION_GET);
}

void
mesh_config_plan_add_app_key (MeshConfigPlan *self,
                              guint16         app_key_index)
{
  g_return_if_fail (MESH_IS_CONFIG_PLAN (self));

  add_step (self, STEP_APP_KEY)->key_index = app_key_index;
}

void
mesh_config_plan_add_net_key (MeshConfigPlan *self,
                              guint16         net_key_index)
{
  g_return_if_fail (MESH_IS_CONFIG_PLAN (self));

  add_step (self, STEP_NET_KEY)->key_index = net_key_index;
}

void
mesh_config_plan_add_bind (MeshConfigPlan *self,
                           guint           element_index,
                           MeshModelId     model,
                           guint16         app_key_index)
{
  Step *step;

  g_return_if_fail (MESH_IS_CONFIG_PLAN (self));

  step = add_step (self, STEP_BIND);
  step->element_index = element_index;
  step->model = model;
  step->key_index = app_key_index;
}

void
mesh_config_plan_add_subscription (MeshConfigPlan        *self,
                                   guint                  element_index,
                                   MeshModelId            model,
                                   const MeshDestination *address)
{
  Step *step;

  g_return_if_fail (MESH_IS_CONFIG_PLAN (self));
  g_return_if_fail (address != NULL);

  step = add_step (self, STEP_SUBSCRIPTION);
  step->element_index = element_index;
  step->model = model;
  step->address = *address;
}

void
mesh_config_plan_add_publication (MeshConfigPlan        *self,
                                  guint                  element_index,
                                  MeshModelId            model,
                                  const MeshPublication *publication)
{
  Step *step;

  g_return_if_fail (MESH_IS_CONFIG_PLAN (self));

  step = add_step (self, STEP_PUBLICATION);
  step->element_index = element_index;
  step->model = model;
  step->has_publication = publication != NULL;
  if (publication != NULL)
    step->publication = *publication;
}

void
mesh_config_plan_add_default_ttl (MeshConfigPlan *self,
                                  guint8          ttl)
{
  g_return_if_fail (MESH_IS_CONFIG_PLAN (self));

  add_step (self, STEP_DEFAULT_TTL)->ttl = ttl;
}

void
mesh_config_plan_run_async (MeshConfigPlan         *self,
                            MeshConfigEngine       *engine,
                            GPtrArray              *nodes,
                            MeshConfigPlanProgress  progress,
                            gpointer                progress_data,
                            GDestroyNotify          progress_data_destroy,
                            GCancellable           *cancellable,
                            GAsyncReadyCallback     callback,
                            gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (MESH_IS_CONFIG_PLAN (self));
  g_return_if_fail (MESH_IS_CONFIG_ENGINE (engine));
  g_return_if_fail (nodes != NULL);
  for (guint i = 0; i < nodes->len; i++)
    g_return_if_fail (MESH_IS_NODE (nodes->pdata[i]));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_config_plan_run_async);

  run = g_new0 (Run, 1);
  run->steps = g_array_copy (self->steps);
  run->engine = g_object_ref (engine);
  run->progress = progress;
  run->progress_data = progress_data;
  run->progress_data_destroy = progress_data_destroy;
  run->n_nodes = nodes->len;
  run->failed = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  if (nodes->len == 0 || self->steps->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Every node's first step is queued at once: the engine keeps
   * max-parallel of them in flight and the rest in line. */
  run->n_running = nodes->len;
  for (guint i = 0; i < nodes->len; i++)
    {
      NodeRun *node_run = g_new0 (NodeRun, 1);

      node_run->task = g_object_ref (task);
      node_run->node = g_object_ref (nodes->pdata[i]);
      start_step (node_run);
    }
}

gboolean
mesh_config_plan_run_finish (MeshConfigPlan  *self,
                             GAsyncResult    *result,
                             GPtrArray      **failed_nodes,
                             GError         **error)
{
  Run *run;

  g_return_val_if_fail (MESH_IS_CONFIG_PLAN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (failed_nodes != NULL)
    *failed_nodes = g_ptr_array_ref (run->failed);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mesh_config_plan_finalize (GObject *object)
{
  MeshConfigPlan *self = (MeshConfigPlan *)object;

  g_clear_pointer (&self->steps, g_array_unref);

  G_OBJECT_CLASS (mesh_config_plan_parent_class)->finalize (object);
}

static void
mesh_config_plan_class_init (MeshConfigPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_config_plan_finalize;
}

static void
mesh_config_plan_init (MeshConfigPlan *self)
{
  self->steps = g_array_new (FALSE, TRUE, sizeof (Step));
}
