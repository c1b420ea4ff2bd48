/* mesh-daemon-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-bluez.h"
#include "mesh-daemon.h"

G_BEGIN_DECLS

#define MESH_DAEMON_SERVICE "org.bluez.mesh"
#define MESH_DAEMON_PATH    "/org/bluez/mesh"

/* What the client was doing when an error came back: the same D-Bus error
 * means different things for different calls (NotFound from Attach is an
 * unknown token, from DevKeySend an unknown device key). */
typedef enum
{
  MESH_DAEMON_OP_CONNECT,
  MESH_DAEMON_OP_CREATE_NETWORK,
  MESH_DAEMON_OP_IMPORT_NODE,
  MESH_DAEMON_OP_ATTACH,
  MESH_DAEMON_OP_LEAVE,
  MESH_DAEMON_OP_SEND,
  MESH_DAEMON_OP_DEV_KEY_SEND,
  MESH_DAEMON_OP_ADD_NODE,
  MESH_DAEMON_OP_SCAN,
  MESH_DAEMON_OP_EXPORT_KEYS,
  MESH_DAEMON_OP_IMPORT_SUBNET,
  MESH_DAEMON_OP_DELETE_SUBNET,
  MESH_DAEMON_OP_IMPORT_APP_KEY,
  MESH_DAEMON_OP_DELETE_APP_KEY,
  MESH_DAEMON_OP_IMPORT_REMOTE_NODE,
  MESH_DAEMON_OP_DELETE_REMOTE_NODE,
} MeshDaemonOp;

/* A MESH_ERROR with a sentence for @error (a D-Bus or GIO error of @op).
 * G_IO_ERROR_CANCELLED is passed through unchanged. @app_was_read: whether
 * meshd read our objects (GetManagedObjects) during the call, which tells
 * a D-Bus policy problem from a refused composition. */
GError   *mesh_daemon_error_from_dbus    (const GError *error,
                                          MeshDaemonOp  op,
                                          gboolean      app_was_read);
/* Whether @error (from mesh_daemon_error_from_dbus()) means "refused". */
gboolean  mesh_daemon_error_is_refusal   (const GError *error);

/* The sentence for AddNodeFailed's reason. @authenticated: whether an OOB
 * value was given to meshd during this provisioning. */
char     *mesh_daemon_describe_add_node_failure (const char *reason,
                                                 gboolean    authenticated);

enum
{
  MESH_DAEMON_SIGNAL_SCAN_RESULT,
  MESH_DAEMON_SIGNAL_ADD_NODE_COMPLETE,
  MESH_DAEMON_SIGNAL_ADD_NODE_FAILED,
  MESH_DAEMON_SIGNAL_OOB_REQUEST,
  MESH_DAEMON_N_SIGNALS
};

extern guint mesh_daemon_signals[MESH_DAEMON_N_SIGNALS];

/* Shared by mesh-daemon.c (connection, attach, transport),
 * mesh-daemon-app.c (the exported objects) and mesh-daemon-calls.c
 * (Management1). */
struct _MeshDaemon
{
  GObject                   parent_instance;

  /* One private connection to the system bus, and what lives on it. */
  GDBusConnection          *connection;
  GCancellable             *connection_cancellable;
  gulong                    closed_handler;
  guint                     name_watch;
  guint                     filter_id;
  gint                     *app_read;          /* atomic, shared with the filter */
  char                     *daemon_owner;      /* unique name owning org.bluez.mesh */
  gboolean                  name_known;        /* the watch has answered once */
  guint                     reconnect_source;
  gboolean                  reconnect_now;
  MeshBluezNetwork1        *network;

  /* The exported objects. */
  GDBusObjectManagerServer *object_manager;
  MeshBluezApplication1    *application;
  MeshBluezProvisioner1    *provisioner;
  MeshBluezProvisionAgent1 *agent;
  MeshBluezElement1        *element;
  GPtrArray                *oob_requests;      /* pending MeshOobRequests, weak */
  MeshOobCapabilities       capabilities;
  MeshDaemonProvDataFunc    prov_data_func;
  gpointer                  prov_data_data;

  MeshDaemonState           state;
  char                     *state_message;

  /* The node we attach to. */
  char                     *network_uuid;
  guint64                   token;
  gboolean                  have_token;
  gboolean                  attaching;
  guint                     retry_source;
  GTask                    *join_task;         /* create/import, until JoinComplete */
  guint                     join_timeout;
  GPtrArray                *attach_tasks;      /* waiting for the next attach result */
  char                     *node_path;
  MeshBluezNode1           *node;
  MeshBluezManagement1     *management;
  guint16                   unicast;
  guint32                   iv_index;
  gboolean                  remote_provisioning; /* meshd >= 5.67 */
};

/* mesh-daemon.c */
void      mesh_daemon_set_state          (MeshDaemon            *self,
                                          MeshDaemonState        state,
                                          const char            *message);
void      mesh_daemon_set_detached_state (MeshDaemon            *self);
void      mesh_daemon_notify_network_uuid (MeshDaemon           *self);
void      mesh_daemon_notify_unicast     (MeshDaemon            *self);
void      mesh_daemon_clear_node         (MeshDaemon            *self);
void      mesh_daemon_finish_attach_tasks (MeshDaemon           *self,
                                           const GError         *error);
GError   *mesh_daemon_unavailable_error  (MeshDaemon            *self);
void      mesh_daemon_fail_join          (MeshDaemon            *self,
                                          const GError          *error);
gboolean  mesh_daemon_check_attached     (MeshDaemon            *self,
                                          GError               **error);

/* mesh-daemon-node.c */
/* A JoinComplete for the network being created: stores the token, then
 * answers @invocation and attaches. */
void      mesh_daemon_join_complete      (MeshDaemon            *self,
                                          guint64                token,
                                          GDBusMethodInvocation *invocation);
void      mesh_daemon_start_attach       (MeshDaemon            *self);

/* mesh-daemon-calls.c */
void      mesh_daemon_transport_iface_init (MeshTransportInterface *iface);

/* mesh-daemon-app.c */
void      mesh_daemon_app_init           (MeshDaemon            *self);
void      mesh_daemon_app_export         (MeshDaemon            *self);
void      mesh_daemon_app_unexport       (MeshDaemon            *self);
void      mesh_daemon_app_abort_requests (MeshDaemon            *self);
void      mesh_daemon_app_clear          (MeshDaemon            *self);

G_END_DECLS
