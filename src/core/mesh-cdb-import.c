/* mesh-cdb-import.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mesh-app-key.h"
#include "mesh-cdb-import-private.h"
#include "mesh-cdb-store-private.h"
#include "mesh-cdb-reader.h"
#include "mesh-crypto.h"
#include "mesh-element.h"
#include "mesh-error.h"
#include "mesh-group.h"
#include "mesh-keyring.h"
#include "mesh-model.h"
#include "mesh-net-key.h"
#include "mesh-provisioner.h"
#include "mesh-scene.h"

/*
 * The steps of an import, each a callback on the caller's main context:
 *
 *   read the file (reader, worker thread)
 *   new network:  build the model objects (worker thread) while the
 *                 secrets are stored (keyring)
 *   merge:        load the network, look its keys up, compare (main),
 *                 then store the secrets (keyring)
 *   add the objects to a MeshStoreBatch in slices (main, so that a big
 *   network does not hold the main loop), commit (database worker)
 *
 * Secrets are stored before the database changes: a locked or missing
 * keyring then stops the import with nothing changed. If the commit fails,
 * the secrets stored are removed again. The node token is never touched.
 */

#define ADD_SLICE 1024  /* objects added to the batch per main loop iteration */

static void
import_free (gpointer data)
{
  Import *import = data;

  g_clear_object (&import->store);
  g_clear_object (&import->file);
  g_clear_pointer (&import->doc, mesh_cdb_document_unref);
  g_clear_object (&import->progress);
  g_clear_object (&import->result);
  g_free (import->uuid);
  g_clear_object (&import->network);
  g_clear_pointer (&import->objects, g_ptr_array_unref);
  g_clear_pointer (&import->exclusions, g_array_unref);
  g_clear_pointer (&import->secrets, g_ptr_array_unref);
  g_clear_pointer (&import->net_key_values, g_hash_table_unref);
  g_clear_pointer (&import->app_key_values, g_hash_table_unref);
  g_clear_object (&import->batch);
  g_clear_error (&import->error);
  g_clear_error (&import->step_error);
  g_free (import);
}

void
mesh_cdb_import_report (Import     *import,
                        double      fraction,
                        const char *text)
{
  if (import->progress != NULL)
    mesh_cdb_progress_update (import->progress, fraction, text);
}

char *
mesh_cdb_import_uuid_to_string (const guint8 *uuid)
{
  char text[MESH_CDB_UUID_STRING_LEN + 1];

  mesh_cdb_uuid_format (uuid, text);
  return g_ascii_strdown (text, -1);
}

const char *
mesh_cdb_import_node_label (const MeshCdbNode *node,
                            char              *buffer)
{
  if (node->name != NULL && node->name[0] != '\0')
    return node->name;
  mesh_cdb_uuid_format (node->uuid, buffer);
  return buffer;
}

/* "0x0010" or "0x0010–0x0012" */
char *
mesh_cdb_import_format_addresses (guint first,
                                  guint count)
{
  if (count <= 1)
    return g_strdup_printf ("0x%04X", first);
  return g_strdup_printf ("0x%04X–0x%04X", first, first + count - 1);
}

void
mesh_cdb_import_add_secret (Import         *import,
                            MeshSecretKind  kind,
                            guint           index,
                            const guint8   *value)
{
  g_autoptr(GBytes) bytes = g_bytes_new (value, MESH_CDB_KEY_SIZE);

  g_ptr_array_add (import->secrets, mesh_secret_new (kind, index, bytes));
}

/* Saving */

static void rollback_next (GTask *task);

static void
rollback_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) ignored = NULL;

  /* Best effort: the import fails with its own error anyway. */
  if (!mesh_keyring_clear_finish (result, &ignored))
    g_debug ("Could not remove a secret after a failed import: %s", ignored->message);
  rollback_next (task);
}

static void
rollback_next (GTask *task)
{
  Import *import = g_task_get_task_data (task);

  if (import->rollback_next < import->secrets->len)
    {
      MeshSecret *secret = import->secrets->pdata[import->rollback_next++];

      mesh_keyring_clear_async (import->uuid, secret->kind, secret->index, NULL,
                                rollback_cleared_cb, task);
      return;
    }

  g_task_return_error (task, g_steal_pointer (&import->error));
  g_object_unref (task);
}

static void
keys_cleared_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  g_autoptr(GError) ignored = NULL;

  if (!mesh_keyring_clear_keys_finish (result, &ignored))
    g_debug ("Could not remove the secrets after a failed import: %s", ignored->message);
  g_task_return_error (task, g_steal_pointer (&import->error));
}

/* Takes a reference to @task and @error: removes the secrets stored, then
 * fails with @error. */
static void
rollback (GTask  *task,
          GError *error)
{
  Import *import = g_task_get_task_data (task);

  import->error = error;
  if (!import->merge)
    mesh_keyring_clear_keys_async (import->uuid, NULL, keys_cleared_cb, task);
  else
    {
      import->rollback_next = 0;
      rollback_next (task);
    }
}

static void
committed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Import *import = g_task_get_task_data (task);
  GError *error = NULL;

  if (!mesh_store_batch_commit_finish (MESH_STORE_BATCH (object), result, &error))
    {
      rollback (task, error);
      return;
    }

  mesh_cdb_import_report (import, 1.0, NULL);
  import->result->imported = TRUE;
  import->result->network = g_object_ref (import->network);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static gboolean
add_slice_cb (gpointer user_data)
{
  GTask *task = user_data;
  Import *import = g_task_get_task_data (task);
  guint end = MIN (import->next + ADD_SLICE, import->objects->len);

  /* The objects were built for this import and nothing else has them. */
  for (; import->next < end; import->next++)
    mesh_store_batch_add_unshared (import->batch, import->network, import->objects->pdata[import->next]);

  if (import->next < import->objects->len)
    {
      mesh_cdb_import_report (import, 0.5 * import->next / import->objects->len, NULL);
      return G_SOURCE_CONTINUE;
    }

  for (guint i = 0; i < import->exclusions->len; i++)
    {
      const MeshExclusion *entry = &g_array_index (import->exclusions, MeshExclusion, i);

      mesh_store_batch_add_exclusion (import->batch, import->network, entry->iv_index, entry->address);
    }

  mesh_cdb_import_report (import, 0.5, NULL);
  /* Past this point the import is not cancelled any more: the database
   * either takes it all or nothing. */
  mesh_store_batch_commit_async (import->batch, NULL, committed_cb, task);
  return G_SOURCE_REMOVE;
}

/* Takes a reference to @task. */
static void
save (GTask *task)
{
  Import *import = g_task_get_task_data (task);
  g_autoptr(GSource) source = NULL;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      rollback (task, error);
      return;
    }

  mesh_cdb_import_report (import, 0.0, _("Saving the network…"));
  import->batch = mesh_store_batch_new (import->store);
  if (!import->merge)
    mesh_store_batch_add_unshared (import->batch, NULL, import->network);

  source = g_idle_source_new ();
  g_source_set_callback (source, add_slice_cb, g_object_ref (task), NULL);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_object_unref (task);
}

/* Takes a reference to @task and @error (if not NULL): the secrets are
 * stored (@secrets) or the objects built. A new network's are both done at
 * once; the import saves the objects once both are over. */
static void
step_done (GTask    *task,
           GError   *error,
           gboolean  secrets)
{
  Import *import = g_task_get_task_data (task);

  if (error != NULL && import->step_error == NULL)
    import->step_error = error;
  else if (error != NULL)
    g_error_free (error);

  if (--import->steps_left > 0)
    {
      if (!secrets)
        mesh_cdb_import_report (import, 0.0, _("Saving the keys in the keyring…"));
      g_object_unref (task);
      return;
    }

  /* Whatever failed, secrets may have been stored. */
  if (import->step_error != NULL)
    {
      rollback (task, g_steal_pointer (&import->step_error));
      return;
    }
  mesh_cdb_import_report (import, 1.0, _("Saving the keys in the keyring…"));
  save (task);
}

static void
secrets_stored_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError *error = NULL;

  mesh_keyring_store_all_finish (result, &error);
  step_done (user_data, error, TRUE);
}

static void
old_keys_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Import *import = g_task_get_task_data (task);
  GError *error = NULL;

  if (!mesh_keyring_clear_keys_finish (result, &error))
    {
      step_done (task, error, TRUE);
      return;
    }
  mesh_keyring_store_all_async (import->uuid, import->secrets, g_task_get_cancellable (task),
                                secrets_stored_cb, task);
}

/* While a new network's objects are built, or once a merge's are. */
void
mesh_cdb_import_store_secrets (GTask *task)
{
  Import *import = g_task_get_task_data (task);

  if (import->merge)
    mesh_cdb_import_report (import, 0.0, _("Saving the keys in the keyring…"));
  g_object_ref (task);

  /* A new network starts from a clean slate: keys left by a network of
   * the same UUID removed earlier must not mix with the file's. The node
   * token stays: it is this computer's node in bluetooth-meshd, which the
   * file does not describe and which may well be of this very network. */
  if (!import->merge)
    mesh_keyring_clear_keys_async (import->uuid, g_task_get_cancellable (task),
                                   old_keys_cleared_cb, task);
  else if (import->secrets->len > 0)
    mesh_keyring_store_all_async (import->uuid, import->secrets, g_task_get_cancellable (task),
                                  secrets_stored_cb, task);
  else
    step_done (task, NULL, TRUE);
}

static void
built_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError *error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  step_done (user_data, error, FALSE);
}

static void
start_with_document (GTask *task)
{
  Import *import = g_task_get_task_data (task);
  MeshNetwork *network;

  import->uuid = mesh_cdb_import_uuid_to_string (import->doc->mesh_uuid);
  network = mesh_store_find_network (import->store, import->uuid);

  if (network == NULL)
    {
      g_autoptr(GTask) build = g_task_new (NULL, g_task_get_cancellable (task), built_cb, g_object_ref (task));

      mesh_cdb_import_report (import, 0.0, _("Preparing the network…"));
      mesh_cdb_import_collect_secrets (import);
      import->steps_left = 2;
      g_task_set_task_data (build, import, NULL);
      g_task_run_in_thread (build, mesh_cdb_import_build_new_thread);
      mesh_cdb_import_store_secrets (task);
      return;
    }

  import->merge = TRUE;
  import->result->merged = TRUE;
  import->network = g_object_ref (network);
  mesh_cdb_import_report (import, 0.0, _("Comparing the file with the network…"));
  mesh_store_load_network_async (import->store, network, g_task_get_cancellable (task),
                                 mesh_cdb_import_network_loaded_cb, g_object_ref (task));
}

static void
file_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  GError *error = NULL;

  import->doc = mesh_cdb_reader_read_file_finish (result, &error);
  if (import->doc == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  import->read = TRUE;
  start_with_document (task);
}

static GTask *
import_task_new (MeshStore           *store,
                 MeshCdbProgress     *progress,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);
  Import *import = g_new0 (Import, 1);

  g_task_set_source_tag (task, mesh_cdb_import_file_async);
  import->store = g_object_ref (store);
  import->progress = progress != NULL ? g_object_ref (progress) : NULL;
  import->result = mesh_cdb_import_result_new ();
  import->objects = g_ptr_array_new_with_free_func (g_object_unref);
  import->exclusions = g_array_new (FALSE, FALSE, sizeof (MeshExclusion));
  import->secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) mesh_secret_free);
  g_task_set_task_data (task, import, import_free);
  return task;
}

/**
 * mesh_cdb_import_file_async:
 * @store: the network database
 * @file: a CDB file
 * @progress: (nullable): where to report progress
 * @cancellable: (nullable): a #GCancellable; honoured until the database
 *   commit starts
 * @callback: called on the thread-default main context of the call
 * @user_data: for @callback
 *
 * Reads, validates and imports @file (see the top of mesh-cdb-import.h).
 */
void
mesh_cdb_import_file_async (MeshStore           *store,
                            GFile               *file,
                            MeshCdbProgress     *progress,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Import *import;

  g_return_if_fail (MESH_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (progress == NULL || MESH_IS_CDB_PROGRESS (progress));

  task = import_task_new (store, progress, cancellable, callback, user_data);
  import = g_task_get_task_data (task);
  import->file = g_object_ref (file);
  mesh_cdb_reader_read_file_async (file, progress, cancellable, file_read_cb, task);
}

/**
 * mesh_cdb_import_document_async:
 * @store: the network database
 * @document: a document; it is validated first
 * @progress: (nullable): where to report progress
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the call
 * @user_data: for @callback
 *
 * Imports @document, as mesh_cdb_import_file_async() does a file.
 */
void
mesh_cdb_import_document_async (MeshStore           *store,
                                MeshCdbDocument     *document,
                                MeshCdbProgress     *progress,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Import *import;

  g_return_if_fail (MESH_IS_STORE (store));
  g_return_if_fail (document != NULL);
  g_return_if_fail (progress == NULL || MESH_IS_CDB_PROGRESS (progress));

  task = import_task_new (store, progress, cancellable, callback, user_data);
  if (!mesh_cdb_document_validate (document, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  import = g_task_get_task_data (task);
  import->doc = mesh_cdb_document_ref (document);
  import->read = TRUE;
  start_with_document (task);
}

/**
 * mesh_cdb_import_finish:
 * @result: the result given to the callback
 * @out_result: (out) (optional) (nullable): what the import did, set
 *   whenever the file could be read — also when a conflict stopped it, so
 *   that the conflicts can be shown
 * @error: return location for an error: %MESH_ERROR_INVALID_DATA (the
 *   file), %MESH_ERROR_CONFLICT (fatal conflicts, listed in @out_result),
 *   keyring and database errors, %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE if the network was imported or merged
 */
gboolean
mesh_cdb_import_finish (GAsyncResult         *result,
                        MeshCdbImportResult **out_result,
                        GError              **error)
{
  Import *import;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mesh_cdb_import_file_async, FALSE);

  import = g_task_get_task_data (G_TASK (result));
  if (out_result != NULL)
    *out_result = import->read ? g_object_ref (import->result) : NULL;
  return g_task_propagate_boolean (G_TASK (result), error);
}
