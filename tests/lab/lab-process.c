/* lab-process.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-process.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

struct _LabProcess {
  char *role;
  GPid pid;
  guint watch;
  gboolean running;
  int status;
  LabProcessExited exited;
  gpointer user_data;
};

typedef struct {
  LabProcessFlags flags;
  pid_t parent;
} ChildSetup;

static void
child_setup (gpointer user_data)
{
  ChildSetup *setup = user_data;

  if (!(setup->flags & LAB_PROCESS_FLAGS_FOREGROUND))
    setpgid (0, 0);

  if (!(setup->flags & LAB_PROCESS_FLAGS_NO_DEATH_SIG))
    {
      prctl (PR_SET_PDEATHSIG, SIGTERM);
      /* The lab may have died between fork and prctl. */
      if (getppid () != setup->parent)
        _exit (1);
    }

  /* GLib blocks no signals for children, but the lab may have: start clean. */
  {
    sigset_t none;

    sigemptyset (&none);
    sigprocmask (SIG_SETMASK, &none, NULL);
  }
}

static void
child_watch_cb (GPid     pid,
                int      wait_status,
                gpointer user_data)
{
  LabProcess *process = user_data;

  process->running = FALSE;
  process->status = wait_status;
  process->watch = 0;
  g_spawn_close_pid (pid);

  if (process->exited)
    process->exited (process, wait_status, process->user_data);
}

static gboolean
stop_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

LabProcess *
lab_process_spawn (const char         *role,
                   const char * const *argv,
                   const char * const *envp,
                   const char         *log_path,
                   int                 stdout_fd,
                   LabProcessFlags     flags,
                   LabProcessExited    exited,
                   gpointer            user_data,
                   GError            **error)
{
  ChildSetup setup = { flags, getpid () };
  LabProcess *process;
  int log_fd = -1;
  GPid pid;
  gboolean spawned;

  if (log_path)
    {
      log_fd = open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
      if (log_fd < 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "Cannot open %s: %s", log_path, g_strerror (saved));
          return NULL;
        }
    }

  spawned = g_spawn_async_with_pipes_and_fds (NULL, argv, envp,
                                              G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH
                                              | (log_fd < 0 && stdout_fd < 0 ? 0 : G_SPAWN_STDIN_FROM_DEV_NULL),
                                              child_setup, &setup,
                                              -1,
                                              stdout_fd >= 0 ? stdout_fd : log_fd,
                                              log_fd,
                                              NULL, NULL, 0,
                                              &pid, NULL, NULL, NULL, error);
  if (log_fd >= 0)
    close (log_fd);
  if (!spawned)
    return NULL;

  process = g_new0 (LabProcess, 1);
  process->role = g_strdup (role);
  process->pid = pid;
  process->running = TRUE;
  process->exited = exited;
  process->user_data = user_data;
  process->watch = g_child_watch_add (pid, child_watch_cb, process);

  return process;
}

GPid
lab_process_get_pid (LabProcess *process)
{
  return process->pid;
}

const char *
lab_process_get_role (LabProcess *process)
{
  return process->role;
}

gboolean
lab_process_is_running (LabProcess *process)
{
  return process && process->running;
}

int
lab_process_get_status (LabProcess *process)
{
  return process->status;
}

void
lab_process_signal (LabProcess *process,
                    int         signum)
{
  if (process && process->running)
    kill (process->pid, signum);
}

int
lab_process_stop (LabProcess *process,
                  guint       timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id;

  if (!process->running)
    return process->status;

  /* No exit callback for an ordered stop. */
  process->exited = NULL;
  kill (process->pid, SIGTERM);

  id = g_timeout_add (timeout_ms, stop_timeout_cb, &timed_out);
  while (process->running && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  if (process->running)
    {
      kill (process->pid, SIGKILL);
      while (process->running)
        g_main_context_iteration (NULL, TRUE);
    }

  return process->status;
}

void
lab_process_free (LabProcess *process)
{
  if (!process)
    return;

  if (process->running)
    {
      /* Never leave a child behind, even on an error path. */
      lab_process_stop (process, 2000);
    }
  if (process->watch)
    g_source_remove (process->watch);
  g_free (process->role);
  g_free (process);
}

int
lab_wait_status_to_exit (int wait_status)
{
  if (WIFEXITED (wait_status))
    return WEXITSTATUS (wait_status);
  if (WIFSIGNALED (wait_status))
    return 128 + WTERMSIG (wait_status);
  return 1;
}
