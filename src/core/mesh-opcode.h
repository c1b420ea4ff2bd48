/* mesh-opcode.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MeshOpcode:
 *
 * An access layer opcode (Mesh Protocol 1.1, "Opcodes") as a number:
 *
 * - 1 octet, 0x00..0x7e (0x7f is RFU): the value is the octet;
 * - 2 octets, 0x8000..0xbfff: the value is the two octets read
 *   big-endian, as the specification writes them (0x8201 is sent 82 01);
 * - 3 octets (vendor), 0xc00000..0xffffff: bits 16..23 are the first
 *   octet (0xc0 | 6-bit opcode) and bits 0..15 the company ID, which goes
 *   on the air little-endian (0xc10059 is sent c1 59 00).
 */
typedef guint32 MeshOpcode;

#define MESH_OPCODE_INVALID ((MeshOpcode) 0xffffffff)

/* Configuration messages (Mesh Protocol 1.1, "Configuration messages"). */
#define MESH_OP_CONFIG_APPKEY_ADD                          0x00
#define MESH_OP_CONFIG_APPKEY_UPDATE                       0x01
#define MESH_OP_CONFIG_COMPOSITION_DATA_STATUS             0x02
#define MESH_OP_CONFIG_MODEL_PUBLICATION_SET               0x03
#define MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_STATUS        0x06
#define MESH_OP_CONFIG_APPKEY_DELETE                       0x8000
#define MESH_OP_CONFIG_APPKEY_GET                          0x8001
#define MESH_OP_CONFIG_APPKEY_LIST                         0x8002
#define MESH_OP_CONFIG_APPKEY_STATUS                       0x8003
#define MESH_OP_CONFIG_COMPOSITION_DATA_GET                0x8008
#define MESH_OP_CONFIG_BEACON_GET                          0x8009
#define MESH_OP_CONFIG_BEACON_SET                          0x800a
#define MESH_OP_CONFIG_BEACON_STATUS                       0x800b
#define MESH_OP_CONFIG_DEFAULT_TTL_GET                     0x800c
#define MESH_OP_CONFIG_DEFAULT_TTL_SET                     0x800d
#define MESH_OP_CONFIG_DEFAULT_TTL_STATUS                  0x800e
#define MESH_OP_CONFIG_FRIEND_GET                          0x800f
#define MESH_OP_CONFIG_FRIEND_SET                          0x8010
#define MESH_OP_CONFIG_FRIEND_STATUS                       0x8011
#define MESH_OP_CONFIG_GATT_PROXY_GET                      0x8012
#define MESH_OP_CONFIG_GATT_PROXY_SET                      0x8013
#define MESH_OP_CONFIG_GATT_PROXY_STATUS                   0x8014
#define MESH_OP_CONFIG_KEY_REFRESH_PHASE_GET               0x8015
#define MESH_OP_CONFIG_KEY_REFRESH_PHASE_SET               0x8016
#define MESH_OP_CONFIG_KEY_REFRESH_PHASE_STATUS            0x8017
#define MESH_OP_CONFIG_MODEL_PUBLICATION_GET               0x8018
#define MESH_OP_CONFIG_MODEL_PUBLICATION_STATUS            0x8019
#define MESH_OP_CONFIG_MODEL_PUBLICATION_VIRTUAL_SET       0x801a
#define MESH_OP_CONFIG_MODEL_SUBSCRIPTION_ADD              0x801b
#define MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE           0x801c
#define MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE_ALL       0x801d
#define MESH_OP_CONFIG_MODEL_SUBSCRIPTION_OVERWRITE        0x801e
#define MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS           0x801f
#define MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_ADD      0x8020
#define MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_DELETE   0x8021
#define MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_OVERWRITE 0x8022
#define MESH_OP_CONFIG_NETWORK_TRANSMIT_GET                0x8023
#define MESH_OP_CONFIG_NETWORK_TRANSMIT_SET                0x8024
#define MESH_OP_CONFIG_NETWORK_TRANSMIT_STATUS             0x8025
#define MESH_OP_CONFIG_RELAY_GET                           0x8026
#define MESH_OP_CONFIG_RELAY_SET                           0x8027
#define MESH_OP_CONFIG_RELAY_STATUS                        0x8028
#define MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_GET          0x8029
#define MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_LIST         0x802a
#define MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_GET       0x802b
#define MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_LIST      0x802c
#define MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_GET     0x802d
#define MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_STATUS  0x802e
#define MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_GET           0x8038
#define MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_SET           0x8039
#define MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_GET          0x803a
#define MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_SET          0x803b
#define MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_STATUS       0x803c
#define MESH_OP_CONFIG_MODEL_APP_BIND                      0x803d
#define MESH_OP_CONFIG_MODEL_APP_STATUS                    0x803e
#define MESH_OP_CONFIG_MODEL_APP_UNBIND                    0x803f
#define MESH_OP_CONFIG_NETKEY_ADD                          0x8040
#define MESH_OP_CONFIG_NETKEY_DELETE                       0x8041
#define MESH_OP_CONFIG_NETKEY_GET                          0x8042
#define MESH_OP_CONFIG_NETKEY_LIST                         0x8043
#define MESH_OP_CONFIG_NETKEY_STATUS                       0x8044
#define MESH_OP_CONFIG_NETKEY_UPDATE                       0x8045
#define MESH_OP_CONFIG_NODE_IDENTITY_GET                   0x8046
#define MESH_OP_CONFIG_NODE_IDENTITY_SET                   0x8047
#define MESH_OP_CONFIG_NODE_IDENTITY_STATUS                0x8048
#define MESH_OP_CONFIG_NODE_RESET                          0x8049
#define MESH_OP_CONFIG_NODE_RESET_STATUS                   0x804a
#define MESH_OP_CONFIG_SIG_MODEL_APP_GET                   0x804b
#define MESH_OP_CONFIG_SIG_MODEL_APP_LIST                  0x804c
#define MESH_OP_CONFIG_VENDOR_MODEL_APP_GET                0x804d
#define MESH_OP_CONFIG_VENDOR_MODEL_APP_LIST               0x804e

/* Generic OnOff and Generic Level (Mesh Model 1.1, "Messages summary"). */
#define MESH_OP_GENERIC_ONOFF_GET                          0x8201
#define MESH_OP_GENERIC_ONOFF_SET                          0x8202
#define MESH_OP_GENERIC_ONOFF_SET_UNACKNOWLEDGED           0x8203
#define MESH_OP_GENERIC_ONOFF_STATUS                       0x8204
#define MESH_OP_GENERIC_LEVEL_GET                          0x8205
#define MESH_OP_GENERIC_LEVEL_SET                          0x8206
#define MESH_OP_GENERIC_LEVEL_SET_UNACKNOWLEDGED           0x8207
#define MESH_OP_GENERIC_LEVEL_STATUS                       0x8208
#define MESH_OP_GENERIC_DELTA_SET                          0x8209
#define MESH_OP_GENERIC_DELTA_SET_UNACKNOWLEDGED           0x820a
#define MESH_OP_GENERIC_MOVE_SET                           0x820b
#define MESH_OP_GENERIC_MOVE_SET_UNACKNOWLEDGED            0x820c

gboolean    mesh_opcode_is_valid       (MeshOpcode    opcode);
gsize       mesh_opcode_get_size       (MeshOpcode    opcode);
gboolean    mesh_opcode_decode         (const guint8 *data,
                                        gsize         len,
                                        MeshOpcode   *opcode,
                                        gsize        *size,
                                        GError      **error);
gboolean    mesh_opcode_append         (GByteArray   *array,
                                        MeshOpcode    opcode);
MeshOpcode  mesh_opcode_vendor         (guint8        opcode,
                                        guint16       company_id);
gboolean    mesh_opcode_is_vendor      (MeshOpcode    opcode);
guint16     mesh_opcode_get_company_id (MeshOpcode    opcode);
const char *mesh_opcode_get_name       (MeshOpcode    opcode);
MeshOpcode  mesh_opcode_get_response   (MeshOpcode    request);

G_END_DECLS
