/* mesh-provision-dialog-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the files of the provisioning dialog share (mesh-provision-dialog.c
 * has the shell, mesh-provision-dialog-auth.c the method and prompt pages,
 * mesh-provision-dialog-steps.c the progress and its outcome), and a hook
 * for tests. */

#include <adwaita.h>

#include "mesh-provision-dialog.h"

G_BEGIN_DECLS

/* bluetooth-meshd picks the authentication from what both sides offer,
 * static OOB first, then output, then input, else none; the method the
 * user chooses becomes the agent's capabilities for this AddNode. */
typedef enum
{
  MESH_PROVISION_METHOD_STATIC,
  MESH_PROVISION_METHOD_OUTPUT,
  MESH_PROVISION_METHOD_INPUT,
  MESH_PROVISION_METHOD_AUTO,
  MESH_PROVISION_METHOD_NONE,
} MeshProvisionMethod;

/* The rows of the progress page (mesh-provision-dialog-steps.c). */
#define MESH_PROVISION_DIALOG_N_STEPS 6

struct _MeshProvisionDialog
{
  AdwWindow             parent_instance;

  MeshSession          *session;
  MeshScannedDevice    *device;
  char                 *device_name;

  MeshProvisionRequest *request;
  GSignalGroup         *request_signals;
  MeshOobRequest       *oob;
  GSignalGroup         *oob_signals;
  MeshProvisionMethod   method;
  /* The furthest step reached, and whether meshd asked for a value. */
  MeshProvisionStep     reached;
  gboolean              authenticated;
  gboolean              cancelling;

  AdwActionRow         *step_rows[MESH_PROVISION_DIALOG_N_STEPS];
  GtkStack             *step_icons[MESH_PROVISION_DIALOG_N_STEPS];

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkButton            *cancel_button;
  GtkButton            *primary_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *method_group;
  AdwActionRow         *uuid_row;
  AdwActionRow         *oob_row;
  AdwComboRow          *subnet_row;
  GArray               *subnet_indexes; /* guint16 NetKey index per choice */
  GtkCheckButton       *static_check;
  GtkCheckButton       *output_check;
  GtkCheckButton       *input_check;
  GtkCheckButton       *auto_check;
  GtkCheckButton       *none_check;
  AdwPreferencesGroup  *key_group;
  AdwEntryRow          *key_row;
  GtkLabel             *key_hint;
  AdwStatusPage        *prompt_page;
  AdwEntryRow          *answer_row;
  GtkLabel             *answer_hint;
  GtkWidget            *display_box;
  GtkLabel             *display_prompt;
  GtkLabel             *display_value;
  AdwPreferencesGroup  *steps_group;
  GtkLabel             *progress_note;
  AdwStatusPage        *done_page;
  AdwStatusPage        *failed_page;
};

/* mesh-provision-dialog.c */
void                _mesh_provision_dialog_show_page        (MeshProvisionDialog  *self,
                                                             const char           *page);
void                _mesh_provision_dialog_clear_request    (MeshProvisionDialog  *self);
void                _mesh_provision_dialog_show_progress    (MeshProvisionDialog  *self);
/* The NetKey index of the subnet chosen, or
 * MESH_PROVISIONING_ANY_NET_INDEX when there was no choice to make. */
guint16             _mesh_provision_dialog_get_net_index    (MeshProvisionDialog  *self);

/* mesh-provision-dialog-auth.c */
MeshProvisionMethod _mesh_provision_dialog_get_method       (MeshProvisionDialog  *self);
void                _mesh_provision_dialog_init_method_page (MeshProvisionDialog  *self);
void                _mesh_provision_dialog_oob_request_cb   (MeshProvisionDialog  *self);
void                _mesh_provision_dialog_oob_state_cb     (MeshProvisionDialog  *self);
void                _mesh_provision_dialog_class_init_auth  (GtkWidgetClass       *widget_class);

/* mesh-provision-dialog-steps.c */
void                _mesh_provision_dialog_create_step_rows (MeshProvisionDialog  *self);
void                _mesh_provision_dialog_update_steps     (MeshProvisionDialog  *self);
void                _mesh_provision_dialog_show_failure     (MeshProvisionDialog  *self,
                                                             const char           *title,
                                                             const char           *message);
void                _mesh_provision_dialog_step_cb          (MeshProvisionDialog  *self);

/* Shows @request's steps and prompts as if the dialog had started it: for
 * tests of the prompts meshd 5.66 devices cannot produce (output and input
 * OOB), with a request made by hand. */
void                _mesh_provision_dialog_follow           (MeshProvisionDialog  *self,
                                                             MeshProvisionRequest *request);

G_END_DECLS
