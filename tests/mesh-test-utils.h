/* mesh-test-utils.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

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

G_END_DECLS
