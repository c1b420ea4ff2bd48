/* mesh-session-test-utils.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-session.h"

G_BEGIN_DECLS

/* Helpers of the session tests that run in the mesh lab (as mesh-lab's
 * COMMAND, under session-run for the keyring). */

/* @real_ms of meshd's time, in the lab's warped time: divided by
 * MESH_LAB_TIMEWARP, times 3, at least 5 s. */
guint        mesh_session_test_timeout        (guint              real_ms);
/* Iterates the main context until @condition (@data) holds; fails the test
 * after @timeout_ms. */
void         mesh_session_test_wait_for       (gboolean         (*condition) (gpointer data),
                                               gpointer           data,
                                               guint              timeout_ms,
                                               const char        *what);
void         mesh_session_test_sleep          (guint              ms);

MeshSession *mesh_session_test_open           (const char        *db_path);
void         mesh_session_test_wait_attached  (MeshSession       *session);
MeshNetwork *mesh_session_test_create_network (MeshSession       *session,
                                               const char        *name);
/* Waits until the scanner lists @uuid, returns the entry. */
gpointer     mesh_session_test_wait_scanned   (MeshSession       *session,
                                               GBytes            *uuid);
/* Enqueues and waits: the node, or NULL with @error. */
MeshNode    *mesh_session_test_provision      (MeshSession       *session,
                                               GBytes            *uuid,
                                               GBytes            *static_key,
                                               GError           **error);
/* The same through the Remote Provisioning Server of node @server (0:
 * our own radio), into the subnet of NetKey @net_index
 * (MESH_PROVISIONING_ANY_NET_INDEX: the one the provisioning picks). */
MeshNode    *mesh_session_test_provision_through (MeshSession    *session,
                                                  GBytes         *uuid,
                                                  GBytes         *static_key,
                                                  guint16         server,
                                                  guint16         net_index,
                                                  GError        **error);
/* Loads the node's elements (from the database). */
void         mesh_session_test_load_elements  (MeshSession       *session,
                                               MeshNode          *node);
/* Checks a lab virtual device's composition on @node: element 0 with
 * Generic OnOff and Level Servers and the vendor model, element 1 with a
 * Generic OnOff Server. */
void         mesh_session_test_check_lab_composition (MeshNode   *node,
                                                      guint16     company_id);
GBytes      *mesh_session_test_lookup_secret  (const char        *network_uuid,
                                               int                kind,
                                               guint              index);
/* Fails if any of @keys (raw or hex) is in the database file or its WAL. */
void         mesh_session_test_assert_no_keys_in_db (const char  *db_path,
                                                     GPtrArray   *keys);

/* The lab's control interface. */
GDBusConnection *mesh_session_test_lab_bus    (void);
/* Device @index's UUID (and static key, if it has one). */
GBytes      *mesh_session_test_lab_uuid       (GDBusConnection   *bus,
                                               guint              index,
                                               GBytes           **static_key);
void         mesh_session_test_lab_call       (GDBusConnection   *bus,
                                               const char        *method,
                                               GVariant          *parameters);

G_END_DECLS
