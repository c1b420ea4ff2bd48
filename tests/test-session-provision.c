/* test-session-provision.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs in `mesh-lab run --devices 3 --oob none --oob static:K` (device 0
 * without OOB, devices 1 and 2 with the static key K), under session-run:
 * a network is created, the devices are scanned and provisioned through
 * MeshSession - no OOB and static OOB queued together, then a wrong static
 * key that fails with a sentence and is retried, answering the prompt as
 * the UI would. Each node's composition ends up in the database, its device
 * key in the keyring and nowhere in the database. Then two nodes are
 * removed (mesh_session_remove_node_async()): one reset first, which
 * forgets the network and beacons again, one without a word to it. */

#include "config.h"

#include "lab-client.h"
#include "mesh-app-key.h"
#include "mesh-beacon.h"
#include "mesh-core-test-utils.h"
#include "mesh-element.h"
#include "mesh-error.h"
#include "mesh-keyring.h"
#include "mesh-model.h"
#include "mesh-session-test-utils.h"
#include "mesh-store-batch.h"
#include "mesh-uuid.h"

#include <string.h>

#define LAB_COMPANY_ID 0x05F1

typedef struct
{
  GBytes *key;
  guint   prompts;
} PromptAnswer;

static void
oob_request_cb (MeshSession          *session,
                MeshOobRequest       *oob,
                MeshProvisionRequest *request,
                PromptAnswer         *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) short_key = g_bytes_new ("\x01\x02", 2);

  answer->prompts++;
  g_assert_nonnull (request);
  g_assert_true (mesh_provision_request_get_oob_request (request) == oob);
  g_assert_cmpint (mesh_provision_request_get_step (request), ==,
                   MESH_PROVISION_STEP_AUTHENTICATION);
  g_assert_cmpint (mesh_oob_request_get_kind (oob), ==, MESH_OOB_KIND_PROMPT_STATIC);
  g_assert_cmpint (mesh_oob_request_get_action (oob), ==, MESH_OOB_ACTION_STATIC);
  g_assert_true (mesh_oob_request_is_prompt (oob));
  g_assert_nonnull (mesh_oob_request_get_prompt (oob));

  /* A wrong length is refused here, before meshd sees it. */
  g_assert_false (mesh_oob_request_answer_static (oob, short_key, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_assert_cmpint (mesh_oob_request_get_state (oob), ==, MESH_OOB_STATE_PENDING);
  g_clear_error (&error);

  g_assert_true (mesh_oob_request_answer_static (oob, answer->key, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mesh_oob_request_get_state (oob), ==, MESH_OOB_STATE_ANSWERED);
}

static void
step_cb (MeshProvisionRequest *request,
         GParamSpec           *pspec,
         GString              *steps)
{
  GEnumClass *klass = g_type_class_peek (MESH_TYPE_PROVISION_STEP);
  GEnumValue *value = g_enum_get_value (klass, mesh_provision_request_get_step (request));

  g_string_append_printf (steps, "%s%s", steps->len ? " " : "", value->value_nick);
}

static gboolean
is_detached_session (gpointer data)
{
  return mesh_daemon_get_state (mesh_session_get_daemon (data)) == MESH_DAEMON_STATE_DETACHED;
}

static GBytes *
random_key (void)
{
  guint8 key[16];

  for (gsize i = 0; i < sizeof key; i++)
    key[i] = g_random_int_range (0, 256);

  return g_bytes_new (key, sizeof key);
}

static void
check_node (MeshSession *session,
            MeshNode    *node,
            GBytes      *uuid,
            GPtrArray   *device_keys,
            guint        lab_index)
{
  g_autoptr(GDBusConnection) bus = mesh_session_test_lab_bus ();
  g_autoptr(GVariant) device = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autofree char *uuid_string = NULL;
  MeshNetwork *network = mesh_session_get_network (session);
  guint16 unicast = mesh_node_get_unicast (node);
  guint16 lab_unicast = 0;
  gboolean provisioned = FALSE;
  guint n_keys = 0;

  g_assert_nonnull (node);
  g_assert_true (mesh_network_find_node_by_address (network, unicast) == node);
  uuid_string = g_strdup (mesh_node_get_uuid (node));
  g_assert_cmpuint (g_bytes_get_size (uuid), ==, 16);
  g_assert_true (mesh_network_find_node_by_uuid (network, uuid_string) == node);
  g_assert_cmpuint (mesh_node_get_element_count (node), ==, 2);
  g_assert_cmpuint (mesh_node_get_net_keys (node, &n_keys)[0].index, ==, 0);
  g_assert_cmpuint (n_keys, ==, 1);

  /* In our provisioner's range, clear of our own node. */
  g_assert_cmpuint (unicast, >=, 0x0002);
  g_assert_cmpuint (unicast + 1, <=, 0x3FFF);

  /* The composition, read at provisioning, is in the database. */
  mesh_session_test_load_elements (session, node);
  mesh_session_test_check_lab_composition (node, LAB_COMPANY_ID);

  /* The device agrees. */
  device = lab_client_get_device (bus, lab_index, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (device, "Provisioned", "b", &provisioned));
  g_assert_true (provisioned);
  g_assert_true (g_variant_lookup (device, "Unicast", "q", &lab_unicast));
  g_assert_cmpuint (lab_unicast, ==, unicast);

  /* The device key is in the keyring. */
  key = mesh_session_test_lookup_secret (mesh_network_get_uuid (network), MESH_SECRET_DEVICE_KEY,
                                         unicast);
  g_assert_nonnull (key);
  g_assert_cmpuint (g_bytes_get_size (key), ==, 16);
  g_ptr_array_add (device_keys, g_steal_pointer (&key));
}

typedef struct
{
  MeshProvisionRequest *first;
  MeshProvisionRequest *second;
} Pair;

static gboolean
both_finished (gpointer data)
{
  Pair *pair = data;

  return mesh_provision_request_is_finished (pair->first)
         && mesh_provision_request_is_finished (pair->second);
}

static gboolean
device_joining (gpointer data)
{
  g_autoptr(GDBusConnection) bus = mesh_session_test_lab_bus ();
  g_autoptr(GVariant) device = lab_client_get_device (bus, GPOINTER_TO_UINT (data), NULL);
  gboolean joining = FALSE;
  guint attempts = 0;

  g_variant_lookup (device, "Joining", "b", &joining);
  g_variant_lookup (device, "JoinAttempts", "u", &attempts);

  return joining && attempts >= 2;
}

static MeshDaemonKeys *
export_keys (MeshSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshDaemonKeys *keys;

  mesh_daemon_export_keys_async (mesh_session_get_daemon (session), NULL,
                                 mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  keys = mesh_daemon_export_keys_finish (mesh_session_get_daemon (session), result, &error);
  g_assert_no_error (error);

  return keys;
}

static const MeshDaemonKey *
find_key (GPtrArray *keys,
          guint16    index)
{
  for (guint i = 0; i < keys->len; i++)
    if (((MeshDaemonKey *) g_ptr_array_index (keys, i))->index == index)
      return g_ptr_array_index (keys, i);

  return NULL;
}

static gboolean
is_excluded (MeshNetwork *network,
             guint16      address)
{
  guint n = 0;
  const MeshExclusion *exclusions = mesh_network_get_exclusions (network, &n);

  for (guint i = 0; i < n; i++)
    if (exclusions[i].address == address)
      return TRUE;

  return FALSE;
}

static gboolean
device_unprovisioned (gpointer data)
{
  g_autoptr(GDBusConnection) bus = mesh_session_test_lab_bus ();
  g_autoptr(GVariant) device = lab_client_get_device (bus, GPOINTER_TO_UINT (data), NULL);
  gboolean provisioned = TRUE;

  g_variant_lookup (device, "Provisioned", "b", &provisioned);

  return !provisioned;
}

static gboolean
device_provisioned (guint lab_index)
{
  return !device_unprovisioned (GUINT_TO_POINTER (lab_index));
}

/* mesh_session_remove_node_async(), then: not in the database, its two
 * addresses excluded, no device key in the keyring nor in meshd. */
static void
remove_and_check (MeshSession *session,
                  MeshNode    *node,
                  gboolean     reset_first)
{
  MeshNetwork *network = mesh_session_get_network (session);
  g_autoptr(MeshNode) keep = g_object_ref (node);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshDaemonKeys) keys = NULL;
  g_autoptr(GBytes) key = NULL;
  guint16 unicast = mesh_node_get_unicast (node);

  g_assert_cmpuint (mesh_node_get_element_count (node), ==, 2);
  key = mesh_session_test_lookup_secret (mesh_network_get_uuid (network), MESH_SECRET_DEVICE_KEY,
                                         unicast);
  g_assert_nonnull (key);
  g_clear_pointer (&key, g_bytes_unref);
  keys = export_keys (session);
  g_assert_nonnull (mesh_daemon_keys_find_device_key (keys, unicast));
  g_clear_pointer (&keys, mesh_daemon_keys_free);

  mesh_session_remove_node_async (session, node, reset_first, NULL, mesh_core_test_result_cb,
                                  &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_session_remove_node_finish (session, result, &error));
  g_assert_no_error (error);

  g_assert_null (mesh_network_find_node_by_address (network, unicast));
  g_assert_true (is_excluded (network, unicast));
  g_assert_true (is_excluded (network, unicast + 1));
  key = mesh_session_test_lookup_secret (mesh_network_get_uuid (network), MESH_SECRET_DEVICE_KEY,
                                         unicast);
  g_assert_null (key);
  keys = export_keys (session);
  g_assert_null (mesh_daemon_keys_find_device_key (keys, unicast));
  g_assert_null (mesh_daemon_keys_find_device_key (keys, unicast + 1));
}

static void
remove_nodes (MeshSession *session,
              MeshNode    *node0,
              GBytes      *uuid0,
              MeshNode    *node1)
{
  MeshConfigEngine *engine = mesh_session_get_engine (session);
  g_autoptr(GDBusConnection) bus = mesh_session_test_lab_bus ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Our own node stays. */
  mesh_session_remove_node_async (session, mesh_session_get_own_node (session), FALSE, NULL,
                                  mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_false (mesh_session_remove_node_finish (session, result, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (mesh_session_get_own_node (session));

  /* Reset first: a meshd 5.66 device leaves before its Node Reset Status,
   * so the reset times out and counts as done; the device is
   * unprovisioned and beacons again. */
  mesh_config_engine_set_timeout (engine, 2000);
  mesh_config_engine_set_retries (engine, 0);
  g_assert_true (device_provisioned (0));
  remove_and_check (session, node0, TRUE);
  /* The virtual device learns that its meshd dropped the node at its next
   * Attach: switched off and on again, it joins anew and beacons. */
  mesh_session_test_lab_call (bus, "VanishDevice", g_variant_new ("(u)", 0));
  mesh_session_test_lab_call (bus, "RestoreDevice", g_variant_new ("(u)", 0));
  mesh_session_test_wait_for (device_unprovisioned, GUINT_TO_POINTER (0),
                              mesh_session_test_timeout (30000), "device 0 to forget the network");
  g_assert_nonnull (mesh_session_test_wait_scanned (session, uuid0));

  /* Removed without a reset (a dead device): nothing is sent to it. */
  remove_and_check (session, node1, FALSE);
  g_assert_true (device_provisioned (1));
}

static void
test_provision_three (void)
{
  g_autofree char *db_path = mesh_core_test_temp_path ("networks.db");
  g_autoptr(GDBusConnection) bus = mesh_session_test_lab_bus ();
  g_autoptr(MeshSession) session = NULL;
  g_autoptr(GPtrArray) device_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) uuid0 = NULL;
  g_autoptr(GBytes) uuid1 = NULL;
  g_autoptr(GBytes) uuid2 = NULL;
  g_autoptr(GBytes) key1 = NULL;
  g_autoptr(GBytes) key2 = NULL;
  g_autoptr(GBytes) wrong = NULL;
  g_autoptr(GBytes) own_key = NULL;
  g_autoptr(GBytes) net_key = NULL;
  g_autoptr(GBytes) token = NULL;
  g_autoptr(MeshProvisionRequest) request0 = NULL;
  g_autoptr(MeshProvisionRequest) request1 = NULL;
  g_autoptr(MeshProvisionRequest) request2 = NULL;
  g_autoptr(MeshNode) node2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) steps0 = g_string_new (NULL);
  g_autoptr(GString) steps1 = g_string_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MeshAppKey) app_key = NULL;
  PromptAnswer answer = { 0 };
  MeshScannedDevice *scanned;
  MeshNetwork *network;
  MeshNode *own;
  Pair pair;
  guint8 wrong_bytes[16];

  uuid0 = mesh_session_test_lab_uuid (bus, 0, NULL);
  uuid1 = mesh_session_test_lab_uuid (bus, 1, &key1);
  uuid2 = mesh_session_test_lab_uuid (bus, 2, &key2);
  g_assert_nonnull (key1);
  g_assert_nonnull (key2);
  memcpy (wrong_bytes, g_bytes_get_data (key2, NULL), 16);
  wrong_bytes[15] ^= 0x01;
  wrong = g_bytes_new (wrong_bytes, 16);

  session = mesh_session_test_open (db_path);
  network = mesh_session_test_create_network (session, "Lab");
  g_assert_cmpint (mesh_daemon_get_state (mesh_session_get_daemon (session)), ==,
                   MESH_DAEMON_STATE_ATTACHED);
  g_assert_null (mesh_daemon_get_state_message (mesh_session_get_daemon (session)));

  /* Our node: 0x0001, with the client models; its token and keys in the
   * keyring. */
  own = mesh_session_get_own_node (session);
  g_assert_nonnull (own);
  g_assert_cmpuint (mesh_node_get_unicast (own), ==, 0x0001);
  g_assert_nonnull (mesh_element_find_model (mesh_node_get_element (own, 0), 0x1001, FALSE));
  token = mesh_session_test_lookup_secret (mesh_network_get_uuid (network),
                                           MESH_SECRET_NODE_TOKEN, 0);
  g_assert_nonnull (token);
  g_assert_cmpuint (g_bytes_get_size (token), ==, 8);
  own_key = mesh_session_test_lookup_secret (mesh_network_get_uuid (network),
                                             MESH_SECRET_DEVICE_KEY, 0x0001);
  net_key = mesh_session_test_lookup_secret (mesh_network_get_uuid (network),
                                             MESH_SECRET_NET_KEY, 0);
  g_assert_nonnull (own_key);
  g_assert_nonnull (net_key);
  g_ptr_array_add (device_keys, g_bytes_ref (own_key));
  g_ptr_array_add (device_keys, g_bytes_ref (net_key));
  g_ptr_array_add (device_keys, g_bytes_ref (token));

  /* The scan hears all three, with their OOB information. */
  mesh_session_test_wait_scanned (session, uuid0);
  scanned = mesh_session_test_wait_scanned (session, uuid1);
  g_assert_true (mesh_scanned_device_get_oob_info (scanned) & MESH_OOB_INFO_ON_BOX);
  g_assert_cmpint (mesh_scanned_device_get_rssi (scanned), <, 0);
  g_assert_cmpint (mesh_scanned_device_get_last_seen (scanned), >=,
                   mesh_scanned_device_get_first_seen (scanned));
  mesh_session_test_wait_scanned (session, uuid2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mesh_session_get_scanner (session))),
                    ==, 3);

  /* No OOB and static OOB, queued together: one at a time. */
  request0 = mesh_provisioning_enqueue (mesh_session_get_provisioning (session), uuid0, NULL,
                                        &error);
  g_assert_no_error (error);
  request1 = mesh_provisioning_enqueue (mesh_session_get_provisioning (session), uuid1, key1,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (mesh_provision_request_get_step (request1), ==, MESH_PROVISION_STEP_QUEUED);
  g_assert_null (mesh_provisioning_enqueue (mesh_session_get_provisioning (session), uuid1, NULL,
                                            &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_EXISTS);
  g_clear_error (&error);
  /* The first one started at once. */
  g_assert_cmpint (mesh_provision_request_get_step (request0), ==, MESH_PROVISION_STEP_LINK);
  g_signal_connect (request0, "notify::step", G_CALLBACK (step_cb), steps0);
  g_signal_connect (request1, "notify::step", G_CALLBACK (step_cb), steps1);

  pair.first = request0;
  pair.second = request1;
  mesh_session_test_wait_for (both_finished, &pair, mesh_session_test_timeout (2 * 60000),
                              "two provisionings");
  g_test_message ("device 0 steps: %s", steps0->str);
  g_test_message ("device 1 steps: %s", steps1->str);
  g_assert_no_error (mesh_provision_request_get_error (request0));
  g_assert_no_error (mesh_provision_request_get_error (request1));
  g_assert_no_error (mesh_provision_request_get_composition_error (request0));
  g_assert_cmpstr (steps0->str, ==, "exchange data storing composition done");
  g_assert_cmpstr (steps1->str, ==, "link exchange authentication data storing composition done");
  g_assert_cmpint (mesh_provision_request_get_daemon_time (request0), >, 0);
  g_assert_cmpint (mesh_provision_request_get_stored_time (request0), >=,
                   mesh_provision_request_get_daemon_time (request0));
  g_assert_cmpint (mesh_provision_request_get_total_time (request0), >=,
                   mesh_provision_request_get_stored_time (request0));
  /* Provisioned devices leave the scan list. */
  g_assert_null (mesh_scanner_find (mesh_session_get_scanner (session), uuid0));

  check_node (session, mesh_provision_request_get_node (request0), uuid0, device_keys, 0);
  check_node (session, mesh_provision_request_get_node (request1), uuid1, device_keys, 1);
  g_assert_cmpuint (mesh_node_get_unicast (mesh_provision_request_get_node (request0)), !=,
                    mesh_node_get_unicast (mesh_provision_request_get_node (request1)));

  /* A wrong static key: a sentence, and the device can be tried again. */
  node2 = mesh_session_test_provision (session, uuid2, wrong, &error);
  g_assert_null (node2);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_PROVISIONING_FAILED);
  g_test_message ("wrong static OOB: %s", error->message);
  g_assert_nonnull (strstr (error->message, "authentication value"));
  g_assert_nonnull (strstr (error->message, "static OOB key"));
  g_clear_error (&error);
  {
    g_autofree char *uuid2_string = mesh_uuid_to_string (uuid2);

    g_assert_null (mesh_network_find_node_by_uuid (network, uuid2_string));
  }
  mesh_session_test_wait_for (device_joining, GUINT_TO_POINTER (2),
                              mesh_session_test_timeout (30000), "device 2 to wait again");

  /* Retried without a key given: the prompt surfaces and is answered. */
  answer.key = key2;
  g_signal_connect (session, "oob-request", G_CALLBACK (oob_request_cb), &answer);
  node2 = mesh_session_test_provision (session, uuid2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answer.prompts, ==, 1);
  check_node (session, node2, uuid2, device_keys, 2);

  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_nodes (network)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (
                      mesh_provisioning_get_requests (mesh_session_get_provisioning (session))),
                    ==, 0);

  /* An AppKey: keyring, meshd, database, and on our own node with our
   * client models bound to it. */
  mesh_session_create_app_key_async (session, 0, MESH_SESSION_ANY_APP_KEY_INDEX, "Lights", NULL,
                                     mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  app_key = mesh_session_create_app_key_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (app_key);
  g_assert_cmpuint (mesh_app_key_get_index (app_key), ==, 0);
  g_assert_true (mesh_network_find_app_key (network, 0) == app_key);
  g_ptr_array_add (device_keys, mesh_session_test_lookup_secret (mesh_network_get_uuid (network),
                                                                 MESH_SECRET_APP_KEY, 0));
  g_assert_nonnull (g_ptr_array_index (device_keys, device_keys->len - 1));
  {
    guint n = 0;
    const MeshNodeKey *keys = mesh_node_get_app_keys (own, &n);
    MeshModel *onoff = mesh_element_find_model (mesh_node_get_element (own, 0), 0x1001, FALSE);
    MeshModel *level = mesh_element_find_model (mesh_node_get_element (own, 0), 0x1003, FALSE);

    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (keys[0].index, ==, 0);
    g_assert_true (mesh_model_has_binding (onoff, 0));
    g_assert_true (mesh_model_has_binding (level, 0));
  }

  /* Not one key byte in the database. */
  mesh_session_test_assert_no_keys_in_db (db_path, device_keys);

  remove_nodes (session, mesh_provision_request_get_node (request0), uuid0,
                mesh_provision_request_get_node (request1));
}

/* A network that is in the database and the keyring but not in meshd (as
 * after a CDB import): meshd forgets our node (Leave), and a new session
 * puts everything back with mesh_session_import_network_async(). On the
 * way, an AppKey is deleted everywhere. */
static void
test_import_and_delete_key (void)
{
  g_autofree char *db_path = mesh_core_test_temp_path ("networks.db");
  g_autofree char *network_uuid = NULL;
  g_autoptr(MeshSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshAppKey) kept = NULL;
  g_autoptr(MeshAppKey) deleted = NULL;
  g_autoptr(GBytes) kept_bytes = NULL;
  g_autoptr(GBytes) net_key = NULL;
  g_autoptr(GBytes) remote_key = NULL;
  g_autoptr(MeshNode) remote = NULL;
  g_autoptr(MeshDaemonKeys) keys = NULL;
  g_autoptr(MeshStoreBatch) batch = NULL;
  MeshNetwork *network;
  MeshNode *own;
  guint n = 0;

  session = mesh_session_test_open (db_path);
  network = mesh_session_test_create_network (session, "Import");
  network_uuid = g_strdup (mesh_network_get_uuid (network));

  mesh_session_create_app_key_async (session, 0, MESH_SESSION_ANY_APP_KEY_INDEX, "Kept", NULL,
                                     mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  kept = mesh_session_create_app_key_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mesh_app_key_get_index (kept), ==, 0);
  g_clear_object (&result);

  /* Any free index, not only the lowest; a taken or too high one is
   * refused before anything is made. */
  mesh_session_create_app_key_async (session, 0, 0x123, "Deleted", NULL,
                                     mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  deleted = mesh_session_create_app_key_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mesh_app_key_get_index (deleted), ==, 0x123);
  g_clear_object (&result);
  keys = export_keys (session);
  g_assert_nonnull (find_key (keys->app_keys, 0x123));
  g_assert_cmpuint (find_key (keys->app_keys, 0x123)->bound_index, ==, 0);
  g_clear_pointer (&keys, mesh_daemon_keys_free);
  {
    g_autoptr(GBytes) secret = mesh_session_test_lookup_secret (network_uuid, MESH_SECRET_APP_KEY,
                                                                0x123);

    g_assert_nonnull (secret);
  }
  mesh_node_get_app_keys (mesh_session_get_own_node (session), &n);
  g_assert_cmpuint (n, ==, 2);

  mesh_session_create_app_key_async (session, 0, 0x123, "Again", NULL,
                                     mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_null (mesh_session_create_app_key_finish (session, result, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_object (&result);
  mesh_session_create_app_key_async (session, 0, 0x1000, "Too high", NULL,
                                     mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_null (mesh_session_create_app_key_finish (session, result, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_app_keys (network)), ==, 2);

  /* Deleted: from our node, meshd, the database and the keyring. */
  mesh_session_delete_app_key_async (session, deleted, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_session_delete_app_key_finish (session, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_null (mesh_network_find_app_key (network, 0x123));
  g_assert_null (mesh_session_test_lookup_secret (network_uuid, MESH_SECRET_APP_KEY, 0x123));
  own = mesh_session_get_own_node (session);
  mesh_node_get_app_keys (own, &n);
  g_assert_cmpuint (n, ==, 1);
  keys = export_keys (session);
  g_assert_cmpuint (keys->app_keys->len, ==, 1);
  g_assert_nonnull (find_key (keys->app_keys, 0));
  g_clear_pointer (&keys, mesh_daemon_keys_free);

  /* A node made elsewhere, known only to the database and the keyring. */
  remote_key = random_key ();
  remote = mesh_node_new ("5ca1ab1e-0000-4000-8000-000000000100", 0x0100, 2);
  mesh_node_add_net_key (remote, 0, FALSE);
  batch = mesh_store_batch_new (mesh_session_get_store (session));
  mesh_store_batch_add (batch, network, remote);
  mesh_store_batch_commit_async (batch, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_batch_commit_finish (batch, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  mesh_keyring_store_async (network_uuid, MESH_SECRET_DEVICE_KEY, 0x0100, remote_key, NULL,
                            mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_keyring_store_finish (result, &error));
  g_clear_object (&result);

  /* meshd forgets our node. */
  mesh_daemon_leave_async (mesh_session_get_daemon (session), NULL, mesh_core_test_result_cb,
                           &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_daemon_leave_finish (mesh_session_get_daemon (session), result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (mesh_daemon_get_state (mesh_session_get_daemon (session)), ==,
                   MESH_DAEMON_STATE_DETACHED);
  mesh_session_close_async (session, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_session_close_finish (session, result, &error));
  g_clear_object (&result);
  g_clear_object (&session);

  /* Put back from the database and the keyring. */
  session = mesh_session_test_open (db_path);
  network = mesh_store_find_network (mesh_session_get_store (session), network_uuid);
  g_assert_nonnull (network);
  mesh_session_test_wait_for (is_detached_session, session, 10000, "bluetooth-meshd");
  mesh_session_import_network_async (session, network, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  {
    gboolean ok = mesh_session_import_network_finish (session, result, &error);

    g_assert_no_error (error);
    g_assert_true (ok);
  }
  g_assert_cmpint (mesh_daemon_get_state (mesh_session_get_daemon (session)), ==,
                   MESH_DAEMON_STATE_ATTACHED);
  /* As a new provisioner: meshd's Import would start the sequence numbers
   * of the old node again from zero, which the devices drop as replays. */
  g_assert_cmpuint (mesh_daemon_get_unicast (mesh_session_get_daemon (session)), ==, 0x4000);
  own = mesh_session_get_own_node (session);
  g_assert_nonnull (own);
  g_assert_cmpuint (mesh_node_get_unicast (own), ==, 0x4000);
  g_assert_cmpstr (mesh_network_get_local_provisioner_uuid (network), ==, mesh_node_get_uuid (own));
  g_assert_cmpuint (g_list_model_get_n_items (mesh_network_get_provisioners (network)), ==, 2);
  {
    MeshProvisioner *ours = mesh_network_find_provisioner (network, mesh_node_get_uuid (own));
    const MeshAddressRange *ranges = mesh_provisioner_get_ranges (ours, MESH_RANGE_KIND_UNICAST, &n);
    g_autoptr(GBytes) own_key = mesh_session_test_lookup_secret (network_uuid,
                                                                 MESH_SECRET_DEVICE_KEY, 0x4000);

    g_assert_cmpuint (n, ==, 1);
    g_assert_cmphex (ranges[0].low, ==, 0x4000);
    g_assert_cmphex (ranges[0].high, ==, 0x4FFF);
    g_assert_nonnull (own_key);
    g_assert_nonnull (mesh_network_find_node_by_address (network, 0x0001));
  }

  /* meshd has the keys the keyring has, byte for byte. */
  keys = export_keys (session);
  kept_bytes = mesh_session_test_lookup_secret (network_uuid, MESH_SECRET_APP_KEY, 0);
  net_key = mesh_session_test_lookup_secret (network_uuid, MESH_SECRET_NET_KEY, 0);
  g_assert_true (g_bytes_equal (find_key (keys->app_keys, 0)->key, kept_bytes));
  g_assert_true (g_bytes_equal (find_key (keys->net_keys, 0)->key, net_key));
  g_assert_nonnull (mesh_daemon_keys_find_device_key (keys, 0x0100));
  g_assert_true (g_bytes_equal (mesh_daemon_keys_find_device_key (keys, 0x0100)->key, remote_key));
  g_assert_nonnull (mesh_daemon_keys_find_device_key (keys, 0x0001));
  g_assert_nonnull (mesh_daemon_keys_find_device_key (keys, 0x4000));
  g_assert_cmpuint (mesh_node_get_app_keys (own, &n)[0].index, ==, 0);
  g_assert_cmpuint (n, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/session/provision-three", test_provision_three);
  g_test_add_func ("/session/import-and-delete-key", test_import_and_delete_key);

  return g_test_run ();
}
