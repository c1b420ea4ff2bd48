/* meshprov-cdb.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-cdb-export.h"
#include "mesh-cdb-import.h"
#include "mesh-error.h"
#include "mesh-keyring.h"
#include "mesh-provisioner.h"
#include "mesh-uuid.h"
#include "meshprov-private.h"

/* meshprov export, import: Mesh Configuration Database files. */

#define KEY_INDEX_MAX 0xFFF

static gboolean partial;
static char **export_net_keys;
static char **export_app_keys;
static char **export_nodes;
static char **export_groups;
static gboolean no_device_keys;

static char *provisioner_choice;
static gboolean no_daemon;

/* export */

static gboolean
add_key_indexes (MeshCdbSelection  *selection,
                 char             **indexes,
                 gboolean           app_keys,
                 GError           **error)
{
  for (guint i = 0; indexes && indexes[i]; i++)
    {
      guint index;

      if (!mesh_cli_parse_uint (indexes[i], app_keys ? "--app-key" : "--net-key", KEY_INDEX_MAX,
                                &index, error))
        return FALSE;
      if (app_keys)
        mesh_cdb_selection_add_app_key (selection, index);
      else
        mesh_cdb_selection_add_net_key (selection, index);
    }

  return TRUE;
}

/* What the options choose; the nodes' addresses in @nodes, to look up
 * once the network is open. */
static MeshCdbSelection *
parse_selection (GArray  *nodes,
                 GError **error)
{
  g_autoptr(MeshCdbSelection) selection = mesh_cdb_selection_new ();

  if (!add_key_indexes (selection, export_net_keys, FALSE, error)
      || !add_key_indexes (selection, export_app_keys, TRUE, error))
    return NULL;

  for (guint i = 0; export_nodes && export_nodes[i]; i++)
    {
      guint16 unicast;

      if (!mesh_cli_parse_unicast (export_nodes[i], "--node", &unicast, error))
        return NULL;
      g_array_append_val (nodes, unicast);
    }

  for (guint i = 0; export_groups && export_groups[i]; i++)
    {
      MeshDestination group;
      MeshCdbAddress address = { 0 };

      if (!mesh_cli_parse_subscription (export_groups[i], &group, error))
        return NULL;
      address.is_virtual = group.has_label;
      if (group.has_label)
        memcpy (address.label, group.label, sizeof address.label);
      else
        address.value = group.address;
      mesh_cdb_selection_add_group (selection, &address);
    }

  mesh_cdb_selection_set_device_keys (selection, !no_device_keys);
  return g_steal_pointer (&selection);
}

static gboolean
select_nodes (MeshCli           *cli,
              MeshCdbSelection  *selection,
              GArray            *nodes,
              GError           **error)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      MeshNode *node = mesh_cli_find_node (cli, g_array_index (nodes, guint16, i), error);
      g_autoptr(GBytes) uuid = NULL;

      if (node == NULL)
        return FALSE;
      uuid = mesh_uuid_from_string (mesh_node_get_uuid (node));
      mesh_cdb_selection_add_node (selection, g_bytes_get_data (uuid, NULL));
    }

  return TRUE;
}

static gboolean
export_run (MeshCli  *cli,
            char    **args,
            GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MeshCdbSelection) selection = NULL;
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (args[0]);
  g_autofree char *path = g_file_get_parse_name (file);
  gboolean is_partial = partial || export_net_keys || export_app_keys || export_nodes
                        || export_groups || no_device_keys;

  if (is_partial && (selection = parse_selection (nodes, error)) == NULL)
    return FALSE;
  if (!mesh_cli_open (cli, error) || (selection && !select_nodes (cli, selection, nodes, error)))
    return FALSE;

  mesh_cli_info (cli, _("Exporting to %s…"), path);
  mesh_cdb_export_file_async (cli->store, cli->network, selection, file, NULL, cli->cancellable,
                              mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);
  if (!mesh_cdb_export_file_finish (result, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "network");
      json_builder_add_string_value (builder, mesh_network_get_uuid (cli->network));
      json_builder_set_member_name (builder, "partial");
      json_builder_add_boolean_value (builder, is_partial);
      json_builder_end_object (builder);
      mesh_cli_print_json (builder);
    }
  else
    g_print (_("Exported the network “%s” to %s.\n"), mesh_network_get_name (cli->network), path);

  return TRUE;
}

/* import */

/* The provisioner that is this computer: --provisioner (UUID or name), or
 * the only one that is also a node of the network (a provisioner's node
 * has the provisioner's UUID). */
static MeshProvisioner *
choose_provisioner (MeshNetwork  *network,
                    GError      **error)
{
  GListModel *provisioners = mesh_network_get_provisioners (network);
  g_autofree char *uuid = provisioner_choice ? mesh_uuid_canonicalize (provisioner_choice) : NULL;
  MeshProvisioner *chosen = NULL;
  guint n_candidates = 0;

  for (guint i = 0; i < g_list_model_get_n_items (provisioners); i++)
    {
      g_autoptr(MeshProvisioner) provisioner = g_list_model_get_item (provisioners, i);
      const char *provisioner_uuid = mesh_provisioner_get_uuid (provisioner);

      if (provisioner_choice != NULL)
        {
          if ((uuid && g_str_equal (uuid, provisioner_uuid))
              || g_strcmp0 (provisioner_choice, mesh_provisioner_get_name (provisioner)) == 0)
            return provisioner;
        }
      else if (mesh_network_find_node_by_uuid (network, provisioner_uuid) != NULL)
        {
          chosen = provisioner;
          n_candidates++;
        }
    }

  if (provisioner_choice != NULL)
    g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                 _("The file has no provisioner “%s”."), provisioner_choice);
  else if (n_candidates == 0)
    g_set_error_literal (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                         _("No provisioner of the file is also a node of its network, so none "
                           "can be this computer."));
  else if (n_candidates > 1)
    g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                         _("The file has several provisioners with a node: choose the one that "
                           "is this computer with --provisioner UUID."));
  else
    return chosen;

  return NULL;
}

static gboolean
set_local_provisioner (MeshCli      *cli,
                       MeshNetwork  *network,
                       GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  MeshProvisioner *provisioner = choose_provisioner (network, error);

  if (provisioner == NULL)
    return FALSE;

  mesh_network_set_local_provisioner_uuid (network, mesh_provisioner_get_uuid (provisioner));
  mesh_store_update_async (cli->store, network, NULL, mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);

  return mesh_store_update_finish (cli->store, result, error);
}

/* The token of the network's node in this computer's bluetooth-meshd, if
 * the keyring has one (then meshd has the network already), else NULL. */
static GBytes *
lookup_token (MeshCli     *cli,
              const char  *network_uuid,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) lookup_error = NULL;
  GBytes *token;

  mesh_keyring_lookup_async (network_uuid, MESH_SECRET_NODE_TOKEN, 0, cli->cancellable,
                             mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);
  token = mesh_keyring_lookup_finish (result, &lookup_error);
  if (token == NULL && !g_error_matches (lookup_error, MESH_ERROR, MESH_ERROR_SECRET_MISSING))
    g_propagate_error (error, g_steal_pointer (&lookup_error));

  return token;
}

static gboolean
import_into_daemon (MeshCli      *cli,
                    MeshNetwork  *network,
                    GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!mesh_cli_find_daemon (cli, error))
    return FALSE;

  mesh_cli_info (cli, _("Putting the network into bluetooth-meshd…"));
  mesh_session_import_network_async (cli->session, network, cli->cancellable,
                                     mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);

  return mesh_session_import_network_finish (cli->session, result, error);
}

static void
print_import (MeshCli             *cli,
              MeshCdbImportResult *import,
              const char          *daemon_status)
{
  MeshNetwork *network = mesh_cdb_import_result_get_network (import);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      GListModel *conflicts = mesh_cdb_import_result_get_conflicts (import);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "network");
      json_builder_add_string_value (builder, mesh_network_get_uuid (network));
      mesh_cli_json_string_or_null (builder, "name", mesh_network_get_name (network));
      json_builder_set_member_name (builder, "merged");
      json_builder_add_boolean_value (builder, mesh_cdb_import_result_get_merged (import));
      json_builder_set_member_name (builder, "nodes_added");
      json_builder_add_int_value (builder, mesh_cdb_import_result_get_n_nodes_added (import));
      json_builder_set_member_name (builder, "keys_added");
      json_builder_add_int_value (builder, mesh_cdb_import_result_get_n_keys_added (import));
      json_builder_set_member_name (builder, "provisioners_added");
      json_builder_add_int_value (builder,
                                  mesh_cdb_import_result_get_n_provisioners_added (import));
      json_builder_set_member_name (builder, "groups_added");
      json_builder_add_int_value (builder, mesh_cdb_import_result_get_n_groups_added (import));
      json_builder_set_member_name (builder, "scenes_added");
      json_builder_add_int_value (builder, mesh_cdb_import_result_get_n_scenes_added (import));
      mesh_cli_json_string_or_null (builder, "local_provisioner",
                                    mesh_network_get_local_provisioner_uuid (network));
      json_builder_set_member_name (builder, "daemon");
      json_builder_add_string_value (builder, daemon_status);
      json_builder_set_member_name (builder, "conflicts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
        {
          g_autoptr(MeshCdbConflict) conflict = g_list_model_get_item (conflicts, i);

          json_builder_add_string_value (builder, mesh_cdb_conflict_get_message (conflict));
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      mesh_cli_print_json (builder);
      return;
    }

  if (mesh_cdb_import_result_get_merged (import))
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Merged into the network “%s” (%s): %u node added.\n",
                          "Merged into the network “%s” (%s): %u nodes added.\n",
                          mesh_cdb_import_result_get_n_nodes_added (import)),
             mesh_network_get_name (network), mesh_network_get_uuid (network),
             mesh_cdb_import_result_get_n_nodes_added (import));
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Imported the network “%s” (%s) with %u node.\n",
                          "Imported the network “%s” (%s) with %u nodes.\n",
                          mesh_cdb_import_result_get_n_nodes_added (import)),
             mesh_network_get_name (network), mesh_network_get_uuid (network),
             mesh_cdb_import_result_get_n_nodes_added (import));

  if (g_str_equal (daemon_status, "imported"))
    {
      MeshNode *own = mesh_cli_get_own_node (cli);

      if (own != NULL)
        g_print (_("This computer joined it as a new provisioner, its node at 0x%04x.\n"),
                 mesh_node_get_unicast (own));
    }
}

static gboolean
import_run (MeshCli  *cli,
            char    **args,
            GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MeshCdbImportResult) import = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (args[0]);
  g_autoptr(GBytes) token = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *daemon_status = "skipped";
  MeshNetwork *network;
  GListModel *conflicts;
  gboolean ok;

  if (!mesh_cli_open (cli, error))
    return FALSE;

  mesh_cdb_import_file_async (cli->store, file, NULL, cli->cancellable,
                              mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);
  ok = mesh_cdb_import_finish (result, &import, error);

  /* What was kept or refused, line by line (the error has the gist). */
  conflicts = import ? mesh_cdb_import_result_get_conflicts (import) : NULL;
  for (guint i = 0; conflicts && !cli->json && i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(MeshCdbConflict) conflict = g_list_model_get_item (conflicts, i);

      if (ok || mesh_cdb_conflict_get_fatal (conflict))
        mesh_cli_note ("%s", mesh_cdb_conflict_get_message (conflict));
    }
  if (!ok)
    return FALSE;

  network = mesh_cdb_import_result_get_network (import);
  cli->network = g_object_ref (network);

  /* Does this computer's bluetooth-meshd have the network already? The
   * import keeps the token of a node meshd has. */
  if (!no_daemon)
    {
      token = lookup_token (cli, mesh_network_get_uuid (network), &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  /* A new network that meshd has already (the database was lost, not
   * meshd): which of the file's provisioners is this computer. Else this
   * computer joins the network as a new provisioner of its own when it
   * goes into bluetooth-meshd. */
  if (!mesh_cdb_import_result_get_merged (import)
      && mesh_network_get_local_provisioner_uuid (network) == NULL
      && (token != NULL || no_daemon)
      && !set_local_provisioner (cli, network, &local_error))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                   _("The network is in the database, but it cannot be used from this "
                     "computer: %s"), local_error->message);
      return FALSE;
    }

  if (!no_daemon)
    {
      if (token != NULL)
        daemon_status = "present";
      else if (import_into_daemon (cli, network, &local_error))
        daemon_status = "imported";
      else
        {
          g_set_error (error, MESH_ERROR, MESH_ERROR_DAEMON_FAILED,
                       _("The network is in the database, but bluetooth-meshd did not take "
                         "it: %s"), local_error->message);
          return FALSE;
        }
    }

  print_import (cli, import, daemon_status);
  return TRUE;
}

static const GOptionEntry export_entries[] = {
  { "partial", 0, 0, G_OPTION_ARG_NONE, &partial,
    N_("Write a partial export (implied by the options below)"), NULL },
  { "net-key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &export_net_keys,
    N_("Export this NetKey (repeatable; default all)"), N_("INDEX") },
  { "app-key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &export_app_keys,
    N_("Export this AppKey (repeatable; default all)"), N_("INDEX") },
  { "node", 0, 0, G_OPTION_ARG_STRING_ARRAY, &export_nodes,
    N_("Export this node (repeatable; default all)"), N_("ADDR") },
  { "group", 0, 0, G_OPTION_ARG_STRING_ARRAY, &export_groups,
    N_("Export this group (repeatable; default all)"), N_("GROUP") },
  { "no-device-keys", 0, 0, G_OPTION_ARG_NONE, &no_device_keys,
    N_("Leave the nodes’ device keys out"), NULL },
  { NULL }
};

static const GOptionEntry import_entries[] = {
  { "provisioner", 0, 0, G_OPTION_ARG_STRING, &provisioner_choice,
    N_("When bluetooth-meshd has the network already: the file’s provisioner that is this "
       "computer (default: the only one with a node)"),
    N_("UUID|NAME") },
  { "no-daemon", 0, 0, G_OPTION_ARG_NONE, &no_daemon,
    N_("Only fill the database and keyring; leave bluetooth-meshd alone"), NULL },
  { NULL }
};

const MeshCliCommand mesh_cli_cdb_commands[] = {
  { "export", "FILE", N_("Write the network to a Mesh Configuration Database file"),
    N_("The file holds the network’s keys (and, unless --no-device-keys, the nodes’ device "
       "keys): keep it safe. A partial export keeps only what the options choose."),
    "{\"file\", \"network\", \"partial\"}",
    1, 1, MESH_CLI_NEEDS_NETWORK, export_entries, export_run },
  { "import", "FILE", N_("Read a Mesh Configuration Database file into the database"),
    N_("A network the database lacks is added (its keys go to the keyring); one it has is "
       "merged. Unless bluetooth-meshd has the network already or --no-daemon is given, this "
       "computer then joins it as a new provisioner: one with address ranges of its own and "
       "a new node in them, put into bluetooth-meshd (Network1.Import), so that the devices "
       "take its messages. If bluetooth-meshd has it already, --provisioner says which of the "
       "file’s provisioners this computer is."),
    "{\"network\", \"name\", \"merged\", \"nodes_added\", \"keys_added\", "
    "\"provisioners_added\", \"groups_added\", \"scenes_added\", \"local_provisioner\", "
    "\"daemon\": \"present\" | \"imported\" | \"skipped\", \"conflicts\": "
    "[SENTENCE]}",
    1, 1, MESH_CLI_NEEDS_SESSION, import_entries, import_run },
  { NULL }
};
