/* mesh-crypto.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The key derivation functions of the Mesh Protocol specification (s1,
 * k1..k4) over AES-CMAC (RFC 4493), and the virtual address of a Label
 * UUID. Intermediate values are wiped after use. */

#include <glib.h>

G_BEGIN_DECLS

#define MESH_CRYPTO_KEY_SIZE 16

void    mesh_crypto_aes_cmac        (const guint8  key[MESH_CRYPTO_KEY_SIZE],
                                     const guint8 *message,
                                     gsize         len,
                                     guint8        mac[MESH_CRYPTO_KEY_SIZE]);
void    mesh_crypto_s1              (const guint8 *message,
                                     gsize         len,
                                     guint8        salt[MESH_CRYPTO_KEY_SIZE]);
void    mesh_crypto_k1              (const guint8 *n,
                                     gsize         n_len,
                                     const guint8  salt[MESH_CRYPTO_KEY_SIZE],
                                     const guint8 *p,
                                     gsize         p_len,
                                     guint8        out[MESH_CRYPTO_KEY_SIZE]);
void    mesh_crypto_k2              (const guint8  n[MESH_CRYPTO_KEY_SIZE],
                                     const guint8 *p,
                                     gsize         p_len,
                                     guint8       *nid,
                                     guint8        encryption_key[MESH_CRYPTO_KEY_SIZE],
                                     guint8        privacy_key[MESH_CRYPTO_KEY_SIZE]);
void    mesh_crypto_k3              (const guint8  n[MESH_CRYPTO_KEY_SIZE],
                                     guint8        network_id[8]);
guint8  mesh_crypto_k4              (const guint8  n[MESH_CRYPTO_KEY_SIZE]);
guint16 mesh_crypto_virtual_address (const guint8  label_uuid[16]);

G_END_DECLS
