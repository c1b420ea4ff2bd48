/* mesh-core-test-utils.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "mesh-core-test-utils.h"

void
mesh_core_test_result_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

GAsyncResult *
mesh_core_test_wait (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }

  return g_steal_pointer (result);
}

/* Inside the test's isolated directories (G_TEST_OPTION_ISOLATE_DIRS),
 * which GTest removes afterwards. */
char *
mesh_core_test_temp_path (const char *file_name)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "mesh-test-XXXXXX", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (dir));
  return g_build_filename (dir, file_name, NULL);
}

static void
items_changed_cb (GListModel            *model,
                  guint                  position,
                  guint                  removed,
                  guint                  added,
                  MeshItemsChangedCount *count)
{
  count->emissions++;
  count->added += added;
  count->removed += removed;
  count->last_position = position;
}

gulong
mesh_core_test_count_items_changed (GListModel            *model,
                                    MeshItemsChangedCount *count)
{
  return g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), count);
}
