/* mesh-keys-page.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-format.h"
#include "mesh-gui-util.h"
#include "mesh-keys-page.h"
#include "mesh-rename-popover.h"

struct _MeshKeysPage
{
  GtkWidget              parent_instance;

  MeshStore             *store;
  MeshNetwork           *network;
  MeshNetworkController *controller;
  GCancellable          *cancellable;

  /* Template widgets */
  GtkStack              *stack;
  GtkListBox            *net_key_list;
  GtkListBox            *app_key_list;
  GtkButton             *add_net_key_button;
  GtkButton             *add_button;
  GtkWidget             *progress_group;
  GtkRevealer           *progress_revealer;
  GtkLabel              *progress_label;
};

G_DEFINE_FINAL_TYPE (MeshKeysPage, mesh_keys_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions (MeshKeysPage *self);

static const char *
delete_tooltip (MeshKeysPage *self)
{
  return self->controller != NULL ? _("Delete AppKey") : mesh_gui_offline_reason ();
}

/* The action sets the delete button's own sensitivity (offline, busy);
 * its box says whether this NetKey can go at all, and the tooltip why. */
static void
update_net_key_delete (MeshKeysPage  *self,
                       GtkListBoxRow *row,
                       MeshNetKey    *key)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "delete-button");
  g_autoptr(GError) error = NULL;
  gboolean deletable = mesh_network_controller_can_delete_net_key (key, &error);

  gtk_widget_set_sensitive (gtk_widget_get_parent (button), deletable);
  if (!deletable)
    gtk_widget_set_tooltip_text (button, error->message);
  else
    gtk_widget_set_tooltip_text (button, self->controller != NULL ? _("Delete NetKey")
                                                                  : mesh_gui_offline_reason ());
}

/* A disabled delete button says why in its tooltip. */
static void
update_delete_buttons (MeshKeysPage *self)
{
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->app_key_list, i);
      GtkWidget *button;

      if (row == NULL)
        break;
      if ((button = g_object_get_data (G_OBJECT (row), "delete-button")) != NULL)
        gtk_widget_set_tooltip_text (button, delete_tooltip (self));
    }

  if (self->network == NULL)
    return;

  /* The rows are the model's items, in order. */
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->net_key_list, i);
      g_autoptr(MeshNetKey) key = g_list_model_get_item (mesh_network_get_net_keys (self->network), i);

      if (row == NULL || key == NULL)
        break;
      update_net_key_delete (self, row, key);
    }
}

static void
set_busy (MeshKeysPage *self,
          const char   *progress)
{
  if (progress != NULL)
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      gtk_label_set_label (self->progress_label, progress);
    }
  else
    {
      g_clear_object (&self->cancellable);
    }

  /* The group goes, not only the revealer: it would leave a gap. */
  gtk_widget_set_visible (self->progress_group, progress != NULL);
  gtk_revealer_set_reveal_child (self->progress_revealer, progress != NULL);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_failure (MeshKeysPage *self,
              const char   *failure,
              GError       *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  message = g_strdup_printf ("%s %s", failure, error->message);
  mesh_gui_add_toast (GTK_WIDGET (self), message);
}

static void
update_stack (MeshKeysPage *self)
{
  gboolean has_keys = self->network != NULL &&
                      g_list_model_get_n_items (mesh_network_get_net_keys (self->network)) > 0;

  gtk_stack_set_visible_child_name (self->stack, has_keys ? "keys" : "empty");
}

static void
disconnect_network (MeshKeysPage *self)
{
  if (self->network == NULL)
    return;

  g_signal_handlers_disconnect_by_data (mesh_network_get_net_keys (self->network), self);
  g_signal_handlers_disconnect_by_data (mesh_network_get_app_keys (self->network), self);
}

static void
update_actions (MeshKeysPage *self)
{
  gboolean can_run = self->controller != NULL && self->network != NULL && self->cancellable == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keys.add-net-key", can_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keys.add-app-key", can_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keys.delete-app-key", can_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keys.delete-net-key", can_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keys.cancel", self->cancellable != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_net_key_button),
                               self->controller != NULL ? _("Add a NetKey") : mesh_gui_offline_reason ());
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button),
                               self->controller != NULL ? _("Add an AppKey") : mesh_gui_offline_reason ());
  update_delete_buttons (self);
}

static void
rename_cb (MeshRenamePopover *popover,
           const char        *name,
           gpointer           key)
{
  MeshKeysPage *self = MESH_KEYS_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (popover), MESH_TYPE_KEYS_PAGE));

  if (self != NULL && self->store != NULL)
    mesh_gui_rename (GTK_WIDGET (self), self->store, key, name);
}

static GtkWidget *
create_rename_button (gpointer    key,
                      const char *title)
{
  GtkWidget *button;
  GtkWidget *popover = mesh_rename_popover_new ();

  mesh_rename_popover_set_title (MESH_RENAME_POPOVER (popover), title);
  g_object_bind_property (key, "name", popover, "text", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (popover, "rename", G_CALLBACK (rename_cb), key, 0);

  button = g_object_new (GTK_TYPE_MENU_BUTTON,
                         "icon-name", "document-edit-symbolic",
                         "valign", GTK_ALIGN_CENTER,
                         "tooltip-text", title,
                         "popover", popover,
                         NULL);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  return button;
}

/* A flat trash button for @action on the key of index @index, kept
 * on @row as "delete-button". */
static GtkWidget *
create_delete_button (GtkWidget  *row,
                      const char *action,
                      guint       index,
                      const char *label)
{
  GtkWidget *button;

  button = g_object_new (GTK_TYPE_BUTTON,
                         "icon-name", "user-trash-symbolic",
                         "valign", GTK_ALIGN_CENTER,
                         "action-name", action,
                         "action-target", g_variant_new_uint32 (index),
                         NULL);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data (G_OBJECT (row), "delete-button", button);

  return button;
}

static GtkWidget *
create_key_row (gpointer key)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (key, "name", row, "title", G_BINDING_SYNC_CREATE);

  return row;
}

static void
update_net_key_subtitle (AdwActionRow *row,
                         GParamSpec   *pspec,
                         MeshNetKey   *key)
{
  g_autofree char *subtitle = NULL;

  switch (mesh_net_key_get_phase (key))
    {
    case MESH_KEY_REFRESH_PHASE_1:
    case MESH_KEY_REFRESH_PHASE_2:
      subtitle = g_strdup_printf (_("Index %u · Key refresh phase %d"),
                                  mesh_net_key_get_index (key), mesh_net_key_get_phase (key));
      break;

    case MESH_KEY_REFRESH_PHASE_NORMAL:
    default:
      subtitle = g_strdup_printf (_("Index %u"), mesh_net_key_get_index (key));
      break;
    }

  adw_action_row_set_subtitle (row, subtitle);
}

static GtkWidget *
create_net_key_row (gpointer item,
                    gpointer user_data)
{
  GtkWidget *row = create_key_row (item);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  update_net_key_subtitle (ADW_ACTION_ROW (row), NULL, item);
  g_signal_connect_object (item, "notify", G_CALLBACK (update_net_key_subtitle), row, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_rename_button (item, _("Rename NetKey")));

  gtk_box_append (GTK_BOX (box), create_delete_button (row, "keys.delete-net-key",
                                                       mesh_net_key_get_index (item),
                                                       _("Delete NetKey")));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  update_net_key_delete (user_data, GTK_LIST_BOX_ROW (row), item);

  return row;
}

static void
update_app_key_subtitle (AdwActionRow *row,
                         GParamSpec   *pspec,
                         MeshAppKey   *key)
{
  g_autofree char *net_key = mesh_format_net_key (mesh_app_key_get_network (key),
                                                  mesh_app_key_get_bound_net_key (key));
  g_autofree char *subtitle = NULL;

  /* Translators: AppKey index · the NetKey it is bound to */
  subtitle = g_strdup_printf (_("Index %u · Bound to %s"), mesh_app_key_get_index (key), net_key);
  adw_action_row_set_subtitle (row, subtitle);
}

/* An AppKey's name or NetKey may change what the NetKey rows say. */
static void
app_key_changed_cb (GtkWidget *row)
{
  GtkWidget *page = gtk_widget_get_ancestor (row, MESH_TYPE_KEYS_PAGE);

  if (page != NULL)
    update_delete_buttons (MESH_KEYS_PAGE (page));
}

static GtkWidget *
create_app_key_row (gpointer item,
                    gpointer user_data)
{
  GtkWidget *row = create_key_row (item);
  GtkWidget *delete_button;

  update_app_key_subtitle (ADW_ACTION_ROW (row), NULL, item);
  g_signal_connect_object (item, "notify", G_CALLBACK (update_app_key_subtitle), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify", G_CALLBACK (app_key_changed_cb), row, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_rename_button (item, _("Rename AppKey")));

  delete_button = create_delete_button (row, "keys.delete-app-key", mesh_app_key_get_index (item),
                                        _("Delete AppKey"));
  gtk_widget_set_tooltip_text (delete_button, delete_tooltip (user_data));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_button);

  return row;
}

static void
name_changed_cb (AdwMessageDialog *dialog,
                 GtkEditable      *entry)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", name[0] != '\0');
}

/* The Name row of the Add dialogs. */
static GtkWidget *
name_entry_new (void)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Name"));
  g_object_set (entry, "activates-default", TRUE, NULL);

  return entry;
}

/* Shows an Add dialog whose Add needs a name in @entry; @response_cb
 * gets the page, then the response and the dialog. */
static void
present_add_dialog (MeshKeysPage     *self,
                    AdwMessageDialog *dialog,
                    GtkWidget        *entry,
                    GCallback         response_cb)
{
  g_signal_connect_object (entry, "changed", G_CALLBACK (name_changed_cb), dialog, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (dialog), "name-entry", entry);
  g_signal_connect_object (dialog, "response::add", response_cb, self, G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* The trimmed name typed in a dialog of present_add_dialog(). */
static char *
dialog_name (AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "name-entry");

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static void
add_net_key_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MeshKeysPage) self = user_data;
  g_autoptr(MeshNetKey) key = NULL;
  g_autoptr(GError) error = NULL;

  key = mesh_network_controller_add_net_key_finish (MESH_NETWORK_CONTROLLER (object), result, &error);
  set_busy (self, NULL);
  if (key == NULL)
    show_failure (self, _("Could not add the NetKey."), error);
}

static void
add_net_key_response_cb (MeshKeysPage     *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  g_autofree char *name = dialog_name (dialog);

  if (self->controller == NULL || self->network == NULL || self->cancellable != NULL || name[0] == '\0')
    return;

  set_busy (self, _("Adding the NetKey…"));
  mesh_network_controller_add_net_key_async (self->controller, self->network, name, self->cancellable,
                                             add_net_key_cb, g_object_ref (self));
}

static void
add_net_key_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GtkWidget *entry = name_entry_new ();
  AdwMessageDialog *dialog;

  dialog = mesh_gui_form_dialog_new (widget, _("Add NetKey"),
                                     _("A new random key, kept in your keyring. It creates a "
                                       "subnet that devices can be provisioned into."),
                                     "add", _("_Add"), entry, NULL);
  present_add_dialog (MESH_KEYS_PAGE (widget), dialog, entry, G_CALLBACK (add_net_key_response_cb));
}

static void
add_app_key_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MeshKeysPage) self = user_data;
  g_autoptr(MeshAppKey) key = NULL;
  g_autoptr(GError) error = NULL;

  key = mesh_network_controller_add_app_key_finish (MESH_NETWORK_CONTROLLER (object), result, &error);
  set_busy (self, NULL);
  if (key == NULL)
    show_failure (self, _("Could not add the AppKey."), error);
}

static void
add_app_key_response_cb (MeshKeysPage     *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  AdwComboRow *net_key_row = g_object_get_data (G_OBJECT (dialog), "net-key-row");
  g_autoptr(MeshNetKey) net_key = NULL;
  g_autofree char *name = dialog_name (dialog);

  if (self->controller == NULL || self->network == NULL || self->cancellable != NULL || name[0] == '\0')
    return;

  net_key = g_list_model_get_item (mesh_network_get_net_keys (self->network),
                                   adw_combo_row_get_selected (net_key_row));
  if (net_key == NULL)
    return;

  set_busy (self, _("Adding the AppKey…"));
  mesh_network_controller_add_app_key_async (self->controller, self->network,
                                             mesh_net_key_get_index (net_key),
                                             name, self->cancellable,
                                             add_app_key_cb, g_object_ref (self));
}

static char *
net_key_name (MeshNetKey *key)
{
  return mesh_format_net_key (mesh_net_key_get_network (key), mesh_net_key_get_index (key));
}

static void
add_app_key_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MeshKeysPage *self = MESH_KEYS_PAGE (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWidget *combo;
  g_autoptr(GtkExpression) expression = NULL;

  entry = name_entry_new ();
  combo = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Bound to NetKey"));
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (net_key_name), NULL, NULL);
  adw_combo_row_set_expression (ADW_COMBO_ROW (combo), expression);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), mesh_network_get_net_keys (self->network));

  dialog = mesh_gui_form_dialog_new (widget, _("Add AppKey"),
                                     _("A new random key, kept in your keyring. "
                                       "Bind it to models to let them use it."),
                                     "add", _("_Add"), entry, combo, NULL);
  g_object_set_data (G_OBJECT (dialog), "net-key-row", combo);
  present_add_dialog (self, dialog, entry, G_CALLBACK (add_app_key_response_cb));
}

static void
delete_app_key_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MeshKeysPage) self = user_data;
  g_autoptr(GError) error = NULL;

  mesh_network_controller_delete_app_key_finish (MESH_NETWORK_CONTROLLER (object), result, &error);
  set_busy (self, NULL);
  if (error != NULL)
    show_failure (self, _("Could not delete the AppKey."), error);
}

static void
delete_net_key_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MeshKeysPage) self = user_data;
  g_autoptr(GError) error = NULL;

  mesh_network_controller_delete_net_key_finish (MESH_NETWORK_CONTROLLER (object), result, &error);
  set_busy (self, NULL);
  if (error != NULL)
    show_failure (self, _("Could not delete the NetKey."), error);
}

static void
delete_response_cb (MeshKeysPage     *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  gpointer key = g_object_get_data (G_OBJECT (dialog), "key");

  if (self->controller == NULL || self->cancellable != NULL)
    return;

  if (MESH_IS_NET_KEY (key))
    {
      set_busy (self, _("Deleting the NetKey from the network…"));
      mesh_network_controller_delete_net_key_async (self->controller, key, self->cancellable,
                                                    delete_net_key_cb, g_object_ref (self));
    }
  else
    {
      set_busy (self, _("Deleting the AppKey from the network…"));
      mesh_network_controller_delete_app_key_async (self->controller, key, self->cancellable,
                                                    delete_app_key_cb, g_object_ref (self));
    }
}

/* Asks before deleting @key (a MeshAppKey or MeshNetKey) named @name. */
static void
present_delete_dialog (MeshKeysPage *self,
                       gpointer      key,
                       const char   *name,
                       const char   *body)
{
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), name);
  AdwMessageDialog *dialog;

  dialog = mesh_gui_confirm_dialog_new (GTK_WIDGET (self), heading, body, "delete", _("_Delete"));
  g_object_set_data_full (G_OBJECT (dialog), "key", g_object_ref (key), g_object_unref);
  g_signal_connect_object (dialog, "response::delete", G_CALLBACK (delete_response_cb), self, G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_app_key_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MeshKeysPage *self = MESH_KEYS_PAGE (widget);
  MeshAppKey *key;
  g_autofree char *name = NULL;

  if (self->network == NULL)
    return;

  key = mesh_network_find_app_key (self->network, g_variant_get_uint32 (param));
  if (key == NULL)
    return;

  name = mesh_format_app_key (self->network, mesh_app_key_get_index (key));
  present_delete_dialog (self, key, name,
                         _("The nodes that have it lose it, and the models bound to it "
                           "stop working with it."));
}

static void
delete_net_key_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MeshKeysPage *self = MESH_KEYS_PAGE (widget);
  MeshNetKey *key;
  g_autofree char *name = NULL;

  if (self->network == NULL)
    return;

  key = mesh_network_find_net_key (self->network, g_variant_get_uint32 (param));
  if (key == NULL)
    return;

  name = mesh_format_net_key (self->network, mesh_net_key_get_index (key));
  present_delete_dialog (self, key, name,
                         _("The nodes that have another NetKey lose this one. Devices that have "
                           "only this one, such as those provisioned into its subnet, can no "
                           "longer be reached."));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  g_cancellable_cancel (MESH_KEYS_PAGE (widget)->cancellable);
}

GtkWidget *
mesh_keys_page_new (void)
{
  return g_object_new (MESH_TYPE_KEYS_PAGE, NULL);
}

void
mesh_keys_page_set_network (MeshKeysPage *self,
                            MeshStore    *store,
                            MeshNetwork  *network)
{
  g_return_if_fail (MESH_IS_KEYS_PAGE (self));
  g_return_if_fail (store == NULL || MESH_IS_STORE (store));
  g_return_if_fail (network == NULL || MESH_IS_NETWORK (network));

  g_set_object (&self->store, store);
  disconnect_network (self);

  if (g_set_object (&self->network, network))
    {
      gtk_list_box_bind_model (self->net_key_list,
                               network != NULL ? mesh_network_get_net_keys (network) : NULL,
                               create_net_key_row, self, NULL);
      gtk_list_box_bind_model (self->app_key_list,
                               network != NULL ? mesh_network_get_app_keys (network) : NULL,
                               create_app_key_row, self, NULL);
    }

  /* After the lists' own handlers: the rows are there. */
  if (network != NULL)
    {
      g_signal_connect_object (mesh_network_get_net_keys (network), "items-changed",
                               G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mesh_network_get_net_keys (network), "items-changed",
                               G_CALLBACK (update_delete_buttons), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mesh_network_get_app_keys (network), "items-changed",
                               G_CALLBACK (update_delete_buttons), self, G_CONNECT_SWAPPED);
    }

  update_stack (self);
  update_actions (self);
}

void
mesh_keys_page_set_controller (MeshKeysPage          *self,
                               MeshNetworkController *controller)
{
  g_return_if_fail (MESH_IS_KEYS_PAGE (self));
  g_return_if_fail (controller == NULL || MESH_IS_NETWORK_CONTROLLER (controller));

  if (g_set_object (&self->controller, controller))
    {
      update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

gboolean
mesh_keys_page_get_busy (MeshKeysPage *self)
{
  g_return_val_if_fail (MESH_IS_KEYS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

static void
mesh_keys_page_dispose (GObject *object)
{
  MeshKeysPage *self = MESH_KEYS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  disconnect_network (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_KEYS_PAGE);
  g_clear_object (&self->network);
  g_clear_object (&self->store);
  g_clear_object (&self->controller);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mesh_keys_page_parent_class)->dispose (object);
}

static void
mesh_keys_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MeshKeysPage *self = MESH_KEYS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, mesh_keys_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_keys_page_class_init (MeshKeysPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mesh_keys_page_dispose;
  object_class->get_property = mesh_keys_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "keys.add-net-key", NULL, add_net_key_action);
  gtk_widget_class_install_action (widget_class, "keys.add-app-key", NULL, add_app_key_action);
  gtk_widget_class_install_action (widget_class, "keys.delete-app-key", "u", delete_app_key_action);
  gtk_widget_class_install_action (widget_class, "keys.delete-net-key", "u", delete_net_key_action);
  gtk_widget_class_install_action (widget_class, "keys.cancel", NULL, cancel_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-keys-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshKeysPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MeshKeysPage, net_key_list);
  gtk_widget_class_bind_template_child (widget_class, MeshKeysPage, app_key_list);
  gtk_widget_class_bind_template_child (widget_class, MeshKeysPage, add_net_key_button);
  gtk_widget_class_bind_template_child (widget_class, MeshKeysPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, MeshKeysPage, progress_group);
  gtk_widget_class_bind_template_child (widget_class, MeshKeysPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, MeshKeysPage, progress_label);
}

static void
mesh_keys_page_init (MeshKeysPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = g_object_new (GTK_TYPE_LABEL,
                              "label", _("No application keys yet"),
                              "margin-top", 18,
                              "margin-bottom", 18,
                              NULL);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->app_key_list, placeholder);

  update_stack (self);
  update_actions (self);
}
