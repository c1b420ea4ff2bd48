/* mesh-window.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-gui-util.h"
#include "mesh-window-private.h"

G_DEFINE_FINAL_TYPE (MeshWindow, mesh_window, ADW_TYPE_APPLICATION_WINDOW)

static GtkWidget *
create_sidebar_row (GtkStackPage *page)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  /* The icon repeats the label: hide it from assistive technologies. */
  image = g_object_new (GTK_TYPE_IMAGE,
                        "icon-name", gtk_stack_page_get_icon_name (page),
                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                        NULL);
  label = gtk_label_new (gtk_stack_page_get_title (page));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, gtk_stack_page_get_name (page));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);

  return row;
}

static void
populate_sidebar (MeshWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->stack);
  guint n_pages = g_list_model_get_n_items (G_LIST_MODEL (pages));

  /* The sidebar lists the stack's sections, so each section is declared once,
   * in the template. The pages without an icon (welcome, loading, a node's
   * page) are not sections. */
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkStackPage *page = GTK_STACK_PAGE (item);

      if (gtk_stack_page_get_icon_name (page) == NULL)
        continue;

      gtk_list_box_append (self->sidebar, create_sidebar_row (page));
    }
}

static GtkListBoxRow *
find_sidebar_row (MeshWindow *self,
                  const char *section)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) &&
          g_strcmp0 (gtk_widget_get_name (child), section) == 0)
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

static void
sidebar_row_activated_cb (MeshWindow    *self,
                          GtkListBoxRow *row)
{
  mesh_window_show_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static gboolean
is_subpage (const char *section)
{
  return g_strcmp0 (section, "node") == 0;
}

static void
update_header (MeshWindow *self)
{
  const char *section = gtk_stack_get_visible_child_name (self->stack);
  gboolean nodes = g_strcmp0 (section, "nodes") == 0 && self->network != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          adw_leaflet_get_folded (self->leaflet) || is_subpage (section));
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), nodes);
  _mesh_window_actions_update (self);
}

static void
stack_visible_child_changed_cb (MeshWindow *self)
{
  const char *section = gtk_stack_get_visible_child_name (self->stack);
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);
  GtkListBoxRow *row;

  if (child == NULL)
    return;

  if (child == GTK_WIDGET (self->node_page))
    adw_window_title_set_title (self->content_title, mesh_node_page_get_title (self->node_page));
  else
    adw_window_title_set_title (self->content_title,
                                gtk_stack_page_get_title (gtk_stack_get_page (self->stack, child)));

  /* A node's page belongs to the Nodes section. */
  row = find_sidebar_row (self, is_subpage (section) ? "nodes" : section);
  if (row != NULL)
    gtk_list_box_select_row (self->sidebar, row);
  else
    gtk_list_box_unselect_all (self->sidebar);

  update_header (self);
}

/* The pages that stand in for a network while there is none to show. */
static gboolean
showing_no_network (MeshWindow *self)
{
  const char *section = gtk_stack_get_visible_child_name (self->stack);

  return g_strcmp0 (section, "loading") == 0 ||
         g_strcmp0 (section, "welcome") == 0 ||
         g_strcmp0 (section, "error") == 0;
}

static void
load_network_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MeshWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mesh_store_load_network_finish (MESH_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mesh_window_show_error (self, error);
      return;
    }

  if (showing_no_network (self))
    mesh_window_show_section (self, "nodes");
  update_header (self);
  _mesh_window_network_loaded (self);
}

static void
leaflet_folded_cb (MeshWindow *self)
{
  update_header (self);
}

static void
restore_window_state (MeshWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (MeshWindow *self)
{
  int width;
  int height;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  /* The default size tracks the unmaximized size, which is what to restore. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

void
_mesh_window_go_back (MeshWindow *self)
{
  if (is_subpage (gtk_stack_get_visible_child_name (self->stack)))
    mesh_window_show_section (self, "nodes");
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

static gboolean
mesh_window_close_request (GtkWindow *window)
{
  save_window_state (MESH_WINDOW (window));

  return GTK_WINDOW_CLASS (mesh_window_parent_class)->close_request (window);
}

MeshWindow *
mesh_window_new (MeshApplication *application)
{
  return g_object_new (MESH_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * mesh_window_show_section:
 * @section: a section name: "welcome", "devices", "nodes", "groups",
 *   "scenes", "keys" or "provisioners"; or "node", the page of the node
 *   last shown with mesh_window_show_node()
 *
 * Shows a section and, when the window is narrow, the content pane.
 */
void
mesh_window_show_section (MeshWindow *self,
                          const char *section)
{
  g_return_if_fail (MESH_IS_WINDOW (self));
  g_return_if_fail (section != NULL);

  if (gtk_stack_get_child_by_name (self->stack, section) == NULL)
    {
      g_warning ("No section named “%s”", section);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, section);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

const char *
mesh_window_get_visible_section (MeshWindow *self)
{
  g_return_val_if_fail (MESH_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
mesh_window_add_toast (MeshWindow *self,
                       const char *message)
{
  g_return_if_fail (MESH_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
mesh_window_show_loading (MeshWindow *self)
{
  g_return_if_fail (MESH_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->stack, "loading");
}

void
mesh_window_show_error (MeshWindow   *self,
                        const GError *error)
{
  g_return_if_fail (MESH_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

void
mesh_window_set_network (MeshWindow  *self,
                         MeshStore   *store,
                         MeshNetwork *network)
{
  g_return_if_fail (MESH_IS_WINDOW (self));
  g_return_if_fail (store == NULL || MESH_IS_STORE (store));
  g_return_if_fail (network == NULL || (store != NULL && MESH_IS_NETWORK (network)));

  g_set_object (&self->store, store);
  g_set_object (&self->network, network);

  mesh_nodes_page_set_network (self->nodes_page, store, network);
  mesh_keys_page_set_network (self->keys_page, store, network);
  mesh_node_page_set_node (self->node_page, store, NULL);

  if (network == NULL)
    {
      if (showing_no_network (self) || is_subpage (gtk_stack_get_visible_child_name (self->stack)))
        gtk_stack_set_visible_child_name (self->stack, "welcome");
    }
  else if (!mesh_network_get_loaded (network))
    {
      /* Nodes come after the load, not the empty list before it. */
      if (showing_no_network (self))
        gtk_stack_set_visible_child_name (self->stack, "loading");

      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      mesh_store_load_network_async (store, network, self->cancellable,
                                     load_network_cb, g_object_ref (self));
    }
  else
    {
      if (showing_no_network (self) || is_subpage (gtk_stack_get_visible_child_name (self->stack)))
        mesh_window_show_section (self, "nodes");
      _mesh_window_network_loaded (self);
    }

  update_header (self);
}

MeshStore *
mesh_window_get_store (MeshWindow *self)
{
  g_return_val_if_fail (MESH_IS_WINDOW (self), NULL);

  return self->store;
}

MeshNetwork *
mesh_window_get_network (MeshWindow *self)
{
  g_return_val_if_fail (MESH_IS_WINDOW (self), NULL);

  return self->network;
}

void
mesh_window_set_controller (MeshWindow            *self,
                            MeshNetworkController *controller)
{
  g_return_if_fail (MESH_IS_WINDOW (self));
  g_return_if_fail (controller == NULL || MESH_IS_NETWORK_CONTROLLER (controller));

  if (!g_set_object (&self->controller, controller))
    return;

  mesh_node_page_set_controller (self->node_page, controller);
  mesh_keys_page_set_controller (self->keys_page, controller);
  _mesh_window_actions_update (self);
}

MeshNetworkController *
mesh_window_get_controller (MeshWindow *self)
{
  g_return_val_if_fail (MESH_IS_WINDOW (self), NULL);

  return self->controller;
}

void
mesh_window_show_node (MeshWindow *self,
                       MeshNode   *node)
{
  g_return_if_fail (MESH_IS_WINDOW (self));
  g_return_if_fail (MESH_IS_NODE (node));
  g_return_if_fail (mesh_node_get_network (node) == self->network);

  mesh_node_page_set_node (self->node_page, self->store, node);
  mesh_window_show_section (self, "node");
}

static void
mesh_window_dispose (GObject *object)
{
  MeshWindow *self = MESH_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  _mesh_window_session_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->controller);
  g_clear_object (&self->network);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mesh_window_parent_class)->dispose (object);
}

static void
mesh_window_class_init (MeshWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mesh_window_dispose;

  window_class->close_request = mesh_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, create_network_button);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, import_network_button);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, devices_page);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, nodes_page);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, node_page);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, keys_page);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, banner_button);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_visible_child_changed_cb);

  _mesh_window_class_actions_init (klass);

  g_type_ensure (MESH_TYPE_DEVICES_PAGE);
  g_type_ensure (MESH_TYPE_NODES_PAGE);
  g_type_ensure (MESH_TYPE_NODE_PAGE);
  g_type_ensure (MESH_TYPE_KEYS_PAGE);
}

static void
mesh_window_init (MeshWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_cancellable = g_cancellable_new ();
  self->settings = g_settings_new ("io.github.meshprovisioner.MeshProvisioner");

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  populate_sidebar (self);
  restore_window_state (self);

  g_object_bind_property (self->search_button, "active",
                          self->nodes_page, "search-mode",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (leaflet_folded_cb), self, G_CONNECT_SWAPPED);

  /* No network until mesh_window_set_network(): the first run offers to
   * create or import one. */
  gtk_stack_set_visible_child_name (self->stack, "welcome");
  stack_visible_child_changed_cb (self);

  _mesh_window_actions_update (self);
}
