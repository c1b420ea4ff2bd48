/* mesh-export-dialog.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-cdb-export.h"
#include "mesh-export-dialog.h"
#include "mesh-format.h"
#include "mesh-gui-util.h"

struct _MeshExportDialog
{
  AdwWindow             parent_instance;

  MeshStore            *store;
  MeshNetwork          *network;
  GCancellable         *cancellable;
  MeshCdbProgress      *progress;
  GtkFileChooserNative *chooser;
  GFile                *file;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkButton            *cancel_button;
  GtkButton            *primary_button;
  GtkStack             *stack;
  GtkSwitch            *everything_switch;
  GtkSwitch            *device_keys_switch;
  AdwPreferencesGroup  *net_keys_group;
  AdwPreferencesGroup  *app_keys_group;
  AdwPreferencesGroup  *groups_group;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (MeshExportDialog, mesh_export_dialog, ADW_TYPE_WINDOW)

static void update_action (MeshExportDialog *self);

/* A row with a check box for one key or group; its object is the row's
 * "item". */
static void
add_choice (MeshExportDialog    *self,
            AdwPreferencesGroup *group,
            gpointer             item,
            const char          *title,
            const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (update_action), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
}

static void
add_choices (MeshExportDialog *self)
{
  GListModel *list;
  guint n;

  list = mesh_network_get_net_keys (self->network);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshNetKey) key = g_list_model_get_item (list, i);
      g_autofree char *name = mesh_format_net_key (self->network, mesh_net_key_get_index (key));
      g_autofree char *subtitle = g_strdup_printf (_("Index %u"), mesh_net_key_get_index (key));

      add_choice (self, self->net_keys_group, key, name, subtitle);
    }

  list = mesh_network_get_app_keys (self->network);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshAppKey) key = g_list_model_get_item (list, i);
      g_autofree char *name = mesh_format_app_key (self->network, mesh_app_key_get_index (key));
      g_autofree char *subtitle = g_strdup_printf (_("Index %u"), mesh_app_key_get_index (key));

      add_choice (self, self->app_keys_group, key, name, subtitle);
    }

  list = mesh_network_get_groups (self->network);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshGroup) group = g_list_model_get_item (list, i);
      g_autofree char *address = mesh_format_address (mesh_group_get_address (group)->address);

      add_choice (self, self->groups_group, group, mesh_group_get_name (group), address);
    }
}

/* Calls @func for the object of each row of @group whose box is ticked. */
static void
foreach_chosen (AdwPreferencesGroup *group,
                GFunc                func,
                gpointer             user_data)
{
  /* The rows live in the group's list box, below its title box. */
  GtkWidget *widget = GTK_WIDGET (group);
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, widget);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
      GtkWidget *check = g_object_get_data (G_OBJECT (w), "check");

      if (check != NULL)
        {
          if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
            func (g_object_get_data (G_OBJECT (w), "item"), user_data);
          continue;
        }

      for (GtkWidget *child = gtk_widget_get_first_child (w); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);
}

static void
choose_net_key (gpointer item,
                gpointer selection)
{
  mesh_cdb_selection_add_net_key (selection, mesh_net_key_get_index (item));
}

static void
choose_app_key (gpointer item,
                gpointer selection)
{
  mesh_cdb_selection_add_app_key (selection, mesh_app_key_get_index (item));
}

static void
choose_group (gpointer item,
              gpointer selection)
{
  const MeshDestination *destination = mesh_group_get_address (item);
  MeshCdbAddress address = { 0 };

  if (destination->has_label)
    {
      address.is_virtual = TRUE;
      memcpy (address.label, destination->label, sizeof address.label);
    }
  else
    {
      address.value = destination->address;
    }

  mesh_cdb_selection_add_group (selection, &address);
}

static void
count_chosen (gpointer item,
              gpointer count)
{
  (*(guint *) count)++;
}

/* A partial export needs a NetKey: nodes and AppKeys come with one. */
static void
update_action (MeshExportDialog *self)
{
  guint n_net_keys = 0;

  if (!gtk_switch_get_active (self->everything_switch))
    foreach_chosen (self->net_keys_group, count_chosen, &n_net_keys);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file",
                                 gtk_switch_get_active (self->everything_switch) || n_net_keys > 0);
}

static MeshCdbSelection *
build_selection (MeshExportDialog *self)
{
  gboolean everything = gtk_switch_get_active (self->everything_switch);
  gboolean device_keys = gtk_switch_get_active (self->device_keys_switch);
  MeshCdbSelection *selection;

  if (everything && device_keys)
    return NULL;

  selection = mesh_cdb_selection_new ();
  mesh_cdb_selection_set_device_keys (selection, device_keys);
  if (!everything)
    {
      foreach_chosen (self->net_keys_group, choose_net_key, selection);
      foreach_chosen (self->app_keys_group, choose_app_key, selection);
      foreach_chosen (self->groups_group, choose_group, selection);
    }

  return selection;
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MeshExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;
  GtkWindow *parent;

  if (!mesh_cdb_export_file_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }

      adw_status_page_set_description (self->error_page, error->message);
      mesh_gui_button_set_label (self->cancel_button, _("_Close"));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  basename = g_file_get_basename (self->file);
  message = g_strdup_printf (_("“%s” exported to %s"), mesh_network_get_name (self->network), basename);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    mesh_gui_add_toast (GTK_WIDGET (parent), message);

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
progress_cb (MeshExportDialog *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, mesh_cdb_progress_get_fraction (self->progress));
  gtk_label_set_label (self->progress_label, mesh_cdb_progress_get_text (self->progress));
}

void
mesh_export_dialog_export (MeshExportDialog *self,
                           GFile            *file)
{
  g_autoptr(MeshCdbSelection) selection = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (MESH_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  selection = build_selection (self);

  basename = g_file_get_basename (file);
  title = g_strdup_printf (_("Exporting to “%s”"), basename);
  adw_status_page_set_title (self->progress_page, title);
  gtk_widget_set_visible (GTK_WIDGET (self->primary_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "progress");

  mesh_cdb_export_file_async (self->store, self->network, selection, file, self->progress,
                              self->cancellable, exported_cb, g_object_ref (self));
}

static void
chooser_response_cb (MeshExportDialog     *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);
  if (file != NULL)
    mesh_export_dialog_export (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MeshExportDialog *self = MESH_EXPORT_DIALOG (widget);
  g_autofree char *name = g_strdup_printf ("%s.json", mesh_network_get_name (self->network));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Mesh Configuration Database"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");

  self->chooser = gtk_file_chooser_native_new (_("Export Network"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_strdelimit (name, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MeshExportDialog *self = MESH_EXPORT_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
everything_changed_cb (MeshExportDialog *self)
{
  gboolean partial = !gtk_switch_get_active (self->everything_switch);

  if (self->network == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->net_keys_group), partial);
  gtk_widget_set_visible (GTK_WIDGET (self->app_keys_group),
                          partial && g_list_model_get_n_items (mesh_network_get_app_keys (self->network)) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->groups_group),
                          partial && g_list_model_get_n_items (mesh_network_get_groups (self->network)) > 0);
  update_action (self);
}

MeshExportDialog *
mesh_export_dialog_new (MeshStore   *store,
                        MeshNetwork *network)
{
  MeshExportDialog *self;

  g_return_val_if_fail (MESH_IS_STORE (store), NULL);
  g_return_val_if_fail (MESH_IS_NETWORK (network), NULL);

  self = g_object_new (MESH_TYPE_EXPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->network = g_object_ref (network);

  adw_window_title_set_subtitle (self->window_title, mesh_network_get_name (network));
  add_choices (self);

  return self;
}

const char *
mesh_export_dialog_get_page (MeshExportDialog *self)
{
  g_return_val_if_fail (MESH_IS_EXPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
mesh_export_dialog_dispose (GObject *object)
{
  MeshExportDialog *self = MESH_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->network);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->progress);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (mesh_export_dialog_parent_class)->dispose (object);
}

static void
mesh_export_dialog_class_init (MeshExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mesh_export_dialog_dispose;

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, primary_button);
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, everything_switch);
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, device_keys_switch);
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, net_keys_group);
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, app_keys_group);
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, groups_group);
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, MeshExportDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, everything_changed_cb);
}

static void
mesh_export_dialog_init (MeshExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->progress = mesh_cdb_progress_new ();
  g_signal_connect_object (self->progress, "notify", G_CALLBACK (progress_cb), self, G_CONNECT_SWAPPED);
}
