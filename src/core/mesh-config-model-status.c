/* mesh-config-model-status.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Decoders of the configuration status messages about a model: Model App
 * Status and the Model App and Model Subscription lists, Model
 * Publication Status, Model Subscription Status. */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-config-status.h"
#include "mesh-config-status-private.h"
#include "mesh-error.h"
#include "mesh-wire-private.h"

/* Status, element address and model, then a list of key indexes or of
 * addresses. */
static gboolean
decode_model_list (const guint8      *params,
                   gsize              len,
                   MeshConfigStatus  *status,
                   gboolean           vendor,
                   gboolean           addresses,
                   GError           **error)
{
  MeshConfigModelList *list = &status->model_list;
  MeshReader reader;

  if (!mesh_config_status_check_min_length (status, len, vendor ? 7 : 5, error))
    return FALSE;

  mesh_reader_init (&reader, params, len);
  mesh_reader_u8 (&reader, &list->status);
  mesh_reader_le16 (&reader, &list->element_address);
  mesh_reader_model_id (&reader, vendor, &list->model);

  if (!addresses)
    return mesh_config_status_read_key_index_list (&reader, status, &list->n_items, &list->items, error);

  if (mesh_reader_remaining (&reader) % 2 != 0)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                   _("The node sent a malformed %s message: its list of addresses is cut short."),
                   mesh_config_status_name (status));
      return FALSE;
    }

  list->n_items = (guint) (mesh_reader_remaining (&reader) / 2);
  list->items = g_new (guint16, MAX (list->n_items, 1));
  for (guint i = 0; i < list->n_items; i++)
    mesh_reader_le16 (&reader, &list->items[i]);

  return TRUE;
}

gboolean
mesh_config_decode_model_app_status (const guint8      *params,
                                     gsize              len,
                                     MeshConfigStatus  *status,
                                     GError           **error)
{
  MeshConfigModelAppStatus *model_app = &status->model_app;
  MeshReader reader;
  gboolean vendor;
  guint16 index;

  if (!mesh_config_status_check_model_length (status, len, 7, &vendor, error))
    return FALSE;

  mesh_reader_init (&reader, params, len);
  mesh_reader_u8 (&reader, &model_app->status);
  mesh_reader_le16 (&reader, &model_app->element_address);
  mesh_reader_le16 (&reader, &index);
  mesh_reader_model_id (&reader, vendor, &model_app->model);
  model_app->app_key_index = mesh_config_key_index_field (index);
  return TRUE;
}

gboolean
mesh_config_decode_sig_model_app_list (const guint8      *params,
                                       gsize              len,
                                       MeshConfigStatus  *status,
                                       GError           **error)
{
  return decode_model_list (params, len, status, FALSE, FALSE, error);
}

gboolean
mesh_config_decode_vendor_model_app_list (const guint8      *params,
                                          gsize              len,
                                          MeshConfigStatus  *status,
                                          GError           **error)
{
  return decode_model_list (params, len, status, TRUE, FALSE, error);
}

gboolean
mesh_config_decode_sig_model_subscription_list (const guint8      *params,
                                                gsize              len,
                                                MeshConfigStatus  *status,
                                                GError           **error)
{
  return decode_model_list (params, len, status, FALSE, TRUE, error);
}

gboolean
mesh_config_decode_vendor_model_subscription_list (const guint8      *params,
                                                   gsize              len,
                                                   MeshConfigStatus  *status,
                                                   GError           **error)
{
  return decode_model_list (params, len, status, TRUE, TRUE, error);
}

gboolean
mesh_config_decode_publication_status (const guint8      *params,
                                       gsize              len,
                                       MeshConfigStatus  *status,
                                       GError           **error)
{
  MeshConfigPublicationStatus *publication = &status->publication;
  MeshConfigPublication *pub = &publication->publication;
  MeshReader reader;
  gboolean vendor;
  guint16 index_and_flag;
  guint8 period, retransmit;

  if (!mesh_config_status_check_model_length (status, len, 12, &vendor, error))
    return FALSE;

  mesh_reader_init (&reader, params, len);
  mesh_reader_u8 (&reader, &publication->status);
  mesh_reader_le16 (&reader, &publication->element_address);
  mesh_reader_le16 (&reader, &pub->address);
  mesh_reader_le16 (&reader, &index_and_flag);
  mesh_reader_u8 (&reader, &pub->ttl);
  mesh_reader_u8 (&reader, &period);
  mesh_reader_u8 (&reader, &retransmit);
  mesh_reader_model_id (&reader, vendor, &publication->model);

  pub->app_key_index = mesh_config_key_index_field (index_and_flag);
  pub->friendship_credentials = (index_and_flag & (1u << 12)) != 0;
  pub->period = mesh_step_time_unpack (period);
  pub->retransmit = mesh_retransmit_unpack (retransmit);

  if (pub->ttl > MESH_TTL_MAX && pub->ttl != MESH_TTL_USE_DEFAULT)
    return mesh_config_status_set_prohibited (status, "PublishTTL", pub->ttl, error);

  return TRUE;
}

gboolean
mesh_config_decode_subscription_status (const guint8      *params,
                                        gsize              len,
                                        MeshConfigStatus  *status,
                                        GError           **error)
{
  MeshConfigSubscriptionStatus *subscription = &status->subscription;
  MeshReader reader;
  gboolean vendor;

  if (!mesh_config_status_check_model_length (status, len, 7, &vendor, error))
    return FALSE;

  mesh_reader_init (&reader, params, len);
  mesh_reader_u8 (&reader, &subscription->status);
  mesh_reader_le16 (&reader, &subscription->element_address);
  mesh_reader_le16 (&reader, &subscription->address);
  mesh_reader_model_id (&reader, vendor, &subscription->model);
  return TRUE;
}
