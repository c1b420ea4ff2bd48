/* test-lab-provision.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs inside `mesh-lab run --devices 3 --oob none --oob none --oob
 * static:...`: provisions the three virtual devices over the virtual air
 * through the lab's bluetooth-meshd (no OOB and static OOB), reads
 * Composition Data page 0, adds and binds an application key and toggles
 * Generic OnOff with Set/Status round trips, checking each device's state
 * through the lab's control interface. */

#include "config.h"

#include "lab-app.h"
#include "lab-client.h"
#include "lab-msg.h"
#include "lab-provisioner.h"

#include <string.h>

#define APP_INDEX 0

typedef struct {
  guint8 uuid[16];
  char *oob;
  gboolean has_key;
  guint8 key[16];
  guint16 cid, pid, vid;
  guint16 unicast;
} Device;

static GDBusConnection *
lab_bus (void)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);

  g_assert_no_error (error);
  return bus;
}

static void
read_devices (GDBusConnection *bus,
              Device          *devices,
              guint            n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) list = lab_client_list_devices (bus, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (list), ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GVariant) device = g_variant_get_child_value (list, i);
      gboolean provisioned = TRUE;

      g_assert_true (lab_client_device_bytes (device, "Uuid", devices[i].uuid));
      g_assert_true (g_variant_lookup (device, "Oob", "s", &devices[i].oob));
      devices[i].has_key = lab_client_device_bytes (device, "StaticKey", devices[i].key);
      g_assert_true (g_variant_lookup (device, "CompanyId", "q", &devices[i].cid));
      g_assert_true (g_variant_lookup (device, "ProductId", "q", &devices[i].pid));
      g_assert_true (g_variant_lookup (device, "VersionId", "q", &devices[i].vid));
      g_assert_true (g_variant_lookup (device, "Provisioned", "b", &provisioned));
      g_assert_false (provisioned);
    }
}

static void
check_composition (LabProvisioner *prov,
                   const Device   *device,
                   guint           timeout_ms)
{
  const guint8 page = 0x00;
  g_autoptr(GBytes) get = lab_msg_new (LAB_OP_COMPOSITION_GET, &page, 1);
  g_autoptr(GBytes) status = NULL;
  g_autoptr(GError) error = NULL;
  LabComposition composition;
  const guint8 *data;
  gsize len;

  status = lab_provisioner_dev_key_request (prov, device->unicast, get,
                                            LAB_OP_COMPOSITION_STATUS, 3, timeout_ms, &error);
  g_assert_no_error (error);

  data = g_bytes_get_data (status, &len);
  g_assert_cmpuint (len, >, 1);
  g_assert_cmpuint (data[0], ==, 0x00); /* page */
  g_assert_true (lab_parse_composition (data + 1, len - 1, &composition));

  g_assert_cmpuint (composition.cid, ==, device->cid);
  g_assert_cmpuint (composition.pid, ==, device->pid);
  g_assert_cmpuint (composition.vid, ==, device->vid);
  g_assert_cmpuint (composition.n_elements, ==, 2);

  /* element 0: Config Server (meshd's), OnOff and Level Servers, vendor model */
  g_assert_true (lab_element_has_model (&composition.elements[0], LAB_MODEL_CONFIG_SERVER));
  g_assert_true (lab_element_has_model (&composition.elements[0], LAB_MODEL_ONOFF_SERVER));
  g_assert_true (lab_element_has_model (&composition.elements[0], LAB_MODEL_LEVEL_SERVER));
  g_assert_cmpuint (composition.elements[0].n_vendor_models, ==, 1);
  g_assert_cmphex (composition.elements[0].vendor_models[0], ==,
                   (guint32) device->cid << 16 | LAB_VENDOR_MODEL_ID);
  /* element 1: OnOff Server only */
  g_assert_cmpuint (composition.elements[1].n_models, ==, 1);
  g_assert_cmphex (composition.elements[1].models[0], ==, LAB_MODEL_ONOFF_SERVER);
  g_assert_cmpuint (composition.elements[1].n_vendor_models, ==, 0);
}

static gboolean
device_onoff (GDBusConnection *bus,
              guint            index,
              guint            element)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) device = lab_client_get_device (bus, index, &error);
  g_autoptr(GVariant) onoff = NULL;
  gboolean value;

  g_assert_no_error (error);
  onoff = g_variant_lookup_value (device, "OnOff", G_VARIANT_TYPE ("ab"));
  g_assert_nonnull (onoff);
  g_variant_get_child (onoff, element, "b", &value);
  return value;
}

static void
set_onoff (LabProvisioner  *prov,
           GDBusConnection *bus,
           guint            index,
           guint16          address,
           guint            element,
           gboolean         value,
           guint8           tid,
           guint            timeout_ms)
{
  const guint8 params[] = { value, tid };
  g_autoptr(GBytes) set = lab_msg_new (LAB_OP_ONOFF_SET, params, sizeof params);
  g_autoptr(GBytes) status = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gsize len;

  status = lab_provisioner_app_request (prov, address, APP_INDEX, set, LAB_OP_ONOFF_STATUS,
                                        3, timeout_ms, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (status, &len);
  g_assert_cmpuint (len, ==, 1);
  g_assert_cmpuint (data[0], ==, value);

  /* The device's own view, through the lab. */
  g_assert_cmpint (device_onoff (bus, index, element), ==, value);
}

static void
test_provision_three (void)
{
  g_autoptr(GDBusConnection) bus = lab_bus ();
  g_autoptr(LabProvisioner) prov = NULL;
  g_autoptr(GError) error = NULL;
  Device devices[3] = { 0 };
  guint provision_ms, request_ms;
  guint16 self;
  gboolean ok;

  read_devices (bus, devices, G_N_ELEMENTS (devices));
  g_assert_cmpstr (devices[0].oob, ==, "none");
  g_assert_cmpstr (devices[1].oob, ==, "none");
  g_assert_cmpstr (devices[2].oob, ==, "static");
  g_assert_true (devices[2].has_key);

  prov = lab_provisioner_new (bus, &error);
  g_assert_no_error (error);
  provision_ms = lab_provisioner_timeout (prov, 60000);
  request_ms = lab_provisioner_timeout (prov, 2000);

  ok = lab_provisioner_create_network (prov, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  self = lab_provisioner_get_address (prov);
  g_assert_cmpuint (self, ==, 0x0001);

  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    {
      guint8 count = 0;
      gint64 start = g_get_monotonic_time ();

      ok = lab_provisioner_scan_for (prov, devices[i].uuid, provision_ms, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      ok = lab_provisioner_add_node (prov, devices[i].uuid,
                                               devices[i].has_key ? devices[i].key : NULL,
                                               provision_ms, &devices[i].unicast, &count, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpuint (count, ==, 2);
      g_test_message ("device %u (%s OOB) provisioned as 0x%04x in %.2f s", i, devices[i].oob,
                      devices[i].unicast, (g_get_monotonic_time () - start) / 1e6);

      /* The device attached with its token and knows its address. */
      g_assert_true (lab_client_wait_device (bus, i, "Attached", g_variant_new_boolean (TRUE),
                                             provision_ms));
      g_assert_true (lab_client_wait_device (bus, i, "Unicast",
                                             g_variant_new_uint16 (devices[i].unicast),
                                             request_ms));
    }

  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    check_composition (prov, &devices[i], request_ms);

  /* An application key for the devices and for our own OnOff Client:
   * meshd hands app-key messages only to local models bound to the key. */
  ok = lab_provisioner_create_app_key (prov, APP_INDEX, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = lab_provisioner_add_app_key (prov, self, APP_INDEX, request_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = lab_provisioner_bind (prov, self, self, APP_INDEX, LAB_MODEL_ONOFF_CLIENT,
                                       request_ms, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    {
      guint16 address = devices[i].unicast;

      ok = lab_provisioner_add_app_key (prov, address, APP_INDEX, request_ms, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      for (guint element = 0; element < 2; element++)
        {
          ok = lab_provisioner_bind (prov, address, address + element, APP_INDEX,
                                               LAB_MODEL_ONOFF_SERVER, request_ms, &error);
          g_assert_no_error (error);
          g_assert_true (ok);
        }

      g_assert_false (device_onoff (bus, i, 0));
      set_onoff (prov, bus, i, address, 0, TRUE, 1, request_ms);
      g_assert_false (device_onoff (bus, i, 1));
      set_onoff (prov, bus, i, address + 1, 1, TRUE, 2, request_ms);
      set_onoff (prov, bus, i, address, 0, FALSE, 3, request_ms);
      g_assert_true (device_onoff (bus, i, 1));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lab/provision/three-devices", test_provision_three);

  return g_test_run ();
}
