/* mesh-network-lookup.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Finding a network's items: the small lists by a linear search, the
 * nodes through an index by unicast address and by UUID. */

#include "config.h"

#include "mesh-app-key-private.h"
#include "mesh-group-private.h"
#include "mesh-net-key-private.h"
#include "mesh-network-private.h"
#include "mesh-node-private.h"
#include "mesh-provisioner-private.h"
#include "mesh-scene-private.h"

static gboolean
is_unicast (guint address)
{
  return address >= MESH_UNICAST_MIN && address <= MESH_UNICAST_MAX;
}

/* Does nothing until the index is built: it is then built from the list. */
void
mesh_network_index_node (MeshNetwork *self,
                         MeshNode    *node)
{
  if (self->nodes_by_uuid == NULL)
    return;

  if (is_unicast (node->unicast))
    self->nodes_by_unicast[node->unicast] = node;
  if (node->uuid != NULL)
    g_hash_table_insert (self->nodes_by_uuid, node->uuid, node);
}

void
mesh_network_unindex_node (MeshNetwork *self,
                           MeshNode    *node)
{
  if (self->nodes_by_uuid == NULL)
    return;

  if (is_unicast (node->unicast) && self->nodes_by_unicast[node->unicast] == node)
    self->nodes_by_unicast[node->unicast] = NULL;
  if (node->uuid != NULL && g_hash_table_lookup (self->nodes_by_uuid, node->uuid) == node)
    g_hash_table_remove (self->nodes_by_uuid, node->uuid);
}

/* The nodes by address and by UUID, built when first looked up rather
 * than as nodes come: loading 32,767 nodes would otherwise spend
 * milliseconds of the main context on them before the window shows. */
static void
ensure_node_index (MeshNetwork *self)
{
  GListModel *nodes = G_LIST_MODEL (self->lists[MESH_NETWORK_LIST_NODES]);
  guint n = g_list_model_get_n_items (nodes);

  if (self->nodes_by_uuid != NULL)
    return;

  self->nodes_by_unicast = g_new0 (MeshNode *, MESH_UNICAST_MAX + 1);
  self->nodes_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (nodes, i);

      mesh_network_index_node (self, node);
    }
}

/* Linear search of the small lists (keys, provisioners, groups, scenes). */
typedef gboolean (*MatchFunc) (gpointer item, gconstpointer key);

static gpointer
find_in_list (MeshNetwork     *self,
              MeshNetworkList  list,
              MatchFunc        match,
              gconstpointer    key)
{
  GListModel *model = G_LIST_MODEL (self->lists[list]);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      /* The list keeps its reference: returning a borrowed pointer. */
      if (match (item, key))
        return item;
    }

  return NULL;
}

static gboolean
match_provisioner (gpointer      item,
                   gconstpointer key)
{
  return g_ascii_strcasecmp (MESH_PROVISIONER (item)->uuid, key) == 0;
}

static gboolean
match_net_key (gpointer      item,
               gconstpointer key)
{
  return MESH_NET_KEY (item)->index == GPOINTER_TO_UINT (key);
}

static gboolean
match_app_key (gpointer      item,
               gconstpointer key)
{
  return MESH_APP_KEY (item)->index == GPOINTER_TO_UINT (key);
}

static gboolean
match_group (gpointer      item,
             gconstpointer key)
{
  return mesh_destination_equal (&MESH_GROUP (item)->address, key);
}

static gboolean
match_scene (gpointer      item,
             gconstpointer key)
{
  return MESH_SCENE (item)->number == GPOINTER_TO_UINT (key);
}

MeshProvisioner *
mesh_network_find_provisioner (MeshNetwork *self,
                               const char  *uuid)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return find_in_list (self, MESH_NETWORK_LIST_PROVISIONERS, match_provisioner, uuid);
}

MeshNetKey *
mesh_network_find_net_key (MeshNetwork *self,
                           guint        index)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return find_in_list (self, MESH_NETWORK_LIST_NET_KEYS, match_net_key, GUINT_TO_POINTER (index));
}

MeshAppKey *
mesh_network_find_app_key (MeshNetwork *self,
                           guint        index)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return find_in_list (self, MESH_NETWORK_LIST_APP_KEYS, match_app_key, GUINT_TO_POINTER (index));
}

MeshGroup *
mesh_network_find_group (MeshNetwork           *self,
                         const MeshDestination *address)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  return find_in_list (self, MESH_NETWORK_LIST_GROUPS, match_group, address);
}

MeshScene *
mesh_network_find_scene (MeshNetwork *self,
                         guint16      number)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return find_in_list (self, MESH_NETWORK_LIST_SCENES, match_scene, GUINT_TO_POINTER (number));
}

MeshNode *
mesh_network_find_node_by_uuid (MeshNetwork *self,
                                const char  *uuid)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  ensure_node_index (self);
  return g_hash_table_lookup (self->nodes_by_uuid, uuid);
}

MeshNode *
mesh_network_find_node_by_address (MeshNetwork *self,
                                   guint16      address)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  if (!is_unicast (address))
    return NULL;

  ensure_node_index (self);

  /* A node has at most 255 elements: its primary address is at most 254
   * below any of its element addresses. */
  for (guint back = 0; back <= 254 && back < address; back++)
    {
      MeshNode *node = self->nodes_by_unicast[address - back];

      if (node != NULL)
        return mesh_node_has_address (node, address) ? node : NULL;
    }

  return NULL;
}
