/* test-crypto.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-crypto.h"
#include "mesh-wire-test-utils.h"

static void
assert_buffer_hex (const guint8 *buffer,
                   gsize         size,
                   const char   *hex)
{
  g_autoptr(GBytes) bytes = g_bytes_new (buffer, size);

  assert_bytes_hex (bytes, hex);
}

/* RFC 4493 §4, with the AES-128 key of its examples */
static void
test_aes_cmac_rfc4493 (void)
{
  static const struct {
    gsize       len;
    const char *mac;
  } examples[] = {
    { 0, "bb1d6929e95937287fa37d129b756746" },
    { 16, "070a16b46b4d4144f79bdd9dd04a287c" },
    { 40, "dfa66747de9ae63030ca32611497c827" },
    { 64, "51f0bebf7e3b9d92fc49741779363cfe" },
  };
  guint8 key[16];
  guint8 message[64];
  guint8 mac[16];

  hex_to_buffer ("2b7e151628aed2a6abf7158809cf4f3c", key, sizeof key);
  hex_to_buffer ("6bc1bee22e409f96e93d7e117393172a"
                 "ae2d8a571e03ac9c9eb76fac45af8e51"
                 "30c81c46a35ce411e5fbc1191a0a52ef"
                 "f69f2445df4f9b17ad2b417be66c3710", message, sizeof message);

  for (gsize i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      mesh_crypto_aes_cmac (key, message, examples[i].len, mac);
      assert_buffer_hex (mac, sizeof mac, examples[i].mac);
    }
}

/* Mesh Profile 1.0.1 §8.1.1 */
static void
test_s1 (void)
{
  guint8 salt[16];

  mesh_crypto_s1 ((const guint8 *) "test", 4, salt);
  assert_buffer_hex (salt, sizeof salt, "b73cefbd641ef2ea598c2b6efb62f79c");
}

/* Mesh Profile 1.0.1 §8.1.2: SALT is s1("salt"), P the sample's value */
static void
test_k1 (void)
{
  guint8 n[16], salt[16], p[16], out[16];

  hex_to_buffer ("3216d1509884b533248541792b877f98", n, sizeof n);
  hex_to_buffer ("5a09d60797eeb4478aada59db3352a0d", p, sizeof p);
  mesh_crypto_s1 ((const guint8 *) "salt", 4, salt);
  assert_buffer_hex (salt, sizeof salt, "2ba14ffa0df84a2831938d57d276cab4");

  mesh_crypto_k1 (n, sizeof n, salt, p, sizeof p, out);
  assert_buffer_hex (out, sizeof out, "f6ed15a8934afbe7d83e8dcb57fcf5d7");
}

/* Mesh Profile 1.0.1 §8.1.3, §8.1.4 and §8.2.2 */
static void
test_k2 (void)
{
  static const guint8 flooding[] = { 0x00 };
  guint8 n[16], enc[16], priv[16], p[9], nid;

  hex_to_buffer ("f7a2a44f8e8a8029064f173ddc1e2b00", n, sizeof n);
  mesh_crypto_k2 (n, flooding, sizeof flooding, &nid, enc, priv);
  g_assert_cmphex (nid, ==, 0x7f);
  assert_buffer_hex (enc, sizeof enc, "9f589181a0f50de73c8070c7a6d27f46");
  assert_buffer_hex (priv, sizeof priv, "4c715bd4a64b938f99b453351653124f");

  hex_to_buffer ("010203040506070809", p, sizeof p);
  mesh_crypto_k2 (n, p, sizeof p, &nid, enc, priv);
  g_assert_cmphex (nid, ==, 0x73);
  assert_buffer_hex (enc, sizeof enc, "11efec0642774992510fb5929646df49");
  assert_buffer_hex (priv, sizeof priv, "d4d7cc0dfa772d836a8df9df5510d7a7");

  hex_to_buffer ("7dd7364cd842ad18c17c2b820c84c3d6", n, sizeof n);
  mesh_crypto_k2 (n, flooding, sizeof flooding, &nid, enc, priv);
  g_assert_cmphex (nid, ==, 0x68);
  assert_buffer_hex (enc, sizeof enc, "0953fa93e7caac9638f58820220a398e");
  assert_buffer_hex (priv, sizeof priv, "8b84eedec100067d670971dd2aa700cf");
}

/* Mesh Profile 1.0.1 §8.1.5 and §8.2.4 (Network ID) */
static void
test_k3 (void)
{
  guint8 n[16], network_id[8];

  hex_to_buffer ("f7a2a44f8e8a8029064f173ddc1e2b00", n, sizeof n);
  mesh_crypto_k3 (n, network_id);
  assert_buffer_hex (network_id, sizeof network_id, "ff046958233db014");

  hex_to_buffer ("7dd7364cd842ad18c17c2b820c84c3d6", n, sizeof n);
  mesh_crypto_k3 (n, network_id);
  assert_buffer_hex (network_id, sizeof network_id, "3ecaff672f673370");
}

/* Mesh Profile 1.0.1 §8.1.6 and §8.2.1 (application key AID) */
static void
test_k4 (void)
{
  guint8 n[16];

  hex_to_buffer ("3216d1509884b533248541792b877f98", n, sizeof n);
  g_assert_cmphex (mesh_crypto_k4 (n), ==, 0x38);

  hex_to_buffer ("63964771734fbd76e3b40519d1d94a48", n, sizeof n);
  g_assert_cmphex (mesh_crypto_k4 (n), ==, 0x26);
}

/* The Label UUIDs of the sample messages #22 and #24 of Mesh Profile
 * 1.0.1 §8.3 and their virtual addresses. */
static void
test_virtual_address (void)
{
  guint8 label[16];

  hex_to_buffer ("0073e7e4d8b9440faf8415df4c56c0e1", label, sizeof label);
  g_assert_cmphex (mesh_crypto_virtual_address (label), ==, 0xb529);

  hex_to_buffer ("f4a002c7fb1e4ca0a469a021de0db875", label, sizeof label);
  g_assert_cmphex (mesh_crypto_virtual_address (label), ==, 0x9736);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crypto/aes-cmac/rfc4493", test_aes_cmac_rfc4493);
  g_test_add_func ("/crypto/s1", test_s1);
  g_test_add_func ("/crypto/k1", test_k1);
  g_test_add_func ("/crypto/k2", test_k2);
  g_test_add_func ("/crypto/k3", test_k3);
  g_test_add_func ("/crypto/k4", test_k4);
  g_test_add_func ("/crypto/virtual-address", test_virtual_address);

  return g_test_run ();
}
