/* mesh-generic-message.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-error.h"
#include "mesh-generic-message.h"
#include "mesh-wire-private.h"

/* The parameters of every Set message end with the TID and the optional
 * Transition Time and Delay pair. */
static GBytes *
set_message_finish (GByteArray            *array,
                    guint8                 tid,
                    const MeshTransition  *transition,
                    GError               **error)
{
  if (transition != NULL &&
      (transition->time.steps >= MESH_STEP_TIME_STEPS_UNKNOWN ||
       transition->time.resolution > MESH_STEP_RESOLUTION_10_MIN))
    {
      g_byte_array_unref (array);
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                           _("A transition time must have 0 to 62 steps of 100 ms, 1 s, 10 s or 10 min."));
      return NULL;
    }

  mesh_append_u8 (array, tid);
  if (transition != NULL)
    {
      mesh_append_u8 (array, mesh_step_time_pack (transition->time));
      mesh_append_u8 (array, transition->delay);
    }

  return g_byte_array_free_to_bytes (array);
}

static GByteArray *
message_new (MeshOpcode opcode)
{
  GByteArray *array = g_byte_array_sized_new (16);

  if (!mesh_opcode_append (array, opcode))
    g_assert_not_reached ();

  return array;
}

static gboolean
set_malformed_error (MeshOpcode   opcode,
                     gsize        len,
                     GError     **error)
{
  g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
               _("The node sent a malformed %s message: its parameters have a length of %u."),
               mesh_opcode_get_name (opcode), mesh_length_arg (len));
  return FALSE;
}

static gboolean
read_onoff (MeshReader  *reader,
            gboolean    *value,
            GError     **error)
{
  guint8 octet;

  mesh_reader_u8 (reader, &octet);
  if (octet > 1)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                   _("The node sent a malformed %s message: 0x%02X is not an on/off value."),
                   mesh_opcode_get_name (MESH_OP_GENERIC_ONOFF_STATUS), octet);
      return FALSE;
    }

  *value = octet == 1;
  return TRUE;
}

GBytes *
mesh_generic_onoff_get_new (void)
{
  return g_byte_array_free_to_bytes (message_new (MESH_OP_GENERIC_ONOFF_GET));
}

/**
 * mesh_generic_onoff_set_new:
 * @on: the state to set
 * @tid: the transaction identifier: the same for retransmissions of one
 *   request, different for a new request
 * @transition: (nullable): the transition, or %NULL to use the node's
 *   default transition time
 * @acknowledged: %TRUE for Generic OnOff Set, answered with a Generic
 *   OnOff Status; %FALSE for Generic OnOff Set Unacknowledged
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the message, or %NULL with
 *   %MESH_ERROR_INVALID_ARGUMENT if @transition cannot be sent
 */
GBytes *
mesh_generic_onoff_set_new (gboolean               on,
                            guint8                 tid,
                            const MeshTransition  *transition,
                            gboolean               acknowledged,
                            GError               **error)
{
  GByteArray *array;

  array = message_new (acknowledged ? MESH_OP_GENERIC_ONOFF_SET : MESH_OP_GENERIC_ONOFF_SET_UNACKNOWLEDGED);
  mesh_append_u8 (array, on ? 1 : 0);
  return set_message_finish (array, tid, transition, error);
}

GBytes *
mesh_generic_level_get_new (void)
{
  return g_byte_array_free_to_bytes (message_new (MESH_OP_GENERIC_LEVEL_GET));
}

/**
 * mesh_generic_level_set_new:
 * @level: the level to set
 * @tid: the transaction identifier
 * @transition: (nullable): the transition, or %NULL for the default one
 * @acknowledged: Generic Level Set if %TRUE, its unacknowledged form if not
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the message, or %NULL with
 *   %MESH_ERROR_INVALID_ARGUMENT if @transition cannot be sent
 */
GBytes *
mesh_generic_level_set_new (gint16                 level,
                            guint8                 tid,
                            const MeshTransition  *transition,
                            gboolean               acknowledged,
                            GError               **error)
{
  GByteArray *array;

  array = message_new (acknowledged ? MESH_OP_GENERIC_LEVEL_SET : MESH_OP_GENERIC_LEVEL_SET_UNACKNOWLEDGED);
  mesh_append_le16 (array, (guint16) level);
  return set_message_finish (array, tid, transition, error);
}

/**
 * mesh_generic_delta_set_new:
 * @delta: the change of level; repeating the same @tid replaces the delta
 *   of the transaction rather than adding it again
 * @tid: the transaction identifier
 * @transition: (nullable): the transition, or %NULL for the default one
 * @acknowledged: Generic Delta Set if %TRUE, its unacknowledged form if not
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the message, or %NULL with
 *   %MESH_ERROR_INVALID_ARGUMENT if @transition cannot be sent
 */
GBytes *
mesh_generic_delta_set_new (gint32                 delta,
                            guint8                 tid,
                            const MeshTransition  *transition,
                            gboolean               acknowledged,
                            GError               **error)
{
  GByteArray *array;

  array = message_new (acknowledged ? MESH_OP_GENERIC_DELTA_SET : MESH_OP_GENERIC_DELTA_SET_UNACKNOWLEDGED);
  mesh_append_le32 (array, (guint32) delta);
  return set_message_finish (array, tid, transition, error);
}

/**
 * mesh_generic_move_set_new:
 * @delta: the change of level per @transition time: the speed of the move
 * @tid: the transaction identifier
 * @transition: (nullable): the time @delta takes, or %NULL for the
 *   node's default transition time
 * @acknowledged: Generic Move Set if %TRUE, its unacknowledged form if not
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the message, or %NULL with
 *   %MESH_ERROR_INVALID_ARGUMENT if @transition cannot be sent
 */
GBytes *
mesh_generic_move_set_new (gint16                 delta,
                           guint8                 tid,
                           const MeshTransition  *transition,
                           gboolean               acknowledged,
                           GError               **error)
{
  GByteArray *array;

  array = message_new (acknowledged ? MESH_OP_GENERIC_MOVE_SET : MESH_OP_GENERIC_MOVE_SET_UNACKNOWLEDGED);
  mesh_append_le16 (array, (guint16) delta);
  return set_message_finish (array, tid, transition, error);
}

/**
 * mesh_generic_onoff_status_decode:
 * @params: (array length=len): the parameters of a Generic OnOff Status
 * @len: the length of @params: 1, or 3 during a transition
 * @status: (out caller-allocates): the decoded status
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %MESH_ERROR_INVALID_DATA on malformed parameters
 */
gboolean
mesh_generic_onoff_status_decode (const guint8            *params,
                                  gsize                    len,
                                  MeshGenericOnOffStatus  *status,
                                  GError                 **error)
{
  MeshReader reader;
  guint8 remaining;

  g_return_val_if_fail (status != NULL, FALSE);

  if (len != 1 && len != 3)
    return set_malformed_error (MESH_OP_GENERIC_ONOFF_STATUS, len, error);

  memset (status, 0, sizeof *status);
  mesh_reader_init (&reader, params, len);

  if (!read_onoff (&reader, &status->present, error))
    return FALSE;

  if (len == 1)
    return TRUE;

  if (!read_onoff (&reader, &status->target, error))
    return FALSE;

  mesh_reader_u8 (&reader, &remaining);
  status->has_target = TRUE;
  status->remaining = mesh_step_time_unpack (remaining);
  return TRUE;
}

/**
 * mesh_generic_level_status_decode:
 * @params: (array length=len): the parameters of a Generic Level Status
 * @len: the length of @params: 2, or 5 during a transition
 * @status: (out caller-allocates): the decoded status
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %MESH_ERROR_INVALID_DATA on malformed parameters
 */
gboolean
mesh_generic_level_status_decode (const guint8            *params,
                                  gsize                    len,
                                  MeshGenericLevelStatus  *status,
                                  GError                 **error)
{
  MeshReader reader;
  guint16 value;
  guint8 remaining;

  g_return_val_if_fail (status != NULL, FALSE);

  if (len != 2 && len != 5)
    return set_malformed_error (MESH_OP_GENERIC_LEVEL_STATUS, len, error);

  memset (status, 0, sizeof *status);
  mesh_reader_init (&reader, params, len);

  mesh_reader_le16 (&reader, &value);
  status->present = (gint16) value;

  if (len == 2)
    return TRUE;

  mesh_reader_le16 (&reader, &value);
  mesh_reader_u8 (&reader, &remaining);
  status->has_target = TRUE;
  status->target = (gint16) value;
  status->remaining = mesh_step_time_unpack (remaining);
  return TRUE;
}

/**
 * mesh_generic_status_decode:
 * @message: (array length=len): a whole access message, opcode first
 * @len: the length of @message
 * @status: (out caller-allocates): the decoded status
 * @error: return location for a #GError
 *
 * Decodes a Generic OnOff Status or a Generic Level Status.
 *
 * Returns: %FALSE with %MESH_ERROR_INVALID_DATA if @message is another
 *   message or is malformed
 */
gboolean
mesh_generic_status_decode (const guint8       *message,
                            gsize               len,
                            MeshGenericStatus  *status,
                            GError            **error)
{
  MeshOpcode opcode;
  gsize size;

  g_return_val_if_fail (status != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!mesh_opcode_decode (message, len, &opcode, &size, error))
    return FALSE;

  status->opcode = opcode;

  switch (opcode)
    {
    case MESH_OP_GENERIC_ONOFF_STATUS:
      return mesh_generic_onoff_status_decode (message + size, len - size, &status->onoff, error);

    case MESH_OP_GENERIC_LEVEL_STATUS:
      return mesh_generic_level_status_decode (message + size, len - size, &status->level, error);

    default:
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                   _("The message with opcode 0x%04X is not a Generic OnOff or Generic Level status message."),
                   opcode);
      return FALSE;
    }
}
