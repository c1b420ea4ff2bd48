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
void                     mesh_provisioning_release         (MeshProvisioning     *self,
                                                            guint16               unicast);
/* Takes the request out of the list and ends it. */
void                     mesh_provisioning_finish_request  (MeshProvisioning     *self,
                                                            MeshProvisionRequest *request,
                                                            const GError         *error);

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
