/* mesh-generic-message.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Generic OnOff and Generic Level client messages (Mesh Model 1.1,
 * "Generic OnOff" and "Generic Level"), sent with an application key. */

#include <glib.h>

#include "mesh-opcode.h"
#include "mesh-wire.h"

G_BEGIN_DECLS

/**
 * MeshTransition:
 * @time: the transition time; steps 0..62 (0x3f, "unknown", may not be
 *   sent)
 * @delay: the delay before the transition starts, in steps of 5 ms
 *
 * The optional Transition Time and Delay fields of a Set message.
 */
typedef struct
{
  MeshStepTime time;
  guint8       delay;
} MeshTransition;

#define MESH_TRANSITION_DELAY_STEP_MS 5

/**
 * MeshGenericOnOffStatus:
 * @present: the current state
 * @has_target: whether a transition is under way; if not, @target and
 *   @remaining are not set
 * @target: the state the transition leads to
 * @remaining: the time left; 0x3f steps means unknown
 */
typedef struct
{
  gboolean     present;
  gboolean     has_target;
  gboolean     target;
  MeshStepTime remaining;
} MeshGenericOnOffStatus;

/**
 * MeshGenericLevelStatus:
 * @present: the current level, -32768..32767
 * @has_target: whether a transition is under way; if not, @target and
 *   @remaining are not set
 * @target: the level the transition leads to
 * @remaining: the time left; 0x3f steps means unknown
 */
typedef struct
{
  gint16       present;
  gboolean     has_target;
  gint16       target;
  MeshStepTime remaining;
} MeshGenericLevelStatus;

/**
 * MeshGenericStatus:
 * @opcode: %MESH_OP_GENERIC_ONOFF_STATUS (@onoff is set) or
 *   %MESH_OP_GENERIC_LEVEL_STATUS (@level is set)
 */
typedef struct
{
  MeshOpcode opcode;

  union
  {
    MeshGenericOnOffStatus onoff;
    MeshGenericLevelStatus level;
  };
} MeshGenericStatus;

GBytes   *mesh_generic_onoff_get_new       (void);
GBytes   *mesh_generic_onoff_set_new       (gboolean                 on,
                                            guint8                   tid,
                                            const MeshTransition    *transition,
                                            gboolean                 acknowledged,
                                            GError                 **error);
GBytes   *mesh_generic_level_get_new       (void);
GBytes   *mesh_generic_level_set_new       (gint16                   level,
                                            guint8                   tid,
                                            const MeshTransition    *transition,
                                            gboolean                 acknowledged,
                                            GError                 **error);
GBytes   *mesh_generic_delta_set_new       (gint32                   delta,
                                            guint8                   tid,
                                            const MeshTransition    *transition,
                                            gboolean                 acknowledged,
                                            GError                 **error);
GBytes   *mesh_generic_move_set_new        (gint16                   delta,
                                            guint8                   tid,
                                            const MeshTransition    *transition,
                                            gboolean                 acknowledged,
                                            GError                 **error);

gboolean  mesh_generic_onoff_status_decode (const guint8            *params,
                                            gsize                    len,
                                            MeshGenericOnOffStatus  *status,
                                            GError                 **error);
gboolean  mesh_generic_level_status_decode (const guint8            *params,
                                            gsize                    len,
                                            MeshGenericLevelStatus  *status,
                                            GError                 **error);
gboolean  mesh_generic_status_decode       (const guint8            *message,
                                            gsize                    len,
                                            MeshGenericStatus       *status,
                                            GError                 **error);

G_END_DECLS
