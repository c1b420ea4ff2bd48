/* mesh-composition-row.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_COMPOSITION_ROW (mesh_composition_row_get_type ())

G_DECLARE_FINAL_TYPE (MeshCompositionRow, mesh_composition_row, MESH, COMPOSITION_ROW, GtkWidget)

/* A row of a node's element/model tree: an element (MeshElement), a model
 * (MeshModel) with its action menu, or a line of a model's configuration
 * (MeshModelEntry) with its button. Its buttons activate the "node.*"
 * actions of MeshNodePage. */
GtkWidget *mesh_composition_row_new               (void);
void       mesh_composition_row_set_list_row      (MeshCompositionRow *self,
                                                   GtkTreeListRow     *list_row,
                                                   MeshNetwork        *network);
/* The element, model or entry shown, or NULL. */
gpointer   mesh_composition_row_get_item          (MeshCompositionRow *self);
/* Shows a spinner while an action on the row's model runs. */
void       mesh_composition_row_set_busy          (MeshCompositionRow *self,
                                                   gboolean            busy);
/* NULL when the actions can run; otherwise why not, as the buttons'
 * tooltip. */
void       mesh_composition_row_set_unavailable   (MeshCompositionRow *self,
                                                   const char         *reason);

/* The action target of a model: (element index, model ID, vendor). */
GVariant  *mesh_composition_model_target          (MeshModel          *model);

G_END_DECLS
