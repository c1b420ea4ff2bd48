/* lab-alg.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "lab-alg.h"

#include <errno.h>
#include <linux/if_alg.h>
#include <nettle/aes.h>
#include <nettle/ccm.h>
#include <nettle/cmac.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

typedef enum {
  LAB_ALG_UNBOUND,
  LAB_ALG_ECB_AES,
  LAB_ALG_CCM_AES,
  LAB_ALG_CMAC_AES,
} LabAlgKind;

typedef union {
  struct aes128_ctx aes128;
  struct aes192_ctx aes192;
  struct aes256_ctx aes256;
} LabAes;

struct _LabAlg {
  LabAlgKind kind;
  bool is_op;

  uint8_t key[32];
  size_t key_len;
  size_t authsize;

  /* Cipher contexts, set up from the key when an operation socket is made. */
  LabAes enc;
  LabAes dec;
  nettle_cipher_func *encrypt;
  nettle_cipher_func *decrypt;

  /* The request being assembled: control data and input. */
  uint32_t op;
  uint8_t iv[16];
  size_t iv_len;
  uint32_t assoclen;
  bool more;
  uint8_t *in;
  size_t in_len;
  size_t in_cap;

  /* The result of the last complete request, until it is read. */
  uint8_t *out;
  size_t out_len;
  int out_error;
  bool out_ready;

  /* cmac(aes) */
  struct cmac128_key cmac_key;
  struct cmac128_ctx cmac;
  uint8_t digest[16];
  bool digest_ready;
};

static void
clear_output (LabAlg *alg)
{
  free (alg->out);
  alg->out = NULL;
  alg->out_len = 0;
  alg->out_error = 0;
  alg->out_ready = false;
}

static int
setup_ciphers (LabAlg *alg)
{
  switch (alg->key_len)
    {
    case 16:
      aes128_set_encrypt_key (&alg->enc.aes128, alg->key);
      aes128_set_decrypt_key (&alg->dec.aes128, alg->key);
      alg->encrypt = (nettle_cipher_func *) aes128_encrypt;
      alg->decrypt = (nettle_cipher_func *) aes128_decrypt;
      break;
    case 24:
      aes192_set_encrypt_key (&alg->enc.aes192, alg->key);
      aes192_set_decrypt_key (&alg->dec.aes192, alg->key);
      alg->encrypt = (nettle_cipher_func *) aes192_encrypt;
      alg->decrypt = (nettle_cipher_func *) aes192_decrypt;
      break;
    case 32:
      aes256_set_encrypt_key (&alg->enc.aes256, alg->key);
      aes256_set_decrypt_key (&alg->dec.aes256, alg->key);
      alg->encrypt = (nettle_cipher_func *) aes256_encrypt;
      alg->decrypt = (nettle_cipher_func *) aes256_decrypt;
      break;
    default:
      return -ENOKEY;
    }

  if (alg->kind == LAB_ALG_CMAC_AES)
    {
      cmac128_set_key (&alg->cmac_key, &alg->enc, alg->encrypt);
      cmac128_init (&alg->cmac);
    }

  return 0;
}

static int
append_input (LabAlg             *alg,
              const struct iovec *iov,
              size_t              iovcnt,
              size_t             *total)
{
  *total = 0;
  for (size_t i = 0; i < iovcnt; i++)
    *total += iov[i].iov_len;

  if (alg->in_len + *total > alg->in_cap)
    {
      size_t cap = alg->in_cap ? alg->in_cap : 64;
      uint8_t *in;

      while (cap < alg->in_len + *total)
        cap *= 2;
      in = realloc (alg->in, cap);
      if (!in)
        return -ENOMEM;
      alg->in = in;
      alg->in_cap = cap;
    }

  for (size_t i = 0; i < iovcnt; i++)
    {
      if (iov[i].iov_len)
        memcpy (alg->in + alg->in_len, iov[i].iov_base, iov[i].iov_len);
      alg->in_len += iov[i].iov_len;
    }

  return 0;
}

static int
run_ecb (LabAlg *alg)
{
  if (alg->in_len % AES_BLOCK_SIZE)
    return -EINVAL;

  alg->out = malloc (alg->in_len ? alg->in_len : 1);
  if (!alg->out)
    return -ENOMEM;
  alg->out_len = alg->in_len;

  if (alg->op == ALG_OP_ENCRYPT)
    alg->encrypt (&alg->enc, alg->in_len, alg->out, alg->in);
  else
    alg->decrypt (&alg->dec, alg->in_len, alg->out, alg->in);

  return 0;
}

/* The kernel's ccm(aes) takes a 16-byte IV whose first byte is L - 1 (L the
 * size of the length field) followed by the 15 - L byte nonce; the input is
 * assoc data || text (|| tag when decrypting), and so is the output. */
static int
run_ccm (LabAlg *alg)
{
  size_t nonce_len;
  size_t text_len;
  const uint8_t *adata = alg->in;
  const uint8_t *src = alg->in + alg->assoclen;

  if (alg->iv_len != 16 || alg->iv[0] < 1 || alg->iv[0] > 7)
    return -EINVAL;
  nonce_len = 14 - alg->iv[0];
  if (nonce_len < 7 || nonce_len > 13)
    return -EINVAL;
  if (alg->assoclen > alg->in_len)
    return -EINVAL;

  text_len = alg->in_len - alg->assoclen;

  if (alg->op == ALG_OP_ENCRYPT)
    {
      alg->out_len = alg->in_len + alg->authsize;
      alg->out = malloc (alg->out_len);
      if (!alg->out)
        return -ENOMEM;
      memcpy (alg->out, adata, alg->assoclen);
      ccm_encrypt_message (&alg->enc, alg->encrypt, nonce_len, alg->iv + 1,
                           alg->assoclen, adata, alg->authsize,
                           text_len + alg->authsize,
                           alg->out + alg->assoclen, src);
      return 0;
    }

  if (text_len < alg->authsize)
    return -EINVAL;

  alg->out_len = alg->in_len - alg->authsize;
  alg->out = malloc (alg->out_len ? alg->out_len : 1);
  if (!alg->out)
    return -ENOMEM;
  memcpy (alg->out, adata, alg->assoclen);
  if (!ccm_decrypt_message (&alg->enc, alg->encrypt, nonce_len, alg->iv + 1,
                            alg->assoclen, adata, alg->authsize,
                            text_len - alg->authsize,
                            alg->out + alg->assoclen, src))
    return -EBADMSG;

  return 0;
}

static void
finish_request (LabAlg *alg)
{
  int error;

  clear_output (alg);
  error = alg->kind == LAB_ALG_ECB_AES ? run_ecb (alg) : run_ccm (alg);
  if (error < 0)
    {
      free (alg->out);
      alg->out = NULL;
      alg->out_len = 0;
    }
  alg->out_error = error;
  alg->out_ready = true;
  alg->in_len = 0;
}

static void
finish_digest (LabAlg *alg)
{
  cmac128_digest (&alg->cmac, &alg->cmac_key, &alg->enc, alg->encrypt,
                  sizeof alg->digest, alg->digest);
  alg->digest_ready = true;
}

static void
parse_control (LabAlg              *alg,
               const struct msghdr *msg)
{
  struct cmsghdr *cmsg;

  if (!msg->msg_control || msg->msg_controllen < sizeof (struct cmsghdr))
    return;

  for (cmsg = CMSG_FIRSTHDR ((struct msghdr *) msg);
       cmsg;
       cmsg = CMSG_NXTHDR ((struct msghdr *) msg, cmsg))
    {
      size_t len = cmsg->cmsg_len - CMSG_LEN (0);
      const uint8_t *data = CMSG_DATA (cmsg);
      uint32_t value;

      if (cmsg->cmsg_level != SOL_ALG)
        continue;

      switch (cmsg->cmsg_type)
        {
        case ALG_SET_OP:
          if (len >= sizeof value)
            {
              memcpy (&value, data, sizeof value);
              alg->op = value;
            }
          break;
        case ALG_SET_AEAD_ASSOCLEN:
          if (len >= sizeof value)
            {
              memcpy (&value, data, sizeof value);
              alg->assoclen = value;
            }
          break;
        case ALG_SET_IV:
          if (len >= sizeof value)
            {
              memcpy (&value, data, sizeof value);
              if (value <= sizeof alg->iv && value <= len - sizeof value)
                {
                  memcpy (alg->iv, data + sizeof value, value);
                  alg->iv_len = value;
                }
            }
          break;
        default:
          break;
        }
    }
}

LabAlg *
lab_alg_new (void)
{
  return calloc (1, sizeof (LabAlg));
}

void
lab_alg_free (LabAlg *alg)
{
  if (!alg)
    return;

  free (alg->in);
  free (alg->out);
  /* Key material stays out of freed memory. */
  memset (alg, 0, sizeof *alg);
  free (alg);
}

int
lab_alg_bind (LabAlg     *alg,
              const char *type,
              const char *name)
{
  LabAlgKind kind;

  if (alg->is_op)
    return -EINVAL;

  if (strcmp (type, "skcipher") == 0 && strcmp (name, "ecb(aes)") == 0)
    kind = LAB_ALG_ECB_AES;
  else if (strcmp (type, "aead") == 0 && strcmp (name, "ccm(aes)") == 0)
    kind = LAB_ALG_CCM_AES;
  else if (strcmp (type, "hash") == 0 && strcmp (name, "cmac(aes)") == 0)
    kind = LAB_ALG_CMAC_AES;
  else
    return -ENOENT;

  /* ELL probes several names on one socket, so binding again is allowed. */
  alg->kind = kind;
  alg->authsize = kind == LAB_ALG_CCM_AES ? 16 : 0;

  return 0;
}

int
lab_alg_setsockopt (LabAlg     *alg,
                    int         optname,
                    const void *optval,
                    size_t      optlen)
{
  if (alg->is_op || alg->kind == LAB_ALG_UNBOUND)
    return -EINVAL;

  switch (optname)
    {
    case ALG_SET_KEY:
      if (!optval || (optlen != 16 && optlen != 24 && optlen != 32))
        return -EINVAL;
      memcpy (alg->key, optval, optlen);
      alg->key_len = optlen;
      return 0;

    case ALG_SET_AEAD_AUTHSIZE:
      /* The size is the option length; CCM allows even sizes 4 to 16. */
      if (alg->kind != LAB_ALG_CCM_AES || optlen < 4 || optlen > 16 || optlen % 2)
        return -EINVAL;
      alg->authsize = optlen;
      return 0;

    default:
      return -ENOPROTOOPT;
    }
}

LabAlg *
lab_alg_accept (LabAlg *alg,
                int    *error)
{
  LabAlg *op;

  if (alg->kind == LAB_ALG_UNBOUND)
    {
      *error = -EINVAL;
      return NULL;
    }

  op = lab_alg_new ();
  if (!op)
    {
      *error = -ENOMEM;
      return NULL;
    }

  if (alg->is_op)
    {
      /* accept() on an operation socket clones a hash's state. */
      if (alg->kind != LAB_ALG_CMAC_AES)
        {
          free (op);
          *error = -EINVAL;
          return NULL;
        }
      memcpy (op, alg, sizeof *op);
      op->in = NULL;
      op->in_len = op->in_cap = 0;
      op->out = NULL;
      op->out_len = 0;
      return op;
    }

  if (!alg->key_len)
    {
      free (op);
      *error = -ENOKEY;
      return NULL;
    }

  op->kind = alg->kind;
  op->is_op = true;
  memcpy (op->key, alg->key, sizeof op->key);
  op->key_len = alg->key_len;
  op->authsize = alg->authsize;
  op->op = ALG_OP_ENCRYPT;

  *error = setup_ciphers (op);
  if (*error < 0)
    {
      lab_alg_free (op);
      return NULL;
    }

  return op;
}

ssize_t
lab_alg_sendmsg (LabAlg              *alg,
                 const struct msghdr *msg,
                 int                  flags)
{
  size_t total = 0;
  int error;

  if (!alg->is_op)
    return -EOPNOTSUPP;

  parse_control (alg, msg);

  if (alg->kind == LAB_ALG_CMAC_AES)
    {
      /* A send that follows a finished digest starts a new message. */
      if (!alg->more)
        {
          cmac128_init (&alg->cmac);
          alg->digest_ready = false;
        }
      for (size_t i = 0; i < msg->msg_iovlen; i++)
        {
          cmac128_update (&alg->cmac, &alg->enc, alg->encrypt,
                          msg->msg_iov[i].iov_len, msg->msg_iov[i].iov_base);
          total += msg->msg_iov[i].iov_len;
        }
      alg->more = (flags & MSG_MORE) != 0;
      if (!alg->more)
        finish_digest (alg);
      return total;
    }

  if (!alg->more)
    {
      alg->in_len = 0;
      clear_output (alg);
    }

  error = append_input (alg, msg->msg_iov, msg->msg_iovlen, &total);
  if (error < 0)
    return error;

  alg->more = (flags & MSG_MORE) != 0;
  if (!alg->more)
    finish_request (alg);

  return total;
}

ssize_t
lab_alg_recv (LabAlg             *alg,
              const struct iovec *iov,
              size_t              iovcnt)
{
  const uint8_t *src;
  size_t avail;
  size_t done = 0;

  if (!alg->is_op)
    return -EINVAL;

  if (alg->kind == LAB_ALG_CMAC_AES)
    {
      if (!alg->digest_ready)
        finish_digest (alg);
      alg->more = false;
      src = alg->digest;
      avail = sizeof alg->digest;
    }
  else
    {
      if (!alg->out_ready)
        return -EAGAIN;
      if (alg->out_error < 0)
        {
          int error = alg->out_error;

          clear_output (alg);
          return error;
        }
      src = alg->out;
      avail = alg->out_len;
    }

  for (size_t i = 0; i < iovcnt && done < avail; i++)
    {
      size_t n = iov[i].iov_len < avail - done ? iov[i].iov_len : avail - done;

      memcpy (iov[i].iov_base, src + done, n);
      done += n;
    }

  /* One read consumes a cipher result, as with the kernel. */
  if (alg->kind != LAB_ALG_CMAC_AES)
    clear_output (alg);

  return done;
}
