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
#include "mesh-daemon-private.h"
#include "mesh-device-format.h"
#include "mesh-device-row.h"
#include "mesh-devices-page.h"
#include "mesh-error.h"
#include "mesh-oob-request-private.h"
#include "mesh-provision-dialog-private.h"
#include "mesh-provision-request-private.h"
#include "mesh-scanned-device-private.h"
#include "mesh-session-private.h"
#include "mesh-test-network.h"
#include "mesh-test-utils.h"

static const guint8 lab_uuid[16] = {
  0x27, 0x8d, 0x83, 0x36, 0xb9, 0x0f, 0x4c, 0x10,
  0x90, 0x2a, 0x7c, 0x57, 0xa3, 0xb4, 0x57, 0xff,
};

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

/* A device heard through the Remote Provisioning Server at @via (0: our
 * own radio). */
static MeshScannedDevice *
new_device_via (guint16 oob_info,
                int     rssi,
                guint16 via)
{
  MeshUnprovisionedBeacon beacon = { 0 };

  memcpy (beacon.uuid, lab_uuid, sizeof lab_uuid);
  beacon.has_oob_info = oob_info != 0;
  beacon.oob_info = oob_info;

  return mesh_scanned_device_new (&beacon, rssi, via, g_get_monotonic_time () - 4 * G_USEC_PER_SEC);
}

static MeshScannedDevice *
new_device (guint16 oob_info,
            int     rssi)
{
  return new_device_via (oob_info, rssi, 0);
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
  g_autoptr(MeshScannedDevice) device = new_device (MESH_OOB_INFO_2D_CODE | MESH_OOB_INFO_ON_BOX, -72);
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

    memcpy (beacon.uuid, lab_uuid, sizeof lab_uuid);
    for (int i = 0; i < 20; i++)
      mesh_scanned_device_update (device, &beacon, -45, 0, g_get_monotonic_time ());
  }
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (image)), ==, "mesh-signal-excellent-symbolic");
  mesh_device_row_update_seen (MESH_DEVICE_ROW (row), g_get_monotonic_time () + 90 * G_USEC_PER_SEC);
  g_assert_nonnull (mesh_test_find_label (row, "Seen 1 min ago"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
has_result (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

static MeshSession *
open_session_at (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  MeshSession *session;

  mesh_session_open_async (path, NULL, result_cb, &result);
  g_assert_true (mesh_test_wait_until (has_result, &result, 5000));
  session = mesh_session_open_finish (result, &error);
  g_assert_no_error (error);

  return session;
}

/* A session on an empty database; no network, no bluetooth-meshd. */
static MeshSession *
open_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mesh-gui-devices-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "networks.db", NULL);

  g_assert_no_error (error);

  return open_session_at (path);
}

static GtkWidget *
entry_row (MeshProvisionDialog *dialog)
{
  return mesh_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
}

static gboolean
start_enabled (MeshProvisionDialog *dialog)
{
  GtkWidget *button = mesh_test_find_button_for_action (GTK_WIDGET (dialog), "provision.start");

  return button != NULL && gtk_widget_is_sensitive (button);
}

/* A session with the "home" network (Kitchen Light at 0x0005, an unnamed
 * node at 0x0100...), every node's elements loaded; still no
 * bluetooth-meshd. */
static MeshSession *
open_home_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mesh-gui-devices-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "networks.db", NULL);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  MeshSession *session;
  MeshStore *store;
  MeshNetwork *network;

  g_assert_no_error (error);
  mesh_test_network_create_home (path);
  session = open_session_at (path);
  store = mesh_session_get_store (session);
  network = mesh_store_find_network (store, MESH_TEST_NETWORK_UUID);
  g_assert_nonnull (network);

  /* The network has no node of this computer, which opening it asks for:
   * load it and hand it to the session as an import does. */
  mesh_store_load_network_async (store, network, NULL, result_cb, &opened);
  g_assert_true (mesh_test_wait_until (has_result, &opened, 5000));
  g_assert_true (mesh_store_load_network_finish (store, opened, &error));
  g_assert_no_error (error);
  mesh_session_set_network (session, network);

  mesh_store_load_elements_async (store, network, NULL, NULL, result_cb, &loaded);
  g_assert_true (mesh_test_wait_until (has_result, &loaded, 5000));
  g_assert_true (mesh_store_load_elements_finish (store, loaded, &error));
  g_assert_no_error (error);

  return session;
}

/* Gives the node at @unicast a Remote Provisioning Server on element
 * @index (in memory), adding the element if the node has none. */
static void
add_server (MeshNetwork *network,
            guint16      unicast,
            guint        index)
{
  MeshNode *node = mesh_network_find_node_by_address (network, unicast);
  MeshElement *element;
  g_autoptr(MeshModel) server = mesh_model_new (MESH_MODEL_REMOTE_PROVISIONING_SERVER, FALSE);

  g_assert_nonnull (node);
  for (guint i = g_list_model_get_n_items (mesh_node_get_elements (node)); i <= index; i++)
    {
      g_autoptr(MeshElement) added = mesh_element_new (i, 0x0000);

      mesh_node_add_element (node, added);
    }
  element = mesh_node_get_element (node, index);
  g_assert_nonnull (element);
  mesh_element_add_model (element, server);
}

static void
test_devices_servers (void)
{
  g_autoptr(MeshSession) session = open_home_session ();
  MeshNetwork *network = mesh_session_get_network (session);
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) servers = NULL;
  g_autofree char *kitchen = NULL;
  g_autofree char *unnamed = NULL;
  g_autofree char *stranger = NULL;
  g_autofree char *own_radio = NULL;
  g_autofree char *choice = NULL;
  g_autofree char *unnamed_choice = NULL;

  /* Names: the node's, else its address; 0 is our own radio. */
  kitchen = mesh_format_via (network, 0x0005);
  g_assert_cmpstr (kitchen, ==, "Through node Kitchen Light");
  unnamed = mesh_format_via (network, 0x0100);
  g_assert_cmpstr (unnamed, ==, "Through node 0x0100");
  stranger = mesh_format_via (network, 0x0042);
  g_assert_cmpstr (stranger, ==, "Through node 0x0042");
  own_radio = mesh_format_via (network, 0);
  g_assert_null (own_radio);
  choice = mesh_format_server_choice (mesh_network_find_node_by_address (network, 0x0005));
  g_assert_cmpstr (choice, ==, "Kitchen Light (0x0005)");
  unnamed_choice = mesh_format_server_choice (mesh_network_find_node_by_address (network, 0x0100));
  g_assert_cmpstr (unnamed_choice, ==, "Node 0x0100");

  /* No node of the home network has a Remote Provisioning Server. */
  none = mesh_find_remote_servers (network);
  g_assert_cmpuint (none->len, ==, 0);

  /* Servers on primary elements count, in address order; one on a
   * secondary element does not, nor one on an excluded node. */
  add_server (network, 0x0009, 0);
  add_server (network, 0x0005, 0);
  add_server (network, 0x0002, 1);
  add_server (network, 0x0010, 0);
  g_assert_true (mesh_node_get_excluded (mesh_network_find_node_by_address (network, 0x0010)));
  servers = mesh_find_remote_servers (network);
  g_assert_cmpuint (servers->len, ==, 2);
  g_assert_cmpuint (g_array_index (servers, guint16, 0), ==, 0x0005);
  g_assert_cmpuint (g_array_index (servers, guint16, 1), ==, 0x0009);
}

static void
test_devices_row_via (void)
{
  g_autoptr(MeshSession) session = open_home_session ();
  g_autoptr(MeshScannedDevice) device = new_device_via (0, -60, 0x0005);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = mesh_device_row_new ();
  MeshUnprovisionedBeacon beacon = { 0 };

  gtk_window_set_child (GTK_WINDOW (window), row);
  mesh_device_row_set_device (MESH_DEVICE_ROW (row), device);
  gtk_window_present (GTK_WINDOW (window));
  mesh_test_wait_for_frame (window);

  /* Without the network, the server's address. */
  g_assert_cmpuint (mesh_scanned_device_get_via (device), ==, 0x0005);
  g_assert_nonnull (mesh_test_find_label (row, "Through node 0x0005"));

  /* With it, the node's name. */
  mesh_device_row_set_network (MESH_DEVICE_ROW (row), mesh_session_get_network (session));
  g_assert_nonnull (mesh_test_find_label (row, "Through node Kitchen Light"));
  g_assert_null (mesh_test_find_label (row, "Through node 0x0005"));

  /* Our own radio hears it now: no node in between, no line. */
  memcpy (beacon.uuid, lab_uuid, sizeof lab_uuid);
  mesh_scanned_device_update (device, &beacon, -50, 0, g_get_monotonic_time ());
  g_assert_cmpuint (mesh_scanned_device_get_via (device), ==, 0);
  g_assert_null (mesh_test_find_label (row, "Through node Kitchen Light"));
  g_assert_nonnull (mesh_test_find_label (row, "Mesh Device 57FF"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_devices_page_chooser (void)
{
  g_autoptr(MeshSession) session = open_home_session ();
  MeshNetwork *network = mesh_session_get_network (session);
  MeshScanner *scanner = mesh_session_get_scanner (session);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = mesh_devices_page_new ();
  GObject *clamp;
  GObject *row;

  /* A node that could listen for us, but a bluetooth-meshd (none here, or
   * 5.66) that cannot use it. */
  add_server (network, 0x0005, 0);
  g_assert_false (mesh_daemon_get_remote_provisioning (mesh_session_get_daemon (session)));

  gtk_window_set_child (GTK_WINDOW (window), page);
  mesh_devices_page_set_session (MESH_DEVICES_PAGE (page), session);
  gtk_window_present (GTK_WINDOW (window));
  mesh_test_wait_for_frame (window);
  g_assert_true (mesh_scanner_get_active (scanner));

  clamp = gtk_widget_get_template_child (page, MESH_TYPE_DEVICES_PAGE, "remote_clamp");
  row = gtk_widget_get_template_child (page, MESH_TYPE_DEVICES_PAGE, "remote_row");
  g_assert_nonnull (clamp);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (clamp)));
  g_assert_null (mesh_test_find_label (page, "Listen Through"));
  /* Nothing to choose but this computer, and nothing chosen. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))), ==, 1);
  g_assert_cmpuint (mesh_scanner_get_remote_server (scanner), ==, 0);

  /* Shown again (the node list is read anew): still hidden. */
  gtk_widget_set_visible (page, FALSE);
  gtk_widget_set_visible (page, TRUE);
  mesh_test_wait_for_frame (window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (clamp)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
widget_visible (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

static gboolean
row_shown (gpointer page)
{
  return mesh_test_find_label (page, "Through node Kitchen Light") != NULL;
}

static gboolean
scanner_failed (gpointer scanner)
{
  return mesh_scanner_get_error_message (scanner) != NULL;
}

/* The chooser with a bluetooth-meshd that can scan through servers, as far
 * as the client's state goes: the daemon says ATTACHED with Remote
 * Provisioning, but has no D-Bus objects (its calls fail, which the
 * scanner reports). The lab tests the real thing. */
static void
test_devices_page_chooser_shown (void)
{
  g_autoptr(MeshSession) session = open_home_session ();
  MeshNetwork *network = mesh_session_get_network (session);
  MeshScanner *scanner = mesh_session_get_scanner (session);
  MeshDaemon *daemon = mesh_session_get_daemon (session);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = mesh_devices_page_new ();
  g_autoptr(GBytes) beacon = g_bytes_new (lab_uuid, sizeof lab_uuid);
  GListModel *choices;
  GObject *clamp;
  GObject *row;

  add_server (network, 0x0009, 0);
  add_server (network, 0x0005, 0);
  gtk_window_set_child (GTK_WINDOW (window), page);
  mesh_devices_page_set_session (MESH_DEVICES_PAGE (page), session);
  gtk_window_present (GTK_WINDOW (window));
  mesh_test_wait_for_frame (window);
  clamp = gtk_widget_get_template_child (page, MESH_TYPE_DEVICES_PAGE, "remote_clamp");
  row = gtk_widget_get_template_child (page, MESH_TYPE_DEVICES_PAGE, "remote_row");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (clamp)));

  daemon->remote_provisioning = TRUE;
  mesh_daemon_set_state (daemon, MESH_DAEMON_STATE_ATTACHED, NULL);
  g_assert_true (mesh_test_wait_until (widget_visible, clamp, 5000));
  mesh_test_wait_for_frame (window);
  g_assert_nonnull (mesh_test_find_label (page, "Listen Through"));

  /* This computer, then the servers in address order. */
  choices = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==, "This Computer Only");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 1), ==, "Kitchen Light (0x0005)");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 2), ==, "Porch Lamp (0x0009)");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  /* Choosing one scans through it. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_cmpuint (mesh_scanner_get_remote_server (scanner), ==, 0x0009);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpuint (mesh_scanner_get_remote_server (scanner), ==, 0x0005);

  /* A device that only the Kitchen Light heard: its row names the node. */
  g_signal_emit_by_name (daemon, "scan-result", -60, beacon, (guint) 0x0005);
  g_assert_true (mesh_test_wait_until (row_shown, page, 5000));
  g_assert_nonnull (mesh_test_find_label (page, "Mesh Device 57FF"));

  /* The scans fail (this daemon has no D-Bus objects; re-armed soon):
   * with devices listed, the chooser says why. */
  mesh_scanner_set_rearm_interval (scanner, 100);
  g_assert_true (mesh_test_wait_until (scanner_failed, scanner, 5000));
  mesh_test_wait_for_frame (window);
  g_assert_nonnull (mesh_test_find_label (page, mesh_scanner_get_error_message (scanner)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (page, MESH_TYPE_DEVICES_PAGE,
                                                                                   "remote_warning"))));
  mesh_test_iterate (400); /* the crossfade */
  g_object_unref (mesh_test_screenshot (window, "devices-listen-through.png"));

  /* Back on a meshd without Remote Provisioning: hidden, and the scanner
   * listens with this computer only. */
  mesh_daemon_set_state (daemon, MESH_DAEMON_STATE_NO_DAEMON, NULL);
  daemon->remote_provisioning = FALSE;
  mesh_daemon_set_state (daemon, MESH_DAEMON_STATE_ATTACHED, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (clamp)));
  g_assert_cmpuint (mesh_scanner_get_remote_server (scanner), ==, 0);

  mesh_daemon_set_state (daemon, MESH_DAEMON_STATE_NO_DAEMON, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_devices_dialog_via (void)
{
  g_autoptr(MeshSession) session = open_home_session ();
  g_autoptr(MeshScannedDevice) device = new_device_via (0, -60, 0x0005);
  g_autoptr(GBytes) uuid = g_bytes_new (lab_uuid, sizeof lab_uuid);
  g_autoptr(MeshProvisionRequest) request = mesh_provision_request_new (uuid, NULL, NULL, NULL);
  MeshProvisionDialog *dialog;

  dialog = mesh_provision_dialog_new (session, device);
  gtk_window_present (GTK_WINDOW (dialog));
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "Heard Through Node"));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "Kitchen Light (0x0005)"));

  /* It provisions through the node: this meshd cannot, and says so
   * (rather than trying over its own radio). */
  g_assert_true (start_enabled (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "provision.start", NULL));
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "failed");
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog),
                                          "This bluetooth-meshd cannot reach devices through another "
                                          "node. Remote provisioning needs bluetooth-meshd 5.67 or newer."));
  g_assert_null (mesh_provision_dialog_get_request (dialog));

  /* A request through the node: the progress names it. */
  mesh_provision_request_set_server (request, 0x0005);
  _mesh_provision_dialog_follow (dialog, request);
  mesh_provision_request_set_step (request, MESH_PROVISION_STEP_LINK);
  mesh_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_cmpstr (mesh_provision_dialog_get_page (dialog), ==, "progress");
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog),
                                          "Keep the device powered and close to node “Kitchen Light”, "
                                          "which provisions it for this computer."));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Heard by our own radio: no node in the dialog. */
  {
    g_autoptr(MeshScannedDevice) near = new_device (0, -60);

    dialog = mesh_provision_dialog_new (session, near);
    gtk_window_present (GTK_WINDOW (dialog));
    mesh_test_wait_for_frame (GTK_WIDGET (dialog));
    g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog), "UUID"));
    g_assert_null (mesh_test_find_label (GTK_WIDGET (dialog), "Heard Through Node"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
}

static void
test_devices_dialog (void)
{
  g_autoptr(MeshSession) session = open_session ();
  g_autoptr(MeshScannedDevice) with_key = new_device (MESH_OOB_INFO_ON_BOX, -50);
  g_autoptr(MeshScannedDevice) without = new_device (0, -50);
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
  g_assert_false (start_enabled (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Lamp 7");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (mesh_test_find_label (GTK_WIDGET (dialog),
                                          "Read as text, padded with zeros to 16 bytes."));

  /* Without a network in bluetooth-meshd it cannot start, and says so. */
  g_assert_true (start_enabled (dialog));
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
  g_autoptr(MeshScannedDevice) device = new_device (MESH_OOB_INFO_NUMBER, -50);
  g_autoptr(GBytes) uuid = g_bytes_new (lab_uuid, sizeof lab_uuid);
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
  g_test_add_func ("/gui-devices/servers", test_devices_servers);
  g_test_add_func ("/gui-devices/row-via", test_devices_row_via);
  g_test_add_func ("/gui-devices/page-chooser", test_devices_page_chooser);
  g_test_add_func ("/gui-devices/page-chooser-shown", test_devices_page_chooser_shown);
  g_test_add_func ("/gui-devices/dialog", test_devices_dialog);
  g_test_add_func ("/gui-devices/prompts", test_devices_prompts);
  g_test_add_func ("/gui-devices/dialog-via", test_devices_dialog_via);

  return g_test_run ();
}
