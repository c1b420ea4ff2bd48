/* mesh-provisioning-journal.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The provisionings that got an address and are not in the database yet,
 * in a small key file next to it: if the application stops between
 * AddNodeComplete and storing the node, reconciliation finds the node in
 * bluetooth-meshd's keys and takes its Device UUID and element count from
 * here. No key material goes into it.
 *
 * Writes are asynchronous and atomic (replace), one at a time; a caller
 * that must know its entry is on disk waits with _sync_async(). */

typedef struct _MeshProvisioningJournal MeshProvisioningJournal;

typedef struct
{
  char    *network_uuid;
  char    *uuid;         /* the Device UUID, canonical text */
  guint16  unicast;
  guint    count;
  guint16  net_index;
} MeshJournalEntry;

/* Reads the file at @path (a missing or broken file is an empty journal). */
MeshProvisioningJournal *mesh_provisioning_journal_new          (const char               *path);
void                     mesh_provisioning_journal_free         (MeshProvisioningJournal  *self);

void                     mesh_provisioning_journal_add          (MeshProvisioningJournal  *self,
                                                                 const MeshJournalEntry   *entry);
void                     mesh_provisioning_journal_remove       (MeshProvisioningJournal  *self,
                                                                 const char               *network_uuid,
                                                                 guint16                   unicast);
/* The entry of that node, or NULL. */
const MeshJournalEntry  *mesh_provisioning_journal_lookup       (MeshProvisioningJournal  *self,
                                                                 const char               *network_uuid,
                                                                 guint16                   unicast);

/* Completes once everything added or removed so far is on disk. */
void                     mesh_provisioning_journal_sync_async   (MeshProvisioningJournal  *self,
                                                                 GCancellable             *cancellable,
                                                                 GAsyncReadyCallback       callback,
                                                                 gpointer                  user_data);
gboolean                 mesh_provisioning_journal_sync_finish  (MeshProvisioningJournal  *self,
                                                                 GAsyncResult             *result,
                                                                 GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshProvisioningJournal, mesh_provisioning_journal_free)

G_END_DECLS
