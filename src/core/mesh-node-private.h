/* mesh-node-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-node.h"

G_BEGIN_DECLS

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

G_END_DECLS
