/* meshprov-node.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-element.h"
#include "mesh-error.h"
#include "mesh-model.h"
#include "mesh-names.h"
#include "mesh-uuid.h"
#include "meshprov-private.h"

/* meshprov nodes, node, composition, rename, reset, remove; and how nodes and
 * models look in text and JSON (shared with the model commands). */

static char *
unknown_or_hex (int value)
{
  return value < 0 ? g_strdup (_("unknown")) : g_strdup_printf ("0x%04X", (guint) value);
}

static char *
company_text (int cid)
{
  if (cid < 0)
    return g_strdup ("—");

  return g_strdup_printf ("%s (0x%04X)", mesh_company_get_name (cid) ? mesh_company_get_name (cid)
                                                                     : _("unknown company"),
                          (guint) cid);
}

static char *
key_list_text (const MeshNodeKey *keys,
               guint              n_keys)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_keys; i++)
    g_string_append_printf (text, "%s%u%s", i ? ", " : "", keys[i].index,
                            keys[i].updated ? _(" (updated)") : "");
  if (n_keys == 0)
    g_string_append (text, "—");

  return g_string_free (text, FALSE);
}

/* JSON */

static void
json_destination (JsonBuilder           *builder,
                  const MeshDestination *destination)
{
  mesh_cli_json_hex16 (builder, "address", destination->address);
  json_builder_set_member_name (builder, "label");
  if (destination->has_label)
    {
      g_autoptr(GBytes) label = g_bytes_new (destination->label, sizeof destination->label);
      g_autofree char *uuid = mesh_uuid_to_string (label);

      json_builder_add_string_value (builder, uuid);
    }
  else
    json_builder_add_null_value (builder);
}

static void
json_key_list (JsonBuilder       *builder,
               const char        *member,
               const MeshNodeKey *keys,
               guint              n_keys)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_keys; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, keys[i].index);
      json_builder_set_member_name (builder, "updated");
      json_builder_add_boolean_value (builder, keys[i].updated);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
mesh_cli_json_add_model (JsonBuilder *builder,
                         MeshModel   *model)
{
  MeshModelId id = mesh_cli_model_get_id (model);
  g_autofree char *id_text = mesh_cli_format_model_id (id);
  g_autofree char *name = mesh_model_id_describe (id);
  const MeshDestination *subscriptions;
  const MeshPublication *publication = mesh_model_get_publication (model);
  const guint16 *bindings;
  guint n;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id_text);
  json_builder_set_member_name (builder, "model_id");
  json_builder_add_int_value (builder, id.model_id);
  json_builder_set_member_name (builder, "vendor");
  json_builder_add_boolean_value (builder, id.vendor);
  mesh_cli_json_int_or_null (builder, "company_id", id.company_id, id.vendor);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);

  bindings = mesh_model_get_bindings (model, &n);
  json_builder_set_member_name (builder, "bindings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_int_value (builder, bindings[i]);
  json_builder_end_array (builder);

  subscriptions = mesh_model_get_subscriptions (model, &n);
  json_builder_set_member_name (builder, "subscriptions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      json_destination (builder, &subscriptions[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "publication");
  if (publication != NULL)
    {
      json_builder_begin_object (builder);
      json_destination (builder, &publication->destination);
      json_builder_set_member_name (builder, "app_key");
      json_builder_add_int_value (builder, publication->app_key_index);
      json_builder_set_member_name (builder, "ttl");
      json_builder_add_int_value (builder, publication->ttl);
      json_builder_set_member_name (builder, "period_ms");
      json_builder_add_int_value (builder, mesh_cli_period_to_ms (publication->period_steps,
                                                                  publication->period_resolution));
      json_builder_set_member_name (builder, "retransmit_count");
      json_builder_add_int_value (builder, publication->retransmit_count);
      json_builder_set_member_name (builder, "retransmit_interval_ms");
      json_builder_add_int_value (builder, mesh_cli_retransmit_interval_to_ms (
                                             publication->retransmit_interval_steps));
      json_builder_set_member_name (builder, "credentials");
      json_builder_add_int_value (builder, publication->credentials);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);
}

void
mesh_cli_json_add_node (MeshCli     *cli,
                        JsonBuilder *builder,
                        MeshNode    *node,
                        gboolean     with_elements)
{
  int cid = mesh_node_get_cid (node);
  const MeshNodeKey *keys;
  guint n;

  json_builder_begin_object (builder);
  mesh_cli_json_hex16 (builder, "unicast", mesh_node_get_unicast (node));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, mesh_node_get_uuid (node));
  mesh_cli_json_string_or_null (builder, "name", mesh_node_get_name (node));
  json_builder_set_member_name (builder, "element_count");
  json_builder_add_int_value (builder, mesh_node_get_element_count (node));
  json_builder_set_member_name (builder, "local");
  json_builder_add_boolean_value (builder, node == mesh_cli_get_own_node (cli));
  mesh_cli_json_int_or_null (builder, "cid", cid, cid >= 0);
  mesh_cli_json_string_or_null (builder, "company", cid >= 0 ? mesh_company_get_name (cid) : NULL);
  mesh_cli_json_int_or_null (builder, "pid", mesh_node_get_pid (node), mesh_node_get_pid (node) >= 0);
  mesh_cli_json_int_or_null (builder, "vid", mesh_node_get_vid (node), mesh_node_get_vid (node) >= 0);
  mesh_cli_json_int_or_null (builder, "crpl", mesh_node_get_crpl (node),
                             mesh_node_get_crpl (node) >= 0);
  mesh_cli_json_int_or_null (builder, "default_ttl", mesh_node_get_default_ttl (node),
                             mesh_node_get_default_ttl (node) >= 0);
  json_builder_set_member_name (builder, "features");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "relay");
  json_builder_add_string_value (builder, mesh_cli_feature_state_name (mesh_node_get_relay (node)));
  json_builder_set_member_name (builder, "proxy");
  json_builder_add_string_value (builder, mesh_cli_feature_state_name (mesh_node_get_proxy (node)));
  json_builder_set_member_name (builder, "friend");
  json_builder_add_string_value (builder, mesh_cli_feature_state_name (mesh_node_get_friend (node)));
  json_builder_set_member_name (builder, "low_power");
  json_builder_add_string_value (builder,
                                 mesh_cli_feature_state_name (mesh_node_get_low_power (node)));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "excluded");
  json_builder_add_boolean_value (builder, mesh_node_get_excluded (node));
  json_builder_set_member_name (builder, "config_complete");
  json_builder_add_boolean_value (builder, mesh_node_get_config_complete (node));
  keys = mesh_node_get_net_keys (node, &n);
  json_key_list (builder, "net_keys", keys, n);
  keys = mesh_node_get_app_keys (node, &n);
  json_key_list (builder, "app_keys", keys, n);

  if (with_elements)
    {
      GListModel *elements = mesh_node_get_elements (node);

      json_builder_set_member_name (builder, "elements");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
        {
          g_autoptr(MeshElement) element = g_list_model_get_item (elements, i);
          GListModel *models = mesh_element_get_models (element);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "index");
          json_builder_add_int_value (builder, mesh_element_get_index (element));
          mesh_cli_json_hex16 (builder, "address", mesh_element_get_address (element));
          json_builder_set_member_name (builder, "location");
          json_builder_add_int_value (builder, mesh_element_get_location (element));
          mesh_cli_json_string_or_null (builder, "name", mesh_element_get_name (element));
          json_builder_set_member_name (builder, "models");
          json_builder_begin_array (builder);
          for (guint m = 0; m < g_list_model_get_n_items (models); m++)
            {
              g_autoptr(MeshModel) model = g_list_model_get_item (models, m);

              mesh_cli_json_add_model (builder, model);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
}

/* Text */

void
mesh_cli_print_model (MeshModel  *model,
                      const char *indent)
{
  g_autofree char *name = mesh_cli_describe_model (mesh_cli_model_get_id (model));
  const MeshPublication *publication = mesh_model_get_publication (model);
  const MeshDestination *subscriptions;
  const guint16 *bindings;
  guint n;

  g_print ("%s%s\n", indent, name);

  bindings = mesh_model_get_bindings (model, &n);
  if (n > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (list, "%s%u", i ? ", " : "", bindings[i]);
      /* Translators: followed by a list of AppKey indexes */
      g_print ("%s  %s %s\n", indent, _("Bound to AppKey"), list->str);
    }

  subscriptions = mesh_model_get_subscriptions (model, &n);
  if (n > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *address = mesh_cli_describe_destination (&subscriptions[i]);

          g_string_append_printf (list, "%s%s", i ? ", " : "", address);
        }
      /* Translators: followed by a list of addresses */
      g_print ("%s  %s %s\n", indent, _("Subscribed to"), list->str);
    }

  if (publication != NULL)
    {
      g_autofree char *destination = mesh_cli_describe_destination (&publication->destination);
      g_autofree char *ttl = publication->ttl == MESH_TTL_USE_DEFAULT
                             ? g_strdup (_("default TTL"))
                             : g_strdup_printf (_("TTL %u"), publication->ttl);

      g_print (_("%s  Publishes to %s with AppKey %u, %s, period %u ms, %u retransmissions "
                 "every %u ms\n"),
               indent, destination, publication->app_key_index, ttl,
               mesh_cli_period_to_ms (publication->period_steps, publication->period_resolution),
               publication->retransmit_count,
               mesh_cli_retransmit_interval_to_ms (publication->retransmit_interval_steps));
    }
}

static void
print_node (MeshCli  *cli,
            MeshNode *node)
{
  GListModel *elements = mesh_node_get_elements (node);
  g_autofree char *company = company_text (mesh_node_get_cid (node));
  g_autofree char *pid = unknown_or_hex (mesh_node_get_pid (node));
  g_autofree char *vid = unknown_or_hex (mesh_node_get_vid (node));
  g_autofree char *crpl = NULL;
  g_autofree char *ttl = NULL;
  g_autofree char *net_keys = NULL;
  g_autofree char *app_keys = NULL;
  const MeshNodeKey *keys;
  guint n;

  crpl = mesh_node_get_crpl (node) < 0 ? g_strdup (_("unknown"))
                                       : g_strdup_printf ("%d", mesh_node_get_crpl (node));
  ttl = mesh_node_get_default_ttl (node) < 0 ? g_strdup (_("unknown"))
                                             : g_strdup_printf ("%d", mesh_node_get_default_ttl (node));
  keys = mesh_node_get_net_keys (node, &n);
  net_keys = key_list_text (keys, n);
  keys = mesh_node_get_app_keys (node, &n);
  app_keys = key_list_text (keys, n);

  g_print (_("Node 0x%04X%s\n"), mesh_node_get_unicast (node),
           node == mesh_cli_get_own_node (cli) ? _(" (this computer)") : "");
  g_print ("  %-13s %s\n", _("UUID"), mesh_node_get_uuid (node));
  g_print ("  %-13s %s\n", _("Name"), mesh_node_get_name (node) ? mesh_node_get_name (node) : "—");
  g_print ("  %-13s %s\n", _("Company"), company);
  g_print ("  %-13s %s\n", _("Product"), pid);
  g_print ("  %-13s %s\n", _("Version"), vid);
  g_print ("  %-13s %s\n", _("CRPL"), crpl);
  g_print ("  %-13s relay %s, proxy %s, friend %s, low power %s\n", _("Features"),
           mesh_cli_feature_state_name (mesh_node_get_relay (node)),
           mesh_cli_feature_state_name (mesh_node_get_proxy (node)),
           mesh_cli_feature_state_name (mesh_node_get_friend (node)),
           mesh_cli_feature_state_name (mesh_node_get_low_power (node)));
  g_print ("  %-13s %s\n", _("Default TTL"), ttl);
  g_print ("  %-13s %s\n", _("NetKeys"), net_keys);
  g_print ("  %-13s %s\n", _("AppKeys"), app_keys);

  if (g_list_model_get_n_items (elements) == 0)
    g_print (_("  The node’s elements are unknown: read them with “meshprov composition "
               "0x%04X”.\n"), mesh_node_get_unicast (node));

  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MeshElement) element = g_list_model_get_item (elements, i);
      GListModel *models = mesh_element_get_models (element);

      g_print (_("  Element %u (0x%04X, location 0x%04X)%s%s\n"), mesh_element_get_index (element),
               mesh_element_get_address (element), mesh_element_get_location (element),
               mesh_element_get_name (element) ? " " : "",
               mesh_element_get_name (element) ? mesh_element_get_name (element) : "");
      for (guint m = 0; m < g_list_model_get_n_items (models); m++)
        {
          g_autoptr(MeshModel) model = g_list_model_get_item (models, m);

          mesh_cli_print_model (model, "    ");
        }
    }
}

static void
show_node (MeshCli  *cli,
           MeshNode *node)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      mesh_cli_json_add_node (cli, builder, node, TRUE);
      mesh_cli_print_json (builder);
    }
  else
    print_node (cli, node);
}

/* Commands */

static gboolean
nodes_run (MeshCli  *cli,
           char    **args,
           GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(MeshCliTable) table = NULL;
  GListModel *nodes;

  if (!mesh_cli_open (cli, error))
    return FALSE;
  nodes = mesh_network_get_nodes (cli->network);

  table = mesh_cli_table_new (_("ADDRESS"), _("ELEMENTS"), _("UUID"), _("COMPANY"), _("NAME"),
                              NULL);
  json_builder_begin_array (builder);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (nodes, i);
      g_autofree char *address = g_strdup_printf ("0x%04X", mesh_node_get_unicast (node));
      g_autofree char *count = g_strdup_printf ("%u", mesh_node_get_element_count (node));
      g_autofree char *company = company_text (mesh_node_get_cid (node));
      g_autofree char *name = NULL;

      if (node == mesh_cli_get_own_node (cli))
        name = g_strdup_printf ("%s%s", mesh_node_get_name (node) ? mesh_node_get_name (node) : "",
                                _(" (this computer)"));
      else
        name = g_strdup (mesh_node_get_name (node) ? mesh_node_get_name (node) : "—");

      mesh_cli_json_add_node (cli, builder, node, FALSE);
      mesh_cli_table_add_row (table, address, count, mesh_node_get_uuid (node), company, name,
                              NULL);
    }

  json_builder_end_array (builder);
  if (cli->json)
    mesh_cli_print_json (builder);
  else
    mesh_cli_table_print (table);

  return TRUE;
}

static gboolean
node_run (MeshCli  *cli,
          char    **args,
          GError  **error)
{
  MeshNode *node = mesh_cli_open_node (cli, args[0], error);

  if (node == NULL)
    return FALSE;

  show_node (cli, node);
  return TRUE;
}

static gboolean
composition_run (MeshCli  *cli,
                 char    **args,
                 GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  MeshNode *node = mesh_cli_open_node (cli, args[0], error);

  if (node == NULL)
    return FALSE;

  mesh_config_engine_composition_get_async (mesh_cli_get_engine (cli), node, 0, cli->cancellable,
                                            mesh_cli_result_cb, &result);
  if (!mesh_cli_finish_config (cli, &result, mesh_config_engine_composition_get_finish, error))
    return FALSE;

  show_node (cli, node);
  return TRUE;
}

static gboolean
rename_run (MeshCli  *cli,
            char    **args,
            GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  MeshNode *node = mesh_cli_open_node (cli, args[0], error);

  if (node == NULL)
    return FALSE;

  mesh_node_set_name (node, args[1][0] ? args[1] : NULL);
  mesh_store_update_async (cli->store, node, NULL, mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);
  if (!mesh_store_update_finish (cli->store, result, error))
    return FALSE;

  if (cli->json)
    show_node (cli, node);
  else if (mesh_node_get_name (node) != NULL)
    g_print (_("Node 0x%04X is now named “%s”.\n"), mesh_node_get_unicast (node),
             mesh_node_get_name (node));
  else
    g_print (_("Node 0x%04X has no name now.\n"), mesh_node_get_unicast (node));
  return TRUE;
}

/* reset and remove: mesh_session_remove_node_async(), with or without
 * Config Node Reset first. */
static gboolean
remove_node (MeshCli     *cli,
             const char  *address,
             gboolean     reset_first,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  MeshNode *node = mesh_cli_open_node (cli, address, error);
  guint16 unicast;

  if (node == NULL)
    return FALSE;

  unicast = mesh_node_get_unicast (node);
  if (reset_first)
    mesh_cli_info (cli, _("Resetting node 0x%04X…"), unicast);
  mesh_session_remove_node_async (cli->session, node, reset_first, cli->cancellable,
                                  mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);
  if (!mesh_session_remove_node_finish (cli->session, result, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      mesh_cli_json_hex16 (builder, "unicast", unicast);
      json_builder_set_member_name (builder, "reset");
      json_builder_add_boolean_value (builder, reset_first);
      json_builder_set_member_name (builder, "removed");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
      mesh_cli_print_json (builder);
    }
  else if (reset_first)
    g_print (_("Node 0x%04X was reset and removed from the network.\n"), unicast);
  else
    g_print (_("Node 0x%04X was removed from the network.\n"), unicast);

  return TRUE;
}

static gboolean
reset_run (MeshCli  *cli,
           char    **args,
           GError  **error)
{
  return remove_node (cli, args[0], TRUE, error);
}

static gboolean
remove_run (MeshCli  *cli,
            char    **args,
            GError  **error)
{
  return remove_node (cli, args[0], FALSE, error);
}

#define NODE_JSON \
  "{\"unicast\", \"uuid\", \"name\", \"element_count\", \"local\" (this computer’s node), " \
  "\"cid\", \"company\", \"pid\", \"vid\", \"crpl\", \"default_ttl\", \"features\": " \
  "{\"relay\", \"proxy\", \"friend\", \"low_power\": \"enabled\" | \"disabled\" | " \
  "\"unsupported\" | \"unknown\"}, \"excluded\", \"config_complete\", \"net_keys\" and " \
  "\"app_keys\": [{\"index\", \"updated\"}]"
#define ELEMENTS_JSON \
  ", \"elements\": [{\"index\", \"address\", \"location\", \"name\", \"models\": [MODEL]}]}\n" \
  "MODEL: {\"id\" (\"1000\" or \"05f1:0001\"), \"model_id\", \"vendor\", \"company_id\", " \
  "\"name\", \"bindings\": [APPKEY], \"subscriptions\": [{\"address\", \"label\"}], " \
  "\"publication\": null or {\"address\", \"label\", \"app_key\", \"ttl\" (255: the node’s " \
  "default), \"period_ms\", \"retransmit_count\", \"retransmit_interval_ms\", " \
  "\"credentials\"}}"

const MeshCliCommand mesh_cli_node_commands[] = {
  { "nodes", "", N_("List the nodes of the network"), NULL,
    "[" NODE_JSON "}]",
    0, 0, MESH_CLI_NEEDS_NETWORK, NULL, nodes_run },
  { "node", "ADDR", N_("Show a node with its elements and models"),
    N_("Shows what the database knows, as the node confirmed it."),
    NODE_JSON ELEMENTS_JSON,
    1, 1, MESH_CLI_NEEDS_NETWORK, NULL, node_run },
  { "composition", "ADDR", N_("Read a node’s composition (elements and models) again"),
    N_("Asks the node for its Composition Data page 0 and stores it, keeping the bindings, "
       "subscriptions and publications of the models it still has."),
    "as for “meshprov node”",
    1, 1, MESH_CLI_NEEDS_ATTACHED, NULL, composition_run },
  { "rename", "ADDR NAME", N_("Name a node (an empty NAME removes the name)"), NULL,
    "as for “meshprov node”",
    2, 2, MESH_CLI_NEEDS_NETWORK, NULL, rename_run },
  { "reset", "ADDR", N_("Reset a node and remove it from the network"),
    N_("The node forgets the network (a node that does not answer in time is taken as reset: "
       "bluetooth-meshd devices leave before they answer); its addresses are excluded, and "
       "its device key removed from the keyring and bluetooth-meshd."),
    "{\"unicast\", \"reset\": true, \"removed\": true}",
    1, 1, MESH_CLI_NEEDS_ATTACHED, NULL, reset_run },
  { "remove", "ADDR", N_("Remove a node from the network without resetting it"),
    N_("For a node that is gone or broken: nothing is sent to it. Its addresses are excluded, "
       "and its device key removed from the keyring and bluetooth-meshd."),
    "{\"unicast\", \"reset\": false, \"removed\": true}",
    1, 1, MESH_CLI_NEEDS_ATTACHED, NULL, remove_run },
  { NULL }
};
