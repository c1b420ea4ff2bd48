/* mesh-rename-popover.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-rename-popover.h"

struct _MeshRenamePopover
{
  GtkPopover  parent_instance;

  char       *text;

  /* Template widgets */
  GtkLabel   *title_label;
  GtkEntry   *entry;
  GtkButton  *rename_button;
};

G_DEFINE_FINAL_TYPE (MeshRenamePopover, mesh_rename_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_TITLE,
  N_PROPS
};

enum {
  RENAME,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
get_new_name (MeshRenamePopover *self)
{
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  g_strstrip (name);
  if (name[0] == '\0' || g_strcmp0 (name, self->text) == 0)
    return NULL;

  return g_steal_pointer (&name);
}

static void
entry_changed_cb (MeshRenamePopover *self)
{
  g_autofree char *name = get_new_name (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->rename_button), name != NULL);
}

static void
rename_cb (MeshRenamePopover *self)
{
  g_autofree char *name = get_new_name (self);

  if (name == NULL)
    return;

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[RENAME], 0, name);
}

static void
mesh_rename_popover_show (GtkWidget *widget)
{
  MeshRenamePopover *self = MESH_RENAME_POPOVER (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->entry), self->text != NULL ? self->text : "");

  GTK_WIDGET_CLASS (mesh_rename_popover_parent_class)->show (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

GtkWidget *
mesh_rename_popover_new (void)
{
  return g_object_new (MESH_TYPE_RENAME_POPOVER, NULL);
}

const char *
mesh_rename_popover_get_text (MeshRenamePopover *self)
{
  g_return_val_if_fail (MESH_IS_RENAME_POPOVER (self), NULL);

  return self->text;
}

void
mesh_rename_popover_set_text (MeshRenamePopover *self,
                              const char        *text)
{
  g_return_if_fail (MESH_IS_RENAME_POPOVER (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
mesh_rename_popover_set_title (MeshRenamePopover *self,
                               const char        *title)
{
  g_return_if_fail (MESH_IS_RENAME_POPOVER (self));

  gtk_label_set_label (self->title_label, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
mesh_rename_popover_finalize (GObject *object)
{
  MeshRenamePopover *self = MESH_RENAME_POPOVER (object);

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (mesh_rename_popover_parent_class)->finalize (object);
}

static void
mesh_rename_popover_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MeshRenamePopover *self = MESH_RENAME_POPOVER (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (self->title_label));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_rename_popover_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MeshRenamePopover *self = MESH_RENAME_POPOVER (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      mesh_rename_popover_set_text (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      mesh_rename_popover_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_rename_popover_class_init (MeshRenamePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mesh_rename_popover_finalize;
  object_class->get_property = mesh_rename_popover_get_property;
  object_class->set_property = mesh_rename_popover_set_property;

  widget_class->show = mesh_rename_popover_show;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MeshRenamePopover::rename:
   * @name: the new name, without leading or trailing spaces
   */
  signals[RENAME] =
    g_signal_new ("rename",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-rename-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshRenamePopover, title_label);
  gtk_widget_class_bind_template_child (widget_class, MeshRenamePopover, entry);
  gtk_widget_class_bind_template_child (widget_class, MeshRenamePopover, rename_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_cb);
}

static void
mesh_rename_popover_init (MeshRenamePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
