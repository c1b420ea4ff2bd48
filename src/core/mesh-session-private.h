/* mesh-session-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-session.h"

G_BEGIN_DECLS

/* Shared by mesh-session.c (store, network, daemon), mesh-session-keys.c
 * (AppKeys), mesh-session-import.c (import into meshd),
 * mesh-session-nodes.c (removing nodes) and mesh-session-reconcile.c. */
struct _MeshSession
{
  GObject              parent_instance;

  MeshStore           *store;
  MeshDaemon          *daemon;
  MeshScanner         *scanner;
  GCancellable        *cancellable;

  /* The open network and what works on it. */
  MeshNetwork         *network;
  MeshConfigEngine    *engine;
  MeshProvisioning    *provisioning;
  MeshReconcileReport *report;
  gboolean             reconciling;
  gboolean             reconcile_again;
  GPtrArray           *reconcile_waiters;  /* GTask */
};

/* Random bytes from the kernel (keys, UUIDs). */
GBytes    *mesh_session_random_bytes     (gsize        size,
                                          GError     **error);
/* Sets up the engine and the provisioning queue for @network (loaded). */
void       mesh_session_set_network      (MeshSession *self,
                                          MeshNetwork *network);
/* Our own node as bluetooth-meshd makes it (one element, the models of
 * mesh-daemon-app.c), on NetKey @net_index. */
MeshNode  *mesh_session_build_own_node   (const char  *uuid,
                                          guint16      unicast,
                                          guint16      net_index);
/* This computer as a provisioner of a network, with no ranges yet. */
MeshProvisioner *mesh_session_new_own_provisioner (const char *uuid);
/* Our element 0's client models that take AppKeys. */
extern const guint16 mesh_session_bindable_models[];
extern const gsize   mesh_session_n_bindable_models;

/* mesh-session-keys.c: adds AppKey @index to our own node and binds our
 * client models to it (through the engine). */
void       mesh_session_add_key_to_own_node_async  (MeshSession         *self,
                                                    guint16              app_index,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean   mesh_session_add_key_to_own_node_finish (MeshSession         *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* mesh-session-reconcile.c */
void       mesh_session_start_reconcile  (MeshSession         *self);
/* mesh-session.c: takes @report, notifies "reconcile-report". */
void       mesh_session_set_report       (MeshSession         *self,
                                          MeshReconcileReport *report);

G_END_DECLS
