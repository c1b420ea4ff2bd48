/* mesh-network.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The MeshNetwork GObject: its type and properties (UUID, name, IV index,
 * timestamp...), the copy the worker takes and the lists it holds. Adding
 * and removing their items is in mesh-network-items.c, the look-ups in
 * mesh-network-lookup.c. */

#include "config.h"

#include "mesh-app-key.h"
#include "mesh-group.h"
#include "mesh-net-key.h"
#include "mesh-network-private.h"
#include "mesh-node.h"
#include "mesh-provisioner.h"
#include "mesh-scene.h"

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
          mesh_network_set_item_parent (item, NULL);
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
