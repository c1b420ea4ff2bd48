/* mesh-session.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-config-engine.h"
#include "mesh-daemon.h"
#include "mesh-provisioning.h"
#include "mesh-scanner.h"
#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_SESSION (mesh_session_get_type ())

G_DECLARE_FINAL_TYPE (MeshSession, mesh_session, MESH, SESSION, GObject)

/**
 * MeshReconcileReport:
 * @recovered: unicast addresses of nodes bluetooth-meshd had and the
 *   database lacked (the application stopped between AddNodeComplete and
 *   storing the node): they are now stored, their device key is in the
 *   keyring and their composition was asked for
 * @missing_in_daemon: nodes of the database whose device key
 *   bluetooth-meshd does not have: it cannot configure them
 * @restored_in_daemon: the subset of @missing_in_daemon whose device key
 *   the keyring had and that was given back to meshd (ImportRemoteNode)
 *
 * What mesh_session_reconcile_async() found. Arrays of guint16.
 */
typedef struct
{
  GArray *recovered;
  GArray *missing_in_daemon;
  GArray *restored_in_daemon;
} MeshReconcileReport;

void                 mesh_reconcile_report_free           (MeshReconcileReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshReconcileReport, mesh_reconcile_report_free)

/* What the GUI and the command line use: one network database (MeshStore),
 * the client of bluetooth-meshd (MeshDaemon), and for the open network the
 * configuration engine, the scanner and the provisioning queue.
 *
 * Create a network (mesh_session_create_network_async()) or open one of
 * the store (mesh_session_open_network_async()): then the client attaches
 * to our node in bluetooth-meshd (again by itself after meshd restarts),
 * and on every attach the session reconciles the database with meshd's
 * keys ("reconcile-report" holds the last result).
 *
 * Keys: key bytes live in the keyring and in bluetooth-meshd, metadata in
 * the database. An AppKey is also added to our own node and bound to its
 * client models, since meshd delivers an AppKey message only to a local
 * model bound to that key.
 *
 * Signals: ::oob-request (request, provisioning) for each new OOB request
 * that needs the user (not the ones answered from a given static key).
 * Properties: "network", "daemon-state" and "daemon-message" (the
 * MeshDaemon's), "reconcile-report". */
void                 mesh_session_open_async              (const char          *database_path,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MeshSession         *mesh_session_open_finish             (GAsyncResult        *result,
                                                           GError             **error);
MeshSession         *mesh_session_new                     (MeshStore           *store);

MeshStore           *mesh_session_get_store               (MeshSession         *self);
MeshDaemon          *mesh_session_get_daemon              (MeshSession         *self);
/* NULL until a network is open. */
MeshNetwork         *mesh_session_get_network             (MeshSession         *self);
MeshConfigEngine    *mesh_session_get_engine              (MeshSession         *self);
MeshScanner         *mesh_session_get_scanner             (MeshSession         *self);
MeshProvisioning    *mesh_session_get_provisioning        (MeshSession         *self);
/* Our own node in the database (the provisioner's node). */
MeshNode            *mesh_session_get_own_node            (MeshSession         *self);
const MeshReconcileReport *mesh_session_get_reconcile_report (MeshSession      *self);

/* A new network named @name: CreateNetwork in bluetooth-meshd (token and
 * NetKey 0 to the keyring), then in the database the network, our
 * provisioner (unicast 0x0001-0x3FFF, groups 0xC000-0xCFFF, scenes
 * 0x0001-0x3333: the other halves stay free for other provisioners),
 * NetKey 0 and our own node at 0x0001. Opens it. */
void                 mesh_session_create_network_async    (MeshSession         *self,
                                                           const char          *name,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MeshNetwork         *mesh_session_create_network_finish   (MeshSession         *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Loads @network (one of the store's) and attaches to our node in
 * bluetooth-meshd; when attached, completes after the first
 * reconciliation. Succeeds even when meshd is absent or refuses (then
 * "daemon-state" and "daemon-message" say so and the session attaches when
 * meshd appears); fails only if the network cannot be loaded or has no
 * provisioner node of ours. */
void                 mesh_session_open_network_async      (MeshSession         *self,
                                                           MeshNetwork         *network,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             mesh_session_open_network_finish     (MeshSession         *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Makes this computer a new provisioner of a network that is in the
 * database and whose keys are in the keyring (an imported CDB), and puts
 * it into bluetooth-meshd. Like a second person sharing a network: a
 * provisioner of our own ("Mesh Provisioner on HOST", new UUID) with a
 * unicast, group and scene range no other provisioner has (see
 * mesh_provisioner_choose_ranges()), and its node at the lowest address of
 * that range with a new UUID and device key - never the exporter's node,
 * whose sequence numbers the devices remember. Network1.Import of that
 * node, its device key to the keyring, the provisioner and node to the
 * database with the network naming them ours (the exporter's provisioner
 * and node stay, as another provisioner's); then ImportSubnet for the other
 * NetKeys, ImportAppKey for each AppKey and ImportRemoteNode for each node
 * whose device key the keyring has. Opens it. Fails with
 * MESH_ERROR_ADDRESS_EXHAUSTED, nothing changed, if no unicast address is
 * free; if Network1.Import or storing the new identity fails, meshd, the
 * keyring and the database are left as they were. */
void                 mesh_session_import_network_async    (MeshSession         *self,
                                                           MeshNetwork         *network,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             mesh_session_import_network_finish   (MeshSession         *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* For mesh_session_create_net_key_async(): the lowest free index. */
#define MESH_SESSION_ANY_NET_KEY_INDEX G_MAXUINT

/* A new NetKey, that is a new subnet, at index @net_key_index (0-4095, or
 * MESH_SESSION_ANY_NET_KEY_INDEX for the lowest free one): random bytes to
 * the keyring, ImportSubnet into meshd, its metadata to the database, then
 * added to our own node (Config NetKey Add, through the engine), which
 * can then reach the subnet's nodes. An index the network has already
 * fails with MESH_ERROR_EXISTS, one above 4095 with
 * MESH_ERROR_INVALID_ARGUMENT. */
void                 mesh_session_create_net_key_async    (MeshSession         *self,
                                                           guint                net_key_index,
                                                           const char          *name,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MeshNetKey          *mesh_session_create_net_key_finish   (MeshSession         *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* For mesh_session_create_app_key_async(): the lowest free index. */
#define MESH_SESSION_ANY_APP_KEY_INDEX G_MAXUINT

/* A new AppKey at index @app_key_index (0-4095, or
 * MESH_SESSION_ANY_APP_KEY_INDEX for the lowest free one) bound to NetKey
 * @net_key_index: random bytes to the keyring, ImportAppKey into meshd,
 * its metadata to the database, then added to our own node and bound to
 * our client models (through the engine). An index the network has
 * already fails with MESH_ERROR_EXISTS, one above 4095 with
 * MESH_ERROR_INVALID_ARGUMENT. */
void                 mesh_session_create_app_key_async    (MeshSession         *self,
                                                           guint16              net_key_index,
                                                           guint                app_key_index,
                                                           const char          *name,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MeshAppKey          *mesh_session_create_app_key_finish   (MeshSession         *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Deletes the AppKey from our node, from meshd, the database and the
 * keyring. Nodes that still have it keep it: delete it from them first
 * (the engine's app_key_delete). */
void                 mesh_session_delete_app_key_async    (MeshSession         *self,
                                                           MeshAppKey          *app_key,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             mesh_session_delete_app_key_finish   (MeshSession         *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Deletes the NetKey (the subnet) from our node, from meshd, the database
 * and the keyring. Fails (MESH_ERROR_BUSY, nothing changed) for the
 * network's last NetKey, or while an AppKey is bound to it. Nodes that
 * still have it keep it: delete it from them first (the engine's
 * net_key_delete). */
void                 mesh_session_delete_net_key_async    (MeshSession         *self,
                                                           MeshNetKey          *net_key,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             mesh_session_delete_net_key_finish   (MeshSession         *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Removes @node (not our own) from the open network. With @reset_first,
 * Config Node Reset first (through the engine), so the device forgets the
 * network: a meshd 5.66 device deletes itself before its Node Reset
 * Status leaves, so a reset that times out counts as done (the device got
 * it, or it is gone); any other failure (cancelled, meshd gone) stops with
 * nothing removed. Without, the device is left as it is (a dead one).
 * Then its addresses go to the exclusion list and it leaves the database
 * (one batch), its device key leaves the keyring and bluetooth-meshd
 * (Management1.DeleteRemoteNode). Failures after the database are logged,
 * not returned: the node is gone (and reconciliation deletes a key meshd
 * keeps for an excluded address). */
void                 mesh_session_remove_node_async       (MeshSession         *self,
                                                           MeshNode            *node,
                                                           gboolean             reset_first,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             mesh_session_remove_node_finish      (MeshSession         *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Compares the database with bluetooth-meshd's ExportKeys (see
 * MeshReconcileReport). Runs by itself after each attach. */
void                 mesh_session_reconcile_async         (MeshSession         *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MeshReconcileReport *mesh_session_reconcile_finish        (MeshSession         *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Waits for pending database writes, then closes the store. */
void                 mesh_session_close_async             (MeshSession         *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             mesh_session_close_finish            (MeshSession         *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
