/* mesh-network-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-network.h"

G_BEGIN_DECLS

/* What the files of MeshNetwork share (mesh-network.c has the type and its
 * properties; mesh-network-items.c the items of its lists as they come and
 * go; mesh-network-lookup.c the look-ups and the node index), with the
 * calls below that the store and MeshNode make. */

typedef struct _MeshStore MeshStore;

/* The lists a network holds, for the store's bookkeeping. */
typedef enum
{
  MESH_NETWORK_LIST_PROVISIONERS,
  MESH_NETWORK_LIST_NET_KEYS,
  MESH_NETWORK_LIST_APP_KEYS,
  MESH_NETWORK_LIST_NODES,
  MESH_NETWORK_LIST_GROUPS,
  MESH_NETWORK_LIST_SCENES,
  MESH_NETWORK_N_LISTS,
} MeshNetworkList;

struct _MeshNetwork
{
  GObject     parent_instance;

  MeshStore  *store;  /* not owned: the store clears it when it lets go */
  gint64      id;     /* row id; 0 until stored */

  char       *uuid;
  char       *name;
  char       *timestamp;
  char       *local_provisioner_uuid;
  guint32     iv_index;
  guint       iv_update : 1;
  guint       partial : 1;
  guint       loaded : 1;

  GListStore *lists[MESH_NETWORK_N_LISTS];
  GArray     *exclusions;        /* MeshExclusion */
  /* Built on the first look-up (see ensure_node_index() in
   * mesh-network-lookup.c), NULL until then. */
  MeshNode  **nodes_by_unicast;  /* unicast address → MeshNode (not owned) */
  GHashTable *nodes_by_uuid;     /* node's own uuid string → MeshNode */
};

MeshNetwork *mesh_network_clone             (MeshNetwork      *self);
void         mesh_network_set_loaded        (MeshNetwork      *self,
                                             gboolean          loaded);
MeshNetworkList mesh_network_list_for_type  (GType             type);
/* Appends @items (of the list's type) and makes them the network's. */
void         mesh_network_append_items      (MeshNetwork      *self,
                                             MeshNetworkList   list,
                                             GPtrArray        *items);
/* Removes @items (a set: object → object) from the list in one pass. */
void         mesh_network_remove_items      (MeshNetwork      *self,
                                             MeshNetworkList   list,
                                             GHashTable       *items);
/* Makes @item (of one of the lists' types) point to @network, or to no
 * network. */
void         mesh_network_set_item_parent   (GObject          *item,
                                             MeshNetwork      *network);
void         mesh_network_set_exclusions    (MeshNetwork      *self,
                                             GArray           *exclusions);
void         mesh_network_add_exclusion     (MeshNetwork      *self,
                                             guint32           iv_index,
                                             guint16           address);
void         mesh_network_prune_exclusions  (MeshNetwork      *self,
                                             guint32           current_iv_index);

/* Called by MeshNode around a change of its unicast address or UUID. */
void         mesh_network_unindex_node      (MeshNetwork      *self,
                                             MeshNode         *node);
void         mesh_network_index_node        (MeshNetwork      *self,
                                             MeshNode         *node);

G_END_DECLS
