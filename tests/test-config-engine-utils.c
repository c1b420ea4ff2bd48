/* test-config-engine-utils.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "mesh-store-batch.h"
#include "test-config-engine-utils.h"

static const guint8 net_key[16] = { 0x7d, 0xd7, 0x36, 0x4c, 0xd8, 0x42, 0xad, 0x18,
                                    0xc1, 0x7c, 0x2b, 0x82, 0x0c, 0x84, 0xc3, 0xd6 };

static MeshStore *
open_store (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshStore *store;

  mesh_store_open_async (path, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  store = mesh_store_open_finish (result, &error);
  g_assert_no_error (error);

  return store;
}

static void
close_store (MeshStore **store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_close_async (*store, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_close_finish (*store, result, &error));
  g_assert_no_error (error);
  g_clear_object (store);
}

static void
add (MeshStore   *store,
     MeshNetwork *network,
     gpointer     object)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_add_async (store, network, object, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_add_finish (store, result, &error));
  g_assert_no_error (error);
}

static void
load_network (MeshStore   *store,
              MeshNetwork *network)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_load_network_async (store, network, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_load_network_finish (store, result, &error));
  g_assert_no_error (error);
}

static void
keyring_store (MeshSecretKind  kind,
               guint           index,
               const guint8   *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) value = g_bytes_new (key, 16);

  mesh_keyring_store_async (NETWORK_UUID, kind, index, value, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_keyring_store_finish (result, &error));
  g_assert_no_error (error);
}

/* Two elements with the models of the simulated node. */
static MeshNode *
make_node (guint i)
{
  g_autofree char *uuid = g_strdup_printf ("0000000000000000000000000000%04x", i);
  MeshNode *node = mesh_node_new (uuid, 0x0100 + 0x10 * i, 2);
  g_autoptr(MeshElement) e0 = mesh_element_new (0, 0x0100);
  g_autoptr(MeshElement) e1 = mesh_element_new (1, 0x0100);
  static const guint32 sig_models[] = { 0x0000, 0x1000, 0x1002 };

  for (guint m = 0; m < G_N_ELEMENTS (sig_models); m++)
    {
      g_autoptr(MeshModel) model = mesh_model_new (sig_models[m], FALSE);

      mesh_element_add_model (e0, model);
    }
  {
    g_autoptr(MeshModel) vendor = mesh_model_new (0x05f10001, TRUE);
    g_autoptr(MeshModel) onoff = mesh_model_new (0x1000, FALSE);

    mesh_element_add_model (e0, vendor);
    mesh_element_add_model (e1, onoff);
  }
  mesh_node_add_element (node, e0);
  mesh_node_add_element (node, e1);
  mesh_node_add_net_key (node, 0, FALSE);

  return node;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MeshNetKey) primary = mesh_net_key_new (0, "Primary");
  g_autoptr(MeshAppKey) lights = mesh_app_key_new (1, 0, "Lights");
  g_autoptr(GBytes) app_key = hex_bytes (APP_KEY_HEX);
  g_autoptr(MeshNetwork) network = mesh_network_new (NETWORK_UUID, "Engine test");

  f->path = mesh_core_test_temp_path ("engine.db");
  f->store = open_store (f->path);
  add (f->store, NULL, network);
  f->network = g_object_ref (network);
  load_network (f->store, f->network);
  add (f->store, f->network, primary);
  add (f->store, f->network, lights);

  keyring_store (MESH_SECRET_APP_KEY, 1, g_bytes_get_data (app_key, NULL));
  keyring_store (MESH_SECRET_NET_KEY, 0, net_key);

  f->transport = mesh_test_transport_new ();
  for (guint i = 0; i < N_NODES; i++)
    {
      g_autoptr(MeshNode) node = make_node (i);
      guint8 device_key[16];

      for (guint k = 0; k < 16; k++)
        device_key[k] = g_random_int_range (0, 256);

      add (f->store, f->network, node);
      keyring_store (MESH_SECRET_DEVICE_KEY, mesh_node_get_unicast (node), device_key);
      mesh_test_transport_add_node (f->transport, mesh_node_get_unicast (node), 2);
    }

  f->engine = mesh_config_engine_new (MESH_TRANSPORT (f->transport), f->store, f->network);
  mesh_config_engine_set_timeout (f->engine, 100);
  mesh_config_engine_set_retries (f->engine, 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_null (f->result);
  g_clear_object (&f->last);
  g_assert_cmpuint (mesh_config_engine_get_n_pending (f->engine), ==, 0);

  g_assert_finalize_object (f->engine);
  g_clear_object (&f->transport);
  g_clear_object (&f->network);
  close_store (&f->store);
  g_free (f->path);
}

void
fixture_add (const char                     *path,
             void       (*test) (Fixture *,  gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}

MeshNode *
fixture_node (Fixture *f,
              guint    index)
{
  MeshNode *node = mesh_network_find_node_by_address (f->network, 0x0100 + 0x10 * index);

  g_assert_nonnull (node);
  return node;
}

GAsyncResult *
fixture_wait (Fixture *f)
{
  g_clear_object (&f->last);
  f->last = mesh_core_test_wait (&f->result);
  return f->last;
}

void
fixture_update (Fixture  *f,
                gpointer  object)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_update_async (f->store, object, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_update_finish (f->store, result, &error));
  g_assert_no_error (error);
}

void
fixture_iterate_until (gboolean (*condition) (Fixture *),
                       Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (f))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
fixture_iterate_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

GBytes *
hex_bytes (const char *hex)
{
  GByteArray *array = g_byte_array_new ();
  g_auto(GStrv) octets = g_strsplit (hex, " ", -1);

  for (guint i = 0; octets[i] != NULL; i++)
    {
      guint8 octet;

      if (*octets[i] == '\0')
        continue;
      g_assert_cmpuint (strlen (octets[i]), ==, 2);
      octet = g_ascii_strtoull (octets[i], NULL, 16);
      g_byte_array_append (array, &octet, 1);
    }

  return g_byte_array_free_to_bytes (array);
}

void
assert_sent (Fixture          *f,
             guint             index,
             guint16           destination,
             MeshTransportKey  key,
             const char       *hex)
{
  GPtrArray *sent = mesh_test_transport_get_sent (f->transport);
  g_autoptr(GBytes) expected = hex_bytes (hex);
  MeshTestSent *message;

  g_assert_cmpuint (index, <, sent->len);
  message = sent->pdata[index];
  g_assert_cmphex (message->destination, ==, destination);
  g_assert_cmpint (message->key, ==, key);
  g_assert_cmpmem (g_bytes_get_data (message->message, NULL), g_bytes_get_size (message->message),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

void
push_reply (Fixture    *f,
            guint16     unicast,
            const char *hex)
{
  g_autoptr(GBytes) reply = hex_bytes (hex);

  mesh_test_transport_push_reply (f->transport, unicast, reply);
}

void
assert_bindings (MeshModel *model,
                 guint      n,
                 ...)
{
  const guint16 *bindings;
  guint n_bindings;
  va_list args;

  g_assert_nonnull (model);
  bindings = mesh_model_get_bindings (model, &n_bindings);
  g_assert_cmpuint (n_bindings, ==, n);

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (bindings[i], ==, va_arg (args, guint));
  va_end (args);
}

void
assert_subscriptions (MeshModel *model,
                      guint      n,
                      ...)
{
  const MeshDestination *subscriptions;
  guint n_subscriptions;
  va_list args;

  g_assert_nonnull (model);
  subscriptions = mesh_model_get_subscriptions (model, &n_subscriptions);
  g_assert_cmpuint (n_subscriptions, ==, n);

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmphex (subscriptions[i].address, ==, va_arg (args, guint));
  va_end (args);
}

void
add_app_key (Fixture  *f,
             MeshNode *node)
{
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  mesh_config_engine_app_key_add_async (f->engine, node, 1, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_app_key_add_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_nonnull (status);
}

void
subscribe (Fixture               *f,
           MeshNode              *node,
           guint16                element,
           const MeshDestination *address)
{
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  mesh_config_engine_subscription_add_async (f->engine, node, element, mesh_model_id_sig (0x1000), address,
                                             NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_subscription_add_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_nonnull (status);
}

GBytes *
keyring_lookup (MeshSecretKind   kind,
                guint            index,
                GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_keyring_lookup_async (NETWORK_UUID, kind, index, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  return mesh_keyring_lookup_finish (result, error);
}

void
snapshot_open (Snapshot   *s,
               const char *path)
{
  s->store = open_store (path);
  s->network = mesh_store_find_network (s->store, NETWORK_UUID);
  g_assert_nonnull (s->network);
  load_network (s->store, s->network);
}

MeshNode *
snapshot_node (Snapshot *s,
               guint16   unicast)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshNode *node = mesh_network_find_node_by_address (s->network, unicast);

  g_assert_nonnull (node);
  mesh_store_load_elements_async (s->store, s->network, node, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_load_elements_finish (s->store, result, &error));
  g_assert_no_error (error);

  return node;
}

void
snapshot_close (Snapshot *s)
{
  s->network = NULL;
  close_store (&s->store);
}
