/* mesh-device-row.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-device-format.h"
#include "mesh-device-row.h"

struct _MeshDeviceRow
{
  GtkWidget          parent_instance;

  MeshScannedDevice *device;
  GSignalGroup      *device_signals;
  MeshNetwork       *network;
  MeshSignalLevel    level;

  /* Template widgets */
  GtkLabel          *name_label;
  GtkLabel          *uuid_label;
  GtkLabel          *oob_label;
  GtkLabel          *via_label;
  GtkImage          *signal_image;
  GtkLabel          *seen_label;
  GtkButton         *provision_button;
};

G_DEFINE_FINAL_TYPE (MeshDeviceRow, mesh_device_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DEVICE,
  PROP_NETWORK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

static void
update_signal (MeshDeviceRow *self)
{
  MeshSignalLevel level = mesh_signal_level_from_rssi (mesh_scanned_device_get_rssi (self->device));
  g_autofree char *tooltip = NULL;

  /* Translators: "Signal: good (-62 dBm)" */
  tooltip = g_strdup_printf (_("%s (%d dBm)"), mesh_signal_level_describe (level),
                             mesh_scanned_device_get_rssi (self->device));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->signal_image), tooltip);

  if (level == self->level)
    return;

  self->level = level;
  gtk_image_set_from_icon_name (self->signal_image, mesh_signal_level_icon_name (level));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->signal_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, mesh_signal_level_describe (level),
                                  -1);
}

static void
update_via (MeshDeviceRow *self)
{
  g_autofree char *via = NULL;

  if (self->device != NULL)
    via = mesh_format_via (self->network, mesh_scanned_device_get_via (self->device));

  if (via != NULL)
    set_label (self->via_label, via);
  gtk_widget_set_visible (GTK_WIDGET (self->via_label), via != NULL);
}

static void
update (MeshDeviceRow *self)
{
  const char *uuid;
  g_autofree char *name = NULL;
  g_autofree char *oob = NULL;
  g_autofree char *provision = NULL;

  if (self->device == NULL)
    return;

  uuid = mesh_scanned_device_get_uuid_string (self->device);
  name = mesh_format_device_name (uuid);
  oob = mesh_format_oob_info (mesh_scanned_device_get_oob_info (self->device));

  set_label (self->name_label, name);
  set_label (self->uuid_label, uuid);
  set_label (self->oob_label, oob != NULL ? oob : _("No OOB information"));
  update_via (self);
  update_signal (self);
  mesh_device_row_update_seen (self, g_get_monotonic_time ());

  /* The target first: an action name without its target makes GTK warn. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->provision_button), "s", uuid);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->provision_button), "devices.provision");
  /* Translators: the accessible name of a row's Provision button */
  provision = g_strdup_printf (_("Provision %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->provision_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, provision,
                                  -1);
}

GtkWidget *
mesh_device_row_new (void)
{
  return g_object_new (MESH_TYPE_DEVICE_ROW, NULL);
}

MeshScannedDevice *
mesh_device_row_get_device (MeshDeviceRow *self)
{
  g_return_val_if_fail (MESH_IS_DEVICE_ROW (self), NULL);

  return self->device;
}

void
mesh_device_row_set_device (MeshDeviceRow     *self,
                            MeshScannedDevice *device)
{
  g_return_if_fail (MESH_IS_DEVICE_ROW (self));
  g_return_if_fail (device == NULL || MESH_IS_SCANNED_DEVICE (device));

  if (!g_set_object (&self->device, device))
    return;

  g_signal_group_set_target (self->device_signals, device);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICE]);
}

MeshNetwork *
mesh_device_row_get_network (MeshDeviceRow *self)
{
  g_return_val_if_fail (MESH_IS_DEVICE_ROW (self), NULL);

  return self->network;
}

void
mesh_device_row_set_network (MeshDeviceRow *self,
                             MeshNetwork   *network)
{
  g_return_if_fail (MESH_IS_DEVICE_ROW (self));
  g_return_if_fail (network == NULL || MESH_IS_NETWORK (network));

  if (!g_set_object (&self->network, network))
    return;

  update_via (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

void
mesh_device_row_update_seen (MeshDeviceRow *self,
                             gint64         now)
{
  g_autofree char *seen = NULL;

  g_return_if_fail (MESH_IS_DEVICE_ROW (self));

  if (self->device == NULL)
    return;

  seen = mesh_format_seen (mesh_scanned_device_get_last_seen (self->device), now);
  set_label (self->seen_label, seen);
}

static void
mesh_device_row_dispose (GObject *object)
{
  MeshDeviceRow *self = MESH_DEVICE_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_DEVICE_ROW);
  /* The template's children without an id are not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->device_signals != NULL)
    g_signal_group_set_target (self->device_signals, NULL);
  g_clear_object (&self->device_signals);
  g_clear_object (&self->device);
  g_clear_object (&self->network);

  G_OBJECT_CLASS (mesh_device_row_parent_class)->dispose (object);
}

static void
mesh_device_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MeshDeviceRow *self = MESH_DEVICE_ROW (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      g_value_set_object (value, self->device);
      break;

    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_device_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MeshDeviceRow *self = MESH_DEVICE_ROW (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      mesh_device_row_set_device (self, g_value_get_object (value));
      break;

    case PROP_NETWORK:
      mesh_device_row_set_network (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_device_row_class_init (MeshDeviceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mesh_device_row_dispose;
  object_class->get_property = mesh_device_row_get_property;
  object_class->set_property = mesh_device_row_set_property;

  properties[PROP_DEVICE] =
    g_param_spec_object ("device", NULL, NULL, MESH_TYPE_SCANNED_DEVICE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Where the names of the nodes a device was heard through come from. */
  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, MESH_TYPE_NETWORK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mesh-device-row");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-device-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshDeviceRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, MeshDeviceRow, uuid_label);
  gtk_widget_class_bind_template_child (widget_class, MeshDeviceRow, oob_label);
  gtk_widget_class_bind_template_child (widget_class, MeshDeviceRow, via_label);
  gtk_widget_class_bind_template_child (widget_class, MeshDeviceRow, signal_image);
  gtk_widget_class_bind_template_child (widget_class, MeshDeviceRow, seen_label);
  gtk_widget_class_bind_template_child (widget_class, MeshDeviceRow, provision_button);
}

static void
mesh_device_row_init (MeshDeviceRow *self)
{
  self->level = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);

  self->device_signals = g_signal_group_new (MESH_TYPE_SCANNED_DEVICE);
  g_signal_group_connect_swapped (self->device_signals, "notify", G_CALLBACK (update), self);
}
