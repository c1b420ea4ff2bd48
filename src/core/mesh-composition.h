/* mesh-composition.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Composition Data page 0 (Mesh Protocol 1.1, "Composition Data"): what a node is
 * made of, as it reports it in a Config Composition Data Status. */

#include <glib.h>

#include "mesh-config-types.h"
#include "mesh-wire.h"

G_BEGIN_DECLS

/**
 * MeshCompositionElement:
 * @location: the GATT Namespace Descriptor of the element's location
 * @n_models: number of entries in @models
 * @n_vendor_models: how many of them are vendor models
 * @models: the models; the SIG models come first, then the vendor
 *   models, in the order the node lists them
 */
typedef struct
{
  guint16      location;
  guint        n_models;
  guint        n_vendor_models;
  MeshModelId *models;
} MeshCompositionElement;

/**
 * MeshCompositionData:
 * @company_id: CID, the company identifier of the node's maker
 * @product_id: PID
 * @version_id: VID
 * @crpl: minimum number of replay protection list entries
 * @features: #MeshFeatures bits the node supports (RFU bits kept as sent)
 * @n_elements: number of elements, at least 1
 * @elements: the elements, the primary one first
 */
typedef struct
{
  guint16                 company_id;
  guint16                 product_id;
  guint16                 version_id;
  guint16                 crpl;
  guint16                 features;
  guint                   n_elements;
  MeshCompositionElement *elements;
} MeshCompositionData;

MeshCompositionData *mesh_composition_data_parse     (const guint8              *data,
                                                      gsize                      len,
                                                      GError                   **error);
GBytes              *mesh_composition_data_serialize (const MeshCompositionData *composition);
void                 mesh_composition_data_free      (MeshCompositionData       *composition);
gboolean             mesh_composition_element_has_model (const MeshCompositionElement *element,
                                                         MeshModelId                   model);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshCompositionData, mesh_composition_data_free)

G_END_DECLS
