/* mesh-sorted-list.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MESH_TYPE_SORTED_LIST (mesh_sorted_list_get_type ())

G_DECLARE_FINAL_TYPE (MeshSortedList, mesh_sorted_list, MESH, SORTED_LIST, GObject)

/* The items of another list, sorted with a compare function (stable: equal
 * items keep their order), in an array.
 *
 * Why not GtkSortListModel: it fetches each item from the list below on
 * every get_item(), which for a GListStore of 32,767 nodes means a walk of
 * its tree each time a search filters them, and it builds a sort key per
 * item when the list arrives. Here get_item() is an array access, and a
 * list that comes in order (a network's nodes, by address) is checked in
 * one pass rather than sorted. When the list below changes, the order is
 * computed again and the change reported as the smallest range that
 * differs. Items that change their sort key are not moved until then. */
MeshSortedList *mesh_sorted_list_new       (GCompareDataFunc  compare,
                                            gpointer          user_data);
void            mesh_sorted_list_set_model (MeshSortedList   *self,
                                            GListModel       *model);
GListModel     *mesh_sorted_list_get_model (MeshSortedList   *self);

G_END_DECLS
