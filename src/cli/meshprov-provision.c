/* meshprov-provision.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>

#include "mesh-error.h"
#include "mesh-uuid.h"
#include "mesh-wire.h"
#include "meshprov-private.h"

/* meshprov scan, provision. */

#define DEFAULT_SCAN_SECONDS 10
#define DEFAULT_FIND_SECONDS 30

static int scan_seconds = DEFAULT_SCAN_SECONDS;
static int scan_count;

static char *static_oob;
static gboolean interactive;
static char *node_name;
static int find_seconds = DEFAULT_FIND_SECONDS;
static gboolean no_scan;
static char *server_option;
static char *subnet_option;

/* --server: the node whose Remote Provisioning Server to use, 0 without. */
static gboolean
parse_server (guint16  *server,
              GError  **error)
{
  *server = 0;

  return server_option == NULL
         || mesh_cli_parse_unicast (server_option, "--server", server, error);
}

/* The subnet a server is reached over; 0 (the primary) for an address
 * that is no node's, which meshd then refuses. */
static guint16
server_net_index (MeshCli *cli,
                  guint16  server)
{
  MeshNode *node = server ? mesh_network_find_node_by_address (cli->network, server) : NULL;

  return node ? mesh_node_get_reach_net_index (node) : 0;
}

/* scan */

typedef struct
{
  MeshScanner *scanner;
  guint        count;
} ScanWait;

static gboolean
scan_done (gpointer data)
{
  ScanWait *wait = data;

  if (mesh_scanner_get_error_message (wait->scanner) != NULL)
    return TRUE;

  return wait->count > 0
         && g_list_model_get_n_items (G_LIST_MODEL (wait->scanner)) >= wait->count;
}

static char *
hex_of (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  GString *text = g_string_sized_new (2 * size);

  for (gsize i = 0; i < size; i++)
    g_string_append_printf (text, "%02x", data[i]);

  return g_string_free (text, FALSE);
}

static gboolean
scan_run (MeshCli  *cli,
          char    **args,
          GError  **error)
{
  MeshScanner *scanner;
  ScanWait wait = { NULL, 0 };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(MeshCliTable) table = NULL;
  const char *scan_error;
  guint16 server;
  guint n;

  if (!parse_server (&server, error))
    return FALSE;
  if (scan_seconds <= 0 || scan_count < 0)
    {
      g_set_error_literal (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                           _("--seconds must be at least 1 and --count at least 0."));
      return FALSE;
    }
  wait.count = scan_count;
  if (!mesh_cli_open (cli, error))
    return FALSE;
  scanner = mesh_session_get_scanner (cli->session);
  wait.scanner = scanner;

  mesh_cli_info (cli, _("Scanning for %d s…"), scan_seconds);
  mesh_scanner_set_remote_server (scanner, server, server_net_index (cli, server));
  mesh_scanner_start (scanner);
  /* Ctrl+C ends the scan early: what was heard is still the answer. */
  mesh_cli_wait_until (cli, scan_done, &wait, scan_seconds * 1000);
  scan_error = mesh_scanner_get_error_message (scanner);
  if (scan_error != NULL)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_DAEMON_FAILED, scan_error);
      mesh_scanner_stop (scanner);
      return FALSE;
    }
  mesh_scanner_stop (scanner);

  table = mesh_cli_table_new (_("UUID"), _("RSSI"), _("OOB INFORMATION"), _("URI HASH"),
                              _("BEACONS"), _("VIA"), NULL);
  json_builder_begin_array (builder);

  n = g_list_model_get_n_items (G_LIST_MODEL (scanner));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshScannedDevice) device = g_list_model_get_item (G_LIST_MODEL (scanner), i);
      g_auto(GStrv) oob = mesh_scanned_device_get_oob_info_names (device);
      g_auto(GStrv) oob_keys = mesh_cli_oob_info_keys (mesh_scanned_device_get_oob_info (device));
      GBytes *uri_hash = mesh_scanned_device_get_uri_hash (device);
      g_autofree char *uri_hex = uri_hash ? hex_of (uri_hash) : NULL;
      g_autofree char *rssi = g_strdup_printf ("%d", mesh_scanned_device_get_rssi (device));
      g_autofree char *beacons = g_strdup_printf ("%u",
                                                  mesh_scanned_device_get_beacon_count (device));
      g_autofree char *oob_text = oob && oob[0] ? g_strjoinv (", ", oob) : g_strdup ("—");
      guint16 via = mesh_scanned_device_get_via (device);
      g_autofree char *via_text = via ? g_strdup_printf ("%04X", via) : g_strdup ("—");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, mesh_scanned_device_get_uuid_string (device));
      json_builder_set_member_name (builder, "rssi");
      json_builder_add_int_value (builder, mesh_scanned_device_get_rssi (device));
      json_builder_set_member_name (builder, "last_rssi");
      json_builder_add_int_value (builder, mesh_scanned_device_get_last_rssi (device));
      json_builder_set_member_name (builder, "oob_info");
      json_builder_add_int_value (builder, mesh_scanned_device_get_oob_info (device));
      json_builder_set_member_name (builder, "oob");
      json_builder_begin_array (builder);
      for (guint k = 0; oob_keys[k]; k++)
        json_builder_add_string_value (builder, oob_keys[k]);
      json_builder_end_array (builder);
      mesh_cli_json_string_or_null (builder, "uri_hash", uri_hex);
      json_builder_set_member_name (builder, "beacons");
      json_builder_add_int_value (builder, mesh_scanned_device_get_beacon_count (device));
      json_builder_set_member_name (builder, "via");
      if (via)
        json_builder_add_int_value (builder, via);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);

      mesh_cli_table_add_row (table, mesh_scanned_device_get_uuid_string (device), rssi,
                              oob_text, uri_hex ? uri_hex : "—", beacons, via_text, NULL);
    }
  json_builder_end_array (builder);

  if (cli->json)
    mesh_cli_print_json (builder);
  else if (n == 0)
    g_print ("%s\n", _("No unprovisioned device was heard."));
  else
    mesh_cli_table_print (table);

  return TRUE;
}

/* provision */

typedef struct
{
  MeshCli              *cli;
  MeshProvisionRequest *request;
  GDataInputStream     *input;          /* stdin, with --interactive */
  MeshOobRequest       *oob;            /* the prompt being answered */
  GPtrArray            *watched;        /* the prompts whose state we follow */
  GCancellable         *read_cancellable;
  gboolean              reading;
  char                 *refusal;        /* why a prompt was turned down */
} Provision;

static void ask (Provision *p);

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Provision *p = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gboolean answered = FALSE;
  guint64 number;

  p->reading = FALSE;
  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                    &error);
  if (p->oob == NULL || mesh_oob_request_get_state (p->oob) != MESH_OOB_STATE_PENDING)
    return;

  if (error != NULL || line == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        p->refusal = g_strdup (error ? error->message
                                     : _("The standard input ended before the device’s value "
                                         "was given."));
      mesh_oob_request_cancel (p->oob);
      g_clear_object (&p->oob);
      return;
    }

  g_strstrip (line);
  switch (mesh_oob_request_get_kind (p->oob))
    {
    case MESH_OOB_KIND_PROMPT_NUMBER:
      if (!g_ascii_string_to_unsigned (line, 10, 0, G_MAXUINT32, &number, NULL))
        g_set_error (&error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                     _("“%s” is not a number."), line);
      else
        answered = mesh_oob_request_answer_number (p->oob, number, &error);
      break;
    case MESH_OOB_KIND_PROMPT_STATIC:
      answered = mesh_oob_request_answer_static_hex (p->oob, line, &error);
      break;
    case MESH_OOB_KIND_PROMPT_TEXT:
      answered = mesh_oob_request_answer_text (p->oob, line, &error);
      break;
    case MESH_OOB_KIND_DISPLAY_NUMBER:
    case MESH_OOB_KIND_DISPLAY_TEXT:
    default:
      g_assert_not_reached ();
    }

  if (answered)
    {
      g_clear_object (&p->oob);
      return;
    }

  /* A wrong value: say why and ask again. */
  mesh_cli_note ("%s", error->message);
  ask (p);
}

static void
ask (Provision *p)
{
  g_printerr ("%s\n> ", mesh_oob_request_get_prompt (p->oob));
  p->reading = TRUE;
  g_data_input_stream_read_line_async (p->input, G_PRIORITY_DEFAULT, p->read_cancellable,
                                       read_line_cb, p);
}

static void
oob_state_cb (MeshOobRequest *oob,
              GParamSpec     *pspec,
              Provision      *p)
{
  /* meshd withdrew the prompt (or the provisioning ended): stop reading. */
  if (oob == p->oob && mesh_oob_request_get_state (oob) != MESH_OOB_STATE_PENDING && p->reading)
    g_cancellable_cancel (p->read_cancellable);
}

static void
oob_request_cb (MeshSession          *session,
                MeshOobRequest       *oob,
                MeshProvisionRequest *request,
                Provision            *p)
{
  if (request != p->request)
    return;

  /* The device takes a value we show: nothing to answer. */
  if (!mesh_oob_request_is_prompt (oob))
    {
      mesh_cli_note ("%s", mesh_oob_request_get_prompt (oob));
      return;
    }

  if (p->input == NULL)
    {
      g_free (p->refusal);
      if (mesh_oob_request_get_kind (oob) == MESH_OOB_KIND_PROMPT_STATIC)
        p->refusal = g_strdup (_("The device asks for its static OOB key: give it with "
                                 "--static-oob or enter it with --interactive."));
      else
        p->refusal = g_strdup (_("The device asks for a value it shows or signals: run again "
                                 "with --interactive to enter it."));
      mesh_oob_request_cancel (oob);
      return;
    }

  if (p->reading)
    {
      /* Only one prompt at a time: a new one replaces the old one. */
      g_cancellable_cancel (p->read_cancellable);
      g_clear_object (&p->read_cancellable);
      p->read_cancellable = g_cancellable_new ();
    }
  g_set_object (&p->oob, oob);
  g_signal_connect (oob, "notify::state", G_CALLBACK (oob_state_cb), p);
  g_ptr_array_add (p->watched, g_object_ref (oob));
  ask (p);
}

static void
step_cb (MeshProvisionRequest *request,
         GParamSpec           *pspec,
         MeshCli              *cli)
{
  mesh_cli_info (cli, "%s", mesh_provision_request_get_step_description (request));
}

static gboolean
request_finished (gpointer data)
{
  return mesh_provision_request_is_finished (data);
}

typedef struct
{
  MeshScanner *scanner;
  GBytes      *uuid;
} DeviceWait;

static gboolean
device_heard (gpointer data)
{
  DeviceWait *wait = data;

  return mesh_scanner_find (wait->scanner, wait->uuid) != NULL
         || mesh_scanner_get_error_message (wait->scanner) != NULL;
}

/* Heard first: AddNode for a silent device ends only after meshd's own
 * 60 s. */
static gboolean
wait_for_device (MeshCli     *cli,
                 GBytes      *uuid,
                 const char  *uuid_string,
                 GError     **error)
{
  DeviceWait wait = { mesh_session_get_scanner (cli->session), uuid };

  mesh_scanner_start (wait.scanner);
  if (mesh_scanner_find (wait.scanner, uuid) != NULL)
    return TRUE;

  mesh_cli_info (cli, _("Waiting for the device’s beacon…"));
  mesh_cli_wait_until (cli, device_heard, &wait, find_seconds * 1000);
  if (mesh_cli_interrupted (cli))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
      return FALSE;
    }
  if (mesh_scanner_get_error_message (wait.scanner) != NULL)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_DAEMON_FAILED,
                           mesh_scanner_get_error_message (wait.scanner));
      return FALSE;
    }
  if (mesh_scanner_find (wait.scanner, uuid) != NULL)
    return TRUE;

  g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
               _("No unprovisioned device %s was heard within %d s: check that it is on, "
                 "near and waiting to be provisioned."), uuid_string, find_seconds);
  return FALSE;
}

static void
print_provisioned (MeshCli              *cli,
                   MeshProvisionRequest *request,
                   MeshNode             *node)
{
  const GError *composition_error = mesh_provision_request_get_composition_error (request);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, mesh_node_get_uuid (node));
      mesh_cli_json_hex16 (builder, "unicast", mesh_node_get_unicast (node));
      json_builder_set_member_name (builder, "elements");
      json_builder_add_int_value (builder, mesh_node_get_element_count (node));
      mesh_cli_json_string_or_null (builder, "composition_error",
                                    composition_error ? composition_error->message : NULL);
      json_builder_end_object (builder);
      mesh_cli_print_json (builder);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Provisioned %s as node 0x%04X (%u element).\n",
                          "Provisioned %s as node 0x%04X (%u elements).\n",
                          mesh_node_get_element_count (node)),
             mesh_node_get_uuid (node), mesh_node_get_unicast (node),
             mesh_node_get_element_count (node));

  /* Still a success: the node is provisioned and stored. */
  if (composition_error != NULL)
    mesh_cli_note (_("The node’s composition could not be read (%s) Read it later with "
                     "“meshprov composition 0x%04X”."),
                   composition_error->message, mesh_node_get_unicast (node));
}

static gboolean
name_node (MeshCli   *cli,
           MeshNode  *node,
           GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_node_set_name (node, node_name);
  mesh_store_update_async (cli->store, node, NULL, mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);

  return mesh_store_update_finish (cli->store, result, error);
}

static void
provision_clear (Provision *p)
{
  if (p->read_cancellable)
    g_cancellable_cancel (p->read_cancellable);
  /* A read still pending holds the stream; let it end. */
  while (p->reading)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; p->watched && i < p->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (p->watched, i), p);
  g_clear_pointer (&p->watched, g_ptr_array_unref);
  g_clear_object (&p->read_cancellable);
  g_clear_object (&p->input);
  g_clear_object (&p->oob);
  g_clear_object (&p->request);
  g_clear_pointer (&p->refusal, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Provision, provision_clear)

static gboolean
provision_run (MeshCli  *cli,
               char    **args,
               GError  **error)
{
  g_auto(Provision) p = { cli };
  g_autoptr(GBytes) uuid = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autofree char *uuid_string = NULL;
  MeshScanner *scanner;
  const GError *failure;
  MeshNode *existing;
  MeshNode *node;
  gulong oob_id;
  guint16 server;
  guint net_index = MESH_PROVISIONING_ANY_NET_INDEX;

  uuid = mesh_cli_parse_uuid (args[0], error);
  if (uuid == NULL || !parse_server (&server, error))
    return FALSE;
  if (subnet_option != NULL
      && !mesh_cli_parse_uint (subnet_option, "--subnet", MESH_KEY_INDEX_MAX, &net_index, error))
    return FALSE;
  if (static_oob != NULL && interactive)
    {
      g_set_error_literal (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                           _("Give either --static-oob or --interactive, not both."));
      return FALSE;
    }
  if (static_oob != NULL && (key = mesh_cli_parse_key (static_oob, "--static-oob", error)) == NULL)
    return FALSE;
  if (find_seconds <= 0)
    {
      g_set_error_literal (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                           _("--find-seconds must be at least 1."));
      return FALSE;
    }
  if (!mesh_cli_open (cli, error))
    return FALSE;
  scanner = mesh_session_get_scanner (cli->session);

  uuid_string = mesh_uuid_to_string (uuid);
  existing = mesh_network_find_node_by_uuid (cli->network, uuid_string);
  if (existing != NULL)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_EXISTS,
                   _("The device %s is node 0x%04X of the network already."), uuid_string,
                   mesh_node_get_unicast (existing));
      return FALSE;
    }

  mesh_scanner_set_remote_server (scanner, server, server_net_index (cli, server));
  if (!no_scan && !wait_for_device (cli, uuid, uuid_string, error))
    {
      mesh_scanner_stop (scanner);
      return FALSE;
    }

  if (interactive)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);

      p.input = g_data_input_stream_new (in);
      p.read_cancellable = g_cancellable_new ();
      p.watched = g_ptr_array_new_with_free_func (g_object_unref);
    }

  p.request = mesh_provisioning_enqueue_through (mesh_session_get_provisioning (cli->session),
                                                 uuid, key, server, net_index, error);
  if (p.request == NULL)
    {
      mesh_scanner_stop (scanner);
      return FALSE;
    }

  oob_id = g_signal_connect (cli->session, "oob-request", G_CALLBACK (oob_request_cb), &p);
  g_signal_connect (p.request, "notify::step", G_CALLBACK (step_cb), cli);

  mesh_cli_wait_until (cli, request_finished, p.request, 0);
  if (!mesh_provision_request_is_finished (p.request))
    {
      /* Interrupted: cancelling ends the request soon (see
       * mesh_provision_request_cancel()). A prompt waits on its line. */
      if (p.reading)
        g_printerr ("\n");
      mesh_provision_request_cancel (p.request);
      while (!mesh_provision_request_is_finished (p.request))
        g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (cli->session, oob_id);
  mesh_scanner_stop (scanner);

  failure = mesh_provision_request_get_error (p.request);
  node = mesh_provision_request_get_node (p.request);
  if (node == NULL)
    {
      if (p.refusal != NULL)
        g_set_error_literal (error, MESH_ERROR, MESH_ERROR_PROVISIONING_FAILED, p.refusal);
      else if (failure != NULL)
        g_propagate_error (error, g_error_copy (failure));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
      return FALSE;
    }

  if (node_name != NULL && !name_node (cli, node, error))
    return FALSE;

  print_provisioned (cli, p.request, node);
  return TRUE;
}

static const GOptionEntry scan_entries[] = {
  { "seconds", 's', 0, G_OPTION_ARG_INT, &scan_seconds,
    N_("How long to listen (default 10)"), N_("N") },
  { "count", 'c', 0, G_OPTION_ARG_INT, &scan_count,
    N_("Stop as soon as this many devices were heard"), N_("N") },
  { "server", 0, 0, G_OPTION_ARG_STRING, &server_option,
    N_("Also scan through the Remote Provisioning Server of the node at this address"),
    N_("ADDR") },
  { NULL }
};

static const GOptionEntry provision_entries[] = {
  { "static-oob", 0, 0, G_OPTION_ARG_STRING, &static_oob,
    N_("The device’s static OOB key, 32 hexadecimal digits"), N_("HEX") },
  { "interactive", 'i', 0, G_OPTION_ARG_NONE, &interactive,
    N_("Ask on the terminal for the values the device shows or needs"), NULL },
  { "name", 0, 0, G_OPTION_ARG_STRING, &node_name,
    N_("A name for the new node"), N_("NAME") },
  { "find-seconds", 0, 0, G_OPTION_ARG_INT, &find_seconds,
    N_("How long to wait for the device’s beacon (default 30)"), N_("N") },
  { "no-scan", 0, 0, G_OPTION_ARG_NONE, &no_scan,
    N_("Do not wait for the device’s beacon"), NULL },
  { "server", 0, 0, G_OPTION_ARG_STRING, &server_option,
    N_("Provision through the Remote Provisioning Server of the node at this address"),
    N_("ADDR") },
  { "subnet", 0, 0, G_OPTION_ARG_STRING, &subnet_option,
    N_("The index of the network key whose subnet the device joins"), N_("INDEX") },
  { NULL }
};

const MeshCliCommand mesh_cli_provision_commands[] = {
  { "scan", "", N_("List the unprovisioned devices nearby"),
    N_("Listens for unprovisioned device beacons for --seconds (Ctrl+C ends it early). "
       "With --server, devices that node’s Remote Provisioning Server hears are listed too "
       "(bluetooth-meshd 5.67 or newer)."),
    "[{\"uuid\", \"rssi\", \"last_rssi\", \"oob_info\" (the beacon’s bits), \"oob\" "
    "(their keys: \"other\", \"uri\", \"2d-code\", \"bar-code\", \"nfc\", \"number\", "
    "\"string\", \"certificate\", \"records\", \"on-box\", \"inside-box\", \"on-paper\", "
    "\"inside-manual\", \"on-device\"), \"uri_hash\" (hex or null), \"beacons\", \"via\" "
    "(the address of the Remote Provisioning Server that heard it, or null)}]",
    0, 0, MESH_CLI_NEEDS_ATTACHED, scan_entries, scan_run },
  { "provision", "UUID", N_("Provision a device and read its composition"),
    N_("Waits for the device’s beacon, provisions it with an address from this "
       "provisioner’s range, stores its device key in the keyring and reads its "
       "composition. Without --static-oob or --interactive a device that asks for a value "
       "is refused. With --interactive the prompts go to stderr and the answers come "
       "from stdin; Ctrl+C cancels. With --server the device is looked for and "
       "provisioned through that node’s Remote Provisioning Server (bluetooth-meshd 5.67 "
       "or newer). The device joins the subnet of --subnet, or else the one the server is "
       "reached over, or else the primary subnet."),
    "{\"uuid\", \"unicast\", \"elements\", \"composition_error\" (null or a sentence)}",
    1, 1, MESH_CLI_NEEDS_ATTACHED, provision_entries, provision_run },
  { NULL }
};
