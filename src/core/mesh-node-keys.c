/* mesh-node-keys.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The network and application keys a node knows, by index, each with
 * whether it has the updated key of a key refresh. */

#include "config.h"

#include <string.h>

#include "mesh-node-private.h"

static void
set_keys (MeshNode          *self,
          MeshNodeKey      **field,
          guint16           *n_field,
          const MeshNodeKey *keys,
          guint              n_keys,
          MeshNodeProp       prop)
{
  g_free (*field);
  *field = n_keys > 0 ? g_memdup2 (keys, n_keys * sizeof *keys) : NULL;
  *n_field = n_keys;
  mesh_node_notify (self, prop);
}

static void
add_key (MeshNode     *self,
         MeshNodeKey **field,
         guint16      *n_field,
         guint16       index,
         gboolean      updated,
         MeshNodeProp  prop)
{
  for (guint i = 0; i < *n_field; i++)
    {
      if ((*field)[i].index != index)
        continue;

      if (!!(*field)[i].updated != !!updated)
        {
          (*field)[i].updated = !!updated;
          mesh_node_notify (self, prop);
        }
      return;
    }

  *field = g_renew (MeshNodeKey, *field, *n_field + 1);
  (*field)[*n_field].index = index;
  (*field)[*n_field].updated = !!updated;
  (*n_field)++;
  mesh_node_notify (self, prop);
}

static gboolean
remove_key (MeshNode     *self,
            MeshNodeKey **field,
            guint16      *n_field,
            guint16       index,
            MeshNodeProp  prop)
{
  for (guint i = 0; i < *n_field; i++)
    {
      if ((*field)[i].index != index)
        continue;

      memmove (&(*field)[i], &(*field)[i + 1], (*n_field - i - 1) * sizeof (MeshNodeKey));
      (*n_field)--;
      mesh_node_notify (self, prop);
      return TRUE;
    }

  return FALSE;
}

const MeshNodeKey *
mesh_node_get_net_keys (MeshNode *self,
                        guint    *n_keys)
{
  g_return_val_if_fail (MESH_IS_NODE (self), NULL);
  g_return_val_if_fail (n_keys != NULL, NULL);

  *n_keys = self->n_net_keys;
  return self->net_keys;
}

static gboolean
has_key (const MeshNodeKey *keys,
         guint16            n_keys,
         guint16            index)
{
  for (guint i = 0; i < n_keys; i++)
    if (keys[i].index == index)
      return TRUE;

  return FALSE;
}

gboolean
mesh_node_has_net_key (MeshNode *self,
                       guint16   index)
{
  g_return_val_if_fail (MESH_IS_NODE (self), FALSE);

  return has_key (self->net_keys, self->n_net_keys, index);
}

gboolean
mesh_node_has_app_key (MeshNode *self,
                       guint16   index)
{
  g_return_val_if_fail (MESH_IS_NODE (self), FALSE);

  return has_key (self->app_keys, self->n_app_keys, index);
}

guint16
mesh_node_get_reach_net_index (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), 0);

  if (self->n_net_keys == 0 || mesh_node_has_net_key (self, 0))
    return 0;

  return self->net_keys[0].index;
}

void
mesh_node_set_net_keys (MeshNode          *self,
                        const MeshNodeKey *keys,
                        guint              n_keys)
{
  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (keys != NULL || n_keys == 0);
  g_return_if_fail (n_keys <= 0xFFF);

  set_keys (self, &self->net_keys, &self->n_net_keys, keys, n_keys, MESH_NODE_PROP_NET_KEYS);
}

void
mesh_node_add_net_key (MeshNode *self,
                       guint16   index,
                       gboolean  updated)
{
  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (index <= 0xFFF);

  add_key (self, &self->net_keys, &self->n_net_keys, index, updated, MESH_NODE_PROP_NET_KEYS);
}

gboolean
mesh_node_remove_net_key (MeshNode *self,
                          guint16   index)
{
  g_return_val_if_fail (MESH_IS_NODE (self), FALSE);

  return remove_key (self, &self->net_keys, &self->n_net_keys, index, MESH_NODE_PROP_NET_KEYS);
}

const MeshNodeKey *
mesh_node_get_app_keys (MeshNode *self,
                        guint    *n_keys)
{
  g_return_val_if_fail (MESH_IS_NODE (self), NULL);
  g_return_val_if_fail (n_keys != NULL, NULL);

  *n_keys = self->n_app_keys;
  return self->app_keys;
}

void
mesh_node_set_app_keys (MeshNode          *self,
                        const MeshNodeKey *keys,
                        guint              n_keys)
{
  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (keys != NULL || n_keys == 0);
  g_return_if_fail (n_keys <= 0xFFF);

  set_keys (self, &self->app_keys, &self->n_app_keys, keys, n_keys, MESH_NODE_PROP_APP_KEYS);
}

void
mesh_node_add_app_key (MeshNode *self,
                       guint16   index,
                       gboolean  updated)
{
  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (index <= 0xFFF);

  add_key (self, &self->app_keys, &self->n_app_keys, index, updated, MESH_NODE_PROP_APP_KEYS);
}

gboolean
mesh_node_remove_app_key (MeshNode *self,
                          guint16   index)
{
  g_return_val_if_fail (MESH_IS_NODE (self), FALSE);

  return remove_key (self, &self->app_keys, &self->n_app_keys, index, MESH_NODE_PROP_APP_KEYS);
}
