/* mesh-node-page-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mesh-node-page.h"
#include "mesh-rename-popover.h"

G_BEGIN_DECLS

struct _MeshNodePage
{
  GtkWidget              parent_instance;

  MeshStore             *store;
  MeshNode              *node;
  MeshNetworkController *controller;
  GSignalGroup          *node_signals;
  GtkTreeListModel      *tree;
  /* The list items of the tree, to reach the row an action works on. (At
   * teardown, GTK 4.8 has already taken an item's child away.) */
  GPtrArray             *items;
  char                  *title;

  /* The action in progress: one at a time, its object and what to say if
   * it fails. */
  GCancellable          *cancellable;
  gpointer               busy_object;
  char                  *failure;
  /* The Generic OnOff state the node last reported, or NULL. */
  const char            *onoff_status;

  /* Template widgets */
  GtkLabel              *name_label;
  GtkLabel              *product_label;
  GtkMenuButton         *rename_button;
  MeshRenamePopover     *rename_popover;
  GtkButton             *refresh_button;
  GtkMenuButton         *more_button;
  GtkRevealer           *progress_revealer;
  GtkLabel              *progress_label;
  AdwPreferencesGroup   *onoff_group;
  AdwActionRow          *onoff_row;
  GtkButton             *off_button;
  GtkButton             *on_button;
  GtkLabel              *uuid_label;
  GtkLabel              *address_label;
  GtkLabel              *company_label;
  GtkLabel              *product_id_label;
  GtkLabel              *crpl_label;
  GtkLabel              *ttl_label;
  GtkLabel              *security_label;
  GtkLabel              *net_keys_label;
  GtkLabel              *config_label;
  GtkLabel              *relay_label;
  GtkLabel              *proxy_label;
  GtkLabel              *friend_label;
  GtkLabel              *low_power_label;
  GtkStack              *elements_stack;
  GtkListView           *tree_view;
};

void _mesh_node_page_class_actions_init (MeshNodePageClass *klass);
void _mesh_node_page_actions_update     (MeshNodePage      *self);
void _mesh_node_page_update_rows        (MeshNodePage      *self);
void _mesh_node_page_notify_busy        (MeshNodePage      *self);

G_END_DECLS
