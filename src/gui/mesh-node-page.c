/* mesh-node-page.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-composition-row.h"
#include "mesh-format.h"
#include "mesh-gui-util.h"
#include "mesh-model-entry.h"
#include "mesh-node-page-private.h"

G_DEFINE_FINAL_TYPE (MeshNodePage, mesh_node_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NODE,
  PROP_TITLE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_known (int         value,
              const char *format)
{
  if (value < 0)
    return g_strdup (_("Unknown"));

  return g_strdup_printf (format, value);
}

static char *
format_product (MeshNode *node)
{
  int pid = mesh_node_get_pid (node);
  int vid = mesh_node_get_vid (node);

  if (pid < 0 && vid < 0)
    return g_strdup (_("Unknown"));

  /* Translators: the product ID and version ID of a node's composition */
  return g_strdup_printf (_("ID 0x%04X · version 0x%04X"), (guint) pid & 0xFFFF, (guint) vid & 0xFFFF);
}

static void
set_label (GtkLabel *label,
           char     *text)
{
  gtk_label_set_label (label, text);
  g_free (text);
}

static void
update_identity (MeshNodePage *self)
{
  g_autofree char *title = NULL;
  MeshNode *node = self->node;

  if (node == NULL)
    return;

  title = mesh_format_node_name (node);
  gtk_label_set_label (self->name_label, title);
  set_label (self->product_label, mesh_format_node_product (node));
  mesh_rename_popover_set_text (self->rename_popover, mesh_node_get_name (node));

  gtk_label_set_label (self->uuid_label, mesh_node_get_uuid (node));
  set_label (self->address_label, mesh_format_address_range (node));
  set_label (self->company_label, mesh_format_company (mesh_node_get_cid (node)));
  set_label (self->product_id_label, format_product (node));
  set_label (self->crpl_label, format_known (mesh_node_get_crpl (node), "%d"));
  set_label (self->ttl_label, format_known (mesh_node_get_default_ttl (node), "%d"));
  gtk_label_set_label (self->security_label, mesh_format_security (mesh_node_get_security (node)));
  set_label (self->net_keys_label, mesh_format_node_net_keys (node));
  gtk_label_set_label (self->config_label, mesh_format_config_state (node));
  gtk_label_set_label (self->relay_label, mesh_format_feature_state (mesh_node_get_relay (node)));
  gtk_label_set_label (self->proxy_label, mesh_format_feature_state (mesh_node_get_proxy (node)));
  gtk_label_set_label (self->friend_label, mesh_format_feature_state (mesh_node_get_friend (node)));
  gtk_label_set_label (self->low_power_label, mesh_format_feature_state (mesh_node_get_low_power (node)));

  if (g_strcmp0 (self->title, title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

static void
update_elements (MeshNodePage *self)
{
  GListModel *elements;

  if (self->node == NULL)
    return;

  elements = mesh_node_get_elements (self->node);
  if (!mesh_node_get_elements_loaded (self->node))
    gtk_stack_set_visible_child_name (self->elements_stack, "loading");
  else if (g_list_model_get_n_items (elements) == 0)
    gtk_stack_set_visible_child_name (self->elements_stack, "none");
  else
    gtk_stack_set_visible_child_name (self->elements_stack, "tree");

  gtk_widget_set_visible (GTK_WIDGET (self->onoff_group),
                          mesh_gui_node_find_onoff_server (self->node) != NULL);
  _mesh_node_page_actions_update (self);
}

static void
node_notify_cb (MeshNodePage *self,
                GParamSpec   *pspec)
{
  if (g_strcmp0 (pspec->name, "elements-loaded") == 0)
    update_elements (self);
  else
    update_identity (self);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  if (MESH_IS_ELEMENT (item))
    return g_object_ref (mesh_element_get_models (item));

  if (MESH_IS_MODEL (item) && mesh_gui_model_is_configurable (item))
    return mesh_model_entry_list_new (item);

  return NULL;
}

static gboolean
row_is_busy (MeshNodePage       *self,
             MeshCompositionRow *row)
{
  gpointer item = mesh_composition_row_get_item (row);

  if (self->busy_object == NULL || item == NULL)
    return FALSE;

  if (MESH_IS_MODEL_ENTRY (item))
    return FALSE;

  return item == self->busy_object;
}

static const char *
unavailable_reason (MeshNodePage *self)
{
  if (self->controller == NULL)
    return mesh_gui_offline_reason ();

  if (self->busy_object != NULL)
    return _("Wait for the current action to finish");

  return NULL;
}

static void
setup_row_cb (MeshNodePage             *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  GtkWidget *row = mesh_composition_row_new ();

  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
  g_ptr_array_add (self->items, item);
}

static void
teardown_row_cb (MeshNodePage             *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  g_ptr_array_remove_fast (self->items, item);
}

static void
bind_row_cb (MeshNodePage             *self,
             GtkListItem              *item,
             GtkSignalListItemFactory *factory)
{
  MeshCompositionRow *row = MESH_COMPOSITION_ROW (gtk_list_item_get_child (item));

  mesh_composition_row_set_list_row (row, gtk_list_item_get_item (item),
                                     mesh_node_get_network (self->node));
  mesh_composition_row_set_busy (row, row_is_busy (self, row));
  mesh_composition_row_set_unavailable (row, unavailable_reason (self));
}

static void
unbind_row_cb (MeshNodePage             *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  mesh_composition_row_set_list_row (MESH_COMPOSITION_ROW (gtk_list_item_get_child (item)), NULL, NULL);
}

static void
rename_cb (MeshNodePage *self,
           const char   *name)
{
  if (self->node != NULL && self->store != NULL)
    mesh_gui_rename (GTK_WIDGET (self), self->store, self->node, name);
}

void
_mesh_node_page_update_rows (MeshNodePage *self)
{
  const char *reason = unavailable_reason (self);

  for (guint i = 0; i < self->items->len; i++)
    {
      GtkWidget *row = gtk_list_item_get_child (self->items->pdata[i]);

      if (row == NULL)
        continue;

      mesh_composition_row_set_busy (MESH_COMPOSITION_ROW (row), row_is_busy (self, MESH_COMPOSITION_ROW (row)));
      mesh_composition_row_set_unavailable (MESH_COMPOSITION_ROW (row), reason);
    }
}

void
_mesh_node_page_notify_busy (MeshNodePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

GtkWidget *
mesh_node_page_new (void)
{
  return g_object_new (MESH_TYPE_NODE_PAGE, NULL);
}

MeshNode *
mesh_node_page_get_node (MeshNodePage *self)
{
  g_return_val_if_fail (MESH_IS_NODE_PAGE (self), NULL);

  return self->node;
}

void
mesh_node_page_set_node (MeshNodePage *self,
                         MeshStore    *store,
                         MeshNode     *node)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (MESH_IS_NODE_PAGE (self));
  g_return_if_fail (store == NULL || MESH_IS_STORE (store));
  g_return_if_fail (node == NULL || MESH_IS_NODE (node));

  g_set_object (&self->store, store);

  if (!g_set_object (&self->node, node))
    return;

  /* An action in progress belongs to the node it was started on. */
  g_cancellable_cancel (self->cancellable);
  self->onoff_status = NULL;

  g_signal_group_set_target (self->node_signals, node);
  g_clear_object (&self->tree);

  if (node != NULL)
    {
      /* Asking for the elements loads them, the first time. */
      self->tree = gtk_tree_list_model_new (g_object_ref (mesh_node_get_elements (node)),
                                            FALSE, TRUE, create_children_cb, NULL, NULL);
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
      update_identity (self);
      update_elements (self);
    }

  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (selection));
  _mesh_node_page_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE]);
}

MeshNetworkController *
mesh_node_page_get_controller (MeshNodePage *self)
{
  g_return_val_if_fail (MESH_IS_NODE_PAGE (self), NULL);

  return self->controller;
}

void
mesh_node_page_set_controller (MeshNodePage          *self,
                               MeshNetworkController *controller)
{
  g_return_if_fail (MESH_IS_NODE_PAGE (self));
  g_return_if_fail (controller == NULL || MESH_IS_NETWORK_CONTROLLER (controller));

  if (!g_set_object (&self->controller, controller))
    return;

  _mesh_node_page_actions_update (self);
  _mesh_node_page_update_rows (self);
}

const char *
mesh_node_page_get_title (MeshNodePage *self)
{
  g_return_val_if_fail (MESH_IS_NODE_PAGE (self), NULL);

  return self->title;
}

gboolean
mesh_node_page_get_busy (MeshNodePage *self)
{
  g_return_val_if_fail (MESH_IS_NODE_PAGE (self), FALSE);

  return self->busy_object != NULL;
}

GListModel *
mesh_node_page_get_tree (MeshNodePage *self)
{
  g_return_val_if_fail (MESH_IS_NODE_PAGE (self), NULL);

  return self->tree != NULL ? G_LIST_MODEL (self->tree) : NULL;
}

static void
mesh_node_page_dispose (GObject *object)
{
  MeshNodePage *self = MESH_NODE_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->node_signals != NULL)
    g_signal_group_set_target (self->node_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MESH_TYPE_NODE_PAGE);
  /* The template's children without an id are not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->node_signals);
  g_clear_object (&self->tree);
  g_clear_object (&self->node);
  g_clear_object (&self->store);
  g_clear_object (&self->controller);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->busy_object);

  G_OBJECT_CLASS (mesh_node_page_parent_class)->dispose (object);
}

static void
mesh_node_page_finalize (GObject *object)
{
  MeshNodePage *self = MESH_NODE_PAGE (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->failure, g_free);

  G_OBJECT_CLASS (mesh_node_page_parent_class)->finalize (object);
}

static void
mesh_node_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MeshNodePage *self = MESH_NODE_PAGE (object);

  switch (prop_id)
    {
    case PROP_NODE:
      g_value_set_object (value, self->node);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, mesh_node_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_node_page_class_init (MeshNodePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mesh_node_page_dispose;
  object_class->finalize = mesh_node_page_finalize;
  object_class->get_property = mesh_node_page_get_property;

  properties[PROP_NODE] =
    g_param_spec_object ("node", NULL, NULL, MESH_TYPE_NODE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MESH_TYPE_RENAME_POPOVER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/mesh-node-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, product_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, rename_button);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, rename_popover);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, more_button);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, onoff_group);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, onoff_row);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, off_button);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, on_button);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, uuid_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, address_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, company_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, product_id_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, crpl_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, ttl_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, security_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, net_keys_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, config_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, relay_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, proxy_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, friend_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, low_power_label);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, elements_stack);
  gtk_widget_class_bind_template_child (widget_class, MeshNodePage, tree_view);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, teardown_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_cb);

  _mesh_node_page_class_actions_init (klass);
}

static void
mesh_node_page_init (MeshNodePage *self)
{
  self->items = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->node_signals = g_signal_group_new (MESH_TYPE_NODE);
  g_signal_group_connect_swapped (self->node_signals, "notify", G_CALLBACK (node_notify_cb), self);

  _mesh_node_page_actions_update (self);
}
