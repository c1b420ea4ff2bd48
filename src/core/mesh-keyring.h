/* mesh-keyring.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* Key material lives in the user's keyring (libsecret), never in the network
 * database. Each secret is identified by the network's UUID, a kind and an
 * index (key index, or unicast address for a device key, 0 for the token).
 * Values are stored hex-encoded. The token and each NetKey and AppKey are
 * an item of their own; the device keys of a network share one item (a
 * secret service needs ~30 ms per item, too slow for 32,767 nodes), which
 * is invisible in this API.
 *
 * Requests never open an unlock prompt: with the default collection
 * locked they fail with KEYRING_LOCKED.
 *
 * Errors are in MESH_ERROR: KEYRING_UNAVAILABLE (no session bus, no secret
 * service, no default keyring), KEYRING_LOCKED, SECRET_MISSING (lookup of an
 * item that is not there); G_IO_ERROR_CANCELLED passes through. */

#define MESH_TYPE_SECRET_KIND (mesh_secret_kind_get_type ())
#define MESH_TYPE_SECRET      (mesh_secret_get_type ())

typedef enum
{
  MESH_SECRET_NODE_TOKEN,    /* bluetooth-meshd's 64-bit token; index 0 */
  MESH_SECRET_NET_KEY,       /* index: NetKey index */
  MESH_SECRET_NET_KEY_OLD,   /* during a key refresh: the old NetKey */
  MESH_SECRET_APP_KEY,       /* index: AppKey index */
  MESH_SECRET_APP_KEY_OLD,
  MESH_SECRET_DEVICE_KEY,    /* index: the node's unicast address */
} MeshSecretKind;

/**
 * MeshSecret:
 * @kind: what the secret is
 * @index: key index, unicast address, or 0
 * @value: the secret bytes
 *
 * One secret of a network, for the batch calls.
 */
typedef struct
{
  MeshSecretKind  kind;
  guint           index;
  GBytes         *value;
} MeshSecret;

GType               mesh_secret_kind_get_type           (void) G_GNUC_CONST;
GType               mesh_secret_get_type                (void) G_GNUC_CONST;
MeshSecret         *mesh_secret_new                     (MeshSecretKind       kind,
                                                         guint                index,
                                                         GBytes              *value);
MeshSecret         *mesh_secret_copy                    (const MeshSecret    *self);
void                mesh_secret_free                    (MeshSecret          *self);

const SecretSchema *mesh_keyring_get_schema             (void);

void                mesh_keyring_store_async            (const char          *network_uuid,
                                                         MeshSecretKind       kind,
                                                         guint                index,
                                                         GBytes              *value,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            mesh_keyring_store_finish           (GAsyncResult        *result,
                                                         GError             **error);

/* Stores many secrets of one network (e.g. every key of an imported
 * network): all device keys in one write, the others a few at a time.
 * Fails on the first error; secrets stored before it stay. @secrets:
 * MeshSecret elements. */
void                mesh_keyring_store_all_async        (const char          *network_uuid,
                                                         GPtrArray           *secrets,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            mesh_keyring_store_all_finish       (GAsyncResult        *result,
                                                         GError             **error);

/* Returns the secret, or MESH_ERROR_SECRET_MISSING. */
void                mesh_keyring_lookup_async           (const char          *network_uuid,
                                                         MeshSecretKind       kind,
                                                         guint                index,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GBytes             *mesh_keyring_lookup_finish          (GAsyncResult        *result,
                                                         GError             **error);

/* Every secret of @kind of a network in one search (for an export): a
 * GPtrArray of MeshSecret sorted by index, empty when there are none. */
void                mesh_keyring_lookup_all_async       (const char          *network_uuid,
                                                         MeshSecretKind       kind,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray          *mesh_keyring_lookup_all_finish      (GAsyncResult        *result,
                                                         GError             **error);

/* Removing a secret that is not there is not an error. */
void                mesh_keyring_clear_async            (const char          *network_uuid,
                                                         MeshSecretKind       kind,
                                                         guint                index,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            mesh_keyring_clear_finish           (GAsyncResult        *result,
                                                         GError             **error);

/* Removes every secret of the network, of all kinds. */
void                mesh_keyring_clear_network_async    (const char          *network_uuid,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            mesh_keyring_clear_network_finish   (GAsyncResult        *result,
                                                         GError             **error);

/* Removes every key of the network (NetKeys, AppKeys, device keys) but not
 * the node token: that belongs to this computer's node in
 * bluetooth-meshd, which outlives any copy of the network's keys. */
void                mesh_keyring_clear_keys_async       (const char          *network_uuid,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            mesh_keyring_clear_keys_finish      (GAsyncResult        *result,
                                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshSecret, mesh_secret_free)

G_END_DECLS
