/* test-meshprov-args.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The argument syntax of meshprov (src/cli/meshprov-args.c): what each
 * form of address, model, TTL, period and retransmission turns into, and
 * that everything else is refused as a usage error. */

#include "config.h"

#include "meshprov-args.h"

static void
test_address (void)
{
  const struct { const char *text; guint16 value; } good[] = {
    { "0005", 0x0005 }, { "0x0005", 0x0005 }, { "5", 0x0005 }, { "10", 0x0010 },
    { "C001", 0xC001 }, { "0Xc001", 0xC001 }, { "ffff", 0xFFFF }, { "0", 0x0000 },
  };
  const char *bad[] = { "", "0x", "12345", "zz", "0x1g", "-1", " 5", "0x00005" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint16 address = 0xDEAD;

      g_assert_true (mesh_cli_parse_address (good[i].text, "ADDR", &address, &error));
      g_assert_no_error (error);
      g_assert_cmphex (address, ==, good[i].value);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint16 address = 0xDEAD;

      g_assert_false (mesh_cli_parse_address (bad[i], "ADDR", &address, &error));
      g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
      /* The sentence names the argument. */
      g_assert_true (g_str_has_prefix (error->message, "ADDR "));
      g_assert_cmphex (address, ==, 0xDEAD);
    }
}

static void
test_unicast (void)
{
  g_autoptr(GError) error = NULL;
  guint16 address = 0;

  g_assert_true (mesh_cli_parse_unicast ("0001", "ADDR", &address, &error));
  g_assert_cmphex (address, ==, 0x0001);
  g_assert_true (mesh_cli_parse_unicast ("7fff", "ADDR", &address, &error));
  g_assert_cmphex (address, ==, 0x7FFF);
  g_assert_no_error (error);

  g_assert_false (mesh_cli_parse_unicast ("0000", "ADDR", &address, &error));
  g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
  g_clear_error (&error);
  g_assert_false (mesh_cli_parse_unicast ("8000", "ADDR", &address, &error));
  g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
  g_clear_error (&error);
  g_assert_false (mesh_cli_parse_unicast ("c001", "ADDR", &address, &error));
  g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
  g_assert_cmphex (address, ==, 0x7FFF);
}

static void
test_uint (void)
{
  g_autoptr(GError) error = NULL;
  const char *bad[] = { "4096", "-1", "1a", "", "0x10", " 1" };
  guint value = 99;

  g_assert_true (mesh_cli_parse_uint ("0", "INDEX", 4095, &value, &error));
  g_assert_cmpuint (value, ==, 0);
  g_assert_true (mesh_cli_parse_uint ("4095", "INDEX", 4095, &value, &error));
  g_assert_cmpuint (value, ==, 4095);
  /* Decimal, unlike addresses. */
  g_assert_true (mesh_cli_parse_uint ("10", "INDEX", 4095, &value, &error));
  g_assert_cmpuint (value, ==, 10);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (mesh_cli_parse_uint (bad[i], "INDEX", 4095, &value, &error));
      g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
      g_clear_error (&error);
    }
  g_assert_cmpuint (value, ==, 10);
}

static void
test_model (void)
{
  const struct { const char *text; gboolean vendor; guint16 company; guint16 model; } good[] = {
    { "1000", FALSE, 0, 0x1000 },
    { "0x1002", FALSE, 0, 0x1002 },
    { "0", FALSE, 0, 0x0000 },
    { "0059:0001", TRUE, 0x0059, 0x0001 },
    { "5f1:1", TRUE, 0x05F1, 0x0001 },
    { "05F10001", TRUE, 0x05F1, 0x0001 },
    { "0x00591234", TRUE, 0x0059, 0x1234 },
    { "Generic OnOff Server", FALSE, 0, 0x1000 },
    { "generic level client", FALSE, 0, 0x1003 },
    { "Configuration Server", FALSE, 0, 0x0000 },
  };
  const char *bad[] = { "12345", "nope", "0059:", ":0001", "00590001ab", "0059:00001",
                        "Generic OnOff", "" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      MeshModelId model = { 0 };

      g_assert_true (mesh_cli_parse_model (good[i].text, &model, &error));
      g_assert_no_error (error);
      g_assert_cmpint (model.vendor, ==, good[i].vendor);
      g_assert_cmphex (model.company_id, ==, good[i].company);
      g_assert_cmphex (model.model_id, ==, good[i].model);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      MeshModelId model = { 0 };

      g_assert_false (mesh_cli_parse_model (bad[i], &model, &error));
      g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
    }
}

static void
test_format_model (void)
{
  g_autofree char *sig = mesh_cli_format_model_id (mesh_model_id_sig (0x1000));
  g_autofree char *vendor = mesh_cli_format_model_id (mesh_model_id_vendor (0x05F1, 0x0001));
  MeshModelId back;

  g_assert_cmpstr (sig, ==, "1000");
  g_assert_cmpstr (vendor, ==, "05f1:0001");

  /* What is printed reads back as the same model. */
  g_assert_true (mesh_cli_parse_model (vendor, &back, NULL));
  g_assert_true (mesh_model_id_equal (back, mesh_model_id_vendor (0x05F1, 0x0001)));
  g_assert_true (mesh_cli_parse_model (sig, &back, NULL));
  g_assert_true (mesh_model_id_equal (back, mesh_model_id_sig (0x1000)));
}

static void
test_subscription (void)
{
  /* Mesh Profile 1.0.1, 8.2.1 (virtual address sample): the Label UUID
   * 0073e7e4d8b9440faf8415df4c56c0e1 has the virtual address 0xb529. */
  const guint8 label[16] = { 0x00, 0x73, 0xe7, 0xe4, 0xd8, 0xb9, 0x44, 0x0f,
                             0xaf, 0x84, 0x15, 0xdf, 0x4c, 0x56, 0xc0, 0xe1 };
  const char *bad[] = { "ffff", "0005", "0000", "8000", "bfff", "xyz",
                        "0073e7e4d8b9440faf8415df4c56c0e" };
  MeshDestination destination;
  g_autoptr(GError) error = NULL;

  g_assert_true (mesh_cli_parse_subscription ("c001", &destination, &error));
  g_assert_no_error (error);
  g_assert_false (destination.has_label);
  g_assert_cmphex (destination.address, ==, 0xC001);

  /* Fixed groups other than all-nodes may be subscribed to. */
  g_assert_true (mesh_cli_parse_subscription ("0xfffe", &destination, &error));
  g_assert_cmphex (destination.address, ==, 0xFFFE);

  g_assert_true (mesh_cli_parse_subscription ("0073e7e4-d8b9-440f-af84-15df4c56c0e1",
                                              &destination, &error));
  g_assert_no_error (error);
  g_assert_true (destination.has_label);
  g_assert_cmphex (destination.address, ==, 0xB529);
  g_assert_cmpmem (destination.label, 16, label, 16);

  g_assert_true (mesh_cli_parse_subscription ("0073E7E4D8B9440FAF8415DF4C56C0E1",
                                              &destination, &error));
  g_assert_cmphex (destination.address, ==, 0xB529);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (mesh_cli_parse_subscription (bad[i], &destination, &error));
      g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
      g_clear_error (&error);
    }
}

static void
test_destination (void)
{
  const char *bad[] = { "0000", "8000", "b529", "zz" };
  MeshDestination destination;
  g_autoptr(GError) error = NULL;

  g_assert_true (mesh_cli_parse_destination ("0005", &destination, &error));
  g_assert_cmphex (destination.address, ==, 0x0005);
  g_assert_true (mesh_cli_parse_destination ("c002", &destination, &error));
  g_assert_cmphex (destination.address, ==, 0xC002);
  g_assert_true (mesh_cli_parse_destination ("ffff", &destination, &error));
  g_assert_cmphex (destination.address, ==, 0xFFFF);
  g_assert_true (mesh_cli_parse_destination ("0073e7e4d8b9440faf8415df4c56c0e1", &destination,
                                             &error));
  g_assert_true (destination.has_label);
  g_assert_cmphex (destination.address, ==, 0xB529);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (mesh_cli_parse_destination (bad[i], &destination, &error));
      g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
      g_clear_error (&error);
    }
}

static void
test_ttl (void)
{
  const char *bad[] = { "128", "255", "-1", "x", "" };
  g_autoptr(GError) error = NULL;
  guint8 ttl = 42;

  g_assert_true (mesh_cli_parse_ttl ("0", &ttl, &error));
  g_assert_cmpuint (ttl, ==, 0);
  g_assert_true (mesh_cli_parse_ttl ("127", &ttl, &error));
  g_assert_cmpuint (ttl, ==, 127);
  g_assert_true (mesh_cli_parse_ttl ("default", &ttl, &error));
  g_assert_cmpuint (ttl, ==, 255);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (mesh_cli_parse_ttl (bad[i], &ttl, &error));
      g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
      g_clear_error (&error);
    }
}

static void
test_period (void)
{
  /* ms → steps, resolution (0: 100 ms, 1: 1 s, 2: 10 s, 3: 10 min) */
  const struct { const char *text; guint8 steps; guint8 resolution; } good[] = {
    { "0", 0, 0 },
    { "100", 1, 0 },
    { "6300", 63, 0 },
    { "7000", 7, 1 },
    { "63000", 63, 1 },
    { "120000", 12, 2 },
    { "600000", 60, 2 },
    { "1200000", 2, 3 },
    { "37800000", 63, 3 },
  };
  const char *bad[] = { "150", "6400", "64000", "37800001", "abc", "-100", "" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint8 steps = 99, resolution = 99;

      g_assert_true (mesh_cli_parse_period (good[i].text, &steps, &resolution, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (steps, ==, good[i].steps);
      g_assert_cmpuint (resolution, ==, good[i].resolution);
      /* And back. */
      g_assert_cmpuint (mesh_cli_period_to_ms (steps, resolution), ==,
                        g_ascii_strtoull (good[i].text, NULL, 10));
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint8 steps, resolution;

      g_assert_false (mesh_cli_parse_period (bad[i], &steps, &resolution, &error));
      g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
    }
}

static void
test_retransmit (void)
{
  const struct { const char *text; guint8 count; guint8 steps; guint interval_ms; } good[] = {
    { "0", 0, 0, 50 },
    { "2,100", 2, 1, 100 },
    { "3", 3, 0, 50 },
    { "7,1600", 7, 31, 1600 },
    { "1,50", 1, 0, 50 },
  };
  const char *bad[] = { "8,50", "2,75", "2,0", "2,1650", "2,100,3", "", "a", ",100", "2," };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint8 count = 99, steps = 99;

      g_assert_true (mesh_cli_parse_retransmit (good[i].text, &count, &steps, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count, ==, good[i].count);
      g_assert_cmpuint (steps, ==, good[i].steps);
      g_assert_cmpuint (mesh_cli_retransmit_interval_to_ms (steps), ==, good[i].interval_ms);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint8 count, steps;

      g_assert_false (mesh_cli_parse_retransmit (bad[i], &count, &steps, &error));
      g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
    }
}

static void
test_key_and_uuid (void)
{
  const guint8 expected[16] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) uuid = NULL;
  g_autoptr(GBytes) uuid_dashes = NULL;

  key = mesh_cli_parse_key ("00112233445566778899AABBCCDDEEFF", "--static-oob", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (key, NULL), g_bytes_get_size (key), expected, 16);

  /* A key has no dashes; 31 or 33 digits are refused. */
  g_assert_null (mesh_cli_parse_key ("00112233-4455-6677-8899-aabbccddeeff", "--static-oob",
                                     &error));
  g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
  g_assert_true (g_str_has_prefix (error->message, "--static-oob "));
  g_clear_error (&error);
  g_assert_null (mesh_cli_parse_key ("00112233445566778899aabbccddeef", "--static-oob", &error));
  g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
  g_clear_error (&error);
  g_assert_null (mesh_cli_parse_key ("00112233445566778899aabbccddeeffa", "--static-oob", &error));
  g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
  g_clear_error (&error);
  g_assert_null (mesh_cli_parse_key ("00112233445566778899aabbccddeegg", "--static-oob", &error));
  g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
  g_clear_error (&error);

  uuid = mesh_cli_parse_uuid ("00112233445566778899aabbccddeeff", &error);
  uuid_dashes = mesh_cli_parse_uuid ("00112233-4455-6677-8899-AABBCCDDEEFF", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (uuid, NULL), g_bytes_get_size (uuid), expected, 16);
  g_assert_true (g_bytes_equal (uuid, uuid_dashes));

  g_assert_null (mesh_cli_parse_uuid ("0011223344556677", &error));
  g_assert_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE);
}

static void
test_oob_info_keys (void)
{
  g_auto(GStrv) box = mesh_cli_oob_info_keys (0x0800);
  g_auto(GStrv) two = mesh_cli_oob_info_keys (0x0021);
  g_auto(GStrv) rfu = mesh_cli_oob_info_keys (0x0600);
  g_auto(GStrv) last = mesh_cli_oob_info_keys (0x8004);
  const char * const box_expected[] = { "on-box", NULL };
  const char * const two_expected[] = { "other", "number", NULL };
  const char * const last_expected[] = { "2d-code", "on-device", NULL };

  g_assert_cmpstrv (box, box_expected);
  g_assert_cmpstrv (two, two_expected);
  g_assert_cmpuint (g_strv_length (rfu), ==, 0);
  g_assert_cmpstrv (last, last_expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/meshprov-args/address", test_address);
  g_test_add_func ("/meshprov-args/unicast", test_unicast);
  g_test_add_func ("/meshprov-args/uint", test_uint);
  g_test_add_func ("/meshprov-args/model", test_model);
  g_test_add_func ("/meshprov-args/format-model", test_format_model);
  g_test_add_func ("/meshprov-args/subscription", test_subscription);
  g_test_add_func ("/meshprov-args/destination", test_destination);
  g_test_add_func ("/meshprov-args/ttl", test_ttl);
  g_test_add_func ("/meshprov-args/period", test_period);
  g_test_add_func ("/meshprov-args/retransmit", test_retransmit);
  g_test_add_func ("/meshprov-args/key-and-uuid", test_key_and_uuid);
  g_test_add_func ("/meshprov-args/oob-info-keys", test_oob_info_keys);

  return g_test_run ();
}
