/* fuzz-beacon.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The unprovisioned device beacon as bluetooth-meshd reports it. */

#include "config.h"

#include "mesh-beacon.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  MeshUnprovisionedBeacon beacon;

  if (!mesh_unprovisioned_beacon_parse (data, size, &beacon, &error))
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }

  g_assert (size == 16 || size == 18 || size == 22);
  names = mesh_oob_info_get_names (beacon.oob_info);
  g_assert (g_strv_length (names) <= 14);

  return 0;
}
