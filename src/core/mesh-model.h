/* mesh-model.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "mesh-config-types.h"
#include "mesh-element.h"

G_BEGIN_DECLS

#define MESH_TYPE_MODEL (mesh_model_get_type ())

G_DECLARE_FINAL_TYPE (MeshModel, mesh_model, MESH, MODEL, GObject)

/* A model of an element: a SIG model (16-bit ID) or a vendor model (32-bit
 * ID: company ID in the high 16 bits, model in the low 16 bits, as the CDB
 * writes "modelId"), with its AppKey bindings, subscriptions and
 * publication. The lists notify "bindings", "subscriptions" and
 * "publication" when they change. */
MeshModel             *mesh_model_new                  (guint32                model_id,
                                                        gboolean               vendor);

MeshElement           *mesh_model_get_element          (MeshModel             *self);
guint32                mesh_model_get_model_id         (MeshModel             *self);
gboolean               mesh_model_get_vendor           (MeshModel             *self);
/* Vendor models only: the company ID part. */
guint16                mesh_model_get_company_id       (MeshModel             *self);

/* AppKey indexes, in the order bound. */
const guint16         *mesh_model_get_bindings         (MeshModel             *self,
                                                        guint                 *n_bindings);
void                   mesh_model_set_bindings         (MeshModel             *self,
                                                        const guint16         *app_key_indexes,
                                                        guint                  n_bindings);
gboolean               mesh_model_add_binding          (MeshModel             *self,
                                                        guint16                app_key_index);
gboolean               mesh_model_remove_binding       (MeshModel             *self,
                                                        guint16                app_key_index);
gboolean               mesh_model_has_binding          (MeshModel             *self,
                                                        guint16                app_key_index);

/* Subscriptions, in the order added. add/remove return whether it changed. */
const MeshDestination *mesh_model_get_subscriptions    (MeshModel             *self,
                                                        guint                 *n_subscriptions);
void                   mesh_model_set_subscriptions    (MeshModel             *self,
                                                        const MeshDestination *subscriptions,
                                                        guint                  n_subscriptions);
gboolean               mesh_model_add_subscription     (MeshModel             *self,
                                                        const MeshDestination *address);
gboolean               mesh_model_remove_subscription  (MeshModel             *self,
                                                        const MeshDestination *address);

/* NULL when the model does not publish (or it is unknown). */
const MeshPublication *mesh_model_get_publication      (MeshModel             *self);
void                   mesh_model_set_publication      (MeshModel             *self,
                                                        const MeshPublication *publication);

G_END_DECLS
