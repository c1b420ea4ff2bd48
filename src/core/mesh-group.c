/* mesh-group.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-group-private.h"

G_DEFINE_FINAL_TYPE (MeshGroup, mesh_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ADDRESS,
  PROP_NAME,
  PROP_PARENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

MeshGroup *
mesh_group_clone (MeshGroup *self)
{
  MeshGroup *copy = mesh_group_new (&self->address, self->name);

  copy->id = self->id;
  copy->parent = self->parent;

  return copy;
}

MeshGroup *
mesh_group_new (const MeshDestination *address,
                const char            *name)
{
  g_return_val_if_fail (address != NULL, NULL);

  return g_object_new (MESH_TYPE_GROUP,
                       "address", address,
                       "name", name,
                       NULL);
}

MeshNetwork *
mesh_group_get_network (MeshGroup *self)
{
  g_return_val_if_fail (MESH_IS_GROUP (self), NULL);

  return self->network;
}

const MeshDestination *
mesh_group_get_address (MeshGroup *self)
{
  g_return_val_if_fail (MESH_IS_GROUP (self), NULL);

  return &self->address;
}

void
mesh_group_set_address (MeshGroup             *self,
                        const MeshDestination *address)
{
  g_return_if_fail (MESH_IS_GROUP (self));
  g_return_if_fail (address != NULL);

  if (mesh_destination_equal (&self->address, address) &&
      self->address.address == address->address)
    return;

  self->address = *address;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

const char *
mesh_group_get_name (MeshGroup *self)
{
  g_return_val_if_fail (MESH_IS_GROUP (self), NULL);

  return self->name;
}

void
mesh_group_set_name (MeshGroup  *self,
                     const char *name)
{
  g_return_if_fail (MESH_IS_GROUP (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const MeshDestination *
mesh_group_get_parent (MeshGroup *self)
{
  g_return_val_if_fail (MESH_IS_GROUP (self), NULL);

  return &self->parent;
}

void
mesh_group_set_parent (MeshGroup             *self,
                       const MeshDestination *parent)
{
  MeshDestination none = { 0 };

  g_return_if_fail (MESH_IS_GROUP (self));

  if (parent == NULL)
    parent = &none;

  if (mesh_destination_equal (&self->parent, parent) &&
      self->parent.address == parent->address)
    return;

  self->parent = *parent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT]);
}

gboolean
mesh_group_has_parent (MeshGroup *self)
{
  g_return_val_if_fail (MESH_IS_GROUP (self), FALSE);

  return self->parent.has_label || self->parent.address != 0;
}

static void
mesh_group_finalize (GObject *object)
{
  MeshGroup *self = (MeshGroup *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (mesh_group_parent_class)->finalize (object);
}

static void
mesh_group_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MeshGroup *self = MESH_GROUP (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_boxed (value, &self->address);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PARENT:
      g_value_set_boxed (value, &self->parent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_group_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MeshGroup *self = MESH_GROUP (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      if (g_value_get_boxed (value) != NULL)
        mesh_group_set_address (self, g_value_get_boxed (value));
      break;
    case PROP_NAME:
      mesh_group_set_name (self, g_value_get_string (value));
      break;
    case PROP_PARENT:
      mesh_group_set_parent (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_group_class_init (MeshGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_group_finalize;
  object_class->get_property = mesh_group_get_property;
  object_class->set_property = mesh_group_set_property;

  properties[PROP_ADDRESS] =
    g_param_spec_boxed ("address", NULL, NULL, MESH_TYPE_DESTINATION,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARENT] =
    g_param_spec_boxed ("parent", NULL, NULL, MESH_TYPE_DESTINATION,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_group_init (MeshGroup *self)
{
  self->name = g_strdup ("");
}
