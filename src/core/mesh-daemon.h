/* mesh-daemon.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-oob-request.h"
#include "mesh-transport.h"

G_BEGIN_DECLS

#define MESH_TYPE_DAEMON       (mesh_daemon_get_type ())
#define MESH_TYPE_DAEMON_STATE (mesh_daemon_state_get_type ())

/**
 * MeshDaemonState:
 * @MESH_DAEMON_STATE_NO_DAEMON: nobody owns org.bluez.mesh on the system bus
 *   (or the bus itself is unreachable)
 * @MESH_DAEMON_STATE_DETACHED: bluetooth-meshd is there, no node is attached
 *   (no network yet)
 * @MESH_DAEMON_STATE_CONNECTING: CreateNetwork or Attach is in progress
 * @MESH_DAEMON_STATE_ATTACHED: our node is attached: messages flow
 * @MESH_DAEMON_STATE_REFUSED: bluetooth-meshd or the bus refused us (D-Bus
 *   policy, authorization); retried when the daemon comes back
 * @MESH_DAEMON_STATE_FAILED: attaching failed for another reason (unknown
 *   token, node in use by another program...); see the state message
 *
 * How far the connection to bluetooth-meshd got.
 */
typedef enum
{
  MESH_DAEMON_STATE_NO_DAEMON,
  MESH_DAEMON_STATE_DETACHED,
  MESH_DAEMON_STATE_CONNECTING,
  MESH_DAEMON_STATE_ATTACHED,
  MESH_DAEMON_STATE_REFUSED,
  MESH_DAEMON_STATE_FAILED,
} MeshDaemonState;

GType mesh_daemon_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (MeshDaemon, mesh_daemon, MESH, DAEMON, GObject)

/* The client of bluetooth-meshd (org.bluez.mesh, BlueZ 5.66 API).
 *
 * It opens its own connection to the system bus (DBUS_SYSTEM_BUS_ADDRESS
 * is honoured, which is how tests point it at the mesh lab), exports the
 * application's objects there (Application1, Element1 index 0 with the
 * Configuration, Generic OnOff and Generic Level clients, Provisioner1 and
 * ProvisionAgent1 under an ObjectManager) and watches org.bluez.mesh. A
 * connection of its own lets it drop the connection on purpose: that is the
 * only way to make meshd 5.66 abandon a provisioning that is under way (see
 * mesh_daemon_abort_provisioning()).
 *
 * Everything is asynchronous: meshd calls GetManagedObjects on the
 * application before it answers CreateNetwork or Attach, and the agent's
 * GetAll before it answers AddNode; the main loop keeps serving them.
 *
 * Once given a network (mesh_daemon_attach_async() or a successful
 * mesh_daemon_create_network_async()), the client attaches whenever
 * bluetooth-meshd is present, and again by itself after the daemon went
 * away and came back. "state" and "state-message" say where it is.
 *
 * Only calls from the current owner of org.bluez.mesh are accepted on the
 * exported interfaces (anyone else on the system bus could otherwise read
 * an answered OOB value or feed forged messages).
 *
 * MeshDaemon implements #MeshTransport: send_async() is Node1.DevKeySend
 * (remote device key) or Node1.Send from element 0, and every
 * Element1.MessageReceived / DevKeyMessageReceived becomes
 * ::message-received (a virtual label destination is given as its virtual
 * address).
 *
 * Errors are in MESH_ERROR with a sentence for the user; every
 * org.bluez.mesh.Error.* is mapped (DAEMON_UNAVAILABLE, DAEMON_REFUSED,
 * NOT_FOUND, INVALID_ARGUMENT, BUSY, EXISTS, DAEMON_FAILED...).
 *
 * Signals (MeshScanner and MeshProvisioning use them):
 *   ::scan-result (int rssi, GBytes *beacon, guint server) -
 *     Provisioner1.ScanResult; @server is the Remote Provisioning Server
 *     that heard the device, 0 for our own radio
 *   ::add-node-complete (GBytes *uuid, guint unicast, guint count)
 *   ::add-node-failed (GBytes *uuid, const char *reason)
 *   ::oob-request (MeshOobRequest *request) - a ProvisionAgent1 call
 * Properties: "state", "state-message", "unicast", "network-uuid". */

MeshDaemon      *mesh_daemon_new                     (void);

MeshDaemonState  mesh_daemon_get_state               (MeshDaemon           *self);
/* A sentence for the user about the state; NULL when attached. */
const char      *mesh_daemon_get_state_message       (MeshDaemon           *self);
/* The unique bus name of our connection, NULL until connected. */
const char      *mesh_daemon_get_unique_name         (MeshDaemon           *self);
/* The object path of our application root (the ObjectManager). */
const char      *mesh_daemon_get_app_root            (void);
const char      *mesh_daemon_get_element_path        (void);
const char      *mesh_daemon_get_agent_path          (void);
/* Our node's primary unicast address and IV index; 0 until attached. */
guint16          mesh_daemon_get_unicast             (MeshDaemon           *self);
guint32          mesh_daemon_get_iv_index            (MeshDaemon           *self);
/* Whether the attached bluetooth-meshd scans and provisions through a
 * Remote Provisioning Server (5.67 and newer; their Management1 has
 * Reprovision). Known when the state becomes ATTACHED; FALSE before. */
gboolean         mesh_daemon_get_remote_provisioning (MeshDaemon           *self);
/* The same, with MESH_ERROR_DAEMON_TOO_OLD and a sentence when it cannot. */
gboolean         mesh_daemon_check_remote_provisioning (MeshDaemon         *self,
                                                        GError            **error);
/* The network the client attaches to, or NULL. */
const char      *mesh_daemon_get_network_uuid        (MeshDaemon           *self);

/* The application's identity as meshd reads it (Application1). */
#define MESH_DAEMON_COMPANY_ID 0x05F1  /* The Linux Foundation */
#define MESH_DAEMON_PRODUCT_ID 0x0001
#define MESH_DAEMON_VERSION_ID 0x0001
#define MESH_DAEMON_CRPL       0x7FFF

/* CreateNetwork with a new node of @node_uuid (16 bytes): meshd makes the
 * primary NetKey (index 0), our node at 0x0001 and its device key; the
 * token it sends in JoinComplete is written to the keyring under
 * @network_uuid (MESH_SECRET_NODE_TOKEN) before JoinComplete is answered
 * (if that fails, meshd is told so and drops the node), then the client
 * attaches. Completes when attached. */
void             mesh_daemon_create_network_async    (MeshDaemon           *self,
                                                      const char           *network_uuid,
                                                      GBytes               *node_uuid,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean         mesh_daemon_create_network_finish   (MeshDaemon           *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* Network1.Import of a node made elsewhere (a network imported from a
 * CDB): our node with its device key at @unicast, @net_key at index
 * @net_index. Token handling as for create. */
void             mesh_daemon_import_node_async       (MeshDaemon           *self,
                                                      const char           *network_uuid,
                                                      GBytes               *node_uuid,
                                                      GBytes               *device_key,
                                                      GBytes               *net_key,
                                                      guint16               net_index,
                                                      guint32               iv_index,
                                                      gboolean              iv_update,
                                                      gboolean              key_refresh,
                                                      guint16               unicast,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean         mesh_daemon_import_node_finish      (MeshDaemon           *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* Reads the token of @network_uuid from the keyring and attaches with it,
 * now if meshd is there, else as soon as it appears; from then on the
 * client re-attaches by itself. Completes after the first attempt: with an
 * error if it failed or meshd is absent (DAEMON_UNAVAILABLE) - the client
 * keeps trying when the daemon comes back. */
void             mesh_daemon_attach_async            (MeshDaemon           *self,
                                                      const char           *network_uuid,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean         mesh_daemon_attach_finish           (MeshDaemon           *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* Network1.Leave: meshd forgets our node. The client detaches for good. */
void             mesh_daemon_leave_async             (MeshDaemon           *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean         mesh_daemon_leave_finish            (MeshDaemon           *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/**
 * MeshDaemonKeys:
 * @net_keys: (element-type MeshDaemonKey): NetKeys, index and 16 bytes
 * @app_keys: (element-type MeshDaemonKey): AppKeys, with the bound NetKey
 * @device_keys: (element-type MeshDaemonKey): one entry per node: the
 *   lowest unicast address that has this device key, and the key
 *
 * Management1.ExportKeys as meshd 5.66 answers it.
 */
typedef struct
{
  guint16  index;          /* key index, or a node's primary address */
  guint16  bound_index;    /* AppKeys: the NetKey index */
  guint8   phase;          /* NetKeys: key refresh phase */
  GBytes  *key;
  GBytes  *old_key;        /* during a key refresh, else NULL */
} MeshDaemonKey;

typedef struct
{
  GPtrArray *net_keys;
  GPtrArray *app_keys;
  GPtrArray *device_keys;
} MeshDaemonKeys;

void             mesh_daemon_keys_free               (MeshDaemonKeys       *keys);
const MeshDaemonKey *mesh_daemon_keys_find_device_key (const MeshDaemonKeys *keys,
                                                       guint16               unicast);

/* Management1 and Node1 calls. All need the node attached
 * (DAEMON_UNAVAILABLE otherwise). */
void             mesh_daemon_export_keys_async       (MeshDaemon           *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MeshDaemonKeys  *mesh_daemon_export_keys_finish      (MeshDaemon           *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/**
 * MeshDaemonCall:
 *
 * The Management1 methods without a result, for mesh_daemon_manage_async().
 */
typedef enum
{
  MESH_DAEMON_CALL_IMPORT_SUBNET,      /* net_index, key */
  MESH_DAEMON_CALL_DELETE_SUBNET,      /* net_index */
  MESH_DAEMON_CALL_IMPORT_APP_KEY,     /* net_index (bound), app_index, key */
  MESH_DAEMON_CALL_DELETE_APP_KEY,     /* app_index */
  MESH_DAEMON_CALL_IMPORT_REMOTE_NODE, /* unicast, count, key */
  MESH_DAEMON_CALL_DELETE_REMOTE_NODE, /* unicast, count */
} MeshDaemonCall;

/* @a, @b and @key as the comment of each call says; unused ones are 0/NULL. */
void             mesh_daemon_manage_async            (MeshDaemon           *self,
                                                      MeshDaemonCall        call,
                                                      guint16               a,
                                                      guint16               b,
                                                      GBytes               *key,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean         mesh_daemon_manage_finish           (MeshDaemon           *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* UnprovisionedScan on our own radio / UnprovisionedScanCancel (which
 * ends remote scans too). Results arrive as ::scan-result. meshd 5.66
 * scans until cancelled; 5.67 and newer stop after 60 s: call again
 * (MeshScanner re-arms every few seconds). */
void             mesh_daemon_scan_async              (MeshDaemon           *self,
                                                      gboolean              start,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean         mesh_daemon_scan_finish             (MeshDaemon           *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
/* UnprovisionedScan through the Remote Provisioning Server of the node at
 * @server, reached over the subnet of NetKey @net_index, for @seconds (1
 * to 60, the model's limit). Fails with MESH_ERROR_DAEMON_TOO_OLD when
 * meshd cannot (see mesh_daemon_get_remote_provisioning()). Results arrive
 * as ::scan-result with that @server. Finish with
 * mesh_daemon_scan_finish(). */
void             mesh_daemon_remote_scan_async       (MeshDaemon           *self,
                                                      guint16               server,
                                                      guint16               net_index,
                                                      guint                 seconds,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);

/* Management1.AddNode. Completes when meshd answers the call (it has then
 * read the agent's capabilities and opened the link); the outcome arrives
 * as ::add-node-complete or ::add-node-failed. meshd 5.66 runs one at a
 * time and never answers a second one: MeshProvisioning queues them.
 * @server: 0 to provision over our own radio, else the unicast address of
 * the node whose Remote Provisioning Server reaches the device (meshd 5.67
 * and newer; MESH_ERROR_DAEMON_TOO_OLD otherwise), over the subnet of
 * NetKey @net_index (ignored without a server). The subnet the device
 * joins is the one the app answers RequestProvData with. */
void             mesh_daemon_add_node_async          (MeshDaemon           *self,
                                                      GBytes               *uuid,
                                                      guint16               server,
                                                      guint16               net_index,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean         mesh_daemon_add_node_finish         (MeshDaemon           *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* Makes meshd 5.66 abandon a provisioning under way: it has no call for
 * that; it cancels only when the application's connection goes away. The
 * client drops its connection, connects again and re-attaches (the state
 * passes through CONNECTING); meshd closes the link to the device and
 * sends no AddNodeFailed. Messages in flight in that moment are lost. */
void             mesh_daemon_abort_provisioning      (MeshDaemon           *self);

/* ProvisionAgent1.Capabilities offered to meshd at the next AddNode (meshd
 * re-reads them each time). Default: all that MeshOobRequest serves. */
void             mesh_daemon_set_agent_capabilities  (MeshDaemon           *self,
                                                      MeshOobCapabilities   capabilities);
MeshOobCapabilities mesh_daemon_get_agent_capabilities (MeshDaemon         *self);

/**
 * MeshDaemonProvDataFunc:
 * @daemon: the client
 * @count: the number of elements (unicast addresses) the device needs
 * @task: return the answer on it with g_task_return_int() as
 *   `(net_index << 16) | unicast`, or g_task_return_error()
 * @user_data: as given
 *
 * Answers Provisioner1.RequestProvData, possibly later (the call waits).
 */
typedef void (*MeshDaemonProvDataFunc) (MeshDaemon *daemon,
                                        guint       count,
                                        GTask      *task,
                                        gpointer    user_data);

void             mesh_daemon_set_prov_data_func      (MeshDaemon           *self,
                                                      MeshDaemonProvDataFunc func,
                                                      gpointer              user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshDaemonKeys, mesh_daemon_keys_free)

G_END_DECLS
