/* mesh-test-utils.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mesh-test-network.h"
#include "mesh-test-utils.h"

/* GUI tests run under tests/session-run, which already gives each test
 * program a temporary HOME and XDG user directories. They do not use
 * G_TEST_OPTION_ISOLATE_DIRS: it also replaces the system data directories,
 * where GTK finds the icon theme and the MIME database it needs to load SVG
 * icons from resources. */
void
mesh_test_init_gui (int    *argc,
                    char ***argv)
{
  g_assert_nonnull (g_getenv ("MESH_SESSION_INNER"));

  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @condition holds or @timeout_ms pass. */
gboolean
mesh_test_wait_until (MeshTestCondition condition,
                      gpointer          user_data,
                      guint             timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);
  gboolean ok;

  while (!(ok = condition (user_data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return ok;
}

void
mesh_test_iterate (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  gboolean *painted = user_data;

  *painted = TRUE;
}

static gboolean
is_true (gpointer user_data)
{
  return *(gboolean *) user_data;
}

void
mesh_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;

  g_assert_true (mesh_test_wait_until ((MeshTestCondition) gtk_widget_get_mapped, widget, 5000));

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  g_assert_true (mesh_test_wait_until (is_true, &painted, 5000));
  g_signal_handler_disconnect (clock, id);
}

/* Returns the first visible toplevel of @type, or NULL. */
GtkWindow *
mesh_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* Depth-first search for a widget of @type (and widget name @name, if set). */
GtkWidget *
mesh_test_find_descendant (GtkWidget  *root,
                           GType       type,
                           const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mesh_test_find_descendant (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Test artifacts (screenshots) go to the build tree, where the isolated
 * directories of G_TEST_OPTION_ISOLATE_DIRS do not delete them. */
char *
mesh_test_artifact_path (const char *file_name)
{
  const char *dir = g_getenv ("MESH_TEST_ARTIFACTS");

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  return g_build_filename (dir, file_name, NULL);
}

/* Renders @widget as it is on screen and saves it as a PNG artifact. */
GdkTexture *
mesh_test_screenshot (GtkWidget  *widget,
                      const char *file_name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  GdkTexture *texture;
  int width;
  int height;

  mesh_test_wait_for_frame (widget);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  path = mesh_test_artifact_path (file_name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved screenshot %s", path);

  return texture;
}

char *
mesh_test_create_home_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mesh-gui-test-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  g_setenv ("MESH_PROVISIONER_DATA_DIR", dir, TRUE);
  path = g_build_filename (dir, "networks.db", NULL);
  mesh_test_network_create_home (path);

  return path;
}

static gboolean
nodes_shown (gpointer window)
{
  return mesh_window_get_network (window) != NULL &&
         mesh_network_get_loaded (mesh_window_get_network (window)) &&
         g_strcmp0 (mesh_window_get_visible_section (window), "nodes") == 0;
}

MeshWindow *
mesh_test_open_window (MeshApplication *app)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (MESH_IS_WINDOW (window));
  g_assert_true (mesh_test_wait_until (nodes_shown, window, 10000));
  mesh_test_wait_for_frame (GTK_WIDGET (window));

  return MESH_WINDOW (window);
}

GtkWidget *
mesh_test_find_label (GtkWidget  *root,
                      const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;

  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  if (GTK_IS_INSCRIPTION (root) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mesh_test_find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
mesh_test_find_button_for_action (GtkWidget  *root,
                                  const char *action_name)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mesh_test_find_button_for_action (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
mesh_test_has_label_containing (GtkWidget  *root,
                                const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return FALSE;

  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (mesh_test_has_label_containing (child, text))
        return TRUE;
    }

  return FALSE;
}

GtkWindow *
mesh_test_wait_for_toplevel (GType type)
{
  GtkWindow *window = NULL;

  for (guint i = 0; i < 100 && window == NULL; i++)
    {
      mesh_test_iterate (20);
      window = mesh_test_find_toplevel (type);
    }

  g_assert_nonnull (window);
  mesh_test_wait_for_frame (GTK_WIDGET (window));

  return window;
}

gboolean
mesh_test_has_toast (GtkWidget  *window,
                     const char *text)
{
  /* libadwaita 1.2 shows a toast as an AdwToastWidget in the overlay. */
  GType toast_type = g_type_from_name ("AdwToastWidget");
  GtkWidget *overlay = mesh_test_find_descendant (window, ADW_TYPE_TOAST_OVERLAY, NULL);

  g_assert_nonnull (overlay);
  g_assert_true (toast_type != 0);

  for (GtkWidget *child = gtk_widget_get_first_child (overlay);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, toast_type) && mesh_test_has_label_containing (child, text))
        return TRUE;
    }

  return FALSE;
}

MeshApplication *
mesh_test_application_new (void)
{
  g_autoptr(GError) error = NULL;
  MeshApplication *app = mesh_application_new ();

  /* Tests may run a second application in a subprocess (a second computer,
   * as it were) while the first one is still there. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  return app;
}

void
mesh_test_application_free (MeshApplication *app)
{
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
}
