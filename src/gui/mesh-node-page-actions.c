/* mesh-node-page-actions.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-address-row.h"
#include "mesh-format.h"
#include "mesh-gui-util.h"
#include "mesh-node-page-private.h"
#include "mesh-publication-dialog.h"

/* The node's actions. Those that talk to the network run through the
 * MeshNetworkController, one at a time: the page shows what runs, the
 * model's row spins, and what the page shows afterwards is what the
 * controller wrote from the node's answer. A failure becomes a toast. */

typedef gboolean (*FinishFunc) (MeshNetworkController  *controller,
                                GAsyncResult           *result,
                                GError                **error);

typedef struct
{
  MeshNodePage *self;
  GCancellable *cancellable;
  FinishFunc    finish;
  /* Reset and remove: the node is gone, back to the list. */
  gboolean      leave;
} Operation;

static void
operation_free (Operation *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->cancellable);
  g_free (op);
}

static Operation *
begin_operation (MeshNodePage *self,
                 gpointer      busy_object,
                 FinishFunc    finish,
                 const char   *progress,
                 const char   *failure)
{
  Operation *op = g_new0 (Operation, 1);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->busy_object, busy_object);
  g_free (self->failure);
  self->failure = g_strdup (failure);

  gtk_label_set_label (self->progress_label, progress);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);

  _mesh_node_page_actions_update (self);
  _mesh_node_page_update_rows (self);
  _mesh_node_page_notify_busy (self);

  op->self = g_object_ref (self);
  op->cancellable = g_object_ref (self->cancellable);
  op->finish = finish;

  return op;
}

static void
end_operation (Operation *op,
               GError    *error)
{
  MeshNodePage *self = op->self;
  g_autofree char *message = NULL;

  /* The page moved on to another node (or another action) meanwhile. */
  if (self->cancellable != op->cancellable)
    return;

  g_clear_object (&self->busy_object);
  g_clear_object (&self->cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);

  _mesh_node_page_actions_update (self);
  _mesh_node_page_update_rows (self);
  _mesh_node_page_notify_busy (self);

  if (error == NULL)
    {
      if (op->leave)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-section", "s", "nodes");
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  message = g_strdup_printf ("%s %s", self->failure, error->message);
  mesh_gui_add_toast (GTK_WIDGET (self), message);
}

static void
operation_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Operation *op = user_data;
  g_autoptr(GError) error = NULL;

  op->finish (MESH_NETWORK_CONTROLLER (object), result, &error);
  end_operation (op, error);
  operation_free (op);
}

static void
set_onoff_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Operation *op = user_data;
  g_autoptr(GError) error = NULL;
  gboolean is_on = FALSE;

  if (mesh_network_controller_set_onoff_finish (MESH_NETWORK_CONTROLLER (object), result, &is_on, &error) &&
      op->self->cancellable == op->cancellable)
    op->self->onoff_status = is_on ? _("On, as the node reported") : _("Off, as the node reported");
  end_operation (op, error);
  operation_free (op);
}

static MeshModel *
find_model (MeshNodePage *self,
            GVariant     *param)
{
  guint32 element_index;
  guint32 model_id;
  gboolean vendor;
  MeshElement *element;

  if (self->node == NULL)
    return NULL;

  g_variant_get_child (param, 0, "u", &element_index);
  g_variant_get_child (param, 1, "u", &model_id);
  g_variant_get_child (param, 2, "b", &vendor);

  element = mesh_node_get_element (self->node, element_index);
  if (element == NULL)
    return NULL;

  return mesh_element_find_model (element, model_id, vendor);
}

static guint16
param_uint16 (GVariant *param)
{
  guint16 value;

  g_variant_get_child (param, 3, "q", &value);

  return value;
}

static GtkWindow *
get_window (MeshNodePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_menu_button_popup (MESH_NODE_PAGE (widget)->rename_button);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  g_cancellable_cancel (MESH_NODE_PAGE (widget)->cancellable);
}

static void
refresh_composition_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  MeshNodePage *self = MESH_NODE_PAGE (widget);
  Operation *op;

  op = begin_operation (self, self->node,
                        mesh_network_controller_refresh_composition_finish,
                        _("Reading the node’s composition…"),
                        _("Could not read the composition."));
  mesh_network_controller_refresh_composition_async (self->controller, self->node, op->cancellable,
                                                     operation_done_cb, op);
}

static void
set_onoff_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MeshNodePage *self = MESH_NODE_PAGE (widget);
  MeshElement *element = mesh_gui_node_find_onoff_server (self->node);
  gboolean on = g_variant_get_boolean (param);
  Operation *op;

  if (element == NULL)
    return;

  op = begin_operation (self, element, NULL,
                        on ? _("Turning the node on…") : _("Turning the node off…"),
                        on ? _("Could not turn the node on.") : _("Could not turn the node off."));
  mesh_network_controller_set_onoff_async (self->controller, element, on, op->cancellable,
                                           set_onoff_done_cb, op);
}

static void
reset_response_cb (MeshNodePage *self)
{
  Operation *op;

  if (self->node == NULL || self->controller == NULL || self->busy_object != NULL)
    return;

  op = begin_operation (self, self->node,
                        mesh_network_controller_reset_node_finish,
                        _("Resetting the node…"),
                        _("Could not reset the node."));
  op->leave = TRUE;
  mesh_network_controller_reset_node_async (self->controller, self->node, op->cancellable,
                                            operation_done_cb, op);
}

static void
remove_response_cb (MeshNodePage *self)
{
  Operation *op;

  if (self->node == NULL || self->controller == NULL || self->busy_object != NULL)
    return;

  op = begin_operation (self, self->node,
                        mesh_network_controller_remove_node_finish,
                        _("Removing the node…"),
                        _("Could not remove the node."));
  op->leave = TRUE;
  mesh_network_controller_remove_node_async (self->controller, self->node, op->cancellable,
                                             operation_done_cb, op);
}

static void
confirm (MeshNodePage *self,
         const char   *heading,
         const char   *body,
         const char   *response,
         const char   *label,
         GCallback     confirmed)
{
  AdwMessageDialog *dialog;
  g_autofree char *detailed = g_strdup_printf ("response::%s", response);

  dialog = mesh_gui_confirm_dialog_new (GTK_WIDGET (self), heading, body, response, label);
  g_signal_connect_object (dialog, detailed, confirmed, self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  MeshNodePage *self = MESH_NODE_PAGE (widget);
  g_autofree char *heading = g_strdup_printf (_("Reset “%s”?"), self->title);

  confirm (self, heading,
           _("The node forgets its keys and configuration and leaves the network. "
             "It can then be provisioned again, into this network or another."),
           "reset", _("_Reset"), G_CALLBACK (reset_response_cb));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MeshNodePage *self = MESH_NODE_PAGE (widget);
  g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), self->title);

  confirm (self, heading,
           _("Remove a node that is gone or broken: the network forgets it without telling it. "
             "A node that still works keeps its keys until the network’s keys are refreshed; "
             "reset it instead."),
           "remove", _("_Remove"), G_CALLBACK (remove_response_cb));
}

/* Bind and unbind: the same but for the verb. */
static void
change_binding (MeshNodePage *self,
                GVariant     *param,
                gboolean      bind)
{
  MeshModel *model = find_model (self, param);
  guint16 index = param_uint16 (param);
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  g_autofree char *progress = NULL;
  Operation *op;

  if (model == NULL)
    return;

  key = mesh_format_app_key (mesh_node_get_network (self->node), index);
  name = mesh_format_model_name (model);

  if (bind)
    {
      /* Translators: Binding “AppKey name” to Generic OnOff Server… */
      progress = g_strdup_printf (_("Binding “%s” to %s…"), key, name);
      op = begin_operation (self, model, mesh_network_controller_bind_app_key_finish,
                            progress, _("Could not bind the AppKey."));
      mesh_network_controller_bind_app_key_async (self->controller, model, index, op->cancellable,
                                                  operation_done_cb, op);
    }
  else
    {
      progress = g_strdup_printf (_("Unbinding “%s” from %s…"), key, name);
      op = begin_operation (self, model, mesh_network_controller_unbind_app_key_finish,
                            progress, _("Could not unbind the AppKey."));
      mesh_network_controller_unbind_app_key_async (self->controller, model, index, op->cancellable,
                                                    operation_done_cb, op);
    }
}

static void
bind_app_key_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  change_binding (MESH_NODE_PAGE (widget), param, TRUE);
}

static void
unbind_app_key_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  change_binding (MESH_NODE_PAGE (widget), param, FALSE);
}

static void
add_subscription (MeshNodePage          *self,
                  MeshModel             *model,
                  const MeshDestination *destination)
{
  g_autofree char *name = mesh_format_model_name (model);
  g_autofree char *group = mesh_format_destination (mesh_node_get_network (self->node), destination);
  g_autofree char *progress = g_strdup_printf (_("Subscribing %s to %s…"), name, group);
  Operation *op;

  op = begin_operation (self, model, mesh_network_controller_add_subscription_finish,
                        progress, _("Could not add the subscription."));
  mesh_network_controller_add_subscription_async (self->controller, model, destination, op->cancellable,
                                                  operation_done_cb, op);
}

static void
subscription_response_cb (MeshNodePage     *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  MeshAddressRow *row = g_object_get_data (G_OBJECT (dialog), "address-row");
  GVariant *target = g_object_get_data (G_OBJECT (dialog), "model-target");
  MeshDestination destination;
  MeshModel *model;

  if (self->controller == NULL || self->busy_object != NULL)
    return;

  model = find_model (self, target);
  if (model != NULL && mesh_address_row_get_destination (row, &destination))
    add_subscription (self, model, &destination);
}

static void
address_valid_cb (AdwMessageDialog *dialog,
                  GParamSpec       *pspec,
                  MeshAddressRow   *row)
{
  adw_message_dialog_set_response_enabled (dialog, "add", mesh_address_row_get_valid (row));
}

static void
add_subscription_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  MeshNodePage *self = MESH_NODE_PAGE (widget);
  MeshModel *model = find_model (self, param);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  if (model == NULL)
    return;

  name = mesh_format_model_name (model);
  body = g_strdup_printf (_("%s of element %u will receive the messages sent to this group."),
                          name, mesh_element_get_index (mesh_model_get_element (model)));
  row = mesh_address_row_new ();
  mesh_address_row_set_network (MESH_ADDRESS_ROW (row), mesh_node_get_network (self->node));
  mesh_address_row_set_purpose (MESH_ADDRESS_ROW (row), MESH_ADDRESS_PURPOSE_SUBSCRIPTION);
  g_object_set (row, "activates-default", TRUE, NULL);
  dialog = mesh_gui_form_dialog_new (GTK_WIDGET (self), _("Add Subscription"), body,
                                     "add", _("_Add"), row, NULL);

  g_object_set_data (G_OBJECT (dialog), "address-row", row);
  g_object_set_data_full (G_OBJECT (dialog), "model-target", g_variant_ref (param),
                          (GDestroyNotify) g_variant_unref);
  g_signal_connect_object (row, "notify::valid", G_CALLBACK (address_valid_cb), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response::add", G_CALLBACK (subscription_response_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (row);
}

static void
remove_subscription_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  MeshNodePage *self = MESH_NODE_PAGE (widget);
  MeshModel *model = find_model (self, param);
  guint16 address = param_uint16 (param);
  const MeshDestination *subscriptions;
  const MeshDestination *destination = NULL;
  g_autofree char *name = NULL;
  g_autofree char *group = NULL;
  g_autofree char *progress = NULL;
  Operation *op;
  guint n = 0;

  if (model == NULL)
    return;

  /* The subscription as the model has it: a virtual address with its label. */
  subscriptions = mesh_model_get_subscriptions (model, &n);
  for (guint i = 0; i < n && destination == NULL; i++)
    {
      if (subscriptions[i].address == address)
        destination = &subscriptions[i];
    }
  if (destination == NULL)
    return;

  name = mesh_format_model_name (model);
  group = mesh_format_destination (mesh_node_get_network (self->node), destination);
  progress = g_strdup_printf (_("Removing the subscription of %s to %s…"), name, group);
  op = begin_operation (self, model, mesh_network_controller_remove_subscription_finish,
                        progress, _("Could not remove the subscription."));
  mesh_network_controller_remove_subscription_async (self->controller, model, destination, op->cancellable,
                                                     operation_done_cb, op);
}

static void
set_publication (MeshNodePage          *self,
                 MeshModel             *model,
                 const MeshPublication *publication)
{
  g_autofree char *name = mesh_format_model_name (model);
  g_autofree char *progress = NULL;
  Operation *op;

  if (publication != NULL)
    progress = g_strdup_printf (_("Setting the publication of %s…"), name);
  else
    progress = g_strdup_printf (_("Stopping the publication of %s…"), name);

  op = begin_operation (self, model, mesh_network_controller_set_publication_finish,
                        progress, _("Could not set the publication."));
  mesh_network_controller_set_publication_async (self->controller, model, publication, op->cancellable,
                                                 operation_done_cb, op);
}

static void
publication_apply_cb (MeshNodePage          *self,
                      const MeshPublication *publication,
                      MeshPublicationDialog *dialog)
{
  MeshModel *model = g_object_get_data (G_OBJECT (dialog), "model");

  if (self->controller == NULL || self->busy_object != NULL || self->node == NULL ||
      mesh_element_get_node (mesh_model_get_element (model)) != self->node)
    return;

  set_publication (self, model, publication);
}

static void
set_publication_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MeshNodePage *self = MESH_NODE_PAGE (widget);
  MeshModel *model = find_model (self, param);
  MeshPublicationDialog *dialog;

  if (model == NULL)
    return;

  dialog = mesh_publication_dialog_new (mesh_node_get_network (self->node), model);
  g_object_set_data_full (G_OBJECT (dialog), "model", g_object_ref (model), g_object_unref);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (self));
  g_signal_connect_object (dialog, "apply", G_CALLBACK (publication_apply_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_publication_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  MeshNodePage *self = MESH_NODE_PAGE (widget);
  MeshModel *model = find_model (self, param);

  if (model != NULL)
    set_publication (self, model, NULL);
}

void
_mesh_node_page_actions_update (MeshNodePage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_node = self->node != NULL;
  gboolean busy = self->busy_object != NULL;
  gboolean can_run = has_node && self->controller != NULL && !busy;
  gboolean loaded = has_node && mesh_node_get_elements_loaded (self->node);
  gboolean onoff = loaded && mesh_gui_node_find_onoff_server (self->node) != NULL;
  const char *reason = self->controller == NULL ? mesh_gui_offline_reason () : NULL;

  gtk_widget_action_set_enabled (widget, "node.rename", has_node && self->store != NULL);
  gtk_widget_action_set_enabled (widget, "node.cancel", busy);
  gtk_widget_action_set_enabled (widget, "node.refresh-composition", can_run);
  gtk_widget_action_set_enabled (widget, "node.set-onoff", can_run && onoff);
  gtk_widget_action_set_enabled (widget, "node.reset", can_run);
  gtk_widget_action_set_enabled (widget, "node.remove", can_run);
  gtk_widget_action_set_enabled (widget, "node.bind-app-key", can_run && loaded);
  gtk_widget_action_set_enabled (widget, "node.unbind-app-key", can_run && loaded);
  gtk_widget_action_set_enabled (widget, "node.add-subscription", can_run && loaded);
  gtk_widget_action_set_enabled (widget, "node.remove-subscription", can_run && loaded);
  gtk_widget_action_set_enabled (widget, "node.set-publication", can_run && loaded);
  gtk_widget_action_set_enabled (widget, "node.clear-publication", can_run && loaded);

  /* A disabled button says why in its tooltip. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->refresh_button),
                               reason != NULL ? reason : _("Read the Composition Again"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->more_button),
                               reason != NULL ? reason : _("Node Actions"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->more_button), reason == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->off_button), reason != NULL ? reason : _("Turn Off"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->on_button), reason != NULL ? reason : _("Turn On"));
  adw_action_row_set_subtitle (self->onoff_row,
                               self->onoff_status != NULL ? self->onoff_status
                                                          : _("Unknown until the node is turned on or off"));
}

void
_mesh_node_page_class_actions_init (MeshNodePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "node.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "node.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "node.refresh-composition", NULL, refresh_composition_action);
  gtk_widget_class_install_action (widget_class, "node.set-onoff", "b", set_onoff_action);
  gtk_widget_class_install_action (widget_class, "node.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "node.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "node.bind-app-key", "(uubq)", bind_app_key_action);
  gtk_widget_class_install_action (widget_class, "node.unbind-app-key", "(uubq)", unbind_app_key_action);
  gtk_widget_class_install_action (widget_class, "node.add-subscription", "(uub)", add_subscription_action);
  gtk_widget_class_install_action (widget_class, "node.remove-subscription", "(uubq)", remove_subscription_action);
  gtk_widget_class_install_action (widget_class, "node.set-publication", "(uub)", set_publication_action);
  gtk_widget_class_install_action (widget_class, "node.clear-publication", "(uub)", clear_publication_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "node.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "node.refresh-composition", NULL);
}
