/* meshprov-util.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "mesh-element.h"
#include "mesh-error.h"
#include "mesh-model.h"
#include "mesh-names.h"
#include "mesh-uuid.h"
#include "meshprov-private.h"

/* Waiting, finding nodes, and the output helpers of the commands. */

struct _MeshCliTable
{
  guint      n_columns;
  GPtrArray *rows;    /* GStrv, the header first */
};

/* Waiting */

void
mesh_cli_result_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

GAsyncResult *
mesh_cli_wait (GAsyncResult **slot)
{
  /* Every asynchronous call completes, cancelled or not: no time limit
   * here (the operations have their own). */
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (slot);
}

static gboolean
wake_cb (gpointer user_data)
{
  gboolean *fired = user_data;

  *fired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
mesh_cli_wait_until (MeshCli   *cli,
                     gboolean (*condition) (gpointer data),
                     gpointer   data,
                     guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id = 0;
  gboolean result;

  if (timeout_ms > 0)
    timeout_id = g_timeout_add (timeout_ms, wake_cb, &timed_out);

  /* What the condition looks at changes only in a dispatch (a D-Bus
   * message, a timer of the core): checking after each iteration is
   * enough. */
  while (!(result = condition (data)) && !timed_out && !mesh_cli_interrupted (cli))
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out && timeout_id != 0)
    g_source_remove (timeout_id);

  return result;
}

gboolean
mesh_cli_interrupted (MeshCli *cli)
{
  return g_cancellable_is_cancelled (cli->cancellable);
}

gboolean
mesh_cli_finish_config (MeshCli              *cli,
                        GAsyncResult        **slot,
                        MeshCliConfigFinish   finish,
                        GError              **error)
{
  g_autoptr(GAsyncResult) result = mesh_cli_wait (slot);
  MeshConfigStatus *status = finish (mesh_cli_get_engine (cli), result, error);

  if (status == NULL)
    return FALSE;

  mesh_config_status_free (status);
  return TRUE;
}

/* Nodes */

gboolean
mesh_cli_load_elements (MeshCli   *cli,
                        MeshNode  *node,
                        GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (mesh_node_get_elements_loaded (node))
    return TRUE;

  mesh_store_load_elements_async (cli->store, cli->network, node, cli->cancellable,
                                  mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);

  return mesh_store_load_elements_finish (cli->store, result, error);
}

MeshNode *
mesh_cli_find_node (MeshCli  *cli,
                    guint16   unicast,
                    GError  **error)
{
  MeshNode *node;

  node = mesh_network_find_node_by_address (cli->network, unicast);
  if (node == NULL)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                   _("No node of the network has the address 0x%04X (see “meshprov nodes”)."),
                   unicast);
      return NULL;
    }

  if (mesh_node_get_unicast (node) != unicast)
    {
      g_set_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                   _("0x%04X is an element of node 0x%04X: give the node’s address and the "
                     "element’s index."), unicast, mesh_node_get_unicast (node));
      return NULL;
    }

  if (!mesh_cli_load_elements (cli, node, error))
    return NULL;

  return node;
}

MeshNode *
mesh_cli_open_node (MeshCli     *cli,
                    const char  *address,
                    GError     **error)
{
  guint16 unicast;

  if (!mesh_cli_parse_unicast (address, "ADDR", &unicast, error) || !mesh_cli_open (cli, error))
    return NULL;

  return mesh_cli_find_node (cli, unicast, error);
}

MeshNode *
mesh_cli_get_own_node (MeshCli *cli)
{
  const char *uuid = mesh_network_get_local_provisioner_uuid (cli->network);

  return uuid != NULL ? mesh_network_find_node_by_uuid (cli->network, uuid) : NULL;
}

MeshConfigEngine *
mesh_cli_get_engine (MeshCli *cli)
{
  return mesh_session_get_engine (cli->session);
}

/* Messages */

void
mesh_cli_info (MeshCli    *cli,
               const char *format,
               ...)
{
  g_autofree char *text = NULL;
  va_list args;

  if (!cli->verbose)
    return;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s\n", text);
}

void
mesh_cli_note (const char *format,
               ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s\n", text);
}

/* JSON */

void
mesh_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Addresses are numbers in JSON: scripts compare them without parsing
 * hex; the text output shows them in hex. */
void
mesh_cli_json_hex16 (JsonBuilder *builder,
                     const char  *member,
                     guint16      value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
mesh_cli_json_string_or_null (JsonBuilder *builder,
                              const char  *member,
                              const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
mesh_cli_json_int_or_null (JsonBuilder *builder,
                           const char  *member,
                           gint64       value,
                           gboolean     known)
{
  json_builder_set_member_name (builder, member);
  if (known)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Tables */

static char **
collect_cells (const char *first,
               va_list     args)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_ptr_array_add (cells, g_strdup (cell));
  g_ptr_array_add (cells, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&cells), FALSE);
}

MeshCliTable *
mesh_cli_table_new (const char *first_header,
                    ...)
{
  MeshCliTable *table = g_new0 (MeshCliTable, 1);
  char **header;
  va_list args;

  va_start (args, first_header);
  header = collect_cells (first_header, args);
  va_end (args);

  table->n_columns = g_strv_length (header);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (table->rows, header);

  return table;
}

void
mesh_cli_table_add_row (MeshCliTable *table,
                        const char   *first_cell,
                        ...)
{
  char **row;
  va_list args;

  va_start (args, first_cell);
  row = collect_cells (first_cell, args);
  va_end (args);

  g_return_if_fail (g_strv_length (row) == table->n_columns);
  g_ptr_array_add (table->rows, row);
}

void
mesh_cli_table_print (MeshCliTable *table)
{
  g_autofree glong *widths = g_new0 (glong, table->n_columns);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      g_string_truncate (line, 0);
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append (line, row[c]);
          /* No trailing blanks after the last column. */
          if (c + 1 < table->n_columns)
            for (glong pad = g_utf8_strlen (row[c], -1); pad < widths[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
    }
}

void
mesh_cli_table_free (MeshCliTable *table)
{
  if (table == NULL)
    return;

  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* Names */

MeshModelId
mesh_cli_model_get_id (MeshModel *model)
{
  guint32 id = mesh_model_get_model_id (model);

  if (mesh_model_get_vendor (model))
    return mesh_model_id_vendor (id >> 16, id & 0xFFFF);

  return mesh_model_id_sig (id);
}

char *
mesh_cli_describe_model (MeshModelId model)
{
  g_autofree char *name = mesh_model_id_describe (model);

  if (model.vendor)
    return g_strdup_printf ("%s (%04x:%04x)", name, model.company_id, model.model_id);

  return g_strdup_printf ("%s (0x%04X)", name, model.model_id);
}

char *
mesh_cli_describe_destination (const MeshDestination *destination)
{
  if (destination->has_label)
    {
      g_autoptr(GBytes) label = g_bytes_new (destination->label, sizeof destination->label);
      g_autofree char *uuid = mesh_uuid_to_string (label);

      /* Translators: a virtual address: %04X is its 16-bit value, %s its
       * Label UUID */
      return g_strdup_printf (_("0x%04X (label %s)"), destination->address, uuid);
    }

  return g_strdup_printf ("0x%04X", destination->address);
}

const char *
mesh_cli_feature_state_name (MeshFeatureState state)
{
  switch (state)
    {
    case MESH_FEATURE_STATE_DISABLED:
      return "disabled";
    case MESH_FEATURE_STATE_ENABLED:
      return "enabled";
    case MESH_FEATURE_STATE_NOT_SUPPORTED:
      return "unsupported";
    case MESH_FEATURE_STATE_UNKNOWN:
    default:
      return "unknown";
    }
}
