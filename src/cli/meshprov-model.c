/* meshprov-model.c
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
#include "meshprov-private.h"

/* meshprov bind, unbind, sub add/del/clear, pub set/clear: the
 * configuration of one model of one element of a node. */

#define ELEMENT_INDEX_MAX 254
#define KEY_INDEX_MAX 0xFFF

static char *pub_ttl;
static char *pub_period;
static char *pub_retransmit;
static gboolean pub_friendship;

/* ADDR ELEMENT MODEL, found in the database. */
typedef struct
{
  MeshNode    *node;
  MeshModel   *model;
  MeshModelId  id;
  guint        element_index;
  guint16      element_address;
} Target;

static gboolean
find_target (MeshCli  *cli,
             char    **args,
             Target   *target,
             GError  **error)
{
  MeshElement *element;
  guint16 unicast;
  guint n_elements;

  /* The caller has read its own arguments: the last ones to read before
   * the database and meshd are opened. */
  if (!mesh_cli_parse_unicast (args[0], "ADDR", &unicast, error)
      || !mesh_cli_parse_uint (args[1], "ELEMENT", ELEMENT_INDEX_MAX, &target->element_index, error)
      || !mesh_cli_parse_model (args[2], &target->id, error)
      || !mesh_cli_open (cli, error))
    return FALSE;

  target->node = mesh_cli_find_node (cli, unicast, error);
  if (target->node == NULL)
    return FALSE;

  n_elements = g_list_model_get_n_items (mesh_node_get_elements (target->node));
  if (n_elements == 0)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                   _("The elements of node 0x%04X are unknown: read them with “meshprov "
                     "composition 0x%04X”."), unicast, unicast);
      return FALSE;
    }

  element = mesh_node_get_element (target->node, target->element_index);
  if (element == NULL)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Node 0x%04X has no element %u: it has %u element.",
                                "Node 0x%04X has no element %u: it has %u elements.", n_elements),
                   unicast, target->element_index, n_elements);
      return FALSE;
    }

  target->model = mesh_element_find_model (element,
                                           target->id.vendor
                                           ? ((guint32) target->id.company_id << 16) | target->id.model_id
                                           : target->id.model_id,
                                           target->id.vendor);
  if (target->model == NULL)
    {
      g_autofree char *name = mesh_cli_describe_model (target->id);

      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                   _("Element %u of node 0x%04X has no %s (see “meshprov node 0x%04X”)."),
                   target->element_index, unicast, name, unicast);
      return FALSE;
    }

  target->element_address = mesh_element_get_address (element);
  return TRUE;
}

static gboolean
parse_app_key (const char  *text,
               guint16     *index,
               GError     **error)
{
  guint value;

  if (!mesh_cli_parse_uint (text, "APPKEY", KEY_INDEX_MAX, &value, error))
    return FALSE;

  *index = value;
  return TRUE;
}

/* An AppKey the network has and the node knows. */
static gboolean
check_app_key (MeshCli  *cli,
               Target   *target,
               guint16   value,
               GError  **error)
{
  if (mesh_network_find_app_key (cli->network, value) == NULL)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                   _("The network has no AppKey %u: create it with “meshprov appkey add %u”."),
                   value, value);
      return FALSE;
    }

  if (mesh_node_has_app_key (target->node, value))
    return TRUE;

  g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
               _("Node 0x%04X does not have AppKey %u: add it with “meshprov appkey add %u "
                 "--node 0x%04X”."), mesh_node_get_unicast (target->node), value, value,
               mesh_node_get_unicast (target->node));
  return FALSE;
}

/* What the model looks like now, as confirmed and stored. */
static void
show_target (MeshCli *cli,
             Target  *target)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      mesh_cli_json_hex16 (builder, "unicast", mesh_node_get_unicast (target->node));
      json_builder_set_member_name (builder, "element");
      json_builder_add_int_value (builder, target->element_index);
      mesh_cli_json_hex16 (builder, "element_address", target->element_address);
      json_builder_set_member_name (builder, "model");
      mesh_cli_json_add_model (builder, target->model);
      json_builder_end_object (builder);
      mesh_cli_print_json (builder);
    }
  else
    {
      g_print (_("Node 0x%04X, element %u (0x%04X):\n"), mesh_node_get_unicast (target->node),
               target->element_index, target->element_address);
      mesh_cli_print_model (target->model, "  ");
    }
}

static gboolean
bind_or_unbind (MeshCli   *cli,
                char     **args,
                gboolean   bind,
                GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  Target target;
  guint16 app_key;

  if (!parse_app_key (args[3], &app_key, error)
      || !find_target (cli, args, &target, error)
      || !check_app_key (cli, &target, app_key, error))
    return FALSE;

  if (bind)
    {
      mesh_config_engine_model_app_bind_async (mesh_cli_get_engine (cli), target.node,
                                               target.element_address, target.id, app_key,
                                               cli->cancellable, mesh_cli_result_cb, &result);
      if (!mesh_cli_finish_config (cli, &result, mesh_config_engine_model_app_bind_finish, error))
        return FALSE;
    }
  else
    {
      mesh_config_engine_model_app_unbind_async (mesh_cli_get_engine (cli), target.node,
                                                 target.element_address, target.id, app_key,
                                                 cli->cancellable, mesh_cli_result_cb, &result);
      if (!mesh_cli_finish_config (cli, &result, mesh_config_engine_model_app_unbind_finish,
                                   error))
        return FALSE;
    }

  show_target (cli, &target);
  return TRUE;
}

static gboolean
bind_run (MeshCli  *cli,
          char    **args,
          GError  **error)
{
  return bind_or_unbind (cli, args, TRUE, error);
}

static gboolean
unbind_run (MeshCli  *cli,
            char    **args,
            GError  **error)
{
  return bind_or_unbind (cli, args, FALSE, error);
}

static gboolean
sub_add_or_del (MeshCli   *cli,
                char     **args,
                gboolean   add,
                GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  MeshDestination group;
  Target target;

  if (!mesh_cli_parse_subscription (args[3], &group, error) || !find_target (cli, args, &target, error))
    return FALSE;

  if (add)
    {
      mesh_config_engine_subscription_add_async (mesh_cli_get_engine (cli), target.node,
                                                 target.element_address, target.id, &group,
                                                 cli->cancellable, mesh_cli_result_cb, &result);
      if (!mesh_cli_finish_config (cli, &result, mesh_config_engine_subscription_add_finish,
                                   error))
        return FALSE;
    }
  else
    {
      mesh_config_engine_subscription_delete_async (mesh_cli_get_engine (cli), target.node,
                                                    target.element_address, target.id, &group,
                                                    cli->cancellable, mesh_cli_result_cb, &result);
      if (!mesh_cli_finish_config (cli, &result, mesh_config_engine_subscription_delete_finish,
                                   error))
        return FALSE;
    }

  show_target (cli, &target);
  return TRUE;
}

static gboolean
sub_add_run (MeshCli  *cli,
             char    **args,
             GError  **error)
{
  return sub_add_or_del (cli, args, TRUE, error);
}

static gboolean
sub_del_run (MeshCli  *cli,
             char    **args,
             GError  **error)
{
  return sub_add_or_del (cli, args, FALSE, error);
}

static gboolean
sub_clear_run (MeshCli  *cli,
               char    **args,
               GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  Target target;

  if (!find_target (cli, args, &target, error))
    return FALSE;

  mesh_config_engine_subscription_delete_all_async (mesh_cli_get_engine (cli), target.node,
                                                    target.element_address, target.id,
                                                    cli->cancellable, mesh_cli_result_cb, &result);
  if (!mesh_cli_finish_config (cli, &result, mesh_config_engine_subscription_delete_all_finish,
                               error))
    return FALSE;

  show_target (cli, &target);
  return TRUE;
}

static gboolean
publish (MeshCli                *cli,
         Target                 *target,
         const MeshPublication  *publication,
         GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_config_engine_publication_set_async (mesh_cli_get_engine (cli), target->node,
                                            target->element_address, target->id, publication,
                                            cli->cancellable, mesh_cli_result_cb, &result);
  if (!mesh_cli_finish_config (cli, &result, mesh_config_engine_publication_set_finish, error))
    return FALSE;

  show_target (cli, target);
  return TRUE;
}

static gboolean
pub_set_run (MeshCli  *cli,
             char    **args,
             GError  **error)
{
  MeshPublication publication = { 0 };
  Target target;

  publication.ttl = MESH_TTL_USE_DEFAULT;
  publication.credentials = pub_friendship ? 1 : 0;
  if (!mesh_cli_parse_destination (args[3], &publication.destination, error)
      || (pub_ttl && !mesh_cli_parse_ttl (pub_ttl, &publication.ttl, error))
      || (pub_period && !mesh_cli_parse_period (pub_period, &publication.period_steps,
                                                &publication.period_resolution, error))
      || (pub_retransmit && !mesh_cli_parse_retransmit (pub_retransmit,
                                                        &publication.retransmit_count,
                                                        &publication.retransmit_interval_steps,
                                                        error))
      || !parse_app_key (args[4], &publication.app_key_index, error)
      || !find_target (cli, args, &target, error)
      || !check_app_key (cli, &target, publication.app_key_index, error))
    return FALSE;

  return publish (cli, &target, &publication, error);
}

static gboolean
pub_clear_run (MeshCli  *cli,
               char    **args,
               GError  **error)
{
  Target target;

  if (!find_target (cli, args, &target, error))
    return FALSE;

  return publish (cli, &target, NULL, error);
}

static const GOptionEntry pub_entries[] = {
  { "ttl", 0, 0, G_OPTION_ARG_STRING, &pub_ttl,
    N_("0 to 127, or “default” for the node’s Default TTL (the default)"), N_("N") },
  { "period", 0, 0, G_OPTION_ARG_STRING, &pub_period,
    N_("Publish periodically, every MS milliseconds (default 0: only on changes)"), N_("MS") },
  { "retransmit", 0, 0, G_OPTION_ARG_STRING, &pub_retransmit,
    N_("Send each message COUNT more times (0–7), INTERVAL_MS apart (50–1600, default 50)"),
    N_("COUNT[,INTERVAL_MS]") },
  { "friendship", 0, 0, G_OPTION_ARG_NONE, &pub_friendship,
    N_("Use the friendship credentials"), NULL },
  { NULL }
};

#define MODEL_JSON \
  "{\"unicast\", \"element\", \"element_address\", \"model\": MODEL (see “meshprov node " \
  "--help”)}"

const MeshCliCommand mesh_cli_model_commands[] = {
  { "bind", "ADDR ELEMENT MODEL APPKEY", N_("Bind a model to an AppKey"),
    N_("The node must have the AppKey (see “meshprov appkey add --help”)."), MODEL_JSON,
    4, 4, MESH_CLI_NEEDS_ATTACHED, NULL, bind_run },
  { "unbind", "ADDR ELEMENT MODEL APPKEY", N_("Unbind a model from an AppKey"), NULL,
    MODEL_JSON, 4, 4, MESH_CLI_NEEDS_ATTACHED, NULL, unbind_run },
  { "sub add", "ADDR ELEMENT MODEL GROUP", N_("Subscribe a model to a group or virtual address"),
    NULL, MODEL_JSON, 4, 4, MESH_CLI_NEEDS_ATTACHED, NULL, sub_add_run },
  { "sub del", "ADDR ELEMENT MODEL GROUP", N_("Remove a subscription of a model"),
    NULL, MODEL_JSON, 4, 4, MESH_CLI_NEEDS_ATTACHED, NULL, sub_del_run },
  { "sub clear", "ADDR ELEMENT MODEL", N_("Remove all subscriptions of a model"),
    NULL, MODEL_JSON, 3, 3, MESH_CLI_NEEDS_ATTACHED, NULL, sub_clear_run },
  { "pub set", "ADDR ELEMENT MODEL DEST APPKEY", N_("Set where a model publishes"),
    N_("DEST is a unicast or group address or a Label UUID; the node must have APPKEY."),
    MODEL_JSON, 5, 5, MESH_CLI_NEEDS_ATTACHED, pub_entries, pub_set_run },
  { "pub clear", "ADDR ELEMENT MODEL", N_("Stop a model’s publication"),
    NULL, MODEL_JSON, 3, 3, MESH_CLI_NEEDS_ATTACHED, NULL, pub_clear_run },
  { NULL }
};
