/* mesh-element.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-element-private.h"
#include "mesh-model-private.h"
#include "mesh-node-private.h"

G_DEFINE_FINAL_TYPE (MeshElement, mesh_element, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_LOCATION,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

MeshElement *
mesh_element_clone (MeshElement *self)
{
  MeshElement *copy = mesh_element_new (self->index, self->location);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->models));

  copy->name = g_strdup (self->name);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshModel) model = g_list_model_get_item (G_LIST_MODEL (self->models), i);
      g_autoptr(MeshModel) model_copy = mesh_model_clone (model);

      mesh_element_add_model (copy, model_copy);
    }

  return copy;
}

MeshElement *
mesh_element_new (guint   index,
                  guint16 location)
{
  g_return_val_if_fail (index <= 0xFF, NULL);

  return g_object_new (MESH_TYPE_ELEMENT,
                       "index", index,
                       "location", location,
                       NULL);
}

MeshNode *
mesh_element_get_node (MeshElement *self)
{
  g_return_val_if_fail (MESH_IS_ELEMENT (self), NULL);

  return self->node;
}

guint
mesh_element_get_index (MeshElement *self)
{
  g_return_val_if_fail (MESH_IS_ELEMENT (self), 0);

  return self->index;
}

guint16
mesh_element_get_address (MeshElement *self)
{
  g_return_val_if_fail (MESH_IS_ELEMENT (self), 0);

  if (self->node == NULL)
    return 0;

  return mesh_node_get_unicast (self->node) + self->index;
}

guint16
mesh_element_get_location (MeshElement *self)
{
  g_return_val_if_fail (MESH_IS_ELEMENT (self), 0);

  return self->location;
}

void
mesh_element_set_location (MeshElement *self,
                           guint16      location)
{
  g_return_if_fail (MESH_IS_ELEMENT (self));

  if (self->location == location)
    return;

  self->location = location;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCATION]);
}

const char *
mesh_element_get_name (MeshElement *self)
{
  g_return_val_if_fail (MESH_IS_ELEMENT (self), NULL);

  return self->name;
}

void
mesh_element_set_name (MeshElement *self,
                       const char  *name)
{
  g_return_if_fail (MESH_IS_ELEMENT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

GListModel *
mesh_element_get_models (MeshElement *self)
{
  g_return_val_if_fail (MESH_IS_ELEMENT (self), NULL);

  return G_LIST_MODEL (self->models);
}

void
mesh_element_add_model (MeshElement *self,
                        MeshModel   *model)
{
  g_return_if_fail (MESH_IS_ELEMENT (self));
  g_return_if_fail (MESH_IS_MODEL (model));
  g_return_if_fail (model->element == NULL);
  g_return_if_fail (mesh_element_find_model (self, model->model_id, model->vendor) == NULL);

  model->element = self;
  g_list_store_append (self->models, model);
}

MeshModel *
mesh_element_find_model (MeshElement *self,
                         guint32      model_id,
                         gboolean     vendor)
{
  guint n;

  g_return_val_if_fail (MESH_IS_ELEMENT (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->models));
  for (guint i = 0; i < n; i++)
    {
      MeshModel *model = g_list_model_get_item (G_LIST_MODEL (self->models), i);

      /* The list keeps a reference: hand out a borrowed pointer. */
      g_object_unref (model);
      if (model->model_id == model_id && !!model->vendor == !!vendor)
        return model;
    }

  return NULL;
}

static void
mesh_element_dispose (GObject *object)
{
  MeshElement *self = (MeshElement *)object;

  if (self->models != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->models));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MeshModel) model = g_list_model_get_item (G_LIST_MODEL (self->models), i);
          model->element = NULL;
        }
      g_clear_object (&self->models);
    }

  G_OBJECT_CLASS (mesh_element_parent_class)->dispose (object);
}

static void
mesh_element_finalize (GObject *object)
{
  MeshElement *self = (MeshElement *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (mesh_element_parent_class)->finalize (object);
}

static void
mesh_element_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MeshElement *self = MESH_ELEMENT (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_LOCATION:
      g_value_set_uint (value, self->location);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_element_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MeshElement *self = MESH_ELEMENT (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;
    case PROP_LOCATION:
      mesh_element_set_location (self, g_value_get_uint (value));
      break;
    case PROP_NAME:
      mesh_element_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_element_class_init (MeshElementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mesh_element_dispose;
  object_class->finalize = mesh_element_finalize;
  object_class->get_property = mesh_element_get_property;
  object_class->set_property = mesh_element_set_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, 0xFF, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCATION] =
    g_param_spec_uint ("location", NULL, NULL, 0, 0xFFFF, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_element_init (MeshElement *self)
{
  self->models = g_list_store_new (MESH_TYPE_MODEL);
}
