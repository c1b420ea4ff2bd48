/* mesh-network.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-app-key-private.h"
#include "mesh-group-private.h"
#include "mesh-net-key-private.h"
#include "mesh-network-private.h"
#include "mesh-node-private.h"
#include "mesh-provisioner-private.h"
#include "mesh-scene-private.h"

G_DEFINE_FINAL_TYPE (MeshNetwork, mesh_network, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_NAME,
  PROP_IV_INDEX,
  PROP_IV_UPDATE,
  PROP_TIMESTAMP,
  PROP_PARTIAL,
  PROP_LOCAL_PROVISIONER_UUID,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (MeshNetwork  *self,
            char        **field,
            const char   *value,
            int           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_parent (GObject     *item,
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

MeshNetwork *
mesh_network_clone (MeshNetwork *self)
{
  MeshNetwork *copy = mesh_network_new (self->uuid, self->name);

  copy->id = self->id;
  copy->timestamp = g_strdup (self->timestamp);
  copy->local_provisioner_uuid = g_strdup (self->local_provisioner_uuid);
  copy->iv_index = self->iv_index;
  copy->iv_update = self->iv_update;
  copy->partial = self->partial;

  return copy;
}

void
mesh_network_set_loaded (MeshNetwork *self,
                         gboolean     loaded)
{
  if (self->loaded == !!loaded)
    return;

  self->loaded = !!loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
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
      set_parent (items->pdata[i], self);
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
          set_parent (item, NULL);
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

MeshNetwork *
mesh_network_new (const char *uuid,
                  const char *name)
{
  g_return_val_if_fail (uuid != NULL, NULL);

  return g_object_new (MESH_TYPE_NETWORK,
                       "uuid", uuid,
                       "name", name,
                       NULL);
}

const char *
mesh_network_get_uuid (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return self->uuid;
}

const char *
mesh_network_get_name (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return self->name;
}

void
mesh_network_set_name (MeshNetwork *self,
                       const char  *name)
{
  g_return_if_fail (MESH_IS_NETWORK (self));

  set_string (self, &self->name, name != NULL ? name : "", PROP_NAME);
}

guint32
mesh_network_get_iv_index (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), 0);

  return self->iv_index;
}

void
mesh_network_set_iv_index (MeshNetwork *self,
                           guint32      iv_index)
{
  g_return_if_fail (MESH_IS_NETWORK (self));

  if (self->iv_index == iv_index)
    return;

  self->iv_index = iv_index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IV_INDEX]);
}

gboolean
mesh_network_get_iv_update (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), FALSE);

  return self->iv_update;
}

void
mesh_network_set_iv_update (MeshNetwork *self,
                            gboolean     iv_update)
{
  g_return_if_fail (MESH_IS_NETWORK (self));

  if (self->iv_update == !!iv_update)
    return;

  self->iv_update = !!iv_update;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IV_UPDATE]);
}

const char *
mesh_network_get_timestamp (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return self->timestamp;
}

void
mesh_network_set_timestamp (MeshNetwork *self,
                            const char  *timestamp)
{
  g_return_if_fail (MESH_IS_NETWORK (self));

  set_string (self, &self->timestamp, timestamp, PROP_TIMESTAMP);
}

gboolean
mesh_network_get_partial (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), FALSE);

  return self->partial;
}

void
mesh_network_set_partial (MeshNetwork *self,
                          gboolean     partial)
{
  g_return_if_fail (MESH_IS_NETWORK (self));

  if (self->partial == !!partial)
    return;

  self->partial = !!partial;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTIAL]);
}

const char *
mesh_network_get_local_provisioner_uuid (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return self->local_provisioner_uuid;
}

void
mesh_network_set_local_provisioner_uuid (MeshNetwork *self,
                                         const char  *uuid)
{
  g_return_if_fail (MESH_IS_NETWORK (self));

  set_string (self, &self->local_provisioner_uuid, uuid, PROP_LOCAL_PROVISIONER_UUID);
}

gboolean
mesh_network_get_loaded (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), FALSE);

  return self->loaded;
}

GListModel *
mesh_network_get_provisioners (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return G_LIST_MODEL (self->lists[MESH_NETWORK_LIST_PROVISIONERS]);
}

GListModel *
mesh_network_get_net_keys (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return G_LIST_MODEL (self->lists[MESH_NETWORK_LIST_NET_KEYS]);
}

GListModel *
mesh_network_get_app_keys (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return G_LIST_MODEL (self->lists[MESH_NETWORK_LIST_APP_KEYS]);
}

GListModel *
mesh_network_get_nodes (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return G_LIST_MODEL (self->lists[MESH_NETWORK_LIST_NODES]);
}

GListModel *
mesh_network_get_groups (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return G_LIST_MODEL (self->lists[MESH_NETWORK_LIST_GROUPS]);
}

GListModel *
mesh_network_get_scenes (MeshNetwork *self)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);

  return G_LIST_MODEL (self->lists[MESH_NETWORK_LIST_SCENES]);
}

const MeshExclusion *
mesh_network_get_exclusions (MeshNetwork *self,
                             guint       *n_exclusions)
{
  g_return_val_if_fail (MESH_IS_NETWORK (self), NULL);
  g_return_val_if_fail (n_exclusions != NULL, NULL);

  *n_exclusions = self->exclusions->len;
  return (const MeshExclusion *) self->exclusions->data;
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

static void
mesh_network_dispose (GObject *object)
{
  MeshNetwork *self = (MeshNetwork *)object;

  g_clear_pointer (&self->nodes_by_unicast, g_free);
  g_clear_pointer (&self->nodes_by_uuid, g_hash_table_unref);

  for (guint i = 0; i < MESH_NETWORK_N_LISTS; i++)
    {
      if (self->lists[i] == NULL)
        continue;

      /* Items may outlive the network: they must not point to it. */
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (self->lists[i])); j++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->lists[i]), j);
          set_parent (item, NULL);
        }
      g_clear_object (&self->lists[i]);
    }

  G_OBJECT_CLASS (mesh_network_parent_class)->dispose (object);
}

static void
mesh_network_finalize (GObject *object)
{
  MeshNetwork *self = (MeshNetwork *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->timestamp, g_free);
  g_clear_pointer (&self->local_provisioner_uuid, g_free);
  g_clear_pointer (&self->exclusions, g_array_unref);

  G_OBJECT_CLASS (mesh_network_parent_class)->finalize (object);
}

static void
mesh_network_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MeshNetwork *self = MESH_NETWORK (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_IV_INDEX:
      g_value_set_uint (value, self->iv_index);
      break;
    case PROP_IV_UPDATE:
      g_value_set_boolean (value, self->iv_update);
      break;
    case PROP_TIMESTAMP:
      g_value_set_string (value, self->timestamp);
      break;
    case PROP_PARTIAL:
      g_value_set_boolean (value, self->partial);
      break;
    case PROP_LOCAL_PROVISIONER_UUID:
      g_value_set_string (value, self->local_provisioner_uuid);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_network_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MeshNetwork *self = MESH_NETWORK (object);

  switch (prop_id)
    {
    case PROP_UUID:
      {
        const char *uuid = g_value_get_string (value);
        self->uuid = mesh_uuid_canonicalize (uuid);
        if (self->uuid == NULL)
          self->uuid = g_strdup (uuid);
      }
      break;
    case PROP_NAME:
      mesh_network_set_name (self, g_value_get_string (value));
      break;
    case PROP_IV_INDEX:
      mesh_network_set_iv_index (self, g_value_get_uint (value));
      break;
    case PROP_IV_UPDATE:
      mesh_network_set_iv_update (self, g_value_get_boolean (value));
      break;
    case PROP_TIMESTAMP:
      mesh_network_set_timestamp (self, g_value_get_string (value));
      break;
    case PROP_PARTIAL:
      mesh_network_set_partial (self, g_value_get_boolean (value));
      break;
    case PROP_LOCAL_PROVISIONER_UUID:
      mesh_network_set_local_provisioner_uuid (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_network_class_init (MeshNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mesh_network_dispose;
  object_class->finalize = mesh_network_finalize;
  object_class->get_property = mesh_network_get_property;
  object_class->set_property = mesh_network_set_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IV_INDEX] =
    g_param_spec_uint ("iv-index", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IV_UPDATE] =
    g_param_spec_boolean ("iv-update", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMESTAMP] =
    g_param_spec_string ("timestamp", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTIAL] =
    g_param_spec_boolean ("partial", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCAL_PROVISIONER_UUID] =
    g_param_spec_string ("local-provisioner-uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_network_init (MeshNetwork *self)
{
  GType item_types[MESH_NETWORK_N_LISTS] = {
    MESH_TYPE_PROVISIONER, MESH_TYPE_NET_KEY, MESH_TYPE_APP_KEY,
    MESH_TYPE_NODE, MESH_TYPE_GROUP, MESH_TYPE_SCENE,
  };

  self->name = g_strdup ("");
  for (guint i = 0; i < MESH_NETWORK_N_LISTS; i++)
    self->lists[i] = g_list_store_new (item_types[i]);
  self->exclusions = g_array_new (FALSE, FALSE, sizeof (MeshExclusion));
}
