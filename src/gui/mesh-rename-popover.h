/* mesh-rename-popover.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MESH_TYPE_RENAME_POPOVER (mesh_rename_popover_get_type ())

G_DECLARE_FINAL_TYPE (MeshRenamePopover, mesh_rename_popover, MESH, RENAME_POPOVER, GtkPopover)

/* An entry with a Rename button. The entry starts with "text" selected; a
 * new non-empty name emits "rename" and closes the popover. */
GtkWidget  *mesh_rename_popover_new       (void);
const char *mesh_rename_popover_get_text  (MeshRenamePopover *self);
void        mesh_rename_popover_set_text  (MeshRenamePopover *self,
                                           const char        *text);
void        mesh_rename_popover_set_title (MeshRenamePopover *self,
                                           const char        *title);

G_END_DECLS
