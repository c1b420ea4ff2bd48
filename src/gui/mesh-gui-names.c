/* mesh-gui-names.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-gui-names.h"

/* A stopgap: only the SIG models and companies the pages meet most, from
 * the Bluetooth SIG Assigned Numbers. The full tables come with the core's
 * mesh-names.h. */

typedef struct
{
  guint16     id;
  const char *name;
} NamedId;

static const NamedId sig_models[] = {
  { 0x0000, "Configuration Server" },
  { 0x0001, "Configuration Client" },
  { 0x0002, "Health Server" },
  { 0x0003, "Health Client" },
  { 0x1000, "Generic OnOff Server" },
  { 0x1001, "Generic OnOff Client" },
  { 0x1002, "Generic Level Server" },
  { 0x1003, "Generic Level Client" },
  { 0x1004, "Generic Default Transition Time Server" },
  { 0x1005, "Generic Default Transition Time Client" },
  { 0x1006, "Generic Power OnOff Server" },
  { 0x1007, "Generic Power OnOff Setup Server" },
  { 0x1008, "Generic Power OnOff Client" },
  { 0x1009, "Generic Power Level Server" },
  { 0x100A, "Generic Power Level Setup Server" },
  { 0x100B, "Generic Power Level Client" },
  { 0x100C, "Generic Battery Server" },
  { 0x100D, "Generic Battery Client" },
  { 0x1203, "Scene Server" },
  { 0x1204, "Scene Setup Server" },
  { 0x1205, "Scene Client" },
  { 0x1300, "Light Lightness Server" },
  { 0x1301, "Light Lightness Setup Server" },
  { 0x1302, "Light Lightness Client" },
  { 0x1303, "Light CTL Server" },
  { 0x1304, "Light CTL Setup Server" },
  { 0x1305, "Light CTL Client" },
  { 0x1306, "Light CTL Temperature Server" },
  { 0x1307, "Light HSL Server" },
  { 0x1308, "Light HSL Setup Server" },
  { 0x1309, "Light HSL Client" },
};

static const NamedId companies[] = {
  { 0x0002, "Intel Corp." },
  { 0x0006, "Microsoft" },
  { 0x000F, "Broadcom Corporation" },
  { 0x0030, "ST Microelectronics" },
  { 0x004C, "Apple, Inc." },
  { 0x0059, "Nordic Semiconductor ASA" },
  { 0x005D, "Realtek Semiconductor Corporation" },
  { 0x0211, "Telink Semiconductor Co. Ltd" },
  { 0x02E5, "Espressif Incorporated" },
  { 0x02FF, "Silicon Laboratories" },
  { 0x05F1, "The Linux Foundation" },
};

static const char *
lookup (const NamedId *table,
        gsize          n,
        guint16        id)
{
  for (gsize i = 0; i < n; i++)
    {
      if (table[i].id == id)
        return table[i].name;
    }

  return NULL;
}

const char *
mesh_gui_sig_model_name (guint16 model_id)
{
  return lookup (sig_models, G_N_ELEMENTS (sig_models), model_id);
}

const char *
mesh_gui_company_name (guint16 company_id)
{
  return lookup (companies, G_N_ELEMENTS (companies), company_id);
}
