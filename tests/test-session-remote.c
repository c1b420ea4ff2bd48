/* test-session-remote.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs in `mesh-lab run --devices 2 --timewarp 10`, under session-run:
 * device 1 is moved out of our radio's reach (the lab's SetLink), so only
 * device 0 hears it. A second subnet (NetKey 1) is created (deleted and
 * created again, to check deleting), and device 0
 * is provisioned into it over our own radio, so that everything after
 * goes over that subnet, never the primary one. Then device 1 is scanned
 * for and provisioned through device 0's Remote Provisioning Server (over
 * subnet 1, which meshd is told with its Subnet option), which the
 * provisioning turns into a relay (it was not one: meshd's nodes start
 * with relaying off), so that device 1's composition is read through it.
 *
 * Which half runs depends on the lab's bluetooth-meshd: 5.67 and newer
 * have Remote Provisioning (their nodes have the server model, the
 * provisioner side the client), and device 1 becomes a node with its
 * composition, its device key in the keyring. 5.66 (Debian 12) has none:
 * the client must say so, the node's composition shows no server, asking
 * for it fails with a clear sentence and nothing is queued. */

#include "config.h"

#include "mesh-core-test-utils.h"
#include "mesh-error.h"
#include "mesh-app-key.h"
#include "mesh-keyring.h"
#include "mesh-net-key.h"
#include "mesh-session-test-utils.h"

#include <string.h>

typedef struct
{
  MeshScanner *scanner;
  GBytes      *uuid;
  guint16      via;
} Heard;

static gboolean
is_heard_via (gpointer data)
{
  Heard *heard = data;
  MeshScannedDevice *device = mesh_scanner_find (heard->scanner, heard->uuid);

  return device != NULL && mesh_scanned_device_get_via (device) == heard->via;
}

static gboolean
has_scan_error (gpointer data)
{
  return mesh_scanner_get_error_message (data) != NULL;
}

static void
assert_only_net_key (MeshNode *node,
                     guint16   index)
{
  guint n_keys;
  const MeshNodeKey *keys = mesh_node_get_net_keys (node, &n_keys);

  g_assert_cmpuint (n_keys, ==, 1);
  g_assert_cmpuint (keys[0].index, ==, index);
  g_assert_cmpuint (mesh_node_get_reach_net_index (node), ==, index);
}

static void
delete_net_key (MeshSession  *session,
                MeshNetKey   *key,
                GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mesh_session_delete_net_key_async (session, key, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  mesh_session_delete_net_key_finish (session, result, error);
}

static MeshAppKey *
create_app_key (MeshSession *session,
                guint16      net_index)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshAppKey *key;

  mesh_session_create_app_key_async (session, net_index, MESH_SESSION_ANY_APP_KEY_INDEX, NULL,
                                     NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  key = mesh_session_create_app_key_finish (session, result, &error);
  g_assert_no_error (error);
  return key;
}

static void
delete_app_key (MeshSession *session,
                MeshAppKey  *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_session_delete_app_key_async (session, key, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_session_delete_app_key_finish (session, result, &error));
  g_assert_no_error (error);
}

/* A subnet's NetKey goes from everywhere, but not while an AppKey is
 * bound to it, and never the network's last. */
static void
check_net_key_delete (MeshSession *session)
{
  MeshNetwork *network = mesh_session_get_network (session);
  MeshNetKey *key = mesh_network_find_net_key (network, 1);
  g_autoptr(MeshAppKey) bound = create_app_key (session, 1);
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GError) error = NULL;

  delete_net_key (session, key, &error);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_BUSY);
  g_assert_true (mesh_network_find_net_key (network, 1) == key);
  g_clear_error (&error);
  delete_app_key (session, bound);

  delete_net_key (session, key, &error);
  g_assert_no_error (error);
  g_assert_null (mesh_network_find_net_key (network, 1));
  g_assert_false (mesh_node_has_net_key (mesh_session_get_own_node (session), 1));
  secret = mesh_session_test_lookup_secret (mesh_network_get_uuid (network),
                                            MESH_SECRET_NET_KEY, 1);
  g_assert_null (secret);

  delete_net_key (session, mesh_network_find_net_key (network, 0), &error);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_BUSY);
  g_assert_nonnull (mesh_network_find_net_key (network, 0));
}

/* NetKey 1, in the keyring, meshd, the database and our own node. */
static void
create_subnet (MeshSession *session)
{
  MeshNetwork *network = mesh_session_get_network (session);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshNetKey) key = NULL;
  g_autoptr(GBytes) secret = NULL;

  mesh_session_create_net_key_async (session, MESH_SESSION_ANY_NET_KEY_INDEX, "Second",
                                     NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  key = mesh_session_create_net_key_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mesh_net_key_get_index (key), ==, 1);
  g_assert_true (mesh_network_find_net_key (network, 1) == key);
  g_assert_true (mesh_node_has_net_key (mesh_session_get_own_node (session), 1));
  secret = mesh_session_test_lookup_secret (mesh_network_get_uuid (network),
                                            MESH_SECRET_NET_KEY, 1);
  g_assert_nonnull (secret);
  g_assert_cmpuint (g_bytes_get_size (secret), ==, 16);

  /* The index is taken now. */
  g_clear_object (&result);
  mesh_session_create_net_key_async (session, 1, NULL, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_null (mesh_session_create_net_key_finish (session, result, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_EXISTS);
}

static void
check_refused (MeshSession *session,
               MeshNode    *server,
               GBytes      *uuid)
{
  MeshProvisioning *provisioning = mesh_session_get_provisioning (session);
  MeshScanner *scanner = mesh_session_get_scanner (session);
  g_autoptr(GError) error = NULL;
  guint16 address = mesh_node_get_unicast (server);

  g_test_message ("bluetooth-meshd without Remote Provisioning: checking the refusal");
  g_assert_false (mesh_node_has_remote_provisioning_server (server));

  g_assert_null (mesh_provisioning_enqueue_through (provisioning, uuid, NULL, address,
                                                    MESH_PROVISIONING_ANY_NET_INDEX, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DAEMON_TOO_OLD);
  g_assert_nonnull (strstr (error->message, "5.67"));
  g_assert_cmpuint (g_list_model_get_n_items (mesh_provisioning_get_requests (provisioning)), ==, 0);

  mesh_scanner_set_remote_server (scanner, address, 0);
  mesh_session_test_wait_for (has_scan_error, scanner, mesh_session_test_timeout (10000),
                              "the scanner to say why it cannot scan remotely");
  g_assert_nonnull (strstr (mesh_scanner_get_error_message (scanner), "5.67"));
  /* The local scan goes on. */
  g_assert_true (mesh_scanner_get_scanning (scanner));
}

static void
check_remote (MeshSession *session,
              MeshNode    *server,
              GBytes      *uuid)
{
  MeshScanner *scanner = mesh_session_get_scanner (session);
  guint16 address = mesh_node_get_unicast (server);
  Heard heard = { scanner, uuid, address };
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshNode) node = NULL;
  g_autoptr(GBytes) device_key = NULL;
  MeshNetwork *network = mesh_session_get_network (session);

  g_assert_true (mesh_node_has_remote_provisioning_server (server));
  g_assert_cmpint (mesh_node_get_relay (server), !=, MESH_FEATURE_STATE_ENABLED);

  /* The server is on subnet 1 only: it cannot put a device on 0. */
  g_assert_null (mesh_provisioning_enqueue_through (mesh_session_get_provisioning (session), uuid,
                                                    NULL, address, 0, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_cmpuint (mesh_node_get_reach_net_index (server), ==, 1);
  mesh_scanner_set_remote_server (scanner, address, mesh_node_get_reach_net_index (server));
  mesh_session_test_wait_for (is_heard_via, &heard, mesh_session_test_timeout (60000),
                              "device 1 to be heard through device 0");
  g_assert_null (mesh_scanner_get_error_message (scanner));

  node = mesh_session_test_provision_through (session, uuid, NULL, address,
                                              MESH_PROVISIONING_ANY_NET_INDEX, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpuint (mesh_node_get_unicast (node), !=, address);
  g_assert_true (mesh_network_find_node_by_uuid (network, mesh_node_get_uuid (node)) == node);
  assert_only_net_key (node, 1);
  mesh_session_test_load_elements (session, node);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_node_get_elements (node)), ==, 2);
  g_assert_cmpint (mesh_node_get_relay (server), ==, MESH_FEATURE_STATE_ENABLED);

  device_key = mesh_session_test_lookup_secret (mesh_network_get_uuid (network),
                                                MESH_SECRET_DEVICE_KEY,
                                                mesh_node_get_unicast (node));
  g_assert_nonnull (device_key);
  g_assert_cmpuint (g_bytes_get_size (device_key), ==, 16);
  g_assert_null (mesh_scanner_find (scanner, uuid));
}

static void
finish_config (MeshSession       *session,
               GAsyncResult     **result,
               MeshConfigStatus *(*finish) (MeshConfigEngine *, GAsyncResult *, GError **))
{
  g_autoptr(GError) error = NULL;
  MeshConfigStatus *status;

  *result = mesh_core_test_wait (result);
  status = finish (mesh_session_get_engine (session), *result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (status);
  mesh_config_status_free (status);
  g_clear_object (result);
}

/* The node leaves the subnet it is reached over (its first key, having no
 * NetKey 0): the engine asks over its other key, as the node drops the
 * subnet before it answers, and the AppKey bound to it goes too. */
static void
check_leave_subnet (MeshSession *session,
                    MeshNode    *node)
{
  MeshConfigEngine *engine = mesh_session_get_engine (session);
  MeshNetwork *network = mesh_session_get_network (session);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshNetKey) net_key = NULL;
  g_autoptr(MeshAppKey) app_key = create_app_key (session, 1);
  guint n_keys;

  mesh_session_create_net_key_async (session, MESH_SESSION_ANY_NET_KEY_INDEX, NULL, NULL,
                                     mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  net_key = mesh_session_create_net_key_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mesh_net_key_get_index (net_key), ==, 2);
  g_clear_object (&result);

  mesh_config_engine_net_key_add_async (engine, node, 2, NULL, mesh_core_test_result_cb, &result);
  finish_config (session, &result, mesh_config_engine_net_key_add_finish);
  mesh_config_engine_app_key_add_async (engine, node, mesh_app_key_get_index (app_key), NULL,
                                        mesh_core_test_result_cb, &result);
  finish_config (session, &result, mesh_config_engine_app_key_add_finish);
  mesh_node_get_app_keys (node, &n_keys);
  g_assert_cmpuint (n_keys, ==, 1);
  g_assert_cmpuint (mesh_node_get_reach_net_index (node), ==, 1);

  mesh_config_engine_net_key_delete_async (engine, node, 1, NULL, mesh_core_test_result_cb, &result);
  finish_config (session, &result, mesh_config_engine_net_key_delete_finish);
  assert_only_net_key (node, 2);
  mesh_node_get_app_keys (node, &n_keys);
  g_assert_cmpuint (n_keys, ==, 0);

  /* Reached over subnet 2 now. */
  mesh_config_engine_net_key_get_async (engine, node, NULL, mesh_core_test_result_cb, &result);
  finish_config (session, &result, mesh_config_engine_net_key_get_finish);
  assert_only_net_key (node, 2);
  g_assert_nonnull (mesh_network_find_app_key (network, mesh_app_key_get_index (app_key)));
}

static void
test_remote (void)
{
  g_autofree char *db_path = mesh_core_test_temp_path ("remote.db");
  g_autoptr(MeshSession) session = mesh_session_test_open (db_path);
  g_autoptr(GDBusConnection) bus = mesh_session_test_lab_bus ();
  g_autoptr(GBytes) uuid0 = mesh_session_test_lab_uuid (bus, 0, NULL);
  g_autoptr(GBytes) uuid1 = mesh_session_test_lab_uuid (bus, 1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshNode) server = NULL;
  MeshScanner *scanner;

  mesh_session_test_create_network (session, "Remote");
  scanner = mesh_session_get_scanner (session);

  /* Out of our radio's reach: only the other device hears device 1. */
  mesh_session_test_lab_call (bus, "SetLink", g_variant_new ("(iib)", -1, 1, FALSE));

  create_subnet (session);
  check_net_key_delete (session);
  create_subnet (session);

  mesh_session_test_wait_scanned (session, uuid0);
  g_assert_null (mesh_provisioning_enqueue_through (mesh_session_get_provisioning (session),
                                                    uuid0, NULL, 0, 7, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Its composition is read over subnet 1. */
  server = mesh_session_test_provision_through (session, uuid0, NULL, 0, 1, &error);
  g_assert_no_error (error);
  assert_only_net_key (server, 1);
  mesh_session_test_load_elements (session, server);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_node_get_elements (server)), >, 0);

  /* A while of scanning: device 1 is still not heard by us. */
  mesh_scanner_start (scanner);
  mesh_session_test_sleep (mesh_session_test_timeout (3000));
  g_assert_null (mesh_scanner_find (scanner, uuid1));

  if (mesh_daemon_get_remote_provisioning (mesh_session_get_daemon (session)))
    check_remote (session, server, uuid1);
  else
    check_refused (session, server, uuid1);

  check_leave_subnet (session, server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/session/remote", test_remote);

  return g_test_run ();
}
