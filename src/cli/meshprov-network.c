/* meshprov-network.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "meshprov-private.h"

/* meshprov networks, network create. */

static gboolean
networks_run (MeshCli  *cli,
              char    **args,
              GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(MeshCliTable) table = NULL;
  GListModel *networks;
  guint n;

  if (!mesh_cli_open (cli, error))
    return FALSE;
  networks = mesh_store_get_networks (cli->store);
  n = g_list_model_get_n_items (networks);

  table = mesh_cli_table_new (_("UUID"), _("NAME"), _("NODES"), _("IV INDEX"), NULL);
  json_builder_begin_array (builder);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshNetwork) network = g_list_model_get_item (networks, i);
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *nodes = NULL;
      g_autofree char *iv_index = NULL;
      guint n_nodes;

      /* The node count needs the network's lists. */
      mesh_store_load_network_async (cli->store, network, cli->cancellable,
                                     mesh_cli_result_cb, &result);
      result = mesh_cli_wait (&result);
      if (!mesh_store_load_network_finish (cli->store, result, error))
        return FALSE;
      n_nodes = g_list_model_get_n_items (mesh_network_get_nodes (network));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, mesh_network_get_uuid (network));
      mesh_cli_json_string_or_null (builder, "name", mesh_network_get_name (network));
      json_builder_set_member_name (builder, "nodes");
      json_builder_add_int_value (builder, n_nodes);
      json_builder_set_member_name (builder, "iv_index");
      json_builder_add_int_value (builder, mesh_network_get_iv_index (network));
      json_builder_set_member_name (builder, "partial");
      json_builder_add_boolean_value (builder, mesh_network_get_partial (network));
      json_builder_end_object (builder);

      nodes = g_strdup_printf ("%u", n_nodes);
      iv_index = g_strdup_printf ("%u", mesh_network_get_iv_index (network));
      mesh_cli_table_add_row (table, mesh_network_get_uuid (network),
                              mesh_network_get_name (network) ? mesh_network_get_name (network) : "",
                              nodes, iv_index, NULL);
    }

  json_builder_end_array (builder);
  if (cli->json)
    mesh_cli_print_json (builder);
  else
    mesh_cli_table_print (table);

  return TRUE;
}

static gboolean
network_create_run (MeshCli  *cli,
                    char    **args,
                    GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MeshNetwork) network = NULL;
  MeshNode *own;

  if (args[0][0] == '\0')
    {
      g_set_error_literal (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                           _("The network needs a name."));
      return FALSE;
    }
  if (!mesh_cli_open (cli, error))
    return FALSE;

  mesh_cli_info (cli, _("Creating the network in bluetooth-meshd…"));
  mesh_session_create_network_async (cli->session, args[0], cli->cancellable,
                                     mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);
  network = mesh_session_create_network_finish (cli->session, result, error);
  if (network == NULL)
    return FALSE;

  cli->network = g_object_ref (network);
  own = mesh_cli_get_own_node (cli);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, mesh_network_get_uuid (network));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, mesh_network_get_name (network));
      mesh_cli_json_hex16 (builder, "unicast", own ? mesh_node_get_unicast (own) : 0);
      json_builder_end_object (builder);
      mesh_cli_print_json (builder);
    }
  else
    /* Translators: %s are the network's name and UUID, %04X the address
     * of this computer's node */
    g_print (_("Created the network “%s” (%s); this computer is node 0x%04X.\n"),
             mesh_network_get_name (network), mesh_network_get_uuid (network),
             own ? mesh_node_get_unicast (own) : 0);

  return TRUE;
}

const MeshCliCommand mesh_cli_network_commands[] = {
  { "networks", "", N_("List the networks of the database"), NULL,
    "[{\"uuid\", \"name\", \"nodes\", \"iv_index\", \"partial\"}]",
    0, 0, MESH_CLI_NEEDS_STORE, NULL, networks_run },
  { "network create", "NAME", N_("Create a network in bluetooth-meshd and the database"),
    N_("This computer becomes its provisioner and node 0x0001; the keys go to the keyring."),
    "{\"uuid\", \"name\", \"unicast\" (this computer’s node)}",
    1, 1, MESH_CLI_NEEDS_DAEMON, NULL, network_create_run },
  { NULL }
};
