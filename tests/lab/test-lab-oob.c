/* test-lab-oob.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs inside `mesh-lab run --devices 1 --oob static:...`: provisioning
 * with a wrong static OOB value fails with an error (meshd 5.66 reports
 * AddNodeFailed "bad-pdu" on the provisioner side), the device goes back
 * to waiting, and the same device is then provisioned with the right
 * value. */

#include "config.h"

#include "lab-app.h"
#include "lab-client.h"
#include "lab-provisioner.h"

#include <string.h>

static void
test_wrong_then_right (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_autoptr(LabProvisioner) prov = NULL;
  g_autoptr(GVariant) device = NULL;
  g_autofree char *oob = NULL;
  guint8 uuid[16], key[16], wrong[16];
  guint attempts = 0;
  guint provision_ms;
  guint16 unicast = 0;
  gboolean ok;

  g_assert_no_error (error);
  device = lab_client_get_device (bus, 0, &error);
  g_assert_no_error (error);
  g_assert_true (lab_client_device_bytes (device, "Uuid", uuid));
  g_assert_true (g_variant_lookup (device, "Oob", "s", &oob));
  g_assert_cmpstr (oob, ==, "static");
  g_assert_true (lab_client_device_bytes (device, "StaticKey", key));
  g_assert_true (g_variant_lookup (device, "JoinAttempts", "u", &attempts));
  g_assert_cmpuint (attempts, ==, 1);

  /* One bit off */
  memcpy (wrong, key, 16);
  wrong[15] ^= 0x01;

  prov = lab_provisioner_new (bus, &error);
  g_assert_no_error (error);
  provision_ms = lab_provisioner_timeout (prov, 60000);
  ok = lab_provisioner_create_network (prov, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  ok = lab_provisioner_scan_for (prov, uuid, provision_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = lab_provisioner_add_node (prov, uuid, wrong, provision_ms, &unicast, NULL, &error);
  g_assert_false (ok);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_test_message ("wrong static OOB: AddNodeFailed “%s”", error->message);
  g_assert_cmpstr (error->message, ==, "bad-pdu");
  g_clear_error (&error);

  /* The device was told, and waits to be provisioned again. */
  g_assert_true (lab_client_wait_device (bus, 0, "JoinAttempts", g_variant_new_uint32 (2),
                                         provision_ms));
  g_assert_true (lab_client_wait_device (bus, 0, "Joining", g_variant_new_boolean (TRUE),
                                         provision_ms));
  g_assert_true (lab_client_wait_device (bus, 0, "Provisioned", g_variant_new_boolean (FALSE), 1));

  ok = lab_provisioner_scan_for (prov, uuid, provision_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = lab_provisioner_add_node (prov, uuid, key, provision_ms, &unicast, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (unicast, !=, 0);

  g_assert_true (lab_client_wait_device (bus, 0, "Attached", g_variant_new_boolean (TRUE),
                                         provision_ms));
  g_assert_true (lab_client_wait_device (bus, 0, "Unicast", g_variant_new_uint16 (unicast),
                                         provision_ms));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lab/oob/static/wrong-then-right", test_wrong_then_right);

  return g_test_run ();
}
