/* mesh-nodes-page.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-node-filter.h"
#include "mesh-node-row.h"
#include "mesh-nodes-page.h"
#include "mesh-stable-list.h"

struct _MeshNodesPage
{
  GtkWidget           parent_instance;

  MeshStore          *store;
  MeshNetwork        *network;

  /* network nodes → sorted by address → filtered by the search → in
   * slots that keep the rows in place (mesh-stable-list.h) */
  GtkSortListModel   *sort_model;
  MeshNodeFilter     *filter;
  GtkFilterListModel *filter_model;
  MeshStableList     *slots;
  GtkSingleSelection *selection;
  /* Preparing the nodes' search texts while the user starts typing. */
  guint               prepare_id;
  guint               prepare_position;
  /* The list items, to reach the row of a node. (At teardown, GTK 4.8
   * has already taken an item's child away.) */
  GPtrArray          *items;

  /* Template widgets */
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (MeshNodesPage, mesh_nodes_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_stack (MeshNodesPage *self)
{

  GListModel *nodes = self->network != NULL ? mesh_network_get_nodes (self->network) : NULL;

  if (nodes == NULL || g_list_model_get_n_items (nodes) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
open_node (MeshNodesPage *self,
           MeshNode      *node)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-node", "s", mesh_node_get_uuid (node));
}

static MeshNodeRow *
find_row (MeshNodesPage *self,
          MeshNode      *node)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      GtkWidget *row = gtk_list_item_get_child (self->items->pdata[i]);

      if (row != NULL && mesh_node_row_get_node (MESH_NODE_ROW (row)) == node)
        return MESH_NODE_ROW (row);
    }

  return NULL;
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MeshNodesPage *self = MESH_NODES_PAGE (widget);
  MeshListSlot *slot = gtk_single_selection_get_selected_item (self->selection);
  MeshNodeRow *row;

  if (slot == NULL || (row = find_row (self, mesh_list_slot_get_item (slot))) == NULL)
    return;

  mesh_node_row_rename (row);
}

static void
setup_row_cb (MeshNodesPage            *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  GtkWidget *row = mesh_node_row_new ();

  mesh_node_row_set_store (MESH_NODE_ROW (row), self->store);
  gtk_list_item_set_child (item, row);
  g_ptr_array_add (self->items, item);
}

static void
teardown_row_cb (MeshNodesPage            *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  g_ptr_array_remove_fast (self->items, item);

}

static void
bind_row_cb (MeshNodesPage            *self,
             GtkListItem              *item,
             GtkSignalListItemFactory *factory)
{
  GBinding *binding;

  /* The row follows its slot's node. */
  binding = g_object_bind_property (gtk_list_item_get_item (item), "item",
                                    gtk_list_item_get_child (item), "node",
                                    G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (item), "mesh-node-binding", binding);
}

static void
unbind_row_cb (MeshNodesPage            *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (item), "mesh-node-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  mesh_node_row_set_node (MESH_NODE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
list_activate_cb (MeshNodesPage *self,
                  guint          position)
{
  MeshNode *node = mesh_stable_list_peek_item (self->slots, position);

  if (node != NULL)
    open_node (self, node);
}

static void
search_changed_cb (MeshNodesPage  *self,
                   GtkSearchEntry *entry)
{
  /* A selected position would now hold another node. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  mesh_node_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static gboolean
prepare_search_cb (gpointer user_data)
{
  MeshNodesPage *self = user_data;
  GListModel *nodes = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (nodes);
  guint end = MIN (n, self->prepare_position + 2048);

  for (; self->prepare_position < end; self->prepare_position++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (nodes, self->prepare_position);

      mesh_node_filter_prepare (self->filter, node);
    }

  if (self->prepare_position < n)
    return G_SOURCE_CONTINUE;

  self->prepare_id = 0;
  return G_SOURCE_REMOVE;
}

static void
search_activate_cb (MeshNodesPage  *self,
                    GtkSearchEntry *entry)
{
  MeshNode *node;

  /* Enter opens the first match, as in GNOME's search lists. */
  search_changed_cb (self, entry);
  node = mesh_stable_list_peek_item (self->slots, 0);
  if (node != NULL)
    open_node (self, node);
}

static void
search_mode_changed_cb (MeshNodesPage *self)
{
  /* Opening the search prepares what it searches, in the idle time before
   * the first keystroke, so that this one is as quick as the others. */
  if (gtk_search_bar_get_search_mode (self->search_bar) && self->prepare_id == 0 &&
      self->prepare_position < g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)))
    self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, prepare_search_cb, self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

GtkWidget *
mesh_nodes_page_new (void)
{
  return g_object_new (MESH_TYPE_NODES_PAGE, NULL);
}

MeshNetwork *
mesh_nodes_page_get_network (MeshNodesPage *self)
{
  g_return_val_if_fail (MESH_IS_NODES_PAGE (self), NULL);

  return self->network;
}

void
mesh_nodes_page_set_network (MeshNodesPage *self,
                             MeshStore     *store,
                             MeshNetwork   *network)
{
  g_return_if_fail (MESH_IS_NODES_PAGE (self));
  g_return_if_fail (store == NULL || MESH_IS_STORE (store));
  g_return_if_fail (network == NULL || MESH_IS_NETWORK (network));

  g_set_object (&self->store, store);
  for (guint i = 0; i < self->items->len; i++)
    {
      GtkWidget *row = gtk_list_item_get_child (self->items->pdata[i]);

      if (row != NULL)
        mesh_node_row_set_store (MESH_NODE_ROW (row), store);
    }

  if (self->network != NULL)
    g_signal_handlers_disconnect_by_func (mesh_network_get_nodes (self->network), update_stack, self);

  if (g_set_object (&self->network, network))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      mesh_node_filter_set_search (self->filter, NULL);
      g_clear_handle_id (&self->prepare_id, g_source_remove);
      self->prepare_position = 0;
      gtk_sort_list_model_set_model (self->sort_model,
                                     network != NULL ? mesh_network_get_nodes (network) : NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
    }

  if (network != NULL)
    g_signal_connect_object (mesh_network_get_nodes (network), "items-changed",
                             G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);

  update_stack (self);
}

gboolean
mesh_nodes_page_get_search_mode (MeshNodesPage *self)
{
  g_return_val_if_fail (MESH_IS_NODES_PAGE (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
mesh_nodes_page_set_search_mode (MeshNodesPage *self,
                                 gboolean       search_mode)
{
  g_return_if_fail (MESH_IS_NODES_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

void
mesh_nodes_page_begin_search (MeshNodesPage *self)
{
  g_return_if_fail (MESH_IS_NODES_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GListModel *
mesh_nodes_page_get_visible_nodes (MeshNodesPage *self)
{
  g_return_val_if_fail (MESH_IS_NODES_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

static void
mesh_nodes_page_dispose (GObject *object)
{
  MeshNodesPage *self = MESH_NODES_PAGE (object);
  GtkWidget *child;

  if (self->network != NULL)
    g_signal_handlers_disconnect_by_func (mesh_network_get_nodes (self->network), update_stack, self);

  g_clear_handle_id (&self->prepare_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_NODES_PAGE);
  /* The template's children without an id are not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->network);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mesh_nodes_page_parent_class)->dispose (object);
}

static void
mesh_nodes_page_finalize (GObject *object)
{
  MeshNodesPage *self = MESH_NODES_PAGE (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (mesh_nodes_page_parent_class)->finalize (object);
}

static void
mesh_nodes_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MeshNodesPage *self = MESH_NODES_PAGE (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;

    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, mesh_nodes_page_get_search_mode (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_nodes_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MeshNodesPage *self = MESH_NODES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      mesh_nodes_page_set_search_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_nodes_page_class_init (MeshNodesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mesh_nodes_page_dispose;
  object_class->finalize = mesh_nodes_page_finalize;
  object_class->get_property = mesh_nodes_page_get_property;
  object_class->set_property = mesh_nodes_page_set_property;

  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, MESH_TYPE_NETWORK,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "nodes.rename", NULL, rename_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "nodes.rename", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-nodes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshNodesPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MeshNodesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MeshNodesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MeshNodesPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, teardown_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed_cb);
}

static void
mesh_nodes_page_init (MeshNodesPage *self)
{
  g_autoptr(GtkSorter) sorter = NULL;

  self->items = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (MESH_TYPE_NODE, NULL, "unicast")));
  self->sort_model = gtk_sort_list_model_new (NULL, g_steal_pointer (&sorter));
  self->filter = mesh_node_filter_new ();
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sort_model)),
                                                  GTK_FILTER (g_object_ref (self->filter)));
  self->slots = mesh_stable_list_new (G_LIST_MODEL (self->filter_model));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);

  /* The entry is inside a clamp, so the bar does not find it by itself:
   * connecting it makes Escape leave the search. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  update_stack (self);
}
