/* test-generic-message.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-generic-message.h"
#include "mesh-wire-test-utils.h"

static gboolean
decode_hex (const char         *hex,
            MeshGenericStatus  *status,
            GError            **error)
{
  g_autoptr(GBytes) bytes = hex_to_bytes (hex);
  gsize len = g_bytes_get_size (bytes);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), len);

  return mesh_generic_status_decode (copy, len, status, error);
}

static void
assert_malformed (const char *hex)
{
  g_autoptr(GError) error = NULL;
  MeshGenericStatus status;
  gboolean ok = decode_hex (hex, &status, &error);

  if (ok)
    g_error ("“%s” decoded, but it is malformed", hex);
  assert_failed_with (ok, error, MESH_ERROR_INVALID_DATA);
}

static void
test_onoff (void)
{
  /* 5 steps of 1 s (0x45), then a delay of 10 × 5 ms */
  MeshTransition transition = { { 5, MESH_STEP_RESOLUTION_1_S }, 10 };

  assert_message (mesh_generic_onoff_get_new (), "8201");
  /* OnOff, TID */
  assert_message (mesh_generic_onoff_set_new (TRUE, 0x2a, NULL, TRUE, error), "8202 01 2a");
  assert_message (mesh_generic_onoff_set_new (FALSE, 0x2b, NULL, FALSE, error), "8203 00 2b");
  /* OnOff, TID, Transition Time, Delay */
  assert_message (mesh_generic_onoff_set_new (TRUE, 0xff, &transition, TRUE, error), "8202 01 ff 45 0a");

  /* 0x3f steps is "unknown" and may not be sent */
  transition.time.steps = 0x3f;
  assert_refused (mesh_generic_onoff_set_new (TRUE, 0, &transition, TRUE, error));
  transition.time.steps = 0x40;
  assert_refused (mesh_generic_onoff_set_new (TRUE, 0, &transition, FALSE, error));
}

static void
test_level (void)
{
  MeshTransition fast = { { 2, MESH_STEP_RESOLUTION_100_MS }, 0 };
  MeshTransition slow = { { 1, MESH_STEP_RESOLUTION_1_S }, 0 };

  assert_message (mesh_generic_level_get_new (), "8205");
  /* Level -1000 (0xfc18) little-endian, TID */
  assert_message (mesh_generic_level_set_new (-1000, 3, NULL, TRUE, error), "8206 18fc 03");
  assert_message (mesh_generic_level_set_new (G_MAXINT16, 3, NULL, FALSE, error), "8207 ff7f 03");
  assert_message (mesh_generic_level_set_new (G_MININT16, 3, &fast, TRUE, error), "8206 0080 03 02 00");
  /* Delta Level -100000 (0xfffe7960) on four octets */
  assert_message (mesh_generic_delta_set_new (-100000, 4, &fast, TRUE, error), "8209 6079feff 04 02 00");
  assert_message (mesh_generic_delta_set_new (1, 4, NULL, FALSE, error), "820a 01000000 04");
  /* Move: Delta Level 200 per second */
  assert_message (mesh_generic_move_set_new (200, 5, &slow, TRUE, error), "820b c800 05 41 00");
  assert_message (mesh_generic_move_set_new (-1, 6, NULL, FALSE, error), "820c ffff 06");

  slow.time.steps = 0x3f;
  assert_refused (mesh_generic_level_set_new (0, 0, &slow, TRUE, error));
  assert_refused (mesh_generic_delta_set_new (0, 0, &slow, TRUE, error));
  assert_refused (mesh_generic_move_set_new (0, 0, &slow, FALSE, error));
}

static void
test_onoff_status (void)
{
  g_autoptr(GError) error = NULL;
  MeshGenericStatus status;

  g_assert_true (decode_hex ("8204 01", &status, &error));
  g_assert_no_error (error);
  g_assert_cmphex (status.opcode, ==, MESH_OP_GENERIC_ONOFF_STATUS);
  g_assert_true (status.onoff.present);
  g_assert_false (status.onoff.has_target);

  /* Present off, Target on, Remaining Time 10 × 1 s */
  g_assert_true (decode_hex ("8204 00 01 4a", &status, &error));
  g_assert_false (status.onoff.present);
  g_assert_true (status.onoff.has_target);
  g_assert_true (status.onoff.target);
  g_assert_cmpuint (mesh_step_time_to_ms (status.onoff.remaining), ==, 10000);

  /* an unknown remaining time is allowed in a status */
  g_assert_true (decode_hex ("8204 01 00 ff", &status, &error));
  g_assert_cmpuint (status.onoff.remaining.steps, ==, MESH_STEP_TIME_STEPS_UNKNOWN);

  assert_malformed ("8204");
  assert_malformed ("8204 00 01");
  assert_malformed ("8204 00 01 4a 00");
  assert_malformed ("8204 02");
  assert_malformed ("8204 00 02 4a");
}

static void
test_level_status (void)
{
  g_autoptr(GError) error = NULL;
  MeshGenericStatus status;
  static const guint8 params[] = { 0x00, 0x80 };
  MeshGenericLevelStatus level;

  g_assert_true (decode_hex ("8208 18fc", &status, &error));
  g_assert_no_error (error);
  g_assert_cmphex (status.opcode, ==, MESH_OP_GENERIC_LEVEL_STATUS);
  g_assert_cmpint (status.level.present, ==, -1000);
  g_assert_false (status.level.has_target);

  /* Present 0, Target 32767, Remaining 5 × 1 s */
  g_assert_true (decode_hex ("8208 0000 ff7f 45", &status, &error));
  g_assert_cmpint (status.level.present, ==, 0);
  g_assert_true (status.level.has_target);
  g_assert_cmpint (status.level.target, ==, G_MAXINT16);
  g_assert_cmpuint (mesh_step_time_to_ms (status.level.remaining), ==, 5000);

  g_assert_true (mesh_generic_level_status_decode (params, sizeof params, &level, &error));
  g_assert_cmpint (level.present, ==, G_MININT16);

  assert_malformed ("8208");
  assert_malformed ("8208 18");
  assert_malformed ("8208 18fc 00");
  assert_malformed ("8208 18fc 0000");
  assert_malformed ("8208 18fc 0000 00 00");
}

static void
test_not_a_status (void)
{
  assert_malformed ("");
  assert_malformed ("7f 01");
  assert_malformed ("8202 01 2a");
  assert_malformed ("800e 07");
}

static void
check_seed (const guint8 *data,
            gsize         len,
            const char   *name)
{
  g_autoptr(GError) error = NULL;
  MeshGenericStatus status;

  if (!mesh_generic_status_decode (data, len, &status, &error))
    g_error ("seed %s: %s", name, error->message);
}

static void
test_fuzz_seeds (void)
{
  for_each_fuzz_seed ("generic-status", check_seed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/generic-message/onoff", test_onoff);
  g_test_add_func ("/generic-message/level", test_level);
  g_test_add_func ("/generic-message/onoff-status", test_onoff_status);
  g_test_add_func ("/generic-message/level-status", test_level_status);
  g_test_add_func ("/generic-message/not-a-status", test_not_a_status);
  g_test_add_func ("/generic-message/fuzz-seeds", test_fuzz_seeds);

  return g_test_run ();
}
