/* meshprov-keys.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-app-key.h"
#include "mesh-error.h"
#include "meshprov-private.h"

/* meshprov appkeys, appkey add, appkey del. */

#define KEY_INDEX_MAX 0xFFF

static char **key_nodes;
static int net_key_index;
static char *key_name;

static gboolean
node_has_app_key (MeshNode *node,
                  guint     index)
{
  guint n;
  const MeshNodeKey *keys = mesh_node_get_app_keys (node, &n);

  for (guint i = 0; i < n; i++)
    if (keys[i].index == index)
      return TRUE;

  return FALSE;
}

/* The nodes that have AppKey @index, as unicast addresses. */
static GArray *
nodes_with_key (MeshCli  *cli,
                guint     index,
                gboolean  skip_own)
{
  GListModel *nodes = mesh_network_get_nodes (cli->network);
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint16));

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (nodes, i);

      if (skip_own && node == mesh_cli_get_own_node (cli))
        continue;
      if (node_has_app_key (node, index))
        {
          guint16 unicast = mesh_node_get_unicast (node);

          g_array_append_val (found, unicast);
        }
    }

  return found;
}

static char *
address_list (GArray *addresses)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < addresses->len; i++)
    g_string_append_printf (text, "%s0x%04X", i ? ", " : "", g_array_index (addresses, guint16, i));
  if (addresses->len == 0)
    g_string_append (text, "—");

  return g_string_free (text, FALSE);
}

static void
json_app_key (JsonBuilder *builder,
              MeshAppKey  *key,
              GArray      *nodes)
{
  mesh_cli_json_int_or_null (builder, "index", mesh_app_key_get_index (key), TRUE);
  mesh_cli_json_int_or_null (builder, "bound_net_key", mesh_app_key_get_bound_net_key (key), TRUE);
  mesh_cli_json_string_or_null (builder, "name", mesh_app_key_get_name (key));
  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < nodes->len; i++)
    json_builder_add_int_value (builder, g_array_index (nodes, guint16, i));
  json_builder_end_array (builder);
}

/* INDEX and --node read, then the network opened and the nodes found (all
 * of them before anything is sent). */
static GPtrArray *
open_with_nodes (MeshCli     *cli,
                 const char  *index_text,
                 guint       *index,
                 GError     **error)
{
  g_autoptr(GArray) addresses = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  if (!mesh_cli_parse_uint (index_text, "INDEX", KEY_INDEX_MAX, index, error))
    return NULL;

  for (guint i = 0; key_nodes && key_nodes[i]; i++)
    {
      guint16 unicast;

      if (!mesh_cli_parse_unicast (key_nodes[i], "--node", &unicast, error))
        return NULL;
      g_array_append_val (addresses, unicast);
    }

  if (!mesh_cli_open (cli, error))
    return NULL;

  for (guint i = 0; i < addresses->len; i++)
    {
      MeshNode *node = mesh_cli_find_node (cli, g_array_index (addresses, guint16, i), error);

      if (node == NULL)
        return NULL;
      g_ptr_array_add (nodes, node);
    }

  return g_steal_pointer (&nodes);
}

static gboolean
appkeys_run (MeshCli  *cli,
             char    **args,
             GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(MeshCliTable) table = NULL;
  GListModel *keys;

  if (!mesh_cli_open (cli, error))
    return FALSE;
  keys = mesh_network_get_app_keys (cli->network);

  table = mesh_cli_table_new (_("INDEX"), _("NETKEY"), _("NAME"), _("NODES"), NULL);
  json_builder_begin_array (builder);

  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(MeshAppKey) key = g_list_model_get_item (keys, i);
      g_autoptr(GArray) nodes = nodes_with_key (cli, mesh_app_key_get_index (key), FALSE);
      g_autofree char *index = g_strdup_printf ("%u", mesh_app_key_get_index (key));
      g_autofree char *net_key = g_strdup_printf ("%u", mesh_app_key_get_bound_net_key (key));
      g_autofree char *node_list = address_list (nodes);

      json_builder_begin_object (builder);
      json_app_key (builder, key, nodes);
      json_builder_end_object (builder);

      mesh_cli_table_add_row (table, index, net_key,
                              mesh_app_key_get_name (key) ? mesh_app_key_get_name (key) : "—",
                              node_list, NULL);
    }

  json_builder_end_array (builder);
  if (cli->json)
    mesh_cli_print_json (builder);
  else
    mesh_cli_table_print (table);

  return TRUE;
}

static MeshAppKey *
create_app_key (MeshCli  *cli,
                guint     index,
                GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *name = NULL;

  if (mesh_network_find_net_key (cli->network, net_key_index) == NULL)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                   _("The network has no NetKey %d."), net_key_index);
      return NULL;
    }

  name = key_name ? g_strdup (key_name) : g_strdup_printf (_("Application key %u"), index);
  mesh_cli_info (cli, _("Creating AppKey %u…"), index);
  mesh_session_create_app_key_async (cli->session, net_key_index, index, name, cli->cancellable,
                                     mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);

  return mesh_session_create_app_key_finish (cli->session, result, error);
}

static gboolean
appkey_add_run (MeshCli  *cli,
                char    **args,
                GError  **error)
{
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(MeshAppKey) created = NULL;
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (guint16));
  MeshAppKey *key;
  guint index;

  if (net_key_index < 0 || net_key_index > KEY_INDEX_MAX)
    {
      g_set_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                   _("--net-key must be a number from 0 to %u."), KEY_INDEX_MAX);
      return FALSE;
    }
  nodes = open_with_nodes (cli, args[0], &index, error);
  if (nodes == NULL)
    return FALSE;

  key = mesh_network_find_app_key (cli->network, index);
  if (key == NULL)
    {
      created = create_app_key (cli, index, error);
      if (created == NULL)
        return FALSE;
      key = created;
      if (!cli->json)
        g_print (_("Created AppKey %u, bound to NetKey %u.\n"), index,
                 mesh_app_key_get_bound_net_key (key));
    }
  else if (nodes->len == 0)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_EXISTS,
                   _("The network has AppKey %u already: add it to nodes with --node ADDR."),
                   index);
      return FALSE;
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      MeshNode *node = g_ptr_array_index (nodes, i);
      guint16 unicast = mesh_node_get_unicast (node);

      mesh_config_engine_app_key_add_async (mesh_cli_get_engine (cli), node, index,
                                            cli->cancellable, mesh_cli_result_cb, &result);
      if (!mesh_cli_finish_config (cli, &result, mesh_config_engine_app_key_add_finish, error))
        return FALSE;
      g_array_append_val (added, unicast);
      if (!cli->json)
        g_print (_("Added AppKey %u to node 0x%04X.\n"), index, unicast);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GArray) having = nodes_with_key (cli, index, FALSE);

      json_builder_begin_object (builder);
      json_app_key (builder, key, having);
      json_builder_set_member_name (builder, "created");
      json_builder_add_boolean_value (builder, created != NULL);
      json_builder_set_member_name (builder, "added_to");
      json_builder_begin_array (builder);
      for (guint i = 0; i < added->len; i++)
        json_builder_add_int_value (builder, g_array_index (added, guint16, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      mesh_cli_print_json (builder);
    }

  return TRUE;
}

static gboolean
appkey_del_run (MeshCli  *cli,
                char    **args,
                GError  **error)
{
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  MeshAppKey *key;
  guint index;

  nodes = open_with_nodes (cli, args[0], &index, error);
  if (nodes == NULL)
    return FALSE;

  key = mesh_network_find_app_key (cli->network, index);
  if (key == NULL)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                   _("The network has no AppKey %u (see “meshprov appkeys”)."), index);
      return FALSE;
    }

  /* From nodes, or from the network once no node has it. */
  if (nodes->len > 0)
    {
      for (guint i = 0; i < nodes->len; i++)
        {
          MeshNode *node = g_ptr_array_index (nodes, i);

          mesh_config_engine_app_key_delete_async (mesh_cli_get_engine (cli), node, index,
                                                   cli->cancellable, mesh_cli_result_cb,
                                                   &result);
          if (!mesh_cli_finish_config (cli, &result, mesh_config_engine_app_key_delete_finish,
                                       error))
            return FALSE;
          if (!cli->json)
            g_print (_("Deleted AppKey %u from node 0x%04X.\n"), index,
                     mesh_node_get_unicast (node));
        }
    }
  else
    {
      g_autoptr(GArray) having = nodes_with_key (cli, index, TRUE);

      if (having->len > 0)
        {
          g_autofree char *list = address_list (having);

          g_set_error (error, MESH_ERROR, MESH_ERROR_BUSY,
                       _("Nodes still have AppKey %u (%s): delete it from them first with "
                         "--node ADDR."), index, list);
          return FALSE;
        }

      g_object_ref (key);
      mesh_session_delete_app_key_async (cli->session, key, cli->cancellable,
                                         mesh_cli_result_cb, &result);
      g_object_unref (key);
      result = mesh_cli_wait (&result);
      if (!mesh_session_delete_app_key_finish (cli->session, result, error))
        return FALSE;
      if (!cli->json)
        g_print (_("Deleted AppKey %u from the network.\n"), index);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GArray) having = nodes_with_key (cli, index, FALSE);

      json_builder_begin_object (builder);
      mesh_cli_json_int_or_null (builder, "index", index, TRUE);
      json_builder_set_member_name (builder, "in_network");
      json_builder_add_boolean_value (builder,
                                      mesh_network_find_app_key (cli->network, index) != NULL);
      json_builder_set_member_name (builder, "nodes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < having->len; i++)
        json_builder_add_int_value (builder, g_array_index (having, guint16, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      mesh_cli_print_json (builder);
    }

  return TRUE;
}

static const GOptionEntry add_entries[] = {
  { "node", 0, 0, G_OPTION_ARG_STRING_ARRAY, &key_nodes,
    N_("Also add the key to this node (repeatable)"), N_("ADDR") },
  { "net-key", 0, 0, G_OPTION_ARG_INT, &net_key_index,
    N_("The NetKey a new key is bound to (default 0)"), N_("INDEX") },
  { "name", 0, 0, G_OPTION_ARG_STRING, &key_name,
    N_("A name for a new key"), N_("NAME") },
  { NULL }
};

static const GOptionEntry del_entries[] = {
  { "node", 0, 0, G_OPTION_ARG_STRING_ARRAY, &key_nodes,
    N_("Delete the key from this node only (repeatable)"), N_("ADDR") },
  { NULL }
};

const MeshCliCommand mesh_cli_key_commands[] = {
  { "appkeys", "", N_("List the AppKeys of the network and the nodes that have them"), NULL,
    "[{\"index\", \"bound_net_key\", \"name\", \"nodes\": [ADDR]}]",
    0, 0, MESH_CLI_NEEDS_NETWORK, NULL, appkeys_run },
  { "appkey add", "INDEX", N_("Create an AppKey and add it to nodes"),
    N_("A new AppKey gets random bytes (kept in the keyring and bluetooth-meshd only) and "
       "is added to this computer’s node with its client models bound to it. INDEX is any "
       "free index from 0 to 4095. With --node the key (new or not) is also added to those "
       "nodes."),
    "{\"index\", \"bound_net_key\", \"name\", \"nodes\": [ADDR], \"created\", "
    "\"added_to\": [ADDR]}",
    1, 1, MESH_CLI_NEEDS_ATTACHED, add_entries, appkey_add_run },
  { "appkey del", "INDEX", N_("Delete an AppKey from nodes, or from the network"),
    N_("With --node the key is deleted from those nodes; without, from the network (this "
       "computer’s node, bluetooth-meshd, the database and the keyring), once no other node "
       "has it."),
    "{\"index\", \"in_network\", \"nodes\": [ADDR]}",
    1, 1, MESH_CLI_NEEDS_ATTACHED, del_entries, appkey_del_run },
  { NULL }
};
