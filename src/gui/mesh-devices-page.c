/* mesh-devices-page.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mesh-device-format.h"
#include "mesh-device-row.h"
#include "mesh-devices-page.h"
#include "mesh-provision-dialog.h"

struct _MeshDevicesPage
{
  GtkWidget           parent_instance;

  MeshSession        *session;
  GSignalGroup       *session_signals;
  GSignalGroup       *scanner_signals;
  GtkSingleSelection *selection;
  /* The bound rows, whose "Seen … ago" the tick refreshes. */
  GPtrArray          *rows;
  guint               tick_id;
  GtkWindow          *dialog;

  /* Remote Provisioning Servers to scan through: the addresses (guint16)
   * behind the chooser's items, 0 (this computer only) first. */
  GArray             *servers;
  GtkStringList      *server_names;
  GSignalGroup       *nodes_signals;
  /* A provisioning that ends has read the new node's composition, which
   * may show a server. */
  GSignalGroup       *requests_signals;
  /* So does a composition read later, or any configuration that ends. */
  GSignalGroup       *engine_signals;
  /* The network whose elements were loaded (or are loading) to find the
   * nodes with a server. */
  MeshNetwork        *servers_network;
  GCancellable       *servers_cancellable;
  gboolean            updating_servers;

  /* Template widgets */
  GtkWidget          *content;
  AdwClamp           *remote_clamp;
  AdwComboRow        *remote_row;
  GtkImage           *remote_warning;
  GtkStack           *stack;
  GtkLabel           *heading_label;
  GtkSpinner         *scan_spinner;
  GtkListView        *list_view;
  AdwStatusPage      *status_page;
  GtkSpinner         *empty_spinner;
};

G_DEFINE_FINAL_TYPE (MeshDevicesPage, mesh_devices_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static MeshScanner *
get_scanner (MeshDevicesPage *self)
{
  return self->session != NULL ? mesh_session_get_scanner (self->session) : NULL;
}

static gboolean
has_network (MeshDevicesPage *self)
{
  return self->session != NULL && mesh_session_get_network (self->session) != NULL;
}

static gboolean
attached (MeshDevicesPage *self)
{
  return self->session != NULL
         && mesh_daemon_get_state (mesh_session_get_daemon (self->session)) == MESH_DAEMON_STATE_ATTACHED;
}

/* The chooser explains itself; while devices are listed it also carries
 * the scanner's error (a remote scan that failed), which the empty page
 * shows in its place. */
static void
update_remote_subtitle (MeshDevicesPage *self,
                        gboolean         listing)
{
  MeshScanner *scanner = get_scanner (self);
  const char *error = scanner != NULL ? mesh_scanner_get_error_message (scanner) : NULL;

  if (!listing)
    error = NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->remote_row),
                               error != NULL ? error
                                             : _("Also find devices near a node, and "
                                                 "provision them through it"));
  gtk_widget_set_visible (GTK_WIDGET (self->remote_warning), error != NULL);
}

static void
update_status (MeshDevicesPage *self)
{
  MeshScanner *scanner = get_scanner (self);
  guint n = scanner != NULL ? g_list_model_get_n_items (G_LIST_MODEL (scanner)) : 0;
  gboolean scanning = scanner != NULL && mesh_scanner_get_scanning (scanner);
  const char *title;
  const char *description;

  gtk_spinner_set_spinning (self->scan_spinner, scanning);
  gtk_widget_set_visible (GTK_WIDGET (self->scan_spinner), scanning);
  update_remote_subtitle (self, n > 0 && has_network (self) && attached (self));

  if (n > 0 && has_network (self) && attached (self))
    {
      g_autofree char *heading = g_strdup_printf (ngettext ("%u device waits to join",
                                                           "%u devices wait to join", n), n);

      gtk_label_set_label (self->heading_label, heading);
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (!has_network (self))
    {
      title = _("No Network Open");
      description = _("Create or import a network first. Then the devices around you that wait "
                      "to join a network appear here, ready to be provisioned.");
    }
  else if (!attached (self))
    {
      /* The banner says what is wrong with meshd. */
      title = _("Not Scanning");
      description = _("Scanning starts again as soon as Mesh Provisioner is connected to "
                      "bluetooth-meshd.");
    }
  else if (mesh_scanner_get_error_message (scanner) != NULL)
    {
      title = _("Cannot Scan");
      description = mesh_scanner_get_error_message (scanner);
    }
  else
    {
      title = _("No Devices Nearby");
      description = _("Unprovisioned devices that beacon around you appear here with their signal "
                      "strength. Power on a mesh device, or reset it to put it back in "
                      "provisioning mode.");
    }

  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_spinner_set_spinning (self->empty_spinner, scanning);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_spinner), scanning);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Whether the attached bluetooth-meshd scans and provisions through
 * Remote Provisioning Servers (5.67 and newer). */
static gboolean
remote_provisioning (MeshDevicesPage *self)
{
  return attached (self)
         && mesh_daemon_get_remote_provisioning (mesh_session_get_daemon (self->session));
}

static gboolean
same_servers (MeshDevicesPage *self,
              GArray          *servers,
              GStrv            names)
{
  if (servers->len != self->servers->len)
    return FALSE;

  for (guint i = 0; i < servers->len; i++)
    {
      if (g_array_index (servers, guint16, i) != g_array_index (self->servers, guint16, i)
          || g_strcmp0 (names[i], gtk_string_list_get_string (self->server_names, i)) != 0)
        return FALSE;
    }

  return TRUE;
}

static void load_servers_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

/* Which nodes have a Remote Provisioning Server is in their composition:
 * load every node's elements in one pass, once per network, and only
 * when meshd can use the servers. */
static void
load_servers (MeshDevicesPage *self,
              MeshNetwork     *network)
{
  if (self->servers_network == network)
    return;

  g_cancellable_cancel (self->servers_cancellable);
  g_clear_object (&self->servers_cancellable);
  g_set_object (&self->servers_network, network);
  if (network == NULL)
    return;

  self->servers_cancellable = g_cancellable_new ();
  mesh_store_load_elements_async (mesh_session_get_store (self->session), network, NULL,
                                  self->servers_cancellable, load_servers_cb,
                                  g_object_ref (self));
}

/* Fills the "Listen through" chooser with this computer and the nodes that
 * have a Remote Provisioning Server; it shows only when meshd can scan
 * through them and there is one. */
static void
update_servers (MeshDevicesPage *self)
{
  MeshScanner *scanner = get_scanner (self);
  MeshNetwork *network = has_network (self) ? mesh_session_get_network (self->session) : NULL;
  gboolean usable = network != NULL && remote_provisioning (self);
  g_autoptr(GArray) servers = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  guint16 current = scanner != NULL ? mesh_scanner_get_remote_server (scanner) : 0;
  guint16 local = 0;
  guint selected = 0;

  g_array_append_val (servers, local);
  g_strv_builder_add (builder, _("This Computer Only"));

  if (usable)
    {
      g_autoptr(GArray) found = NULL;

      load_servers (self, network);
      found = mesh_find_remote_servers (network);
      for (guint i = 0; i < found->len; i++)
        {
          guint16 address = g_array_index (found, guint16, i);
          g_autofree char *name = mesh_format_server_choice (mesh_network_find_node_by_address (network, address));

          g_array_append_val (servers, address);
          g_strv_builder_add (builder, name);
          if (address == current)
            selected = servers->len - 1;
        }
    }
  names = g_strv_builder_end (builder);

  self->updating_servers = TRUE;
  if (!same_servers (self, servers, names))
    {
      g_array_set_size (self->servers, 0);
      g_array_append_vals (self->servers, servers->data, servers->len);
      gtk_string_list_splice (self->server_names, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->server_names)),
                              (const char * const *) names);
    }
  adw_combo_row_set_selected (self->remote_row, selected);
  self->updating_servers = FALSE;

  /* A server that is gone (or a meshd that cannot use it) is no longer
   * scanned through. While detached, or while the elements load, the
   * choice waits. */
  if (current != 0 && selected == 0 && scanner != NULL
      && (attached (self) || network == NULL) && self->servers_cancellable == NULL)
    mesh_scanner_set_remote_server (scanner, 0, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->remote_clamp), usable && servers->len > 1);
}

static gboolean
tick_cb (gpointer user_data)
{
  MeshDevicesPage *self = user_data;
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < self->rows->len; i++)
    mesh_device_row_update_seen (g_ptr_array_index (self->rows, i), now);

  return G_SOURCE_CONTINUE;
}

/* Scans while the page is on screen and there is a network to add to. */
static void
update_scanning (MeshDevicesPage *self)
{
  MeshScanner *scanner = get_scanner (self);
  gboolean wanted = gtk_widget_get_mapped (GTK_WIDGET (self)) && has_network (self);

  if (scanner != NULL && wanted != mesh_scanner_get_active (scanner))
    {
      if (wanted)
        mesh_scanner_start (scanner);
      else
        mesh_scanner_stop (scanner);
    }

  if (wanted && self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  else if (!wanted)
    g_clear_handle_id (&self->tick_id, g_source_remove);

  update_status (self);
}

static void
load_servers_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MeshDevicesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mesh_store_load_elements_finish (MESH_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The chooser lists the nodes whose elements are known. */
      g_warning ("Could not load the nodes’ elements: %s", error->message);
    }

  g_clear_object (&self->servers_cancellable);
  update_servers (self);
}

static void
remote_selected_cb (MeshDevicesPage *self)
{
  MeshScanner *scanner = get_scanner (self);
  guint selected = adw_combo_row_get_selected (self->remote_row);
  MeshNode *node;
  guint16 server;

  if (self->updating_servers || scanner == NULL || selected >= self->servers->len)
    return;

  server = g_array_index (self->servers, guint16, selected);
  node = server != 0 ? mesh_network_find_node_by_address (mesh_session_get_network (self->session),
                                                          server) : NULL;
  mesh_scanner_set_remote_server (scanner, server, node ? mesh_node_get_reach_net_index (node) : 0);
}

static void
setup_row_cb (MeshDevicesPage          *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (item, mesh_device_row_new ());
}

static void
teardown_row_cb (MeshDevicesPage          *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
}

static void
bind_row_cb (MeshDevicesPage          *self,
             GtkListItem              *item,
             GtkSignalListItemFactory *factory)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  mesh_device_row_set_network (MESH_DEVICE_ROW (row),
                               has_network (self) ? mesh_session_get_network (self->session) : NULL);
  mesh_device_row_set_device (MESH_DEVICE_ROW (row), gtk_list_item_get_item (item));
  g_ptr_array_add (self->rows, row);
}

static void
unbind_row_cb (MeshDevicesPage          *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_ptr_array_remove_fast (self->rows, row);
  mesh_device_row_set_device (MESH_DEVICE_ROW (row), NULL);
}

static void
dialog_destroyed_cb (MeshDevicesPage *self,
                     GtkWindow       *dialog)
{
  if (self->dialog == dialog)
    self->dialog = NULL;
}

static void
provision (MeshDevicesPage   *self,
           MeshScannedDevice *device)
{
  MeshProvisionDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->session == NULL || !has_network (self))
    return;

  /* One provisioning at a time: the dialog is modal. */
  if (self->dialog != NULL)
    {
      gtk_window_present (self->dialog);
      return;
    }

  dialog = mesh_provision_dialog_new (self->session, device);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  self->dialog = GTK_WINDOW (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
list_activate_cb (MeshDevicesPage *self,
                  guint            position)
{
  g_autoptr(MeshScannedDevice) device = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (device != NULL)
    provision (self, device);
}

static void
provision_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MeshDevicesPage *self = MESH_DEVICES_PAGE (widget);
  MeshScanner *scanner = get_scanner (self);
  const char *uuid = g_variant_get_string (param, NULL);
  guint n;

  if (scanner == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (scanner));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshScannedDevice) device = g_list_model_get_item (G_LIST_MODEL (scanner), i);

      if (g_strcmp0 (mesh_scanned_device_get_uuid_string (device), uuid) == 0)
        {
          provision (self, device);
          return;
        }
    }
}

/* Once the configuration engine is idle, whatever it read (a composition
 * outside provisioning) is in the nodes: once per batch, not per request,
 * as a large network's walk is not free. */
static void
engine_pending_cb (MeshDevicesPage  *self,
                   GParamSpec       *pspec,
                   MeshConfigEngine *engine)
{
  if (mesh_config_engine_get_n_pending (engine) == 0)
    update_servers (self);
}

static void
session_changed_cb (MeshDevicesPage *self)
{
  MeshScanner *scanner = get_scanner (self);
  MeshNetwork *network = has_network (self) ? mesh_session_get_network (self->session) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.provision", has_network (self));

  /* Another network: its nodes are other servers. */
  if (network != self->servers_network)
    {
      load_servers (self, NULL);
      if (scanner != NULL)
        mesh_scanner_set_remote_server (scanner, 0, 0);
    }
  g_signal_group_set_target (self->nodes_signals,
                             network != NULL ? mesh_network_get_nodes (network) : NULL);
  g_signal_group_set_target (self->requests_signals,
                             network != NULL && mesh_session_get_provisioning (self->session)
                               ? mesh_provisioning_get_requests (mesh_session_get_provisioning (self->session))
                               : NULL);
  g_signal_group_set_target (self->engine_signals,
                             network != NULL ? mesh_session_get_engine (self->session) : NULL);

  update_servers (self);
  update_scanning (self);
}

GtkWidget *
mesh_devices_page_new (void)
{
  return g_object_new (MESH_TYPE_DEVICES_PAGE, NULL);
}

MeshSession *
mesh_devices_page_get_session (MeshDevicesPage *self)
{
  g_return_val_if_fail (MESH_IS_DEVICES_PAGE (self), NULL);

  return self->session;
}

void
mesh_devices_page_set_session (MeshDevicesPage *self,
                               MeshSession     *session)
{
  MeshScanner *old_scanner;

  g_return_if_fail (MESH_IS_DEVICES_PAGE (self));
  g_return_if_fail (session == NULL || MESH_IS_SESSION (session));

  if (self->session == session)
    return;

  old_scanner = get_scanner (self);
  if (old_scanner != NULL && mesh_scanner_get_active (old_scanner))
    mesh_scanner_stop (old_scanner);

  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->scanner_signals, get_scanner (self));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (get_scanner (self)));

  session_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

GtkWindow *
mesh_devices_page_get_dialog (MeshDevicesPage *self)
{
  g_return_val_if_fail (MESH_IS_DEVICES_PAGE (self), NULL);

  return self->dialog;
}

static void
mesh_devices_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mesh_devices_page_parent_class)->map (widget);

  /* A node may have told its composition since the page was last shown. */
  update_servers (MESH_DEVICES_PAGE (widget));
  update_scanning (MESH_DEVICES_PAGE (widget));
}

static void
mesh_devices_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mesh_devices_page_parent_class)->unmap (widget);

  update_scanning (MESH_DEVICES_PAGE (widget));
}

static void
mesh_devices_page_dispose (GObject *object)
{
  MeshDevicesPage *self = MESH_DEVICES_PAGE (object);

  mesh_devices_page_set_session (self, NULL);
  load_servers (self, NULL);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_DEVICES_PAGE);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->scanner_signals);
  g_clear_object (&self->nodes_signals);
  g_clear_object (&self->requests_signals);
  g_clear_object (&self->engine_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->server_names);
  g_clear_pointer (&self->servers, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mesh_devices_page_parent_class)->dispose (object);
}

static void
mesh_devices_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MeshDevicesPage *self = MESH_DEVICES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_devices_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MeshDevicesPage *self = MESH_DEVICES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mesh_devices_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_devices_page_class_init (MeshDevicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mesh_devices_page_dispose;
  object_class->get_property = mesh_devices_page_get_property;
  object_class->set_property = mesh_devices_page_set_property;

  widget_class->map = mesh_devices_page_map;
  widget_class->unmap = mesh_devices_page_unmap;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MESH_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "devices.provision", "s", provision_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-devices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshDevicesPage, content);
  gtk_widget_class_bind_template_child (widget_class, MeshDevicesPage, remote_clamp);
  gtk_widget_class_bind_template_child (widget_class, MeshDevicesPage, remote_row);
  gtk_widget_class_bind_template_child (widget_class, MeshDevicesPage, remote_warning);
  gtk_widget_class_bind_template_child (widget_class, MeshDevicesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MeshDevicesPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, MeshDevicesPage, scan_spinner);
  gtk_widget_class_bind_template_child (widget_class, MeshDevicesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MeshDevicesPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, MeshDevicesPage, empty_spinner);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, teardown_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, remote_selected_cb);
}

static void
mesh_devices_page_init (MeshDevicesPage *self)
{
  self->rows = g_ptr_array_new ();
  self->servers = g_array_new (FALSE, FALSE, sizeof (guint16));
  self->server_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->remote_row, G_LIST_MODEL (self->server_names));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->session_signals = g_signal_group_new (MESH_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::network",
                                  G_CALLBACK (session_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::daemon-state",
                                  G_CALLBACK (update_status), self);
  /* Whether meshd can use Remote Provisioning Servers is known on attach. */
  g_signal_group_connect_swapped (self->session_signals, "notify::daemon-state",
                                  G_CALLBACK (update_servers), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::daemon-message",
                                  G_CALLBACK (update_status), self);

  self->scanner_signals = g_signal_group_new (MESH_TYPE_SCANNER);
  g_signal_group_connect_swapped (self->scanner_signals, "items-changed",
                                  G_CALLBACK (update_status), self);
  g_signal_group_connect_swapped (self->scanner_signals, "notify::scanning",
                                  G_CALLBACK (update_status), self);
  g_signal_group_connect_swapped (self->scanner_signals, "notify::error-message",
                                  G_CALLBACK (update_status), self);
  g_signal_group_connect_swapped (self->scanner_signals, "notify::remote-server",
                                  G_CALLBACK (update_servers), self);

  self->nodes_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->nodes_signals, "items-changed",
                                  G_CALLBACK (update_servers), self);
  self->requests_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->requests_signals, "items-changed",
                                  G_CALLBACK (update_servers), self);
  self->engine_signals = g_signal_group_new (MESH_TYPE_CONFIG_ENGINE);
  g_signal_group_connect_swapped (self->engine_signals, "notify::n-pending",
                                  G_CALLBACK (engine_pending_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.provision", FALSE);
  update_servers (self);
  update_status (self);
}
