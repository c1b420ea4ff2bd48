/* mesh-wire.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-wire.h"

static const guint64 step_resolution_ms[] = { 100, 1000, 10000, 600000 };

MeshAddressType
mesh_address_get_type (guint16 address)
{
  if (address == MESH_ADDRESS_UNASSIGNED)
    return MESH_ADDRESS_TYPE_UNASSIGNED;
  if (address <= MESH_ADDRESS_UNICAST_MAX)
    return MESH_ADDRESS_TYPE_UNICAST;
  if (address <= MESH_ADDRESS_VIRTUAL_MAX)
    return MESH_ADDRESS_TYPE_VIRTUAL;
  return MESH_ADDRESS_TYPE_GROUP;
}

gboolean
mesh_address_is_unicast (guint16 address)
{
  return mesh_address_get_type (address) == MESH_ADDRESS_TYPE_UNICAST;
}

gboolean
mesh_address_is_virtual (guint16 address)
{
  return mesh_address_get_type (address) == MESH_ADDRESS_TYPE_VIRTUAL;
}

gboolean
mesh_address_is_group (guint16 address)
{
  return mesh_address_get_type (address) == MESH_ADDRESS_TYPE_GROUP;
}

MeshModelId
mesh_model_id_sig (guint16 model_id)
{
  return (MeshModelId) { .vendor = FALSE, .company_id = 0, .model_id = model_id };
}

MeshModelId
mesh_model_id_vendor (guint16 company_id,
                      guint16 model_id)
{
  return (MeshModelId) { .vendor = TRUE, .company_id = company_id, .model_id = model_id };
}

gboolean
mesh_model_id_equal (MeshModelId a,
                     MeshModelId b)
{
  if (!a.vendor != !b.vendor || a.model_id != b.model_id)
    return FALSE;

  return !a.vendor || a.company_id == b.company_id;
}

gsize
mesh_model_id_wire_size (MeshModelId model)
{
  return model.vendor ? 4 : 2;
}

guint8
mesh_step_time_pack (MeshStepTime time)
{
  return (guint8) ((time.steps & 0x3f) | ((time.resolution & 0x3) << 6));
}

MeshStepTime
mesh_step_time_unpack (guint8 octet)
{
  return (MeshStepTime) { .steps = octet & 0x3f, .resolution = octet >> 6 };
}

/**
 * mesh_step_time_to_ms:
 * @time: a step time
 *
 * Returns: the duration in milliseconds (0 for zero steps). The "unknown"
 *   value 0x3f is not special-cased: callers that show remaining or
 *   transition times check for %MESH_STEP_TIME_STEPS_UNKNOWN first.
 */
guint64
mesh_step_time_to_ms (MeshStepTime time)
{
  return (guint64) (time.steps & 0x3f) * step_resolution_ms[time.resolution & 0x3];
}

/**
 * mesh_step_time_from_ms:
 * @ms: a duration in milliseconds
 * @time: (out): the step time
 *
 * Picks the finest resolution that can express @ms in at most 62 steps
 * (0x3f is "unknown" in transition times, so it is never produced) and
 * rounds to the nearest step of that resolution.
 *
 * Returns: %FALSE if @ms is longer than 62 × 10 minutes
 */
gboolean
mesh_step_time_from_ms (guint64       ms,
                        MeshStepTime *time)
{
  for (guint i = 0; i < G_N_ELEMENTS (step_resolution_ms); i++)
    {
      guint64 steps = (ms + step_resolution_ms[i] / 2) / step_resolution_ms[i];

      if (steps <= MESH_STEP_TIME_STEPS_MAX - 1)
        {
          time->steps = (guint8) steps;
          time->resolution = (MeshStepResolution) i;
          return TRUE;
        }
    }

  return FALSE;
}

guint8
mesh_retransmit_pack (MeshRetransmit retransmit)
{
  return (guint8) ((retransmit.count & 0x7) | ((retransmit.interval_steps & 0x1f) << 3));
}

MeshRetransmit
mesh_retransmit_unpack (guint8 octet)
{
  return (MeshRetransmit) { .count = octet & 0x7, .interval_steps = octet >> 3 };
}

guint
mesh_retransmit_network_interval_ms (MeshRetransmit retransmit)
{
  return ((guint) (retransmit.interval_steps & 0x1f) + 1) * 10;
}

guint
mesh_retransmit_publish_interval_ms (MeshRetransmit retransmit)
{
  return ((guint) (retransmit.interval_steps & 0x1f) + 1) * 50;
}

/**
 * mesh_heartbeat_log_to_value:
 * @log: a heartbeat count or period log
 *
 * Returns: 0 for 0, 2^(@log - 1) for 1..0x10, 0xffff for 0x11 (the
 *   counts and periods are 16-bit states) and for 0xff (a count sent
 *   indefinitely, or more than 0xfffe heartbeats received), and 0 for the
 *   prohibited values 0x12..0xfe.
 */
guint32
mesh_heartbeat_log_to_value (guint8 log)
{
  if (log == MESH_HEARTBEAT_COUNT_LOG_INF || log == MESH_HEARTBEAT_LOG_MAX)
    return 0xffff;
  if (log == 0 || log > MESH_HEARTBEAT_LOG_MAX)
    return 0;
  return 1u << (log - 1);
}

/**
 * mesh_heartbeat_period_to_log:
 * @seconds: a period in seconds
 *
 * Returns: the log of the largest representable period not above
 *   @seconds, so that the node never sends heartbeats less often than
 *   asked: 0 for 0, 0x11 from 0xffff seconds on.
 */
guint8
mesh_heartbeat_period_to_log (guint32 seconds)
{
  guint8 log = 0;

  if (seconds >= 0xffff)
    return MESH_HEARTBEAT_LOG_MAX;

  while (seconds != 0)
    {
      seconds >>= 1;
      log++;
    }

  return log;
}

gboolean
mesh_heartbeat_count_log_is_valid (guint8 log)
{
  return log <= MESH_HEARTBEAT_LOG_MAX || log == MESH_HEARTBEAT_COUNT_LOG_INF;
}

gboolean
mesh_heartbeat_period_log_is_valid (guint8 log)
{
  return log <= MESH_HEARTBEAT_LOG_MAX;
}

void
mesh_key_index_pair_pack (guint16 first,
                          guint16 second,
                          guint8  octets[3])
{
  octets[0] = first & 0xff;
  octets[1] = ((first >> 8) & 0x0f) | ((second & 0x0f) << 4);
  octets[2] = (second >> 4) & 0xff;
}

void
mesh_key_index_pair_unpack (const guint8  octets[3],
                            guint16      *first,
                            guint16      *second)
{
  *first = (guint16) (octets[0] | ((octets[1] & 0x0f) << 8));
  *second = (guint16) ((octets[1] >> 4) | (octets[2] << 4));
}
