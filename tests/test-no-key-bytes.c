/* test-no-key-bytes.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* memmem () */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "mesh-core-test-utils.h"
#include "mesh-keyring.h"
#include "mesh-store-batch.h"
#include "mesh-store.h"

/* Keys go to the keyring and their metadata to the database: afterwards
 * no key byte may be found in the database file, its WAL or its shared
 * memory file, neither raw nor as hex in either case. A canary written on
 * purpose through a node name shows that the scan finds what is there. */

#define NETWORK "c0ffee00-1c2d-4e5f-8a9b-0c1d2e3f4a5b"

typedef struct
{
  GPtrArray *patterns;  /* GBytes */
  GPtrArray *names;     /* char * */
} Patterns;

static void
add_pattern (Patterns   *p,
             const char *name,
             GBytes     *key)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (key, &len);
  g_autofree char *lower = g_malloc (len * 2 + 1);
  g_autofree char *upper = NULL;

  for (gsize i = 0; i < len; i++)
    g_snprintf (lower + 2 * i, 3, "%02x", data[i]);
  upper = g_ascii_strup (lower, -1);

  g_ptr_array_add (p->patterns, g_bytes_ref (key));
  g_ptr_array_add (p->names, g_strdup_printf ("%s (raw)", name));
  g_ptr_array_add (p->patterns, g_bytes_new (lower, strlen (lower)));
  g_ptr_array_add (p->names, g_strdup_printf ("%s (hex)", name));
  g_ptr_array_add (p->patterns, g_bytes_new (upper, strlen (upper)));
  g_ptr_array_add (p->names, g_strdup_printf ("%s (HEX)", name));
}

/* Which of the patterns occur in the file (none if it does not exist). */
static GPtrArray *
scan (const char *path,
      Patterns   *p,
      gsize      *out_size)
{
  g_autofree char *contents = NULL;
  GPtrArray *found = g_ptr_array_new ();
  gsize len = 0;

  *out_size = 0;
  if (!g_file_get_contents (path, &contents, &len, NULL))
    return found;
  *out_size = len;

  for (guint i = 0; i < p->patterns->len; i++)
    {
      gsize plen;
      const void *pattern = g_bytes_get_data (p->patterns->pdata[i], &plen);

      if (memmem (contents, len, pattern, plen) != NULL)
        g_ptr_array_add (found, p->names->pdata[i]);
    }

  return found;
}

static GBytes *
random_key (gsize len)
{
  guint8 *data = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    data[i] = g_random_int_range (0, 256);

  return g_bytes_new_take (data, len);
}

static void
store_secret (MeshSecretKind  kind,
              guint           index,
              GBytes         *value)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_keyring_store_async (NETWORK, kind, index, value, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_keyring_store_finish (result, &error));
  g_assert_no_error (error);
}

static GBytes *
lookup_secret (MeshSecretKind kind,
               guint          index)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *value;

  mesh_keyring_lookup_async (NETWORK, kind, index, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  value = mesh_keyring_lookup_finish (result, &error);
  g_assert_no_error (error);

  return value;
}

static void
check_files (const char *db_path,
             Patterns   *keys,
             Patterns   *canary,
             gboolean    open)
{
  const char *suffixes[] = { "", "-wal", "-shm" };
  gboolean canary_seen = FALSE;
  gsize total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GPtrArray) canaries = NULL;
      gsize size;

      found = scan (path, keys, &size);
      canaries = scan (path, canary, &size);
      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes, %u key patterns, %u canary patterns found",
                      path, size, found->len, canaries->len);
      total += size;

      for (guint j = 0; j < found->len; j++)
        g_error ("key material in %s: %s", path, (char *) found->pdata[j]);

      canary_seen |= canaries->len > 0;
    }

  g_assert_cmpuint (total, >, 0);
  g_assert_true (canary_seen);

  /* While the store is open the last writes are in the WAL. */
  if (open)
    {
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
    }
}

static void
test_no_key_bytes (void)
{
  g_autofree char *path = mesh_core_test_temp_path ("networks.db");
  g_autoptr(MeshStore) store = NULL;
  g_autoptr(MeshStoreBatch) batch = NULL;
  g_autoptr(MeshNetwork) network = mesh_network_new (NETWORK, "Keys test");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Patterns keys = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref),
                    g_ptr_array_new_with_free_func (g_free) };
  Patterns canary = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref),
                      g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GBytes) canary_bytes = random_key (16);
  g_autofree char *canary_hex = NULL;

  store = mesh_store_open_sync (path, NULL, &error);
  g_assert_no_error (error);
  batch = mesh_store_batch_new (store);
  mesh_store_batch_add (batch, NULL, network);

  /* Every kind of secret, each with its metadata in the database. */
  {
    g_autoptr(GBytes) token = random_key (8);

    store_secret (MESH_SECRET_NODE_TOKEN, 0, token);
    add_pattern (&keys, "node token", token);
  }

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) net_key = random_key (16);
      g_autoptr(GBytes) old_net_key = random_key (16);
      g_autoptr(GBytes) app_key = random_key (16);
      g_autoptr(GBytes) old_app_key = random_key (16);
      g_autoptr(MeshNetKey) nk = mesh_net_key_new (i, "Network key");
      g_autoptr(MeshAppKey) ak = mesh_app_key_new (i, i, "Application key");

      store_secret (MESH_SECRET_NET_KEY, i, net_key);
      store_secret (MESH_SECRET_NET_KEY_OLD, i, old_net_key);
      store_secret (MESH_SECRET_APP_KEY, i, app_key);
      store_secret (MESH_SECRET_APP_KEY_OLD, i, old_app_key);
      add_pattern (&keys, "NetKey", net_key);
      add_pattern (&keys, "old NetKey", old_net_key);
      add_pattern (&keys, "AppKey", app_key);
      add_pattern (&keys, "old AppKey", old_app_key);
      mesh_net_key_set_phase (nk, MESH_KEY_REFRESH_PHASE_1);
      mesh_store_batch_add (batch, network, nk);
      mesh_store_batch_add (batch, network, ak);
    }

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GBytes) device_key = random_key (16);
      g_autofree char *uuid = g_uuid_string_random ();
      g_autoptr(MeshNode) node = mesh_node_new (uuid, 0x0001 + i * 2, 2);

      store_secret (MESH_SECRET_DEVICE_KEY, mesh_node_get_unicast (node), device_key);
      add_pattern (&keys, "device key", device_key);
      mesh_node_add_net_key (node, 0, FALSE);
      mesh_node_add_app_key (node, 0, FALSE);
      mesh_store_batch_add (batch, network, node);
    }

  /* The canary: 16 random bytes written as a node name in hex. */
  {
    const guint8 *data = g_bytes_get_data (canary_bytes, NULL);
    g_autoptr(MeshNode) node = mesh_node_new ("00000000-0000-0000-0000-0000000000ff", 0x0100, 1);

    canary_hex = g_strdup_printf ("%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x",
                                  data[0], data[1], data[2], data[3], data[4], data[5], data[6], data[7],
                                  data[8], data[9], data[10], data[11], data[12], data[13], data[14], data[15]);
    mesh_node_set_name (node, canary_hex);
    mesh_store_batch_add (batch, network, node);
    add_pattern (&canary, "canary", canary_bytes);
  }

  mesh_store_batch_commit_async (batch, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_batch_commit_finish (batch, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* The keys travel back out of the keyring too (engine, export). */
  {
    g_autoptr(GBytes) value = lookup_secret (MESH_SECRET_DEVICE_KEY, 0x0001);
    g_assert_nonnull (value);
  }

  check_files (path, &keys, &canary, TRUE);

  mesh_store_close_async (store, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_close_finish (store, result, &error));
  check_files (path, &keys, &canary, FALSE);

  g_ptr_array_unref (keys.patterns);
  g_ptr_array_unref (keys.names);
  g_ptr_array_unref (canary.patterns);
  g_ptr_array_unref (canary.names);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/no-key-bytes/database-files", test_no_key_bytes);

  return g_test_run ();
}
