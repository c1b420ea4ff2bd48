/* mesh-network-items.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The items of a network's lists (provisioners, keys, nodes, groups,
 * scenes) as they are added and removed, the addresses a key refresh
 * excluded, and the address allocator built from all of them. */

#include "config.h"

#include "mesh-app-key-private.h"
#include "mesh-group-private.h"
#include "mesh-net-key-private.h"
#include "mesh-network-private.h"
#include "mesh-node-private.h"
#include "mesh-provisioner-private.h"
#include "mesh-scene-private.h"

void
mesh_network_set_item_parent (GObject     *item,
                              MeshNetwork *network)
{
  if (MESH_IS_NODE (item))
    MESH_NODE (item)->network = network;
  else if (MESH_IS_PROVISIONER (item))
    MESH_PROVISIONER (item)->network = network;
  else if (MESH_IS_NET_KEY (item))
    MESH_NET_KEY (item)->network = network;
  else if (MESH_IS_APP_KEY (item))
    MESH_APP_KEY (item)->network = network;
  else if (MESH_IS_GROUP (item))
    MESH_GROUP (item)->network = network;
  else if (MESH_IS_SCENE (item))
    MESH_SCENE (item)->network = network;
  else
    g_return_if_reached ();
}

MeshNetworkList
mesh_network_list_for_type (GType type)
{
  if (type == MESH_TYPE_PROVISIONER)
    return MESH_NETWORK_LIST_PROVISIONERS;
  if (type == MESH_TYPE_NET_KEY)
    return MESH_NETWORK_LIST_NET_KEYS;
  if (type == MESH_TYPE_APP_KEY)
    return MESH_NETWORK_LIST_APP_KEYS;
  if (type == MESH_TYPE_NODE)
    return MESH_NETWORK_LIST_NODES;
  if (type == MESH_TYPE_GROUP)
    return MESH_NETWORK_LIST_GROUPS;
  if (type == MESH_TYPE_SCENE)
    return MESH_NETWORK_LIST_SCENES;

  return MESH_NETWORK_N_LISTS;
}

void
mesh_network_append_items (MeshNetwork     *self,
                           MeshNetworkList  list,
                           GPtrArray       *items)
{
  g_return_if_fail (list < MESH_NETWORK_N_LISTS);

  if (items->len == 0)
    return;

  for (guint i = 0; i < items->len; i++)
    {
      mesh_network_set_item_parent (items->pdata[i], self);
      if (list == MESH_NETWORK_LIST_NODES)
        mesh_network_index_node (self, items->pdata[i]);
    }

  g_list_store_splice (self->lists[list],
                       g_list_model_get_n_items (G_LIST_MODEL (self->lists[list])),
                       0, items->pdata, items->len);
}

void
mesh_network_remove_items (MeshNetwork     *self,
                           MeshNetworkList  list,
                           GHashTable      *items)
{
  GListModel *model;
  guint n;

  g_return_if_fail (list < MESH_NETWORK_N_LISTS);

  model = G_LIST_MODEL (self->lists[list]);
  n = g_list_model_get_n_items (model);

  /* From the end, one splice per run of removed items, so removing many
   * nodes of a large network stays linear. */
  for (guint i = n; i > 0; )
    {
      guint run_end = i;

      while (i > 0)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, i - 1);

          if (!g_hash_table_contains (items, item))
            break;

          if (list == MESH_NETWORK_LIST_NODES)
            mesh_network_unindex_node (self, MESH_NODE (item));
          mesh_network_set_item_parent (item, NULL);
          i--;
        }

      if (i < run_end)
        g_list_store_splice (self->lists[list], i, run_end - i, NULL, 0);
      else
        i--;
    }
}

void
mesh_network_set_exclusions (MeshNetwork *self,
                             GArray      *exclusions)
{
  g_array_set_size (self->exclusions, 0);
  if (exclusions != NULL)
    g_array_append_vals (self->exclusions, exclusions->data, exclusions->len);
}

void
mesh_network_add_exclusion (MeshNetwork *self,
                            guint32      iv_index,
                            guint16      address)
{
  MeshExclusion entry = { iv_index, address };

  for (guint i = 0; i < self->exclusions->len; i++)
    {
      MeshExclusion *e = &g_array_index (self->exclusions, MeshExclusion, i);

      if (e->iv_index == iv_index && e->address == address)
        return;
    }

  g_array_append_val (self->exclusions, entry);
}

void
mesh_network_prune_exclusions (MeshNetwork *self,
                               guint32      current_iv_index)
{
  for (guint i = self->exclusions->len; i > 0; i--)
    {
      MeshExclusion *e = &g_array_index (self->exclusions, MeshExclusion, i - 1);

      if (!mesh_address_allocator_exclusion_applies (e->iv_index, current_iv_index))
        g_array_remove_index (self->exclusions, i - 1);
    }
}

MeshAddressAllocator *
mesh_network_create_allocator (MeshNetwork *self)
{
  MeshAddressAllocator *allocator;
  GListModel *model;
  guint n;

  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  allocator = mesh_address_allocator_new (self->iv_index);

  model = G_LIST_MODEL (self->lists[MESH_NETWORK_LIST_NODES]);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (model, i);

      /* A node whose composition is unknown still holds its primary. */
      mesh_address_allocator_mark_unicast (allocator, node->unicast, MAX (node->element_count, 1));
    }

  model = G_LIST_MODEL (self->lists[MESH_NETWORK_LIST_GROUPS]);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshGroup) group = g_list_model_get_item (model, i);

      if (!group->address.has_label)
        mesh_address_allocator_mark_group (allocator, group->address.address);
    }

  model = G_LIST_MODEL (self->lists[MESH_NETWORK_LIST_SCENES]);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshScene) scene = g_list_model_get_item (model, i);

      mesh_address_allocator_mark_scene (allocator, scene->number);
    }

  for (guint i = 0; i < self->exclusions->len; i++)
    {
      MeshExclusion *e = &g_array_index (self->exclusions, MeshExclusion, i);

      mesh_address_allocator_add_exclusion (allocator, e->iv_index, e->address);
    }

  return allocator;
}
