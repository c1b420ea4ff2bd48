/* meshprov-generic.c
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

/* meshprov onoff: Generic OnOff get and set. */

#define GENERIC_ONOFF_SERVER 0x1000
#define ELEMENT_INDEX_MAX 254
#define KEY_INDEX_MAX 0xFFF

static int element_index;
static int app_key_option = -1;
static gboolean no_ack;

/* The AppKey to send with: --appkey, else the first one the element's
 * Generic OnOff Server is bound to. */
static gboolean
choose_app_key (MeshCli   *cli,
                MeshNode  *node,
                guint16   *app_key,
                GError   **error)
{
  MeshElement *element = mesh_node_get_element (node, element_index);
  MeshModel *server;
  const guint16 *bindings;
  guint n;

  if (element == NULL && g_list_model_get_n_items (mesh_node_get_elements (node)) > 0)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND, _("Node 0x%04X has no element %d."),
                   mesh_node_get_unicast (node), element_index);
      return FALSE;
    }

  server = element ? mesh_element_find_model (element, GENERIC_ONOFF_SERVER, FALSE) : NULL;
  if (element != NULL && server == NULL)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                   _("Element %d of node 0x%04X has no Generic OnOff Server."), element_index,
                   mesh_node_get_unicast (node));
      return FALSE;
    }

  if (app_key_option >= 0)
    {
      *app_key = app_key_option;
      return TRUE;
    }

  bindings = server ? mesh_model_get_bindings (server, &n) : NULL;
  if (bindings == NULL || n == 0)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                   _("The Generic OnOff Server of element %d of node 0x%04X is bound to no "
                     "AppKey: bind one with “meshprov bind 0x%04X %d 1000 APPKEY” or give "
                     "--appkey."), element_index, mesh_node_get_unicast (node),
                   mesh_node_get_unicast (node), element_index);
      return FALSE;
    }

  *app_key = bindings[0];
  return TRUE;
}

static gboolean
onoff_run (MeshCli  *cli,
           char    **args,
           GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  MeshConfigEngine *engine;
  MeshGenericOnOffStatus status = { 0 };
  gboolean set = args[1] != NULL;
  gboolean on = FALSE;
  gboolean ok;
  guint16 destination;
  guint16 app_key;
  MeshNode *node;

  if (set)
    {
      if (g_str_equal (args[1], "on"))
        on = TRUE;
      else if (!g_str_equal (args[1], "off"))
        {
          g_set_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                       _("The state must be “on” or “off”, not “%s”."), args[1]);
          return FALSE;
        }
    }
  if (element_index < 0 || element_index > ELEMENT_INDEX_MAX
      || app_key_option > KEY_INDEX_MAX)
    {
      g_set_error_literal (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                           _("--element must be from 0 to 254 and --appkey from 0 to 4095."));
      return FALSE;
    }
  if (no_ack && !set)
    {
      g_set_error_literal (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                           _("--no-ack is for setting the state only."));
      return FALSE;
    }

  node = mesh_cli_open_node (cli, args[0], error);
  if (node == NULL || !choose_app_key (cli, node, &app_key, error))
    return FALSE;
  if (element_index >= (int) mesh_node_get_element_count (node))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND, _("Node 0x%04X has no element %d."),
                   mesh_node_get_unicast (node), element_index);
      return FALSE;
    }
  destination = mesh_node_get_unicast (node) + element_index;
  engine = mesh_cli_get_engine (cli);

  if (set)
    {
      mesh_config_engine_generic_onoff_set_async (engine, destination, app_key, on, NULL, !no_ack,
                                                  cli->cancellable, mesh_cli_result_cb, &result);
      result = mesh_cli_wait (&result);
      ok = mesh_config_engine_generic_onoff_set_finish (engine, result, &status, error);
    }
  else
    {
      mesh_config_engine_generic_onoff_get_async (engine, destination, app_key, cli->cancellable,
                                                  mesh_cli_result_cb, &result);
      result = mesh_cli_wait (&result);
      ok = mesh_config_engine_generic_onoff_get_finish (engine, result, &status, error);
    }
  if (!ok)
    return FALSE;

  /* An unacknowledged set has no answer to show. */
  if (no_ack)
    {
      if (cli->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          mesh_cli_json_hex16 (builder, "address", destination);
          json_builder_set_member_name (builder, "sent");
          json_builder_add_boolean_value (builder, on);
          json_builder_end_object (builder);
          mesh_cli_print_json (builder);
        }
      return TRUE;
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      mesh_cli_json_hex16 (builder, "address", destination);
      json_builder_set_member_name (builder, "on");
      json_builder_add_boolean_value (builder, status.present);
      json_builder_set_member_name (builder, "target");
      if (status.has_target)
        json_builder_add_boolean_value (builder, status.target);
      else
        json_builder_add_null_value (builder);
      mesh_cli_json_int_or_null (builder, "remaining_ms",
                                 status.has_target ? (gint64) mesh_step_time_to_ms (status.remaining) : 0,
                                 status.has_target
                                 && status.remaining.steps != MESH_STEP_TIME_STEPS_UNKNOWN);
      json_builder_end_object (builder);
      mesh_cli_print_json (builder);
    }
  else if (status.has_target)
    /* Translators: 0x%04X is an element address; the states are "on" or
     * "off" */
    g_print (_("0x%04X: %s, going %s in %u ms\n"), destination,
             status.present ? _("on") : _("off"), status.target ? _("on") : _("off"),
             (guint) mesh_step_time_to_ms (status.remaining));
  else
    g_print ("0x%04X: %s\n", destination, status.present ? _("on") : _("off"));

  return TRUE;
}

static const GOptionEntry onoff_entries[] = {
  { "element", 'e', 0, G_OPTION_ARG_INT, &element_index,
    N_("The element’s index (default 0)"), N_("N") },
  { "appkey", 'k', 0, G_OPTION_ARG_INT, &app_key_option,
    N_("The AppKey to send with (default: the first one the server is bound to)"), N_("INDEX") },
  { "no-ack", 0, 0, G_OPTION_ARG_NONE, &no_ack,
    N_("Send an unacknowledged set (no answer)"), NULL },
  { NULL }
};

const MeshCliCommand mesh_cli_generic_commands[] = {
  { "onoff", "ADDR [on|off]", N_("Read or set a Generic OnOff Server"),
    N_("Without a state, reads it."),
    "{\"address\" (the element’s), \"on\", \"target\" (null when no transition runs), "
    "\"remaining_ms\"}; with --no-ack {\"address\", \"sent\"}",
    1, 2, MESH_CLI_NEEDS_ATTACHED, onoff_entries, onoff_run },
  { NULL }
};
