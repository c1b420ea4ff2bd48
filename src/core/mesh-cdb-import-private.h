/* mesh-cdb-import-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-cdb-import.h"
#include "mesh-cdb-import-result-private.h"
#include "mesh-cdb-private.h"
#include "mesh-keyring.h"
#include "mesh-network.h"
#include "mesh-node.h"
#include "mesh-store-batch.h"

G_BEGIN_DECLS

/*
 * What the files of the import share:
 *
 *   mesh-cdb-import.c        the steps, saving, rolling back, the public API
 *   mesh-cdb-import-build.c  the model objects of a CDB document
 *   mesh-cdb-import-merge.c  comparing the file with a network of ours
 */

typedef struct
{
  MeshStore           *store;
  GFile               *file;
  MeshCdbDocument     *doc;          /* dropped once the objects are built */
  gboolean             read;         /* the file could be read */
  MeshCdbProgress     *progress;
  MeshCdbImportResult *result;
  char                *uuid;         /* the network's, canonical */
  MeshNetwork         *network;
  gboolean             merge;
  GPtrArray           *objects;      /* to add, in an order the database accepts */
  GArray              *exclusions;   /* MeshExclusion to add */
  GPtrArray           *secrets;      /* MeshSecret to store */
  GHashTable          *net_key_values;  /* merge: index → GBytes of the network */
  GHashTable          *app_key_values;
  MeshStoreBatch      *batch;
  guint                next;         /* the next object to add to the batch */
  guint                rollback_next;
  GError              *error;        /* kept while rolling back */
  guint                steps_left;   /* of storing the secrets and building the objects */
  GError              *step_error;   /* the first of theirs */
} Import;

/* mesh-cdb-import.c */
void mesh_cdb_import_report (Import     *import,
                             double      fraction,
                             const char *text);

char *mesh_cdb_import_uuid_to_string (const guint8 *uuid);

const char *mesh_cdb_import_node_label (const MeshCdbNode *node,
                                        char              *buffer);

char *mesh_cdb_import_format_addresses (guint first,
                                        guint count);

void mesh_cdb_import_add_secret (Import         *import,
                                 MeshSecretKind  kind,
                                 guint           index,
                                 const guint8   *value);

void mesh_cdb_import_store_secrets (GTask *task);

/* mesh-cdb-import-build.c */
void mesh_cdb_import_to_destination (const MeshCdbAddress *address,
                                     MeshDestination      *destination);

MeshNode *mesh_cdb_import_build_node (const MeshCdbNode *n);

void mesh_cdb_import_add_device_key (Import            *import,
                                     const MeshCdbNode *n);

void mesh_cdb_import_add_net_key (Import              *import,
                                  const MeshCdbNetKey *k);

void mesh_cdb_import_add_net_key_values (Import              *import,
                                         const MeshCdbNetKey *k);

void mesh_cdb_import_add_app_key (Import              *import,
                                  const MeshCdbAppKey *k);

void mesh_cdb_import_add_app_key_values (Import              *import,
                                         const MeshCdbAppKey *k);

MeshProvisioner *mesh_cdb_import_build_provisioner (const MeshCdbProvisioner *p);

MeshGroup *mesh_cdb_import_build_group (const MeshCdbGroup *g);

MeshScene *mesh_cdb_import_build_scene (const MeshCdbScene *s);

GPtrArray *mesh_cdb_import_groups_parents_first (MeshCdbDocument *doc);

void mesh_cdb_import_add_exclusions (Import  *import,
                                     gboolean merge);

void mesh_cdb_import_collect_secrets (Import *import);

void mesh_cdb_import_build_new_thread (GTask        *task,
                                       gpointer      source_object,
                                       gpointer      task_data,
                                       GCancellable *cancellable);

/* mesh-cdb-import-merge.c */
void mesh_cdb_import_merge (GTask *task);

void mesh_cdb_import_network_loaded_cb (GObject      *object,
                                        GAsyncResult *result,
                                        gpointer      user_data);

G_END_DECLS
