/* mesh-window-actions.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-gui-util.h"
#include "mesh-window-private.h"

static void
mesh_window_actions_show_section (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  mesh_window_show_section (MESH_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
mesh_window_actions_go_back (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  _mesh_window_go_back (MESH_WINDOW (widget));
}

static void
mesh_window_actions_search (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  MeshWindow *self = MESH_WINDOW (widget);

  /* Ctrl+F searches the list on screen; only the node list has a search. */
  if (g_strcmp0 (mesh_window_get_visible_section (self), "nodes") == 0)
    mesh_nodes_page_begin_search (self->nodes_page);
}

static void
mesh_window_actions_show_node (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  MeshWindow *self = MESH_WINDOW (widget);
  MeshNode *node;

  if (self->network == NULL)
    return;

  node = mesh_network_find_node_by_uuid (self->network, g_variant_get_string (param, NULL));
  if (node != NULL)
    mesh_window_show_node (self, node);
}

static void
mesh_window_actions_show_sidebar (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  MeshWindow *self = MESH_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

static void
mesh_window_actions_network (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  /* Not reachable yet: _mesh_window_actions_update() keeps these actions
   * disabled until the window has a network session. */
  g_return_if_reached ();
}

void
_mesh_window_actions_update (MeshWindow *self)
{
  const char *section = mesh_window_get_visible_section (self);

  /* Creating, importing and exporting a network need the online session
   * (bluetooth-meshd, the keyring), which the window does not have yet. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-network", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-network", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-network", FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->create_network_button), mesh_gui_offline_reason ());
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_network_button), mesh_gui_offline_reason ());

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search",
                                 self->network != NULL && g_strcmp0 (section, "nodes") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-node", self->network != NULL);
}

void
_mesh_window_class_actions_init (MeshWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.show-section", "s",
                                   mesh_window_actions_show_section);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL,
                                   mesh_window_actions_show_sidebar);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL,
                                   mesh_window_actions_go_back);
  gtk_widget_class_install_action (widget_class, "win.search", NULL,
                                   mesh_window_actions_search);
  gtk_widget_class_install_action (widget_class, "win.show-node", "s",
                                   mesh_window_actions_show_node);
  gtk_widget_class_install_action (widget_class, "win.create-network", NULL,
                                   mesh_window_actions_network);
  gtk_widget_class_install_action (widget_class, "win.import-network", NULL,
                                   mesh_window_actions_network);
  gtk_widget_class_install_action (widget_class, "win.export-network", NULL,
                                   mesh_window_actions_network);
}
