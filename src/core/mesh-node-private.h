/* mesh-node-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-node.h"

G_BEGIN_DECLS

/* What the files of MeshNode share (mesh-node.c has the type, the
 * properties and the identity; mesh-node-config.c the configuration state;
 * mesh-node-keys.c the keys; mesh-node-elements.c the elements): the
 * struct, the properties and their notification. The struct and the calls
 * below are also for the store and the network. */

typedef enum
{
  MESH_NODE_PROP_0,
  MESH_NODE_PROP_UUID,
  MESH_NODE_PROP_NAME,
  MESH_NODE_PROP_UNICAST,
  MESH_NODE_PROP_ELEMENT_COUNT,
  MESH_NODE_PROP_CID,
  MESH_NODE_PROP_PID,
  MESH_NODE_PROP_VID,
  MESH_NODE_PROP_CRPL,
  MESH_NODE_PROP_RELAY,
  MESH_NODE_PROP_PROXY,
  MESH_NODE_PROP_FRIEND,
  MESH_NODE_PROP_LOW_POWER,
  MESH_NODE_PROP_EXCLUDED,
  MESH_NODE_PROP_CONFIG_COMPLETE,
  MESH_NODE_PROP_SECURITY,
  MESH_NODE_PROP_SECURE_NETWORK_BEACON,
  MESH_NODE_PROP_DEFAULT_TTL,
  MESH_NODE_PROP_NETWORK_TRANSMIT,
  MESH_NODE_PROP_RELAY_RETRANSMIT,
  MESH_NODE_PROP_HEARTBEAT_PUBLICATION,
  MESH_NODE_PROP_HEARTBEAT_SUBSCRIPTION,
  MESH_NODE_PROP_NET_KEYS,
  MESH_NODE_PROP_APP_KEYS,
  MESH_NODE_PROP_ELEMENTS_LOADED,
  MESH_NODE_N_PROPS
} MeshNodeProp;

/* Kept small: a network may hold 32,767 of these. */
struct _MeshNode
{
  GObject                    parent_instance;

  MeshNetwork               *network;  /* not owned */
  gint64                     id;
  guint                      revision;  /* see mesh_node_get_revision() */

  char                      *uuid;
  char                      *name;
  GListStore                *elements;  /* created on first use */
  MeshNodeKey               *net_keys;
  MeshNodeKey               *app_keys;
  MeshHeartbeatPublication  *heartbeat_publication;
  MeshHeartbeatSubscription *heartbeat_subscription;

  gint32                     cid;   /* -1: unknown */
  gint32                     pid;
  gint32                     vid;
  gint32                     crpl;
  guint16                    unicast;
  guint16                    n_net_keys;
  guint16                    n_app_keys;
  guint8                     element_count;
  gint8                      default_ttl;            /* -1: unknown */
  gint8                      secure_network_beacon;  /* -1: unknown */
  guint8                     relay;      /* MeshFeatureState */
  guint8                     proxy;
  guint8                     friend_;
  guint8                     low_power;
  guint8                     security;   /* MeshSecurity */
  MeshTransmit               network_transmit;
  MeshTransmit               relay_retransmit;
  guint                      has_network_transmit : 1;
  guint                      has_relay_retransmit : 1;
  guint                      excluded : 1;
  guint                      config_complete : 1;
  guint                      elements_loaded : 1;
  guint                      elements_loading : 1;
};

/* A copy for the worker; with @with_elements, copies of the elements and
 * models too (only meaningful when they are loaded). */
MeshNode *mesh_node_clone               (MeshNode  *self,
                                         gboolean   with_elements);
/* Hands loaded elements to the node (main context). */
void      mesh_node_take_elements       (MeshNode  *self,
                                         GPtrArray *elements);
void      mesh_node_set_elements_loaded (MeshNode  *self,
                                         gboolean   loaded);
/* Counts a change (see mesh_node_get_revision()) and notifies @prop. */
void      mesh_node_notify              (MeshNode     *self,
                                         MeshNodeProp  prop);

G_END_DECLS
