/* mesh-cdb-writer.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-cdb-private.h"
#include "mesh-cdb-writer.h"

/*
 * The JSON text is emitted straight into a GString rather than built as a
 * JsonNode tree and serialized by JsonGenerator: for a 32,767-node network
 * that tree has millions of nodes, and the generator's pretty-printing
 * writes `"key" : value`. Emitting directly is several times faster, gives
 * the usual `"key": value` layout and keeps arrays of scalars on one line.
 */

#define MAX_DEPTH 16
#define PROGRESS_EVERY 512

#define SCHEMA_URI  "http://json-schema.org/draft-04/schema#"
#define SCHEMA_ID   "https://www.bluetooth.com/specifications/specs/mesh-cdb-1-0-1-schema.json#"
#define CDB_VERSION "1.0.1"

typedef struct
{
  GString  *out;
  guint     depth;
  gboolean  empty[MAX_DEPTH];  /* nothing written yet in the container at that depth */
} Writer;

static const char hex_digits[] = "0123456789ABCDEF";

static void
append_string (Writer     *w,
               const char *text)
{
  g_autofree char *valid = NULL;
  const char *p;

  /* Names come from files and from the database; never write broken UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (w->out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (w->out, "\\\"");
          break;
        case '\\':
          g_string_append (w->out, "\\\\");
          break;
        case '\n':
          g_string_append (w->out, "\\n");
          break;
        case '\r':
          g_string_append (w->out, "\\r");
          break;
        case '\t':
          g_string_append (w->out, "\\t");
          break;
        case '\b':
          g_string_append (w->out, "\\b");
          break;
        case '\f':
          g_string_append (w->out, "\\f");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (w->out, "\\u%04X", c);
          else
            g_string_append_c (w->out, (char) c);
        }
    }
  g_string_append_c (w->out, '"');
}

static void
append_hex (Writer       *w,
            const guint8 *bytes,
            gsize         n_bytes)
{
  g_string_append_c (w->out, '"');
  for (gsize i = 0; i < n_bytes; i++)
    {
      g_string_append_c (w->out, hex_digits[bytes[i] >> 4]);
      g_string_append_c (w->out, hex_digits[bytes[i] & 0xF]);
    }
  g_string_append_c (w->out, '"');
}

static void
append_hex16 (Writer  *w,
              guint16  value)
{
  guint8 bytes[2] = { value >> 8, value & 0xFF };

  append_hex (w, bytes, 2);
}

static void
append_uint (Writer  *w,
             guint64  value)
{
  char buffer[24];
  char *p = buffer + sizeof buffer;

  do
    {
      *--p = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  g_string_append_len (w->out, p, buffer + sizeof buffer - p);
}

static void
append_address (Writer               *w,
                const MeshCdbAddress *address)
{
  if (address->is_virtual)
    append_hex (w, address->label, MESH_CDB_UUID_SIZE);
  else
    append_hex16 (w, address->value);
}

static void
newline (Writer *w)
{
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
}

/* Starts a value in the current container: a member if name is given, an
 * array item otherwise. */
static void
start_value (Writer     *w,
             const char *name)
{
  if (w->depth > 0)
    {
      if (!w->empty[w->depth])
        g_string_append_c (w->out, ',');
      w->empty[w->depth] = FALSE;
      newline (w);
    }
  if (name != NULL)
    {
      append_string (w, name);
      g_string_append (w->out, ": ");
    }
}

static void
open_container (Writer     *w,
                const char *name,
                char        bracket)
{
  start_value (w, name);
  g_string_append_c (w->out, bracket);
  g_assert (w->depth + 1 < MAX_DEPTH);
  w->depth++;
  w->empty[w->depth] = TRUE;
}

static void
close_container (Writer *w,
                 char    bracket)
{
  gboolean empty = w->empty[w->depth];

  w->depth--;
  if (!empty)
    newline (w);
  g_string_append_c (w->out, bracket);
}

static void
begin_object (Writer     *w,
              const char *name)
{
  open_container (w, name, '{');
}

static void
end_object (Writer *w)
{
  close_container (w, '}');
}

static void
begin_array (Writer     *w,
             const char *name)
{
  open_container (w, name, '[');
}

static void
end_array (Writer *w)
{
  close_container (w, ']');
}

static void
write_string (Writer     *w,
              const char *name,
              const char *value)
{
  start_value (w, name);
  append_string (w, value);
}

static void
write_literal (Writer     *w,
               const char *name,
               const char *value)
{
  start_value (w, name);
  g_string_append (w->out, value);
}

static void
write_bool (Writer     *w,
            const char *name,
            gboolean    value)
{
  write_literal (w, name, value ? "true" : "false");
}

static void
write_uint (Writer     *w,
            const char *name,
            guint64     value)
{
  start_value (w, name);
  append_uint (w, value);
}

static void
write_hex16 (Writer     *w,
             const char *name,
             guint16     value)
{
  start_value (w, name);
  append_hex16 (w, value);
}

static void
write_key (Writer       *w,
           const char   *name,
           const guint8 *key)
{
  start_value (w, name);
  append_hex (w, key, MESH_CDB_KEY_SIZE);
}

static void
write_uuid (Writer       *w,
            const char   *name,
            const guint8 *uuid)
{
  char text[MESH_CDB_UUID_STRING_LEN + 1];

  mesh_cdb_uuid_format (uuid, text);
  start_value (w, name);
  g_string_append_c (w->out, '"');
  g_string_append (w->out, text);
  g_string_append_c (w->out, '"');
}

static void
write_address (Writer               *w,
               const char           *name,
               const MeshCdbAddress *address)
{
  start_value (w, name);
  append_address (w, address);
}

/* Arrays of scalars stay on one line: ["C001", "C002"], [0, 1]. */

typedef void (*AppendItemFunc) (Writer        *w,
                                gconstpointer  item);

static void
append_hex16_item (Writer        *w,
                   gconstpointer  item)
{
  append_hex16 (w, *(const guint16 *) item);
}

static void
append_index_item (Writer        *w,
                   gconstpointer  item)
{
  append_uint (w, *(const guint16 *) item);
}

static void
append_address_item (Writer        *w,
                     gconstpointer  item)
{
  append_address (w, item);
}

static void
write_scalar_array (Writer         *w,
                    const char     *name,
                    GArray         *values,
                    AppendItemFunc  append_item)
{
  guint size = g_array_get_element_size (values);

  start_value (w, name);
  g_string_append_c (w->out, '[');
  for (guint i = 0; i < values->len; i++)
    {
      if (i > 0)
        g_string_append (w->out, ", ");
      append_item (w, values->data + (gsize) i * size);
    }
  g_string_append_c (w->out, ']');
}

static const char *
security_text (MeshCdbSecurity security)
{
  return security == MESH_CDB_SECURITY_SECURE ? "secure" : "insecure";
}

static void
write_net_key (Writer              *w,
               const MeshCdbNetKey *key)
{
  begin_object (w, NULL);
  write_string (w, "name", key->name);
  write_uint (w, "index", key->index);
  write_key (w, "key", key->key);
  if (key->has_old_key)
    write_key (w, "oldKey", key->old_key);
  write_uint (w, "phase", key->phase);
  write_string (w, "minSecurity", security_text (key->min_security));
  write_string (w, "timestamp", key->timestamp);
  end_object (w);
}

static void
write_app_key (Writer              *w,
               const MeshCdbAppKey *key)
{
  begin_object (w, NULL);
  write_string (w, "name", key->name);
  write_uint (w, "index", key->index);
  write_uint (w, "boundNetKey", key->bound_net_key);
  write_key (w, "key", key->key);
  if (key->has_old_key)
    write_key (w, "oldKey", key->old_key);
  end_object (w);
}

static void
write_ranges (Writer     *w,
              const char *name,
              GArray     *ranges,
              const char *low_name,
              const char *high_name)
{
  begin_array (w, name);
  for (guint i = 0; i < ranges->len; i++)
    {
      const MeshCdbRange *range = &g_array_index (ranges, MeshCdbRange, i);

      begin_object (w, NULL);
      write_hex16 (w, low_name, range->low);
      write_hex16 (w, high_name, range->high);
      end_object (w);
    }
  end_array (w);
}

static void
write_provisioner (Writer                   *w,
                   const MeshCdbProvisioner *provisioner)
{
  begin_object (w, NULL);
  write_string (w, "provisionerName", provisioner->name);
  write_uuid (w, "UUID", provisioner->uuid);
  write_ranges (w, "allocatedUnicastRange", provisioner->unicast_ranges, "lowAddress", "highAddress");
  write_ranges (w, "allocatedGroupRange", provisioner->group_ranges, "lowAddress", "highAddress");
  write_ranges (w, "allocatedSceneRange", provisioner->scene_ranges, "firstScene", "lastScene");
  end_object (w);
}

static void
write_node_keys (Writer     *w,
                 const char *name,
                 GArray     *keys)
{
  begin_array (w, name);
  for (guint i = 0; i < keys->len; i++)
    {
      const MeshCdbNodeKey *key = &g_array_index (keys, MeshCdbNodeKey, i);

      begin_object (w, NULL);
      write_uint (w, "index", key->index);
      write_bool (w, "updated", key->updated);
      end_object (w);
    }
  end_array (w);
}

static void
write_transmit (Writer     *w,
                const char *name,
                guint       count,
                guint       interval)
{
  begin_object (w, name);
  write_uint (w, "count", count);
  write_uint (w, "interval", interval);
  end_object (w);
}

static void
write_publish (Writer               *w,
               const MeshCdbPublish *publish)
{
  begin_object (w, "publish");
  write_address (w, "address", &publish->address);
  write_uint (w, "index", publish->index);
  write_uint (w, "ttl", publish->ttl);
  begin_object (w, "period");
  write_uint (w, "numberOfSteps", publish->period_steps);
  write_uint (w, "resolution", publish->period_resolution);
  end_object (w);
  write_uint (w, "credentials", publish->credentials);
  write_transmit (w, "retransmit", publish->retransmit_count, publish->retransmit_interval);
  end_object (w);
}

static void
write_model (Writer             *w,
             const MeshCdbModel *model)
{
  begin_object (w, NULL);
  if (model->vendor)
    {
      guint8 id[4] = { model->model_id >> 24, model->model_id >> 16,
                       model->model_id >> 8, model->model_id };

      start_value (w, "modelId");
      append_hex (w, id, 4);
    }
  else
    write_hex16 (w, "modelId", model->model_id);
  write_scalar_array (w, "subscribe", model->subscribe, append_address_item);
  if (model->has_publish)
    write_publish (w, &model->publish);
  write_scalar_array (w, "bind", model->bind, append_index_item);
  end_object (w);
}

static void
write_element (Writer               *w,
               const MeshCdbElement *element)
{
  begin_object (w, NULL);
  if (element->name != NULL)
    write_string (w, "name", element->name);
  write_uint (w, "index", element->index);
  write_hex16 (w, "location", element->location);
  begin_array (w, "models");
  for (guint i = 0; i < element->models->len; i++)
    write_model (w, &g_array_index (element->models, MeshCdbModel, i));
  end_array (w);
  end_object (w);
}

static void
write_features (Writer            *w,
                const MeshCdbNode *node)
{
  static const char *names[] = { "relay", "proxy", "friend", "lowPower" };
  MeshCdbFeatureState states[] = { node->relay, node->proxy, node->friend_, node->low_power };

  begin_object (w, "features");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (states[i] != MESH_CDB_FEATURE_ABSENT)
      write_uint (w, names[i], states[i]);
  end_object (w);
}

static void
write_heartbeat_pub (Writer                    *w,
                     const MeshCdbHeartbeatPub *pub)
{
  static const struct { const char *name; guint bit; } features[] = {
    { "relay", MESH_CDB_HEARTBEAT_RELAY },
    { "proxy", MESH_CDB_HEARTBEAT_PROXY },
    { "friend", MESH_CDB_HEARTBEAT_FRIEND },
    { "lowPower", MESH_CDB_HEARTBEAT_LOW_POWER },
  };
  gboolean first = TRUE;

  begin_object (w, "heartbeatPub");
  write_hex16 (w, "address", pub->address);
  write_uint (w, "period", pub->period);
  write_uint (w, "ttl", pub->ttl);
  write_uint (w, "index", pub->index);
  start_value (w, "features");
  g_string_append_c (w->out, '[');
  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    if (pub->features & features[i].bit)
      {
        if (!first)
          g_string_append (w->out, ", ");
        append_string (w, features[i].name);
        first = FALSE;
      }
  g_string_append_c (w->out, ']');
  end_object (w);
}

static void
write_heartbeat_sub (Writer            *w,
                     const MeshCdbNode *node)
{
  gboolean present = (node->present & MESH_CDB_NODE_HAS_HEARTBEAT_SUB) != 0;

  if (node->heartbeat_sub_is_array)
    begin_array (w, "heartbeatSub");
  else if (!present)
    return;

  if (present)
    {
      begin_object (w, node->heartbeat_sub_is_array ? NULL : "heartbeatSub");
      write_hex16 (w, "source", node->heartbeat_sub.source);
      write_hex16 (w, "destination", node->heartbeat_sub.destination);
      end_object (w);
    }

  if (node->heartbeat_sub_is_array)
    end_array (w);
}

static void
write_node (Writer            *w,
            const MeshCdbNode *node)
{
  guint present = node->present;

  begin_object (w, NULL);
  write_uuid (w, "UUID", node->uuid);
  write_hex16 (w, "unicastAddress", node->unicast);
  if (present & MESH_CDB_NODE_HAS_DEVICE_KEY)
    write_key (w, "deviceKey", node->device_key);
  write_string (w, "security", security_text (node->security));
  write_node_keys (w, "netKeys", node->net_keys);
  write_bool (w, "configComplete", node->config_complete);
  if (node->name != NULL)
    write_string (w, "name", node->name);
  if (present & MESH_CDB_NODE_HAS_CID)
    write_hex16 (w, "cid", node->cid);
  if (present & MESH_CDB_NODE_HAS_PID)
    write_hex16 (w, "pid", node->pid);
  if (present & MESH_CDB_NODE_HAS_VID)
    write_hex16 (w, "vid", node->vid);
  if (present & MESH_CDB_NODE_HAS_CRPL)
    write_hex16 (w, "crpl", node->crpl);
  if (present & MESH_CDB_NODE_HAS_FEATURES)
    write_features (w, node);
  if (present & MESH_CDB_NODE_HAS_SECURE_NETWORK_BEACON)
    write_bool (w, "secureNetworkBeacon", node->secure_network_beacon);
  if (present & MESH_CDB_NODE_HAS_DEFAULT_TTL)
    write_uint (w, "defaultTTL", node->default_ttl);
  if (present & MESH_CDB_NODE_HAS_NETWORK_TRANSMIT)
    write_transmit (w, "networkTransmit", node->network_transmit.count, node->network_transmit.interval);
  if (present & MESH_CDB_NODE_HAS_RELAY_RETRANSMIT)
    write_transmit (w, "relayRetransmit", node->relay_retransmit.count, node->relay_retransmit.interval);
  write_node_keys (w, "appKeys", node->app_keys);
  begin_array (w, "elements");
  for (guint i = 0; i < node->elements->len; i++)
    write_element (w, &g_array_index (node->elements, MeshCdbElement, i));
  end_array (w);
  write_bool (w, "excluded", node->excluded);
  if (present & MESH_CDB_NODE_HAS_HEARTBEAT_PUB)
    write_heartbeat_pub (w, &node->heartbeat_pub);
  write_heartbeat_sub (w, node);
  end_object (w);
}

static void
write_group (Writer             *w,
             const MeshCdbGroup *group)
{
  begin_object (w, NULL);
  write_string (w, "name", group->name);
  write_address (w, "address", &group->address);
  write_address (w, "parentAddress", &group->parent);
  end_object (w);
}

static void
write_scene (Writer             *w,
             const MeshCdbScene *scene)
{
  begin_object (w, NULL);
  write_string (w, "name", scene->name);
  write_scalar_array (w, "addresses", scene->addresses, append_hex16_item);
  write_hex16 (w, "number", scene->number);
  end_object (w);
}

static void
write_exclusion (Writer                 *w,
                 const MeshCdbExclusion *exclusion)
{
  begin_object (w, NULL);
  write_uint (w, "ivIndex", exclusion->iv_index);
  write_scalar_array (w, "addresses", exclusion->addresses, append_hex16_item);
  end_object (w);
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
  g_autoptr(GString) out = NULL;
  Writer w = { 0 };

  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (progress == NULL || MESH_IS_CDB_PROGRESS (progress), NULL);

  /* Measured: about 1 KiB of text per node with one element. */
  out = g_string_sized_new (4096 + (gsize) document->nodes->len * 1024);
  w.out = out;

  if (progress != NULL)
    mesh_cdb_progress_update (progress, 0.0, _("Writing the network…"));

  begin_object (&w, NULL);
  write_string (&w, "$schema", SCHEMA_URI);
  write_string (&w, "id", SCHEMA_ID);
  write_string (&w, "version", CDB_VERSION);
  write_uuid (&w, "meshUUID", document->mesh_uuid);
  write_string (&w, "meshName", document->mesh_name);
  write_string (&w, "timestamp", document->timestamp);
  write_bool (&w, "partial", document->partial);

  begin_array (&w, "netKeys");
  for (guint i = 0; i < document->net_keys->len; i++)
    write_net_key (&w, &g_array_index (document->net_keys, MeshCdbNetKey, i));
  end_array (&w);

  begin_array (&w, "appKeys");
  for (guint i = 0; i < document->app_keys->len; i++)
    write_app_key (&w, &g_array_index (document->app_keys, MeshCdbAppKey, i));
  end_array (&w);

  begin_array (&w, "provisioners");
  for (guint i = 0; i < document->provisioners->len; i++)
    write_provisioner (&w, &g_array_index (document->provisioners, MeshCdbProvisioner, i));
  end_array (&w);

  begin_array (&w, "nodes");
  for (guint i = 0; i < document->nodes->len; i++)
    {
      write_node (&w, &g_array_index (document->nodes, MeshCdbNode, i));

      if ((i + 1) % PROGRESS_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          if (progress != NULL)
            mesh_cdb_progress_update (progress, 0.9 * (i + 1) / document->nodes->len, NULL);
        }
    }
  end_array (&w);

  begin_array (&w, "groups");
  for (guint i = 0; i < document->groups->len; i++)
    write_group (&w, &g_array_index (document->groups, MeshCdbGroup, i));
  end_array (&w);

  begin_array (&w, "scenes");
  for (guint i = 0; i < document->scenes->len; i++)
    write_scene (&w, &g_array_index (document->scenes, MeshCdbScene, i));
  end_array (&w);

  begin_array (&w, "networkExclusions");
  for (guint i = 0; i < document->exclusions->len; i++)
    write_exclusion (&w, &g_array_index (document->exclusions, MeshCdbExclusion, i));
  end_array (&w);

  end_object (&w);
  g_string_append_c (out, '\n');

  if (progress != NULL)
    mesh_cdb_progress_update (progress, 0.9, NULL);
  return g_string_free_to_bytes (g_steal_pointer (&out));
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
