/* mesh-beacon.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The Unprovisioned Device beacon (Mesh Protocol 1.1, "Unprovisioned Device beacon") as
 * bluetooth-meshd hands it to a provisioner in ScanResult(): the data
 * array starts at the Device UUID (the AD type and the Beacon Type octet
 * are stripped), then the optional OOB Information and URI Hash follow,
 * both big-endian like all beacon fields. */

#include <glib.h>

G_BEGIN_DECLS

/**
 * MeshOobInfo:
 *
 * The bits of the OOB Information field: where the device's out-of-band
 * data is to be found and what it supports. Bits 9 and 10 are RFU.
 */
typedef enum
{
  MESH_OOB_INFO_OTHER                  = 1 << 0,
  MESH_OOB_INFO_ELECTRONIC_URI         = 1 << 1,
  MESH_OOB_INFO_2D_CODE                = 1 << 2,
  MESH_OOB_INFO_BAR_CODE               = 1 << 3,
  MESH_OOB_INFO_NFC                    = 1 << 4,
  MESH_OOB_INFO_NUMBER                 = 1 << 5,
  MESH_OOB_INFO_STRING                 = 1 << 6,
  MESH_OOB_INFO_CERTIFICATE            = 1 << 7,
  MESH_OOB_INFO_PROVISIONING_RECORDS   = 1 << 8,
  MESH_OOB_INFO_ON_BOX                 = 1 << 11,
  MESH_OOB_INFO_INSIDE_BOX             = 1 << 12,
  MESH_OOB_INFO_ON_PAPER               = 1 << 13,
  MESH_OOB_INFO_INSIDE_MANUAL          = 1 << 14,
  MESH_OOB_INFO_ON_DEVICE              = 1 << 15,
} MeshOobInfo;

#define MESH_DEVICE_UUID_SIZE 16
#define MESH_URI_HASH_SIZE 4

/**
 * MeshUnprovisionedBeacon:
 * @uuid: the Device UUID
 * @has_oob_info: whether the beacon carried the OOB Information field
 * @oob_info: #MeshOobInfo bits, RFU bits kept as received
 * @has_uri_hash: whether the beacon carried a URI Hash
 * @uri_hash: the first four octets of s1() of the device's URI
 */
typedef struct
{
  guint8   uuid[MESH_DEVICE_UUID_SIZE];
  gboolean has_oob_info;
  guint16  oob_info;
  gboolean has_uri_hash;
  guint8   uri_hash[MESH_URI_HASH_SIZE];
} MeshUnprovisionedBeacon;

gboolean    mesh_unprovisioned_beacon_parse (const guint8             *data,
                                             gsize                     len,
                                             MeshUnprovisionedBeacon  *beacon,
                                             GError                  **error);
const char *mesh_oob_info_get_name          (MeshOobInfo               flag);
GStrv       mesh_oob_info_get_names         (guint16                   oob_info);

G_END_DECLS
