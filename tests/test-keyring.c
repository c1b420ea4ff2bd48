/* test-keyring.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-core-test-utils.h"
#include "mesh-error.h"
#include "mesh-keyring.h"

/* Runs under tests/session-run: a private session bus with an unlocked
 * gnome-keyring. The locked-keyring case locks it and comes last. */

#define NETWORK "0b7e3f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
#define OTHER_NETWORK "9f9f9f9f-1c2d-4e5f-8a9b-0c1d2e3f4a5b"

static GBytes *
random_bytes (gsize len)
{
  guint8 *data = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    data[i] = g_random_int_range (0, 256);

  return g_bytes_new_take (data, len);
}

static gboolean
store (const char      *network,
       MeshSecretKind   kind,
       guint            index,
       GBytes          *value,
       GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_keyring_store_async (network, kind, index, value, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  return mesh_keyring_store_finish (result, error);
}

static GBytes *
lookup (const char      *network,
        MeshSecretKind   kind,
        guint            index,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_keyring_lookup_async (network, kind, index, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  return mesh_keyring_lookup_finish (result, error);
}

static GPtrArray *
lookup_all (const char      *network,
            MeshSecretKind   kind,
            GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_keyring_lookup_all_async (network, kind, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  return mesh_keyring_lookup_all_finish (result, error);
}

static void
clear (const char     *network,
       MeshSecretKind  kind,
       guint           index)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_keyring_clear_async (network, kind, index, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_keyring_clear_finish (result, &error));
  g_assert_no_error (error);
}

static void
clear_network (const char *network)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_keyring_clear_network_async (network, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_keyring_clear_network_finish (result, &error));
  g_assert_no_error (error);
}

static void
assert_missing (const char     *network,
                MeshSecretKind  kind,
                guint           index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) value = lookup (network, kind, index, &error);

  g_assert_null (value);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_SECRET_MISSING);
}

static void
test_schema (void)
{
  const SecretSchema *schema = mesh_keyring_get_schema ();

  g_assert_cmpstr (schema->name, ==, "io.github.meshprovisioner.MeshProvisioner.Secret");
  g_assert_cmpstr (schema->attributes[0].name, ==, "network");
  g_assert_cmpstr (schema->attributes[2].name, ==, "index");
  g_assert_cmpint (schema->attributes[2].type, ==, SECRET_SCHEMA_ATTRIBUTE_INTEGER);
  g_assert_null (schema->attributes[3].name);
}

static void
test_round_trip (void)
{
  struct { MeshSecretKind kind; guint index; gsize len; } cases[] = {
    { MESH_SECRET_NODE_TOKEN, 0, 8 },
    { MESH_SECRET_NET_KEY, 0, 16 },
    { MESH_SECRET_NET_KEY, 4095, 16 },
    { MESH_SECRET_NET_KEY_OLD, 0, 16 },
    { MESH_SECRET_APP_KEY, 1, 16 },
    { MESH_SECRET_APP_KEY_OLD, 1, 16 },
    { MESH_SECRET_DEVICE_KEY, 0x0102, 16 },
  };
  GBytes *values[G_N_ELEMENTS (cases)];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      values[i] = random_bytes (cases[i].len);
      g_assert_true (store (NETWORK, cases[i].kind, cases[i].index, values[i], &error));
      g_assert_no_error (error);
    }

  /* Each comes back as it went in, none mixed up with another. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) value = lookup (NETWORK, cases[i].kind, cases[i].index, &error);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (value, values[i]));
    }

  /* Same network in another spelling. */
  {
    g_autoptr(GBytes) value = lookup ("0B7E3F3A1C2D4E5F8A9B0C1D2E3F4A5B", MESH_SECRET_NODE_TOKEN, 0, NULL);
    g_assert_true (g_bytes_equal (value, values[0]));
  }

  /* Storing again replaces. */
  {
    g_autoptr(GBytes) replacement = random_bytes (16);
    g_autoptr(GBytes) value = NULL;

    g_assert_true (store (NETWORK, MESH_SECRET_NET_KEY, 0, replacement, NULL));
    value = lookup (NETWORK, MESH_SECRET_NET_KEY, 0, NULL);
    g_assert_true (g_bytes_equal (value, replacement));
  }

  assert_missing (NETWORK, MESH_SECRET_APP_KEY, 2);
  assert_missing (OTHER_NETWORK, MESH_SECRET_NET_KEY, 4095);
  assert_missing (NETWORK, MESH_SECRET_DEVICE_KEY, 0x0103);

  /* Delete one, then a missing one (not an error), then the network. */
  clear (NETWORK, MESH_SECRET_APP_KEY, 1);
  assert_missing (NETWORK, MESH_SECRET_APP_KEY, 1);
  {
    g_autoptr(GBytes) value = lookup (NETWORK, MESH_SECRET_APP_KEY_OLD, 1, NULL);
    g_assert_true (g_bytes_equal (value, values[5]));
  }
  clear (NETWORK, MESH_SECRET_APP_KEY, 1);

  g_assert_true (store (OTHER_NETWORK, MESH_SECRET_NET_KEY, 0, values[1], NULL));
  clear_network (NETWORK);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_missing (NETWORK, cases[i].kind, cases[i].index);
  {
    g_autoptr(GBytes) value = lookup (OTHER_NETWORK, MESH_SECRET_NET_KEY, 0, NULL);
    g_assert_true (g_bytes_equal (value, values[1]));
  }
  clear_network (OTHER_NETWORK);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_bytes_unref (values[i]);
}

/* clear_keys removes a network's keys, every kind, and keeps its node
 * token and the keys of other networks. */
static void
test_clear_keys (void)
{
  static const struct { MeshSecretKind kind; guint index; gsize len; } cases[] = {
    { MESH_SECRET_NET_KEY, 0, 16 },
    { MESH_SECRET_NET_KEY_OLD, 0, 16 },
    { MESH_SECRET_APP_KEY, 1, 16 },
    { MESH_SECRET_APP_KEY_OLD, 1, 16 },
    { MESH_SECRET_DEVICE_KEY, 0x0102, 16 },
    { MESH_SECRET_DEVICE_KEY, 0x0200, 16 },
  };
  g_autoptr(GBytes) token = random_bytes (8);
  g_autoptr(GBytes) other = random_bytes (16);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) value = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (store (NETWORK, MESH_SECRET_NODE_TOKEN, 0, token, NULL));
  g_assert_true (store (OTHER_NETWORK, MESH_SECRET_DEVICE_KEY, 0x0102, other, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) key = random_bytes (cases[i].len);

      g_assert_true (store (NETWORK, cases[i].kind, cases[i].index, key, NULL));
    }

  mesh_keyring_clear_keys_async (NETWORK, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_keyring_clear_keys_finish (result, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_missing (NETWORK, cases[i].kind, cases[i].index);
  value = lookup (NETWORK, MESH_SECRET_NODE_TOKEN, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (value, token));
  g_clear_pointer (&value, g_bytes_unref);
  value = lookup (OTHER_NETWORK, MESH_SECRET_DEVICE_KEY, 0x0102, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (value, other));

  clear_network (NETWORK);
  clear_network (OTHER_NETWORK);
}

static void
test_store_all_lookup_all (void)
{
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) mesh_secret_free);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Device keys of 40 nodes, given in a shuffled order. */
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GBytes) key = random_bytes (16);
      g_ptr_array_add (secrets, mesh_secret_new (MESH_SECRET_DEVICE_KEY, 0x0100 + (i * 7) % 40, key));
    }
  {
    g_autoptr(GBytes) key = random_bytes (16);
    g_ptr_array_add (secrets, mesh_secret_new (MESH_SECRET_NET_KEY, 0, key));
  }

  mesh_keyring_store_all_async (NETWORK, secrets, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_keyring_store_all_finish (result, &error));
  g_assert_no_error (error);

  found = lookup_all (NETWORK, MESH_SECRET_DEVICE_KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 40);
  for (guint i = 0; i < found->len; i++)
    {
      MeshSecret *secret = found->pdata[i];

      g_assert_cmpint (secret->kind, ==, MESH_SECRET_DEVICE_KEY);
      g_assert_cmpuint (secret->index, ==, 0x0100 + i);
      for (guint j = 0; j < 40; j++)
        {
          MeshSecret *stored = secrets->pdata[j];

          if (stored->index == secret->index)
            g_assert_true (g_bytes_equal (stored->value, secret->value));
        }
    }

  g_clear_pointer (&found, g_ptr_array_unref);
  found = lookup_all (NETWORK, MESH_SECRET_APP_KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);

  clear_network (NETWORK);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = lookup_all (NETWORK, MESH_SECRET_DEVICE_KEY, &error);
  g_assert_cmpuint (found->len, ==, 0);
}

/* Device keys share one keyring item: writes issued together must not
 * lose each other. */
static void
test_device_keys_concurrent (void)
{
  GAsyncResult *results[30] = { NULL };
  GBytes *keys[30];
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      keys[i] = random_bytes (16);
      mesh_keyring_store_async (NETWORK, MESH_SECRET_DEVICE_KEY, 0x0010 + i, keys[i], NULL,
                                mesh_core_test_result_cb, &results[i]);
    }
  /* And one removed while the others are on their way. */
  mesh_keyring_clear_async (NETWORK, MESH_SECRET_DEVICE_KEY, 0x0010, NULL, mesh_core_test_result_cb, &cleared);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GAsyncResult) result = mesh_core_test_wait (&results[i]);

      g_assert_true (mesh_keyring_store_finish (result, &error));
      g_assert_no_error (error);
    }
  cleared = mesh_core_test_wait (&cleared);
  g_assert_true (mesh_keyring_clear_finish (cleared, &error));

  found = lookup_all (NETWORK, MESH_SECRET_DEVICE_KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (keys) - 1);
  for (guint i = 1; i < G_N_ELEMENTS (keys); i++)
    {
      MeshSecret *secret = found->pdata[i - 1];
      g_autoptr(GBytes) value = lookup (NETWORK, MESH_SECRET_DEVICE_KEY, 0x0010 + i, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (secret->index, ==, 0x0010 + i);
      g_assert_true (g_bytes_equal (secret->value, keys[i]));
      g_assert_true (g_bytes_equal (value, keys[i]));
    }
  assert_missing (NETWORK, MESH_SECRET_DEVICE_KEY, 0x0010);

  /* The last one gone, the network has no device key item left. */
  for (guint i = 1; i < G_N_ELEMENTS (keys); i++)
    clear (NETWORK, MESH_SECRET_DEVICE_KEY, 0x0010 + i);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = lookup_all (NETWORK, MESH_SECRET_DEVICE_KEY, &error);
  g_assert_cmpuint (found->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_bytes_unref (keys[i]);
}

/* In a subprocess on a bus of its own where nobody owns
 * org.freedesktop.secrets. */
static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr(GBytes) key = random_bytes (16);
      g_autoptr(GBytes) value = NULL;
      g_autoptr(GError) error = NULL;

      g_test_dbus_up (bus);
      g_assert_false (store (NETWORK, MESH_SECRET_NET_KEY, 0, key, &error));
      g_assert_error (error, MESH_ERROR, MESH_ERROR_KEYRING_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "No keyring service"));
      g_clear_error (&error);

      value = lookup (NETWORK, MESH_SECRET_NET_KEY, 0, &error);
      g_assert_null (value);
      g_assert_error (error, MESH_ERROR, MESH_ERROR_KEYRING_UNAVAILABLE);
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* In a subprocess without any session bus. */
static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GBytes) key = random_bytes (16);
      g_autoptr(GError) error = NULL;

      g_assert_false (store (NETWORK, MESH_SECRET_DEVICE_KEY, 5, key, &error));
      g_assert_error (error, MESH_ERROR, MESH_ERROR_KEYRING_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "session bus"));
      return;
    }

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/mesh-test-bus", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static gboolean
collection_locked (gpointer collection)
{
  return secret_collection_get_locked (collection);
}

/* Last: it locks the keyring for good (unlocking needs a prompt). */
static void
test_locked (void)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GBytes) key = random_bytes (16);
  g_autoptr(GBytes) value = NULL;
  g_autoptr(GError) error = NULL;
  GList *objects;

  g_assert_true (store (NETWORK, MESH_SECRET_NET_KEY, 0, key, &error));

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  g_assert_false (secret_collection_get_locked (collection));

  objects = g_list_append (NULL, collection);
  secret_service_lock_sync (service, objects, NULL, NULL, &error);
  g_list_free (objects);
  g_assert_no_error (error);
  while (!collection_locked (collection))
    g_main_context_iteration (NULL, TRUE);

  /* A locked keyring answers a lookup with nothing, not an error. */
  value = lookup (NETWORK, MESH_SECRET_NET_KEY, 0, &error);
  g_assert_null (value);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_KEYRING_LOCKED);
  g_assert_nonnull (strstr (error->message, "Unlock"));
  g_clear_error (&error);

  g_assert_false (store (NETWORK, MESH_SECRET_NET_KEY, 1, key, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_KEYRING_LOCKED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keyring/schema", test_schema);
  g_test_add_func ("/keyring/round-trip", test_round_trip);
  g_test_add_func ("/keyring/clear-keys", test_clear_keys);
  g_test_add_func ("/keyring/store-all-lookup-all", test_store_all_lookup_all);
  g_test_add_func ("/keyring/device-keys-concurrent", test_device_keys_concurrent);
  g_test_add_func ("/keyring/no-service", test_no_service);
  g_test_add_func ("/keyring/no-bus", test_no_bus);
  g_test_add_func ("/keyring/locked", test_locked);

  return g_test_run ();
}
