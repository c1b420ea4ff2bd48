/* test-lab-control.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs inside `mesh-lab run --devices 2 --device oob=none,cid=...`: the
 * lab's control interface (io.github.meshprovisioner.MeshLab1), which later
 * tests build on, and the virtual devices' behaviour: Set Unacknowledged,
 * publication on change, Generic Level, the vendor model, a device that
 * vanishes and comes back, a restarted provisioner-side meshd, a device
 * added at run time, packet loss, and cut links. */

#include "config.h"

#include "lab-app.h"
#include "lab-client.h"
#include "lab-msg.h"
#include "lab-provisioner.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#define APP_INDEX 0

typedef struct {
  GDBusConnection *bus;
  LabProvisioner *prov;
  guint provision_ms;
  guint request_ms;
  guint16 self;
  guint16 unicast[2];
  guint8 tid;
} Lab;

static Lab lab;

static GVariant *
property (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  GVariant *value;

  reply = lab_call (lab.bus, LAB_CONTROL_NAME, LAB_CONTROL_PATH, "org.freedesktop.DBus.Properties",
                    "Get", g_variant_new ("(ss)", LAB_CONTROL_IFACE, name),
                    G_VARIANT_TYPE ("(v)"), 10000, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);
  return value;
}

static void
control (const char *method,
         GVariant   *parameters)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = lab_client_call (lab.bus, method, parameters, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
}

static GVariant *
device_value (guint       index,
              const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) device = lab_client_get_device (lab.bus, index, &error);
  GVariant *value;

  g_assert_no_error (error);
  value = g_variant_lookup_value (device, key, NULL);
  g_assert_nonnull (value);
  return value;
}

static gboolean
device_onoff (guint index,
              guint element)
{
  g_autoptr(GVariant) onoff = device_value (index, "OnOff");
  gboolean value;

  g_variant_get_child (onoff, element, "b", &value);
  return value;
}

static gboolean
process_alive (guint32 pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%u", pid);

  return pid && g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
provision (guint index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) device = lab_client_get_device (lab.bus, index, &error);
  guint8 uuid[16];
  gboolean ok;

  g_assert_no_error (error);
  g_assert_true (lab_client_device_bytes (device, "Uuid", uuid));
  ok = lab_provisioner_scan_for (lab.prov, uuid, lab.provision_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = lab_provisioner_add_node (lab.prov, uuid, NULL, lab.provision_ms, &lab.unicast[index],
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (lab_client_wait_device (lab.bus, index, "Unicast",
                                         g_variant_new_uint16 (lab.unicast[index]),
                                         lab.provision_ms));

  ok = lab_provisioner_add_app_key (lab.prov, lab.unicast[index], APP_INDEX, lab.request_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  for (guint element = 0; element < 2; element++)
    {
      ok = lab_provisioner_bind (lab.prov, lab.unicast[index], lab.unicast[index] + element,
                                 APP_INDEX, LAB_MODEL_ONOFF_SERVER, lab.request_ms, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
    }
}

/* The network, devices 0 and 1 provisioned with OnOff bound: made once,
 * by whichever test comes first. */
static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (lab.prov)
    return;

  lab.bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_assert_no_error (error);
  lab.prov = lab_provisioner_new (lab.bus, &error);
  g_assert_no_error (error);
  lab.provision_ms = lab_provisioner_timeout (lab.prov, 60000);
  lab.request_ms = lab_provisioner_timeout (lab.prov, 2000);
  ok = lab_provisioner_create_network (lab.prov, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  lab.self = lab_provisioner_get_address (lab.prov);

  ok = lab_provisioner_create_app_key (lab.prov, APP_INDEX, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = lab_provisioner_add_app_key (lab.prov, lab.self, APP_INDEX, lab.request_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = lab_provisioner_bind (lab.prov, lab.self, lab.self, APP_INDEX, LAB_MODEL_ONOFF_CLIENT,
                             lab.request_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  provision (0);
  provision (1);
}

/* Each attempt waits a request's time, or less when there are many of
 * them: an answer takes ~12 ms at any timewarp, losses are what retries
 * are for. */
static GBytes *
app_request (guint16  address,
             guint32  opcode,
             const guint8 *params,
             gsize    len,
             guint32  reply_opcode,
             guint    attempts)
{
  g_autoptr(GBytes) message = lab_msg_new (opcode, params, len);
  g_autoptr(GError) error = NULL;
  guint timeout_ms = attempts > 3 ? MIN (lab.request_ms, 500) : lab.request_ms;
  GBytes *reply;

  reply = lab_provisioner_app_request (lab.prov, address, APP_INDEX, message, reply_opcode,
                                       attempts, timeout_ms, &error);
  g_assert_no_error (error);
  return reply;
}

static void
set_onoff (guint    index,
           guint    element,
           gboolean value,
           guint    attempts)
{
  const guint8 params[] = { value, ++lab.tid };
  g_autoptr(GBytes) status = app_request (lab.unicast[index] + element, LAB_OP_ONOFF_SET,
                                          params, sizeof params, LAB_OP_ONOFF_STATUS, attempts);

  g_assert_cmpuint (g_bytes_get_size (status), ==, 1);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (status, NULL))[0], ==, value);
  g_assert_cmpint (device_onoff (index, element), ==, value);
}

static void
test_properties (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) third = NULL;
  g_autofree char *remote = NULL;
  guint16 cid, pid, vid;
  double warp;

  setup ();

  reply = lab_client_call (lab.bus, "GetTimewarp", NULL, "(d)", &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(d)", &warp);
  g_assert_cmpfloat (warp, ==, 10.0);
  g_assert_cmpfloat (g_ascii_strtod (g_getenv ("MESH_LAB_TIMEWARP"), NULL), ==, 10.0);

  value = property ("Timewarp");
  g_assert_cmpfloat (g_variant_get_double (value), ==, 10.0);
  g_clear_pointer (&value, g_variant_unref);
  value = property ("DeviceCount");
  g_assert_cmpuint (g_variant_get_uint32 (value), ==, 3);
  g_clear_pointer (&value, g_variant_unref);
  value = property ("StateDir");
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, g_getenv ("MESH_LAB_STATE_DIR"));
  g_assert_true (g_file_test (g_variant_get_string (value, NULL), G_FILE_TEST_IS_DIR));
  g_clear_pointer (&value, g_variant_unref);
  value = property ("AirPath");
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, g_getenv ("MESH_LAB_AIR"));
  g_clear_pointer (&value, g_variant_unref);
  value = property ("DaemonRunning");
  g_assert_true (g_variant_get_boolean (value));

  /* The third device came from --device with its own IDs. */
  list = lab_client_list_devices (lab.bus, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (list), ==, 3);
  third = g_variant_get_child_value (list, 2);
  g_assert_true (g_variant_lookup (third, "CompanyId", "q", &cid));
  g_assert_true (g_variant_lookup (third, "ProductId", "q", &pid));
  g_assert_true (g_variant_lookup (third, "VersionId", "q", &vid));
  g_assert_cmphex (cid, ==, 0x1234);
  g_assert_cmphex (pid, ==, 0x5678);
  g_assert_cmphex (vid, ==, 0x9abc);

  /* Bad arguments give errors, not surprises. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = lab_client_call (lab.bus, "GetDevice", g_variant_new ("(u)", 17), NULL, &error);
  g_assert_null (reply);
  g_assert_true (g_dbus_error_is_remote_error (error));
  remote = g_dbus_error_get_remote_error (error);
  g_assert_cmpstr (remote, ==, "io.github.meshprovisioner.MeshLab.Error.NoSuchDevice");
  g_clear_pointer (&remote, g_free);
  g_clear_error (&error);
  reply = lab_client_call (lab.bus, "SetLoss", g_variant_new ("(d)", 1.5), NULL, &error);
  g_assert_null (reply);
  g_assert_nonnull (error);
  g_clear_error (&error);

  control ("SetLoss", g_variant_new ("(d)", 0.25));
  g_clear_pointer (&value, g_variant_unref);
  value = property ("Loss");
  g_assert_cmpfloat (g_variant_get_double (value), ==, 0.25);
  control ("SetLoss", g_variant_new ("(d)", 0.0));
  control ("SetDelay", g_variant_new ("(u)", 7));
  g_clear_pointer (&value, g_variant_unref);
  value = property ("Delay");
  g_assert_cmpuint (g_variant_get_uint32 (value), ==, 7);
  control ("SetDelay", g_variant_new ("(u)", 0));

  g_clear_pointer (&reply, g_variant_unref);
  reply = lab_client_call (lab.bus, "GetAirStats", NULL, "(a{sv})", &error);
  g_assert_no_error (error);
  {
    g_autoptr(GVariant) stats = g_variant_get_child_value (reply, 0);
    guint64 received = 0, sent = 0;
    double tick = 0;

    g_assert_true (g_variant_lookup (stats, "Received", "t", &received));
    g_assert_true (g_variant_lookup (stats, "DaemonSent", "t", &sent));
    g_assert_true (g_variant_lookup (stats, "TickMs", "d", &tick));
    g_assert_cmpuint (received, >, sent);
    g_assert_cmpuint (sent, >, 0);
    g_assert_cmpfloat (tick, ==, 10.0);
    g_assert_true (g_variant_lookup (stats, "ProvisioningTickMs", "d", &tick));
    g_assert_cmpfloat (tick, ==, 50.0);
  }

  /* Nobody is asking for input: ProvideInput says so. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = lab_client_call (lab.bus, "ProvideInput", g_variant_new ("(uu)", 0, 1234), NULL, &error);
  g_assert_null (reply);
  g_assert_true (g_dbus_error_is_remote_error (error));
  remote = g_dbus_error_get_remote_error (error);
  g_assert_cmpstr (remote, ==, "io.github.meshprovisioner.MeshLab.Error.NotPending");
}

static void
test_set_unacknowledged (void)
{
  const guint8 params[] = { 1, ++lab.tid };
  g_autoptr(GBytes) message = lab_msg_new (LAB_OP_ONOFF_SET_UNACK, params, sizeof params);
  g_autoptr(GError) error = NULL;
  gboolean ok, never = FALSE;

  setup ();
  lab_provisioner_count_received (lab.prov, lab.unicast[0], LAB_OP_ONOFF_STATUS, TRUE);
  g_assert_false (device_onoff (0, 0));

  ok = lab_provisioner_send (lab.prov, FALSE, lab.unicast[0], APP_INDEX, message, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (lab_client_wait_device (lab.bus, 0, "OnOff",
                                         g_variant_new_parsed ("[true, false]"), lab.request_ms));

  /* A round trip's worth of waiting: still no Status. */
  lab_wait_for (&never, lab.request_ms / 2);
  g_assert_cmpuint (lab_provisioner_count_received (lab.prov, lab.unicast[0], LAB_OP_ONOFF_STATUS, FALSE), ==, 0);

  /* The same TID again is a retransmission: not applied twice. */
  set_onoff (0, 0, FALSE, 3);
  {
    const guint8 again[] = { 0, lab.tid };
    g_autoptr(GBytes) status = app_request (lab.unicast[0], LAB_OP_ONOFF_SET, again, sizeof again,
                                            LAB_OP_ONOFF_STATUS, 3);

    g_assert_cmpuint (((const guint8 *) g_bytes_get_data (status, NULL))[0], ==, 0);
  }
}

static GBytes *
publication_set (guint16 element,
                 guint16 address)
{
  /* element, publish address, AppKey index (no friendship credentials),
   * TTL 5, period 0, no retransmissions, model */
  const guint8 params[] = { element & 0xFF, element >> 8, address & 0xFF, address >> 8,
                            APP_INDEX & 0xFF, APP_INDEX >> 8, 5, 0, 0,
                            LAB_MODEL_ONOFF_SERVER & 0xFF, LAB_MODEL_ONOFF_SERVER >> 8 };
  g_autoptr(GBytes) message = lab_msg_new (LAB_OP_MODEL_PUB_SET, params, sizeof params);
  g_autoptr(GError) error = NULL;
  GBytes *status;

  status = lab_provisioner_dev_key_request (lab.prov, lab.unicast[0], message,
                                            LAB_OP_MODEL_PUB_STATUS, 3, lab.request_ms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (status, NULL))[0], ==, 0x00);
  return status;
}

static void
test_publication (void)
{
  g_autoptr(GBytes) status = NULL;
  g_autoptr(GBytes) removed = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 params[] = { 1, ++lab.tid };
  g_autoptr(GBytes) message = lab_msg_new (LAB_OP_ONOFF_SET_UNACK, params, sizeof params);
  gint64 deadline;
  gboolean ok;

  setup ();
  g_assert_true (lab_client_wait_device (lab.bus, 0, "OnOffPublication",
                                         g_variant_new_parsed ("[false, false]"), 1));

  /* Publication to us, period 0 (publish on change only). */
  status = publication_set (lab.unicast[0], lab.self);
  g_assert_true (lab_client_wait_device (lab.bus, 0, "OnOffPublication",
                                         g_variant_new_parsed ("[true, false]"), lab.request_ms));

  /* Set Unacknowledged: no Status, but the change is published to us. */
  lab_provisioner_count_received (lab.prov, lab.unicast[0], LAB_OP_ONOFF_STATUS, TRUE);
  ok = lab_provisioner_send (lab.prov, FALSE, lab.unicast[0], APP_INDEX, message, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  deadline = g_get_monotonic_time () + (gint64) lab.request_ms * 1000;
  while (lab_provisioner_count_received (lab.prov, lab.unicast[0], LAB_OP_ONOFF_STATUS, FALSE) == 0
         && g_get_monotonic_time () < deadline)
    {
      gboolean never = FALSE;

      lab_wait_for (&never, 10);
    }
  g_assert_cmpuint (lab_provisioner_count_received (lab.prov, lab.unicast[0], LAB_OP_ONOFF_STATUS, TRUE), >=, 1);
  g_assert_true (device_onoff (0, 0));

  /* Publish address 0: the publication is removed. */
  removed = publication_set (lab.unicast[0], 0x0000);
  g_assert_true (lab_client_wait_device (lab.bus, 0, "OnOffPublication",
                                         g_variant_new_parsed ("[false, false]"), lab.request_ms));
  set_onoff (0, 0, FALSE, 3);
}

static void
test_level_and_vendor (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) level = NULL;
  guint16 cid = 0x05F1;
  const guint8 set[] = { 0x34, 0x12, ++lab.tid };
  const guint8 delta[] = { 0xFE, 0xFF, 0xFF, 0xFF, ++lab.tid }; /* -2 */
  const guint8 echo[] = { 'l', 'a', 'b' };
  gboolean ok;

  setup ();
  ok = lab_provisioner_bind (lab.prov, lab.unicast[0], lab.unicast[0], APP_INDEX,
                             LAB_MODEL_LEVEL_SERVER, lab.request_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  {
    g_autoptr(GBytes) status = app_request (lab.unicast[0], LAB_OP_LEVEL_SET, set, sizeof set,
                                            LAB_OP_LEVEL_STATUS, 3);
    const guint8 *data = g_bytes_get_data (status, NULL);

    g_assert_cmpuint (g_bytes_get_size (status), ==, 2);
    g_assert_cmphex (data[0] | data[1] << 8, ==, 0x1234);
  }
  {
    g_autoptr(GBytes) status = app_request (lab.unicast[0], LAB_OP_LEVEL_DELTA_SET, delta,
                                            sizeof delta, LAB_OP_LEVEL_STATUS, 3);
    const guint8 *data = g_bytes_get_data (status, NULL);

    g_assert_cmphex (data[0] | data[1] << 8, ==, 0x1232);
  }
  level = device_value (0, "Level");
  g_assert_cmpint (g_variant_get_int16 (level), ==, 0x1232);

  /* The vendor model echoes its payload back. */
  ok = lab_provisioner_bind (lab.prov, lab.unicast[0], lab.unicast[0], APP_INDEX,
                             (guint32) cid << 16 | LAB_VENDOR_MODEL_ID, lab.request_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  {
    g_autoptr(GBytes) reply = app_request (lab.unicast[0], lab_vendor_opcode (LAB_VENDOR_OP_ECHO, cid),
                                           echo, sizeof echo,
                                           lab_vendor_opcode (LAB_VENDOR_OP_ECHO_STATUS, cid), 3);

    g_assert_cmpmem (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), echo, sizeof echo);
  }
}

static void
test_vanish_and_restore (void)
{
  g_autoptr(GVariant) pid = NULL;
  g_autoptr(GVariant) daemon_pid = NULL;
  g_autoptr(GVariant) present = NULL;
  guint32 old_pid, old_daemon;

  setup ();
  set_onoff (1, 0, TRUE, 3);
  pid = device_value (1, "Pid");
  daemon_pid = device_value (1, "DaemonPid");
  old_pid = g_variant_get_uint32 (pid);
  old_daemon = g_variant_get_uint32 (daemon_pid);
  g_assert_true (process_alive (old_pid));
  g_assert_true (process_alive (old_daemon));

  control ("VanishDevice", g_variant_new ("(u)", 1));
  g_assert_false (process_alive (old_pid));
  g_assert_false (process_alive (old_daemon));
  present = device_value (1, "Present");
  g_assert_false (g_variant_get_boolean (present));
  g_assert_true (lab_client_wait_device (lab.bus, 1, "Ready", g_variant_new_boolean (FALSE), 1));

  /* Gone from the air: a request times out. */
  {
    const guint8 params[] = { 0 };
    g_autoptr(GBytes) get = lab_msg_new (LAB_OP_ONOFF_GET, params, 0);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) status = lab_provisioner_app_request (lab.prov, lab.unicast[1], APP_INDEX, get,
                                                            LAB_OP_ONOFF_STATUS, 1, lab.request_ms / 2,
                                                            &error);

    g_assert_null (status);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  }

  /* Back, with its token, address, bindings and state. */
  control ("RestoreDevice", g_variant_new ("(u)", 1));
  g_assert_true (lab_client_wait_device (lab.bus, 1, "Present", g_variant_new_boolean (TRUE), 1));
  g_assert_true (lab_client_wait_device (lab.bus, 1, "Attached", g_variant_new_boolean (TRUE),
                                         lab.request_ms));
  g_assert_true (lab_client_wait_device (lab.bus, 1, "Unicast", g_variant_new_uint16 (lab.unicast[1]),
                                         lab.request_ms));
  g_assert_true (device_onoff (1, 0));
  set_onoff (1, 0, FALSE, 3);
}

static void
test_restart_daemon (void)
{
  g_autoptr(GVariant) before = NULL;
  g_autoptr(GVariant) after = NULL;
  g_autoptr(GVariant) running = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  setup ();
  before = property ("DaemonPid");

  control ("StopDaemon", NULL);
  running = property ("DaemonRunning");
  g_assert_false (g_variant_get_boolean (running));
  g_assert_false (process_alive (g_variant_get_uint32 (before)));

  control ("StartDaemon", NULL);
  g_clear_pointer (&running, g_variant_unref);
  running = property ("DaemonRunning");
  g_assert_true (g_variant_get_boolean (running));

  control ("RestartDaemon", NULL);
  after = property ("DaemonPid");
  g_assert_cmpuint (g_variant_get_uint32 (after), !=, g_variant_get_uint32 (before));
  g_assert_true (process_alive (g_variant_get_uint32 (after)));

  /* Same storage: the token still attaches, the keys still work. */
  ok = lab_provisioner_attach (lab.prov, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  set_onoff (0, 1, TRUE, 3);
  set_onoff (0, 1, FALSE, 3);
}

static void
test_add_device (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GVariant) oob = NULL;
  GVariantBuilder options;
  guint index;

  setup ();
  g_variant_builder_init (&options, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&options, "{sv}", "Oob",
                         g_variant_new_string ("static:000102030405060708090a0b0c0d0e0f"));
  g_variant_builder_add (&options, "{sv}", "ProductId", g_variant_new_uint16 (0x0042));
  reply = lab_client_call (lab.bus, "AddDevice", g_variant_new ("(a{sv})", &options), "(u)", &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &index);
  g_assert_cmpuint (index, ==, 3);

  list = lab_client_list_devices (lab.bus, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (list), ==, 4);
  g_assert_true (lab_client_wait_device (lab.bus, 3, "Ready", g_variant_new_boolean (TRUE), 1));
  g_assert_true (lab_client_wait_device (lab.bus, 3, "Joining", g_variant_new_boolean (TRUE), 1));
  g_assert_true (lab_client_wait_device (lab.bus, 3, "ProductId", g_variant_new_uint16 (0x0042), 1));
  oob = device_value (3, "Oob");
  g_assert_cmpstr (g_variant_get_string (oob, NULL), ==, "static");
}

static void
test_loss (void)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint64 lost = 0;

  setup ();
  /* A lossy air: round trips still succeed, with retries. */
  control ("SetLoss", g_variant_new ("(d)", 0.3));
  for (guint i = 0; i < 4; i++)
    set_onoff (0, 0, i % 2 == 0, 20);
  control ("SetLoss", g_variant_new ("(d)", 0.0));

  reply = lab_client_call (lab.bus, "GetAirStats", NULL, "(a{sv})", &error);
  g_assert_no_error (error);
  {
    g_autoptr(GVariant) stats = g_variant_get_child_value (reply, 0);

    g_assert_true (g_variant_lookup (stats, "Lost", "t", &lost));
  }
  g_assert_cmpuint (lost, >, 0);
}

static void
link_error (gint32      a,
            gint32      b,
            const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *remote = NULL;

  reply = lab_client_call (lab.bus, "SetLink", g_variant_new ("(iib)", a, b, FALSE), NULL, &error);
  g_assert_null (reply);
  g_assert_true (g_dbus_error_is_remote_error (error));
  remote = g_dbus_error_get_remote_error (error);
  g_assert_cmpstr (remote, ==, expected);
}

static gboolean
get_link (gint32 a,
          gint32 b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean up;

  reply = lab_client_call (lab.bus, "GetLink", g_variant_new ("(ii)", a, b), "(b)", &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &up);
  return up;
}

static guint64
air_stat (const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) stats = NULL;
  guint64 value = 0;

  reply = lab_client_call (lab.bus, "GetAirStats", NULL, "(a{sv})", &error);
  g_assert_no_error (error);
  stats = g_variant_get_child_value (reply, 0);
  g_assert_true (g_variant_lookup (stats, key, "t", &value));
  return value;
}

/* Whether an unprovisioned beacon with this UUID goes by on the air within
 * timeout_ms. */
static gboolean
beacon_on_air (LabTap       *tap,
               const guint8  uuid[16],
               guint         timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GBytes) packet = lab_tap_receive (tap, 50);
      gsize len = 0;
      const guint8 *data = packet ? g_bytes_get_data (packet, &len) : NULL;

      if (data && len >= 18 && data[0] == 0x2b && data[1] == 0x00 && memcmp (data + 2, uuid, 16) == 0)
        return TRUE;
    }

  return FALSE;
}

/* SetLink: a device cut off from the provisioner's meshd is neither heard
 * by it (its beacons still go by on the air, the scan does not see them)
 * nor hears it (a Set Unacknowledged is not applied), while the rest of
 * the lab goes on; with the link up again both work. */
static void
test_links (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) device = NULL;
  g_autoptr(LabTap) tap = NULL;
  guint8 uuid[16];
  guint64 unlinked;
  gboolean ok, onoff, never = FALSE;

  setup ();
  device = lab_client_get_device (lab.bus, 2, &error);
  g_assert_no_error (error);
  g_assert_true (lab_client_device_bytes (device, "Uuid", uuid));
  tap = lab_tap_open (&error);
  g_assert_no_error (error);

  link_error (-1, -1, "io.github.meshprovisioner.MeshLab.Error.InvalidArgs");
  link_error (1, 1, "io.github.meshprovisioner.MeshLab.Error.InvalidArgs");
  link_error (-1, 17, "io.github.meshprovisioner.MeshLab.Error.NoSuchDevice");
  link_error (-2, 0, "io.github.meshprovisioner.MeshLab.Error.NoSuchDevice");
  g_assert_true (get_link (-1, 2));

  /* Device 2 → the provisioner's meshd */
  unlinked = air_stat ("Unlinked");
  control ("SetLink", g_variant_new ("(iib)", -1, 2, FALSE));
  g_assert_false (get_link (-1, 2));
  g_assert_false (get_link (2, -1));
  g_assert_true (get_link (-1, 1));
  g_assert_true (beacon_on_air (tap, uuid, lab.request_ms));
  ok = lab_provisioner_scan_for (lab.prov, uuid, lab.request_ms, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_false (ok);
  g_clear_error (&error);
  g_assert_cmpuint (air_stat ("Unlinked"), >, unlinked);

  control ("SetLink", g_variant_new ("(iib)", 2, -1, TRUE));
  g_assert_true (get_link (-1, 2));
  ok = lab_provisioner_scan_for (lab.prov, uuid, lab.provision_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* The provisioner's meshd → device 0; device 1 still hears it. */
  onoff = device_onoff (0, 1);
  control ("SetLink", g_variant_new ("(iib)", -1, 0, FALSE));
  {
    const guint8 params[] = { !onoff, ++lab.tid };
    g_autoptr(GBytes) message = lab_msg_new (LAB_OP_ONOFF_SET_UNACK, params, sizeof params);

    ok = lab_provisioner_send (lab.prov, FALSE, lab.unicast[0] + 1, APP_INDEX, message, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
  set_onoff (1, 1, !device_onoff (1, 1), 3);
  lab_wait_for (&never, lab.request_ms / 2);
  g_assert_cmpint (device_onoff (0, 1), ==, onoff);

  control ("SetLink", g_variant_new ("(iib)", -1, 0, TRUE));
  set_onoff (0, 1, !onoff, 3);

  /* Between two devices: the provisioner still reaches both. */
  control ("SetLink", g_variant_new ("(iib)", 0, 1, FALSE));
  g_assert_false (get_link (1, 0));
  g_assert_true (get_link (-1, 0));
  set_onoff (0, 1, onoff, 3);
  set_onoff (1, 1, !device_onoff (1, 1), 3);
  control ("SetLink", g_variant_new ("(iib)", 0, 1, TRUE));
  g_assert_true (get_link (0, 1));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lab/control/properties", test_properties);
  g_test_add_func ("/lab/control/set-unacknowledged", test_set_unacknowledged);
  g_test_add_func ("/lab/control/publication", test_publication);
  g_test_add_func ("/lab/control/level-and-vendor", test_level_and_vendor);
  g_test_add_func ("/lab/control/vanish-and-restore", test_vanish_and_restore);
  g_test_add_func ("/lab/control/restart-daemon", test_restart_daemon);
  g_test_add_func ("/lab/control/add-device", test_add_device);
  g_test_add_func ("/lab/control/loss", test_loss);
  g_test_add_func ("/lab/control/links", test_links);

  status = g_test_run ();
  g_clear_pointer (&lab.prov, lab_provisioner_free);
  g_clear_object (&lab.bus);
  return status;
}
