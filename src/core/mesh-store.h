/* mesh-store.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-app-key.h"
#include "mesh-element.h"
#include "mesh-group.h"
#include "mesh-model.h"
#include "mesh-net-key.h"
#include "mesh-network.h"
#include "mesh-node.h"
#include "mesh-provisioner.h"
#include "mesh-scene.h"

G_BEGIN_DECLS

#define MESH_TYPE_STORE (mesh_store_get_type ())

G_DECLARE_FINAL_TYPE (MeshStore, mesh_store, MESH, STORE, GObject)

/* The network database as model objects.
 *
 * The store owns the GListModels: the networks (loaded at open), and for each
 * network loaded with mesh_store_load_network_async() its provisioners, keys,
 * nodes, groups, scenes and exclusion list; a node's elements and an
 * element's models load on demand (see MeshNode). All SQLite work runs on the
 * database's worker thread; callbacks and every change of the model objects
 * and lists happen on the thread-default main context of the call (GTask).
 * Use the store and its objects from one main context only.
 *
 * Writing: change an object with its setters (it notifies at once), then
 * write it with mesh_store_update_async(); or add a new object with
 * mesh_store_add_async() and remove one with mesh_store_remove_async(). The
 * values are taken when the call is made. A list changes (items-changed)
 * when the write is committed; if it fails nothing in the lists changes.
 * For many writes in one transaction use MeshStoreBatch (mesh-store-batch.h);
 * the single calls are batches of one.
 *
 * Errors: MESH_ERROR_DATABASE (SQLite failed), MESH_ERROR_EXISTS (a UNIQUE
 * constraint: same network UUID, node unicast or UUID, key index, group
 * address, scene number, provisioner UUID), MESH_ERROR_NOT_FOUND. */

void         mesh_store_open_async                  (const char          *path,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
MeshStore   *mesh_store_open_finish                 (GAsyncResult        *result,
                                                     GError             **error);
/* mesh_store_open_async(), with the store's first network (if it has one)
 * loaded as by mesh_store_load_network_async(), in the same trip to the
 * database: what a window shows first, ready without waiting for the main
 * context in between. Finish with mesh_store_open_finish(). */
void         mesh_store_open_with_network_async     (const char          *path,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* Waits for the worker (tests, benchmarks, command line). */
MeshStore   *mesh_store_open_sync                   (const char          *path,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

/* Waits for pending work, then closes the database. */
void         mesh_store_close_async                 (MeshStore           *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean     mesh_store_close_finish                (MeshStore           *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* The network database of this user, which the application and meshprov
 * share: networks.db in $MESH_PROVISIONER_DATA_DIR if that is set and not
 * empty (tests, benchmarks, a second setup), else in the user's data
 * folder (~/.local/share/mesh-provisioner). Transfer full. */
char        *mesh_store_get_default_path            (void);

const char  *mesh_store_get_path                    (MeshStore           *self);
/* GListModel of MeshNetwork. */
GListModel  *mesh_store_get_networks                (MeshStore           *self);
MeshNetwork *mesh_store_find_network                (MeshStore           *self,
                                                     const char          *uuid);

/* Fills the network's lists (not the elements). Does nothing if loaded. */
void         mesh_store_load_network_async          (MeshStore           *self,
                                                     MeshNetwork         *network,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean     mesh_store_load_network_finish         (MeshStore           *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Loads the elements and models of @node, or with @node NULL of every node
 * of @network (one pass, for an export). Nodes already loaded are kept. */
void         mesh_store_load_elements_async         (MeshStore           *self,
                                                     MeshNetwork         *network,
                                                     MeshNode            *node,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean     mesh_store_load_elements_finish        (MeshStore           *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Adds a new object: a MeshNetwork (@network NULL), or a MeshProvisioner,
 * MeshNetKey, MeshAppKey, MeshNode (with its elements and models), MeshGroup
 * or MeshScene of @network. On success it is in the network's list. */
void         mesh_store_add_async                   (MeshStore           *self,
                                                     MeshNetwork         *network,
                                                     gpointer             object,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean     mesh_store_add_finish                  (MeshStore           *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Writes the current values of a stored object. A MeshNode writes its row,
 * key lists and heartbeat state, and its elements and models if they are
 * loaded; a MeshElement writes its row and models; a MeshModel its bindings,
 * subscriptions and publication. */
void         mesh_store_update_async                (MeshStore           *self,
                                                     gpointer             object,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean     mesh_store_update_finish               (MeshStore           *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Removes a stored network (with everything in it) or an object of a
 * network's lists. Removing a node does not exclude its addresses: use a
 * batch with mesh_store_batch_exclude_node() for that. */
void         mesh_store_remove_async                (MeshStore           *self,
                                                     gpointer             object,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean     mesh_store_remove_finish               (MeshStore           *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
