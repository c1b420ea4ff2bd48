/* mesh-transport.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MeshTransportKey:
 * @MESH_TRANSPORT_KEY_DEVICE: the message is secured with the remote node's
 *   device key (configuration messages); the key index is a NetKey index
 * @MESH_TRANSPORT_KEY_APPLICATION: the message is secured with an AppKey;
 *   the key index is an AppKey index
 */
typedef enum
{
  MESH_TRANSPORT_KEY_DEVICE,
  MESH_TRANSPORT_KEY_APPLICATION,
} MeshTransportKey;

#define MESH_TYPE_TRANSPORT (mesh_transport_get_type ())

G_DECLARE_INTERFACE (MeshTransport, mesh_transport, MESH, TRANSPORT, GObject)

/**
 * MeshTransport:
 *
 * How access messages leave the provisioner and come back. The
 * configuration engine speaks only to this interface, so that it does not
 * depend on how messages travel (today bluetooth-meshd over D-Bus).
 *
 * An implementation emits #MeshTransport::message-received on the main
 * context that created it, for every access message addressed to the
 * provisioner's own elements.
 */
struct _MeshTransportInterface
{
  GTypeInterface parent_iface;

  /* @message is a whole access message, opcode first. The call completes
   * when the message is handed to the network, not when it is answered. */
  void     (*send_async)  (MeshTransport        *self,
                           MeshTransportKey      key,
                           guint16               key_index,
                           guint16               destination,
                           GBytes               *message,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data);
  gboolean (*send_finish) (MeshTransport        *self,
                           GAsyncResult         *result,
                           GError              **error);
};

void     mesh_transport_send_async       (MeshTransport        *self,
                                          MeshTransportKey      key,
                                          guint16               key_index,
                                          guint16               destination,
                                          GBytes               *message,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean mesh_transport_send_finish      (MeshTransport        *self,
                                          GAsyncResult         *result,
                                          GError              **error);

/* For implementations: emits ::message-received. */
void     mesh_transport_message_received (MeshTransport        *self,
                                          MeshTransportKey      key,
                                          guint16               key_index,
                                          guint16               source,
                                          guint16               destination,
                                          GBytes               *message);

G_END_DECLS
