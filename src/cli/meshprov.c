/* meshprov.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mesh-error.h"
#include "mesh-malloc.h"
#include "meshprov-private.h"

/* meshprov: the command line of Mesh Provisioner, for scripts and power
 * users. It works on the same network database and keyring as the
 * application, through the same core (MeshSession, MeshConfigEngine, the
 * CDB import and export). main() parses the global options, finds the
 * command, prepares what it needs (the database, a network, an attached
 * session), runs it and turns the outcome into the exit status. */

#define EXIT_USAGE 2
/* How long bluetooth-meshd may take to show up on the bus (the D-Bus
 * default call timeout). */
#define DAEMON_LOOKUP_TIMEOUT_MS 25000

static const MeshCliCommand *const command_tables[] = {
  mesh_cli_network_commands,
  mesh_cli_provision_commands,
  mesh_cli_node_commands,
  mesh_cli_key_commands,
  mesh_cli_model_commands,
  mesh_cli_generic_commands,
  mesh_cli_cdb_commands,
};

static MeshCli cli;
static gboolean show_help;
static gboolean show_version;

static const GOptionEntry global_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &cli.database_path,
    N_("The network database (default: the application’s)"), N_("PATH") },
  { "network", 'n', 0, G_OPTION_ARG_STRING, &cli.network_choice,
    N_("The network to use when the database has several"), N_("UUID|NAME") },
  { "timeout", 't', 0, G_OPTION_ARG_INT, &cli.timeout_s,
    N_("Seconds to wait for each answer of a node (default 10, sent 3 times)"), N_("SECONDS") },
  { "json", 'j', 0, G_OPTION_ARG_NONE, &cli.json,
    N_("Print JSON instead of text"), NULL },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &cli.verbose,
    N_("Tell what is going on, on stderr"), NULL },
  { NULL }
};

static const GOptionEntry top_entries[] = {
  { "help", 'h', 0, G_OPTION_ARG_NONE, &show_help, N_("Show this help"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, N_("Show the version"), NULL },
  { NULL }
};

/* The overview that `meshprov --help` prints after the command list. */
static const char overview_tail[] = N_(
  "Arguments:\n"
  "  ADDR, DEST, GROUP  hexadecimal addresses, with or without 0x: 0005, 0xc001;\n"
  "                     a virtual address is given by its Label UUID\n"
  "  ELEMENT            an element’s index in its node: 0, 1, …\n"
  "  INDEX, APPKEY      AppKey indexes, decimal: 0 to 4095\n"
  "  MODEL              a SIG model (1000 or 0x1000), a vendor model (0059:0001,\n"
  "                     or 00590001 with the company first) or a SIG model’s\n"
  "                     name (\"Generic OnOff Server\")\n"
  "  UUID               32 hexadecimal digits, dashes allowed\n"
  "\n"
  "Output: tidy text tables, or with --json one JSON document on stdout (keys\n"
  "are stable; addresses and indexes are numbers; unknown values are null).\n"
  "“meshprov COMMAND --help” shows a command’s options and JSON.\n"
  "\n"
  "The database is networks.db in $MESH_PROVISIONER_DATA_DIR if set, else in\n"
  "~/.local/share/mesh-provisioner (as for the application). Keys are kept in\n"
  "the keyring only. Commands that talk to nodes attach to bluetooth-meshd on\n"
  "the system bus: the application must not have the same network open.\n"
  "\n"
  "Exit status: 0 on success; 1 when the command failed (one sentence on\n"
  "stderr); 2 for a bad command line; 130 when interrupted (Ctrl+C).\n");

static void
print_overview (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gsize width = 0;

  g_string_append_printf (text, "%s\n\n", _("Usage: meshprov [OPTION…] COMMAND [ARGUMENT…]"));
  g_string_append_printf (text, "%s\n\n",
                          _("Provisions and configures Bluetooth Mesh nodes through "
                            "bluetooth-meshd, with the network database of Mesh Provisioner."));

  for (gsize t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const MeshCliCommand *c = command_tables[t]; c->name; c++)
      width = MAX (width, strlen (c->name) + 1 + strlen (c->parameters));

  g_string_append_printf (text, "%s\n", _("Commands:"));
  for (gsize t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const MeshCliCommand *c = command_tables[t]; c->name; c++)
      {
        g_autofree char *call = g_strjoin (c->parameters[0] ? " " : "", c->name, c->parameters,
                                           NULL);

        g_string_append_printf (text, "  %-*s  %s\n", (int) width, call, _(c->summary));
      }

  g_string_append_printf (text, "\n%s\n", _("Global options (before or after the command):"));
  for (const GOptionEntry *e = global_entries; e->long_name; e++)
    {
      g_autofree char *option = NULL;

      if (e->arg_description)
        option = g_strdup_printf ("-%c, --%s=%s", e->short_name, e->long_name,
                                  _(e->arg_description));
      else
        option = g_strdup_printf ("-%c, --%s", e->short_name, e->long_name);
      g_string_append_printf (text, "  %-24s  %s\n", option, _(e->description));
    }
  g_string_append_printf (text, "  %-24s  %s\n", "-h, --help", _("Show this help"));
  g_string_append_printf (text, "  %-24s  %s\n\n", "    --version", _("Show the version"));
  g_string_append (text, _(overview_tail));

  g_print ("%s", text->str);
}

static const MeshCliCommand *
find_command (char **args,
              guint *n_words)
{
  /* Two-word commands ("sub add") first. */
  for (guint words = 2; words >= 1; words--)
    {
      g_autofree char *name = NULL;

      if (args[0] == NULL || (words == 2 && args[1] == NULL))
        continue;
      name = words == 2 ? g_strdup_printf ("%s %s", args[0], args[1]) : g_strdup (args[0]);

      for (gsize t = 0; t < G_N_ELEMENTS (command_tables); t++)
        for (const MeshCliCommand *c = command_tables[t]; c->name; c++)
          if (g_str_equal (c->name, name))
            {
              *n_words = words;
              return c;
            }
    }

  return NULL;
}

static GOptionContext *
command_context (const MeshCliCommand *command)
{
  g_autofree char *parameters = g_strjoin (command->parameters[0] ? " " : "", command->name,
                                           command->parameters, NULL);
  GOptionContext *context = g_option_context_new (parameters);
  GOptionGroup *global = g_option_group_new ("global", _("Global options:"),
                                             _("Show the global options"), NULL, NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (command->description || command->json)
    {
      g_autoptr(GString) description = g_string_new (NULL);

      if (command->description)
        g_string_append_printf (description, "%s\n", _(command->description));
      if (command->description && command->json)
        g_string_append_c (description, '\n');
      /* JSON keys are not translated. */
      if (command->json)
        g_string_append_printf (description, "%s\n  %s\n", _("JSON output (--json):"),
                                command->json);
      g_option_context_set_description (context, description->str);
    }
  if (command->entries)
    g_option_context_add_main_entries (context, command->entries, GETTEXT_PACKAGE);

  g_option_group_set_translation_domain (global, GETTEXT_PACKAGE);
  g_option_group_add_entries (global, global_entries);
  g_option_context_add_group (context, global);

  return context;
}

/* -v shows the core's debug messages (no log domain) plainly; GLib's own
 * stay behind G_MESSAGES_DEBUG as usual. */
static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  if (!(level & G_LOG_LEVEL_DEBUG))
    return g_log_writer_default (level, fields, n_fields, user_data);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if (domain == NULL && cli.verbose && message != NULL)
    {
      g_printerr ("  %s\n", message);
      return G_LOG_WRITER_HANDLED;
    }

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static int
usage_failure (const MeshCliCommand *command,
               const char           *message)
{
  /* GOption's messages are not sentences: end them like ours. */
  g_printerr ("meshprov: %s%s\n", message, g_str_has_suffix (message, ".") ? "" : ".");
  if (command)
    {
      g_printerr (_("Usage: meshprov [OPTION…] %s%s%s\n"), command->name,
                  command->parameters[0] ? " " : "", command->parameters);
      g_printerr (_("Run “meshprov %s --help” for more.\n"), command->name);
    }
  else
    {
      g_printerr ("%s\n", _("Usage: meshprov [OPTION…] COMMAND [ARGUMENT…]"));
      g_printerr ("%s\n", _("Run “meshprov --help” to see the commands."));
    }

  return EXIT_USAGE;
}

/* Preparing what a command needs */

static void
daemon_changed_cb (MeshDaemon *daemon,
                   GParamSpec *pspec,
                   MeshCli    *self)
{
  self->daemon_known = TRUE;
}

static gboolean
make_folder (MeshCli  *self,
             GError  **error)
{
  g_autofree char *folder = g_path_get_dirname (self->database_path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, MESH_ERROR, MESH_ERROR_DATABASE,
                   _("The folder of the database, %s, cannot be made (%s)."),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
open_store (MeshCli  *self,
            GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!make_folder (self, error))
    return FALSE;

  mesh_store_open_async (self->database_path, self->cancellable, mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);
  self->store = mesh_store_open_finish (result, error);

  return self->store != NULL;
}

static gboolean
open_session (MeshCli  *self,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!make_folder (self, error))
    return FALSE;

  mesh_session_open_async (self->database_path, self->cancellable, mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);
  self->session = mesh_session_open_finish (result, error);
  if (self->session == NULL)
    return FALSE;

  self->store = g_object_ref (mesh_session_get_store (self->session));
  /* Before any other iteration: the first change of the client's state
   * says that it knows whether meshd runs. */
  g_signal_connect (mesh_session_get_daemon (self->session), "notify::state",
                    G_CALLBACK (daemon_changed_cb), self);
  g_signal_connect (mesh_session_get_daemon (self->session), "notify::state-message",
                    G_CALLBACK (daemon_changed_cb), self);
  return TRUE;
}

static gboolean
choose_network (MeshCli  *self,
                GError  **error)
{
  GListModel *networks = mesh_store_get_networks (self->store);
  guint n = g_list_model_get_n_items (networks);
  g_autoptr(MeshNetwork) chosen = NULL;

  if (self->network_choice != NULL)
    {
      g_autofree char *uuid = mesh_uuid_canonicalize (self->network_choice);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MeshNetwork) network = g_list_model_get_item (networks, i);

          if ((uuid && g_str_equal (uuid, mesh_network_get_uuid (network)))
              || g_strcmp0 (self->network_choice, mesh_network_get_name (network)) == 0)
            {
              if (chosen != NULL)
                {
                  g_set_error (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                               _("Several networks are named “%s”: choose one by its UUID "
                                 "(see “meshprov networks”)."), self->network_choice);
                  return FALSE;
                }
              chosen = g_steal_pointer (&network);
            }
        }

      if (chosen == NULL)
        {
          g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                       _("The database has no network “%s” (see “meshprov networks”)."),
                       self->network_choice);
          return FALSE;
        }
    }
  else if (n == 1)
    chosen = g_list_model_get_item (networks, 0);
  else if (n == 0)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                           _("The database has no network yet: create one with “meshprov "
                             "network create NAME” or import one with “meshprov import FILE”."));
      return FALSE;
    }
  else
    {
      g_set_error_literal (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE,
                           _("The database has several networks: choose one with --network "
                             "(see “meshprov networks”)."));
      return FALSE;
    }

  self->network = g_steal_pointer (&chosen);
  return TRUE;
}

static gboolean
load_network (MeshCli  *self,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!choose_network (self, error))
    return FALSE;

  mesh_store_load_network_async (self->store, self->network, self->cancellable,
                                 mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);

  return mesh_store_load_network_finish (self->store, result, error);
}

static gboolean
daemon_known (gpointer data)
{
  MeshCli *self = data;

  return self->daemon_known;
}

static gboolean
daemon_error (MeshDaemon  *daemon,
              GError     **error)
{
  const char *message = mesh_daemon_get_state_message (daemon);

  g_set_error_literal (error, MESH_ERROR, MESH_ERROR_DAEMON_UNAVAILABLE,
                       message ? message : _("bluetooth-meshd cannot be reached."));
  return FALSE;
}

/* Until the bus has told whether bluetooth-meshd runs, its state is "no
 * daemon" with a placeholder message; the first change is the answer. */
gboolean
mesh_cli_find_daemon (MeshCli  *self,
                      GError  **error)
{
  MeshDaemon *daemon = mesh_session_get_daemon (self->session);

  mesh_cli_wait_until (self, daemon_known, self, DAEMON_LOOKUP_TIMEOUT_MS);
  if (mesh_cli_interrupted (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
      return FALSE;
    }
  if (mesh_daemon_get_state (daemon) != MESH_DAEMON_STATE_DETACHED)
    return daemon_error (daemon, error);

  return TRUE;
}

static gboolean
open_network (MeshCli  *self,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  MeshDaemon *daemon = mesh_session_get_daemon (self->session);
  const MeshReconcileReport *report;

  if (!choose_network (self, error))
    return FALSE;

  mesh_session_open_network_async (self->session, self->network, self->cancellable,
                                   mesh_cli_result_cb, &result);
  result = mesh_cli_wait (&result);
  if (!mesh_session_open_network_finish (self->session, result, error))
    return FALSE;

  if (mesh_daemon_get_state (daemon) != MESH_DAEMON_STATE_ATTACHED)
    return daemon_error (daemon, error);

  if (self->timeout_s > 0)
    mesh_config_engine_set_timeout (mesh_session_get_engine (self->session),
                                    (guint) self->timeout_s * 1000);

  report = mesh_session_get_reconcile_report (self->session);
  if (report && report->recovered && report->recovered->len > 0)
    mesh_cli_note (g_dngettext (GETTEXT_PACKAGE,
                                "%u node that bluetooth-meshd had and the database lacked was "
                                "recovered.",
                                "%u nodes that bluetooth-meshd had and the database lacked were "
                                "recovered.", report->recovered->len),
                   report->recovered->len);
  if (report && report->missing_in_daemon && report->missing_in_daemon->len
      > (report->restored_in_daemon ? report->restored_in_daemon->len : 0))
    mesh_cli_note ("%s", _("bluetooth-meshd lacks the device key of some nodes of the "
                           "database: it cannot configure them."));

  return TRUE;
}

gboolean
mesh_cli_open (MeshCli  *self,
               GError  **error)
{
  switch (self->needs)
    {
    case MESH_CLI_NEEDS_STORE:
      return open_store (self, error);
    case MESH_CLI_NEEDS_NETWORK:
      return open_store (self, error) && load_network (self, error);
    case MESH_CLI_NEEDS_SESSION:
      return open_session (self, error);
    case MESH_CLI_NEEDS_DAEMON:
      return open_session (self, error) && mesh_cli_find_daemon (self, error);
    case MESH_CLI_NEEDS_ATTACHED:
      return open_session (self, error) && open_network (self, error);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
close_all (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ok = TRUE;

  /* Pending database writes end before the program does. */
  if (cli.session)
    {
      mesh_session_close_async (cli.session, NULL, mesh_cli_result_cb, &result);
      result = mesh_cli_wait (&result);
      ok = mesh_session_close_finish (cli.session, result, error);
    }
  else if (cli.store)
    {
      mesh_store_close_async (cli.store, NULL, mesh_cli_result_cb, &result);
      result = mesh_cli_wait (&result);
      ok = mesh_store_close_finish (cli.store, result, error);
    }

  g_clear_object (&cli.network);
  g_clear_object (&cli.session);
  g_clear_object (&cli.store);

  return ok;
}

static gboolean
signal_cb (gpointer user_data)
{
  cli.signal_number = GPOINTER_TO_INT (user_data);
  g_cancellable_cancel (cli.cancellable);

  return G_SOURCE_CONTINUE;
}

static int
failure (GError *error)
{
  if (cli.signal_number != 0
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr ("meshprov: %s\n", _("Interrupted."));
      return 128 + (cli.signal_number ? cli.signal_number : SIGINT);
    }

  g_printerr ("meshprov: %s\n", error->message);
  return EXIT_FAILURE;
}

static int
run_command (const MeshCliCommand  *command,
             char                 **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) close_error = NULL;
  gboolean ok;

  if (cli.database_path == NULL)
    cli.database_path = mesh_store_get_default_path ();

  cli.needs = command->needs;
  ok = command->run (&cli, args, &error);
  if (!close_all (&close_error) && ok)
    return failure (close_error);

  if (ok)
    return EXIT_SUCCESS;
  if (g_error_matches (error, MESH_CLI_ERROR, MESH_CLI_ERROR_USAGE))
    return usage_failure (command, error->message);

  return failure (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) top = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_auto(GStrv) command_argv = NULL;
  const MeshCliCommand *command;
  guint n_words = 0;
  guint n_args;
  int status;

  mesh_malloc_prefer_system (argv);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("meshprov");

  /* The global options up to the command (strict POSIX stops there). */
  top = g_option_context_new (NULL);
  g_option_context_set_help_enabled (top, FALSE);
  g_option_context_set_strict_posix (top, TRUE);
  g_option_context_add_main_entries (top, global_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (top, top_entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (top, &argc, &argv, &error))
    return usage_failure (NULL, error->message);

  if (show_version)
    {
      g_print ("meshprov %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (show_help || argc < 2 || g_str_equal (argv[1], "help"))
    {
      if (argc >= 3 && g_str_equal (argv[1], "help") && (command = find_command (argv + 2, &n_words)))
        {
          g_autoptr(GOptionContext) help = command_context (command);
          g_autofree char *text = g_option_context_get_help (help, TRUE, NULL);

          g_print ("%s", text);
          return EXIT_SUCCESS;
        }
      print_overview ();
      /* Without a command, the help is the answer to a usage error. */
      return argc >= 2 || show_help ? EXIT_SUCCESS : EXIT_USAGE;
    }

  command = find_command (argv + 1, &n_words);
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no command “%s”."), argv[1]);

      return usage_failure (NULL, message);
    }

  /* The command's own options, and the global ones again, anywhere after
   * it. */
  command_argv = g_new0 (char *, argc - n_words + 1);
  command_argv[0] = g_strdup (g_get_prgname ());
  for (int i = 1 + n_words; i < argc; i++)
    command_argv[i - n_words] = g_strdup (argv[i]);

  context = command_context (command);
  if (!g_option_context_parse_strv (context, &command_argv, &error))
    return usage_failure (command, error->message);
  n_args = g_strv_length (command_argv) - 1;

  if (cli.timeout_s < 0)
    return usage_failure (command, _("--timeout must be a number of seconds, 1 or more."));
  if (n_args < command->min_args || n_args > command->max_args)
    return usage_failure (command, n_args < command->min_args
                                   ? _("Arguments are missing.")
                                   : _("There are too many arguments."));

  g_log_set_writer_func (log_writer, NULL, NULL);

  cli.cancellable = g_cancellable_new ();
  g_unix_signal_add (SIGINT, signal_cb, GINT_TO_POINTER (SIGINT));
  g_unix_signal_add (SIGTERM, signal_cb, GINT_TO_POINTER (SIGTERM));

  status = run_command (command, command_argv + 1);

  g_clear_object (&cli.cancellable);
  g_clear_pointer (&cli.database_path, g_free);
  g_clear_pointer (&cli.network_choice, g_free);

  return status;
}
