/* mesh-provision-request-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-provision-request.h"

G_BEGIN_DECLS

typedef void (*MeshProvisionCancelFunc) (MeshProvisionRequest *request,
                                         gpointer              user_data);

/* For MeshProvisioning, which drives the request. */
MeshProvisionRequest *mesh_provision_request_new              (GBytes                  *uuid,
                                                               GBytes                  *static_key,
                                                               MeshProvisionCancelFunc  cancel_func,
                                                               gpointer                 cancel_data);
GBytes               *mesh_provision_request_get_static_key   (MeshProvisionRequest    *self);
void                  mesh_provision_request_set_server       (MeshProvisionRequest    *self,
                                                               guint16                  server);
void                  mesh_provision_request_set_net_index    (MeshProvisionRequest    *self,
                                                               guint16                  net_index);
void                  mesh_provision_request_set_step         (MeshProvisionRequest    *self,
                                                               MeshProvisionStep        step);
void                  mesh_provision_request_set_oob_request  (MeshProvisionRequest    *self,
                                                               MeshOobRequest          *request);
/* Whether an OOB value went to meshd during this provisioning. */
gboolean              mesh_provision_request_get_authenticated (MeshProvisionRequest   *self);
void                  mesh_provision_request_set_authenticated (MeshProvisionRequest   *self);
void                  mesh_provision_request_set_address      (MeshProvisionRequest    *self,
                                                               guint16                  unicast,
                                                               guint                    count);
void                  mesh_provision_request_mark_started     (MeshProvisionRequest    *self);
void                  mesh_provision_request_mark_completed   (MeshProvisionRequest    *self);
void                  mesh_provision_request_mark_stored      (MeshProvisionRequest    *self,
                                                               MeshNode                *node);
void                  mesh_provision_request_set_composition_error (MeshProvisionRequest *self,
                                                                    const GError         *error);
/* Ends the request: DONE with the node (error NULL), FAILED, or CANCELLED
 * (a G_IO_ERROR_CANCELLED error), and completes the waiters. */
void                  mesh_provision_request_finish           (MeshProvisionRequest    *self,
                                                               const GError            *error);
/* The provisioning no longer drives it (cancel does nothing then). */
void                  mesh_provision_request_detach           (MeshProvisionRequest    *self);

G_END_DECLS
