/* mesh-provisioning.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-config-engine.h"
#include "mesh-daemon.h"
#include "mesh-provision-request.h"
#include "mesh-scanner.h"
#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_PROVISIONING (mesh_provisioning_get_type ())

G_DECLARE_FINAL_TYPE (MeshProvisioning, mesh_provisioning, MESH, PROVISIONING, GObject)

/* The provisioning queue of a network: one AddNode at a time (a second
 * one gets no answer from bluetooth-meshd 5.66, ever).
 *
 * For each request: AddNode (scan paused meanwhile); OOB prompts become
 * MeshOobRequests on the request (a static key given to enqueue answers
 * PromptStatic by itself); RequestProvData takes the lowest free unicast
 * range from OUR provisioner's ranges (mesh_network_create_allocator(),
 * NetKey index 0) and notes the request in a small journal next to the
 * database (so that reconciliation knows the Device UUID if the
 * application dies before the node is stored); AddNodeComplete: the device
 * key from Management1.ExportKeys goes to the keyring (never the
 * database), the node to the database (one store batch), then Composition
 * Data page 0 is read through the configuration engine and stored.
 *
 * AddNodeFailed, or no outcome within "timeout" ms (meshd answers a silent
 * device only after its own 60 s, and not at all in some cases), ends the
 * request with a sentence; after our own timeout the provisioning is
 * aborted in meshd (mesh_daemon_abort_provisioning()) so that the next one
 * can start. The device stays in the scanner's list and can be tried
 * again. */
MeshProvisioning     *mesh_provisioning_new          (MeshDaemon       *daemon,
                                                      MeshStore        *store,
                                                      MeshNetwork      *network,
                                                      MeshConfigEngine *engine,
                                                      MeshScanner      *scanner);

/* @uuid: 16 bytes. @static_key: 16 bytes or NULL (then PromptStatic
 * surfaces as a MeshOobRequest). Fails (NULL, MESH_ERROR_EXISTS) if the
 * device is queued already or a node with this UUID exists. */
MeshProvisionRequest *mesh_provisioning_enqueue      (MeshProvisioning *self,
                                                      GBytes           *uuid,
                                                      GBytes           *static_key,
                                                      GError          **error);
/* Any subnet: mesh_provisioning_enqueue_through() picks one. */
#define MESH_PROVISIONING_ANY_NET_INDEX 0xFFFF

/* The same, through the Remote Provisioning Server of the node at @server
 * (0: our own radio, as mesh_provisioning_enqueue()), into the subnet of
 * NetKey @net_index. Once the device is a node, relaying is turned on at
 * the server if it is not on already (the new node is probably out of our
 * reach, so the server carries its configuration), then the composition
 * is read.
 *
 * With MESH_PROVISIONING_ANY_NET_INDEX, the device joins the subnet the
 * server is reached over (mesh_node_get_reach_net_index()), or without a
 * server the primary subnet (the lowest NetKey index when the network has
 * no NetKey 0). A server must know the NetKey of the subnet: it talks to
 * the device's new address over it.
 *
 * Fails with MESH_ERROR_DAEMON_TOO_OLD when meshd has no Remote
 * Provisioning, MESH_ERROR_NOT_FOUND when @server is not a node of the
 * network or @net_index not one of its NetKeys, and
 * MESH_ERROR_INVALID_ARGUMENT when the server does not know that NetKey. */
MeshProvisionRequest *mesh_provisioning_enqueue_through (MeshProvisioning *self,
                                                         GBytes           *uuid,
                                                         GBytes           *static_key,
                                                         guint16           server,
                                                         guint16           net_index,
                                                         GError          **error);
/* GListModel of the MeshProvisionRequests not finished yet, the running one
 * first. */
GListModel           *mesh_provisioning_get_requests (MeshProvisioning *self);
MeshProvisionRequest *mesh_provisioning_get_current  (MeshProvisioning *self);

/* Milliseconds without an outcome before a provisioning is given up
 * (default 60000). */
guint                 mesh_provisioning_get_timeout  (MeshProvisioning *self);
void                  mesh_provisioning_set_timeout  (MeshProvisioning *self,
                                                      guint             timeout_ms);
/* Whether each new node's composition is read (default TRUE). */
gboolean              mesh_provisioning_get_fetch_composition (MeshProvisioning *self);
void                  mesh_provisioning_set_fetch_composition (MeshProvisioning *self,
                                                               gboolean          fetch);

/* The journal file of the network's provisionings (see above). */
char                 *mesh_provisioning_journal_path (MeshStore        *store,
                                                      MeshNetwork      *network);

G_END_DECLS
