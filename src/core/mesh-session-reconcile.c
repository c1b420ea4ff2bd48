/* mesh-session-reconcile.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-error.h"
#include "mesh-keyring.h"
#include "mesh-provisioning-private.h"
#include "mesh-session-private.h"
#include "mesh-store-batch.h"
#include "mesh-uuid.h"

/* After each attach: the database against bluetooth-meshd's keys.
 *
 * - meshd has a device key for an address no node of the database has
 *   (the application stopped between AddNodeComplete and storing the node):
 *   the node is stored (Device UUID and element count from the provisioning
 *   journal when it is there), its device key goes to the keyring and its
 *   composition is read. Addresses on the exclusion list (removed nodes)
 *   are deleted from meshd instead; addresses a running provisioning holds
 *   are left to it.
 * - a node of the database has no device key in meshd: reported, and given
 *   back to meshd (ImportRemoteNode) when the keyring has the key.
 * - a node's device key is in meshd but not in the keyring: copied. */

#define PRIMARY_NET_INDEX 0

typedef struct
{
  MeshSession         *self;
  MeshDaemonKeys      *keys;
  GHashTable          *keyring_keys;   /* unicast → GBytes */
  MeshReconcileReport *report;
  GPtrArray           *recovered;      /* MeshNode, to read the composition of */
  MeshStoreBatch      *batch;          /* the recovered nodes */
  guint                pending;
} Run;

static void
run_free (Run *run)
{
  g_object_unref (run->self);
  mesh_daemon_keys_free (run->keys);
  g_clear_pointer (&run->keyring_keys, g_hash_table_unref);
  mesh_reconcile_report_free (run->report);
  g_clear_pointer (&run->recovered, g_ptr_array_unref);
  g_clear_object (&run->batch);
  g_free (run);
}

static void
finish_run (MeshSession  *self,
            Run          *run,
            const GError *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->reconcile_waiters);
  MeshReconcileReport *report = NULL;

  self->reconcile_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->reconciling = FALSE;

  if (run && error == NULL)
    {
      report = g_steal_pointer (&run->report);
      mesh_session_set_report (self, report);
      if (report->recovered->len || report->missing_in_daemon->len)
        g_message ("Reconciled with bluetooth-meshd: %u node(s) recovered, %u without a "
                   "device key in bluetooth-meshd (%u given back)",
                   report->recovered->len, report->missing_in_daemon->len,
                   report->restored_in_daemon->len);
    }

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error)
        g_task_return_error (task, g_error_copy (error));
      else
        {
          MeshReconcileReport *copy = g_new0 (MeshReconcileReport, 1);

          copy->recovered = g_array_copy (report->recovered);
          copy->missing_in_daemon = g_array_copy (report->missing_in_daemon);
          copy->restored_in_daemon = g_array_copy (report->restored_in_daemon);
          g_task_return_pointer (task, copy, (GDestroyNotify) mesh_reconcile_report_free);
        }
    }

  if (run)
    run_free (run);

  if (self->reconcile_again)
    {
      self->reconcile_again = FALSE;
      mesh_session_start_reconcile (self);
    }
}

static void
step_done (Run *run)
{
  if (--run->pending == 0)
    finish_run (run->self, run, NULL);
}

static void
composition_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  MeshConfigStatus *status;

  status = mesh_config_engine_composition_get_finish (MESH_CONFIG_ENGINE (source), result, &error);
  if (status == NULL)
    g_message ("The composition of a recovered node could not be read: %s", error->message);
  g_clear_pointer (&status, mesh_config_status_free);
  step_done (run);
}

static void
logged_step_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = mesh_daemon_manage_finish (MESH_DAEMON (source), result, &error);
  if (!ok)
    g_message ("Reconciliation step failed: %s", error->message);

  step_done (run);
}

static void
recovered_stored_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Run *run = user_data;
  MeshSession *self = run->self;
  g_autoptr(GError) error = NULL;
  MeshProvisioningJournal *journal = mesh_provisioning_get_journal (self->provisioning);

  if (!mesh_store_batch_commit_finish (MESH_STORE_BATCH (source), result, &error))
    {
      g_message ("Recovered nodes could not be stored: %s", error->message);
      g_array_set_size (run->report->recovered, 0);
      step_done (run);
      return;
    }

  for (guint i = 0; i < run->recovered->len; i++)
    {
      MeshNode *node = g_ptr_array_index (run->recovered, i);
      MeshNode *stored = mesh_network_find_node_by_address (self->network,
                                                            mesh_node_get_unicast (node));

      mesh_provisioning_journal_remove (journal, mesh_network_get_uuid (self->network),
                                        mesh_node_get_unicast (node));
      if (stored && self->engine)
        {
          run->pending++;
          mesh_config_engine_composition_get_async (self->engine, stored, 0, self->cancellable,
                                                    composition_cb, run);
        }
    }

  step_done (run);
}

static gboolean
is_excluded (MeshNetwork *network,
             guint16      address)
{
  guint n = 0;
  const MeshExclusion *exclusions = mesh_network_get_exclusions (network, &n);

  for (guint i = 0; i < n; i++)
    if (exclusions[i].address == address)
      return TRUE;

  return FALSE;
}

static gboolean
address_in_use (MeshNetwork *network,
                guint16      address)
{
  GListModel *nodes = mesh_network_get_nodes (network);
  guint n = g_list_model_get_n_items (nodes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (nodes, i);

      if (mesh_node_has_address (node, address))
        return TRUE;
    }

  return FALSE;
}

/* Nodes of the database against meshd's keys. */
static void
check_database_nodes (Run       *run,
                      GPtrArray *secrets)
{
  MeshSession *self = run->self;
  GListModel *nodes = mesh_network_get_nodes (self->network);
  guint n = g_list_model_get_n_items (nodes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (nodes, i);
      guint16 unicast = mesh_node_get_unicast (node);
      const MeshDaemonKey *key = mesh_daemon_keys_find_device_key (run->keys, unicast);
      GBytes *kept = g_hash_table_lookup (run->keyring_keys, GUINT_TO_POINTER (unicast));

      if (mesh_node_get_excluded (node))
        continue;

      if (key == NULL)
        {
          g_array_append_val (run->report->missing_in_daemon, unicast);
          if (kept)
            {
              g_array_append_val (run->report->restored_in_daemon, unicast);
              run->pending++;
              mesh_daemon_manage_async (self->daemon, MESH_DAEMON_CALL_IMPORT_REMOTE_NODE,
                                        unicast, MAX (mesh_node_get_element_count (node), 1),
                                        kept, self->cancellable, logged_step_cb, run);
            }
        }
      else if (kept == NULL || !g_bytes_equal (kept, key->key))
        g_ptr_array_add (secrets, mesh_secret_new (MESH_SECRET_DEVICE_KEY, unicast, key->key));
    }
}

/* meshd's keys against the database. */
static void
check_daemon_keys (Run            *run,
                   GPtrArray      *secrets,
                   MeshStoreBatch *batch)
{
  MeshSession *self = run->self;
  MeshProvisioningJournal *journal = mesh_provisioning_get_journal (self->provisioning);

  for (guint i = 0; i < run->keys->device_keys->len; i++)
    {
      const MeshDaemonKey *key = g_ptr_array_index (run->keys->device_keys, i);
      const MeshJournalEntry *entry;
      g_autoptr(MeshNode) node = NULL;
      g_autofree char *uuid = NULL;
      guint count = 1;
      guint16 net_index = PRIMARY_NET_INDEX;

      if (address_in_use (self->network, key->index)
          || mesh_provisioning_is_reserved (self->provisioning, key->index))
        continue;

      if (is_excluded (self->network, key->index))
        {
          guint n = 1;

          /* A removed node: meshd should not keep its key. */
          while (key->index + n <= 0x7FFF && is_excluded (self->network, key->index + n))
            n++;
          run->pending++;
          mesh_daemon_manage_async (self->daemon, MESH_DAEMON_CALL_DELETE_REMOTE_NODE,
                                    key->index, MIN (n, 255), NULL, self->cancellable,
                                    logged_step_cb, run);
          continue;
        }

      entry = mesh_provisioning_journal_lookup (journal, mesh_network_get_uuid (self->network),
                                                key->index);
      if (entry)
        {
          uuid = g_strdup (entry->uuid);
          count = entry->count;
          net_index = entry->net_index;
        }
      else
        {
          /* meshd does not know the Device UUID: make one up, so that the
           * node can be stored; the composition gives the element count. */
          uuid = g_uuid_string_random ();
        }

      node = mesh_node_new (uuid, key->index, count);
      mesh_node_add_net_key (node, net_index, FALSE);
      mesh_node_set_security (node, MESH_SECURITY_SECURE);
      mesh_store_batch_add (batch, self->network, node);
      g_ptr_array_add (run->recovered, g_object_ref (node));
      g_array_append_val (run->report->recovered, key->index);
      g_ptr_array_add (secrets, mesh_secret_new (MESH_SECRET_DEVICE_KEY, key->index, key->key));
      g_message ("Recovering node 0x%04x (%s), provisioned but not stored", key->index, uuid);
    }
}

static void
secrets_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!mesh_keyring_store_all_finish (result, &error))
    {
      /* Without their device keys kept, the nodes are not stored: the
       * next attach tries again. */
      g_message ("Device keys could not be stored: %s", error->message);
      g_array_set_size (run->report->recovered, 0);
      step_done (run);
      return;
    }

  if (mesh_store_batch_get_n_operations (run->batch) == 0)
    {
      step_done (run);
      return;
    }

  mesh_store_batch_commit_async (run->batch, run->self->cancellable, recovered_stored_cb, run);
}

static void
keyring_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  MeshSession *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) secrets = NULL;

  kept = mesh_keyring_lookup_all_finish (result, &error);
  if (kept == NULL)
    {
      finish_run (self, run, error);
      return;
    }
  for (guint i = 0; i < kept->len; i++)
    {
      MeshSecret *secret = g_ptr_array_index (kept, i);

      g_hash_table_insert (run->keyring_keys, GUINT_TO_POINTER (secret->index),
                           g_bytes_ref (secret->value));
    }

  /* The network may have been closed meanwhile. */
  if (self->network == NULL || self->provisioning == NULL)
    {
      finish_run (self, run, NULL);
      return;
    }

  secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) mesh_secret_free);
  run->batch = mesh_store_batch_new (self->store);
  run->pending = 1;  /* held until everything is started */

  check_database_nodes (run, secrets);
  check_daemon_keys (run, secrets, run->batch);

  /* Keys first: a node is never stored without its device key kept. */
  if (secrets->len)
    {
      run->pending++;
      mesh_keyring_store_all_async (mesh_network_get_uuid (self->network), secrets,
                                    self->cancellable, secrets_stored_cb, run);
    }

  step_done (run);
}

static void
keys_exported_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Run *run = user_data;
  MeshSession *self = run->self;
  g_autoptr(GError) error = NULL;

  run->keys = mesh_daemon_export_keys_finish (MESH_DAEMON (source), result, &error);
  if (run->keys == NULL || self->network == NULL)
    {
      finish_run (self, run, error);
      return;
    }

  mesh_keyring_lookup_all_async (mesh_network_get_uuid (self->network), MESH_SECRET_DEVICE_KEY,
                                 self->cancellable, keyring_read_cb, run);
}

void
mesh_session_start_reconcile (MeshSession *self)
{
  Run *run;

  if (self->reconciling)
    {
      self->reconcile_again = TRUE;
      return;
    }
  if (self->network == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (MESH_ERROR, MESH_ERROR_NOT_FOUND,
                                                     "No network is open.");

      finish_run (self, NULL, error);
      return;
    }

  self->reconciling = TRUE;
  run = g_new0 (Run, 1);
  run->self = g_object_ref (self);
  run->keyring_keys = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_bytes_unref);
  run->recovered = g_ptr_array_new_with_free_func (g_object_unref);
  run->report = g_new0 (MeshReconcileReport, 1);
  run->report->recovered = g_array_new (FALSE, FALSE, sizeof (guint16));
  run->report->missing_in_daemon = g_array_new (FALSE, FALSE, sizeof (guint16));
  run->report->restored_in_daemon = g_array_new (FALSE, FALSE, sizeof (guint16));

  mesh_daemon_export_keys_async (self->daemon, self->cancellable, keys_exported_cb, run);
}

void
mesh_session_reconcile_async (MeshSession         *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MESH_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_session_reconcile_async);
  g_ptr_array_add (self->reconcile_waiters, task);

  /* Joins a run in progress. */
  if (!self->reconciling)
    mesh_session_start_reconcile (self);
}

MeshReconcileReport *
mesh_session_reconcile_finish (MeshSession   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
