/* mesh-beacon.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-beacon.h"
#include "mesh-error.h"
#include "mesh-wire-private.h"

static const char * const oob_info_names[16] = {
  N_("Other"),
  N_("Electronic or URI"),
  N_("2D machine-readable code"),
  N_("Bar code"),
  N_("Near Field Communication (NFC)"),
  N_("Number"),
  N_("String"),
  N_("Certificate-based provisioning"),
  N_("Provisioning records"),
  NULL, /* RFU */
  NULL, /* RFU */
  N_("On the box"),
  N_("Inside the box"),
  N_("On a piece of paper"),
  N_("Inside the manual"),
  N_("On the device"),
};

/**
 * mesh_unprovisioned_beacon_parse:
 * @data: (array length=len): the beacon from the Device UUID on, as
 *   ScanResult() gives it: 16 octets (UUID only), 18 (with OOB
 *   Information) or 22 (with a URI Hash too)
 * @len: the length of @data
 * @beacon: (out caller-allocates): the decoded beacon
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %MESH_ERROR_INVALID_DATA if @data has another length
 */
gboolean
mesh_unprovisioned_beacon_parse (const guint8             *data,
                                 gsize                     len,
                                 MeshUnprovisionedBeacon  *beacon,
                                 GError                  **error)
{
  MeshReader reader;
  const guint8 *bytes;

  g_return_val_if_fail (beacon != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (beacon, 0, sizeof *beacon);
  mesh_reader_init (&reader, data, len);

  if (!mesh_reader_bytes (&reader, MESH_DEVICE_UUID_SIZE, &bytes))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                   _("The beacon of an unprovisioned device is too short to hold its UUID: it has %u of 16 octets."),
                   mesh_length_arg (len));
      return FALSE;
    }
  memcpy (beacon->uuid, bytes, MESH_DEVICE_UUID_SIZE);

  if (mesh_reader_remaining (&reader) == 0)
    return TRUE;

  if (!mesh_reader_be16 (&reader, &beacon->oob_info))
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                           _("The beacon of an unprovisioned device is malformed: its OOB information is cut short."));
      return FALSE;
    }
  beacon->has_oob_info = TRUE;

  if (mesh_reader_remaining (&reader) == 0)
    return TRUE;

  if (!mesh_reader_bytes (&reader, MESH_URI_HASH_SIZE, &bytes))
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                           _("The beacon of an unprovisioned device is malformed: its URI hash is cut short."));
      return FALSE;
    }
  memcpy (beacon->uri_hash, bytes, MESH_URI_HASH_SIZE);
  beacon->has_uri_hash = TRUE;

  if (mesh_reader_remaining (&reader) != 0)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                   _("The beacon of an unprovisioned device is malformed: it is %u octets long, more than the 22 it may have."),
                   mesh_length_arg (len));
      return FALSE;
    }

  return TRUE;
}

/**
 * mesh_oob_info_get_name:
 * @flag: one #MeshOobInfo bit
 *
 * Returns: (nullable): the translated name of @flag ("On the box"), or
 *   %NULL if @flag is not exactly one known bit
 */
const char *
mesh_oob_info_get_name (MeshOobInfo flag)
{
  guint bit;

  if (flag == 0 || (flag & (flag - 1)) != 0 || flag > 0xffff)
    return NULL;

  bit = (guint) g_bit_nth_lsf ((gulong) flag, -1);
  return oob_info_names[bit] != NULL ? _(oob_info_names[bit]) : NULL;
}

/**
 * mesh_oob_info_get_names:
 * @oob_info: an OOB Information field
 *
 * Returns: (transfer full): the translated names of the bits set in
 *   @oob_info, lowest bit first, skipping RFU bits; an empty array if
 *   none is set
 */
GStrv
mesh_oob_info_get_names (guint16 oob_info)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint bit = 0; bit < G_N_ELEMENTS (oob_info_names); bit++)
    if ((oob_info & (1u << bit)) != 0 && oob_info_names[bit] != NULL)
      g_strv_builder_add (builder, _(oob_info_names[bit]));

  return g_strv_builder_end (builder);
}
