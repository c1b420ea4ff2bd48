/* test-lab-alg.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs with the lab's preload module in LD_PRELOAD and checks the AF_ALG
 * algorithms it provides against published test vectors, through the same
 * socket calls ELL makes: first directly, then through ELL itself (the
 * library bluetooth-meshd uses), including meshd's own start-up check.
 * With MESH_LAB_ALG=emulate the test also checks that the sockets really
 * are the module's emulation, not the kernel's. */

#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <glib.h>
#include <linux/if_alg.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

typedef struct {
  const char *name;
  const char *key;
  const char *nonce;
  const char *adata;
  const char *plain;
  const char *cipher; /* ciphertext || tag */
} CcmVector;

/* RFC 3610 section 8 packet vectors (M = 8 for #1 to #12, M = 10 from #13
 * on) and NIST SP 800-38C example C.1 (4-byte tag, 7-byte nonce, as the
 * mesh uses 4-byte MICs). */
static const CcmVector ccm_vectors[] = {
  { "RFC 3610 #1",
    "C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF", "00000003020100A0A1A2A3A4A5",
    "0001020304050607",
    "08090A0B0C0D0E0F101112131415161718191A1B1C1D1E",
    "588C979A61C663D2F066D0C2C0F989806D5F6B61DAC38417E8D12CFDF926E0" },
  { "RFC 3610 #2",
    "C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF", "00000004030201A0A1A2A3A4A5",
    "0001020304050607",
    "08090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
    "72C91A36E135F8CF291CA894085C87E3CC15C439C9E43A3BA091D56E10400916" },
  { "RFC 3610 #3",
    "C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF", "00000005040302A0A1A2A3A4A5",
    "0001020304050607",
    "08090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20",
    "51B1E5F44A197D1DA46B0F8E2D282AE871E838BB64DA8596574ADAA76FBD9FB0C5" },
  { "RFC 3610 #4",
    "C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF", "00000006050403A0A1A2A3A4A5",
    "000102030405060708090A0B",
    "0C0D0E0F101112131415161718191A1B1C1D1E",
    "A28C6865939A9A79FAAA5C4C2A9D4A91CDAC8C96C861B9C9E61EF1" },
  { "RFC 3610 #7",
    "C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF", "00000009080706A0A1A2A3A4A5",
    "0001020304050607",
    "08090A0B0C0D0E0F101112131415161718191A1B1C1D1E",
    "0135D1B2C95F41D5D1D4FEC185D166B8094E999DFED96C048C56602C97ACBB7490" },
  { "RFC 3610 #10",
    "C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF", "0000000C0B0A09A0A1A2A3A4A5",
    "000102030405060708090A0B",
    "0C0D0E0F101112131415161718191A1B1C1D1E",
    "07342594157785152B074098330ABB141B947B566AA9406B4D999988DD" },
  { "RFC 3610 #11",
    "C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF", "0000000D0C0B0AA0A1A2A3A4A5",
    "000102030405060708090A0B",
    "0C0D0E0F101112131415161718191A1B1C1D1E1F",
    "676BB20380B0E301E8AB79590A396DA78B834934F53AA2E9107A8B6C022C" },
  { "NIST SP 800-38C C.1",
    "404142434445464748494a4b4c4d4e4f", "10111213141516",
    "0001020304050607",
    "20212223",
    "7162015b4dac255d" },
};

typedef struct {
  const char *key;
  const char *message;
  const char *mac;
} CmacVector;

/* RFC 4493 section 4, examples 1 to 4. */
static const CmacVector cmac_vectors[] = {
  { "2b7e151628aed2a6abf7158809cf4f3c", "",
    "bb1d6929e95937287fa37d129b756746" },
  { "2b7e151628aed2a6abf7158809cf4f3c", "6bc1bee22e409f96e93d7e117393172a",
    "070a16b46b4d4144f79bdd9dd04a287c" },
  { "2b7e151628aed2a6abf7158809cf4f3c",
    "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411",
    "dfa66747de9ae63030ca32611497c827" },
  { "2b7e151628aed2a6abf7158809cf4f3c",
    "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
    "51f0bebf7e3b9d92fc49741779363cfe" },
};

static GBytes *
hex (const char *text)
{
  GByteArray *bytes = g_byte_array_new ();

  for (const char *p = text; *p; )
    {
      int hi, lo;
      guint8 byte;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      hi = g_ascii_xdigit_value (p[0]);
      lo = g_ascii_xdigit_value (p[1]);
      g_assert_true (hi >= 0 && lo >= 0);
      byte = (guint8) (hi << 4 | lo);
      g_byte_array_append (bytes, &byte, 1);
      p += 2;
    }

  return g_byte_array_free_to_bytes (bytes);
}

static void
assert_emulated (int fd)
{
  g_autofree char *link = g_strdup_printf ("/proc/self/fd/%d", fd);
  g_autofree char *target = NULL;

  if (g_strcmp0 (g_getenv ("MESH_LAB_ALG"), "emulate") != 0)
    return;

  /* The module's sockets are eventfds; the kernel's would be sockets. */
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "anon_inode:[eventfd]");
}

/* socket, bind, setsockopt, accept4, exactly as ELL does it. */
static int
alg_open (const char *type,
          const char *name,
          GBytes     *key,
          gsize       authsize)
{
  struct sockaddr_alg addr = { .salg_family = AF_ALG };
  int tfm;
  int op;

  tfm = socket (AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  g_assert_cmpint (tfm, >=, 0);
  assert_emulated (tfm);

  g_strlcpy ((char *) addr.salg_type, type, sizeof addr.salg_type);
  g_strlcpy ((char *) addr.salg_name, name, sizeof addr.salg_name);
  g_assert_cmpint (bind (tfm, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (setsockopt (tfm, SOL_ALG, ALG_SET_KEY,
                               g_bytes_get_data (key, NULL),
                               g_bytes_get_size (key)), ==, 0);
  if (authsize)
    g_assert_cmpint (setsockopt (tfm, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, NULL, authsize), ==, 0);

  op = accept4 (tfm, NULL, 0, SOCK_CLOEXEC);
  g_assert_cmpint (op, >=, 0);
  assert_emulated (op);
  close (tfm);

  return op;
}

/* One request: sendmsg with ALG_SET_OP, ALG_SET_IV and
 * ALG_SET_AEAD_ASSOCLEN, then recvmsg (with associated data) or read. */
static gssize
alg_run (int           fd,
         guint32       op,
         const guint8 *iv,
         gsize         iv_len,
         const guint8 *adata,
         gsize         adata_len,
         const guint8 *in,
         gsize         in_len,
         guint8       *out,
         gsize         out_len)
{
  gsize control_len = CMSG_SPACE (sizeof (guint32)) + CMSG_SPACE (sizeof (guint32))
                      + CMSG_SPACE (sizeof (struct af_alg_iv) + iv_len);
  g_autofree guint8 *control = g_malloc0 (control_len);
  g_autofree guint8 *echo = g_malloc0 (adata_len + 1);
  struct iovec iov[2];
  struct msghdr msg = { 0 };
  struct cmsghdr *cmsg;
  gssize result;

  msg.msg_control = control;
  msg.msg_controllen = control_len;

  cmsg = CMSG_FIRSTHDR (&msg);
  cmsg->cmsg_level = SOL_ALG;
  cmsg->cmsg_type = ALG_SET_OP;
  cmsg->cmsg_len = CMSG_LEN (sizeof op);
  memcpy (CMSG_DATA (cmsg), &op, sizeof op);

  cmsg = CMSG_NXTHDR (&msg, cmsg);
  cmsg->cmsg_level = SOL_ALG;
  cmsg->cmsg_type = ALG_SET_AEAD_ASSOCLEN;
  cmsg->cmsg_len = CMSG_LEN (sizeof (guint32));
  *(guint32 *) CMSG_DATA (cmsg) = adata_len;

  if (iv_len)
    {
      struct af_alg_iv *alg_iv;

      cmsg = CMSG_NXTHDR (&msg, cmsg);
      cmsg->cmsg_level = SOL_ALG;
      cmsg->cmsg_type = ALG_SET_IV;
      cmsg->cmsg_len = CMSG_LEN (sizeof *alg_iv + iv_len);
      alg_iv = (struct af_alg_iv *) CMSG_DATA (cmsg);
      alg_iv->ivlen = iv_len;
      memcpy (alg_iv->iv, iv, iv_len);
    }

  iov[0].iov_base = (void *) adata;
  iov[0].iov_len = adata_len;
  iov[1].iov_base = (void *) in;
  iov[1].iov_len = in_len;
  msg.msg_iov = iov;
  msg.msg_iovlen = 2;

  result = sendmsg (fd, &msg, 0);
  g_assert_cmpint (result, ==, adata_len + in_len);

  if (!adata_len)
    return read (fd, out, out_len);

  iov[0].iov_base = echo;
  iov[1].iov_base = out;
  iov[1].iov_len = out_len;
  memset (&msg, 0, sizeof msg);
  msg.msg_iov = iov;
  msg.msg_iovlen = 2;
  result = recvmsg (fd, &msg, 0);
  if (result >= (gssize) adata_len)
    {
      g_assert_cmpmem (echo, adata_len, adata, adata_len);
      result -= adata_len;
    }

  return result;
}

static void
test_ecb_aes (void)
{
  /* FIPS-197 appendix C.1 */
  g_autoptr(GBytes) key = hex ("000102030405060708090a0b0c0d0e0f");
  g_autoptr(GBytes) plain = hex ("00112233445566778899aabbccddeeff");
  g_autoptr(GBytes) expected = hex ("69c4e0d86a7b0430d8cdb78070b4c55a");
  guint8 out[16];
  guint8 back[16];
  int fd = alg_open ("skcipher", "ecb(aes)", key, 0);

  g_assert_cmpint (alg_run (fd, ALG_OP_ENCRYPT, NULL, 0, NULL, 0,
                            g_bytes_get_data (plain, NULL), 16, out, 16), ==, 16);
  g_assert_cmpmem (out, 16, g_bytes_get_data (expected, NULL), 16);

  g_assert_cmpint (alg_run (fd, ALG_OP_DECRYPT, NULL, 0, NULL, 0, out, 16, back, 16), ==, 16);
  g_assert_cmpmem (back, 16, g_bytes_get_data (plain, NULL), 16);

  /* ECB works on whole blocks only. */
  g_assert_cmpint (alg_run (fd, ALG_OP_ENCRYPT, NULL, 0, NULL, 0, out, 15, back, 16), <, 0);
  close (fd);
}

static void
ccm_iv (GBytes *nonce,
        guint8  iv[16])
{
  gsize len = g_bytes_get_size (nonce);

  /* The kernel's ccm(aes) IV: L - 1, the nonce, a zero counter. */
  memset (iv, 0, 16);
  iv[0] = 14 - len;
  memcpy (iv + 1, g_bytes_get_data (nonce, NULL), len);
}

static void
test_ccm_aes (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (ccm_vectors); i++)
    {
      const CcmVector *v = &ccm_vectors[i];
      g_autoptr(GBytes) key = hex (v->key);
      g_autoptr(GBytes) nonce = hex (v->nonce);
      g_autoptr(GBytes) adata = hex (v->adata);
      g_autoptr(GBytes) plain = hex (v->plain);
      g_autoptr(GBytes) cipher = hex (v->cipher);
      gsize tag_len = g_bytes_get_size (cipher) - g_bytes_get_size (plain);
      g_autofree guint8 *out = g_malloc0 (g_bytes_get_size (cipher));
      g_autofree guint8 *back = g_malloc0 (g_bytes_get_size (plain) + 1);
      g_autofree guint8 *bad = g_memdup2 (g_bytes_get_data (cipher, NULL),
                                          g_bytes_get_size (cipher));
      guint8 iv[16];
      int fd;

      g_test_message ("%s", v->name);
      ccm_iv (nonce, iv);
      fd = alg_open ("aead", "ccm(aes)", key, tag_len);

      g_assert_cmpint (alg_run (fd, ALG_OP_ENCRYPT, iv, 16,
                                g_bytes_get_data (adata, NULL), g_bytes_get_size (adata),
                                g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                                out, g_bytes_get_size (cipher)),
                       ==, g_bytes_get_size (cipher));
      g_assert_cmpmem (out, g_bytes_get_size (cipher),
                       g_bytes_get_data (cipher, NULL), g_bytes_get_size (cipher));

      g_assert_cmpint (alg_run (fd, ALG_OP_DECRYPT, iv, 16,
                                g_bytes_get_data (adata, NULL), g_bytes_get_size (adata),
                                g_bytes_get_data (cipher, NULL), g_bytes_get_size (cipher),
                                back, g_bytes_get_size (plain)),
                       ==, g_bytes_get_size (plain));
      g_assert_cmpmem (back, g_bytes_get_size (plain),
                       g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));

      /* One flipped bit in the tag must fail authentication. */
      bad[g_bytes_get_size (cipher) - 1] ^= 0x01;
      errno = 0;
      g_assert_cmpint (alg_run (fd, ALG_OP_DECRYPT, iv, 16,
                                g_bytes_get_data (adata, NULL), g_bytes_get_size (adata),
                                bad, g_bytes_get_size (cipher),
                                back, g_bytes_get_size (plain)), <, 0);
      g_assert_cmpint (errno, ==, EBADMSG);
      close (fd);
    }
}

static void
test_cmac_aes (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cmac_vectors); i++)
    {
      const CmacVector *v = &cmac_vectors[i];
      g_autoptr(GBytes) key = hex (v->key);
      g_autoptr(GBytes) message = hex (v->message);
      g_autoptr(GBytes) mac = hex (v->mac);
      const guint8 *data = g_bytes_get_data (message, NULL);
      gsize len = g_bytes_get_size (message);
      guint8 digest[16];
      int fd = alg_open ("hash", "cmac(aes)", key, 0);
      int clone;

      /* In one piece, as ELL's l_checksum_update + get_digest. */
      g_assert_cmpint (send (fd, data, len, MSG_MORE), ==, len);
      g_assert_cmpint (recv (fd, digest, sizeof digest, 0), ==, 16);
      g_assert_cmpmem (digest, 16, g_bytes_get_data (mac, NULL), 16);

      /* Reused for a second message, fed in uneven pieces. */
      for (gsize done = 0; done < len; )
        {
          gsize piece = MIN (len - done, 1 + done % 7);

          g_assert_cmpint (send (fd, data + done, piece, MSG_MORE), ==, piece);
          done += piece;
        }
      /* A clone (accept on the operation socket) carries the state on. */
      clone = accept4 (fd, NULL, 0, SOCK_CLOEXEC);
      g_assert_cmpint (clone, >=, 0);
      g_assert_cmpint (read (fd, digest, sizeof digest), ==, 16);
      g_assert_cmpmem (digest, 16, g_bytes_get_data (mac, NULL), 16);
      memset (digest, 0, sizeof digest);
      g_assert_cmpint (recv (clone, digest, sizeof digest, 0), ==, 16);
      g_assert_cmpmem (digest, 16, g_bytes_get_data (mac, NULL), 16);
      close (clone);

      /* A final send without MSG_MORE finishes the digest too. */
      g_assert_cmpint (send (fd, data, len, 0), ==, len);
      g_assert_cmpint (recv (fd, digest, sizeof digest, 0), ==, 16);
      g_assert_cmpmem (digest, 16, g_bytes_get_data (mac, NULL), 16);
      close (fd);
    }
}

static void
test_unknown_algorithm (void)
{
  struct sockaddr_alg addr = { .salg_family = AF_ALG, .salg_type = "hash", .salg_name = "md5" };
  int fd = socket (AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  if (g_strcmp0 (g_getenv ("MESH_LAB_ALG"), "emulate") == 0)
    {
      /* Only what meshd needs is emulated. */
      errno = 0;
      g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), <, 0);
      g_assert_cmpint (errno, ==, ENOENT);
    }
  close (fd);
}

/* ELL's own API, loaded at run time: the path bluetooth-meshd takes. */
typedef struct {
  void *handle;
  void *(*aead_new) (int type, const void *key, size_t key_len, size_t tag_len);
  gboolean (*aead_encrypt) (void *cipher, const void *in, size_t in_len,
                            const void *ad, size_t ad_len, const void *nonce,
                            size_t nonce_len, void *out, size_t out_len);
  void (*aead_free) (void *cipher);
  void *(*cmac_new) (const void *key, size_t key_len);
  gboolean (*checksum_update) (void *checksum, const void *data, size_t len);
  gssize (*checksum_get_digest) (void *checksum, void *digest, size_t len);
  void (*checksum_free) (void *checksum);
} Ell;

static gboolean
load_ell (Ell *ell)
{
  ell->handle = dlopen ("libell.so.0", RTLD_NOW | RTLD_LOCAL);
  if (!ell->handle)
    return FALSE;

  ell->aead_new = dlsym (ell->handle, "l_aead_cipher_new");
  ell->aead_encrypt = dlsym (ell->handle, "l_aead_cipher_encrypt");
  ell->aead_free = dlsym (ell->handle, "l_aead_cipher_free");
  ell->cmac_new = dlsym (ell->handle, "l_checksum_new_cmac_aes");
  ell->checksum_update = dlsym (ell->handle, "l_checksum_update");
  ell->checksum_get_digest = dlsym (ell->handle, "l_checksum_get_digest");
  ell->checksum_free = dlsym (ell->handle, "l_checksum_free");

  return ell->aead_new && ell->aead_encrypt && ell->aead_free && ell->cmac_new
         && ell->checksum_update && ell->checksum_get_digest && ell->checksum_free;
}

static void
test_ell_meshd_self_test (void)
{
  /* bluetooth-meshd 5.66 refuses to start ("Mesh Crypto functions
   * unavailable") unless AES-CCM of bytes 0x60, 0x61, ... laid out as key
   * (16), associated data (16), nonce (13) and message (20) with an 8-byte
   * MIC gives exactly this (mesh/crypto.c, mesh_crypto_check_avail). */
  g_autoptr(GBytes) expected = hex ("75037ee28981be59bce6dd23635b1661"
                                    "b72392d486ee84299a2abf96");
  guint8 bytes[65];
  guint8 out[28];
  Ell ell = { 0 };
  void *cipher;

  if (!load_ell (&ell))
    {
      g_test_skip ("libell.so.0 (bluetooth-meshd's library) is not installed");
      return;
    }

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = 0x60 + i;

  cipher = ell.aead_new (0 /* L_AEAD_CIPHER_AES_CCM */, bytes, 16, 8);
  g_assert_nonnull (cipher);
  g_assert_true (ell.aead_encrypt (cipher, bytes + 45, 20, bytes + 16, 16,
                                   bytes + 32, 13, out, sizeof out));
  g_assert_cmpmem (out, sizeof out, g_bytes_get_data (expected, NULL), 28);
  ell.aead_free (cipher);
  dlclose (ell.handle);
}

static void
test_ell_cmac (void)
{
  const CmacVector *v = &cmac_vectors[3];
  g_autoptr(GBytes) key = hex (v->key);
  g_autoptr(GBytes) message = hex (v->message);
  g_autoptr(GBytes) mac = hex (v->mac);
  guint8 digest[16];
  Ell ell = { 0 };
  void *checksum;

  if (!load_ell (&ell))
    {
      g_test_skip ("libell.so.0 (bluetooth-meshd's library) is not installed");
      return;
    }

  checksum = ell.cmac_new (g_bytes_get_data (key, NULL), 16);
  g_assert_nonnull (checksum);
  /* meshd's k2 reuses one checksum for several digests in a row. */
  for (int round = 0; round < 3; round++)
    {
      g_assert_true (ell.checksum_update (checksum, g_bytes_get_data (message, NULL),
                                          g_bytes_get_size (message)));
      g_assert_cmpint (ell.checksum_get_digest (checksum, digest, 16), ==, 16);
      g_assert_cmpmem (digest, 16, g_bytes_get_data (mac, NULL), 16);
    }
  ell.checksum_free (checksum);
  dlclose (ell.handle);
}

int
main (int   argc,
      char *argv[])
{
  int probe;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Run by hand without the module on a kernel without AF_ALG: nothing
   * to test. meson runs it with LD_PRELOAD. */
  probe = socket (AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  if (probe < 0)
    {
      g_test_skip ("No AF_ALG: run with LD_PRELOAD=libmesh-lab-preload.so");
      return g_test_run ();
    }
  close (probe);

  g_test_add_func ("/lab/alg/ecb-aes/fips-197", test_ecb_aes);
  g_test_add_func ("/lab/alg/ccm-aes/rfc-3610", test_ccm_aes);
  g_test_add_func ("/lab/alg/cmac-aes/rfc-4493", test_cmac_aes);
  g_test_add_func ("/lab/alg/unknown-algorithm", test_unknown_algorithm);
  g_test_add_func ("/lab/alg/ell/meshd-self-test", test_ell_meshd_self_test);
  g_test_add_func ("/lab/alg/ell/cmac", test_ell_cmac);

  return g_test_run ();
}
