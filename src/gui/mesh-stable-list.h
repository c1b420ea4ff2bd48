/* mesh-stable-list.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MESH_TYPE_LIST_SLOT   (mesh_list_slot_get_type ())
#define MESH_TYPE_STABLE_LIST (mesh_stable_list_get_type ())

G_DECLARE_FINAL_TYPE (MeshListSlot, mesh_list_slot, MESH, LIST_SLOT, GObject)
G_DECLARE_FINAL_TYPE (MeshStableList, mesh_stable_list, MESH, STABLE_LIST, GObject)

/* A GListModel of MeshListSlot over another list: slot i holds ("item")
 * the item at position i of the other list. When the other list changes,
 * the slots keep their places and change their item; only the tail is
 * added or removed.
 *
 * Why: on a change of items, GtkListView in GTK 4.8 destroys the row
 * widgets of the items that went and builds new ones, some 200 of them
 * whatever is on screen; a search that changes what matches would build
 * 200 rows per keystroke. Over slots it rebinds nothing: the rows follow
 * their slot's "item". A slot that no row shows fetches its new item only
 * when asked for it. And when the list grows among its first 256 items,
 * the new slots come a few per frame, so that no frame builds 200 rows.
 * (n-items may so lag behind the other list's for a few frames.) */
gpointer        mesh_list_slot_get_item    (MeshListSlot   *self);

MeshStableList *mesh_stable_list_new       (GListModel     *model);
GListModel     *mesh_stable_list_get_model (MeshStableList *self);
/* The item of slot @position (transfer none), or NULL. */
gpointer        mesh_stable_list_peek_item (MeshStableList *self,
                                            guint           position);

G_END_DECLS
