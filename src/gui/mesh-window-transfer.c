/* mesh-window-transfer.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-export-dialog.h"
#include "mesh-import-dialog.h"
#include "mesh-window-private.h"

/* Import Network… and Export Network…: the file chooser, then the dialog
 * that runs the transfer with its progress. */

static void
import_dialog_destroyed_cb (MeshWindow *self)
{
  self->adding_network = FALSE;
  _mesh_window_actions_update (self);
}

static void
network_ready_cb (MeshWindow  *self,
                  MeshNetwork *network)
{
  self->adding_network = FALSE;
  mesh_window_set_network (self, mesh_session_get_store (self->session), network);
}

/* The dialog shows the progress and the outcome. */
void
mesh_window_import_file (MeshWindow *self,
                         GFile      *file)
{
  MeshImportDialog *dialog;

  g_return_if_fail (MESH_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (_mesh_window_can_add_network (self));

  self->adding_network = TRUE;
  _mesh_window_actions_update (self);

  dialog = mesh_import_dialog_new (self->session, file);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "network-ready", G_CALLBACK (network_ready_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (import_dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_response_cb (GtkFileChooserNative *chooser,
                    int                   response,
                    MeshWindow           *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && _mesh_window_can_add_network (self))
    mesh_window_import_file (self, file);

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

void
_mesh_window_import_network (MeshWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Mesh Configuration Database"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = gtk_file_chooser_native_new (_("Import Network"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_mesh_window_export_network (MeshWindow *self)
{
  MeshExportDialog *dialog;

  if (self->store == NULL || self->network == NULL)
    return;

  dialog = mesh_export_dialog_new (self->store, self->network);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}
