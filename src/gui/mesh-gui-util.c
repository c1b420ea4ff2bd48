/* mesh-gui-util.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-gui-util.h"

typedef struct
{
  GObject         *object;
  char            *old_name;
  char            *new_name;
  /* The overlay, not the widget: a list row may be recycled meanwhile. */
  AdwToastOverlay *overlay;
} Rename;

static void
rename_free (Rename *rename)
{
  g_clear_object (&rename->object);
  g_clear_object (&rename->overlay);
  g_free (rename->old_name);
  g_free (rename->new_name);
  g_free (rename);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rename, rename_free)

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_child (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (widget);

  /* From a dialog, the toasts go to the window it belongs to. */
  if (overlay == NULL && GTK_IS_WINDOW (root) &&
      gtk_window_get_transient_for (GTK_WINDOW (root)) != NULL)
    return find_overlay (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (root))));

  if (overlay == NULL && GTK_IS_WINDOW (root))
    overlay = find_child (GTK_WIDGET (root), ADW_TYPE_TOAST_OVERLAY);

  return overlay != NULL ? ADW_TOAST_OVERLAY (overlay) : NULL;
}

static void
rename_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Rename) rename = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  g_autofree char *message = NULL;

  if (mesh_store_update_finish (MESH_STORE (object), result, &error))
    return;

  /* Put the old name back, unless the name changed again meanwhile. */
  g_object_get (rename->object, "name", &current, NULL);
  if (g_strcmp0 (current, rename->new_name) == 0)
    g_object_set (rename->object, "name", rename->old_name, NULL);

  message = g_strdup_printf (_("Could not rename “%s”: %s"), rename->new_name, error->message);
  g_debug ("%s", message);
  if (rename->overlay != NULL)
    adw_toast_overlay_add_toast (rename->overlay, adw_toast_new (message));
}

const char *
mesh_gui_offline_reason (void)
{
  return _("Not available offline: Mesh Provisioner is not connected to bluetooth-meshd");
}

void
mesh_gui_button_set_label (GtkButton  *button,
                           const char *label)
{
  g_autoptr(GString) name = g_string_new (NULL);

  g_return_if_fail (GTK_IS_BUTTON (button));
  g_return_if_fail (label != NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      /* "__" is a literal underscore. */
      if (*p == '_' && p[1] == '_')
        g_string_append_c (name, *p++);
      else if (*p != '_')
        g_string_append_c (name, *p);
    }

  gtk_button_set_use_underline (button, TRUE);
  gtk_button_set_label (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                  -1);
}

void
mesh_gui_entry_row_set_accessible_label (AdwEntryRow *row,
                                         const char  *label)
{
  GtkWidget *text;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  text = find_child (GTK_WIDGET (row), GTK_TYPE_TEXT);
  g_return_if_fail (text != NULL);

  /* The row presents itself as the text field; its GtkText too. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
mesh_gui_add_toast (GtkWidget  *widget,
                    const char *message)
{
  AdwToastOverlay *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  overlay = find_overlay (widget);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (message));
  else
    g_message ("%s", message);
}

void
mesh_gui_rename (GtkWidget  *widget,
                 MeshStore  *store,
                 gpointer    object,
                 const char *name)
{
  Rename *rename;
  AdwToastOverlay *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (MESH_IS_STORE (store));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (name != NULL);

  rename = g_new0 (Rename, 1);
  rename->object = g_object_ref (object);
  g_object_get (object, "name", &rename->old_name, NULL);
  rename->new_name = g_strdup (name);
  overlay = find_overlay (widget);
  rename->overlay = overlay != NULL ? g_object_ref (overlay) : NULL;

  if (g_strcmp0 (rename->old_name, name) == 0)
    {
      rename_free (rename);
      return;
    }

  g_object_set (object, "name", name, NULL);
  mesh_store_update_async (store, object, NULL, rename_cb, rename);
}

static AdwMessageDialog *
dialog_new (GtkWidget  *parent,
            const char *heading,
            const char *body,
            const char *response,
            const char *label)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, label,
                                    NULL);
  adw_message_dialog_set_close_response (dialog, "cancel");

  return dialog;
}

AdwMessageDialog *
mesh_gui_confirm_dialog_new (GtkWidget  *parent,
                             const char *heading,
                             const char *body,
                             const char *response,
                             const char *label)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);

  dialog = dialog_new (parent, heading, body, response, label);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");

  return dialog;
}

AdwMessageDialog *
mesh_gui_form_dialog_new (GtkWidget  *parent,
                          const char *heading,
                          const char *body,
                          const char *response,
                          const char *label,
                          GtkWidget  *first_row,
                          ...)
{
  AdwMessageDialog *dialog;
  GtkWidget *list;
  va_list rows;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);

  dialog = dialog_new (parent, heading, body, response, label);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, response, FALSE);
  adw_message_dialog_set_default_response (dialog, response);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  va_start (rows, first_row);
  for (GtkWidget *row = first_row; row != NULL; row = va_arg (rows, GtkWidget *))
    gtk_list_box_append (GTK_LIST_BOX (list), row);
  va_end (rows);

  adw_message_dialog_set_extra_child (dialog, list);

  return dialog;
}
