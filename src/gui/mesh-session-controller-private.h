/* mesh-session-controller-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-session-controller.h"

G_BEGIN_DECLS

struct _MeshSessionController
{
  GObject      parent_instance;

  MeshSession *session;
};

/* TRUE, or FALSE after failing @task (whose source object is the
 * controller) when no network is open in the session. */
gboolean _mesh_session_controller_check_open       (GTask                          *task);
/* The _finish of operations that return a boolean GTask. */
gboolean _mesh_session_controller_boolean_finish   (MeshNetworkController          *controller,
                                                    GAsyncResult                   *result,
                                                    GError                        **error);

/* The key operations, in mesh-session-controller-keys.c. */
void     _mesh_session_controller_keys_iface_init  (MeshNetworkControllerInterface *iface);

G_END_DECLS
