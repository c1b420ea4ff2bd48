/* mesh-session-controller.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-network-controller.h"
#include "mesh-session.h"

G_BEGIN_DECLS

#define MESH_TYPE_SESSION_CONTROLLER (mesh_session_controller_get_type ())

G_DECLARE_FINAL_TYPE (MeshSessionController, mesh_session_controller, MESH, SESSION_CONTROLLER, GObject)

/* The window's MeshNetworkController on the online session: each
 * operation is a request of the session's configuration engine (which
 * writes the node's confirmed state to the store), or a session call for
 * the keys. Needs the session's network open. */
MeshSessionController *mesh_session_controller_new         (MeshSession           *session);
MeshSession           *mesh_session_controller_get_session (MeshSessionController *self);

G_END_DECLS
