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
#include "mesh-net-key.h"
#include "meshprov-private.h"

/* meshprov appkeys, appkey add, appkey del, netkeys, netkey add, netkey del. */

#define KEY_INDEX_MAX 0xFFF

static char **key_nodes;
static int net_key_index;
static char *key_name;

/* The nodes that have AppKey @index (NetKey @index with @net_key), as
 * unicast addresses. */
static GArray *
nodes_with_key (MeshCli  *cli,
                gboolean  net_key,
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
      if (net_key ? mesh_node_has_net_key (node, index) : mesh_node_has_app_key (node, index))
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
json_key (JsonBuilder *builder,
          GObject     *key,
          GArray      *nodes)
{
  if (MESH_IS_NET_KEY (key))
    {
      MeshNetKey *net_key = MESH_NET_KEY (key);

      mesh_cli_json_int_or_null (builder, "index", mesh_net_key_get_index (net_key), TRUE);
      mesh_cli_json_string_or_null (builder, "name", mesh_net_key_get_name (net_key));
      mesh_cli_json_int_or_null (builder, "phase", mesh_net_key_get_phase (net_key), TRUE);
    }
  else
    {
      MeshAppKey *app_key = MESH_APP_KEY (key);

      mesh_cli_json_int_or_null (builder, "index", mesh_app_key_get_index (app_key), TRUE);
      mesh_cli_json_int_or_null (builder, "bound_net_key",
                                 mesh_app_key_get_bound_net_key (app_key), TRUE);
      mesh_cli_json_string_or_null (builder, "name", mesh_app_key_get_name (app_key));
    }
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

/* appkeys and netkeys. */
static gboolean
list_keys (MeshCli  *cli,
           gboolean  net,
           GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(MeshCliTable) table = NULL;
  GListModel *keys;

  if (!mesh_cli_open (cli, error))
    return FALSE;
  keys = net ? mesh_network_get_net_keys (cli->network) : mesh_network_get_app_keys (cli->network);

  /* TRANSLATORS: PHASE is a NetKey's key refresh phase, 0 to 2; NETKEY the
   * NetKey an AppKey is bound to */
  table = mesh_cli_table_new (_("INDEX"), net ? _("PHASE") : _("NETKEY"), _("NAME"), _("NODES"),
                              NULL);
  json_builder_begin_array (builder);

  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(GObject) key = g_list_model_get_item (keys, i);
      guint index = net ? mesh_net_key_get_index (MESH_NET_KEY (key))
                        : mesh_app_key_get_index (MESH_APP_KEY (key));
      const char *name = net ? mesh_net_key_get_name (MESH_NET_KEY (key))
                             : mesh_app_key_get_name (MESH_APP_KEY (key));
      guint second = net ? mesh_net_key_get_phase (MESH_NET_KEY (key))
                         : mesh_app_key_get_bound_net_key (MESH_APP_KEY (key));
      g_autoptr(GArray) nodes = nodes_with_key (cli, net, index, FALSE);
      g_autofree char *index_text = g_strdup_printf ("%u", index);
      g_autofree char *second_text = g_strdup_printf ("%u", second);
      g_autofree char *node_list = address_list (nodes);

      json_builder_begin_object (builder);
      json_key (builder, key, nodes);
      json_builder_end_object (builder);

      mesh_cli_table_add_row (table, index_text, second_text, name ? name : "—", node_list, NULL);
    }

  json_builder_end_array (builder);
  if (cli->json)
    mesh_cli_print_json (builder);
  else
    mesh_cli_table_print (table);

  return TRUE;
}

static gboolean
appkeys_run (MeshCli  *cli,
             char    **args,
             GError  **error)
{
  return list_keys (cli, FALSE, error);
}

static gboolean
netkeys_run (MeshCli  *cli,
             char    **args,
             GError  **error)
{
  return list_keys (cli, TRUE, error);
}

/* A new key at @index: a MeshNetKey with @net, else a MeshAppKey bound to
 * --net-key. */
static GObject *
create_key (MeshCli   *cli,
            gboolean   net,
            guint      index,
            GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *name = NULL;

  if (net)
    {
      name = key_name ? g_strdup (key_name) : g_strdup_printf (_("Network key %u"), index);
      mesh_cli_info (cli, _("Creating NetKey %u…"), index);
      mesh_session_create_net_key_async (cli->session, index, name, cli->cancellable,
                                         mesh_cli_result_cb, &result);
      result = mesh_cli_wait (&result);

      return G_OBJECT (mesh_session_create_net_key_finish (cli->session, result, error));
    }

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

  return G_OBJECT (mesh_session_create_app_key_finish (cli->session, result, error));
}

/* The engine's Config NetKey/AppKey Add/Delete, by [net][deleting]. */
typedef void (*KeyStart) (MeshConfigEngine    *engine,
                          MeshNode            *node,
                          guint16              index,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data);

static const struct
{
  KeyStart            start;
  MeshCliConfigFinish finish;
} key_messages[2][2] = {
  {
    { mesh_config_engine_app_key_add_async, mesh_config_engine_app_key_add_finish },
    { mesh_config_engine_app_key_delete_async, mesh_config_engine_app_key_delete_finish },
  },
  {
    { mesh_config_engine_net_key_add_async, mesh_config_engine_net_key_add_finish },
    { mesh_config_engine_net_key_delete_async, mesh_config_engine_net_key_delete_finish },
  },
};

/* Config NetKey (@net) or AppKey Add, or Delete (@deleting), to @node. */
static gboolean
send_key (MeshCli   *cli,
          gboolean   net,
          gboolean   deleting,
          MeshNode  *node,
          guint      index,
          GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  key_messages[!!net][!!deleting].start (mesh_cli_get_engine (cli), node, index, cli->cancellable,
                                       mesh_cli_result_cb, &result);
  return mesh_cli_finish_config (cli, &result, key_messages[!!net][!!deleting].finish, error);
}

/* appkey add and netkey add: the key is created if the network lacks it,
 * then added to each --node. */
static gboolean
add_key (MeshCli   *cli,
         char     **args,
         gboolean   net,
         GError   **error)
{
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GObject) created = NULL;
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (guint16));
  GObject *key;
  guint index;

  if (!net && (net_key_index < 0 || net_key_index > KEY_INDEX_MAX))
    {
      g_set_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                   _("--net-key must be a number from 0 to %u."), KEY_INDEX_MAX);
      return FALSE;
    }
  nodes = open_with_nodes (cli, args[0], &index, error);
  if (nodes == NULL)
    return FALSE;

  key = net ? G_OBJECT (mesh_network_find_net_key (cli->network, index))
            : G_OBJECT (mesh_network_find_app_key (cli->network, index));
  if (key == NULL)
    {
      created = create_key (cli, net, index, error);
      if (created == NULL)
        return FALSE;
      key = created;
      if (cli->json)
        ;
      else if (net)
        g_print (_("Created NetKey %u.\n"), index);
      else
        g_print (_("Created AppKey %u, bound to NetKey %u.\n"), index,
                 mesh_app_key_get_bound_net_key (MESH_APP_KEY (key)));
    }
  else if (nodes->len == 0)
    {
      if (net)
        g_set_error (error, MESH_ERROR, MESH_ERROR_EXISTS,
                     _("The network has NetKey %u already: add it to nodes with --node ADDR."),
                     index);
      else
        g_set_error (error, MESH_ERROR, MESH_ERROR_EXISTS,
                     _("The network has AppKey %u already: add it to nodes with --node ADDR."),
                     index);
      return FALSE;
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      MeshNode *node = g_ptr_array_index (nodes, i);
      guint16 unicast = mesh_node_get_unicast (node);

      if (!send_key (cli, net, FALSE, node, index, error))
        return FALSE;
      g_array_append_val (added, unicast);
      if (cli->json)
        continue;
      if (net)
        g_print (_("Added NetKey %u to node 0x%04X.\n"), index, unicast);
      else
        g_print (_("Added AppKey %u to node 0x%04X.\n"), index, unicast);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GArray) having = nodes_with_key (cli, net, index, FALSE);

      json_builder_begin_object (builder);
      json_key (builder, key, having);
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
appkey_add_run (MeshCli  *cli,
                char    **args,
                GError  **error)
{
  return add_key (cli, args, FALSE, error);
}

static gboolean
netkey_add_run (MeshCli  *cli,
                char    **args,
                GError  **error)
{
  return add_key (cli, args, TRUE, error);
}

/* The key out of the network (our node, meshd, the database, the keyring). */
static gboolean
delete_from_network (MeshCli   *cli,
                     GObject   *key,
                     GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) kept = g_object_ref (key);

  if (MESH_IS_NET_KEY (key))
    {
      mesh_session_delete_net_key_async (cli->session, MESH_NET_KEY (key), cli->cancellable,
                                         mesh_cli_result_cb, &result);
      result = mesh_cli_wait (&result);
      return mesh_session_delete_net_key_finish (cli->session, result, error);
    }

  mesh_session_delete_app_key_async (cli->session, MESH_APP_KEY (key), cli->cancellable,
                                     mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);
  return mesh_session_delete_app_key_finish (cli->session, result, error);
}

/* appkey del and netkey del: from the --node nodes, or from the network
 * once no other node has it. */
static gboolean
delete_key (MeshCli   *cli,
            char     **args,
            gboolean   net,
            GError   **error)
{
  g_autoptr(GPtrArray) nodes = NULL;
  GObject *key;
  guint index;

  nodes = open_with_nodes (cli, args[0], &index, error);
  if (nodes == NULL)
    return FALSE;

  key = net ? G_OBJECT (mesh_network_find_net_key (cli->network, index))
            : G_OBJECT (mesh_network_find_app_key (cli->network, index));
  if (key == NULL)
    {
      if (net)
        g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                     _("The network has no NetKey %u (see “meshprov netkeys”)."), index);
      else
        g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                     _("The network has no AppKey %u (see “meshprov appkeys”)."), index);
      return FALSE;
    }

  if (nodes->len > 0)
    {
      for (guint i = 0; i < nodes->len; i++)
        {
          MeshNode *node = g_ptr_array_index (nodes, i);

          if (!send_key (cli, net, TRUE, node, index, error))
            return FALSE;
          if (cli->json)
            continue;
          if (net)
            g_print (_("Deleted NetKey %u from node 0x%04X.\n"), index,
                     mesh_node_get_unicast (node));
          else
            g_print (_("Deleted AppKey %u from node 0x%04X.\n"), index,
                     mesh_node_get_unicast (node));
        }
    }
  else
    {
      g_autoptr(GArray) having = nodes_with_key (cli, net, index, TRUE);

      if (having->len > 0)
        {
          g_autofree char *list = address_list (having);

          if (net)
            g_set_error (error, MESH_ERROR, MESH_ERROR_BUSY,
                         _("Nodes still have NetKey %u (%s): delete it from them first with "
                           "--node ADDR."), index, list);
          else
            g_set_error (error, MESH_ERROR, MESH_ERROR_BUSY,
                         _("Nodes still have AppKey %u (%s): delete it from them first with "
                           "--node ADDR."), index, list);
          return FALSE;
        }

      if (!delete_from_network (cli, key, error))
        return FALSE;
      if (cli->json)
        ;
      else if (net)
        g_print (_("Deleted NetKey %u from the network.\n"), index);
      else
        g_print (_("Deleted AppKey %u from the network.\n"), index);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GArray) having = nodes_with_key (cli, net, index, FALSE);
      gboolean in_network = net ? mesh_network_find_net_key (cli->network, index) != NULL
                                : mesh_network_find_app_key (cli->network, index) != NULL;

      json_builder_begin_object (builder);
      mesh_cli_json_int_or_null (builder, "index", index, TRUE);
      json_builder_set_member_name (builder, "in_network");
      json_builder_add_boolean_value (builder, in_network);
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

static gboolean
appkey_del_run (MeshCli  *cli,
                char    **args,
                GError  **error)
{
  return delete_key (cli, args, FALSE, error);
}

static gboolean
netkey_del_run (MeshCli  *cli,
                char    **args,
                GError  **error)
{
  return delete_key (cli, args, TRUE, error);
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

static const GOptionEntry net_add_entries[] = {
  { "node", 0, 0, G_OPTION_ARG_STRING_ARRAY, &key_nodes,
    N_("Also add the key to this node (repeatable)"), N_("ADDR") },
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
  { "netkeys", "", N_("List the NetKeys (subnets) of the network and the nodes that have them"),
    NULL,
    "[{\"index\", \"name\", \"phase\" (key refresh, 0 to 2), \"nodes\": [ADDR]}]",
    0, 0, MESH_CLI_NEEDS_NETWORK, NULL, netkeys_run },
  { "netkey add", "INDEX", N_("Create a NetKey (a subnet) and add it to nodes"),
    N_("A new NetKey gets random bytes (kept in the keyring and bluetooth-meshd only) and "
       "is added to this computer’s node, which can then reach the subnet. INDEX is any "
       "free index from 0 to 4095. With --node the key (new or not) is also added to those "
       "nodes. A device joins a subnet with “meshprov provision --subnet INDEX”."),
    "{\"index\", \"name\", \"phase\", \"nodes\": [ADDR], \"created\", \"added_to\": [ADDR]}",
    1, 1, MESH_CLI_NEEDS_ATTACHED, net_add_entries, netkey_add_run },
  { "netkey del", "INDEX", N_("Delete a NetKey from nodes, or from the network"),
    N_("With --node the key is deleted from those nodes; without, from the network (this "
       "computer’s node, bluetooth-meshd, the database and the keyring), once no other node "
       "has it and no AppKey is bound to it. The network keeps at least one NetKey."),
    "{\"index\", \"in_network\", \"nodes\": [ADDR]}",
    1, 1, MESH_CLI_NEEDS_ATTACHED, del_entries, netkey_del_run },
  { NULL }
};
