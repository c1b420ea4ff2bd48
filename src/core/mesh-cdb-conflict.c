/* mesh-cdb-conflict.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-cdb-conflict.h"

/*
 * One difference a merge found between an imported file and the network:
 * "fatal" ones (the same address for two nodes, two values of one key…)
 * stop the import, which then changes nothing; the others are resolved by
 * keeping what the network has, and are shown to the user as such. The
 * message is a sentence for the user.
 */

struct _MeshCdbConflict
{
  GObject              parent_instance;

  MeshCdbConflictKind  kind;
  gboolean             fatal;
  char                *message;
};

G_DEFINE_FINAL_TYPE (MeshCdbConflict, mesh_cdb_conflict, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_FATAL,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
mesh_cdb_conflict_kind_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { MESH_CDB_CONFLICT_NETWORK, "MESH_CDB_CONFLICT_NETWORK", "network" },
        { MESH_CDB_CONFLICT_NET_KEY, "MESH_CDB_CONFLICT_NET_KEY", "net-key" },
        { MESH_CDB_CONFLICT_APP_KEY, "MESH_CDB_CONFLICT_APP_KEY", "app-key" },
        { MESH_CDB_CONFLICT_PROVISIONER, "MESH_CDB_CONFLICT_PROVISIONER", "provisioner" },
        { MESH_CDB_CONFLICT_NODE, "MESH_CDB_CONFLICT_NODE", "node" },
        { MESH_CDB_CONFLICT_GROUP, "MESH_CDB_CONFLICT_GROUP", "group" },
        { MESH_CDB_CONFLICT_SCENE, "MESH_CDB_CONFLICT_SCENE", "scene" },
        { 0, NULL, NULL },
      };

      g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("MeshCdbConflictKind"), values));
    }
  return type;
}

MeshCdbConflict *
mesh_cdb_conflict_new (MeshCdbConflictKind  kind,
                       gboolean             fatal,
                       const char          *message)
{
  return g_object_new (MESH_TYPE_CDB_CONFLICT,
                       "kind", kind,
                       "fatal", fatal,
                       "message", message,
                       NULL);
}

MeshCdbConflictKind
mesh_cdb_conflict_get_kind (MeshCdbConflict *self)
{
  g_return_val_if_fail (MESH_IS_CDB_CONFLICT (self), MESH_CDB_CONFLICT_NETWORK);

  return self->kind;
}

gboolean
mesh_cdb_conflict_get_fatal (MeshCdbConflict *self)
{
  g_return_val_if_fail (MESH_IS_CDB_CONFLICT (self), FALSE);

  return self->fatal;
}

const char *
mesh_cdb_conflict_get_message (MeshCdbConflict *self)
{
  g_return_val_if_fail (MESH_IS_CDB_CONFLICT (self), NULL);

  return self->message;
}

static void
mesh_cdb_conflict_finalize (GObject *object)
{
  MeshCdbConflict *self = MESH_CDB_CONFLICT (object);

  g_free (self->message);

  G_OBJECT_CLASS (mesh_cdb_conflict_parent_class)->finalize (object);
}

static void
mesh_cdb_conflict_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MeshCdbConflict *self = MESH_CDB_CONFLICT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_FATAL:
      g_value_set_boolean (value, self->fatal);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_cdb_conflict_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MeshCdbConflict *self = MESH_CDB_CONFLICT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_FATAL:
      self->fatal = g_value_get_boolean (value);
      break;
    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_cdb_conflict_class_init (MeshCdbConflictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mesh_cdb_conflict_finalize;
  object_class->get_property = mesh_cdb_conflict_get_property;
  object_class->set_property = mesh_cdb_conflict_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       MESH_TYPE_CDB_CONFLICT_KIND, MESH_CDB_CONFLICT_NETWORK, flags);
  properties[PROP_FATAL] =
    g_param_spec_boolean ("fatal", NULL, NULL, FALSE, flags);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_cdb_conflict_init (MeshCdbConflict *self)
{
}
