/* mesh-keyring-device-keys.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The device keys: a network's device keys share one keyring item, lines
 * of "aaaa hex": a secret service takes some 30 ms for each item it
 * stores (gnome-keyring rewrites its file every time), so one item per
 * device key would make the import of a 32,767-node network take a
 * quarter of an hour; one item of 1.2 MB takes 30 ms. Changes are
 * read-modify-write, one at a time. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-keyring-private.h"

static GQueue bundle_writes = G_QUEUE_INIT;  /* GTask, the head is running */

static void bundle_write_begin (GTask *task);

/* address → hex text (zeroed when freed) */
static GHashTable *
bundle_parse (const char *text)
{
  GHashTable *bundle = g_hash_table_new_full (NULL, NULL, NULL,
                                              (GDestroyNotify) mesh_keyring_secure_free);
  const char *line = text;

  while (line != NULL && *line != '\0')
    {
      const char *end = strchr (line, '\n');
      gsize len = end != NULL ? (gsize) (end - line) : strlen (line);
      guint64 address = 0;
      char address_text[5] = { 0 };

      /* "aaaa " then an even number of hex digits; others are skipped. */
      if (len > 5 && line[4] == ' ')
        {
          memcpy (address_text, line, 4);
          if (g_ascii_string_to_unsigned (address_text, 16, 1, 0x7FFF, &address, NULL))
            g_hash_table_insert (bundle, GUINT_TO_POINTER (address), g_strndup (line + 5, len - 5));
        }

      line = end != NULL ? end + 1 : NULL;
    }

  return bundle;
}

static int
compare_addresses (gconstpointer a,
                   gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return (ua > ub) - (ua < ub);
}

/* Lines sorted by address: the same keys always give the same text. */
static char *
bundle_serialize (GHashTable *bundle)
{
  g_autoptr(GArray) addresses = g_array_sized_new (FALSE, FALSE, sizeof (guint), g_hash_table_size (bundle));
  GString *text = g_string_sized_new (g_hash_table_size (bundle) * 38);
  GHashTableIter iter;
  gpointer address;

  g_hash_table_iter_init (&iter, bundle);
  while (g_hash_table_iter_next (&iter, &address, NULL))
    {
      guint a = GPOINTER_TO_UINT (address);
      g_array_append_val (addresses, a);
    }

  g_array_sort (addresses, compare_addresses);
  for (guint i = 0; i < addresses->len; i++)
    {
      guint a = g_array_index (addresses, guint, i);

      g_string_append_printf (text, "%04x %s\n", a,
                              (const char *) g_hash_table_lookup (bundle, GUINT_TO_POINTER (a)));
    }

  return g_string_free (text, FALSE);
}

static void
bundle_lookup (Request             *r,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  secret_password_lookup (mesh_keyring_get_schema (), cancellable, callback, user_data,
                          "network", r->network_uuid,
                          "kind", MESH_KEYRING_DEVICE_KEYS_KIND,
                          "index", 0,
                          NULL);
}

/* Finishes the running write and starts the next one. */
static void
bundle_write_done (GTask  *task,
                   GError *error)
{
  Request *r = g_task_get_task_data (task);

  g_assert (g_queue_peek_head (&bundle_writes) == task);
  g_queue_pop_head (&bundle_writes);

  if (error != NULL)
    g_task_return_error (task, error);
  else if (r->request == REQUEST_STORE_ALL)
    mesh_keyring_store_all_next (g_object_ref (task));  /* then the other secrets */
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);

  if (!g_queue_is_empty (&bundle_writes))
    bundle_write_begin (g_queue_peek_head (&bundle_writes));
}

static void
bundle_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Request *r = g_task_get_task_data (task);
  GError *error = NULL;

  if (r->request == REQUEST_CLEAR)
    secret_password_clear_finish (result, &error);
  else
    secret_password_store_finish (result, &error);

  bundle_write_done (task, error != NULL ? mesh_keyring_translate_error (error) : NULL);
}

static void
bundle_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  Request *r = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_auto(SecureString) text = NULL;
  g_auto(SecureString) updated = NULL;
  g_autoptr(GHashTable) bundle = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;

  text = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      bundle_write_done (task, mesh_keyring_translate_error (error));
      return;
    }

  bundle = bundle_parse (text);
  if (r->request == REQUEST_STORE)
    g_hash_table_insert (bundle, GUINT_TO_POINTER (r->index), mesh_keyring_hex_encode (r->value));
  else if (r->request == REQUEST_STORE_ALL)
    for (guint i = 0; i < r->device_keys->len; i++)
      {
        MeshSecret *secret = r->device_keys->pdata[i];
        g_hash_table_insert (bundle, GUINT_TO_POINTER (secret->index),
                             mesh_keyring_hex_encode (secret->value));
      }
  else
    g_hash_table_remove (bundle, GUINT_TO_POINTER (r->index));

  /* The last device key gone: no item left behind. */
  if (g_hash_table_size (bundle) == 0)
    {
      secret_password_clear (mesh_keyring_get_schema (), cancellable, bundle_written_cb, task,
                             "network", r->network_uuid,
                             "kind", MESH_KEYRING_DEVICE_KEYS_KIND,
                             "index", 0,
                             NULL);
      return;
    }

  updated = bundle_serialize (bundle);
  label = g_strdup_printf (_("Mesh network %s: device keys"), r->network_uuid);
  secret_password_store (mesh_keyring_get_schema (), SECRET_COLLECTION_DEFAULT, label, updated,
                         cancellable, bundle_written_cb, task,
                         "network", r->network_uuid,
                         "kind", MESH_KEYRING_DEVICE_KEYS_KIND,
                         "index", 0,
                         NULL);
}

static void
bundle_lookup_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *r = g_task_get_task_data (task);
  g_auto(SecureString) text = NULL;
  g_autoptr(GHashTable) bundle = NULL;
  GError *error = NULL;

  text = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, mesh_keyring_translate_error (error));
      return;
    }

  bundle = bundle_parse (text);

  if (r->request == REQUEST_LOOKUP_ALL)
    {
      GHashTableIter iter;
      gpointer address, hex;

      g_hash_table_iter_init (&iter, bundle);
      while (g_hash_table_iter_next (&iter, &address, &hex))
        {
          g_autoptr(GBytes) value = mesh_keyring_hex_decode (hex);

          /* A damaged entry is left out rather than failing the export. */
          if (value != NULL)
            g_ptr_array_add (r->secrets, mesh_secret_new (MESH_SECRET_DEVICE_KEY, GPOINTER_TO_UINT (address), value));
        }

      g_ptr_array_sort (r->secrets, mesh_keyring_compare_secrets);
      g_task_return_pointer (task, g_ptr_array_ref (r->secrets), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  mesh_keyring_return_lookup_result (task, g_hash_table_lookup (bundle, GUINT_TO_POINTER (r->index)));
}

static void
bundle_write_begin (GTask *task)
{
  bundle_lookup (g_task_get_task_data (task), g_task_get_cancellable (task), bundle_read_cb, task);
}

/* Takes the task; it waits for the writes queued before it. */
void
mesh_keyring_device_keys_write (GTask *task)
{
  g_queue_push_tail (&bundle_writes, task);
  if (g_queue_get_length (&bundle_writes) == 1)
    bundle_write_begin (task);
}

/* Takes the task: a lookup of one device key, or of all. */
void
mesh_keyring_device_keys_read (GTask *task)
{
  bundle_lookup (g_task_get_task_data (task), g_task_get_cancellable (task), bundle_lookup_cb, task);
}
