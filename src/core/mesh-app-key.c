/* mesh-app-key.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-app-key-private.h"

G_DEFINE_FINAL_TYPE (MeshAppKey, mesh_app_key, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_BOUND_NET_KEY,
  PROP_NAME,
  PROP_TIMESTAMP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

MeshAppKey *
mesh_app_key_clone (MeshAppKey *self)
{
  MeshAppKey *copy = mesh_app_key_new (self->index, self->bound_net_key, self->name);

  copy->id = self->id;
  copy->timestamp = g_strdup (self->timestamp);

  return copy;
}

MeshAppKey *
mesh_app_key_new (guint       index,
                  guint       bound_net_key,
                  const char *name)
{
  g_return_val_if_fail (index <= 0xFFF, NULL);
  g_return_val_if_fail (bound_net_key <= 0xFFF, NULL);

  return g_object_new (MESH_TYPE_APP_KEY,
                       "index", index,
                       "bound-net-key", bound_net_key,
                       "name", name,
                       NULL);
}

MeshNetwork *
mesh_app_key_get_network (MeshAppKey *self)
{
  g_return_val_if_fail (MESH_IS_APP_KEY (self), NULL);

  return self->network;
}

guint
mesh_app_key_get_index (MeshAppKey *self)
{
  g_return_val_if_fail (MESH_IS_APP_KEY (self), 0);

  return self->index;
}

void
mesh_app_key_set_index (MeshAppKey *self,
                        guint       index)
{
  g_return_if_fail (MESH_IS_APP_KEY (self));
  g_return_if_fail (index <= 0xFFF);

  if (self->index == index)
    return;

  self->index = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

guint
mesh_app_key_get_bound_net_key (MeshAppKey *self)
{
  g_return_val_if_fail (MESH_IS_APP_KEY (self), 0);

  return self->bound_net_key;
}

void
mesh_app_key_set_bound_net_key (MeshAppKey *self,
                                guint       net_key_index)
{
  g_return_if_fail (MESH_IS_APP_KEY (self));
  g_return_if_fail (net_key_index <= 0xFFF);

  if (self->bound_net_key == net_key_index)
    return;

  self->bound_net_key = net_key_index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOUND_NET_KEY]);
}

const char *
mesh_app_key_get_name (MeshAppKey *self)
{
  g_return_val_if_fail (MESH_IS_APP_KEY (self), NULL);

  return self->name;
}

void
mesh_app_key_set_name (MeshAppKey *self,
                       const char *name)
{
  g_return_if_fail (MESH_IS_APP_KEY (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
mesh_app_key_get_timestamp (MeshAppKey *self)
{
  g_return_val_if_fail (MESH_IS_APP_KEY (self), NULL);

  return self->timestamp;
}

void
mesh_app_key_set_timestamp (MeshAppKey *self,
                            const char *timestamp)
{
  g_return_if_fail (MESH_IS_APP_KEY (self));

  if (g_strcmp0 (self->timestamp, timestamp) == 0)
    return;

  g_free (self->timestamp);
  self->timestamp = g_strdup (timestamp);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMESTAMP]);
}

static void
mesh_app_key_finalize (GObject *object)
{
  MeshAppKey *self = (MeshAppKey *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->timestamp, g_free);

  G_OBJECT_CLASS (mesh_app_key_parent_class)->finalize (object);
}

static void
mesh_app_key_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MeshAppKey *self = MESH_APP_KEY (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_BOUND_NET_KEY:
      g_value_set_uint (value, self->bound_net_key);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TIMESTAMP:
      g_value_set_string (value, self->timestamp);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_app_key_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MeshAppKey *self = MESH_APP_KEY (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      mesh_app_key_set_index (self, g_value_get_uint (value));
      break;
    case PROP_BOUND_NET_KEY:
      mesh_app_key_set_bound_net_key (self, g_value_get_uint (value));
      break;
    case PROP_NAME:
      mesh_app_key_set_name (self, g_value_get_string (value));
      break;
    case PROP_TIMESTAMP:
      mesh_app_key_set_timestamp (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_app_key_class_init (MeshAppKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_app_key_finalize;
  object_class->get_property = mesh_app_key_get_property;
  object_class->set_property = mesh_app_key_set_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, 0xFFF, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BOUND_NET_KEY] =
    g_param_spec_uint ("bound-net-key", NULL, NULL, 0, 0xFFF, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMESTAMP] =
    g_param_spec_string ("timestamp", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_app_key_init (MeshAppKey *self)
{
  self->name = g_strdup ("");
}
