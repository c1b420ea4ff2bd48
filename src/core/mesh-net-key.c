/* mesh-net-key.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-net-key-private.h"

G_DEFINE_FINAL_TYPE (MeshNetKey, mesh_net_key, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_NAME,
  PROP_PHASE,
  PROP_MIN_SECURITY,
  PROP_TIMESTAMP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

MeshNetKey *
mesh_net_key_clone (MeshNetKey *self)
{
  MeshNetKey *copy = mesh_net_key_new (self->index, self->name);

  copy->id = self->id;
  copy->phase = self->phase;
  copy->min_security = self->min_security;
  copy->timestamp = g_strdup (self->timestamp);

  return copy;
}

MeshNetKey *
mesh_net_key_new (guint       index,
                  const char *name)
{
  g_return_val_if_fail (index <= 0xFFF, NULL);

  return g_object_new (MESH_TYPE_NET_KEY,
                       "index", index,
                       "name", name,
                       NULL);
}

MeshNetwork *
mesh_net_key_get_network (MeshNetKey *self)
{
  g_return_val_if_fail (MESH_IS_NET_KEY (self), NULL);

  return self->network;
}

guint
mesh_net_key_get_index (MeshNetKey *self)
{
  g_return_val_if_fail (MESH_IS_NET_KEY (self), 0);

  return self->index;
}

void
mesh_net_key_set_index (MeshNetKey *self,
                        guint       index)
{
  g_return_if_fail (MESH_IS_NET_KEY (self));
  g_return_if_fail (index <= 0xFFF);

  if (self->index == index)
    return;

  self->index = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

const char *
mesh_net_key_get_name (MeshNetKey *self)
{
  g_return_val_if_fail (MESH_IS_NET_KEY (self), NULL);

  return self->name;
}

void
mesh_net_key_set_name (MeshNetKey *self,
                       const char *name)
{
  g_return_if_fail (MESH_IS_NET_KEY (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

MeshKeyRefreshPhase
mesh_net_key_get_phase (MeshNetKey *self)
{
  g_return_val_if_fail (MESH_IS_NET_KEY (self), 0);

  return self->phase;
}

void
mesh_net_key_set_phase (MeshNetKey          *self,
                        MeshKeyRefreshPhase  phase)
{
  g_return_if_fail (MESH_IS_NET_KEY (self));
  g_return_if_fail (phase <= MESH_KEY_REFRESH_PHASE_2);

  if (self->phase == phase)
    return;

  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

MeshSecurity
mesh_net_key_get_min_security (MeshNetKey *self)
{
  g_return_val_if_fail (MESH_IS_NET_KEY (self), 0);

  return self->min_security;
}

void
mesh_net_key_set_min_security (MeshNetKey   *self,
                               MeshSecurity  security)
{
  g_return_if_fail (MESH_IS_NET_KEY (self));
  g_return_if_fail (security <= MESH_SECURITY_SECURE);

  if (self->min_security == security)
    return;

  self->min_security = security;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_SECURITY]);
}

const char *
mesh_net_key_get_timestamp (MeshNetKey *self)
{
  g_return_val_if_fail (MESH_IS_NET_KEY (self), NULL);

  return self->timestamp;
}

void
mesh_net_key_set_timestamp (MeshNetKey *self,
                            const char *timestamp)
{
  g_return_if_fail (MESH_IS_NET_KEY (self));

  if (g_strcmp0 (self->timestamp, timestamp) == 0)
    return;

  g_free (self->timestamp);
  self->timestamp = g_strdup (timestamp);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMESTAMP]);
}

static void
mesh_net_key_finalize (GObject *object)
{
  MeshNetKey *self = (MeshNetKey *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->timestamp, g_free);

  G_OBJECT_CLASS (mesh_net_key_parent_class)->finalize (object);
}

static void
mesh_net_key_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MeshNetKey *self = MESH_NET_KEY (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;
    case PROP_MIN_SECURITY:
      g_value_set_enum (value, self->min_security);
      break;
    case PROP_TIMESTAMP:
      g_value_set_string (value, self->timestamp);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_net_key_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MeshNetKey *self = MESH_NET_KEY (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      mesh_net_key_set_index (self, g_value_get_uint (value));
      break;
    case PROP_NAME:
      mesh_net_key_set_name (self, g_value_get_string (value));
      break;
    case PROP_PHASE:
      mesh_net_key_set_phase (self, g_value_get_enum (value));
      break;
    case PROP_MIN_SECURITY:
      mesh_net_key_set_min_security (self, g_value_get_enum (value));
      break;
    case PROP_TIMESTAMP:
      mesh_net_key_set_timestamp (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_net_key_class_init (MeshNetKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_net_key_finalize;
  object_class->get_property = mesh_net_key_get_property;
  object_class->set_property = mesh_net_key_set_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, 0xFFF, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL, MESH_TYPE_KEY_REFRESH_PHASE, MESH_KEY_REFRESH_PHASE_NORMAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_SECURITY] =
    g_param_spec_enum ("min-security", NULL, NULL, MESH_TYPE_SECURITY, MESH_SECURITY_SECURE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMESTAMP] =
    g_param_spec_string ("timestamp", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_net_key_init (MeshNetKey *self)
{
  self->name = g_strdup ("");
  self->min_security = MESH_SECURITY_SECURE;
}
