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
 * libsecret's file backend serves (Flatpak, through the portal). The
 * Secret Service API is used for one thing only, to tell "locked" from
 * "missing" after an empty lookup, and where it is not reachable the
 * answer is "missing". */

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

/* Store */

typedef struct
{
  char           *network_uuid;
  GPtrArray      *secrets;  /* MeshSecret */
  guint           next;
  guint           in_flight;
  GError         *error;
} StoreAll;

static void
store_all_free (StoreAll *data)
{
  g_free (data->network_uuid);
  g_ptr_array_unref (data->secrets);
  g_clear_error (&data->error);
  g_free (data);
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

static char *
canonical_uuid (const char *uuid)
{
  char *canonical = mesh_uuid_canonicalize (uuid);

  return canonical != NULL ? canonical : g_strdup (uuid);
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
  g_autofree char *uuid = NULL;
  GTask *task;

  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (kind <= MESH_SECRET_DEVICE_KEY);
  g_return_if_fail (value != NULL);

  uuid = canonical_uuid (network_uuid);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_keyring_store_async);

  store_one (uuid, kind, index, value, cancellable, store_cb, task);
}

gboolean
mesh_keyring_store_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void store_all_next (GTask *task);

static void
store_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  StoreAll *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->in_flight--;
  if (!secret_password_store_finish (result, &error))
    {
      if (data->error == NULL)
        data->error = translate_error (error);
      else
        g_error_free (error);
    }

  store_all_next (task);
}

/* Keeps a few stores in flight; the task holds one reference per store. */
static void
store_all_next (GTask *task)
{
  StoreAll *data = g_task_get_task_data (task);

  while (data->error == NULL && data->in_flight < STORE_ALL_IN_FLIGHT &&
         data->next < data->secrets->len)
    {
      MeshSecret *secret = data->secrets->pdata[data->next++];

      data->in_flight++;
      store_one (data->network_uuid, secret->kind, secret->index, secret->value,
                 g_task_get_cancellable (task), store_all_cb, g_object_ref (task));
    }

  if (data->in_flight == 0)
    {
      if (data->error != NULL)
        g_task_return_error (task, g_steal_pointer (&data->error));
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
  StoreAll *data;
  GTask *task;

  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (secrets != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_keyring_store_all_async);

  data = g_new0 (StoreAll, 1);
  data->network_uuid = canonical_uuid (network_uuid);
  data->secrets = g_ptr_array_ref (secrets);
  g_task_set_task_data (task, data, (GDestroyNotify) store_all_free);

  store_all_next (task);
}

gboolean
mesh_keyring_store_all_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Lookup */

static void
return_missing (GTask *task)
{
  g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_SECRET_MISSING,
                           _("A key of this network is not in the keyring. Import the network again from a file that has its keys."));
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
    g_task_return_error (task, translate_error (g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "")));
  else
    return_missing (task);
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
      return_missing (task);
      return;
    }

  secret_collection_for_alias (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               cancellable, default_collection_cb, g_steal_pointer (&task));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_auto(SecureString) hex = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  GBytes *bytes;

  hex = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, translate_error (error));
      return;
    }

  if (hex == NULL)
    {
      /* A locked collection answers like a missing item: ask which. */
      secret_service_get (SECRET_SERVICE_NONE, cancellable, service_cb, g_steal_pointer (&task));
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

void
mesh_keyring_lookup_async (const char          *network_uuid,
                           MeshSecretKind       kind,
                           guint                index,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *uuid = NULL;
  GTask *task;

  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (kind <= MESH_SECRET_DEVICE_KEY);

  uuid = canonical_uuid (network_uuid);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_keyring_lookup_async);

  secret_password_lookup (&keyring_schema, cancellable, lookup_cb, task,
                          "network", uuid,
                          "kind", kind_nick (kind),
                          "index", (int) index,
                          NULL);
}

GBytes *
mesh_keyring_lookup_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Lookup of every secret of a kind */

typedef struct
{
  GPtrArray *secrets;  /* MeshSecret */
  guint      pending;
  GError    *error;
} LookupAll;

static void
lookup_all_free (LookupAll *data)
{
  g_ptr_array_unref (data->secrets);
  g_clear_error (&data->error);
  g_free (data);
}

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
  LookupAll *data = g_task_get_task_data (task);

  if (data->pending > 0)
    return;

  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  g_ptr_array_sort (data->secrets, compare_secrets);
  g_task_return_pointer (task, g_ptr_array_ref (data->secrets), (GDestroyNotify) g_ptr_array_unref);
}

static void
retrieve_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LookupAll *data = g_task_get_task_data (task);
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;

  data->pending--;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), result, &error);
  if (value == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "");
      if (data->error == NULL)
        data->error = translate_error (error);
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

      if (bytes != NULL && index_text != NULL &&
          g_ascii_string_to_unsigned (index_text, 10, 0, G_MAXUINT, &index, NULL))
        {
          MeshSecretKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "kind"));
          g_ptr_array_add (data->secrets, mesh_secret_new (kind, (guint) index, bytes));
        }
    }

  lookup_all_done (task);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LookupAll *data = g_task_get_task_data (task);
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
      data->pending++;
      secret_retrievable_retrieve_secret (l->data, g_task_get_cancellable (task),
                                          retrieve_cb, g_object_ref (task));
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
  g_autofree char *uuid = NULL;
  LookupAll *data;
  GTask *task;

  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (kind <= MESH_SECRET_DEVICE_KEY);

  uuid = canonical_uuid (network_uuid);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_keyring_lookup_all_async);
  g_object_set_data (G_OBJECT (task), "kind", GINT_TO_POINTER (kind));

  data = g_new0 (LookupAll, 1);
  data->secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) mesh_secret_free);
  g_task_set_task_data (task, data, (GDestroyNotify) lookup_all_free);

  secret_password_search (&keyring_schema, SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                          cancellable, search_cb, task,
                          "network", uuid,
                          "kind", kind_nick (kind),
                          NULL);
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
  g_autofree char *uuid = NULL;
  GTask *task;

  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (kind <= MESH_SECRET_DEVICE_KEY);

  uuid = canonical_uuid (network_uuid);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_keyring_clear_async);

  secret_password_clear (&keyring_schema, cancellable, clear_cb, task,
                         "network", uuid,
                         "kind", kind_nick (kind),
                         "index", (int) index,
                         NULL);
}

gboolean
mesh_keyring_clear_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mesh_keyring_clear_network_async (const char          *network_uuid,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *uuid = NULL;
  GTask *task;

  g_return_if_fail (network_uuid != NULL);

  uuid = canonical_uuid (network_uuid);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_keyring_clear_network_async);

  secret_password_clear (&keyring_schema, cancellable, clear_cb, task,
                         "network", uuid,
                         NULL);
}

gboolean
mesh_keyring_clear_network_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
