/* mesh-opcode.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "mesh-error.h"
#include "mesh-opcode.h"
#include "mesh-wire-private.h"

#define OPCODE_RFU 0x7f
#define NO_RESPONSE MESH_OPCODE_INVALID

typedef struct
{
  MeshOpcode  opcode;
  const char *name;       /* the specification's name, for logs */
  MeshOpcode  response;   /* what an acknowledged request is answered with */
} OpcodeInfo;

/* Sorted by opcode, for bsearch. */
static const OpcodeInfo opcode_infos[] = {
  { MESH_OP_CONFIG_APPKEY_ADD, "Config AppKey Add", MESH_OP_CONFIG_APPKEY_STATUS },
  { MESH_OP_CONFIG_APPKEY_UPDATE, "Config AppKey Update", MESH_OP_CONFIG_APPKEY_STATUS },
  { MESH_OP_CONFIG_COMPOSITION_DATA_STATUS, "Config Composition Data Status", NO_RESPONSE },
  { MESH_OP_CONFIG_MODEL_PUBLICATION_SET, "Config Model Publication Set", MESH_OP_CONFIG_MODEL_PUBLICATION_STATUS },
  { MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_STATUS, "Config Heartbeat Publication Status", NO_RESPONSE },
  { MESH_OP_CONFIG_APPKEY_DELETE, "Config AppKey Delete", MESH_OP_CONFIG_APPKEY_STATUS },
  { MESH_OP_CONFIG_APPKEY_GET, "Config AppKey Get", MESH_OP_CONFIG_APPKEY_LIST },
  { MESH_OP_CONFIG_APPKEY_LIST, "Config AppKey List", NO_RESPONSE },
  { MESH_OP_CONFIG_APPKEY_STATUS, "Config AppKey Status", NO_RESPONSE },
  { MESH_OP_CONFIG_COMPOSITION_DATA_GET, "Config Composition Data Get", MESH_OP_CONFIG_COMPOSITION_DATA_STATUS },
  { MESH_OP_CONFIG_BEACON_GET, "Config Beacon Get", MESH_OP_CONFIG_BEACON_STATUS },
  { MESH_OP_CONFIG_BEACON_SET, "Config Beacon Set", MESH_OP_CONFIG_BEACON_STATUS },
  { MESH_OP_CONFIG_BEACON_STATUS, "Config Beacon Status", NO_RESPONSE },
  { MESH_OP_CONFIG_DEFAULT_TTL_GET, "Config Default TTL Get", MESH_OP_CONFIG_DEFAULT_TTL_STATUS },
  { MESH_OP_CONFIG_DEFAULT_TTL_SET, "Config Default TTL Set", MESH_OP_CONFIG_DEFAULT_TTL_STATUS },
  { MESH_OP_CONFIG_DEFAULT_TTL_STATUS, "Config Default TTL Status", NO_RESPONSE },
  { MESH_OP_CONFIG_FRIEND_GET, "Config Friend Get", MESH_OP_CONFIG_FRIEND_STATUS },
  { MESH_OP_CONFIG_FRIEND_SET, "Config Friend Set", MESH_OP_CONFIG_FRIEND_STATUS },
  { MESH_OP_CONFIG_FRIEND_STATUS, "Config Friend Status", NO_RESPONSE },
  { MESH_OP_CONFIG_GATT_PROXY_GET, "Config GATT Proxy Get", MESH_OP_CONFIG_GATT_PROXY_STATUS },
  { MESH_OP_CONFIG_GATT_PROXY_SET, "Config GATT Proxy Set", MESH_OP_CONFIG_GATT_PROXY_STATUS },
  { MESH_OP_CONFIG_GATT_PROXY_STATUS, "Config GATT Proxy Status", NO_RESPONSE },
  { MESH_OP_CONFIG_KEY_REFRESH_PHASE_GET, "Config Key Refresh Phase Get", MESH_OP_CONFIG_KEY_REFRESH_PHASE_STATUS },
  { MESH_OP_CONFIG_KEY_REFRESH_PHASE_SET, "Config Key Refresh Phase Set", MESH_OP_CONFIG_KEY_REFRESH_PHASE_STATUS },
  { MESH_OP_CONFIG_KEY_REFRESH_PHASE_STATUS, "Config Key Refresh Phase Status", NO_RESPONSE },
  { MESH_OP_CONFIG_MODEL_PUBLICATION_GET, "Config Model Publication Get", MESH_OP_CONFIG_MODEL_PUBLICATION_STATUS },
  { MESH_OP_CONFIG_MODEL_PUBLICATION_STATUS, "Config Model Publication Status", NO_RESPONSE },
  { MESH_OP_CONFIG_MODEL_PUBLICATION_VIRTUAL_SET, "Config Model Publication Virtual Address Set", MESH_OP_CONFIG_MODEL_PUBLICATION_STATUS },
  { MESH_OP_CONFIG_MODEL_SUBSCRIPTION_ADD, "Config Model Subscription Add", MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS },
  { MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE, "Config Model Subscription Delete", MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS },
  { MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE_ALL, "Config Model Subscription Delete All", MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS },
  { MESH_OP_CONFIG_MODEL_SUBSCRIPTION_OVERWRITE, "Config Model Subscription Overwrite", MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS },
  { MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS, "Config Model Subscription Status", NO_RESPONSE },
  { MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_ADD, "Config Model Subscription Virtual Address Add", MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS },
  { MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_DELETE, "Config Model Subscription Virtual Address Delete", MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS },
  { MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_OVERWRITE, "Config Model Subscription Virtual Address Overwrite", MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS },
  { MESH_OP_CONFIG_NETWORK_TRANSMIT_GET, "Config Network Transmit Get", MESH_OP_CONFIG_NETWORK_TRANSMIT_STATUS },
  { MESH_OP_CONFIG_NETWORK_TRANSMIT_SET, "Config Network Transmit Set", MESH_OP_CONFIG_NETWORK_TRANSMIT_STATUS },
  { MESH_OP_CONFIG_NETWORK_TRANSMIT_STATUS, "Config Network Transmit Status", NO_RESPONSE },
  { MESH_OP_CONFIG_RELAY_GET, "Config Relay Get", MESH_OP_CONFIG_RELAY_STATUS },
  { MESH_OP_CONFIG_RELAY_SET, "Config Relay Set", MESH_OP_CONFIG_RELAY_STATUS },
  { MESH_OP_CONFIG_RELAY_STATUS, "Config Relay Status", NO_RESPONSE },
  { MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_GET, "Config SIG Model Subscription Get", MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_LIST },
  { MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_LIST, "Config SIG Model Subscription List", NO_RESPONSE },
  { MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_GET, "Config Vendor Model Subscription Get", MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_LIST },
  { MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_LIST, "Config Vendor Model Subscription List", NO_RESPONSE },
  { MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_GET, "Config Low Power Node PollTimeout Get", MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_STATUS },
  { MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_STATUS, "Config Low Power Node PollTimeout Status", NO_RESPONSE },
  { MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_GET, "Config Heartbeat Publication Get", MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_STATUS },
  { MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_SET, "Config Heartbeat Publication Set", MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_STATUS },
  { MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_GET, "Config Heartbeat Subscription Get", MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_STATUS },
  { MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_SET, "Config Heartbeat Subscription Set", MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_STATUS },
  { MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_STATUS, "Config Heartbeat Subscription Status", NO_RESPONSE },
  { MESH_OP_CONFIG_MODEL_APP_BIND, "Config Model App Bind", MESH_OP_CONFIG_MODEL_APP_STATUS },
  { MESH_OP_CONFIG_MODEL_APP_STATUS, "Config Model App Status", NO_RESPONSE },
  { MESH_OP_CONFIG_MODEL_APP_UNBIND, "Config Model App Unbind", MESH_OP_CONFIG_MODEL_APP_STATUS },
  { MESH_OP_CONFIG_NETKEY_ADD, "Config NetKey Add", MESH_OP_CONFIG_NETKEY_STATUS },
  { MESH_OP_CONFIG_NETKEY_DELETE, "Config NetKey Delete", MESH_OP_CONFIG_NETKEY_STATUS },
  { MESH_OP_CONFIG_NETKEY_GET, "Config NetKey Get", MESH_OP_CONFIG_NETKEY_LIST },
  { MESH_OP_CONFIG_NETKEY_LIST, "Config NetKey List", NO_RESPONSE },
  { MESH_OP_CONFIG_NETKEY_STATUS, "Config NetKey Status", NO_RESPONSE },
  { MESH_OP_CONFIG_NETKEY_UPDATE, "Config NetKey Update", MESH_OP_CONFIG_NETKEY_STATUS },
  { MESH_OP_CONFIG_NODE_IDENTITY_GET, "Config Node Identity Get", MESH_OP_CONFIG_NODE_IDENTITY_STATUS },
  { MESH_OP_CONFIG_NODE_IDENTITY_SET, "Config Node Identity Set", MESH_OP_CONFIG_NODE_IDENTITY_STATUS },
  { MESH_OP_CONFIG_NODE_IDENTITY_STATUS, "Config Node Identity Status", NO_RESPONSE },
  { MESH_OP_CONFIG_NODE_RESET, "Config Node Reset", MESH_OP_CONFIG_NODE_RESET_STATUS },
  { MESH_OP_CONFIG_NODE_RESET_STATUS, "Config Node Reset Status", NO_RESPONSE },
  { MESH_OP_CONFIG_SIG_MODEL_APP_GET, "Config SIG Model App Get", MESH_OP_CONFIG_SIG_MODEL_APP_LIST },
  { MESH_OP_CONFIG_SIG_MODEL_APP_LIST, "Config SIG Model App List", NO_RESPONSE },
  { MESH_OP_CONFIG_VENDOR_MODEL_APP_GET, "Config Vendor Model App Get", MESH_OP_CONFIG_VENDOR_MODEL_APP_LIST },
  { MESH_OP_CONFIG_VENDOR_MODEL_APP_LIST, "Config Vendor Model App List", NO_RESPONSE },
  { MESH_OP_GENERIC_ONOFF_GET, "Generic OnOff Get", MESH_OP_GENERIC_ONOFF_STATUS },
  { MESH_OP_GENERIC_ONOFF_SET, "Generic OnOff Set", MESH_OP_GENERIC_ONOFF_STATUS },
  { MESH_OP_GENERIC_ONOFF_SET_UNACKNOWLEDGED, "Generic OnOff Set Unacknowledged", NO_RESPONSE },
  { MESH_OP_GENERIC_ONOFF_STATUS, "Generic OnOff Status", NO_RESPONSE },
  { MESH_OP_GENERIC_LEVEL_GET, "Generic Level Get", MESH_OP_GENERIC_LEVEL_STATUS },
  { MESH_OP_GENERIC_LEVEL_SET, "Generic Level Set", MESH_OP_GENERIC_LEVEL_STATUS },
  { MESH_OP_GENERIC_LEVEL_SET_UNACKNOWLEDGED, "Generic Level Set Unacknowledged", NO_RESPONSE },
  { MESH_OP_GENERIC_LEVEL_STATUS, "Generic Level Status", NO_RESPONSE },
  { MESH_OP_GENERIC_DELTA_SET, "Generic Delta Set", MESH_OP_GENERIC_LEVEL_STATUS },
  { MESH_OP_GENERIC_DELTA_SET_UNACKNOWLEDGED, "Generic Delta Set Unacknowledged", NO_RESPONSE },
  { MESH_OP_GENERIC_MOVE_SET, "Generic Move Set", MESH_OP_GENERIC_LEVEL_STATUS },
  { MESH_OP_GENERIC_MOVE_SET_UNACKNOWLEDGED, "Generic Move Set Unacknowledged", NO_RESPONSE },
};

static int
compare_opcode_info (const void *key,
                     const void *element)
{
  MeshOpcode opcode = *(const MeshOpcode *) key;
  const OpcodeInfo *info = element;

  return opcode < info->opcode ? -1 : opcode > info->opcode ? 1 : 0;
}

static const OpcodeInfo *
lookup_opcode (MeshOpcode opcode)
{
  return bsearch (&opcode, opcode_infos, G_N_ELEMENTS (opcode_infos),
                  sizeof (OpcodeInfo), compare_opcode_info);
}

/**
 * mesh_opcode_get_size:
 * @opcode: an opcode
 *
 * Returns: the number of octets @opcode takes on the air (1, 2 or 3), or
 *   0 if @opcode is not a valid opcode
 */
gsize
mesh_opcode_get_size (MeshOpcode opcode)
{
  if (opcode < OPCODE_RFU)
    return 1;
  if (opcode >= 0x8000 && opcode <= 0xbfff)
    return 2;
  if (opcode >= 0xc00000 && opcode <= 0xffffff)
    return 3;
  return 0;
}

gboolean
mesh_opcode_is_valid (MeshOpcode opcode)
{
  return mesh_opcode_get_size (opcode) != 0;
}

/**
 * mesh_opcode_decode:
 * @data: (array length=len): the start of an access message
 * @len: the length of @data
 * @opcode: (out): the opcode
 * @size: (out) (optional): the number of octets the opcode took
 * @error: return location for a #GError
 *
 * Reads the opcode that starts an access message. The parameters follow
 * at @data + @size.
 *
 * Returns: %FALSE with %MESH_ERROR_INVALID_DATA if @data is empty, too
 *   short for its opcode, or starts with the RFU opcode 0x7f
 */
gboolean
mesh_opcode_decode (const guint8  *data,
                    gsize          len,
                    MeshOpcode    *opcode,
                    gsize         *size,
                    GError       **error)
{
  MeshReader reader;
  guint8 first;
  guint16 second;

  g_return_val_if_fail (opcode != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mesh_reader_init (&reader, data, len);

  if (!mesh_reader_u8 (&reader, &first))
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                           _("The message is empty: it has no opcode."));
      return FALSE;
    }

  if (first == OPCODE_RFU)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                           _("The message starts with the reserved opcode 0x7F."));
      return FALSE;
    }

  if ((first & 0x80) == 0)
    {
      *opcode = first;
    }
  else if ((first & 0xc0) == 0x80)
    {
      guint8 low;

      if (!mesh_reader_u8 (&reader, &low))
        {
          g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                       _("The message is cut short: its two-octet opcode 0x%02X… has only one octet."),
                       first);
          return FALSE;
        }
      *opcode = ((MeshOpcode) first << 8) | low;
    }
  else
    {
      if (!mesh_reader_le16 (&reader, &second))
        {
          g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                       _("The message is cut short: its vendor opcode 0x%02X… lacks the company ID."),
                       first);
          return FALSE;
        }
      *opcode = ((MeshOpcode) first << 16) | second;
    }

  if (size != NULL)
    *size = reader.pos;

  return TRUE;
}

/**
 * mesh_opcode_append:
 * @array: a byte array
 * @opcode: a valid opcode
 *
 * Appends @opcode as it goes on the air.
 *
 * Returns: %FALSE (appending nothing) if @opcode is not valid
 */
gboolean
mesh_opcode_append (GByteArray *array,
                    MeshOpcode  opcode)
{
  g_return_val_if_fail (array != NULL, FALSE);

  switch (mesh_opcode_get_size (opcode))
    {
    case 1:
      mesh_append_u8 (array, (guint8) opcode);
      return TRUE;

    case 2:
      mesh_append_be16 (array, (guint16) opcode);
      return TRUE;

    case 3:
      mesh_append_u8 (array, (guint8) (opcode >> 16));
      mesh_append_le16 (array, (guint16) (opcode & 0xffff));
      return TRUE;

    default:
      return FALSE;
    }
}

/**
 * mesh_opcode_vendor:
 * @opcode: the vendor's 6-bit opcode, 0x00..0x3f
 * @company_id: the vendor's company ID
 *
 * Returns: the 3-octet opcode, or %MESH_OPCODE_INVALID if @opcode does
 *   not fit in 6 bits
 */
MeshOpcode
mesh_opcode_vendor (guint8  opcode,
                    guint16 company_id)
{
  if (opcode > 0x3f)
    return MESH_OPCODE_INVALID;

  return ((MeshOpcode) (0xc0 | opcode) << 16) | company_id;
}

gboolean
mesh_opcode_is_vendor (MeshOpcode opcode)
{
  return mesh_opcode_get_size (opcode) == 3;
}

/**
 * mesh_opcode_get_company_id:
 * @opcode: a vendor opcode
 *
 * Returns: the company ID of a vendor opcode, 0 for other opcodes
 */
guint16
mesh_opcode_get_company_id (MeshOpcode opcode)
{
  return mesh_opcode_is_vendor (opcode) ? (guint16) (opcode & 0xffff) : 0;
}

/**
 * mesh_opcode_get_name:
 * @opcode: an opcode
 *
 * Returns: (nullable): the specification's name of a Configuration,
 *   Generic OnOff or Generic Level message ("Config AppKey Add"), for
 *   logs; %NULL for other opcodes
 */
const char *
mesh_opcode_get_name (MeshOpcode opcode)
{
  const OpcodeInfo *info = lookup_opcode (opcode);

  return info != NULL ? info->name : NULL;
}

/**
 * mesh_opcode_get_response:
 * @request: the opcode of a request
 *
 * Tells which message answers an acknowledged Configuration, Generic
 * OnOff or Generic Level request, e.g. Config AppKey Status for Config
 * AppKey Add, Config AppKey List for Config AppKey Get.
 *
 * Returns: the response's opcode, or %MESH_OPCODE_INVALID for
 *   unacknowledged messages, status messages and unknown opcodes
 */
MeshOpcode
mesh_opcode_get_response (MeshOpcode request)
{
  const OpcodeInfo *info = lookup_opcode (request);

  return info != NULL ? info->response : MESH_OPCODE_INVALID;
}
