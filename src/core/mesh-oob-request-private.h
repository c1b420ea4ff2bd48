/* mesh-oob-request-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-oob-request.h"

G_BEGIN_DECLS

/* For MeshDaemon's agent: a request answering @invocation (a prompt) or
 * already answered (a display request, @invocation NULL). */
MeshOobRequest *mesh_oob_request_new   (MeshOobKind            kind,
                                        MeshOobAction          action,
                                        guint32                number,
                                        const char            *text,
                                        GDBusMethodInvocation *invocation);
/* meshd withdrew it, or the provisioning ended: answers a pending prompt
 * with an error and turns ABORTED. */
void            mesh_oob_request_abort (MeshOobRequest        *self);

G_END_DECLS
