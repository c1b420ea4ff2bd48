/* mesh-test-transport.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-transport.h"

G_BEGIN_DECLS

/* An in-process MeshTransport for unit tests of the configuration engine:
 * a test double of the project's own interface whose simulated nodes
 * (mesh-test-node.h) answer the way a node would. The nodes parse the bytes
 * the engine sends, so what reaches them went through the real wire-format
 * layer; tests read those bytes back with mesh_test_transport_get_sent().
 * Answers arrive after the send has completed, from an idle, unless held. */

#define MESH_TYPE_TEST_TRANSPORT (mesh_test_transport_get_type ())

G_DECLARE_FINAL_TYPE (MeshTestTransport, mesh_test_transport, MESH, TEST_TRANSPORT, GObject)

typedef struct
{
  MeshTransportKey  key;
  guint16           key_index;
  guint16           destination;
  GBytes           *message;
} MeshTestSent;

MeshTestTransport *mesh_test_transport_new            (void);
void               mesh_test_transport_add_node       (MeshTestTransport *self,
                                                       guint16            unicast,
                                                       guint              n_elements);

/* Behaviour */
/* A silent node answers nothing (out of range). */
void               mesh_test_transport_set_silent     (MeshTestTransport *self,
                                                       guint16            unicast,
                                                       gboolean           silent);
/* The node misses its next @count requests. */
void               mesh_test_transport_drop_next      (MeshTestTransport *self,
                                                       guint16            unicast,
                                                       guint              count);
/* The node answers its next request with @reply instead (nodes answer in
 * the order replies were pushed). */
void               mesh_test_transport_push_reply     (MeshTestTransport *self,
                                                       guint16            unicast,
                                                       GBytes            *reply);
/* Each answer is sent twice. */
void               mesh_test_transport_set_duplicate  (MeshTestTransport *self,
                                                       gboolean           duplicate);
/* Answers wait until released (the node has acted already). */
void               mesh_test_transport_set_hold       (MeshTestTransport *self,
                                                       gboolean           hold);
guint              mesh_test_transport_get_n_held     (MeshTestTransport *self);
/* The destination of the held answer @index. */
guint16            mesh_test_transport_get_held_source (MeshTestTransport *self,
                                                        guint              index);
void               mesh_test_transport_release        (MeshTestTransport *self,
                                                       guint              index);
/* Sends fail with G_IO_ERROR_FAILED (the daemon refused). */
void               mesh_test_transport_set_fail_sends (MeshTestTransport *self,
                                                       gboolean           fail);

/* What was sent, oldest first: MeshTestSent. */
GPtrArray         *mesh_test_transport_get_sent       (MeshTestTransport *self);
guint              mesh_test_transport_count_sent     (MeshTestTransport *self,
                                                       guint16            destination);
void               mesh_test_transport_clear_sent     (MeshTestTransport *self);

/* The simulated node's state. */
gboolean           mesh_test_transport_get_onoff      (MeshTestTransport *self,
                                                       guint16            element_address);
gboolean           mesh_test_transport_has_app_key    (MeshTestTransport *self,
                                                       guint16            unicast,
                                                       guint16            app_key_index);
gboolean           mesh_test_transport_is_reset       (MeshTestTransport *self,
                                                       guint16            unicast);

G_END_DECLS
