/* mesh-core-test-utils.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* For the core's async calls in tests: pass mesh_core_test_result_cb with
 * &result, then mesh_core_test_wait (&result) iterates the main context
 * until the call has finished and returns its result (owned). */
void          mesh_core_test_result_cb   (GObject        *object,
                                          GAsyncResult   *result,
                                          gpointer        user_data);
GAsyncResult *mesh_core_test_wait        (GAsyncResult  **result);

/* A new file name in a fresh temporary directory. */
char         *mesh_core_test_temp_path   (const char     *file_name);

/* Counts items-changed of a GListModel. */
typedef struct
{
  guint emissions;
  guint added;
  guint removed;
  guint last_position;
} MeshItemsChangedCount;

gulong        mesh_core_test_count_items_changed (GListModel            *model,
                                                  MeshItemsChangedCount *count);

G_END_DECLS
