/* mesh-composition-row.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-composition-row.h"
#include "mesh-format.h"
#include "mesh-model-entry.h"

struct _MeshCompositionRow
{
  GtkWidget        parent_instance;

  gpointer         item;
  MeshNetwork     *network;
  char            *unavailable;

  /* Template widgets */
  GtkTreeExpander *expander;
  GtkImage        *icon;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkSpinner      *spinner;
  GtkButton       *entry_button;
  GtkMenuButton   *menu_button;
};

G_DEFINE_FINAL_TYPE (MeshCompositionRow, mesh_composition_row, GTK_TYPE_WIDGET)

static void
add_model_item (GMenu      *menu,
                const char *label,
                const char *action,
                MeshModel  *model)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, mesh_composition_model_target (model));
  g_menu_append_item (menu, item);
}

/* Built when opened, so that it lists the AppKeys as they are now. */
static void
create_model_menu_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  MeshCompositionRow *self = user_data;
  MeshModel *model = self->item;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) keys = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  GListModel *app_keys;
  MeshElement *element;
  guint n;

  if (!MESH_IS_MODEL (model) || self->network == NULL)
    return;

  element = mesh_model_get_element (model);
  app_keys = mesh_network_get_app_keys (self->network);
  n = g_list_model_get_n_items (app_keys);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshAppKey) key = g_list_model_get_item (app_keys, i);
      guint16 index = mesh_app_key_get_index (key);
      g_autofree char *name = mesh_format_app_key (self->network, index);
      g_autoptr(GMenuItem) item = NULL;

      if (mesh_model_has_binding (model, index))
        continue;

      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target (item, "node.bind-app-key", "(uubq)",
                                         mesh_element_get_index (element),
                                         mesh_model_get_model_id (model),
                                         mesh_model_get_vendor (model),
                                         index);
      g_menu_append_item (keys, item);
    }

  if (g_menu_model_get_n_items (G_MENU_MODEL (keys)) > 0)
    g_menu_append_submenu (section, _("Bind AppKey"), G_MENU_MODEL (keys));
  else
    g_menu_append (section, _("All AppKeys Are Bound"), NULL);

  add_model_item (section, _("Add Subscription…"), "node.add-subscription", model);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  g_clear_object (&section);
  section = g_menu_new ();
  add_model_item (section, _("Set Publication…"), "node.set-publication", model);
  if (mesh_model_get_publication (model) != NULL)
    add_model_item (section, _("Stop Publishing"), "node.clear-publication", model);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
show_element (MeshCompositionRow *self,
              MeshElement        *element)
{
  g_autofree char *title = mesh_format_element_title (element);
  g_autofree char *subtitle = mesh_format_element_subtitle (element);

  gtk_image_set_from_icon_name (self->icon, "view-grid-symbolic");
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, subtitle);
}

static void
show_model (MeshCompositionRow *self,
            MeshModel          *model)
{
  g_autofree char *name = mesh_format_model_name (model);
  g_autofree char *id = mesh_format_model_id (model);
  g_autofree char *menu_label = NULL;

  gtk_image_set_from_icon_name (self->icon, "application-x-addon-symbolic");
  gtk_label_set_label (self->title_label, name);
  gtk_label_set_label (self->subtitle_label, id);

  if (mesh_gui_model_is_configurable (model))
    {
      /* Translators: the menu of a model, "Actions for Generic OnOff Server" */
      menu_label = g_strdup_printf (_("Actions for %s"), name);
      gtk_widget_set_visible (GTK_WIDGET (self->menu_button), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                      -1);
    }
}

static void
show_entry (MeshCompositionRow *self,
            MeshModelEntry     *entry)
{
  MeshModel *model = mesh_model_entry_get_model (entry);
  MeshElement *element = mesh_model_get_element (model);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *icon = NULL;
  const char *button_icon = NULL;
  const char *tooltip = NULL;
  const char *action = NULL;
  GVariant *target = NULL;

  switch (mesh_model_entry_get_kind (entry))
    {
    case MESH_MODEL_ENTRY_BINDING:
      icon = "mesh-key-symbolic";
      title = mesh_format_app_key (self->network, mesh_model_entry_get_app_key_index (entry));
      subtitle = g_strdup_printf (_("Bound AppKey · index %u"), mesh_model_entry_get_app_key_index (entry));
      button_icon = "list-remove-symbolic";
      tooltip = _("Unbind AppKey");
      action = "node.unbind-app-key";
      target = g_variant_new ("(uubq)", mesh_element_get_index (element),
                              mesh_model_get_model_id (model), mesh_model_get_vendor (model),
                              mesh_model_entry_get_app_key_index (entry));
      break;

    case MESH_MODEL_ENTRY_SUBSCRIPTION:
      icon = "mesh-group-symbolic";
      title = mesh_format_destination (self->network, mesh_model_entry_get_destination (entry));
      subtitle = g_strdup (_("Subscription"));
      button_icon = "list-remove-symbolic";
      tooltip = _("Remove Subscription");
      action = "node.remove-subscription";
      target = g_variant_new ("(uubq)", mesh_element_get_index (element),
                              mesh_model_get_model_id (model), mesh_model_get_vendor (model),
                              mesh_model_entry_get_destination (entry)->address);
      break;

    case MESH_MODEL_ENTRY_PUBLICATION:
      {
        g_autofree char *destination = mesh_format_destination (self->network, mesh_model_entry_get_destination (entry));

        icon = "send-to-symbolic";
        /* Translators: the publication of a model, "Publishes to Kitchen (0xC001)" */
        title = g_strdup_printf (_("Publishes to %s"), destination);
        subtitle = mesh_format_publication (self->network, mesh_model_entry_get_publication (entry));
        button_icon = "document-edit-symbolic";
        tooltip = _("Change Publication");
        action = "node.set-publication";
        target = mesh_composition_model_target (model);
      }
      break;

    case MESH_MODEL_ENTRY_EMPTY:
    default:
      title = g_strdup (_("No AppKey bound, no subscriptions, not publishing"));
      break;
    }

  /* No icon still takes its place, to line up with the other entries. */
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);

  if (mesh_model_entry_get_kind (entry) == MESH_MODEL_ENTRY_EMPTY)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");

  if (action != NULL)
    {
      gtk_button_set_icon_name (self->entry_button, button_icon);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry_button),
                                   self->unavailable != NULL ? self->unavailable : tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
      /* The target first: the action checks it against its parameter type. */
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->entry_button), target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->entry_button), action);
      gtk_widget_set_visible (GTK_WIDGET (self->entry_button), TRUE);
    }
}

static void
reset (MeshCompositionRow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->entry_button), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->entry_button), NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->entry_button), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), FALSE);
  gtk_menu_button_set_menu_model (self->menu_button, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_spinner_stop (self->spinner);
}

GtkWidget *
mesh_composition_row_new (void)
{
  return g_object_new (MESH_TYPE_COMPOSITION_ROW, NULL);
}

void
mesh_composition_row_set_list_row (MeshCompositionRow *self,
                                   GtkTreeListRow     *list_row,
                                   MeshNetwork        *network)
{
  g_return_if_fail (MESH_IS_COMPOSITION_ROW (self));
  g_return_if_fail (list_row == NULL || GTK_IS_TREE_LIST_ROW (list_row));

  gtk_tree_expander_set_list_row (self->expander, list_row);
  g_clear_object (&self->item);
  g_set_object (&self->network, network);
  reset (self);

  if (list_row == NULL)
    return;

  self->item = gtk_tree_list_row_get_item (list_row);

  if (MESH_IS_ELEMENT (self->item))
    show_element (self, self->item);
  else if (MESH_IS_MODEL (self->item))
    show_model (self, self->item);
  else if (MESH_IS_MODEL_ENTRY (self->item))
    show_entry (self, self->item);
}

gpointer
mesh_composition_row_get_item (MeshCompositionRow *self)
{
  g_return_val_if_fail (MESH_IS_COMPOSITION_ROW (self), NULL);

  return self->item;
}

void
mesh_composition_row_set_busy (MeshCompositionRow *self,
                               gboolean            busy)
{
  g_return_if_fail (MESH_IS_COMPOSITION_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

void
mesh_composition_row_set_unavailable (MeshCompositionRow *self,
                                      const char         *reason)
{
  g_return_if_fail (MESH_IS_COMPOSITION_ROW (self));

  if (g_strcmp0 (self->unavailable, reason) == 0)
    return;

  g_free (self->unavailable);
  self->unavailable = g_strdup (reason);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button),
                               reason != NULL ? reason : _("Model Actions"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->menu_button), reason == NULL);

  /* The entry button's tooltip names its action when it can run. */
  if (MESH_IS_MODEL_ENTRY (self->item))
    {
      gpointer item = g_object_ref (self->item);

      reset (self);
      show_entry (self, item);
      g_object_unref (item);
    }
}

GVariant *
mesh_composition_model_target (MeshModel *model)
{
  g_return_val_if_fail (MESH_IS_MODEL (model), NULL);

  return g_variant_new ("(uub)",
                        mesh_element_get_index (mesh_model_get_element (model)),
                        mesh_model_get_model_id (model),
                        mesh_model_get_vendor (model));
}

static void
mesh_composition_row_dispose (GObject *object)
{
  MeshCompositionRow *self = MESH_COMPOSITION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_COMPOSITION_ROW);
  g_clear_object (&self->item);
  g_clear_object (&self->network);
  g_clear_pointer (&self->unavailable, g_free);

  G_OBJECT_CLASS (mesh_composition_row_parent_class)->dispose (object);
}

static void
mesh_composition_row_class_init (MeshCompositionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mesh_composition_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mesh-composition-row");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-composition-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshCompositionRow, expander);
  gtk_widget_class_bind_template_child (widget_class, MeshCompositionRow, icon);
  gtk_widget_class_bind_template_child (widget_class, MeshCompositionRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MeshCompositionRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MeshCompositionRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, MeshCompositionRow, entry_button);
  gtk_widget_class_bind_template_child (widget_class, MeshCompositionRow, menu_button);
}

static void
mesh_composition_row_init (MeshCompositionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->menu_button, create_model_menu_cb, self, NULL);
}
