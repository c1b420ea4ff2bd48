/* test-store-util.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-store.h"
#include "mesh-store-batch.h"

G_BEGIN_DECLS

/* Helpers of the store's tests (test-store*.c, and the CDB import's
 * test-cdb-import.c and test-cdb-merge.c): the store's async calls made
 * synchronous. Each asserts that its call succeeded, except
 * store_test_commit, which returns the outcome. */

#define NETWORK_UUID "5f3a0b7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"

/* A virtual address's label. */
extern const guint8 store_test_label_a[16];

/* A store opened on a new file, closed at the end. */
typedef struct
{
  char      *path;
  MeshStore *store;
} StoreFixture;

typedef void (*StoreTestFunc) (StoreFixture  *f,
                               gconstpointer  data);

/* Adds the test /store/@name, run in a StoreFixture. */
void         store_test_add_case             (const char       *name,
                                              StoreTestFunc     func);
/* Adds the test @path (a full test path), run in a StoreFixture. */
void         store_test_add_path             (const char       *path,
                                              StoreTestFunc     func);
MeshStore   *store_test_open                 (const char       *path);
void         store_test_close                (MeshStore       **store);
void         store_test_reopen               (StoreFixture     *f);

gboolean     store_test_commit               (MeshStoreBatch   *batch,
                                              GError          **error);
void         store_test_add                  (MeshStore        *store,
                                              MeshNetwork      *network,
                                              gpointer          object);
void         store_test_update               (MeshStore        *store,
                                              gpointer          object);
void         store_test_remove               (MeshStore        *store,
                                              gpointer          object);
/* Loads the network @uuid, which must be in the store's list. */
MeshNetwork *store_test_load_network         (MeshStore        *store,
                                              const char       *uuid);
void         store_test_load_elements        (MeshStore        *store,
                                              MeshNetwork      *network,
                                              MeshNode         *node);
/* Adds the network NETWORK_UUID, "Home"; the store's list keeps it. */
MeshNetwork *store_test_add_network          (MeshStore        *store);
/* The rows of @table, read through a connection of its own. */
gint64       store_test_count_rows           (const char       *path,
                                              const char       *table);

/* A node with every field set to a value other than its default, and the
 * checks that a node read back has them all. */
MeshNode    *store_test_make_full_node       (void);
void         store_test_assert_full_node     (MeshNode         *node);
void         store_test_assert_full_elements (MeshNode         *node);

G_END_DECLS
