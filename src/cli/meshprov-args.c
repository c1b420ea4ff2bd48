/* meshprov-args.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-address-range.h"
#include "mesh-crypto.h"
#include "mesh-names.h"
#include "meshprov-args.h"

#define KEY_SIZE 16
#define PERIOD_STEPS_MAX 63
#define RETRANSMIT_COUNT_MAX 7
#define RETRANSMIT_STEP_MS 50
#define RETRANSMIT_STEPS_MAX 31

/* The four step resolutions of a publish period, in milliseconds. */
static const guint period_resolutions_ms[] = { 100, 1000, 10000, 600000 };

/* The OOB Information bits (Mesh Protocol 1.1, 3.9.2), by bit. */
static const char * const oob_info_keys[16] = {
  "other", "uri", "2d-code", "bar-code", "nfc", "number", "string", "certificate",
  "records", NULL, NULL, "on-box", "inside-box", "on-paper", "inside-manual", "on-device",
};

G_DEFINE_QUARK (mesh-cli-error-quark, mesh_cli_error)

/* 1–@max_digits hex digits, with or without "0x". */
static gboolean
parse_hex (const char *text,
           guint       max_digits,
           guint32    *value)
{
  guint32 result = 0;
  gsize n;

  if (g_ascii_strncasecmp (text, "0x", 2) == 0)
    text += 2;

  n = strlen (text);
  if (n == 0 || n > max_digits)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      int digit = g_ascii_xdigit_value (text[i]);

      if (digit < 0)
        return FALSE;
      result = (result << 4) | (guint32) digit;
    }

  *value = result;
  return TRUE;
}

static gsize
hex_digits (const char *text)
{
  return strlen (text) - (g_ascii_strncasecmp (text, "0x", 2) == 0 ? 2 : 0);
}

static gboolean
parse_label (const char *text,
             guint8      label[KEY_SIZE])
{
  g_autofree char *canonical = mesh_uuid_canonicalize (text);
  gsize n = 0;

  if (canonical == NULL)
    return FALSE;

  for (const char *p = canonical; *p; p++)
    {
      if (*p == '-')
        continue;
      if (n % 2 == 0)
        label[n / 2] = g_ascii_xdigit_value (*p) << 4;
      else
        label[n / 2] |= g_ascii_xdigit_value (*p);
      n++;
    }

  return n == 2 * KEY_SIZE;
}

static gboolean
usage_error (GError     **error,
             const char  *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
usage_error (GError     **error,
             const char  *format,
             ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                                                format, args));
  va_end (args);

  return FALSE;
}

/* A 16-bit address (@is_group when it is a group up to @highest_group), or
 * a label (virtual address); @found is FALSE when it is neither. */
static gboolean
parse_group_or_label (const char      *text,
                      guint16          highest_group,
                      MeshDestination *destination,
                      gboolean        *is_group,
                      gboolean        *found)
{
  guint8 label[KEY_SIZE];
  guint32 value;

  *found = TRUE;
  *is_group = FALSE;
  if (parse_hex (text, 4, &value))
    {
      mesh_destination_init_address (destination, value);
      *is_group = value >= MESH_ADDRESS_GROUP_MIN && value <= highest_group;
      return TRUE;
    }

  if (parse_label (text, label))
    {
      mesh_destination_init_label (destination, label, mesh_crypto_virtual_address (label));
      return TRUE;
    }

  *found = FALSE;
  return FALSE;
}

gboolean
mesh_cli_parse_address (const char  *text,
                        const char  *what,
                        guint16     *address,
                        GError     **error)
{
  guint32 value;

  if (!parse_hex (text, 4, &value))
    /* Translators: the first %s names the argument (ADDR, DEST...), the
     * second is what the user typed */
    return usage_error (error, _("%s must be a hexadecimal address such as 0005 or 0xc001, "
                                 "not “%s”."), what, text);

  *address = value;
  return TRUE;
}

gboolean
mesh_cli_parse_unicast (const char  *text,
                        const char  *what,
                        guint16     *address,
                        GError     **error)
{
  guint16 value;

  if (!mesh_cli_parse_address (text, what, &value, error))
    return FALSE;

  if (value < MESH_UNICAST_MIN || value > MESH_UNICAST_MAX)
    /* Translators: %s names the argument, %04X is the address given */
    return usage_error (error, _("%s must be a unicast address (0001 to 7fff), not 0x%04X."),
                        what, value);

  *address = value;
  return TRUE;
}

gboolean
mesh_cli_parse_uint (const char  *text,
                     const char  *what,
                     guint        max,
                     guint       *value,
                     GError     **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &number, NULL))
    /* Translators: the first %s names the argument, %u its largest value,
     * the last %s what the user typed */
    return usage_error (error, _("%s must be a number from 0 to %u, not “%s”."),
                        what, max, text);

  *value = (guint) number;
  return TRUE;
}

gboolean
mesh_cli_parse_model (const char   *text,
                      MeshModelId  *model,
                      GError      **error)
{
  const char *colon = strchr (text, ':');
  guint32 value;

  if (colon != NULL)
    {
      g_autofree char *company = g_strndup (text, colon - text);
      guint32 model_id;

      if (parse_hex (company, 4, &value) && parse_hex (colon + 1, 4, &model_id))
        {
          *model = mesh_model_id_vendor (value, model_id);
          return TRUE;
        }
    }
  else if (parse_hex (text, 4, &value))
    {
      *model = mesh_model_id_sig (value);
      return TRUE;
    }
  else if (parse_hex (text, 8, &value) && hex_digits (text) == 8)
    {
      *model = mesh_model_id_vendor (value >> 16, value & 0xFFFF);
      return TRUE;
    }
  else
    {
      /* The table has a few hundred names: looking through all 16-bit
       * identifiers is quick enough for a command line. */
      for (guint32 id = 0; id <= G_MAXUINT16; id++)
        {
          const char *name = mesh_sig_model_get_name (id);

          if (name != NULL && g_ascii_strcasecmp (name, text) == 0)
            {
              *model = mesh_model_id_sig (id);
              return TRUE;
            }
        }
    }

  return usage_error (error, _("MODEL must be a SIG model such as 1000, a vendor model such as "
                               "0059:0001 or a model’s name, not “%s”."), text);
}

gboolean
mesh_cli_parse_subscription (const char       *text,
                             MeshDestination  *destination,
                             GError          **error)
{
  MeshDestination parsed;
  gboolean is_group, found;

  parse_group_or_label (text, MESH_ADDRESS_ALL_NODES - 1, &parsed, &is_group, &found);
  if (!found || (!parsed.has_label && !is_group))
    return usage_error (error, _("GROUP must be a group address (c000 to fffe) or a Label UUID, "
                                 "not “%s”."), text);

  *destination = parsed;
  return TRUE;
}

gboolean
mesh_cli_parse_destination (const char       *text,
                            MeshDestination  *destination,
                            GError          **error)
{
  MeshDestination parsed;
  gboolean is_group, found;

  parse_group_or_label (text, MESH_ADDRESS_ALL_NODES, &parsed, &is_group, &found);
  if (found && !parsed.has_label && parsed.address >= MESH_ADDRESS_VIRTUAL_MIN
      && parsed.address <= MESH_ADDRESS_VIRTUAL_MAX)
    return usage_error (error, _("DEST 0x%04X is a virtual address: give its Label UUID "
                                 "instead."), parsed.address);
  if (!found || (!parsed.has_label && !is_group
                 && (parsed.address < MESH_UNICAST_MIN || parsed.address > MESH_UNICAST_MAX)))
    return usage_error (error, _("DEST must be a unicast or group address or a Label UUID, "
                                 "not “%s”."), text);

  *destination = parsed;
  return TRUE;
}

gboolean
mesh_cli_parse_ttl (const char  *text,
                    guint8      *ttl,
                    GError     **error)
{
  guint64 value;

  if (g_strcmp0 (text, "default") == 0)
    {
      *ttl = MESH_TTL_USE_DEFAULT;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 0, MESH_TTL_MAX, &value, NULL))
    return usage_error (error, _("The TTL must be a number from 0 to 127 or “default”, "
                                 "not “%s”."), text);

  *ttl = value;
  return TRUE;
}

gboolean
mesh_cli_parse_period (const char  *text,
                       guint8      *steps,
                       guint8      *resolution,
                       GError     **error)
{
  guint64 ms;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &ms, NULL))
    return usage_error (error, _("The period must be a number of milliseconds, not “%s”."),
                        text);

  if (ms == 0)
    {
      *steps = 0;
      *resolution = 0;
      return TRUE;
    }

  /* The finest resolution that holds it exactly. */
  for (guint i = 0; i < G_N_ELEMENTS (period_resolutions_ms); i++)
    {
      guint unit = period_resolutions_ms[i];

      if (ms % unit == 0 && ms / unit <= PERIOD_STEPS_MAX)
        {
          *steps = ms / unit;
          *resolution = i;
          return TRUE;
        }
    }

  return usage_error (error, _("A period of %s ms cannot be sent: use up to 6300 ms in steps "
                               "of 100, up to 63 s in whole seconds, up to 630 s in steps of 10 s "
                               "or up to 630 min in steps of 10 min."), text);
}

gboolean
mesh_cli_parse_retransmit (const char  *text,
                           guint8      *count,
                           guint8      *interval_steps,
                           GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", 3);
  guint64 parsed_count, interval = RETRANSMIT_STEP_MS;

  if (parts[0] == NULL || g_strv_length (parts) > 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 0, RETRANSMIT_COUNT_MAX, &parsed_count, NULL)
      || (parts[1] != NULL
          && (!g_ascii_string_to_unsigned (parts[1], 10, RETRANSMIT_STEP_MS,
                                           RETRANSMIT_STEP_MS * (RETRANSMIT_STEPS_MAX + 1),
                                           &interval, NULL)
              || interval % RETRANSMIT_STEP_MS != 0)))
    return usage_error (error, _("The retransmission must be COUNT,INTERVAL_MS with a count from "
                                 "0 to 7 and an interval from 50 to 1600 ms in steps of 50, "
                                 "not “%s”."), text);

  *count = parsed_count;
  *interval_steps = interval / RETRANSMIT_STEP_MS - 1;
  return TRUE;
}

GBytes *
mesh_cli_parse_key (const char  *text,
                    const char  *what,
                    GError     **error)
{
  guint8 key[KEY_SIZE];

  if (strlen (text) != 2 * KEY_SIZE)
    goto bad;

  for (guint i = 0; i < KEY_SIZE; i++)
    {
      int high = g_ascii_xdigit_value (text[2 * i]);
      int low = g_ascii_xdigit_value (text[2 * i + 1]);

      if (high < 0 || low < 0)
        goto bad;
      key[i] = (high << 4) | low;
    }

  return g_bytes_new (key, sizeof key);

bad:
  /* Translators: %s names the option, e.g. --static-oob */
  usage_error (error, _("%s must be 32 hexadecimal digits (16 bytes)."), what);
  return NULL;
}

GBytes *
mesh_cli_parse_uuid (const char  *text,
                     GError     **error)
{
  guint8 uuid[KEY_SIZE];

  if (!parse_label (text, uuid))
    {
      usage_error (error, _("UUID must be 32 hexadecimal digits (dashes allowed), not “%s”."),
                   text);
      return NULL;
    }

  return g_bytes_new (uuid, sizeof uuid);
}

char *
mesh_cli_format_model_id (MeshModelId model)
{
  if (model.vendor)
    return g_strdup_printf ("%04x:%04x", model.company_id, model.model_id);

  return g_strdup_printf ("%04x", model.model_id);
}

guint
mesh_cli_period_to_ms (guint8 steps,
                       guint8 resolution)
{
  return steps * period_resolutions_ms[resolution & 0x3];
}

guint
mesh_cli_retransmit_interval_to_ms (guint8 interval_steps)
{
  return (interval_steps + 1) * RETRANSMIT_STEP_MS;
}

GStrv
mesh_cli_oob_info_keys (guint16 oob_info)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint bit = 0; bit < G_N_ELEMENTS (oob_info_keys); bit++)
    if ((oob_info & (1u << bit)) != 0 && oob_info_keys[bit] != NULL)
      g_strv_builder_add (builder, oob_info_keys[bit]);

  return g_strv_builder_end (builder);
}
