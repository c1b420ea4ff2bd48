/* lab-device.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* mesh-lab-device: a simulated mesh product for the mesh lab. It is a mesh
 * application of its own bluetooth-meshd (found on the bus by the daemon's
 * PID): it calls Network1.Join and waits to be provisioned, then attaches
 * with its token and serves
 *
 *   element 0: Generic OnOff Server, Generic Level Server, vendor model
 *              (company --cid, model 0x0001: Echo 0x01 → Echo Status 0x02)
 *   element 1: Generic OnOff Server
 *
 * It answers Get, Set and (silently) Set Unacknowledged, and publishes its
 * status on a change when meshd has a publication for the model. mesh-lab
 * starts one per virtual device; the lab reads and drives it through
 * io.github.meshprovisioner.MeshLabDevice1 on the device bus, under the
 * well-known name given with --name, which it takes once it is ready. Its
 * token and states are kept in --state so that it comes back provisioned. */

#include "config.h"

#include "lab-app.h"
#include "lab-msg.h"

#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define APP_ROOT    "/lab/device"
#define APP_PATH    APP_ROOT "/app"
#define AGENT_PATH  APP_ROOT "/agent"
#define ELEMENT_PATH_FMT APP_ROOT "/ele%u"
#define N_ELEMENTS  2
#define LAB_DEVICE_PATH  "/io/github/meshprovisioner/MeshLabDevice"
#define LAB_DEVICE_IFACE "io.github.meshprovisioner.MeshLabDevice1"
#define CALL_TIMEOUT_MS 30000
#define TID_WINDOW_US (6 * G_USEC_PER_SEC)
#define JOIN_RETRY_MS 250

static const char lab_device_xml[] =
  "<node>"
  "  <interface name='" LAB_DEVICE_IFACE "'>"
  "    <method name='GetState'><arg name='state' type='a{sv}' direction='out'/></method>"
  "    <method name='ProvideInput'><arg name='number' type='u' direction='in'/></method>"
  "    <signal name='StateChanged'><arg name='state' type='a{sv}'/></signal>"
  "  </interface>"
  "</node>";

typedef enum {
  OOB_NONE,
  OOB_STATIC,
  OOB_OUTPUT_NUMERIC,
  OOB_INPUT_NUMERIC,
} OobMode;

typedef struct {
  guint8 tid;
  gint64 when;
} TidEntry;

typedef struct {
  GMainLoop *loop;
  GDBusConnection *bus;
  LabApp *app;
  GDBusNodeInfo *lab_info;
  guint lab_id;
  guint name_id;
  guint daemon_watch;
  int exit_status;

  /* options */
  guint daemon_pid;
  char *name;
  char *state_path;
  char *storage;
  OobMode oob;
  guint8 static_key[16];
  guint16 cid;
  guint16 pid;
  guint16 vid;

  char *daemon;
  guint8 uuid[16];
  gboolean has_uuid;
  gboolean has_token;
  guint64 token;
  gboolean joining;
  gboolean attached;
  char *node_path;
  guint16 unicast;
  guint join_attempts;
  char *last_failure;
  gboolean displayed_set;
  guint32 displayed;
  GDBusMethodInvocation *pending_input;
  guint messages;

  gboolean onoff[N_ELEMENTS];
  gint16 level;
  gboolean onoff_publication[N_ELEMENTS];
  gboolean level_publication;
  gboolean vendor_publication;

  GHashTable *tids; /* "src/element/model" → TidEntry */
} Device;

static void attach (Device *device);
static void join (Device *device);
static gboolean join_again_cb (gpointer user_data);

static const char *
oob_name (OobMode oob)
{
  switch (oob)
    {
    case OOB_STATIC:
      return "static";
    case OOB_OUTPUT_NUMERIC:
      return "output-numeric";
    case OOB_INPUT_NUMERIC:
      return "input-numeric";
    case OOB_NONE:
    default:
      return "none";
    }
}

static char *
element_path (guint index)
{
  return g_strdup_printf (ELEMENT_PATH_FMT, index);
}

static int
element_index (const char *path)
{
  for (guint i = 0; i < N_ELEMENTS; i++)
    {
      g_autofree char *candidate = element_path (i);

      if (g_str_equal (candidate, path))
        return i;
    }

  return -1;
}

static GVariant *
bool_array (const gboolean *values,
            guint           n)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("ab"));
  for (guint i = 0; i < n; i++)
    g_variant_builder_add (&builder, "b", values[i]);

  return g_variant_builder_end (&builder);
}

static GVariant *
device_state (Device *device)
{
  GVariantBuilder builder;
  g_autofree char *uuid = lab_hex_encode (device->uuid, 16);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&builder, "{sv}", "Uuid", lab_bytes_variant (device->uuid, 16));
  g_variant_builder_add (&builder, "{sv}", "UuidString", g_variant_new_string (uuid));
  g_variant_builder_add (&builder, "{sv}", "Oob", g_variant_new_string (oob_name (device->oob)));
  g_variant_builder_add (&builder, "{sv}", "StaticKey",
                         lab_bytes_variant (device->static_key,
                                            device->oob == OOB_STATIC ? 16 : 0));
  g_variant_builder_add (&builder, "{sv}", "CompanyId", g_variant_new_uint16 (device->cid));
  g_variant_builder_add (&builder, "{sv}", "ProductId", g_variant_new_uint16 (device->pid));
  g_variant_builder_add (&builder, "{sv}", "VersionId", g_variant_new_uint16 (device->vid));
  g_variant_builder_add (&builder, "{sv}", "Provisioned", g_variant_new_boolean (device->has_token));
  g_variant_builder_add (&builder, "{sv}", "Attached", g_variant_new_boolean (device->attached));
  g_variant_builder_add (&builder, "{sv}", "Joining", g_variant_new_boolean (device->joining));
  g_variant_builder_add (&builder, "{sv}", "Token", g_variant_new_uint64 (device->has_token ? device->token : 0));
  g_variant_builder_add (&builder, "{sv}", "Unicast", g_variant_new_uint16 (device->unicast));
  g_variant_builder_add (&builder, "{sv}", "JoinAttempts", g_variant_new_uint32 (device->join_attempts));
  g_variant_builder_add (&builder, "{sv}", "LastJoinFailure",
                         g_variant_new_string (device->last_failure ? device->last_failure : ""));
  g_variant_builder_add (&builder, "{sv}", "OnOff", bool_array (device->onoff, N_ELEMENTS));
  g_variant_builder_add (&builder, "{sv}", "Level", g_variant_new_int16 (device->level));
  g_variant_builder_add (&builder, "{sv}", "OnOffPublication",
                         bool_array (device->onoff_publication, N_ELEMENTS));
  g_variant_builder_add (&builder, "{sv}", "LevelPublication", g_variant_new_boolean (device->level_publication));
  g_variant_builder_add (&builder, "{sv}", "VendorPublication", g_variant_new_boolean (device->vendor_publication));
  g_variant_builder_add (&builder, "{sv}", "DisplayedNumber",
                         g_variant_new_uint32 (device->displayed_set ? device->displayed : 0));
  g_variant_builder_add (&builder, "{sv}", "InputPending", g_variant_new_boolean (device->pending_input != NULL));
  g_variant_builder_add (&builder, "{sv}", "MessagesReceived", g_variant_new_uint32 (device->messages));
  g_variant_builder_add (&builder, "{sv}", "Pid", g_variant_new_uint32 (getpid ()));
  g_variant_builder_add (&builder, "{sv}", "DaemonPid", g_variant_new_uint32 (device->daemon_pid));

  return g_variant_builder_end (&builder);
}

static void
save_state (Device *device)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *uuid = lab_hex_encode (device->uuid, 16);
  g_autoptr(GError) error = NULL;

  if (!device->state_path)
    return;

  g_key_file_set_string (file, "device", "uuid", uuid);
  if (device->has_token)
    {
      g_autofree char *token = g_strdup_printf ("%" G_GUINT64_FORMAT, device->token);

      g_key_file_set_string (file, "device", "token", token);
    }
  g_key_file_set_boolean (file, "device", "onoff0", device->onoff[0]);
  g_key_file_set_boolean (file, "device", "onoff1", device->onoff[1]);
  g_key_file_set_integer (file, "device", "level", device->level);

  if (!g_key_file_save_to_file (file, device->state_path, &error))
    g_warning ("Cannot save the device state: %s", error->message);
}

static void
load_state (Device *device)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *uuid = NULL;
  g_autofree char *token = NULL;

  if (!device->state_path || !g_key_file_load_from_file (file, device->state_path, 0, NULL))
    return;

  uuid = g_key_file_get_string (file, "device", "uuid", NULL);
  if (uuid)
    device->has_uuid = lab_hex_decode (uuid, device->uuid, 16);
  token = g_key_file_get_string (file, "device", "token", NULL);
  if (token)
    {
      device->token = g_ascii_strtoull (token, NULL, 10);
      device->has_token = TRUE;
    }
  device->onoff[0] = g_key_file_get_boolean (file, "device", "onoff0", NULL);
  device->onoff[1] = g_key_file_get_boolean (file, "device", "onoff1", NULL);
  device->level = (gint16) g_key_file_get_integer (file, "device", "level", NULL);
}

static void
state_changed (Device *device)
{
  save_state (device);
  g_dbus_connection_emit_signal (device->bus, NULL, LAB_DEVICE_PATH, LAB_DEVICE_IFACE,
                                 "StateChanged",
                                 g_variant_new ("(@a{sv})", device_state (device)), NULL);
}

static void
log_call_error_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (!reply)
    g_message ("%s failed: %s", (const char *) user_data, error->message);
}

static void
send_message (Device   *device,
              guint     element,
              guint16   destination,
              guint16   key_index,
              GBytes   *message)
{
  g_autofree char *path = element_path (element);
  GVariantBuilder options;

  if (!device->node_path)
    return;

  g_variant_builder_init (&options, G_VARIANT_TYPE ("a{sv}"));
  g_dbus_connection_call (device->bus, device->daemon, device->node_path,
                          LAB_MESH_NODE_IFACE, "Send",
                          g_variant_new ("(oqqa{sv}@ay)", path, destination, key_index,
                                         &options,
                                         lab_bytes_variant (g_bytes_get_data (message, NULL),
                                                            g_bytes_get_size (message))),
                          NULL, G_DBUS_CALL_FLAGS_NONE, CALL_TIMEOUT_MS, NULL,
                          log_call_error_cb, (gpointer) "Send");
}

static void
publish_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_autofree char *remote = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply)
    return;

  /* DoesNotExist: no publication for the model, so nothing to do. */
  remote = g_dbus_error_get_remote_error (error);
  if (!g_str_has_suffix (remote ? remote : "", "DoesNotExist"))
    g_message ("Publish failed: %s", error->message);
}

static void
publish (Device   *device,
         guint     element,
         guint16   model,
         gboolean  has_publication,
         GBytes   *message)
{
  g_autofree char *path = element_path (element);
  GVariantBuilder options;

  if (!device->node_path || !has_publication)
    return;

  g_variant_builder_init (&options, G_VARIANT_TYPE ("a{sv}"));
  g_dbus_connection_call (device->bus, device->daemon, device->node_path,
                          LAB_MESH_NODE_IFACE, "Publish",
                          g_variant_new ("(oqa{sv}@ay)", path, model, &options,
                                         lab_bytes_variant (g_bytes_get_data (message, NULL),
                                                            g_bytes_get_size (message))),
                          NULL, G_DBUS_CALL_FLAGS_NONE, CALL_TIMEOUT_MS, NULL,
                          publish_cb, device);
}

static GBytes *
onoff_status (Device *device,
              guint   element)
{
  guint8 value = device->onoff[element];

  return lab_msg_new (LAB_OP_ONOFF_STATUS, &value, 1);
}

static GBytes *
level_status (Device *device)
{
  guint8 value[2] = { (guint16) device->level & 0xFF, (guint16) device->level >> 8 };

  return lab_msg_new (LAB_OP_LEVEL_STATUS, value, 2);
}

/* TRUE when this (source, element, model, TID) was seen within 6 seconds:
 * a retransmission that must not be applied twice (Mesh Model spec 3.3.2.2.3). */
static gboolean
is_retransmission (Device  *device,
                   guint16  source,
                   guint    element,
                   guint16  model,
                   guint8   tid)
{
  g_autofree char *key = g_strdup_printf ("%04x/%u/%04x", source, element, model);
  gint64 now = g_get_monotonic_time ();
  TidEntry *entry = g_hash_table_lookup (device->tids, key);

  if (entry && entry->tid == tid && now - entry->when < TID_WINDOW_US)
    return TRUE;

  if (!entry)
    {
      entry = g_new0 (TidEntry, 1);
      g_hash_table_insert (device->tids, g_steal_pointer (&key), entry);
    }
  entry->tid = tid;
  entry->when = now;

  return FALSE;
}

static void
set_onoff (Device   *device,
           guint     element,
           gboolean  value)
{
  g_autoptr(GBytes) status = NULL;

  if (device->onoff[element] == value)
    return;

  device->onoff[element] = value;
  state_changed (device);
  status = onoff_status (device, element);
  publish (device, element, LAB_MODEL_ONOFF_SERVER, device->onoff_publication[element], status);
}

static void
set_level (Device *device,
           gint32  value)
{
  g_autoptr(GBytes) status = NULL;

  value = CLAMP (value, G_MININT16, G_MAXINT16);
  if (device->level == value)
    return;

  device->level = (gint16) value;
  state_changed (device);
  status = level_status (device);
  publish (device, 0, LAB_MODEL_LEVEL_SERVER, device->level_publication, status);
}

static void
handle_onoff (Device       *device,
              guint         element,
              guint16       source,
              guint16       key_index,
              guint32       opcode,
              const guint8 *params,
              gsize         len)
{
  g_autoptr(GBytes) status = NULL;

  switch (opcode)
    {
    case LAB_OP_ONOFF_GET:
      if (len != 0)
        return;
      break;

    case LAB_OP_ONOFF_SET:
    case LAB_OP_ONOFF_SET_UNACK:
      /* OnOff, TID, optional transition time and delay; OnOff > 1 is prohibited */
      if ((len != 2 && len != 4) || params[0] > 1)
        return;
      if (!is_retransmission (device, source, element, LAB_MODEL_ONOFF_SERVER, params[1]))
        set_onoff (device, element, params[0]);
      if (opcode == LAB_OP_ONOFF_SET_UNACK)
        return;
      break;

    default:
      return;
    }

  status = onoff_status (device, element);
  send_message (device, element, source, key_index, status);
}

static void
handle_level (Device       *device,
              guint16       source,
              guint16       key_index,
              guint32       opcode,
              const guint8 *params,
              gsize         len)
{
  g_autoptr(GBytes) status = NULL;

  switch (opcode)
    {
    case LAB_OP_LEVEL_GET:
      if (len != 0)
        return;
      break;

    case LAB_OP_LEVEL_SET:
    case LAB_OP_LEVEL_SET_UNACK:
      /* Level (int16), TID, optional transition time and delay */
      if (len != 3 && len != 5)
        return;
      if (!is_retransmission (device, source, 0, LAB_MODEL_LEVEL_SERVER, params[2]))
        set_level (device, (gint16) (params[0] | params[1] << 8));
      if (opcode == LAB_OP_LEVEL_SET_UNACK)
        return;
      break;

    case LAB_OP_LEVEL_DELTA_SET:
    case LAB_OP_LEVEL_DELTA_SET_UNACK:
      /* Delta (int32), TID, optional transition time and delay */
      if (len != 5 && len != 7)
        return;
      if (!is_retransmission (device, source, 0, LAB_MODEL_LEVEL_SERVER, params[4]))
        set_level (device, device->level + (gint32) ((guint32) params[0] | (guint32) params[1] << 8
                                                     | (guint32) params[2] << 16
                                                     | (guint32) params[3] << 24));
      if (opcode == LAB_OP_LEVEL_DELTA_SET_UNACK)
        return;
      break;

    default:
      return;
    }

  status = level_status (device);
  send_message (device, 0, source, key_index, status);
}

static void
handle_message (Device       *device,
                guint         element,
                guint16       source,
                guint16       key_index,
                const guint8 *data,
                gsize         len)
{
  guint32 opcode;
  gsize opcode_len;

  if (!lab_msg_get_opcode (data, len, &opcode, &opcode_len))
    return;

  device->messages++;

  if (opcode >= LAB_OP_ONOFF_GET && opcode <= LAB_OP_ONOFF_SET_UNACK)
    handle_onoff (device, element, source, key_index, opcode,
                  data + opcode_len, len - opcode_len);
  else if (element == 0 && opcode >= LAB_OP_LEVEL_GET && opcode <= LAB_OP_LEVEL_DELTA_SET_UNACK
           && opcode != LAB_OP_LEVEL_STATUS)
    handle_level (device, source, key_index, opcode, data + opcode_len, len - opcode_len);
  else if (element == 0 && opcode == lab_vendor_opcode (LAB_VENDOR_OP_ECHO, device->cid))
    {
      g_autoptr(GBytes) reply = lab_msg_new (lab_vendor_opcode (LAB_VENDOR_OP_ECHO_STATUS, device->cid),
                                             data + opcode_len, len - opcode_len);

      send_message (device, 0, source, key_index, reply);
    }
}

/* meshd tells a removed publication and one with period 0 apart only in its
 * node configuration file, so that is where the answer is read. */
static gboolean
publication_in_storage (Device *device,
                        guint   element,
                        guint32 model_key)
{
  g_autofree char *uuid = lab_hex_encode (device->uuid, 16);
  g_autofree char *path = g_build_filename (device->storage ? device->storage : ".",
                                            uuid, "node.json", NULL);
  g_autofree char *model_id = model_key > 0xFFFF ? g_strdup_printf ("%08x", model_key)
                                                 : g_strdup_printf ("%04x", model_key);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *elements;

  if (!json_parser_load_from_file (parser, path, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;

  root = json_node_get_object (json_parser_get_root (parser));
  elements = json_object_get_array_member (root, "elements");
  for (guint i = 0; elements && i < json_array_get_length (elements); i++)
    {
      JsonObject *ele = json_array_get_object_element (elements, i);
      JsonArray *models;

      if (!ele || json_object_get_int_member_with_default (ele, "elementIndex", -1) != element)
        continue;

      models = json_object_get_array_member (ele, "models");
      for (guint j = 0; models && j < json_array_get_length (models); j++)
        {
          JsonObject *mod = json_array_get_object_element (models, j);

          if (mod && g_ascii_strcasecmp (json_object_get_string_member_with_default (mod, "modelId", ""),
                                         model_id) == 0)
            return json_object_has_member (mod, "publish");
        }
    }

  return FALSE;
}

static void
set_publication (Device   *device,
                 guint     element,
                 guint16   model,
                 gboolean  vendor,
                 gboolean  value)
{
  if (vendor)
    device->vendor_publication = value;
  else if (model == LAB_MODEL_ONOFF_SERVER)
    device->onoff_publication[element] = value;
  else if (model == LAB_MODEL_LEVEL_SERVER)
    device->level_publication = value;
}

static void
update_model_config (Device   *device,
                     guint     element,
                     guint16   model,
                     GVariant *config,
                     gboolean  from_attach)
{
  guint16 vendor = 0;
  gboolean is_vendor = g_variant_lookup (config, "Vendor", "q", &vendor);
  guint32 period;

  if (!g_variant_lookup (config, "PublicationPeriod", "u", &period))
    {
      /* Attach lists a publication's period whenever it has one. */
      if (from_attach)
        set_publication (device, element, model, is_vendor, FALSE);
      return;
    }

  if (from_attach || period > 0)
    set_publication (device, element, model, is_vendor, TRUE);
  else
    set_publication (device, element, model, is_vendor,
                     publication_in_storage (device, element,
                                             is_vendor ? (guint32) vendor << 16 | model : model));
}

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
  Device *device = user_data;
  int element = element_index (path);

  if (g_str_equal (method, "MessageReceived") && element >= 0)
    {
      guint16 source, key_index;
      g_autoptr(GVariant) destination = NULL;
      g_autoptr(GVariant) data = NULL;
      gsize len;
      const guint8 *bytes;

      g_variant_get (parameters, "(qqv@ay)", &source, &key_index, &destination, &data);
      bytes = g_variant_get_fixed_array (data, &len, 1);
      handle_message (device, element, source, key_index, bytes, len);
    }
  else if (g_str_equal (method, "UpdateModelConfiguration") && element >= 0)
    {
      guint16 model;
      g_autoptr(GVariant) config = NULL;

      g_variant_get (parameters, "(q@a{sv})", &model, &config);
      update_model_config (device, element, model, config, FALSE);
      state_changed (device);
    }

  /* DevKeyMessageReceived: configuration is meshd's own business. */
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
  Device *device = user_data;
  int element = element_index (path);
  GVariantBuilder builder;

  if (g_str_equal (property, "Index"))
    return g_variant_new_byte (element);

  if (g_str_equal (property, "Models"))
    {
      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(qa{sv})"));
      g_variant_builder_add (&builder, "(q@a{sv})", LAB_MODEL_ONOFF_SERVER,
                             g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
      if (element == 0)
        g_variant_builder_add (&builder, "(q@a{sv})", LAB_MODEL_LEVEL_SERVER,
                               g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
      return g_variant_builder_end (&builder);
    }

  if (g_str_equal (property, "VendorModels"))
    {
      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(qqa{sv})"));
      if (element == 0)
        g_variant_builder_add (&builder, "(qq@a{sv})", device->cid, LAB_VENDOR_MODEL_ID,
                               g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
      return g_variant_builder_end (&builder);
    }

  return NULL;
}

static const GDBusInterfaceVTable element_vtable = {
  .method_call = element_method_cb,
  .get_property = element_get_property_cb,
};

static gboolean
attach_idle_cb (gpointer user_data)
{
  attach (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
join_again_cb (gpointer user_data)
{
  join (user_data);
  return G_SOURCE_REMOVE;
}

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
  Device *device = user_data;

  if (g_str_equal (method, "JoinComplete"))
    {
      g_variant_get (parameters, "(t)", &device->token);
      device->has_token = TRUE;
      device->joining = FALSE;
      save_state (device);
      g_dbus_method_invocation_return_value (invocation, NULL);
      /* meshd keeps the new node only once this call has returned. */
      g_idle_add (attach_idle_cb, device);
      state_changed (device);
      return;
    }

  if (g_str_equal (method, "JoinFailed"))
    {
      g_clear_pointer (&device->last_failure, g_free);
      g_variant_get (parameters, "(s)", &device->last_failure);
      g_message ("Provisioning failed: %s", device->last_failure);
      device->joining = FALSE;
      g_dbus_method_invocation_return_value (invocation, NULL);
      state_changed (device);
      /* Like a product: wait to be provisioned again. */
      g_timeout_add (JOIN_RETRY_MS, join_again_cb, device);
      return;
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
  Device *device = user_data;

  if (g_str_equal (property, "CompanyID"))
    return g_variant_new_uint16 (device->cid);
  if (g_str_equal (property, "ProductID"))
    return g_variant_new_uint16 (device->pid);
  if (g_str_equal (property, "VersionID"))
    return g_variant_new_uint16 (device->vid);
  if (g_str_equal (property, "CRPL"))
    return g_variant_new_uint16 (100);

  return NULL;
}

static const GDBusInterfaceVTable application_vtable = {
  .method_call = application_method_cb,
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
  Device *device = user_data;

  if (g_str_equal (method, "PromptStatic") && device->oob == OOB_STATIC)
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(@ay)", lab_bytes_variant (device->static_key, 16)));
      return;
    }

  if (g_str_equal (method, "DisplayNumeric"))
    {
      const char *type;

      g_variant_get (parameters, "(&su)", &type, &device->displayed);
      device->displayed_set = TRUE;
      g_dbus_method_invocation_return_value (invocation, NULL);
      state_changed (device);
      return;
    }

  if (g_str_equal (method, "DisplayString"))
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
      return;
    }

  if (g_str_equal (method, "PromptNumeric") && device->oob == OOB_INPUT_NUMERIC)
    {
      /* Answered when the lab passes the number in (ProvideInput). */
      if (device->pending_input)
        g_dbus_method_invocation_return_dbus_error (g_steal_pointer (&device->pending_input),
                                                    "org.bluez.mesh.Error.Canceled",
                                                    "Canceled");
      device->pending_input = invocation;
      state_changed (device);
      return;
    }

  if (g_str_equal (method, "Cancel"))
    {
      if (device->pending_input)
        g_dbus_method_invocation_return_dbus_error (g_steal_pointer (&device->pending_input),
                                                    "org.bluez.mesh.Error.Canceled",
                                                    "Canceled");
      device->displayed_set = FALSE;
      g_dbus_method_invocation_return_value (invocation, NULL);
      state_changed (device);
      return;
    }

  g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.mesh.Error.NotSupported",
                                              "This device does not support that");
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
  Device *device = user_data;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("as"));

  if (g_str_equal (property, "Capabilities"))
    {
      if (device->oob == OOB_STATIC)
        g_variant_builder_add (&builder, "s", "static-oob");
      else if (device->oob == OOB_OUTPUT_NUMERIC)
        g_variant_builder_add (&builder, "s", "out-numeric");
      else if (device->oob == OOB_INPUT_NUMERIC)
        g_variant_builder_add (&builder, "s", "in-numeric");
      return g_variant_builder_end (&builder);
    }

  if (g_str_equal (property, "OutOfBandInfo"))
    {
      /* The static value is printed on the box, as products do. */
      if (device->oob == OOB_STATIC)
        g_variant_builder_add (&builder, "s", "on-box");
      return g_variant_builder_end (&builder);
    }

  g_variant_builder_clear (&builder);
  return NULL;
}

static const GDBusInterfaceVTable agent_vtable = {
  .method_call = agent_method_cb,
  .get_property = agent_get_property_cb,
};

static void
lab_method_cb (GDBusConnection       *connection,
               const char            *sender,
               const char            *path,
               const char            *interface,
               const char            *method,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               user_data)
{
  Device *device = user_data;

  if (g_str_equal (method, "GetState"))
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(@a{sv})", device_state (device)));
      return;
    }

  if (g_str_equal (method, "ProvideInput"))
    {
      guint32 number;

      g_variant_get (parameters, "(u)", &number);
      if (!device->pending_input)
        {
          g_dbus_method_invocation_return_dbus_error (invocation,
                                                      "io.github.meshprovisioner.MeshLab.Error.NotPending",
                                                      "The device is not asking for input");
          return;
        }
      g_dbus_method_invocation_return_value (g_steal_pointer (&device->pending_input),
                                             g_variant_new ("(u)", number));
      g_dbus_method_invocation_return_value (invocation, NULL);
      state_changed (device);
    }
}

static const GDBusInterfaceVTable lab_vtable = {
  .method_call = lab_method_cb,
};

static void
read_node_address_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Device *device = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  gsize n = 0;
  const guint16 *addresses;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (!reply)
    {
      g_message ("Cannot read the node's addresses: %s", error->message);
      return;
    }

  g_variant_get (reply, "(v)", &value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE ("aq")))
    {
      addresses = g_variant_get_fixed_array (value, &n, sizeof (guint16));
      if (n > 0)
        device->unicast = addresses[0];
    }
  state_changed (device);
}

static void
apply_attach_config (Device   *device,
                     GVariant *config)
{
  GVariantIter elements;
  guint8 index;
  GVariantIter *models;

  memset (device->onoff_publication, 0, sizeof device->onoff_publication);
  device->level_publication = device->vendor_publication = FALSE;

  g_variant_iter_init (&elements, config);
  while (g_variant_iter_next (&elements, "(ya(qa{sv}))", &index, &models))
    {
      guint16 model;
      GVariant *model_config;

      while (g_variant_iter_next (models, "(q@a{sv})", &model, &model_config))
        {
          if (index < N_ELEMENTS)
            update_model_config (device, index, model, model_config, TRUE);
          g_variant_unref (model_config);
        }
      g_variant_iter_free (models);
    }
}

static void
attach_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Device *device = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) config = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (!reply)
    {
      g_autofree char *remote = g_dbus_error_get_remote_error (error);

      g_message ("Attach failed: %s", error->message);
      if (g_strcmp0 (remote, "org.bluez.mesh.Error.NotFound") == 0)
        {
          /* The node is gone (reset): back to being unprovisioned. */
          device->has_token = FALSE;
          save_state (device);
          join (device);
        }
      return;
    }

  g_clear_pointer (&device->node_path, g_free);
  g_variant_get (reply, "(o@a(ya(qa{sv})))", &device->node_path, &config);
  apply_attach_config (device, config);
  device->attached = TRUE;
  state_changed (device);

  g_dbus_connection_call (device->bus, device->daemon, device->node_path,
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", LAB_MESH_NODE_IFACE, "Addresses"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, CALL_TIMEOUT_MS,
                          NULL, read_node_address_cb, device);
}

static void
attach (Device *device)
{
  g_dbus_connection_call (device->bus, device->daemon, LAB_MESH_PATH,
                          LAB_MESH_NETWORK_IFACE, "Attach",
                          g_variant_new ("(ot)", APP_ROOT, device->token),
                          G_VARIANT_TYPE ("(oa(ya(qa{sv})))"), G_DBUS_CALL_FLAGS_NONE,
                          CALL_TIMEOUT_MS, NULL, attach_cb, device);
}

static void
join_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Device *device = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (!reply)
    {
      /* After a failed provisioning meshd keeps the link for 5 seconds
       * and refuses a new Join meanwhile ("Failed to start provisioning
       * acceptor"): try again a little later. */
      g_message ("Join failed, trying again: %s", error->message);
      g_timeout_add (JOIN_RETRY_MS, join_again_cb, device);
      return;
    }

  /* Counted once meshd accepted it: each one is a wait to be provisioned. */
  device->join_attempts++;
  device->joining = TRUE;
  state_changed (device);
}

static void
join (Device *device)
{
  g_dbus_connection_call (device->bus, device->daemon, LAB_MESH_PATH,
                          LAB_MESH_NETWORK_IFACE, "Join",
                          g_variant_new ("(o@ay)", APP_ROOT, lab_bytes_variant (device->uuid, 16)),
                          NULL, G_DBUS_CALL_FLAGS_NONE, CALL_TIMEOUT_MS, NULL,
                          join_cb, device);
}

/* The unique name of the bluetooth-meshd with the given PID. */
static char *
find_daemon (Device  *device,
             GError **error)
{
  g_autoptr(GHashTable) checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GVariant) names = NULL;
      g_autoptr(GVariantIter) iter = NULL;
      const char *name;
      gboolean never = FALSE;

      names = lab_call (device->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                        "org.freedesktop.DBus", "ListNames", NULL, G_VARIANT_TYPE ("(as)"),
                        CALL_TIMEOUT_MS, error);
      if (!names)
        return NULL;

      g_variant_get (names, "(as)", &iter);
      while (g_variant_iter_next (iter, "&s", &name))
        {
          g_autoptr(GVariant) pid = NULL;
          guint32 value;

          if (name[0] != ':' || g_hash_table_contains (checked, name))
            continue;
          g_hash_table_add (checked, g_strdup (name));

          pid = lab_call (device->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                          g_variant_new ("(s)", name), G_VARIANT_TYPE ("(u)"),
                          CALL_TIMEOUT_MS, NULL);
          if (!pid)
            continue;
          g_variant_get (pid, "(u)", &value);
          if (value == device->daemon_pid)
            return g_strdup (name);
        }

      lab_wait_for (&never, 10);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
               "bluetooth-meshd (PID %u) did not come onto the bus", device->daemon_pid);
  return NULL;
}

/* Join or Attach once meshd has its Network1 object up. */
static gboolean
start_network (Device  *device,
               GError **error)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (TRUE)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GVariant) reply = NULL;
      g_autofree char *remote = NULL;
      gboolean never = FALSE;

      if (device->has_token)
        reply = lab_call (device->bus, device->daemon, LAB_MESH_PATH, LAB_MESH_NETWORK_IFACE,
                          "Attach", g_variant_new ("(ot)", APP_ROOT, device->token),
                          G_VARIANT_TYPE ("(oa(ya(qa{sv})))"), CALL_TIMEOUT_MS, &local_error);
      else
        {
          reply = lab_call (device->bus, device->daemon, LAB_MESH_PATH, LAB_MESH_NETWORK_IFACE,
                            "Join", g_variant_new ("(o@ay)", APP_ROOT,
                                                   lab_bytes_variant (device->uuid, 16)),
                            NULL, CALL_TIMEOUT_MS, &local_error);
        }

      if (reply)
        {
          if (device->has_token)
            {
              g_autoptr(GVariant) config = NULL;

              g_variant_get (reply, "(o@a(ya(qa{sv})))", &device->node_path, &config);
              apply_attach_config (device, config);
              device->attached = TRUE;
              g_dbus_connection_call (device->bus, device->daemon, device->node_path,
                                      "org.freedesktop.DBus.Properties", "Get",
                                      g_variant_new ("(ss)", LAB_MESH_NODE_IFACE, "Addresses"),
                                      G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE,
                                      CALL_TIMEOUT_MS, NULL, read_node_address_cb, device);
            }
          else
            {
              device->join_attempts++;
              device->joining = TRUE;
            }
          return TRUE;
        }

      remote = g_dbus_error_get_remote_error (local_error);
      if (device->has_token && g_strcmp0 (remote, "org.bluez.mesh.Error.NotFound") == 0)
        {
          g_message ("The node of token %016" G_GINT64_MODIFIER "x is gone: joining again",
                     device->token);
          device->has_token = FALSE;
          save_state (device);
          continue;
        }

      /* Before meshd's objects exist the call finds nothing to run; other
       * errors are worth a log line, and another try. */
      if (g_get_monotonic_time () >= deadline
          || g_strcmp0 (remote, "org.bluez.mesh.Error.InvalidArgs") == 0
          || g_strcmp0 (remote, "org.bluez.mesh.Error.AlreadyExists") == 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!(g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT)
            || g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD)
            || g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_INTERFACE)))
        g_message ("%s failed, trying again: %s", device->has_token ? "Attach" : "Join",
                   local_error->message);

      lab_wait_for (&never, 10);
    }
}

static void
daemon_vanished_cb (GDBusConnection *connection,
                    const char      *name,
                    gpointer         user_data)
{
  Device *device = user_data;

  g_message ("bluetooth-meshd left the bus: stopping");
  device->exit_status = 2;
  g_main_loop_quit (device->loop);
}

static gboolean
quit_cb (gpointer user_data)
{
  Device *device = user_data;

  g_main_loop_quit (device->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_oob (Device     *device,
           const char *value,
           GError    **error)
{
  if (g_str_equal (value, "none"))
    device->oob = OOB_NONE;
  else if (g_str_equal (value, "output") || g_str_equal (value, "output-numeric"))
    device->oob = OOB_OUTPUT_NUMERIC;
  else if (g_str_equal (value, "input") || g_str_equal (value, "input-numeric"))
    device->oob = OOB_INPUT_NUMERIC;
  else if (g_str_has_prefix (value, "static:")
           && lab_hex_decode (value + strlen ("static:"), device->static_key, 16))
    device->oob = OOB_STATIC;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Bad --oob value “%s”: use none, static:<32 hex digits>, output or input",
                   value);
      return FALSE;
    }

  return TRUE;
}

static gboolean
register_objects (Device  *device,
                  GError **error)
{
  device->app = lab_app_new (device->bus, APP_ROOT);

  if (!lab_app_add_object (device->app, APP_PATH, LAB_MESH_APPLICATION_IFACE,
                           &application_vtable, device, error)
      || !lab_app_add_object (device->app, AGENT_PATH, LAB_MESH_PROVISION_AGENT_IFACE,
                              &agent_vtable, device, error))
    return FALSE;

  for (guint i = 0; i < N_ELEMENTS; i++)
    {
      g_autofree char *path = element_path (i);

      if (!lab_app_add_object (device->app, path, LAB_MESH_ELEMENT_IFACE,
                               &element_vtable, device, error))
        return FALSE;
    }

  device->lab_info = g_dbus_node_info_new_for_xml (lab_device_xml, error);
  if (!device->lab_info)
    return FALSE;
  device->lab_id = g_dbus_connection_register_object (device->bus, LAB_DEVICE_PATH,
                                                      device->lab_info->interfaces[0],
                                                      &lab_vtable, device, NULL, error);
  return device->lab_id != 0;
}

int
main (int   argc,
      char *argv[])
{
  Device device = { 0 };
  g_autofree char *bus_address = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *oob = NULL;
  int cid = 0x05F1, pid = 0x0001, vid = 0x0001;
  int daemon_pid = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  GOptionEntry entries[] = {
    { "bus", 0, 0, G_OPTION_ARG_STRING, &bus_address, "Address of the bus meshd is on", "ADDRESS" },
    { "daemon-pid", 0, 0, G_OPTION_ARG_INT, &daemon_pid, "PID of this device's bluetooth-meshd", "PID" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &device.name, "Bus name to take once ready", "NAME" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &device.state_path, "File that keeps token and states", "FILE" },
    { "storage", 0, 0, G_OPTION_ARG_FILENAME, &device.storage, "meshd's storage directory", "DIR" },
    { "uuid", 0, 0, G_OPTION_ARG_STRING, &uuid, "Device UUID (32 hex digits)", "HEX" },
    { "oob", 0, 0, G_OPTION_ARG_STRING, &oob, "none, static:HEX, output or input", "MODE" },
    { "cid", 0, 0, G_OPTION_ARG_INT, &cid, "Company ID", "N" },
    { "pid", 0, 0, G_OPTION_ARG_INT, &pid, "Product ID", "N" },
    { "vid", 0, 0, G_OPTION_ARG_INT, &vid, "Version ID", "N" },
    { NULL }
  };

  context = g_option_context_new ("- a simulated mesh product for the mesh lab");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error)
      || (oob && !parse_oob (&device, oob, &error)))
    {
      g_printerr ("mesh-lab-device: %s\n", error->message);
      return 2;
    }
  if (daemon_pid <= 0)
    {
      g_printerr ("mesh-lab-device: --daemon-pid is required\n");
      return 2;
    }

  device.daemon_pid = daemon_pid;
  device.cid = cid;
  device.pid = pid;
  device.vid = vid;
  device.tids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  load_state (&device);
  if (uuid && !device.has_uuid && !lab_hex_decode (uuid, device.uuid, 16))
    {
      g_printerr ("mesh-lab-device: bad --uuid\n");
      return 2;
    }
  if (!uuid && !device.has_uuid)
    lab_uuid_generate (device.uuid);

  if (bus_address)
    device.bus = g_dbus_connection_new_for_address_sync (bus_address,
                                                         G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                         | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                         NULL, NULL, &error);
  else
    device.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (!device.bus)
    {
      g_printerr ("mesh-lab-device: cannot connect to the bus: %s\n", error->message);
      return 1;
    }
  g_dbus_connection_set_exit_on_close (device.bus, FALSE);

  device.loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, &device);
  g_unix_signal_add (SIGINT, quit_cb, &device);

  if (!register_objects (&device, &error)
      || !(device.daemon = find_daemon (&device, &error))
      || !start_network (&device, &error))
    {
      g_printerr ("mesh-lab-device: %s\n", error->message);
      return 1;
    }

  device.daemon_watch = g_bus_watch_name_on_connection (device.bus, device.daemon,
                                                        G_BUS_NAME_WATCHER_FLAGS_NONE, NULL,
                                                        daemon_vanished_cb, &device, NULL);
  save_state (&device);
  if (device.name)
    device.name_id = g_bus_own_name_on_connection (device.bus, device.name,
                                                   G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                                   NULL, NULL, NULL, NULL);

  g_main_loop_run (device.loop);

  if (device.name_id)
    g_bus_unown_name (device.name_id);
  g_bus_unwatch_name (device.daemon_watch);
  g_dbus_connection_unregister_object (device.bus, device.lab_id);
  g_clear_pointer (&device.app, lab_app_free);
  g_dbus_connection_flush_sync (device.bus, NULL, NULL);
  g_clear_object (&device.pending_input);
  g_dbus_node_info_unref (device.lab_info);
  g_hash_table_unref (device.tids);
  g_main_loop_unref (device.loop);
  g_object_unref (device.bus);
  g_free (device.daemon);
  g_free (device.node_path);
  g_free (device.last_failure);
  g_free (device.name);
  g_free (device.state_path);
  g_free (device.storage);

  return device.exit_status;
}
