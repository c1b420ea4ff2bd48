/* mesh-config-status-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Helpers shared by the files that decode configuration status messages,
 * and the decoders of mesh-config-model-status.c. The helpers set a
 * %MESH_ERROR_INVALID_DATA error naming the message. */

#include <glib.h>

#include "mesh-config-status.h"
#include "mesh-wire-private.h"

G_BEGIN_DECLS

/* The upper four bits of a 2-octet key index are RFU: ignored on receipt. */
static inline guint16
mesh_config_key_index_field (guint16 field)
{
  return field & MESH_KEY_INDEX_MAX;
}

const char *mesh_config_status_name                (const MeshConfigStatus  *status);
gboolean    mesh_config_status_check_length        (const MeshConfigStatus  *status,
                                                    gsize                    len,
                                                    gsize                    expected,
                                                    GError                 **error);
gboolean    mesh_config_status_check_model_length  (const MeshConfigStatus  *status,
                                                    gsize                    len,
                                                    gsize                    sig_length,
                                                    gboolean                *vendor,
                                                    GError                 **error);
gboolean    mesh_config_status_check_min_length    (const MeshConfigStatus  *status,
                                                    gsize                    len,
                                                    gsize                    minimum,
                                                    GError                 **error);
gboolean    mesh_config_status_set_prohibited      (const MeshConfigStatus  *status,
                                                    const char              *field,
                                                    guint                    value,
                                                    GError                 **error);
gboolean    mesh_config_status_read_key_index_list (MeshReader              *reader,
                                                    const MeshConfigStatus  *status,
                                                    guint                   *n_indexes,
                                                    guint16                **indexes,
                                                    GError                 **error);

gboolean mesh_config_decode_model_app_status               (const guint8      *params,
                                                            gsize              len,
                                                            MeshConfigStatus  *status,
                                                            GError           **error);
gboolean mesh_config_decode_sig_model_app_list             (const guint8      *params,
                                                            gsize              len,
                                                            MeshConfigStatus  *status,
                                                            GError           **error);
gboolean mesh_config_decode_vendor_model_app_list          (const guint8      *params,
                                                            gsize              len,
                                                            MeshConfigStatus  *status,
                                                            GError           **error);
gboolean mesh_config_decode_sig_model_subscription_list    (const guint8      *params,
                                                            gsize              len,
                                                            MeshConfigStatus  *status,
                                                            GError           **error);
gboolean mesh_config_decode_vendor_model_subscription_list (const guint8      *params,
                                                            gsize              len,
                                                            MeshConfigStatus  *status,
                                                            GError           **error);
gboolean mesh_config_decode_publication_status             (const guint8      *params,
                                                            gsize              len,
                                                            MeshConfigStatus  *status,
                                                            GError           **error);
gboolean mesh_config_decode_subscription_status            (const guint8      *params,
                                                            gsize              len,
                                                            MeshConfigStatus  *status,
                                                            GError           **error);

G_END_DECLS
