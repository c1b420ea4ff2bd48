/* mesh-cdb-selection.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-cdb-private.h"
#include "mesh-cdb-selection.h"

struct _MeshCdbSelection
{
  /* NULL: everything of that kind. */
  GHashTable *net_keys;      /* GUINT_TO_POINTER (index) */
  GHashTable *app_keys;      /* GUINT_TO_POINTER (index) */
  GHashTable *nodes;         /* UUID (16 bytes, owned) */
  GArray     *groups;        /* MeshCdbAddress */
  gboolean    device_keys;
};

G_DEFINE_BOXED_TYPE (MeshCdbSelection, mesh_cdb_selection,
                     mesh_cdb_selection_ref, mesh_cdb_selection_unref)

/* What one application of a selection exports, for quick look-ups. */
typedef struct
{
  MeshCdbSelection *selection;
  MeshCdbDocument  *full;
  guint8            net_keys[MESH_CDB_MAX_KEY_INDEX + 1];
  guint8            app_keys[MESH_CDB_MAX_KEY_INDEX + 1];
  guint8            unicast[MESH_CDB_UNICAST_LAST + 1];  /* element addresses of exported nodes */
  MeshCdbDocument  *partial;
} Export;

static void
selection_clear (gpointer data)
{
  MeshCdbSelection *self = data;

  g_clear_pointer (&self->net_keys, g_hash_table_unref);
  g_clear_pointer (&self->app_keys, g_hash_table_unref);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_array_unref);
}

static gboolean
group_chosen (MeshCdbSelection     *self,
              const MeshCdbAddress *address)
{
  if (self->groups == NULL)
    return TRUE;
  for (guint i = 0; i < self->groups->len; i++)
    if (mesh_cdb_address_equal (&g_array_index (self->groups, MeshCdbAddress, i), address))
      return TRUE;
  return FALSE;
}

/* A destination that is a group of the network but not exported is cut;
 * other addresses (nodes, fixed groups, unnamed groups) stay. */
static gboolean
destination_kept (Export               *export,
                  const MeshCdbAddress *address)
{
  return mesh_cdb_document_find_group (export->full, address) == NULL ||
         mesh_cdb_document_find_group (export->partial, address) != NULL;
}

/* Copying: the add functions create the entry's own arrays; a struct copy
 * takes every value, then the arrays and strings are put back or copied. */

static void
copy_keys (Export *export)
{
  MeshCdbDocument *full = export->full;

  for (guint i = 0; i < full->net_keys->len; i++)
    {
      const MeshCdbNetKey *src = &g_array_index (full->net_keys, MeshCdbNetKey, i);
      MeshCdbNetKey *dst;

      if (export->selection->net_keys != NULL &&
          !g_hash_table_contains (export->selection->net_keys, GUINT_TO_POINTER (src->index)))
        continue;

      dst = mesh_cdb_document_add_net_key (export->partial);
      g_free (dst->name);
      g_free (dst->timestamp);
      *dst = *src;
      dst->name = g_strdup (src->name);
      dst->timestamp = g_strdup (src->timestamp);
      export->net_keys[src->index] = TRUE;
    }

  for (guint i = 0; i < full->app_keys->len; i++)
    {
      const MeshCdbAppKey *src = &g_array_index (full->app_keys, MeshCdbAppKey, i);
      MeshCdbAppKey *dst;

      if ((export->selection->app_keys != NULL &&
           !g_hash_table_contains (export->selection->app_keys, GUINT_TO_POINTER (src->index))) ||
          !export->net_keys[src->bound_net_key])
        continue;

      dst = mesh_cdb_document_add_app_key (export->partial);
      g_free (dst->name);
      *dst = *src;
      dst->name = g_strdup (src->name);
      export->app_keys[src->index] = TRUE;
    }
}

static void
copy_provisioners (Export *export)
{
  for (guint i = 0; i < export->full->provisioners->len; i++)
    {
      const MeshCdbProvisioner *src = &g_array_index (export->full->provisioners, MeshCdbProvisioner, i);
      MeshCdbProvisioner *dst = mesh_cdb_document_add_provisioner (export->partial);

      g_free (dst->name);
      dst->name = g_strdup (src->name);
      memcpy (dst->uuid, src->uuid, MESH_CDB_UUID_SIZE);
      g_array_append_vals (dst->unicast_ranges, src->unicast_ranges->data, src->unicast_ranges->len);
      g_array_append_vals (dst->group_ranges, src->group_ranges->data, src->group_ranges->len);
      g_array_append_vals (dst->scene_ranges, src->scene_ranges->data, src->scene_ranges->len);
    }
}

static void
copy_groups (Export *export)
{
  for (guint i = 0; i < export->full->groups->len; i++)
    {
      const MeshCdbGroup *src = &g_array_index (export->full->groups, MeshCdbGroup, i);
      MeshCdbGroup *dst;

      if (!group_chosen (export->selection, &src->address))
        continue;

      dst = mesh_cdb_document_add_group (export->partial);
      g_free (dst->name);
      *dst = *src;
      dst->name = g_strdup (src->name);
    }

  for (guint i = 0; i < export->partial->groups->len; i++)
    {
      MeshCdbGroup *group = &g_array_index (export->partial->groups, MeshCdbGroup, i);

      if (!mesh_cdb_address_is_unassigned (&group->parent) &&
          mesh_cdb_document_find_group (export->partial, &group->parent) == NULL)
        mesh_cdb_address_set (&group->parent, 0);
    }
}

static void
copy_node_keys (GArray       *dst,
                GArray       *src,
                const guint8 *exported)
{
  for (guint i = 0; i < src->len; i++)
    {
      const MeshCdbNodeKey *key = &g_array_index (src, MeshCdbNodeKey, i);

      if (exported[key->index])
        g_array_append_vals (dst, key, 1);
    }
}

static void
copy_model (Export             *export,
            MeshCdbElement     *element,
            const MeshCdbModel *src)
{
  MeshCdbModel *dst = mesh_cdb_element_add_model (element);
  GArray *subscribe = dst->subscribe;
  GArray *bind = dst->bind;

  *dst = *src;
  dst->subscribe = subscribe;
  dst->bind = bind;

  for (guint i = 0; i < src->subscribe->len; i++)
    {
      const MeshCdbAddress *address = &g_array_index (src->subscribe, MeshCdbAddress, i);

      if (destination_kept (export, address))
        g_array_append_vals (subscribe, address, 1);
    }
  for (guint i = 0; i < src->bind->len; i++)
    {
      guint16 index = g_array_index (src->bind, guint16, i);

      if (export->app_keys[index])
        g_array_append_val (bind, index);
    }
  if (dst->has_publish &&
      (!export->app_keys[dst->publish.index] || !destination_kept (export, &dst->publish.address)))
    dst->has_publish = FALSE;
}

static void
copy_node (Export            *export,
           const MeshCdbNode *src)
{
  MeshCdbNode *dst = mesh_cdb_document_add_node (export->partial);
  GArray *net_keys = dst->net_keys;
  GArray *app_keys = dst->app_keys;
  GArray *elements = dst->elements;

  *dst = *src;
  dst->net_keys = net_keys;
  dst->app_keys = app_keys;
  dst->elements = elements;
  dst->name = g_strdup (src->name);

  if (!export->selection->device_keys)
    {
      dst->present &= ~MESH_CDB_NODE_HAS_DEVICE_KEY;
      memset (dst->device_key, 0, sizeof dst->device_key);
    }
  if ((dst->present & MESH_CDB_NODE_HAS_HEARTBEAT_PUB) &&
      !export->net_keys[dst->heartbeat_pub.index])
    dst->present &= ~MESH_CDB_NODE_HAS_HEARTBEAT_PUB;

  copy_node_keys (net_keys, src->net_keys, export->net_keys);
  copy_node_keys (app_keys, src->app_keys, export->app_keys);

  for (guint i = 0; i < src->elements->len; i++)
    {
      const MeshCdbElement *src_element = &g_array_index (src->elements, MeshCdbElement, i);
      MeshCdbElement *element = mesh_cdb_node_add_element (dst);

      element->name = g_strdup (src_element->name);
      element->index = src_element->index;
      element->location = src_element->location;
      for (guint m = 0; m < src_element->models->len; m++)
        copy_model (export, element, &g_array_index (src_element->models, MeshCdbModel, m));
    }

  for (guint a = 0; a < mesh_cdb_node_get_address_count (src); a++)
    if (src->unicast + a <= MESH_CDB_UNICAST_LAST)
      export->unicast[src->unicast + a] = TRUE;
}

static gboolean
node_exported (Export            *export,
               const MeshCdbNode *node)
{
  if (export->selection->nodes != NULL &&
      !g_hash_table_contains (export->selection->nodes, node->uuid))
    return FALSE;

  for (guint i = 0; i < node->net_keys->len; i++)
    if (export->net_keys[g_array_index (node->net_keys, MeshCdbNodeKey, i).index])
      return TRUE;
  return FALSE;
}

static void
copy_scenes_and_exclusions (Export *export)
{
  for (guint i = 0; i < export->full->scenes->len; i++)
    {
      const MeshCdbScene *src = &g_array_index (export->full->scenes, MeshCdbScene, i);
      MeshCdbScene *dst = mesh_cdb_document_add_scene (export->partial);

      g_free (dst->name);
      dst->name = g_strdup (src->name);
      dst->number = src->number;
      for (guint a = 0; a < src->addresses->len; a++)
        {
          guint16 address = g_array_index (src->addresses, guint16, a);

          if (address <= MESH_CDB_UNICAST_LAST && export->unicast[address])
            g_array_append_val (dst->addresses, address);
        }
    }

  for (guint i = 0; i < export->full->exclusions->len; i++)
    {
      const MeshCdbExclusion *src = &g_array_index (export->full->exclusions, MeshCdbExclusion, i);
      MeshCdbExclusion *dst = mesh_cdb_document_add_exclusion (export->partial);

      dst->iv_index = src->iv_index;
      g_array_append_vals (dst->addresses, src->addresses->data, src->addresses->len);
    }
}

MeshCdbSelection *
mesh_cdb_selection_new (void)
{
  MeshCdbSelection *self = g_atomic_rc_box_new0 (MeshCdbSelection);

  self->device_keys = TRUE;
  return self;
}

MeshCdbSelection *
mesh_cdb_selection_ref (MeshCdbSelection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
mesh_cdb_selection_unref (MeshCdbSelection *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, selection_clear);
}

void
mesh_cdb_selection_add_net_key (MeshCdbSelection *self,
                                guint16           index)
{
  g_return_if_fail (self != NULL);

  if (self->net_keys == NULL)
    self->net_keys = g_hash_table_new (NULL, NULL);
  g_hash_table_add (self->net_keys, GUINT_TO_POINTER (index));
}

void
mesh_cdb_selection_add_app_key (MeshCdbSelection *self,
                                guint16           index)
{
  g_return_if_fail (self != NULL);

  if (self->app_keys == NULL)
    self->app_keys = g_hash_table_new (NULL, NULL);
  g_hash_table_add (self->app_keys, GUINT_TO_POINTER (index));
}

void
mesh_cdb_selection_add_node (MeshCdbSelection *self,
                             const guint8     *uuid)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (uuid != NULL);

  if (self->nodes == NULL)
    self->nodes = g_hash_table_new_full (mesh_cdb_uuid_hash, mesh_cdb_uuid_equal, g_free, NULL);
  g_hash_table_add (self->nodes, g_memdup2 (uuid, MESH_CDB_UUID_SIZE));
}

void
mesh_cdb_selection_add_group (MeshCdbSelection     *self,
                              const MeshCdbAddress *address)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (address != NULL);

  if (self->groups == NULL)
    self->groups = g_array_new (FALSE, FALSE, sizeof (MeshCdbAddress));
  g_array_append_vals (self->groups, address, 1);
}

void
mesh_cdb_selection_set_device_keys (MeshCdbSelection *self,
                                    gboolean          include)
{
  g_return_if_fail (self != NULL);

  self->device_keys = !!include;
}

gboolean
mesh_cdb_selection_get_device_keys (MeshCdbSelection *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->device_keys;
}

/**
 * mesh_cdb_selection_apply:
 * @self: a selection
 * @document: the full document
 *
 * Makes the partial document @self chooses from @document (see the top of
 * mesh-cdb-selection.h for what goes in).
 *
 * Returns: (transfer full): a new document, with "partial" set
 */
MeshCdbDocument *
mesh_cdb_selection_apply (MeshCdbSelection *self,
                          MeshCdbDocument  *document)
{
  g_autofree Export *export = g_new0 (Export, 1);
  MeshCdbDocument *partial;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (document != NULL, NULL);

  partial = mesh_cdb_document_new ();
  memcpy (partial->mesh_uuid, document->mesh_uuid, MESH_CDB_UUID_SIZE);
  g_free (partial->mesh_name);
  partial->mesh_name = g_strdup (document->mesh_name);
  g_free (partial->timestamp);
  partial->timestamp = g_strdup (document->timestamp);
  partial->partial = TRUE;

  export->selection = self;
  export->full = document;
  export->partial = partial;

  copy_keys (export);
  copy_provisioners (export);
  copy_groups (export);
  for (guint i = 0; i < document->nodes->len; i++)
    {
      const MeshCdbNode *node = &g_array_index (document->nodes, MeshCdbNode, i);

      if (node_exported (export, node))
        copy_node (export, node);
    }
  copy_scenes_and_exclusions (export);

  return partial;
}
