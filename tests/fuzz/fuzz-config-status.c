/* fuzz-config-status.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every configuration status decoder, through the entry point that reads
 * the opcode and dispatches on it; then every decoded list is walked so
 * that a wrong count shows as an out-of-bounds read. */

#include "config.h"

#include "mesh-config-status.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static volatile guint sink;

static void
walk (const MeshConfigStatus *status)
{
  switch (status->opcode)
    {
    case MESH_OP_CONFIG_COMPOSITION_DATA_STATUS:
      sink += g_bytes_get_size (status->composition.raw);
      if (status->composition.data != NULL)
        for (guint i = 0; i < status->composition.data->n_elements; i++)
          for (guint j = 0; j < status->composition.data->elements[i].n_models; j++)
            sink += status->composition.data->elements[i].models[j].model_id;
      break;

    case MESH_OP_CONFIG_APPKEY_LIST:
    case MESH_OP_CONFIG_NETKEY_LIST:
      for (guint i = 0; i < status->key_list.n_indexes; i++)
        {
          g_assert (status->key_list.indexes[i] <= 0xfff);
          sink += status->key_list.indexes[i];
        }
      break;

    case MESH_OP_CONFIG_SIG_MODEL_APP_LIST:
    case MESH_OP_CONFIG_VENDOR_MODEL_APP_LIST:
    case MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_LIST:
    case MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_LIST:
      for (guint i = 0; i < status->model_list.n_items; i++)
        sink += status->model_list.items[i];
      break;

    default:
      break;
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  status = mesh_config_status_decode (data, size, &error);
  if (status == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }

  walk (status);
  description = mesh_status_code_describe (mesh_config_status_get_code (status));
  if (!mesh_config_status_check (status, &error))
    g_assert (error != NULL);

  return 0;
}
