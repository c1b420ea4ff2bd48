/* mesh-provisioning-journal.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-provisioning-journal.h"

struct _MeshProvisioningJournal
{
  GFile     *file;
  GPtrArray *entries;     /* MeshJournalEntry */
  guint64    generation;  /* bumped by every change */
  guint64    written;     /* the generation on disk */
  gboolean   writing;
  GPtrArray *waiters;     /* GTask, task data: the generation it waits for */
  GError    *last_error;
  gboolean   freed;       /* free once the write in flight is done */
};

static void journal_free (MeshProvisioningJournal *self);

static void
entry_free (gpointer data)
{
  MeshJournalEntry *entry = data;

  g_free (entry->network_uuid);
  g_free (entry->uuid);
  g_free (entry);
}

static MeshJournalEntry *
entry_copy (const MeshJournalEntry *entry)
{
  MeshJournalEntry *copy = g_memdup2 (entry, sizeof *entry);

  copy->network_uuid = g_strdup (entry->network_uuid);
  copy->uuid = g_strdup (entry->uuid);
  return copy;
}

static char *
group_name (const MeshJournalEntry *entry)
{
  return g_strdup_printf ("%s/%04x", entry->network_uuid, entry->unicast);
}

static void
load (MeshProvisioningJournal *self)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_auto(GStrv) groups = NULL;
  g_autofree char *path = g_file_get_path (self->file);

  /* Synchronous, once, when the network is opened: the file holds a few
   * lines at most. */
  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return;

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      MeshJournalEntry entry = { 0 };
      g_autofree char *network = g_key_file_get_string (key_file, groups[i], "network", NULL);
      g_autofree char *uuid = g_key_file_get_string (key_file, groups[i], "uuid", NULL);
      int unicast = g_key_file_get_integer (key_file, groups[i], "unicast", NULL);
      int count = g_key_file_get_integer (key_file, groups[i], "count", NULL);
      int net_index = g_key_file_get_integer (key_file, groups[i], "net-index", NULL);

      if (network == NULL || uuid == NULL || unicast <= 0 || unicast > 0x7FFF
          || count <= 0 || count > 255 || net_index < 0 || net_index > 0xFFF)
        continue;

      entry.network_uuid = network;
      entry.uuid = uuid;
      entry.unicast = unicast;
      entry.count = count;
      entry.net_index = net_index;
      g_ptr_array_add (self->entries, entry_copy (&entry));
    }
}

static char *
serialize (MeshProvisioningJournal *self,
           gsize                   *length)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  for (guint i = 0; i < self->entries->len; i++)
    {
      MeshJournalEntry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *group = group_name (entry);

      g_key_file_set_string (key_file, group, "network", entry->network_uuid);
      g_key_file_set_string (key_file, group, "uuid", entry->uuid);
      g_key_file_set_integer (key_file, group, "unicast", entry->unicast);
      g_key_file_set_integer (key_file, group, "count", entry->count);
      g_key_file_set_integer (key_file, group, "net-index", entry->net_index);
    }

  return g_key_file_to_data (key_file, length, NULL);
}

static void write_next (MeshProvisioningJournal *self);

static void
wake_waiters (MeshProvisioningJournal *self)
{
  for (guint i = self->waiters->len; i > 0; i--)
    {
      GTask *task = g_ptr_array_index (self->waiters, i - 1);
      guint64 wanted = *(guint64 *) g_task_get_task_data (task);

      if (self->written < wanted && self->last_error == NULL)
        continue;

      g_ptr_array_steal_index (self->waiters, i - 1);
      if (self->last_error)
        g_task_return_error (task, g_error_copy (self->last_error));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

typedef struct
{
  MeshProvisioningJournal *self;
  guint64                  generation;
  char                    *contents;
} WriteData;

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WriteData *data = user_data;
  MeshProvisioningJournal *self = data->self;
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;
  g_clear_error (&self->last_error);
  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_warning ("Cannot write the provisioning journal: %s", error->message);
      self->last_error = g_steal_pointer (&error);
    }
  else
    self->written = data->generation;

  g_free (data->contents);
  g_free (data);

  if (self->freed)
    {
      journal_free (self);
      return;
    }

  wake_waiters (self);
  write_next (self);
}

static void
write_next (MeshProvisioningJournal *self)
{
  WriteData *data;
  gsize length;

  if (self->writing || self->written == self->generation)
    return;

  data = g_new0 (WriteData, 1);
  data->self = self;
  data->generation = self->generation;
  data->contents = serialize (self, &length);
  self->writing = TRUE;
  g_file_replace_contents_async (self->file, data->contents, length, NULL, FALSE,
                                 G_FILE_CREATE_PRIVATE, NULL, written_cb, data);
}

MeshProvisioningJournal *
mesh_provisioning_journal_new (const char *path)
{
  MeshProvisioningJournal *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (MeshProvisioningJournal, 1);
  self->file = g_file_new_for_path (path);
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->waiters = g_ptr_array_new ();
  load (self);

  return self;
}

static void
journal_free (MeshProvisioningJournal *self)
{
  for (guint i = 0; i < self->waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (self->waiters, i);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The journal was closed");
      g_object_unref (task);
    }
  g_object_unref (self->file);
  g_ptr_array_unref (self->entries);
  g_ptr_array_unref (self->waiters);
  g_clear_error (&self->last_error);
  g_free (self);
}

void
mesh_provisioning_journal_free (MeshProvisioningJournal *self)
{
  if (self == NULL)
    return;

  /* The write in flight still uses it: its callback frees it. */
  if (self->writing)
    self->freed = TRUE;
  else
    journal_free (self);
}

const MeshJournalEntry *
mesh_provisioning_journal_lookup (MeshProvisioningJournal *self,
                                  const char              *network_uuid,
                                  guint16                  unicast)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      MeshJournalEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->unicast == unicast && g_strcmp0 (entry->network_uuid, network_uuid) == 0)
        return entry;
    }

  return NULL;
}

void
mesh_provisioning_journal_remove (MeshProvisioningJournal *self,
                                  const char              *network_uuid,
                                  guint16                  unicast)
{
  const MeshJournalEntry *entry = mesh_provisioning_journal_lookup (self, network_uuid, unicast);

  if (entry == NULL)
    return;

  g_ptr_array_remove (self->entries, (gpointer) entry);
  self->generation++;
  write_next (self);
}

void
mesh_provisioning_journal_add (MeshProvisioningJournal *self,
                               const MeshJournalEntry  *entry)
{
  g_return_if_fail (entry != NULL && entry->network_uuid != NULL && entry->uuid != NULL);

  mesh_provisioning_journal_remove (self, entry->network_uuid, entry->unicast);
  g_ptr_array_add (self->entries, entry_copy (entry));
  self->generation++;
  write_next (self);
}

void
mesh_provisioning_journal_sync_async (MeshProvisioningJournal *self,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, mesh_provisioning_journal_sync_async);
  g_task_set_task_data (task, g_memdup2 (&self->generation, sizeof self->generation), g_free);

  if (self->written >= self->generation)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
}

gboolean
mesh_provisioning_journal_sync_finish (MeshProvisioningJournal  *self,
                                       GAsyncResult             *result,
                                       GError                  **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
