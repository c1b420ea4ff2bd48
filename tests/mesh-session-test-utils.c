/* mesh-session-test-utils.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* memmem () */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "lab-client.h"
#include "mesh-core-test-utils.h"
#include "mesh-element.h"
#include "mesh-error.h"
#include "mesh-keyring.h"
#include "mesh-model.h"
#include "mesh-session-test-utils.h"

guint
mesh_session_test_timeout (guint real_ms)
{
  const char *warp = g_getenv ("MESH_LAB_TIMEWARP");
  double factor = warp ? g_ascii_strtod (warp, NULL) : 1.0;

  if (!(factor > 0.0))
    factor = 1.0;

  return MAX ((guint) (real_ms / factor) * 3, MIN (real_ms, 5000));
}

void
mesh_session_test_wait_for (gboolean   (*condition) (gpointer data),
                            gpointer     data,
                            guint        timeout_ms,
                            const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
never (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

void
mesh_session_test_sleep (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  mesh_session_test_wait_for (never, &until, ms + 1000, "time to pass");
}

MeshSession *
mesh_session_test_open (const char *db_path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshSession *session;

  mesh_session_open_async (db_path, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  session = mesh_session_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);

  return session;
}

static gboolean
is_attached (gpointer data)
{
  return mesh_daemon_get_state (mesh_session_get_daemon (data)) == MESH_DAEMON_STATE_ATTACHED;
}

void
mesh_session_test_wait_attached (MeshSession *session)
{
  mesh_session_test_wait_for (is_attached, session, mesh_session_test_timeout (30000),
                              "the session to attach");
}

static gboolean
is_detached (gpointer data)
{
  return mesh_daemon_get_state (mesh_session_get_daemon (data)) == MESH_DAEMON_STATE_DETACHED;
}

MeshNetwork *
mesh_session_test_create_network (MeshSession *session,
                                  const char  *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MeshNetwork *network;

  mesh_session_test_wait_for (is_detached, session, 10000, "bluetooth-meshd");
  mesh_session_create_network_async (session, name, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  network = mesh_session_create_network_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (network);
  g_assert_true (network == mesh_session_get_network (session));

  return network;
}

typedef struct
{
  MeshScanner *scanner;
  GBytes      *uuid;
} ScanWait;

static gboolean
is_scanned (gpointer data)
{
  ScanWait *wait = data;

  return mesh_scanner_find (wait->scanner, wait->uuid) != NULL;
}

gpointer
mesh_session_test_wait_scanned (MeshSession *session,
                                GBytes      *uuid)
{
  ScanWait wait = { mesh_session_get_scanner (session), uuid };

  mesh_scanner_start (wait.scanner);
  mesh_session_test_wait_for (is_scanned, &wait, mesh_session_test_timeout (30000),
                              "the device to be heard");

  return mesh_scanner_find (wait.scanner, uuid);
}

MeshNode *
mesh_session_test_provision (MeshSession  *session,
                             GBytes       *uuid,
                             GBytes       *static_key,
                             GError      **error)
{
  return mesh_session_test_provision_through (session, uuid, static_key, 0,
                                              MESH_PROVISIONING_ANY_NET_INDEX, error);
}

MeshNode *
mesh_session_test_provision_through (MeshSession  *session,
                                     GBytes       *uuid,
                                     GBytes       *static_key,
                                     guint16       server,
                                     guint16       net_index,
                                     GError      **error)
{
  g_autoptr(MeshProvisionRequest) request = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  request = mesh_provisioning_enqueue_through (mesh_session_get_provisioning (session), uuid,
                                               static_key, server, net_index, error);
  if (request == NULL)
    return NULL;

  mesh_provision_request_wait_async (request, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);

  return mesh_provision_request_wait_finish (request, result, error);
}

void
mesh_session_test_load_elements (MeshSession *session,
                                 MeshNode    *node)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mesh_store_load_elements_async (mesh_session_get_store (session),
                                  mesh_session_get_network (session), node, NULL,
                                  mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_store_load_elements_finish (mesh_session_get_store (session), result,
                                                  &error));
  g_assert_no_error (error);
}

static gboolean
element_has_model (MeshElement *element,
                   guint32      model_id,
                   gboolean     vendor)
{
  return mesh_element_find_model (element, model_id, vendor) != NULL;
}

void
mesh_session_test_check_lab_composition (MeshNode *node,
                                         guint16   company_id)
{
  MeshElement *element0;
  MeshElement *element1;

  g_assert_true (mesh_node_get_elements_loaded (node));
  g_assert_cmpuint (g_list_model_get_n_items (mesh_node_get_elements (node)), ==, 2);
  g_assert_cmpint (mesh_node_get_cid (node), ==, company_id);
  g_assert_cmpint (mesh_node_get_pid (node), >=, 0);
  element0 = mesh_node_get_element (node, 0);
  element1 = mesh_node_get_element (node, 1);
  g_assert_nonnull (element0);
  g_assert_nonnull (element1);
  g_assert_cmpuint (mesh_element_get_address (element1), ==, mesh_node_get_unicast (node) + 1);
  g_assert_true (element_has_model (element0, 0x0000, FALSE));   /* Configuration Server */
  g_assert_true (element_has_model (element0, 0x1000, FALSE));   /* Generic OnOff Server */
  g_assert_true (element_has_model (element0, 0x1002, FALSE));   /* Generic Level Server */
  g_assert_true (element_has_model (element0, ((guint32) company_id << 16) | 0x0001, TRUE)
                 || element_has_model (element0, 0x0001, TRUE));
  g_assert_true (element_has_model (element1, 0x1000, FALSE));
  g_assert_false (element_has_model (element1, 0x1002, FALSE));
}

GBytes *
mesh_session_test_lookup_secret (const char *network_uuid,
                                 int         kind,
                                 guint       index)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *value;

  mesh_keyring_lookup_async (network_uuid, kind, index, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  value = mesh_keyring_lookup_finish (result, &error);
  if (g_error_matches (error, MESH_ERROR, MESH_ERROR_SECRET_MISSING))
    return NULL;
  g_assert_no_error (error);

  return value;
}

static gboolean
contains (GBytes     *file,
          const void *pattern,
          gsize       len)
{
  gsize size;
  const void *data = g_bytes_get_data (file, &size);

  return size >= len && memmem (data, size, pattern, len) != NULL;
}

void
mesh_session_test_assert_no_keys_in_db (const char *db_path,
                                        GPtrArray  *keys)
{
  const char *suffixes[] = { "", "-wal" };
  gsize total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) file = NULL;
      gsize size = 0;

      if (!g_file_get_contents (path, &contents, &size, NULL))
        continue;
      total += size;
      file = g_bytes_new_take (g_steal_pointer (&contents), size);

      for (guint k = 0; k < keys->len; k++)
        {
          GBytes *key = g_ptr_array_index (keys, k);
          gsize len;
          const guint8 *bytes = g_bytes_get_data (key, &len);
          g_autofree char *lower = g_malloc0 (2 * len + 1);
          g_autofree char *upper = NULL;

          for (gsize j = 0; j < len; j++)
            g_snprintf (lower + 2 * j, 3, "%02x", bytes[j]);
          upper = g_ascii_strup (lower, -1);

          if (contains (file, bytes, len) || contains (file, lower, 2 * len)
              || contains (file, upper, 2 * len))
            g_error ("Key %s found in %s", lower, path);
        }
    }

  g_assert_cmpuint (total, >, 0);
}

GDBusConnection *
mesh_session_test_lab_bus (void)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);

  g_assert_no_error (error);
  return bus;
}

GBytes *
mesh_session_test_lab_uuid (GDBusConnection  *bus,
                            guint             index,
                            GBytes          **static_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) device = lab_client_get_device (bus, index, &error);
  guint8 uuid[16];
  guint8 key[16];

  g_assert_no_error (error);
  g_assert_true (lab_client_device_bytes (device, "Uuid", uuid));
  if (static_key)
    *static_key = lab_client_device_bytes (device, "StaticKey", key) ? g_bytes_new (key, 16) : NULL;

  return g_bytes_new (uuid, 16);
}

void
mesh_session_test_lab_call (GDBusConnection *bus,
                            const char      *method,
                            GVariant        *parameters)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = lab_client_call (bus, method, parameters, NULL, &error);

  g_assert_no_error (error);
}
