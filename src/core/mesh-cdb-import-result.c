/* mesh-cdb-import-result.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-cdb-import-result-private.h"

/* The fields are set by the import before it hands the result out; after
 * that the object does not change, so it has no notifications. */

G_DEFINE_FINAL_TYPE (MeshCdbImportResult, mesh_cdb_import_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_MERGED,
  PROP_IMPORTED,
  PROP_CONFLICTS,
  PROP_N_FATAL,
  PROP_N_NODES_ADDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

MeshCdbImportResult *
mesh_cdb_import_result_new (void)
{
  return g_object_new (MESH_TYPE_CDB_IMPORT_RESULT, NULL);
}

void
mesh_cdb_import_result_add_conflict (MeshCdbImportResult *self,
                                     MeshCdbConflictKind  kind,
                                     gboolean             fatal,
                                     const char          *format,
                                     ...)
{
  g_autoptr(MeshCdbConflict) conflict = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  conflict = mesh_cdb_conflict_new (kind, fatal, message);
  g_list_store_append (self->conflicts, conflict);
  if (fatal)
    self->n_fatal++;
}

MeshNetwork *
mesh_cdb_import_result_get_network (MeshCdbImportResult *self)
{
  g_return_val_if_fail (MESH_IS_CDB_IMPORT_RESULT (self), NULL);

  return self->network;
}

gboolean
mesh_cdb_import_result_get_merged (MeshCdbImportResult *self)
{
  g_return_val_if_fail (MESH_IS_CDB_IMPORT_RESULT (self), FALSE);

  return self->merged;
}

/* FALSE when the import stopped (a fatal conflict, an error): then the
 * network is as it was. */
gboolean
mesh_cdb_import_result_get_imported (MeshCdbImportResult *self)
{
  g_return_val_if_fail (MESH_IS_CDB_IMPORT_RESULT (self), FALSE);

  return self->imported;
}

GListModel *
mesh_cdb_import_result_get_conflicts (MeshCdbImportResult *self)
{
  g_return_val_if_fail (MESH_IS_CDB_IMPORT_RESULT (self), NULL);

  return G_LIST_MODEL (self->conflicts);
}

guint
mesh_cdb_import_result_get_n_fatal (MeshCdbImportResult *self)
{
  g_return_val_if_fail (MESH_IS_CDB_IMPORT_RESULT (self), 0);

  return self->n_fatal;
}

guint
mesh_cdb_import_result_get_n_nodes_added (MeshCdbImportResult *self)
{
  g_return_val_if_fail (MESH_IS_CDB_IMPORT_RESULT (self), 0);

  return self->n_nodes_added;
}

guint
mesh_cdb_import_result_get_n_provisioners_added (MeshCdbImportResult *self)
{
  g_return_val_if_fail (MESH_IS_CDB_IMPORT_RESULT (self), 0);

  return self->n_provisioners_added;
}

guint
mesh_cdb_import_result_get_n_keys_added (MeshCdbImportResult *self)
{
  g_return_val_if_fail (MESH_IS_CDB_IMPORT_RESULT (self), 0);

  return self->n_keys_added;
}

guint
mesh_cdb_import_result_get_n_groups_added (MeshCdbImportResult *self)
{
  g_return_val_if_fail (MESH_IS_CDB_IMPORT_RESULT (self), 0);

  return self->n_groups_added;
}

guint
mesh_cdb_import_result_get_n_scenes_added (MeshCdbImportResult *self)
{
  g_return_val_if_fail (MESH_IS_CDB_IMPORT_RESULT (self), 0);

  return self->n_scenes_added;
}

static void
mesh_cdb_import_result_dispose (GObject *object)
{
  MeshCdbImportResult *self = MESH_CDB_IMPORT_RESULT (object);

  g_clear_object (&self->network);
  g_clear_object (&self->conflicts);

  G_OBJECT_CLASS (mesh_cdb_import_result_parent_class)->dispose (object);
}

static void
mesh_cdb_import_result_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MeshCdbImportResult *self = MESH_CDB_IMPORT_RESULT (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    case PROP_MERGED:
      g_value_set_boolean (value, self->merged);
      break;
    case PROP_IMPORTED:
      g_value_set_boolean (value, self->imported);
      break;
    case PROP_CONFLICTS:
      g_value_set_object (value, self->conflicts);
      break;
    case PROP_N_FATAL:
      g_value_set_uint (value, self->n_fatal);
      break;
    case PROP_N_NODES_ADDED:
      g_value_set_uint (value, self->n_nodes_added);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_cdb_import_result_class_init (MeshCdbImportResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mesh_cdb_import_result_dispose;
  object_class->get_property = mesh_cdb_import_result_get_property;

  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, MESH_TYPE_NETWORK, flags);
  properties[PROP_MERGED] =
    g_param_spec_boolean ("merged", NULL, NULL, FALSE, flags);
  properties[PROP_IMPORTED] =
    g_param_spec_boolean ("imported", NULL, NULL, FALSE, flags);
  properties[PROP_CONFLICTS] =
    g_param_spec_object ("conflicts", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_N_FATAL] =
    g_param_spec_uint ("n-fatal", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_NODES_ADDED] =
    g_param_spec_uint ("n-nodes-added", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_cdb_import_result_init (MeshCdbImportResult *self)
{
  self->conflicts = g_list_store_new (MESH_TYPE_CDB_CONFLICT);
}
