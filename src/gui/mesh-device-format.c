/* mesh-device-format.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-beacon.h"
#include "mesh-device-format.h"
#include "mesh-error.h"
#include "mesh-format.h"
#include "mesh-node.h"

#define STATIC_OOB_SIZE 16

/* What form the OOB information takes (the low bits of the field)... */
static const struct {
  guint16     bit;
  const char *name;
} oob_forms[] = {
  { MESH_OOB_INFO_2D_CODE, N_("QR code") },
  { MESH_OOB_INFO_BAR_CODE, N_("Bar code") },
  { MESH_OOB_INFO_NFC, N_("NFC") },
  { MESH_OOB_INFO_ELECTRONIC_URI, N_("Link") },
  { MESH_OOB_INFO_NUMBER, N_("Number") },
  { MESH_OOB_INFO_STRING, N_("Text") },
  { MESH_OOB_INFO_CERTIFICATE, N_("Certificate") },
  { MESH_OOB_INFO_PROVISIONING_RECORDS, N_("Provisioning records") },
  { MESH_OOB_INFO_OTHER, N_("Other") },
};

/* ... and where to find it (the high bits). */
static const struct {
  guint16     bit;
  const char *name;
} oob_places[] = {
  { MESH_OOB_INFO_ON_BOX, N_("on the box") },
  { MESH_OOB_INFO_INSIDE_BOX, N_("inside the box") },
  { MESH_OOB_INFO_ON_PAPER, N_("on a piece of paper") },
  { MESH_OOB_INFO_INSIDE_MANUAL, N_("in the manual") },
  { MESH_OOB_INFO_ON_DEVICE, N_("on the device") },
};

char *
mesh_format_device_name (const char *uuid_string)
{
  g_autofree char *hex = NULL;
  gsize len;

  g_return_val_if_fail (uuid_string != NULL, NULL);

  hex = g_ascii_strup (uuid_string, -1);
  len = strlen (hex);

  /* Translators: an unprovisioned device, named by the end of its UUID */
  return g_strdup_printf (_("Mesh Device %s"), len >= 4 ? hex + len - 4 : hex);
}

char *
mesh_format_oob_info (guint16 oob_info)
{
  g_autoptr(GString) forms = g_string_new (NULL);
  g_autoptr(GString) places = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (oob_forms); i++)
    {
      if ((oob_info & oob_forms[i].bit) == 0)
        continue;
      if (forms->len > 0)
        g_string_append (forms, C_("list separator", ", "));
      g_string_append (forms, _(oob_forms[i].name));
    }

  for (gsize i = 0; i < G_N_ELEMENTS (oob_places); i++)
    {
      if ((oob_info & oob_places[i].bit) == 0)
        continue;
      if (places->len > 0)
        g_string_append (places, C_("between places of OOB information", " or "));
      g_string_append (places, _(oob_places[i].name));
    }

  if (forms->len == 0 && places->len == 0)
    return NULL;

  if (places->len == 0)
    return g_string_free (g_steal_pointer (&forms), FALSE);

  /* A place alone: a key printed there, as static OOB usually is. */
  if (forms->len == 0)
    /* Translators: %s is where the key is, e.g. "on the box" */
    return g_strdup_printf (_("Static OOB %s"), places->str);

  /* Translators: what the OOB information is ("QR code"), then where it is
   * ("on the box") */
  return g_strdup_printf (C_("OOB information", "%s %s"), forms->str, places->str);
}

gboolean
mesh_oob_info_suggests_static (guint16 oob_info)
{
  const guint16 hints = MESH_OOB_INFO_ON_BOX | MESH_OOB_INFO_INSIDE_BOX | MESH_OOB_INFO_ON_PAPER
                        | MESH_OOB_INFO_INSIDE_MANUAL | MESH_OOB_INFO_ON_DEVICE
                        | MESH_OOB_INFO_2D_CODE | MESH_OOB_INFO_BAR_CODE | MESH_OOB_INFO_NFC
                        | MESH_OOB_INFO_ELECTRONIC_URI;

  return (oob_info & hints) != 0;
}

MeshSignalLevel
mesh_signal_level_from_rssi (int rssi)
{
  /* Bluetooth LE advertising: about -40 dBm next to the radio, about -90
   * where packets start to get lost. */
  if (rssi >= -60)
    return MESH_SIGNAL_EXCELLENT;
  if (rssi >= -70)
    return MESH_SIGNAL_GOOD;
  if (rssi >= -80)
    return MESH_SIGNAL_OK;
  if (rssi >= -90)
    return MESH_SIGNAL_WEAK;

  return MESH_SIGNAL_NONE;
}

const char *
mesh_signal_level_icon_name (MeshSignalLevel level)
{
  switch (level)
    {
    case MESH_SIGNAL_EXCELLENT: return "mesh-signal-excellent-symbolic";
    case MESH_SIGNAL_GOOD: return "mesh-signal-good-symbolic";
    case MESH_SIGNAL_OK: return "mesh-signal-ok-symbolic";
    case MESH_SIGNAL_WEAK: return "mesh-signal-weak-symbolic";
    case MESH_SIGNAL_NONE:
    default: return "mesh-signal-none-symbolic";
    }
}

const char *
mesh_signal_level_describe (MeshSignalLevel level)
{
  switch (level)
    {
    case MESH_SIGNAL_EXCELLENT: return _("Signal: excellent");
    case MESH_SIGNAL_GOOD: return _("Signal: good");
    case MESH_SIGNAL_OK: return _("Signal: fair");
    case MESH_SIGNAL_WEAK: return _("Signal: weak");
    case MESH_SIGNAL_NONE:
    default: return _("Signal: very weak");
    }
}

char *
mesh_format_seen (gint64 last_seen,
                  gint64 now)
{
  gint64 seconds = MAX (now - last_seen, 0) / G_USEC_PER_SEC;

  if (seconds < 2)
    return g_strdup (_("Seen just now"));
  if (seconds < 60)
    return g_strdup_printf (_("Seen %d s ago"), (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("Seen %d min ago"), (int) (seconds / 60));

  return g_strdup_printf (_("Seen %d h ago"), (int) (seconds / 3600));
}

/* The hexadecimal digits of @text without separators, or NULL if it has
 * anything else. */
static char *
hex_digits (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  if (g_str_has_prefix (text, "0x") || g_str_has_prefix (text, "0X"))
    text += 2;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (digits, g_ascii_tolower (*p));
      else if (*p != ' ' && *p != ':' && *p != '-')
        return NULL;
    }

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

GBytes *
mesh_parse_static_oob (const char  *text,
                       gboolean    *is_text,
                       GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *digits = NULL;
  guint8 key[STATIC_OOB_SIZE] = { 0 };
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  len = strlen (stripped);
  digits = hex_digits (stripped);

  if (is_text != NULL)
    *is_text = FALSE;

  if (len == 0)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                           _("Enter the key: 32 hexadecimal digits, or a text of up to 16 characters."));
      return NULL;
    }

  /* Only digits 0-9 and a-f: a hexadecimal key, complete or not. */
  if (digits != NULL && digits[0] != '\0')
    {
      if (strlen (digits) != 2 * STATIC_OOB_SIZE)
        {
          g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                       _("A hexadecimal key has 32 digits; this one has %u."), (guint) strlen (digits));
          return NULL;
        }

      for (gsize i = 0; i < STATIC_OOB_SIZE; i++)
        key[i] = (g_ascii_xdigit_value (digits[2 * i]) << 4) | g_ascii_xdigit_value (digits[2 * i + 1]);

      return g_bytes_new (key, sizeof key);
    }

  if (len > STATIC_OOB_SIZE)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                           _("A text key has at most 16 characters; a hexadecimal key has exactly 32 digits."));
      return NULL;
    }

  for (gsize i = 0; i < len; i++)
    {
      if (stripped[i] < 0x20 || stripped[i] > 0x7E)
        {
          g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                               _("A text key has only plain letters, digits and punctuation (ASCII)."));
          return NULL;
        }
    }

  memcpy (key, stripped, len);
  if (is_text != NULL)
    *is_text = TRUE;

  return g_bytes_new (key, sizeof key);
}

char *
mesh_format_server_name (MeshNetwork *network,
                         guint16      server)
{
  MeshNode *node = network != NULL ? mesh_network_find_node_by_address (network, server) : NULL;
  const char *name = node != NULL ? mesh_node_get_name (node) : NULL;

  if (name != NULL && name[0] != '\0')
    return g_strdup (name);

  return g_strdup_printf ("0x%04X", server);
}

char *
mesh_format_via (MeshNetwork *network,
                 guint16      via)
{
  g_autofree char *name = NULL;

  if (via == 0)
    return NULL;

  name = mesh_format_server_name (network, via);
  /* Translators: where a device was heard: a node's Remote Provisioning
   * Server. %s is the node's name, or its address like 0x0005 */
  return g_strdup_printf (_("Through node %s"), name);
}

char *
mesh_format_server_choice (MeshNode *node)
{
  const char *name = mesh_node_get_name (node);

  /* "Node 0x0100" already has the address. */
  if (name == NULL || name[0] == '\0')
    return mesh_format_node_name (node);

  /* Translators: a node's name and address, e.g. "Kitchen Light (0x0005)" */
  return g_strdup_printf (_("%s (0x%04X)"), name, (guint) mesh_node_get_unicast (node));
}

static int
compare_addresses (gconstpointer a,
                   gconstpointer b)
{
  return (int) *(const guint16 *) a - (int) *(const guint16 *) b;
}

GArray *
mesh_find_remote_servers (MeshNetwork *network)
{
  GListModel *nodes = mesh_network_get_nodes (network);
  GArray *servers = g_array_new (FALSE, FALSE, sizeof (guint16));
  guint n = g_list_model_get_n_items (nodes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (nodes, i);
      guint16 unicast;

      /* Only the elements in memory: asking each node for its elements
       * would load them one query at a time. */
      if (mesh_node_get_excluded (node) || !mesh_node_has_remote_provisioning_server (node))
        continue;

      unicast = mesh_node_get_unicast (node);
      g_array_append_val (servers, unicast);
    }

  g_array_sort (servers, compare_addresses);

  return servers;
}
