/* mesh-oob-request.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MESH_TYPE_OOB_REQUEST       (mesh_oob_request_get_type ())
#define MESH_TYPE_OOB_KIND          (mesh_oob_kind_get_type ())
#define MESH_TYPE_OOB_ACTION        (mesh_oob_action_get_type ())
#define MESH_TYPE_OOB_STATE         (mesh_oob_state_get_type ())
#define MESH_TYPE_OOB_CAPABILITIES  (mesh_oob_capabilities_get_type ())

/**
 * MeshOobKind:
 * @MESH_OOB_KIND_PROMPT_NUMBER: the user types a number the device showed
 *   (blinks, beeps, vibrations, digits): ProvisionAgent1.PromptNumeric
 * @MESH_OOB_KIND_PROMPT_STATIC: the user gives the device's 16-byte static
 *   OOB key: PromptStatic("static-oob")
 * @MESH_OOB_KIND_PROMPT_TEXT: the user types the text the device showed:
 *   PromptStatic("out-alpha")
 * @MESH_OOB_KIND_DISPLAY_NUMBER: the app shows a number the user enters on
 *   the device (pushes, twists, digits): DisplayNumeric
 * @MESH_OOB_KIND_DISPLAY_TEXT: the app shows a text the user enters on the
 *   device: DisplayString
 */
typedef enum
{
  MESH_OOB_KIND_PROMPT_NUMBER,
  MESH_OOB_KIND_PROMPT_STATIC,
  MESH_OOB_KIND_PROMPT_TEXT,
  MESH_OOB_KIND_DISPLAY_NUMBER,
  MESH_OOB_KIND_DISPLAY_TEXT,
} MeshOobKind;

/**
 * MeshOobAction:
 *
 * The out-of-band action, as bluetooth-meshd 5.66 names it (mesh/agent.c):
 * "blink", "beep", "vibrate", "out-numeric", "out-alpha" (the device
 * outputs), "push", "twist", "in-numeric", "in-alpha" (the device takes
 * input), "static-oob".
 */
typedef enum
{
  MESH_OOB_ACTION_BLINK,
  MESH_OOB_ACTION_BEEP,
  MESH_OOB_ACTION_VIBRATE,
  MESH_OOB_ACTION_OUT_NUMERIC,
  MESH_OOB_ACTION_OUT_ALPHA,
  MESH_OOB_ACTION_PUSH,
  MESH_OOB_ACTION_TWIST,
  MESH_OOB_ACTION_IN_NUMERIC,
  MESH_OOB_ACTION_IN_ALPHA,
  MESH_OOB_ACTION_STATIC,
  MESH_OOB_ACTION_UNKNOWN,
} MeshOobAction;

/**
 * MeshOobCapabilities:
 *
 * What the provisioner side can serve, one bit per #MeshOobAction
 * (1 << action). They become ProvisionAgent1.Capabilities.
 */
typedef enum /*< flags >*/
{
  MESH_OOB_CAPABILITY_NONE        = 0,
  MESH_OOB_CAPABILITY_BLINK       = 1 << MESH_OOB_ACTION_BLINK,
  MESH_OOB_CAPABILITY_BEEP        = 1 << MESH_OOB_ACTION_BEEP,
  MESH_OOB_CAPABILITY_VIBRATE     = 1 << MESH_OOB_ACTION_VIBRATE,
  MESH_OOB_CAPABILITY_OUT_NUMERIC = 1 << MESH_OOB_ACTION_OUT_NUMERIC,
  MESH_OOB_CAPABILITY_OUT_ALPHA   = 1 << MESH_OOB_ACTION_OUT_ALPHA,
  MESH_OOB_CAPABILITY_PUSH        = 1 << MESH_OOB_ACTION_PUSH,
  MESH_OOB_CAPABILITY_TWIST       = 1 << MESH_OOB_ACTION_TWIST,
  MESH_OOB_CAPABILITY_IN_NUMERIC  = 1 << MESH_OOB_ACTION_IN_NUMERIC,
  MESH_OOB_CAPABILITY_IN_ALPHA    = 1 << MESH_OOB_ACTION_IN_ALPHA,
  MESH_OOB_CAPABILITY_STATIC      = 1 << MESH_OOB_ACTION_STATIC,
} MeshOobCapabilities;

#define MESH_OOB_CAPABILITIES_ALL ((MeshOobCapabilities) ((1 << MESH_OOB_ACTION_UNKNOWN) - 1))

/**
 * MeshOobState:
 * @MESH_OOB_STATE_PENDING: waiting for the user (a prompt), or shown (a
 *   display request)
 * @MESH_OOB_STATE_ANSWERED: the value went to bluetooth-meshd
 * @MESH_OOB_STATE_CANCELLED: the user cancelled; meshd was told, which ends
 *   the provisioning
 * @MESH_OOB_STATE_ABORTED: bluetooth-meshd withdrew the request
 *   (ProvisionAgent1.Cancel), or the provisioning ended
 */
typedef enum
{
  MESH_OOB_STATE_PENDING,
  MESH_OOB_STATE_ANSWERED,
  MESH_OOB_STATE_CANCELLED,
  MESH_OOB_STATE_ABORTED,
} MeshOobState;

GType mesh_oob_kind_get_type         (void) G_GNUC_CONST;
GType mesh_oob_action_get_type       (void) G_GNUC_CONST;
GType mesh_oob_state_get_type        (void) G_GNUC_CONST;
GType mesh_oob_capabilities_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (MeshOobRequest, mesh_oob_request, MESH, OOB_REQUEST, GObject)

/* One out-of-band step of a provisioning, as bluetooth-meshd asks the
 * provisioner's agent for it. The UI or the command line shows it and
 * answers it (prompts) or just shows it (display requests: meshd is told
 * at once that it is shown; the request stays PENDING until the
 * provisioning ends, then turns ABORTED), or cancels it.
 *
 * The answers are checked before they go to meshd: a number of at most
 * eight digits (1-99999999), 16 bytes of static key, a text of one to
 * eight printable ASCII characters (sent as 16 bytes, NUL-padded, as
 * meshd 5.66 expects for "out-alpha"). A wrong value fails with
 * MESH_ERROR_INVALID_ARGUMENT and the request stays pending.
 *
 * "state" notifies when it changes. */
MeshOobKind      mesh_oob_request_get_kind          (MeshOobRequest  *self);
MeshOobAction    mesh_oob_request_get_action        (MeshOobRequest  *self);
MeshOobState     mesh_oob_request_get_state         (MeshOobRequest  *self);
/* The number to show (DISPLAY_NUMBER), else 0. */
guint32          mesh_oob_request_get_number        (MeshOobRequest  *self);
/* The text to show (DISPLAY_TEXT), else NULL. */
const char      *mesh_oob_request_get_text          (MeshOobRequest  *self);
/* A sentence telling the user what to do, e.g. "Count how often the
 * device blinks and enter that number." */
const char      *mesh_oob_request_get_prompt        (MeshOobRequest  *self);
gboolean         mesh_oob_request_is_prompt         (MeshOobRequest  *self);

gboolean         mesh_oob_request_answer_number     (MeshOobRequest  *self,
                                                     guint32          number,
                                                     GError         **error);
/* 16 bytes; mesh_oob_request_answer_static_hex() takes 32 hex digits. */
gboolean         mesh_oob_request_answer_static     (MeshOobRequest  *self,
                                                     GBytes          *key,
                                                     GError         **error);
gboolean         mesh_oob_request_answer_static_hex (MeshOobRequest  *self,
                                                     const char      *hex,
                                                     GError         **error);
gboolean         mesh_oob_request_answer_text       (MeshOobRequest  *self,
                                                     const char      *text,
                                                     GError         **error);
/* Tells meshd no (it then fails the provisioning). Does nothing unless
 * pending. */
void             mesh_oob_request_cancel            (MeshOobRequest  *self);

const char      *mesh_oob_action_to_string          (MeshOobAction    action);
MeshOobAction    mesh_oob_action_from_string        (const char      *name);
/* The ProvisionAgent1.Capabilities strings of @capabilities. */
GStrv            mesh_oob_capabilities_to_strv      (MeshOobCapabilities capabilities);

G_END_DECLS
