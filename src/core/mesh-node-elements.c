/* mesh-node-elements.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A node's elements: the list, its lazy load from the store and the
 * changes made in memory. */

#include "config.h"

#include "mesh-element-private.h"
#include "mesh-network-private.h"
#include "mesh-node-private.h"
#include "mesh-store-private.h"

static GListStore *
ensure_elements (MeshNode *self)
{
  if (self->elements == NULL)
    self->elements = g_list_store_new (MESH_TYPE_ELEMENT);

  return self->elements;
}

void
mesh_node_take_elements (MeshNode  *self,
                         GPtrArray *elements)
{
  GListStore *store = ensure_elements (self);

  for (guint i = 0; i < elements->len; i++)
    MESH_ELEMENT (elements->pdata[i])->node = self;

  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       elements->pdata, elements->len);
}

void
mesh_node_set_elements_loaded (MeshNode *self,
                               gboolean  loaded)
{
  self->elements_loading = FALSE;
  if (self->elements_loaded == !!loaded)
    return;

  self->elements_loaded = !!loaded;
  mesh_node_notify (self, MESH_NODE_PROP_ELEMENTS_LOADED);
}

GListModel *
mesh_node_get_elements (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), NULL);

  /* Lazy: the first look at a stored node's elements loads them. */
  if (!self->elements_loaded && !self->elements_loading &&
      self->id != 0 && self->network != NULL && self->network->store != NULL)
    {
      self->elements_loading = TRUE;
      mesh_store_request_elements (self->network->store, self);
    }

  return G_LIST_MODEL (ensure_elements (self));
}

gboolean
mesh_node_get_elements_loaded (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), FALSE);

  return self->elements_loaded;
}

MeshElement *
mesh_node_get_element (MeshNode *self,
                       guint     index)
{
  g_return_val_if_fail (MESH_IS_NODE (self), NULL);

  if (self->elements == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->elements)); i++)
    {
      MeshElement *element = g_list_model_get_item (G_LIST_MODEL (self->elements), i);

      /* The list keeps a reference: hand out a borrowed pointer. */
      g_object_unref (element);
      if (element->index == index)
        return element;
    }

  return NULL;
}

gboolean
mesh_node_has_remote_provisioning_server (MeshNode *self)
{
  MeshElement *primary;

  g_return_val_if_fail (MESH_IS_NODE (self), FALSE);

  primary = mesh_node_get_element (self, 0);

  return primary != NULL
         && mesh_element_find_model (primary, MESH_MODEL_REMOTE_PROVISIONING_SERVER, FALSE) != NULL;
}

void
mesh_node_add_element (MeshNode    *self,
                       MeshElement *element)
{
  GListStore *store;
  guint n;

  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (MESH_IS_ELEMENT (element));
  g_return_if_fail (element->node == NULL);

  store = ensure_elements (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_return_if_fail (element->index == n);

  element->node = self;
  g_list_store_append (store, element);

  if (self->element_count < n + 1)
    mesh_node_set_element_count (self, n + 1);
}

void
mesh_node_remove_all_elements (MeshNode *self)
{
  g_return_if_fail (MESH_IS_NODE (self));

  if (self->elements == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->elements)); i++)
    {
      g_autoptr(MeshElement) element = g_list_model_get_item (G_LIST_MODEL (self->elements), i);
      element->node = NULL;
    }
  g_list_store_remove_all (self->elements);
}
