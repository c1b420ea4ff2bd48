/* mesh-status-code.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The status codes of configuration messages (Mesh Protocol 1.1,
 * "Summary of status codes"),
 * as names for logs and as sentences for the user. */

#include <glib.h>

G_BEGIN_DECLS

/**
 * MeshStatusCode:
 *
 * The Status field of configuration status messages. 0x12..0xff
 * are RFU; decoders keep them as received.
 */
typedef enum
{
  MESH_STATUS_SUCCESS                     = 0x00,
  MESH_STATUS_INVALID_ADDRESS             = 0x01,
  MESH_STATUS_INVALID_MODEL               = 0x02,
  MESH_STATUS_INVALID_APPKEY_INDEX        = 0x03,
  MESH_STATUS_INVALID_NETKEY_INDEX        = 0x04,
  MESH_STATUS_INSUFFICIENT_RESOURCES      = 0x05,
  MESH_STATUS_KEY_INDEX_ALREADY_STORED    = 0x06,
  MESH_STATUS_INVALID_PUBLISH_PARAMETERS  = 0x07,
  MESH_STATUS_NOT_A_SUBSCRIBE_MODEL       = 0x08,
  MESH_STATUS_STORAGE_FAILURE             = 0x09,
  MESH_STATUS_FEATURE_NOT_SUPPORTED       = 0x0a,
  MESH_STATUS_CANNOT_UPDATE               = 0x0b,
  MESH_STATUS_CANNOT_REMOVE               = 0x0c,
  MESH_STATUS_CANNOT_BIND                 = 0x0d,
  MESH_STATUS_TEMPORARILY_UNABLE_TO_CHANGE_STATE = 0x0e,
  MESH_STATUS_CANNOT_SET                  = 0x0f,
  MESH_STATUS_UNSPECIFIED_ERROR           = 0x10,
  MESH_STATUS_INVALID_BINDING             = 0x11,
} MeshStatusCode;

const char *mesh_status_code_get_name    (guint8 code);
const char *mesh_status_code_get_message (guint8 code);
char       *mesh_status_code_describe    (guint8 code);

G_END_DECLS
