/* mesh-sorted-list.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-sorted-list.h"

struct _MeshSortedList
{
  GObject           parent_instance;

  GListModel       *model;
  GPtrArray        *items;  /* sorted, each with a reference */
  GCompareDataFunc  compare;
  gpointer          user_data;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MeshSortedList, mesh_sorted_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
mesh_sorted_list_get_item_type (GListModel *model)
{
  MeshSortedList *self = MESH_SORTED_LIST (model);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
mesh_sorted_list_get_n_items (GListModel *model)
{
  return MESH_SORTED_LIST (model)->items->len;
}

static gpointer
mesh_sorted_list_get_item (GListModel *model,
                           guint       position)
{
  MeshSortedList *self = MESH_SORTED_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (self->items->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mesh_sorted_list_get_item_type;
  iface->get_n_items = mesh_sorted_list_get_n_items;
  iface->get_item = mesh_sorted_list_get_item;
}

static int
compare_slots (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  MeshSortedList *self = user_data;

  return self->compare (*(gpointer const *) a, *(gpointer const *) b, self->user_data);
}

static GPtrArray *
sorted_items (MeshSortedList *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);
  gboolean in_order = TRUE;

  for (guint i = 0; i < n; i++)
    {
      gpointer item = g_list_model_get_item (self->model, i);

      if (in_order && i > 0 && self->compare (items->pdata[i - 1], item, self->user_data) > 0)
        in_order = FALSE;
      g_ptr_array_add (items, item);
    }

  /* GLib's sort is stable (since 2.32). */
  if (!in_order)
    g_ptr_array_sort_with_data (items, compare_slots, self);

  return items;
}

/* Sorts again; reports the range between what stayed at the start and
 * what stayed at the end. */
static void
update (MeshSortedList *self)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->items);
  guint old_n = old->len;
  guint new_n;
  guint prefix = 0;
  guint suffix = 0;

  self->items = sorted_items (self);
  new_n = self->items->len;

  while (prefix < old_n && prefix < new_n && old->pdata[prefix] == self->items->pdata[prefix])
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         old->pdata[old_n - 1 - suffix] == self->items->pdata[new_n - 1 - suffix])
    suffix++;

  if (prefix + suffix < MAX (old_n, new_n))
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_n - prefix - suffix, new_n - prefix - suffix);
}

static void
items_changed_cb (MeshSortedList *self,
                  guint           position,
                  guint           removed,
                  guint           added,
                  GListModel     *model)
{
  update (self);
}

MeshSortedList *
mesh_sorted_list_new (GCompareDataFunc compare,
                      gpointer         user_data)
{
  MeshSortedList *self;

  g_return_val_if_fail (compare != NULL, NULL);

  self = g_object_new (MESH_TYPE_SORTED_LIST, NULL);
  self->compare = compare;
  self->user_data = user_data;

  return self;
}

void
mesh_sorted_list_set_model (MeshSortedList *self,
                            GListModel     *model)
{
  g_return_if_fail (MESH_IS_SORTED_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);

  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);

  update (self);
}

GListModel *
mesh_sorted_list_get_model (MeshSortedList *self)
{
  g_return_val_if_fail (MESH_IS_SORTED_LIST (self), NULL);

  return self->model;
}

static void
mesh_sorted_list_dispose (GObject *object)
{
  MeshSortedList *self = MESH_SORTED_LIST (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);
  g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (mesh_sorted_list_parent_class)->dispose (object);
}

static void
mesh_sorted_list_finalize (GObject *object)
{
  MeshSortedList *self = MESH_SORTED_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (mesh_sorted_list_parent_class)->finalize (object);
}

static void
mesh_sorted_list_class_init (MeshSortedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mesh_sorted_list_dispose;
  object_class->finalize = mesh_sorted_list_finalize;
}

static void
mesh_sorted_list_init (MeshSortedList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
