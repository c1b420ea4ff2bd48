/* mesh-model-entry.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_MODEL_ENTRY (mesh_model_entry_get_type ())

G_DECLARE_FINAL_TYPE (MeshModelEntry, mesh_model_entry, MESH, MODEL_ENTRY, GObject)

/* One line of a model's configuration in the node page's tree: a bound
 * AppKey, a subscription, the publication, or "nothing configured". */
typedef enum
{
  MESH_MODEL_ENTRY_BINDING,
  MESH_MODEL_ENTRY_SUBSCRIPTION,
  MESH_MODEL_ENTRY_PUBLICATION,
  MESH_MODEL_ENTRY_EMPTY,
} MeshModelEntryKind;

MeshModelEntryKind     mesh_model_entry_get_kind          (MeshModelEntry *self);
MeshModel             *mesh_model_entry_get_model         (MeshModelEntry *self);
guint16                mesh_model_entry_get_app_key_index (MeshModelEntry *self);
const MeshDestination *mesh_model_entry_get_destination   (MeshModelEntry *self);
const MeshPublication *mesh_model_entry_get_publication   (MeshModelEntry *self);

/* The entries of @model (GListModel of MeshModelEntry), kept in step with
 * its bindings, subscriptions and publication. */
GListModel            *mesh_model_entry_list_new          (MeshModel      *model);

G_END_DECLS
