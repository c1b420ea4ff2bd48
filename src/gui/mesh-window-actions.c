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
mesh_window_actions_create_network (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  _mesh_window_ask_create_network (MESH_WINDOW (widget));
}

static void
mesh_window_actions_import_network (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  _mesh_window_import_network (MESH_WINDOW (widget));
}

static void
mesh_window_actions_export_network (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  _mesh_window_export_network (MESH_WINDOW (widget));
}

static void
mesh_window_actions_reconnect (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  _mesh_window_reconnect (MESH_WINDOW (widget));
}

/* Why a new network cannot be made now, for the buttons' tooltips. */
static const char *
add_network_reason (MeshWindow *self)
{
  if (self->session == NULL)
    return _("The network database is not open yet");
  if (self->network != NULL)
    return _("This window shows a network already");
  if (self->adding_network)
    return NULL;

  /* What is wrong with bluetooth-meshd. */
  return mesh_daemon_get_state_message (mesh_session_get_daemon (self->session));
}

void
_mesh_window_actions_update (MeshWindow *self)
{
  const char *section = mesh_window_get_visible_section (self);
  gboolean can_add = _mesh_window_can_add_network (self);
  const char *reason = can_add ? NULL : add_network_reason (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-network", can_add);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-network", can_add);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-network",
                                 self->network != NULL && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reconnect",
                                 self->session != NULL && self->network != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->create_network_button), reason);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_network_button), reason);

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
                                   mesh_window_actions_create_network);
  gtk_widget_class_install_action (widget_class, "win.import-network", NULL,
                                   mesh_window_actions_import_network);
  gtk_widget_class_install_action (widget_class, "win.export-network", NULL,
                                   mesh_window_actions_export_network);
  gtk_widget_class_install_action (widget_class, "win.reconnect", NULL,
                                   mesh_window_actions_reconnect);
}
