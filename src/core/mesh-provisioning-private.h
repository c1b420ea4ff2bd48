/* mesh-provisioning-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-provisioning-journal.h"
#include "mesh-provisioning.h"

G_BEGIN_DECLS

typedef struct
{
  guint16 unicast;
  guint   count;
} MeshReservation;

struct _MeshProvisioning
{
  GObject                  parent_instance;

  MeshDaemon              *daemon;
  MeshStore               *store;
  MeshNetwork             *network;
  MeshConfigEngine        *engine;
  MeshScanner             *scanner;
  MeshProvisioningJournal *journal;
  GCancellable            *cancellable;

  GListStore              *requests;      /* not finished yet */
  MeshProvisionRequest    *current;       /* the one meshd runs */
  gboolean                 current_cancelled;
  gboolean                 resetting;     /* waiting for the connection drop */
  guint                    timeout_source;
  GArray                  *reserved;      /* MeshReservation: handed out, not stored */

  guint                    timeout_ms;
  gboolean                 fetch_composition;
};

/* mesh-provisioning.c */
/* Takes the request out of the list and ends it. */
void                     mesh_provisioning_finish_request  (MeshProvisioning     *self,
                                                            MeshProvisionRequest *request,
                                                            const GError         *error);
/* Stops meshd's provisioning of the current request (by dropping our
 * connection) and ends the request with @error. */
void                     mesh_provisioning_abort_current   (MeshProvisioning     *self,
                                                            const GError         *error);

/* mesh-provisioning-data.c: the new node's subnet and addresses. */
/* The subnet a device provisioned through @server (NULL: our radio)
 * joins: @net_index, or the one picked for MESH_PROVISIONING_ANY_NET_INDEX;
 * FALSE with @error when it cannot. */
gboolean                 mesh_provisioning_choose_net_index (MeshProvisioning    *self,
                                                             MeshNode            *server,
                                                             guint16              net_index,
                                                             guint16             *chosen,
                                                             GError             **error);
/* meshd's RequestProvData (mesh_daemon_set_prov_data_func()). */
void                     mesh_provisioning_prov_data_func  (MeshDaemon           *daemon,
                                                            guint                 count,
                                                            GTask                *task,
                                                            gpointer              user_data);
/* The addresses handed out at @unicast are no longer reserved. */
void                     mesh_provisioning_release         (MeshProvisioning     *self,
                                                            guint16               unicast);

/* mesh-provisioning-store.c: stores the node meshd provisioned. */
void                     mesh_provisioning_store_node      (MeshProvisioning     *self,
                                                            MeshProvisionRequest *request,
                                                            guint16               unicast,
                                                            guint                 count);

/* For reconciliation. */

/* Whether @unicast was handed to a provisioning whose node is not stored
 * yet (reconciliation leaves it to that provisioning). */
gboolean                 mesh_provisioning_is_reserved   (MeshProvisioning *self,
                                                          guint16           unicast);
MeshProvisioningJournal *mesh_provisioning_get_journal   (MeshProvisioning *self);

G_END_DECLS
