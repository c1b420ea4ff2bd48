/* mesh-database.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mesh-database-private.h"
#include "mesh-error.h"

/* One dedicated thread owns the SQLite connection and runs the jobs of a
 * queue in order: no locking around the connection, and the order of
 * writes is the order of the calls. The queue and the connection live in a
 * Worker that the thread and the MeshDatabase share, so the thread can
 * finish its queue even when the last reference to the MeshDatabase goes
 * away inside a job's callback. */

typedef enum
{
  JOB_OPEN,
  JOB_RUN,
  JOB_CLOSE,
  JOB_QUIT,
} JobKind;

typedef struct
{
  GMutex    mutex;
  GCond     cond;
  gboolean  done;
  gpointer  result;
  GError   *error;
} SyncWait;

typedef struct
{
  JobKind              kind;
  MeshDatabaseJobFunc  func;
  gpointer             data;
  GDestroyNotify       data_free;
  GDestroyNotify       result_free;
  gboolean             transaction;
  GCancellable        *cancellable;
  GTask               *task;  /* async callers */
  SyncWait            *wait;  /* sync callers */
} Job;

typedef struct
{
  GAsyncQueue          *queue;
  char                 *path;
  MeshSqliteConnection *connection;  /* the worker thread's alone */
  GError               *open_error;  /* why the connection is not open */
} Worker;

struct _MeshDatabase
{
  GObject   parent_instance;

  Worker   *worker;
  GThread  *thread;
  gboolean  closing;
};

G_DEFINE_FINAL_TYPE (MeshDatabase, mesh_database, G_TYPE_OBJECT)

static void
worker_clear (Worker *worker)
{
  g_clear_pointer (&worker->queue, g_async_queue_unref);
  g_clear_object (&worker->connection);
  g_clear_pointer (&worker->path, g_free);
  g_clear_error (&worker->open_error);
}

static void
worker_unref (Worker *worker)
{
  g_atomic_rc_box_release_full (worker, (GDestroyNotify) worker_clear);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->cancellable);
  g_clear_object (&job->task);
  g_free (job);
}

static gboolean
make_folder (const char  *path,
             GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int saved_errno;

  if (g_mkdir_with_parents (folder, 0700) == 0)
    return TRUE;

  saved_errno = errno;
  g_set_error (error, MESH_ERROR, MESH_ERROR_DATABASE,
               _("The folder %s for the network database cannot be created: %s."),
               folder, g_strerror (saved_errno));
  return FALSE;
}

static gpointer
worker_open (Worker  *worker,
             GError **error)
{
  guint n_migrations;
  const MeshMigration *migrations = mesh_database_get_migrations (&n_migrations);
  g_autoptr(MeshSqliteConnection) connection = NULL;
  GError *local_error = NULL;

  if (!make_folder (worker->path, &local_error) ||
      (connection = mesh_sqlite_connection_open (worker->path, &local_error)) == NULL ||
      !mesh_database_migrate (connection, migrations, n_migrations, &local_error))
    {
      /* Kept for the jobs queued behind the open (mesh_database_open_begin()). */
      g_clear_error (&worker->open_error);
      worker->open_error = g_error_copy (local_error);
      g_propagate_error (error, local_error);
      return NULL;
    }

  worker->connection = g_steal_pointer (&connection);
  return GINT_TO_POINTER (TRUE);
}

static gpointer
worker_run (Worker  *worker,
            Job     *job,
            GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer result;

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return NULL;

  if (worker->connection == NULL)
    {
      if (worker->open_error != NULL)
        g_propagate_error (error, g_error_copy (worker->open_error));
      else
        g_set_error_literal (error, MESH_ERROR, MESH_ERROR_DATABASE,
                             _("The network database is closed."));
      return NULL;
    }

  if (job->transaction &&
      !mesh_sqlite_connection_begin_transaction (worker->connection, error))
    return NULL;

  result = job->func (worker->connection, job->data, job->cancellable, &local_error);

  if (job->transaction)
    {
      if (local_error == NULL &&
          !mesh_sqlite_connection_commit_transaction (worker->connection, &local_error))
        {
          if (result != NULL && job->result_free != NULL)
            job->result_free (result);
          result = NULL;
        }

      if (local_error != NULL)
        mesh_sqlite_connection_rollback_transaction (worker->connection);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return result;
}

static void
job_complete (Job      *job,
              gpointer  result,
              GError   *error)
{
  if (job->data_free != NULL && job->data != NULL)
    g_clear_pointer (&job->data, job->data_free);

  if (job->task != NULL)
    {
      if (error != NULL)
        g_task_return_error (job->task, error);
      else
        g_task_return_pointer (job->task, result, job->result_free);
    }
  else if (job->wait != NULL)
    {
      g_mutex_lock (&job->wait->mutex);
      job->wait->result = result;
      job->wait->error = error;
      job->wait->done = TRUE;
      g_cond_signal (&job->wait->cond);
      g_mutex_unlock (&job->wait->mutex);
    }
  else
    {
      if (result != NULL && job->result_free != NULL)
        job->result_free (result);
      g_clear_error (&error);
    }

  job_free (job);
}

static gpointer
worker_thread (gpointer user_data)
{
  Worker *worker = user_data;
  gboolean quit = FALSE;

  while (!quit)
    {
      Job *job = g_async_queue_pop (worker->queue);
      GError *error = NULL;
      gpointer result = NULL;

      switch (job->kind)
        {
        case JOB_OPEN:
          result = worker_open (worker, &error);
          break;

        case JOB_RUN:
          result = worker_run (worker, job, &error);
          break;

        case JOB_QUIT:
          quit = TRUE;
          G_GNUC_FALLTHROUGH;
        case JOB_CLOSE:
          if (worker->connection != NULL)
            mesh_sqlite_connection_close (worker->connection);
          g_clear_object (&worker->connection);
          g_clear_error (&worker->open_error);
          result = GINT_TO_POINTER (TRUE);
          break;

        default:
          g_assert_not_reached ();
        }

      job_complete (job, result, error);
    }

  worker_unref (worker);
  return NULL;
}

static Job *
job_new (JobKind              kind,
         MeshDatabaseJobFunc  func,
         gpointer             data,
         GDestroyNotify       data_free,
         GDestroyNotify       result_free,
         gboolean             transaction,
         GCancellable        *cancellable)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->transaction = transaction;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  return job;
}

static gpointer
wait_for_job (MeshDatabase  *self,
              Job           *job,
              GError       **error)
{
  SyncWait wait = { 0 };

  g_return_val_if_fail (g_thread_self () != self->thread, NULL);

  g_mutex_init (&wait.mutex);
  g_cond_init (&wait.cond);
  job->wait = &wait;

  g_async_queue_push (self->worker->queue, job);

  g_mutex_lock (&wait.mutex);
  while (!wait.done)
    g_cond_wait (&wait.cond, &wait.mutex);
  g_mutex_unlock (&wait.mutex);

  g_mutex_clear (&wait.mutex);
  g_cond_clear (&wait.cond);

  if (wait.error != NULL)
    {
      g_propagate_error (error, wait.error);
      return NULL;
    }

  return wait.result;
}

static MeshDatabase *
mesh_database_new (const char *path)
{
  MeshDatabase *self = g_object_new (MESH_TYPE_DATABASE, NULL);

  self->worker->path = g_strdup (path);
  self->thread = g_thread_new ("mesh-database",
                               worker_thread,
                               g_atomic_rc_box_acquire (self->worker));

  return self;
}

static gboolean
check_not_closing (MeshDatabase  *self,
                   GError       **error)
{
  if (!self->closing)
    return TRUE;

  g_set_error_literal (error, MESH_ERROR, MESH_ERROR_DATABASE,
                       _("The network database is closed."));
  return FALSE;
}

void
mesh_database_open_async (const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(MeshDatabase) self = NULL;
  Job *job;

  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self = mesh_database_new (path);

  job = job_new (JOB_OPEN, NULL, NULL, NULL, NULL, FALSE, cancellable);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, mesh_database_open_async);
  g_async_queue_push (self->worker->queue, job);
}

MeshDatabase *
mesh_database_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  GObject *source;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  if (g_task_propagate_pointer (G_TASK (result), error) == NULL)
    return NULL;

  source = g_task_get_source_object (G_TASK (result));
  return g_object_ref (MESH_DATABASE (source));
}

MeshDatabase *
mesh_database_open_sync (const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(MeshDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = mesh_database_new (path);
  if (wait_for_job (self, job_new (JOB_OPEN, NULL, NULL, NULL, NULL, FALSE, cancellable), error) == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

MeshDatabase *
mesh_database_open_begin (const char *path)
{
  MeshDatabase *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = mesh_database_new (path);
  /* No task: its error comes with the jobs queued behind it. */
  g_async_queue_push (self->worker->queue, job_new (JOB_OPEN, NULL, NULL, NULL, NULL, FALSE, NULL));

  return self;
}

const char *
mesh_database_get_path (MeshDatabase *self)
{
  g_return_val_if_fail (MESH_IS_DATABASE (self), NULL);

  return self->worker->path;
}

void
mesh_database_run_async (MeshDatabase        *self,
                         MeshDatabaseJobFunc  func,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         GDestroyNotify       result_free,
                         gboolean             transaction,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GError *error = NULL;
  Job *job;

  g_return_if_fail (MESH_IS_DATABASE (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  job = job_new (JOB_RUN, func, data, data_free, result_free, transaction, cancellable);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, mesh_database_run_async);

  if (!check_not_closing (self, &error))
    {
      job_complete (job, NULL, error);
      return;
    }

  g_async_queue_push (self->worker->queue, job);
}

gpointer
mesh_database_run_finish (MeshDatabase  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (MESH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
mesh_database_run_sync (MeshDatabase         *self,
                        MeshDatabaseJobFunc   func,
                        gpointer              data,
                        GDestroyNotify        data_free,
                        GDestroyNotify        result_free,
                        gboolean              transaction,
                        GCancellable         *cancellable,
                        GError              **error)
{
  Job *job;

  g_return_val_if_fail (MESH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  job = job_new (JOB_RUN, func, data, data_free, result_free, transaction, cancellable);

  if (!check_not_closing (self, error))
    {
      job_complete (job, NULL, NULL);
      return NULL;
    }

  return wait_for_job (self, job, error);
}

void
mesh_database_close_async (MeshDatabase        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Job *job;

  g_return_if_fail (MESH_IS_DATABASE (self));

  self->closing = TRUE;

  job = job_new (JOB_CLOSE, NULL, NULL, NULL, NULL, FALSE, cancellable);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, mesh_database_close_async);
  g_async_queue_push (self->worker->queue, job);
}

gboolean
mesh_database_close_finish (MeshDatabase  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (MESH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

static void
mesh_database_finalize (GObject *object)
{
  MeshDatabase *self = (MeshDatabase *)object;

  /* The thread closes the connection after the queued jobs. If the last
   * reference went away on the worker itself (a job's task), it cannot
   * wait for itself: let it finish on its own. */
  g_async_queue_push (self->worker->queue,
                      job_new (JOB_QUIT, NULL, NULL, NULL, NULL, FALSE, NULL));

  if (g_thread_self () == self->thread)
    g_thread_unref (self->thread);
  else
    g_thread_join (self->thread);

  g_clear_pointer (&self->worker, worker_unref);

  G_OBJECT_CLASS (mesh_database_parent_class)->finalize (object);
}

static void
mesh_database_class_init (MeshDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_database_finalize;
}

static void
mesh_database_init (MeshDatabase *self)
{
  self->worker = g_atomic_rc_box_new0 (Worker);
  self->worker->queue = g_async_queue_new ();
}
