/* mesh-node.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-element-private.h"
#include "mesh-network-private.h"
#include "mesh-node-private.h"
#include "mesh-store-private.h"

G_DEFINE_FINAL_TYPE (MeshNode, mesh_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_NAME,
  PROP_UNICAST,
  PROP_ELEMENT_COUNT,
  PROP_CID,
  PROP_PID,
  PROP_VID,
  PROP_CRPL,
  PROP_RELAY,
  PROP_PROXY,
  PROP_FRIEND,
  PROP_LOW_POWER,
  PROP_EXCLUDED,
  PROP_CONFIG_COMPLETE,
  PROP_SECURITY,
  PROP_SECURE_NETWORK_BEACON,
  PROP_DEFAULT_TTL,
  PROP_NETWORK_TRANSMIT,
  PROP_RELAY_RETRANSMIT,
  PROP_HEARTBEAT_PUBLICATION,
  PROP_HEARTBEAT_SUBSCRIPTION,
  PROP_NET_KEYS,
  PROP_APP_KEYS,
  PROP_ELEMENTS_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify (MeshNode *self,
        int       prop)
{
  self->revision++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static GListStore *
ensure_elements (MeshNode *self)
{
  if (self->elements == NULL)
    self->elements = g_list_store_new (MESH_TYPE_ELEMENT);

  return self->elements;
}

static GArray *
keys_to_array (const MeshNodeKey *keys,
               guint              n_keys)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (MeshNodeKey), n_keys);

  g_array_append_vals (array, keys, n_keys);
  return array;
}

static void
set_keys (MeshNode          *self,
          MeshNodeKey      **field,
          guint16           *n_field,
          const MeshNodeKey *keys,
          guint              n_keys,
          int                prop)
{
  g_free (*field);
  *field = n_keys > 0 ? g_memdup2 (keys, n_keys * sizeof *keys) : NULL;
  *n_field = n_keys;
  notify (self, prop);
}

static void
add_key (MeshNode     *self,
         MeshNodeKey **field,
         guint16      *n_field,
         guint16       index,
         gboolean      updated,
         int           prop)
{
  for (guint i = 0; i < *n_field; i++)
    {
      if ((*field)[i].index != index)
        continue;

      if (!!(*field)[i].updated != !!updated)
        {
          (*field)[i].updated = !!updated;
          notify (self, prop);
        }
      return;
    }

  *field = g_renew (MeshNodeKey, *field, *n_field + 1);
  (*field)[*n_field].index = index;
  (*field)[*n_field].updated = !!updated;
  (*n_field)++;
  notify (self, prop);
}

static gboolean
remove_key (MeshNode     *self,
            MeshNodeKey **field,
            guint16      *n_field,
            guint16       index,
            int           prop)
{
  for (guint i = 0; i < *n_field; i++)
    {
      if ((*field)[i].index != index)
        continue;

      memmove (&(*field)[i], &(*field)[i + 1], (*n_field - i - 1) * sizeof (MeshNodeKey));
      (*n_field)--;
      notify (self, prop);
      return TRUE;
    }

  return FALSE;
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
  notify (self, PROP_ELEMENTS_LOADED);
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

  notify (self, PROP_UUID);
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
  notify (self, PROP_NAME);
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

  notify (self, PROP_UNICAST);
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
  notify (self, PROP_ELEMENT_COUNT);
}

gboolean
mesh_node_has_address (MeshNode *self,
                       guint16   address)
{
  g_return_val_if_fail (MESH_IS_NODE (self), FALSE);

  return address >= self->unicast &&
         address < (guint) self->unicast + MAX (self->element_count, 1);
}

#define DEFINE_INT_ACCESSORS(field, PROP, min, max)                     \
  int                                                                   \
  mesh_node_get_##field (MeshNode *self)                                \
  {                                                                     \
    g_return_val_if_fail (MESH_IS_NODE (self), -1);                     \
    return self->field;                                                 \
  }                                                                     \
                                                                        \
  void                                                                  \
  mesh_node_set_##field (MeshNode *self,                                \
                         int       value)                               \
  {                                                                     \
    g_return_if_fail (MESH_IS_NODE (self));                             \
    g_return_if_fail (value == -1 || (value >= (min) && value <= (max))); \
    if (self->field == value)                                           \
      return;                                                           \
    self->field = value;                                                \
    notify (self, PROP);                                                \
  }

DEFINE_INT_ACCESSORS (cid, PROP_CID, 0, 0xFFFF)
DEFINE_INT_ACCESSORS (pid, PROP_PID, 0, 0xFFFF)
DEFINE_INT_ACCESSORS (vid, PROP_VID, 0, 0xFFFF)
DEFINE_INT_ACCESSORS (crpl, PROP_CRPL, 0, 0xFFFF)
DEFINE_INT_ACCESSORS (secure_network_beacon, PROP_SECURE_NETWORK_BEACON, 0, 1)
DEFINE_INT_ACCESSORS (default_ttl, PROP_DEFAULT_TTL, 0, 0x7F)

#define DEFINE_FEATURE_ACCESSORS(name, field, PROP)                     \
  MeshFeatureState                                                      \
  mesh_node_get_##name (MeshNode *self)                                 \
  {                                                                     \
    g_return_val_if_fail (MESH_IS_NODE (self), MESH_FEATURE_STATE_UNKNOWN); \
    return self->field;                                                 \
  }                                                                     \
                                                                        \
  void                                                                  \
  mesh_node_set_##name (MeshNode         *self,                         \
                        MeshFeatureState  state)                        \
  {                                                                     \
    g_return_if_fail (MESH_IS_NODE (self));                             \
    g_return_if_fail (state <= MESH_FEATURE_STATE_UNKNOWN);             \
    if (self->field == state)                                           \
      return;                                                           \
    self->field = state;                                                \
    notify (self, PROP);                                                \
  }

DEFINE_FEATURE_ACCESSORS (relay, relay, PROP_RELAY)
DEFINE_FEATURE_ACCESSORS (proxy, proxy, PROP_PROXY)
DEFINE_FEATURE_ACCESSORS (friend, friend_, PROP_FRIEND)
DEFINE_FEATURE_ACCESSORS (low_power, low_power, PROP_LOW_POWER)

gboolean
mesh_node_get_excluded (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), FALSE);

  return self->excluded;
}

void
mesh_node_set_excluded (MeshNode *self,
                        gboolean  excluded)
{
  g_return_if_fail (MESH_IS_NODE (self));

  if (self->excluded == !!excluded)
    return;

  self->excluded = !!excluded;
  notify (self, PROP_EXCLUDED);
}

gboolean
mesh_node_get_config_complete (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), FALSE);

  return self->config_complete;
}

void
mesh_node_set_config_complete (MeshNode *self,
                               gboolean  config_complete)
{
  g_return_if_fail (MESH_IS_NODE (self));

  if (self->config_complete == !!config_complete)
    return;

  self->config_complete = !!config_complete;
  notify (self, PROP_CONFIG_COMPLETE);
}

MeshSecurity
mesh_node_get_security (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), MESH_SECURITY_SECURE);

  return self->security;
}

void
mesh_node_set_security (MeshNode     *self,
                        MeshSecurity  security)
{
  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (security <= MESH_SECURITY_SECURE);

  if (self->security == security)
    return;

  self->security = security;
  notify (self, PROP_SECURITY);
}

const MeshTransmit *
mesh_node_get_network_transmit (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), NULL);

  return self->has_network_transmit ? &self->network_transmit : NULL;
}

void
mesh_node_set_network_transmit (MeshNode           *self,
                                const MeshTransmit *transmit)
{
  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (transmit == NULL || (transmit->count <= 7 && transmit->interval_steps <= 31));

  self->has_network_transmit = transmit != NULL;
  if (transmit != NULL)
    self->network_transmit = *transmit;
  notify (self, PROP_NETWORK_TRANSMIT);
}

const MeshTransmit *
mesh_node_get_relay_retransmit (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), NULL);

  return self->has_relay_retransmit ? &self->relay_retransmit : NULL;
}

void
mesh_node_set_relay_retransmit (MeshNode           *self,
                                const MeshTransmit *retransmit)
{
  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (retransmit == NULL || (retransmit->count <= 7 && retransmit->interval_steps <= 31));

  self->has_relay_retransmit = retransmit != NULL;
  if (retransmit != NULL)
    self->relay_retransmit = *retransmit;
  notify (self, PROP_RELAY_RETRANSMIT);
}

const MeshHeartbeatPublication *
mesh_node_get_heartbeat_publication (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), NULL);

  return self->heartbeat_publication;
}

void
mesh_node_set_heartbeat_publication (MeshNode                       *self,
                                     const MeshHeartbeatPublication *publication)
{
  g_return_if_fail (MESH_IS_NODE (self));

  g_clear_pointer (&self->heartbeat_publication, mesh_heartbeat_publication_free);
  self->heartbeat_publication = mesh_heartbeat_publication_copy (publication);
  notify (self, PROP_HEARTBEAT_PUBLICATION);
}

const MeshHeartbeatSubscription *
mesh_node_get_heartbeat_subscription (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), NULL);

  return self->heartbeat_subscription;
}

void
mesh_node_set_heartbeat_subscription (MeshNode                        *self,
                                      const MeshHeartbeatSubscription *subscription)
{
  g_return_if_fail (MESH_IS_NODE (self));

  g_clear_pointer (&self->heartbeat_subscription, mesh_heartbeat_subscription_free);
  self->heartbeat_subscription = mesh_heartbeat_subscription_copy (subscription);
  notify (self, PROP_HEARTBEAT_SUBSCRIPTION);
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

void
mesh_node_set_net_keys (MeshNode          *self,
                        const MeshNodeKey *keys,
                        guint              n_keys)
{
  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (keys != NULL || n_keys == 0);
  g_return_if_fail (n_keys <= 0xFFF);

  set_keys (self, &self->net_keys, &self->n_net_keys, keys, n_keys, PROP_NET_KEYS);
}

void
mesh_node_add_net_key (MeshNode *self,
                       guint16   index,
                       gboolean  updated)
{
  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (index <= 0xFFF);

  add_key (self, &self->net_keys, &self->n_net_keys, index, updated, PROP_NET_KEYS);
}

gboolean
mesh_node_remove_net_key (MeshNode *self,
                          guint16   index)
{
  g_return_val_if_fail (MESH_IS_NODE (self), FALSE);

  return remove_key (self, &self->net_keys, &self->n_net_keys, index, PROP_NET_KEYS);
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

  set_keys (self, &self->app_keys, &self->n_app_keys, keys, n_keys, PROP_APP_KEYS);
}

void
mesh_node_add_app_key (MeshNode *self,
                       guint16   index,
                       gboolean  updated)
{
  g_return_if_fail (MESH_IS_NODE (self));
  g_return_if_fail (index <= 0xFFF);

  add_key (self, &self->app_keys, &self->n_app_keys, index, updated, PROP_APP_KEYS);
}

gboolean
mesh_node_remove_app_key (MeshNode *self,
                          guint16   index)
{
  g_return_val_if_fail (MESH_IS_NODE (self), FALSE);

  return remove_key (self, &self->app_keys, &self->n_app_keys, index, PROP_APP_KEYS);
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

guint
mesh_node_get_revision (MeshNode *self)
{
  g_return_val_if_fail (MESH_IS_NODE (self), 0);

  return self->revision;
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
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UNICAST:
      g_value_set_uint (value, self->unicast);
      break;
    case PROP_ELEMENT_COUNT:
      g_value_set_uint (value, self->element_count);
      break;
    case PROP_CID:
      g_value_set_int (value, self->cid);
      break;
    case PROP_PID:
      g_value_set_int (value, self->pid);
      break;
    case PROP_VID:
      g_value_set_int (value, self->vid);
      break;
    case PROP_CRPL:
      g_value_set_int (value, self->crpl);
      break;
    case PROP_RELAY:
      g_value_set_enum (value, self->relay);
      break;
    case PROP_PROXY:
      g_value_set_enum (value, self->proxy);
      break;
    case PROP_FRIEND:
      g_value_set_enum (value, self->friend_);
      break;
    case PROP_LOW_POWER:
      g_value_set_enum (value, self->low_power);
      break;
    case PROP_EXCLUDED:
      g_value_set_boolean (value, self->excluded);
      break;
    case PROP_CONFIG_COMPLETE:
      g_value_set_boolean (value, self->config_complete);
      break;
    case PROP_SECURITY:
      g_value_set_enum (value, self->security);
      break;
    case PROP_SECURE_NETWORK_BEACON:
      g_value_set_int (value, self->secure_network_beacon);
      break;
    case PROP_DEFAULT_TTL:
      g_value_set_int (value, self->default_ttl);
      break;
    case PROP_NETWORK_TRANSMIT:
      g_value_set_boxed (value, mesh_node_get_network_transmit (self));
      break;
    case PROP_RELAY_RETRANSMIT:
      g_value_set_boxed (value, mesh_node_get_relay_retransmit (self));
      break;
    case PROP_HEARTBEAT_PUBLICATION:
      g_value_set_boxed (value, self->heartbeat_publication);
      break;
    case PROP_HEARTBEAT_SUBSCRIPTION:
      g_value_set_boxed (value, self->heartbeat_subscription);
      break;
    case PROP_NET_KEYS:
      g_value_take_boxed (value, keys_to_array (self->net_keys, self->n_net_keys));
      break;
    case PROP_APP_KEYS:
      g_value_take_boxed (value, keys_to_array (self->app_keys, self->n_app_keys));
      break;
    case PROP_ELEMENTS_LOADED:
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
    case PROP_UUID:
      if (g_value_get_string (value) != NULL)
        mesh_node_set_uuid (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      mesh_node_set_name (self, g_value_get_string (value));
      break;
    case PROP_UNICAST:
      mesh_node_set_unicast (self, g_value_get_uint (value));
      break;
    case PROP_ELEMENT_COUNT:
      mesh_node_set_element_count (self, g_value_get_uint (value));
      break;
    case PROP_CID:
      mesh_node_set_cid (self, g_value_get_int (value));
      break;
    case PROP_PID:
      mesh_node_set_pid (self, g_value_get_int (value));
      break;
    case PROP_VID:
      mesh_node_set_vid (self, g_value_get_int (value));
      break;
    case PROP_CRPL:
      mesh_node_set_crpl (self, g_value_get_int (value));
      break;
    case PROP_RELAY:
      mesh_node_set_relay (self, g_value_get_enum (value));
      break;
    case PROP_PROXY:
      mesh_node_set_proxy (self, g_value_get_enum (value));
      break;
    case PROP_FRIEND:
      mesh_node_set_friend (self, g_value_get_enum (value));
      break;
    case PROP_LOW_POWER:
      mesh_node_set_low_power (self, g_value_get_enum (value));
      break;
    case PROP_EXCLUDED:
      mesh_node_set_excluded (self, g_value_get_boolean (value));
      break;
    case PROP_CONFIG_COMPLETE:
      mesh_node_set_config_complete (self, g_value_get_boolean (value));
      break;
    case PROP_SECURITY:
      mesh_node_set_security (self, g_value_get_enum (value));
      break;
    case PROP_SECURE_NETWORK_BEACON:
      mesh_node_set_secure_network_beacon (self, g_value_get_int (value));
      break;
    case PROP_DEFAULT_TTL:
      mesh_node_set_default_ttl (self, g_value_get_int (value));
      break;
    case PROP_NETWORK_TRANSMIT:
      mesh_node_set_network_transmit (self, g_value_get_boxed (value));
      break;
    case PROP_RELAY_RETRANSMIT:
      mesh_node_set_relay_retransmit (self, g_value_get_boxed (value));
      break;
    case PROP_HEARTBEAT_PUBLICATION:
      mesh_node_set_heartbeat_publication (self, g_value_get_boxed (value));
      break;
    case PROP_HEARTBEAT_SUBSCRIPTION:
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

  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_UNICAST] = g_param_spec_uint ("unicast", NULL, NULL, 0, 0x7FFF, 0, rw);
  properties[PROP_ELEMENT_COUNT] = g_param_spec_uint ("element-count", NULL, NULL, 0, 0xFF, 0, rw);
  properties[PROP_CID] = g_param_spec_int ("cid", NULL, NULL, -1, 0xFFFF, -1, rw);
  properties[PROP_PID] = g_param_spec_int ("pid", NULL, NULL, -1, 0xFFFF, -1, rw);
  properties[PROP_VID] = g_param_spec_int ("vid", NULL, NULL, -1, 0xFFFF, -1, rw);
  properties[PROP_CRPL] = g_param_spec_int ("crpl", NULL, NULL, -1, 0xFFFF, -1, rw);
  properties[PROP_RELAY] = g_param_spec_enum ("relay", NULL, NULL, MESH_TYPE_FEATURE_STATE, MESH_FEATURE_STATE_UNKNOWN, rw);
  properties[PROP_PROXY] = g_param_spec_enum ("proxy", NULL, NULL, MESH_TYPE_FEATURE_STATE, MESH_FEATURE_STATE_UNKNOWN, rw);
  properties[PROP_FRIEND] = g_param_spec_enum ("friend", NULL, NULL, MESH_TYPE_FEATURE_STATE, MESH_FEATURE_STATE_UNKNOWN, rw);
  properties[PROP_LOW_POWER] = g_param_spec_enum ("low-power", NULL, NULL, MESH_TYPE_FEATURE_STATE, MESH_FEATURE_STATE_UNKNOWN, rw);
  properties[PROP_EXCLUDED] = g_param_spec_boolean ("excluded", NULL, NULL, FALSE, rw);
  properties[PROP_CONFIG_COMPLETE] = g_param_spec_boolean ("config-complete", NULL, NULL, FALSE, rw);
  properties[PROP_SECURITY] = g_param_spec_enum ("security", NULL, NULL, MESH_TYPE_SECURITY, MESH_SECURITY_SECURE, rw);
  properties[PROP_SECURE_NETWORK_BEACON] = g_param_spec_int ("secure-network-beacon", NULL, NULL, -1, 1, -1, rw);
  properties[PROP_DEFAULT_TTL] = g_param_spec_int ("default-ttl", NULL, NULL, -1, 0x7F, -1, rw);
  properties[PROP_NETWORK_TRANSMIT] = g_param_spec_boxed ("network-transmit", NULL, NULL, MESH_TYPE_TRANSMIT, rw);
  properties[PROP_RELAY_RETRANSMIT] = g_param_spec_boxed ("relay-retransmit", NULL, NULL, MESH_TYPE_TRANSMIT, rw);
  properties[PROP_HEARTBEAT_PUBLICATION] = g_param_spec_boxed ("heartbeat-publication", NULL, NULL, MESH_TYPE_HEARTBEAT_PUBLICATION, rw);
  properties[PROP_HEARTBEAT_SUBSCRIPTION] = g_param_spec_boxed ("heartbeat-subscription", NULL, NULL, MESH_TYPE_HEARTBEAT_SUBSCRIPTION, rw);
  /* GArrays of MeshNodeKey (copies); change them with the functions. */
  properties[PROP_NET_KEYS] = g_param_spec_boxed ("net-keys", NULL, NULL, G_TYPE_ARRAY, ro);
  properties[PROP_APP_KEYS] = g_param_spec_boxed ("app-keys", NULL, NULL, G_TYPE_ARRAY, ro);
  properties[PROP_ELEMENTS_LOADED] = g_param_spec_boolean ("elements-loaded", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
