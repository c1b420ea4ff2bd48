/* test-lab-samples.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Mesh Profile specification's sample data (section 8) through
 * bluetooth-meshd's crypto, which in the lab runs on the preload module's
 * AF_ALG emulation. meshd has no call that computes s1 or k2, so the test
 * imports a node with the samples' NetKey, device key, IV index and
 * address, and reads what meshd puts on the virtual air:
 *
 * - its secure network beacon must be the sample beacon, byte for byte
 *   (k1 beacon key, k3 network ID, CMAC);
 * - a message it sends with the sample AppKey must carry NID 0x68 (k2) and
 *   AID 0x26 (k4) and equal, byte for byte, the test's own encoding with
 *   the samples' keys (k2 encryption and privacy keys, AES-CCM, AES-ECB);
 * - a segmented device-key message likewise;
 * - the sample Message #6 (two segments, sent by 0x0003 to 0x1201) put on
 *   the air must be decrypted by meshd, which answers with a Config AppKey
 *   Status the test decrypts in turn.
 *
 * The test's own mesh crypto (nettle) is first checked against the
 * samples themselves, so that a wrong byte anywhere fails the test. */

#include "config.h"

#include "lab-app.h"
#include "lab-client.h"
#include "lab-msg.h"
#include "lab-provisioner.h"

#include <nettle/aes.h>
#include <nettle/ccm.h>
#include <nettle/cmac.h>
#include <string.h>

#define SAMPLE_NET_KEY  "7dd7364cd842ad18c17c2b820c84c3d6"
#define SAMPLE_DEV_KEY  "9d6dd0e96eb25dc19a40ed9914f8f03f"
#define SAMPLE_APP_KEY  "63964771734fbd76e3b40519d1d94a48"
#define SAMPLE_IV_INDEX 0x12345678
#define SAMPLE_NODE     0x1201
#define AD_NETWORK      0x2a
#define AD_BEACON       0x2b

typedef struct {
  guint8 nid;
  guint8 enc[16];
  guint8 priv[16];
} NetKeys;

typedef struct {
  gboolean ctl;
  guint8 ttl;
  guint32 seq;
  guint16 src;
  guint16 dst;
  guint8 transport[32];
  gsize transport_len;
} NetPdu;

static const guint8 zero[16];

static GBytes *
hex (const char *text)
{
  gsize len = strlen (text) / 2;
  guint8 *data = g_malloc (len + 1);

  g_assert_true (lab_hex_decode (text, data, len));
  return g_bytes_new_take (data, len);
}

static void
hex16 (const char *text,
       guint8      out[16])
{
  g_assert_true (lab_hex_decode (text, out, 16));
}

#define assert_bytes(data, len, expected_hex) \
  G_STMT_START { \
    g_autoptr(GBytes) expected__ = hex (expected_hex); \
    g_assert_cmpmem ((data), (len), g_bytes_get_data (expected__, NULL), \
                     g_bytes_get_size (expected__)); \
  } G_STMT_END

/* ---- the test's own mesh crypto (Mesh Profile 3.8) ---- */

static void
aes_ecb (const guint8 key[16],
         const guint8 in[16],
         guint8       out[16])
{
  struct aes128_ctx ctx;

  aes128_set_encrypt_key (&ctx, key);
  aes128_encrypt (&ctx, 16, out, in);
}

static void
cmac (const guint8 key[16],
      const guint8 *msg,
      gsize         len,
      guint8        out[16])
{
  struct cmac_aes128_ctx ctx;

  cmac_aes128_set_key (&ctx, key);
  cmac_aes128_update (&ctx, len, msg);
  cmac_aes128_digest (&ctx, 16, out);
}

static void
s1 (const char *text,
    guint8      out[16])
{
  cmac (zero, (const guint8 *) text, strlen (text), out);
}

static void
k1 (const guint8  n[16],
    const guint8  salt[16],
    const guint8 *p,
    gsize         p_len,
    guint8        out[16])
{
  guint8 t[16];

  cmac (salt, n, 16, t);
  cmac (t, p, p_len, out);
}

static void
k2 (const guint8  n[16],
    const guint8 *p,
    gsize         p_len,
    NetKeys      *keys)
{
  guint8 salt[16], t[16], t1[16];
  guint8 buf[16 + 16 + 1];

  s1 ("smk2", salt);
  cmac (salt, n, 16, t);

  memcpy (buf, p, p_len);
  buf[p_len] = 0x01;
  cmac (t, buf, p_len + 1, t1);
  keys->nid = t1[15] & 0x7f;

  memcpy (buf, t1, 16);
  memcpy (buf + 16, p, p_len);
  buf[16 + p_len] = 0x02;
  cmac (t, buf, 16 + p_len + 1, keys->enc);

  memcpy (buf, keys->enc, 16);
  buf[16 + p_len] = 0x03;
  cmac (t, buf, 16 + p_len + 1, keys->priv);
}

static void
k3 (const guint8 n[16],
    guint8       out[8])
{
  static const guint8 id64[] = { 'i', 'd', '6', '4', 0x01 };
  guint8 salt[16], t[16], result[16];

  s1 ("smk3", salt);
  cmac (salt, n, 16, t);
  cmac (t, id64, sizeof id64, result);
  memcpy (out, result + 8, 8);
}

static guint8
k4 (const guint8 n[16])
{
  static const guint8 id6[] = { 'i', 'd', '6', 0x01 };
  guint8 salt[16], t[16], result[16];

  s1 ("smk4", salt);
  cmac (salt, n, 16, t);
  cmac (t, id6, sizeof id6, result);
  return result[15] & 0x3f;
}

static void
beacon_key (const guint8 n[16],
            guint8       out[16])
{
  static const guint8 id128[] = { 'i', 'd', '1', '2', '8', 0x01 };
  guint8 salt[16];

  s1 ("nkbk", salt);
  k1 (n, salt, id128, sizeof id128, out);
}

static void
network_nonce (const NetPdu *pdu,
               guint32       iv_index,
               guint8        nonce[13])
{
  nonce[0] = 0x00;
  nonce[1] = (pdu->ctl ? 0x80 : 0) | pdu->ttl;
  nonce[2] = pdu->seq >> 16;
  nonce[3] = pdu->seq >> 8;
  nonce[4] = pdu->seq;
  nonce[5] = pdu->src >> 8;
  nonce[6] = pdu->src;
  nonce[7] = nonce[8] = 0x00;
  nonce[9] = iv_index >> 24;
  nonce[10] = iv_index >> 16;
  nonce[11] = iv_index >> 8;
  nonce[12] = iv_index;
}

static void
obfuscation_pad (const NetKeys *keys,
                 guint32        iv_index,
                 const guint8  *privacy_random,
                 guint8         pecb[16])
{
  guint8 plain[16] = { 0 };

  plain[5] = iv_index >> 24;
  plain[6] = iv_index >> 16;
  plain[7] = iv_index >> 8;
  plain[8] = iv_index;
  memcpy (plain + 9, privacy_random, 7);
  aes_ecb (keys->priv, plain, pecb);
}

static GBytes *
net_encode (const NetKeys *keys,
            guint32        iv_index,
            const NetPdu  *pdu)
{
  struct ccm_aes128_ctx ccm;
  gsize mic = pdu->ctl ? 8 : 4;
  gsize plain_len = 2 + pdu->transport_len;
  guint8 plain[40], nonce[13], pecb[16];
  guint8 packet[64];

  plain[0] = pdu->dst >> 8;
  plain[1] = pdu->dst;
  memcpy (plain + 2, pdu->transport, pdu->transport_len);
  network_nonce (pdu, iv_index, nonce);

  ccm_aes128_set_key (&ccm, keys->enc);
  ccm_aes128_encrypt_message (&ccm, 13, nonce, 0, NULL, mic, plain_len + mic, packet + 7, plain);

  obfuscation_pad (keys, iv_index, packet + 7, pecb);
  packet[0] = (iv_index & 1) << 7 | keys->nid;
  for (int i = 0; i < 6; i++)
    packet[1 + i] = nonce[1 + i] ^ pecb[i];

  return g_bytes_new (packet, 7 + plain_len + mic);
}

static gboolean
net_decode (const NetKeys *keys,
            guint32        iv_index,
            const guint8  *packet,
            gsize          len,
            NetPdu        *pdu)
{
  struct ccm_aes128_ctx ccm;
  guint8 header[6], pecb[16], nonce[13], plain[40];
  gsize mic;

  if (len < 14 || (packet[0] & 0x7f) != keys->nid)
    return FALSE;
  if ((packet[0] >> 7) != (iv_index & 1))
    iv_index--;

  obfuscation_pad (keys, iv_index, packet + 7, pecb);
  for (int i = 0; i < 6; i++)
    header[i] = packet[1 + i] ^ pecb[i];

  pdu->ctl = header[0] >> 7;
  pdu->ttl = header[0] & 0x7f;
  pdu->seq = (guint32) header[1] << 16 | header[2] << 8 | header[3];
  pdu->src = header[4] << 8 | header[5];
  mic = pdu->ctl ? 8 : 4;
  if (len - 7 < 2 + mic || len - 7 - mic > sizeof plain)
    return FALSE;

  network_nonce (pdu, iv_index, nonce);
  ccm_aes128_set_key (&ccm, keys->enc);
  if (!ccm_aes128_decrypt_message (&ccm, 13, nonce, 0, NULL, mic, len - 7 - mic, plain, packet + 7))
    return FALSE;

  pdu->dst = plain[0] << 8 | plain[1];
  pdu->transport_len = len - 7 - mic - 2;
  memcpy (pdu->transport, plain + 2, pdu->transport_len);
  return TRUE;
}

/* Upper transport access PDU: payload || TransMIC (32-bit), with the
 * application (0x01) or device (0x02) nonce. */
static void
access_nonce (guint8   type,
              guint32  seq,
              guint16  src,
              guint16  dst,
              guint32  iv_index,
              guint8   nonce[13])
{
  nonce[0] = type;
  nonce[1] = 0x00;
  nonce[2] = seq >> 16;
  nonce[3] = seq >> 8;
  nonce[4] = seq;
  nonce[5] = src >> 8;
  nonce[6] = src;
  nonce[7] = dst >> 8;
  nonce[8] = dst;
  nonce[9] = iv_index >> 24;
  nonce[10] = iv_index >> 16;
  nonce[11] = iv_index >> 8;
  nonce[12] = iv_index;
}

static GBytes *
access_encrypt (const guint8 key[16],
                const guint8 nonce[13],
                GBytes      *label,
                GBytes      *payload)
{
  struct ccm_aes128_ctx ccm;
  gsize len = g_bytes_get_size (payload);
  guint8 *out = g_malloc (len + 4);

  ccm_aes128_set_key (&ccm, key);
  ccm_aes128_encrypt_message (&ccm, 13, nonce,
                              label ? 16 : 0, label ? g_bytes_get_data (label, NULL) : NULL,
                              4, len + 4, out, g_bytes_get_data (payload, NULL));
  return g_bytes_new_take (out, len + 4);
}

static GBytes *
access_decrypt (const guint8 key[16],
                const guint8 nonce[13],
                GBytes      *label,
                const guint8 *upper,
                gsize         len)
{
  struct ccm_aes128_ctx ccm;
  guint8 *out;

  if (len < 4)
    return NULL;
  out = g_malloc (len);
  ccm_aes128_set_key (&ccm, key);
  if (!ccm_aes128_decrypt_message (&ccm, 13, nonce,
                                   label ? 16 : 0, label ? g_bytes_get_data (label, NULL) : NULL,
                                   4, len - 4, out, upper))
    {
      g_free (out);
      return NULL;
    }
  return g_bytes_new_take (out, len - 4);
}

/* Lower transport segment header (segmented access message). */
static void
segment_header (gboolean akf,
                guint8   aid,
                guint16  seq_zero,
                guint8   seg_o,
                guint8   seg_n,
                guint8   out[4])
{
  out[0] = 0x80 | (akf ? 0x40 : 0) | aid;
  out[1] = (seq_zero >> 6) & 0x7f;
  out[2] = (seq_zero & 0x3f) << 2 | (seg_o >> 3);
  out[3] = (seg_o & 0x07) << 5 | seg_n;
}

/* ---- the samples against the test's own code ---- */

static void
test_own_crypto (void)
{
  guint8 out[16], net_key[16], app_key[16], dev_key[16], id[8];
  NetKeys keys;

  /* 8.1.1 s1, 8.1.2 k1, 8.1.3 k2, 8.1.5 k3, 8.1.6 k4 */
  s1 ("test", out);
  assert_bytes (out, 16, "b73cefbd641ef2ea598c2b6efb62f79c");
  {
    guint8 ikm[16], salt[16], info[16];

    /* The sample's salt and info are s1("salt") and s1("info"). */
    hex16 ("3216d1509884b533248541792b877f98", ikm);
    s1 ("salt", salt);
    s1 ("info", info);
    k1 (ikm, salt, info, 16, out);
    assert_bytes (out, 16, "f6ed15a8934afbe7d83e8dcb57fcf5d7");
  }
  hex16 ("f7a2a44f8e8a8029064f173ddc1e2b00", net_key);
  k2 (net_key, zero, 1, &keys);
  g_assert_cmphex (keys.nid, ==, 0x7f);
  assert_bytes (keys.enc, 16, "9f589181a0f50de73c8070c7a6d27f46");
  assert_bytes (keys.priv, 16, "4c715bd4a64b938f99b453351653124f");
  k3 (net_key, id);
  assert_bytes (id, 8, "ff046958233db014");
  hex16 ("3216d1509884b533248541792b877f98", app_key);
  g_assert_cmphex (k4 (app_key), ==, 0x38);

  /* 8.2: the keys of the message samples */
  hex16 (SAMPLE_APP_KEY, app_key);
  g_assert_cmphex (k4 (app_key), ==, 0x26);
  hex16 (SAMPLE_NET_KEY, net_key);
  k2 (net_key, zero, 1, &keys);
  g_assert_cmphex (keys.nid, ==, 0x68);
  assert_bytes (keys.enc, 16, "0953fa93e7caac9638f58820220a398e");
  assert_bytes (keys.priv, 16, "8b84eedec100067d670971dd2aa700cf");
  k3 (net_key, id);
  assert_bytes (id, 8, "3ecaff672f673370");
  beacon_key (net_key, out);
  assert_bytes (out, 16, "5423d967da639a99cb02231a83f7d254");

  /* 8.3.1 Message #1: a control message, encoded and decoded */
  {
    NetPdu pdu = { .ctl = TRUE, .ttl = 0, .seq = 0x000001, .src = 0x1201, .dst = 0xfffd };
    g_autoptr(GBytes) transport = hex ("034b50057e400000010000");
    g_autoptr(GBytes) packet = NULL;
    NetPdu back;

    pdu.transport_len = g_bytes_get_size (transport);
    memcpy (pdu.transport, g_bytes_get_data (transport, NULL), pdu.transport_len);
    packet = net_encode (&keys, SAMPLE_IV_INDEX, &pdu);
    assert_bytes (g_bytes_get_data (packet, NULL), g_bytes_get_size (packet),
                  "68eca487516765b5e5bfdacbaf6cb7fb6bff871f035444ce83a670df");
    g_assert_true (net_decode (&keys, SAMPLE_IV_INDEX, g_bytes_get_data (packet, NULL),
                               g_bytes_get_size (packet), &back));
    g_assert_true (back.ctl);
    g_assert_cmphex (back.seq, ==, 0x000001);
    g_assert_cmphex (back.dst, ==, 0xfffd);
    g_assert_cmpmem (back.transport, back.transport_len, pdu.transport, pdu.transport_len);
  }

  /* 8.3.6 Message #6: device key, two segments */
  {
    g_autoptr(GBytes) payload = hex ("0056341263964771734fbd76e3b40519d1d94a48");
    g_autoptr(GBytes) upper = NULL;
    const char *packets[] = {
      "68cab5c5348a230afba8c63d4e686364979deaf4fd40961145939cda0e",
      "681615b5dd4a846cae0c032bf0746f44f1b8cc8ce5edc57e55beed49c0",
    };
    guint8 nonce[13];

    hex16 (SAMPLE_DEV_KEY, dev_key);
    access_nonce (0x02, 0x3129ab, 0x0003, 0x1201, SAMPLE_IV_INDEX, nonce);
    assert_bytes (nonce, 13, "02003129ab0003120112345678");
    upper = access_encrypt (dev_key, nonce, NULL, payload);
    assert_bytes (g_bytes_get_data (upper, NULL), g_bytes_get_size (upper),
                  "ee9dddfd2169326d23f3afdfcfdc18c52fdef772e0e17308");

    for (guint8 seg = 0; seg < 2; seg++)
      {
        NetPdu pdu = { .ttl = 4, .seq = 0x3129ab + seg, .src = 0x0003, .dst = 0x1201 };
        g_autoptr(GBytes) packet = NULL;

        segment_header (FALSE, 0, 0x3129ab & 0x1fff, seg, 1, pdu.transport);
        memcpy (pdu.transport + 4, (const guint8 *) g_bytes_get_data (upper, NULL) + 12 * seg, 12);
        pdu.transport_len = 16;
        packet = net_encode (&keys, SAMPLE_IV_INDEX, &pdu);
        assert_bytes (g_bytes_get_data (packet, NULL), g_bytes_get_size (packet), packets[seg]);
      }
  }

  /* 8.3.22 Message #22: application key, virtual address, previous IV */
  {
    g_autoptr(GBytes) payload = hex ("d50a0048656c6c6f");
    g_autoptr(GBytes) label = hex ("0073e7e4d8b9440faf8415df4c56c0e1");
    g_autoptr(GBytes) upper = NULL;
    g_autoptr(GBytes) packet = NULL;
    g_autoptr(GBytes) plain = NULL;
    NetPdu pdu = { .ttl = 3, .seq = 0x07080b, .src = 0x1234, .dst = 0xb529 };
    NetPdu back;
    guint8 nonce[13];

    access_nonce (0x01, 0x07080b, 0x1234, 0xb529, 0x12345677, nonce);
    upper = access_encrypt (app_key, nonce, label, payload);
    assert_bytes (g_bytes_get_data (upper, NULL), g_bytes_get_size (upper), "3871b904d431526316ca48a0");
    pdu.transport[0] = 0x40 | k4 (app_key);
    memcpy (pdu.transport + 1, g_bytes_get_data (upper, NULL), 12);
    pdu.transport_len = 13;
    packet = net_encode (&keys, 0x12345677, &pdu);
    assert_bytes (g_bytes_get_data (packet, NULL), g_bytes_get_size (packet),
                  "e8d85caecef1e3ed31f3fdcf88a411135fea55df730b6b28e255");

    /* Decoding while on IV index 0x12345678 takes the IVI bit into account. */
    g_assert_true (net_decode (&keys, SAMPLE_IV_INDEX, g_bytes_get_data (packet, NULL),
                               g_bytes_get_size (packet), &back));
    g_assert_cmphex (back.seq, ==, 0x07080b);
    g_assert_cmphex (back.dst, ==, 0xb529);
    plain = access_decrypt (app_key, nonce, label, back.transport + 1, back.transport_len - 1);
    g_assert_nonnull (plain);
    g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                     g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
  }
}

/* ---- the samples through bluetooth-meshd ---- */

/* The next network PDU on the air that decodes with the sample keys and
 * matches src and dst. */
static gboolean
receive_pdu (LabTap        *tap,
             const NetKeys *keys,
             guint16        src,
             guint16        dst,
             guint          timeout_ms,
             GBytes       **raw,
             NetPdu        *pdu)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GBytes) packet = lab_tap_receive (tap, 100);
      const guint8 *data;
      gsize len;

      if (!packet)
        continue;
      data = g_bytes_get_data (packet, &len);
      if (len < 2 || data[0] != AD_NETWORK)
        continue;
      if (net_decode (keys, SAMPLE_IV_INDEX, data + 1, len - 1, pdu)
          && pdu->src == src && pdu->dst == dst)
        {
          if (raw)
            *raw = g_bytes_new (data + 1, len - 1);
          return TRUE;
        }
    }

  return FALSE;
}

static void
management_call (LabProvisioner *prov,
                 GDBusConnection *bus,
                 const char     *method,
                 GVariant       *parameters)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = lab_call (bus, LAB_MESH_SERVICE, lab_provisioner_get_node_path (prov),
                    LAB_MESH_MANAGEMENT_IFACE, method, parameters, NULL, 30000, &error);
  g_assert_no_error (error);
}

static void
test_meshd (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_autoptr(LabProvisioner) prov = NULL;
  g_autoptr(LabTap) tap = NULL;
  guint8 net_key[16], dev_key[16], app_key[16];
  NetKeys keys;
  guint timeout_ms;
  gboolean ok;

  g_assert_no_error (error);
  hex16 (SAMPLE_NET_KEY, net_key);
  hex16 (SAMPLE_DEV_KEY, dev_key);
  hex16 (SAMPLE_APP_KEY, app_key);
  k2 (net_key, zero, 1, &keys);

  tap = lab_tap_open (&error);
  g_assert_no_error (error);
  prov = lab_provisioner_new (bus, &error);
  g_assert_no_error (error);
  timeout_ms = lab_provisioner_timeout (prov, 15000);

  ok = lab_provisioner_import (prov, dev_key, net_key, SAMPLE_IV_INDEX, SAMPLE_NODE, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* 8.4.3: meshd's secure network beacon is the sample one. */
  {
    gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
    g_autoptr(GBytes) beacon = NULL;

    while (!beacon && g_get_monotonic_time () < deadline)
      {
        g_autoptr(GBytes) packet = lab_tap_receive (tap, 100);
        const guint8 *data = packet ? g_bytes_get_data (packet, NULL) : NULL;

        if (data && g_bytes_get_size (packet) > 2 && data[0] == AD_BEACON && data[1] == 0x01)
          beacon = g_steal_pointer (&packet);
      }
    g_assert_nonnull (beacon);
    assert_bytes (g_bytes_get_data (beacon, NULL), g_bytes_get_size (beacon),
                  "2b" "01003ecaff672f673370123456788ea261582f364f6f");
  }

  /* The sample AppKey, bound to our own client model (loopback config).
   * meshd's key database (apart from the node's own keys) needs the
   * subnet, and our own device key to configure ourselves. */
  management_call (prov, bus, "ImportSubnet",
                   g_variant_new ("(q@ay)", 0, lab_bytes_variant (net_key, 16)));
  management_call (prov, bus, "ImportRemoteNode",
                   g_variant_new ("(qy@ay)", SAMPLE_NODE, 1, lab_bytes_variant (dev_key, 16)));
  management_call (prov, bus, "ImportAppKey",
                   g_variant_new ("(qq@ay)", 0, 0, lab_bytes_variant (app_key, 16)));
  ok = lab_provisioner_add_app_key (prov, SAMPLE_NODE, 0, timeout_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = lab_provisioner_bind (prov, SAMPLE_NODE, SAMPLE_NODE, 0, LAB_MODEL_ONOFF_CLIENT,
                             timeout_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* An application message: NID 0x68 (k2), AID 0x26 (k4), and exactly the
   * bytes the samples' keys give. */
  {
    g_autoptr(GBytes) payload = hex ("d50a0048656c6c6f");
    g_autoptr(GBytes) raw = NULL;
    g_autoptr(GBytes) mine = NULL;
    g_autoptr(GBytes) upper = NULL;
    g_autoptr(GBytes) plain = NULL;
    NetPdu pdu, expected = { 0 };
    guint8 nonce[13];

    ok = lab_provisioner_send (prov, FALSE, 0x1234, 0, payload, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
    g_assert_true (receive_pdu (tap, &keys, SAMPLE_NODE, 0x1234, timeout_ms, &raw, &pdu));

    g_assert_cmphex (((const guint8 *) g_bytes_get_data (raw, NULL))[0], ==, 0x68);
    g_assert_false (pdu.ctl);
    g_assert_cmpuint (pdu.transport_len, ==, 1 + 8 + 4);
    g_assert_cmphex (pdu.transport[0], ==, 0x40 | 0x26);

    access_nonce (0x01, pdu.seq, SAMPLE_NODE, 0x1234, SAMPLE_IV_INDEX, nonce);
    plain = access_decrypt (app_key, nonce, NULL, pdu.transport + 1, pdu.transport_len - 1);
    g_assert_nonnull (plain);
    g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                     g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));

    expected.ttl = pdu.ttl;
    expected.seq = pdu.seq;
    expected.src = SAMPLE_NODE;
    expected.dst = 0x1234;
    upper = access_encrypt (app_key, nonce, NULL, payload);
    expected.transport[0] = 0x40 | k4 (app_key);
    memcpy (expected.transport + 1, g_bytes_get_data (upper, NULL), 12);
    expected.transport_len = 13;
    mine = net_encode (&keys, SAMPLE_IV_INDEX, &expected);
    g_assert_cmpmem (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw),
                     g_bytes_get_data (mine, NULL), g_bytes_get_size (mine));
  }

  /* Sample Message #6 from the air: meshd reassembles and decrypts it (a
   * Config AppKey Add for NetKey 0x456, which this node lacks) and answers
   * Config AppKey Status "Invalid NetKey Index" with its device key. */
  {
    const char *packets[] = {
      "2a" "68cab5c5348a230afba8c63d4e686364979deaf4fd40961145939cda0e",
      "2a" "681615b5dd4a846cae0c032bf0746f44f1b8cc8ce5edc57e55beed49c0",
    };
    g_autoptr(GBytes) plain = NULL;
    gint64 deadline;
    NetPdu pdu = { 0 };
    guint8 nonce[13];

    for (gsize i = 0; i < G_N_ELEMENTS (packets); i++)
      {
        g_autoptr(GBytes) packet = hex (packets[i]);

        ok = lab_tap_send (tap, g_bytes_get_data (packet, NULL), g_bytes_get_size (packet), &error);
        g_assert_no_error (error);
        g_assert_true (ok);
      }

    deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
    while (!plain && g_get_monotonic_time () < deadline)
      {
        /* The segment acknowledgement (a control PDU) comes too: skip it. */
        if (!receive_pdu (tap, &keys, SAMPLE_NODE, 0x0003, timeout_ms, NULL, &pdu) || pdu.ctl)
          continue;
        g_assert_cmphex (pdu.transport[0], ==, 0x00); /* unsegmented, device key */
        access_nonce (0x02, pdu.seq, SAMPLE_NODE, 0x0003, SAMPLE_IV_INDEX, nonce);
        plain = access_decrypt (dev_key, nonce, NULL, pdu.transport + 1, pdu.transport_len - 1);
        g_assert_nonnull (plain);
      }
    g_assert_nonnull (plain);
    assert_bytes (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "8003" "04" "563412");
  }

  /* A segmented device-key message to a remote node with the sample key. */
  {
    g_autoptr(GBytes) payload = hex ("0056341263964771734fbd76e3b40519d1d94a48");
    GBytes *raws[2] = { NULL, NULL };
    NetPdu pdus[2];
    guint8 upper[24], nonce[13];
    g_autoptr(GBytes) plain = NULL;
    g_autoptr(GBytes) mine = NULL;
    gint64 deadline;
    guint16 seq_zero = 0;
    guint32 seq_auth;

    management_call (prov, bus, "ImportRemoteNode",
                     g_variant_new ("(qy@ay)", 0x0003, 1, lab_bytes_variant (dev_key, 16)));
    ok = lab_provisioner_send (prov, TRUE, 0x0003, 0, payload, &error);
    g_assert_no_error (error);
    g_assert_true (ok);

    deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
    while ((!raws[0] || !raws[1]) && g_get_monotonic_time () < deadline)
      {
        GBytes *raw = NULL;
        NetPdu pdu;
        guint8 seg_o, seg_n;

        if (!receive_pdu (tap, &keys, SAMPLE_NODE, 0x0003, 200, &raw, &pdu))
          continue;
        if (pdu.ctl || !(pdu.transport[0] & 0x80) || pdu.transport_len != 16)
          {
            g_bytes_unref (raw);
            continue;
          }
        g_assert_cmphex (pdu.transport[0], ==, 0x80); /* SEG, device key */
        seg_o = (pdu.transport[2] & 0x03) << 3 | pdu.transport[3] >> 5;
        seg_n = pdu.transport[3] & 0x1f;
        g_assert_cmpuint (seg_n, ==, 1);
        /* The first copy of each segment; resends come later. */
        if (raws[seg_o])
          {
            g_bytes_unref (raw);
            continue;
          }
        raws[seg_o] = raw;
        pdus[seg_o] = pdu;
        seq_zero = (pdu.transport[1] & 0x7f) << 6 | pdu.transport[2] >> 2;
      }
    g_assert_nonnull (raws[0]);
    g_assert_nonnull (raws[1]);
    /* SeqAuth: the upper transport PDU's sequence number, whose low 13
     * bits are SeqZero; meshd numbers the segments after it. */
    seq_auth = (pdus[0].seq & ~0x1fffu) | seq_zero;
    if (seq_auth > pdus[0].seq)
      seq_auth -= 0x2000;
    g_assert_cmpuint (pdus[0].seq - seq_auth, <, 8);

    memcpy (upper, pdus[0].transport + 4, 12);
    memcpy (upper + 12, pdus[1].transport + 4, 12);
    access_nonce (0x02, seq_auth, SAMPLE_NODE, 0x0003, SAMPLE_IV_INDEX, nonce);
    plain = access_decrypt (dev_key, nonce, NULL, upper, sizeof upper);
    g_assert_nonnull (plain);
    g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                     g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));

    /* Segment by segment, exactly the test's own encoding. */
    {
      g_autoptr(GBytes) encrypted = access_encrypt (dev_key, nonce, NULL, payload);

      for (guint8 seg = 0; seg < 2; seg++)
        {
          NetPdu expected = { .ttl = pdus[seg].ttl, .seq = pdus[seg].seq,
                              .src = SAMPLE_NODE, .dst = 0x0003 };

          segment_header (FALSE, 0, seq_zero, seg, 1, expected.transport);
          memcpy (expected.transport + 4,
                  (const guint8 *) g_bytes_get_data (encrypted, NULL) + 12 * seg, 12);
          expected.transport_len = 16;
          g_clear_pointer (&mine, g_bytes_unref);
          mine = net_encode (&keys, SAMPLE_IV_INDEX, &expected);
          g_assert_cmpmem (g_bytes_get_data (raws[seg], NULL), g_bytes_get_size (raws[seg]),
                           g_bytes_get_data (mine, NULL), g_bytes_get_size (mine));
        }
    }
    g_bytes_unref (raws[0]);
    g_bytes_unref (raws[1]);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lab/samples/own-crypto", test_own_crypto);
  g_test_add_func ("/lab/samples/through-meshd", test_meshd);

  return g_test_run ();
}
