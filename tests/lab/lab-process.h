/* lab-process.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A child process of the lab. Children get SIGTERM when the lab's main
 * thread exits (PR_SET_PDEATHSIG) and, unless they must share the
 * terminal, a process group of their own so that a ^C reaches the lab
 * only, which then stops them in order. */

typedef struct _LabProcess LabProcess;

typedef void (*LabProcessExited) (LabProcess *process,
                                  int         wait_status,
                                  gpointer    user_data);

typedef enum {
  LAB_PROCESS_FLAGS_NONE          = 0,
  LAB_PROCESS_FLAGS_FOREGROUND    = 1 << 0, /* stay in the lab's process group, keep the terminal */
  LAB_PROCESS_FLAGS_NO_DEATH_SIG  = 1 << 1, /* outlive the lab (never used for lab daemons) */
} LabProcessFlags;

LabProcess *lab_process_spawn       (const char         *role,
                                     const char * const *argv,
                                     const char * const *envp,
                                     const char         *log_path,
                                     int                 stdout_fd,
                                     LabProcessFlags     flags,
                                     LabProcessExited    exited,
                                     gpointer            user_data,
                                     GError            **error);
GPid        lab_process_get_pid     (LabProcess         *process);
const char *lab_process_get_role    (LabProcess         *process);
gboolean    lab_process_is_running  (LabProcess         *process);
int         lab_process_get_status  (LabProcess         *process);
void        lab_process_signal      (LabProcess         *process,
                                     int                 signum);
/* SIGTERM, wait up to timeout_ms (running the main context), then SIGKILL
 * and wait for the end. Returns the wait status. */
int         lab_process_stop        (LabProcess         *process,
                                     guint               timeout_ms);
void        lab_process_free        (LabProcess         *process);

/* Exit status of a shell-like wrapper: the code, or 128 + the signal. */
int         lab_wait_status_to_exit (int                 wait_status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabProcess, lab_process_free)

G_END_DECLS
