/* bench-config.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Configuring many nodes through the configuration engine, one node at a
 * time against several at once, in the mesh lab (the real
 * bluetooth-meshd): each node gets an AppKey, two bindings and a
 * subscription (MeshConfigPlan).
 *
 * All of the provisioner's traffic leaves through its one meshd, whose
 * unit radio sends its queued packets one per tick: next to each time the
 * benchmark prints the packets that meshd sent and the air floor,
 * packets x tick, which is what they cost once they queue up. A packet
 * that finds meshd's queue empty leaves at once (tests/lab/README.md), so
 * light traffic (one node at a time) can take less than that figure;
 * heavy traffic cannot.
 *
 *   bench-config [NODES [PARALLEL,... [ROUNDS [TIMEWARP [DELAY]]]]]
 *                                       (defaults: 20, 8, 3, 10, 50)
 *
 * DELAY (ms) holds every packet in the virtual air that long, as a real
 * radio's advertising and a node's response delay do: with it the time of
 * a request is its round trip rather than the air's capacity. With 0 the
 * lab's air is instant, and one node at a time is the fastest way through
 * meshd's one radio queue. With P requests in flight the ideal speed-up is
 * P: every request still waits its own round trip.
 *
 * Each round runs parallelism 1 and each given value, in an order that
 * rotates from round to round, on the same nodes; every request of every
 * run must be confirmed by its status (a repeated AppKey Add, bind or
 * subscription is answered with Success and costs the same packets). */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "lab-client.h"
#include "mesh-app-key.h"
#include "mesh-config-plan.h"
#include "mesh-core-test-utils.h"
#include "mesh-session-test-utils.h"

typedef struct
{
  GDBusConnection  *bus;     /* the lab's control interface */
  MeshSession      *session;
  MeshConfigEngine *engine;
  GPtrArray        *nodes;
  guint16           app_key_index;
} Lab;

typedef struct
{
  double  ms;
  guint64 packets;
  double  tick_ms;
} Run;

static guint64
daemon_sent (Lab    *lab,
             double *tick_ms)
{
  g_autoptr(GVariant) reply = lab_client_call (lab->bus, "GetAirStats", NULL, "(a{sv})", NULL);
  g_autoptr(GVariant) stats = reply != NULL ? g_variant_get_child_value (reply, 0) : NULL;
  guint64 sent = 0;

  if (stats != NULL)
    {
      g_variant_lookup (stats, "DaemonSent", "t", &sent);
      g_variant_lookup (stats, "TickMs", "d", tick_ms);
    }

  return sent;
}

static gboolean
run_plan (Lab             *lab,
          MeshConfigPlan  *plan,
          guint            parallel,
          Run             *run,
          GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  guint64 before;
  gint64 start;
  gboolean ok;

  mesh_config_engine_set_max_parallel (lab->engine, parallel);
  before = daemon_sent (lab, &run->tick_ms);
  start = g_get_monotonic_time ();

  mesh_config_plan_run_async (plan, lab->engine, lab->nodes, NULL, NULL, NULL, NULL,
                              mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  ok = mesh_config_plan_run_finish (plan, result, NULL, error);

  run->ms = (g_get_monotonic_time () - start) / 1000.0;
  run->packets = daemon_sent (lab, &run->tick_ms) - before;
  return ok;
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  double x = ((const Run *) a)->ms, y = ((const Run *) b)->ms;

  return (x > y) - (x < y);
}

static const Run *
median (GArray *runs)
{
  g_array_sort (runs, compare_runs);
  return &g_array_index (runs, Run, runs->len / 2);
}

static void
print_run (const char *label,
           guint       parallel,
           const Run  *run)
{
  double floor_ms = run->packets * run->tick_ms;

  printf ("%-8s parallel %2u: %7.0f ms  %4" G_GUINT64_FORMAT " packets  air floor %6.0f ms  (%.2fx the floor)\n",
          label, parallel, run->ms, run->packets, floor_ms, floor_ms > 0 ? run->ms / floor_ms : 0);
}

#define CHECK(ok) \
  G_STMT_START { if (!(ok)) { g_printerr ("bench-config: %s\n", error != NULL ? error->message : #ok); return 1; } } G_STMT_END

/* A network with every device of the lab provisioned, and an AppKey. */
static void
lab_setup (Lab        *lab,
           const char *db_path)
{
  g_autoptr(GVariant) devices = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MeshAppKey) app_key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshNetwork) network = NULL;

  lab->bus = mesh_session_test_lab_bus ();
  lab->session = mesh_session_test_open (db_path);
  network = mesh_session_test_create_network (lab->session, "Bench");
  lab->engine = mesh_session_get_engine (lab->session);
  lab->nodes = g_ptr_array_new_with_free_func (g_object_unref);

  devices = lab_client_list_devices (lab->bus, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_variant_n_children (devices); i++)
    {
      g_autoptr(GBytes) uuid = mesh_session_test_lab_uuid (lab->bus, i, NULL);
      MeshNode *node = mesh_session_test_provision (lab->session, uuid, NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (lab->nodes, node);
    }

  mesh_session_create_app_key_async (lab->session, 0, MESH_SESSION_ANY_APP_KEY_INDEX, "Bench", NULL,
                                     mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  app_key = mesh_session_create_app_key_finish (lab->session, result, &error);
  g_assert_no_error (error);
  lab->app_key_index = mesh_app_key_get_index (app_key);
}

static int
child_main (const char *parallel_list,
            guint       rounds)
{
  /* In session-run's cache directory, removed afterwards. */
  g_autofree char *db_path = mesh_core_test_temp_path ("networks.db");
  g_auto(GStrv) values = g_strsplit (parallel_list, ",", -1);
  g_autoptr(MeshConfigPlan) plan = mesh_config_plan_new ();
  g_autoptr(GArray) parallel = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GError) error = NULL;
  Lab lab_data = { 0 };
  Lab *lab = &lab_data;
  MeshDestination group;
  const Run *serial;
  gint64 start;

  /* parallel[0] is 1, the reference. */
  g_array_append_val (parallel, (guint) { 1 });
  for (guint i = 0; values[i] != NULL; i++)
    {
      guint value = atoi (values[i]);

      if (value > 1)
        g_array_append_val (parallel, value);
    }
  for (guint i = 0; i < parallel->len; i++)
    g_ptr_array_add (runs, g_array_new (FALSE, FALSE, sizeof (Run)));

  start = g_get_monotonic_time ();
  lab_setup (lab, db_path);
  printf ("%u nodes provisioned in %.1f s\n", lab->nodes->len, (g_get_monotonic_time () - start) / 1e6);

  mesh_destination_init_address (&group, 0xc001);
  mesh_config_plan_add_app_key (plan, lab->app_key_index);
  mesh_config_plan_add_bind (plan, 0, mesh_model_id_sig (0x1000), lab->app_key_index);
  mesh_config_plan_add_bind (plan, 0, mesh_model_id_sig (0x1002), lab->app_key_index);
  mesh_config_plan_add_subscription (plan, 0, mesh_model_id_sig (0x1000), &group);
  mesh_config_engine_set_timeout (lab->engine, 5000);
  mesh_config_engine_set_retries (lab->engine, 2);

  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < parallel->len; k++)
      {
        guint i = (k + r) % parallel->len;
        guint value = g_array_index (parallel, guint, i);
        Run run;

        CHECK (run_plan (lab, plan, value, &run, &error));
        print_run ("round", value, &run);
        g_array_append_val (runs->pdata[i], run);
      }

  printf ("\nconfiguring %u nodes (AppKey Add, 2 binds, 1 subscription: %u requests), median of %u runs:\n",
          lab->nodes->len, lab->nodes->len * mesh_config_plan_get_n_steps (plan), rounds);
  serial = median (runs->pdata[0]);
  print_run ("median", 1, serial);
  for (guint i = 1; i < parallel->len; i++)
    {
      const Run *run = median (runs->pdata[i]);
      guint value = g_array_index (parallel, guint, i);

      print_run ("median", value, run);
      printf ("         speed-up of parallel %u over 1: %.2fx (goal 8x; ideal %ux)\n",
              value, serial->ms / run->ms, MIN (value, lab->nodes->len));
    }
  printf ("If every packet waited its tick, no parallelism could go below the air floor: "
          "at most %.2fx over this serial time.\n", serial->ms / (serial->packets * serial->tick_ms));

  g_clear_pointer (&lab->nodes, g_ptr_array_unref);
  g_clear_object (&lab->session);
  g_clear_object (&lab->bus);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *nodes = argc > 1 ? argv[1] : "20";
  const char *parallel = argc > 2 ? argv[2] : "8";
  const char *rounds = argc > 3 ? argv[3] : "3";
  const char *timewarp = argc > 4 ? argv[4] : "10";
  const char *delay = argc > 5 ? argv[5] : "50";
  const char *lab_argv[] = { MESH_LAB_PATH, "run", "--devices", nodes, "--timewarp", timewarp,
                             "--delay", delay,
                             "--", MESH_SESSION_RUN_PATH, self, "--child", parallel, rounds, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], atoi (argv[3]));

  printf ("configuring %s virtual devices, parallelism 1 against %s, timewarp %s, air delay %s ms\n",
          nodes, parallel, timewarp, delay);
  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) lab_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-config: %s\n", error->message);
      return 1;
    }

  return 0;
}
