/* bench-lab-provision.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How long provisioning and configuration take in the mesh lab, with the
 * lab's minimal provisioner (tests/lab/lab-provisioner.c): PB-ADV
 * provisioning of each device, Composition Data Get, and Generic OnOff
 * Set/Status round trips; with the packets the provisioner's daemon put
 * on the air and what they cost at one packet per unit-radio tick.
 *
 *   bench-lab-provision [DEVICES [TIMEWARP]]   (defaults: 5, 10)
 */

#include "config.h"

#include "lab-client.h"
#include "lab-msg.h"
#include "lab-provisioner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUND_TRIPS 10

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_series (const char *label,
              GArray     *values)
{
  double sum = 0;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  g_array_sort (values, compare_doubles);
  printf ("%-30s n %3u  min %7.0f  median %7.0f  mean %7.0f  max %7.0f ms\n", label, values->len,
          g_array_index (values, double, 0), g_array_index (values, double, values->len / 2),
          sum / values->len, g_array_index (values, double, values->len - 1));
}

static guint64
daemon_sent (GDBusConnection *bus,
             double          *tick_ms)
{
  g_autoptr(GVariant) reply = lab_client_call (bus, "GetAirStats", NULL, "(a{sv})", NULL);
  g_autoptr(GVariant) stats = reply ? g_variant_get_child_value (reply, 0) : NULL;
  guint64 sent = 0;

  if (stats)
    {
      g_variant_lookup (stats, "DaemonSent", "t", &sent);
      g_variant_lookup (stats, "TickMs", "d", tick_ms);
    }
  return sent;
}

#define CHECK(ok) \
  G_STMT_START { if (!(ok)) { g_printerr ("bench: %s\n", error ? error->message : #ok); return 1; } } G_STMT_END

static int
child_main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_autoptr(LabProvisioner) prov = NULL;
  g_autoptr(GVariant) devices = NULL;
  g_autoptr(GArray) provisioning = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) composition = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) onoff = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) config = g_array_new (FALSE, FALSE, sizeof (double));
  guint16 *unicast;
  guint provision_ms, request_ms;
  guint64 sent_before, sent_after;
  double tick_ms = 0, config_ms;
  gint64 config_start;
  guint8 tid = 0;
  guint16 self;
  gsize n;

  CHECK (bus && (devices = lab_client_list_devices (bus, &error)));
  n = g_variant_n_children (devices);
  unicast = g_new0 (guint16, n);
  CHECK ((prov = lab_provisioner_new (bus, &error)));
  provision_ms = lab_provisioner_timeout (prov, 60000);
  request_ms = lab_provisioner_timeout (prov, 2000);
  CHECK (lab_provisioner_create_network (prov, &error));
  self = lab_provisioner_get_address (prov);

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) device = g_variant_get_child_value (devices, i);
      guint8 uuid[16];
      gint64 start;
      double ms;

      lab_client_device_bytes (device, "Uuid", uuid);
      start = g_get_monotonic_time ();
      CHECK (lab_provisioner_scan_for (prov, uuid, provision_ms, &error));
      CHECK (lab_provisioner_add_node (prov, uuid, NULL, provision_ms, &unicast[i], NULL, &error));
      ms = elapsed_ms (start);
      g_array_append_val (provisioning, ms);
    }

  CHECK (lab_provisioner_create_app_key (prov, 0, &error));
  CHECK (lab_provisioner_add_app_key (prov, self, 0, request_ms, &error));
  CHECK (lab_provisioner_bind (prov, self, self, 0, LAB_MODEL_ONOFF_CLIENT, request_ms, &error));

  /* One node after the other: Composition Data, AppKey, one binding. */
  sent_before = daemon_sent (bus, &tick_ms);
  config_start = g_get_monotonic_time ();
  for (gsize i = 0; i < n; i++)
    {
      const guint8 page = 0;
      g_autoptr(GBytes) get = lab_msg_new (LAB_OP_COMPOSITION_GET, &page, 1);
      g_autoptr(GBytes) status = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      CHECK ((status = lab_provisioner_dev_key_request (prov, unicast[i], get, LAB_OP_COMPOSITION_STATUS,
                                                        3, request_ms, &error)));
      ms = elapsed_ms (start);
      g_array_append_val (composition, ms);
      start = g_get_monotonic_time ();
      CHECK (lab_provisioner_add_app_key (prov, unicast[i], 0, request_ms, &error));
      CHECK (lab_provisioner_bind (prov, unicast[i], unicast[i], 0, LAB_MODEL_ONOFF_SERVER,
                                   request_ms, &error));
      ms = elapsed_ms (start);
      g_array_append_val (config, ms);
    }
  config_ms = elapsed_ms (config_start);
  sent_after = daemon_sent (bus, &tick_ms);

  for (guint i = 0; i < ROUND_TRIPS; i++)
    {
      const guint8 params[] = { i % 2 == 0, ++tid };
      g_autoptr(GBytes) set = lab_msg_new (LAB_OP_ONOFF_SET, params, sizeof params);
      g_autoptr(GBytes) status = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      CHECK ((status = lab_provisioner_app_request (prov, unicast[i % n], 0, set, LAB_OP_ONOFF_STATUS,
                                                    3, request_ms, &error)));
      ms = elapsed_ms (start);
      g_array_append_val (onoff, ms);
    }

  print_series ("provisioning (scan + PB-ADV)", provisioning);
  print_series ("Composition Data Get", composition);
  print_series ("AppKey Add + Model App Bind", config);
  print_series ("Generic OnOff Set/Status", onoff);
  printf ("configuration of %" G_GSIZE_FORMAT " nodes one at a time: %.0f ms; the provisioner's "
          "daemon sent %" G_GUINT64_FORMAT " packets; floor of the air (packets x tick): %.0f ms "
          "at one network packet per %.0f ms tick\n",
          n, config_ms, sent_after - sent_before, (sent_after - sent_before) * tick_ms, tick_ms);

  g_free (unicast);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *devices = argc > 1 ? argv[1] : "5";
  const char *timewarp = argc > 2 ? argv[2] : "10";
  const char *lab_argv[] = { MESH_LAB_PATH, "run", "--devices", devices, "--timewarp", timewarp,
                             "--", self, "--child", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (argc == 2 && g_str_equal (argv[1], "--child"))
    return child_main ();

  printf ("provisioning and configuring %s virtual devices, timewarp %s\n", devices, timewarp);
  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) lab_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("mesh-lab failed: %s\n", error->message);
      return 1;
    }

  return 0;
}
