/* mesh-gui-util.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mesh-store.h"

G_BEGIN_DECLS

/* Why an action that needs bluetooth-meshd is disabled, for its tooltip. */
const char *mesh_gui_offline_reason  (void);

/* Sets a button's label with a mnemonic ("_Retry") and its accessible
 * name without the underscore: GTK 4.8 would otherwise read it out. */
void        mesh_gui_button_set_label (GtkButton  *button,
                                       const char *label);

/* Names the text field of an AdwEntryRow for screen readers: libadwaita
 * 1.2 labels it by a widget GTK 4.8 reads out as "GtkLabel". */
void        mesh_gui_entry_row_set_accessible_label (AdwEntryRow *row,
                                                     const char  *label);

/* Shows @message in the toast overlay around @widget (or, from a dialog,
 * around the window it belongs to). */
void        mesh_gui_add_toast       (GtkWidget  *widget,
                                      const char *message);

/* Sets the "name" of a stored object (node, key, group...) and writes it
 * to @store. If the write fails the old name comes back and a toast near
 * @widget says why. */
void        mesh_gui_rename          (GtkWidget  *widget,
                                      MeshStore  *store,
                                      gpointer    object,
                                      const char *name);

/* A dialog that asks before @response (a destructive action, labelled
 * @label) happens; Cancel is the default. Connect to "response::@response". */
AdwMessageDialog *mesh_gui_confirm_dialog_new (GtkWidget  *parent,
                                               const char *heading,
                                               const char *body,
                                               const char *response,
                                               const char *label);
/* A dialog that asks for values: @rows (NULL-terminated), in a boxed list
 * under @body, then Cancel or @response (labelled @label), which starts
 * disabled: enable it with adw_message_dialog_set_response_enabled() when
 * the values are right. */
AdwMessageDialog *mesh_gui_form_dialog_new    (GtkWidget  *parent,
                                               const char *heading,
                                               const char *body,
                                               const char *response,
                                               const char *label,
                                               GtkWidget  *first_row,
                                               ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
