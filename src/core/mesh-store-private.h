/* mesh-store-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-database.h"
#include "mesh-store.h"

G_BEGIN_DECLS

struct _MeshStore
{
  GObject       parent_instance;

  MeshDatabase *database;
  GListStore   *networks;
};

typedef enum
{
  MESH_STORE_OP_ADD,
  MESH_STORE_OP_UPDATE,
  MESH_STORE_OP_REMOVE,
  MESH_STORE_OP_ADD_EXCLUSION,
  MESH_STORE_OP_PRUNE_EXCLUSIONS,
} MeshStoreOpKind;

/* One write of a batch, as the worker sees it: a private copy of the
 * object's values (never the object itself), and row ids. */
typedef struct
{
  MeshStoreOpKind  kind;
  GType            type;
  GObject         *snapshot;       /* ADD, UPDATE */
  gint64           id;             /* UPDATE, REMOVE; the new row id after ADD */
  gint64           network_id;     /* ADD of a network's item, exclusions */
  int              network_op;     /* the op adding the network in this batch, or -1 */
  gint64           node_id;        /* UPDATE of an element or model */
  guint            element_index;  /* UPDATE of a model */
  guint32          iv_index;       /* exclusions */
  guint16          address;
} MeshStoreOp;

void mesh_store_op_clear (MeshStoreOp *op);

/* Asks for a node's elements, without callback (MeshNode's lazy load). */
void mesh_store_request_elements (MeshStore *self,
                                  MeshNode  *node);

/* Worker side (mesh-store-sql.c). */

typedef struct
{
  GPtrArray *lists[6];    /* by MeshNetworkList */
  GArray    *exclusions;  /* MeshExclusion */
} MeshStoreLoadedNetwork;

void                    mesh_store_loaded_network_free (MeshStoreLoadedNetwork *loaded);
GPtrArray              *mesh_store_sql_load_networks   (MeshSqliteConnection   *connection,
                                                        GError                **error);
MeshStoreLoadedNetwork *mesh_store_sql_load_network    (MeshSqliteConnection   *connection,
                                                        gint64                  network_id,
                                                        GCancellable           *cancellable,
                                                        GError                **error);
/* node id → GPtrArray of MeshElement (with models), for one node (@node_id)
 * or every node of the network (@node_id 0). */
GHashTable             *mesh_store_sql_load_elements   (MeshSqliteConnection   *connection,
                                                        gint64                  network_id,
                                                        gint64                  node_id,
                                                        GCancellable           *cancellable,
                                                        GError                **error);
gboolean                mesh_store_sql_run_ops         (MeshSqliteConnection   *connection,
                                                        MeshStoreOp            *ops,
                                                        guint                   n_ops,
                                                        GCancellable           *cancellable,
                                                        GError                **error);

G_END_DECLS
