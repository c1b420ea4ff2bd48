/* test-lab-config-engine.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-client.h"
#include "mesh-app-key.h"
#include "mesh-config-plan.h"
#include "mesh-core-test-utils.h"
#include "mesh-element.h"
#include "mesh-error.h"
#include "mesh-model.h"
#include "mesh-session-test-utils.h"

/* The configuration engine against the real bluetooth-meshd, in the mesh
 * lab: runs as `mesh-lab run --devices 3 --timewarp 10 -- session-run
 * test-lab-config-engine`. The devices are provisioned through the
 * application's own session; then on each node an AppKey, two bindings, a
 * subscription and a publication, each confirmed by the node's status and
 * read back from the database file; Generic OnOff sets change the virtual
 * devices; requests that get no answer (device gone, air lost) end with a
 * timeout after the retries and write nothing. */

#define N_DEVICES 3
#define ONOFF     0x1000
#define LEVEL     0x1002
#define GROUP_SUB 0xc001
#define GROUP_PUB 0xc002

/* Shared by the tests, which run in order. */
static struct
{
  GDBusConnection  *bus;      /* the lab's control interface */
  char             *db_path;
  MeshSession      *session;
  MeshNetwork      *network;
  MeshConfigEngine *engine;
  GPtrArray        *nodes;    /* MeshNode, in the lab's device order */
  guint16           app_key_index;
} lab;

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  return mesh_core_test_wait (result);
}

static void
check_stored (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshStore) store = NULL;
  MeshNetwork *network;

  /* A second connection reads what was committed to the file. */
  mesh_store_open_async (lab.db_path, NULL, mesh_core_test_result_cb, &result);
  result = wait_result (&result);
  store = mesh_store_open_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  network = mesh_store_find_network (store, mesh_network_get_uuid (lab.network));
  mesh_store_load_network_async (store, network, NULL, mesh_core_test_result_cb, &result);
  result = wait_result (&result);
  g_assert_true (mesh_store_load_network_finish (store, result, &error));
  g_clear_object (&result);

  for (guint i = 0; i < N_DEVICES; i++)
    {
      guint16 unicast = mesh_node_get_unicast (lab.nodes->pdata[i]);
      MeshNode *node = mesh_network_find_node_by_address (network, unicast);
      const MeshNodeKey *keys;
      const MeshDestination *subscriptions;
      const MeshPublication *publication;
      const guint16 *bindings;
      MeshElement *element;
      MeshModel *onoff, *level;
      guint n;

      g_assert_nonnull (node);
      mesh_store_load_elements_async (store, network, node, NULL, mesh_core_test_result_cb, &result);
      result = wait_result (&result);
      g_assert_true (mesh_store_load_elements_finish (store, result, &error));
      g_clear_object (&result);

      keys = mesh_node_get_app_keys (node, &n);
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpuint (keys[0].index, ==, lab.app_key_index);

      element = mesh_node_get_element (node, 0);
      onoff = mesh_element_find_model (element, ONOFF, FALSE);
      level = mesh_element_find_model (element, LEVEL, FALSE);
      bindings = mesh_model_get_bindings (onoff, &n);
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpuint (bindings[0], ==, lab.app_key_index);
      bindings = mesh_model_get_bindings (level, &n);
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpuint (bindings[0], ==, lab.app_key_index);
      subscriptions = mesh_model_get_subscriptions (onoff, &n);
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmphex (subscriptions[0].address, ==, GROUP_SUB);
      publication = mesh_model_get_publication (onoff);
      g_assert_nonnull (publication);
      g_assert_cmphex (publication->destination.address, ==, GROUP_PUB);
      g_assert_cmpuint (publication->app_key_index, ==, lab.app_key_index);
      g_assert_cmpuint (publication->ttl, ==, 5);
    }

  g_clear_object (&store);
}

static void
test_provision (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MeshAppKey) app_key = NULL;
  g_autoptr(GError) error = NULL;

  lab.session = mesh_session_test_open (lab.db_path);
  lab.network = mesh_session_test_create_network (lab.session, "Lab");
  lab.engine = mesh_session_get_engine (lab.session);

  for (guint i = 0; i < N_DEVICES; i++)
    {
      g_autoptr(GBytes) uuid = mesh_session_test_lab_uuid (lab.bus, i, NULL);
      MeshNode *node = mesh_session_test_provision (lab.session, uuid, NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (lab.nodes, node);
    }

  /* On our own node too, bound to our client models. */
  mesh_session_create_app_key_async (lab.session, 0, MESH_SESSION_ANY_APP_KEY_INDEX, "Lights", NULL,
                                     mesh_core_test_result_cb, &result);
  result = wait_result (&result);
  app_key = mesh_session_create_app_key_finish (lab.session, result, &error);
  g_assert_no_error (error);
  lab.app_key_index = mesh_app_key_get_index (app_key);

  /* The composition, read by the engine at provisioning, is there. */
  for (guint i = 0; i < N_DEVICES; i++)
    {
      MeshNode *node = lab.nodes->pdata[i];

      g_assert_true (mesh_node_get_elements_loaded (node));
      g_assert_cmpuint (g_list_model_get_n_items (mesh_node_get_elements (node)), ==, 2);
      g_assert_nonnull (mesh_element_find_model (mesh_node_get_element (node, 0), ONOFF, FALSE));
    }
}

static void
progress_cb (MeshNode     *node,
             guint         step,
             const GError *error,
             gpointer      user_data)
{
  guint *n_ok = user_data;

  g_assert_no_error ((GError *) error);
  (*n_ok)++;
}

static void
test_configure (void)
{
  g_autoptr(MeshConfigPlan) plan = mesh_config_plan_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;
  MeshPublication publication = { .app_key_index = lab.app_key_index, .ttl = 5,
                                  .period_steps = 0, .retransmit_count = 1,
                                  .retransmit_interval_steps = 2 };
  MeshDestination group;
  guint n_ok = 0;

  mesh_destination_init_address (&group, GROUP_SUB);
  mesh_destination_init_address (&publication.destination, GROUP_PUB);
  mesh_config_plan_add_app_key (plan, lab.app_key_index);
  mesh_config_plan_add_bind (plan, 0, mesh_model_id_sig (ONOFF), lab.app_key_index);
  mesh_config_plan_add_bind (plan, 0, mesh_model_id_sig (LEVEL), lab.app_key_index);
  mesh_config_plan_add_subscription (plan, 0, mesh_model_id_sig (ONOFF), &group);
  mesh_config_plan_add_publication (plan, 0, mesh_model_id_sig (ONOFF), &publication);

  mesh_config_engine_set_timeout (lab.engine, 2000);
  mesh_config_plan_run_async (plan, lab.engine, lab.nodes, progress_cb, &n_ok, NULL, NULL,
                              mesh_core_test_result_cb, &result);
  result = wait_result (&result);
  g_assert_true (mesh_config_plan_run_finish (plan, result, &failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (failed->len, ==, 0);
  g_assert_cmpuint (n_ok, ==, N_DEVICES * 5);

  check_stored ();

  /* The nodes say so themselves, and meshd holds the publication. */
  for (guint i = 0; i < N_DEVICES; i++)
    {
      MeshNode *node = lab.nodes->pdata[i];
      guint16 unicast = mesh_node_get_unicast (node);
      g_autoptr(MeshConfigStatus) status = NULL;
      g_autoptr(GVariant) device = NULL;
      g_autoptr(GVariant) publications = NULL;
      gboolean published = FALSE;

      g_clear_object (&result);
      mesh_config_engine_subscription_get_async (lab.engine, node, unicast, mesh_model_id_sig (ONOFF), NULL,
                                                 mesh_core_test_result_cb, &result);
      result = wait_result (&result);
      status = mesh_config_engine_subscription_get_finish (lab.engine, result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (status->model_list.n_items, ==, 1);
      g_assert_cmphex (status->model_list.items[0], ==, GROUP_SUB);
      g_clear_pointer (&status, mesh_config_status_free);

      g_clear_object (&result);
      mesh_config_engine_model_app_get_async (lab.engine, node, unicast, mesh_model_id_sig (LEVEL), NULL,
                                              mesh_core_test_result_cb, &result);
      result = wait_result (&result);
      status = mesh_config_engine_model_app_get_finish (lab.engine, result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (status->model_list.n_items, ==, 1);
      g_assert_cmpuint (status->model_list.items[0], ==, lab.app_key_index);

      device = lab_client_get_device (lab.bus, i, &error);
      g_assert_no_error (error);
      publications = g_variant_lookup_value (device, "OnOffPublication", G_VARIANT_TYPE ("ab"));
      g_assert_nonnull (publications);
      g_variant_get_child (publications, 0, "b", &published);
      g_assert_true (published);
    }
}

static gboolean
device_onoff (guint index,
              guint element)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) device = lab_client_get_device (lab.bus, index, &error);
  g_autoptr(GVariant) onoff = NULL;
  gboolean on = FALSE;

  g_assert_no_error (error);
  onoff = g_variant_lookup_value (device, "OnOff", G_VARIANT_TYPE ("ab"));
  g_assert_nonnull (onoff);
  g_variant_get_child (onoff, element, "b", &on);
  return on;
}

static void
test_onoff (void)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_DEVICES; i++)
    {
      guint16 unicast = mesh_node_get_unicast (lab.nodes->pdata[i]);
      g_autoptr(GAsyncResult) result = NULL;
      MeshGenericOnOffStatus status;

      g_assert_false (device_onoff (i, 0));
      mesh_config_engine_generic_onoff_set_async (lab.engine, unicast, lab.app_key_index, TRUE, NULL, TRUE,
                                                  NULL, mesh_core_test_result_cb, &result);
      result = wait_result (&result);
      g_assert_true (mesh_config_engine_generic_onoff_set_finish (lab.engine, result, &status, &error));
      g_assert_no_error (error);
      g_assert_true (status.present);
      g_assert_true (device_onoff (i, 0));
      g_clear_object (&result);

      /* Unacknowledged: done when sent; the device follows. */
      mesh_config_engine_generic_onoff_set_async (lab.engine, unicast, lab.app_key_index, FALSE, NULL, FALSE,
                                                  NULL, mesh_core_test_result_cb, &result);
      result = wait_result (&result);
      g_assert_true (mesh_config_engine_generic_onoff_set_finish (lab.engine, result, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (lab_client_wait_device (lab.bus, i, "OnOff", g_variant_new_parsed ("[false, false]"), 5000));
    }
}

static void
expect_timeout (MeshNode *node,
                guint8    ttl)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  int before = mesh_node_get_default_ttl (node);

  mesh_config_engine_default_ttl_set_async (lab.engine, node, ttl, NULL, mesh_core_test_result_cb, &result);
  result = wait_result (&result);
  status = mesh_config_engine_default_ttl_set_finish (lab.engine, result, &error);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "The node did not answer. It may be out of range or switched off.");
  g_assert_null (status);
  g_assert_cmpint (mesh_node_get_default_ttl (node), ==, before);
  g_assert_cmpint (before, !=, ttl);
}

static void
test_timeout (void)
{
  MeshNode *node = lab.nodes->pdata[1];
  MeshNode *vanished = lab.nodes->pdata[2];
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  mesh_config_engine_set_timeout (lab.engine, 500);
  mesh_config_engine_set_retries (lab.engine, 2);

  /* The device is gone. */
  mesh_session_test_lab_call (lab.bus, "VanishDevice", g_variant_new ("(u)", 2));
  expect_timeout (vanished, 9);

  /* Every packet is lost on the air. */
  mesh_session_test_lab_call (lab.bus, "SetLoss", g_variant_new ("(d)", 1.0));
  expect_timeout (node, 9);

  /* Back on the air, the same request goes through and is stored. */
  mesh_session_test_lab_call (lab.bus, "SetLoss", g_variant_new ("(d)", 0.0));
  mesh_config_engine_default_ttl_set_async (lab.engine, node, 9, NULL, mesh_core_test_result_cb, &result);
  result = wait_result (&result);
  status = mesh_config_engine_default_ttl_set_finish (lab.engine, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->default_ttl, ==, 9);
  g_assert_cmpint (mesh_node_get_default_ttl (node), ==, 9);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* One lab for all the tests, which run in order; the database is in
   * session-run's cache directory, removed afterwards. */
  lab.db_path = mesh_core_test_temp_path ("networks.db");
  lab.bus = mesh_session_test_lab_bus ();
  lab.nodes = g_ptr_array_new_with_free_func (g_object_unref);

  g_test_add_func ("/lab-config-engine/provision", test_provision);
  g_test_add_func ("/lab-config-engine/configure", test_configure);
  g_test_add_func ("/lab-config-engine/onoff", test_onoff);
  g_test_add_func ("/lab-config-engine/timeout", test_timeout);

  status = g_test_run ();

  g_clear_pointer (&lab.nodes, g_ptr_array_unref);
  g_clear_object (&lab.network);
  g_clear_object (&lab.session);
  g_clear_object (&lab.bus);
  g_free (lab.db_path);
  return status;
}
