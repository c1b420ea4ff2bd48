/* mesh-test-network.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-test-network.h"

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (result);
}

MeshStore *
mesh_test_store_open (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshStore *store;

  mesh_store_open_async (path, NULL, result_cb, &result);
  result = wait_result (&result);
  store = mesh_store_open_finish (result, &error);
  g_assert_no_error (error);

  return store;
}

void
mesh_test_store_close (MeshStore **store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_close_async (*store, NULL, result_cb, &result);
  result = wait_result (&result);
  g_assert_true (mesh_store_close_finish (*store, result, &error));
  g_assert_no_error (error);
  g_clear_object (store);
}

void
mesh_test_store_commit (MeshStoreBatch *batch)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_batch_commit_async (batch, NULL, result_cb, &result);
  result = wait_result (&result);
  g_assert_true (mesh_store_batch_commit_finish (batch, result, &error));
  g_assert_no_error (error);
}

MeshNetwork *
mesh_test_store_load_network (MeshStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshNetwork *network = mesh_store_find_network (store, MESH_TEST_NETWORK_UUID);

  g_assert_nonnull (network);
  mesh_store_load_network_async (store, network, NULL, result_cb, &result);
  result = wait_result (&result);
  g_assert_true (mesh_store_load_network_finish (store, result, &error));
  g_assert_no_error (error);

  return network;
}

static MeshNode *
node_new (const char *uuid,
          guint16     unicast,
          const char *name,
          int         cid,
          gboolean    configured)
{
  MeshNode *node = mesh_node_new (uuid, unicast, 1);
  const MeshNodeKey net_key = { 0, FALSE };

  mesh_node_set_name (node, name);
  mesh_node_set_cid (node, cid);
  mesh_node_set_config_complete (node, configured);
  mesh_node_set_net_keys (node, &net_key, 1);

  return node;
}

static MeshNode *
kitchen_light_new (void)
{
  MeshNode *node = node_new (MESH_TEST_KITCHEN_UUID, 0x0005, "Kitchen Light", 0x0059, TRUE);
  g_autoptr(MeshElement) main_element = mesh_element_new (0, 0x0106);
  g_autoptr(MeshElement) left_element = mesh_element_new (1, 0x010D);
  g_autoptr(MeshModel) config = mesh_model_new (0x0000, FALSE);
  g_autoptr(MeshModel) health = mesh_model_new (0x0002, FALSE);
  g_autoptr(MeshModel) onoff = mesh_model_new (0x1000, FALSE);
  g_autoptr(MeshModel) level = mesh_model_new (0x1002, FALSE);
  g_autoptr(MeshModel) vendor = mesh_model_new (0x00590001, TRUE);
  MeshDestination living_room;
  MeshPublication publication = { { 0 }, 0, 5, 1, 2, 2, 1, 0 };

  mesh_node_set_pid (node, 0x0001);
  mesh_node_set_vid (node, 0x0002);
  mesh_node_set_crpl (node, 32);
  mesh_node_set_default_ttl (node, 5);
  mesh_node_set_relay (node, MESH_FEATURE_STATE_ENABLED);
  mesh_node_set_proxy (node, MESH_FEATURE_STATE_DISABLED);
  mesh_node_set_friend (node, MESH_FEATURE_STATE_NOT_SUPPORTED);
  mesh_node_set_low_power (node, MESH_FEATURE_STATE_NOT_SUPPORTED);
  mesh_node_add_app_key (node, 0, FALSE);
  mesh_node_add_app_key (node, 1, FALSE);

  mesh_destination_init_address (&living_room, 0xC000);
  mesh_destination_init_address (&publication.destination, 0xC001);
  mesh_model_add_binding (onoff, 0);
  mesh_model_add_subscription (onoff, &living_room);
  mesh_model_set_publication (onoff, &publication);

  mesh_element_add_model (main_element, config);
  mesh_element_add_model (main_element, health);
  mesh_element_add_model (main_element, onoff);
  mesh_element_add_model (left_element, level);
  mesh_element_add_model (left_element, vendor);
  mesh_node_add_element (node, main_element);
  mesh_node_add_element (node, left_element);

  return node;
}

static MeshStore *
create_network (const char      *path,
                MeshStoreBatch **batch,
                MeshNetwork    **network)
{
  MeshStore *store = mesh_test_store_open (path);
  g_autoptr(MeshNetKey) net_key = mesh_net_key_new (0, "Primary");

  *network = mesh_network_new (MESH_TEST_NETWORK_UUID, "Home");
  *batch = mesh_store_batch_new (store);
  mesh_store_batch_add (*batch, NULL, *network);
  mesh_store_batch_add (*batch, *network, net_key);

  return store;
}

void
mesh_test_network_create_home (const char *path)
{
  g_autoptr(MeshStore) store = NULL;
  g_autoptr(MeshStoreBatch) batch = NULL;
  g_autoptr(MeshNetwork) network = NULL;
  g_autoptr(MeshAppKey) lights = mesh_app_key_new (0, 0, "Lights");
  g_autoptr(MeshAppKey) sensors = mesh_app_key_new (1, 0, "Sensors");
  g_autoptr(MeshGroup) living_room = NULL;
  g_autoptr(MeshGroup) kitchen = NULL;
  MeshNode *nodes[5];
  MeshDestination address;

  store = create_network (path, &batch, &network);
  mesh_store_batch_add (batch, network, lights);
  mesh_store_batch_add (batch, network, sensors);

  mesh_destination_init_address (&address, 0xC000);
  living_room = mesh_group_new (&address, "Living room");
  mesh_destination_init_address (&address, 0xC001);
  kitchen = mesh_group_new (&address, "Kitchen");
  mesh_store_batch_add (batch, network, living_room);
  mesh_store_batch_add (batch, network, kitchen);

  nodes[0] = kitchen_light_new ();
  nodes[1] = node_new ("6a7b8c9d-aeaf-4b1c-9d2e-3f4a5b6c7d8e", 0x0002, "Hall Sensor", 0x02E5, FALSE);
  nodes[2] = node_new ("9e8d7c6b-5a49-4837-a625-14f3e2d1c0b9", 0x0010, "Garage Door", -1, FALSE);
  mesh_node_set_excluded (nodes[2], TRUE);
  nodes[3] = node_new ("c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f", 0x0100, NULL, 0x0059, TRUE);
  nodes[4] = node_new ("f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0ff", 0x0009, "Porch Lamp", 0x05F1, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      mesh_store_batch_add (batch, network, nodes[i]);
      g_object_unref (nodes[i]);
    }

  mesh_test_store_commit (batch);
  mesh_test_store_close (&store);
}

void
mesh_test_network_create_large (const char *path,
                                guint       n_nodes)
{
  static const char *names[] = {
    "Kitchen light", "Hall sensor", "Desk lamp", "Door switch", "Porch light",
    "Window blind", "Thermostat", "Garden pump",
  };
  static const int companies[] = { 0x0059, 0x02E5, 0x02FF, 0x0211 };
  g_autoptr(MeshStore) store = NULL;
  g_autoptr(MeshStoreBatch) batch = NULL;
  g_autoptr(MeshNetwork) network = NULL;
  g_autoptr(MeshAppKey) lights = mesh_app_key_new (0, 0, "Lights");

  g_assert_cmpuint (n_nodes, <=, 0x7FFF);

  store = create_network (path, &batch, &network);
  mesh_store_batch_add (batch, network, lights);

  for (guint i = 1; i <= n_nodes; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("%08x-0000-4000-8000-%012x", g_str_hash (names[i % 8]) ^ i, i);
      g_autofree char *name = g_strdup_printf ("%s %u", names[i % G_N_ELEMENTS (names)], i);
      g_autoptr(MeshNode) node = node_new (uuid, i, name, companies[i % G_N_ELEMENTS (companies)], i % 3 != 0);
      g_autoptr(MeshElement) element = mesh_element_new (0, 0x0106);
      g_autoptr(MeshModel) config = mesh_model_new (0x0000, FALSE);
      g_autoptr(MeshModel) onoff = mesh_model_new (0x1000, FALSE);

      mesh_model_add_binding (onoff, 0);
      mesh_element_add_model (element, config);
      mesh_element_add_model (element, onoff);
      mesh_node_add_element (node, element);
      mesh_store_batch_add (batch, network, node);
    }

  mesh_test_store_commit (batch);
  mesh_test_store_close (&store);
}
