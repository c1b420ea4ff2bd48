/* mesh-daemon.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-daemon-private.h"
#include "mesh-error.h"
#include "mesh-keyring.h"

/* The connection to bluetooth-meshd: the bus, the name watch, the state.
 * Our node (create, import, attach, leave) is in mesh-daemon-node.c, the
 * exported objects in mesh-daemon-app.c, MeshTransport and the Management1
 * calls in mesh-daemon-calls.c. */

#define RECONNECT_DELAY_S 2

guint mesh_daemon_signals[MESH_DAEMON_N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (MeshDaemon, mesh_daemon, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MESH_TYPE_TRANSPORT,
                                                      mesh_daemon_transport_iface_init))

G_DEFINE_ENUM_TYPE (MeshDaemonState, mesh_daemon_state,
  G_DEFINE_ENUM_VALUE (MESH_DAEMON_STATE_NO_DAEMON, "no-daemon"),
  G_DEFINE_ENUM_VALUE (MESH_DAEMON_STATE_DETACHED, "detached"),
  G_DEFINE_ENUM_VALUE (MESH_DAEMON_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (MESH_DAEMON_STATE_ATTACHED, "attached"),
  G_DEFINE_ENUM_VALUE (MESH_DAEMON_STATE_REFUSED, "refused"),
  G_DEFINE_ENUM_VALUE (MESH_DAEMON_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_STATE_MESSAGE,
  PROP_UNICAST,
  PROP_NETWORK_UUID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void connect_bus (MeshDaemon *self);

/* Ends every attach_async() waiting for an attach result; with @error NULL
 * they succeed. */
void
mesh_daemon_finish_attach_tasks (MeshDaemon   *self,
                     const GError *error)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->attach_tasks);

  /* Swapped first: a callback may attach again. */
  self->attach_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < pending->len; i++)
    {
      GTask *task = g_ptr_array_index (pending, i);

      if (error)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

GError *
mesh_daemon_unavailable_error (MeshDaemon *self)
{
  if (self->state_message && self->state != MESH_DAEMON_STATE_ATTACHED
      && self->state != MESH_DAEMON_STATE_CONNECTING)
    return g_error_new_literal (MESH_ERROR,
                                self->state == MESH_DAEMON_STATE_REFUSED
                                  ? MESH_ERROR_DAEMON_REFUSED : MESH_ERROR_DAEMON_UNAVAILABLE,
                                self->state_message);

  return g_error_new_literal (MESH_ERROR, MESH_ERROR_DAEMON_UNAVAILABLE,
                              _("Mesh Provisioner is not attached to the network in "
                                "bluetooth-meshd yet. Wait until it is connected."));
}

void
mesh_daemon_clear_node (MeshDaemon *self)
{
  g_clear_object (&self->node);
  g_clear_object (&self->management);
  g_clear_pointer (&self->node_path, g_free);
  self->unicast = 0;
  self->iv_index = 0;
  self->remote_provisioning = FALSE;
  self->attaching = FALSE;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  mesh_daemon_notify_unicast (self);
}

void
mesh_daemon_fail_join (MeshDaemon   *self,
           const GError *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->join_task);

  g_clear_handle_id (&self->join_timeout, g_source_remove);
  if (task)
    g_task_return_error (task, g_error_copy (error));
}

void
mesh_daemon_set_detached_state (MeshDaemon *self)
{
  if (self->daemon_owner == NULL)
    mesh_daemon_set_state (self, MESH_DAEMON_STATE_NO_DAEMON,
                           _("bluetooth-meshd is not running. Start the bluetooth-mesh service: "
                             "Mesh Provisioner connects as soon as it appears."));
  else
    mesh_daemon_set_state (self, MESH_DAEMON_STATE_DETACHED,
                           _("Connected to bluetooth-meshd; no network is open."));
}

/* Everything that lived on the connection goes with it. */
static void
teardown_connection (MeshDaemon *self)
{
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->connection_cancellable);
  g_clear_object (&self->connection_cancellable);
  self->connection_cancellable = g_cancellable_new ();

  if (self->name_watch)
    g_bus_unwatch_name (self->name_watch);
  self->name_watch = 0;

  if (self->connection)
    {
      if (self->filter_id)
        g_dbus_connection_remove_filter (self->connection, self->filter_id);
      self->filter_id = 0;
      g_clear_signal_handler (&self->closed_handler, self->connection);
      mesh_daemon_app_unexport (self);
      if (!g_dbus_connection_is_closed (self->connection))
        g_dbus_connection_close (self->connection, NULL, NULL, NULL);
    }
  g_clear_object (&self->connection);
  g_clear_object (&self->network);
  g_clear_pointer (&self->daemon_owner, g_free);
  self->name_known = FALSE;

  mesh_daemon_clear_node (self);
  mesh_daemon_app_abort_requests (self);

  error = mesh_daemon_unavailable_error (self);
  mesh_daemon_fail_join (self, error);
  mesh_daemon_finish_attach_tasks (self, error);
}

static gboolean
reconnect_cb (gpointer user_data)
{
  MeshDaemon *self = user_data;

  self->reconnect_source = 0;
  connect_bus (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (MeshDaemon *self,
                    guint       delay_s)
{
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  if (delay_s == 0)
    self->reconnect_source = g_idle_add (reconnect_cb, self);
  else
    self->reconnect_source = g_timeout_add_seconds (delay_s, reconnect_cb, self);
}

static GDBusMessage *
filter_cb (GDBusConnection *connection,
           GDBusMessage    *message,
           gboolean         incoming,
           gpointer         user_data)
{
  gint *app_read = user_data;

  /* Runs in GDBus' worker thread: only an atomic flag. meshd reads the
   * application with GetManagedObjects before it answers CreateNetwork,
   * Import or Attach; seeing it tells a policy problem from others. */
  if (incoming
      && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL
      && g_strcmp0 (g_dbus_message_get_member (message), "GetManagedObjects") == 0)
    g_atomic_int_set (app_read, 1);

  return message;
}

static void
name_appeared_cb (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  MeshDaemon *self = user_data;

  g_free (self->daemon_owner);
  self->daemon_owner = g_strdup (owner);
  self->name_known = TRUE;
  g_debug ("bluetooth-meshd appeared as %s", owner);

  mesh_daemon_clear_node (self);
  if (self->network_uuid)
    mesh_daemon_start_attach (self);
  else
    mesh_daemon_set_detached_state (self);
}

static void
name_vanished_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  MeshDaemon *self = user_data;
  g_autoptr(GError) error = NULL;

  g_debug ("bluetooth-meshd is gone");
  g_clear_pointer (&self->daemon_owner, g_free);
  self->name_known = TRUE;
  mesh_daemon_clear_node (self);
  mesh_daemon_app_abort_requests (self);
  mesh_daemon_set_detached_state (self);

  error = mesh_daemon_unavailable_error (self);
  mesh_daemon_fail_join (self, error);
  mesh_daemon_finish_attach_tasks (self, error);
}

static void
network_proxy_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  MeshBluezNetwork1 *network;

  network = mesh_bluez_network1_proxy_new_finish (result, &error);
  if (network == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Cannot make the Network1 proxy: %s", error->message);
          schedule_reconnect (self, RECONNECT_DELAY_S);
        }
      return;
    }

  self->network = network;
  self->name_watch = g_bus_watch_name_on_connection (self->connection, MESH_DAEMON_SERVICE,
                                                     G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                     name_appeared_cb, name_vanished_cb,
                                                     self, NULL);
}

static void
closed_cb (GDBusConnection *connection,
           gboolean         remote_peer_vanished,
           GError          *error,
           gpointer         user_data)
{
  MeshDaemon *self = user_data;
  gboolean now = self->reconnect_now;

  g_debug ("Bus connection closed%s", now ? " on purpose" : "");
  self->reconnect_now = FALSE;
  if (now)
    mesh_daemon_set_state (self, MESH_DAEMON_STATE_CONNECTING,
                           _("Connecting to bluetooth-meshd again…"));
  else
    mesh_daemon_set_state (self, MESH_DAEMON_STATE_NO_DAEMON,
                           _("The connection to the system bus was lost. Mesh Provisioner "
                             "connects again by itself."));
  teardown_connection (self);
  schedule_reconnect (self, now ? 0 : RECONNECT_DELAY_S);
}

static void
connection_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection;

  connection = g_dbus_connection_new_for_address_finish (result, &error);
  if (connection == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The system bus cannot be reached (%s). Mesh Provisioner "
                                   "tries again by itself."), error->message);
      mesh_daemon_set_state (self, MESH_DAEMON_STATE_NO_DAEMON, message);
      schedule_reconnect (self, RECONNECT_DELAY_S);
      return;
    }

  self->connection = connection;
  self->closed_handler = g_signal_connect (connection, "closed", G_CALLBACK (closed_cb), self);
  self->filter_id = g_dbus_connection_add_filter (connection, filter_cb,
                                                  g_atomic_rc_box_acquire (self->app_read),
                                                  (GDestroyNotify) g_atomic_rc_box_release);
  mesh_daemon_app_export (self);
  g_debug ("Connected to the system bus as %s", g_dbus_connection_get_unique_name (connection));

  mesh_bluez_network1_proxy_new (connection,
                                 G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES
                                 | G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS
                                 | G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                 MESH_DAEMON_SERVICE, MESH_DAEMON_PATH,
                                 self->connection_cancellable,
                                 network_proxy_cb, g_object_ref (self));
}

static void
connect_bus (MeshDaemon *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  /* A connection of our own (see the header); DBUS_SYSTEM_BUS_ADDRESS is
   * honoured here. Reading the address does no I/O. */
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (address == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The system bus cannot be reached (%s)."),
                                                  error->message);

      mesh_daemon_set_state (self, MESH_DAEMON_STATE_NO_DAEMON, message);
      schedule_reconnect (self, RECONNECT_DELAY_S);
      return;
    }

  g_dbus_connection_new_for_address (address,
                                     G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                     | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                     NULL, self->connection_cancellable,
                                     connection_ready_cb, g_object_ref (self));
}

void
mesh_daemon_notify_unicast (MeshDaemon *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNICAST]);
}

void
mesh_daemon_notify_network_uuid (MeshDaemon *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_UUID]);
}

void
mesh_daemon_set_state (MeshDaemon      *self,
                       MeshDaemonState  state,
                       const char      *message)
{
  gboolean state_changed = self->state != state;
  gboolean message_changed = g_strcmp0 (self->state_message, message) != 0;

  self->state = state;
  if (message_changed)
    {
      g_free (self->state_message);
      self->state_message = g_strdup (message);
    }

  if (state_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (message_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_MESSAGE]);
}

gboolean
mesh_daemon_check_attached (MeshDaemon  *self,
                            GError     **error)
{
  if (self->state == MESH_DAEMON_STATE_ATTACHED && self->node && self->management)
    return TRUE;

  g_propagate_error (error, mesh_daemon_unavailable_error (self));
  return FALSE;
}

MeshDaemon *
mesh_daemon_new (void)
{
  return g_object_new (MESH_TYPE_DAEMON, NULL);
}

MeshDaemonState
mesh_daemon_get_state (MeshDaemon *self)
{
  g_return_val_if_fail (MESH_IS_DAEMON (self), MESH_DAEMON_STATE_NO_DAEMON);

  return self->state;
}

const char *
mesh_daemon_get_state_message (MeshDaemon *self)
{
  g_return_val_if_fail (MESH_IS_DAEMON (self), NULL);

  return self->state_message;
}

const char *
mesh_daemon_get_unique_name (MeshDaemon *self)
{
  g_return_val_if_fail (MESH_IS_DAEMON (self), NULL);

  return self->connection ? g_dbus_connection_get_unique_name (self->connection) : NULL;
}

guint16
mesh_daemon_get_unicast (MeshDaemon *self)
{
  g_return_val_if_fail (MESH_IS_DAEMON (self), 0);

  return self->unicast;
}

guint32
mesh_daemon_get_iv_index (MeshDaemon *self)
{
  g_return_val_if_fail (MESH_IS_DAEMON (self), 0);

  /* The proxy follows PropertiesChanged: the current value. */
  return self->node ? mesh_bluez_node1_get_iv_index (self->node) : self->iv_index;
}

gboolean
mesh_daemon_get_remote_provisioning (MeshDaemon *self)
{
  g_return_val_if_fail (MESH_IS_DAEMON (self), FALSE);

  return self->remote_provisioning;
}

const char *
mesh_daemon_get_network_uuid (MeshDaemon *self)
{
  g_return_val_if_fail (MESH_IS_DAEMON (self), NULL);

  return self->network_uuid;
}

void
mesh_daemon_abort_provisioning (MeshDaemon *self)
{
  g_return_if_fail (MESH_IS_DAEMON (self));

  if (self->connection == NULL || g_dbus_connection_is_closed (self->connection))
    return;

  /* meshd's disconnect watch (mesh/manager.c, prov_disc_cb) cancels the
   * initiator and closes the link; closed_cb connects again at once. */
  g_debug ("Dropping the bus connection to abort a provisioning");
  self->reconnect_now = TRUE;
  g_dbus_connection_close (self->connection, NULL, NULL, NULL);
}

static void
mesh_daemon_dispose (GObject *object)
{
  MeshDaemon *self = MESH_DAEMON (object);

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  g_clear_handle_id (&self->join_timeout, g_source_remove);
  teardown_connection (self);
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  mesh_daemon_app_clear (self);

  G_OBJECT_CLASS (mesh_daemon_parent_class)->dispose (object);
}

static void
mesh_daemon_finalize (GObject *object)
{
  MeshDaemon *self = MESH_DAEMON (object);

  g_clear_object (&self->connection_cancellable);
  g_clear_pointer (&self->attach_tasks, g_ptr_array_unref);
  g_atomic_rc_box_release (self->app_read);
  g_free (self->state_message);
  g_free (self->network_uuid);

  G_OBJECT_CLASS (mesh_daemon_parent_class)->finalize (object);
}

static void
mesh_daemon_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MeshDaemon *self = MESH_DAEMON (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATE_MESSAGE:
      g_value_set_string (value, self->state_message);
      break;
    case PROP_UNICAST:
      g_value_set_uint (value, self->unicast);
      break;
    case PROP_NETWORK_UUID:
      g_value_set_string (value, self->network_uuid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_daemon_class_init (MeshDaemonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mesh_daemon_dispose;
  object_class->finalize = mesh_daemon_finalize;
  object_class->get_property = mesh_daemon_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MESH_TYPE_DAEMON_STATE, MESH_DAEMON_STATE_NO_DAEMON,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_MESSAGE] =
    g_param_spec_string ("state-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNICAST] =
    g_param_spec_uint ("unicast", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NETWORK_UUID] =
    g_param_spec_string ("network-uuid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MeshDaemon::scan-result:
   * @rssi: the signal strength meshd reports
   * @data: the beacon from the Device UUID on (mesh-beacon.h parses it)
   * @server: the unicast address of the Remote Provisioning Server that
   *   heard the device, 0 for our own radio
   */
  mesh_daemon_signals[MESH_DAEMON_SIGNAL_SCAN_RESULT] =
    g_signal_new ("scan-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_BYTES, G_TYPE_UINT);
  /**
   * MeshDaemon::add-node-complete:
   * @uuid: the Device UUID (16 bytes)
   * @unicast: its primary address
   * @count: its number of elements
   */
  mesh_daemon_signals[MESH_DAEMON_SIGNAL_ADD_NODE_COMPLETE] =
    g_signal_new ("add-node-complete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_BYTES, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * MeshDaemon::add-node-failed:
   * @uuid: the Device UUID (16 bytes)
   * @reason: meshd's reason ("bad-pdu", "timeout", ...)
   */
  mesh_daemon_signals[MESH_DAEMON_SIGNAL_ADD_NODE_FAILED] =
    g_signal_new ("add-node-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BYTES, G_TYPE_STRING);
  /**
   * MeshDaemon::oob-request:
   * @request: a new #MeshOobRequest from the provisioning agent
   *
   * A handler that takes care of it keeps a reference; an unanswered
   * prompt that nobody holds is refused when the last reference goes.
   */
  mesh_daemon_signals[MESH_DAEMON_SIGNAL_OOB_REQUEST] =
    g_signal_new ("oob-request", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MESH_TYPE_OOB_REQUEST);
}

static void
mesh_daemon_init (MeshDaemon *self)
{
  self->connection_cancellable = g_cancellable_new ();
  self->attach_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->app_read = g_atomic_rc_box_new0 (gint);
  self->state = MESH_DAEMON_STATE_NO_DAEMON;
  self->state_message = g_strdup (_("Looking for bluetooth-meshd…"));

  mesh_daemon_app_init (self);
  connect_bus (self);
}
