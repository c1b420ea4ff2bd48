/* mesh-application.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-application.h"
#include "mesh-preferences-window.h"
#include "mesh-session.h"
#include "mesh-store.h"
#include "mesh-window.h"

struct _MeshApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;

  /* The session on the network database, which is opened (with its first
   * network loaded) from startup on, so that the worker reads it while the
   * window is built. */
  GCancellable   *cancellable;
  MeshSession    *session;
  GError         *store_error;
};

G_DEFINE_FINAL_TYPE (MeshApplication, mesh_application, ADW_TYPE_APPLICATION)

/* Every accelerator of the application. The shortcuts window lists each of
 * them; tests/test-window.c checks that it does. */
static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit",               { "<Control>q", NULL } },
  { "app.preferences",        { "<Control>comma", NULL } },
  { "win.create-network",     { "<Control>n", NULL } },
  { "win.import-network",     { "<Control>o", NULL } },
  { "win.export-network",     { "<Control>e", NULL } },
  { "win.reconnect",          { "F5", NULL } },
  { "win.show-help-overlay",  { "<Control>question", NULL } },
  { "win.search",             { "<Control>f", NULL } },
  { "win.go-back",            { "<Alt>Left", NULL } },
  { "win.show-section::devices",      { "<Alt>1", NULL } },
  { "win.show-section::nodes",        { "<Alt>2", NULL } },
  { "win.show-section::groups",       { "<Alt>3", NULL } },
  { "win.show-section::scenes",       { "<Alt>4", NULL } },
  { "win.show-section::keys",         { "<Alt>5", NULL } },
  { "win.show-section::provisioners", { "<Alt>6", NULL } },
  { "window.close",           { "<Control>w", NULL } },
};

static void
mesh_application_quit_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  MeshApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows lets each save its state before we quit. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
mesh_application_about_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  MeshApplication *self = user_data;
  static const char *developers[] = { "The Mesh Provisioner authors", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        /* The icon of the stable ID is in the resources, so it shows
                         * also when the app runs from the build tree. */
                        "application-icon", "io.github.meshprovisioner.MeshProvisioner",
                        "application-name", _("Mesh Provisioner"),
                        "developer-name", _("The Mesh Provisioner authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Provision and configure Bluetooth mesh networks"),
                        "website", "https://github.com/meshprovisioner/mesh-provisioner",
                        "issue-url", "https://github.com/meshprovisioner/mesh-provisioner/issues",
                        "developers", developers,
                        "copyright", "© 2026 The Mesh Provisioner authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static void
mesh_application_preferences_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  MeshApplication *self = user_data;
  MeshPreferencesWindow *prefs;

  prefs = mesh_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (prefs),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (prefs));
}

static const GActionEntry app_actions[] = {
  { "quit", mesh_application_quit_action },
  { "about", mesh_application_about_action },
  { "preferences", mesh_application_preferences_action },
};

/* Shows the database in @window: its first network (one network per
 * window for now) or the welcome page, why it could not be opened, or that
 * it is still being opened. */
static void
show_store (MeshApplication *self,
            MeshWindow      *window)
{
  if (self->session != NULL)
    mesh_window_set_session (window, self->session);
  else if (self->store_error != NULL)
    mesh_window_show_error (window, self->store_error);
  else
    mesh_window_show_loading (window);
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MeshApplication) self = user_data;
  g_autoptr(MeshStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = mesh_store_open_finish (result, &error);
  if (store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->store_error = g_steal_pointer (&error);
    }
  else
    {
      /* The session talks to bluetooth-meshd for the windows. */
      self->session = mesh_session_new (store);
    }

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (MESH_IS_WINDOW (l->data))
        show_store (self, l->data);
    }
}

static void
mesh_application_activate (GApplication *app)
{
  MeshApplication *self = MESH_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = GTK_WINDOW (mesh_window_new (self));
      show_store (self, MESH_WINDOW (window));
    }

  gtk_window_present (window);
}

static void
mesh_application_startup (GApplication *app)
{
  MeshApplication *self = MESH_APPLICATION (app);
  g_autofree char *path = mesh_store_get_default_path ();

  /* First, so that the database worker opens and loads the network while
   * this thread sets up GTK and builds the window. */
  self->cancellable = g_cancellable_new ();
  mesh_store_open_with_network_async (path, self->cancellable, store_opened_cb, g_object_ref (self));

  G_APPLICATION_CLASS (mesh_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}

static void
mesh_application_dispose (GObject *object)
{
  MeshApplication *self = MESH_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_error (&self->store_error);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mesh_application_parent_class)->dispose (object);
}

MeshApplication *
mesh_application_new (void)
{
  return g_object_new (MESH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       /* The .Devel build shares the resources of the stable one. */
                       "resource-base-path", RESOURCE_BASE_PATH,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * mesh_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
mesh_application_get_settings (MeshApplication *self)
{
  g_return_val_if_fail (MESH_IS_APPLICATION (self), NULL);

  return self->settings;
}

static void
mesh_application_class_init (MeshApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mesh_application_dispose;

  app_class->activate = mesh_application_activate;
  app_class->startup = mesh_application_startup;
}

static void
mesh_application_init (MeshApplication *self)
{
  /* The schema ID stays the same for the .Devel profile. */
  self->settings = g_settings_new ("io.github.meshprovisioner.MeshProvisioner");
}
