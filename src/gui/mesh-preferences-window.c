/* mesh-preferences-window.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-preferences-window.h"

struct _MeshPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkAdjustment        *request_timeout;
  GtkAdjustment        *request_retries;
  GtkAdjustment        *parallel_requests;
  GtkAdjustment        *device_timeout;
};

G_DEFINE_FINAL_TYPE (MeshPreferencesWindow, mesh_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mesh_preferences_window_constructed (GObject *object)
{
  MeshPreferencesWindow *self = MESH_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (mesh_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "request-timeout",
                   self->request_timeout, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "request-retries",
                   self->request_retries, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "parallel-requests",
                   self->parallel_requests, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "device-timeout",
                   self->device_timeout, "value", G_SETTINGS_BIND_DEFAULT);
}

static void
mesh_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  MeshPreferencesWindow *self = MESH_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_preferences_window_dispose (GObject *object)
{
  MeshPreferencesWindow *self = MESH_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mesh_preferences_window_parent_class)->dispose (object);
}

MeshPreferencesWindow *
mesh_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MESH_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

static void
mesh_preferences_window_class_init (MeshPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mesh_preferences_window_constructed;
  object_class->dispose = mesh_preferences_window_dispose;
  object_class->set_property = mesh_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshPreferencesWindow, request_timeout);
  gtk_widget_class_bind_template_child (widget_class, MeshPreferencesWindow, request_retries);
  gtk_widget_class_bind_template_child (widget_class, MeshPreferencesWindow, parallel_requests);
  gtk_widget_class_bind_template_child (widget_class, MeshPreferencesWindow, device_timeout);
}

static void
mesh_preferences_window_init (MeshPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
