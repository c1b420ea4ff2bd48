/* lab-air.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The virtual air: an AF_UNIX datagram socket served by its own thread.
 * Anyone who sends it an empty datagram from a bound datagram socket (the
 * preload module does this for each meshd) hears everything the others
 * send. A datagram identical to one a listener got within the repeat window
 * is not given to it again; loss and delay apply per listener. A link
 * between two sockets (by path) can be cut: then neither hears the other,
 * while both still hear and are heard by everyone else. */

typedef struct _LabAir LabAir;

typedef struct {
  guint64 received;   /* datagrams sent to the air (registrations excluded) */
  guint64 delivered;  /* copies handed to listeners */
  guint64 lost;       /* copies dropped by the loss setting */
  guint64 suppressed; /* copies dropped as repeats */
  guint64 overflowed; /* copies dropped because a listener's queue was full */
  guint64 unlinked;   /* copies dropped because the link was cut */
} LabAirStats;

LabAir   *lab_air_new                (const char  *path,
                                      GError     **error);
void      lab_air_free               (LabAir      *air);
const char *lab_air_get_path         (LabAir      *air);
void      lab_air_set_loss           (LabAir      *air,
                                      double       loss);
double    lab_air_get_loss           (LabAir      *air);
void      lab_air_set_delay          (LabAir      *air,
                                      guint        delay_ms);
guint     lab_air_get_delay          (LabAir      *air);
void      lab_air_set_repeat_window  (LabAir      *air,
                                      guint        window_ms);
void      lab_air_get_stats          (LabAir      *air,
                                      LabAirStats *stats);
guint64   lab_air_get_sent_by        (LabAir      *air,
                                      const char  *path);
/* Cuts (up FALSE) or restores the link between the sockets at path_a and
 * path_b, in both directions; they need not be registered yet. */
void      lab_air_set_link           (LabAir      *air,
                                      const char  *path_a,
                                      const char  *path_b,
                                      gboolean     up);
gboolean  lab_air_get_link           (LabAir      *air,
                                      const char  *path_a,
                                      const char  *path_b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabAir, lab_air_free)

G_END_DECLS
