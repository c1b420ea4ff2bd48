/* mesh-session.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-app-key.h"
#include "mesh-element.h"
#include "mesh-error.h"
#include "mesh-keyring.h"
#include "mesh-model.h"
#include "mesh-net-key.h"
#include "mesh-provisioner.h"
#include "mesh-session-private.h"
#include "mesh-store-batch.h"
#include "mesh-uuid.h"

/* The store, the daemon client, creating and opening a network. Keys and
 * import are in mesh-session-keys.c, reconciliation in
 * mesh-session-reconcile.c. */

#define PRIMARY_NET_INDEX 0

/* Our provisioner takes the lower half of each space, leaving the rest to
 * provisioners added later (another computer, a phone app). */
static const MeshAddressRange unicast_range = { 0x0001, 0x3FFF };
static const MeshAddressRange group_range = { 0xC000, 0xCFFF };
static const MeshAddressRange scene_range = { 0x0001, 0x3333 };

/* Element 0 of our node: the Configuration Server meshd adds, and the
 * clients we export (mesh-daemon-app.c). */
static const guint16 own_models[] = { 0x0000, 0x0001, 0x1001, 0x1003 };
const guint16 mesh_session_bindable_models[] = { 0x1001, 0x1003 };
const gsize mesh_session_n_bindable_models = G_N_ELEMENTS (mesh_session_bindable_models);

G_DEFINE_FINAL_TYPE (MeshSession, mesh_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_DAEMON_STATE,
  PROP_DAEMON_MESSAGE,
  PROP_RECONCILE_REPORT,
  N_PROPS
};

enum {
  OOB_REQUEST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static void
daemon_state_cb (MeshDaemon  *daemon,
                 GParamSpec  *pspec,
                 MeshSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAEMON_STATE]);

  /* Each attach (also after meshd restarted) checks what meshd has. */
  if (mesh_daemon_get_state (daemon) == MESH_DAEMON_STATE_ATTACHED && self->network)
    mesh_session_start_reconcile (self);
}

static void
daemon_message_cb (MeshDaemon  *daemon,
                   GParamSpec  *pspec,
                   MeshSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAEMON_MESSAGE]);
}

static void
provisioning_oob_request_cb (MeshProvisioning     *provisioning,
                             MeshProvisionRequest *request,
                             MeshOobRequest       *oob,
                             MeshSession          *self)
{
  g_signal_emit (self, signals[OOB_REQUEST], 0, oob, request);
}

void
mesh_session_set_network (MeshSession *self,
                          MeshNetwork *network)
{
  if (self->network == network)
    return;

  g_clear_object (&self->provisioning);
  g_clear_object (&self->engine);
  g_set_object (&self->network, network);

  if (network)
    {
      self->engine = mesh_config_engine_new (MESH_TRANSPORT (self->daemon), self->store, network);
      self->provisioning = mesh_provisioning_new (self->daemon, self->store, network,
                                                  self->engine, self->scanner);
      g_signal_connect_object (self->provisioning, "oob-request",
                               G_CALLBACK (provisioning_oob_request_cb), self, 0);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

/* Opening the session */

static void
store_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshStore) store = NULL;
  MeshSession *self;

  store = mesh_store_open_finish (result, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self = mesh_session_new (store);

  g_task_return_pointer (task, self, g_object_unref);
}

/**
 * mesh_session_new:
 * @store: an open store
 *
 * A session on a store that is already open (the application opens its
 * store early, while it builds its window).
 *
 * Returns: (transfer full): a new session
 */
MeshSession *
mesh_session_new (MeshStore *store)
{
  MeshSession *self;

  g_return_val_if_fail (MESH_IS_STORE (store), NULL);

  self = g_object_new (MESH_TYPE_SESSION, NULL);
  self->store = g_object_ref (store);
  self->daemon = mesh_daemon_new ();
  self->scanner = mesh_scanner_new (self->daemon);
  g_signal_connect_object (self->daemon, "notify::state", G_CALLBACK (daemon_state_cb), self, 0);
  g_signal_connect_object (self->daemon, "notify::state-message",
                           G_CALLBACK (daemon_message_cb), self, 0);

  return self;
}

void
mesh_session_open_async (const char          *database_path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (database_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_open_async);
  mesh_store_open_async (database_path, cancellable, store_opened_cb, task);
}

MeshSession *
mesh_session_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Creating a network */

typedef struct
{
  char        *name;
  char        *network_uuid;
  GBytes      *node_uuid;
  char        *node_uuid_string;
  MeshNetwork *network;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->name);
  g_free (data->network_uuid);
  g_bytes_unref (data->node_uuid);
  g_free (data->node_uuid_string);
  g_clear_object (&data->network);
  g_free (data);
}

MeshProvisioner *
mesh_session_new_own_provisioner (const char *uuid)
{
  g_autofree char *name = g_strdup_printf (_("Mesh Provisioner on %s"), g_get_host_name ());

  return mesh_provisioner_new (uuid, name);
}

MeshNode *
mesh_session_build_own_node (const char *uuid,
                             guint16     unicast,
                             guint16     net_index)
{
  MeshNode *node = mesh_node_new (uuid, unicast, 1);
  g_autoptr(MeshElement) element = mesh_element_new (0, 0x0000);

  mesh_node_set_name (node, _("Mesh Provisioner"));
  mesh_node_set_cid (node, MESH_DAEMON_COMPANY_ID);
  mesh_node_set_pid (node, MESH_DAEMON_PRODUCT_ID);
  mesh_node_set_vid (node, MESH_DAEMON_VERSION_ID);
  mesh_node_set_crpl (node, MESH_DAEMON_CRPL);
  mesh_node_set_security (node, MESH_SECURITY_SECURE);
  mesh_node_set_config_complete (node, TRUE);
  mesh_node_add_net_key (node, net_index, FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS (own_models); i++)
    {
      g_autoptr(MeshModel) model = mesh_model_new (own_models[i], FALSE);

      mesh_element_add_model (element, model);
    }
  mesh_node_add_element (node, element);

  return node;
}

static void
undo_create (MeshSession *self,
             CreateData  *data)
{
  /* Best effort: no half-made network left in meshd or the keyring. */
  mesh_daemon_leave_async (self->daemon, NULL, NULL, NULL);
  mesh_keyring_clear_network_async (data->network_uuid, NULL, NULL, NULL);
}

static void
network_committed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mesh_store_batch_commit_finish (MESH_STORE_BATCH (source), result, &error))
    {
      undo_create (self, data);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mesh_session_set_network (self, data->network);
  g_task_return_pointer (task, g_object_ref (data->network), g_object_unref);
}

static void
create_keys_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshStoreBatch) batch = NULL;
  g_autoptr(MeshProvisioner) provisioner = NULL;
  g_autoptr(MeshNetKey) net_key = NULL;
  g_autoptr(MeshNode) node = NULL;
  g_autofree char *timestamp = now_iso8601 ();

  if (!mesh_keyring_store_all_finish (result, &error))
    {
      undo_create (self, data);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->network = mesh_network_new (data->network_uuid, data->name);
  mesh_network_set_local_provisioner_uuid (data->network, data->node_uuid_string);
  mesh_network_set_iv_index (data->network, mesh_daemon_get_iv_index (self->daemon));
  mesh_network_set_timestamp (data->network, timestamp);

  provisioner = mesh_session_new_own_provisioner (data->node_uuid_string);
  mesh_provisioner_add_range (provisioner, MESH_RANGE_KIND_UNICAST, &unicast_range);
  mesh_provisioner_add_range (provisioner, MESH_RANGE_KIND_GROUP, &group_range);
  mesh_provisioner_add_range (provisioner, MESH_RANGE_KIND_SCENE, &scene_range);

  net_key = mesh_net_key_new (PRIMARY_NET_INDEX, _("Primary network key"));
  mesh_net_key_set_timestamp (net_key, timestamp);
  node = mesh_session_build_own_node (data->node_uuid_string, mesh_daemon_get_unicast (self->daemon),
                                      PRIMARY_NET_INDEX);

  batch = mesh_store_batch_new (self->store);
  mesh_store_batch_add (batch, NULL, data->network);
  mesh_store_batch_add (batch, data->network, provisioner);
  mesh_store_batch_add (batch, data->network, net_key);
  mesh_store_batch_add (batch, data->network, node);
  mesh_store_batch_commit_async (batch, g_task_get_cancellable (task),
                                 network_committed_cb, g_object_ref (task));
}

static void
create_keys_exported_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) secrets = NULL;
  MeshDaemonKeys *keys;
  const MeshDaemonKey *device_key;
  const MeshDaemonKey *net_key = NULL;

  keys = mesh_daemon_export_keys_finish (MESH_DAEMON (source), result, &error);
  if (keys == NULL)
    {
      undo_create (self, data);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  device_key = mesh_daemon_keys_find_device_key (keys, mesh_daemon_get_unicast (self->daemon));
  for (guint i = 0; i < keys->net_keys->len; i++)
    if (((MeshDaemonKey *) g_ptr_array_index (keys->net_keys, i))->index == PRIMARY_NET_INDEX)
      net_key = g_ptr_array_index (keys->net_keys, i);

  if (device_key == NULL || net_key == NULL)
    {
      mesh_daemon_keys_free (keys);
      undo_create (self, data);
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_DAEMON_FAILED, "%s",
                               _("bluetooth-meshd created the network but did not hand out "
                                 "its keys."));
      return;
    }

  secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) mesh_secret_free);
  g_ptr_array_add (secrets, mesh_secret_new (MESH_SECRET_NET_KEY, PRIMARY_NET_INDEX, net_key->key));
  g_ptr_array_add (secrets, mesh_secret_new (MESH_SECRET_DEVICE_KEY, device_key->index,
                                             device_key->key));
  mesh_daemon_keys_free (keys);

  mesh_keyring_store_all_async (data->network_uuid, secrets, g_task_get_cancellable (task),
                                create_keys_stored_cb, g_object_ref (task));
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!mesh_daemon_create_network_finish (MESH_DAEMON (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mesh_daemon_export_keys_async (MESH_DAEMON (source), g_task_get_cancellable (task),
                                 create_keys_exported_cb, g_object_ref (task));
}

void
mesh_session_create_network_async (MeshSession         *self,
                                   const char          *name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  g_return_if_fail (MESH_IS_SESSION (self));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_create_network_async);

  if (self->network)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_BUSY, "%s",
                               _("A network is already open. Close it first."));
      return;
    }

  data = g_new0 (CreateData, 1);
  data->name = g_strdup (name);
  data->network_uuid = g_uuid_string_random ();
  data->node_uuid = mesh_uuid_new_random ();
  data->node_uuid_string = mesh_uuid_to_string (data->node_uuid);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  mesh_daemon_create_network_async (self->daemon, data->network_uuid, data->node_uuid,
                                    cancellable, created_cb, g_steal_pointer (&task));
}

MeshNetwork *
mesh_session_create_network_finish (MeshSession   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Opening a network */

static void
open_reconciled_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshReconcileReport) report = NULL;

  /* A failed reconciliation does not keep the network closed: it runs
   * again on the next attach. */
  report = mesh_session_reconcile_finish (MESH_SESSION (source), result, &error);
  if (report == NULL)
    g_debug ("Reconciliation failed: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
open_attached_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  /* Not attached (meshd absent...): the state says why and the client
   * attaches when it can. */
  if (!mesh_daemon_attach_finish (MESH_DAEMON (source), result, &error))
    {
      g_debug ("Not attached: %s", error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  mesh_session_reconcile_async (self, g_task_get_cancellable (task),
                                open_reconciled_cb, g_object_ref (task));
}

static void
network_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MeshSession *self = g_task_get_source_object (task);
  MeshNetwork *network = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *own_uuid;

  if (!mesh_store_load_network_finish (MESH_STORE (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  own_uuid = mesh_network_get_local_provisioner_uuid (network);
  if (own_uuid == NULL || mesh_network_find_node_by_uuid (network, own_uuid) == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_NOT_FOUND, "%s",
                               _("This network has no provisioner node of this computer. "
                                 "Import it into bluetooth-meshd first."));
      return;
    }

  mesh_session_set_network (self, network);
  mesh_daemon_attach_async (self->daemon, mesh_network_get_uuid (network),
                            g_task_get_cancellable (task), open_attached_cb,
                            g_object_ref (task));
}

void
mesh_session_open_network_async (MeshSession         *self,
                                 MeshNetwork         *network,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MESH_IS_SESSION (self));
  g_return_if_fail (MESH_IS_NETWORK (network));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_open_network_async);
  g_task_set_task_data (task, g_object_ref (network), g_object_unref);

  if (self->network && self->network != network)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_BUSY, "%s",
                               _("Another network is open. Close it first."));
      return;
    }

  mesh_store_load_network_async (self->store, network, cancellable,
                                 network_loaded_cb, g_steal_pointer (&task));
}

gboolean
mesh_session_open_network_finish (MeshSession   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Closing */

static void
store_closed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!mesh_store_close_finish (MESH_STORE (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
mesh_session_close_async (MeshSession         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MESH_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_close_async);
  g_cancellable_cancel (self->cancellable);
  mesh_scanner_stop (self->scanner);
  mesh_store_close_async (self->store, cancellable, store_closed_cb, task);
}

gboolean
mesh_session_close_finish (MeshSession   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Getters */

MeshStore *
mesh_session_get_store (MeshSession *self)
{
  g_return_val_if_fail (MESH_IS_SESSION (self), NULL);

  return self->store;
}

MeshDaemon *
mesh_session_get_daemon (MeshSession *self)
{
  g_return_val_if_fail (MESH_IS_SESSION (self), NULL);

  return self->daemon;
}

MeshNetwork *
mesh_session_get_network (MeshSession *self)
{
  g_return_val_if_fail (MESH_IS_SESSION (self), NULL);

  return self->network;
}

MeshConfigEngine *
mesh_session_get_engine (MeshSession *self)
{
  g_return_val_if_fail (MESH_IS_SESSION (self), NULL);

  return self->engine;
}

MeshScanner *
mesh_session_get_scanner (MeshSession *self)
{
  g_return_val_if_fail (MESH_IS_SESSION (self), NULL);

  return self->scanner;
}

MeshProvisioning *
mesh_session_get_provisioning (MeshSession *self)
{
  g_return_val_if_fail (MESH_IS_SESSION (self), NULL);

  return self->provisioning;
}

MeshNode *
mesh_session_get_own_node (MeshSession *self)
{
  const char *uuid;

  g_return_val_if_fail (MESH_IS_SESSION (self), NULL);

  if (self->network == NULL)
    return NULL;
  uuid = mesh_network_get_local_provisioner_uuid (self->network);

  return uuid ? mesh_network_find_node_by_uuid (self->network, uuid) : NULL;
}

const MeshReconcileReport *
mesh_session_get_reconcile_report (MeshSession *self)
{
  g_return_val_if_fail (MESH_IS_SESSION (self), NULL);

  return self->report;
}

void
mesh_reconcile_report_free (MeshReconcileReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->recovered, g_array_unref);
  g_clear_pointer (&report->missing_in_daemon, g_array_unref);
  g_clear_pointer (&report->restored_in_daemon, g_array_unref);
  g_free (report);
}

static void
mesh_session_dispose (GObject *object)
{
  MeshSession *self = MESH_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->provisioning);
  g_clear_object (&self->engine);
  g_clear_object (&self->network);
  g_clear_object (&self->scanner);
  g_clear_object (&self->daemon);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mesh_session_parent_class)->dispose (object);
}

static void
mesh_session_finalize (GObject *object)
{
  MeshSession *self = MESH_SESSION (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, mesh_reconcile_report_free);
  g_clear_pointer (&self->reconcile_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (mesh_session_parent_class)->finalize (object);
}

static void
mesh_session_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MeshSession *self = MESH_SESSION (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    case PROP_DAEMON_STATE:
      g_value_set_enum (value, self->daemon ? mesh_daemon_get_state (self->daemon)
                                            : MESH_DAEMON_STATE_NO_DAEMON);
      break;
    case PROP_DAEMON_MESSAGE:
      g_value_set_string (value, self->daemon ? mesh_daemon_get_state_message (self->daemon)
                                              : NULL);
      break;
    case PROP_RECONCILE_REPORT:
      g_value_set_pointer (value, self->report);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_session_class_init (MeshSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mesh_session_dispose;
  object_class->finalize = mesh_session_finalize;
  object_class->get_property = mesh_session_get_property;

  properties[PROP_NETWORK] = g_param_spec_object ("network", NULL, NULL, MESH_TYPE_NETWORK, flags);
  properties[PROP_DAEMON_STATE] =
    g_param_spec_enum ("daemon-state", NULL, NULL, MESH_TYPE_DAEMON_STATE,
                       MESH_DAEMON_STATE_NO_DAEMON, flags);
  properties[PROP_DAEMON_MESSAGE] = g_param_spec_string ("daemon-message", NULL, NULL, NULL, flags);
  properties[PROP_RECONCILE_REPORT] = g_param_spec_pointer ("reconcile-report", NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MeshSession::oob-request:
   * @oob: the #MeshOobRequest to show and answer
   * @request: (nullable): the #MeshProvisionRequest it belongs to
   */
  signals[OOB_REQUEST] =
    g_signal_new ("oob-request", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  MESH_TYPE_OOB_REQUEST, MESH_TYPE_PROVISION_REQUEST);
}

static void
mesh_session_init (MeshSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->reconcile_waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

void
mesh_session_set_report (MeshSession         *self,
                         MeshReconcileReport *report)
{
  g_clear_pointer (&self->report, mesh_reconcile_report_free);
  self->report = report;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONCILE_REPORT]);
}
