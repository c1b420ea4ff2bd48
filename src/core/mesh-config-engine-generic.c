/* mesh-config-engine-generic.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* Generic OnOff and Generic Level, sent with an AppKey. They share the
 * engine's queue, so that they never overtake configuration requests to
 * the same node (an OnOff Set right after the bind it needs). */

#include "mesh-config-engine-private.h"

static void
submit_generic (MeshConfigEngine    *self,
                guint16              destination,
                guint16              app_key_index,
                gpointer             source_tag,
                GBytes              *message,
                GError              *error,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = mesh_config_engine_generic_task_new (self, destination, app_key_index, source_tag,
                                                     cancellable, callback, user_data);

  ((MeshConfigRequest *) g_task_get_task_data (task))->message = message;
  mesh_config_engine_submit (self, task, error);
}

static gboolean
generic_finish (MeshConfigEngine   *self,
                GAsyncResult       *result,
                gpointer            source_tag,
                MeshGenericStatus  *status,
                GError            **error)
{
  g_autofree MeshGenericStatus *answer = NULL;

  g_return_val_if_fail (MESH_IS_CONFIG_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return FALSE;

  *status = *answer;
  return TRUE;
}

void
mesh_config_engine_generic_onoff_get_async (MeshConfigEngine    *self,
                                            guint16              destination,
                                            guint16              app_key_index,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));

  submit_generic (self, destination, app_key_index, mesh_config_engine_generic_onoff_get_async,
                  mesh_generic_onoff_get_new (), NULL, cancellable, callback, user_data);
}

gboolean
mesh_config_engine_generic_onoff_get_finish (MeshConfigEngine        *self,
                                             GAsyncResult            *result,
                                             MeshGenericOnOffStatus  *status,
                                             GError                 **error)
{
  MeshGenericStatus answer;

  if (!generic_finish (self, result, mesh_config_engine_generic_onoff_get_async, &answer, error))
    return FALSE;

  if (status != NULL)
    *status = answer.onoff;
  return TRUE;
}

void
mesh_config_engine_generic_onoff_set_async (MeshConfigEngine     *self,
                                            guint16               destination,
                                            guint16               app_key_index,
                                            gboolean              on,
                                            const MeshTransition *transition,
                                            gboolean              acknowledged,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  GError *error = NULL;
  GBytes *message;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));

  message = mesh_generic_onoff_set_new (on, mesh_config_engine_next_tid (self), transition,
                                        acknowledged, &error);
  submit_generic (self, destination, app_key_index, mesh_config_engine_generic_onoff_set_async,
                  message, error, cancellable, callback, user_data);
}

gboolean
mesh_config_engine_generic_onoff_set_finish (MeshConfigEngine        *self,
                                             GAsyncResult            *result,
                                             MeshGenericOnOffStatus  *status,
                                             GError                 **error)
{
  MeshGenericStatus answer;

  if (!generic_finish (self, result, mesh_config_engine_generic_onoff_set_async, &answer, error))
    return FALSE;

  if (status != NULL)
    *status = answer.onoff;
  return TRUE;
}

void
mesh_config_engine_generic_level_get_async (MeshConfigEngine    *self,
                                            guint16              destination,
                                            guint16              app_key_index,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));

  submit_generic (self, destination, app_key_index, mesh_config_engine_generic_level_get_async,
                  mesh_generic_level_get_new (), NULL, cancellable, callback, user_data);
}

gboolean
mesh_config_engine_generic_level_get_finish (MeshConfigEngine        *self,
                                             GAsyncResult            *result,
                                             MeshGenericLevelStatus  *status,
                                             GError                 **error)
{
  MeshGenericStatus answer;

  if (!generic_finish (self, result, mesh_config_engine_generic_level_get_async, &answer, error))
    return FALSE;

  if (status != NULL)
    *status = answer.level;
  return TRUE;
}

void
mesh_config_engine_generic_level_set_async (MeshConfigEngine     *self,
                                            guint16               destination,
                                            guint16               app_key_index,
                                            gint16                level,
                                            const MeshTransition *transition,
                                            gboolean              acknowledged,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  GError *error = NULL;
  GBytes *message;

  g_return_if_fail (MESH_IS_CONFIG_ENGINE (self));

  message = mesh_generic_level_set_new (level, mesh_config_engine_next_tid (self), transition,
                                        acknowledged, &error);
  submit_generic (self, destination, app_key_index, mesh_config_engine_generic_level_set_async,
                  message, error, cancellable, callback, user_data);
}

gboolean
mesh_config_engine_generic_level_set_finish (MeshConfigEngine        *self,
                                             GAsyncResult            *result,
                                             MeshGenericLevelStatus  *status,
                                             GError                 **error)
{
  MeshGenericStatus answer;

  if (!generic_finish (self, result, mesh_config_engine_generic_level_set_async, &answer, error))
    return FALSE;

  if (status != NULL)
    *status = answer.level;
  return TRUE;
}
