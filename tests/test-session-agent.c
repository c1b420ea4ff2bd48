/* test-session-agent.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The application's exported objects, called the way bluetooth-meshd
 * calls them: this test owns org.bluez.mesh on a private bus and calls
 * the provisioner-side agent (PromptNumeric, PromptStatic, DisplayNumeric,
 * DisplayString, Cancel) of a MeshDaemon, answering the prompts as the UI
 * would through MeshOobRequest. meshd 5.66 devices cannot run output or
 * input OOB, so this is the only way to exercise those prompts. Also: the
 * objects meshd reads (GetManagedObjects, the agent's capabilities), and
 * calls from anyone but org.bluez.mesh's owner being refused. */

#include "config.h"

#include <string.h>

#include "mesh-core-test-utils.h"
#include "mesh-bluez.h"
#include "mesh-daemon.h"
#include "mesh-error.h"
#include "mesh-keyring.h"

#define MESH_SERVICE "org.bluez.mesh"
#define AGENT_IFACE  "org.bluez.mesh.ProvisionAgent1"

typedef struct
{
  GDBusConnection *meshd;     /* owns org.bluez.mesh: plays the daemon */
  GDBusConnection *stranger;  /* anyone else on the bus */
  MeshDaemon      *daemon;
  GPtrArray       *requests;  /* MeshOobRequest, as emitted */
} Fixture;

static GDBusConnection *
new_connection (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *connection;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                       | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);

  return connection;
}

static void
oob_request_cb (MeshDaemon     *daemon,
                MeshOobRequest *request,
                Fixture        *fixture)
{
  g_ptr_array_add (fixture->requests, g_object_ref (request));
}

static gboolean
is_detached (gpointer data)
{
  return mesh_daemon_get_state (data) == MESH_DAEMON_STATE_DETACHED;
}

static void
wait_for (gboolean  (*condition) (gpointer),
          gpointer    data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  guint32 result;

  /* The daemon client uses the system bus: make that ours. */
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_getenv ("DBUS_SESSION_BUS_ADDRESS"), TRUE);

  fixture->meshd = new_connection ();
  fixture->stranger = new_connection ();
  reply = g_dbus_connection_call_sync (fixture->meshd, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName", g_variant_new ("(su)", MESH_SERVICE, 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1);  /* primary owner */

  fixture->requests = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->daemon = mesh_daemon_new ();
  g_signal_connect (fixture->daemon, "oob-request", G_CALLBACK (oob_request_cb), fixture);
  /* No network given: it stops at "detached", its objects exported. */
  wait_for (is_detached, fixture->daemon);
  g_assert_nonnull (mesh_daemon_get_state_message (fixture->daemon));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->daemon);
  g_clear_pointer (&fixture->requests, g_ptr_array_unref);
  g_dbus_connection_close_sync (fixture->meshd, NULL, NULL);
  g_dbus_connection_close_sync (fixture->stranger, NULL, NULL);
  g_clear_object (&fixture->meshd);
  g_clear_object (&fixture->stranger);
}

/* An agent call in flight, from @connection. */
typedef struct
{
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Call;

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *call = user_data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &call->error);
  call->done = TRUE;
}

static Call *
call_agent (Fixture         *fixture,
            GDBusConnection *connection,
            const char      *method,
            GVariant        *parameters)
{
  Call *call = g_new0 (Call, 1);

  g_dbus_connection_call (connection, mesh_daemon_get_unique_name (fixture->daemon),
                          mesh_daemon_get_agent_path (), AGENT_IFACE, method, parameters,
                          NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, call_done_cb, call);
  return call;
}

static gboolean
call_is_done (gpointer data)
{
  return ((Call *) data)->done;
}

static void
call_free (Call *call)
{
  g_clear_pointer (&call->reply, g_variant_unref);
  g_clear_error (&call->error);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static gboolean
has_request (gpointer data)
{
  return ((Fixture *) data)->requests->len > 0;
}

/* Calls @method and waits for the request it makes. */
static MeshOobRequest *
prompt (Fixture     *fixture,
        const char  *method,
        GVariant    *parameters,
        Call       **call)
{
  g_ptr_array_set_size (fixture->requests, 0);
  *call = call_agent (fixture, fixture->meshd, method, parameters);
  wait_for (has_request, fixture);
  g_assert_cmpuint (fixture->requests->len, ==, 1);

  return g_object_ref (g_ptr_array_index (fixture->requests, 0));
}

static void
test_prompt_numeric (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshOobRequest) request = NULL;
  g_autoptr(Call) call = NULL;
  guint32 number = 0;

  request = prompt (fixture, "PromptNumeric", g_variant_new ("(s)", "blink"), &call);
  g_assert_cmpint (mesh_oob_request_get_kind (request), ==, MESH_OOB_KIND_PROMPT_NUMBER);
  g_assert_cmpint (mesh_oob_request_get_action (request), ==, MESH_OOB_ACTION_BLINK);
  g_assert_cmpint (mesh_oob_request_get_state (request), ==, MESH_OOB_STATE_PENDING);
  g_assert_true (mesh_oob_request_is_prompt (request));
  g_assert_nonnull (strstr (mesh_oob_request_get_prompt (request), "blinks"));
  g_assert_false (call->done);

  /* Out of range, or of the wrong kind: refused here, still pending. */
  g_assert_false (mesh_oob_request_answer_number (request, 0, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (mesh_oob_request_answer_number (request, 100000000, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (mesh_oob_request_answer_static_hex (request, "00112233445566778899aabbccddeeff",
                                                      &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (mesh_oob_request_get_state (request), ==, MESH_OOB_STATE_PENDING);

  g_assert_true (mesh_oob_request_answer_number (request, 99999999, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mesh_oob_request_get_state (request), ==, MESH_OOB_STATE_ANSWERED);
  wait_for (call_is_done, call);
  g_assert_no_error (call->error);
  g_variant_get (call->reply, "(u)", &number);
  g_assert_cmpuint (number, ==, 99999999);

  /* Answered once only. */
  g_assert_false (mesh_oob_request_answer_number (request, 5, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
}

static void
test_prompt_static (Fixture       *fixture,
                    gconstpointer  data)
{
  static const guint8 expected[16] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                       0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
  static const guint8 text[16] = { 'A', 'B', '1', '2' };
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshOobRequest) request = NULL;
  g_autoptr(MeshOobRequest) alpha = NULL;
  g_autoptr(Call) call = NULL;
  g_autoptr(Call) alpha_call = NULL;
  g_autoptr(GVariant) value = NULL;
  gsize len = 0;
  const guint8 *bytes;

  request = prompt (fixture, "PromptStatic", g_variant_new ("(s)", "static-oob"), &call);
  g_assert_cmpint (mesh_oob_request_get_kind (request), ==, MESH_OOB_KIND_PROMPT_STATIC);
  g_assert_cmpint (mesh_oob_request_get_action (request), ==, MESH_OOB_ACTION_STATIC);

  g_assert_false (mesh_oob_request_answer_static_hex (request, "0011", &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (mesh_oob_request_answer_static_hex (request,
                                                      "0011223344556677889900aabbccddeeffgg", &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Spaces and colons as printed on a label are fine. */
  g_assert_true (mesh_oob_request_answer_static_hex (request,
                                                     "00:11:22:33 44:55:66:77 88:99:AA:BB cc:dd:ee:ff",
                                                     &error));
  g_assert_no_error (error);
  wait_for (call_is_done, call);
  g_assert_no_error (call->error);
  value = g_variant_get_child_value (call->reply, 0);
  bytes = g_variant_get_fixed_array (value, &len, 1);
  g_assert_cmpmem (bytes, len, expected, sizeof expected);

  /* "out-alpha": the text the device shows, sent as 16 NUL-padded bytes. */
  alpha = prompt (fixture, "PromptStatic", g_variant_new ("(s)", "out-alpha"), &alpha_call);
  g_assert_cmpint (mesh_oob_request_get_kind (alpha), ==, MESH_OOB_KIND_PROMPT_TEXT);
  g_assert_cmpint (mesh_oob_request_get_action (alpha), ==, MESH_OOB_ACTION_OUT_ALPHA);
  g_assert_false (mesh_oob_request_answer_text (alpha, "ABCDEFGHI", &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (mesh_oob_request_answer_text (alpha, "AB12", &error));
  g_assert_no_error (error);
  wait_for (call_is_done, alpha_call);
  g_assert_no_error (alpha_call->error);
  g_clear_pointer (&value, g_variant_unref);
  value = g_variant_get_child_value (alpha_call->reply, 0);
  bytes = g_variant_get_fixed_array (value, &len, 1);
  g_assert_cmpmem (bytes, len, text, sizeof text);
}

static void
test_display (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MeshOobRequest) number = NULL;
  g_autoptr(MeshOobRequest) text = NULL;
  g_autoptr(Call) number_call = NULL;
  g_autoptr(Call) text_call = NULL;
  g_autoptr(GError) error = NULL;

  /* meshd waits for these replies before its next agent call: they come
   * at once, and the request stays shown (pending) for the UI. */
  number = prompt (fixture, "DisplayNumeric", g_variant_new ("(su)", "in-numeric", 4242),
                   &number_call);
  wait_for (call_is_done, number_call);
  g_assert_no_error (number_call->error);
  g_assert_cmpint (mesh_oob_request_get_kind (number), ==, MESH_OOB_KIND_DISPLAY_NUMBER);
  g_assert_cmpint (mesh_oob_request_get_action (number), ==, MESH_OOB_ACTION_IN_NUMERIC);
  g_assert_cmpuint (mesh_oob_request_get_number (number), ==, 4242);
  g_assert_nonnull (strstr (mesh_oob_request_get_prompt (number), "4242"));
  g_assert_false (mesh_oob_request_is_prompt (number));
  g_assert_cmpint (mesh_oob_request_get_state (number), ==, MESH_OOB_STATE_PENDING);
  g_assert_false (mesh_oob_request_answer_number (number, 4242, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  text = prompt (fixture, "DisplayString", g_variant_new ("(s)", "XK7Q"), &text_call);
  wait_for (call_is_done, text_call);
  g_assert_no_error (text_call->error);
  g_assert_cmpint (mesh_oob_request_get_kind (text), ==, MESH_OOB_KIND_DISPLAY_TEXT);
  g_assert_cmpint (mesh_oob_request_get_action (text), ==, MESH_OOB_ACTION_IN_ALPHA);
  g_assert_cmpstr (mesh_oob_request_get_text (text), ==, "XK7Q");
  g_assert_nonnull (strstr (mesh_oob_request_get_prompt (text), "XK7Q"));

  /* meshd's Cancel takes them off the screen. */
  {
    g_autoptr(Call) cancel = call_agent (fixture, fixture->meshd, "Cancel", NULL);

    wait_for (call_is_done, cancel);
    g_assert_no_error (cancel->error);
  }
  g_assert_cmpint (mesh_oob_request_get_state (number), ==, MESH_OOB_STATE_ABORTED);
  g_assert_cmpint (mesh_oob_request_get_state (text), ==, MESH_OOB_STATE_ABORTED);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(MeshOobRequest) request = NULL;
  g_autoptr(MeshOobRequest) mine = NULL;
  g_autoptr(Call) call = NULL;
  g_autoptr(Call) my_call = NULL;
  g_autoptr(Call) cancel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  /* meshd withdraws a prompt: the request turns aborted, the call fails. */
  request = prompt (fixture, "PromptNumeric", g_variant_new ("(s)", "out-numeric"), &call);
  g_assert_cmpint (mesh_oob_request_get_action (request), ==, MESH_OOB_ACTION_OUT_NUMERIC);
  cancel = call_agent (fixture, fixture->meshd, "Cancel", NULL);
  wait_for (call_is_done, cancel);
  g_assert_no_error (cancel->error);
  g_assert_cmpint (mesh_oob_request_get_state (request), ==, MESH_OOB_STATE_ABORTED);
  wait_for (call_is_done, call);
  g_assert_nonnull (call->error);
  name = g_dbus_error_get_remote_error (call->error);
  g_assert_cmpstr (name, ==, "org.bluez.mesh.Error.Canceled");
  g_assert_false (mesh_oob_request_answer_number (request, 7, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* The user says no: meshd gets an error (and fails the provisioning). */
  mine = prompt (fixture, "PromptStatic", g_variant_new ("(s)", "static-oob"), &my_call);
  mesh_oob_request_cancel (mine);
  g_assert_cmpint (mesh_oob_request_get_state (mine), ==, MESH_OOB_STATE_CANCELLED);
  wait_for (call_is_done, my_call);
  g_assert_nonnull (my_call->error);
  g_clear_pointer (&name, g_free);
  name = g_dbus_error_get_remote_error (my_call->error);
  g_assert_cmpstr (name, ==, "org.bluez.mesh.Error.Canceled");

  /* A prompt nobody keeps is refused, not left hanging. */
  {
    g_autoptr(Call) dropped = NULL;

    g_ptr_array_set_size (fixture->requests, 0);
    g_clear_object (&mine);
    mine = prompt (fixture, "PromptNumeric", g_variant_new ("(s)", "beep"), &dropped);
    g_clear_object (&mine);
    g_ptr_array_set_size (fixture->requests, 0);
    wait_for (call_is_done, dropped);
    g_assert_nonnull (dropped->error);
  }
}

static void
test_only_meshd (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(Call) call = NULL;
  g_autofree char *name = NULL;

  g_ptr_array_set_size (fixture->requests, 0);
  call = call_agent (fixture, fixture->stranger, "PromptStatic",
                     g_variant_new ("(s)", "static-oob"));
  wait_for (call_is_done, call);
  g_assert_nonnull (call->error);
  name = g_dbus_error_get_remote_error (call->error);
  g_assert_cmpstr (name, ==, "org.freedesktop.DBus.Error.AccessDenied");
  g_assert_cmpuint (fixture->requests->len, ==, 0);
}

/* A call into our own process: the main loop must run meanwhile. */
static GVariant *
call_iterating (GDBusConnection     *connection,
                const char          *destination,
                const char          *path,
                const char          *interface,
                const char          *method,
                GVariant            *parameters,
                const GVariantType  *reply_type,
                GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_dbus_connection_call (connection, destination, path, interface, method, parameters,
                          reply_type, G_DBUS_CALL_FLAGS_NONE, 10000, NULL,
                          mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);

  return g_dbus_connection_call_finish (connection, result, error);
}

static GVariant *
interface_properties (GVariant   *objects,
                      const char *path,
                      const char *interface)
{
  g_autoptr(GVariant) interfaces = g_variant_lookup_value (objects, path, NULL);

  g_assert_nonnull (interfaces);
  return g_variant_lookup_value (interfaces, interface, NULL);
}

static void
test_exported_objects (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) objects = NULL;
  g_autoptr(GVariant) app = NULL;
  g_autoptr(GVariant) element = NULL;
  g_autoptr(GVariant) agent = NULL;
  g_autoptr(GVariant) models = NULL;
  g_autoptr(GVariant) vendor = NULL;
  g_autoptr(GVariant) provisioner = NULL;
  g_autofree const char **caps = NULL;
  g_autofree char *app_path = g_strconcat (mesh_daemon_get_app_root (), "/application", NULL);
  guint16 company = 0;
  guint16 crpl = 0;
  guint8 index = 0xFF;
  GVariantIter iter;
  guint16 model;
  GString *ids = g_string_new (NULL);

  /* What meshd reads before it answers CreateNetwork or Attach. */
  reply = call_iterating (fixture->meshd, mesh_daemon_get_unique_name (fixture->daemon),
                          mesh_daemon_get_app_root (), "org.freedesktop.DBus.ObjectManager",
                          "GetManagedObjects", NULL, G_VARIANT_TYPE ("(a{oa{sa{sv}}})"), &error);
  g_assert_no_error (error);
  objects = g_variant_get_child_value (reply, 0);

  app = interface_properties (objects, app_path, "org.bluez.mesh.Application1");
  g_assert_true (g_variant_lookup (app, "CompanyID", "q", &company));
  g_assert_cmphex (company, ==, MESH_DAEMON_COMPANY_ID);
  g_assert_true (g_variant_lookup (app, "CRPL", "q", &crpl));
  g_assert_cmphex (crpl, ==, MESH_DAEMON_CRPL);
  provisioner = interface_properties (objects, app_path, "org.bluez.mesh.Provisioner1");
  g_assert_nonnull (provisioner);

  element = interface_properties (objects, mesh_daemon_get_element_path (),
                                  "org.bluez.mesh.Element1");
  g_assert_true (g_variant_lookup (element, "Index", "y", &index));
  g_assert_cmpuint (index, ==, 0);
  models = g_variant_lookup_value (element, "Models", G_VARIANT_TYPE ("a(qa{sv})"));
  g_variant_iter_init (&iter, models);
  while (g_variant_iter_next (&iter, "(q@a{sv})", &model, NULL))
    g_string_append_printf (ids, "%04x ", model);
  g_assert_cmpstr (ids->str, ==, "0001 1001 1003 ");
  g_string_free (ids, TRUE);
  vendor = g_variant_lookup_value (element, "VendorModels", G_VARIANT_TYPE ("a(qqa{sv})"));
  g_assert_nonnull (vendor);
  g_assert_cmpuint (g_variant_n_children (vendor), ==, 0);

  /* Every capability the UI can serve, under meshd 5.66's names. */
  agent = interface_properties (objects, mesh_daemon_get_agent_path (),
                                "org.bluez.mesh.ProvisionAgent1");
  g_assert_true (g_variant_lookup (agent, "Capabilities", "^a&s", &caps));
  g_assert_cmpuint (g_strv_length ((char **) caps), ==, 10);
  g_assert_true (g_strv_contains (caps, "blink"));
  g_assert_true (g_strv_contains (caps, "out-alpha"));
  g_assert_true (g_strv_contains (caps, "twist"));
  g_assert_true (g_strv_contains (caps, "in-alpha"));
  g_assert_true (g_strv_contains (caps, "static-oob"));
  g_assert_false (g_strv_contains (caps, "public-oob"));

  /* Restricted: meshd re-reads them at each AddNode. */
  mesh_daemon_set_agent_capabilities (fixture->daemon, MESH_OOB_CAPABILITY_STATIC);
  g_clear_pointer (&reply, g_variant_unref);
  reply = call_iterating (fixture->meshd, mesh_daemon_get_unique_name (fixture->daemon),
                          mesh_daemon_get_agent_path (), "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", AGENT_IFACE, "Capabilities"),
                          G_VARIANT_TYPE ("(v)"), &error);
  g_assert_no_error (error);
  {
    g_autoptr(GVariant) value = NULL;
    g_autofree const char **restricted = NULL;

    g_variant_get (reply, "(v)", &value);
    restricted = g_variant_get_strv (value, NULL);
    g_assert_cmpuint (g_strv_length ((char **) restricted), ==, 1);
    g_assert_cmpstr (restricted[0], ==, "static-oob");
  }
}

/* The fake daemon's Network1: answers CreateNetwork and Attach with
 * errors, after reading the application (GetManagedObjects) or not. */
typedef struct
{
  Fixture    *fixture;
  const char *error_name;
  gboolean    read_app;
} FakeNetwork;

static void
app_read_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GDBusMethodInvocation *invocation = user_data;
  FakeNetwork *fake = g_object_get_data (G_OBJECT (invocation), "fake");
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);

  g_assert_nonnull (reply);
  g_dbus_method_invocation_return_dbus_error (invocation, fake->error_name, "Operation failed");
}

static void
fail_call (FakeNetwork           *fake,
           GDBusMethodInvocation *invocation)
{
  if (!fake->read_app)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, fake->error_name, "Operation failed");
      return;
    }

  g_object_set_data (G_OBJECT (invocation), "fake", fake);
  g_dbus_connection_call (fake->fixture->meshd, g_dbus_method_invocation_get_sender (invocation),
                          mesh_daemon_get_app_root (), "org.freedesktop.DBus.ObjectManager",
                          "GetManagedObjects", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          app_read_cb, invocation);
}

static gboolean
handle_create_network_cb (MeshBluezNetwork1     *iface,
                          GDBusMethodInvocation *invocation,
                          const char            *app_root,
                          GVariant              *uuid,
                          FakeNetwork           *fake)
{
  fail_call (fake, invocation);
  return TRUE;
}

static gboolean
handle_attach_cb (MeshBluezNetwork1     *iface,
                  GDBusMethodInvocation *invocation,
                  const char            *app_root,
                  guint64                token,
                  FakeNetwork           *fake)
{
  g_assert_cmphex (token, ==, 0x0123456789abcdef);
  fail_call (fake, invocation);
  return TRUE;
}

static GError *
create_network (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) uuid = g_bytes_new ("\x5c\xa1\xab\x1e\x00\x00\x40\x00\x80\x00\x00\x00\x00\x00\x00\x01", 16);
  GError *error = NULL;

  mesh_daemon_create_network_async (fixture->daemon, "5ca1ab1e-0000-4000-8000-0000000000aa",
                                    uuid, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_false (mesh_daemon_create_network_finish (fixture->daemon, result, &error));

  return error;
}

static GError *
attach (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  mesh_daemon_attach_async (fixture->daemon, "5ca1ab1e-0000-4000-8000-0000000000bb", NULL,
                            mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_false (mesh_daemon_attach_finish (fixture->daemon, result, &error));

  return error;
}

/* MESH-LAB.md: with only Debian's bluetooth-mesh.conf, meshd cannot read
 * the application and CreateNetwork fails with "Operation failed". The
 * state says why; when meshd did read it, the cause is elsewhere. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MeshBluezNetwork1) network = mesh_bluez_network1_skeleton_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) token = g_bytes_new ("\x01\x23\x45\x67\x89\xab\xcd\xef", 8);
  g_autoptr(GAsyncResult) result = NULL;
  FakeNetwork fake = { fixture, "org.bluez.mesh.Error.Failed", FALSE };

  g_signal_connect (network, "handle-create-network", G_CALLBACK (handle_create_network_cb), &fake);
  g_signal_connect (network, "handle-attach", G_CALLBACK (handle_attach_cb), &fake);
  g_assert_true (g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (network),
                                                   fixture->meshd, "/org/bluez/mesh", &error));

  error = create_network (fixture);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DAEMON_REFUSED);
  g_assert_cmpint (mesh_daemon_get_state (fixture->daemon), ==, MESH_DAEMON_STATE_REFUSED);
  g_assert_nonnull (strstr (mesh_daemon_get_state_message (fixture->daemon), "D-Bus policy"));
  g_clear_error (&error);

  fake.read_app = TRUE;
  error = create_network (fixture);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_DAEMON_FAILED);
  g_assert_cmpint (mesh_daemon_get_state (fixture->daemon), ==, MESH_DAEMON_STATE_DETACHED);
  g_clear_error (&error);

  /* Attach with a token from the keyring: unknown token, node in use. */
  mesh_keyring_store_async ("5ca1ab1e-0000-4000-8000-0000000000bb", MESH_SECRET_NODE_TOKEN, 0,
                            token, NULL, mesh_core_test_result_cb, &result);
  result = mesh_core_test_wait (&result);
  g_assert_true (mesh_keyring_store_finish (result, &error));
  fake.error_name = "org.bluez.mesh.Error.NotFound";
  error = attach (fixture);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND);
  g_assert_cmpint (mesh_daemon_get_state (fixture->daemon), ==, MESH_DAEMON_STATE_FAILED);
  g_assert_nonnull (strstr (mesh_daemon_get_state_message (fixture->daemon), "Import the network"));
  g_clear_error (&error);

  fake.error_name = "org.bluez.mesh.Error.AlreadyExists";
  error = attach (fixture);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_EXISTS);
  g_assert_nonnull (strstr (mesh_daemon_get_state_message (fixture->daemon), "Another program"));

  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (network));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/agent/prompt-numeric", Fixture, NULL, fixture_set_up, test_prompt_numeric,
              fixture_tear_down);
  g_test_add ("/agent/prompt-static", Fixture, NULL, fixture_set_up, test_prompt_static,
              fixture_tear_down);
  g_test_add ("/agent/display", Fixture, NULL, fixture_set_up, test_display, fixture_tear_down);
  g_test_add ("/agent/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/agent/only-meshd", Fixture, NULL, fixture_set_up, test_only_meshd,
              fixture_tear_down);
  g_test_add ("/agent/exported-objects", Fixture, NULL, fixture_set_up, test_exported_objects,
              fixture_tear_down);
  g_test_add ("/agent/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);

  return g_test_run ();
}
