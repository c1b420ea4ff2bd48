/* mesh-address-row.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-address-row.h"
#include "mesh-format.h"

struct _MeshAddressRow
{
  AdwEntryRow         parent_instance;

  MeshNetwork        *network;
  MeshAddressPurpose  purpose;
  gboolean            valid;
  GtkMenuButton      *groups_button;
};

G_DEFINE_FINAL_TYPE (MeshAddressRow, mesh_address_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
fits_purpose (MeshAddressRow        *self,
              const MeshDestination *destination)
{
  guint16 address = destination->address;

  if (self->purpose == MESH_ADDRESS_PURPOSE_SUBSCRIPTION)
    return address >= 0xC000 ? address != 0xFFFF : destination->has_label;

  return address != 0x0000;
}

static void
changed_cb (MeshAddressRow *self)
{
  MeshDestination destination;
  gboolean valid = mesh_address_row_get_destination (self, &destination);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));

  if (valid || text[0] == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");

  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
create_groups_menu_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  MeshAddressRow *self = user_data;
  GListModel *groups = self->network != NULL ? mesh_network_get_groups (self->network) : NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n = groups != NULL ? g_list_model_get_n_items (groups) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshGroup) group = g_list_model_get_item (groups, i);
      g_autofree char *label = mesh_format_destination (self->network, mesh_group_get_address (group));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "address-row.use-group", "u", i);
      g_menu_append_item (menu, item);
    }

  if (n == 0)
    g_menu_append (menu, _("The network has no groups"), NULL);

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
use_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MeshAddressRow *self = MESH_ADDRESS_ROW (widget);
  g_autoptr(MeshGroup) group = NULL;

  if (self->network == NULL)
    return;

  group = g_list_model_get_item (mesh_network_get_groups (self->network), g_variant_get_uint32 (param));
  if (group != NULL)
    mesh_address_row_set_destination (self, mesh_group_get_address (group));
}

GtkWidget *
mesh_address_row_new (void)
{
  return g_object_new (MESH_TYPE_ADDRESS_ROW, NULL);
}

void
mesh_address_row_set_network (MeshAddressRow *self,
                              MeshNetwork    *network)
{
  g_return_if_fail (MESH_IS_ADDRESS_ROW (self));
  g_return_if_fail (network == NULL || MESH_IS_NETWORK (network));

  g_set_object (&self->network, network);
  changed_cb (self);
}

void
mesh_address_row_set_purpose (MeshAddressRow     *self,
                              MeshAddressPurpose  purpose)
{
  g_return_if_fail (MESH_IS_ADDRESS_ROW (self));

  self->purpose = purpose;
  changed_cb (self);
}

gboolean
mesh_address_row_get_valid (MeshAddressRow *self)
{
  g_return_val_if_fail (MESH_IS_ADDRESS_ROW (self), FALSE);

  return self->valid;
}

gboolean
mesh_address_row_get_destination (MeshAddressRow  *self,
                                  MeshDestination *destination)
{
  g_return_val_if_fail (MESH_IS_ADDRESS_ROW (self), FALSE);

  return mesh_parse_destination (self->network, gtk_editable_get_text (GTK_EDITABLE (self)), destination) &&
         fits_purpose (self, destination);
}

char *
mesh_address_row_describe (MeshAddressRow *self)
{
  MeshDestination destination;

  g_return_val_if_fail (MESH_IS_ADDRESS_ROW (self), NULL);

  if (gtk_editable_get_text (GTK_EDITABLE (self))[0] == '\0')
    return NULL;

  if (mesh_address_row_get_destination (self, &destination))
    return mesh_format_destination (self->network, &destination);

  if (self->purpose == MESH_ADDRESS_PURPOSE_SUBSCRIPTION)
    return g_strdup (_("Type a group address such as 0xC000, or the name of a group."));

  return g_strdup (_("Type an address such as 0xC000, or the name of a group."));
}

void
mesh_address_row_set_destination (MeshAddressRow        *self,
                                  const MeshDestination *destination)
{
  MeshGroup *group;
  const char *name;
  g_autofree char *address = NULL;

  g_return_if_fail (MESH_IS_ADDRESS_ROW (self));
  g_return_if_fail (destination != NULL);

  /* A group by name, so that a label group (no typeable address) works. */
  group = self->network != NULL ? mesh_network_find_group (self->network, destination) : NULL;
  name = group != NULL ? mesh_group_get_name (group) : NULL;
  address = mesh_format_address (destination->address);
  gtk_editable_set_text (GTK_EDITABLE (self), name != NULL && name[0] != '\0' ? name : address);
}

static void
mesh_address_row_dispose (GObject *object)
{
  MeshAddressRow *self = MESH_ADDRESS_ROW (object);

  g_clear_object (&self->network);

  G_OBJECT_CLASS (mesh_address_row_parent_class)->dispose (object);
}

static void
mesh_address_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MeshAddressRow *self = MESH_ADDRESS_ROW (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_address_row_class_init (MeshAddressRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mesh_address_row_dispose;
  object_class->get_property = mesh_address_row_get_property;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "address-row.use-group", "u", use_group_action);
}

static void
mesh_address_row_init (MeshAddressRow *self)
{
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Address or group name"));

  button = g_object_new (GTK_TYPE_MENU_BUTTON,
                         "icon-name", "mesh-group-symbolic",
                         "valign", GTK_ALIGN_CENTER,
                         "tooltip-text", _("Choose a Group"),
                         NULL);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a Group"),
                                  -1);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_groups_menu_cb, self, NULL);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), button);
  self->groups_button = GTK_MENU_BUTTON (button);

  g_signal_connect (self, "changed", G_CALLBACK (changed_cb), NULL);
}
