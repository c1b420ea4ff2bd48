/* mesh-provision-request.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-node.h"
#include "mesh-oob-request.h"

G_BEGIN_DECLS

#define MESH_TYPE_PROVISION_REQUEST (mesh_provision_request_get_type ())
#define MESH_TYPE_PROVISION_STEP    (mesh_provision_step_get_type ())

/**
 * MeshProvisionStep:
 * @MESH_PROVISION_STEP_QUEUED: waiting for the provisionings before it
 *   (bluetooth-meshd 5.66 runs one at a time)
 * @MESH_PROVISION_STEP_LINK: AddNode is sent: meshd reads the agent's
 *   capabilities and opens the PB-ADV link
 * @MESH_PROVISION_STEP_EXCHANGE: meshd accepted AddNode: invitation,
 *   capabilities, start and public keys go over the link. meshd reports
 *   nothing in between, so these are one step here.
 * @MESH_PROVISION_STEP_AUTHENTICATION: the agent was asked for an OOB
 *   value (only with OOB: without it meshd gives no sign of this step)
 * @MESH_PROVISION_STEP_DATA: meshd asked for the address
 *   (RequestProvData): the device is authenticated, the provisioning data
 *   is being sent
 * @MESH_PROVISION_STEP_STORING: AddNodeComplete: the device key goes to the
 *   keyring and the node to the database
 * @MESH_PROVISION_STEP_COMPOSITION: the node is stored; its Composition
 *   Data page 0 is being read
 * @MESH_PROVISION_STEP_DONE: the node is provisioned and stored
 * @MESH_PROVISION_STEP_FAILED: see "error"; the device is still
 *   unprovisioned and can be tried again
 * @MESH_PROVISION_STEP_CANCELLED: cancelled; the device is still
 *   unprovisioned
 *
 * The progress of a provisioning as far as bluetooth-meshd 5.66 shows it.
 */
typedef enum
{
  MESH_PROVISION_STEP_QUEUED,
  MESH_PROVISION_STEP_LINK,
  MESH_PROVISION_STEP_EXCHANGE,
  MESH_PROVISION_STEP_AUTHENTICATION,
  MESH_PROVISION_STEP_DATA,
  MESH_PROVISION_STEP_STORING,
  MESH_PROVISION_STEP_COMPOSITION,
  MESH_PROVISION_STEP_DONE,
  MESH_PROVISION_STEP_FAILED,
  MESH_PROVISION_STEP_CANCELLED,
} MeshProvisionStep;

GType mesh_provision_step_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (MeshProvisionRequest, mesh_provision_request, MESH, PROVISION_REQUEST, GObject)

/* One device to provision, made by mesh_provisioning_enqueue(). Its
 * properties notify as it goes: "step", "oob-request" (the pending OOB
 * request the UI should show, NULL when none), "unicast" and
 * "element-count" (from RequestProvData), "node" (once stored), "error".
 *
 * A node whose Composition Data could not be read is still provisioned and
 * stored (DONE): "composition-error" says why; read it again later with
 * the configuration engine. */
GBytes            *mesh_provision_request_get_uuid              (MeshProvisionRequest *self);
const char        *mesh_provision_request_get_uuid_string       (MeshProvisionRequest *self);
/* The node whose Remote Provisioning Server reaches the device, 0 when
 * the device is provisioned over our own radio. */
guint16            mesh_provision_request_get_server            (MeshProvisionRequest *self);
/* The NetKey index of the subnet the device joins. */
guint16            mesh_provision_request_get_net_index         (MeshProvisionRequest *self);
MeshProvisionStep  mesh_provision_request_get_step              (MeshProvisionRequest *self);
gboolean           mesh_provision_request_is_finished           (MeshProvisionRequest *self);
/* A short sentence for the step, e.g. "Waiting for the device’s
 * authentication value". */
const char        *mesh_provision_request_get_step_description  (MeshProvisionRequest *self);
MeshOobRequest    *mesh_provision_request_get_oob_request       (MeshProvisionRequest *self);
guint16            mesh_provision_request_get_unicast           (MeshProvisionRequest *self);
guint              mesh_provision_request_get_element_count     (MeshProvisionRequest *self);
MeshNode          *mesh_provision_request_get_node              (MeshProvisionRequest *self);
const GError      *mesh_provision_request_get_error             (MeshProvisionRequest *self);
const GError      *mesh_provision_request_get_composition_error (MeshProvisionRequest *self);

/* Timing, in microseconds (0 until known): from AddNode to AddNodeComplete
 * as seen on D-Bus ("the daemon's time"), and from AddNode to the node
 * being stored, without and with reading the composition. */
gint64             mesh_provision_request_get_daemon_time       (MeshProvisionRequest *self);
gint64             mesh_provision_request_get_stored_time       (MeshProvisionRequest *self);
gint64             mesh_provision_request_get_total_time        (MeshProvisionRequest *self);

/* Cancels it. Queued: it leaves the queue. With an OOB prompt pending:
 * meshd is told no and fails the provisioning. Otherwise, since
 * bluetooth-meshd 5.66 has no call to cancel AddNode, the client drops
 * its bus connection (meshd then abandons the link) and re-attaches
 * (mesh_daemon_abort_provisioning()). Once AddNodeComplete has come the
 * node is provisioned: cancelling does nothing any more, the node is
 * stored and its composition read (nothing is lost). */
void               mesh_provision_request_cancel                (MeshProvisionRequest *self);

/* Completes when the request has finished: the new MeshNode, or the error
 * (MESH_ERROR_PROVISIONING_FAILED, TIMED_OUT, ...; G_IO_ERROR_CANCELLED
 * when cancelled). */
void               mesh_provision_request_wait_async            (MeshProvisionRequest *self,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
MeshNode          *mesh_provision_request_wait_finish           (MeshProvisionRequest *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);

G_END_DECLS
