/* mesh-config-message.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-composition.h"
#include "mesh-config-message.h"
#include "mesh-config-message-private.h"
#include "mesh-error.h"
#include "mesh-opcode.h"
#include "mesh-wire-private.h"

GByteArray *
mesh_config_message_begin (MeshOpcode opcode)
{
  GByteArray *array = g_byte_array_sized_new (32);

  if (!mesh_opcode_append (array, opcode))
    g_assert_not_reached ();

  return array;
}

GBytes *
mesh_config_message_finish (GByteArray *array)
{
  return g_byte_array_free_to_bytes (array);
}

static GBytes *
empty_message_new (MeshOpcode opcode)
{
  return mesh_config_message_finish (mesh_config_message_begin (opcode));
}

static GBytes *
octet_message_new (MeshOpcode opcode,
                   guint8     value)
{
  GByteArray *array = mesh_config_message_begin (opcode);

  mesh_append_u8 (array, value);
  return mesh_config_message_finish (array);
}

gboolean
mesh_config_check_key_index (guint16   index,
                             GError  **error)
{
  if (index <= MESH_KEY_INDEX_MAX)
    return TRUE;

  g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
               _("Key index %u is out of range: key indexes go from 0 to 4095."),
               index);
  return FALSE;
}

gboolean
mesh_config_check_element_address (guint16   address,
                                   GError  **error)
{
  if (mesh_address_is_unicast (address))
    return TRUE;

  g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
               _("0x%04X is not an element address: elements have unicast addresses, 0x0001 to 0x7FFF."),
               address);
  return FALSE;
}

gboolean
mesh_config_check_retransmit (MeshRetransmit   retransmit,
                              GError         **error)
{
  if (retransmit.count <= MESH_RETRANSMIT_COUNT_MAX &&
      retransmit.interval_steps <= MESH_RETRANSMIT_STEPS_MAX)
    return TRUE;

  g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                       _("The retransmission count must be 0 to 7 and its interval 0 to 31 steps."));
  return FALSE;
}

static gboolean
check_heartbeat_period_log (guint8   period_log,
                            GError **error)
{
  if (mesh_heartbeat_period_log_is_valid (period_log))
    return TRUE;

  g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
               _("The heartbeat period log 0x%02X is not allowed: use 0x00 to 0x11."),
               period_log);
  return FALSE;
}

static void
append_key_index_pair (GByteArray *array,
                       guint16     net_key_index,
                       guint16     app_key_index)
{
  guint8 octets[3];

  mesh_key_index_pair_pack (net_key_index, app_key_index, octets);
  g_byte_array_append (array, octets, sizeof octets);
}

static GBytes *
appkey_message_new (MeshOpcode     opcode,
                    guint16        net_key_index,
                    guint16        app_key_index,
                    const guint8  *key,
                    GError       **error)
{
  GByteArray *array;

  if (!mesh_config_check_key_index (net_key_index, error) ||
      !mesh_config_check_key_index (app_key_index, error))
    return NULL;

  array = mesh_config_message_begin (opcode);
  append_key_index_pair (array, net_key_index, app_key_index);
  if (key != NULL)
    g_byte_array_append (array, key, MESH_KEY_SIZE);

  return mesh_config_message_finish (array);
}

static GBytes *
netkey_message_new (MeshOpcode     opcode,
                    guint16        net_key_index,
                    const guint8  *key,
                    GError       **error)
{
  GByteArray *array;

  if (!mesh_config_check_key_index (net_key_index, error))
    return NULL;

  array = mesh_config_message_begin (opcode);
  mesh_append_le16 (array, net_key_index);
  if (key != NULL)
    g_byte_array_append (array, key, MESH_KEY_SIZE);

  return mesh_config_message_finish (array);
}

/**
 * mesh_config_composition_data_get_new:
 * @page: the page to read; 0 is the one every node has, 0xff asks for
 *   the highest page the node has
 *
 * Returns: (transfer full): a Config Composition Data Get message
 */
GBytes *
mesh_config_composition_data_get_new (guint8 page)
{
  return octet_message_new (MESH_OP_CONFIG_COMPOSITION_DATA_GET, page);
}

GBytes *
mesh_config_beacon_get_new (void)
{
  return empty_message_new (MESH_OP_CONFIG_BEACON_GET);
}

/**
 * mesh_config_beacon_set_new:
 * @enabled: whether the node broadcasts Secure Network beacons
 *
 * Returns: (transfer full): a Config Beacon Set message
 */
GBytes *
mesh_config_beacon_set_new (gboolean enabled)
{
  return octet_message_new (MESH_OP_CONFIG_BEACON_SET, enabled ? 1 : 0);
}

GBytes *
mesh_config_default_ttl_get_new (void)
{
  return empty_message_new (MESH_OP_CONFIG_DEFAULT_TTL_GET);
}

/**
 * mesh_config_default_ttl_set_new:
 * @ttl: 0 or 2..127 (1 is prohibited: such messages could not be relayed
 *   nor received beyond one hop)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a Config Default TTL Set message, or %NULL
 *   with %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_default_ttl_set_new (guint8   ttl,
                                 GError **error)
{
  if (ttl == 1 || ttl > MESH_TTL_MAX)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("A default TTL of %u is not allowed: use 0, or 2 to 127."),
                   ttl);
      return NULL;
    }

  return octet_message_new (MESH_OP_CONFIG_DEFAULT_TTL_SET, ttl);
}

GBytes *
mesh_config_friend_get_new (void)
{
  return empty_message_new (MESH_OP_CONFIG_FRIEND_GET);
}

GBytes *
mesh_config_friend_set_new (gboolean enabled)
{
  return octet_message_new (MESH_OP_CONFIG_FRIEND_SET, enabled ? 1 : 0);
}

GBytes *
mesh_config_gatt_proxy_get_new (void)
{
  return empty_message_new (MESH_OP_CONFIG_GATT_PROXY_GET);
}

GBytes *
mesh_config_gatt_proxy_set_new (gboolean enabled)
{
  return octet_message_new (MESH_OP_CONFIG_GATT_PROXY_SET, enabled ? 1 : 0);
}

GBytes *
mesh_config_relay_get_new (void)
{
  return empty_message_new (MESH_OP_CONFIG_RELAY_GET);
}

/**
 * mesh_config_relay_set_new:
 * @enabled: whether the node relays
 * @retransmit: how often relayed messages are repeated, every
 *   (steps + 1) × 10 ms
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a Config Relay Set message, or %NULL with
 *   %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_relay_set_new (gboolean         enabled,
                           MeshRetransmit   retransmit,
                           GError         **error)
{
  GByteArray *array;

  if (!mesh_config_check_retransmit (retransmit, error))
    return NULL;

  array = mesh_config_message_begin (MESH_OP_CONFIG_RELAY_SET);
  mesh_append_u8 (array, enabled ? 1 : 0);
  mesh_append_u8 (array, mesh_retransmit_pack (retransmit));
  return mesh_config_message_finish (array);
}

GBytes *
mesh_config_network_transmit_get_new (void)
{
  return empty_message_new (MESH_OP_CONFIG_NETWORK_TRANSMIT_GET);
}

/**
 * mesh_config_network_transmit_set_new:
 * @transmit: the node sends each message count + 1 times, every
 *   (steps + 1) × 10 ms
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a Config Network Transmit Set message, or
 *   %NULL with %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_network_transmit_set_new (MeshRetransmit   transmit,
                                      GError         **error)
{
  if (!mesh_config_check_retransmit (transmit, error))
    return NULL;

  return octet_message_new (MESH_OP_CONFIG_NETWORK_TRANSMIT_SET, mesh_retransmit_pack (transmit));
}

GBytes *
mesh_config_node_identity_get_new (guint16   net_key_index,
                                   GError  **error)
{
  return netkey_message_new (MESH_OP_CONFIG_NODE_IDENTITY_GET, net_key_index, NULL, error);
}

/**
 * mesh_config_node_identity_set_new:
 * @net_key_index: the subnet whose Node Identity advertising to change
 * @running: %TRUE to start advertising with Node Identity, %FALSE to stop
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a Config Node Identity Set message, or %NULL
 *   with %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_node_identity_set_new (guint16    net_key_index,
                                   gboolean   running,
                                   GError   **error)
{
  GByteArray *array;

  if (!mesh_config_check_key_index (net_key_index, error))
    return NULL;

  array = mesh_config_message_begin (MESH_OP_CONFIG_NODE_IDENTITY_SET);
  mesh_append_le16 (array, net_key_index);
  mesh_append_u8 (array, running ? 1 : 0);
  return mesh_config_message_finish (array);
}

/**
 * mesh_config_appkey_add_new:
 * @net_key_index: the network key the application key is bound to
 * @app_key_index: the application key's index
 * @key: the 128-bit application key
 * @error: return location for a #GError
 *
 * The returned message holds key material: callers should not log it.
 *
 * Returns: (transfer full): a Config AppKey Add message, or %NULL with
 *   %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_appkey_add_new (guint16       net_key_index,
                            guint16       app_key_index,
                            const guint8  key[MESH_KEY_SIZE],
                            GError      **error)
{
  g_return_val_if_fail (key != NULL, NULL);

  return appkey_message_new (MESH_OP_CONFIG_APPKEY_ADD, net_key_index, app_key_index, key, error);
}

GBytes *
mesh_config_appkey_update_new (guint16       net_key_index,
                               guint16       app_key_index,
                               const guint8  key[MESH_KEY_SIZE],
                               GError      **error)
{
  g_return_val_if_fail (key != NULL, NULL);

  return appkey_message_new (MESH_OP_CONFIG_APPKEY_UPDATE, net_key_index, app_key_index, key, error);
}

GBytes *
mesh_config_appkey_delete_new (guint16   net_key_index,
                               guint16   app_key_index,
                               GError  **error)
{
  return appkey_message_new (MESH_OP_CONFIG_APPKEY_DELETE, net_key_index, app_key_index, NULL, error);
}

/**
 * mesh_config_appkey_get_new:
 * @net_key_index: the network key whose application keys to list
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a Config AppKey Get message, answered by a
 *   Config AppKey List, or %NULL with %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_appkey_get_new (guint16   net_key_index,
                            GError  **error)
{
  return netkey_message_new (MESH_OP_CONFIG_APPKEY_GET, net_key_index, NULL, error);
}

GBytes *
mesh_config_netkey_add_new (guint16       net_key_index,
                            const guint8  key[MESH_KEY_SIZE],
                            GError      **error)
{
  g_return_val_if_fail (key != NULL, NULL);

  return netkey_message_new (MESH_OP_CONFIG_NETKEY_ADD, net_key_index, key, error);
}

GBytes *
mesh_config_netkey_update_new (guint16       net_key_index,
                               const guint8  key[MESH_KEY_SIZE],
                               GError      **error)
{
  g_return_val_if_fail (key != NULL, NULL);

  return netkey_message_new (MESH_OP_CONFIG_NETKEY_UPDATE, net_key_index, key, error);
}

GBytes *
mesh_config_netkey_delete_new (guint16   net_key_index,
                               GError  **error)
{
  return netkey_message_new (MESH_OP_CONFIG_NETKEY_DELETE, net_key_index, NULL, error);
}

GBytes *
mesh_config_netkey_get_new (void)
{
  return empty_message_new (MESH_OP_CONFIG_NETKEY_GET);
}

/**
 * mesh_config_node_reset_new:
 *
 * Returns: (transfer full): a Config Node Reset message; the node answers
 *   with a Config Node Reset Status and forgets the network
 */
GBytes *
mesh_config_node_reset_new (void)
{
  return empty_message_new (MESH_OP_CONFIG_NODE_RESET);
}

GBytes *
mesh_config_key_refresh_phase_get_new (guint16   net_key_index,
                                       GError  **error)
{
  return netkey_message_new (MESH_OP_CONFIG_KEY_REFRESH_PHASE_GET, net_key_index, NULL, error);
}

GBytes *
mesh_config_key_refresh_phase_set_new (guint16                    net_key_index,
                                       MeshKeyRefreshTransition   transition,
                                       GError                   **error)
{
  GByteArray *array;

  if (!mesh_config_check_key_index (net_key_index, error))
    return NULL;

  if (transition != MESH_KEY_REFRESH_TRANSITION_USE_NEW_KEYS &&
      transition != MESH_KEY_REFRESH_TRANSITION_REVOKE_OLD_KEYS)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("Key refresh transition %u does not exist: use 2 or 3."),
                   (guint) transition);
      return NULL;
    }

  array = mesh_config_message_begin (MESH_OP_CONFIG_KEY_REFRESH_PHASE_SET);
  mesh_append_le16 (array, net_key_index);
  mesh_append_u8 (array, (guint8) transition);
  return mesh_config_message_finish (array);
}

GBytes *
mesh_config_heartbeat_publication_get_new (void)
{
  return empty_message_new (MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_GET);
}

/**
 * mesh_config_heartbeat_publication_set_new:
 * @publication: the heartbeat publication
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a Config Heartbeat Publication Set message,
 *   or %NULL with %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_heartbeat_publication_set_new (const MeshConfigHeartbeatPublication  *publication,
                                           GError                               **error)
{
  GByteArray *array;

  g_return_val_if_fail (publication != NULL, NULL);

  if (mesh_address_is_virtual (publication->destination))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("Heartbeats cannot be sent to the virtual address 0x%04X."),
                   publication->destination);
      return NULL;
    }

  if (!mesh_heartbeat_count_log_is_valid (publication->count_log))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("The heartbeat count log 0x%02X is not allowed: use 0x00 to 0x11, or 0xFF."),
                   publication->count_log);
      return NULL;
    }

  if (!check_heartbeat_period_log (publication->period_log, error) ||
      !mesh_config_check_key_index (publication->net_key_index, error))
    return NULL;

  if (publication->ttl > MESH_TTL_MAX)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("A heartbeat TTL of %u is not allowed: use 0 to 127."),
                   publication->ttl);
      return NULL;
    }

  if ((publication->features & ~MESH_FEATURES_ALL) != 0)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("The heartbeat features 0x%04X include reserved bits: only relay, proxy, friend and low power can trigger heartbeats."),
                   publication->features);
      return NULL;
    }

  array = mesh_config_message_begin (MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_SET);
  mesh_append_le16 (array, publication->destination);
  mesh_append_u8 (array, publication->count_log);
  mesh_append_u8 (array, publication->period_log);
  mesh_append_u8 (array, publication->ttl);
  mesh_append_le16 (array, publication->features);
  mesh_append_le16 (array, publication->net_key_index);
  return mesh_config_message_finish (array);
}

GBytes *
mesh_config_heartbeat_subscription_get_new (void)
{
  return empty_message_new (MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_GET);
}

/**
 * mesh_config_heartbeat_subscription_set_new:
 * @source: the unicast address heartbeats come from, or unassigned to
 *   stop listening
 * @destination: the address they are sent to (unassigned, unicast or
 *   group)
 * @period_log: how long to listen, as a log of seconds
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a Config Heartbeat Subscription Set message,
 *   or %NULL with %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_heartbeat_subscription_set_new (guint16   source,
                                            guint16   destination,
                                            guint8    period_log,
                                            GError  **error)
{
  GByteArray *array;

  if (source != MESH_ADDRESS_UNASSIGNED && !mesh_address_is_unicast (source))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("Heartbeats can only come from a unicast address, not from 0x%04X."),
                   source);
      return NULL;
    }

  if (mesh_address_is_virtual (destination))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("Heartbeats cannot be received on the virtual address 0x%04X."),
                   destination);
      return NULL;
    }

  if (!check_heartbeat_period_log (period_log, error))
    return NULL;

  array = mesh_config_message_begin (MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_SET);
  mesh_append_le16 (array, source);
  mesh_append_le16 (array, destination);
  mesh_append_u8 (array, period_log);
  return mesh_config_message_finish (array);
}

/**
 * mesh_config_poll_timeout_get_new:
 * @lpn_address: the primary address of a Low Power node befriended by
 *   the node the message goes to
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a Config Low Power Node PollTimeout Get
 *   message, or %NULL with %MESH_ERROR_INVALID_ARGUMENT
 */
GBytes *
mesh_config_poll_timeout_get_new (guint16   lpn_address,
                                  GError  **error)
{
  GByteArray *array;

  if (!mesh_address_is_unicast (lpn_address))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("0x%04X is not a unicast address, so it cannot be a Low Power node’s."),
                   lpn_address);
      return NULL;
    }

  array = mesh_config_message_begin (MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_GET);
  mesh_append_le16 (array, lpn_address);
  return mesh_config_message_finish (array);
}
