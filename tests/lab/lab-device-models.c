/* lab-device-models.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The device's elements and their models: the Generic OnOff and Level
 * Servers and the vendor model, the messages they answer and the
 * publications meshd holds for them. */

#include "config.h"

#include "lab-device-private.h"

#include "lab-app.h"
#include "lab-msg.h"

#include <json-glib/json-glib.h>

#define TID_WINDOW_US (6 * G_USEC_PER_SEC)

typedef struct {
  guint8 tid;
  gint64 when;
} TidEntry;

char *
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

void
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

const GDBusInterfaceVTable element_vtable = {
  .method_call = element_method_cb,
  .get_property = element_get_property_cb,
};

