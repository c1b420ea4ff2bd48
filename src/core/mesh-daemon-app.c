/* mesh-daemon-app.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-crypto.h"
#include "mesh-daemon-private.h"
#include "mesh-oob-request-private.h"

/* The objects the application exports to bluetooth-meshd, under one
 * ObjectManager (meshd reads them with GetManagedObjects):
 *
 *   APP_ROOT              ObjectManager
 *   APP_ROOT/application  Application1, Provisioner1
 *   APP_ROOT/agent        ProvisionAgent1
 *   APP_ROOT/element0     Element1 (index 0)
 *
 * They are generated skeletons (mesh-bluez.h, from org.bluez.mesh.xml);
 * this file connects their handle-* signals. */

#define APP_ROOT     "/io/github/meshprovisioner/MeshProvisioner/mesh"
#define APP_PATH     APP_ROOT "/application"
#define AGENT_PATH   APP_ROOT "/agent"
#define ELEMENT_PATH APP_ROOT "/element0"

/* The client models of element 0 (meshd adds the Configuration Server). */
static const guint16 element_models[] = {
  0x0001,  /* Configuration Client */
  0x1001,  /* Generic OnOff Client */
  0x1003,  /* Generic Level Client */
};

/* Anyone on the system bus can call an exported object: only meshd may.
 * Answers the call with an error and returns FALSE otherwise. */
static gboolean
from_daemon (MeshDaemon            *self,
             GDBusMethodInvocation *invocation)
{
  const char *sender = g_dbus_method_invocation_get_sender (invocation);

  if (self->daemon_owner && g_strcmp0 (sender, self->daemon_owner) == 0)
    return TRUE;

  g_dbus_method_invocation_return_dbus_error (invocation,
                                              "org.freedesktop.DBus.Error.AccessDenied",
                                              "Only bluetooth-meshd may call this");
  return FALSE;
}

static GBytes *
bytes_from_variant (GVariant *value)
{
  gsize len = 0;
  const guint8 *data = g_variant_get_fixed_array (value, &len, 1);

  return g_bytes_new (data, len);
}

static void oob_request_gone_cb (gpointer  data,
                                 GObject  *where_the_object_was);

/* Pending requests are held weakly: one nobody keeps (no UI, no
 * provisioning) is refused as it goes, instead of leaving meshd waiting. */
static void
forget_oob_request (MeshDaemon     *self,
                    MeshOobRequest *request)
{
  g_signal_handlers_disconnect_by_data (request, self);
  g_object_weak_unref (G_OBJECT (request), oob_request_gone_cb, self);
  g_ptr_array_remove (self->oob_requests, request);
}

static void
oob_request_gone_cb (gpointer  data,
                     GObject  *where_the_object_was)
{
  MeshDaemon *self = data;

  g_ptr_array_remove (self->oob_requests, where_the_object_was);
}

static void
oob_request_state_cb (MeshOobRequest *request,
                      GParamSpec     *pspec,
                      MeshDaemon     *self)
{
  if (mesh_oob_request_get_state (request) != MESH_OOB_STATE_PENDING)
    forget_oob_request (self, request);
}

static void
emit_oob_request (MeshDaemon     *self,
                  MeshOobRequest *request)
{
  if (mesh_oob_request_get_state (request) == MESH_OOB_STATE_PENDING)
    {
      g_ptr_array_add (self->oob_requests, request);
      g_object_weak_ref (G_OBJECT (request), oob_request_gone_cb, self);
      g_signal_connect (request, "notify::state", G_CALLBACK (oob_request_state_cb), self);
    }

  g_signal_emit (self, mesh_daemon_signals[MESH_DAEMON_SIGNAL_OOB_REQUEST], 0, request);
}

static gboolean
handle_join_complete_cb (MeshBluezApplication1 *iface,
                         GDBusMethodInvocation *invocation,
                         guint64                token,
                         MeshDaemon            *self)
{
  if (from_daemon (self, invocation))
    mesh_daemon_join_complete (self, token, invocation);

  return TRUE;
}

static gboolean
handle_join_failed_cb (MeshBluezApplication1 *iface,
                       GDBusMethodInvocation *invocation,
                       const char            *reason,
                       MeshDaemon            *self)
{
  /* Only Join (the device role) ends in JoinFailed; we never call it. */
  if (from_daemon (self, invocation))
    mesh_bluez_application1_complete_join_failed (iface, invocation);

  return TRUE;
}

static gboolean
handle_message_received_cb (MeshBluezElement1     *iface,
                            GDBusMethodInvocation *invocation,
                            guint16                source,
                            guint16                key_index,
                            GVariant              *destination,
                            GVariant              *data,
                            MeshDaemon            *self)
{
  g_autoptr(GVariant) inner = NULL;
  g_autoptr(GBytes) message = NULL;
  guint16 address = 0;

  if (!from_daemon (self, invocation))
    return TRUE;

  inner = g_variant_is_of_type (destination, G_VARIANT_TYPE_VARIANT)
            ? g_variant_get_variant (destination) : g_variant_ref (destination);
  if (g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT16))
    address = g_variant_get_uint16 (inner);
  else if (g_variant_is_of_type (inner, G_VARIANT_TYPE_BYTESTRING)
           && g_variant_get_size (inner) == 16)
    address = mesh_crypto_virtual_address (g_variant_get_data (inner));

  mesh_bluez_element1_complete_message_received (iface, invocation);

  message = bytes_from_variant (data);
  if (g_bytes_get_size (message) > 0)
    mesh_transport_message_received (MESH_TRANSPORT (self), MESH_TRANSPORT_KEY_APPLICATION,
                                     key_index, source, address, message);
  return TRUE;
}

static gboolean
handle_dev_key_message_received_cb (MeshBluezElement1     *iface,
                                    GDBusMethodInvocation *invocation,
                                    guint16                source,
                                    gboolean               remote,
                                    guint16                net_index,
                                    GVariant              *data,
                                    MeshDaemon            *self)
{
  g_autoptr(GBytes) message = NULL;

  if (!from_daemon (self, invocation))
    return TRUE;

  mesh_bluez_element1_complete_dev_key_message_received (iface, invocation);

  message = bytes_from_variant (data);
  if (g_bytes_get_size (message) > 0)
    mesh_transport_message_received (MESH_TRANSPORT (self), MESH_TRANSPORT_KEY_DEVICE,
                                     net_index, source, self->unicast, message);
  return TRUE;
}

static gboolean
handle_update_model_configuration_cb (MeshBluezElement1     *iface,
                                      GDBusMethodInvocation *invocation,
                                      guint16                model_id,
                                      GVariant              *config,
                                      MeshDaemon            *self)
{
  /* meshd tells us when our own models' bindings change; the database
   * learns them from the configuration statuses instead. */
  if (from_daemon (self, invocation))
    mesh_bluez_element1_complete_update_model_configuration (iface, invocation);

  return TRUE;
}

static gboolean
handle_scan_result_cb (MeshBluezProvisioner1 *iface,
                       GDBusMethodInvocation *invocation,
                       gint16                 rssi,
                       GVariant              *data,
                       GVariant              *options,
                       MeshDaemon            *self)
{
  g_autoptr(GBytes) beacon = NULL;
  guint16 server = 0;

  if (!from_daemon (self, invocation))
    return TRUE;

  mesh_bluez_provisioner1_complete_scan_result (iface, invocation);
  beacon = bytes_from_variant (data);
  /* meshd 5.67 and newer scan through a Remote Provisioning Server even
   * on their own radio: they name our own node as the server then. */
  if (!g_variant_lookup (options, "Server", "q", &server) || server == self->unicast)
    server = 0;
  g_signal_emit (self, mesh_daemon_signals[MESH_DAEMON_SIGNAL_SCAN_RESULT], 0,
                 (int) rssi, beacon, (guint) server);
  return TRUE;
}

static void
prov_data_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GDBusMethodInvocation) invocation = user_data;
  g_autoptr(GError) error = NULL;
  gssize answer;

  answer = g_task_propagate_int (G_TASK (result), &error);
  if (answer < 0)
    {
      /* meshd then never sends the data and the provisioning times out:
       * the Provisioner1 API offers no way to fail it sooner. */
      g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.mesh.Error.Abort",
                                                  error ? error->message : "No address");
      return;
    }

  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(qq)", (guint16) ((answer >> 16) & 0xFFFF),
                                                        (guint16) (answer & 0xFFFF)));
}

static gboolean
handle_request_prov_data_cb (MeshBluezProvisioner1 *iface,
                             GDBusMethodInvocation *invocation,
                             guint8                 count,
                             MeshDaemon            *self)
{
  g_autoptr(GTask) task = NULL;

  if (!from_daemon (self, invocation))
    return TRUE;

  task = g_task_new (self, NULL, prov_data_cb, g_object_ref (invocation));
  g_task_set_source_tag (task, handle_request_prov_data_cb);
  if (self->prov_data_func == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             "Nobody assigns addresses");
  else
    self->prov_data_func (self, count, task, self->prov_data_data);

  return TRUE;
}

static gboolean
handle_add_node_complete_cb (MeshBluezProvisioner1 *iface,
                             GDBusMethodInvocation *invocation,
                             GVariant              *uuid,
                             guint16                unicast,
                             guint8                 count,
                             MeshDaemon            *self)
{
  g_autoptr(GBytes) bytes = NULL;

  if (!from_daemon (self, invocation))
    return TRUE;

  mesh_bluez_provisioner1_complete_add_node_complete (iface, invocation);
  bytes = bytes_from_variant (uuid);
  mesh_daemon_app_abort_requests (self);
  g_signal_emit (self, mesh_daemon_signals[MESH_DAEMON_SIGNAL_ADD_NODE_COMPLETE], 0,
                 bytes, (guint) unicast, (guint) count);
  return TRUE;
}

static gboolean
handle_add_node_failed_cb (MeshBluezProvisioner1 *iface,
                           GDBusMethodInvocation *invocation,
                           GVariant              *uuid,
                           const char            *reason,
                           MeshDaemon            *self)
{
  g_autoptr(GBytes) bytes = NULL;

  if (!from_daemon (self, invocation))
    return TRUE;

  mesh_bluez_provisioner1_complete_add_node_failed (iface, invocation);
  bytes = bytes_from_variant (uuid);
  mesh_daemon_app_abort_requests (self);
  g_signal_emit (self, mesh_daemon_signals[MESH_DAEMON_SIGNAL_ADD_NODE_FAILED], 0,
                 bytes, reason);
  return TRUE;
}

static gboolean
handle_display_string_cb (MeshBluezProvisionAgent1 *iface,
                          GDBusMethodInvocation    *invocation,
                          const char               *value,
                          MeshDaemon               *self)
{
  g_autoptr(MeshOobRequest) request = NULL;

  if (!from_daemon (self, invocation))
    return TRUE;

  /* meshd holds its agent busy until a display call is answered: answer
   * at once, the request stays on screen until the provisioning ends. */
  mesh_bluez_provision_agent1_complete_display_string (iface, invocation);
  request = mesh_oob_request_new (MESH_OOB_KIND_DISPLAY_TEXT, MESH_OOB_ACTION_IN_ALPHA,
                                  0, value, NULL);
  emit_oob_request (self, request);
  return TRUE;
}

static gboolean
handle_display_numeric_cb (MeshBluezProvisionAgent1 *iface,
                           GDBusMethodInvocation    *invocation,
                           const char               *type,
                           guint32                   number,
                           MeshDaemon               *self)
{
  g_autoptr(MeshOobRequest) request = NULL;

  if (!from_daemon (self, invocation))
    return TRUE;

  mesh_bluez_provision_agent1_complete_display_numeric (iface, invocation);
  request = mesh_oob_request_new (MESH_OOB_KIND_DISPLAY_NUMBER,
                                  mesh_oob_action_from_string (type), number, NULL, NULL);
  emit_oob_request (self, request);
  return TRUE;
}

static gboolean
handle_prompt_numeric_cb (MeshBluezProvisionAgent1 *iface,
                          GDBusMethodInvocation    *invocation,
                          const char               *type,
                          MeshDaemon               *self)
{
  g_autoptr(MeshOobRequest) request = NULL;

  if (!from_daemon (self, invocation))
    return TRUE;

  request = mesh_oob_request_new (MESH_OOB_KIND_PROMPT_NUMBER,
                                  mesh_oob_action_from_string (type), 0, NULL, invocation);
  emit_oob_request (self, request);
  return TRUE;
}

static gboolean
handle_prompt_static_cb (MeshBluezProvisionAgent1 *iface,
                         GDBusMethodInvocation    *invocation,
                         const char               *type,
                         MeshDaemon               *self)
{
  g_autoptr(MeshOobRequest) request = NULL;
  MeshOobAction action;

  if (!from_daemon (self, invocation))
    return TRUE;

  /* meshd 5.66 asks "static-oob" for a static key and "out-alpha" for the
   * text a device displays (mesh/agent.c, mesh_agent_prompt_alpha). */
  action = mesh_oob_action_from_string (type);
  request = mesh_oob_request_new (action == MESH_OOB_ACTION_STATIC
                                    ? MESH_OOB_KIND_PROMPT_STATIC : MESH_OOB_KIND_PROMPT_TEXT,
                                  action, 0, NULL, invocation);
  emit_oob_request (self, request);
  return TRUE;
}

static gboolean
handle_cancel_cb (MeshBluezProvisionAgent1 *iface,
                  GDBusMethodInvocation    *invocation,
                  MeshDaemon               *self)
{
  if (!from_daemon (self, invocation))
    return TRUE;

  mesh_bluez_provision_agent1_complete_cancel (iface, invocation);
  mesh_daemon_app_abort_requests (self);
  return TRUE;
}

static GVariant *
models_variant (void)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(qa{sv})"));
  for (gsize i = 0; i < G_N_ELEMENTS (element_models); i++)
    g_variant_builder_add (&builder, "(q@a{sv})", element_models[i],
                           g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));

  return g_variant_builder_end (&builder);
}

static void
export_object (MeshDaemon             *self,
               const char             *path,
               GDBusInterfaceSkeleton *first,
               GDBusInterfaceSkeleton *second)
{
  g_autoptr(GDBusObjectSkeleton) object = g_dbus_object_skeleton_new (path);

  g_dbus_object_skeleton_add_interface (object, first);
  if (second)
    g_dbus_object_skeleton_add_interface (object, second);
  g_dbus_object_manager_server_export (self->object_manager, object);
}

void
mesh_daemon_app_init (MeshDaemon *self)
{
  self->oob_requests = g_ptr_array_new ();
  self->capabilities = MESH_OOB_CAPABILITIES_ALL;

  self->application = mesh_bluez_application1_skeleton_new ();
  mesh_bluez_application1_set_company_id (self->application, MESH_DAEMON_COMPANY_ID);
  mesh_bluez_application1_set_product_id (self->application, MESH_DAEMON_PRODUCT_ID);
  mesh_bluez_application1_set_version_id (self->application, MESH_DAEMON_VERSION_ID);
  mesh_bluez_application1_set_crpl (self->application, MESH_DAEMON_CRPL);
  g_signal_connect (self->application, "handle-join-complete",
                    G_CALLBACK (handle_join_complete_cb), self);
  g_signal_connect (self->application, "handle-join-failed",
                    G_CALLBACK (handle_join_failed_cb), self);

  self->provisioner = mesh_bluez_provisioner1_skeleton_new ();
  g_signal_connect (self->provisioner, "handle-scan-result",
                    G_CALLBACK (handle_scan_result_cb), self);
  g_signal_connect (self->provisioner, "handle-request-prov-data",
                    G_CALLBACK (handle_request_prov_data_cb), self);
  g_signal_connect (self->provisioner, "handle-add-node-complete",
                    G_CALLBACK (handle_add_node_complete_cb), self);
  g_signal_connect (self->provisioner, "handle-add-node-failed",
                    G_CALLBACK (handle_add_node_failed_cb), self);

  self->agent = mesh_bluez_provision_agent1_skeleton_new ();
  mesh_daemon_set_agent_capabilities (self, self->capabilities);
  g_signal_connect (self->agent, "handle-display-string",
                    G_CALLBACK (handle_display_string_cb), self);
  g_signal_connect (self->agent, "handle-display-numeric",
                    G_CALLBACK (handle_display_numeric_cb), self);
  g_signal_connect (self->agent, "handle-prompt-numeric",
                    G_CALLBACK (handle_prompt_numeric_cb), self);
  g_signal_connect (self->agent, "handle-prompt-static",
                    G_CALLBACK (handle_prompt_static_cb), self);
  g_signal_connect (self->agent, "handle-cancel", G_CALLBACK (handle_cancel_cb), self);

  self->element = mesh_bluez_element1_skeleton_new ();
  mesh_bluez_element1_set_index (self->element, 0);
  mesh_bluez_element1_set_location (self->element, 0x0000);
  mesh_bluez_element1_set_models (self->element, models_variant ());
  mesh_bluez_element1_set_vendor_models (self->element,
                                         g_variant_new_array (G_VARIANT_TYPE ("(qqa{sv})"),
                                                              NULL, 0));
  g_signal_connect (self->element, "handle-message-received",
                    G_CALLBACK (handle_message_received_cb), self);
  g_signal_connect (self->element, "handle-dev-key-message-received",
                    G_CALLBACK (handle_dev_key_message_received_cb), self);
  g_signal_connect (self->element, "handle-update-model-configuration",
                    G_CALLBACK (handle_update_model_configuration_cb), self);

  self->object_manager = g_dbus_object_manager_server_new (APP_ROOT);
  export_object (self, APP_PATH, G_DBUS_INTERFACE_SKELETON (self->application),
                 G_DBUS_INTERFACE_SKELETON (self->provisioner));
  export_object (self, AGENT_PATH, G_DBUS_INTERFACE_SKELETON (self->agent), NULL);
  export_object (self, ELEMENT_PATH, G_DBUS_INTERFACE_SKELETON (self->element), NULL);
}

void
mesh_daemon_app_export (MeshDaemon *self)
{
  g_dbus_object_manager_server_set_connection (self->object_manager, self->connection);
}

void
mesh_daemon_app_unexport (MeshDaemon *self)
{
  if (self->object_manager)
    g_dbus_object_manager_server_set_connection (self->object_manager, NULL);
}

void
mesh_daemon_app_abort_requests (MeshDaemon *self)
{
  g_autoptr(GPtrArray) pending = NULL;

  if (self->oob_requests == NULL || self->oob_requests->len == 0)
    return;

  /* Held for the loop: aborting changes their state, which forgets them. */
  pending = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->oob_requests->len; i++)
    g_ptr_array_add (pending, g_object_ref (g_ptr_array_index (self->oob_requests, i)));
  for (guint i = 0; i < pending->len; i++)
    {
      MeshOobRequest *request = g_ptr_array_index (pending, i);

      forget_oob_request (self, request);
      mesh_oob_request_abort (request);
    }
}

void
mesh_daemon_app_clear (MeshDaemon *self)
{
  mesh_daemon_app_abort_requests (self);
  mesh_daemon_app_unexport (self);
  g_clear_object (&self->object_manager);
  g_clear_object (&self->application);
  g_clear_object (&self->provisioner);
  g_clear_object (&self->agent);
  g_clear_object (&self->element);
  g_clear_pointer (&self->oob_requests, g_ptr_array_unref);
}

const char *
mesh_daemon_get_app_root (void)
{
  return APP_ROOT;
}

const char *
mesh_daemon_get_element_path (void)
{
  return ELEMENT_PATH;
}

const char *
mesh_daemon_get_agent_path (void)
{
  return AGENT_PATH;
}

void
mesh_daemon_set_agent_capabilities (MeshDaemon          *self,
                                    MeshOobCapabilities  capabilities)
{
  g_auto(GStrv) names = NULL;

  g_return_if_fail (MESH_IS_DAEMON (self));

  self->capabilities = capabilities & MESH_OOB_CAPABILITIES_ALL;
  names = mesh_oob_capabilities_to_strv (self->capabilities);
  mesh_bluez_provision_agent1_set_capabilities (self->agent, (const char * const *) names);
}

MeshOobCapabilities
mesh_daemon_get_agent_capabilities (MeshDaemon *self)
{
  g_return_val_if_fail (MESH_IS_DAEMON (self), MESH_OOB_CAPABILITY_NONE);

  return self->capabilities;
}

void
mesh_daemon_set_prov_data_func (MeshDaemon             *self,
                                MeshDaemonProvDataFunc  func,
                                gpointer                user_data)
{
  g_return_if_fail (MESH_IS_DAEMON (self));

  self->prov_data_func = func;
  self->prov_data_data = user_data;
}
