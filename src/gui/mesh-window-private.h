/* mesh-window-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-keys-page.h"
#include "mesh-node-page.h"
#include "mesh-nodes-page.h"
#include "mesh-window.h"

G_BEGIN_DECLS

struct _MeshWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  MeshStore            *store;
  MeshNetwork          *network;
  MeshNetworkController *controller;
  /* Opening the database and loading the network. */
  GCancellable         *cancellable;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkListBox           *sidebar;
  AdwWindowTitle       *sidebar_title;
  GtkMenuButton        *primary_menu_button;
  GtkWidget            *content_box;
  AdwWindowTitle       *content_title;
  GtkButton            *back_button;
  GtkToggleButton      *search_button;
  GtkButton            *create_network_button;
  GtkButton            *import_network_button;
  AdwStatusPage        *error_page;
  MeshNodesPage        *nodes_page;
  MeshNodePage         *node_page;
  MeshKeysPage         *keys_page;
  GtkStack             *stack;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
};

void _mesh_window_class_actions_init (MeshWindowClass *klass);
void _mesh_window_actions_update     (MeshWindow      *self);
void _mesh_window_go_back            (MeshWindow      *self);

G_END_DECLS
