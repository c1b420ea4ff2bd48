/* mesh-provision-dialog-steps.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The provisioning dialog's "progress" page, one row per step meshd
 * reports, and the outcome: the "done" and "failed" pages. */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-device-format.h"
#include "mesh-format.h"
#include "mesh-provision-dialog-private.h"

/* The rows of the progress page: the steps meshd 5.66 lets us see. */
static const MeshProvisionStep shown_steps[] = {
  MESH_PROVISION_STEP_LINK,
  MESH_PROVISION_STEP_EXCHANGE,
  MESH_PROVISION_STEP_AUTHENTICATION,
  MESH_PROVISION_STEP_DATA,
  MESH_PROVISION_STEP_STORING,
  MESH_PROVISION_STEP_COMPOSITION,
};
#define N_STEPS G_N_ELEMENTS (shown_steps)
G_STATIC_ASSERT (N_STEPS == MESH_PROVISION_DIALOG_N_STEPS);

typedef enum
{
  STEP_PENDING,
  STEP_RUNNING,
  STEP_DONE,
  STEP_SKIPPED,
  STEP_FAILED,
} StepState;

static const char *
step_title (MeshProvisionStep step)
{
  switch (step)
    {
    case MESH_PROVISION_STEP_LINK: return _("Opening a Link");
    case MESH_PROVISION_STEP_EXCHANGE: return _("Capabilities and Key Exchange");
    case MESH_PROVISION_STEP_AUTHENTICATION: return _("Authentication");
    case MESH_PROVISION_STEP_DATA: return _("Sending the Address and Network Key");
    case MESH_PROVISION_STEP_STORING: return _("Storing the Node");
    case MESH_PROVISION_STEP_COMPOSITION: return _("Reading the Composition");
    default: return NULL;
    }
}

static const char *
step_subtitle (MeshProvisionStep step)
{
  switch (step)
    {
    case MESH_PROVISION_STEP_LINK:
      return _("bluetooth-meshd opens an advertising link to the device");
    case MESH_PROVISION_STEP_EXCHANGE:
      return _("Invitation, capabilities and public keys: bluetooth-meshd reports them as one step");
    case MESH_PROVISION_STEP_AUTHENTICATION:
      return _("Both sides prove they know the same value");
    case MESH_PROVISION_STEP_DATA:
      return _("The device gets its unicast address and the network key");
    case MESH_PROVISION_STEP_STORING:
      return _("The device key goes to your keyring, the node to the network database");
    case MESH_PROVISION_STEP_COMPOSITION:
      return _("Which elements and models the node has");
    default:
      return NULL;
    }
}

static GtkWidget *
create_step_icon (void)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *widget;

  gtk_widget_set_valign (stack, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (stack),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, NULL, -1);

  widget = gtk_image_new_from_icon_name ("content-loading-symbolic");
  gtk_widget_add_css_class (widget, "dim-label");
  gtk_stack_add_named (GTK_STACK (stack), widget, "pending");
  widget = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (widget));
  gtk_stack_add_named (GTK_STACK (stack), widget, "running");
  widget = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
  gtk_widget_add_css_class (widget, "success");
  gtk_stack_add_named (GTK_STACK (stack), widget, "done");
  widget = gtk_image_new_from_icon_name ("action-unavailable-symbolic");
  gtk_widget_add_css_class (widget, "dim-label");
  gtk_stack_add_named (GTK_STACK (stack), widget, "skipped");
  widget = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_widget_add_css_class (widget, "error");
  gtk_stack_add_named (GTK_STACK (stack), widget, "failed");

  return stack;
}

static void
set_step_state (MeshProvisionDialog *self,
                guint                i,
                StepState            state)
{
  static const char *names[] = { "pending", "running", "done", "skipped", "failed" };
  static const char *descriptions[] = { N_("Waiting"), N_("In progress"), N_("Done"),
                                        N_("Not asked"), N_("Failed") };
  MeshProvisionStep step = shown_steps[i];

  gtk_stack_set_visible_child_name (self->step_icons[i], names[state]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->step_icons[i]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(descriptions[state]), -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->step_rows[i]), state != STEP_PENDING);

  /* meshd says nothing about authentication when no value is needed. */
  if (step == MESH_PROVISION_STEP_AUTHENTICATION)
    adw_action_row_set_subtitle (self->step_rows[i],
                                 state == STEP_SKIPPED
                                   ? _("No value was asked for: the device joined without authentication")
                                   : step_subtitle (step));
}

static int
step_index (MeshProvisionStep step)
{
  for (guint i = 0; i < N_STEPS; i++)
    if (shown_steps[i] == step)
      return i;

  return -1;
}

/* The provisioning's outcome */

static void
show_done (MeshProvisionDialog *self)
{
  MeshNode *node = mesh_provision_request_get_node (self->request);
  const GError *composition_error = mesh_provision_request_get_composition_error (self->request);
  MeshNetwork *network = mesh_session_get_network (self->session);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *address = mesh_format_address (mesh_node_get_unicast (node));

  g_string_append_printf (description, _("“%s” is now node %s of “%s”."),
                          self->device_name, address,
                          network != NULL ? mesh_network_get_name (network) : "");
  if (!self->authenticated && self->method != MESH_PROVISION_METHOD_NONE)
    g_string_append_printf (description, " %s",
                            _("It asked for no authentication value: it does not support the method you chose."));
  if (composition_error != NULL)
    g_string_append_printf (description, " %s %s",
                            _("Its composition could not be read:"), composition_error->message);

  adw_status_page_set_description (self->done_page, description->str);
  _mesh_provision_dialog_show_page (self, "done");
}

static void
finished (MeshProvisionDialog *self)
{
  MeshDaemon *daemon = mesh_session_get_daemon (self->session);
  MeshProvisionStep step = mesh_provision_request_get_step (self->request);
  const GError *error = mesh_provision_request_get_error (self->request);

  /* What meshd offers next time is up to the next dialog. */
  mesh_daemon_set_agent_capabilities (daemon, MESH_OOB_CAPABILITIES_ALL);
  gtk_widget_set_visible (self->display_box, FALSE);

  if (self->cancelling)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (step == MESH_PROVISION_STEP_DONE)
    show_done (self);
  else if (step == MESH_PROVISION_STEP_CANCELLED)
    _mesh_provision_dialog_show_failure (self, _("Provisioning Cancelled"),
                                         _("The device was not added. It is still waiting to join."));
  else
    _mesh_provision_dialog_show_failure (self, _("Provisioning Failed"),
                                         error != NULL ? error->message : _("The device was not added."));
}

void
_mesh_provision_dialog_create_step_rows (MeshProvisionDialog *self)
{
  for (guint i = 0; i < N_STEPS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = create_step_icon ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), step_title (shown_steps[i]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), step_subtitle (shown_steps[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->steps_group, row);
      self->step_rows[i] = ADW_ACTION_ROW (row);
      self->step_icons[i] = GTK_STACK (icon);
    }
}

void
_mesh_provision_dialog_update_steps (MeshProvisionDialog *self)
{
  MeshProvisionStep step = self->request ? mesh_provision_request_get_step (self->request)
                                         : MESH_PROVISION_STEP_QUEUED;
  int reached = step_index (self->reached);
  gboolean failed = step == MESH_PROVISION_STEP_FAILED || step == MESH_PROVISION_STEP_CANCELLED;
  gboolean done = step == MESH_PROVISION_STEP_DONE;

  for (guint i = 0; i < N_STEPS; i++)
    {
      StepState state;

      if (done || (int) i < reached)
        state = STEP_DONE;
      else if ((int) i == reached)
        state = failed ? STEP_FAILED : STEP_RUNNING;
      else
        state = STEP_PENDING;

      if (shown_steps[i] == MESH_PROVISION_STEP_AUTHENTICATION && state == STEP_DONE
          && !self->authenticated)
        state = STEP_SKIPPED;

      set_step_state (self, i, state);
    }

  if (self->cancelling)
    gtk_label_set_label (self->progress_note, _("Cancelling…"));
  else if (step == MESH_PROVISION_STEP_QUEUED)
    gtk_label_set_label (self->progress_note,
                         _("Waiting for the provisioning before this one: bluetooth-meshd provisions one device at a time."));
  else if (self->request != NULL && mesh_provision_request_get_server (self->request) != 0)
    {
      g_autofree char *server = NULL;
      g_autofree char *note = NULL;

      server = mesh_format_server_name (mesh_session_get_network (self->session),
                                        mesh_provision_request_get_server (self->request));
      /* Translators: %s is the name (or address) of the node whose Remote
       * Provisioning Server provisions the device */
      note = g_strdup_printf (_("Keep the device powered and close to node “%s”, which provisions "
                                "it for this computer."), server);
      gtk_label_set_label (self->progress_note, note);
    }
  else
    gtk_label_set_label (self->progress_note,
                         _("Keep the device powered and close to this computer."));
}

void
_mesh_provision_dialog_show_failure (MeshProvisionDialog *self,
                                     const char          *title,
                                     const char          *message)
{
  adw_status_page_set_title (self->failed_page, title);
  adw_status_page_set_description (self->failed_page, message);
  _mesh_provision_dialog_show_page (self, "failed");
}

void
_mesh_provision_dialog_step_cb (MeshProvisionDialog *self)
{
  MeshProvisionStep step = mesh_provision_request_get_step (self->request);

  if (step_index (step) > step_index (self->reached))
    self->reached = step;
  if (step == MESH_PROVISION_STEP_AUTHENTICATION)
    self->authenticated = TRUE;

  _mesh_provision_dialog_update_steps (self);

  if (mesh_provision_request_is_finished (self->request))
    finished (self);
}
