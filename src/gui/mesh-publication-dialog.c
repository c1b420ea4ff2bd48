/* mesh-publication-dialog.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-address-row.h"
#include "mesh-format.h"
#include "mesh-publication-dialog.h"

struct _MeshPublicationDialog
{
  AdwWindow             parent_instance;

  MeshNetwork          *network;
  MeshModel            *model;
  /* The AppKey index of each item of the AppKey combo row. */
  GArray               *app_key_indexes;
  guint8                credentials;
  /* The current period as the node has it: kept if the user leaves the
   * value alone, since several encodings can say the same period. */
  guint8                period_steps;
  guint8                period_resolution;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkButton            *set_button;
  AdwPreferencesGroup  *destination_group;
  MeshAddressRow       *address_row;
  AdwComboRow          *app_key_row;
  GtkSwitch            *default_ttl_switch;
  GtkSpinButton        *ttl_spin;
  AdwActionRow         *period_row;
  GtkSpinButton        *period_spin;
  GtkSpinButton        *retransmit_count_spin;
  GtkSpinButton        *retransmit_interval_spin;
};

G_DEFINE_FINAL_TYPE (MeshPublicationDialog, mesh_publication_dialog, ADW_TYPE_WINDOW)

enum {
  APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
validate_cb (MeshPublicationDialog *self)
{
  g_autofree char *description = mesh_address_row_describe (self->address_row);

  adw_preferences_group_set_description (self->destination_group, description);
  gtk_widget_set_sensitive (GTK_WIDGET (self->set_button),
                            mesh_address_row_get_valid (self->address_row));
}

static void
period_changed_cb (MeshPublicationDialog *self)
{
  guint8 steps;
  guint8 resolution;
  g_autofree char *period = NULL;

  mesh_parse_period_ms (gtk_spin_button_get_value (self->period_spin) * 1000 + 0.5, &steps, &resolution);
  period = mesh_format_period (steps, resolution);
  adw_action_row_set_subtitle (self->period_row, period);
}

static void
apply_cb (MeshPublicationDialog *self)
{
  g_autoptr(MeshPublication) publication = mesh_publication_dialog_dup_publication (self);

  if (publication == NULL)
    return;

  g_signal_emit (self, signals[APPLY], 0, publication);
  gtk_window_close (GTK_WINDOW (self));
}

static void
fill (MeshPublicationDialog *self)
{
  const MeshPublication *current = mesh_model_get_publication (self->model);
  GListModel *keys = mesh_network_get_app_keys (self->network);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *model_name = mesh_format_model_name (self->model);
  guint n_bindings = 0;
  const guint16 *bindings = mesh_model_get_bindings (self->model, &n_bindings);
  guint selected = 0;
  guint16 wanted_key;

  adw_window_title_set_subtitle (self->window_title, model_name);

  /* Preselect the current AppKey, or else the first bound one. */
  wanted_key = current != NULL ? current->app_key_index : n_bindings > 0 ? bindings[0] : 0;
  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(MeshAppKey) key = g_list_model_get_item (keys, i);
      guint16 index = mesh_app_key_get_index (key);
      g_autofree char *name = mesh_format_app_key (self->network, index);

      if (index == wanted_key)
        selected = i;
      g_array_append_val (self->app_key_indexes, index);
      gtk_string_list_append (names, name);
    }
  adw_combo_row_set_model (self->app_key_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->app_key_row, selected);

  if (current == NULL)
    return;

  if (current->destination.address != 0x0000)
    mesh_address_row_set_destination (self->address_row, &current->destination);

  gtk_switch_set_active (self->default_ttl_switch, current->ttl == 0xFF);
  if (current->ttl != 0xFF)
    gtk_spin_button_set_value (self->ttl_spin, current->ttl);
  gtk_spin_button_set_value (self->period_spin,
                             mesh_period_to_ms (current->period_steps, current->period_resolution) / 1000.0);
  gtk_spin_button_set_value (self->retransmit_count_spin, current->retransmit_count);
  gtk_spin_button_set_value (self->retransmit_interval_spin, (current->retransmit_interval_steps + 1) * 50);
  self->credentials = current->credentials;
  self->period_steps = current->period_steps;
  self->period_resolution = current->period_resolution;
}

MeshPublicationDialog *
mesh_publication_dialog_new (MeshNetwork *network,
                             MeshModel   *model)
{
  MeshPublicationDialog *self;

  g_return_val_if_fail (MESH_IS_NETWORK (network), NULL);
  g_return_val_if_fail (MESH_IS_MODEL (model), NULL);

  self = g_object_new (MESH_TYPE_PUBLICATION_DIALOG, NULL);
  self->network = g_object_ref (network);
  self->model = g_object_ref (model);
  mesh_address_row_set_network (self->address_row, network);
  fill (self);
  validate_cb (self);
  period_changed_cb (self);

  return self;
}

MeshPublication *
mesh_publication_dialog_dup_publication (MeshPublicationDialog *self)
{
  MeshPublication publication = { 0 };
  guint selected;
  guint interval;
  guint period_ms;

  g_return_val_if_fail (MESH_IS_PUBLICATION_DIALOG (self), NULL);

  if (!mesh_address_row_get_destination (self->address_row, &publication.destination))
    return NULL;

  selected = adw_combo_row_get_selected (self->app_key_row);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->app_key_indexes->len)
    return NULL;

  publication.app_key_index = g_array_index (self->app_key_indexes, guint16, selected);
  publication.ttl = gtk_switch_get_active (self->default_ttl_switch)
                    ? 0xFF : gtk_spin_button_get_value_as_int (self->ttl_spin);
  period_ms = gtk_spin_button_get_value (self->period_spin) * 1000 + 0.5;
  if (period_ms == mesh_period_to_ms (self->period_steps, self->period_resolution))
    {
      publication.period_steps = self->period_steps;
      publication.period_resolution = self->period_resolution;
    }
  else
    {
      mesh_parse_period_ms (period_ms, &publication.period_steps, &publication.period_resolution);
    }
  publication.retransmit_count = gtk_spin_button_get_value_as_int (self->retransmit_count_spin);
  interval = gtk_spin_button_get_value_as_int (self->retransmit_interval_spin);
  publication.retransmit_interval_steps = CLAMP ((interval + 25) / 50, 1, 32) - 1;
  publication.credentials = self->credentials;

  return mesh_publication_copy (&publication);
}

static void
mesh_publication_dialog_dispose (GObject *object)
{
  MeshPublicationDialog *self = MESH_PUBLICATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_PUBLICATION_DIALOG);
  g_clear_object (&self->network);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (mesh_publication_dialog_parent_class)->dispose (object);
}

static void
mesh_publication_dialog_finalize (GObject *object)
{
  MeshPublicationDialog *self = MESH_PUBLICATION_DIALOG (object);

  g_clear_pointer (&self->app_key_indexes, g_array_unref);

  G_OBJECT_CLASS (mesh_publication_dialog_parent_class)->finalize (object);
}

static void
mesh_publication_dialog_class_init (MeshPublicationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mesh_publication_dialog_dispose;
  object_class->finalize = mesh_publication_dialog_finalize;

  /**
   * MeshPublicationDialog::apply:
   * @publication: (type MeshPublication): the publication to set
   */
  signals[APPLY] =
    g_signal_new ("apply",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MESH_TYPE_PUBLICATION | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (MESH_TYPE_ADDRESS_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-publication-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshPublicationDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MeshPublicationDialog, set_button);
  gtk_widget_class_bind_template_child (widget_class, MeshPublicationDialog, destination_group);
  gtk_widget_class_bind_template_child (widget_class, MeshPublicationDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, MeshPublicationDialog, app_key_row);
  gtk_widget_class_bind_template_child (widget_class, MeshPublicationDialog, default_ttl_switch);
  gtk_widget_class_bind_template_child (widget_class, MeshPublicationDialog, ttl_spin);
  gtk_widget_class_bind_template_child (widget_class, MeshPublicationDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, MeshPublicationDialog, period_spin);
  gtk_widget_class_bind_template_child (widget_class, MeshPublicationDialog, retransmit_count_spin);
  gtk_widget_class_bind_template_child (widget_class, MeshPublicationDialog, retransmit_interval_spin);
  gtk_widget_class_bind_template_callback (widget_class, validate_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
}

static void
mesh_publication_dialog_init (MeshPublicationDialog *self)
{
  self->app_key_indexes = g_array_new (FALSE, FALSE, sizeof (guint16));

  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self->default_ttl_switch, "active",
                          self->ttl_spin, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}
