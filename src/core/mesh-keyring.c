/* mesh-keyring.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-config-types.h"
#include "mesh-error.h"
#include "mesh-keyring.h"

/* Only the secret_password_* calls touch the secrets: they are what
 * libsecret's file backend serves (Flatpak, through the portal).
 *
 * The Secret Service API is used for one thing only: before each request,
 * to see whether the default collection is locked. A lookup in a locked
 * collection would otherwise either pop up an unlock prompt in the middle
 * of some background work or, without a prompter, answer "nothing" as if
 * the key were missing. Locked, the request fails with KEYRING_LOCKED and
 * the user unlocks when it suits. Where the Secret Service is not
 * reachable (the file backend), the password calls decide. */

#define STORE_ALL_IN_FLIGHT 8

static const SecretSchema keyring_schema = {
  "io.github.meshprovisioner.MeshProvisioner.Secret",
  SECRET_SCHEMA_NONE,
  {
    { "network", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "index", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { NULL, 0 },
  },
};

static const GEnumValue kind_values[] = {
  { MESH_SECRET_NODE_TOKEN, "MESH_SECRET_NODE_TOKEN", "node-token" },
  { MESH_SECRET_NET_KEY, "MESH_SECRET_NET_KEY", "net-key" },
  { MESH_SECRET_NET_KEY_OLD, "MESH_SECRET_NET_KEY_OLD", "net-key-old" },
  { MESH_SECRET_APP_KEY, "MESH_SECRET_APP_KEY", "app-key" },
  { MESH_SECRET_APP_KEY_OLD, "MESH_SECRET_APP_KEY_OLD", "app-key-old" },
  { MESH_SECRET_DEVICE_KEY, "MESH_SECRET_DEVICE_KEY", "device-key" },
  { 0, NULL, NULL }
};

GType
mesh_secret_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("MeshSecretKind", kind_values));
  return type_id;
}

MeshSecret *
mesh_secret_new (MeshSecretKind  kind,
                 guint           index,
                 GBytes         *value)
{
  MeshSecret *self;

  g_return_val_if_fail (kind <= MESH_SECRET_DEVICE_KEY, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  self = g_new0 (MeshSecret, 1);
  self->kind = kind;
  self->index = index;
  self->value = g_bytes_ref (value);

  return self;
}

MeshSecret *
mesh_secret_copy (const MeshSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return mesh_secret_new (self->kind, self->index, self->value);
}

void
mesh_secret_free (MeshSecret *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->value, g_bytes_unref);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (MeshSecret, mesh_secret, mesh_secret_copy, mesh_secret_free)

const SecretSchema *
mesh_keyring_get_schema (void)
{
  return &keyring_schema;
}

static const char *
kind_nick (MeshSecretKind kind)
{
  g_return_val_if_fail (kind <= MESH_SECRET_DEVICE_KEY, NULL);

  return kind_values[kind].value_nick;
}

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

/* Key material leaves memory zeroed. */
static void
secure_free (char *text)
{
  if (text == NULL)
    return;

  explicit_bzero (text, strlen (text));
  g_free (text);
}

typedef char *SecureString;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (SecureString, secure_free, NULL)

static char *
hex_encode (GBytes *bytes)
{
  static const char digits[] = "0123456789abcdef";
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  char *hex = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      hex[2 * i] = digits[data[i] >> 4];
      hex[2 * i + 1] = digits[data[i] & 0xF];
    }
  hex[len * 2] = '\0';

  return hex;
}

static GBytes *
hex_decode (const char *hex)
{
  gsize len = strlen (hex);
  guint8 *data;

  if (len % 2 != 0)
    return NULL;

  data = g_malloc (MAX (len / 2, 1));
  for (gsize i = 0; i < len / 2; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        {
          explicit_bzero (data, len / 2);
          g_free (data);
          return NULL;
        }
      data[i] = (guint8) (hi << 4 | lo);
    }

  return g_bytes_new_take (data, len / 2);
}

/* libsecret's and D-Bus' errors as sentences for the user. */
static GError *
translate_error (GError *error)
{
  GError *translated;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      error->domain == MESH_ERROR)
    return error;

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    translated = g_error_new_literal (MESH_ERROR, MESH_ERROR_KEYRING_LOCKED,
                                      _("The keyring is locked. Unlock it (for example in Passwords and Keys) and try again."));
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT) ||
           g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
           g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD))
    translated = g_error_new_literal (MESH_ERROR, MESH_ERROR_KEYRING_UNAVAILABLE,
                                      _("There is no default keyring to keep the network keys in. Create one (for example in Passwords and Keys) and try again."));
  else if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
           g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
    translated = g_error_new_literal (MESH_ERROR, MESH_ERROR_KEYRING_UNAVAILABLE,
                                      _("No keyring service is running, so the network keys cannot be kept safe. Start one (such as GNOME Keyring) and try again."));
  else if (error->domain == G_IO_ERROR || error->domain == G_SPAWN_ERROR)
    translated = g_error_new_literal (MESH_ERROR, MESH_ERROR_KEYRING_UNAVAILABLE,
                                      _("The keyring cannot be reached because there is no session bus. Run Mesh Provisioner in a desktop session and try again."));
  else
    translated = g_error_new (MESH_ERROR, MESH_ERROR_KEYRING_UNAVAILABLE,
                              _("The keyring could not be used (%s)."), error->message);

  g_error_free (error);
  return translated;
}

/* Requests */

typedef enum
{
  REQUEST_STORE,
  REQUEST_STORE_ALL,
  REQUEST_LOOKUP,
  REQUEST_LOOKUP_ALL,
  REQUEST_CLEAR,
  REQUEST_CLEAR_NETWORK,
  REQUEST_CLEAR_KEYS,
} RequestKind;

typedef struct
{
  RequestKind     request;
  char           *network_uuid;
  MeshSecretKind  kind;
  guint           index;
  GBytes         *value;
  GPtrArray      *secrets;      /* MeshSecret: to store, or found */
  GPtrArray      *device_keys;  /* MeshSecret: device keys to store */
  guint           next;
  guint           in_flight;
  GError         *error;
} Request;

static void
request_free (Request *r)
{
  g_free (r->network_uuid);
  g_clear_pointer (&r->value, g_bytes_unref);
  g_clear_pointer (&r->secrets, g_ptr_array_unref);
  g_clear_pointer (&r->device_keys, g_ptr_array_unref);
  g_clear_error (&r->error);
  g_free (r);
}

static void proceed (GTask *task);

static GTask *
request_new (RequestKind          request,
             const char          *network_uuid,
             MeshSecretKind       kind,
             guint                index,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Request *r = g_new0 (Request, 1);
  char *canonical = mesh_uuid_canonicalize (network_uuid);

  r->request = request;
  r->network_uuid = canonical != NULL ? canonical : g_strdup (network_uuid);
  r->kind = kind;
  r->index = index;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, r, (GDestroyNotify) request_free);

  return task;
}

static void
default_collection_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;

  collection = secret_collection_for_alias_finish (result, &error);
  if (collection != NULL && secret_collection_get_locked (collection))
    {
      g_task_return_error (task, translate_error (g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "")));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Unlocked, no default collection, or no service: the password call
   * tells which. */
  proceed (g_steal_pointer (&task));
}

static void
service_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      proceed (g_steal_pointer (&task));
      return;
    }

  secret_collection_for_alias (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               cancellable, default_collection_cb, g_steal_pointer (&task));
}

/* Takes the task: checks the lock, then runs the request. */
static void
start (GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  secret_service_get (SECRET_SERVICE_NONE, cancellable, service_cb, task);
}

/* The _finish of every boolean request. */
static gboolean
propagate_boolean (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Store */

static void
store_one (const char          *network_uuid,
           MeshSecretKind       kind,
           guint                index,
           GBytes              *value,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_auto(SecureString) hex = hex_encode (value);
  g_autofree char *label = item_label (network_uuid, kind, index);

  secret_password_store (&keyring_schema, SECRET_COLLECTION_DEFAULT, label, hex,
                         cancellable, callback, user_data,
                         "network", network_uuid,
                         "kind", kind_nick (kind),
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
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
mesh_keyring_store_async (const char          *network_uuid,
                          MeshSecretKind       kind,
                          guint                index,
                          GBytes              *value,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (kind <= MESH_SECRET_DEVICE_KEY);
  g_return_if_fail (value != NULL);

  task = request_new (REQUEST_STORE, network_uuid, kind, index, mesh_keyring_store_async,
                      cancellable, callback, user_data);
  ((Request *) g_task_get_task_data (task))->value = g_bytes_ref (value);
  start (task);
}

gboolean
mesh_keyring_store_finish (GAsyncResult  *result,
                           GError       **error)
{
  return propagate_boolean (result, error);
}

static void store_all_next (GTask *task);

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
        r->error = translate_error (error);
      else
        g_error_free (error);
    }

  store_all_next (task);
}

/* Keeps a few stores in flight; takes one reference to the task, and
 * each store in flight holds one. */
static void
store_all_next (GTask *task)
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

void
mesh_keyring_store_all_async (const char          *network_uuid,
                              GPtrArray           *secrets,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  Request *r;

  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (secrets != NULL);

  task = request_new (REQUEST_STORE_ALL, network_uuid, 0, 0, mesh_keyring_store_all_async,
                      cancellable, callback, user_data);
  r = g_task_get_task_data (task);
  r->secrets = g_ptr_array_new ();
  r->device_keys = g_ptr_array_new ();

  /* The secrets array keeps the MeshSecrets alive. */
  r->value = g_bytes_new_with_free_func (NULL, 0, (GDestroyNotify) g_ptr_array_unref, g_ptr_array_ref (secrets));
  for (guint i = 0; i < secrets->len; i++)
    {
      MeshSecret *secret = secrets->pdata[i];

      g_ptr_array_add (secret->kind == MESH_SECRET_DEVICE_KEY ? r->device_keys : r->secrets, secret);
    }

  start (task);
}

gboolean
mesh_keyring_store_all_finish (GAsyncResult  *result,
                               GError       **error)
{
  return propagate_boolean (result, error);
}

/* Lookup */

/* Returns the secret of @hex (NULL: there is none). */
static void
return_lookup_result (GTask      *task,
                      const char *hex)
{
  GBytes *bytes;

  if (hex == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_SECRET_MISSING,
                               _("A key of this network is not in the keyring. Import the network again from a file that has its keys."));
      return;
    }

  bytes = hex_decode (hex);
  if (bytes == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                               _("A key of this network in the keyring is damaged. Import the network again from a file that has its keys."));
      return;
    }

  g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
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
      g_task_return_error (task, translate_error (error));
      return;
    }

  return_lookup_result (task, hex);
}

void
mesh_keyring_lookup_async (const char          *network_uuid,
                           MeshSecretKind       kind,
                           guint                index,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (kind <= MESH_SECRET_DEVICE_KEY);

  start (request_new (REQUEST_LOOKUP, network_uuid, kind, index, mesh_keyring_lookup_async,
                      cancellable, callback, user_data));
}

GBytes *
mesh_keyring_lookup_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Lookup of every secret of a kind */

static int
compare_secrets (gconstpointer a,
                 gconstpointer b)
{
  const MeshSecret *sa = *(const MeshSecret **) a;
  const MeshSecret *sb = *(const MeshSecret **) b;

  return (sa->index > sb->index) - (sa->index < sb->index);
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

  g_ptr_array_sort (r->secrets, compare_secrets);
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
        r->error = translate_error (error);
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
      bytes = text != NULL ? hex_decode (text) : NULL;

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
      g_task_return_error (task, translate_error (error));
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

void
mesh_keyring_lookup_all_async (const char          *network_uuid,
                               MeshSecretKind       kind,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (kind <= MESH_SECRET_DEVICE_KEY);

  task = request_new (REQUEST_LOOKUP_ALL, network_uuid, kind, 0, mesh_keyring_lookup_all_async,
                      cancellable, callback, user_data);
  ((Request *) g_task_get_task_data (task))->secrets =
    g_ptr_array_new_with_free_func ((GDestroyNotify) mesh_secret_free);
  start (task);
}

GPtrArray *
mesh_keyring_lookup_all_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Clear */

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
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
mesh_keyring_clear_async (const char          *network_uuid,
                          MeshSecretKind       kind,
                          guint                index,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (kind <= MESH_SECRET_DEVICE_KEY);

  start (request_new (REQUEST_CLEAR, network_uuid, kind, index, mesh_keyring_clear_async,
                      cancellable, callback, user_data));
}

gboolean
mesh_keyring_clear_finish (GAsyncResult  *result,
                           GError       **error)
{
  return propagate_boolean (result, error);
}

/* The "kind" attributes of a network's key items: all but the token, and
 * device keys as items of their own too (as they were before they shared
 * one). */
static const char *const key_kinds[] = {
  "net-key", "net-key-old", "app-key", "app-key-old", "device-key", "device-keys",
};

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
      g_task_return_error (task, translate_error (error));
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

  if (r->next == G_N_ELEMENTS (key_kinds))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  secret_password_clear (&keyring_schema, g_task_get_cancellable (task), clear_keys_cb, task,
                         "network", r->network_uuid,
                         "kind", key_kinds[r->next++],
                         NULL);
}

void
mesh_keyring_clear_network_async (const char          *network_uuid,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (network_uuid != NULL);

  start (request_new (REQUEST_CLEAR_NETWORK, network_uuid, 0, 0, mesh_keyring_clear_network_async,
                      cancellable, callback, user_data));
}

gboolean
mesh_keyring_clear_network_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return propagate_boolean (result, error);
}

void
mesh_keyring_clear_keys_async (const char          *network_uuid,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (network_uuid != NULL);

  start (request_new (REQUEST_CLEAR_KEYS, network_uuid, 0, 0, mesh_keyring_clear_keys_async,
                      cancellable, callback, user_data));
}

gboolean
mesh_keyring_clear_keys_finish (GAsyncResult  *result,
                                GError       **error)
{
  return propagate_boolean (result, error);
}

/* Device keys
 *
 * A network's device keys share one keyring item, lines of "aaaa hex": a
 * secret service takes some 30 ms for each item it stores (gnome-keyring
 * rewrites its file every time), so one item per device key would make the
 * import of a 32,767-node network take a quarter of an hour; one item of
 * 1.2 MB takes 30 ms. Changes are read-modify-write, one at a time. */

#define DEVICE_KEYS_KIND "device-keys"

static GQueue bundle_writes = G_QUEUE_INIT;  /* GTask, the head is running */

static void bundle_write_begin (GTask *task);

/* address → hex text (zeroed when freed) */
static GHashTable *
bundle_parse (const char *text)
{
  GHashTable *bundle = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) secure_free);
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
  secret_password_lookup (&keyring_schema, cancellable, callback, user_data,
                          "network", r->network_uuid,
                          "kind", DEVICE_KEYS_KIND,
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
    store_all_next (g_object_ref (task));  /* then the other secrets */
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

  bundle_write_done (task, error != NULL ? translate_error (error) : NULL);
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
      bundle_write_done (task, translate_error (error));
      return;
    }

  bundle = bundle_parse (text);
  if (r->request == REQUEST_STORE)
    g_hash_table_insert (bundle, GUINT_TO_POINTER (r->index), hex_encode (r->value));
  else if (r->request == REQUEST_STORE_ALL)
    for (guint i = 0; i < r->device_keys->len; i++)
      {
        MeshSecret *secret = r->device_keys->pdata[i];
        g_hash_table_insert (bundle, GUINT_TO_POINTER (secret->index), hex_encode (secret->value));
      }
  else
    g_hash_table_remove (bundle, GUINT_TO_POINTER (r->index));

  /* The last device key gone: no item left behind. */
  if (g_hash_table_size (bundle) == 0)
    {
      secret_password_clear (&keyring_schema, cancellable, bundle_written_cb, task,
                             "network", r->network_uuid,
                             "kind", DEVICE_KEYS_KIND,
                             "index", 0,
                             NULL);
      return;
    }

  updated = bundle_serialize (bundle);
  label = g_strdup_printf (_("Mesh network %s: device keys"), r->network_uuid);
  secret_password_store (&keyring_schema, SECRET_COLLECTION_DEFAULT, label, updated,
                         cancellable, bundle_written_cb, task,
                         "network", r->network_uuid,
                         "kind", DEVICE_KEYS_KIND,
                         "index", 0,
                         NULL);
}

static void
bundle_write_begin (GTask *task)
{
  bundle_lookup (g_task_get_task_data (task), g_task_get_cancellable (task), bundle_read_cb, task);
}

/* Takes the task; it waits for the writes queued before it. */
static void
bundle_write (GTask *task)
{
  g_queue_push_tail (&bundle_writes, task);
  if (g_queue_get_length (&bundle_writes) == 1)
    bundle_write_begin (task);
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
      g_task_return_error (task, translate_error (error));
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
          g_autoptr(GBytes) value = hex_decode (hex);

          /* A damaged entry is left out rather than failing the export. */
          if (value != NULL)
            g_ptr_array_add (r->secrets, mesh_secret_new (MESH_SECRET_DEVICE_KEY, GPOINTER_TO_UINT (address), value));
        }

      g_ptr_array_sort (r->secrets, compare_secrets);
      g_task_return_pointer (task, g_ptr_array_ref (r->secrets), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  return_lookup_result (task, g_hash_table_lookup (bundle, GUINT_TO_POINTER (r->index)));
}

/* Takes the task: the password call of the request. */
static void
proceed (GTask *task)
{
  Request *r = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  switch (r->request)
    {
    case REQUEST_STORE:
      if (r->kind == MESH_SECRET_DEVICE_KEY)
        bundle_write (task);
      else
        store_one (r->network_uuid, r->kind, r->index, r->value, cancellable, store_cb, task);
      break;

    case REQUEST_STORE_ALL:
      if (r->device_keys->len > 0)
        bundle_write (task);
      else
        store_all_next (task);
      break;

    case REQUEST_LOOKUP:
      if (r->kind == MESH_SECRET_DEVICE_KEY)
        {
          bundle_lookup (r, cancellable, bundle_lookup_cb, task);
          break;
        }
      secret_password_lookup (&keyring_schema, cancellable, lookup_cb, task,
                              "network", r->network_uuid,
                              "kind", kind_nick (r->kind),
                              "index", (int) r->index,
                              NULL);
      break;

    case REQUEST_LOOKUP_ALL:
      if (r->kind == MESH_SECRET_DEVICE_KEY)
        {
          bundle_lookup (r, cancellable, bundle_lookup_cb, task);
          break;
        }
      /* No SECRET_SEARCH_UNLOCK: never a prompt. */
      secret_password_search (&keyring_schema, SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                              cancellable, search_cb, task,
                              "network", r->network_uuid,
                              "kind", kind_nick (r->kind),
                              NULL);
      break;

    case REQUEST_CLEAR:
      if (r->kind == MESH_SECRET_DEVICE_KEY)
        {
          bundle_write (task);
          break;
        }
      secret_password_clear (&keyring_schema, cancellable, clear_cb, task,
                             "network", r->network_uuid,
                             "kind", kind_nick (r->kind),
                             "index", (int) r->index,
                             NULL);
      break;

    case REQUEST_CLEAR_NETWORK:
      secret_password_clear (&keyring_schema, cancellable, clear_cb, task,
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
