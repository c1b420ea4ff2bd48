/* fuzz-composition.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Composition Data page 0: parse, and re-encode what parses, which must
 * give back the same octets. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mesh-composition.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(MeshCompositionData) composition = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  composition = mesh_composition_data_parse (data, size, &error);
  if (composition == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }

  bytes = mesh_composition_data_serialize (composition);
  if (g_bytes_get_size (bytes) != size ||
      memcmp (g_bytes_get_data (bytes, NULL), data, size) != 0)
    abort ();

  return 0;
}
