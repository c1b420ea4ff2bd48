/* bench-database.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "mesh-malloc.h"
#include "mesh-store-batch.h"
#include "mesh-store.h"

/* Figures for the network database with a network of 32,767 nodes:
 *
 *   bench-database [--nodes N] [--elements N] [--keep DIR]
 *
 * Phase 1 builds the network in memory (each node with --elements
 * elements, 4 models over them, bindings, a subscription, a publication)
 * and writes it in one batch. Phase 2 runs in a fresh process (so its RSS
 * is that of a user opening the file): open the store, load the node list
 * model, then the elements of one node and of all nodes.
 *
 * 32,767 nodes of 2 elements do not fit the unicast space (0x0001–0x7FFF):
 * with the defaults the addresses of neighbouring nodes overlap. That
 * measures the data volume asked for (65,534 elements, 131,068 models);
 * --elements 1 gives a valid address plan of the same node count. */

#define NETWORK_UUID "be7c4000-0000-4000-8000-000000000001"

static guint n_nodes = 32767;
static guint n_elements = 2;

typedef struct
{
  gint64  last;
  gint64  max_gap;
  guint   id;
} StallMeter;

static gboolean
stall_tick_cb (gpointer user_data)
{
  StallMeter *m = user_data;
  gint64 now = g_get_monotonic_time ();

  m->max_gap = MAX (m->max_gap, now - m->last);
  m->last = now;
  return G_SOURCE_CONTINUE;
}

/* Measures the longest time the main context went without running a 1 ms
 * timeout: how long the UI would freeze. */
static void
stall_start (StallMeter *m)
{
  m->last = g_get_monotonic_time ();
  m->max_gap = 0;
  m->id = g_timeout_add (1, stall_tick_cb, m);
}

static double
stall_stop (StallMeter *m)
{
  stall_tick_cb (m);
  g_source_remove (m->id);
  return m->max_gap / 1000.0;
}

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (result);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static MeshNode *
make_node (guint i)
{
  g_autofree char *uuid = g_strdup_printf ("%08x-0000-4000-8000-%012x", i, i);
  guint16 unicast = 1 + (guint) ((guint64) i * n_elements % 0x7FFF);
  MeshNode *node = mesh_node_new (uuid, unicast, 0);
  MeshTransmit transmit = { 2, 1 };
  MeshDestination group;
  MeshPublication pub = { { 0 }, 0, 5, 10, 1, 1, 2, 0 };
  const struct { guint element; guint32 id; } models[] = {
    { 0, 0x0000 }, { 0, 0x0002 }, { 0, 0x1000 }, { 1, 0x1002 },
  };

  mesh_destination_init_address (&group, 0xC000 + i % 64);
  mesh_destination_init_address (&pub.destination, 0xC000 + i % 64);

  mesh_node_set_name (node, "Light");
  mesh_node_set_cid (node, 0x0059);
  mesh_node_set_pid (node, 0x0001);
  mesh_node_set_vid (node, 0x0001);
  mesh_node_set_crpl (node, 40);
  mesh_node_set_relay (node, MESH_FEATURE_STATE_ENABLED);
  mesh_node_set_proxy (node, MESH_FEATURE_STATE_DISABLED);
  mesh_node_set_friend (node, MESH_FEATURE_STATE_NOT_SUPPORTED);
  mesh_node_set_low_power (node, MESH_FEATURE_STATE_NOT_SUPPORTED);
  mesh_node_set_config_complete (node, TRUE);
  mesh_node_set_default_ttl (node, 5);
  mesh_node_set_secure_network_beacon (node, 1);
  mesh_node_set_network_transmit (node, &transmit);
  mesh_node_add_net_key (node, 0, FALSE);
  mesh_node_add_app_key (node, 0, FALSE);

  for (guint e = 0; e < n_elements; e++)
    {
      g_autoptr(MeshElement) element = mesh_element_new (e, 0x0100 + e);

      for (guint m = 0; m < G_N_ELEMENTS (models); m++)
        {
          g_autoptr(MeshModel) model = NULL;

          /* With one element, all four models go on it. */
          if (MIN (models[m].element, n_elements - 1) != e)
            continue;

          model = mesh_model_new (models[m].id, FALSE);
          if (models[m].id >= 0x1000)
            {
              mesh_model_add_binding (model, 0);
              mesh_model_add_subscription (model, &group);
            }
          if (models[m].id == 0x1000)
            mesh_model_set_publication (model, &pub);
          mesh_element_add_model (element, model);
        }

      mesh_node_add_element (node, element);
    }

  return node;
}

static int
run_create (const char *path)
{
  g_autoptr(MeshStore) store = NULL;
  g_autoptr(MeshStoreBatch) batch = NULL;
  g_autoptr(MeshNetwork) network = mesh_network_new (NETWORK_UUID, "Benchmark");
  g_autoptr(MeshNetKey) net_key = mesh_net_key_new (0, "Primary");
  g_autoptr(MeshAppKey) app_key = mesh_app_key_new (0, 0, "Lights");
  g_autoptr(MeshProvisioner) provisioner = mesh_provisioner_new ("be7c4000-0000-4000-8000-0000000000aa", "Bench");
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshAddressRange range = { 0x0001, 0x7FFF };
  StallMeter stall;
  GStatBuf st;
  gint64 start;
  double t_build, t_batch, t_commit, stall_ms;

  store = mesh_store_open_sync (path, NULL, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_nodes; i++)
    g_ptr_array_add (nodes, make_node (i));
  t_build = seconds_since (start);

  start = g_get_monotonic_time ();
  mesh_provisioner_add_range (provisioner, MESH_RANGE_KIND_UNICAST, &range);
  batch = mesh_store_batch_new (store);
  mesh_store_batch_add (batch, NULL, network);
  mesh_store_batch_add (batch, network, net_key);
  mesh_store_batch_add (batch, network, app_key);
  mesh_store_batch_add (batch, network, provisioner);
  for (guint i = 0; i < nodes->len; i++)
    mesh_store_batch_add (batch, network, nodes->pdata[i]);
  t_batch = seconds_since (start);

  start = g_get_monotonic_time ();
  stall_start (&stall);
  mesh_store_batch_commit_async (batch, NULL, result_cb, &result);
  result = wait_for (&result);
  if (!mesh_store_batch_commit_finish (batch, result, &error))
    g_error ("%s", error->message);
  t_commit = seconds_since (start);
  stall_ms = stall_stop (&stall);

  g_clear_object (&result);
  mesh_store_close_async (store, NULL, result_cb, &result);
  result = wait_for (&result);

  g_print ("nodes: %u, elements per node: %u, models: %u\n", n_nodes, n_elements, n_nodes * 4);
  g_print ("build objects in memory:          %7.3f s\n", t_build);
  g_print ("record the batch (copies):        %7.3f s\n", t_batch);
  g_print ("commit (one transaction):         %7.3f s (longest main-loop stall %.1f ms)\n", t_commit, stall_ms);
  g_print ("create and fill, total:           %7.3f s\n", t_batch + t_commit);
  if (g_stat (path, &st) == 0)
    g_print ("database file:                    %7.1f MB\n", st.st_size / 1048576.0);

  return 0;
}

static int
run_load (const char *path)
{
  g_autoptr(MeshStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshNode) node = NULL;
  MeshNetwork *network;
  StallMeter stall;
  long rss_before = rss_kb ();
  gint64 start;
  double t_open, t_load, t_one, t_all, stall_open, stall_load, stall_all;
  long rss_loaded;

  start = g_get_monotonic_time ();
  stall_start (&stall);
  mesh_store_open_async (path, NULL, result_cb, &result);
  result = wait_for (&result);
  store = mesh_store_open_finish (result, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  t_open = seconds_since (start);
  stall_open = stall_stop (&stall);
  g_clear_object (&result);

  network = mesh_store_find_network (store, NETWORK_UUID);
  g_assert_nonnull (network);

  start = g_get_monotonic_time ();
  stall_start (&stall);
  mesh_store_load_network_async (store, network, NULL, result_cb, &result);
  result = wait_for (&result);
  if (!mesh_store_load_network_finish (store, result, &error))
    g_error ("%s", error->message);
  t_load = seconds_since (start);
  stall_load = stall_stop (&stall);
  g_clear_object (&result);
  rss_loaded = rss_kb ();

  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (network)), ==, n_nodes);

  node = g_list_model_get_item (mesh_network_get_nodes (network), n_nodes / 2);
  start = g_get_monotonic_time ();
  mesh_store_load_elements_async (store, network, node, NULL, result_cb, &result);
  result = wait_for (&result);
  if (!mesh_store_load_elements_finish (store, result, &error))
    g_error ("%s", error->message);
  t_one = seconds_since (start);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_node_get_elements (node)), ==, n_elements);

  start = g_get_monotonic_time ();
  stall_start (&stall);
  mesh_store_load_elements_async (store, network, NULL, NULL, result_cb, &result);
  result = wait_for (&result);
  if (!mesh_store_load_elements_finish (store, result, &error))
    g_error ("%s", error->message);
  t_all = seconds_since (start);
  stall_all = stall_stop (&stall);
  g_clear_object (&result);

  g_print ("open the database:                %7.3f s (longest main-loop stall %.1f ms)\n", t_open, stall_open);
  g_print ("load the node list model:         %7.3f s (longest main-loop stall %.1f ms)\n", t_load, stall_load);
  g_print ("open + node list, total:          %7.3f s\n", t_open + t_load);
  g_print ("RSS before open / after list:     %7.1f MB / %.1f MB\n", rss_before / 1024.0, rss_loaded / 1024.0);
  g_print ("elements of one node (lazy):      %7.1f ms\n", t_one * 1000);
  g_print ("elements of all nodes (export):   %7.3f s (longest main-loop stall %.1f ms)\n", t_all, stall_all);
  g_print ("RSS with all elements loaded:     %7.1f MB\n", rss_kb () / 1024.0);

  g_clear_object (&node);
  mesh_store_close_async (store, NULL, result_cb, &result);
  result = wait_for (&result);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keep = NULL;
  g_autofree char *load_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GOptionEntry entries[] = {
    { "nodes", 0, 0, G_OPTION_ARG_INT, &n_nodes, "Number of nodes (32767)", "N" },
    { "elements", 0, 0, G_OPTION_ARG_INT, &n_elements, "Elements per node (2)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Write the database into DIR and keep it", "DIR" },
    { "load", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &load_path, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— network database benchmark");

  /* As the application and meshprov run. */
  mesh_malloc_prefer_system (argv);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_elements = CLAMP (n_elements, 1, 16);

  if (load_path != NULL)
    return run_load (load_path);

  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("bench-database-XXXXXX", &error);
  if (dir == NULL || g_mkdir_with_parents (dir, 0700) != 0)
    g_error ("no directory for the database");
  path = g_build_filename (dir, "bench.db", NULL);
  g_unlink (path);

  status = run_create (path);

  /* The load in a process of its own, for an honest RSS. */
  if (status == 0)
    {
      g_autofree char *nodes_str = g_strdup_printf ("--nodes=%u", n_nodes);
      g_autofree char *elements_str = g_strdup_printf ("--elements=%u", n_elements);
      g_autofree char *load_str = g_strdup_printf ("--load=%s", path);
      const char *child[] = { "/proc/self/exe", nodes_str, elements_str, load_str, NULL };
      int wait_status;

      if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                         NULL, NULL, &wait_status, &error))
        g_error ("%s", error->message);
      if (!g_spawn_check_wait_status (wait_status, NULL))
        status = 1;
    }

  if (keep == NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }

  return status;
}
