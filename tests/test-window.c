/* test-window.c: the application shell, driven through its actions.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-application.h"
#include "mesh-preferences-window.h"
#include "mesh-window.h"
#include "mesh-test-utils.h"

static const char *sections[] = {
  "devices", "nodes", "groups", "scenes", "keys", "provisioners",
};

static MeshApplication *app;

static gboolean
database_opened (gpointer window)
{
  const char *section = mesh_window_get_visible_section (window);

  return g_strcmp0 (section, "loading") != 0;
}

static MeshWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (app));
      window = gtk_application_get_active_window (GTK_APPLICATION (app));
    }

  g_assert_true (MESH_IS_WINDOW (window));
  /* The window opens the (empty) network database without waiting for it. */
  g_assert_true (mesh_test_wait_until (database_opened, window, 5000));
  g_assert_null (mesh_window_get_network (MESH_WINDOW (window)));
  mesh_test_wait_for_frame (GTK_WIDGET (window));

  return MESH_WINDOW (window);
}

static GtkWidget *
visible_page (MeshWindow *window)
{
  GtkStack *stack = GTK_STACK (mesh_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_STACK, NULL));

  return gtk_stack_get_visible_child (stack);
}

/* The status page a section shows while it has nothing to list. */
static AdwStatusPage *
visible_status_page (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (ADW_IS_STATUS_PAGE (widget))
    return ADW_STATUS_PAGE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *page = visible_status_page (child);

      if (page != NULL)
        return page;
    }

  return NULL;
}

static gboolean
page_has_button_for (GtkWidget  *widget,
                     const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return gtk_widget_get_visible (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (page_has_button_for (child, action_name))
      return TRUE;

  return FALSE;
}

static void
test_window_first_run (void)
{
  MeshWindow *window = get_window ();
  AdwStatusPage *page;

  g_assert_cmpstr (mesh_window_get_visible_section (window), ==, "welcome");
  page = ADW_STATUS_PAGE (visible_page (window));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Welcome to Mesh Provisioner");

  /* The first run offers both ways to get a network. */
  g_assert_true (page_has_button_for (GTK_WIDGET (page), "win.create-network"));
  g_assert_true (page_has_button_for (GTK_WIDGET (page), "win.import-network"));
}

static void
test_window_sections (void)
{
  MeshWindow *window = get_window ();
  GtkListBox *sidebar = GTK_LIST_BOX (mesh_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "sidebar"));
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *page;
      GtkListBoxRow *row;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section",
                                                 "s", sections[i]));
      mesh_test_wait_for_frame (GTK_WIDGET (window));

      g_assert_cmpstr (mesh_window_get_visible_section (window), ==, sections[i]);

      /* The sidebar follows the visible section. */
      row = gtk_list_box_get_selected_row (sidebar);
      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (row)), ==, sections[i]);

      /* Each section has an empty state that says what will be there. */
      page = GTK_WIDGET (visible_status_page (visible_page (window)));
      g_assert_nonnull (page);
      g_assert_cmpuint (strlen (adw_status_page_get_description (ADW_STATUS_PAGE (page))), >, 40);
      g_assert_false (g_hash_table_contains (titles, adw_status_page_get_title (ADW_STATUS_PAGE (page))));
      g_hash_table_add (titles, (gpointer) adw_status_page_get_title (ADW_STATUS_PAGE (page)));
    }

  /* Sections are also reachable by activating sidebar rows. */
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (sidebar, i);

      g_signal_emit_by_name (sidebar, "row-activated", row);
      g_assert_cmpstr (mesh_window_get_visible_section (window), ==,
                       gtk_widget_get_name (GTK_WIDGET (row)));
    }
  g_assert_null (gtk_list_box_get_row_at_index (sidebar, G_N_ELEMENTS (sections)));
}

static void
test_window_about (void)
{
  GtkWindow *about;

  get_window ();
  g_assert_null (mesh_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  mesh_test_iterate (50);

  about = mesh_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Mesh Provisioner");
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  mesh_test_wait_for_frame (GTK_WIDGET (about));
  gtk_window_destroy (about);
}

static void
collect_shortcut_actions (GtkWidget  *widget,
                          GHashTable *actions)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action_name = NULL;

      g_object_get (widget, "action-name", &action_name, NULL);
      if (action_name != NULL)
        g_hash_table_add (actions, g_steal_pointer (&action_name));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcut_actions (child, actions);
}

static void
test_window_shortcuts (void)
{
  MeshWindow *window = get_window ();
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) described = NULL;
  GtkWindow *overlay;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  mesh_test_iterate (50);

  overlay = mesh_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (overlay);
  mesh_test_wait_for_frame (GTK_WIDGET (overlay));

  /* Every accelerator the application sets is listed in the overlay. */
  collect_shortcut_actions (GTK_WIDGET (overlay), listed);
  described = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  g_assert_cmpuint (g_strv_length (described), >=, 10);
  for (guint i = 0; described[i] != NULL; i++)
    {
      if (!g_hash_table_contains (listed, described[i]))
        g_error ("The shortcuts window does not list %s", described[i]);
    }

  gtk_window_destroy (overlay);
}

static void
test_window_preferences (void)
{
  GSettings *settings;
  MeshPreferencesWindow *prefs;
  GtkSpinButton *spin;

  get_window ();
  settings = mesh_application_get_settings (app);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  mesh_test_iterate (50);
  prefs = MESH_PREFERENCES_WINDOW (mesh_test_find_toplevel (MESH_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);
  mesh_test_wait_for_frame (GTK_WIDGET (prefs));

  /* The spin buttons are bound to the settings, in both directions. */
  spin = GTK_SPIN_BUTTON (mesh_test_find_descendant (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, NULL));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==,
                   g_settings_get_int (settings, "request-timeout"));
  gtk_spin_button_set_value (spin, 25);
  g_assert_cmpint (g_settings_get_int (settings, "request-timeout"), ==, 25);
  g_settings_set_int (settings, "request-timeout", 7);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 7);

  gtk_window_destroy (GTK_WINDOW (prefs));
}

static gboolean
leaflet_unfolded (gpointer leaflet)
{
  return !adw_leaflet_get_folded (leaflet);
}

static void
test_window_narrow (void)
{
  MeshWindow *window = get_window ();
  GtkWidget *leaflet_widget = mesh_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL);
  AdwLeaflet *leaflet = ADW_LEAFLET (leaflet_widget);
  GtkWidget *stack = mesh_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_STACK, NULL);
  int width;
  int height;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  g_assert_true (mesh_test_wait_until ((MeshTestCondition) adw_leaflet_get_folded, leaflet, 5000));

  /* Folded, a section shows the content pane and Back returns to the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "keys"));
  g_assert_true (gtk_widget_is_ancestor (stack, adw_leaflet_get_visible_child (leaflet)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  g_assert_false (gtk_widget_is_ancestor (stack, adw_leaflet_get_visible_child (leaflet)));
  g_assert_nonnull (mesh_test_find_descendant (adw_leaflet_get_visible_child (leaflet),
                                               GTK_TYPE_LIST_BOX, NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (mesh_test_wait_until (leaflet_unfolded, leaflet, 5000));
}

static void
test_window_screenshot (void)
{
  MeshWindow *window = get_window ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colors = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree guchar *pixels = NULL;
  int width;
  int height;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  mesh_test_iterate (100);
  mesh_window_show_section (window, "welcome");
  mesh_test_iterate (300); /* let the crossfade finish */

  texture = mesh_test_screenshot (GTK_WIDGET (window), "main-window.png");
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (width, ==, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (height, ==, gtk_widget_get_height (GTK_WIDGET (window)));

  /* A real rendering has text and icons, hence many colours. */
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  for (int i = 0; i < width * height; i++)
    g_hash_table_add (colors, GUINT_TO_POINTER (((guint32 *) pixels)[i]));
  g_assert_cmpuint (g_hash_table_size (colors), >, 50);

  mesh_window_show_section (window, "nodes");
  mesh_test_iterate (300);
  g_clear_object (&texture);
  texture = mesh_test_screenshot (GTK_WIDGET (window), "empty-nodes.png");
}

static void
test_window_state_saved (void)
{
  MeshWindow *window = get_window ();
  GSettings *settings = mesh_application_get_settings (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  mesh_test_iterate (100);
  gtk_window_close (GTK_WINDOW (window));
  mesh_test_iterate (50);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* A new window opens at the saved size. */
  window = get_window ();
  {
    int width, height;
    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 640);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  mesh_test_init_gui (&argc, &argv);

  app = mesh_test_application_new ();

  g_test_add_func ("/window/first-run", test_window_first_run);
  g_test_add_func ("/window/sections", test_window_sections);
  g_test_add_func ("/window/about", test_window_about);
  g_test_add_func ("/window/shortcuts", test_window_shortcuts);
  g_test_add_func ("/window/preferences", test_window_preferences);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/window/screenshot", test_window_screenshot);
  g_test_add_func ("/window/state-saved", test_window_state_saved);

  ret = g_test_run ();

  mesh_test_application_free (app);

  return ret;
}
