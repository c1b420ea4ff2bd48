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
#include "mesh-keyring-private.h"

/* The keyring's types and public calls, what its requests share (the
 * request, the lock check that runs first, the hex encoding of values,
 * and libsecret's errors as sentences); the password calls themselves are
 * in mesh-keyring-items.c (a keyring item per secret) and
 * mesh-keyring-device-keys.c (one item for all device keys of a network).
 *
 * Only the secret_password_* calls touch the secrets: they are what
 * libsecret's file backend serves (Flatpak, through the portal).
 *
 * The Secret Service API is used for one thing only: before each request,
 * to see whether the default collection is locked. A lookup in a locked
 * collection would otherwise either pop up an unlock prompt in the middle
 * of some background work or, without a prompter, answer "nothing" as if
 * the key were missing. Locked, the request fails with KEYRING_LOCKED and
 * the user unlocks when it suits. Where the Secret Service is not
 * reachable (the file backend), the password calls decide. */

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

const char *
mesh_keyring_kind_nick (MeshSecretKind kind)
{
  g_return_val_if_fail (kind <= MESH_SECRET_DEVICE_KEY, NULL);

  return kind_values[kind].value_nick;
}

/* Key material leaves memory zeroed. */
void
mesh_keyring_secure_free (char *text)
{
  if (text == NULL)
    return;

  explicit_bzero (text, strlen (text));
  g_free (text);
}

char *
mesh_keyring_hex_encode (GBytes *bytes)
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

GBytes *
mesh_keyring_hex_decode (const char *hex)
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
GError *
mesh_keyring_translate_error (GError *error)
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
      g_task_return_error (task, mesh_keyring_translate_error (g_error_new_literal (SECRET_ERROR,
                                                                                    SECRET_ERROR_IS_LOCKED, "")));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Unlocked, no default collection, or no service: the password call
   * tells which. */
  mesh_keyring_proceed (g_steal_pointer (&task));
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
      mesh_keyring_proceed (g_steal_pointer (&task));
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
