/* fuzz-generic-status.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Generic OnOff Status and Generic Level Status, dispatched on the opcode. */

#include "config.h"

#include "mesh-generic-message.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  MeshGenericStatus status;

  if (!mesh_generic_status_decode (data, size, &status, &error))
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }

  g_assert (status.opcode == MESH_OP_GENERIC_ONOFF_STATUS ||
            status.opcode == MESH_OP_GENERIC_LEVEL_STATUS);

  return 0;
}
