/* mesh-transport.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-transport.h"

G_DEFINE_INTERFACE (MeshTransport, mesh_transport, G_TYPE_OBJECT)

enum {
  MESSAGE_RECEIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mesh_transport_default_init (MeshTransportInterface *iface)
{
  /**
   * MeshTransport::message-received:
   * @key: a #MeshTransportKey
   * @key_index: the NetKey index (device key) or AppKey index it came with
   * @source: the unicast address of the element that sent it
   * @destination: the address it was sent to (unicast, group or virtual)
   * @message: the access message, opcode first
   */
  signals[MESSAGE_RECEIVED] =
    g_signal_new ("message-received",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE,
                  5,
                  G_TYPE_UINT,
                  G_TYPE_UINT,
                  G_TYPE_UINT,
                  G_TYPE_UINT,
                  G_TYPE_BYTES);
}

void
mesh_transport_send_async (MeshTransport       *self,
                           MeshTransportKey     key,
                           guint16              key_index,
                           guint16              destination,
                           GBytes              *message,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (MESH_IS_TRANSPORT (self));
  g_return_if_fail (message != NULL);

  MESH_TRANSPORT_GET_IFACE (self)->send_async (self, key, key_index, destination,
                                               message, cancellable, callback, user_data);
}

gboolean
mesh_transport_send_finish (MeshTransport  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (MESH_IS_TRANSPORT (self), FALSE);

  return MESH_TRANSPORT_GET_IFACE (self)->send_finish (self, result, error);
}

void
mesh_transport_message_received (MeshTransport    *self,
                                 MeshTransportKey  key,
                                 guint16           key_index,
                                 guint16           source,
                                 guint16           destination,
                                 GBytes           *message)
{
  g_return_if_fail (MESH_IS_TRANSPORT (self));
  g_return_if_fail (message != NULL);

  g_signal_emit (self, signals[MESSAGE_RECEIVED], 0,
                 (guint) key, (guint) key_index, (guint) source, (guint) destination,
                 message);
}
