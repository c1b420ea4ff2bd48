/* test-names.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-names.h"

/* in mesh-names.c, for this test only */
gboolean mesh_names_tables_are_sorted (void);

static void
test_sig_models (void)
{
  g_assert_cmpstr (mesh_sig_model_get_name (0x0000), ==, "Configuration Server");
  g_assert_cmpstr (mesh_sig_model_get_name (0x0002), ==, "Health Server");
  g_assert_cmpstr (mesh_sig_model_get_name (0x0004), ==, "Remote Provisioning Server");
  g_assert_cmpstr (mesh_sig_model_get_name (0x0006), ==, "Directed Forwarding Configuration Server");
  g_assert_cmpstr (mesh_sig_model_get_name (0x0015), ==, "Solicitation PDU RPL Configuration Client");
  g_assert_cmpstr (mesh_sig_model_get_name (0x1000), ==, "Generic OnOff Server");
  g_assert_cmpstr (mesh_sig_model_get_name (0x1003), ==, "Generic Level Client");
  g_assert_cmpstr (mesh_sig_model_get_name (0x1100), ==, "Sensor Server");
  g_assert_cmpstr (mesh_sig_model_get_name (0x1203), ==, "Scene Server");
  g_assert_cmpstr (mesh_sig_model_get_name (0x1300), ==, "Light Lightness Server");
  g_assert_cmpstr (mesh_sig_model_get_name (0x1311), ==, "Light LC Client");
  g_assert_cmpstr (mesh_sig_model_get_name (0x1400), ==, "BLOB Transfer Server");
  g_assert_cmpstr (mesh_sig_model_get_name (0x1402), ==, "Firmware Update Server");
  g_assert_cmpstr (mesh_sig_model_get_name (0x1405), ==, "Firmware Distribution Client");

  g_assert_null (mesh_sig_model_get_name (0x0016));
  g_assert_null (mesh_sig_model_get_name (0x1016));
  g_assert_null (mesh_sig_model_get_name (0xffff));
}

static void
test_companies (void)
{
  guint n = 0;

  g_assert_cmpstr (mesh_company_get_name (0x0059), ==, "Nordic Semiconductor ASA");
  g_assert_cmpstr (mesh_company_get_name (0x02ff), ==, "Silicon Laboratories");
  g_assert_cmpstr (mesh_company_get_name (0x02e5), ==, "Espressif Systems (Shanghai) Co., Ltd.");
  g_assert_cmpstr (mesh_company_get_name (0x0211), ==, "Telink Semiconductor Co. Ltd");
  g_assert_cmpstr (mesh_company_get_name (0x000d), ==, "Texas Instruments Inc.");
  g_assert_cmpstr (mesh_company_get_name (0x05f1), ==, "The Linux Foundation");
  g_assert_cmpstr (mesh_company_get_name (0x0136), ==, "Silvair, Inc.");
  g_assert_cmpstr (mesh_company_get_name (0x004c), ==, "Apple, Inc.");
  g_assert_cmpstr (mesh_company_get_name (0x07d0), ==, "Hangzhou Tuya Information Technology Co., Ltd");

  /* 0x0000 is registered, but devices send it as "unset": no name */
  g_assert_null (mesh_company_get_name (0x0000));
  g_assert_null (mesh_company_get_name (0xffff));

  for (guint id = 0; id <= G_MAXUINT16; id++)
    n += mesh_company_get_name (id) != NULL;
  g_assert_cmpuint (n, >=, 40);
}

static void
test_sorted (void)
{
  g_assert_true (mesh_names_tables_are_sorted ());
}

static void
test_describe (void)
{
  g_autofree char *onoff = mesh_model_id_describe (mesh_model_id_sig (0x1000));
  g_autofree char *unknown_sig = mesh_model_id_describe (mesh_model_id_sig (0x1016));
  g_autofree char *nordic = mesh_model_id_describe (mesh_model_id_vendor (0x0059, 0x0001));
  g_autofree char *unknown_vendor = mesh_model_id_describe (mesh_model_id_vendor (0x1234, 0x00ab));
  g_autofree char *espressif = mesh_company_describe (0x02e5);
  g_autofree char *unknown_company = mesh_company_describe (0xfffe);

  g_assert_cmpstr (onoff, ==, "Generic OnOff Server");
  g_assert_cmpstr (unknown_sig, ==, "SIG model 0x1016");
  g_assert_cmpstr (nordic, ==, "Vendor model 0x0001 of Nordic Semiconductor ASA");
  g_assert_cmpstr (unknown_vendor, ==, "Vendor model 0x00AB of company 0x1234");
  g_assert_cmpstr (espressif, ==, "Espressif Systems (Shanghai) Co., Ltd.");
  g_assert_cmpstr (unknown_company, ==, "Company 0xFFFE");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/names/sig-models", test_sig_models);
  g_test_add_func ("/names/companies", test_companies);
  g_test_add_func ("/names/sorted", test_sorted);
  g_test_add_func ("/names/describe", test_describe);

  return g_test_run ();
}
