/* mesh-uuid.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-config-types.h"
#include "mesh-uuid.h"

#define UUID_SIZE 16

char *
mesh_uuid_to_string (GBytes *uuid)
{
  const guint8 *b;
  gsize len = 0;

  g_return_val_if_fail (uuid != NULL, NULL);

  b = g_bytes_get_data (uuid, &len);
  if (len != UUID_SIZE)
    return NULL;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

GBytes *
mesh_uuid_from_string (const char *uuid)
{
  g_autofree char *canonical = NULL;
  guint8 bytes[UUID_SIZE];
  gsize n = 0;

  g_return_val_if_fail (uuid != NULL, NULL);

  canonical = mesh_uuid_canonicalize (uuid);
  if (canonical == NULL)
    return NULL;

  for (const char *p = canonical; *p && n < 2 * UUID_SIZE; p++)
    {
      if (*p == '-')
        continue;
      if (n % 2 == 0)
        bytes[n / 2] = g_ascii_xdigit_value (*p) << 4;
      else
        bytes[n / 2] |= g_ascii_xdigit_value (*p);
      n++;
    }

  return g_bytes_new (bytes, sizeof bytes);
}

GBytes *
mesh_uuid_new_random (void)
{
  g_autofree char *text = g_uuid_string_random ();

  return mesh_uuid_from_string (text);
}
