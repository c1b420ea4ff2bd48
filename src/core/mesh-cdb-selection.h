/* mesh-cdb-selection.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "mesh-cdb-document.h"

G_BEGIN_DECLS

/*
 * MeshCdbSelection chooses what a partial export shares, e.g. with a
 * guest: some NetKeys, AppKeys, nodes and groups, with or without the
 * nodes' device keys. A new selection chooses everything, device keys
 * included; the first key, node or group added of a kind limits that kind
 * to what is added.
 *
 * mesh_cdb_selection_apply() makes the partial document ("partial": true):
 *  - NetKeys: those chosen;
 *  - AppKeys: those chosen that are bound to an exported NetKey;
 *  - nodes: those chosen that know at least one exported NetKey, each
 *    cut down to the exported keys: its netKeys, appKeys, model bindings,
 *    publications with a key left out and heartbeat publication with a
 *    NetKey left out are dropped, as are subscriptions and publications to
 *    groups left out; device keys unless chosen;
 *  - groups: those chosen, a parent left out becoming "no parent";
 *  - scenes: all, with only the addresses of exported nodes;
 *  - provisioners and exclusion lists: all, so the guest knows which
 *    addresses and ranges are taken.
 */

typedef struct _MeshCdbSelection MeshCdbSelection;

#define MESH_TYPE_CDB_SELECTION (mesh_cdb_selection_get_type ())

GType             mesh_cdb_selection_get_type            (void) G_GNUC_CONST;
MeshCdbSelection *mesh_cdb_selection_new                 (void);
MeshCdbSelection *mesh_cdb_selection_ref                 (MeshCdbSelection      *self);
void              mesh_cdb_selection_unref               (MeshCdbSelection      *self);

void              mesh_cdb_selection_add_net_key         (MeshCdbSelection      *self,
                                                          guint16                index);
void              mesh_cdb_selection_add_app_key         (MeshCdbSelection      *self,
                                                          guint16                index);
void              mesh_cdb_selection_add_node            (MeshCdbSelection      *self,
                                                          const guint8          *uuid);
void              mesh_cdb_selection_add_group           (MeshCdbSelection      *self,
                                                          const MeshCdbAddress  *address);
void              mesh_cdb_selection_set_device_keys     (MeshCdbSelection      *self,
                                                          gboolean               include);
gboolean          mesh_cdb_selection_get_device_keys     (MeshCdbSelection      *self);

MeshCdbDocument  *mesh_cdb_selection_apply               (MeshCdbSelection      *self,
                                                          MeshCdbDocument       *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshCdbSelection, mesh_cdb_selection_unref)

G_END_DECLS
