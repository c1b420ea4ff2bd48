/* mesh-stable-list.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-stable-list.h"

struct _MeshListSlot
{
  GObject         parent_instance;

  gpointer        item;
  /* Set while nothing shows the slot and its item may be out of date;
   * the item is then fetched when asked for. */
  MeshStableList *list;
  guint           position;
  gboolean        stale;
};

G_DEFINE_FINAL_TYPE (MeshListSlot, mesh_list_slot, G_TYPE_OBJECT)

enum {
  SLOT_PROP_0,
  SLOT_PROP_ITEM,
  SLOT_N_PROPS
};

static GParamSpec *slot_properties[SLOT_N_PROPS];
static guint notify_signal_id;
static GQuark item_quark;

struct _MeshStableList
{
  GObject     parent_instance;

  GListModel *model;
  GPtrArray  *slots;
  /* Slots that left the tail, to come back when it grows again: a search
   * that narrows to a few nodes, then widens to all, would otherwise make
   * and free thousands of them. */
  GPtrArray  *spare;
  /* Adding the slots of the first rows a few per frame. */
  guint       grow_id;
};

/* GtkListView (GTK 4.8) keeps up to 200 rows around what is on screen;
 * slots past these cost no row. */
#define ROWS_KEPT   256
/* The slots added, and so the rows built, in one frame (a row costs a
 * fraction of a millisecond to build). */
#define GROWTH_STEP 16

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MeshStableList, mesh_stable_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Takes @item. */
static void
slot_set_item (MeshListSlot *self,
               gpointer      item)
{
  if (self->item == item)
    {
      g_clear_object (&item);
      return;
    }

  g_clear_object (&self->item);
  self->item = item;
  g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_ITEM]);
}

static void
slot_refresh (MeshListSlot *self)
{
  if (!self->stale)
    return;

  self->stale = FALSE;
  if (self->list != NULL)
    {
      g_clear_object (&self->item);
      self->item = g_list_model_get_item (self->list->model, self->position);
    }
}

gpointer
mesh_list_slot_get_item (MeshListSlot *self)
{
  g_return_val_if_fail (MESH_IS_LIST_SLOT (self), NULL);

  slot_refresh (self);

  return self->item;
}

static void
mesh_list_slot_dispose (GObject *object)
{
  MeshListSlot *self = MESH_LIST_SLOT (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (mesh_list_slot_parent_class)->dispose (object);
}

static void
mesh_list_slot_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MeshListSlot *self = MESH_LIST_SLOT (object);

  switch (prop_id)
    {
    case SLOT_PROP_ITEM:
      g_value_set_object (value, mesh_list_slot_get_item (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_list_slot_class_init (MeshListSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mesh_list_slot_dispose;
  object_class->get_property = mesh_list_slot_get_property;

  slot_properties[SLOT_PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);

  notify_signal_id = g_signal_lookup ("notify", G_TYPE_OBJECT);
  item_quark = g_quark_from_static_string ("item");
}

static void
mesh_list_slot_init (MeshListSlot *self)
{
}

static GType
mesh_stable_list_get_item_type (GListModel *model)
{
  return MESH_TYPE_LIST_SLOT;
}

static guint
mesh_stable_list_get_n_items (GListModel *model)
{
  return MESH_STABLE_LIST (model)->slots->len;
}

static gpointer
mesh_stable_list_get_item (GListModel *model,
                           guint       position)
{
  MeshStableList *self = MESH_STABLE_LIST (model);

  if (position >= self->slots->len)
    return NULL;

  return g_object_ref (self->slots->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mesh_stable_list_get_item_type;
  iface->get_n_items = mesh_stable_list_get_n_items;
  iface->get_item = mesh_stable_list_get_item;
}

static void
grow (MeshStableList *self,
      guint           n)
{
  guint old_n = self->slots->len;

  if (n <= old_n)
    return;

  for (guint i = old_n; i < n; i++)
    {
      MeshListSlot *slot;

      /* A spare slot nobody else holds is as good as a new one. */
      if (self->spare->len > 0)
        slot = g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1);
      else
        slot = g_object_new (MESH_TYPE_LIST_SLOT, NULL);

      g_clear_object (&slot->item);
      slot->list = self;
      slot->position = i;
      slot->stale = TRUE;
      g_ptr_array_add (self->slots, slot);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, n - old_n);
}

static gboolean
grow_step_cb (gpointer user_data)
{
  MeshStableList *self = user_data;
  guint target = g_list_model_get_n_items (self->model);
  guint next = self->slots->len + GROWTH_STEP;

  grow (self, next >= ROWS_KEPT ? target : MIN (next, target));

  if (self->slots->len < target)
    return G_SOURCE_CONTINUE;

  self->grow_id = 0;
  return G_SOURCE_REMOVE;
}

/* A slot that leaves the list keeps the item it had. */
static void
slot_detach (MeshListSlot *slot)
{
  slot_refresh (slot);
  slot->list = NULL;
}

static void
items_changed_cb (MeshStableList *self,
                  guint           position,
                  guint           removed,
                  guint           added,
                  GListModel     *model)
{
  guint old_n = self->slots->len;
  guint new_n = g_list_model_get_n_items (model);
  guint common = MIN (old_n, new_n);
  /* With as many added as removed, the items after them did not move. */
  guint end = removed == added ? MIN (common, position + added) : common;

  /* A slot that a row shows gets its new item now; the others when they
   * are asked for it (a search over 32,767 nodes changes most slots). */
  for (guint i = position; i < end; i++)
    {
      MeshListSlot *slot = self->slots->pdata[i];

      if (g_signal_has_handler_pending (slot, notify_signal_id, item_quark, FALSE))
        {
          slot->stale = FALSE;
          slot_set_item (slot, g_list_model_get_item (model, i));
        }
      else
        {
          slot->stale = TRUE;
        }
    }

  if (new_n > old_n)
    {
      /* Growing among the first rows (a search that found few, cleared)
       * would build 200 rows in one frame: add them a few per frame. */
      if (old_n >= ROWS_KEPT || new_n - old_n <= GROWTH_STEP)
        grow (self, new_n);
      else
        {
          grow (self, old_n + GROWTH_STEP);
          if (self->grow_id == 0)
            self->grow_id = g_idle_add (grow_step_cb, self);
        }
    }
  else if (new_n < old_n)
    {
      for (guint i = new_n; i < old_n; i++)
        {
          MeshListSlot *slot = self->slots->pdata[i];

          slot_detach (slot);
          /* A row may still show it until GTK lets it go. */
          if (G_OBJECT (slot)->ref_count == 1)
            g_ptr_array_add (self->spare, g_object_ref (slot));
        }
      g_ptr_array_remove_range (self->slots, new_n, old_n - new_n);
      g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
    }
}

MeshStableList *
mesh_stable_list_new (GListModel *model)
{
  MeshStableList *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (MESH_TYPE_STABLE_LIST, NULL);
  self->model = g_object_ref (model);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  items_changed_cb (self, 0, 0, g_list_model_get_n_items (model), model);

  return self;
}

GListModel *
mesh_stable_list_get_model (MeshStableList *self)
{
  g_return_val_if_fail (MESH_IS_STABLE_LIST (self), NULL);

  return self->model;
}

gpointer
mesh_stable_list_peek_item (MeshStableList *self,
                            guint           position)
{
  g_return_val_if_fail (MESH_IS_STABLE_LIST (self), NULL);

  if (position >= self->slots->len)
    return NULL;

  return mesh_list_slot_get_item (self->slots->pdata[position]);
}

static void
mesh_stable_list_dispose (GObject *object)
{
  MeshStableList *self = MESH_STABLE_LIST (object);

  g_clear_handle_id (&self->grow_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  for (guint i = 0; self->slots != NULL && i < self->slots->len; i++)
    slot_detach (self->slots->pdata[i]);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (mesh_stable_list_parent_class)->dispose (object);
}

static void
mesh_stable_list_finalize (GObject *object)
{
  MeshStableList *self = MESH_STABLE_LIST (object);

  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->spare, g_ptr_array_unref);

  G_OBJECT_CLASS (mesh_stable_list_parent_class)->finalize (object);
}

static void
mesh_stable_list_class_init (MeshStableListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mesh_stable_list_dispose;
  object_class->finalize = mesh_stable_list_finalize;
}

static void
mesh_stable_list_init (MeshStableList *self)
{
  self->slots = g_ptr_array_new_with_free_func (g_object_unref);
  self->spare = g_ptr_array_new_with_free_func (g_object_unref);
}
