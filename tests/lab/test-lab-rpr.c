/* test-lab-rpr.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs inside `mesh-lab run --devices 2`: a node's Remote Provisioning
 * Server (meshd 5.67 and later put one on every node's primary element)
 * scans for the lab's other device on behalf of the provisioner, which
 * cannot hear that device itself (SetLink). This is what the lab must
 * carry for Remote Provisioning: the server's meshd hears unprovisioned
 * beacons through the unit radio (README.md, "Newer meshd") and sends
 * its Scan Report back over the network. (meshd keeps the Remote
 * Provisioning Client messages to itself: the app scans through
 * Management1.UnprovisionedScan with the Server option.) With meshd 5.66
 * (no such server in the composition) the test is skipped. */

#include "config.h"

#include "lab-app.h"
#include "lab-client.h"
#include "lab-msg.h"
#include "lab-provisioner.h"

#include <string.h>

#define OP_COMPOSITION_GET       0x8008
#define OP_COMPOSITION_STATUS    0x02
#define MODEL_RPR_SERVER         0x0004

#define SERVER_DEVICE 0
#define TARGET_DEVICE 1

/* Whether element 0 of a Composition Data page 0 (after its page number)
 * lists a SIG model. */
static gboolean
primary_has_model (const guint8 *data,
                   gsize         len,
                   guint16       model)
{
  guint sig;

  /* CID, PID, VID, CRPL, Features; then Loc, NumS, NumV, the models */
  if (len < 10 + 4)
    return FALSE;
  sig = data[12];
  if (len < 14 + 2 * (gsize) sig)
    return FALSE;

  for (guint i = 0; i < sig; i++)
    if ((data[14 + 2 * i] | data[15 + 2 * i] << 8) == model)
      return TRUE;

  return FALSE;
}

static GBytes *
dev_request (LabProvisioner *prov,
             guint16         destination,
             guint32         opcode,
             const guint8   *params,
             gsize           len,
             guint32         reply_opcode,
             guint           timeout_ms)
{
  g_autoptr(GBytes) message = lab_msg_new (opcode, params, len);
  g_autoptr(GError) error = NULL;
  GBytes *reply;

  reply = lab_provisioner_dev_key_request (prov, destination, message, reply_opcode, 3,
                                           timeout_ms, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  return reply;
}

static void
test_remote_scan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_autoptr(LabProvisioner) prov = NULL;
  g_autoptr(GVariant) server = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GBytes) composition = NULL;
  const guint8 page[] = { 0 };
  guint8 server_uuid[16], target_uuid[16];
  const guint8 *data;
  gsize len;
  guint provision_ms, request_ms;
  guint16 unicast = 0;
  gboolean ok;

  g_assert_no_error (error);
  server = lab_client_get_device (bus, SERVER_DEVICE, &error);
  g_assert_no_error (error);
  g_assert_true (lab_client_device_bytes (server, "Uuid", server_uuid));
  target = lab_client_get_device (bus, TARGET_DEVICE, &error);
  g_assert_no_error (error);
  g_assert_true (lab_client_device_bytes (target, "Uuid", target_uuid));

  prov = lab_provisioner_new (bus, &error);
  g_assert_no_error (error);
  provision_ms = lab_provisioner_timeout (prov, 60000);
  request_ms = lab_provisioner_timeout (prov, 2000);
  ok = lab_provisioner_create_network (prov, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = lab_provisioner_scan_for (prov, server_uuid, provision_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = lab_provisioner_add_node (prov, server_uuid, NULL, provision_ms, &unicast, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  composition = dev_request (prov, unicast, OP_COMPOSITION_GET, page, sizeof page,
                             OP_COMPOSITION_STATUS, request_ms);
  data = g_bytes_get_data (composition, &len);
  g_assert_cmpuint (len, >, 1);
  g_assert_cmpuint (data[0], ==, 0);
  if (!primary_has_model (data + 1, len - 1, MODEL_RPR_SERVER))
    {
      g_test_skip ("this bluetooth-meshd has no Remote Provisioning Server (5.67 or later has)");
      return;
    }

  /* The provisioner cannot hear the target... */
  reply = lab_client_call (bus, "SetLink", g_variant_new ("(iib)", -1, TARGET_DEVICE, FALSE),
                           NULL, &error);
  g_assert_no_error (error);
  ok = lab_provisioner_scan_for (prov, target_uuid, request_ms, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_false (ok);
  g_clear_error (&error);

  /* ...the server hears it, and its Scan Report comes back over the
   * network: meshd passes it on as a ScanResult with the server's address. */
  ok = lab_provisioner_scan_via (prov, unicast, target_uuid, provision_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lab/rpr/remote-scan", test_remote_scan);

  return g_test_run ();
}
