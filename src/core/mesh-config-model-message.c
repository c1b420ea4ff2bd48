/* mesh-config-model-message.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-config-message-private.h"
#include "mesh-config-model-message.h"
#include "mesh-error.h"
#include "mesh-opcode.h"
#include "mesh-wire-private.h"

/* Element address, then an optional 16-bit value (AppKey index or
 * address) or Label UUID, then the model identifier: the layout shared by
 * the Model App, Model Publication Get and Model Subscription messages. */
static GBytes *
model_message_new (MeshOpcode     opcode,
                   guint16        element_address,
                   const guint16 *value,
                   const guint8  *label_uuid,
                   MeshModelId    model,
                   GError       **error)
{
  GByteArray *array;

  if (!mesh_config_check_element_address (element_address, error))
    return NULL;

  array = mesh_config_message_begin (opcode);
  mesh_append_le16 (array, element_address);
  if (value != NULL)
    mesh_append_le16 (array, *value);
  if (label_uuid != NULL)
    g_byte_array_append (array, label_uuid, MESH_LABEL_UUID_SIZE);
  mesh_append_model_id (array, model);

  return mesh_config_message_finish (array);
}

static GBytes *
model_app_message_new (MeshOpcode     opcode,
                       guint16        element_address,
                       guint16        app_key_index,
                       MeshModelId    model,
                       GError       **error)
{
  if (!mesh_config_check_key_index (app_key_index, error))
    return NULL;

  return model_message_new (opcode, element_address, &app_key_index, NULL, model, error);
}

static GBytes *
subscription_message_new (MeshOpcode     opcode,
                          guint16        element_address,
                          guint16        address,
                          MeshModelId    model,
                          GError       **error)
{
  /* Models subscribe to group addresses here, fixed ones included;
   * virtual addresses go through the Label UUID forms. */
  if (!mesh_address_is_group (address))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("0x%04X is not a group address: models subscribe to group addresses, or to virtual addresses through their Label UUID."),
                   address);
      return NULL;
    }

  return model_message_new (opcode, element_address, &address, NULL, model, error);
}

static GBytes *
publication_message_new (MeshOpcode                    opcode,
                         guint16                       element_address,
                         const guint8                 *label_uuid,
                         const MeshConfigPublication  *publication,
                         MeshModelId                   model,
                         GError                      **error)
{
  GByteArray *array;
  guint16 index_and_flag;

  if (!mesh_config_check_element_address (element_address, error) ||
      !mesh_config_check_key_index (publication->app_key_index, error) ||
      !mesh_config_check_retransmit (publication->retransmit, error))
    return NULL;

  if (label_uuid == NULL && mesh_address_is_virtual (publication->address))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("0x%04X is a virtual address: publish to its Label UUID instead."),
                   publication->address);
      return NULL;
    }

  if (publication->ttl > MESH_TTL_MAX && publication->ttl != MESH_TTL_USE_DEFAULT)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("A publish TTL of %u is not allowed: use 0 to 127, or 255 for the node’s default TTL."),
                   publication->ttl);
      return NULL;
    }

  if (publication->period.steps > MESH_STEP_TIME_STEPS_MAX ||
      publication->period.resolution > MESH_STEP_RESOLUTION_10_MIN)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                           _("The publish period must have 0 to 63 steps of 100 ms, 1 s, 10 s or 10 min."));
      return NULL;
    }

  /* AppKeyIndex in bits 0..11, the Credential Flag in bit 12, three RFU
   * bits left at zero. */
  index_and_flag = publication->app_key_index | (publication->friendship_credentials ? 1u << 12 : 0);

  array = mesh_config_message_begin (opcode);
  mesh_append_le16 (array, element_address);
  if (label_uuid != NULL)
    g_byte_array_append (array, label_uuid, MESH_LABEL_UUID_SIZE);
  else
    mesh_append_le16 (array, publication->address);
  mesh_append_le16 (array, index_and_flag);
  mesh_append_u8 (array, publication->ttl);
  mesh_append_u8 (array, mesh_step_time_pack (publication->period));
  mesh_append_u8 (array, mesh_retransmit_pack (publication->retransmit));
  mesh_append_model_id (array, model);

  return mesh_config_message_finish (array);
}

GBytes *
mesh_config_model_app_bind_new (guint16       element_address,
                                guint16       app_key_index,
                                MeshModelId   model,
                                GError      **error)
{
  return model_app_message_new (MESH_OP_CONFIG_MODEL_APP_BIND, element_address, app_key_index, model, error);
}

GBytes *
mesh_config_model_app_unbind_new (guint16       element_address,
                                  guint16       app_key_index,
                                  MeshModelId   model,
                                  GError      **error)
{
  return model_app_message_new (MESH_OP_CONFIG_MODEL_APP_UNBIND, element_address, app_key_index, model, error);
}

/**
 * mesh_config_model_app_get_new:
 * @element_address: the element's unicast address
 * @model: the model
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a Config SIG Model App Get or, for a vendor
 *   @model, a Config Vendor Model App Get message; or %NULL with
 *   %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_model_app_get_new (guint16       element_address,
                               MeshModelId   model,
                               GError      **error)
{
  return model_message_new (model.vendor ? MESH_OP_CONFIG_VENDOR_MODEL_APP_GET : MESH_OP_CONFIG_SIG_MODEL_APP_GET,
                            element_address, NULL, NULL, model, error);
}

GBytes *
mesh_config_model_publication_get_new (guint16       element_address,
                                       MeshModelId   model,
                                       GError      **error)
{
  return model_message_new (MESH_OP_CONFIG_MODEL_PUBLICATION_GET, element_address, NULL, NULL, model, error);
}

/**
 * mesh_config_model_publication_set_new:
 * @element_address: the element's unicast address
 * @publication: the publication; its address must not be virtual
 * @model: the model
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a Config Model Publication Set message, or
 *   %NULL with %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_model_publication_set_new (guint16                       element_address,
                                       const MeshConfigPublication  *publication,
                                       MeshModelId                   model,
                                       GError                      **error)
{
  g_return_val_if_fail (publication != NULL, NULL);

  return publication_message_new (MESH_OP_CONFIG_MODEL_PUBLICATION_SET, element_address,
                                  NULL, publication, model, error);
}

/**
 * mesh_config_model_publication_virtual_set_new:
 * @element_address: the element's unicast address
 * @label_uuid: the Label UUID to publish to
 * @publication: the publication; its address is ignored
 * @model: the model
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a Config Model Publication Virtual Address
 *   Set message, or %NULL with %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_model_publication_virtual_set_new (guint16                       element_address,
                                               const guint8                  label_uuid[MESH_LABEL_UUID_SIZE],
                                               const MeshConfigPublication  *publication,
                                               MeshModelId                   model,
                                               GError                      **error)
{
  g_return_val_if_fail (label_uuid != NULL, NULL);
  g_return_val_if_fail (publication != NULL, NULL);

  return publication_message_new (MESH_OP_CONFIG_MODEL_PUBLICATION_VIRTUAL_SET, element_address,
                                  label_uuid, publication, model, error);
}

GBytes *
mesh_config_model_subscription_add_new (guint16       element_address,
                                        guint16       address,
                                        MeshModelId   model,
                                        GError      **error)
{
  return subscription_message_new (MESH_OP_CONFIG_MODEL_SUBSCRIPTION_ADD, element_address, address, model, error);
}

GBytes *
mesh_config_model_subscription_delete_new (guint16       element_address,
                                           guint16       address,
                                           MeshModelId   model,
                                           GError      **error)
{
  return subscription_message_new (MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE, element_address, address, model, error);
}

GBytes *
mesh_config_model_subscription_overwrite_new (guint16       element_address,
                                              guint16       address,
                                              MeshModelId   model,
                                              GError      **error)
{
  return subscription_message_new (MESH_OP_CONFIG_MODEL_SUBSCRIPTION_OVERWRITE, element_address, address, model, error);
}

GBytes *
mesh_config_model_subscription_virtual_add_new (guint16        element_address,
                                                const guint8   label_uuid[MESH_LABEL_UUID_SIZE],
                                                MeshModelId    model,
                                                GError       **error)
{
  g_return_val_if_fail (label_uuid != NULL, NULL);

  return model_message_new (MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_ADD, element_address,
                            NULL, label_uuid, model, error);
}

GBytes *
mesh_config_model_subscription_virtual_delete_new (guint16        element_address,
                                                   const guint8   label_uuid[MESH_LABEL_UUID_SIZE],
                                                   MeshModelId    model,
                                                   GError       **error)
{
  g_return_val_if_fail (label_uuid != NULL, NULL);

  return model_message_new (MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_DELETE, element_address,
                            NULL, label_uuid, model, error);
}

GBytes *
mesh_config_model_subscription_virtual_overwrite_new (guint16        element_address,
                                                      const guint8   label_uuid[MESH_LABEL_UUID_SIZE],
                                                      MeshModelId    model,
                                                      GError       **error)
{
  g_return_val_if_fail (label_uuid != NULL, NULL);

  return model_message_new (MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_OVERWRITE, element_address,
                            NULL, label_uuid, model, error);
}

GBytes *
mesh_config_model_subscription_delete_all_new (guint16       element_address,
                                               MeshModelId   model,
                                               GError      **error)
{
  return model_message_new (MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE_ALL, element_address,
                            NULL, NULL, model, error);
}

/**
 * mesh_config_model_subscription_get_new:
 * @element_address: the element's unicast address
 * @model: the model
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a Config SIG Model Subscription Get or, for a
 *   vendor @model, a Config Vendor Model Subscription Get message; or
 *   %NULL with %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_model_subscription_get_new (guint16       element_address,
                                        MeshModelId   model,
                                        GError      **error)
{
  return model_message_new (model.vendor ? MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_GET : MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_GET,
                            element_address, NULL, NULL, model, error);
}
