/* mesh-provision-dialog-auth.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The provisioning dialog's authentication: the "method" page (the method
 * and the static OOB key, Provision and Retry) and the "prompt" page (the
 * values the device and bluetooth-meshd ask for on the way, Continue). */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-device-format.h"
#include "mesh-gui-util.h"
#include "mesh-provision-dialog-private.h"

static MeshOobCapabilities
method_capabilities (MeshProvisionMethod method)
{
  switch (method)
    {
    case MESH_PROVISION_METHOD_STATIC:
      return MESH_OOB_CAPABILITY_STATIC;
    case MESH_PROVISION_METHOD_OUTPUT:
      return MESH_OOB_CAPABILITY_BLINK | MESH_OOB_CAPABILITY_BEEP | MESH_OOB_CAPABILITY_VIBRATE
             | MESH_OOB_CAPABILITY_OUT_NUMERIC | MESH_OOB_CAPABILITY_OUT_ALPHA;
    case MESH_PROVISION_METHOD_INPUT:
      return MESH_OOB_CAPABILITY_PUSH | MESH_OOB_CAPABILITY_TWIST
             | MESH_OOB_CAPABILITY_IN_NUMERIC | MESH_OOB_CAPABILITY_IN_ALPHA;
    case MESH_PROVISION_METHOD_NONE:
      return MESH_OOB_CAPABILITY_NONE;
    case MESH_PROVISION_METHOD_AUTO:
    default:
      return MESH_OOB_CAPABILITIES_ALL;
    }
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

  if (_mesh_provision_dialog_get_method (self) == MESH_PROVISION_METHOD_STATIC)
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
  _mesh_provision_dialog_show_page (self, "prompt");
  gtk_widget_grab_focus (GTK_WIDGET (self->answer_row));
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

  self->method = _mesh_provision_dialog_get_method (self);
  if (self->method == MESH_PROVISION_METHOD_STATIC && (key = check_key (self)) == NULL)
    return;

  _mesh_provision_dialog_clear_request (self);
  self->reached = MESH_PROVISION_STEP_QUEUED;
  self->authenticated = FALSE;
  self->cancelling = FALSE;

  if (provisioning == NULL)
    {
      _mesh_provision_dialog_show_failure (self, _("Provisioning Failed"),
                                           _("No network is open in bluetooth-meshd."));
      return;
    }

  mesh_daemon_set_agent_capabilities (mesh_session_get_daemon (self->session),
                                      method_capabilities (self->method));
  /* A device heard only through a node's Remote Provisioning Server is
   * provisioned through that node. */
  self->request = mesh_provisioning_enqueue_through (provisioning,
                                                     mesh_scanned_device_get_uuid (self->device),
                                                     key, mesh_scanned_device_get_via (self->device),
                                                     _mesh_provision_dialog_get_net_index (self),
                                                     &error);
  if (self->request == NULL)
    {
      mesh_daemon_set_agent_capabilities (mesh_session_get_daemon (self->session),
                                          MESH_OOB_CAPABILITIES_ALL);
      _mesh_provision_dialog_show_failure (self, _("Provisioning Failed"), error->message);
      return;
    }

  _mesh_provision_dialog_show_progress (self);
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

  _mesh_provision_dialog_show_page (self, "progress");
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  MeshProvisionDialog *self = MESH_PROVISION_DIALOG (widget);

  _mesh_provision_dialog_clear_request (self);
  _mesh_provision_dialog_show_page (self, "method");

  /* After a wrong key, the key is what to correct. */
  if (_mesh_provision_dialog_get_method (self) == MESH_PROVISION_METHOD_STATIC)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      gtk_editable_select_region (GTK_EDITABLE (self->key_row), 0, -1);
    }
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

  is_static = _mesh_provision_dialog_get_method (self) == MESH_PROVISION_METHOD_STATIC;
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

void
_mesh_provision_dialog_oob_state_cb (MeshProvisionDialog *self)
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
    _mesh_provision_dialog_show_page (self, "progress");
}

void
_mesh_provision_dialog_oob_request_cb (MeshProvisionDialog *self)
{
  MeshOobRequest *oob = self->request ? mesh_provision_request_get_oob_request (self->request) : NULL;

  if (oob == NULL || !g_set_object (&self->oob, oob))
    return;

  g_signal_group_set_target (self->oob_signals, oob);
  self->authenticated = TRUE;
  _mesh_provision_dialog_oob_state_cb (self);
}

MeshProvisionMethod
_mesh_provision_dialog_get_method (MeshProvisionDialog *self)
{
  if (gtk_check_button_get_active (self->static_check))
    return MESH_PROVISION_METHOD_STATIC;
  if (gtk_check_button_get_active (self->output_check))
    return MESH_PROVISION_METHOD_OUTPUT;
  if (gtk_check_button_get_active (self->input_check))
    return MESH_PROVISION_METHOD_INPUT;
  if (gtk_check_button_get_active (self->none_check))
    return MESH_PROVISION_METHOD_NONE;

  return MESH_PROVISION_METHOD_AUTO;
}


/* The method page for self->device: what its beacon says, and the method
 * it hints at. */
void
_mesh_provision_dialog_init_method_page (MeshProvisionDialog *self)
{
  g_autofree char *oob = NULL;
  guint16 oob_info;

  adw_action_row_set_subtitle (self->uuid_row, mesh_scanned_device_get_uuid_string (self->device));

  oob_info = mesh_scanned_device_get_oob_info (self->device);
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
}

void
_mesh_provision_dialog_class_init_auth (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "provision.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "provision.answer", NULL, answer_action);
  gtk_widget_class_install_action (widget_class, "provision.retry", NULL, retry_action);

  gtk_widget_class_bind_template_callback (widget_class, method_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, answer_changed_cb);
}
