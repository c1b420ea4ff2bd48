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

/* The connection to bluetooth-meshd: the bus, the name watch, create,
 * import, attach and leave, the state, and MeshTransport. The exported
 * objects are in mesh-daemon-app.c, the Management1 calls in
 * mesh-daemon-calls.c. */

#define RECONNECT_DELAY_S 2
#define ATTACH_RETRY_DELAY_S 1
#define JOIN_TIMEOUT_S 30   /* meshd's own D-Bus timeout (DEFAULT_DBUS_TIMEOUT) */

guint mesh_daemon_signals[MESH_DAEMON_N_SIGNALS];

static void mesh_daemon_transport_iface_init (MeshTransportInterface *iface);

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

static void connect_bus  (MeshDaemon *self);
static void start_attach (MeshDaemon *self);

/* Ends every attach_async() waiting for an attach result; with @error NULL
 * they succeed. */
static void
finish_attach_tasks (MeshDaemon   *self,
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

static GError *
unavailable_error (MeshDaemon *self)
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

static void
clear_node (MeshDaemon *self)
{
  g_clear_object (&self->node);
  g_clear_object (&self->management);
  g_clear_pointer (&self->node_path, g_free);
  self->unicast = 0;
  self->iv_index = 0;
  self->attaching = FALSE;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNICAST]);
}

static void
fail_join (MeshDaemon   *self,
           const GError *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->join_task);

  g_clear_handle_id (&self->join_timeout, g_source_remove);
  if (task)
    g_task_return_error (task, g_error_copy (error));
}

static void
set_detached_state (MeshDaemon *self)
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

  clear_node (self);
  mesh_daemon_app_abort_requests (self);

  error = unavailable_error (self);
  fail_join (self, error);
  finish_attach_tasks (self, error);
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

static gboolean
retry_attach_cb (gpointer user_data)
{
  MeshDaemon *self = user_data;

  self->retry_source = 0;
  start_attach (self);

  return G_SOURCE_REMOVE;
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

  clear_node (self);
  if (self->network_uuid)
    start_attach (self);
  else
    set_detached_state (self);
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
  clear_node (self);
  mesh_daemon_app_abort_requests (self);
  set_detached_state (self);

  error = unavailable_error (self);
  fail_join (self, error);
  finish_attach_tasks (self, error);
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
  teardown_connection (self);
  if (!now)
    mesh_daemon_set_state (self, MESH_DAEMON_STATE_NO_DAEMON,
                           _("The connection to the system bus was lost. Mesh Provisioner "
                             "connects again by itself."));
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

static void
attached (MeshDaemon *self)
{
  g_autoptr(GVariant) addresses = NULL;

  addresses = mesh_bluez_node1_dup_addresses (self->node);
  if (addresses && g_variant_n_children (addresses) > 0)
    g_variant_get_child (addresses, 0, "q", &self->unicast);
  self->iv_index = mesh_bluez_node1_get_iv_index (self->node);
  self->attaching = FALSE;

  g_debug ("Attached as node %s, address 0x%04x", self->node_path, self->unicast);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNICAST]);
  mesh_daemon_set_state (self, MESH_DAEMON_STATE_ATTACHED, NULL);
  finish_attach_tasks (self, NULL);
}

static void
attach_failed (MeshDaemon   *self,
               const GError *error)
{
  self->attaching = FALSE;
  g_clear_object (&self->node);
  g_clear_object (&self->management);
  g_clear_pointer (&self->node_path, g_free);

  /* meshd answers Busy while the node is being finalized (right after
   * JoinComplete) or detached: try again shortly. */
  if (g_error_matches (error, MESH_ERROR, MESH_ERROR_BUSY))
    {
      self->retry_source = g_timeout_add_seconds (ATTACH_RETRY_DELAY_S, retry_attach_cb, self);
      return;
    }

  mesh_daemon_set_state (self,
                         mesh_daemon_error_is_refusal (error)
                           ? MESH_DAEMON_STATE_REFUSED : MESH_DAEMON_STATE_FAILED,
                         error->message);
  finish_attach_tasks (self, error);
}

static void
management_proxy_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) mapped = NULL;
  MeshBluezManagement1 *management;

  management = mesh_bluez_management1_proxy_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (management == NULL)
    {
      mapped = mesh_daemon_error_from_dbus (error, MESH_DAEMON_OP_ATTACH, TRUE);
      attach_failed (self, mapped);
      return;
    }

  self->management = management;
  attached (self);
}

static void
node_proxy_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) mapped = NULL;
  MeshBluezNode1 *node;

  node = mesh_bluez_node1_proxy_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (node == NULL)
    {
      mapped = mesh_daemon_error_from_dbus (error, MESH_DAEMON_OP_ATTACH, TRUE);
      attach_failed (self, mapped);
      return;
    }

  self->node = node;
  mesh_bluez_management1_proxy_new (self->connection,
                                    G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES
                                    | G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS
                                    | G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                    MESH_DAEMON_SERVICE, self->node_path,
                                    self->connection_cancellable,
                                    management_proxy_cb, g_object_ref (self));
}

static void
attach_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) configuration = NULL;
  g_autofree char *node_path = NULL;

  if (!mesh_bluez_network1_call_attach_finish (MESH_BLUEZ_NETWORK1 (source), &node_path,
                                               &configuration, result, &error))
    {
      g_autoptr(GError) mapped = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      mapped = mesh_daemon_error_from_dbus (error, MESH_DAEMON_OP_ATTACH,
                                            g_atomic_int_get (self->app_read));
      g_debug ("Attach failed: %s", error->message);
      attach_failed (self, mapped);
      return;
    }

  self->node_path = g_steal_pointer (&node_path);
  mesh_bluez_node1_proxy_new (self->connection,
                              G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                              MESH_DAEMON_SERVICE, self->node_path,
                              self->connection_cancellable,
                              node_proxy_cb, g_object_ref (self));
}

static void
do_attach (MeshDaemon *self)
{
  g_atomic_int_set (self->app_read, 0);
  mesh_bluez_network1_call_attach (self->network, mesh_daemon_get_app_root (), self->token,
                                   self->connection_cancellable,
                                   attach_cb, g_object_ref (self));
}

static void
token_lookup_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) token = NULL;
  const guint8 *data;
  gsize len;

  token = mesh_keyring_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->attaching)
    return;

  if (token == NULL)
    {
      g_autoptr(GError) explained = NULL;

      if (g_error_matches (error, MESH_ERROR, MESH_ERROR_SECRET_MISSING))
        explained = g_error_new_literal (MESH_ERROR, MESH_ERROR_SECRET_MISSING,
                                         _("The keyring has no bluetooth-meshd token for this "
                                           "network, so Mesh Provisioner cannot attach to it. "
                                           "Import the network again on this computer."));
      else
        explained = g_error_copy (error);
      self->attaching = FALSE;
      mesh_daemon_set_state (self, MESH_DAEMON_STATE_FAILED, explained->message);
      finish_attach_tasks (self, explained);
      return;
    }

  data = g_bytes_get_data (token, &len);
  if (len != 8)
    {
      g_autoptr(GError) bad = g_error_new_literal (MESH_ERROR, MESH_ERROR_INVALID_DATA,
                                                   _("The bluetooth-meshd token in the keyring "
                                                     "is damaged. Import the network again."));

      self->attaching = FALSE;
      mesh_daemon_set_state (self, MESH_DAEMON_STATE_FAILED, bad->message);
      finish_attach_tasks (self, bad);
      return;
    }

  self->token = 0;
  for (gsize i = 0; i < 8; i++)
    self->token = (self->token << 8) | data[i];
  self->have_token = TRUE;
  do_attach (self);
}

static void
start_attach (MeshDaemon *self)
{
  if (self->attaching || self->daemon_owner == NULL || self->network_uuid == NULL
      || self->network == NULL || self->node != NULL || self->join_task != NULL)
    return;

  self->attaching = TRUE;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  mesh_daemon_set_state (self, MESH_DAEMON_STATE_CONNECTING,
                         _("Attaching to the network in bluetooth-meshd…"));

  if (self->have_token)
    do_attach (self);
  else
    mesh_keyring_lookup_async (self->network_uuid, MESH_SECRET_NODE_TOKEN, 0,
                               self->connection_cancellable,
                               token_lookup_cb, g_object_ref (self));
}

static GBytes *
token_to_bytes (guint64 token)
{
  guint8 data[8];

  /* Big-endian, as meshd prints and stores it. */
  for (int i = 7; i >= 0; i--, token >>= 8)
    data[i] = token & 0xFF;

  return g_bytes_new (data, sizeof data);
}

typedef struct
{
  MeshDaemon            *self;
  GDBusMethodInvocation *invocation;
  guint64                token;
} JoinData;

static void
token_stored_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  JoinData *data = user_data;
  g_autoptr(MeshDaemon) self = data->self;
  g_autoptr(GDBusMethodInvocation) invocation = data->invocation;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  guint64 token = data->token;

  g_free (data);

  if (!mesh_keyring_store_finish (result, &error))
    {
      /* meshd removes the node it just made when JoinComplete fails: no
       * network is left behind that nobody can attach to. */
      g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.mesh.Error.Failed",
                                                  "The token could not be stored");
      fail_join (self, error);
      set_detached_state (self);
      return;
    }

  g_dbus_method_invocation_return_value (invocation, NULL);

  g_clear_handle_id (&self->join_timeout, g_source_remove);
  task = g_steal_pointer (&self->join_task);
  if (task == NULL)
    return;

  g_free (self->network_uuid);
  self->network_uuid = g_strdup (g_task_get_task_data (task));
  self->token = token;
  self->have_token = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_UUID]);

  g_ptr_array_add (self->attach_tasks, g_steal_pointer (&task));
  start_attach (self);
}

void
mesh_daemon_join_complete (MeshDaemon            *self,
                           guint64                token,
                           GDBusMethodInvocation *invocation)
{
  g_autoptr(GBytes) bytes = NULL;
  JoinData *data;

  if (self->join_task == NULL)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.mesh.Error.Failed",
                                                  "No network is being created");
      return;
    }

  data = g_new0 (JoinData, 1);
  data->self = g_object_ref (self);
  data->invocation = g_object_ref (invocation);
  data->token = token;
  bytes = token_to_bytes (token);
  mesh_keyring_store_async (g_task_get_task_data (self->join_task), MESH_SECRET_NODE_TOKEN, 0,
                            bytes, NULL, token_stored_cb, data);
}

static gboolean
join_timeout_cb (gpointer user_data)
{
  MeshDaemon *self = user_data;
  g_autoptr(GError) error = NULL;

  self->join_timeout = 0;
  error = g_error_new_literal (MESH_ERROR, MESH_ERROR_TIMED_OUT,
                               _("bluetooth-meshd created the node but never sent its token. "
                                 "Try again; restarting bluetooth-meshd may help."));
  fail_join (self, error);
  set_detached_state (self);

  return G_SOURCE_REMOVE;
}

static void
join_call_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MeshDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  MeshDaemonOp op;

  if (MESH_BLUEZ_IS_NETWORK1 (source) && self->join_task
      && g_task_get_source_tag (self->join_task) == mesh_daemon_create_network_async)
    {
      op = MESH_DAEMON_OP_CREATE_NETWORK;
      ok = mesh_bluez_network1_call_create_network_finish (MESH_BLUEZ_NETWORK1 (source),
                                                           result, &error);
    }
  else
    {
      op = MESH_DAEMON_OP_IMPORT_NODE;
      ok = mesh_bluez_network1_call_import_finish (MESH_BLUEZ_NETWORK1 (source), result, &error);
    }

  if (!ok)
    {
      g_autoptr(GError) mapped = mesh_daemon_error_from_dbus (error, op,
                                                              g_atomic_int_get (self->app_read));

      if (self->join_task)
        {
          if (mesh_daemon_error_is_refusal (mapped))
            mesh_daemon_set_state (self, MESH_DAEMON_STATE_REFUSED, mapped->message);
          else
            set_detached_state (self);
        }
      fail_join (self, mapped);
      return;
    }

  /* The token follows in Application1.JoinComplete. */
}

static GTask *
begin_join (MeshDaemon          *self,
            gpointer             source_tag,
            const char          *network_uuid,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_strdup (network_uuid), g_free);

  if (self->daemon_owner == NULL || self->network == NULL)
    {
      g_task_return_error (task, unavailable_error (self));
      return NULL;
    }
  if (self->join_task || self->network_uuid)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_BUSY, "%s",
                               _("A network is already open or being created."));
      return NULL;
    }

  /* The call, meshd reading the application and JoinComplete. */
  self->join_timeout = g_timeout_add_seconds (2 * JOIN_TIMEOUT_S, join_timeout_cb, self);
  self->join_task = g_object_ref (task);
  g_atomic_int_set (self->app_read, 0);
  mesh_daemon_set_state (self, MESH_DAEMON_STATE_CONNECTING,
                         _("Creating the network in bluetooth-meshd…"));

  return g_steal_pointer (&task);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  MeshDaemonOp op = GPOINTER_TO_UINT (g_task_get_task_data (task));

  if (op == MESH_DAEMON_OP_DEV_KEY_SEND)
    ok = mesh_bluez_node1_call_dev_key_send_finish (MESH_BLUEZ_NODE1 (source), result, &error);
  else
    ok = mesh_bluez_node1_call_send_finish (MESH_BLUEZ_NODE1 (source), result, &error);

  if (!ok)
    g_task_return_error (task, mesh_daemon_error_from_dbus (error, op, TRUE));
  else
    g_task_return_boolean (task, TRUE);
}

static void
mesh_daemon_send_async (MeshTransport       *transport,
                        MeshTransportKey     key,
                        guint16              key_index,
                        guint16              destination,
                        GBytes              *message,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  MeshDaemon *self = MESH_DAEMON (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  GVariant *data;
  GVariant *options;

  g_task_set_source_tag (task, mesh_daemon_send_async);

  if (!mesh_daemon_check_attached (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, message, TRUE);
  options = g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0);

  if (key == MESH_TRANSPORT_KEY_DEVICE)
    {
      g_task_set_task_data (task, GUINT_TO_POINTER (MESH_DAEMON_OP_DEV_KEY_SEND), NULL);
      /* remote = TRUE: the destination's device key, which meshd wants
       * even for a message to our own node (mesh/node.c). */
      mesh_bluez_node1_call_dev_key_send (self->node, mesh_daemon_get_element_path (),
                                          destination, TRUE, key_index, options, data,
                                          cancellable, send_cb, g_steal_pointer (&task));
    }
  else
    {
      g_task_set_task_data (task, GUINT_TO_POINTER (MESH_DAEMON_OP_SEND), NULL);
      mesh_bluez_node1_call_send (self->node, mesh_daemon_get_element_path (),
                                  destination, key_index, options, data,
                                  cancellable, send_cb, g_steal_pointer (&task));
    }
}

static gboolean
mesh_daemon_send_finish (MeshTransport  *transport,
                         GAsyncResult   *result,
                         GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mesh_daemon_transport_iface_init (MeshTransportInterface *iface)
{
  iface->send_async = mesh_daemon_send_async;
  iface->send_finish = mesh_daemon_send_finish;
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

  g_propagate_error (error, unavailable_error (self));
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

const char *
mesh_daemon_get_network_uuid (MeshDaemon *self)
{
  g_return_val_if_fail (MESH_IS_DAEMON (self), NULL);

  return self->network_uuid;
}

void
mesh_daemon_create_network_async (MeshDaemon          *self,
                                  const char          *network_uuid,
                                  GBytes              *node_uuid,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MESH_IS_DAEMON (self));
  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (node_uuid != NULL && g_bytes_get_size (node_uuid) == 16);

  task = begin_join (self, mesh_daemon_create_network_async, network_uuid,
                     cancellable, callback, user_data);
  if (task == NULL)
    return;

  mesh_bluez_network1_call_create_network (self->network, mesh_daemon_get_app_root (),
                                           g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                                     node_uuid, TRUE),
                                           self->connection_cancellable,
                                           join_call_cb, g_object_ref (self));
  g_object_unref (task);
}

gboolean
mesh_daemon_create_network_finish (MeshDaemon    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mesh_daemon_import_node_async (MeshDaemon          *self,
                               const char          *network_uuid,
                               GBytes              *node_uuid,
                               GBytes              *device_key,
                               GBytes              *net_key,
                               guint16              net_index,
                               guint32              iv_index,
                               gboolean             iv_update,
                               gboolean             key_refresh,
                               guint16              unicast,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GVariantBuilder flags;
  GTask *task;

  g_return_if_fail (MESH_IS_DAEMON (self));
  g_return_if_fail (network_uuid != NULL);
  g_return_if_fail (node_uuid != NULL && g_bytes_get_size (node_uuid) == 16);
  g_return_if_fail (device_key != NULL && g_bytes_get_size (device_key) == 16);
  g_return_if_fail (net_key != NULL && g_bytes_get_size (net_key) == 16);

  task = begin_join (self, mesh_daemon_import_node_async, network_uuid,
                     cancellable, callback, user_data);
  if (task == NULL)
    return;

  g_variant_builder_init (&flags, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&flags, "{sv}", "IvUpdate", g_variant_new_boolean (iv_update));
  g_variant_builder_add (&flags, "{sv}", "KeyRefresh", g_variant_new_boolean (key_refresh));
  mesh_bluez_network1_call_import (self->network, mesh_daemon_get_app_root (),
                                   g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                             node_uuid, TRUE),
                                   g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                             device_key, TRUE),
                                   g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                             net_key, TRUE),
                                   net_index, g_variant_builder_end (&flags), iv_index, unicast,
                                   self->connection_cancellable,
                                   join_call_cb, g_object_ref (self));
  g_object_unref (task);
}

gboolean
mesh_daemon_import_node_finish (MeshDaemon    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mesh_daemon_attach_async (MeshDaemon          *self,
                          const char          *network_uuid,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MESH_IS_DAEMON (self));
  g_return_if_fail (network_uuid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_daemon_attach_async);

  if (self->network_uuid && !g_str_equal (self->network_uuid, network_uuid))
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_BUSY, "%s",
                               _("Another network is open. Close it first."));
      return;
    }

  if (self->network_uuid == NULL)
    {
      self->network_uuid = g_strdup (network_uuid);
      self->have_token = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_UUID]);
    }

  if (self->state == MESH_DAEMON_STATE_ATTACHED)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Until the name watch has answered nobody knows whether meshd runs. */
  if (self->name_known && self->daemon_owner == NULL)
    {
      g_task_return_error (task, unavailable_error (self));
      return;
    }

  g_ptr_array_add (self->attach_tasks, g_steal_pointer (&task));
  if (self->state == MESH_DAEMON_STATE_FAILED || self->state == MESH_DAEMON_STATE_REFUSED)
    self->have_token = FALSE;  /* read it again: it may have been fixed */
  start_attach (self);
}

gboolean
mesh_daemon_attach_finish (MeshDaemon    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
leave_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshDaemon *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_bluez_network1_call_leave_finish (MESH_BLUEZ_NETWORK1 (source), result, &error))
    {
      g_task_return_error (task, mesh_daemon_error_from_dbus (error, MESH_DAEMON_OP_LEAVE, TRUE));
      return;
    }

  clear_node (self);
  g_clear_pointer (&self->network_uuid, g_free);
  self->have_token = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_UUID]);
  set_detached_state (self);
  g_task_return_boolean (task, TRUE);
}

void
mesh_daemon_leave_async (MeshDaemon          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MESH_IS_DAEMON (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_daemon_leave_async);

  if (!self->have_token || self->network == NULL || self->daemon_owner == NULL)
    {
      g_task_return_error (task, unavailable_error (self));
      return;
    }

  mesh_bluez_network1_call_leave (self->network, self->token, cancellable,
                                  leave_cb, g_steal_pointer (&task));
}

gboolean
mesh_daemon_leave_finish (MeshDaemon    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
   */
  mesh_daemon_signals[MESH_DAEMON_SIGNAL_SCAN_RESULT] =
    g_signal_new ("scan-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BYTES);
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
