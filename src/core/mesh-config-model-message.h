/* mesh-config-model-message.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The Configuration messages about a model (Mesh Protocol 1.1,
 * "Configuration messages"): application key bindings, publication and
 * subscriptions. As in mesh-config-message.h, each function returns the
 * whole access message or fails with %MESH_ERROR_INVALID_ARGUMENT. The
 * model's kind picks the SIG or vendor form where the specification has
 * both. */

#include <glib.h>

#include "mesh-wire.h"

G_BEGIN_DECLS

#define MESH_LABEL_UUID_SIZE 16

/**
 * MeshConfigPublication:
 * @address: the publish address, %MESH_ADDRESS_UNASSIGNED to disable
 *   publication; ignored by mesh_config_model_publication_virtual_set_new(),
 *   whose status reports the Label UUID's virtual address here
 * @app_key_index: the application key used to publish, 0..4095
 * @friendship_credentials: the Credential Flag: %TRUE to publish with the
 *   friendship security material, %FALSE for the managed flooding one
 * @ttl: 0..127, or %MESH_TTL_USE_DEFAULT
 * @period: the publish period; zero steps disables periodic publishing
 * @retransmit: publication retransmissions, interval (steps + 1) × 50 ms
 *
 * The Model Publication state.
 */
typedef struct
{
  guint16        address;
  guint16        app_key_index;
  gboolean       friendship_credentials;
  guint8         ttl;
  MeshStepTime   period;
  MeshRetransmit retransmit;
} MeshConfigPublication;

GBytes *mesh_config_model_app_bind_new   (guint16       element_address,
                                          guint16       app_key_index,
                                          MeshModelId   model,
                                          GError      **error);
GBytes *mesh_config_model_app_unbind_new (guint16       element_address,
                                          guint16       app_key_index,
                                          MeshModelId   model,
                                          GError      **error);
GBytes *mesh_config_model_app_get_new    (guint16       element_address,
                                          MeshModelId   model,
                                          GError      **error);

GBytes *mesh_config_model_publication_get_new         (guint16                       element_address,
                                                       MeshModelId                   model,
                                                       GError                      **error);
GBytes *mesh_config_model_publication_set_new         (guint16                       element_address,
                                                       const MeshConfigPublication  *publication,
                                                       MeshModelId                   model,
                                                       GError                      **error);
GBytes *mesh_config_model_publication_virtual_set_new (guint16                       element_address,
                                                       const guint8                  label_uuid[MESH_LABEL_UUID_SIZE],
                                                       const MeshConfigPublication  *publication,
                                                       MeshModelId                   model,
                                                       GError                      **error);

GBytes *mesh_config_model_subscription_add_new               (guint16        element_address,
                                                              guint16        address,
                                                              MeshModelId    model,
                                                              GError       **error);
GBytes *mesh_config_model_subscription_delete_new            (guint16        element_address,
                                                              guint16        address,
                                                              MeshModelId    model,
                                                              GError       **error);
GBytes *mesh_config_model_subscription_overwrite_new         (guint16        element_address,
                                                              guint16        address,
                                                              MeshModelId    model,
                                                              GError       **error);
GBytes *mesh_config_model_subscription_virtual_add_new       (guint16        element_address,
                                                              const guint8   label_uuid[MESH_LABEL_UUID_SIZE],
                                                              MeshModelId    model,
                                                              GError       **error);
GBytes *mesh_config_model_subscription_virtual_delete_new    (guint16        element_address,
                                                              const guint8   label_uuid[MESH_LABEL_UUID_SIZE],
                                                              MeshModelId    model,
                                                              GError       **error);
GBytes *mesh_config_model_subscription_virtual_overwrite_new (guint16        element_address,
                                                              const guint8   label_uuid[MESH_LABEL_UUID_SIZE],
                                                              MeshModelId    model,
                                                              GError       **error);
GBytes *mesh_config_model_subscription_delete_all_new        (guint16        element_address,
                                                              MeshModelId    model,
                                                              GError       **error);
GBytes *mesh_config_model_subscription_get_new               (guint16        element_address,
                                                              MeshModelId    model,
                                                              GError       **error);

G_END_DECLS
