/* mesh-node.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The MeshNode GObject: its type, properties and notifications, its
 * identity (UUID, name, unicast address, element count) and the copy the
 * worker takes. The configuration state is in mesh-node-config.c, the keys
 * in mesh-node-keys.c, the elements in mesh-node-elements.c. */

#include "config.h"

#include "mesh-element-private.h"
#include "mesh-network-private.h"
#include "mesh-node-private.h"

G_DEFINE_FINAL_TYPE (MeshNode, mesh_node, G_TYPE_OBJECT)

static GParamSpec *properties[MESH_NODE_N_PROPS];

static GArray *
keys_to_array (const MeshNodeKey *keys,
               guint              n_keys)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (MeshNodeKey), n_keys);

  g_array_append_vals (array, keys, n_keys);
  return array;
}

void
mesh_node_notify (MeshNode     *self,
                  MeshNodeProp  prop)
{
  self->revision++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

MeshNode *
mesh_node_clone (MeshNode *self,
                 gboolean  with_elements)
{
  MeshNode *copy = g_object_new (MESH_TYPE_NODE, NULL);

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->name = g_strdup (self->name);
  copy->net_keys = self->n_net_keys > 0 ? g_memdup2 (self->net_keys, self->n_net_keys * sizeof (MeshNodeKey)) : NULL;
  copy->app_keys = self->n_app_keys > 0 ? g_memdup2 (self->app_keys, self->n_app_keys * sizeof (MeshNodeKey)) : NULL;
  copy->heartbeat_publication = mesh_heartbeat_publication_copy (self->heartbeat_publication);
  copy->heartbeat_subscription = mesh_heartbeat_subscription_copy (self->heartbeat_subscription);
  copy->cid = self->cid;
  copy->pid = self->pid;
  copy->vid = self->vid;
  copy->crpl = self->crpl;
  copy->unicast = self->unicast;
  copy->n_net_keys = self->n_net_keys;
  copy->n_app_keys = self->n_app_keys;
  copy->element_count = self->element_count;
  copy->default_ttl = self->default_ttl;
  copy->secure_network_beacon = self->secure_network_beacon;
  copy->relay = self->relay;
  copy->proxy = self->proxy;
  copy->friend_ = self->friend_;
  copy->low_power = self->low_power;
  copy->security = self->security;
  copy->network_transmit = self->network_transmit;
  copy->relay_retransmit = self->relay_retransmit;
  copy->has_network_transmit = self->has_network_transmit;
  copy->has_relay_retransmit = self->has_relay_retransmit;
  copy->excluded = self->excluded;
  copy->config_complete = self->config_complete;
  copy->elements_loaded = with_elements && self->elements_loaded;

  if (copy->elements_loaded && self->elements != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->elements));
      g_autoptr(GPtrArray) elements = g_ptr_array_new_full (n, g_object_unref);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MeshElement) element = g_list_model_get_item (G_LIST_MODEL (self->elements), i);
          g_ptr_array_add (elements, mesh_element_clone (element));
        }
      mesh_node_take_elements (copy, elements);
    }

  return copy;
}

MeshNode *
mesh_node_new (const char *uuid,
               guint16     unicast,
               guint       element_count)
{
  MeshNode *self;

  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (element_count <= 0xFF, NULL);

  self = g_object_new (MESH_TYPE_NODE,
                       "uuid", uuid,
                       "unicast", unicast,
                       "element-count", element_count,
                       NULL);
  /* Built in memory: it has all its elements (none yet). */
  self->elements_loaded = TRUE;

  return self;
}

MeshNetwork *
mesh_node_get_network (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), NULL);

  return self->network;
}

const char *
mesh_node_get_uuid (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), NULL);

  return self->uuid;
}

void
mesh_node_set_uuid (MeshNode   *self,
                    const char *uuid)
{
  g_autofree char *canonical = NULL;

  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (uuid != NULL);

  canonical = mesh_uuid_canonicalize (uuid);
  if (canonical == NULL)
    canonical = g_strdup (uuid);

  if (g_strcmp0 (self->uuid, canonical) == 0)
    return;

  if (self->network != NULL)
    mesh_network_unindex_node (self->network, self);
  g_free (self->uuid);
  self->uuid = g_steal_pointer (&canonical);
  if (self->network != NULL)
    mesh_network_index_node (self->network, self);

  mesh_node_notify (self, MESH_NODE_PROP_UUID);
}

const char *
mesh_node_get_name (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), NULL);

  return self->name;
}

void
mesh_node_set_name (MeshNode   *self,
                    const char *name)
{
  g_return_if_fail (MESH_IS_NODE (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  mesh_node_notify (self, MESH_NODE_PROP_NAME);
}

guint16
mesh_node_get_unicast (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), 0);

  return self->unicast;
}

void
mesh_node_set_unicast (MeshNode *self,
                       guint16   unicast)
{
  g_return_if_fail (MESH_IS_NODE (self));

  if (self->unicast == unicast)
    return;

  if (self->network != NULL)
    mesh_network_unindex_node (self->network, self);
  self->unicast = unicast;
  if (self->network != NULL)
    mesh_network_index_node (self->network, self);

  mesh_node_notify (self, MESH_NODE_PROP_UNICAST);
}

guint
mesh_node_get_element_count (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), 0);

  return self->element_count;
}

void
mesh_node_set_element_count (MeshNode *self,
                             guint     element_count)
{
  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (element_count <= 0xFF);

  if (self->element_count == element_count)
    return;

  self->element_count = element_count;
  mesh_node_notify (self, MESH_NODE_PROP_ELEMENT_COUNT);
}

gboolean
mesh_node_has_address (MeshNode *self,
                       guint16   address)
{
  g_return_val_if_fail (MESH_IS_NODE (self), FALSE);

  return address >= self->unicast &&
         address < (guint) self->unicast + MAX (self->element_count, 1);
}

guint
mesh_node_get_revision (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), 0);

  return self->revision;
}

static void
mesh_node_dispose (GObject *object)
{
  MeshNode *self = (MeshNode *)object;

  mesh_node_remove_all_elements (self);
  g_clear_object (&self->elements);

  G_OBJECT_CLASS (mesh_node_parent_class)->dispose (object);
}

static void
mesh_node_finalize (GObject *object)
{
  MeshNode *self = (MeshNode *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->net_keys, g_free);
  g_clear_pointer (&self->app_keys, g_free);
  g_clear_pointer (&self->heartbeat_publication, mesh_heartbeat_publication_free);
  g_clear_pointer (&self->heartbeat_subscription, mesh_heartbeat_subscription_free);

  G_OBJECT_CLASS (mesh_node_parent_class)->finalize (object);
}

static void
mesh_node_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MeshNode *self = MESH_NODE (object);

  switch (prop_id)
    {
    case MESH_NODE_PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case MESH_NODE_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case MESH_NODE_PROP_UNICAST:
      g_value_set_uint (value, self->unicast);
      break;
    case MESH_NODE_PROP_ELEMENT_COUNT:
      g_value_set_uint (value, self->element_count);
      break;
    case MESH_NODE_PROP_CID:
      g_value_set_int (value, self->cid);
      break;
    case MESH_NODE_PROP_PID:
      g_value_set_int (value, self->pid);
      break;
    case MESH_NODE_PROP_VID:
      g_value_set_int (value, self->vid);
      break;
    case MESH_NODE_PROP_CRPL:
      g_value_set_int (value, self->crpl);
      break;
    case MESH_NODE_PROP_RELAY:
      g_value_set_enum (value, self->relay);
      break;
    case MESH_NODE_PROP_PROXY:
      g_value_set_enum (value, self->proxy);
      break;
    case MESH_NODE_PROP_FRIEND:
      g_value_set_enum (value, self->friend_);
      break;
    case MESH_NODE_PROP_LOW_POWER:
      g_value_set_enum (value, self->low_power);
      break;
    case MESH_NODE_PROP_EXCLUDED:
      g_value_set_boolean (value, self->excluded);
      break;
    case MESH_NODE_PROP_CONFIG_COMPLETE:
      g_value_set_boolean (value, self->config_complete);
      break;
    case MESH_NODE_PROP_SECURITY:
      g_value_set_enum (value, self->security);
      break;
    case MESH_NODE_PROP_SECURE_NETWORK_BEACON:
      g_value_set_int (value, self->secure_network_beacon);
      break;
    case MESH_NODE_PROP_DEFAULT_TTL:
      g_value_set_int (value, self->default_ttl);
      break;
    case MESH_NODE_PROP_NETWORK_TRANSMIT:
      g_value_set_boxed (value, mesh_node_get_network_transmit (self));
      break;
    case MESH_NODE_PROP_RELAY_RETRANSMIT:
      g_value_set_boxed (value, mesh_node_get_relay_retransmit (self));
      break;
    case MESH_NODE_PROP_HEARTBEAT_PUBLICATION:
      g_value_set_boxed (value, self->heartbeat_publication);
      break;
    case MESH_NODE_PROP_HEARTBEAT_SUBSCRIPTION:
      g_value_set_boxed (value, self->heartbeat_subscription);
      break;
    case MESH_NODE_PROP_NET_KEYS:
      g_value_take_boxed (value, keys_to_array (self->net_keys, self->n_net_keys));
      break;
    case MESH_NODE_PROP_APP_KEYS:
      g_value_take_boxed (value, keys_to_array (self->app_keys, self->n_app_keys));
      break;
    case MESH_NODE_PROP_ELEMENTS_LOADED:
      g_value_set_boolean (value, self->elements_loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_node_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MeshNode *self = MESH_NODE (object);

  switch (prop_id)
    {
    case MESH_NODE_PROP_UUID:
      if (g_value_get_string (value) != NULL)
        mesh_node_set_uuid (self, g_value_get_string (value));
      break;
    case MESH_NODE_PROP_NAME:
      mesh_node_set_name (self, g_value_get_string (value));
      break;
    case MESH_NODE_PROP_UNICAST:
      mesh_node_set_unicast (self, g_value_get_uint (value));
      break;
    case MESH_NODE_PROP_ELEMENT_COUNT:
      mesh_node_set_element_count (self, g_value_get_uint (value));
      break;
    case MESH_NODE_PROP_CID:
      mesh_node_set_cid (self, g_value_get_int (value));
      break;
    case MESH_NODE_PROP_PID:
      mesh_node_set_pid (self, g_value_get_int (value));
      break;
    case MESH_NODE_PROP_VID:
      mesh_node_set_vid (self, g_value_get_int (value));
      break;
    case MESH_NODE_PROP_CRPL:
      mesh_node_set_crpl (self, g_value_get_int (value));
      break;
    case MESH_NODE_PROP_RELAY:
      mesh_node_set_relay (self, g_value_get_enum (value));
      break;
    case MESH_NODE_PROP_PROXY:
      mesh_node_set_proxy (self, g_value_get_enum (value));
      break;
    case MESH_NODE_PROP_FRIEND:
      mesh_node_set_friend (self, g_value_get_enum (value));
      break;
    case MESH_NODE_PROP_LOW_POWER:
      mesh_node_set_low_power (self, g_value_get_enum (value));
      break;
    case MESH_NODE_PROP_EXCLUDED:
      mesh_node_set_excluded (self, g_value_get_boolean (value));
      break;
    case MESH_NODE_PROP_CONFIG_COMPLETE:
      mesh_node_set_config_complete (self, g_value_get_boolean (value));
      break;
    case MESH_NODE_PROP_SECURITY:
      mesh_node_set_security (self, g_value_get_enum (value));
      break;
    case MESH_NODE_PROP_SECURE_NETWORK_BEACON:
      mesh_node_set_secure_network_beacon (self, g_value_get_int (value));
      break;
    case MESH_NODE_PROP_DEFAULT_TTL:
      mesh_node_set_default_ttl (self, g_value_get_int (value));
      break;
    case MESH_NODE_PROP_NETWORK_TRANSMIT:
      mesh_node_set_network_transmit (self, g_value_get_boxed (value));
      break;
    case MESH_NODE_PROP_RELAY_RETRANSMIT:
      mesh_node_set_relay_retransmit (self, g_value_get_boxed (value));
      break;
    case MESH_NODE_PROP_HEARTBEAT_PUBLICATION:
      mesh_node_set_heartbeat_publication (self, g_value_get_boxed (value));
      break;
    case MESH_NODE_PROP_HEARTBEAT_SUBSCRIPTION:
      mesh_node_set_heartbeat_subscription (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_node_class_init (MeshNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mesh_node_dispose;
  object_class->finalize = mesh_node_finalize;
  object_class->get_property = mesh_node_get_property;
  object_class->set_property = mesh_node_set_property;

  properties[MESH_NODE_PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, rw);
  properties[MESH_NODE_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[MESH_NODE_PROP_UNICAST] = g_param_spec_uint ("unicast", NULL, NULL, 0, 0x7FFF, 0, rw);
  properties[MESH_NODE_PROP_ELEMENT_COUNT] = g_param_spec_uint ("element-count", NULL, NULL, 0, 0xFF, 0, rw);
  properties[MESH_NODE_PROP_CID] = g_param_spec_int ("cid", NULL, NULL, -1, 0xFFFF, -1, rw);
  properties[MESH_NODE_PROP_PID] = g_param_spec_int ("pid", NULL, NULL, -1, 0xFFFF, -1, rw);
  properties[MESH_NODE_PROP_VID] = g_param_spec_int ("vid", NULL, NULL, -1, 0xFFFF, -1, rw);
  properties[MESH_NODE_PROP_CRPL] = g_param_spec_int ("crpl", NULL, NULL, -1, 0xFFFF, -1, rw);
  properties[MESH_NODE_PROP_RELAY] = g_param_spec_enum ("relay", NULL, NULL, MESH_TYPE_FEATURE_STATE, MESH_FEATURE_STATE_UNKNOWN, rw);
  properties[MESH_NODE_PROP_PROXY] = g_param_spec_enum ("proxy", NULL, NULL, MESH_TYPE_FEATURE_STATE, MESH_FEATURE_STATE_UNKNOWN, rw);
  properties[MESH_NODE_PROP_FRIEND] = g_param_spec_enum ("friend", NULL, NULL, MESH_TYPE_FEATURE_STATE, MESH_FEATURE_STATE_UNKNOWN, rw);
  properties[MESH_NODE_PROP_LOW_POWER] = g_param_spec_enum ("low-power", NULL, NULL, MESH_TYPE_FEATURE_STATE, MESH_FEATURE_STATE_UNKNOWN, rw);
  properties[MESH_NODE_PROP_EXCLUDED] = g_param_spec_boolean ("excluded", NULL, NULL, FALSE, rw);
  properties[MESH_NODE_PROP_CONFIG_COMPLETE] = g_param_spec_boolean ("config-complete", NULL, NULL, FALSE, rw);
  properties[MESH_NODE_PROP_SECURITY] = g_param_spec_enum ("security", NULL, NULL, MESH_TYPE_SECURITY, MESH_SECURITY_SECURE, rw);
  properties[MESH_NODE_PROP_SECURE_NETWORK_BEACON] = g_param_spec_int ("secure-network-beacon", NULL, NULL, -1, 1, -1, rw);
  properties[MESH_NODE_PROP_DEFAULT_TTL] = g_param_spec_int ("default-ttl", NULL, NULL, -1, 0x7F, -1, rw);
  properties[MESH_NODE_PROP_NETWORK_TRANSMIT] = g_param_spec_boxed ("network-transmit", NULL, NULL, MESH_TYPE_TRANSMIT, rw);
  properties[MESH_NODE_PROP_RELAY_RETRANSMIT] = g_param_spec_boxed ("relay-retransmit", NULL, NULL, MESH_TYPE_TRANSMIT, rw);
  properties[MESH_NODE_PROP_HEARTBEAT_PUBLICATION] = g_param_spec_boxed ("heartbeat-publication", NULL, NULL, MESH_TYPE_HEARTBEAT_PUBLICATION, rw);
  properties[MESH_NODE_PROP_HEARTBEAT_SUBSCRIPTION] = g_param_spec_boxed ("heartbeat-subscription", NULL, NULL, MESH_TYPE_HEARTBEAT_SUBSCRIPTION, rw);
  /* GArrays of MeshNodeKey (copies); change them with the functions. */
  properties[MESH_NODE_PROP_NET_KEYS] = g_param_spec_boxed ("net-keys", NULL, NULL, G_TYPE_ARRAY, ro);
  properties[MESH_NODE_PROP_APP_KEYS] = g_param_spec_boxed ("app-keys", NULL, NULL, G_TYPE_ARRAY, ro);
  properties[MESH_NODE_PROP_ELEMENTS_LOADED] = g_param_spec_boolean ("elements-loaded", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, MESH_NODE_N_PROPS, properties);
}

static void
mesh_node_init (MeshNode *self)
{
  self->cid = self->pid = self->vid = self->crpl = -1;
  self->default_ttl = -1;
  self->secure_network_beacon = -1;
  self->relay = self->proxy = self->friend_ = self->low_power = MESH_FEATURE_STATE_UNKNOWN;
  self->security = MESH_SECURITY_SECURE;
}
