/* mesh-model.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-model-private.h"

G_DEFINE_FINAL_TYPE (MeshModel, mesh_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL_ID,
  PROP_VENDOR,
  PROP_BINDINGS,
  PROP_SUBSCRIPTIONS,
  PROP_PUBLICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

MeshModel *
mesh_model_clone (MeshModel *self)
{
  MeshModel *copy = mesh_model_new (self->model_id, self->vendor);

  g_array_append_vals (copy->bindings, self->bindings->data, self->bindings->len);
  g_array_append_vals (copy->subscriptions, self->subscriptions->data, self->subscriptions->len);
  copy->publication = mesh_publication_copy (self->publication);

  return copy;
}

MeshModel *
mesh_model_new (guint32  model_id,
                gboolean vendor)
{
  g_return_val_if_fail (vendor || model_id <= 0xFFFF, NULL);

  return g_object_new (MESH_TYPE_MODEL,
                       "model-id", model_id,
                       "vendor", vendor,
                       NULL);
}

MeshElement *
mesh_model_get_element (MeshModel *self)
{
  g_return_val_if_fail (MESH_IS_MODEL (self), NULL);

  return self->element;
}

guint32
mesh_model_get_model_id (MeshModel *self)
{
  g_return_val_if_fail (MESH_IS_MODEL (self), 0);

  return self->model_id;
}

gboolean
mesh_model_get_vendor (MeshModel *self)
{
  g_return_val_if_fail (MESH_IS_MODEL (self), FALSE);

  return self->vendor;
}

guint16
mesh_model_get_company_id (MeshModel *self)
{
  g_return_val_if_fail (MESH_IS_MODEL (self), 0);
  g_return_val_if_fail (self->vendor, 0);

  return self->model_id >> 16;
}

const guint16 *
mesh_model_get_bindings (MeshModel *self,
                         guint     *n_bindings)
{
  g_return_val_if_fail (MESH_IS_MODEL (self), NULL);
  g_return_val_if_fail (n_bindings != NULL, NULL);

  *n_bindings = self->bindings->len;
  return (const guint16 *) self->bindings->data;
}

void
mesh_model_set_bindings (MeshModel     *self,
                         const guint16 *app_key_indexes,
                         guint          n_bindings)
{
  g_return_if_fail (MESH_IS_MODEL (self));
  g_return_if_fail (app_key_indexes != NULL || n_bindings == 0);

  g_array_set_size (self->bindings, 0);
  for (guint i = 0; i < n_bindings; i++)
    if (!mesh_model_has_binding (self, app_key_indexes[i]))
      g_array_append_val (self->bindings, app_key_indexes[i]);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BINDINGS]);
}

gboolean
mesh_model_has_binding (MeshModel *self,
                        guint16    app_key_index)
{
  g_return_val_if_fail (MESH_IS_MODEL (self), FALSE);

  for (guint i = 0; i < self->bindings->len; i++)
    if (g_array_index (self->bindings, guint16, i) == app_key_index)
      return TRUE;

  return FALSE;
}

gboolean
mesh_model_add_binding (MeshModel *self,
                        guint16    app_key_index)
{
  g_return_val_if_fail (MESH_IS_MODEL (self), FALSE);
  g_return_val_if_fail (app_key_index <= 0xFFF, FALSE);

  if (mesh_model_has_binding (self, app_key_index))
    return FALSE;

  g_array_append_val (self->bindings, app_key_index);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BINDINGS]);
  return TRUE;
}

gboolean
mesh_model_remove_binding (MeshModel *self,
                           guint16    app_key_index)
{
  g_return_val_if_fail (MESH_IS_MODEL (self), FALSE);

  for (guint i = 0; i < self->bindings->len; i++)
    if (g_array_index (self->bindings, guint16, i) == app_key_index)
      {
        g_array_remove_index (self->bindings, i);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BINDINGS]);
        return TRUE;
      }

  return FALSE;
}

const MeshDestination *
mesh_model_get_subscriptions (MeshModel *self,
                              guint     *n_subscriptions)
{
  g_return_val_if_fail (MESH_IS_MODEL (self), NULL);
  g_return_val_if_fail (n_subscriptions != NULL, NULL);

  *n_subscriptions = self->subscriptions->len;
  return (const MeshDestination *) self->subscriptions->data;
}

static int
find_subscription (MeshModel             *self,
                   const MeshDestination *address)
{
  for (guint i = 0; i < self->subscriptions->len; i++)
    if (mesh_destination_equal (&g_array_index (self->subscriptions, MeshDestination, i), address))
      return (int) i;

  return -1;
}

void
mesh_model_set_subscriptions (MeshModel             *self,
                              const MeshDestination *subscriptions,
                              guint                  n_subscriptions)
{
  g_return_if_fail (MESH_IS_MODEL (self));
  g_return_if_fail (subscriptions != NULL || n_subscriptions == 0);

  g_array_set_size (self->subscriptions, 0);
  for (guint i = 0; i < n_subscriptions; i++)
    if (find_subscription (self, &subscriptions[i]) < 0)
      g_array_append_val (self->subscriptions, subscriptions[i]);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBSCRIPTIONS]);
}

gboolean
mesh_model_add_subscription (MeshModel             *self,
                             const MeshDestination *address)
{
  g_return_val_if_fail (MESH_IS_MODEL (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (find_subscription (self, address) >= 0)
    return FALSE;

  g_array_append_vals (self->subscriptions, address, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBSCRIPTIONS]);
  return TRUE;
}

gboolean
mesh_model_remove_subscription (MeshModel             *self,
                                const MeshDestination *address)
{
  int i;

  g_return_val_if_fail (MESH_IS_MODEL (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  i = find_subscription (self, address);
  if (i < 0)
    return FALSE;

  g_array_remove_index (self->subscriptions, i);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBSCRIPTIONS]);
  return TRUE;
}

const MeshPublication *
mesh_model_get_publication (MeshModel *self)
{
  g_return_val_if_fail (MESH_IS_MODEL (self), NULL);

  return self->publication;
}

void
mesh_model_set_publication (MeshModel             *self,
                            const MeshPublication *publication)
{
  g_return_if_fail (MESH_IS_MODEL (self));

  if (mesh_publication_equal (self->publication, publication))
    return;

  g_clear_pointer (&self->publication, mesh_publication_free);
  self->publication = mesh_publication_copy (publication);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLICATION]);
}

static void
mesh_model_finalize (GObject *object)
{
  MeshModel *self = (MeshModel *)object;

  g_clear_pointer (&self->bindings, g_array_unref);
  g_clear_pointer (&self->subscriptions, g_array_unref);
  g_clear_pointer (&self->publication, mesh_publication_free);

  G_OBJECT_CLASS (mesh_model_parent_class)->finalize (object);
}

static void
mesh_model_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MeshModel *self = MESH_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL_ID:
      g_value_set_uint (value, self->model_id);
      break;
    case PROP_VENDOR:
      g_value_set_boolean (value, self->vendor);
      break;
    case PROP_BINDINGS:
      g_value_set_boxed (value, self->bindings);
      break;
    case PROP_SUBSCRIPTIONS:
      g_value_set_boxed (value, self->subscriptions);
      break;
    case PROP_PUBLICATION:
      g_value_set_boxed (value, self->publication);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_model_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MeshModel *self = MESH_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL_ID:
      self->model_id = g_value_get_uint (value);
      break;
    case PROP_VENDOR:
      self->vendor = g_value_get_boolean (value);
      break;
    case PROP_PUBLICATION:
      mesh_model_set_publication (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_model_class_init (MeshModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_model_finalize;
  object_class->get_property = mesh_model_get_property;
  object_class->set_property = mesh_model_set_property;

  properties[PROP_MODEL_ID] =
    g_param_spec_uint ("model-id", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VENDOR] =
    g_param_spec_boolean ("vendor", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* GArrays of guint16 and of MeshDestination; change them with the
   * functions. */
  properties[PROP_BINDINGS] =
    g_param_spec_boxed ("bindings", NULL, NULL, G_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBSCRIPTIONS] =
    g_param_spec_boxed ("subscriptions", NULL, NULL, G_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLICATION] =
    g_param_spec_boxed ("publication", NULL, NULL, MESH_TYPE_PUBLICATION,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_model_init (MeshModel *self)
{
  self->bindings = g_array_new (FALSE, FALSE, sizeof (guint16));
  self->subscriptions = g_array_new (FALSE, FALSE, sizeof (MeshDestination));
}
