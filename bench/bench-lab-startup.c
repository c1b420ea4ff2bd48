/* bench-lab-startup.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How fast the mesh lab comes up and goes away with N virtual devices
 * (default 20, real time): from starting mesh-lab to its COMMAND running
 * with every device joined, to every device's unprovisioned beacon heard
 * on the virtual air, and from COMMAND's end to mesh-lab's exit. Also the
 * lab's memory (RSS of all its processes).
 *
 *   bench-lab-startup [DEVICES [RUNS]]
 */

#include "config.h"

#include "lab-client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOAL_MS 3000.0

static guint64
rss_kib (guint32 pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%u/status", pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) || !(line = strstr (status, "VmRSS:")))
    return 0;
  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

/* Inside the lab: check the devices, listen for their beacons, report. */
static int
child_main (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_autoptr(GVariant) devices = NULL;
  g_autoptr(GVariant) processes = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GHashTable) waiting = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                         (GDestroyNotify) g_bytes_unref, NULL);
  g_autoptr(LabTap) tap = NULL;
  gint64 deadline, heard = 0;
  guint64 rss = 0;
  guint n_processes = 0;
  const char *role;
  guint32 pid;

  if (!bus || !(devices = lab_client_list_devices (bus, &error)) || !(tap = lab_tap_open (&error)))
    {
      g_printerr ("bench child: %s\n", error->message);
      return 1;
    }

  for (gsize i = 0; i < g_variant_n_children (devices); i++)
    {
      g_autoptr(GVariant) device = g_variant_get_child_value (devices, i);
      gboolean ready = FALSE, joining = FALSE;
      guint8 uuid[16];

      g_variant_lookup (device, "Ready", "b", &ready);
      g_variant_lookup (device, "Joining", "b", &joining);
      if (!ready || !joining || !lab_client_device_bytes (device, "Uuid", uuid))
        {
          g_printerr ("bench child: device %" G_GSIZE_FORMAT " is not up\n", i);
          return 1;
        }
      g_hash_table_add (waiting, g_bytes_new (uuid, 16));
    }

  /* Unprovisioned device beacons: 0x2b 0x00 UUID ... */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (g_hash_table_size (waiting) && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GBytes) packet = lab_tap_receive (tap, 100);
      const guint8 *data;
      gsize len;

      if (!packet)
        continue;
      data = g_bytes_get_data (packet, &len);
      if (len >= 18 && data[0] == 0x2b && data[1] == 0x00)
        {
          g_autoptr(GBytes) uuid = g_bytes_new (data + 2, 16);

          g_hash_table_remove (waiting, uuid);
        }
    }
  if (!g_hash_table_size (waiting))
    heard = g_get_monotonic_time ();

  processes = lab_client_call (bus, "GetProcesses", NULL, "(a(su))", &error);
  if (processes)
    {
      g_variant_get (processes, "(a(su))", &iter);
      while (g_variant_iter_next (iter, "(&su)", &role, &pid))
        {
          if (g_str_equal (role, "command"))
            continue;
          rss += rss_kib (pid);
          n_processes++;
        }
    }

  printf ("start %" G_GINT64_FORMAT "\nheard %" G_GINT64_FORMAT "\nrss %" G_GUINT64_FORMAT
          "\nprocesses %u\nend %" G_GINT64_FORMAT "\n",
          start, heard, rss, n_processes, g_get_monotonic_time ());
  return 0;
}

static gint64
field (const char *output,
       const char *name)
{
  g_autofree char *key = g_strconcat (name, " ", NULL);
  const char *at = strstr (output, key);

  return at ? g_ascii_strtoll (at + strlen (key), NULL, 10) : -1;
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
  g_array_sort (values, compare_doubles);
  printf ("%-34s min %7.0f  median %7.0f  max %7.0f ms\n", label,
          g_array_index (values, double, 0),
          g_array_index (values, double, values->len / 2),
          g_array_index (values, double, values->len - 1));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *devices = argc > 1 ? argv[1] : "20";
  int runs = argc > 2 ? atoi (argv[2]) : 5;
  g_autoptr(GArray) up = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) heard = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) down = g_array_new (FALSE, FALSE, sizeof (double));
  double rss_mib = 0;
  gint64 processes = 0;

  if (argc == 2 && g_str_equal (argv[1], "--child"))
    return child_main ();

  printf ("mesh lab startup with %s virtual devices (real time), %d runs\n", devices, runs);
  for (int run = 0; run < runs; run++)
    {
      const char *lab_argv[] = { MESH_LAB_PATH, "run", "--devices", devices, "--", self, "--child", NULL };
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      gint64 t1;
      int status;
      double value;

      if (!g_spawn_sync (NULL, (char **) lab_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("mesh-lab failed: %s\n", error->message);
          return 1;
        }
      t1 = g_get_monotonic_time ();

      value = (field (out, "start") - t0) / 1000.0;
      g_array_append_val (up, value);
      value = field (out, "heard") > 0 ? (field (out, "heard") - t0) / 1000.0 : -1;
      g_array_append_val (heard, value);
      value = (t1 - field (out, "end")) / 1000.0;
      g_array_append_val (down, value);
      rss_mib = field (out, "rss") / 1024.0;
      processes = field (out, "processes");
    }

  print_series ("up (all devices joined)", up);
  print_series ("all beacons heard on the air", heard);
  print_series ("teardown (command end to exit)", down);
  printf ("memory: %.1f MiB RSS in %" G_GINT64_FORMAT " processes (mesh-lab, buses, daemons, devices)\n",
          rss_mib, processes);
  printf ("goal: %s devices up in under %.0f ms: %s (median %.0f ms)\n", devices, GOAL_MS,
          g_array_index (up, double, up->len / 2) < GOAL_MS ? "met" : "NOT met",
          g_array_index (up, double, up->len / 2));

  return 0;
}
