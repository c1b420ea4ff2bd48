/* mesh-config-request.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-config-request.h"

/* The parameters a status message repeats from its request. */
typedef struct
{
  MeshConfigMatch present;
  guint16         element_address;
  MeshModelId     model;
  guint16         net_key_index;
  guint16         app_key_index;
  guint16         address;
} StatusFields;

static void
get_status_fields (const MeshConfigStatus *status,
                   StatusFields           *fields)
{
  memset (fields, 0, sizeof *fields);

  switch (status->opcode)
    {
    case MESH_OP_CONFIG_APPKEY_STATUS:
      fields->present = MESH_CONFIG_MATCH_NET_KEY | MESH_CONFIG_MATCH_APP_KEY;
      fields->net_key_index = status->appkey.net_key_index;
      fields->app_key_index = status->appkey.app_key_index;
      break;

    case MESH_OP_CONFIG_APPKEY_LIST:
      fields->present = MESH_CONFIG_MATCH_NET_KEY;
      fields->net_key_index = status->key_list.net_key_index;
      break;

    case MESH_OP_CONFIG_NETKEY_STATUS:
      fields->present = MESH_CONFIG_MATCH_NET_KEY;
      fields->net_key_index = status->netkey.net_key_index;
      break;

    case MESH_OP_CONFIG_NODE_IDENTITY_STATUS:
      fields->present = MESH_CONFIG_MATCH_NET_KEY;
      fields->net_key_index = status->node_identity.net_key_index;
      break;

    case MESH_OP_CONFIG_KEY_REFRESH_PHASE_STATUS:
      fields->present = MESH_CONFIG_MATCH_NET_KEY;
      fields->net_key_index = status->key_refresh.net_key_index;
      break;

    case MESH_OP_CONFIG_MODEL_APP_STATUS:
      fields->present = MESH_CONFIG_MATCH_ELEMENT | MESH_CONFIG_MATCH_MODEL | MESH_CONFIG_MATCH_APP_KEY;
      fields->element_address = status->model_app.element_address;
      fields->model = status->model_app.model;
      fields->app_key_index = status->model_app.app_key_index;
      break;

    case MESH_OP_CONFIG_SIG_MODEL_APP_LIST:
    case MESH_OP_CONFIG_VENDOR_MODEL_APP_LIST:
    case MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_LIST:
    case MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_LIST:
      fields->present = MESH_CONFIG_MATCH_ELEMENT | MESH_CONFIG_MATCH_MODEL;
      fields->element_address = status->model_list.element_address;
      fields->model = status->model_list.model;
      break;

    case MESH_OP_CONFIG_MODEL_PUBLICATION_STATUS:
      fields->present = MESH_CONFIG_MATCH_ELEMENT | MESH_CONFIG_MATCH_MODEL;
      fields->element_address = status->publication.element_address;
      fields->model = status->publication.model;
      break;

    case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS:
      fields->present = MESH_CONFIG_MATCH_ELEMENT | MESH_CONFIG_MATCH_MODEL;
      fields->element_address = status->subscription.element_address;
      fields->model = status->subscription.model;
      /* Delete All and failures report the unassigned address. */
      if (status->subscription.address != MESH_ADDRESS_UNASSIGNED)
        {
          fields->present |= MESH_CONFIG_MATCH_ADDRESS;
          fields->address = status->subscription.address;
        }
      break;

    case MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_STATUS:
      fields->present = MESH_CONFIG_MATCH_ADDRESS;
      fields->address = status->poll_timeout.lpn_address;
      break;

    default:
      break;
    }
}

MeshConfigRequest *
mesh_config_request_new (void)
{
  MeshConfigRequest *self = g_new0 (MeshConfigRequest, 1);

  self->response = MESH_OPCODE_INVALID;

  return self;
}

void
mesh_config_request_free (MeshConfigRequest *self)
{
  if (self == NULL)
    return;

  /* The engine has detached the request before its task let it go. */
  g_assert (self->timeout_source == NULL);
  g_assert (self->cancel_source == NULL);

  g_clear_object (&self->node);
  g_clear_pointer (&self->message, g_bytes_unref);
  g_clear_error (&self->malformed);
  g_clear_pointer (&self->answer, mesh_config_status_free);
  if (self->data_destroy != NULL)
    g_clear_pointer (&self->data, self->data_destroy);
  g_free (self);
}

/* The opcode of the request's message, or MESH_OPCODE_INVALID. */
MeshOpcode
mesh_config_request_opcode (MeshConfigRequest *self)
{
  MeshOpcode opcode;
  const guint8 *data;
  gsize len;

  if (self->message == NULL)
    return MESH_OPCODE_INVALID;

  data = g_bytes_get_data (self->message, &len);
  if (!mesh_opcode_decode (data, len, &opcode, NULL, NULL))
    return MESH_OPCODE_INVALID;

  return opcode;
}

/**
 * mesh_config_request_matches:
 * @self: a request
 * @status: a decoded status from the request's destination, with the
 *   opcode that answers the request
 *
 * Tells whether @status answers @self rather than an earlier request of
 * the same kind: each parameter the request names must be repeated by the
 * status where the status carries it.
 *
 * Returns: whether the status answers the request
 */
gboolean
mesh_config_request_matches (MeshConfigRequest      *self,
                             const MeshConfigStatus *status)
{
  StatusFields fields;
  MeshConfigMatch check;

  if (status->opcode != self->response)
    return FALSE;

  get_status_fields (status, &fields);
  check = self->match & fields.present;

  if ((check & MESH_CONFIG_MATCH_ELEMENT) && fields.element_address != self->element_address)
    return FALSE;
  if ((check & MESH_CONFIG_MATCH_MODEL) && !mesh_model_id_equal (fields.model, self->model))
    return FALSE;
  if ((check & MESH_CONFIG_MATCH_NET_KEY) && fields.net_key_index != self->net_key_index)
    return FALSE;
  if ((check & MESH_CONFIG_MATCH_APP_KEY) && fields.app_key_index != self->app_key_index)
    return FALSE;
  if ((check & MESH_CONFIG_MATCH_ADDRESS) && fields.address != self->address)
    return FALSE;

  return self->accept == NULL || self->accept (self, status);
}
