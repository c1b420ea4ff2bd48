/* test-daemon-error.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every org.bluez.mesh.Error.* bluetooth-meshd 5.66 sends (mesh/dbus.c),
 * and the bus' own errors, become a MESH_ERROR with a sentence that fits
 * the call; AddNodeFailed reasons become sentences too. */

#include "config.h"

#include <string.h>

#include "mesh-daemon-private.h"
#include "mesh-error.h"

static GError *
remote (const char *name,
        const char *message)
{
  return g_dbus_error_new_for_dbus_error (name, message);
}

static GError *
mapped (const char   *name,
        MeshDaemonOp  op,
        gboolean      app_was_read)
{
  g_autoptr(GError) error = remote (name, "Operation failed");

  return mesh_daemon_error_from_dbus (error, op, app_was_read);
}

static void
assert_sentence (const GError *error)
{
  gsize len = strlen (error->message);

  g_assert_cmpuint (len, >, 20);
  g_assert_true (g_ascii_isupper (error->message[0]) || g_str_has_prefix (error->message, "bluetooth"));
  g_assert_true (error->message[len - 1] == '.');
  g_assert_null (strstr (error->message, "GDBus.Error"));
}

static void
test_mesh_errors (void)
{
  static const struct {
    const char   *name;
    MeshDaemonOp  op;
    int           code;
    const char   *words;
  } cases[] = {
    { "org.bluez.mesh.Error.Failed", MESH_DAEMON_OP_SEND, MESH_ERROR_DAEMON_FAILED, "send" },
    { "org.bluez.mesh.Error.NotAuthorized", MESH_DAEMON_OP_ADD_NODE, MESH_ERROR_DAEMON_REFUSED, "provisioning agent" },
    { "org.bluez.mesh.Error.NotFound", MESH_DAEMON_OP_ATTACH, MESH_ERROR_NOT_FOUND, "Import the network" },
    { "org.bluez.mesh.Error.NotFound", MESH_DAEMON_OP_DEV_KEY_SEND, MESH_ERROR_NOT_FOUND, "device key" },
    { "org.bluez.mesh.Error.InvalidArgs", MESH_DAEMON_OP_ADD_NODE, MESH_ERROR_INVALID_ARGUMENT, "start provisioning" },
    { "org.bluez.mesh.Error.InvalidArgs", MESH_DAEMON_OP_SEND, MESH_ERROR_NOT_FOUND, "application key" },
    { "org.bluez.mesh.Error.InProgress", MESH_DAEMON_OP_DELETE_SUBNET, MESH_ERROR_BUSY, "key refresh" },
    { "org.bluez.mesh.Error.Busy", MESH_DAEMON_OP_SCAN, MESH_ERROR_BUSY, "scan" },
    { "org.bluez.mesh.Error.AlreadyExists", MESH_DAEMON_OP_ATTACH, MESH_ERROR_EXISTS, "Another program" },
    { "org.bluez.mesh.Error.AlreadyExists", MESH_DAEMON_OP_IMPORT_APP_KEY, MESH_ERROR_EXISTS, "already has it" },
    { "org.bluez.mesh.Error.DoesNotExist", MESH_DAEMON_OP_DELETE_APP_KEY, MESH_ERROR_NOT_FOUND, "does not have the key" },
    { "org.bluez.mesh.Error.Canceled", MESH_DAEMON_OP_ADD_NODE, MESH_ERROR_FAILED, "cancelled" },
    { "org.bluez.mesh.Error.NotImplemented", MESH_DAEMON_OP_EXPORT_KEYS, MESH_ERROR_DAEMON_TOO_OLD, "cannot" },
    { "org.freedesktop.DBus.Error.ServiceUnknown", MESH_DAEMON_OP_ATTACH, MESH_ERROR_DAEMON_UNAVAILABLE, "not running" },
    { "org.freedesktop.DBus.Error.AccessDenied", MESH_DAEMON_OP_CREATE_NETWORK, MESH_ERROR_DAEMON_REFUSED, "policy" },
    { "org.freedesktop.DBus.Error.NoReply", MESH_DAEMON_OP_ADD_NODE, MESH_ERROR_TIMED_OUT, "did not answer" },
    { "org.freedesktop.DBus.Error.UnknownMethod", MESH_DAEMON_OP_EXPORT_KEYS, MESH_ERROR_DAEMON_TOO_OLD, "5.66" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = mapped (cases[i].name, cases[i].op, TRUE);

      g_test_message ("%s → %s", cases[i].name, error->message);
      g_assert_error (error, MESH_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      assert_sentence (error);
    }
}

/* MESH-LAB.md: with Debian's bluetooth-mesh.conf alone, meshd cannot call
 * the application and CreateNetwork fails with a bare "Operation failed". */
static void
test_policy_failure (void)
{
  g_autoptr(GError) policy = mapped ("org.bluez.mesh.Error.Failed", MESH_DAEMON_OP_CREATE_NETWORK,
                                     FALSE);
  g_autoptr(GError) attach = mapped ("org.bluez.mesh.Error.Failed", MESH_DAEMON_OP_ATTACH, FALSE);
  g_autoptr(GError) read = mapped ("org.bluez.mesh.Error.Failed", MESH_DAEMON_OP_CREATE_NETWORK,
                                   TRUE);

  g_assert_error (policy, MESH_ERROR, MESH_ERROR_DAEMON_REFUSED);
  g_assert_true (mesh_daemon_error_is_refusal (policy));
  g_assert_nonnull (strstr (policy->message, "D-Bus policy"));
  g_assert_nonnull (strstr (policy->message, "bluetooth.conf"));
  g_assert_error (attach, MESH_ERROR, MESH_ERROR_DAEMON_REFUSED);

  /* meshd did read our objects: not the policy, something else. */
  g_assert_error (read, MESH_ERROR, MESH_ERROR_DAEMON_FAILED);
  g_assert_false (mesh_daemon_error_is_refusal (read));
  g_assert_null (strstr (read->message, "policy"));
}

static void
test_local_errors (void)
{
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
  g_autoptr(GError) closed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED, "x");
  g_autoptr(GError) timed_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "x");
  g_autoptr(GError) unknown = g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN, "x");
  g_autoptr(GError) a = mesh_daemon_error_from_dbus (cancelled, MESH_DAEMON_OP_SEND, TRUE);
  g_autoptr(GError) b = mesh_daemon_error_from_dbus (closed, MESH_DAEMON_OP_SEND, TRUE);
  g_autoptr(GError) c = mesh_daemon_error_from_dbus (timed_out, MESH_DAEMON_OP_SEND, TRUE);
  g_autoptr(GError) d = mesh_daemon_error_from_dbus (unknown, MESH_DAEMON_OP_SEND, TRUE);

  g_assert_error (a, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (b, MESH_ERROR, MESH_ERROR_DAEMON_UNAVAILABLE);
  g_assert_error (c, MESH_ERROR, MESH_ERROR_TIMED_OUT);
  g_assert_error (d, MESH_ERROR, MESH_ERROR_DAEMON_UNAVAILABLE);
}

static void
test_add_node_failures (void)
{
  g_autofree char *wrong_key = mesh_daemon_describe_add_node_failure ("bad-pdu", TRUE);
  g_autofree char *silent = mesh_daemon_describe_add_node_failure ("bad-pdu", FALSE);
  g_autofree char *timeout = mesh_daemon_describe_add_node_failure ("timeout", FALSE);
  g_autofree char *addresses = mesh_daemon_describe_add_node_failure ("cannot-assign-addresses",
                                                                     FALSE);
  g_autofree char *other = mesh_daemon_describe_add_node_failure ("something-new", FALSE);

  g_assert_nonnull (strstr (wrong_key, "refused the authentication value"));
  g_assert_nonnull (strstr (wrong_key, "static OOB key"));
  g_assert_nonnull (strstr (silent, "stopped answering"));
  g_assert_nonnull (strstr (timeout, "did not answer in time"));
  g_assert_nonnull (strstr (addresses, "addresses"));
  g_assert_nonnull (strstr (other, "something-new"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/daemon-error/mesh-errors", test_mesh_errors);
  g_test_add_func ("/daemon-error/policy", test_policy_failure);
  g_test_add_func ("/daemon-error/local", test_local_errors);
  g_test_add_func ("/daemon-error/add-node-failed", test_add_node_failures);

  return g_test_run ();
}
