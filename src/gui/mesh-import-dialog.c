/* mesh-import-dialog.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-cdb-import.h"
#include "mesh-gui-util.h"
#include "mesh-import-dialog.h"

struct _MeshImportDialog
{
  AdwWindow            parent_instance;

  MeshSession         *session;
  GFile               *file;
  GCancellable        *cancellable;
  MeshCdbProgress     *progress;
  MeshNetwork         *network;
  /* The network is in the database but could not go into meshd. */
  gboolean             offline;
  /* Merged into a network this computer already provisions: nothing to
   * put into meshd. */
  gboolean             ours;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *primary_button;
  GtkStack            *stack;
  AdwStatusPage       *progress_page;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  GtkLabel            *result_title;
  GtkLabel            *result_summary;
  AdwPreferencesGroup *provisioner_group;
  AdwPreferencesGroup *conflicts_group;
  AdwStatusPage       *error_page;
};

G_DEFINE_FINAL_TYPE (MeshImportDialog, mesh_import_dialog, ADW_TYPE_WINDOW)

enum {
  NETWORK_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_primary (MeshImportDialog *self,
             const char       *label)
{
  gtk_widget_set_visible (GTK_WIDGET (self->primary_button), label != NULL);
  if (label != NULL)
    {
      mesh_gui_button_set_label (self->primary_button, label);
      /* Hidden, it was no longer the window's default widget. */
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->primary_button));
    }
  mesh_gui_button_set_label (self->cancel_button, _("_Close"));
}

static void
show_error (MeshImportDialog *self,
            const char       *title,
            const char       *message)
{
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
add_conflicts (MeshImportDialog    *self,
               MeshCdbImportResult *result)
{
  GListModel *conflicts = mesh_cdb_import_result_get_conflicts (result);
  guint n = g_list_model_get_n_items (conflicts);

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), n > 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshCdbConflict) conflict = g_list_model_get_item (conflicts, i);
      gboolean fatal = mesh_cdb_conflict_get_fatal (conflict);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (fatal ? "dialog-error-symbolic"
                                                            : "emblem-ok-symbolic");

      gtk_widget_add_css_class (icon, fatal ? "error" : "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      fatal ? _("Stops the import") : _("Kept as the network has it"),
                                      -1);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mesh_cdb_conflict_get_message (conflict));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   fatal ? _("Stops the import") : _("Kept as the network has it"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->conflicts_group, row);
    }
}

static char *
ranges_text (MeshProvisioner *provisioner)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;
  const MeshAddressRange *ranges = mesh_provisioner_get_ranges (provisioner,
                                                                MESH_RANGE_KIND_UNICAST, &n);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, C_("list separator", ", "));
      g_string_append_printf (text, "%04X–%04X", ranges[i].low, ranges[i].high);
    }

  /* Translators: %s is a list of address ranges, like 0001–3FFF */
  return n > 0 ? g_strdup_printf (_("Unicast addresses %s"), text->str)
               : g_strdup (_("No unicast addresses"));
}

/* The file's provisioners, next to which this computer becomes one. */
static void
add_provisioners (MeshImportDialog *self)
{
  GListModel *provisioners = mesh_network_get_provisioners (self->network);
  guint n = g_list_model_get_n_items (provisioners);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshProvisioner) provisioner = g_list_model_get_item (provisioners, i);
      g_autofree char *subtitle = ranges_text (provisioner);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     mesh_provisioner_get_name (provisioner));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (self->provisioner_group, row);
    }
}

static void
show_result (MeshImportDialog    *self,
             MeshCdbImportResult *result)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint nodes = mesh_cdb_import_result_get_n_nodes_added (result);
  guint keys = mesh_cdb_import_result_get_n_keys_added (result);
  guint groups = mesh_cdb_import_result_get_n_groups_added (result);

  g_set_object (&self->network, mesh_cdb_import_result_get_network (result));
  gtk_label_set_label (self->result_title, mesh_network_get_name (self->network));

  g_string_append_printf (summary, ngettext ("%u node", "%u nodes", nodes), nodes);
  g_string_append (summary, C_("list separator", ", "));
  g_string_append_printf (summary, ngettext ("%u key", "%u keys", keys), keys);
  g_string_append (summary, C_("list separator", ", "));
  g_string_append_printf (summary, ngettext ("%u group", "%u groups", groups), groups);
  g_string_append (summary, ". ");

  self->ours = mesh_cdb_import_result_get_merged (result)
               && mesh_network_get_local_provisioner_uuid (self->network) != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->provisioner_group), !self->ours);
  if (self->ours)
    g_string_append (summary, _("It was merged into the network this computer already "
                                "provisions."));
  else
    {
      add_provisioners (self);
      g_string_append (summary, _("This computer joins it as a new provisioner, with addresses "
                                  "of its own, next to the provisioners below."));
    }
  set_primary (self, _("_Open Network"));

  gtk_label_set_label (self->result_summary, summary->str);
  add_conflicts (self, result);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MeshImportDialog) self = user_data;
  g_autoptr(MeshCdbImportResult) import = NULL;
  g_autoptr(GError) error = NULL;

  if (!mesh_cdb_import_finish (result, &import, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }

      set_primary (self, NULL);
      if (import != NULL && mesh_cdb_import_result_get_n_fatal (import) > 0)
        {
          /* The differences say why: list them. */
          gtk_label_set_label (self->result_title, _("Nothing Was Imported"));
          gtk_label_set_label (self->result_summary, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->provisioner_group), FALSE);
          add_conflicts (self, import);
          gtk_stack_set_visible_child_name (self->stack, "result");
        }
      else
        {
          show_error (self, _("Could Not Import the File"), error->message);
        }
      return;
    }

  show_result (self, import);
}

static void
progress_cb (MeshImportDialog *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, mesh_cdb_progress_get_fraction (self->progress));
  gtk_label_set_label (self->progress_label, mesh_cdb_progress_get_text (self->progress));
}

static void
ready (MeshImportDialog *self)
{
  g_signal_emit (self, signals[NETWORK_READY], 0, self->network);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
network_imported_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MeshImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mesh_session_import_network_finish (MESH_SESSION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The network is in the database: it can still be shown. */
      self->offline = TRUE;
      set_primary (self, _("_Show Network"));
      show_error (self, _("Not Connected to bluetooth-meshd"), error->message);
      return;
    }

  ready (self);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MeshImportDialog *self = MESH_IMPORT_DIALOG (widget);
  g_autofree char *title = NULL;

  if (self->network == NULL)
    return;

  if (self->offline || self->ours)
    {
      ready (self);
      return;
    }

  title = g_strdup_printf (_("Opening “%s”"), mesh_network_get_name (self->network));
  adw_status_page_set_title (self->progress_page, title);
  gtk_progress_bar_pulse (self->progress_bar);
  gtk_label_set_label (self->progress_label, _("Putting the network into bluetooth-meshd…"));
  gtk_widget_set_visible (GTK_WIDGET (self->primary_button), FALSE);
  mesh_gui_button_set_label (self->cancel_button, _("_Cancel"));
  gtk_stack_set_visible_child_name (self->stack, "progress");

  mesh_session_import_network_async (self->session, self->network, self->cancellable,
                                     network_imported_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MeshImportDialog *self = MESH_IMPORT_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
  gtk_window_destroy (GTK_WINDOW (self));
}

MeshImportDialog *
mesh_import_dialog_new (MeshSession *session,
                        GFile       *file)
{
  MeshImportDialog *self;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (MESH_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (MESH_TYPE_IMPORT_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->file = g_object_ref (file);

  basename = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, basename);
  title = g_strdup_printf (_("Importing “%s”"), basename);
  adw_status_page_set_title (self->progress_page, title);

  mesh_cdb_import_file_async (mesh_session_get_store (session), file, self->progress,
                              self->cancellable, imported_cb, g_object_ref (self));

  return self;
}

const char *
mesh_import_dialog_get_page (MeshImportDialog *self)
{
  g_return_val_if_fail (MESH_IS_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
mesh_import_dialog_dispose (GObject *object)
{
  MeshImportDialog *self = MESH_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->session);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->progress);
  g_clear_object (&self->network);

  G_OBJECT_CLASS (mesh_import_dialog_parent_class)->dispose (object);
}

static void
mesh_import_dialog_class_init (MeshImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mesh_import_dialog_dispose;

  /**
   * MeshImportDialog::network-ready:
   * @network: the imported network, in the session's store
   */
  signals[NETWORK_READY] =
    g_signal_new ("network-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MESH_TYPE_NETWORK);

  gtk_widget_class_install_action (widget_class, "import.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MeshImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MeshImportDialog, primary_button);
  gtk_widget_class_bind_template_child (widget_class, MeshImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MeshImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, MeshImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MeshImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, MeshImportDialog, result_title);
  gtk_widget_class_bind_template_child (widget_class, MeshImportDialog, result_summary);
  gtk_widget_class_bind_template_child (widget_class, MeshImportDialog, provisioner_group);
  gtk_widget_class_bind_template_child (widget_class, MeshImportDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, MeshImportDialog, error_page);
}

static void
mesh_import_dialog_init (MeshImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->progress = mesh_cdb_progress_new ();
  g_signal_connect_object (self->progress, "notify", G_CALLBACK (progress_cb), self, G_CONNECT_SWAPPED);
}
