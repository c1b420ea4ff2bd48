/* mesh-network-controller.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_NETWORK_CONTROLLER (mesh_network_controller_get_type ())

G_DECLARE_INTERFACE (MeshNetworkController, mesh_network_controller, MESH, NETWORK_CONTROLLER, GObject)

/* What the window asks of the online session: the operations that need
 * bluetooth-meshd and the nodes' answers. The window shows the network from
 * the store on its own; without a controller (mesh_window_set_controller())
 * these actions stay disabled.
 *
 * Each operation completes when the node (or the daemon) has confirmed it,
 * and only then: the implementation writes the confirmed state to the model
 * objects and the store (mesh_store_update_async() and friends), and the
 * widgets show it from there. A failure leaves the objects as they were and
 * comes back as a GError whose message is a sentence for the user
 * (MESH_ERROR_TIMED_OUT, MESH_ERROR_STATUS, MESH_ERROR_DAEMON_*...).
 * Cancelling stops waiting; what the node did by then is not undone. */
struct _MeshNetworkControllerInterface
{
  GTypeInterface parent_iface;

  /* Config Model App Bind / Unbind. */
  void       (*bind_app_key_async)          (MeshNetworkController  *self,
                                             MeshModel              *model,
                                             guint16                 app_key_index,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  gboolean   (*bind_app_key_finish)         (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error);
  void       (*unbind_app_key_async)        (MeshNetworkController  *self,
                                             MeshModel              *model,
                                             guint16                 app_key_index,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  gboolean   (*unbind_app_key_finish)       (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error);

  /* Config Model Subscription Add / Delete (or the Virtual Address forms). */
  void       (*add_subscription_async)      (MeshNetworkController  *self,
                                             MeshModel              *model,
                                             const MeshDestination  *address,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  gboolean   (*add_subscription_finish)     (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error);
  void       (*remove_subscription_async)   (MeshNetworkController  *self,
                                             MeshModel              *model,
                                             const MeshDestination  *address,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  gboolean   (*remove_subscription_finish)  (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error);

  /* Config Model Publication Set; @publication NULL turns publishing off. */
  void       (*set_publication_async)       (MeshNetworkController  *self,
                                             MeshModel              *model,
                                             const MeshPublication  *publication,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  gboolean   (*set_publication_finish)      (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error);

  /* Config Composition Data Get (page 0), replacing the node's elements. */
  void       (*refresh_composition_async)   (MeshNetworkController  *self,
                                             MeshNode               *node,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  gboolean   (*refresh_composition_finish)  (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error);

  /* Generic OnOff Set (acknowledged) to the element's Generic OnOff Server;
   * @is_on receives the present state of the node's status. */
  void       (*set_onoff_async)             (MeshNetworkController  *self,
                                             MeshElement            *element,
                                             gboolean                on,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  gboolean   (*set_onoff_finish)            (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             gboolean               *is_on,
                                             GError                **error);

  /* Config Node Reset, then the node leaves the network (store, exclusion
   * list, the daemon's device key). */
  void       (*reset_node_async)            (MeshNetworkController  *self,
                                             MeshNode               *node,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  gboolean   (*reset_node_finish)           (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error);
  /* Forgets a node that cannot be reached (it is gone or broken) without
   * talking to it: store, exclusion list, the daemon's device key. */
  void       (*remove_node_async)           (MeshNetworkController  *self,
                                             MeshNode               *node,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  gboolean   (*remove_node_finish)          (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error);

  /* A new NetKey, that is a new subnet (random value, in the keyring and
   * the daemon, added to our own node), at the lowest free index; the
   * result is the key as added to the store. */
  void       (*add_net_key_async)           (MeshNetworkController  *self,
                                             MeshNetwork            *network,
                                             const char             *name,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  MeshNetKey *(*add_net_key_finish)         (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error);
  /* A new AppKey (random value, in the keyring and the daemon) bound to the
   * NetKey @net_key_index; the result is the key as added to the store. */
  void       (*add_app_key_async)           (MeshNetworkController  *self,
                                             MeshNetwork            *network,
                                             guint16                 net_key_index,
                                             const char             *name,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  MeshAppKey *(*add_app_key_finish)         (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error);
  /* Deletes an AppKey from the nodes that have it, the daemon, the keyring
   * and the store. */
  void       (*delete_app_key_async)        (MeshNetworkController  *self,
                                             MeshAppKey             *app_key,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  gboolean   (*delete_app_key_finish)       (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error);
  /* Deletes a NetKey (a subnet) from the nodes that have it besides
   * another one, then from our own node, the daemon, the keyring and the
   * store. Nodes that have only this key keep it (a node refuses to lose
   * its last NetKey) and can no longer be reached. Refused with
   * MESH_ERROR_BUSY, before anything is sent, when
   * mesh_network_controller_can_delete_net_key() says no. */
  void       (*delete_net_key_async)        (MeshNetworkController  *self,
                                             MeshNetKey             *net_key,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
  gboolean   (*delete_net_key_finish)       (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error);
};

void        mesh_network_controller_bind_app_key_async         (MeshNetworkController  *self,
                                                                MeshModel              *model,
                                                                guint16                 app_key_index,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean    mesh_network_controller_bind_app_key_finish        (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void        mesh_network_controller_unbind_app_key_async       (MeshNetworkController  *self,
                                                                MeshModel              *model,
                                                                guint16                 app_key_index,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean    mesh_network_controller_unbind_app_key_finish      (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void        mesh_network_controller_add_subscription_async     (MeshNetworkController  *self,
                                                                MeshModel              *model,
                                                                const MeshDestination  *address,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean    mesh_network_controller_add_subscription_finish    (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void        mesh_network_controller_remove_subscription_async  (MeshNetworkController  *self,
                                                                MeshModel              *model,
                                                                const MeshDestination  *address,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean    mesh_network_controller_remove_subscription_finish (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void        mesh_network_controller_set_publication_async      (MeshNetworkController  *self,
                                                                MeshModel              *model,
                                                                const MeshPublication  *publication,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean    mesh_network_controller_set_publication_finish     (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void        mesh_network_controller_refresh_composition_async  (MeshNetworkController  *self,
                                                                MeshNode               *node,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean    mesh_network_controller_refresh_composition_finish (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void        mesh_network_controller_set_onoff_async            (MeshNetworkController  *self,
                                                                MeshElement            *element,
                                                                gboolean                on,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean    mesh_network_controller_set_onoff_finish           (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                gboolean               *is_on,
                                                                GError                **error);
void        mesh_network_controller_reset_node_async           (MeshNetworkController  *self,
                                                                MeshNode               *node,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean    mesh_network_controller_reset_node_finish          (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void        mesh_network_controller_remove_node_async          (MeshNetworkController  *self,
                                                                MeshNode               *node,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean    mesh_network_controller_remove_node_finish         (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void        mesh_network_controller_add_net_key_async          (MeshNetworkController  *self,
                                                                MeshNetwork            *network,
                                                                const char             *name,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
MeshNetKey *mesh_network_controller_add_net_key_finish         (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void        mesh_network_controller_add_app_key_async          (MeshNetworkController  *self,
                                                                MeshNetwork            *network,
                                                                guint16                 net_key_index,
                                                                const char             *name,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
MeshAppKey *mesh_network_controller_add_app_key_finish         (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void        mesh_network_controller_delete_app_key_async       (MeshNetworkController  *self,
                                                                MeshAppKey             *app_key,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean    mesh_network_controller_delete_app_key_finish      (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void        mesh_network_controller_delete_net_key_async       (MeshNetworkController  *self,
                                                                MeshNetKey             *net_key,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean    mesh_network_controller_delete_net_key_finish      (MeshNetworkController  *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);

/* Whether @net_key may be deleted from its network: not while it is the
 * network's only NetKey, nor while an AppKey is bound to it. Otherwise
 * FALSE, with a MESH_ERROR_BUSY sentence saying why. */
gboolean    mesh_network_controller_can_delete_net_key         (MeshNetKey             *net_key,
                                                                GError                **error);

G_END_DECLS
