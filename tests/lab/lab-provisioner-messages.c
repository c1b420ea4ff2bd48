/* lab-provisioner-messages.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Messages to the nodes (with the device key or an application key), the
 * answers the provisioner's element received, and the configuration the
 * lab's tests need: AppKey Add and Model App Bind. */

#include "config.h"

#include "lab-provisioner-private.h"

#include "lab-msg.h"

#include <string.h>

void
lab_provisioner_received_free (gpointer data)
{
  Received *received = data;

  g_bytes_unref (received->data);
  g_free (received);
}

static GBytes *
take_reply (LabProvisioner *prov,
            guint16         source,
            guint32         opcode)
{
  for (GList *l = prov->received.head; l; l = l->next)
    {
      Received *received = l->data;
      gsize len;
      const guint8 *data = g_bytes_get_data (received->data, &len);
      guint32 op;
      gsize op_len;

      if (received->source != source || !lab_msg_get_opcode (data, len, &op, &op_len)
          || op != opcode)
        continue;

      {
        GBytes *params = g_bytes_new_from_bytes (received->data, op_len, len - op_len);

        g_queue_delete_link (&prov->received, l);
        lab_provisioner_received_free (received);
        return params;
      }
    }

  return NULL;
}

static void
drop_replies (LabProvisioner *prov,
              guint16         source,
              guint32         opcode)
{
  GBytes *stale;

  while ((stale = take_reply (prov, source, opcode)))
    g_bytes_unref (stale);
}

gboolean
lab_provisioner_send (LabProvisioner  *prov,
                      gboolean         dev_key,
                      guint16          destination,
                      guint16          app_index,
                      GBytes          *message,
                      GError         **error)
{
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder options;
  GVariant *data = lab_bytes_variant (g_bytes_get_data (message, NULL),
                                      g_bytes_get_size (message));

  g_variant_builder_init (&options, G_VARIANT_TYPE ("a{sv}"));
  if (dev_key)
    reply = lab_call (prov->bus, LAB_MESH_SERVICE, prov->node_path, LAB_MESH_NODE_IFACE,
                      "DevKeySend",
                      /* remote: meshd wants it even for loopback to itself */
                      g_variant_new ("(oqbqa{sv}@ay)", ELEMENT_PATH, destination,
                                     TRUE, 0, &options, data),
                      NULL, CALL_TIMEOUT_MS, error);
  else
    reply = lab_call (prov->bus, LAB_MESH_SERVICE, prov->node_path, LAB_MESH_NODE_IFACE,
                      "Send",
                      g_variant_new ("(oqqa{sv}@ay)", ELEMENT_PATH, destination, app_index,
                                     &options, data),
                      NULL, CALL_TIMEOUT_MS, error);

  return reply != NULL;
}

static GBytes *
request (LabProvisioner  *prov,
         gboolean         dev_key,
         guint16          destination,
         guint16          app_index,
         GBytes          *message,
         guint32          reply_opcode,
         guint            attempts,
         guint            timeout_ms,
         GError         **error)
{
  for (guint attempt = 0; attempt < MAX (attempts, 1); attempt++)
    {
      gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

      drop_replies (prov, destination, reply_opcode);
      if (!lab_provisioner_send (prov, dev_key, destination, app_index, message, error))
        return NULL;

      /* meshd says nothing when a message gets no answer: wait, then retry. */
      while (g_get_monotonic_time () < deadline)
        {
          GBytes *params = take_reply (prov, destination, reply_opcode);
          gboolean never = FALSE;

          if (params)
            return params;
          lab_wait_for (&never, 10);
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
               "No answer (opcode 0x%04x) from 0x%04x after %u attempts of %u ms",
               reply_opcode, destination, MAX (attempts, 1), timeout_ms);
  return NULL;
}

GBytes *
lab_provisioner_dev_key_request (LabProvisioner  *prov,
                                 guint16          destination,
                                 GBytes          *message,
                                 guint32          reply_opcode,
                                 guint            attempts,
                                 guint            timeout_ms,
                                 GError         **error)
{
  return request (prov, TRUE, destination, 0, message, reply_opcode, attempts, timeout_ms, error);
}

GBytes *
lab_provisioner_app_request (LabProvisioner  *prov,
                             guint16          destination,
                             guint16          app_index,
                             GBytes          *message,
                             guint32          reply_opcode,
                             guint            attempts,
                             guint            timeout_ms,
                             GError         **error)
{
  return request (prov, FALSE, destination, app_index, message, reply_opcode, attempts,
                  timeout_ms, error);
}

gboolean
lab_provisioner_create_app_key (LabProvisioner  *prov,
                                guint16          app_index,
                                GError         **error)
{
  g_autoptr(GVariant) reply = NULL;

  reply = lab_call (prov->bus, LAB_MESH_SERVICE, prov->node_path, LAB_MESH_MANAGEMENT_IFACE,
                    "CreateAppKey", g_variant_new ("(qq)", 0, app_index), NULL,
                    CALL_TIMEOUT_MS, error);
  return reply != NULL;
}

gboolean
lab_provisioner_add_app_key (LabProvisioner  *prov,
                             guint16          destination,
                             guint16          app_index,
                             guint            timeout_ms,
                             GError         **error)
{
  g_autoptr(GBytes) status = NULL;
  const guint8 *data;
  gsize len;

  for (guint attempt = 0; attempt < 3 && !status; attempt++)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean never = FALSE;
      gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

      drop_replies (prov, destination, LAB_OP_APPKEY_STATUS);
      /* meshd builds Config AppKey Add itself from its key database. */
      reply = lab_call (prov->bus, LAB_MESH_SERVICE, prov->node_path, LAB_MESH_NODE_IFACE,
                        "AddAppKey",
                        g_variant_new ("(oqqqb)", ELEMENT_PATH, destination, app_index, 0, FALSE),
                        NULL, CALL_TIMEOUT_MS, error);
      if (!reply)
        return FALSE;

      while (!(status = take_reply (prov, destination, LAB_OP_APPKEY_STATUS))
             && g_get_monotonic_time () < deadline)
        lab_wait_for (&never, 10);
    }

  if (!status)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "No Config AppKey Status from 0x%04x", destination);
      return FALSE;
    }

  data = g_bytes_get_data (status, &len);
  if (len != 4 || data[0] != 0x00)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Config AppKey Add to 0x%04x failed (status 0x%02x)", destination,
                   len ? data[0] : 0xFF);
      return FALSE;
    }

  return TRUE;
}

gboolean
lab_provisioner_bind (LabProvisioner  *prov,
                      guint16          destination,
                      guint16          element,
                      guint16          app_index,
                      guint32          model,
                      guint            timeout_ms,
                      GError         **error)
{
  /* Element, key index, then the model: SIG 2 bytes, vendor company + model */
  guint8 params[8] = { element & 0xFF, element >> 8, app_index & 0xFF, app_index >> 8 };
  gsize params_len = 6;
  g_autoptr(GBytes) message = NULL;
  g_autoptr(GBytes) status = NULL;
  const guint8 *data;
  gsize len;

  if (model > 0xFFFF)
    {
      params[4] = (model >> 16) & 0xFF;
      params[5] = model >> 24;
      params[6] = model & 0xFF;
      params[7] = (model >> 8) & 0xFF;
      params_len = 8;
    }
  else
    {
      params[4] = model & 0xFF;
      params[5] = model >> 8;
    }
  message = lab_msg_new (LAB_OP_MODEL_APP_BIND, params, params_len);

  status = lab_provisioner_dev_key_request (prov, destination, message, LAB_OP_MODEL_APP_STATUS,
                                            3, timeout_ms, error);
  if (!status)
    return FALSE;

  /* Status, then element, key index and model as sent. */
  data = g_bytes_get_data (status, &len);
  if (len != 1 + params_len || data[0] != 0x00 || memcmp (data + 1, params, params_len) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Binding model 0x%04x of 0x%04x failed (status 0x%02x)", model, element,
                   len ? data[0] : 0xFF);
      return FALSE;
    }

  return TRUE;
}

guint
lab_provisioner_count_received (LabProvisioner *prov,
                                guint16         source,
                                guint32         opcode,
                                gboolean        take)
{
  guint n = 0;

  if (take)
    {
      GBytes *params;

      while ((params = take_reply (prov, source, opcode)))
        {
          g_bytes_unref (params);
          n++;
        }
      return n;
    }

  for (GList *l = prov->received.head; l; l = l->next)
    {
      Received *received = l->data;
      gsize len;
      const guint8 *data = g_bytes_get_data (received->data, &len);
      guint32 op;
      gsize op_len;

      if (received->source == source && lab_msg_get_opcode (data, len, &op, &op_len) && op == opcode)
        n++;
    }

  return n;
}
