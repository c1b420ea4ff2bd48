/* test-gui-devices.c: what Nearby Devices and the provisioning dialog
 * write and read, without bluetooth-meshd.
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-beacon.h"
#include "mesh-device-format.h"
#include "mesh-device-row.h"
#include "mesh-devices-page.h"
#include "mesh-error.h"
#include "mesh-oob-request-private.h"
#include "mesh-provision-dialog-private.h"
#include "mesh-provision-request-private.h"
#include "mesh-scanned-device-private.h"
#include "mesh-test-utils.h"
#include "test-gui-devices-util.h"

static void
test_devices_names (void)
{
  g_autofree char *name = mesh_format_device_name ("278d8336-b90f-4c10-902a-7c57a3b457ff");

  g_assert_cmpstr (name, ==, "Mesh Device 57FF");
}

static void
assert_oob_info (guint16     oob_info,
                 const char *expected)
{
  g_autofree char *words = mesh_format_oob_info (oob_info);

  g_assert_cmpstr (words, ==, expected);
}

static void
test_devices_oob_info (void)
{
  assert_oob_info (0, NULL);
  assert_oob_info (MESH_OOB_INFO_ON_BOX, "Static OOB on the box");
  assert_oob_info (MESH_OOB_INFO_ON_BOX | MESH_OOB_INFO_INSIDE_MANUAL,
                   "Static OOB on the box or in the manual");
  assert_oob_info (MESH_OOB_INFO_2D_CODE | MESH_OOB_INFO_ON_BOX, "QR code on the box");
  assert_oob_info (MESH_OOB_INFO_NFC | MESH_OOB_INFO_NUMBER, "NFC, Number");
  assert_oob_info (MESH_OOB_INFO_ELECTRONIC_URI, "Link");
  /* RFU bits alone say nothing. */
  assert_oob_info (1 << 9, NULL);

  g_assert_true (mesh_oob_info_suggests_static (MESH_OOB_INFO_ON_PAPER));
  g_assert_true (mesh_oob_info_suggests_static (MESH_OOB_INFO_2D_CODE));
  g_assert_false (mesh_oob_info_suggests_static (0));
  g_assert_false (mesh_oob_info_suggests_static (MESH_OOB_INFO_NUMBER | MESH_OOB_INFO_OTHER));
}

static void
test_devices_signal (void)
{
  g_assert_cmpint (mesh_signal_level_from_rssi (-40), ==, MESH_SIGNAL_EXCELLENT);
  g_assert_cmpint (mesh_signal_level_from_rssi (-60), ==, MESH_SIGNAL_EXCELLENT);
  g_assert_cmpint (mesh_signal_level_from_rssi (-61), ==, MESH_SIGNAL_GOOD);
  g_assert_cmpint (mesh_signal_level_from_rssi (-75), ==, MESH_SIGNAL_OK);
  g_assert_cmpint (mesh_signal_level_from_rssi (-90), ==, MESH_SIGNAL_WEAK);
  g_assert_cmpint (mesh_signal_level_from_rssi (-91), ==, MESH_SIGNAL_NONE);
  g_assert_cmpint (mesh_signal_level_from_rssi (-127), ==, MESH_SIGNAL_NONE);

  g_assert_cmpstr (mesh_signal_level_icon_name (MESH_SIGNAL_GOOD), ==, "mesh-signal-good-symbolic");
  g_assert_cmpstr (mesh_signal_level_describe (MESH_SIGNAL_GOOD), ==, "Signal: good");

  /* Every level has its icon in the resources. */
  for (MeshSignalLevel level = MESH_SIGNAL_NONE; level <= MESH_SIGNAL_EXCELLENT; level++)
    {
      g_autofree char *path = g_strdup_printf (RESOURCE_BASE_PATH "/icons/scalable/actions/%s.svg",
                                               mesh_signal_level_icon_name (level));

      g_assert_true (g_resources_get_info (path, 0, NULL, NULL, NULL));
    }
}

static void
test_devices_seen (void)
{
  const gint64 now = 1000 * G_USEC_PER_SEC;
  struct {
    gint64      ago_ms;
    const char *text;
  } cases[] = {
    { 0, "Seen just now" },
    { 1500, "Seen just now" },
    { 3200, "Seen 3 s ago" },
    { 59000, "Seen 59 s ago" },
    { 125000, "Seen 2 min ago" },
    { 7300000, "Seen 2 h ago" },
    /* A clock that went backwards is "now". */
    { -5000, "Seen just now" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mesh_format_seen (now - cases[i].ago_ms * 1000, now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
assert_key (const char   *text,
            const guint8 *expected,
            gboolean      expect_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;
  gboolean is_text = !expect_text;

  key = mesh_parse_static_oob (text, &is_text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_cmpmem (g_bytes_get_data (key, NULL), g_bytes_get_size (key), expected, 16);
  g_assert_cmpint (is_text, ==, expect_text);
}

static void
assert_key_error (const char *text,
                  const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = mesh_parse_static_oob (text, NULL, &error);

  g_assert_null (key);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_devices_static_key (void)
{
  static const guint8 key[16] = {
    0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
  };
  static const guint8 text[16] = { 'M', 'y', ' ', 'L', 'a', 'm', 'p', '!' };

  assert_key ("00112233445566778899aabbccddeeff", key, FALSE);
  assert_key ("  00112233445566778899AABBCCDDEEFF \n", key, FALSE);
  assert_key ("0x00112233445566778899aabbccddeeff", key, FALSE);
  assert_key ("0011 2233 4455 6677 8899 aabb ccdd eeff", key, FALSE);
  assert_key ("00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff", key, FALSE);
  assert_key ("00112233-4455-6677-8899-aabbccddeeff", key, FALSE);

  /* Text: its bytes, padded with zeros to 16. */
  assert_key ("My Lamp!", text, TRUE);

  assert_key_error ("", "Enter the key: 32 hexadecimal digits, or a text of up to 16 characters.");
  assert_key_error ("0011 2233", "A hexadecimal key has 32 digits; this one has 8.");
  assert_key_error ("00112233445566778899aabbccddeeff00",
                    "A hexadecimal key has 32 digits; this one has 34.");
  assert_key_error ("Seventeen letters",
                    "A text key has at most 16 characters; a hexadecimal key has exactly 32 digits.");
  assert_key_error ("Lampe à côté",
                    "A text key has only plain letters, digits and punctuation (ASCII).");
}

static GtkWidget *
find_signal_image (GtkWidget *root)
{
  if (GTK_IS_IMAGE (root) && gtk_image_get_icon_name (GTK_IMAGE (root)) != NULL &&
      g_str_has_prefix (gtk_image_get_icon_name (GTK_IMAGE (root)), "mesh-signal-"))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_signal_image (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_devices_row (void)
{
  g_autoptr(MeshScannedDevice) device = devices_test_new_device (MESH_OOB_INFO_2D_CODE | MESH_OOB_INFO_ON_BOX, -72);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = mesh_device_row_new ();
  GtkWidget *button;
  GtkWidget *image;
  GVariant *target;

  gtk_window_set_child (GTK_WINDOW (window), row);
  mesh_device_row_set_device (MESH_DEVICE_ROW (row), device);
  gtk_window_present (GTK_WINDOW (window));
  mesh_test_wait_for_frame (window);

  g_assert_nonnull (mesh_test_find_label (row, "Mesh Device 57FF"));
  g_assert_nonnull (mesh_test_find_label (row, "278d8336-b90f-4c10-902a-7c57a3b457ff"));
  g_assert_nonnull (mesh_test_find_label (row, "QR code on the box"));
  g_assert_nonnull (mesh_test_find_label (row, "Seen 4 s ago"));

  image = find_signal_image (row);
  g_assert_nonnull (image);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (image)), ==, "mesh-signal-ok-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (image), ==, "Signal: fair (-72 dBm)");

  /* The button provisions this device. */
  button = mesh_test_find_descendant (row, GTK_TYPE_BUTTON, NULL);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "devices.provision");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "278d8336-b90f-4c10-902a-7c57a3b457ff");

  /* A stronger beacon moves the bars; time moves "Seen". */
  {
    MeshUnprovisionedBeacon beacon = { 0 };

    memcpy (beacon.uuid, devices_test_uuid, sizeof devices_test_uuid);
    for (int i = 0; i < 20; i++)
      mesh_scanned_device_update (device, &beacon, -45, 0, g_get_monotonic_time ());
  }
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (image)), ==, "mesh-signal-excellent-symbolic");
  mesh_device_row_update_seen (MESH_DEVICE_ROW (row), g_get_monotonic_time () + 90 * G_USEC_PER_SEC);
  g_assert_nonnull (mesh_test_find_label (row, "Seen 1 min ago"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A session on an empty database; no network, no bluetooth-meshd. */
static MeshSession *
open_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mesh-gui-devices-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "networks.db", NULL);

  g_assert_no_error (error);

  return devices_test_open_session_at (path);
}

static GtkWidget *
entry_row (MeshProvisionDialog *dialog)
{
  return mesh_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
}

static void
test_devices_dialog (void)
{
  g_autoptr(MeshSession) session = open_session ();
  g_autoptr(MeshScannedDevice) with_key = devices_test_new_device (MESH_OOB_INFO_ON_BOX, -50);
  g_autoptr(MeshScannedDevice) without = devices_test_new_device (0, -50);
  MeshProvisionDialog *dialog;
  GtkWidget *entry;
  GtkWidget *key_group;

  /* A beacon that points at a printed key: static OOB, its entry ready. */
  dialog = mesh_provision_dialog_new (session, with_key);
  gtk_window_present (GTK_WINDOW (dialog));
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "method");
  entry = entry_row (dialog);
  key_group = gtk_widget_get_ancestor (entry, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_true (gtk_widget_get_visible (key_group));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)), entry));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "Static OOB on the box"));

  /* Checked as typed: no Provision without a valid key. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "00112233");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog),
                                          "A hexadecimal key has 32 digits; this one has 8."));
  g_assert_false (devices_test_start_enabled (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Lamp 7");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog),
                                          "Read as text, padded with zeros to 16 bytes."));

  /* Without a network in bluetooth-meshd it cannot start, and says so. */
  g_assert_true (devices_test_start_enabled (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.start", NULL));
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "failed");
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "No network is open in bluetooth-meshd."));
  g_assert_null (mesh_provision_dialog_get_request (dialog));

  /* Retry goes back to the key, as typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.retry", NULL));
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "method");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Lamp 7");

  /* Escape (Cancel) closes it when nothing runs. */
  g_object_ref (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.cancel", NULL));
  mesh_test_iterate (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);

  /* A beacon that says nothing: whatever the device offers, no key asked. */
  dialog = mesh_provision_dialog_new (session, without);
  gtk_window_present (GTK_WINDOW (dialog));
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  key_group = gtk_widget_get_ancestor (entry_row (dialog), ADW_TYPE_PREFERENCES_GROUP);
  g_assert_false (gtk_widget_get_visible (key_group));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "None: the device does not say"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A method call waiting for its answer, as meshd's PromptNumeric waits
 * for the agent: the test plays both sides on the session bus. */
typedef struct
{
  GDBusConnection       *server;
  GDBusConnection       *client;
  guint                  registration;
  GDBusMethodInvocation *invocation;
  GVariant              *reply;
} Call;

static const char prompt_xml[] =
  "<node><interface name='io.github.meshprovisioner.Test'>"
  "<method name='PromptNumeric'><arg type='u' direction='out'/></method>"
  "</interface></node>";

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *path,
                const char            *interface,
                const char            *method,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  Call *call = user_data;

  call->invocation = invocation;
}

static void
reply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
has_invocation (gpointer user_data)
{
  return ((Call *) user_data)->invocation != NULL;
}

static gboolean
has_reply (gpointer user_data)
{
  return ((Call *) user_data)->reply != NULL;
}

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
call_start (Call *call)
{
  static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (prompt_xml, NULL);
  g_autoptr(GError) error = NULL;

  call->server = new_connection ();
  call->client = new_connection ();
  call->registration = g_dbus_connection_register_object (call->server, "/test",
                                                          info->interfaces[0], &vtable,
                                                          call, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_call (call->client, g_dbus_connection_get_unique_name (call->server),
                          "/test", "io.github.meshprovisioner.Test", "PromptNumeric", NULL,
                          G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          reply_cb, call);
  g_assert_true (mesh_test_wait_until (has_invocation, call, 5000));
}

static void
call_clear (Call *call)
{
  g_dbus_connection_unregister_object (call->server, call->registration);
  g_clear_object (&call->server);
  g_clear_object (&call->client);
  g_clear_pointer (&call->reply, g_variant_unref);
}

static void
test_devices_prompts (void)
{
  g_autoptr(MeshSession) session = open_session ();
  g_autoptr(MeshScannedDevice) device = devices_test_new_device (MESH_OOB_INFO_NUMBER, -50);
  g_autoptr(GBytes) uuid = g_bytes_new (devices_test_uuid, sizeof devices_test_uuid);
  g_autoptr(MeshProvisionRequest) request = mesh_provision_request_new (uuid, NULL, NULL, NULL);
  g_autoptr(MeshOobRequest) prompt = NULL;
  g_autoptr(MeshOobRequest) display = NULL;
  g_autoptr(GError) error = NULL;
  MeshProvisionDialog *dialog;
  GtkWidget *entry;
  Call call = { 0 };
  guint32 number = 0;

  dialog = mesh_provision_dialog_new (session, device);
  gtk_window_present (GTK_WINDOW (dialog));
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  _mesh_provision_dialog_follow (dialog, request);
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "progress");
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog),
                                          "Waiting for the provisioning before this one: "
                                          "bluetooth-meshd provisions one device at a time."));

  /* Output OOB: the device blinks, the user counts. */
  mesh_provision_request_set_step (request, MESH_PROVISION_STEP_EXCHANGE);
  call_start (&call);
  prompt = mesh_oob_request_new (MESH_OOB_KIND_PROMPT_NUMBER, MESH_OOB_ACTION_BLINK, 0, NULL,
                                 call.invocation);
  mesh_provision_request_set_step (request, MESH_PROVISION_STEP_AUTHENTICATION);
  mesh_provision_request_set_oob_request (request, prompt);
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "prompt");
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "Enter the Number"));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog),
                                          "Count how many times the device blinks and enter that number."));

  /* The entry has the focus; digits only. */
  entry = mesh_test_find_descendant (gtk_stack_get_visible_child (GTK_STACK (
                                       mesh_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_STACK, NULL))),
                                     ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)), entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "five");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_widget_is_sensitive (mesh_test_find_button_for_action (GTK_WIDGET (dialog),
                                                                             "provision.answer")));
  gtk_editable_set_text (GTK_EDITABLE (entry), "5");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.answer", NULL));

  /* meshd gets the number; the steps are back. */
  g_assert_true (mesh_test_wait_until (has_reply, &call, 5000));
  g_variant_get (call.reply, "(u)", &number);
  g_assert_cmpuint (number, ==, 5);
  g_assert_cmpint (mesh_oob_request_get_state (prompt), ==, MESH_OOB_STATE_ANSWERED);
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "progress");
  call_clear (&call);

  /* Input OOB: the dialog shows what to do on the device. */
  display = mesh_oob_request_new (MESH_OOB_KIND_DISPLAY_NUMBER, MESH_OOB_ACTION_PUSH, 3, NULL, NULL);
  mesh_provision_request_set_oob_request (request, display);
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "Press the device’s button 3 times."));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "3"));
  mesh_test_iterate (400); /* the crossfade */
  g_object_unref (mesh_test_screenshot (GTK_WIDGET (dialog), "provision-display.png"));

  /* The outcome: the error in words, and Retry. */
  mesh_provision_request_set_step (request, MESH_PROVISION_STEP_DATA);
  g_set_error_literal (&error, MESH_ERROR, MESH_ERROR_PROVISIONING_FAILED,
                       "The device stopped answering during provisioning.");
  mesh_provision_request_finish (request, error);
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "failed");
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog),
                                          "The device stopped answering during provisioning."));
  g_assert_true (gtk_widget_is_sensitive (mesh_test_find_button_for_action (GTK_WIDGET (dialog),
                                                                            "provision.retry")));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  mesh_test_init_gui (&argc, &argv);

  g_test_add_func ("/gui-devices/names", test_devices_names);
  g_test_add_func ("/gui-devices/oob-info", test_devices_oob_info);
  g_test_add_func ("/gui-devices/signal", test_devices_signal);
  g_test_add_func ("/gui-devices/seen", test_devices_seen);
  g_test_add_func ("/gui-devices/static-key", test_devices_static_key);
  g_test_add_func ("/gui-devices/row", test_devices_row);
  g_test_add_func ("/gui-devices/dialog", test_devices_dialog);
  g_test_add_func ("/gui-devices/prompts", test_devices_prompts);

  return g_test_run ();
}
