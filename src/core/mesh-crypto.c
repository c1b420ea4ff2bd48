/* mesh-crypto.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <nettle/cmac.h>

#include "mesh-crypto.h"

/* Key material must not linger on the stack; a plain memset before
 * returning may be optimised away. */
static void
wipe (void  *data,
      gsize  len)
{
  explicit_bzero (data, len);
}

/* AES-CMAC over the concatenation of up to three parts, so that the
 * derivation functions need no temporary buffers holding key material. */
static void
cmac3 (const guint8  key[MESH_CRYPTO_KEY_SIZE],
       const guint8 *a,
       gsize         a_len,
       const guint8 *b,
       gsize         b_len,
       const guint8 *c,
       gsize         c_len,
       guint8        mac[MESH_CRYPTO_KEY_SIZE])
{
  struct cmac_aes128_ctx ctx;

  cmac_aes128_set_key (&ctx, key);
  if (a_len > 0)
    cmac_aes128_update (&ctx, a_len, a);
  if (b_len > 0)
    cmac_aes128_update (&ctx, b_len, b);
  if (c_len > 0)
    cmac_aes128_update (&ctx, c_len, c);
  cmac_aes128_digest (&ctx, MESH_CRYPTO_KEY_SIZE, mac);

  wipe (&ctx, sizeof ctx);
}

/* k1 with SALT = s1(salt_text) and a 16-octet N, as k3 and k4 use it. */
static void
derive_with_text (const char   *salt_text,
                  const guint8  n[MESH_CRYPTO_KEY_SIZE],
                  const guint8 *info,
                  gsize         info_len,
                  guint8        out[MESH_CRYPTO_KEY_SIZE])
{
  guint8 salt[MESH_CRYPTO_KEY_SIZE];

  mesh_crypto_s1 ((const guint8 *) salt_text, strlen (salt_text), salt);
  mesh_crypto_k1 (n, MESH_CRYPTO_KEY_SIZE, salt, info, info_len, out);
}

/**
 * mesh_crypto_aes_cmac:
 * @key: a 128-bit key
 * @message: (array length=len) (nullable): the message
 * @len: the length of @message
 * @mac: (out caller-allocates): the 128-bit MAC
 *
 * AES-CMAC as RFC 4493 defines it.
 */
void
mesh_crypto_aes_cmac (const guint8  key[MESH_CRYPTO_KEY_SIZE],
                      const guint8 *message,
                      gsize         len,
                      guint8        mac[MESH_CRYPTO_KEY_SIZE])
{
  cmac3 (key, message, len, NULL, 0, NULL, 0, mac);
}

/**
 * mesh_crypto_s1:
 * @message: (array length=len): any octets
 * @len: the length of @message
 * @salt: (out caller-allocates): the 128-bit salt
 *
 * The salt generation function s1(M) = AES-CMAC_ZERO(M).
 */
void
mesh_crypto_s1 (const guint8 *message,
                gsize         len,
                guint8        salt[MESH_CRYPTO_KEY_SIZE])
{
  static const guint8 zero[MESH_CRYPTO_KEY_SIZE] = { 0 };

  mesh_crypto_aes_cmac (zero, message, len, salt);
}

/**
 * mesh_crypto_k1:
 *
 * The derivation function k1(N, SALT, P) = AES-CMAC_T(P) with
 * T = AES-CMAC_SALT(N).
 */
void
mesh_crypto_k1 (const guint8 *n,
                gsize         n_len,
                const guint8  salt[MESH_CRYPTO_KEY_SIZE],
                const guint8 *p,
                gsize         p_len,
                guint8        out[MESH_CRYPTO_KEY_SIZE])
{
  guint8 t[MESH_CRYPTO_KEY_SIZE];

  mesh_crypto_aes_cmac (salt, n, n_len, t);
  mesh_crypto_aes_cmac (t, p, p_len, out);

  wipe (t, sizeof t);
}

/**
 * mesh_crypto_k2:
 * @n: a network key
 * @p: (array length=p_len): 0x00 for the flooding (master) credentials,
 *   or the friendship parameters
 * @p_len: the length of @p, at least 1
 * @nid: (out): the 7-bit NID
 * @encryption_key: (out caller-allocates): the encryption key
 * @privacy_key: (out caller-allocates): the privacy key
 *
 * The network key material derivation function k2.
 */
void
mesh_crypto_k2 (const guint8  n[MESH_CRYPTO_KEY_SIZE],
                const guint8 *p,
                gsize         p_len,
                guint8       *nid,
                guint8        encryption_key[MESH_CRYPTO_KEY_SIZE],
                guint8        privacy_key[MESH_CRYPTO_KEY_SIZE])
{
  static const guint8 counters[3] = { 0x01, 0x02, 0x03 };
  guint8 salt[MESH_CRYPTO_KEY_SIZE];
  guint8 t[MESH_CRYPTO_KEY_SIZE];
  guint8 t1[MESH_CRYPTO_KEY_SIZE];

  g_return_if_fail (p_len >= 1);

  mesh_crypto_s1 ((const guint8 *) "smk2", 4, salt);
  mesh_crypto_aes_cmac (salt, n, MESH_CRYPTO_KEY_SIZE, t);

  /* T1 = CMAC_T(P || 0x01), T2 = CMAC_T(T1 || P || 0x02),
   * T3 = CMAC_T(T2 || P || 0x03) */
  cmac3 (t, p, p_len, &counters[0], 1, NULL, 0, t1);
  cmac3 (t, t1, sizeof t1, p, p_len, &counters[1], 1, encryption_key);
  cmac3 (t, encryption_key, MESH_CRYPTO_KEY_SIZE, p, p_len, &counters[2], 1, privacy_key);

  *nid = t1[MESH_CRYPTO_KEY_SIZE - 1] & 0x7f;

  wipe (t, sizeof t);
  wipe (t1, sizeof t1);
}

/**
 * mesh_crypto_k3:
 * @n: a network key
 * @network_id: (out caller-allocates): the 64-bit Network ID
 *
 * The derivation function k3, which gives the Network ID of a network key.
 */
void
mesh_crypto_k3 (const guint8 n[MESH_CRYPTO_KEY_SIZE],
                guint8       network_id[8])
{
  static const guint8 info[] = { 'i', 'd', '6', '4', 0x01 };
  guint8 out[MESH_CRYPTO_KEY_SIZE];

  derive_with_text ("smk3", n, info, sizeof info, out);
  memcpy (network_id, out + 8, 8);

  wipe (out, sizeof out);
}

/**
 * mesh_crypto_k4:
 * @n: an application key
 *
 * The derivation function k4.
 *
 * Returns: the 6-bit AID of the application key
 */
guint8
mesh_crypto_k4 (const guint8 n[MESH_CRYPTO_KEY_SIZE])
{
  static const guint8 info[] = { 'i', 'd', '6', 0x01 };
  guint8 out[MESH_CRYPTO_KEY_SIZE];
  guint8 aid;

  derive_with_text ("smk4", n, info, sizeof info, out);
  aid = out[MESH_CRYPTO_KEY_SIZE - 1] & 0x3f;

  wipe (out, sizeof out);
  return aid;
}

/**
 * mesh_crypto_virtual_address:
 * @label_uuid: a 128-bit Label UUID
 *
 * Returns: the virtual address of @label_uuid:
 *   0x8000 | (AES-CMAC_s1("vtad")(Label UUID) mod 2^14)
 */
guint16
mesh_crypto_virtual_address (const guint8 label_uuid[16])
{
  guint8 salt[MESH_CRYPTO_KEY_SIZE];
  guint8 hash[MESH_CRYPTO_KEY_SIZE];

  mesh_crypto_s1 ((const guint8 *) "vtad", 4, salt);
  mesh_crypto_aes_cmac (salt, label_uuid, 16, hash);

  return 0x8000 | (((hash[14] << 8) | hash[15]) & 0x3fff);
}
