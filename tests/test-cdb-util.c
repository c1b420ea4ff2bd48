/* test-cdb-util.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "mesh-cdb-reader.h"
#include "mesh-cdb-writer.h"
#include "test-cdb-util.h"

/* tests/data/cdb/<name>, found through MESH_SOURCE_ROOT (set by meson)
 * or, for a program started by hand, relative to the current directory. */
char *
cdb_test_data_path (const char *name)
{
  const char *root = g_getenv ("MESH_SOURCE_ROOT");

  return g_build_filename (root != NULL ? root : ".", "tests", "data", "cdb", name, NULL);
}

char *
cdb_test_data_contents (const char *name)
{
  g_autofree char *path = cdb_test_data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

MeshCdbDocument *
cdb_test_read_string (const char  *json,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return mesh_cdb_reader_read_bytes (bytes, NULL, NULL, error);
}

MeshCdbDocument *
cdb_test_read_data (const char *name)
{
  g_autofree char *contents = cdb_test_data_contents (name);
  g_autoptr(GError) error = NULL;
  MeshCdbDocument *document;

  document = cdb_test_read_string (contents, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

/*
 * Reads tests/data/cdb/<name> after replacing the value at @path — member
 * names and array positions separated by "/", e.g. "nodes/1/elements" —
 * by @json_value, or removing it if @json_value is NULL.
 */
MeshCdbDocument *
cdb_test_read_mutated (const char  *name,
                       const char  *path,
                       const char  *json_value,
                       GError     **error)
{
  g_autofree char *contents = cdb_test_data_contents (name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autofree char *text = NULL;
  JsonNode *parent;
  JsonNode *value = NULL;
  guint n = g_strv_length (segments);

  json_parser_load_from_data (parser, contents, -1, &local_error);
  g_assert_no_error (local_error);
  parent = json_parser_get_root (parser);

  if (json_value != NULL)
    {
      g_autoptr(JsonParser) value_parser = json_parser_new ();

      json_parser_load_from_data (value_parser, json_value, -1, &local_error);
      g_assert_no_error (local_error);
      value = json_node_copy (json_parser_get_root (value_parser));
    }

  for (guint i = 0; i < n; i++)
    {
      gboolean last = i + 1 == n;

      if (JSON_NODE_HOLDS_ARRAY (parent))
        {
          JsonArray *array = json_node_get_array (parent);
          guint index = (guint) g_ascii_strtoull (segments[i], NULL, 10);

          g_assert_cmpuint (index, <, json_array_get_length (array));
          if (!last)
            parent = json_array_get_element (array, index);
          else if (value == NULL)
            json_array_remove_element (array, index);
          else
            {
              /* JsonArray has no "replace": rebuild it. */
              g_autoptr(JsonArray) rebuilt = json_array_new ();

              for (guint j = 0; j < json_array_get_length (array); j++)
                json_array_add_element (rebuilt, j == index ? value
                                                            : json_node_copy (json_array_get_element (array, j)));
              json_node_set_array (parent, rebuilt);
            }
        }
      else
        {
          JsonObject *object = json_node_get_object (parent);

          if (!last)
            parent = json_object_get_member (object, segments[i]);
          else if (value == NULL)
            json_object_remove_member (object, segments[i]);
          else
            json_object_set_member (object, segments[i], value);
        }
      g_assert_nonnull (parent);
    }

  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, NULL);
  return cdb_test_read_string (text, error);
}

char *
cdb_test_write_string (MeshCdbDocument *document)
{
  g_autoptr(GBytes) bytes = mesh_cdb_writer_write_bytes (document, NULL, NULL, NULL);

  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
random_bytes (GRand  *rand,
              guint8 *bytes,
              gsize   n_bytes)
{
  for (gsize i = 0; i < n_bytes; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
}

static void
random_uuid (GRand  *rand,
             guint8 *uuid)
{
  random_bytes (rand, uuid, MESH_CDB_UUID_SIZE);
  uuid[6] = (uuid[6] & 0x0F) | 0x40;  /* version 4 */
  uuid[8] = (uuid[8] & 0x3F) | 0x80;
}

/*
 * A network of @n_nodes one-element nodes at 0x0001, 0x0002…, the first
 * being the provisioner's own; each node has a Configuration Server,
 * a Health Server and a Generic OnOff Server bound to the AppKey,
 * subscribed to one of 16 groups and publishing to it. Deterministic for
 * a given @seed.
 */
MeshCdbDocument *
cdb_test_generate (guint   n_nodes,
                   guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  MeshCdbDocument *document = mesh_cdb_document_new ();
  MeshCdbProvisioner *provisioner;
  MeshCdbNetKey *net_key;
  MeshCdbAppKey *app_key;
  MeshCdbRange range;

  g_assert_cmpuint (n_nodes, <=, 0x7FFF);

  random_uuid (rand, document->mesh_uuid);
  g_free (document->mesh_name);
  document->mesh_name = g_strdup_printf ("Generated network of %u nodes", n_nodes);
  g_free (document->timestamp);
  document->timestamp = g_strdup ("2026-02-01T08:00:00Z");

  net_key = mesh_cdb_document_add_net_key (document);
  g_free (net_key->name);
  net_key->name = g_strdup ("Primary");
  random_bytes (rand, net_key->key, MESH_CDB_KEY_SIZE);
  net_key->min_security = MESH_CDB_SECURITY_SECURE;

  app_key = mesh_cdb_document_add_app_key (document);
  g_free (app_key->name);
  app_key->name = g_strdup ("Home");
  random_bytes (rand, app_key->key, MESH_CDB_KEY_SIZE);

  provisioner = mesh_cdb_document_add_provisioner (document);
  g_free (provisioner->name);
  provisioner->name = g_strdup ("Generator");
  random_uuid (rand, provisioner->uuid);
  range = (MeshCdbRange) { 0x0001, 0x7FFF };
  g_array_append_val (provisioner->unicast_ranges, range);
  range = (MeshCdbRange) { 0xC000, 0xC0FF };
  g_array_append_val (provisioner->group_ranges, range);
  range = (MeshCdbRange) { 0x0001, 0x00FF };
  g_array_append_val (provisioner->scene_ranges, range);

  for (guint g = 0; g < 16; g++)
    {
      MeshCdbGroup *group = mesh_cdb_document_add_group (document);

      g_free (group->name);
      group->name = g_strdup_printf ("Group %u", g + 1);
      mesh_cdb_address_set (&group->address, 0xC000 + g);
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      MeshCdbNode *node = mesh_cdb_document_add_node (document);
      MeshCdbNodeKey key = { 0, FALSE };
      MeshCdbElement *element;
      MeshCdbModel *model;
      MeshCdbAddress group;
      guint16 bind = 0;

      if (i == 0)
        memcpy (node->uuid, provisioner->uuid, MESH_CDB_UUID_SIZE);
      else
        random_uuid (rand, node->uuid);
      node->unicast = 0x0001 + i;
      node->present = MESH_CDB_NODE_HAS_DEVICE_KEY | MESH_CDB_NODE_HAS_CID |
                      MESH_CDB_NODE_HAS_PID | MESH_CDB_NODE_HAS_VID |
                      MESH_CDB_NODE_HAS_CRPL | MESH_CDB_NODE_HAS_FEATURES |
                      MESH_CDB_NODE_HAS_DEFAULT_TTL;
      random_bytes (rand, node->device_key, MESH_CDB_KEY_SIZE);
      node->security = MESH_CDB_SECURITY_SECURE;
      g_array_append_val (node->net_keys, key);
      g_array_append_val (node->app_keys, key);
      node->config_complete = TRUE;
      node->name = i == 0 ? g_strdup ("Generator") : g_strdup_printf ("Node %u", i);
      node->cid = 0x0059;
      node->pid = 0x0001;
      node->vid = 0x0001;
      node->crpl = 0x0020;
      mesh_cdb_node_set_features (node, MESH_CDB_FEATURE_ENABLED, MESH_CDB_FEATURE_DISABLED,
                                  MESH_CDB_FEATURE_UNSUPPORTED, MESH_CDB_FEATURE_UNSUPPORTED);
      node->default_ttl = 5;

      element = mesh_cdb_node_add_element (node);
      element->location = 0x0100;
      model = mesh_cdb_element_add_model (element);
      model->model_id = 0x0000;
      model = mesh_cdb_element_add_model (element);
      model->model_id = 0x0002;
      model = mesh_cdb_element_add_model (element);
      model->model_id = 0x1000;
      mesh_cdb_address_set (&group, 0xC000 + i % 16);
      g_array_append_val (model->subscribe, group);
      g_array_append_val (model->bind, bind);
      model->has_publish = TRUE;
      model->publish.address = group;
      model->publish.ttl = 255;
      model->publish.period_resolution = 100;
      model->publish.retransmit_interval = 50;
    }

  return document;
}
