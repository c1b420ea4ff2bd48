/* mesh-scanner.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-daemon.h"
#include "mesh-scanned-device.h"

G_BEGIN_DECLS

#define MESH_TYPE_SCANNER (mesh_scanner_get_type ())

G_DECLARE_FINAL_TYPE (MeshScanner, mesh_scanner, MESH, SCANNER, GObject)

/* The unprovisioned devices nearby: a live GListModel of
 * MeshScannedDevice, in the order they were first heard.
 *
 * While "active", the scanner keeps meshd's UnprovisionedScan running
 * whenever the node is attached (also after meshd restarted). meshd 5.66
 * reports a UUID once (again only with a higher RSSI) as long as it is the
 * last one it reported, so the scanner re-arms the scan every
 * "rearm-interval" ms: devices stay fresh and those that stop beaconing
 * ("device-timeout" ms without a beacon) leave the list. Repeated results
 * for one UUID are folded into one entry.
 *
 * Provisioning stops meshd's scan (AddNode cancels it): MeshProvisioning
 * calls mesh_scanner_inhibit() around each AddNode and the scan resumes
 * after; devices do not age while inhibited.
 *
 * Remote scanning: with a node's unicast address as "remote-server"
 * (mesh_scanner_set_remote_server()), the scanner also scans through that
 * node's Remote Provisioning Server
 * (bluetooth-meshd 5.67 and newer; with 5.66 "error-message" says it
 * cannot), re-armed with the local scan. MeshScannedDevice's "via" says
 * which server heard a device. */
MeshScanner       *mesh_scanner_new                 (MeshDaemon   *daemon);

void               mesh_scanner_start               (MeshScanner  *self);
void               mesh_scanner_stop                (MeshScanner  *self);
/* Whether scanning is wanted ("active") and whether meshd is scanning
 * right now ("scanning"). */
gboolean           mesh_scanner_get_active          (MeshScanner  *self);
gboolean           mesh_scanner_get_scanning        (MeshScanner  *self);
/* A sentence when the scan could not be started, else NULL. */
const char        *mesh_scanner_get_error_message   (MeshScanner  *self);

guint              mesh_scanner_get_device_timeout  (MeshScanner  *self);
void               mesh_scanner_set_device_timeout  (MeshScanner  *self,
                                                     guint         timeout_ms);
guint              mesh_scanner_get_rearm_interval  (MeshScanner  *self);
void               mesh_scanner_set_rearm_interval  (MeshScanner  *self,
                                                     guint         interval_ms);

guint16            mesh_scanner_get_remote_server   (MeshScanner  *self);
guint16            mesh_scanner_get_remote_net_index (MeshScanner *self);
/* @server: 0 for our own radio only; @net_index: the NetKey index of the
 * subnet the server is reached over (mesh_node_get_reach_net_index()). */
void               mesh_scanner_set_remote_server   (MeshScanner  *self,
                                                     guint16       server,
                                                     guint16       net_index);
MeshScannedDevice *mesh_scanner_find                (MeshScanner  *self,
                                                     GBytes       *uuid);
/* Drops a device from the list (it was provisioned). */
void               mesh_scanner_forget              (MeshScanner  *self,
                                                     GBytes       *uuid);
void               mesh_scanner_clear               (MeshScanner  *self);

/* Nested: the scan pauses while at least one inhibit is held. */
void               mesh_scanner_inhibit             (MeshScanner  *self);
void               mesh_scanner_uninhibit           (MeshScanner  *self);

G_END_DECLS
