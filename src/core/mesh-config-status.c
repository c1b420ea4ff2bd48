/* mesh-config-status.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-config-status.h"
#include "mesh-config-status-private.h"
#include "mesh-error.h"
#include "mesh-status-code.h"
#include "mesh-wire-private.h"

/* The values a PollTimeout may take besides 0, in units of 100 ms. */
#define POLL_TIMEOUT_MIN 0x00000a
#define POLL_TIMEOUT_MAX 0x34bbff

const char *
mesh_config_status_name (const MeshConfigStatus *status)
{
  const char *name = mesh_opcode_get_name (status->opcode);

  return name != NULL ? name : "status";
}

static gboolean
set_length_error (const MeshConfigStatus  *status,
                  gsize                    len,
                  gsize                    expected,
                  GError                 **error)
{
  g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
               _("The node sent a malformed %s message: its parameters have a length of %u where %u was expected."),
               mesh_config_status_name (status), mesh_length_arg (len), mesh_length_arg (expected));
  return FALSE;
}

gboolean
mesh_config_status_check_length (const MeshConfigStatus  *status,
                                 gsize                    len,
                                 gsize                    expected,
                                 GError                 **error)
{
  return len == expected || set_length_error (status, len, expected, error);
}

/* Messages that name a model are 2 octets longer for a vendor model. */
gboolean
mesh_config_status_check_model_length (const MeshConfigStatus  *status,
                                       gsize                    len,
                                       gsize                    sig_length,
                                       gboolean                *vendor,
                                       GError                 **error)
{
  if (len == sig_length || len == sig_length + 2)
    {
      *vendor = len == sig_length + 2;
      return TRUE;
    }

  g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
               _("The node sent a malformed %s message: its parameters have a length of %u where %u or %u was expected."),
               mesh_config_status_name (status), mesh_length_arg (len),
               mesh_length_arg (sig_length), mesh_length_arg (sig_length + 2));
  return FALSE;
}

gboolean
mesh_config_status_check_min_length (const MeshConfigStatus  *status,
                                     gsize                    len,
                                     gsize                    minimum,
                                     GError                 **error)
{
  if (len >= minimum)
    return TRUE;

  g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
               _("The node sent a malformed %s message: its parameters have a length of %u where at least %u was expected."),
               mesh_config_status_name (status), mesh_length_arg (len), mesh_length_arg (minimum));
  return FALSE;
}

gboolean
mesh_config_status_set_prohibited (const MeshConfigStatus  *status,
                                   const char              *field,
                                   guint                    value,
                                   GError                 **error)
{
  g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
               _("The node sent a malformed %s message: its %s field has the prohibited value 0x%02X."),
               mesh_config_status_name (status), field, value);
  return FALSE;
}

static gboolean
check_feature_state (const MeshConfigStatus  *status,
                     const char              *field,
                     guint8                   value,
                     MeshFeatureState        *state,
                     GError                 **error)
{
  if (value > MESH_FEATURE_STATE_NOT_SUPPORTED)
    return mesh_config_status_set_prohibited (status, field, value, error);

  *state = (MeshFeatureState) value;
  return TRUE;
}

/* A list of key indexes packs two per three octets; an odd last one takes
 * two octets. */
gboolean
mesh_config_status_read_key_index_list (MeshReader              *reader,
                                        const MeshConfigStatus  *status,
                                        guint                   *n_indexes,
                                        guint16                **indexes,
                                        GError                 **error)
{
  gsize remaining = mesh_reader_remaining (reader);
  guint n, i = 0;

  if (remaining % 3 == 1)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                   _("The node sent a malformed %s message: its list of key indexes is cut short."),
                   mesh_config_status_name (status));
      return FALSE;
    }

  n = (guint) (remaining / 3 * 2 + (remaining % 3 == 2 ? 1 : 0));
  *indexes = g_new (guint16, MAX (n, 1));
  *n_indexes = n;

  while (mesh_reader_remaining (reader) >= 3)
    {
      const guint8 *octets;

      mesh_reader_bytes (reader, 3, &octets);
      mesh_key_index_pair_unpack (octets, &(*indexes)[i], &(*indexes)[i + 1]);
      i += 2;
    }

  if (mesh_reader_remaining (reader) == 2)
    {
      guint16 last;

      mesh_reader_le16 (reader, &last);
      (*indexes)[i++] = mesh_config_key_index_field (last);
    }

  g_assert (i == n);
  return TRUE;
}

static gboolean
decode_composition (const guint8      *params,
                    gsize              len,
                    MeshConfigStatus  *status,
                    GError           **error)
{
  MeshConfigCompositionStatus *composition = &status->composition;

  if (!mesh_config_status_check_min_length (status, len, 1, error))
    return FALSE;

  composition->page = params[0];
  composition->raw = g_bytes_new (params + 1, len - 1);

  if (composition->page == 0)
    {
      composition->data = mesh_composition_data_parse (params + 1, len - 1, error);
      return composition->data != NULL;
    }

  return TRUE;
}

static gboolean
decode_beacon (const guint8      *params,
               gsize              len,
               MeshConfigStatus  *status,
               GError           **error)
{
  if (!mesh_config_status_check_length (status, len, 1, error))
    return FALSE;

  if (params[0] > 1)
    return mesh_config_status_set_prohibited (status, "Beacon", params[0], error);

  status->beacon_enabled = params[0] == 1;
  return TRUE;
}

static gboolean
decode_default_ttl (const guint8      *params,
                    gsize              len,
                    MeshConfigStatus  *status,
                    GError           **error)
{
  if (!mesh_config_status_check_length (status, len, 1, error))
    return FALSE;

  if (params[0] == 1 || params[0] > MESH_TTL_MAX)
    return mesh_config_status_set_prohibited (status, "TTL", params[0], error);

  status->default_ttl = params[0];
  return TRUE;
}

static gboolean
decode_friend (const guint8      *params,
               gsize              len,
               MeshConfigStatus  *status,
               GError           **error)
{
  return mesh_config_status_check_length (status, len, 1, error) &&
         check_feature_state (status, "Friend", params[0], &status->friend_state, error);
}

static gboolean
decode_gatt_proxy (const guint8      *params,
                   gsize              len,
                   MeshConfigStatus  *status,
                   GError           **error)
{
  return mesh_config_status_check_length (status, len, 1, error) &&
         check_feature_state (status, "GATTProxy", params[0], &status->gatt_proxy, error);
}

static gboolean
decode_relay (const guint8      *params,
              gsize              len,
              MeshConfigStatus  *status,
              GError           **error)
{
  if (!mesh_config_status_check_length (status, len, 2, error) ||
      !check_feature_state (status, "Relay", params[0], &status->relay.state, error))
    return FALSE;

  status->relay.retransmit = mesh_retransmit_unpack (params[1]);
  return TRUE;
}

static gboolean
decode_network_transmit (const guint8      *params,
                         gsize              len,
                         MeshConfigStatus  *status,
                         GError           **error)
{
  if (!mesh_config_status_check_length (status, len, 1, error))
    return FALSE;

  status->network_transmit = mesh_retransmit_unpack (params[0]);
  return TRUE;
}

static gboolean
decode_node_identity (const guint8      *params,
                      gsize              len,
                      MeshConfigStatus  *status,
                      GError           **error)
{
  MeshConfigNodeIdentityStatus *identity = &status->node_identity;
  MeshReader reader;
  guint16 index;
  guint8 state;

  if (!mesh_config_status_check_length (status, len, 4, error))
    return FALSE;

  mesh_reader_init (&reader, params, len);
  mesh_reader_u8 (&reader, &identity->status);
  mesh_reader_le16 (&reader, &index);
  mesh_reader_u8 (&reader, &state);
  identity->net_key_index = mesh_config_key_index_field (index);

  return check_feature_state (status, "Identity", state, &identity->identity, error);
}

static gboolean
decode_appkey_status (const guint8      *params,
                      gsize              len,
                      MeshConfigStatus  *status,
                      GError           **error)
{
  if (!mesh_config_status_check_length (status, len, 4, error))
    return FALSE;

  status->appkey.status = params[0];
  mesh_key_index_pair_unpack (params + 1, &status->appkey.net_key_index, &status->appkey.app_key_index);
  return TRUE;
}

static gboolean
decode_netkey_status (const guint8      *params,
                      gsize              len,
                      MeshConfigStatus  *status,
                      GError           **error)
{
  MeshReader reader;
  guint16 index;

  if (!mesh_config_status_check_length (status, len, 3, error))
    return FALSE;

  mesh_reader_init (&reader, params, len);
  mesh_reader_u8 (&reader, &status->netkey.status);
  mesh_reader_le16 (&reader, &index);
  status->netkey.net_key_index = mesh_config_key_index_field (index);
  return TRUE;
}

static gboolean
decode_appkey_list (const guint8      *params,
                    gsize              len,
                    MeshConfigStatus  *status,
                    GError           **error)
{
  MeshConfigKeyList *list = &status->key_list;
  MeshReader reader;
  guint16 index;

  if (!mesh_config_status_check_min_length (status, len, 3, error))
    return FALSE;

  mesh_reader_init (&reader, params, len);
  mesh_reader_u8 (&reader, &list->status);
  mesh_reader_le16 (&reader, &index);
  list->net_key_index = mesh_config_key_index_field (index);

  return mesh_config_status_read_key_index_list (&reader, status, &list->n_indexes, &list->indexes, error);
}

static gboolean
decode_netkey_list (const guint8      *params,
                    gsize              len,
                    MeshConfigStatus  *status,
                    GError           **error)
{
  MeshConfigKeyList *list = &status->key_list;
  MeshReader reader;

  mesh_reader_init (&reader, params, len);
  list->status = MESH_STATUS_SUCCESS;

  return mesh_config_status_read_key_index_list (&reader, status, &list->n_indexes, &list->indexes, error);
}

static gboolean
decode_node_reset (const guint8      *params,
                   gsize              len,
                   MeshConfigStatus  *status,
                   GError           **error)
{
  return mesh_config_status_check_length (status, len, 0, error);
}

static gboolean
decode_key_refresh (const guint8      *params,
                    gsize              len,
                    MeshConfigStatus  *status,
                    GError           **error)
{
  MeshConfigKeyRefreshStatus *key_refresh = &status->key_refresh;
  MeshReader reader;
  guint16 index;
  guint8 phase;

  if (!mesh_config_status_check_length (status, len, 4, error))
    return FALSE;

  mesh_reader_init (&reader, params, len);
  mesh_reader_u8 (&reader, &key_refresh->status);
  mesh_reader_le16 (&reader, &index);
  mesh_reader_u8 (&reader, &phase);
  key_refresh->net_key_index = mesh_config_key_index_field (index);

  if (phase > MESH_KEY_REFRESH_PHASE_2)
    return mesh_config_status_set_prohibited (status, "Phase", phase, error);

  key_refresh->phase = (MeshKeyRefreshPhase) phase;
  return TRUE;
}

static gboolean
decode_heartbeat_publication (const guint8      *params,
                              gsize              len,
                              MeshConfigStatus  *status,
                              GError           **error)
{
  MeshConfigHeartbeatPublication *pub = &status->heartbeat_publication.publication;
  MeshReader reader;
  guint16 index;

  if (!mesh_config_status_check_length (status, len, 10, error))
    return FALSE;

  mesh_reader_init (&reader, params, len);
  mesh_reader_u8 (&reader, &status->heartbeat_publication.status);
  mesh_reader_le16 (&reader, &pub->destination);
  mesh_reader_u8 (&reader, &pub->count_log);
  mesh_reader_u8 (&reader, &pub->period_log);
  mesh_reader_u8 (&reader, &pub->ttl);
  mesh_reader_le16 (&reader, &pub->features);
  mesh_reader_le16 (&reader, &index);
  pub->net_key_index = mesh_config_key_index_field (index);

  if (!mesh_heartbeat_count_log_is_valid (pub->count_log))
    return mesh_config_status_set_prohibited (status, "CountLog", pub->count_log, error);
  if (!mesh_heartbeat_period_log_is_valid (pub->period_log))
    return mesh_config_status_set_prohibited (status, "PeriodLog", pub->period_log, error);
  if (pub->ttl > MESH_TTL_MAX)
    return mesh_config_status_set_prohibited (status, "TTL", pub->ttl, error);

  return TRUE;
}

static gboolean
decode_heartbeat_subscription (const guint8      *params,
                               gsize              len,
                               MeshConfigStatus  *status,
                               GError           **error)
{
  MeshConfigHeartbeatSubscriptionStatus *sub = &status->heartbeat_subscription;
  MeshReader reader;

  if (!mesh_config_status_check_length (status, len, 9, error))
    return FALSE;

  mesh_reader_init (&reader, params, len);
  mesh_reader_u8 (&reader, &sub->status);
  mesh_reader_le16 (&reader, &sub->source);
  mesh_reader_le16 (&reader, &sub->destination);
  mesh_reader_u8 (&reader, &sub->period_log);
  mesh_reader_u8 (&reader, &sub->count_log);
  mesh_reader_u8 (&reader, &sub->min_hops);
  mesh_reader_u8 (&reader, &sub->max_hops);

  if (!mesh_heartbeat_period_log_is_valid (sub->period_log))
    return mesh_config_status_set_prohibited (status, "PeriodLog", sub->period_log, error);
  if (!mesh_heartbeat_count_log_is_valid (sub->count_log))
    return mesh_config_status_set_prohibited (status, "CountLog", sub->count_log, error);
  if (sub->min_hops > MESH_TTL_MAX)
    return mesh_config_status_set_prohibited (status, "MinHops", sub->min_hops, error);
  if (sub->max_hops > MESH_TTL_MAX)
    return mesh_config_status_set_prohibited (status, "MaxHops", sub->max_hops, error);

  return TRUE;
}

static gboolean
decode_poll_timeout (const guint8      *params,
                     gsize              len,
                     MeshConfigStatus  *status,
                     GError           **error)
{
  MeshConfigPollTimeoutStatus *poll = &status->poll_timeout;
  MeshReader reader;

  if (!mesh_config_status_check_length (status, len, 5, error))
    return FALSE;

  mesh_reader_init (&reader, params, len);
  mesh_reader_le16 (&reader, &poll->lpn_address);
  mesh_reader_le24 (&reader, &poll->poll_timeout);

  if (poll->poll_timeout != 0 &&
      (poll->poll_timeout < POLL_TIMEOUT_MIN || poll->poll_timeout > POLL_TIMEOUT_MAX))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                   _("The node sent a malformed %s message: its PollTimeout 0x%06X is a prohibited value."),
                   mesh_config_status_name (status), poll->poll_timeout);
      return FALSE;
    }

  return TRUE;
}

/**
 * mesh_config_status_get_decoder:
 * @opcode: an opcode
 *
 * Returns: (nullable): the decoder of the configuration status message
 *   with this opcode, or %NULL if @opcode is not one a Configuration
 *   Server sends
 */
MeshConfigStatusDecoder
mesh_config_status_get_decoder (MeshOpcode opcode)
{
  switch (opcode)
    {
    case MESH_OP_CONFIG_COMPOSITION_DATA_STATUS: return decode_composition;
    case MESH_OP_CONFIG_BEACON_STATUS: return decode_beacon;
    case MESH_OP_CONFIG_DEFAULT_TTL_STATUS: return decode_default_ttl;
    case MESH_OP_CONFIG_FRIEND_STATUS: return decode_friend;
    case MESH_OP_CONFIG_GATT_PROXY_STATUS: return decode_gatt_proxy;
    case MESH_OP_CONFIG_RELAY_STATUS: return decode_relay;
    case MESH_OP_CONFIG_NETWORK_TRANSMIT_STATUS: return decode_network_transmit;
    case MESH_OP_CONFIG_NODE_IDENTITY_STATUS: return decode_node_identity;
    case MESH_OP_CONFIG_APPKEY_STATUS: return decode_appkey_status;
    case MESH_OP_CONFIG_APPKEY_LIST: return decode_appkey_list;
    case MESH_OP_CONFIG_NETKEY_STATUS: return decode_netkey_status;
    case MESH_OP_CONFIG_NETKEY_LIST: return decode_netkey_list;
    case MESH_OP_CONFIG_MODEL_APP_STATUS: return mesh_config_decode_model_app_status;
    case MESH_OP_CONFIG_SIG_MODEL_APP_LIST: return mesh_config_decode_sig_model_app_list;
    case MESH_OP_CONFIG_VENDOR_MODEL_APP_LIST: return mesh_config_decode_vendor_model_app_list;
    case MESH_OP_CONFIG_MODEL_PUBLICATION_STATUS: return mesh_config_decode_publication_status;
    case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS: return mesh_config_decode_subscription_status;
    case MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_LIST: return mesh_config_decode_sig_model_subscription_list;
    case MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_LIST: return mesh_config_decode_vendor_model_subscription_list;
    case MESH_OP_CONFIG_NODE_RESET_STATUS: return decode_node_reset;
    case MESH_OP_CONFIG_KEY_REFRESH_PHASE_STATUS: return decode_key_refresh;
    case MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_STATUS: return decode_heartbeat_publication;
    case MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_STATUS: return decode_heartbeat_subscription;
    case MESH_OP_CONFIG_LOW_POWER_NODE_POLL_TIMEOUT_STATUS: return decode_poll_timeout;
    default: return NULL;
    }
}

/**
 * mesh_config_status_decode_params:
 * @opcode: the message's opcode
 * @params: (array length=len): the parameters that follow the opcode
 * @len: the length of @params
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the decoded status, or %NULL with
 *   %MESH_ERROR_INVALID_DATA if @opcode is not a configuration status or
 *   the parameters are malformed
 */
MeshConfigStatus *
mesh_config_status_decode_params (MeshOpcode     opcode,
                                  const guint8  *params,
                                  gsize          len,
                                  GError       **error)
{
  g_autoptr(MeshConfigStatus) status = NULL;
  MeshConfigStatusDecoder decoder;

  g_return_val_if_fail (params != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  decoder = mesh_config_status_get_decoder (opcode);
  if (decoder == NULL)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                   _("The message with opcode 0x%04X is not a configuration status message."),
                   opcode);
      return NULL;
    }

  status = g_new0 (MeshConfigStatus, 1);
  status->opcode = opcode;

  if (!decoder (params, len, status, error))
    return NULL;

  return g_steal_pointer (&status);
}

/**
 * mesh_config_status_decode:
 * @message: (array length=len): a whole access message, opcode first
 * @len: the length of @message
 * @error: return location for a #GError
 *
 * Decodes any configuration status message: the entry point for what a
 * node sends back with its device key.
 *
 * Returns: (transfer full): the decoded status, or %NULL with
 *   %MESH_ERROR_INVALID_DATA
 */
MeshConfigStatus *
mesh_config_status_decode (const guint8  *message,
                           gsize          len,
                           GError       **error)
{
  MeshOpcode opcode;
  gsize size;

  g_return_val_if_fail (message != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mesh_opcode_decode (message, len, &opcode, &size, error))
    return NULL;

  return mesh_config_status_decode_params (opcode, message + size, len - size, error);
}

void
mesh_config_status_free (MeshConfigStatus *status)
{
  if (status == NULL)
    return;

  switch (status->opcode)
    {
    case MESH_OP_CONFIG_COMPOSITION_DATA_STATUS:
      g_clear_pointer (&status->composition.data, mesh_composition_data_free);
      g_clear_pointer (&status->composition.raw, g_bytes_unref);
      break;

    case MESH_OP_CONFIG_APPKEY_LIST:
    case MESH_OP_CONFIG_NETKEY_LIST:
      g_free (status->key_list.indexes);
      break;

    case MESH_OP_CONFIG_SIG_MODEL_APP_LIST:
    case MESH_OP_CONFIG_VENDOR_MODEL_APP_LIST:
    case MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_LIST:
    case MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_LIST:
      g_free (status->model_list.items);
      break;

    default:
      break;
    }

  g_free (status);
}

/**
 * mesh_config_status_get_code:
 * @status: a decoded status
 *
 * Returns: the Status field of messages that have one, otherwise
 *   %MESH_STATUS_SUCCESS: these messages only report a state
 */
guint8
mesh_config_status_get_code (const MeshConfigStatus *status)
{
  g_return_val_if_fail (status != NULL, MESH_STATUS_UNSPECIFIED_ERROR);

  switch (status->opcode)
    {
    case MESH_OP_CONFIG_NODE_IDENTITY_STATUS: return status->node_identity.status;
    case MESH_OP_CONFIG_APPKEY_STATUS: return status->appkey.status;
    case MESH_OP_CONFIG_NETKEY_STATUS: return status->netkey.status;
    case MESH_OP_CONFIG_APPKEY_LIST:
    case MESH_OP_CONFIG_NETKEY_LIST: return status->key_list.status;
    case MESH_OP_CONFIG_MODEL_APP_STATUS: return status->model_app.status;
    case MESH_OP_CONFIG_SIG_MODEL_APP_LIST:
    case MESH_OP_CONFIG_VENDOR_MODEL_APP_LIST:
    case MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_LIST:
    case MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_LIST: return status->model_list.status;
    case MESH_OP_CONFIG_MODEL_PUBLICATION_STATUS: return status->publication.status;
    case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS: return status->subscription.status;
    case MESH_OP_CONFIG_KEY_REFRESH_PHASE_STATUS: return status->key_refresh.status;
    case MESH_OP_CONFIG_HEARTBEAT_PUBLICATION_STATUS: return status->heartbeat_publication.status;
    case MESH_OP_CONFIG_HEARTBEAT_SUBSCRIPTION_STATUS: return status->heartbeat_subscription.status;
    default: return MESH_STATUS_SUCCESS;
    }
}

/**
 * mesh_config_status_check:
 * @status: a decoded status
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @status reports success; otherwise %FALSE with a
 *   %MESH_ERROR_STATUS error whose message says what the status code means
 */
gboolean
mesh_config_status_check (const MeshConfigStatus  *status,
                          GError                 **error)
{
  g_autofree char *message = NULL;
  guint8 code;

  g_return_val_if_fail (status != NULL, FALSE);

  code = mesh_config_status_get_code (status);
  if (code == MESH_STATUS_SUCCESS)
    return TRUE;

  message = mesh_status_code_describe (code);
  g_set_error_literal (error, MESH_ERROR, MESH_ERROR_STATUS, message);
  return FALSE;
}
