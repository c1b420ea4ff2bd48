/* mesh-oob-request.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-error.h"
#include "mesh-oob-request-private.h"

#define MAX_NUMBER 99999999u  /* eight digits: the largest OOB size */
#define MAX_TEXT_LENGTH 8
#define STATIC_KEY_SIZE 16

struct _MeshOobRequest
{
  GObject                parent_instance;

  MeshOobKind            kind;
  MeshOobAction          action;
  MeshOobState           state;
  guint32                number;
  char                  *text;
  char                  *prompt;
  GDBusMethodInvocation *invocation;
};

G_DEFINE_FINAL_TYPE (MeshOobRequest, mesh_oob_request, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (MeshOobKind, mesh_oob_kind,
  G_DEFINE_ENUM_VALUE (MESH_OOB_KIND_PROMPT_NUMBER, "prompt-number"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_KIND_PROMPT_STATIC, "prompt-static"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_KIND_PROMPT_TEXT, "prompt-text"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_KIND_DISPLAY_NUMBER, "display-number"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_KIND_DISPLAY_TEXT, "display-text"))

G_DEFINE_ENUM_TYPE (MeshOobAction, mesh_oob_action,
  G_DEFINE_ENUM_VALUE (MESH_OOB_ACTION_BLINK, "blink"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_ACTION_BEEP, "beep"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_ACTION_VIBRATE, "vibrate"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_ACTION_OUT_NUMERIC, "out-numeric"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_ACTION_OUT_ALPHA, "out-alpha"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_ACTION_PUSH, "push"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_ACTION_TWIST, "twist"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_ACTION_IN_NUMERIC, "in-numeric"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_ACTION_IN_ALPHA, "in-alpha"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_ACTION_STATIC, "static-oob"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_ACTION_UNKNOWN, "unknown"))

G_DEFINE_ENUM_TYPE (MeshOobState, mesh_oob_state,
  G_DEFINE_ENUM_VALUE (MESH_OOB_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_STATE_ANSWERED, "answered"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_STATE_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_STATE_ABORTED, "aborted"))

G_DEFINE_FLAGS_TYPE (MeshOobCapabilities, mesh_oob_capabilities,
  G_DEFINE_ENUM_VALUE (MESH_OOB_CAPABILITY_NONE, "none"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_CAPABILITY_BLINK, "blink"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_CAPABILITY_BEEP, "beep"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_CAPABILITY_VIBRATE, "vibrate"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_CAPABILITY_OUT_NUMERIC, "out-numeric"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_CAPABILITY_OUT_ALPHA, "out-alpha"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_CAPABILITY_PUSH, "push"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_CAPABILITY_TWIST, "twist"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_CAPABILITY_IN_NUMERIC, "in-numeric"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_CAPABILITY_IN_ALPHA, "in-alpha"),
  G_DEFINE_ENUM_VALUE (MESH_OOB_CAPABILITY_STATIC, "static-oob"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_ACTION,
  PROP_STATE,
  PROP_NUMBER,
  PROP_TEXT,
  PROP_PROMPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The names meshd 5.66 uses, in MeshOobAction order (mesh/agent.c). */
static const char * const action_names[] = {
  "blink", "beep", "vibrate", "out-numeric", "out-alpha",
  "push", "twist", "in-numeric", "in-alpha", "static-oob",
};

G_STATIC_ASSERT (G_N_ELEMENTS (action_names) == MESH_OOB_ACTION_UNKNOWN);

static char *
build_prompt (MeshOobRequest *self)
{
  switch (self->action)
    {
    case MESH_OOB_ACTION_BLINK:
      return g_strdup (_("Count how many times the device blinks and enter that number."));
    case MESH_OOB_ACTION_BEEP:
      return g_strdup (_("Count how many times the device beeps and enter that number."));
    case MESH_OOB_ACTION_VIBRATE:
      return g_strdup (_("Count how many times the device vibrates and enter that number."));
    case MESH_OOB_ACTION_OUT_NUMERIC:
      return g_strdup (_("Enter the number the device shows."));
    case MESH_OOB_ACTION_OUT_ALPHA:
      return g_strdup (_("Enter the text the device shows."));
    case MESH_OOB_ACTION_PUSH:
      return g_strdup_printf (_("Press the device’s button %u times."), self->number);
    case MESH_OOB_ACTION_TWIST:
      return g_strdup_printf (_("Twist the device’s knob %u times."), self->number);
    case MESH_OOB_ACTION_IN_NUMERIC:
      return g_strdup_printf (_("Enter %u on the device."), self->number);
    case MESH_OOB_ACTION_IN_ALPHA:
      return g_strdup_printf (_("Enter “%s” on the device."), self->text ? self->text : "");
    case MESH_OOB_ACTION_STATIC:
      return g_strdup (_("Enter the device’s static OOB key: 32 hexadecimal digits, "
                         "usually printed on the device or its box."));
    case MESH_OOB_ACTION_UNKNOWN:
    default:
      break;
    }

  if (self->kind == MESH_OOB_KIND_DISPLAY_NUMBER)
    return g_strdup_printf (_("Enter %u on the device."), self->number);
  if (self->kind == MESH_OOB_KIND_DISPLAY_TEXT)
    return g_strdup_printf (_("Enter “%s” on the device."), self->text ? self->text : "");
  return g_strdup (_("Enter the value the device asks for."));
}

static void
set_state (MeshOobRequest *self,
           MeshOobState    state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static gboolean
check_answerable (MeshOobRequest  *self,
                  MeshOobKind      kind,
                  GError         **error)
{
  if (self->state != MESH_OOB_STATE_PENDING || self->invocation == NULL)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                           _("This request was already answered or has ended."));
      return FALSE;
    }

  if (self->kind != kind)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                           _("This request asks for a different kind of value."));
      return FALSE;
    }

  return TRUE;
}

static void
reply (MeshOobRequest *self,
       GVariant       *value)
{
  GDBusMethodInvocation *invocation = g_steal_pointer (&self->invocation);

  g_dbus_method_invocation_return_value (invocation, value);
  set_state (self, MESH_OOB_STATE_ANSWERED);
}

static void
refuse (MeshOobRequest *self,
        MeshOobState    state)
{
  GDBusMethodInvocation *invocation = g_steal_pointer (&self->invocation);

  /* meshd 5.66 treats any error as "no value": it sends Provisioning
   * Failed to the device and AddNodeFailed to us. */
  if (invocation)
    g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.mesh.Error.Canceled",
                                                "Cancelled by the user");
  set_state (self, state);
}

static void
mesh_oob_request_dispose (GObject *object)
{
  MeshOobRequest *self = MESH_OOB_REQUEST (object);

  /* Never leave meshd waiting for an answer nobody can give any more. */
  if (self->invocation)
    refuse (self, MESH_OOB_STATE_ABORTED);

  G_OBJECT_CLASS (mesh_oob_request_parent_class)->dispose (object);
}

static void
mesh_oob_request_finalize (GObject *object)
{
  MeshOobRequest *self = MESH_OOB_REQUEST (object);

  g_free (self->text);
  g_free (self->prompt);

  G_OBJECT_CLASS (mesh_oob_request_parent_class)->finalize (object);
}

static void
mesh_oob_request_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MeshOobRequest *self = MESH_OOB_REQUEST (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ACTION:
      g_value_set_enum (value, self->action);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

MeshOobRequest *
mesh_oob_request_new (MeshOobKind            kind,
                      MeshOobAction          action,
                      guint32                number,
                      const char            *text,
                      GDBusMethodInvocation *invocation)
{
  MeshOobRequest *self = g_object_new (MESH_TYPE_OOB_REQUEST, NULL);

  self->kind = kind;
  self->action = action;
  self->number = number;
  self->text = g_strdup (text);
  self->invocation = invocation ? g_object_ref (invocation) : NULL;
  self->prompt = build_prompt (self);

  return self;
}

void
mesh_oob_request_abort (MeshOobRequest *self)
{
  g_return_if_fail (MESH_IS_OOB_REQUEST (self));

  if (self->state == MESH_OOB_STATE_PENDING)
    refuse (self, MESH_OOB_STATE_ABORTED);
}

MeshOobKind
mesh_oob_request_get_kind (MeshOobRequest *self)
{
  g_return_val_if_fail (MESH_IS_OOB_REQUEST (self), 0);

  return self->kind;
}

MeshOobAction
mesh_oob_request_get_action (MeshOobRequest *self)
{
  g_return_val_if_fail (MESH_IS_OOB_REQUEST (self), MESH_OOB_ACTION_UNKNOWN);

  return self->action;
}

MeshOobState
mesh_oob_request_get_state (MeshOobRequest *self)
{
  g_return_val_if_fail (MESH_IS_OOB_REQUEST (self), 0);

  return self->state;
}

guint32
mesh_oob_request_get_number (MeshOobRequest *self)
{
  g_return_val_if_fail (MESH_IS_OOB_REQUEST (self), 0);

  return self->number;
}

const char *
mesh_oob_request_get_text (MeshOobRequest *self)
{
  g_return_val_if_fail (MESH_IS_OOB_REQUEST (self), NULL);

  return self->text;
}

const char *
mesh_oob_request_get_prompt (MeshOobRequest *self)
{
  g_return_val_if_fail (MESH_IS_OOB_REQUEST (self), NULL);

  return self->prompt;
}

gboolean
mesh_oob_request_is_prompt (MeshOobRequest *self)
{
  g_return_val_if_fail (MESH_IS_OOB_REQUEST (self), FALSE);

  return self->kind == MESH_OOB_KIND_PROMPT_NUMBER
         || self->kind == MESH_OOB_KIND_PROMPT_STATIC
         || self->kind == MESH_OOB_KIND_PROMPT_TEXT;
}

gboolean
mesh_oob_request_answer_number (MeshOobRequest  *self,
                                guint32          number,
                                GError         **error)
{
  g_return_val_if_fail (MESH_IS_OOB_REQUEST (self), FALSE);

  if (!check_answerable (self, MESH_OOB_KIND_PROMPT_NUMBER, error))
    return FALSE;

  if (number == 0 || number > MAX_NUMBER)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("Enter a number from 1 to %u."), MAX_NUMBER);
      return FALSE;
    }

  reply (self, g_variant_new ("(u)", number));
  return TRUE;
}

gboolean
mesh_oob_request_answer_static (MeshOobRequest  *self,
                                GBytes          *key,
                                GError         **error)
{
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (MESH_IS_OOB_REQUEST (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!check_answerable (self, MESH_OOB_KIND_PROMPT_STATIC, error))
    return FALSE;

  data = g_bytes_get_data (key, &len);
  if (len != STATIC_KEY_SIZE)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("A static OOB key has 16 bytes (32 hexadecimal digits), not %zu."), len);
      return FALSE;
    }

  reply (self, g_variant_new ("(@ay)",
                              g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, len, 1)));
  return TRUE;
}

gboolean
mesh_oob_request_answer_static_hex (MeshOobRequest  *self,
                                    const char      *hex,
                                    GError         **error)
{
  guint8 key[STATIC_KEY_SIZE];
  g_autoptr(GBytes) bytes = NULL;
  gsize n = 0;

  g_return_val_if_fail (MESH_IS_OOB_REQUEST (self), FALSE);
  g_return_val_if_fail (hex != NULL, FALSE);

  for (const char *p = hex; *p; p++)
    {
      int digit;

      if (*p == ' ' || *p == ':' || *p == '-')
        continue;
      digit = g_ascii_xdigit_value (*p);
      if (digit < 0 || n >= 2 * STATIC_KEY_SIZE)
        {
          n = G_MAXSIZE;
          break;
        }
      if (n % 2 == 0)
        key[n / 2] = digit << 4;
      else
        key[n / 2] |= digit;
      n++;
    }

  if (n != 2 * STATIC_KEY_SIZE)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                           _("A static OOB key is 32 hexadecimal digits (0–9, a–f)."));
      return FALSE;
    }

  bytes = g_bytes_new (key, sizeof key);
  return mesh_oob_request_answer_static (self, bytes, error);
}

gboolean
mesh_oob_request_answer_text (MeshOobRequest  *self,
                              const char      *text,
                              GError         **error)
{
  guint8 value[STATIC_KEY_SIZE] = { 0 };
  gsize len;

  g_return_val_if_fail (MESH_IS_OOB_REQUEST (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!check_answerable (self, MESH_OOB_KIND_PROMPT_TEXT, error))
    return FALSE;

  len = strlen (text);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isprint (text[i]))
      len = 0;

  if (len == 0 || len > MAX_TEXT_LENGTH)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("Enter the text exactly as the device shows it: 1 to %d letters or digits."),
                   MAX_TEXT_LENGTH);
      return FALSE;
    }

  /* Left-justified, NUL-padded to 16 bytes (meshd 5.66 wants 16). */
  memcpy (value, text, len);
  reply (self, g_variant_new ("(@ay)",
                              g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, value,
                                                         sizeof value, 1)));
  return TRUE;
}

void
mesh_oob_request_cancel (MeshOobRequest *self)
{
  g_return_if_fail (MESH_IS_OOB_REQUEST (self));

  if (self->state == MESH_OOB_STATE_PENDING)
    refuse (self, MESH_OOB_STATE_CANCELLED);
}

const char *
mesh_oob_action_to_string (MeshOobAction action)
{
  if ((guint) action >= G_N_ELEMENTS (action_names))
    return "unknown";

  return action_names[action];
}

MeshOobAction
mesh_oob_action_from_string (const char *name)
{
  g_return_val_if_fail (name != NULL, MESH_OOB_ACTION_UNKNOWN);

  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    if (g_str_equal (name, action_names[i]))
      return i;

  return MESH_OOB_ACTION_UNKNOWN;
}

GStrv
mesh_oob_capabilities_to_strv (MeshOobCapabilities capabilities)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    if (capabilities & (1u << i))
      g_strv_builder_add (builder, action_names[i]);

  return g_strv_builder_end (builder);
}

static void
mesh_oob_request_class_init (MeshOobRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mesh_oob_request_dispose;
  object_class->finalize = mesh_oob_request_finalize;
  object_class->get_property = mesh_oob_request_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       MESH_TYPE_OOB_KIND, MESH_OOB_KIND_PROMPT_NUMBER,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION] =
    g_param_spec_enum ("action", NULL, NULL,
                       MESH_TYPE_OOB_ACTION, MESH_OOB_ACTION_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MESH_TYPE_OOB_STATE, MESH_OOB_STATE_PENDING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL,
                       0, G_MAXUINT32, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROMPT] =
    g_param_spec_string ("prompt", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_oob_request_init (MeshOobRequest *self)
{
  self->state = MESH_OOB_STATE_PENDING;
  self->action = MESH_OOB_ACTION_UNKNOWN;
}
