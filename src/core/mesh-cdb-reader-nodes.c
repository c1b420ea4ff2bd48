/* mesh-cdb-reader-nodes.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-cdb-reader-private.h"
#include "mesh-error.h"

/* A node of the file, with its keys, elements, models and configuration. */

#define fail mesh_cdb_set_error

static gboolean
read_node_keys (JsonObject  *object,
                const char  *member,
                const Where *where,
                GArray      *out,
                GError     **error)
{
  /* Translators: "an entry of “netKeys” of node “Kitchen”" */
  Where mesh_cdb_entry_where = { where, N_("an entry of “%s” of %s"), ARGS_TEXT_PARENT, member, 0 };
  JsonArray *array;

  if (!mesh_cdb_get_array (object, member, TRUE, where, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = mesh_cdb_item_object (array, i, member, where, error);
      MeshCdbNodeKey key;
      gint64 index;

      if (item == NULL ||
          !mesh_cdb_get_int (item, "index", TRUE, 0, MESH_CDB_MAX_KEY_INDEX, &mesh_cdb_entry_where, &index, NULL, error) ||
          !mesh_cdb_get_bool (item, "updated", TRUE, &mesh_cdb_entry_where, &key.updated, NULL, error))
        return FALSE;
      key.index = index;
      g_array_append_val (out, key);
    }
  return TRUE;
}

static gboolean
read_transmit (JsonObject      *object,
               const Where     *where,
               guint            min_count,
               guint            max_count,
               guint            min_interval,
               guint            max_interval,
               guint            interval_step,
               guint8          *count,
               guint16         *interval,
               GError         **error)
{
  gint64 value;

  if (!mesh_cdb_get_int (object, "count", TRUE, min_count, max_count, where, &value, NULL, error))
    return FALSE;
  *count = value;

  if (!mesh_cdb_get_int (object, "interval", TRUE, min_interval, max_interval, where, &value, NULL, error))
    return FALSE;
  if (value % interval_step != 0)
    return fail (error, _("The “interval” member of %s is %d ms, which is not a multiple of %u ms."),
                 mesh_cdb_where (where), (int) value, interval_step);
  *interval = value;
  return TRUE;
}

static gboolean
read_publish (JsonObject      *object,
              const Where     *model_where,
              MeshCdbPublish  *publish,
              GError         **error)
{
  Where where_ = { model_where, N_("the publication of %s"), ARGS_PARENT, NULL, 0 };
  Where period_where_ = { model_where, N_("the publication period of %s"), ARGS_PARENT, NULL, 0 };
  Where retransmit_where_ = { model_where, N_("the publication retransmission of %s"), ARGS_PARENT, NULL, 0 };
  const Where *where = &where_;
  const Where *period_where = &period_where_;
  const Where *retransmit_where = &retransmit_where_;
  JsonObject *period, *retransmit;
  gint64 value;

  if (!mesh_cdb_get_address (object, "address", where, &publish->address, error))
    return FALSE;

  if (!mesh_cdb_get_int (object, "index", TRUE, 0, MESH_CDB_MAX_KEY_INDEX, where, &value, NULL, error))
    return FALSE;
  publish->index = value;

  /* 0–127, or 255: "use the node's default TTL". */
  if (!mesh_cdb_get_int (object, "ttl", TRUE, 0, 255, where, &value, NULL, error))
    return FALSE;
  if (value > 127 && value != 255)
    return fail (error, _("The “ttl” member of %s is %d; it must be from 0 to 127, or 255 for the default TTL."),
                 mesh_cdb_where (where), (int) value);
  publish->ttl = value;

  if (!mesh_cdb_get_int (object, "credentials", TRUE, 0, 1, where, &value, NULL, error))
    return FALSE;
  publish->credentials = value;

  if (!mesh_cdb_get_object (object, "period", TRUE, where, &period, error) ||
      !mesh_cdb_get_int (period, "numberOfSteps", TRUE, 0, 63, period_where, &value, NULL, error))
    return FALSE;
  publish->period_steps = value;

  if (!mesh_cdb_get_int (period, "resolution", TRUE, 0, 600000, period_where, &value, NULL, error))
    return FALSE;
  if (value != 100 && value != 1000 && value != 10000 && value != 600000)
    return fail (error, _("The “resolution” member of %s is %d; it must be 100, 1000, 10000 or 600000 (milliseconds)."),
                 mesh_cdb_where (period_where), (int) value);
  publish->period_resolution = value;

  return mesh_cdb_get_object (object, "retransmit", TRUE, where, &retransmit, error) &&
         read_transmit (retransmit, retransmit_where, 0, 7, 50, 1600, 50,
                        &publish->retransmit_count, &publish->retransmit_interval, error);
}

static gboolean
read_model (JsonObject      *object,
            guint            position,
            const Where     *element_where,
            MeshCdbElement  *element,
            GError         **error)
{
  Where position_where_ = { element_where, N_("model number %u of %s"), ARGS_NUMBER_PARENT, NULL, position + 1 };
  Where where_ = { element_where, N_("model %s of %s"), ARGS_TEXT_PARENT, NULL, 0 };
  const Where *position_where = &position_where_;
  const Where *where = &where_;
  MeshCdbModel *model = mesh_cdb_element_add_model (element);
  JsonArray *subscribe, *bind;
  JsonObject *publish;
  const char *id;
  guint8 id_bytes[4];

  if (!mesh_cdb_get_string (object, "modelId", TRUE, position_where, &id, error))
    return FALSE;

  /* 4 hex digits for a SIG model; 8 for a vendor model, company ID first. */
  if (mesh_cdb_hex_parse (id, id_bytes, 2))
    model->model_id = id_bytes[0] << 8 | id_bytes[1];
  else if (mesh_cdb_hex_parse (id, id_bytes, 4))
    {
      model->model_id = (guint32) id_bytes[0] << 24 | id_bytes[1] << 16 | id_bytes[2] << 8 | id_bytes[3];
      model->vendor = TRUE;
    }
  else
    return fail (error, _("The “modelId” member of %s is “%s”, which is neither 4 hex digits (a SIG model) nor 8 (a vendor model)."),
                 mesh_cdb_where (position_where), id);

  where_.text = id;

  if (!mesh_cdb_get_array (object, "subscribe", TRUE, where, &subscribe, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (subscribe); i++)
    {
      JsonNode *node = json_array_get_element (subscribe, i);
      MeshCdbAddress address;

      if (!mesh_cdb_node_is_string (node))
        return mesh_cdb_item_wrong_type (where, "subscribe", i, _("a string"), error);
      if (!mesh_cdb_parse_address (json_node_get_string (node), &address))
        return fail (error, _("Item %u of the “%s” array of %s is “%s”, which is neither an address of 4 hex digits nor a virtual label of 32 hex digits."),
                     i + 1, "subscribe", mesh_cdb_where (where), json_node_get_string (node));
      g_array_append_val (model->subscribe, address);
    }

  if (!mesh_cdb_get_object (object, "publish", FALSE, where, &publish, error))
    return FALSE;
  if (publish != NULL)
    {
      model->has_publish = TRUE;
      if (!read_publish (publish, where, &model->publish, error))
        return FALSE;
    }

  if (!mesh_cdb_get_array (object, "bind", TRUE, where, &bind, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (bind); i++)
    {
      gint64 index;
      guint16 index16;

      if (!mesh_cdb_node_get_integer (json_array_get_element (bind, i), &index))
        return mesh_cdb_item_wrong_type (where, "bind", i, _("a whole number"), error);
      if (index < 0 || index > MESH_CDB_MAX_KEY_INDEX)
        return fail (error, _("Item %u of the “%s” array of %s is %d; key indexes go from 0 to 4095."),
                     i + 1, "bind", mesh_cdb_where (where), (int) CLAMP (index, G_MININT, G_MAXINT));
      index16 = index;
      g_array_append_val (model->bind, index16);
    }
  return TRUE;
}

static gboolean
read_element (JsonObject   *object,
              guint         position,
              const Where  *node_where,
              MeshCdbNode  *node,
              GError      **error)
{
  Where position_where_ = { node_where, N_("element number %u of %s"), ARGS_NUMBER_PARENT, NULL, position + 1 };
  Where where_ = { node_where, N_("element %u of %s"), ARGS_NUMBER_PARENT, NULL, 0 };
  const Where *position_where = &position_where_;
  const Where *where = &where_;
  MeshCdbElement *element = mesh_cdb_node_add_element (node);
  JsonArray *models;
  const char *name;
  gint64 index;

  if (!mesh_cdb_get_int (object, "index", TRUE, 0, 255, position_where, &index, NULL, error))
    return FALSE;
  element->index = index;

  where_.number = element->index;

  if (!mesh_cdb_get_string (object, "name", FALSE, where, &name, error) ||
      !mesh_cdb_get_hex16 (object, "location", TRUE, where, &element->location, NULL, error) ||
      !mesh_cdb_get_array (object, "models", TRUE, where, &models, error))
    return FALSE;
  element->name = g_strdup (name);

  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonObject *item = mesh_cdb_item_object (models, i, "models", where, error);

      if (item == NULL || !read_model (item, i, where, element, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_features (JsonObject   *object,
               const Where  *where,
               MeshCdbNode  *node,
               GError      **error)
{
  static const char *names[] = { "relay", "proxy", "friend", "lowPower" };
  MeshCdbFeatureState *states[] = { &node->relay, &node->proxy, &node->friend_, &node->low_power };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gboolean found;
      gint64 value;

      if (!mesh_cdb_get_int (object, names[i], FALSE, 0, 2, where, &value, &found, error))
        return FALSE;
      *states[i] = found ? (MeshCdbFeatureState) value : MESH_CDB_FEATURE_ABSENT;
    }
  return TRUE;
}

static gboolean
read_heartbeat_pub (JsonObject   *object,
                    const Where  *where,
                    MeshCdbNode  *node,
                    GError      **error)
{
  static const struct { const char *name; guint bit; } features[] = {
    { "relay", MESH_CDB_HEARTBEAT_RELAY },
    { "proxy", MESH_CDB_HEARTBEAT_PROXY },
    { "friend", MESH_CDB_HEARTBEAT_FRIEND },
    { "lowPower", MESH_CDB_HEARTBEAT_LOW_POWER },
  };
  MeshCdbHeartbeatPub *pub = &node->heartbeat_pub;
  JsonArray *array;
  gint64 value;

  if (!mesh_cdb_get_hex16 (object, "address", TRUE, where, &pub->address, NULL, error))
    return FALSE;

  /* Seconds between heartbeats: 0 (none) or 2^(n-1) for n = 1–17. */
  if (!mesh_cdb_get_int (object, "period", TRUE, 0, 65536, where, &value, NULL, error))
    return FALSE;
  if (value != 0 && (value & (value - 1)) != 0)
    return fail (error, _("The “period” member of %s is %d seconds; it must be 0 or a power of 2 up to 65536."),
                 mesh_cdb_where (where), (int) value);
  pub->period = value;

  if (!mesh_cdb_get_int (object, "ttl", TRUE, 0, 127, where, &value, NULL, error))
    return FALSE;
  pub->ttl = value;

  if (!mesh_cdb_get_int (object, "index", TRUE, 0, MESH_CDB_MAX_KEY_INDEX, where, &value, NULL, error))
    return FALSE;
  pub->index = value;

  if (!mesh_cdb_get_array (object, "features", TRUE, where, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      guint bit = 0;

      if (!mesh_cdb_node_is_string (item))
        return mesh_cdb_item_wrong_type (where, "features", i, _("a string"), error);
      for (guint f = 0; f < G_N_ELEMENTS (features); f++)
        if (g_str_equal (json_node_get_string (item), features[f].name))
          bit = features[f].bit;
      if (bit == 0)
        return fail (error, _("Item %u of the “%s” array of %s is “%s”; it must be “relay”, “proxy”, “friend” or “lowPower”."),
                     i + 1, "features", mesh_cdb_where (where), json_node_get_string (item));
      pub->features |= bit;
    }
  node->present |= MESH_CDB_NODE_HAS_HEARTBEAT_PUB;
  return TRUE;
}

static gboolean
read_heartbeat_sub (JsonObject   *node_object,
                    const Where  *node_where,
                    MeshCdbNode  *node,
                    GError      **error)
{
  Where where_ = { node_where, N_("the heartbeat subscription of %s"), ARGS_PARENT, NULL, 0 };
  const Where *where = &where_;
  JsonNode *member = mesh_cdb_lookup_member (node_object, "heartbeatSub", FALSE);
  JsonObject *object;

  if (member == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      node->heartbeat_sub_is_array = TRUE;
      if (json_array_get_length (array) == 0)
        return TRUE;
      if (json_array_get_length (array) > 1)
        return fail (error, _("%s has more than one heartbeat subscription; a node has only one."),
                     mesh_cdb_where (node_where));
      if ((object = mesh_cdb_item_object (array, 0, "heartbeatSub", node_where, error)) == NULL)
        return FALSE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (member))
    object = json_node_get_object (member);
  else
    return mesh_cdb_wrong_type (node_where, "heartbeatSub", _("an object"), error);

  if (!mesh_cdb_get_hex16 (object, "source", TRUE, where, &node->heartbeat_sub.source, NULL, error) ||
      !mesh_cdb_get_hex16 (object, "destination", TRUE, where, &node->heartbeat_sub.destination, NULL, error))
    return FALSE;
  node->present |= MESH_CDB_NODE_HAS_HEARTBEAT_SUB;
  return TRUE;
}

gboolean
mesh_cdb_read_node (Reader      *reader,
                    JsonObject  *object,
                    guint        position,
                    GError     **error)
{
  Where where_ = mesh_cdb_entry_where (object, "name", N_("node “%s”"),
                              N_("node number %u in the file"), position);
  const Where *where = &where_;
  MeshCdbNode *node = mesh_cdb_document_add_node (reader->doc);
  JsonObject *features, *network_transmit, *relay_retransmit, *heartbeat_pub;
  JsonArray *elements;
  const char *name;
  gboolean found;
  gint64 value;

  if (!mesh_cdb_get_uuid (object, "UUID", where, node->uuid, error) ||
      !mesh_cdb_get_hex16 (object, "unicastAddress", TRUE, where, &node->unicast, NULL, error) ||
      !mesh_cdb_get_key (object, "deviceKey", FALSE, where, node->device_key, &found, error))
    return FALSE;
  if (found)
    node->present |= MESH_CDB_NODE_HAS_DEVICE_KEY;

  if (!mesh_cdb_read_security (object, "security", where, &node->security, error) ||
      !read_node_keys (object, "netKeys", where, node->net_keys, error) ||
      !read_node_keys (object, "appKeys", where, node->app_keys, error) ||
      !mesh_cdb_get_bool (object, "configComplete", TRUE, where, &node->config_complete, NULL, error) ||
      !mesh_cdb_get_string (object, "name", FALSE, where, &name, error))
    return FALSE;
  node->name = g_strdup (name);

  if (!mesh_cdb_get_hex16 (object, "cid", FALSE, where, &node->cid, &found, error))
    return FALSE;
  node->present |= found ? MESH_CDB_NODE_HAS_CID : 0;
  if (!mesh_cdb_get_hex16 (object, "pid", FALSE, where, &node->pid, &found, error))
    return FALSE;
  node->present |= found ? MESH_CDB_NODE_HAS_PID : 0;
  if (!mesh_cdb_get_hex16 (object, "vid", FALSE, where, &node->vid, &found, error))
    return FALSE;
  node->present |= found ? MESH_CDB_NODE_HAS_VID : 0;
  if (!mesh_cdb_get_hex16 (object, "crpl", FALSE, where, &node->crpl, &found, error))
    return FALSE;
  node->present |= found ? MESH_CDB_NODE_HAS_CRPL : 0;

  if (!mesh_cdb_get_object (object, "features", FALSE, where, &features, error))
    return FALSE;
  if (features != NULL)
    {
      Where features_where = { where, N_("the features of %s"), ARGS_PARENT, NULL, 0 };

      node->present |= MESH_CDB_NODE_HAS_FEATURES;
      if (!read_features (features, &features_where, node, error))
        return FALSE;
    }

  if (!mesh_cdb_get_bool (object, "secureNetworkBeacon", FALSE, where, &node->secure_network_beacon, &found, error))
    return FALSE;
  node->present |= found ? MESH_CDB_NODE_HAS_SECURE_NETWORK_BEACON : 0;

  if (!mesh_cdb_get_int (object, "defaultTTL", FALSE, 0, 127, where, &value, &found, error))
    return FALSE;
  node->default_ttl = value;
  node->present |= found ? MESH_CDB_NODE_HAS_DEFAULT_TTL : 0;

  if (!mesh_cdb_get_object (object, "networkTransmit", FALSE, where, &network_transmit, error))
    return FALSE;
  if (network_transmit != NULL)
    {
      Where transmit_where = { where, N_("the network transmit setting of %s"), ARGS_PARENT, NULL, 0 };

      node->present |= MESH_CDB_NODE_HAS_NETWORK_TRANSMIT;
      if (!read_transmit (network_transmit, &transmit_where, 1, 8, 10, 320, 10,
                          &node->network_transmit.count, &node->network_transmit.interval, error))
        return FALSE;
    }

  if (!mesh_cdb_get_object (object, "relayRetransmit", FALSE, where, &relay_retransmit, error))
    return FALSE;
  if (relay_retransmit != NULL)
    {
      Where transmit_where = { where, N_("the relay retransmit setting of %s"), ARGS_PARENT, NULL, 0 };

      node->present |= MESH_CDB_NODE_HAS_RELAY_RETRANSMIT;
      if (!read_transmit (relay_retransmit, &transmit_where, 1, 8, 10, 320, 10,
                          &node->relay_retransmit.count, &node->relay_retransmit.interval, error))
        return FALSE;
    }

  if (!mesh_cdb_get_array (object, "elements", TRUE, where, &elements, error))
    return FALSE;
  if (json_array_get_length (elements) > 255)
    return fail (error, _("%s has %u elements; a node has at most 255."),
                 mesh_cdb_where (where), json_array_get_length (elements));
  for (guint i = 0; i < json_array_get_length (elements); i++)
    {
      JsonObject *item = mesh_cdb_item_object (elements, i, "elements", where, error);

      if (item == NULL || !read_element (item, i, where, node, error))
        return FALSE;
    }

  if (!mesh_cdb_get_bool (object, "excluded", TRUE, where, &node->excluded, NULL, error) ||
      !mesh_cdb_get_object (object, "heartbeatPub", FALSE, where, &heartbeat_pub, error))
    return FALSE;
  if (heartbeat_pub != NULL)
    {
      Where pub_where = { where, N_("the heartbeat publication of %s"), ARGS_PARENT, NULL, 0 };

      if (!read_heartbeat_pub (heartbeat_pub, &pub_where, node, error))
        return FALSE;
    }

  return read_heartbeat_sub (object, where, node, error);
}
