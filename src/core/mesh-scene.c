/* mesh-scene.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-scene-private.h"

G_DEFINE_FINAL_TYPE (MeshScene, mesh_scene, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_NAME,
  PROP_ADDRESSES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

MeshScene *
mesh_scene_clone (MeshScene *self)
{
  MeshScene *copy = mesh_scene_new (self->number, self->name);

  copy->id = self->id;
  g_array_append_vals (copy->addresses, self->addresses->data, self->addresses->len);

  return copy;
}

MeshScene *
mesh_scene_new (guint16     number,
                const char *name)
{
  g_return_val_if_fail (number != 0, NULL);

  return g_object_new (MESH_TYPE_SCENE,
                       "number", number,
                       "name", name,
                       NULL);
}

MeshNetwork *
mesh_scene_get_network (MeshScene *self)
{
  g_return_val_if_fail (MESH_IS_SCENE (self), NULL);

  return self->network;
}

guint16
mesh_scene_get_number (MeshScene *self)
{
  g_return_val_if_fail (MESH_IS_SCENE (self), 0);

  return self->number;
}

void
mesh_scene_set_number (MeshScene *self,
                       guint16    number)
{
  g_return_if_fail (MESH_IS_SCENE (self));
  g_return_if_fail (number != 0);

  if (self->number == number)
    return;

  self->number = number;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}

const char *
mesh_scene_get_name (MeshScene *self)
{
  g_return_val_if_fail (MESH_IS_SCENE (self), NULL);

  return self->name;
}

void
mesh_scene_set_name (MeshScene  *self,
                     const char *name)
{
  g_return_if_fail (MESH_IS_SCENE (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const guint16 *
mesh_scene_get_addresses (MeshScene *self,
                          guint     *n_addresses)
{
  g_return_val_if_fail (MESH_IS_SCENE (self), NULL);
  g_return_val_if_fail (n_addresses != NULL, NULL);

  *n_addresses = self->addresses->len;
  return (const guint16 *) self->addresses->data;
}

void
mesh_scene_set_addresses (MeshScene     *self,
                          const guint16 *addresses,
                          guint          n_addresses)
{
  g_return_if_fail (MESH_IS_SCENE (self));
  g_return_if_fail (addresses != NULL || n_addresses == 0);

  g_array_set_size (self->addresses, 0);
  g_array_append_vals (self->addresses, addresses, n_addresses);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESSES]);
}

static int
find_address (MeshScene *self,
              guint16    address)
{
  for (guint i = 0; i < self->addresses->len; i++)
    if (g_array_index (self->addresses, guint16, i) == address)
      return (int) i;

  return -1;
}

gboolean
mesh_scene_add_address (MeshScene *self,
                        guint16    address)
{
  g_return_val_if_fail (MESH_IS_SCENE (self), FALSE);

  if (find_address (self, address) >= 0)
    return FALSE;

  g_array_append_val (self->addresses, address);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESSES]);
  return TRUE;
}

gboolean
mesh_scene_remove_address (MeshScene *self,
                           guint16    address)
{
  int i;

  g_return_val_if_fail (MESH_IS_SCENE (self), FALSE);

  i = find_address (self, address);
  if (i < 0)
    return FALSE;

  g_array_remove_index (self->addresses, i);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESSES]);
  return TRUE;
}

static void
mesh_scene_finalize (GObject *object)
{
  MeshScene *self = (MeshScene *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->addresses, g_array_unref);

  G_OBJECT_CLASS (mesh_scene_parent_class)->finalize (object);
}

static void
mesh_scene_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MeshScene *self = MESH_SCENE (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ADDRESSES:
      g_value_set_boxed (value, self->addresses);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_scene_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MeshScene *self = MESH_SCENE (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      mesh_scene_set_number (self, g_value_get_uint (value));
      break;
    case PROP_NAME:
      mesh_scene_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_scene_class_init (MeshSceneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_scene_finalize;
  object_class->get_property = mesh_scene_get_property;
  object_class->set_property = mesh_scene_set_property;

  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL, 1, 0xFFFF, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A GArray of guint16; set it with mesh_scene_set_addresses(). */
  properties[PROP_ADDRESSES] =
    g_param_spec_boxed ("addresses", NULL, NULL, G_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_scene_init (MeshScene *self)
{
  self->name = g_strdup ("");
  self->number = 1;
  self->addresses = g_array_new (FALSE, FALSE, sizeof (guint16));
}
