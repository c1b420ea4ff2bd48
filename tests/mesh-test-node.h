/* mesh-test-node.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-transport.h"

G_BEGIN_DECLS

/* A simulated node for MeshTestTransport: it parses the messages sent to
 * it and answers as a Configuration Server and a Generic OnOff/Level
 * Server would (Mesh Protocol and Mesh Model specifications), keeping its
 * keys, bindings, subscriptions, publications and states.
 *
 * Element 0 has the Configuration Server (0x0000), Generic OnOff Server
 * (0x1000), Generic Level Server (0x1002) and the vendor model
 * 0x05f1:0x0001; elements 1.. a Generic OnOff Server. Its composition says
 * CID 0x05f1, PID 0x0001, VID 0x0002, CRPL 0x0020 and supports relay and
 * proxy (not friend or low power). */

typedef struct
{
  guint16     unicast;
  guint       n_elements;
  GHashTable *app_keys;       /* index → GBytes */
  GHashTable *bindings;       /* model key → GArray of guint16 */
  GHashTable *subscriptions;  /* model key → GArray of guint16 */
  GHashTable *publications;   /* model key → GBytes: the 7 octets after the element address */
  guint8      default_ttl;
  guint8      relay;
  guint8      relay_retransmit;
  guint8      proxy;
  guint8      beacon;
  guint8      network_transmit;
  gboolean   *onoff;
  gint16      level;

  /* How the transport treats it */
  gboolean    silent;
  gboolean    reset;
  guint       drop_next;
  GQueue      canned;         /* GBytes answering the next requests */
} MeshTestNode;

MeshTestNode *mesh_test_node_new    (guint16           unicast,
                                     guint             n_elements);
void          mesh_test_node_free   (MeshTestNode     *node);
/* What the node answers to @message sent to @destination (one of its
 * element addresses), or NULL. */
GBytes       *mesh_test_node_answer (MeshTestNode     *node,
                                     MeshTransportKey  key,
                                     guint16           key_index,
                                     guint16           destination,
                                     GBytes           *message);

G_END_DECLS
