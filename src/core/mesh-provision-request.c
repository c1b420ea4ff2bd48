/* mesh-provision-request.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-oob-request-private.h"
#include "mesh-provision-request-private.h"
#include "mesh-uuid.h"

struct _MeshProvisionRequest
{
  GObject                  parent_instance;

  GBytes                  *uuid;
  char                    *uuid_string;
  GBytes                  *static_key;
  guint16                  server;
  guint16                  net_index;
  MeshProvisionStep        step;
  MeshOobRequest          *oob_request;
  gboolean                 authenticated;
  guint16                  unicast;
  guint                    element_count;
  MeshNode                *node;
  GError                  *error;
  GError                  *composition_error;

  gint64                   started;
  gint64                   daemon_time;
  gint64                   stored_time;
  gint64                   total_time;

  MeshProvisionCancelFunc  cancel_func;
  gpointer                 cancel_data;
  GPtrArray               *waiters;
};

G_DEFINE_FINAL_TYPE (MeshProvisionRequest, mesh_provision_request, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (MeshProvisionStep, mesh_provision_step,
  G_DEFINE_ENUM_VALUE (MESH_PROVISION_STEP_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (MESH_PROVISION_STEP_LINK, "link"),
  G_DEFINE_ENUM_VALUE (MESH_PROVISION_STEP_EXCHANGE, "exchange"),
  G_DEFINE_ENUM_VALUE (MESH_PROVISION_STEP_AUTHENTICATION, "authentication"),
  G_DEFINE_ENUM_VALUE (MESH_PROVISION_STEP_DATA, "data"),
  G_DEFINE_ENUM_VALUE (MESH_PROVISION_STEP_STORING, "storing"),
  G_DEFINE_ENUM_VALUE (MESH_PROVISION_STEP_COMPOSITION, "composition"),
  G_DEFINE_ENUM_VALUE (MESH_PROVISION_STEP_DONE, "done"),
  G_DEFINE_ENUM_VALUE (MESH_PROVISION_STEP_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (MESH_PROVISION_STEP_CANCELLED, "cancelled"))

enum {
  PROP_0,
  PROP_UUID,
  PROP_STEP,
  PROP_OOB_REQUEST,
  PROP_UNICAST,
  PROP_ELEMENT_COUNT,
  PROP_NODE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
return_result (MeshProvisionRequest *self,
               GTask                *task)
{
  if (self->error)
    g_task_return_error (task, g_error_copy (self->error));
  else
    g_task_return_pointer (task, self->node ? g_object_ref (self->node) : NULL, g_object_unref);
}

static void
mesh_provision_request_dispose (GObject *object)
{
  MeshProvisionRequest *self = MESH_PROVISION_REQUEST (object);

  g_clear_object (&self->oob_request);
  g_clear_object (&self->node);

  G_OBJECT_CLASS (mesh_provision_request_parent_class)->dispose (object);
}

static void
mesh_provision_request_finalize (GObject *object)
{
  MeshProvisionRequest *self = MESH_PROVISION_REQUEST (object);

  g_bytes_unref (self->uuid);
  g_clear_pointer (&self->static_key, g_bytes_unref);
  g_free (self->uuid_string);
  g_clear_error (&self->error);
  g_clear_error (&self->composition_error);
  g_ptr_array_unref (self->waiters);

  G_OBJECT_CLASS (mesh_provision_request_parent_class)->finalize (object);
}

static void
mesh_provision_request_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MeshProvisionRequest *self = MESH_PROVISION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid_string);
      break;
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;
    case PROP_OOB_REQUEST:
      g_value_set_object (value, self->oob_request);
      break;
    case PROP_UNICAST:
      g_value_set_uint (value, self->unicast);
      break;
    case PROP_ELEMENT_COUNT:
      g_value_set_uint (value, self->element_count);
      break;
    case PROP_NODE:
      g_value_set_object (value, self->node);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_provision_request_class_init (MeshProvisionRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mesh_provision_request_dispose;
  object_class->finalize = mesh_provision_request_finalize;
  object_class->get_property = mesh_provision_request_get_property;

  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_STEP] = g_param_spec_enum ("step", NULL, NULL, MESH_TYPE_PROVISION_STEP,
                                             MESH_PROVISION_STEP_QUEUED, flags);
  properties[PROP_OOB_REQUEST] = g_param_spec_object ("oob-request", NULL, NULL,
                                                      MESH_TYPE_OOB_REQUEST, flags);
  properties[PROP_UNICAST] = g_param_spec_uint ("unicast", NULL, NULL, 0, G_MAXUINT16, 0, flags);
  properties[PROP_ELEMENT_COUNT] = g_param_spec_uint ("element-count", NULL, NULL,
                                                      0, G_MAXUINT8, 0, flags);
  properties[PROP_NODE] = g_param_spec_object ("node", NULL, NULL, MESH_TYPE_NODE, flags);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_provision_request_init (MeshProvisionRequest *self)
{
  self->waiters = g_ptr_array_new ();
}

MeshProvisionRequest *
mesh_provision_request_new (GBytes                  *uuid,
                            GBytes                  *static_key,
                            MeshProvisionCancelFunc  cancel_func,
                            gpointer                 cancel_data)
{
  MeshProvisionRequest *self = g_object_new (MESH_TYPE_PROVISION_REQUEST, NULL);

  self->uuid = g_bytes_ref (uuid);
  self->uuid_string = mesh_uuid_to_string (uuid);
  self->static_key = static_key ? g_bytes_ref (static_key) : NULL;
  self->cancel_func = cancel_func;
  self->cancel_data = cancel_data;

  return self;
}

GBytes *
mesh_provision_request_get_static_key (MeshProvisionRequest *self)
{
  return self->static_key;
}

void
mesh_provision_request_set_server (MeshProvisionRequest *self,
                                   guint16               server)
{
  self->server = server;
}

guint16
mesh_provision_request_get_server (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), 0);

  return self->server;
}

void
mesh_provision_request_set_net_index (MeshProvisionRequest *self,
                                      guint16               net_index)
{
  self->net_index = net_index;
}

guint16
mesh_provision_request_get_net_index (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), 0);

  return self->net_index;
}

void
mesh_provision_request_set_step (MeshProvisionRequest *self,
                                 MeshProvisionStep     step)
{
  if (self->step == step)
    return;

  self->step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

void
mesh_provision_request_set_oob_request (MeshProvisionRequest *self,
                                        MeshOobRequest       *request)
{
  if (g_set_object (&self->oob_request, request))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OOB_REQUEST]);
}

gboolean
mesh_provision_request_get_authenticated (MeshProvisionRequest *self)
{
  return self->authenticated;
}

void
mesh_provision_request_set_authenticated (MeshProvisionRequest *self)
{
  self->authenticated = TRUE;
}

void
mesh_provision_request_set_address (MeshProvisionRequest *self,
                                    guint16               unicast,
                                    guint                 count)
{
  self->unicast = unicast;
  self->element_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNICAST]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELEMENT_COUNT]);
}

void
mesh_provision_request_mark_started (MeshProvisionRequest *self)
{
  self->started = g_get_monotonic_time ();
}

void
mesh_provision_request_mark_completed (MeshProvisionRequest *self)
{
  if (self->started)
    self->daemon_time = g_get_monotonic_time () - self->started;
}

void
mesh_provision_request_mark_stored (MeshProvisionRequest *self,
                                    MeshNode             *node)
{
  if (self->started)
    self->stored_time = g_get_monotonic_time () - self->started;
  if (g_set_object (&self->node, node))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE]);
}

void
mesh_provision_request_set_composition_error (MeshProvisionRequest *self,
                                              const GError         *error)
{
  g_clear_error (&self->composition_error);
  if (error)
    self->composition_error = g_error_copy (error);
}

void
mesh_provision_request_finish (MeshProvisionRequest *self,
                               const GError         *error)
{
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(MeshProvisionRequest) hold = g_object_ref (self);

  if (mesh_provision_request_is_finished (self))
    return;

  if (self->started)
    self->total_time = g_get_monotonic_time () - self->started;

  if (error)
    {
      self->error = g_error_copy (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  if (self->oob_request)
    {
      /* A display request stays shown until here; a prompt no one
       * answered is withdrawn. */
      g_autoptr(MeshOobRequest) oob = g_object_ref (self->oob_request);

      mesh_oob_request_abort (oob);
      mesh_provision_request_set_oob_request (self, NULL);
    }

  self->cancel_func = NULL;
  mesh_provision_request_set_step (self,
                                   error == NULL ? MESH_PROVISION_STEP_DONE
                                   : g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                     ? MESH_PROVISION_STEP_CANCELLED : MESH_PROVISION_STEP_FAILED);

  waiters = g_steal_pointer (&self->waiters);
  self->waiters = g_ptr_array_new ();
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      return_result (self, task);
      g_object_unref (task);
    }
}

void
mesh_provision_request_detach (MeshProvisionRequest *self)
{
  self->cancel_func = NULL;
}

GBytes *
mesh_provision_request_get_uuid (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), NULL);

  return self->uuid;
}

const char *
mesh_provision_request_get_uuid_string (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), NULL);

  return self->uuid_string;
}

MeshProvisionStep
mesh_provision_request_get_step (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), MESH_PROVISION_STEP_QUEUED);

  return self->step;
}

gboolean
mesh_provision_request_is_finished (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), FALSE);

  return self->step >= MESH_PROVISION_STEP_DONE;
}

const char *
mesh_provision_request_get_step_description (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), NULL);

  switch (self->step)
    {
    case MESH_PROVISION_STEP_QUEUED:
      return _("Waiting for the provisionings before it");
    case MESH_PROVISION_STEP_LINK:
      return _("Opening a link to the device");
    case MESH_PROVISION_STEP_EXCHANGE:
      return _("Exchanging capabilities and keys with the device");
    case MESH_PROVISION_STEP_AUTHENTICATION:
      return _("Authenticating the device");
    case MESH_PROVISION_STEP_DATA:
      return _("Sending the network key and address to the device");
    case MESH_PROVISION_STEP_STORING:
      return _("Storing the new node");
    case MESH_PROVISION_STEP_COMPOSITION:
      return _("Reading what the node is made of");
    case MESH_PROVISION_STEP_DONE:
      return _("Provisioned");
    case MESH_PROVISION_STEP_FAILED:
      return self->error ? self->error->message : _("Provisioning failed");
    case MESH_PROVISION_STEP_CANCELLED:
      return _("Cancelled");
    default:
      return "";
    }
}

MeshOobRequest *
mesh_provision_request_get_oob_request (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), NULL);

  return self->oob_request;
}

guint16
mesh_provision_request_get_unicast (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), 0);

  return self->unicast;
}

guint
mesh_provision_request_get_element_count (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), 0);

  return self->element_count;
}

MeshNode *
mesh_provision_request_get_node (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), NULL);

  return self->node;
}

const GError *
mesh_provision_request_get_error (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), NULL);

  return self->error;
}

const GError *
mesh_provision_request_get_composition_error (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), NULL);

  return self->composition_error;
}

gint64
mesh_provision_request_get_daemon_time (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), 0);

  return self->daemon_time;
}

gint64
mesh_provision_request_get_stored_time (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), 0);

  return self->stored_time;
}

gint64
mesh_provision_request_get_total_time (MeshProvisionRequest *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_REQUEST (self), 0);

  return self->total_time;
}

void
mesh_provision_request_cancel (MeshProvisionRequest *self)
{
  g_return_if_fail (MESH_IS_PROVISION_REQUEST (self));

  if (self->cancel_func)
    self->cancel_func (self, self->cancel_data);
}

void
mesh_provision_request_wait_async (MeshProvisionRequest *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MESH_IS_PROVISION_REQUEST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_provision_request_wait_async);

  if (mesh_provision_request_is_finished (self))
    {
      return_result (self, task);
      return;
    }

  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
}

MeshNode *
mesh_provision_request_wait_finish (MeshProvisionRequest  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
