/* mesh-test-controller.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-network-controller.h"

G_BEGIN_DECLS

#define MESH_TYPE_TEST_CONTROLLER (mesh_test_controller_get_type ())

G_DECLARE_FINAL_TYPE (MeshTestController, mesh_test_controller, MESH, TEST_CONTROLLER, GObject)

/* A MeshNetworkController without a network: each operation answers after
 * @delay_ms as a node would, writing the new state to the model objects
 * and the store; or fails with the error given to _fail_next(). It records
 * the operations it was asked for ("bind-app-key 0", ...). It refuses to
 * delete a NetKey as the session does (mesh_network_controller_can_delete_net_key()). */
MeshTestController *mesh_test_controller_new        (MeshStore          *store,
                                                     guint               delay_ms);
void                mesh_test_controller_fail_next  (MeshTestController *self,
                                                     const char         *message);
/* The operations so far, one string each, oldest first. */
GPtrArray          *mesh_test_controller_get_calls  (MeshTestController *self);
gboolean            mesh_test_controller_get_onoff  (MeshTestController *self);

G_END_DECLS
