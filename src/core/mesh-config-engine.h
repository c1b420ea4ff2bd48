/* mesh-config-engine.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-config-status.h"
#include "mesh-generic-message.h"
#include "mesh-store.h"
#include "mesh-transport.h"

G_BEGIN_DECLS

#define MESH_TYPE_CONFIG_ENGINE (mesh_config_engine_get_type ())

G_DECLARE_FINAL_TYPE (MeshConfigEngine, mesh_config_engine, MESH, CONFIG_ENGINE, GObject)

/* Configures the nodes of one network: each operation sends one request
 * through a MeshTransport (Configuration messages with the node's device
 * key, Generic OnOff/Level with an AppKey) and waits for the status that
 * answers it: same source, the status opcode that answers the request
 * (mesh_opcode_get_response()) and, where the status repeats them, the same
 * element address, model, key index or address (for a Set whose status
 * repeats none of them, the value that was set), so that a late answer to
 * an earlier request is not taken for the current one.
 *
 * Scheduling: one request in flight per node, the others wait in the order
 * they were made (FIFO per node); up to "max-parallel" nodes have a request
 * in flight at once. A request that gets no answer within "timeout" ms is
 * sent again, "retries" times, then fails with MESH_ERROR_TIMED_OUT.
 * Cancelling an operation's GCancellable takes a waiting request out of the
 * queue before it is sent, or stops waiting for the answer of one in flight
 * (G_IO_ERROR_CANCELLED).
 *
 * The database holds only confirmed state: when a successful status
 * arrives, the engine updates the model objects (MeshNode, MeshElement,
 * MeshModel) and writes them with the store before the operation completes;
 * a failure status, a timeout or a cancellation writes nothing. A failure
 * status ends the operation with MESH_ERROR_STATUS and a sentence that
 * explains it (mesh_config_status_check()); a write that fails after a
 * successful status with MESH_ERROR_DATABASE; a message the transport could
 * not send with the transport's error (not retried).
 *
 * Key bytes (AppKey Add/Update, NetKey Add/Update) are read from the keyring
 * (mesh-keyring.h), never from the database. Node Reset removes the node
 * from the database, excludes its addresses and clears its device key from
 * the keyring.
 *
 * The configuration operations complete with the decoded status
 * (MeshConfigStatus, transfer full; free it with mesh_config_status_free()).
 * Use the engine from the main context of the store. */

MeshConfigEngine *mesh_config_engine_new              (MeshTransport    *transport,
                                                       MeshStore        *store,
                                                       MeshNetwork      *network);

MeshTransport    *mesh_config_engine_get_transport    (MeshConfigEngine *self);
MeshStore        *mesh_config_engine_get_store        (MeshConfigEngine *self);
MeshNetwork      *mesh_config_engine_get_network      (MeshConfigEngine *self);

/* Milliseconds to wait for each answer (default 10000). */
guint             mesh_config_engine_get_timeout      (MeshConfigEngine *self);
void              mesh_config_engine_set_timeout      (MeshConfigEngine *self,
                                                       guint             timeout_ms);
/* How many times a request is sent again when no answer comes (default 2). */
guint             mesh_config_engine_get_retries      (MeshConfigEngine *self);
void              mesh_config_engine_set_retries      (MeshConfigEngine *self,
                                                       guint             retries);
/* How many nodes may have a request in flight at once (default 8). */
guint             mesh_config_engine_get_max_parallel (MeshConfigEngine *self);
void              mesh_config_engine_set_max_parallel (MeshConfigEngine *self,
                                                       guint             max_parallel);
/* Requests queued or in flight ("n-pending" notifies). */
guint             mesh_config_engine_get_n_pending    (MeshConfigEngine *self);

/* The node as a whole */

/* Page 0 replaces the node's elements and models with those it reports
 * (keeping the bindings, subscriptions and publication of models it still
 * has) and stores its CID, PID, VID, CRPL and supported features. */
void              mesh_config_engine_composition_get_async             (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        guint8                                page,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_composition_get_finish            (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);

void              mesh_config_engine_default_ttl_get_async             (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_default_ttl_get_finish            (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);
void              mesh_config_engine_default_ttl_set_async             (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        guint8                                ttl,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_default_ttl_set_finish            (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);

void              mesh_config_engine_gatt_proxy_get_async              (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_gatt_proxy_get_finish             (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);
void              mesh_config_engine_gatt_proxy_set_async              (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        gboolean                              enabled,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_gatt_proxy_set_finish             (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);

void              mesh_config_engine_relay_get_async                   (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_relay_get_finish                  (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);
void              mesh_config_engine_relay_set_async                   (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        gboolean                              enabled,
                                                                        MeshRetransmit                        retransmit,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_relay_set_finish                  (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);

void              mesh_config_engine_friend_get_async                  (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_friend_get_finish                 (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);
void              mesh_config_engine_friend_set_async                  (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        gboolean                              enabled,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_friend_set_finish                 (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);

/* The Secure Network Beacon state. */
void              mesh_config_engine_beacon_get_async                  (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_beacon_get_finish                 (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);
void              mesh_config_engine_beacon_set_async                  (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        gboolean                              enabled,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_beacon_set_finish                 (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);

void              mesh_config_engine_network_transmit_get_async        (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_network_transmit_get_finish       (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);
void              mesh_config_engine_network_transmit_set_async        (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        MeshRetransmit                        transmit,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_network_transmit_set_finish       (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);

/* Node Identity advertising on one subnet (not stored). */
void              mesh_config_engine_node_identity_get_async           (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        guint16                               net_key_index,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_node_identity_get_finish          (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);
void              mesh_config_engine_node_identity_set_async           (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        guint16                               net_key_index,
                                                                        gboolean                              running,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_node_identity_set_finish          (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);

/* Config Node Reset, nothing more: the database, the keyring and meshd
 * keep the node. mesh_session_remove_node_async() resets and removes it
 * (and knows that a meshd 5.66 device never answers). */
void              mesh_config_engine_node_reset_async                  (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_node_reset_finish                 (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);

/* The node's Key Refresh phase for a NetKey; a phase other than normal
 * marks the node's NetKey (and its AppKeys) as updated. */
void              mesh_config_engine_key_refresh_phase_get_async       (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        guint16                               net_key_index,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_key_refresh_phase_get_finish      (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);
void              mesh_config_engine_key_refresh_phase_set_async       (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        guint16                               net_key_index,
                                                                        MeshKeyRefreshTransition              transition,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_key_refresh_phase_set_finish      (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);

void              mesh_config_engine_heartbeat_publication_get_async   (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_heartbeat_publication_get_finish  (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);
void              mesh_config_engine_heartbeat_publication_set_async   (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        const MeshConfigHeartbeatPublication *publication,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_heartbeat_publication_set_finish  (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);
void              mesh_config_engine_heartbeat_subscription_get_async  (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_heartbeat_subscription_get_finish (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);
void              mesh_config_engine_heartbeat_subscription_set_async  (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        guint16                               source,
                                                                        guint16                               destination,
                                                                        guint8                                period_log,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_heartbeat_subscription_set_finish (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);

/* Asks a Friend node for the PollTimeout of one of its Low Power nodes (not
 * stored). */
void              mesh_config_engine_poll_timeout_get_async            (MeshConfigEngine                     *self,
                                                                        MeshNode                             *node,
                                                                        guint16                               lpn_address,
                                                                        GCancellable                         *cancellable,
                                                                        GAsyncReadyCallback                   callback,
                                                                        gpointer                              user_data);
MeshConfigStatus *mesh_config_engine_poll_timeout_get_finish           (MeshConfigEngine                     *self,
                                                                        GAsyncResult                         *result,
                                                                        GError                              **error);

/* Keys. Add and Update send the key the network's MeshAppKey/MeshNetKey of
 * that index has in the keyring (an AppKey goes with the NetKey it is bound
 * to); MESH_ERROR_NOT_FOUND if the network has no such key,
 * MESH_ERROR_SECRET_MISSING if the keyring lacks its bytes. The Get calls
 * replace the node's key list with the one it reports. */

void              mesh_config_engine_app_key_add_async     (MeshConfigEngine    *self,
                                                            MeshNode            *node,
                                                            guint16              app_key_index,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
MeshConfigStatus *mesh_config_engine_app_key_add_finish    (MeshConfigEngine    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void              mesh_config_engine_app_key_update_async  (MeshConfigEngine    *self,
                                                            MeshNode            *node,
                                                            guint16              app_key_index,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
MeshConfigStatus *mesh_config_engine_app_key_update_finish (MeshConfigEngine    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void              mesh_config_engine_app_key_delete_async  (MeshConfigEngine    *self,
                                                            MeshNode            *node,
                                                            guint16              app_key_index,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
MeshConfigStatus *mesh_config_engine_app_key_delete_finish (MeshConfigEngine    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
/* The AppKeys the node has that are bound to @net_key_index. */
void              mesh_config_engine_app_key_get_async     (MeshConfigEngine    *self,
                                                            MeshNode            *node,
                                                            guint16              net_key_index,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
MeshConfigStatus *mesh_config_engine_app_key_get_finish    (MeshConfigEngine    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

void              mesh_config_engine_net_key_add_async     (MeshConfigEngine    *self,
                                                            MeshNode            *node,
                                                            guint16              net_key_index,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
MeshConfigStatus *mesh_config_engine_net_key_add_finish    (MeshConfigEngine    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void              mesh_config_engine_net_key_update_async  (MeshConfigEngine    *self,
                                                            MeshNode            *node,
                                                            guint16              net_key_index,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
MeshConfigStatus *mesh_config_engine_net_key_update_finish (MeshConfigEngine    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void              mesh_config_engine_net_key_delete_async  (MeshConfigEngine    *self,
                                                            MeshNode            *node,
                                                            guint16              net_key_index,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
MeshConfigStatus *mesh_config_engine_net_key_delete_finish (MeshConfigEngine    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void              mesh_config_engine_net_key_get_async     (MeshConfigEngine    *self,
                                                            MeshNode            *node,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
MeshConfigStatus *mesh_config_engine_net_key_get_finish    (MeshConfigEngine    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* Models, named by their element's unicast address and model ID (SIG or
 * vendor). The node's elements are loaded from the store when needed; a
 * model the database does not know (composition not read yet) is
 * configured, but nothing can be stored for it. */

void              mesh_config_engine_model_app_bind_async           (MeshConfigEngine      *self,
                                                                     MeshNode              *node,
                                                                     guint16                element_address,
                                                                     MeshModelId            model,
                                                                     guint16                app_key_index,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
MeshConfigStatus *mesh_config_engine_model_app_bind_finish          (MeshConfigEngine      *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void              mesh_config_engine_model_app_unbind_async         (MeshConfigEngine      *self,
                                                                     MeshNode              *node,
                                                                     guint16                element_address,
                                                                     MeshModelId            model,
                                                                     guint16                app_key_index,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
MeshConfigStatus *mesh_config_engine_model_app_unbind_finish        (MeshConfigEngine      *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
/* The model's bindings (SIG/Vendor Model App Get). */
void              mesh_config_engine_model_app_get_async            (MeshConfigEngine      *self,
                                                                     MeshNode              *node,
                                                                     guint16                element_address,
                                                                     MeshModelId            model,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
MeshConfigStatus *mesh_config_engine_model_app_get_finish           (MeshConfigEngine      *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);

void              mesh_config_engine_publication_get_async          (MeshConfigEngine      *self,
                                                                     MeshNode              *node,
                                                                     guint16                element_address,
                                                                     MeshModelId            model,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
MeshConfigStatus *mesh_config_engine_publication_get_finish         (MeshConfigEngine      *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
/* A destination with a Label UUID sends the Virtual Address form; a NULL
 * @publication (or an unassigned address) turns publication off. */
void              mesh_config_engine_publication_set_async          (MeshConfigEngine      *self,
                                                                     MeshNode              *node,
                                                                     guint16                element_address,
                                                                     MeshModelId            model,
                                                                     const MeshPublication *publication,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
MeshConfigStatus *mesh_config_engine_publication_set_finish         (MeshConfigEngine      *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);

/* A destination with a Label UUID sends the Virtual Address forms. */
void              mesh_config_engine_subscription_add_async         (MeshConfigEngine      *self,
                                                                     MeshNode              *node,
                                                                     guint16                element_address,
                                                                     MeshModelId            model,
                                                                     const MeshDestination *address,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
MeshConfigStatus *mesh_config_engine_subscription_add_finish        (MeshConfigEngine      *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void              mesh_config_engine_subscription_delete_async      (MeshConfigEngine      *self,
                                                                     MeshNode              *node,
                                                                     guint16                element_address,
                                                                     MeshModelId            model,
                                                                     const MeshDestination *address,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
MeshConfigStatus *mesh_config_engine_subscription_delete_finish     (MeshConfigEngine      *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void              mesh_config_engine_subscription_overwrite_async   (MeshConfigEngine      *self,
                                                                     MeshNode              *node,
                                                                     guint16                element_address,
                                                                     MeshModelId            model,
                                                                     const MeshDestination *address,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
MeshConfigStatus *mesh_config_engine_subscription_overwrite_finish  (MeshConfigEngine      *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void              mesh_config_engine_subscription_delete_all_async  (MeshConfigEngine      *self,
                                                                     MeshNode              *node,
                                                                     guint16                element_address,
                                                                     MeshModelId            model,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
MeshConfigStatus *mesh_config_engine_subscription_delete_all_finish (MeshConfigEngine      *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
/* SIG/Vendor Model Subscription Get: replaces the model's subscriptions
 * (virtual addresses get the Label UUID the network knows for them). */
void              mesh_config_engine_subscription_get_async         (MeshConfigEngine      *self,
                                                                     MeshNode              *node,
                                                                     guint16                element_address,
                                                                     MeshModelId            model,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
MeshConfigStatus *mesh_config_engine_subscription_get_finish        (MeshConfigEngine      *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);

/* Generic OnOff and Generic Level, sent with the AppKey @app_key_index to
 * one element (@destination, a unicast address) and answered by a Status.
 * An unacknowledged Set gets no answer (Mesh Model specification): it
 * completes when it is sent, and @status is left zeroed. Nothing is stored.
 * @transition may be NULL (the server's default transition). @status may
 * be NULL. */

void     mesh_config_engine_generic_onoff_get_async  (MeshConfigEngine       *self,
                                                      guint16                 destination,
                                                      guint16                 app_key_index,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
gboolean mesh_config_engine_generic_onoff_get_finish (MeshConfigEngine       *self,
                                                      GAsyncResult           *result,
                                                      MeshGenericOnOffStatus *status,
                                                      GError                **error);
void     mesh_config_engine_generic_onoff_set_async  (MeshConfigEngine       *self,
                                                      guint16                 destination,
                                                      guint16                 app_key_index,
                                                      gboolean                on,
                                                      const MeshTransition   *transition,
                                                      gboolean                acknowledged,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
gboolean mesh_config_engine_generic_onoff_set_finish (MeshConfigEngine       *self,
                                                      GAsyncResult           *result,
                                                      MeshGenericOnOffStatus *status,
                                                      GError                **error);

void     mesh_config_engine_generic_level_get_async  (MeshConfigEngine       *self,
                                                      guint16                 destination,
                                                      guint16                 app_key_index,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
gboolean mesh_config_engine_generic_level_get_finish (MeshConfigEngine       *self,
                                                      GAsyncResult           *result,
                                                      MeshGenericLevelStatus *status,
                                                      GError                **error);
void     mesh_config_engine_generic_level_set_async  (MeshConfigEngine       *self,
                                                      guint16                 destination,
                                                      guint16                 app_key_index,
                                                      gint16                  level,
                                                      const MeshTransition   *transition,
                                                      gboolean                acknowledged,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
gboolean mesh_config_engine_generic_level_set_finish (MeshConfigEngine       *self,
                                                      GAsyncResult           *result,
                                                      MeshGenericLevelStatus *status,
                                                      GError                **error);

G_END_DECLS
