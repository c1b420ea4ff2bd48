/* mesh-node-row.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-format.h"
#include "mesh-gui-util.h"
#include "mesh-node-row.h"
#include "mesh-rename-popover.h"

struct _MeshNodeRow
{
  GtkWidget          parent_instance;

  MeshNode          *node;
  MeshStore         *store;
  GSignalGroup      *node_signals;

  const char        *state_class;
  /* Made when first opened: rows come by the hundred. */
  MeshRenamePopover *rename_popover;

  /* Template widgets */
  GtkInscription    *title_label;
  GtkInscription    *subtitle_label;
  GtkInscription    *address_label;
  GtkInscription    *state_label;
  GtkMenuButton     *rename_button;
};

G_DEFINE_FINAL_TYPE (MeshNodeRow, mesh_node_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NODE,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *state_classes[] = {
  "mesh-state-configured", "mesh-state-unconfigured", "mesh-state-excluded",
};

static void
set_text (GtkInscription *inscription,
          const char     *text)
{
  if (g_strcmp0 (gtk_inscription_get_text (inscription), text) != 0)
    gtk_inscription_set_text (inscription, text);
}

static void
update (MeshNodeRow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *product = NULL;
  char address[8];
  const char *state_class;

  if (self->node == NULL)
    return;

  name = mesh_format_node_name (self->node);
  product = mesh_format_node_product (self->node);
  g_snprintf (address, sizeof address, "0x%04X", mesh_node_get_unicast (self->node));

  set_text (self->title_label, name);
  set_text (self->subtitle_label, product);
  set_text (self->address_label, address);
  set_text (self->state_label, mesh_format_config_state (self->node));
  if (self->rename_popover != NULL)
    mesh_rename_popover_set_text (self->rename_popover, mesh_node_get_name (self->node));

  if (mesh_node_get_excluded (self->node))
    state_class = state_classes[2];
  else if (mesh_node_get_config_complete (self->node))
    state_class = state_classes[0];
  else
    state_class = state_classes[1];

  /* A change of style classes costs a new style: only when needed. */
  if (state_class != self->state_class)
    {
      if (self->state_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), self->state_class);
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), state_class);
      self->state_class = state_class;
    }
}

static void
rename_cb (MeshNodeRow *self,
           const char  *name)
{
  if (self->node == NULL || self->store == NULL)
    return;

  mesh_gui_rename (GTK_WIDGET (self), self->store, self->node, name);
}

static void
create_rename_popover_cb (GtkMenuButton *button,
                          gpointer       user_data)
{
  MeshNodeRow *self = user_data;

  if (self->rename_popover == NULL)
    {
      self->rename_popover = MESH_RENAME_POPOVER (mesh_rename_popover_new ());
      mesh_rename_popover_set_title (self->rename_popover, _("Rename Node"));
      g_signal_connect_object (self->rename_popover, "rename", G_CALLBACK (rename_cb), self, G_CONNECT_SWAPPED);
      gtk_menu_button_set_popover (button, GTK_WIDGET (self->rename_popover));
    }

  mesh_rename_popover_set_text (self->rename_popover,
                                self->node != NULL ? mesh_node_get_name (self->node) : NULL);
}

GtkWidget *
mesh_node_row_new (void)
{
  return g_object_new (MESH_TYPE_NODE_ROW, NULL);
}

MeshNode *
mesh_node_row_get_node (MeshNodeRow *self)
{
  g_return_val_if_fail (MESH_IS_NODE_ROW (self), NULL);

  return self->node;
}

void
mesh_node_row_set_node (MeshNodeRow *self,
                        MeshNode    *node)
{
  g_return_if_fail (MESH_IS_NODE_ROW (self));
  g_return_if_fail (node == NULL || MESH_IS_NODE (node));

  if (!g_set_object (&self->node, node))
    return;

  g_signal_group_set_target (self->node_signals, node);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE]);
}

MeshStore *
mesh_node_row_get_store (MeshNodeRow *self)
{
  g_return_val_if_fail (MESH_IS_NODE_ROW (self), NULL);

  return self->store;
}

void
mesh_node_row_set_store (MeshNodeRow *self,
                         MeshStore   *store)
{
  g_return_if_fail (MESH_IS_NODE_ROW (self));
  g_return_if_fail (store == NULL || MESH_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
mesh_node_row_rename (MeshNodeRow *self)
{
  g_return_if_fail (MESH_IS_NODE_ROW (self));

  gtk_menu_button_popup (self->rename_button);
}

static void
mesh_node_row_dispose (GObject *object)
{
  MeshNodeRow *self = MESH_NODE_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_NODE_ROW);
  /* The template's children without an id are not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->node_signals != NULL)
    g_signal_group_set_target (self->node_signals, NULL);
  g_clear_object (&self->node_signals);
  g_clear_object (&self->node);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mesh_node_row_parent_class)->dispose (object);
}

static void
mesh_node_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MeshNodeRow *self = MESH_NODE_ROW (object);

  switch (prop_id)
    {
    case PROP_NODE:
      g_value_set_object (value, self->node);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_node_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MeshNodeRow *self = MESH_NODE_ROW (object);

  switch (prop_id)
    {
    case PROP_NODE:
      mesh_node_row_set_node (self, g_value_get_object (value));
      break;

    case PROP_STORE:
      mesh_node_row_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_node_row_class_init (MeshNodeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mesh_node_row_dispose;
  object_class->get_property = mesh_node_row_get_property;
  object_class->set_property = mesh_node_row_set_property;

  properties[PROP_NODE] =
    g_param_spec_object ("node", NULL, NULL, MESH_TYPE_NODE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MESH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mesh-node-row");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-node-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshNodeRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodeRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodeRow, address_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodeRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodeRow, rename_button);
}

static void
mesh_node_row_init (MeshNodeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);
  gtk_menu_button_set_create_popup_func (self->rename_button, create_rename_popover_cb, self, NULL);

  self->node_signals = g_signal_group_new (MESH_TYPE_NODE);
  g_signal_group_connect_swapped (self->node_signals, "notify", G_CALLBACK (update), self);
}
