/* mesh-window-session.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-error.h"
#include "mesh-gui-util.h"
#include "mesh-session-controller.h"
#include "mesh-window-private.h"

/* The window's online session: the MeshSession it opens on its database
 * (so the store the pages show is the session's), the network opened in
 * bluetooth-meshd once the window has loaded it, the controller that lets
 * the pages act on the nodes, the banner that says what is wrong with
 * bluetooth-meshd, and creating a network. Import and export are in
 * mesh-window-transfer.c. */

static void
set_offline_message (MeshWindow *self,
                     const char *message)
{
  g_free (self->offline_message);
  self->offline_message = g_strdup (message);
  _mesh_window_update_banner (self);
}

void
_mesh_window_update_banner (MeshWindow *self)
{
  MeshDaemon *daemon;
  const char *message = NULL;
  gboolean retry = FALSE;

  if (self->session == NULL)
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      return;
    }

  daemon = mesh_session_get_daemon (self->session);

  if (self->offline_message != NULL)
    {
      message = self->offline_message;
      retry = self->network != NULL;
    }
  else
    {
      switch (mesh_daemon_get_state (daemon))
        {
        case MESH_DAEMON_STATE_NO_DAEMON:
          /* The client connects by itself when meshd appears. */
          message = mesh_daemon_get_state_message (daemon);
          break;

        case MESH_DAEMON_STATE_REFUSED:
        case MESH_DAEMON_STATE_FAILED:
          message = mesh_daemon_get_state_message (daemon);
          retry = self->network != NULL;
          break;

        case MESH_DAEMON_STATE_DETACHED:
        case MESH_DAEMON_STATE_CONNECTING:
        case MESH_DAEMON_STATE_ATTACHED:
        default:
          break;
        }
    }

  if (message != NULL)
    gtk_label_set_label (self->banner_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), retry);
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
  _mesh_window_actions_update (self);
}

static void
daemon_state_cb (MeshWindow *self)
{
  _mesh_window_update_banner (self);
}

static void
network_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MeshWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  MeshSession *session = MESH_SESSION (object);

  self->opening_network = FALSE;

  if (!mesh_session_open_network_finish (session, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_offline_message (self, error->message);
      return;
    }

  _mesh_window_network_loaded (self);
}

/* Once the window shows a network of the session's store, the session
 * opens it in bluetooth-meshd; then the pages can act on its nodes. */
void
_mesh_window_network_loaded (MeshWindow *self)
{
  MeshNetwork *open;

  if (self->session == NULL || self->network == NULL
      || self->store != mesh_session_get_store (self->session))
    return;

  open = mesh_session_get_network (self->session);
  if (open == self->network)
    {
      g_autoptr(MeshSessionController) controller = NULL;

      set_offline_message (self, NULL);
      if (self->controller == NULL)
        {
          controller = mesh_session_controller_new (self->session);
          mesh_window_set_controller (self, MESH_NETWORK_CONTROLLER (controller));
        }
      return;
    }

  if (open != NULL || self->opening_network)
    return;

  self->opening_network = TRUE;
  mesh_session_open_network_async (self->session, self->network, self->session_cancellable,
                                   network_opened_cb, g_object_ref (self));
}

/**
 * mesh_window_set_session:
 * @session: the application's session, on the store it opened
 *
 * Shows the session's network (one network per window for now: the
 * store's first) and lets the pages act on it once bluetooth-meshd has it.
 */
void
mesh_window_set_session (MeshWindow  *self,
                         MeshSession *session)
{
  g_autoptr(MeshNetwork) network = NULL;
  MeshStore *store;

  g_return_if_fail (MESH_IS_WINDOW (self));
  g_return_if_fail (MESH_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify::daemon-state", G_CALLBACK (daemon_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::daemon-message", G_CALLBACK (daemon_state_cb), self,
                           G_CONNECT_SWAPPED);
  mesh_devices_page_set_session (self->devices_page, session);

  store = mesh_session_get_store (session);
  network = g_list_model_get_item (mesh_store_get_networks (store), 0);
  mesh_window_set_network (self, store, network);
  _mesh_window_update_banner (self);
}

void
_mesh_window_session_dispose (MeshWindow *self)
{
  g_cancellable_cancel (self->session_cancellable);
  if (self->devices_page != NULL)
    mesh_devices_page_set_session (self->devices_page, NULL);
  g_clear_object (&self->session);
  g_clear_object (&self->session_cancellable);
  g_clear_pointer (&self->offline_message, g_free);
}

/* Retry: attach again, or open the network again. */
void
_mesh_window_reconnect (MeshWindow *self)
{
  MeshNetwork *open;

  if (self->session == NULL || self->network == NULL)
    return;

  open = mesh_session_get_network (self->session);
  if (open == NULL)
    {
      set_offline_message (self, NULL);
      _mesh_window_network_loaded (self);
    }
  else
    {
      mesh_daemon_attach_async (mesh_session_get_daemon (self->session),
                                mesh_network_get_uuid (open), NULL, NULL, NULL);
    }
}

/* A network is created or imported into an empty window, with
 * bluetooth-meshd there to take it. */
gboolean
_mesh_window_can_add_network (MeshWindow *self)
{
  return self->session != NULL && self->network == NULL && !self->adding_network
         && mesh_session_get_network (self->session) == NULL
         && mesh_daemon_get_state (mesh_session_get_daemon (self->session)) == MESH_DAEMON_STATE_DETACHED;
}

MeshSession *
mesh_window_get_session (MeshWindow *self)
{
  g_return_val_if_fail (MESH_IS_WINDOW (self), NULL);

  return self->session;
}

/* Creating a network */

static void
show_failure_dialog (MeshWindow *self,
                     const char *heading,
                     const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
network_created_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MeshWindow) self = user_data;
  g_autoptr(MeshNetwork) network = NULL;
  g_autoptr(GError) error = NULL;

  self->adding_network = FALSE;
  network = mesh_session_create_network_finish (MESH_SESSION (object), result, &error);
  if (network == NULL)
    {
      mesh_window_show_section (self, "welcome");
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failure_dialog (self, _("Could Not Create the Network"), error->message);
      _mesh_window_actions_update (self);
      return;
    }

  mesh_window_set_network (self, mesh_session_get_store (MESH_SESSION (object)), network);
}

void
_mesh_window_create_network (MeshWindow *self,
                             const char *name)
{
  g_autofree char *progress = NULL;

  g_return_if_fail (_mesh_window_can_add_network (self));

  self->adding_network = TRUE;
  progress = g_strdup_printf (_("Creating “%s” in bluetooth-meshd…"), name);
  gtk_label_set_label (self->loading_label, progress);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  _mesh_window_actions_update (self);

  mesh_session_create_network_async (self->session, name, self->session_cancellable,
                                     network_created_cb, g_object_ref (self));
}

static void
create_response_cb (MeshWindow       *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "name-entry");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (name[0] != '\0' && _mesh_window_can_add_network (self))
    _mesh_window_create_network (self, name);
}

static void
name_changed_cb (AdwMessageDialog *dialog,
                 GtkEditable      *entry)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "create", name[0] != '\0');
}

void
_mesh_window_ask_create_network (MeshWindow *self)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  entry = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Name"));
  g_object_set (entry, "activates-default", TRUE, NULL);
  mesh_gui_entry_row_set_accessible_label (ADW_ENTRY_ROW (entry), _("Network Name"));

  dialog = mesh_gui_form_dialog_new (GTK_WIDGET (self), _("New Network"),
                                     _("A new Bluetooth mesh network with its own keys, kept in "
                                       "bluetooth-meshd and your keyring. This computer becomes "
                                       "its first provisioner."),
                                     "create", _("C_reate"), entry, NULL);
  g_object_set_data (G_OBJECT (dialog), "name-entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (name_changed_cb), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response::create", G_CALLBACK (create_response_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}
