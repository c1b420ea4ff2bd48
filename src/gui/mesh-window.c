/* mesh-window.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

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
   * in the template. The welcome page is not a section. */
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkStackPage *page = GTK_STACK_PAGE (item);

      if (g_strcmp0 (gtk_stack_page_get_name (page), "welcome") == 0)
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

static void
stack_visible_child_changed_cb (MeshWindow *self)
{
  const char *section = gtk_stack_get_visible_child_name (self->stack);
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);
  GtkListBoxRow *row;

  if (child == NULL)
    return;

  adw_window_title_set_title (self->content_title,
                              gtk_stack_page_get_title (gtk_stack_get_page (self->stack, child)));

  row = find_sidebar_row (self, section);
  if (row != NULL)
    gtk_list_box_select_row (self->sidebar, row);
  else
    gtk_list_box_unselect_all (self->sidebar);
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
 *   "scenes", "keys" or "provisioners"
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

static void
mesh_window_dispose (GObject *object)
{
  MeshWindow *self = MESH_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_WINDOW);
  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, MeshWindow, banner_button);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_visible_child_changed_cb);

  _mesh_window_class_actions_init (klass);
}

static void
mesh_window_init (MeshWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("io.github.meshprovisioner.MeshProvisioner");

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  populate_sidebar (self);
  restore_window_state (self);

  /* No network yet: the first run offers to create or import one. */
  gtk_stack_set_visible_child_name (self->stack, "welcome");
  stack_visible_child_changed_cb (self);

  _mesh_window_actions_update (self);
}
