/* mesh-network-controller.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-error.h"
#include "mesh-format.h"
#include "mesh-network-controller.h"

G_DEFINE_INTERFACE (MeshNetworkController, mesh_network_controller, G_TYPE_OBJECT)

static void
mesh_network_controller_default_init (MeshNetworkControllerInterface *iface)
{
}

void
mesh_network_controller_bind_app_key_async (MeshNetworkController *self,
                                            MeshModel             *model,
                                            guint16                app_key_index,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_MODEL (model));

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->bind_app_key_async (self, model, app_key_index, cancellable, callback, user_data);
}

gboolean
mesh_network_controller_bind_app_key_finish (MeshNetworkController  *self,
                                             GAsyncResult           *result,
                                             GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->bind_app_key_finish (self, result, error);
}

void
mesh_network_controller_unbind_app_key_async (MeshNetworkController *self,
                                              MeshModel             *model,
                                              guint16                app_key_index,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_MODEL (model));

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->unbind_app_key_async (self, model, app_key_index, cancellable, callback, user_data);
}

gboolean
mesh_network_controller_unbind_app_key_finish (MeshNetworkController  *self,
                                               GAsyncResult           *result,
                                               GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->unbind_app_key_finish (self, result, error);
}

void
mesh_network_controller_add_subscription_async (MeshNetworkController *self,
                                                MeshModel             *model,
                                                const MeshDestination *address,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_MODEL (model));

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->add_subscription_async (self, model, address, cancellable, callback, user_data);
}

gboolean
mesh_network_controller_add_subscription_finish (MeshNetworkController  *self,
                                                 GAsyncResult           *result,
                                                 GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->add_subscription_finish (self, result, error);
}

void
mesh_network_controller_remove_subscription_async (MeshNetworkController *self,
                                                   MeshModel             *model,
                                                   const MeshDestination *address,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_MODEL (model));

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->remove_subscription_async (self, model, address, cancellable, callback, user_data);
}

gboolean
mesh_network_controller_remove_subscription_finish (MeshNetworkController  *self,
                                                    GAsyncResult           *result,
                                                    GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->remove_subscription_finish (self, result, error);
}

void
mesh_network_controller_set_publication_async (MeshNetworkController *self,
                                               MeshModel             *model,
                                               const MeshPublication *publication,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_MODEL (model));

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->set_publication_async (self, model, publication, cancellable, callback, user_data);
}

gboolean
mesh_network_controller_set_publication_finish (MeshNetworkController  *self,
                                                GAsyncResult           *result,
                                                GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->set_publication_finish (self, result, error);
}

void
mesh_network_controller_refresh_composition_async (MeshNetworkController *self,
                                                   MeshNode              *node,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_NODE (node));

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->refresh_composition_async (self, node, cancellable, callback, user_data);
}

gboolean
mesh_network_controller_refresh_composition_finish (MeshNetworkController  *self,
                                                    GAsyncResult           *result,
                                                    GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->refresh_composition_finish (self, result, error);
}

void
mesh_network_controller_set_onoff_async (MeshNetworkController *self,
                                         MeshElement           *element,
                                         gboolean               on,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_ELEMENT (element));

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->set_onoff_async (self, element, on, cancellable, callback, user_data);
}

gboolean
mesh_network_controller_set_onoff_finish (MeshNetworkController  *self,
                                          GAsyncResult           *result,
                                          gboolean               *is_on,
                                          GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->set_onoff_finish (self, result, is_on, error);
}

void
mesh_network_controller_reset_node_async (MeshNetworkController *self,
                                          MeshNode              *node,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_NODE (node));

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->reset_node_async (self, node, cancellable, callback, user_data);
}

gboolean
mesh_network_controller_reset_node_finish (MeshNetworkController  *self,
                                           GAsyncResult           *result,
                                           GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->reset_node_finish (self, result, error);
}

void
mesh_network_controller_remove_node_async (MeshNetworkController *self,
                                           MeshNode              *node,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_NODE (node));

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->remove_node_async (self, node, cancellable, callback, user_data);
}

gboolean
mesh_network_controller_remove_node_finish (MeshNetworkController  *self,
                                            GAsyncResult           *result,
                                            GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->remove_node_finish (self, result, error);
}

void
mesh_network_controller_add_net_key_async (MeshNetworkController *self,
                                           MeshNetwork           *network,
                                           const char            *name,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_NETWORK (network));
  g_return_if_fail (name != NULL);

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->add_net_key_async (self, network, name, cancellable, callback, user_data);
}

MeshNetKey *
mesh_network_controller_add_net_key_finish (MeshNetworkController  *self,
                                            GAsyncResult           *result,
                                            GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->add_net_key_finish (self, result, error);
}

void
mesh_network_controller_add_app_key_async (MeshNetworkController *self,
                                           MeshNetwork           *network,
                                           guint16                net_key_index,
                                           const char            *name,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_NETWORK (network));

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->add_app_key_async (self, network, net_key_index, name, cancellable, callback, user_data);
}

MeshAppKey *
mesh_network_controller_add_app_key_finish (MeshNetworkController  *self,
                                            GAsyncResult           *result,
                                            GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->add_app_key_finish (self, result, error);
}

void
mesh_network_controller_delete_app_key_async (MeshNetworkController *self,
                                              MeshAppKey            *app_key,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_APP_KEY (app_key));

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->delete_app_key_async (self, app_key, cancellable, callback, user_data);
}

gboolean
mesh_network_controller_delete_app_key_finish (MeshNetworkController  *self,
                                               GAsyncResult           *result,
                                               GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->delete_app_key_finish (self, result, error);
}

void
mesh_network_controller_delete_net_key_async (MeshNetworkController *self,
                                              MeshNetKey            *net_key,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data)
{
  g_return_if_fail (MESH_IS_NETWORK_CONTROLLER (self));
  g_return_if_fail (MESH_IS_NET_KEY (net_key));

  MESH_NETWORK_CONTROLLER_GET_IFACE (self)->delete_net_key_async (self, net_key, cancellable, callback, user_data);
}

gboolean
mesh_network_controller_delete_net_key_finish (MeshNetworkController  *self,
                                               GAsyncResult           *result,
                                               GError                **error)
{
  g_return_val_if_fail (MESH_IS_NETWORK_CONTROLLER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return MESH_NETWORK_CONTROLLER_GET_IFACE (self)->delete_net_key_finish (self, result, error);
}

gboolean
mesh_network_controller_can_delete_net_key (MeshNetKey  *net_key,
                                            GError     **error)
{
  MeshNetwork *network;
  GListModel *app_keys;
  guint n;

  g_return_val_if_fail (MESH_IS_NET_KEY (net_key), FALSE);

  /* The session refuses these too; asking first lets the window say so
   * before the user tries, and nothing is sent to a node in vain. */
  network = mesh_net_key_get_network (net_key);
  if (g_list_model_get_n_items (mesh_network_get_net_keys (network)) <= 1)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_BUSY,
                           _("A network needs at least one NetKey."));
      return FALSE;
    }

  app_keys = mesh_network_get_app_keys (network);
  n = g_list_model_get_n_items (app_keys);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshAppKey) app_key = g_list_model_get_item (app_keys, i);
      g_autofree char *name = NULL;

      if (mesh_app_key_get_bound_net_key (app_key) != mesh_net_key_get_index (net_key))
        continue;

      name = mesh_format_app_key (network, mesh_app_key_get_index (app_key));
      /* Translators: %s is the AppKey’s name */
      g_set_error (error, MESH_ERROR, MESH_ERROR_BUSY,
                   _("An application key is bound to it (“%s”): delete that AppKey first."), name);
      return FALSE;
    }

  return TRUE;
}
