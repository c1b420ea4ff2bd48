/* mesh-names.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "mesh-names.h"

typedef struct
{
  guint16     id;
  const char *name;
} NamedId;

/* SIG model identifiers from the Bluetooth SIG Assigned Numbers (Mesh
 * Protocol 1.1 foundation models, Mesh Model 1.1 models, Mesh Device
 * Firmware Update models). The names are the specification's and are not
 * translated: they are what users find in data sheets and documentation.
 * Sorted by identifier. */
static const NamedId sig_models[] = {
  { 0x0000, "Configuration Server" },
  { 0x0001, "Configuration Client" },
  { 0x0002, "Health Server" },
  { 0x0003, "Health Client" },
  { 0x0004, "Remote Provisioning Server" },
  { 0x0005, "Remote Provisioning Client" },
  { 0x0006, "Directed Forwarding Configuration Server" },
  { 0x0007, "Directed Forwarding Configuration Client" },
  { 0x0008, "Bridge Configuration Server" },
  { 0x0009, "Bridge Configuration Client" },
  { 0x000a, "Mesh Private Beacon Server" },
  { 0x000b, "Mesh Private Beacon Client" },
  { 0x000c, "On-Demand Private Proxy Server" },
  { 0x000d, "On-Demand Private Proxy Client" },
  { 0x000e, "SAR Configuration Server" },
  { 0x000f, "SAR Configuration Client" },
  { 0x0010, "Opcodes Aggregator Server" },
  { 0x0011, "Opcodes Aggregator Client" },
  { 0x0012, "Large Composition Data Server" },
  { 0x0013, "Large Composition Data Client" },
  { 0x0014, "Solicitation PDU RPL Configuration Server" },
  { 0x0015, "Solicitation PDU RPL Configuration Client" },
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
  { 0x100a, "Generic Power Level Setup Server" },
  { 0x100b, "Generic Power Level Client" },
  { 0x100c, "Generic Battery Server" },
  { 0x100d, "Generic Battery Client" },
  { 0x100e, "Generic Location Server" },
  { 0x100f, "Generic Location Setup Server" },
  { 0x1010, "Generic Location Client" },
  { 0x1011, "Generic Admin Property Server" },
  { 0x1012, "Generic Manufacturer Property Server" },
  { 0x1013, "Generic User Property Server" },
  { 0x1014, "Generic Client Property Server" },
  { 0x1015, "Generic Property Client" },
  { 0x1100, "Sensor Server" },
  { 0x1101, "Sensor Setup Server" },
  { 0x1102, "Sensor Client" },
  { 0x1200, "Time Server" },
  { 0x1201, "Time Setup Server" },
  { 0x1202, "Time Client" },
  { 0x1203, "Scene Server" },
  { 0x1204, "Scene Setup Server" },
  { 0x1205, "Scene Client" },
  { 0x1206, "Scheduler Server" },
  { 0x1207, "Scheduler Setup Server" },
  { 0x1208, "Scheduler Client" },
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
  { 0x130a, "Light HSL Hue Server" },
  { 0x130b, "Light HSL Saturation Server" },
  { 0x130c, "Light xyL Server" },
  { 0x130d, "Light xyL Setup Server" },
  { 0x130e, "Light xyL Client" },
  { 0x130f, "Light LC Server" },
  { 0x1310, "Light LC Setup Server" },
  { 0x1311, "Light LC Client" },
  { 0x1400, "BLOB Transfer Server" },
  { 0x1401, "BLOB Transfer Client" },
  { 0x1402, "Firmware Update Server" },
  { 0x1403, "Firmware Update Client" },
  { 0x1404, "Firmware Distribution Server" },
  { 0x1405, "Firmware Distribution Client" },
};

/* Company identifiers from the Bluetooth SIG Assigned Numbers, as
 * registered (companies renamed since keep their identifier): chip makers
 * and lighting, building and home automation brands found in mesh
 * products. 0x0000 is left out on purpose: many devices send it as an
 * unset value. Sorted by identifier. */
static const NamedId companies[] = {
  { 0x0002, "Intel Corp." },
  { 0x0006, "Microsoft" },
  { 0x0009, "Infineon Technologies AG" },
  { 0x000a, "Qualcomm Technologies International, Ltd. (QTIL)" },
  { 0x000d, "Texas Instruments Inc." },
  { 0x000f, "Broadcom Corporation" },
  { 0x001d, "Qualcomm" },
  { 0x0025, "NXP B.V." },
  { 0x0030, "ST Microelectronics" },
  { 0x0036, "Renesas Electronics Corporation" },
  { 0x003a, "Panasonic Holdings Corporation" },
  { 0x003f, "Bluetooth SIG, Inc" },
  { 0x0046, "MediaTek, Inc." },
  { 0x004c, "Apple, Inc." },
  { 0x0059, "Nordic Semiconductor ASA" },
  { 0x005d, "Realtek Semiconductor Corporation" },
  { 0x0075, "Samsung Electronics Co. Ltd." },
  { 0x0077, "Laird Connectivity LLC" },
  { 0x00cd, "Microchip Technology Inc." },
  { 0x00d2, "Renesas Design Netherlands B.V." },
  { 0x00e0, "Google" },
  { 0x0131, "Cypress Semiconductor" },
  { 0x0136, "Silvair, Inc." },
  { 0x013c, "Murata Manufacturing Co., Ltd." },
  { 0x0164, "Qingdao Yeelink Information Technology Co., Ltd." },
  { 0x0171, "Amazon.com Services LLC" },
  { 0x01dd, "Koninklijke Philips N.V." },
  { 0x0211, "Telink Semiconductor Co. Ltd" },
  { 0x022e, "Siemens AG" },
  { 0x027d, "HUAWEI Technologies Co., Ltd." },
  { 0x02a6, "Robert Bosch GmbH" },
  { 0x02b6, "Schneider Electric" },
  { 0x02e5, "Espressif Systems (Shanghai) Co., Ltd." },
  { 0x02ff, "Silicon Laboratories" },
  { 0x0346, "Acuity Brands Lighting, Inc" },
  { 0x035c, "Eaton Corporation" },
  { 0x0362, "ON Semiconductor" },
  { 0x038f, "Xiaomi Inc." },
  { 0x03c3, "Casambi Technologies Oy" },
  { 0x03da, "EnOcean GmbH" },
  { 0x0438, "Helvar Ltd" },
  { 0x048f, "BlueKitchen GmbH" },
  { 0x04c6, "Insta GmbH" },
  { 0x04de, "Lutron Electronics Co., Inc." },
  { 0x050c, "OSRAM GmbH" },
  { 0x0526, "Honeywell International Inc." },
  { 0x052e, "LEDVANCE GmbH" },
  { 0x0539, "OPPLE Lighting Co., Ltd" },
  { 0x0563, "Steinel Vertrieb GmbH" },
  { 0x0584, "Gira Giersiepen GmbH & Co. KG" },
  { 0x05bc, "Leviton Mfg. Co., Inc." },
  { 0x05f1, "The Linux Foundation" },
  { 0x05fe, "Niko nv" },
  { 0x060f, "Signify Netherlands B.V." },
  { 0x0639, "Shenzhen Minew Technologies Co., Ltd." },
  { 0x064c, "Zumtobel Group AG" },
  { 0x069e, "Delta Electronics, Inc." },
  { 0x06bd, "ABB Oy" },
  { 0x07af, "Hong Kong Bouffalo Lab Limited" },
  { 0x07d0, "Hangzhou Tuya Information Technology Co., Ltd" },
  { 0x07e8, "Packetcraft, Inc." },
  { 0x080b, "Nanoleaf Canada Limited" },
  { 0x0897, "Current Lighting Solutions LLC" },
  { 0x08b4, "Sengled Co., Ltd." },
  { 0x09ac, "Ambiq" },
  { 0x0b27, "Lumi United Technology Co., Ltd" },
};

static int
compare_named_id (const void *key,
                  const void *element)
{
  guint16 id = *(const guint16 *) key;
  const NamedId *named = element;

  return id < named->id ? -1 : id > named->id ? 1 : 0;
}

static const char *
lookup (const NamedId *table,
        gsize          n,
        guint16        id)
{
  const NamedId *found = bsearch (&id, table, n, sizeof (NamedId), compare_named_id);

  return found != NULL ? found->name : NULL;
}

/**
 * mesh_sig_model_get_name:
 * @model_id: a SIG model identifier
 *
 * Returns: (nullable): the model's name ("Generic OnOff Server"), or
 *   %NULL if the identifier is not assigned (or newer than this table)
 */
const char *
mesh_sig_model_get_name (guint16 model_id)
{
  return lookup (sig_models, G_N_ELEMENTS (sig_models), model_id);
}

/**
 * mesh_company_get_name:
 * @company_id: a Bluetooth SIG company identifier
 *
 * Returns: (nullable): the company's registered name, or %NULL if the
 *   table does not have it
 */
const char *
mesh_company_get_name (guint16 company_id)
{
  return lookup (companies, G_N_ELEMENTS (companies), company_id);
}

/**
 * mesh_company_describe:
 * @company_id: a Bluetooth SIG company identifier
 *
 * Returns: (transfer full): the company's name, or a translated fallback
 *   showing the identifier
 */
char *
mesh_company_describe (guint16 company_id)
{
  const char *name = mesh_company_get_name (company_id);

  if (name != NULL)
    return g_strdup (name);

  /* Translators: a company the app has no name for; %04X is its
   * Bluetooth SIG company identifier */
  return g_strdup_printf (_("Company 0x%04X"), company_id);
}

/**
 * mesh_model_id_describe:
 * @model: a model identifier
 *
 * Returns: (transfer full): a name to show for @model: the SIG model's
 *   name, or a translated description with the identifier and, for a
 *   vendor model, its company
 */
char *
mesh_model_id_describe (MeshModelId model)
{
  const char *name;

  if (model.vendor)
    {
      name = mesh_company_get_name (model.company_id);
      if (name != NULL)
        /* Translators: %04X is a model identifier, %s the company name */
        return g_strdup_printf (_("Vendor model 0x%04X of %s"), model.model_id, name);

      /* Translators: the first %04X is a model identifier, the second a
       * company identifier */
      return g_strdup_printf (_("Vendor model 0x%04X of company 0x%04X"),
                              model.model_id, model.company_id);
    }

  name = mesh_sig_model_get_name (model.model_id);
  if (name != NULL)
    return g_strdup (name);

  /* Translators: %04X is a model identifier the app has no name for */
  return g_strdup_printf (_("SIG model 0x%04X"), model.model_id);
}

/* Exposed to the unit tests only, to check the tables stay sorted. */
gboolean mesh_names_tables_are_sorted (void);

gboolean
mesh_names_tables_are_sorted (void)
{
  for (gsize i = 1; i < G_N_ELEMENTS (sig_models); i++)
    if (sig_models[i - 1].id >= sig_models[i].id)
      return FALSE;

  for (gsize i = 1; i < G_N_ELEMENTS (companies); i++)
    if (companies[i - 1].id >= companies[i].id)
      return FALSE;

  return TRUE;
}
