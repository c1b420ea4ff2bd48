/* mesh-provision-dialog.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The provisioning dialog's shell: its pages and buttons, the request it
 * follows, closing (which cancels), and the public API. The pages live in
 * mesh-provision-dialog-auth.c ("method" and "prompt") and
 * mesh-provision-dialog-steps.c ("progress", "done" and "failed"). */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-device-format.h"
#include "mesh-format.h"
#include "mesh-gui-util.h"
#include "mesh-provision-dialog-private.h"

G_DEFINE_FINAL_TYPE (MeshProvisionDialog, mesh_provision_dialog, ADW_TYPE_WINDOW)

static void
set_primary (MeshProvisionDialog *self,
             const char          *label,
             const char          *action)
{
  gtk_widget_set_visible (GTK_WIDGET (self->primary_button), label != NULL);
  if (label == NULL)
    return;

  mesh_gui_button_set_label (self->primary_button, label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->primary_button), action);
  /* Hiding it made the window forget its default widget. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->primary_button));
}

/* The node a device was heard through (a Remote Provisioning Server):
 * the dialog provisions it through that node. The row is not in the
 * shared struct; the template keeps it by name. */
static void
update_via_cb (MeshProvisionDialog *self)
{
  GObject *row = gtk_widget_get_template_child (GTK_WIDGET (self), MESH_TYPE_PROVISION_DIALOG, "via_row");
  MeshNetwork *network = mesh_session_get_network (self->session);
  guint16 via = mesh_scanned_device_get_via (self->device);
  MeshNode *node = network != NULL && via != 0 ? mesh_network_find_node_by_address (network, via) : NULL;
  g_autofree char *server = NULL;

  server = node != NULL ? mesh_format_server_choice (node) : mesh_format_server_name (network, via);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), server);
  gtk_widget_set_visible (GTK_WIDGET (row), via != 0);
}

/* The subnets the device can join: the network's NetKeys, or through a
 * server those it knows (it talks to the new node over one of them). The
 * choice shows only when there is one to make; it starts at the subnet
 * the provisioning would pick by itself. */
static void
update_subnets_cb (MeshProvisionDialog *self)
{
  MeshNetwork *network = mesh_session_get_network (self->session);
  guint16 via = mesh_scanned_device_get_via (self->device);
  MeshNode *server = network != NULL && via != 0 ? mesh_network_find_node_by_address (network, via) : NULL;
  GListModel *keys = network != NULL ? mesh_network_get_net_keys (network) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint16 preferred = server != NULL ? mesh_node_get_reach_net_index (server) : 0;
  guint n = keys != NULL ? g_list_model_get_n_items (keys) : 0;
  guint selected = 0;

  g_array_set_size (self->subnet_indexes, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshNetKey) key = g_list_model_get_item (keys, i);
      guint16 index = mesh_net_key_get_index (key);
      g_autofree char *name = NULL;

      if (server != NULL && !mesh_node_has_net_key (server, index))
        continue;

      name = mesh_format_net_key (network, index);
      if (index == preferred)
        selected = self->subnet_indexes->len;
      g_array_append_val (self->subnet_indexes, index);
      gtk_string_list_append (names, name);
    }

  adw_combo_row_set_model (self->subnet_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->subnet_row, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->subnet_row), self->subnet_indexes->len > 1);
}

/* Actions */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (widget);

  gtk_window_close (GTK_WINDOW (self));
}

static void
open_node_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  MeshNode *node = self->request ? mesh_provision_request_get_node (self->request) : NULL;

  if (parent != NULL && node != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-node", "s", mesh_node_get_uuid (node));

  gtk_window_destroy (GTK_WINDOW (self));
}

/* Callbacks */

static void
page_changed_cb (MeshProvisionDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean running = self->request != NULL && !mesh_provision_request_is_finished (self->request);

  if (g_strcmp0 (page, "method") == 0)
    set_primary (self, _("_Provision"), "provision.start");
  else if (g_strcmp0 (page, "prompt") == 0)
    set_primary (self, _("_Continue"), "provision.answer");
  else if (g_strcmp0 (page, "done") == 0)
    set_primary (self, _("_Open Node"), "provision.open-node");
  else if (g_strcmp0 (page, "failed") == 0)
    set_primary (self, _("_Retry"), "provision.retry");
  else
    set_primary (self, NULL, NULL);

  mesh_gui_button_set_label (self->cancel_button, running || g_strcmp0 (page, "method") == 0
                                             ? _("_Cancel") : _("_Close"));
}

static gboolean
mesh_provision_dialog_close_request (GtkWindow *window)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (window);

  /* Closing cancels: the dialog goes once meshd has let go of the device. */
  if (self->request != NULL && !mesh_provision_request_is_finished (self->request))
    {
      if (!self->cancelling)
        {
          self->cancelling = TRUE;
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "provision.cancel", FALSE);
          _mesh_provision_dialog_update_steps (self);
          mesh_provision_request_cancel (self->request);
        }
      return TRUE;
    }

  return GTK_WINDOW_CLASS (mesh_provision_dialog_parent_class)->close_request (window);
}

void
_mesh_provision_dialog_show_page (MeshProvisionDialog *self,
                                  const char          *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
}

void
_mesh_provision_dialog_clear_request (MeshProvisionDialog *self)
{
  g_signal_group_set_target (self->request_signals, NULL);
  g_signal_group_set_target (self->oob_signals, NULL);
  g_clear_object (&self->request);
  g_clear_object (&self->oob);
}

/* Shows the progress of self->request from now on. */
void
_mesh_provision_dialog_show_progress (MeshProvisionDialog *self)
{
  g_signal_group_set_target (self->request_signals, self->request);
  _mesh_provision_dialog_show_page (self, "progress");
  _mesh_provision_dialog_step_cb (self);
  _mesh_provision_dialog_oob_request_cb (self);
}

MeshProvisionDialog *
mesh_provision_dialog_new (MeshSession       *session,
                           MeshScannedDevice *device)
{
  MeshProvisionDialog *self;

  g_return_val_if_fail (MESH_IS_SESSION (session), NULL);
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (device), NULL);

  self = g_object_new (MESH_TYPE_PROVISION_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->device = g_object_ref (device);
  self->device_name = mesh_format_device_name (mesh_scanned_device_get_uuid_string (device));

  adw_window_title_set_subtitle (self->window_title, self->device_name);
  _mesh_provision_dialog_init_method_page (self);
  update_via_cb (self);
  update_subnets_cb (self);
  g_signal_connect_object (device, "notify::via", G_CALLBACK (update_via_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (device, "notify::via", G_CALLBACK (update_subnets_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

void
_mesh_provision_dialog_follow (MeshProvisionDialog  *self,
                               MeshProvisionRequest *request)
{
  g_return_if_fail (MESH_IS_PROVISION_DIALOG (self));
  g_return_if_fail (MESH_IS_PROVISION_REQUEST (request));

  _mesh_provision_dialog_clear_request (self);
  self->method = _mesh_provision_dialog_get_method (self);
  self->reached = MESH_PROVISION_STEP_QUEUED;
  self->authenticated = FALSE;
  self->cancelling = FALSE;
  self->request = g_object_ref (request);
  _mesh_provision_dialog_show_progress (self);
}

guint16
_mesh_provision_dialog_get_net_index (MeshProvisionDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->subnet_row);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->subnet_row))
      || selected >= self->subnet_indexes->len)
    return MESH_PROVISIONING_ANY_NET_INDEX;

  return g_array_index (self->subnet_indexes, guint16, selected);
}

const char *
mesh_provision_dialog_get_page (MeshProvisionDialog *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

MeshProvisionRequest *
mesh_provision_dialog_get_request (MeshProvisionDialog *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_DIALOG (self), NULL);

  return self->request;
}

static void
mesh_provision_dialog_show (GtkWidget *widget)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (widget);

  GTK_WIDGET_CLASS (mesh_provision_dialog_parent_class)->show (widget);

  if (_mesh_provision_dialog_get_method (self) == MESH_PROVISION_METHOD_STATIC)
    gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
mesh_provision_dialog_dispose (GObject *object)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (object);

  /* A provisioning still under way when the window goes is cancelled. */
  if (self->request != NULL && !mesh_provision_request_is_finished (self->request))
    mesh_provision_request_cancel (self->request);
  if (self->request_signals != NULL)
    _mesh_provision_dialog_clear_request (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_PROVISION_DIALOG);
  g_clear_object (&self->request_signals);
  g_clear_object (&self->oob_signals);
  g_clear_object (&self->session);
  g_clear_object (&self->device);
  g_clear_pointer (&self->device_name, g_free);
  g_clear_pointer (&self->subnet_indexes, g_array_unref);

  G_OBJECT_CLASS (mesh_provision_dialog_parent_class)->dispose (object);
}

static void
mesh_provision_dialog_class_init (MeshProvisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mesh_provision_dialog_dispose;
  widget_class->show = mesh_provision_dialog_show;
  window_class->close_request = mesh_provision_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-provision-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, primary_button);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, method_group);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, uuid_row);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, oob_row);
  gtk_widget_class_bind_template_child_full (widget_class, "via_row", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, subnet_row);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, static_check);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, output_check);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, input_check);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, auto_check);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, none_check);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, key_group);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, key_hint);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, prompt_page);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, answer_row);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, answer_hint);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, display_box);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, display_prompt);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, display_value);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, steps_group);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, progress_note);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, failed_page);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);

  /* "provision.start", "provision.answer", "provision.retry" and the
   * method page's template callbacks. */
  _mesh_provision_dialog_class_init_auth (widget_class);
  gtk_widget_class_install_action (widget_class, "provision.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "provision.open-node", NULL, open_node_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "provision.cancel", NULL);
}

static void
mesh_provision_dialog_init (MeshProvisionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->subnet_indexes = g_array_new (FALSE, FALSE, sizeof (guint16));

  _mesh_provision_dialog_create_step_rows (self);
  mesh_gui_entry_row_set_accessible_label (self->key_row, _("Static Key"));
  mesh_gui_entry_row_set_accessible_label (self->answer_row, _("Value"));

  self->request_signals = g_signal_group_new (MESH_TYPE_PROVISION_REQUEST);
  g_signal_group_connect_swapped (self->request_signals, "notify::step",
                                  G_CALLBACK (_mesh_provision_dialog_step_cb), self);
  g_signal_group_connect_swapped (self->request_signals, "notify::oob-request",
                                  G_CALLBACK (_mesh_provision_dialog_oob_request_cb), self);
  self->oob_signals = g_signal_group_new (MESH_TYPE_OOB_REQUEST);
  g_signal_group_connect_swapped (self->oob_signals, "notify::state",
                                  G_CALLBACK (_mesh_provision_dialog_oob_state_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "provision.answer", FALSE);
  page_changed_cb (self);
}
