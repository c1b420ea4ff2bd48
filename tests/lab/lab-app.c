/* lab-app.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-app.h"

#include <string.h>

/* The application side of BlueZ's mesh API (doc/mesh-api.txt, 5.66), plus
 * the ObjectManager that meshd reads the application through. */
static const char interfaces_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.DBus.ObjectManager'>"
  "    <method name='GetManagedObjects'>"
  "      <arg name='objects' type='a{oa{sa{sv}}}' direction='out'/>"
  "    </method>"
  "  </interface>"
  "  <interface name='org.bluez.mesh.Application1'>"
  "    <method name='JoinComplete'><arg name='token' type='t' direction='in'/></method>"
  "    <method name='JoinFailed'><arg name='reason' type='s' direction='in'/></method>"
  "    <property name='CompanyID' type='q' access='read'/>"
  "    <property name='ProductID' type='q' access='read'/>"
  "    <property name='VersionID' type='q' access='read'/>"
  "    <property name='CRPL' type='q' access='read'/>"
  "  </interface>"
  "  <interface name='org.bluez.mesh.Element1'>"
  "    <method name='MessageReceived'>"
  "      <arg name='source' type='q' direction='in'/>"
  "      <arg name='key_index' type='q' direction='in'/>"
  "      <arg name='destination' type='v' direction='in'/>"
  "      <arg name='data' type='ay' direction='in'/>"
  "    </method>"
  "    <method name='DevKeyMessageReceived'>"
  "      <arg name='source' type='q' direction='in'/>"
  "      <arg name='remote' type='b' direction='in'/>"
  "      <arg name='net_index' type='q' direction='in'/>"
  "      <arg name='data' type='ay' direction='in'/>"
  "    </method>"
  "    <method name='UpdateModelConfiguration'>"
  "      <arg name='model_id' type='q' direction='in'/>"
  "      <arg name='config' type='a{sv}' direction='in'/>"
  "    </method>"
  "    <property name='Index' type='y' access='read'/>"
  "    <property name='Models' type='a(qa{sv})' access='read'/>"
  "    <property name='VendorModels' type='a(qqa{sv})' access='read'/>"
  "  </interface>"
  "  <interface name='org.bluez.mesh.ProvisionAgent1'>"
  "    <method name='PrivateKey'><arg name='key' type='ay' direction='out'/></method>"
  "    <method name='PublicKey'><arg name='key' type='ay' direction='out'/></method>"
  "    <method name='DisplayString'><arg name='value' type='s' direction='in'/></method>"
  "    <method name='DisplayNumeric'>"
  "      <arg name='type' type='s' direction='in'/>"
  "      <arg name='number' type='u' direction='in'/>"
  "    </method>"
  "    <method name='PromptNumeric'>"
  "      <arg name='type' type='s' direction='in'/>"
  "      <arg name='number' type='u' direction='out'/>"
  "    </method>"
  "    <method name='PromptStatic'>"
  "      <arg name='type' type='s' direction='in'/>"
  "      <arg name='value' type='ay' direction='out'/>"
  "    </method>"
  "    <method name='Cancel'/>"
  "    <property name='Capabilities' type='as' access='read'/>"
  "    <property name='OutOfBandInfo' type='as' access='read'/>"
  "  </interface>"
  "  <interface name='org.bluez.mesh.Provisioner1'>"
  "    <method name='ScanResult'>"
  "      <arg name='rssi' type='n' direction='in'/>"
  "      <arg name='data' type='ay' direction='in'/>"
  "      <arg name='options' type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RequestProvData'>"
  "      <arg name='count' type='y' direction='in'/>"
  "      <arg name='net_index' type='q' direction='out'/>"
  "      <arg name='unicast' type='q' direction='out'/>"
  "    </method>"
  "    <method name='AddNodeComplete'>"
  "      <arg name='uuid' type='ay' direction='in'/>"
  "      <arg name='unicast' type='q' direction='in'/>"
  "      <arg name='count' type='y' direction='in'/>"
  "    </method>"
  "    <method name='AddNodeFailed'>"
  "      <arg name='uuid' type='ay' direction='in'/>"
  "      <arg name='reason' type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct {
  char *path;
  GDBusInterfaceInfo *info;
  const GDBusInterfaceVTable *vtable;
  gpointer user_data;
  guint id;
} LabAppObject;

struct _LabApp {
  GDBusConnection *connection;
  char *root;
  guint root_id;
  GPtrArray *objects;
};

typedef struct {
  gboolean done;
  GVariant *reply;
  GError *error;
} CallData;

static void
lab_app_object_free (gpointer data)
{
  LabAppObject *object = data;

  g_free (object->path);
  g_free (object);
}

static GDBusNodeInfo *
interfaces (void)
{
  static GDBusNodeInfo *node;

  if (g_once_init_enter (&node))
    {
      GDBusNodeInfo *info = g_dbus_node_info_new_for_xml (interfaces_xml, NULL);

      g_assert (info);
      g_once_init_leave (&node, info);
    }

  return node;
}

static GVariant *
object_properties (LabApp       *app,
                   LabAppObject *object,
                   const char   *sender)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  for (GDBusPropertyInfo **prop = object->info->properties; prop && *prop; prop++)
    {
      g_autoptr(GError) error = NULL;
      GVariant *value;

      value = object->vtable->get_property (app->connection, sender, object->path,
                                            object->info->name, (*prop)->name,
                                            &error, object->user_data);
      /* Optional properties are left out when the getter has none. */
      if (value)
        g_variant_builder_add (&builder, "{sv}", (*prop)->name, value);
    }

  return g_variant_builder_end (&builder);
}

static void
object_manager_method_cb (GDBusConnection       *connection,
                          const char            *sender,
                          const char            *path,
                          const char            *interface,
                          const char            *method,
                          GVariant              *parameters,
                          GDBusMethodInvocation *invocation,
                          gpointer               user_data)
{
  LabApp *app = user_data;
  GVariantBuilder objects;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  g_variant_builder_init (&objects, G_VARIANT_TYPE ("a{oa{sa{sv}}}"));

  for (guint i = 0; i < app->objects->len; i++)
    {
      LabAppObject *object = g_ptr_array_index (app->objects, i);

      if (!g_ptr_array_find_with_equal_func (paths, object->path, g_str_equal, NULL))
        g_ptr_array_add (paths, object->path);
    }

  for (guint i = 0; i < paths->len; i++)
    {
      const char *object_path = g_ptr_array_index (paths, i);
      GVariantBuilder ifaces;

      g_variant_builder_init (&ifaces, G_VARIANT_TYPE ("a{sa{sv}}"));
      for (guint j = 0; j < app->objects->len; j++)
        {
          LabAppObject *object = g_ptr_array_index (app->objects, j);

          if (g_str_equal (object->path, object_path))
            g_variant_builder_add (&ifaces, "{s@a{sv}}", object->info->name,
                                   object_properties (app, object, sender));
        }
      g_variant_builder_add (&objects, "{oa{sa{sv}}}", object_path, &ifaces);
    }

  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(a{oa{sa{sv}}})", &objects));
}

static const GDBusInterfaceVTable object_manager_vtable = {
  .method_call = object_manager_method_cb,
};

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CallData *data = user_data;

  data->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result,
                                               &data->error);
  data->done = TRUE;
  g_main_context_wakeup (NULL);
}

static gboolean
wait_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

LabApp *
lab_app_new (GDBusConnection *connection,
             const char      *root_path)
{
  LabApp *app = g_new0 (LabApp, 1);

  app->connection = g_object_ref (connection);
  app->root = g_strdup (root_path);
  app->objects = g_ptr_array_new_with_free_func (lab_app_object_free);
  app->root_id = g_dbus_connection_register_object (
      connection, root_path,
      g_dbus_node_info_lookup_interface (interfaces (), "org.freedesktop.DBus.ObjectManager"),
      &object_manager_vtable, app, NULL, NULL);
  g_assert (app->root_id);

  return app;
}

void
lab_app_free (LabApp *app)
{
  if (!app)
    return;

  for (guint i = 0; i < app->objects->len; i++)
    {
      LabAppObject *object = g_ptr_array_index (app->objects, i);

      g_dbus_connection_unregister_object (app->connection, object->id);
    }
  g_dbus_connection_unregister_object (app->connection, app->root_id);
  g_ptr_array_unref (app->objects);
  g_object_unref (app->connection);
  g_free (app->root);
  g_free (app);
}

gboolean
lab_app_add_object (LabApp                      *app,
                    const char                  *path,
                    const char                  *interface,
                    const GDBusInterfaceVTable  *vtable,
                    gpointer                     user_data,
                    GError                     **error)
{
  LabAppObject *object;
  GDBusInterfaceInfo *info = lab_interface_info (interface);

  g_return_val_if_fail (info != NULL, FALSE);

  object = g_new0 (LabAppObject, 1);
  object->path = g_strdup (path);
  object->info = info;
  object->vtable = vtable;
  object->user_data = user_data;
  object->id = g_dbus_connection_register_object (app->connection, path, info,
                                                  vtable, user_data, NULL, error);
  if (!object->id)
    {
      lab_app_object_free (object);
      return FALSE;
    }

  g_ptr_array_add (app->objects, object);
  return TRUE;
}

GDBusInterfaceInfo *
lab_interface_info (const char *interface)
{
  return g_dbus_node_info_lookup_interface (interfaces (), interface);
}

GVariant *
lab_call (GDBusConnection     *connection,
          const char          *destination,
          const char          *path,
          const char          *interface,
          const char          *method,
          GVariant            *parameters,
          const GVariantType  *reply_type,
          int                  timeout_ms,
          GError             **error)
{
  CallData data = { 0 };

  g_dbus_connection_call (connection, destination, path, interface, method,
                          parameters, reply_type, G_DBUS_CALL_FLAGS_NONE,
                          timeout_ms, NULL, call_done_cb, &data);
  while (!data.done)
    g_main_context_iteration (NULL, TRUE);

  if (data.error)
    {
      g_propagate_error (error, data.error);
      return NULL;
    }

  return data.reply;
}

gboolean
lab_wait_for (gboolean *flag,
              guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, wait_timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return *flag;
}

GVariant *
lab_bytes_variant (const guint8 *data,
                   gsize         len)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, len, 1);
}

gboolean
lab_hex_decode (const char *hex,
                guint8     *out,
                gsize       len)
{
  if (!hex || strlen (hex) != len * 2)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = (guint8) (hi << 4 | lo);
    }

  return TRUE;
}

char *
lab_hex_encode (const guint8 *data,
                gsize         len)
{
  GString *text = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (text, "%02x", data[i]);

  return g_string_free (text, FALSE);
}

void
lab_uuid_generate (guint8 uuid[16])
{
  for (int i = 0; i < 16; i += 4)
    {
      guint32 r = g_random_int ();

      memcpy (uuid + i, &r, 4);
    }

  /* RFC 4122 version 4: meshd refuses UUIDs without version and variant. */
  uuid[6] = (uuid[6] & 0x0f) | 0x40;
  uuid[8] = (uuid[8] & 0x3f) | 0x80;
}
