/* mesh-node-config.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A node's configuration state as last confirmed: composition header,
 * features, beacon, default TTL, transmit and heartbeat settings, and
 * whether it is excluded or fully configured. */

#include "config.h"

#include "mesh-node-private.h"

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
    mesh_node_notify (self, PROP);                                      \
  }

DEFINE_INT_ACCESSORS (cid, MESH_NODE_PROP_CID, 0, 0xFFFF)
DEFINE_INT_ACCESSORS (pid, MESH_NODE_PROP_PID, 0, 0xFFFF)
DEFINE_INT_ACCESSORS (vid, MESH_NODE_PROP_VID, 0, 0xFFFF)
DEFINE_INT_ACCESSORS (crpl, MESH_NODE_PROP_CRPL, 0, 0xFFFF)
DEFINE_INT_ACCESSORS (secure_network_beacon, MESH_NODE_PROP_SECURE_NETWORK_BEACON, 0, 1)
DEFINE_INT_ACCESSORS (default_ttl, MESH_NODE_PROP_DEFAULT_TTL, 0, 0x7F)

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
    mesh_node_notify (self, PROP);                                      \
  }

DEFINE_FEATURE_ACCESSORS (relay, relay, MESH_NODE_PROP_RELAY)
DEFINE_FEATURE_ACCESSORS (proxy, proxy, MESH_NODE_PROP_PROXY)
DEFINE_FEATURE_ACCESSORS (friend, friend_, MESH_NODE_PROP_FRIEND)
DEFINE_FEATURE_ACCESSORS (low_power, low_power, MESH_NODE_PROP_LOW_POWER)

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
  mesh_node_notify (self, MESH_NODE_PROP_EXCLUDED);
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
  mesh_node_notify (self, MESH_NODE_PROP_CONFIG_COMPLETE);
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
  mesh_node_notify (self, MESH_NODE_PROP_SECURITY);
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
  mesh_node_notify (self, MESH_NODE_PROP_NETWORK_TRANSMIT);
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
  mesh_node_notify (self, MESH_NODE_PROP_RELAY_RETRANSMIT);
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
  mesh_node_notify (self, MESH_NODE_PROP_HEARTBEAT_PUBLICATION);
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
  mesh_node_notify (self, MESH_NODE_PROP_HEARTBEAT_SUBSCRIPTION);
}
