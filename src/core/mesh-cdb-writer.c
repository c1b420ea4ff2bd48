/* mesh-cdb-writer.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mesh-cdb-private.h"
#include "mesh-cdb-writer.h"

/*
 * The document becomes a json-glib tree (JsonObject and JsonArray, members
 * added in a fixed order, which json-glib keeps) and JsonGenerator writes
 * it, pretty-printed with two spaces: `"key" : value`, one array item per
 * line. The generator escapes control characters, quotes and backslashes,
 * all but U+001F (see escape_unit_separator()).
 */

#define PROGRESS_EVERY 512
#define BIG_NETWORK    1024  /* nodes: a tree to free in a thread of its own */
#define BUILD_SHARE    0.5   /* of the progress: building the tree, then writing it */
#define WRITE_SHARE    0.4

#define SCHEMA_URI  "http://json-schema.org/draft-04/schema#"
#define SCHEMA_ID   "https://www.bluetooth.com/specifications/specs/mesh-cdb-1-0-1-schema.json#"
#define CDB_VERSION "1.0.1"

/* Measured: json-glib writes about 1.7 KiB for a node with one element
 * and three models. */
#define BYTES_PER_NODE 1792

static const char hex_digits[] = "0123456789ABCDEF";

static void
set_string (JsonObject *object,
            const char *name,
            const char *value)
{
  g_autofree char *valid = NULL;

  /* Names come from files and from the database; never write broken UTF-8. */
  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);
  json_object_set_string_member (object, name, value);
}

/* @text: room for 2 * @n_bytes + 1 characters */
static const char *
format_hex (char         *text,
            const guint8 *bytes,
            gsize         n_bytes)
{
  for (gsize i = 0; i < n_bytes; i++)
    {
      text[2 * i] = hex_digits[bytes[i] >> 4];
      text[2 * i + 1] = hex_digits[bytes[i] & 0xF];
    }
  text[2 * n_bytes] = '\0';
  return text;
}

static const char *
format_hex16 (char    *text,
              guint16  value)
{
  guint8 bytes[2] = { value >> 8, value & 0xFF };

  return format_hex (text, bytes, 2);
}

/* @text: room for 33 characters */
static const char *
format_address (char                 *text,
                const MeshCdbAddress *address)
{
  if (address->is_virtual)
    return format_hex (text, address->label, MESH_CDB_UUID_SIZE);
  return format_hex16 (text, address->value);
}

static void
set_hex16 (JsonObject *object,
           const char *name,
           guint16     value)
{
  char text[5];

  json_object_set_string_member (object, name, format_hex16 (text, value));
}

static void
set_key (JsonObject   *object,
         const char   *name,
         const guint8 *key)
{
  char text[2 * MESH_CDB_KEY_SIZE + 1];

  json_object_set_string_member (object, name, format_hex (text, key, MESH_CDB_KEY_SIZE));
}

static void
set_uuid (JsonObject   *object,
          const char   *name,
          const guint8 *uuid)
{
  char text[MESH_CDB_UUID_STRING_LEN + 1];

  mesh_cdb_uuid_format (uuid, text);
  json_object_set_string_member (object, name, text);
}

static void
set_address (JsonObject           *object,
             const char           *name,
             const MeshCdbAddress *address)
{
  char text[2 * MESH_CDB_UUID_SIZE + 1];

  json_object_set_string_member (object, name, format_address (text, address));
}

static JsonObject *
add_object (JsonObject *parent,
            const char *name)
{
  JsonObject *object = json_object_new ();

  json_object_set_object_member (parent, name, object);
  return object;
}

static JsonObject *
add_item_object (JsonArray *array)
{
  JsonObject *object = json_object_new ();

  json_array_add_object_element (array, object);
  return object;
}

static JsonArray *
add_array (JsonObject *parent,
           const char *name,
           guint       length)
{
  JsonArray *array = json_array_sized_new (length);

  json_object_set_array_member (parent, name, array);
  return array;
}

static void
add_hex16_array (JsonObject *parent,
                 const char *name,
                 GArray     *values)
{
  JsonArray *array = add_array (parent, name, values->len);

  for (guint i = 0; i < values->len; i++)
    {
      char text[5];

      json_array_add_string_element (array, format_hex16 (text, g_array_index (values, guint16, i)));
    }
}

static const char *
security_text (MeshCdbSecurity security)
{
  return security == MESH_CDB_SECURITY_SECURE ? "secure" : "insecure";
}

static void
add_net_key (JsonArray           *array,
             const MeshCdbNetKey *key)
{
  JsonObject *object = add_item_object (array);

  set_string (object, "name", key->name);
  json_object_set_int_member (object, "index", key->index);
  set_key (object, "key", key->key);
  if (key->has_old_key)
    set_key (object, "oldKey", key->old_key);
  json_object_set_int_member (object, "phase", key->phase);
  json_object_set_string_member (object, "minSecurity", security_text (key->min_security));
  set_string (object, "timestamp", key->timestamp);
}

static void
add_app_key (JsonArray           *array,
             const MeshCdbAppKey *key)
{
  JsonObject *object = add_item_object (array);

  set_string (object, "name", key->name);
  json_object_set_int_member (object, "index", key->index);
  json_object_set_int_member (object, "boundNetKey", key->bound_net_key);
  set_key (object, "key", key->key);
  if (key->has_old_key)
    set_key (object, "oldKey", key->old_key);
}

static void
add_ranges (JsonObject *parent,
            const char *name,
            GArray     *ranges,
            const char *low_name,
            const char *high_name)
{
  JsonArray *array = add_array (parent, name, ranges->len);

  for (guint i = 0; i < ranges->len; i++)
    {
      const MeshCdbRange *range = &g_array_index (ranges, MeshCdbRange, i);
      JsonObject *object = add_item_object (array);

      set_hex16 (object, low_name, range->low);
      set_hex16 (object, high_name, range->high);
    }
}

static void
add_provisioner (JsonArray                *array,
                 const MeshCdbProvisioner *provisioner)
{
  JsonObject *object = add_item_object (array);

  set_string (object, "provisionerName", provisioner->name);
  set_uuid (object, "UUID", provisioner->uuid);
  add_ranges (object, "allocatedUnicastRange", provisioner->unicast_ranges, "lowAddress", "highAddress");
  add_ranges (object, "allocatedGroupRange", provisioner->group_ranges, "lowAddress", "highAddress");
  add_ranges (object, "allocatedSceneRange", provisioner->scene_ranges, "firstScene", "lastScene");
}

static void
add_node_keys (JsonObject *parent,
               const char *name,
               GArray     *keys)
{
  JsonArray *array = add_array (parent, name, keys->len);

  for (guint i = 0; i < keys->len; i++)
    {
      const MeshCdbNodeKey *key = &g_array_index (keys, MeshCdbNodeKey, i);
      JsonObject *object = add_item_object (array);

      json_object_set_int_member (object, "index", key->index);
      json_object_set_boolean_member (object, "updated", key->updated);
    }
}

static void
add_transmit (JsonObject *parent,
              const char *name,
              guint       count,
              guint       interval)
{
  JsonObject *object = add_object (parent, name);

  json_object_set_int_member (object, "count", count);
  json_object_set_int_member (object, "interval", interval);
}

static void
add_publish (JsonObject           *model,
             const MeshCdbPublish *publish)
{
  JsonObject *object = add_object (model, "publish");
  JsonObject *period;

  set_address (object, "address", &publish->address);
  json_object_set_int_member (object, "index", publish->index);
  json_object_set_int_member (object, "ttl", publish->ttl);
  period = add_object (object, "period");
  json_object_set_int_member (period, "numberOfSteps", publish->period_steps);
  json_object_set_int_member (period, "resolution", publish->period_resolution);
  json_object_set_int_member (object, "credentials", publish->credentials);
  add_transmit (object, "retransmit", publish->retransmit_count, publish->retransmit_interval);
}

static void
add_model (JsonArray          *array,
           const MeshCdbModel *model)
{
  JsonObject *object = add_item_object (array);
  JsonArray *subscribe, *bind;

  if (model->vendor)
    {
      guint8 id[4] = { model->model_id >> 24, model->model_id >> 16,
                       model->model_id >> 8, model->model_id };
      char text[9];

      json_object_set_string_member (object, "modelId", format_hex (text, id, 4));
    }
  else
    set_hex16 (object, "modelId", model->model_id);

  subscribe = add_array (object, "subscribe", model->subscribe->len);
  for (guint i = 0; i < model->subscribe->len; i++)
    {
      char text[2 * MESH_CDB_UUID_SIZE + 1];

      json_array_add_string_element (subscribe,
                                     format_address (text, &g_array_index (model->subscribe, MeshCdbAddress, i)));
    }

  if (model->has_publish)
    add_publish (object, &model->publish);

  bind = add_array (object, "bind", model->bind->len);
  for (guint i = 0; i < model->bind->len; i++)
    json_array_add_int_element (bind, g_array_index (model->bind, guint16, i));
}

static void
add_element (JsonArray            *array,
             const MeshCdbElement *element)
{
  JsonObject *object = add_item_object (array);
  JsonArray *models;

  if (element->name != NULL)
    set_string (object, "name", element->name);
  json_object_set_int_member (object, "index", element->index);
  set_hex16 (object, "location", element->location);
  models = add_array (object, "models", element->models->len);
  for (guint i = 0; i < element->models->len; i++)
    add_model (models, &g_array_index (element->models, MeshCdbModel, i));
}

static void
add_features (JsonObject        *parent,
              const MeshCdbNode *node)
{
  static const char *names[] = { "relay", "proxy", "friend", "lowPower" };
  MeshCdbFeatureState states[] = { node->relay, node->proxy, node->friend_, node->low_power };
  JsonObject *object = add_object (parent, "features");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (states[i] != MESH_CDB_FEATURE_ABSENT)
      json_object_set_int_member (object, names[i], states[i]);
}

static void
add_heartbeat_pub (JsonObject                *parent,
                   const MeshCdbHeartbeatPub *pub)
{
  static const struct { const char *name; guint bit; } features[] = {
    { "relay", MESH_CDB_HEARTBEAT_RELAY },
    { "proxy", MESH_CDB_HEARTBEAT_PROXY },
    { "friend", MESH_CDB_HEARTBEAT_FRIEND },
    { "lowPower", MESH_CDB_HEARTBEAT_LOW_POWER },
  };
  JsonObject *object = add_object (parent, "heartbeatPub");
  JsonArray *array;

  set_hex16 (object, "address", pub->address);
  json_object_set_int_member (object, "period", pub->period);
  json_object_set_int_member (object, "ttl", pub->ttl);
  json_object_set_int_member (object, "index", pub->index);
  array = add_array (object, "features", G_N_ELEMENTS (features));
  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    if (pub->features & features[i].bit)
      json_array_add_string_element (array, features[i].name);
}

static void
add_heartbeat_sub (JsonObject        *parent,
                   const MeshCdbNode *node)
{
  gboolean present = (node->present & MESH_CDB_NODE_HAS_HEARTBEAT_SUB) != 0;
  JsonObject *object;

  if (node->heartbeat_sub_is_array)
    {
      JsonArray *array = add_array (parent, "heartbeatSub", 1);

      if (!present)
        return;
      object = add_item_object (array);
    }
  else if (present)
    object = add_object (parent, "heartbeatSub");
  else
    return;

  set_hex16 (object, "source", node->heartbeat_sub.source);
  set_hex16 (object, "destination", node->heartbeat_sub.destination);
}

static void
add_node (JsonArray         *array,
          const MeshCdbNode *node)
{
  JsonObject *object = add_item_object (array);
  guint present = node->present;
  JsonArray *elements;

  set_uuid (object, "UUID", node->uuid);
  set_hex16 (object, "unicastAddress", node->unicast);
  if (present & MESH_CDB_NODE_HAS_DEVICE_KEY)
    set_key (object, "deviceKey", node->device_key);
  json_object_set_string_member (object, "security", security_text (node->security));
  add_node_keys (object, "netKeys", node->net_keys);
  json_object_set_boolean_member (object, "configComplete", node->config_complete);
  if (node->name != NULL)
    set_string (object, "name", node->name);
  if (present & MESH_CDB_NODE_HAS_CID)
    set_hex16 (object, "cid", node->cid);
  if (present & MESH_CDB_NODE_HAS_PID)
    set_hex16 (object, "pid", node->pid);
  if (present & MESH_CDB_NODE_HAS_VID)
    set_hex16 (object, "vid", node->vid);
  if (present & MESH_CDB_NODE_HAS_CRPL)
    set_hex16 (object, "crpl", node->crpl);
  if (present & MESH_CDB_NODE_HAS_FEATURES)
    add_features (object, node);
  if (present & MESH_CDB_NODE_HAS_SECURE_NETWORK_BEACON)
    json_object_set_boolean_member (object, "secureNetworkBeacon", node->secure_network_beacon);
  if (present & MESH_CDB_NODE_HAS_DEFAULT_TTL)
    json_object_set_int_member (object, "defaultTTL", node->default_ttl);
  if (present & MESH_CDB_NODE_HAS_NETWORK_TRANSMIT)
    add_transmit (object, "networkTransmit", node->network_transmit.count, node->network_transmit.interval);
  if (present & MESH_CDB_NODE_HAS_RELAY_RETRANSMIT)
    add_transmit (object, "relayRetransmit", node->relay_retransmit.count, node->relay_retransmit.interval);
  add_node_keys (object, "appKeys", node->app_keys);
  elements = add_array (object, "elements", node->elements->len);
  for (guint i = 0; i < node->elements->len; i++)
    add_element (elements, &g_array_index (node->elements, MeshCdbElement, i));
  json_object_set_boolean_member (object, "excluded", node->excluded);
  if (present & MESH_CDB_NODE_HAS_HEARTBEAT_PUB)
    add_heartbeat_pub (object, &node->heartbeat_pub);
  add_heartbeat_sub (object, node);
}

static void
add_group (JsonArray          *array,
           const MeshCdbGroup *group)
{
  JsonObject *object = add_item_object (array);

  set_string (object, "name", group->name);
  set_address (object, "address", &group->address);
  set_address (object, "parentAddress", &group->parent);
}

static void
add_scene (JsonArray          *array,
           const MeshCdbScene *scene)
{
  JsonObject *object = add_item_object (array);

  set_string (object, "name", scene->name);
  add_hex16_array (object, "addresses", scene->addresses);
  set_hex16 (object, "number", scene->number);
}

static void
add_exclusion (JsonArray              *array,
               const MeshCdbExclusion *exclusion)
{
  JsonObject *object = add_item_object (array);

  json_object_set_int_member (object, "ivIndex", exclusion->iv_index);
  add_hex16_array (object, "addresses", exclusion->addresses);
}

typedef void (*AddFunc) (JsonArray     *array,
                         gconstpointer  item);

static void
add_list (JsonObject *root,
          const char *name,
          GArray     *items,
          AddFunc     add_func)
{
  JsonArray *array = add_array (root, name, items->len);
  guint size = g_array_get_element_size (items);

  for (guint i = 0; i < items->len; i++)
    add_func (array, items->data + (gsize) i * size);
}

/* json-glib 1.6 writes U+001F raw inside strings, which JSON forbids and
 * strict parsers reject. That byte appears nowhere else in the generator's
 * output, nor inside any other UTF-8 sequence, so escaping every one of
 * them is safe. */
static void
escape_unit_separator (GString *out)
{
  if (memchr (out->str, 0x1F, out->len) != NULL)
    g_string_replace (out, "\x1F", "\\u001f", 0);
}

/* The tree of @document, or NULL if cancelled. */
static JsonNode *
build_tree (MeshCdbDocument  *document,
            MeshCdbProgress  *progress,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *nodes;

  json_node_take_object (root, object);
  json_object_set_string_member (object, "$schema", SCHEMA_URI);
  json_object_set_string_member (object, "id", SCHEMA_ID);
  json_object_set_string_member (object, "version", CDB_VERSION);
  set_uuid (object, "meshUUID", document->mesh_uuid);
  set_string (object, "meshName", document->mesh_name);
  set_string (object, "timestamp", document->timestamp);
  json_object_set_boolean_member (object, "partial", document->partial);

  add_list (object, "netKeys", document->net_keys, (AddFunc) add_net_key);
  add_list (object, "appKeys", document->app_keys, (AddFunc) add_app_key);
  add_list (object, "provisioners", document->provisioners, (AddFunc) add_provisioner);

  nodes = add_array (object, "nodes", document->nodes->len);
  for (guint i = 0; i < document->nodes->len; i++)
    {
      add_node (nodes, &g_array_index (document->nodes, MeshCdbNode, i));

      if ((i + 1) % PROGRESS_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          if (progress != NULL)
            mesh_cdb_progress_update (progress, BUILD_SHARE * (i + 1) / document->nodes->len, NULL);
        }
    }

  add_list (object, "groups", document->groups, (AddFunc) add_group);
  add_list (object, "scenes", document->scenes, (AddFunc) add_scene);
  add_list (object, "networkExclusions", document->exclusions, (AddFunc) add_exclusion);
  return g_steal_pointer (&root);
}

static void
write_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  MeshCdbDocument *document = task_data;
  MeshCdbProgress *progress = g_object_get_data (G_OBJECT (task), "progress");
  GError *error = NULL;

  if (mesh_cdb_writer_write_file (document, G_FILE (source_object), progress, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mesh_cdb_writer_write_bytes:
 * @document: a document
 * @progress: (nullable): where to report progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a %G_IO_ERROR_CANCELLED error
 *
 * Writes @document as JSON text. May run in any thread.
 *
 * Returns: (transfer full): the JSON text, or %NULL if cancelled
 */
GBytes *
mesh_cdb_writer_write_bytes (MeshCdbDocument  *document,
                             MeshCdbProgress  *progress,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  GString *out;

  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (progress == NULL || MESH_IS_CDB_PROGRESS (progress), NULL);

  if (progress != NULL)
    mesh_cdb_progress_update (progress, 0.0, _("Writing the network…"));

  root = build_tree (document, progress, cancellable, error);
  if (root == NULL)
    return NULL;
  if (progress != NULL)
    mesh_cdb_progress_update (progress, BUILD_SHARE, NULL);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  /* Into a buffer of about the right size: no copy on the way to the
   * file, and few reallocations. */
  out = g_string_sized_new (4096 + (gsize) document->nodes->len * BYTES_PER_NODE);
  json_generator_to_gstring (generator, out);
  escape_unit_separator (out);
  g_string_append_c (out, '\n');

  g_clear_object (&generator);
  mesh_cdb_free_in_thread (g_steal_pointer (&root), (GDestroyNotify) json_node_unref,
                           document->nodes->len >= BIG_NETWORK);

  if (progress != NULL)
    mesh_cdb_progress_update (progress, BUILD_SHARE + WRITE_SHARE, NULL);
  return g_string_free_to_bytes (out);
}

/**
 * mesh_cdb_writer_write_file:
 * @document: a document
 * @file: where to write it; replaced as a whole, or left as it was
 * @progress: (nullable): where to report progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Blocks: call it from a worker thread, or use
 * mesh_cdb_writer_write_file_async().
 *
 * Returns: %TRUE if the file was written
 */
gboolean
mesh_cdb_writer_write_file (MeshCdbDocument  *document,
                            GFile            *file,
                            MeshCdbProgress  *progress,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = mesh_cdb_writer_write_bytes (document, progress, cancellable, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                cancellable, error))
    return FALSE;

  if (progress != NULL)
    mesh_cdb_progress_update (progress, 1.0, NULL);
  return TRUE;
}

void
mesh_cdb_writer_write_file_async (MeshCdbDocument     *document,
                                  GFile               *file,
                                  MeshCdbProgress     *progress,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (document != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (progress == NULL || MESH_IS_CDB_PROGRESS (progress));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_cdb_writer_write_file_async);
  g_task_set_task_data (task, mesh_cdb_document_ref (document),
                        (GDestroyNotify) mesh_cdb_document_unref);
  if (progress != NULL)
    g_object_set_data_full (G_OBJECT (task), "progress", g_object_ref (progress), g_object_unref);
  g_task_run_in_thread (task, write_file_thread);
}

gboolean
mesh_cdb_writer_write_file_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mesh_cdb_writer_write_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
