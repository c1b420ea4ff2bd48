/* mesh-lab-control.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The lab's control interface, io.github.meshprovisioner.MeshLab1 on the
 * provisioner bus (README.md tells what each method does). */

#include "config.h"

#include "mesh-lab-private.h"

#include <string.h>
#include <unistd.h>

static const char control_xml[] =
  "<node>"
  "  <interface name='" LAB_IFACE "'>"
  "    <method name='ListDevices'>"
  "      <arg name='devices' type='aa{sv}' direction='out'/>"
  "    </method>"
  "    <method name='GetDevice'>"
  "      <arg name='index' type='u' direction='in'/>"
  "      <arg name='state' type='a{sv}' direction='out'/>"
  "    </method>"
  "    <method name='VanishDevice'><arg name='index' type='u' direction='in'/></method>"
  "    <method name='RestoreDevice'><arg name='index' type='u' direction='in'/></method>"
  "    <method name='AddDevice'>"
  "      <arg name='options' type='a{sv}' direction='in'/>"
  "      <arg name='index' type='u' direction='out'/>"
  "    </method>"
  "    <method name='ProvideInput'>"
  "      <arg name='index' type='u' direction='in'/>"
  "      <arg name='number' type='u' direction='in'/>"
  "    </method>"
  "    <method name='StopDaemon'/>"
  "    <method name='StartDaemon'/>"
  "    <method name='RestartDaemon'/>"
  "    <method name='SetLoss'><arg name='loss' type='d' direction='in'/></method>"
  "    <method name='SetDelay'><arg name='delay_ms' type='u' direction='in'/></method>"
  "    <method name='SetLink'>"
  "      <arg name='a' type='i' direction='in'/>"
  "      <arg name='b' type='i' direction='in'/>"
  "      <arg name='up' type='b' direction='in'/>"
  "    </method>"
  "    <method name='GetLink'>"
  "      <arg name='a' type='i' direction='in'/>"
  "      <arg name='b' type='i' direction='in'/>"
  "      <arg name='up' type='b' direction='out'/>"
  "    </method>"
  "    <method name='GetTimewarp'><arg name='timewarp' type='d' direction='out'/></method>"
  "    <method name='GetAirStats'><arg name='stats' type='a{sv}' direction='out'/></method>"
  "    <method name='GetProcesses'><arg name='processes' type='a(su)' direction='out'/></method>"
  "    <signal name='DeviceChanged'>"
  "      <arg name='index' type='u'/>"
  "      <arg name='state' type='a{sv}'/>"
  "    </signal>"
  "    <property name='Timewarp' type='d' access='read'/>"
  "    <property name='Loss' type='d' access='read'/>"
  "    <property name='Delay' type='u' access='read'/>"
  "    <property name='StateDir' type='s' access='read'/>"
  "    <property name='AirPath' type='s' access='read'/>"
  "    <property name='DeviceCount' type='u' access='read'/>"
  "    <property name='DaemonRunning' type='b' access='read'/>"
  "    <property name='DaemonPid' type='u' access='read'/>"
  "  </interface>"
  "</node>";

static void
return_error (GDBusMethodInvocation *invocation,
              const char            *name,
              const char            *format,
              ...) G_GNUC_PRINTF (3, 4);

static void
return_error (GDBusMethodInvocation *invocation,
              const char            *name,
              const char            *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;
  g_autofree char *error_name = g_strconcat (LAB_ERROR_PREFIX, name, NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_dbus_method_invocation_return_dbus_error (invocation, error_name, message);
}

static void
get_device_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GDBusMethodInvocation *invocation = user_data;
  LabDevice *device = g_object_get_data (G_OBJECT (invocation), "lab-device");
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply)
    {
      g_autoptr(GVariant) state = g_variant_get_child_value (reply, 0);

      g_clear_pointer (&device->state, g_variant_unref);
      device->state = g_variant_ref_sink (g_steal_pointer (&state));
    }

  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(@a{sv})", device_summary (device)));
}

/* Passes a device's answer (or error) on to the lab's caller. */
static void
forward_reply_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GDBusMethodInvocation *invocation = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply)
    g_dbus_method_invocation_return_value (invocation, NULL);
  else
    {
      g_autofree char *name = g_dbus_error_get_remote_error (error);

      g_dbus_error_strip_remote_error (error);
      g_dbus_method_invocation_return_dbus_error (invocation,
                                                  name ? name : LAB_ERROR_PREFIX "Failed",
                                                  error->message);
    }
}

static void
add_device_method (Lab                   *lab,
                   GVariant              *options,
                   GDBusMethodInvocation *invocation)
{
  DeviceSpec spec;
  g_autoptr(GError) error = NULL;
  const char *oob = NULL;
  g_autoptr(GVariant) uuid = NULL;
  LabDevice *device;

  if (!default_spec (lab, lab->devices->len, &spec, &error))
    goto fail;

  if (g_variant_lookup (options, "Oob", "&s", &oob))
    {
      if (!check_oob (oob, &error))
        goto fail;
      g_free (spec.oob);
      spec.oob = g_strdup (oob);
    }
  g_variant_lookup (options, "CompanyId", "q", &spec.cid);
  g_variant_lookup (options, "ProductId", "q", &spec.pid);
  g_variant_lookup (options, "VersionId", "q", &spec.vid);
  uuid = g_variant_lookup_value (options, "Uuid", G_VARIANT_TYPE_BYTESTRING);
  if (uuid)
    {
      gsize len;
      const guint8 *data = g_variant_get_fixed_array (uuid, &len, 1);

      if (len != 16)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Uuid must have 16 bytes");
          goto fail;
        }
      memcpy (spec.uuid, data, 16);
      spec.has_uuid = TRUE;
    }

  device = add_device (lab, &spec);
  g_free (spec.oob);
  if (!spawn_device (device, &error))
    {
      return_error (invocation, "Failed", "%s", error->message);
      return;
    }
  g_object_set_data (G_OBJECT (invocation), "lab-index", GUINT_TO_POINTER (device->index));
  g_ptr_array_add (device->waiting, invocation);
  return;

fail:
  g_free (spec.oob);
  return_error (invocation, "InvalidArgs", "%s", error->message);
}

/* The air socket of a link's end: a device index, or -1 for the
 * provisioner-side meshd. */
static const char *
link_end (Lab                   *lab,
          gint32                 index,
          GDBusMethodInvocation *invocation)
{
  LabDevice *device;

  if (index == -1)
    return lab->meshd_socket;

  device = index >= 0 ? get_device (lab, (guint) index) : NULL;
  if (!device)
    {
      return_error (invocation, "NoSuchDevice",
                    "There is no virtual device %d (the lab has %u; -1 is the provisioner's meshd)",
                    index, lab->devices->len);
      return NULL;
    }

  return device->socket;
}

static void
link_method (Lab                   *lab,
             const char            *method,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation)
{
  gint32 a, b;
  gboolean up = TRUE;
  const char *path_a;
  const char *path_b;

  if (g_str_equal (method, "SetLink"))
    g_variant_get (parameters, "(iib)", &a, &b, &up);
  else
    g_variant_get (parameters, "(ii)", &a, &b);

  if (!(path_a = link_end (lab, a, invocation)) || !(path_b = link_end (lab, b, invocation)))
    return;
  if (a == b)
    {
      return_error (invocation, "InvalidArgs", "A link joins two different ends");
      return;
    }

  if (g_str_equal (method, "SetLink"))
    {
      lab_air_set_link (lab->air, path_a, path_b, up);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(b)", lab_air_get_link (lab->air, path_a, path_b)));
}

static GVariant *
air_stats (Lab *lab)
{
  LabAirStats stats;
  GVariantBuilder builder;

  lab_air_get_stats (lab->air, &stats);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&builder, "{sv}", "Received", g_variant_new_uint64 (stats.received));
  g_variant_builder_add (&builder, "{sv}", "Delivered", g_variant_new_uint64 (stats.delivered));
  g_variant_builder_add (&builder, "{sv}", "Lost", g_variant_new_uint64 (stats.lost));
  g_variant_builder_add (&builder, "{sv}", "Suppressed", g_variant_new_uint64 (stats.suppressed));
  g_variant_builder_add (&builder, "{sv}", "Overflowed", g_variant_new_uint64 (stats.overflowed));
  g_variant_builder_add (&builder, "{sv}", "Unlinked", g_variant_new_uint64 (stats.unlinked));
  g_variant_builder_add (&builder, "{sv}", "DaemonSent",
                         g_variant_new_uint64 (lab_air_get_sent_by (lab->air, lab->meshd_socket)));
  /* meshd's unit radio sends its queued packets one at a time and waits
   * the interval of the packet it just sent before the next: 100 ms for
   * network PDUs (default Network Transmit), 500 ms for PB-ADV and
   * unprovisioned beacons; both divided by the timewarp. */
  g_variant_builder_add (&builder, "{sv}", "TickMs", g_variant_new_double (100.0 / lab->timewarp));
  g_variant_builder_add (&builder, "{sv}", "ProvisioningTickMs",
                         g_variant_new_double (500.0 / lab->timewarp));
  return g_variant_builder_end (&builder);
}

static GVariant *
process_list (Lab *lab)
{
  GVariantBuilder builder;
  LabProcess *fixed[] = { lab->pbus_daemon, lab->dbus_daemon, lab->meshd, lab->command };

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(su)"));
  g_variant_builder_add (&builder, "(su)", "mesh-lab", (guint32) getpid ());
  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (lab_process_is_running (fixed[i]))
      g_variant_builder_add (&builder, "(su)", lab_process_get_role (fixed[i]),
                             (guint32) lab_process_get_pid (fixed[i]));

  for (guint i = 0; i < lab->devices->len; i++)
    {
      LabDevice *device = g_ptr_array_index (lab->devices, i);
      LabProcess *processes[] = { device->daemon, device->app };

      for (gsize j = 0; j < G_N_ELEMENTS (processes); j++)
        if (lab_process_is_running (processes[j]))
          g_variant_builder_add (&builder, "(su)", lab_process_get_role (processes[j]),
                                 (guint32) lab_process_get_pid (processes[j]));
    }

  return g_variant_builder_end (&builder);
}

static void
control_method_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *path,
                   const char            *interface,
                   const char            *method,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  Lab *lab = user_data;
  g_autoptr(GError) error = NULL;
  LabDevice *device = NULL;
  guint index = 0;

  /* The methods whose first argument is a device index */
  if (g_str_equal (method, "GetDevice") || g_str_equal (method, "VanishDevice")
      || g_str_equal (method, "RestoreDevice") || g_str_equal (method, "ProvideInput"))
    {
      g_variant_get_child (parameters, 0, "u", &index);
      device = get_device (lab, index);
      if (!device)
        {
          return_error (invocation, "NoSuchDevice", "There is no virtual device %u (the lab has %u)",
                        index, lab->devices->len);
          return;
        }
    }

  if (g_str_equal (method, "ListDevices"))
    {
      GVariantBuilder builder;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
      for (guint i = 0; i < lab->devices->len; i++)
        g_variant_builder_add_value (&builder, device_summary (g_ptr_array_index (lab->devices, i)));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &builder));
    }
  else if (g_str_equal (method, "GetDevice"))
    {
      if (!device->ready || !device->owner)
        {
          g_dbus_method_invocation_return_value (invocation,
                                                 g_variant_new ("(@a{sv})", device_summary (device)));
          return;
        }
      g_object_set_data (G_OBJECT (invocation), "lab-device", device);
      g_dbus_connection_call (lab->dbus, device->owner, LAB_DEVICE_PATH, LAB_DEVICE_IFACE,
                              "GetState", NULL, G_VARIANT_TYPE ("(a{sv})"),
                              G_DBUS_CALL_FLAGS_NONE, 10000, NULL, get_device_cb, invocation);
    }
  else if (g_str_equal (method, "VanishDevice"))
    {
      stop_device (device);
      if (device->state)
        set_device_state (device, device->state);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "RestoreDevice"))
    {
      if (device->present)
        {
          return_error (invocation, "Busy", "Virtual device %u is there already", index);
          return;
        }
      forget_interrupted_join (device);
      if (!spawn_device (device, &error))
        {
          return_error (invocation, "Failed", "%s", error->message);
          return;
        }
      g_ptr_array_add (device->waiting, invocation);
    }
  else if (g_str_equal (method, "AddDevice"))
    {
      g_autoptr(GVariant) options = g_variant_get_child_value (parameters, 0);

      add_device_method (lab, options, invocation);
    }
  else if (g_str_equal (method, "ProvideInput"))
    {
      guint number;

      g_variant_get (parameters, "(uu)", &index, &number);
      if (!device->owner)
        {
          return_error (invocation, "NotReady", "Virtual device %u is not running", index);
          return;
        }
      g_dbus_connection_call (lab->dbus, device->owner, LAB_DEVICE_PATH, LAB_DEVICE_IFACE,
                              "ProvideInput", g_variant_new ("(u)", number), NULL,
                              G_DBUS_CALL_FLAGS_NONE, 10000, NULL, forward_reply_cb, invocation);
    }
  else if (g_str_equal (method, "StopDaemon"))
    {
      stop_meshd (lab);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "StartDaemon") || g_str_equal (method, "RestartDaemon"))
    {
      if (g_str_equal (method, "RestartDaemon"))
        stop_meshd (lab);
      if (lab->meshd_ready)
        {
          g_dbus_method_invocation_return_value (invocation, NULL);
          return;
        }
      if (!start_meshd (lab, &error))
        {
          return_error (invocation, "Failed", "%s", error->message);
          return;
        }
      g_ptr_array_add (lab->meshd_waiting, invocation);
    }
  else if (g_str_equal (method, "SetLoss"))
    {
      double loss;

      g_variant_get (parameters, "(d)", &loss);
      if (!(loss >= 0.0 && loss <= 1.0))
        {
          return_error (invocation, "InvalidArgs", "The loss is a fraction from 0 to 1");
          return;
        }
      lab_air_set_loss (lab->air, loss);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "SetDelay"))
    {
      guint delay;

      g_variant_get (parameters, "(u)", &delay);
      lab_air_set_delay (lab->air, delay);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "SetLink") || g_str_equal (method, "GetLink"))
    link_method (lab, method, parameters, invocation);
  else if (g_str_equal (method, "GetTimewarp"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(d)", lab->timewarp));
  else if (g_str_equal (method, "GetAirStats"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(@a{sv})", air_stats (lab)));
  else if (g_str_equal (method, "GetProcesses"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(@a(su))", process_list (lab)));
  else
    return_error (invocation, "UnknownMethod", "Unknown method %s", method);
}

static GVariant *
control_get_property_cb (GDBusConnection  *connection,
                         const char       *sender,
                         const char       *path,
                         const char       *interface,
                         const char       *property,
                         GError          **error,
                         gpointer          user_data)
{
  Lab *lab = user_data;

  if (g_str_equal (property, "Timewarp"))
    return g_variant_new_double (lab->timewarp);
  if (g_str_equal (property, "Loss"))
    return g_variant_new_double (lab_air_get_loss (lab->air));
  if (g_str_equal (property, "Delay"))
    return g_variant_new_uint32 (lab_air_get_delay (lab->air));
  if (g_str_equal (property, "StateDir"))
    return g_variant_new_string (lab->state_dir);
  if (g_str_equal (property, "AirPath"))
    return g_variant_new_string (lab_air_get_path (lab->air));
  if (g_str_equal (property, "DeviceCount"))
    return g_variant_new_uint32 (lab->devices->len);
  if (g_str_equal (property, "DaemonRunning"))
    return g_variant_new_boolean (lab->meshd_ready);
  if (g_str_equal (property, "DaemonPid"))
    return g_variant_new_uint32 (lab_process_is_running (lab->meshd) ? lab_process_get_pid (lab->meshd) : 0);

  return NULL;
}

static const GDBusInterfaceVTable control_vtable = {
  .method_call = control_method_cb,
  .get_property = control_get_property_cb,
};

gboolean
lab_control_export (Lab     *lab,
                    GError **error)
{
  lab->control_info = g_dbus_node_info_new_for_xml (control_xml, error);
  if (!lab->control_info)
    return FALSE;
  lab->control_id = g_dbus_connection_register_object (lab->pbus, LAB_OBJECT_PATH,
                                                       lab->control_info->interfaces[0],
                                                       &control_vtable, lab, NULL, error);
  if (!lab->control_id)
    return FALSE;
  lab->name_id = g_bus_own_name_on_connection (lab->pbus, LAB_BUS_NAME,
                                               G_BUS_NAME_OWNER_FLAGS_NONE,
                                               NULL, NULL, NULL, NULL);
  return TRUE;
}

void
lab_control_unexport (Lab *lab)
{
  if (lab->name_id)
    g_bus_unown_name (lab->name_id);
  if (lab->control_id)
    g_dbus_connection_unregister_object (lab->pbus, lab->control_id);
}
