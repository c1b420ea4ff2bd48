/* mesh-provisioning-store.c
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
#include "mesh-provision-request-private.h"
#include "mesh-provisioning-private.h"
#include "mesh-store-batch.h"

/* After AddNodeComplete: the device key (Management1.ExportKeys) to the
 * keyring and the node to the database, at the same time; then the
 * composition through the configuration engine (after turning relaying on
 * at the Remote Provisioning Server the device was provisioned through). */

/* A step of storing one node, with what it needs. */
typedef struct
{
  MeshProvisioning     *self;
  MeshProvisionRequest *request;
  guint16               unicast;
  guint                 count;
  guint                 pending;
  GError               *error;
} StoreOp;

static void
store_op_free (StoreOp *op)
{
  g_object_unref (op->self);
  g_object_unref (op->request);
  g_clear_error (&op->error);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreOp, store_op_free)

static void
composition_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StoreOp) op = user_data;
  g_autoptr(GError) error = NULL;
  MeshConfigStatus *status;

  status = mesh_config_engine_composition_get_finish (MESH_CONFIG_ENGINE (source), result, &error);
  if (status == NULL)
    mesh_provision_request_set_composition_error (op->request, error);
  g_clear_pointer (&status, mesh_config_status_free);

  mesh_provisioning_finish_request (op->self, op->request, NULL);
}

static void
read_composition (StoreOp  *op,
                  MeshNode *node)
{
  MeshProvisioning *self = op->self;

  mesh_provision_request_set_step (op->request, MESH_PROVISION_STEP_COMPOSITION);
  mesh_config_engine_composition_get_async (self->engine, node, 0, self->cancellable,
                                            composition_cb, op);
}

static void
server_relay_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StoreOp *op = user_data;
  g_autoptr(GError) error = NULL;
  MeshConfigStatus *status;
  MeshNode *node;

  /* Without the relay the composition read fails, and says so. */
  status = mesh_config_engine_relay_set_finish (MESH_CONFIG_ENGINE (source), result, &error);
  if (status == NULL)
    g_debug ("Relay Set on the Remote Provisioning Server failed: %s", error->message);
  g_clear_pointer (&status, mesh_config_status_free);

  if (mesh_provision_request_is_finished (op->request))
    {
      store_op_free (op);
      return;
    }
  node = mesh_network_find_node_by_address (op->self->network, op->unicast);
  if (node == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      mesh_provisioning_finish_request (op->self, op->request, NULL);
      store_op_free (op);
      return;
    }
  read_composition (op, node);
}

/* A device provisioned through a Remote Provisioning Server is out of our
 * radio's reach, probably, but not of the server's: the server relays for
 * it from now on, or the new node could never be configured. FALSE when
 * nothing needs to be done. */
static gboolean
relay_through_server (StoreOp *op)
{
  MeshProvisioning *self = op->self;
  guint16 address = mesh_provision_request_get_server (op->request);
  MeshNode *server = address ? mesh_network_find_node_by_address (self->network, address) : NULL;
  MeshRetransmit retransmit = { .count = 2, .interval_steps = 1 };
  MeshFeatureState relay;

  if (server == NULL)
    return FALSE;
  relay = mesh_node_get_relay (server);
  if (relay == MESH_FEATURE_STATE_ENABLED || relay == MESH_FEATURE_STATE_NOT_SUPPORTED)
    return FALSE;

  mesh_provision_request_set_step (op->request, MESH_PROVISION_STEP_COMPOSITION);
  mesh_config_engine_relay_set_async (self->engine, server, TRUE, retransmit, self->cancellable,
                                      server_relay_cb, op);
  return TRUE;
}

static void
stored_part_cb (StoreOp      *op,
                const GError *error)
{
  MeshProvisioning *self = op->self;
  MeshNode *node;

  if (error && op->error == NULL)
    op->error = g_error_copy (error);
  if (--op->pending > 0)
    return;

  if (op->error)
    {
      /* The journal entry stays: reconciliation finishes the job. */
      mesh_provisioning_finish_request (self, op->request, op->error);
      store_op_free (op);
      return;
    }

  mesh_provisioning_journal_remove (self->journal, mesh_network_get_uuid (self->network),
                                    op->unicast);
  mesh_provisioning_release (self, op->unicast);
  node = mesh_network_find_node_by_address (self->network, op->unicast);
  mesh_provision_request_mark_stored (op->request, node);

  if (!self->fetch_composition || self->engine == NULL || node == NULL
      || mesh_provision_request_is_finished (op->request))
    {
      mesh_provisioning_finish_request (self, op->request, NULL);
      store_op_free (op);
      return;
    }

  if (!relay_through_server (op))
    read_composition (op, node);
}

static void
device_key_stored_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  mesh_keyring_store_finish (result, &error);
  stored_part_cb (user_data, error);
}

static void
node_committed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  mesh_store_batch_commit_finish (MESH_STORE_BATCH (source), result, &error);
  stored_part_cb (user_data, error);
}

static void
keys_exported_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  StoreOp *op = user_data;
  MeshProvisioning *self = op->self;
  g_autoptr(GError) error = NULL;
  MeshDaemonKeys *keys;
  const MeshDaemonKey *key;
  g_autoptr(MeshStoreBatch) batch = NULL;
  g_autoptr(MeshNode) node = NULL;

  keys = mesh_daemon_export_keys_finish (MESH_DAEMON (source), result, &error);
  key = keys ? mesh_daemon_keys_find_device_key (keys, op->unicast) : NULL;
  if (key == NULL)
    {
      if (error == NULL)
        error = g_error_new (MESH_ERROR, MESH_ERROR_SECRET_MISSING,
                             _("The device was provisioned at 0x%04x, but bluetooth-meshd did "
                               "not hand out its device key. It is recovered when the network "
                               "is opened again."), op->unicast);
      mesh_daemon_keys_free (keys);
      op->pending = 1;
      stored_part_cb (op, error);
      return;
    }

  /* The device key to the keyring and the node to the database at once. */
  op->pending = 2;
  mesh_keyring_store_async (mesh_network_get_uuid (self->network), MESH_SECRET_DEVICE_KEY,
                            op->unicast, key->key, NULL, device_key_stored_cb, op);
  mesh_daemon_keys_free (keys);

  node = mesh_node_new (mesh_provision_request_get_uuid_string (op->request), op->unicast,
                        op->count);
  mesh_node_add_net_key (node, mesh_provision_request_get_net_index (op->request), FALSE);
  mesh_node_set_security (node, MESH_SECURITY_SECURE);
  batch = mesh_store_batch_new (self->store);
  mesh_store_batch_add (batch, self->network, node);
  mesh_store_batch_commit_async (batch, NULL, node_committed_cb, op);
}

void
mesh_provisioning_store_node (MeshProvisioning     *self,
            MeshProvisionRequest *request,
            guint16               unicast,
            guint                 count)
{
  StoreOp *op = g_new0 (StoreOp, 1);

  op->self = g_object_ref (self);
  op->request = g_object_ref (request);
  op->unicast = unicast;
  op->count = count;

  mesh_provision_request_set_step (request, MESH_PROVISION_STEP_STORING);
  mesh_daemon_export_keys_async (self->daemon, NULL, keys_exported_cb, op);
}
