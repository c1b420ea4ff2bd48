/* mesh-provision-dialog.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-device-format.h"
#include "mesh-format.h"
#include "mesh-gui-util.h"
#include "mesh-provision-dialog-private.h"

/* bluetooth-meshd picks the authentication from what both sides offer,
 * static OOB first, then output, then input, else none; the method the
 * user chooses becomes the agent's capabilities for this AddNode. */
typedef enum
{
  METHOD_STATIC,
  METHOD_OUTPUT,
  METHOD_INPUT,
  METHOD_AUTO,
  METHOD_NONE,
} Method;

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

typedef enum
{
  STEP_PENDING,
  STEP_RUNNING,
  STEP_DONE,
  STEP_SKIPPED,
  STEP_FAILED,
} StepState;

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
  Method                method;
  /* The furthest step reached, and whether meshd asked for a value. */
  MeshProvisionStep     reached;
  gboolean              authenticated;
  gboolean              cancelling;

  AdwActionRow         *step_rows[N_STEPS];
  GtkStack             *step_icons[N_STEPS];

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkButton            *cancel_button;
  GtkButton            *primary_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *method_group;
  AdwActionRow         *uuid_row;
  AdwActionRow         *oob_row;
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

G_DEFINE_FINAL_TYPE (MeshProvisionDialog, mesh_provision_dialog, ADW_TYPE_WINDOW)

static MeshOobCapabilities
method_capabilities (Method method)
{
  switch (method)
    {
    case METHOD_STATIC:
      return MESH_OOB_CAPABILITY_STATIC;
    case METHOD_OUTPUT:
      return MESH_OOB_CAPABILITY_BLINK | MESH_OOB_CAPABILITY_BEEP | MESH_OOB_CAPABILITY_VIBRATE
             | MESH_OOB_CAPABILITY_OUT_NUMERIC | MESH_OOB_CAPABILITY_OUT_ALPHA;
    case METHOD_INPUT:
      return MESH_OOB_CAPABILITY_PUSH | MESH_OOB_CAPABILITY_TWIST
             | MESH_OOB_CAPABILITY_IN_NUMERIC | MESH_OOB_CAPABILITY_IN_ALPHA;
    case METHOD_NONE:
      return MESH_OOB_CAPABILITY_NONE;
    case METHOD_AUTO:
    default:
      return MESH_OOB_CAPABILITIES_ALL;
    }
}

static Method
selected_method (MeshProvisionDialog *self)
{
  if (gtk_check_button_get_active (self->static_check))
    return METHOD_STATIC;
  if (gtk_check_button_get_active (self->output_check))
    return METHOD_OUTPUT;
  if (gtk_check_button_get_active (self->input_check))
    return METHOD_INPUT;
  if (gtk_check_button_get_active (self->none_check))
    return METHOD_NONE;

  return METHOD_AUTO;
}

static void
set_error_style (GtkWidget *widget,
                 gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/* The static key as typed: the 16 bytes, or NULL (the hint says why). */
static GBytes *
check_key (MeshProvisionDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  g_autoptr(GError) error = NULL;
  gboolean is_text = FALSE;
  GBytes *key;

  key = mesh_parse_static_oob (text, &is_text, &error);

  /* Nothing typed yet is not an error yet. */
  set_error_style (GTK_WIDGET (self->key_row), key == NULL && text[0] != '\0');
  set_error_style (GTK_WIDGET (self->key_hint), key == NULL && text[0] != '\0');
  if (key != NULL)
    gtk_label_set_label (self->key_hint,
                         is_text ? _("Read as text, padded with zeros to 16 bytes.")
                                 : _("Read as a hexadecimal key."));
  else if (text[0] != '\0')
    gtk_label_set_label (self->key_hint, error->message);
  else
    gtk_label_set_label (self->key_hint, "");

  return key;
}

static void
update_start_action (MeshProvisionDialog *self)
{
  g_autoptr(GBytes) key = NULL;
  gboolean ready = TRUE;

  if (selected_method (self) == METHOD_STATIC)
    ready = (key = check_key (self)) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "provision.start", ready);
}

/* The value an OOB prompt asks for, checked as typed. */
static gboolean
check_answer (MeshProvisionDialog *self,
              char               **message)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->answer_row));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;
  guint64 number;

  *message = NULL;
  if (self->oob == NULL || text[0] == '\0')
    return FALSE;

  switch (mesh_oob_request_get_kind (self->oob))
    {
    case MESH_OOB_KIND_PROMPT_NUMBER:
      if (!g_ascii_string_to_unsigned (text, 10, 1, 99999999, &number, NULL))
        {
          *message = g_strdup (_("Enter a number from 1 to 99999999, digits only."));
          return FALSE;
        }
      return TRUE;

    case MESH_OOB_KIND_PROMPT_STATIC:
      key = mesh_parse_static_oob (text, NULL, &error);
      if (key == NULL)
        *message = g_strdup (error->message);
      return key != NULL;

    case MESH_OOB_KIND_PROMPT_TEXT:
      if (strlen (text) > 8)
        {
          *message = g_strdup (_("The device shows at most 8 characters."));
          return FALSE;
        }
      return TRUE;

    case MESH_OOB_KIND_DISPLAY_NUMBER:
    case MESH_OOB_KIND_DISPLAY_TEXT:
    default:
      return FALSE;
    }
}

static void
update_answer_action (MeshProvisionDialog *self)
{
  g_autofree char *message = NULL;
  gboolean valid = check_answer (self, &message);

  set_error_style (GTK_WIDGET (self->answer_row), message != NULL);
  set_error_style (GTK_WIDGET (self->answer_hint), message != NULL);
  gtk_label_set_label (self->answer_hint, message != NULL ? message : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "provision.answer", valid);
}

static void
set_primary (MeshProvisionDialog *self,
             const char          *label,
             const char          *action)
{
  gtk_widget_set_visible (GTK_WIDGET (self->primary_button), label != NULL);
  if (label == NULL)
    return;

  mesh_gui_button_set_label (self->primary_button, label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->primary_button), action);
  /* Hiding it made the window forget its default widget. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->primary_button));
}

static void
show_page (MeshProvisionDialog *self,
           const char          *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
}

/* Steps */

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
create_step_rows (MeshProvisionDialog *self)
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

static void
update_steps (MeshProvisionDialog *self)
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
  else
    gtk_label_set_label (self->progress_note,
                         _("Keep the device powered and close to this computer."));
}

/* The OOB request of the provisioning */

static void
show_display (MeshProvisionDialog *self)
{
  g_autofree char *value = NULL;

  if (mesh_oob_request_get_kind (self->oob) == MESH_OOB_KIND_DISPLAY_NUMBER)
    value = g_strdup_printf ("%u", mesh_oob_request_get_number (self->oob));
  else
    value = g_strdup (mesh_oob_request_get_text (self->oob));

  gtk_label_set_label (self->display_prompt, mesh_oob_request_get_prompt (self->oob));
  gtk_label_set_label (self->display_value, value);
  gtk_widget_set_visible (self->display_box, TRUE);
}

static void
show_prompt (MeshProvisionDialog *self)
{
  const char *title;

  switch (mesh_oob_request_get_kind (self->oob))
    {
    case MESH_OOB_KIND_PROMPT_NUMBER:
      title = _("Enter the Number");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->answer_row), _("Number"));
      adw_entry_row_set_input_purpose (self->answer_row, GTK_INPUT_PURPOSE_DIGITS);
      break;

    case MESH_OOB_KIND_PROMPT_STATIC:
      title = _("Enter the Static Key");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->answer_row), _("Key"));
      adw_entry_row_set_input_purpose (self->answer_row, GTK_INPUT_PURPOSE_FREE_FORM);
      break;

    case MESH_OOB_KIND_PROMPT_TEXT:
    default:
      title = _("Enter the Text");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->answer_row), _("Text"));
      adw_entry_row_set_input_purpose (self->answer_row, GTK_INPUT_PURPOSE_FREE_FORM);
      break;
    }

  adw_status_page_set_title (self->prompt_page, title);
  mesh_gui_entry_row_set_accessible_label (self->answer_row, title);
  adw_status_page_set_description (self->prompt_page, mesh_oob_request_get_prompt (self->oob));
  gtk_editable_set_text (GTK_EDITABLE (self->answer_row), "");
  update_answer_action (self);
  show_page (self, "prompt");
  gtk_widget_grab_focus (GTK_WIDGET (self->answer_row));
}

static void
oob_state_cb (MeshProvisionDialog *self)
{
  if (self->oob == NULL)
    return;

  if (mesh_oob_request_get_state (self->oob) == MESH_OOB_STATE_PENDING)
    {
      if (mesh_oob_request_is_prompt (self->oob))
        show_prompt (self);
      else
        show_display (self);
      return;
    }

  /* Answered, or withdrawn by meshd: back to the steps. */
  gtk_widget_set_visible (self->display_box, FALSE);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "prompt") == 0)
    show_page (self, "progress");
}

static void
oob_request_cb (MeshProvisionDialog *self)
{
  MeshOobRequest *oob = self->request ? mesh_provision_request_get_oob_request (self->request) : NULL;

  if (oob == NULL || !g_set_object (&self->oob, oob))
    return;

  g_signal_group_set_target (self->oob_signals, oob);
  self->authenticated = TRUE;
  oob_state_cb (self);
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
  if (!self->authenticated && self->method != METHOD_NONE)
    g_string_append_printf (description, " %s",
                            _("It asked for no authentication value: it does not support the method you chose."));
  if (composition_error != NULL)
    g_string_append_printf (description, " %s %s",
                            _("Its composition could not be read:"), composition_error->message);

  adw_status_page_set_description (self->done_page, description->str);
  show_page (self, "done");
}

static void
show_failure (MeshProvisionDialog *self,
              const char          *title,
              const char          *message)
{
  adw_status_page_set_title (self->failed_page, title);
  adw_status_page_set_description (self->failed_page, message);
  show_page (self, "failed");
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
    show_failure (self, _("Provisioning Cancelled"),
                  _("The device was not added. It is still waiting to join."));
  else
    show_failure (self, _("Provisioning Failed"),
                  error != NULL ? error->message : _("The device was not added."));
}

static void
step_cb (MeshProvisionDialog *self)
{
  MeshProvisionStep step = mesh_provision_request_get_step (self->request);

  if (step_index (step) > step_index (self->reached))
    self->reached = step;
  if (step == MESH_PROVISION_STEP_AUTHENTICATION)
    self->authenticated = TRUE;

  update_steps (self);

  if (mesh_provision_request_is_finished (self->request))
    finished (self);
}

static void
clear_request (MeshProvisionDialog *self)
{
  g_signal_group_set_target (self->request_signals, NULL);
  g_signal_group_set_target (self->oob_signals, NULL);
  g_clear_object (&self->request);
  g_clear_object (&self->oob);
}

/* Shows the progress of self->request from now on. */
static void
follow (MeshProvisionDialog *self)
{
  g_signal_group_set_target (self->request_signals, self->request);
  show_page (self, "progress");
  step_cb (self);
  oob_request_cb (self);
}

/* Actions */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (widget);
  MeshProvisioning *provisioning = mesh_session_get_provisioning (self->session);
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) error = NULL;

  self->method = selected_method (self);
  if (self->method == METHOD_STATIC && (key = check_key (self)) == NULL)
    return;

  clear_request (self);
  self->reached = MESH_PROVISION_STEP_QUEUED;
  self->authenticated = FALSE;
  self->cancelling = FALSE;

  if (provisioning == NULL)
    {
      show_failure (self, _("Provisioning Failed"), _("No network is open in bluetooth-meshd."));
      return;
    }

  mesh_daemon_set_agent_capabilities (mesh_session_get_daemon (self->session),
                                      method_capabilities (self->method));
  self->request = mesh_provisioning_enqueue (provisioning,
                                             mesh_scanned_device_get_uuid (self->device),
                                             key, &error);
  if (self->request == NULL)
    {
      mesh_daemon_set_agent_capabilities (mesh_session_get_daemon (self->session),
                                          MESH_OOB_CAPABILITIES_ALL);
      show_failure (self, _("Provisioning Failed"), error->message);
      return;
    }

  follow (self);
}

static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->answer_row));
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  gboolean answered = FALSE;

  if (self->oob == NULL || !check_answer (self, &message))
    return;

  switch (mesh_oob_request_get_kind (self->oob))
    {
    case MESH_OOB_KIND_PROMPT_NUMBER:
      answered = mesh_oob_request_answer_number (self->oob, (guint32) g_ascii_strtoull (text, NULL, 10),
                                                 &error);
      break;

    case MESH_OOB_KIND_PROMPT_STATIC:
      {
        g_autoptr(GBytes) key = mesh_parse_static_oob (text, NULL, &error);

        answered = key != NULL && mesh_oob_request_answer_static (self->oob, key, &error);
      }
      break;

    case MESH_OOB_KIND_PROMPT_TEXT:
      answered = mesh_oob_request_answer_text (self->oob, text, &error);
      break;

    case MESH_OOB_KIND_DISPLAY_NUMBER:
    case MESH_OOB_KIND_DISPLAY_TEXT:
    default:
      break;
    }

  if (!answered)
    {
      set_error_style (GTK_WIDGET (self->answer_row), TRUE);
      set_error_style (GTK_WIDGET (self->answer_hint), TRUE);
      gtk_label_set_label (self->answer_hint, error != NULL ? error->message : "");
      return;
    }

  show_page (self, "progress");
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (widget);

  clear_request (self);
  show_page (self, "method");

  /* After a wrong key, the key is what to correct. */
  if (selected_method (self) == METHOD_STATIC)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      gtk_editable_select_region (GTK_EDITABLE (self->key_row), 0, -1);
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (widget);

  gtk_window_close (GTK_WINDOW (self));
}

static void
open_node_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  MeshNode *node = self->request ? mesh_provision_request_get_node (self->request) : NULL;

  if (parent != NULL && node != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-node", "s", mesh_node_get_uuid (node));

  gtk_window_destroy (GTK_WINDOW (self));
}

/* Callbacks */

static void
method_toggled_cb (MeshProvisionDialog *self,
                   GtkCheckButton      *check)
{
  gboolean is_static;

  /* Toggled while the template is being built. */
  if (self->none_check == NULL || self->key_group == NULL)
    return;

  is_static = selected_method (self) == METHOD_STATIC;
  gtk_widget_set_visible (GTK_WIDGET (self->key_group), is_static);
  update_start_action (self);
  if (is_static && check != NULL && gtk_check_button_get_active (check) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
key_changed_cb (MeshProvisionDialog *self)
{
  update_start_action (self);
}

static void
answer_changed_cb (MeshProvisionDialog *self)
{
  update_answer_action (self);
}

static void
page_changed_cb (MeshProvisionDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean running = self->request != NULL && !mesh_provision_request_is_finished (self->request);

  if (g_strcmp0 (page, "method") == 0)
    set_primary (self, _("_Provision"), "provision.start");
  else if (g_strcmp0 (page, "prompt") == 0)
    set_primary (self, _("_Continue"), "provision.answer");
  else if (g_strcmp0 (page, "done") == 0)
    set_primary (self, _("_Open Node"), "provision.open-node");
  else if (g_strcmp0 (page, "failed") == 0)
    set_primary (self, _("_Retry"), "provision.retry");
  else
    set_primary (self, NULL, NULL);

  mesh_gui_button_set_label (self->cancel_button, running || g_strcmp0 (page, "method") == 0
                                             ? _("_Cancel") : _("_Close"));
}

static gboolean
mesh_provision_dialog_close_request (GtkWindow *window)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (window);

  /* Closing cancels: the dialog goes once meshd has let go of the device. */
  if (self->request != NULL && !mesh_provision_request_is_finished (self->request))
    {
      if (!self->cancelling)
        {
          self->cancelling = TRUE;
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "provision.cancel", FALSE);
          update_steps (self);
          mesh_provision_request_cancel (self->request);
        }
      return TRUE;
    }

  return GTK_WINDOW_CLASS (mesh_provision_dialog_parent_class)->close_request (window);
}

MeshProvisionDialog *
mesh_provision_dialog_new (MeshSession       *session,
                           MeshScannedDevice *device)
{
  MeshProvisionDialog *self;
  g_autofree char *oob = NULL;
  guint16 oob_info;

  g_return_val_if_fail (MESH_IS_SESSION (session), NULL);
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (device), NULL);

  self = g_object_new (MESH_TYPE_PROVISION_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->device = g_object_ref (device);
  self->device_name = mesh_format_device_name (mesh_scanned_device_get_uuid_string (device));

  adw_window_title_set_subtitle (self->window_title, self->device_name);
  adw_action_row_set_subtitle (self->uuid_row, mesh_scanned_device_get_uuid_string (device));

  oob_info = mesh_scanned_device_get_oob_info (device);
  oob = mesh_format_oob_info (oob_info);
  adw_action_row_set_subtitle (self->oob_row, oob != NULL ? oob : _("None: the device does not say"));
  if (oob != NULL)
    {
      g_autofree char *description = NULL;

      /* Translators: %s is the beacon's OOB information, e.g. "Static OOB on the box" */
      description = g_strdup_printf (_("How the device proves that it is the one in front of you. "
                                       "Its beacon says: %s."), oob);
      adw_preferences_group_set_description (self->method_group, description);
    }

  /* Propose what the beacon hints at. */
  gtk_check_button_set_active (mesh_oob_info_suggests_static (oob_info) ? self->static_check
                                                                        : self->auto_check,
                               TRUE);
  method_toggled_cb (self, NULL);

  return self;
}

void
_mesh_provision_dialog_follow (MeshProvisionDialog  *self,
                               MeshProvisionRequest *request)
{
  g_return_if_fail (MESH_IS_PROVISION_DIALOG (self));
  g_return_if_fail (MESH_IS_PROVISION_REQUEST (request));

  clear_request (self);
  self->method = selected_method (self);
  self->reached = MESH_PROVISION_STEP_QUEUED;
  self->authenticated = FALSE;
  self->cancelling = FALSE;
  self->request = g_object_ref (request);
  follow (self);
}

const char *
mesh_provision_dialog_get_page (MeshProvisionDialog *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

MeshProvisionRequest *
mesh_provision_dialog_get_request (MeshProvisionDialog *self)
{
  g_return_val_if_fail (MESH_IS_PROVISION_DIALOG (self), NULL);

  return self->request;
}

static void
mesh_provision_dialog_show (GtkWidget *widget)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (widget);

  GTK_WIDGET_CLASS (mesh_provision_dialog_parent_class)->show (widget);

  if (selected_method (self) == METHOD_STATIC)
    gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
mesh_provision_dialog_dispose (GObject *object)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (object);

  /* A provisioning still under way when the window goes is cancelled. */
  if (self->request != NULL && !mesh_provision_request_is_finished (self->request))
    mesh_provision_request_cancel (self->request);
  if (self->request_signals != NULL)
    clear_request (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_PROVISION_DIALOG);
  g_clear_object (&self->request_signals);
  g_clear_object (&self->oob_signals);
  g_clear_object (&self->session);
  g_clear_object (&self->device);
  g_clear_pointer (&self->device_name, g_free);

  G_OBJECT_CLASS (mesh_provision_dialog_parent_class)->dispose (object);
}

static void
mesh_provision_dialog_class_init (MeshProvisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mesh_provision_dialog_dispose;
  widget_class->show = mesh_provision_dialog_show;
  window_class->close_request = mesh_provision_dialog_close_request;

  gtk_widget_class_install_action (widget_class, "provision.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "provision.answer", NULL, answer_action);
  gtk_widget_class_install_action (widget_class, "provision.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "provision.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "provision.open-node", NULL, open_node_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "provision.cancel", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-provision-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, primary_button);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, method_group);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, uuid_row);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, oob_row);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, static_check);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, output_check);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, input_check);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, auto_check);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, none_check);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, key_group);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, key_hint);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, prompt_page);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, answer_row);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, answer_hint);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, display_box);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, display_prompt);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, display_value);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, steps_group);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, progress_note);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, MeshProvisionDialog, failed_page);
  gtk_widget_class_bind_template_callback (widget_class, method_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, answer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
}

static void
mesh_provision_dialog_init (MeshProvisionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  create_step_rows (self);
  mesh_gui_entry_row_set_accessible_label (self->key_row, _("Static Key"));
  mesh_gui_entry_row_set_accessible_label (self->answer_row, _("Value"));

  self->request_signals = g_signal_group_new (MESH_TYPE_PROVISION_REQUEST);
  g_signal_group_connect_swapped (self->request_signals, "notify::step", G_CALLBACK (step_cb), self);
  g_signal_group_connect_swapped (self->request_signals, "notify::oob-request",
                                  G_CALLBACK (oob_request_cb), self);
  self->oob_signals = g_signal_group_new (MESH_TYPE_OOB_REQUEST);
  g_signal_group_connect_swapped (self->oob_signals, "notify::state", G_CALLBACK (oob_state_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "provision.answer", FALSE);
  page_changed_cb (self);
}
