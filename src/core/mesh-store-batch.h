/* mesh-store-batch.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_STORE_BATCH (mesh_store_batch_get_type ())

G_DECLARE_FINAL_TYPE (MeshStoreBatch, mesh_store_batch, MESH, STORE_BATCH, GObject)

/* Many writes in one transaction: all happen or none. Each call records the
 * object's values at once (later changes to the object are not part of the
 * batch); commit runs them on the worker in order and, on success, updates
 * the lists on the main context. A batch commits once.
 *
 * Objects added earlier in the same batch can be referred to by later
 * operations: add a network, then its keys, provisioners and nodes. */
MeshStoreBatch *mesh_store_batch_new                 (MeshStore        *store);

/* See mesh_store_add_async(), _update_async(), _remove_async(). */
void            mesh_store_batch_add                 (MeshStoreBatch   *self,
                                                      MeshNetwork      *network,
                                                      gpointer          object);
/* mesh_store_batch_add() without the copy, for an object nobody else has
 * seen yet (one an import built): the commit reads @object itself, on the
 * database worker, so until the commit's callback nothing may change it or
 * hand it out. Saves copying a big network, and holding it twice. */
void            mesh_store_batch_add_unshared        (MeshStoreBatch   *self,
                                                      MeshNetwork      *network,
                                                      gpointer          object);
void            mesh_store_batch_update              (MeshStoreBatch   *self,
                                                      gpointer          object);
void            mesh_store_batch_remove              (MeshStoreBatch   *self,
                                                      gpointer          object);

/* Exclusion list entries. */
void            mesh_store_batch_add_exclusion       (MeshStoreBatch   *self,
                                                      MeshNetwork      *network,
                                                      guint32           iv_index,
                                                      guint16           address);
/* Excludes every address of @node at its network's current IV index. */
void            mesh_store_batch_exclude_node        (MeshStoreBatch   *self,
                                                      MeshNode         *node);
/* Drops the entries the IV index rule has released: those excluded at
 * an IV index at least 2 below the network's current one. */
void            mesh_store_batch_prune_exclusions    (MeshStoreBatch   *self,
                                                      MeshNetwork      *network);

guint           mesh_store_batch_get_n_operations    (MeshStoreBatch   *self);

void            mesh_store_batch_commit_async        (MeshStoreBatch   *self,
                                                      GCancellable     *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer          user_data);
gboolean        mesh_store_batch_commit_finish       (MeshStoreBatch   *self,
                                                      GAsyncResult     *result,
                                                      GError          **error);

G_END_DECLS
