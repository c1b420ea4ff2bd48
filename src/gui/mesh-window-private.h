/* mesh-window-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-window.h"

G_BEGIN_DECLS

struct _MeshWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkListBox           *sidebar;
  AdwWindowTitle       *sidebar_title;
  GtkMenuButton        *primary_menu_button;
  GtkWidget            *content_box;
  AdwWindowTitle       *content_title;
  GtkStack             *stack;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
};

void _mesh_window_class_actions_init (MeshWindowClass *klass);
void _mesh_window_actions_update     (MeshWindow      *self);

G_END_DECLS
