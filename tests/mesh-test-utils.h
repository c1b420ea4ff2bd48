/* mesh-test-utils.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mesh-application.h"
#include "mesh-window.h"

G_BEGIN_DECLS

typedef gboolean (*MeshTestCondition) (gpointer user_data);

void       mesh_test_init_gui          (int                *argc,
                                        char             ***argv);
gboolean   mesh_test_wait_until        (MeshTestCondition   condition,
                                        gpointer            user_data,
                                        guint               timeout_ms);
void       mesh_test_iterate           (guint               ms);
void       mesh_test_wait_for_frame    (GtkWidget          *widget);
GtkWindow *mesh_test_find_toplevel     (GType               type);
GtkWidget *mesh_test_find_descendant   (GtkWidget          *root,
                                        GType               type,
                                        const char         *name);
char      *mesh_test_artifact_path     (const char         *file_name);
GdkTexture *mesh_test_screenshot       (GtkWidget          *widget,
                                        const char         *file_name);

/* Points MESH_PROVISIONER_DATA_DIR at a new folder with the "home" test
 * network (mesh-test-network.h); returns the database's path. */
char       *mesh_test_create_home_database (void);
/* A registered MeshApplication, held so that it outlives its windows;
 * mesh_test_application_free() releases it. */
MeshApplication *mesh_test_application_new  (void);
void        mesh_test_application_free (MeshApplication    *app);
/* Activates @app and waits until its window shows the network's nodes. */
MeshWindow *mesh_test_open_window      (MeshApplication    *app);
/* The first mapped GtkLabel or GtkInscription under @root whose text is
 * @text. */
GtkWidget  *mesh_test_find_label       (GtkWidget          *root,
                                        const char         *text);
/* Waits (up to 2 s) for a visible toplevel of @type, and its first frame. */
GtkWindow  *mesh_test_wait_for_toplevel     (GType        type);
/* Whether a mapped GtkLabel under @root has @text in its text. */
gboolean    mesh_test_has_label_containing  (GtkWidget   *root,
                                             const char  *text);
/* The first visible button under @root bound to @action_name, or NULL. */
GtkWidget  *mesh_test_find_button_for_action (GtkWidget   *root,
                                              const char  *action_name);
/* Whether a toast whose title contains @text is shown in @window. */
gboolean    mesh_test_has_toast        (GtkWidget          *window,
                                        const char         *text);

G_END_DECLS
