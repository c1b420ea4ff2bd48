/* mesh-keyring-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the files of the keyring share (mesh-keyring.c has the types, the
 * public calls, the lock check and the error mapping; mesh-keyring-items.c
 * the secrets that are an item each; mesh-keyring-device-keys.c the item
 * of a network's device keys): the request a GTask carries, and the
 * helpers several of them call. */

#include "mesh-keyring.h"

G_BEGIN_DECLS

/* The kind attribute of the one item holding a network's device keys. */
#define MESH_KEYRING_DEVICE_KEYS_KIND "device-keys"

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

/* The task data of every request. */
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

/* mesh-keyring.c */
const char *mesh_keyring_kind_nick            (MeshSecretKind   kind);
void        mesh_keyring_secure_free          (char            *text);
char       *mesh_keyring_hex_encode           (GBytes          *bytes);
GBytes     *mesh_keyring_hex_decode           (const char      *hex);
GError     *mesh_keyring_translate_error      (GError          *error);

/* Hex text of key material, zeroed when freed. */
typedef char *SecureString;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (SecureString, mesh_keyring_secure_free, NULL)

/* mesh-keyring-items.c */
void        mesh_keyring_proceed              (GTask           *task);
void        mesh_keyring_store_all_next       (GTask           *task);
void        mesh_keyring_return_lookup_result (GTask           *task,
                                               const char      *hex);
int         mesh_keyring_compare_secrets      (gconstpointer    a,
                                               gconstpointer    b);

/* mesh-keyring-device-keys.c */
void        mesh_keyring_device_keys_write    (GTask           *task);
void        mesh_keyring_device_keys_read     (GTask           *task);

G_END_DECLS
