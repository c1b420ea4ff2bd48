/* mesh-keyring-items.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The secrets that are a keyring item each (the node token, the NetKeys
 * and AppKeys): their password calls, and the call each request makes
 * once the lock check has let it through. */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-error.h"
#include "mesh-keyring-private.h"

#define STORE_ALL_IN_FLIGHT 8

static char *
item_label (const char     *network_uuid,
            MeshSecretKind  kind,
            guint           index)
{
  switch (kind)
    {
    case MESH_SECRET_NODE_TOKEN:
      return g_strdup_printf (_("Mesh network %s: node token"), network_uuid);
    case MESH_SECRET_NET_KEY:
      return g_strdup_printf (_("Mesh network %s: network key %u"), network_uuid, index);
    case MESH_SECRET_NET_KEY_OLD:
      return g_strdup_printf (_("Mesh network %s: previous network key %u"), network_uuid, index);
    case MESH_SECRET_APP_KEY:
      return g_strdup_printf (_("Mesh network %s: application key %u"), network_uuid, index);
    case MESH_SECRET_APP_KEY_OLD:
      return g_strdup_printf (_("Mesh network %s: previous application key %u"), network_uuid, index);
    case MESH_SECRET_DEVICE_KEY:
      return g_strdup_printf (_("Mesh network %s: device key of node %04X"), network_uuid, index);
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
store_one (const char          *network_uuid,
           MeshSecretKind       kind,
           guint                index,
           GBytes              *value,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_auto(SecureString) hex = mesh_keyring_hex_encode (value);
  g_autofree char *label = item_label (network_uuid, kind, index);

  secret_password_store (mesh_keyring_get_schema (), SECRET_COLLECTION_DEFAULT, label, hex,
                         cancellable, callback, user_data,
                         "network", network_uuid,
                         "kind", mesh_keyring_kind_nick (kind),
                         "index", (int) index,
                         NULL);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, mesh_keyring_translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
store_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Request *r = g_task_get_task_data (task);
  GError *error = NULL;

  r->in_flight--;
  if (!secret_password_store_finish (result, &error))
    {
      if (r->error == NULL)
        r->error = mesh_keyring_translate_error (error);
      else
        g_error_free (error);
    }

  mesh_keyring_store_all_next (task);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_auto(SecureString) hex = NULL;
  GError *error = NULL;

  hex = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, mesh_keyring_translate_error (error));
      return;
    }

  mesh_keyring_return_lookup_result (task, hex);
}

static void
lookup_all_done (GTask *task)
{
  Request *r = g_task_get_task_data (task);

  if (r->in_flight > 0)
    return;

  if (r->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&r->error));
      return;
    }

  g_ptr_array_sort (r->secrets, mesh_keyring_compare_secrets);
  g_task_return_pointer (task, g_ptr_array_ref (r->secrets), (GDestroyNotify) g_ptr_array_unref);
}

static void
retrieve_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *r = g_task_get_task_data (task);
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;

  r->in_flight--;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), result, &error);
  if (value == NULL)
    {
      /* No value without an error: the item is locked. */
      if (error == NULL)
        error = g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "");
      if (r->error == NULL)
        r->error = mesh_keyring_translate_error (error);
      else
        g_error_free (error);
    }
  else
    {
      const char *text = secret_value_get_text (value);
      const char *index_text;
      g_autoptr(GBytes) bytes = NULL;
      guint64 index = 0;

      attributes = secret_retrievable_get_attributes (SECRET_RETRIEVABLE (object));
      index_text = g_hash_table_lookup (attributes, "index");
      bytes = text != NULL ? mesh_keyring_hex_decode (text) : NULL;

      /* A damaged item is left out rather than failing the export. */
      if (bytes != NULL && index_text != NULL &&
          g_ascii_string_to_unsigned (index_text, 10, 0, G_MAXUINT, &index, NULL))
        g_ptr_array_add (r->secrets, mesh_secret_new (r->kind, (guint) index, bytes));
    }

  lookup_all_done (task);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *r = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GList *items;
  GError *error = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, mesh_keyring_translate_error (error));
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      r->in_flight++;
      secret_retrievable_retrieve_secret (l->data, cancellable, retrieve_cb, g_object_ref (task));
    }
  g_list_free_full (items, g_object_unref);

  lookup_all_done (task);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without error: there was nothing to remove, which is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, mesh_keyring_translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Keeps a few stores in flight; takes one reference to the task, and
 * each store in flight holds one. */
void
mesh_keyring_store_all_next (GTask *task)
{
  Request *r = g_task_get_task_data (task);

  while (r->error == NULL && r->in_flight < STORE_ALL_IN_FLIGHT && r->next < r->secrets->len)
    {
      MeshSecret *secret = r->secrets->pdata[r->next++];
      GCancellable *cancellable = g_task_get_cancellable (task);

      r->in_flight++;
      store_one (r->network_uuid, secret->kind, secret->index, secret->value,
                 cancellable, store_all_cb, g_object_ref (task));
    }

  if (r->in_flight == 0)
    {
      if (r->error != NULL)
        g_task_return_error (task, g_steal_pointer (&r->error));
      else
        g_task_return_boolean (task, TRUE);
    }

  g_object_unref (task);
}

/* Returns the secret of @hex (NULL: there is none). */
void
mesh_keyring_return_lookup_result (GTask      *task,
                                   const char *hex)
{
  GBytes *bytes;

  if (hex == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_SECRET_MISSING,
                               _("A key of this network is not in the keyring. Import the network again from a file that has its keys."));
      return;
    }

  bytes = mesh_keyring_hex_decode (hex);
  if (bytes == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                               _("A key of this network in the keyring is damaged. Import the network again from a file that has its keys."));
      return;
    }

  g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

int
mesh_keyring_compare_secrets (gconstpointer a,
                              gconstpointer b)
{
  const MeshSecret *sa = *(const MeshSecret **) a;
  const MeshSecret *sb = *(const MeshSecret **) b;

  return (sa->index > sb->index) - (sa->index < sb->index);
}

/* Takes the task: the password call of the request. */
/* A network's key items are those of every kind but the token, and the
 * one item of its device keys (device keys as items of their own, as they
 * were before they shared one, go too). */
#define N_KEY_KINDS (MESH_SECRET_DEVICE_KEY - MESH_SECRET_NET_KEY + 2)

static const char *
key_kind_nick (guint i)
{
  if (i == N_KEY_KINDS - 1)
    return MESH_KEYRING_DEVICE_KEYS_KIND;

  return mesh_keyring_kind_nick (MESH_SECRET_NET_KEY + i);
}

static void clear_keys_next (GTask *task);

static void
clear_keys_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, mesh_keyring_translate_error (error));
      g_object_unref (task);
      return;
    }
  clear_keys_next (task);
}

/* Takes the task: one kind after the other. */
static void
clear_keys_next (GTask *task)
{
  Request *r = g_task_get_task_data (task);

  if (r->next == N_KEY_KINDS)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  secret_password_clear (mesh_keyring_get_schema (), g_task_get_cancellable (task),
                         clear_keys_cb, task,
                         "network", r->network_uuid,
                         "kind", key_kind_nick (r->next++),
                         NULL);
}

void
mesh_keyring_proceed (GTask *task)
{
  Request *r = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  const SecretSchema *schema = mesh_keyring_get_schema ();

  switch (r->request)
    {
    case REQUEST_STORE:
      if (r->kind == MESH_SECRET_DEVICE_KEY)
        mesh_keyring_device_keys_write (task);
      else
        store_one (r->network_uuid, r->kind, r->index, r->value, cancellable, store_cb, task);
      break;

    case REQUEST_STORE_ALL:
      if (r->device_keys->len > 0)
        mesh_keyring_device_keys_write (task);
      else
        mesh_keyring_store_all_next (task);
      break;

    case REQUEST_LOOKUP:
      if (r->kind == MESH_SECRET_DEVICE_KEY)
        {
          mesh_keyring_device_keys_read (task);
          break;
        }
      secret_password_lookup (schema, cancellable, lookup_cb, task,
                              "network", r->network_uuid,
                              "kind", mesh_keyring_kind_nick (r->kind),
                              "index", (int) r->index,
                              NULL);
      break;

    case REQUEST_LOOKUP_ALL:
      if (r->kind == MESH_SECRET_DEVICE_KEY)
        {
          mesh_keyring_device_keys_read (task);
          break;
        }
      /* No SECRET_SEARCH_UNLOCK: never a prompt. */
      secret_password_search (schema, SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                              cancellable, search_cb, task,
                              "network", r->network_uuid,
                              "kind", mesh_keyring_kind_nick (r->kind),
                              NULL);
      break;

    case REQUEST_CLEAR:
      if (r->kind == MESH_SECRET_DEVICE_KEY)
        {
          mesh_keyring_device_keys_write (task);
          break;
        }
      secret_password_clear (schema, cancellable, clear_cb, task,
                             "network", r->network_uuid,
                             "kind", mesh_keyring_kind_nick (r->kind),
                             "index", (int) r->index,
                             NULL);
      break;

    case REQUEST_CLEAR_NETWORK:
      secret_password_clear (schema, cancellable, clear_cb, task,
                             "network", r->network_uuid,
                             NULL);
      break;

    case REQUEST_CLEAR_KEYS:
      clear_keys_next (task);
      break;

    default:
      g_assert_not_reached ();
    }
}
