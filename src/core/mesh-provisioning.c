/* mesh-provisioning.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-daemon-private.h"
#include "mesh-error.h"
#include "mesh-provision-request-private.h"
#include "mesh-provisioning-journal.h"
#include "mesh-provisioning-private.h"

#define DEFAULT_TIMEOUT_MS 60000

G_DEFINE_FINAL_TYPE (MeshProvisioning, mesh_provisioning, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_FETCH_COMPOSITION,
  N_PROPS
};

enum {
  OOB_REQUEST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_next (MeshProvisioning *self);

void
mesh_provisioning_finish_request (MeshProvisioning     *self,
                                  MeshProvisionRequest *request,
                                  const GError         *error)
{
  guint position;

  if (g_list_store_find (self->requests, request, &position))
    g_list_store_remove (self->requests, position);
  mesh_provision_request_finish (request, error);
}

/* meshd is free for the next AddNode. */
static MeshProvisionRequest *
release_daemon (MeshProvisioning *self)
{
  MeshProvisionRequest *request = g_steal_pointer (&self->current);

  g_clear_handle_id (&self->timeout_source, g_source_remove);
  self->current_cancelled = FALSE;

  /* The next AddNode inhibits before this one lets go: no scan restart
   * in between. */
  start_next (self);
  mesh_scanner_uninhibit (self->scanner);

  return request;
}

static void
end_current (MeshProvisioning *self,
             const GError     *error)
{
  g_autoptr(MeshProvisionRequest) request = release_daemon (self);

  if (request)
    mesh_provisioning_finish_request (self, request, error);
}

void
mesh_provisioning_abort_current (MeshProvisioning *self,
                                 const GError     *error)
{
  /* The only way to stop meshd 5.66's provisioning: drop our connection.
   * Nothing starts until the drop is seen (unless meshd is gone already,
   * which ended its provisioning anyway). */
  self->resetting = mesh_daemon_get_state (self->daemon) == MESH_DAEMON_STATE_ATTACHED;
  mesh_daemon_abort_provisioning (self->daemon);
  end_current (self, error);
}

static gboolean
timeout_cb (gpointer user_data)
{
  MeshProvisioning *self = user_data;
  g_autoptr(GError) error = NULL;

  self->timeout_source = 0;
  error = g_error_new (MESH_ERROR, MESH_ERROR_TIMED_OUT,
                       _("The device did not finish provisioning within %u seconds. Make sure "
                         "it is powered, close by and waiting to be provisioned, then try "
                         "again."), (self->timeout_ms + 999) / 1000);
  mesh_provisioning_abort_current (self, error);

  return G_SOURCE_REMOVE;
}

static void
add_node_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MeshProvisionRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  MeshProvisioning *self;

  if (!mesh_daemon_add_node_finish (MESH_DAEMON (source), result, &error))
    {
      /* Cancelled: the provisioning object is going away. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self = g_object_get_data (G_OBJECT (request), "mesh-provisioning");
      if (self && self->current == request)
        end_current (self, error);
      return;
    }

  g_debug ("AddNode answered for %s", mesh_provision_request_get_uuid_string (request));
  if (mesh_provision_request_get_step (request) == MESH_PROVISION_STEP_LINK)
    mesh_provision_request_set_step (request, MESH_PROVISION_STEP_EXCHANGE);
}

static void
start_next (MeshProvisioning *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requests));
  g_autoptr(MeshProvisionRequest) next = NULL;

  if (self->current || self->resetting
      || mesh_daemon_get_state (self->daemon) != MESH_DAEMON_STATE_ATTACHED)
    return;

  for (guint i = 0; i < n && next == NULL; i++)
    {
      g_autoptr(MeshProvisionRequest) request = g_list_model_get_item (G_LIST_MODEL (self->requests), i);

      if (mesh_provision_request_get_step (request) == MESH_PROVISION_STEP_QUEUED)
        next = g_steal_pointer (&request);
    }
  if (next == NULL)
    return;

  self->current = g_object_ref (next);
  self->current_cancelled = FALSE;
  mesh_scanner_inhibit (self->scanner);
  mesh_provision_request_set_step (next, MESH_PROVISION_STEP_LINK);
  mesh_provision_request_mark_started (next);
  self->timeout_source = g_timeout_add (self->timeout_ms, timeout_cb, self);
  g_debug ("AddNode for %s", mesh_provision_request_get_uuid_string (next));
  mesh_daemon_add_node_async (self->daemon, mesh_provision_request_get_uuid (next),
                              mesh_provision_request_get_server (next),
                              mesh_provision_request_get_net_index (next),
                              self->cancellable, add_node_cb, g_object_ref (next));
}

static gboolean
is_current (MeshProvisioning *self,
            GBytes           *uuid)
{
  return self->current && g_bytes_equal (mesh_provision_request_get_uuid (self->current), uuid);
}

static void
oob_state_cb (MeshOobRequest       *oob,
              GParamSpec           *pspec,
              MeshProvisionRequest *request)
{
  if (mesh_oob_request_get_state (oob) == MESH_OOB_STATE_ANSWERED)
    mesh_provision_request_set_authenticated (request);
}

static void
oob_request_cb (MeshDaemon       *daemon,
                MeshOobRequest   *oob,
                MeshProvisioning *self)
{
  MeshProvisionRequest *request = self->current;
  GBytes *static_key = request ? mesh_provision_request_get_static_key (request) : NULL;

  if (request == NULL)
    {
      g_signal_emit (self, signals[OOB_REQUEST], 0, NULL, oob);
      return;
    }

  mesh_provision_request_set_step (request, MESH_PROVISION_STEP_AUTHENTICATION);

  if (static_key && mesh_oob_request_get_kind (oob) == MESH_OOB_KIND_PROMPT_STATIC)
    {
      g_autoptr(GError) error = NULL;

      if (mesh_oob_request_answer_static (oob, static_key, &error))
        {
          mesh_provision_request_set_authenticated (request);
          return;
        }
      g_warning ("The given static OOB key was not taken: %s", error->message);
    }

  g_signal_connect_object (oob, "notify::state", G_CALLBACK (oob_state_cb), request, 0);
  mesh_provision_request_set_oob_request (request, oob);
  g_signal_emit (self, signals[OOB_REQUEST], 0, request, oob);
}

static void
add_node_complete_cb (MeshDaemon       *daemon,
                      GBytes           *uuid,
                      guint             unicast,
                      guint             count,
                      MeshProvisioning *self)
{
  g_autoptr(MeshProvisionRequest) request = NULL;

  mesh_scanner_forget (self->scanner, uuid);

  if (is_current (self, uuid))
    {
      mesh_provision_request_mark_completed (self->current);
      request = release_daemon (self);
    }
  else
    {
      /* Not ours any more (timed out, cancelled), yet provisioned: store it
       * all the same, nothing may be lost. */
      g_debug ("A provisioning we gave up on completed at 0x%04x", unicast);
      request = mesh_provision_request_new (uuid, NULL, NULL, NULL);
      g_list_store_append (self->requests, request);
    }

  mesh_provision_request_detach (request);
  mesh_provision_request_set_address (request, unicast, count);
  mesh_provisioning_store_node (self, request, unicast, count);
}

static void
add_node_failed_cb (MeshDaemon       *daemon,
                    GBytes           *uuid,
                    const char       *reason,
                    MeshProvisioning *self)
{
  g_autoptr(GError) error = NULL;
  MeshOobRequest *oob;
  gboolean cancelled;

  if (!is_current (self, uuid))
    {
      g_debug ("AddNodeFailed (%s) for a provisioning we gave up on", reason);
      return;
    }

  oob = mesh_provision_request_get_oob_request (self->current);
  cancelled = self->current_cancelled
              || (oob && mesh_oob_request_get_state (oob) == MESH_OOB_STATE_CANCELLED);
  if (cancelled)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Provisioning was cancelled."));
  else
    {
      g_autofree char *message = NULL;

      message = mesh_daemon_describe_add_node_failure (
                  reason, mesh_provision_request_get_authenticated (self->current));
      error = g_error_new_literal (MESH_ERROR, MESH_ERROR_PROVISIONING_FAILED, message);
    }

  /* An address the device never got is free again; after the data went
   * out the device may hold it, so it stays taken. */
  if (mesh_provision_request_get_step (self->current) < MESH_PROVISION_STEP_DATA)
    mesh_provisioning_release (self, mesh_provision_request_get_unicast (self->current));
  mesh_provisioning_journal_remove (self->journal, mesh_network_get_uuid (self->network),
                                    mesh_provision_request_get_unicast (self->current));
  end_current (self, error);
}

static void
daemon_state_cb (MeshDaemon       *daemon,
                 GParamSpec       *pspec,
                 MeshProvisioning *self)
{
  g_autoptr(GError) error = NULL;

  if (mesh_daemon_get_state (daemon) == MESH_DAEMON_STATE_ATTACHED)
    {
      start_next (self);
      return;
    }

  /* The drop we asked for has happened. */
  self->resetting = FALSE;

  if (self->current)
    {
      error = g_error_new_literal (MESH_ERROR, MESH_ERROR_DAEMON_UNAVAILABLE,
                                   _("The connection to bluetooth-meshd was lost during "
                                     "provisioning. Try again when it is back."));
      end_current (self, error);
    }
}

static void
cancel_request_cb (MeshProvisionRequest *request,
                   gpointer              user_data)
{
  MeshProvisioning *self = user_data;
  g_autoptr(GError) error = NULL;
  MeshOobRequest *oob;

  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Provisioning was cancelled."));

  if (request != self->current)
    {
      if (mesh_provision_request_get_step (request) == MESH_PROVISION_STEP_QUEUED)
        mesh_provisioning_finish_request (self, request, error);
      return;
    }

  /* With a prompt pending, saying no to it makes meshd fail cleanly
   * (AddNodeFailed follows). */
  oob = mesh_provision_request_get_oob_request (request);
  if (oob && mesh_oob_request_is_prompt (oob)
      && mesh_oob_request_get_state (oob) == MESH_OOB_STATE_PENDING)
    {
      self->current_cancelled = TRUE;
      mesh_oob_request_cancel (oob);
      return;
    }

  mesh_provisioning_abort_current (self, error);
}

MeshProvisioning *
mesh_provisioning_new (MeshDaemon       *daemon,
                       MeshStore        *store,
                       MeshNetwork      *network,
                       MeshConfigEngine *engine,
                       MeshScanner      *scanner)
{
  MeshProvisioning *self;
  g_autofree char *journal_path = NULL;

  g_return_val_if_fail (MESH_IS_DAEMON (daemon), NULL);
  g_return_val_if_fail (MESH_IS_STORE (store), NULL);
  g_return_val_if_fail (MESH_IS_NETWORK (network), NULL);
  g_return_val_if_fail (engine == NULL || MESH_IS_CONFIG_ENGINE (engine), NULL);
  g_return_val_if_fail (MESH_IS_SCANNER (scanner), NULL);

  self = g_object_new (MESH_TYPE_PROVISIONING, NULL);
  self->daemon = g_object_ref (daemon);
  self->store = g_object_ref (store);
  self->network = g_object_ref (network);
  self->engine = engine ? g_object_ref (engine) : NULL;
  self->scanner = g_object_ref (scanner);
  journal_path = mesh_provisioning_journal_path (store, network);
  self->journal = mesh_provisioning_journal_new (journal_path);

  mesh_daemon_set_prov_data_func (daemon, mesh_provisioning_prov_data_func, self);
  g_signal_connect_object (daemon, "oob-request", G_CALLBACK (oob_request_cb), self, 0);
  g_signal_connect_object (daemon, "add-node-complete", G_CALLBACK (add_node_complete_cb), self, 0);
  g_signal_connect_object (daemon, "add-node-failed", G_CALLBACK (add_node_failed_cb), self, 0);
  g_signal_connect_object (daemon, "notify::state", G_CALLBACK (daemon_state_cb), self, 0);

  return self;
}

MeshProvisionRequest *
mesh_provisioning_enqueue (MeshProvisioning  *self,
                           GBytes            *uuid,
                           GBytes            *static_key,
                           GError           **error)
{
  return mesh_provisioning_enqueue_through (self, uuid, static_key, 0,
                                            MESH_PROVISIONING_ANY_NET_INDEX, error);
}

MeshProvisionRequest *
mesh_provisioning_enqueue_through (MeshProvisioning  *self,
                                   GBytes            *uuid,
                                   GBytes            *static_key,
                                   guint16            server,
                                   guint16            net_index,
                                   GError           **error)
{
  g_autoptr(MeshProvisionRequest) request = NULL;
  MeshNode *server_node = NULL;
  guint16 chosen = 0;
  guint n;

  g_return_val_if_fail (MESH_IS_PROVISIONING (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if (g_bytes_get_size (uuid) != 16 || (static_key && g_bytes_get_size (static_key) != 16))
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                           _("A Device UUID and a static OOB key have 16 bytes each."));
      return NULL;
    }

  if (server != 0 && !mesh_daemon_check_remote_provisioning (self->daemon, error))
    return NULL;
  if (server != 0)
    {
      server_node = mesh_network_find_node_by_address (self->network, server);

      if (!server_node || mesh_node_get_unicast (server_node) != server)
        {
          g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                       _("No node of the network has 0x%04X as its address."), server);
          return NULL;
        }
    }
  if (!mesh_provisioning_choose_net_index (self, server_node, net_index, &chosen, error))
    return NULL;

  request = mesh_provision_request_new (uuid, static_key, cancel_request_cb, self);
  mesh_provision_request_set_server (request, server);
  mesh_provision_request_set_net_index (request, chosen);
  if (mesh_network_find_node_by_uuid (self->network,
                                      mesh_provision_request_get_uuid_string (request)))
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_EXISTS,
                           _("This device is already a node of the network. Reset it to "
                             "provision it again."));
      return NULL;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->requests));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshProvisionRequest) other = g_list_model_get_item (G_LIST_MODEL (self->requests), i);

      if (g_bytes_equal (mesh_provision_request_get_uuid (other), uuid))
        {
          g_set_error_literal (error, MESH_ERROR, MESH_ERROR_EXISTS,
                               _("This device is already being provisioned."));
          return NULL;
        }
    }

  g_object_set_data (G_OBJECT (request), "mesh-provisioning", self);
  g_list_store_append (self->requests, request);
  start_next (self);

  return g_steal_pointer (&request);
}

GListModel *
mesh_provisioning_get_requests (MeshProvisioning *self)
{
  g_return_val_if_fail (MESH_IS_PROVISIONING (self), NULL);

  return G_LIST_MODEL (self->requests);
}

MeshProvisionRequest *
mesh_provisioning_get_current (MeshProvisioning *self)
{
  g_return_val_if_fail (MESH_IS_PROVISIONING (self), NULL);

  return self->current;
}

guint
mesh_provisioning_get_timeout (MeshProvisioning *self)
{
  g_return_val_if_fail (MESH_IS_PROVISIONING (self), 0);

  return self->timeout_ms;
}

void
mesh_provisioning_set_timeout (MeshProvisioning *self,
                               guint             timeout_ms)
{
  g_return_if_fail (MESH_IS_PROVISIONING (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

gboolean
mesh_provisioning_get_fetch_composition (MeshProvisioning *self)
{
  g_return_val_if_fail (MESH_IS_PROVISIONING (self), FALSE);

  return self->fetch_composition;
}

void
mesh_provisioning_set_fetch_composition (MeshProvisioning *self,
                                         gboolean          fetch)
{
  g_return_if_fail (MESH_IS_PROVISIONING (self));

  fetch = !!fetch;
  if (self->fetch_composition == fetch)
    return;

  self->fetch_composition = fetch;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCH_COMPOSITION]);
}

char *
mesh_provisioning_journal_path (MeshStore   *store,
                                MeshNetwork *network)
{
  g_return_val_if_fail (MESH_IS_STORE (store), NULL);

  return g_strconcat (mesh_store_get_path (store), ".provisioning", NULL);
}

static void
mesh_provisioning_dispose (GObject *object)
{
  MeshProvisioning *self = MESH_PROVISIONING (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_source, g_source_remove);
  /* Only if still ours: a newer queue may have taken over. */
  if (self->daemon && self->daemon->prov_data_data == self)
    mesh_daemon_set_prov_data_func (self->daemon, NULL, NULL);
  g_clear_object (&self->current);
  g_clear_object (&self->daemon);
  g_clear_object (&self->store);
  g_clear_object (&self->network);
  g_clear_object (&self->engine);
  g_clear_object (&self->scanner);
  g_clear_object (&self->requests);

  G_OBJECT_CLASS (mesh_provisioning_parent_class)->dispose (object);
}

static void
mesh_provisioning_finalize (GObject *object)
{
  MeshProvisioning *self = MESH_PROVISIONING (object);

  g_clear_pointer (&self->journal, mesh_provisioning_journal_free);
  g_clear_object (&self->cancellable);
  g_array_unref (self->reserved);

  G_OBJECT_CLASS (mesh_provisioning_parent_class)->finalize (object);
}

static void
mesh_provisioning_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MeshProvisioning *self = MESH_PROVISIONING (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;
    case PROP_FETCH_COMPOSITION:
      g_value_set_boolean (value, self->fetch_composition);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_provisioning_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MeshProvisioning *self = MESH_PROVISIONING (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      mesh_provisioning_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_FETCH_COMPOSITION:
      mesh_provisioning_set_fetch_composition (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_provisioning_class_init (MeshProvisioningClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mesh_provisioning_dispose;
  object_class->finalize = mesh_provisioning_finalize;
  object_class->get_property = mesh_provisioning_get_property;
  object_class->set_property = mesh_provisioning_set_property;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXUINT, DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FETCH_COMPOSITION] =
    g_param_spec_boolean ("fetch-composition", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MeshProvisioning::oob-request:
   * @request: (nullable): the provisioning it belongs to (NULL when meshd
   *   asks outside of one of ours)
   * @oob: the #MeshOobRequest for the user
   *
   * An OOB request that needs the user (not one answered from the static
   * key given to mesh_provisioning_enqueue()).
   */
  signals[OOB_REQUEST] =
    g_signal_new ("oob-request", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  MESH_TYPE_PROVISION_REQUEST, MESH_TYPE_OOB_REQUEST);
}

static void
mesh_provisioning_init (MeshProvisioning *self)
{
  self->requests = g_list_store_new (MESH_TYPE_PROVISION_REQUEST);
  self->reserved = g_array_new (FALSE, FALSE, sizeof (MeshReservation));
  self->cancellable = g_cancellable_new ();
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  self->fetch_composition = TRUE;
}

MeshProvisioningJournal *
mesh_provisioning_get_journal (MeshProvisioning *self)
{
  g_return_val_if_fail (MESH_IS_PROVISIONING (self), NULL);

  return self->journal;
}
