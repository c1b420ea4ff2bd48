/* lab-provisioner.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-provisioner-private.h"

#include "lab-app.h"
#include "lab-msg.h"

#include <string.h>

static void
element_method_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *path,
                   const char            *interface,
                   const char            *method,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  LabProvisioner *prov = user_data;
  Received *received = NULL;
  g_autoptr(GVariant) data = NULL;

  if (g_str_equal (method, "MessageReceived"))
    {
      g_autoptr(GVariant) destination = NULL;
      guint16 key_index;

      received = g_new0 (Received, 1);
      g_variant_get (parameters, "(qqv@ay)", &received->source, &key_index, &destination, &data);
    }
  else if (g_str_equal (method, "DevKeyMessageReceived"))
    {
      gboolean remote;
      guint16 net_index;

      received = g_new0 (Received, 1);
      received->dev_key = TRUE;
      g_variant_get (parameters, "(qbq@ay)", &received->source, &remote, &net_index, &data);
    }

  if (received)
    {
      received->data = g_variant_get_data_as_bytes (data);
      g_queue_push_tail (&prov->received, received);
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
element_get_property_cb (GDBusConnection  *connection,
                         const char       *sender,
                         const char       *path,
                         const char       *interface,
                         const char       *property,
                         GError          **error,
                         gpointer          user_data)
{
  GVariantBuilder builder;

  if (g_str_equal (property, "Index"))
    return g_variant_new_byte (0);

  if (g_str_equal (property, "Models"))
    {
      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(qa{sv})"));
      g_variant_builder_add (&builder, "(q@a{sv})", LAB_MODEL_CONFIG_CLIENT,
                             g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
      g_variant_builder_add (&builder, "(q@a{sv})", LAB_MODEL_ONOFF_CLIENT,
                             g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
      return g_variant_builder_end (&builder);
    }

  if (g_str_equal (property, "VendorModels"))
    return g_variant_new_array (G_VARIANT_TYPE ("(qqa{sv})"), NULL, 0);

  return NULL;
}

static const GDBusInterfaceVTable element_vtable = {
  .method_call = element_method_cb,
  .get_property = element_get_property_cb,
};

static void
application_method_cb (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *path,
                       const char            *interface,
                       const char            *method,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  LabProvisioner *prov = user_data;

  if (g_str_equal (method, "JoinComplete"))
    {
      g_variant_get (parameters, "(t)", &prov->token);
      prov->joined = TRUE;
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
application_get_property_cb (GDBusConnection  *connection,
                             const char       *sender,
                             const char       *path,
                             const char       *interface,
                             const char       *property,
                             GError          **error,
                             gpointer          user_data)
{
  if (g_str_equal (property, "CompanyID"))
    return g_variant_new_uint16 (0x05F1);
  if (g_str_equal (property, "ProductID") || g_str_equal (property, "VersionID"))
    return g_variant_new_uint16 (1);
  if (g_str_equal (property, "CRPL"))
    return g_variant_new_uint16 (0x7FFF);

  return NULL;
}

static const GDBusInterfaceVTable application_vtable = {
  .method_call = application_method_cb,
  .get_property = application_get_property_cb,
};

static void
provisioner_method_cb (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *path,
                       const char            *interface,
                       const char            *method,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  LabProvisioner *prov = user_data;

  if (g_str_equal (method, "ScanResult"))
    {
      g_autoptr(GVariant) data = NULL;
      g_autoptr(GVariant) options = NULL;
      gint16 rssi;
      gsize len;
      const guint8 *bytes;

      guint16 server = 0;

      g_variant_get (parameters, "(n@ay@a{sv})", &rssi, &data, &options);
      bytes = g_variant_get_fixed_array (data, &len, 1);
      /* meshd 5.67+ says which Remote Provisioning Server heard it */
      g_variant_lookup (options, "Server", "q", &server);
      if (len >= 16)
        g_hash_table_insert (prov->seen, lab_hex_encode (bytes, 16), GUINT_TO_POINTER (server));
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "RequestProvData"))
    {
      guint8 count;
      guint16 unicast = prov->next_address;

      g_variant_get (parameters, "(y)", &count);
      prov->next_address += count;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(qq)", 0, unicast));
    }
  else if (g_str_equal (method, "AddNodeComplete") || g_str_equal (method, "AddNodeFailed"))
    {
      g_autoptr(GVariant) uuid = NULL;
      gsize len;

      if (g_str_equal (method, "AddNodeComplete"))
        g_variant_get (parameters, "(@ayqy)", &uuid, &prov->added_unicast, &prov->added_count);
      else
        {
          g_clear_pointer (&prov->add_failure, g_free);
          g_variant_get (parameters, "(@ays)", &uuid, &prov->add_failure);
        }

      if (memcmp (g_variant_get_fixed_array (uuid, &len, 1), prov->adding, MIN (len, 16)) == 0
          && len == 16)
        prov->add_done = TRUE;
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable provisioner_vtable = {
  .method_call = provisioner_method_cb,
  .get_property = application_get_property_cb,
};

static void
agent_method_cb (GDBusConnection       *connection,
                 const char            *sender,
                 const char            *path,
                 const char            *interface,
                 const char            *method,
                 GVariant              *parameters,
                 GDBusMethodInvocation *invocation,
                 gpointer               user_data)
{
  LabProvisioner *prov = user_data;

  if (g_str_equal (method, "PromptStatic") && prov->static_key)
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(@ay)", lab_bytes_variant (prov->static_key, 16)));
      return;
    }

  if (g_str_equal (method, "Cancel") || g_str_equal (method, "DisplayString")
      || g_str_equal (method, "DisplayNumeric"))
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
      return;
    }

  g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.mesh.Error.NotSupported",
                                              "Not supported by the lab provisioner");
}

static GVariant *
agent_get_property_cb (GDBusConnection  *connection,
                       const char       *sender,
                       const char       *path,
                       const char       *interface,
                       const char       *property,
                       GError          **error,
                       gpointer          user_data)
{
  const char *static_oob[] = { "static-oob", NULL };

  if (g_str_equal (property, "Capabilities"))
    return g_variant_new_strv (static_oob, -1);
  if (g_str_equal (property, "OutOfBandInfo"))
    return g_variant_new_strv (NULL, 0);

  return NULL;
}

static const GDBusInterfaceVTable agent_vtable = {
  .method_call = agent_method_cb,
  .get_property = agent_get_property_cb,
};

LabProvisioner *
lab_provisioner_new (GDBusConnection  *bus,
                     GError          **error)
{
  g_autoptr(LabProvisioner) prov = g_new0 (LabProvisioner, 1);
  const char *warp = g_getenv ("MESH_LAB_TIMEWARP");

  prov->bus = g_object_ref (bus);
  prov->timewarp = warp ? g_ascii_strtod (warp, NULL) : 1.0;
  if (!(prov->timewarp > 0.0))
    prov->timewarp = 1.0;
  prov->next_address = FIRST_NODE_ADDRESS;
  prov->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&prov->received);
  lab_uuid_generate (prov->uuid);

  prov->app = lab_app_new (bus, APP_ROOT);
  if (!lab_app_add_object (prov->app, APP_PATH, LAB_MESH_APPLICATION_IFACE,
                           &application_vtable, prov, error)
      || !lab_app_add_object (prov->app, APP_PATH, LAB_MESH_PROVISIONER_IFACE,
                              &provisioner_vtable, prov, error)
      || !lab_app_add_object (prov->app, AGENT_PATH, LAB_MESH_PROVISION_AGENT_IFACE,
                              &agent_vtable, prov, error)
      || !lab_app_add_object (prov->app, ELEMENT_PATH, LAB_MESH_ELEMENT_IFACE,
                              &element_vtable, prov, error))
    return NULL;

  return g_steal_pointer (&prov);
}

void
lab_provisioner_free (LabProvisioner *prov)
{
  if (!prov)
    return;

  g_clear_pointer (&prov->app, lab_app_free);
  g_queue_clear_full (&prov->received, lab_provisioner_received_free);
  g_hash_table_unref (prov->seen);
  g_object_unref (prov->bus);
  g_free (prov->node_path);
  g_free (prov->add_failure);
  g_free (prov);
}

guint
lab_provisioner_timeout (LabProvisioner *prov,
                         guint           real_ms)
{
  guint warped = (guint) (real_ms / prov->timewarp);

  /* three times the warped time, never under 5 s (or real time if less) */
  return MAX (warped * 3, MIN (real_ms, 5000));
}

gboolean
lab_provisioner_attach (LabProvisioner  *prov,
                        GError         **error)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) addresses = NULL;
  g_autoptr(GVariant) value = NULL;
  gsize n;

  reply = lab_call (prov->bus, LAB_MESH_SERVICE, LAB_MESH_PATH, LAB_MESH_NETWORK_IFACE, "Attach",
                    g_variant_new ("(ot)", APP_ROOT, prov->token),
                    G_VARIANT_TYPE ("(oa(ya(qa{sv})))"), CALL_TIMEOUT_MS, error);
  if (!reply)
    return FALSE;

  g_clear_pointer (&prov->node_path, g_free);
  g_variant_get_child (reply, 0, "o", &prov->node_path);

  addresses = lab_call (prov->bus, LAB_MESH_SERVICE, prov->node_path,
                        "org.freedesktop.DBus.Properties", "Get",
                        g_variant_new ("(ss)", LAB_MESH_NODE_IFACE, "Addresses"),
                        G_VARIANT_TYPE ("(v)"), CALL_TIMEOUT_MS, error);
  if (!addresses)
    return FALSE;
  g_variant_get (addresses, "(v)", &value);
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE ("aq"))
      || !g_variant_get_fixed_array (value, &n, sizeof (guint16)) || n == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The node has no address");
      return FALSE;
    }
  prov->address = ((const guint16 *) g_variant_get_fixed_array (value, &n, sizeof (guint16)))[0];

  return TRUE;
}

gboolean
lab_provisioner_create_network (LabProvisioner  *prov,
                                GError         **error)
{
  g_autoptr(GVariant) reply = NULL;

  reply = lab_call (prov->bus, LAB_MESH_SERVICE, LAB_MESH_PATH, LAB_MESH_NETWORK_IFACE,
                    "CreateNetwork",
                    g_variant_new ("(o@ay)", APP_ROOT, lab_bytes_variant (prov->uuid, 16)),
                    NULL, CALL_TIMEOUT_MS, error);
  if (!reply)
    return FALSE;

  /* The token comes in JoinComplete, after the method returned. */
  if (!lab_wait_for (&prov->joined, CALL_TIMEOUT_MS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No JoinComplete after CreateNetwork");
      return FALSE;
    }

  return lab_provisioner_attach (prov, error);
}

gboolean
lab_provisioner_import (LabProvisioner  *prov,
                        const guint8     dev_key[16],
                        const guint8     net_key[16],
                        guint32          iv_index,
                        guint16          unicast,
                        GError         **error)
{
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder flags;

  g_variant_builder_init (&flags, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&flags, "{sv}", "IvUpdate", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&flags, "{sv}", "KeyRefresh", g_variant_new_boolean (FALSE));
  reply = lab_call (prov->bus, LAB_MESH_SERVICE, LAB_MESH_PATH, LAB_MESH_NETWORK_IFACE, "Import",
                    g_variant_new ("(o@ay@ay@ayqa{sv}uq)", APP_ROOT,
                                   lab_bytes_variant (prov->uuid, 16),
                                   lab_bytes_variant (dev_key, 16),
                                   lab_bytes_variant (net_key, 16),
                                   0, &flags, iv_index, unicast),
                    NULL, CALL_TIMEOUT_MS, error);
  if (!reply)
    return FALSE;

  if (!lab_wait_for (&prov->joined, CALL_TIMEOUT_MS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No JoinComplete after Import");
      return FALSE;
    }

  return lab_provisioner_attach (prov, error);
}

const char *
lab_provisioner_get_node_path (LabProvisioner *prov)
{
  return prov->node_path;
}

guint16
lab_provisioner_get_address (LabProvisioner *prov)
{
  return prov->address;
}

/* Whether the scan reported the device (through server, when not 0). */
static gboolean
was_seen (LabProvisioner *prov,
          const char     *hex,
          guint16         server)
{
  gpointer by;

  return g_hash_table_lookup_extended (prov->seen, hex, NULL, &by)
         && (!server || GPOINTER_TO_UINT (by) == server);
}

gboolean
lab_provisioner_scan_for (LabProvisioner  *prov,
                          const guint8     uuid[16],
                          guint            timeout_ms,
                          GError         **error)
{
  return lab_provisioner_scan_via (prov, 0, uuid, timeout_ms, error);
}

gboolean
lab_provisioner_scan_via (LabProvisioner  *prov,
                          guint16          server,
                          const guint8     uuid[16],
                          guint            timeout_ms,
                          GError         **error)
{
  g_autofree char *hex = lab_hex_encode (uuid, 16);
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder options;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  g_hash_table_remove_all (prov->seen);
  g_variant_builder_init (&options, G_VARIANT_TYPE ("a{sv}"));
  if (server)
    {
      /* The server's scan time is in real seconds (meshd allows 1 to 60). */
      g_variant_builder_add (&options, "{sv}", "Server", g_variant_new_uint16 (server));
      g_variant_builder_add (&options, "{sv}", "Seconds",
                             g_variant_new_uint16 (CLAMP (timeout_ms / 1000 + 1, 1, 60)));
    }
  reply = lab_call (prov->bus, LAB_MESH_SERVICE, prov->node_path, LAB_MESH_MANAGEMENT_IFACE,
                    "UnprovisionedScan", g_variant_new ("(a{sv})", &options), NULL,
                    CALL_TIMEOUT_MS, error);
  if (!reply)
    return FALSE;

  while (!was_seen (prov, hex, server) && g_get_monotonic_time () < deadline)
    {
      gboolean never = FALSE;

      lab_wait_for (&never, 20);
    }

  g_clear_pointer (&reply, g_variant_unref);
  reply = lab_call (prov->bus, LAB_MESH_SERVICE, prov->node_path, LAB_MESH_MANAGEMENT_IFACE,
                    "UnprovisionedScanCancel", NULL, NULL, CALL_TIMEOUT_MS, NULL);

  if (!was_seen (prov, hex, server))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "Device %s not seen by the scan within %u ms", hex, timeout_ms);
      return FALSE;
    }

  return TRUE;
}

gboolean
lab_provisioner_add_node (LabProvisioner  *prov,
                          const guint8     uuid[16],
                          const guint8    *static_key,
                          guint            timeout_ms,
                          guint16         *unicast,
                          guint8          *count,
                          GError         **error)
{
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder options;

  memcpy (prov->adding, uuid, 16);
  prov->static_key = static_key;
  prov->add_done = FALSE;
  g_clear_pointer (&prov->add_failure, g_free);

  g_variant_builder_init (&options, G_VARIANT_TYPE ("a{sv}"));
  reply = lab_call (prov->bus, LAB_MESH_SERVICE, prov->node_path, LAB_MESH_MANAGEMENT_IFACE,
                    "AddNode", g_variant_new ("(@aya{sv})", lab_bytes_variant (uuid, 16), &options),
                    NULL, CALL_TIMEOUT_MS, error);
  if (!reply)
    return FALSE;

  if (!lab_wait_for (&prov->add_done, timeout_ms))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "Provisioning did not end within %u ms", timeout_ms);
      return FALSE;
    }
  prov->static_key = NULL;

  if (prov->add_failure)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", prov->add_failure);
      return FALSE;
    }

  if (unicast)
    *unicast = prov->added_unicast;
  if (count)
    *count = prov->added_count;
  return TRUE;
}
