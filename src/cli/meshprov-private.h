/* meshprov-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mesh-session.h"
#include "meshprov-args.h"

G_BEGIN_DECLS

/* What the `meshprov` command files share: the run of one command
 * (MeshCli), the command table entry (MeshCliCommand) and helpers to wait
 * for asynchronous calls while the main loop runs, to find nodes and to
 * print tables and JSON. */

/**
 * MeshCliNeeds:
 * @MESH_CLI_NEEDS_STORE: the network database only
 * @MESH_CLI_NEEDS_NETWORK: one network of the database, loaded; no
 *   bluetooth-meshd needed
 * @MESH_CLI_NEEDS_SESSION: a MeshSession (the database and the client of
 *   bluetooth-meshd, which need not be running), no network open
 * @MESH_CLI_NEEDS_DAEMON: a MeshSession that has found bluetooth-meshd,
 *   no network open
 * @MESH_CLI_NEEDS_ATTACHED: one network, open and attached to
 *   bluetooth-meshd
 *
 * What main() prepares before a command runs.
 */
typedef enum
{
  MESH_CLI_NEEDS_STORE,
  MESH_CLI_NEEDS_NETWORK,
  MESH_CLI_NEEDS_SESSION,
  MESH_CLI_NEEDS_DAEMON,
  MESH_CLI_NEEDS_ATTACHED,
} MeshCliNeeds;

typedef struct
{
  /* Global options. */
  char         *database_path;
  char         *network_choice;
  int           timeout_s;
  gboolean      verbose;
  gboolean      json;

  /* What the command needs, prepared by mesh_cli_open(). */
  MeshCliNeeds  needs;
  /* Cancelled by SIGINT/SIGTERM. */
  GCancellable *cancellable;
  int           signal_number;

  MeshStore    *store;
  MeshSession  *session;     /* NEEDS_SESSION and after only */
  gboolean      daemon_known; /* the session's client knows whether meshd runs */
  MeshNetwork  *network;
} MeshCli;

typedef struct
{
  const char         *name;         /* "sub add" */
  const char         *parameters;   /* "ADDR ELEMENT MODEL GROUP" */
  const char         *summary;      /* one line, N_() */
  const char         *description;  /* more for --help, N_(), or NULL */
  const char         *json;         /* the shape of its --json output, or NULL */
  guint               min_args;
  guint               max_args;
  MeshCliNeeds        needs;
  const GOptionEntry *entries;
  gboolean          (*run)          (MeshCli   *cli,
                                     char     **args,
                                     GError   **error);
} MeshCliCommand;

/* Prepares what the command needs (MeshCliCommand's "needs"): its run
 * function calls it once it has read its arguments, so that a bad command
 * line fails before the database or bluetooth-meshd are touched. */
gboolean      mesh_cli_open             (MeshCli        *cli,
                                         GError        **error);

/* The command tables of each file, ended by an entry with a NULL name. */
extern const MeshCliCommand mesh_cli_network_commands[];
extern const MeshCliCommand mesh_cli_provision_commands[];
extern const MeshCliCommand mesh_cli_node_commands[];
extern const MeshCliCommand mesh_cli_key_commands[];
extern const MeshCliCommand mesh_cli_model_commands[];
extern const MeshCliCommand mesh_cli_generic_commands[];
extern const MeshCliCommand mesh_cli_cdb_commands[];

/* Waiting while the main loop runs (bluetooth-meshd calls back into us
 * before it answers some calls). */
void          mesh_cli_result_cb        (GObject        *source,
                                         GAsyncResult   *result,
                                         gpointer        user_data);
/* Iterates the main context until *@slot holds a result (set by
 * mesh_cli_result_cb()); returns it, transfer full. */
GAsyncResult *mesh_cli_wait             (GAsyncResult  **slot);
/* Iterates until @condition holds (TRUE), @timeout_ms pass or the command
 * is interrupted (FALSE). @timeout_ms 0 waits without limit. */
gboolean      mesh_cli_wait_until       (MeshCli        *cli,
                                         gboolean      (*condition) (gpointer data),
                                         gpointer        data,
                                         guint           timeout_ms);
gboolean      mesh_cli_interrupted      (MeshCli        *cli);

/* Waits for a configuration operation started with mesh_cli_result_cb
 * and *@slot, and finishes it with @finish (a
 * mesh_config_engine_*_finish()). */
typedef MeshConfigStatus *(*MeshCliConfigFinish) (MeshConfigEngine  *engine,
                                                   GAsyncResult      *result,
                                                   GError           **error);
gboolean      mesh_cli_finish_config    (MeshCli             *cli,
                                         GAsyncResult       **slot,
                                         MeshCliConfigFinish  finish,
                                         GError             **error);

/* The network's node with this primary address, its elements loaded.
 * Fails (MESH_ERROR_NOT_FOUND) with a sentence. */
MeshNode     *mesh_cli_find_node        (MeshCli        *cli,
                                         guint16         unicast,
                                         GError        **error);
/* ADDR read, then mesh_cli_open(), then mesh_cli_find_node(). */
MeshNode     *mesh_cli_open_node        (MeshCli        *cli,
                                         const char     *address,
                                         GError        **error);
gboolean      mesh_cli_load_elements    (MeshCli        *cli,
                                         MeshNode       *node,
                                         GError        **error);
MeshNode     *mesh_cli_get_own_node     (MeshCli        *cli);
/* Waits until the session's client knows whether bluetooth-meshd runs;
 * fails with its sentence unless it found it (and no node is attached). */
gboolean      mesh_cli_find_daemon      (MeshCli        *cli,
                                         GError        **error);
MeshConfigEngine *mesh_cli_get_engine   (MeshCli        *cli);

/* -v: a line on stderr. */
void          mesh_cli_info             (MeshCli        *cli,
                                         const char     *format,
                                         ...) G_GNUC_PRINTF (2, 3);
/* A line on stderr, also without -v (e.g. what the user must do on the
 * device). */
void          mesh_cli_note             (const char     *format,
                                         ...) G_GNUC_PRINTF (1, 2);

/* Output: JSON (pretty, UTF-8, one document per command) on stdout. */
void          mesh_cli_print_json       (JsonBuilder    *builder);
void          mesh_cli_json_hex16       (JsonBuilder    *builder,
                                         const char     *member,
                                         guint16         value);
void          mesh_cli_json_string_or_null (JsonBuilder *builder,
                                         const char     *member,
                                         const char     *value);
void          mesh_cli_json_int_or_null (JsonBuilder    *builder,
                                         const char     *member,
                                         gint64          value,
                                         gboolean        known);

/* A text table: add the header, then rows of the same number of cells;
 * columns are as wide as their widest cell (in characters). */
typedef struct _MeshCliTable MeshCliTable;

MeshCliTable *mesh_cli_table_new        (const char     *first_header,
                                         ...) G_GNUC_NULL_TERMINATED;
void          mesh_cli_table_add_row    (MeshCliTable   *table,
                                         const char     *first_cell,
                                         ...) G_GNUC_NULL_TERMINATED;
void          mesh_cli_table_print      (MeshCliTable   *table);
void          mesh_cli_table_free       (MeshCliTable   *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshCliTable, mesh_cli_table_free)

/* Nodes and models in JSON (shapes in meshprov-node.c) and text. */
void          mesh_cli_json_add_node    (MeshCli        *cli,
                                         JsonBuilder    *builder,
                                         MeshNode       *node,
                                         gboolean        with_elements);
void          mesh_cli_json_add_model   (JsonBuilder    *builder,
                                         MeshModel      *model);
void          mesh_cli_print_model      (MeshModel      *model,
                                         const char     *indent);

/* Names for the user. */
char         *mesh_cli_describe_model   (MeshModelId     model);
char         *mesh_cli_describe_destination (const MeshDestination *destination);
const char   *mesh_cli_feature_state_name (MeshFeatureState state);
MeshModelId   mesh_cli_model_get_id     (MeshModel      *model);

G_END_DECLS
