/* mesh-model-entry.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-model-entry.h"

struct _MeshModelEntry
{
  GObject             parent_instance;

  MeshModelEntryKind  kind;
  MeshModel          *model;
  guint16             app_key_index;
  MeshDestination     destination;
  MeshPublication     publication;
};

G_DEFINE_FINAL_TYPE (MeshModelEntry, mesh_model_entry, G_TYPE_OBJECT)

static MeshModelEntry *
entry_new (MeshModelEntryKind  kind,
           MeshModel          *model)
{
  MeshModelEntry *self = g_object_new (MESH_TYPE_MODEL_ENTRY, NULL);

  self->kind = kind;
  self->model = g_object_ref (model);

  return self;
}

static void
refill (GListStore *store,
        GParamSpec *pspec,
        MeshModel  *model)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  const guint16 *bindings;
  const MeshDestination *subscriptions;
  const MeshPublication *publication;
  guint n;

  bindings = mesh_model_get_bindings (model, &n);
  for (guint i = 0; i < n; i++)
    {
      MeshModelEntry *entry = entry_new (MESH_MODEL_ENTRY_BINDING, model);

      entry->app_key_index = bindings[i];
      g_ptr_array_add (entries, entry);
    }

  subscriptions = mesh_model_get_subscriptions (model, &n);
  for (guint i = 0; i < n; i++)
    {
      MeshModelEntry *entry = entry_new (MESH_MODEL_ENTRY_SUBSCRIPTION, model);

      entry->destination = subscriptions[i];
      g_ptr_array_add (entries, entry);
    }

  publication = mesh_model_get_publication (model);
  if (publication != NULL)
    {
      MeshModelEntry *entry = entry_new (MESH_MODEL_ENTRY_PUBLICATION, model);

      entry->publication = *publication;
      entry->destination = publication->destination;
      g_ptr_array_add (entries, entry);
    }

  if (entries->len == 0)
    g_ptr_array_add (entries, entry_new (MESH_MODEL_ENTRY_EMPTY, model));

  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       entries->pdata, entries->len);
}

MeshModelEntryKind
mesh_model_entry_get_kind (MeshModelEntry *self)
{
  g_return_val_if_fail (MESH_IS_MODEL_ENTRY (self), MESH_MODEL_ENTRY_EMPTY);

  return self->kind;
}

MeshModel *
mesh_model_entry_get_model (MeshModelEntry *self)
{
  g_return_val_if_fail (MESH_IS_MODEL_ENTRY (self), NULL);

  return self->model;
}

guint16
mesh_model_entry_get_app_key_index (MeshModelEntry *self)
{
  g_return_val_if_fail (MESH_IS_MODEL_ENTRY (self), 0);

  return self->kind == MESH_MODEL_ENTRY_PUBLICATION ? self->publication.app_key_index
                                                    : self->app_key_index;
}

const MeshDestination *
mesh_model_entry_get_destination (MeshModelEntry *self)
{
  g_return_val_if_fail (MESH_IS_MODEL_ENTRY (self), NULL);

  return &self->destination;
}

const MeshPublication *
mesh_model_entry_get_publication (MeshModelEntry *self)
{
  g_return_val_if_fail (MESH_IS_MODEL_ENTRY (self), NULL);

  return self->kind == MESH_MODEL_ENTRY_PUBLICATION ? &self->publication : NULL;
}

GListModel *
mesh_model_entry_list_new (MeshModel *model)
{
  GListStore *store;

  g_return_val_if_fail (MESH_IS_MODEL (model), NULL);

  store = g_list_store_new (MESH_TYPE_MODEL_ENTRY);
  refill (store, NULL, model);

  /* The list goes with the tree row; the handlers go with the list. */
  g_signal_connect_object (model, "notify::bindings", G_CALLBACK (refill), store, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::subscriptions", G_CALLBACK (refill), store, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::publication", G_CALLBACK (refill), store, G_CONNECT_SWAPPED);

  return G_LIST_MODEL (store);
}

static void
mesh_model_entry_dispose (GObject *object)
{
  MeshModelEntry *self = MESH_MODEL_ENTRY (object);

  g_clear_object (&self->model);

  G_OBJECT_CLASS (mesh_model_entry_parent_class)->dispose (object);
}

static void
mesh_model_entry_class_init (MeshModelEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mesh_model_entry_dispose;
}

static void
mesh_model_entry_init (MeshModelEntry *self)
{
}
