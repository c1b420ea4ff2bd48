/* mesh-test-node.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-crypto.h"
#include "mesh-opcode.h"
#include "mesh-status-code.h"
#include "mesh-test-node.h"
#include "mesh-wire.h"

#define CID 0x05f1

static void
garray_unref (gpointer data)
{
  g_array_unref (data);
}

static guint16
get_u16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static void
put_u16 (GByteArray *array,
         guint16     value)
{
  guint8 octets[2] = { value & 0xff, value >> 8 };

  g_byte_array_append (array, octets, 2);
}

static GByteArray *
reply_new (MeshOpcode opcode)
{
  GByteArray *array = g_byte_array_new ();

  mesh_opcode_append (array, opcode);
  return array;
}

static GBytes *
reply_end (GByteArray *array)
{
  return g_byte_array_free_to_bytes (array);
}

/* A model named in a request: element address, then SIG (2) or vendor (4)
 * model ID, as the rest of the parameters' length tells. */
typedef struct
{
  guint16      element;
  const guint8 *id;       /* the model ID's octets, as sent */
  gsize         id_len;
  guint64       key;
} ModelRef;

static gboolean
parse_model (const guint8 *id,
             gsize         id_len,
             guint16       element,
             ModelRef     *ref)
{
  if (id_len != 2 && id_len != 4)
    return FALSE;

  ref->element = element;
  ref->id = id;
  ref->id_len = id_len;
  ref->key = ((guint64) element << 33) | ((guint64) (id_len == 4) << 32) |
             (id_len == 4 ? ((guint32) get_u16 (id) << 16) | get_u16 (id + 2) : get_u16 (id));
  return TRUE;
}

/* The status for a model: Invalid Address or Invalid Model if the node has
 * no such element or model. */
static guint8
check_model (MeshTestNode   *node,
             const ModelRef *ref)
{
  guint index;

  if (ref->element < node->unicast || ref->element >= node->unicast + node->n_elements)
    return MESH_STATUS_INVALID_ADDRESS;

  index = ref->element - node->unicast;
  if (ref->id_len == 4)
    return index == 0 && get_u16 (ref->id) == CID && get_u16 (ref->id + 2) == 0x0001
           ? MESH_STATUS_SUCCESS : MESH_STATUS_INVALID_MODEL;

  switch (get_u16 (ref->id))
    {
    case 0x1000:
      return MESH_STATUS_SUCCESS;
    case 0x0000:
    case 0x1002:
      return index == 0 ? MESH_STATUS_SUCCESS : MESH_STATUS_INVALID_MODEL;
    default:
      return MESH_STATUS_INVALID_MODEL;
    }
}

static GArray *
model_list (GHashTable *table,
            guint64     key)
{
  GArray *list = g_hash_table_lookup (table, &key);

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint16));
      g_hash_table_insert (table, g_memdup2 (&key, sizeof key), list);
    }

  return list;
}

static gboolean
list_remove (GArray  *list,
             guint16  value)
{
  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, guint16, i) == value)
      {
        g_array_remove_index (list, i);
        return TRUE;
      }

  return FALSE;
}

static void
list_add (GArray  *list,
          guint16  value)
{
  list_remove (list, value);
  g_array_append_val (list, value);
}

static GBytes *
composition_status (MeshTestNode *node)
{
  GByteArray *r = reply_new (MESH_OP_CONFIG_COMPOSITION_DATA_STATUS);
  static const guint8 header[] = { 0x00,               /* page */
                                   0xf1, 0x05, 0x01, 0x00, 0x02, 0x00,  /* CID PID VID */
                                   0x20, 0x00, 0x03, 0x00 };            /* CRPL, relay|proxy */
  static const guint8 element0[] = { 0x00, 0x01, 3, 1,
                                     0x00, 0x00, 0x00, 0x10, 0x02, 0x10,
                                     0xf1, 0x05, 0x01, 0x00 };
  static const guint8 element_n[] = { 0x00, 0x01, 1, 0, 0x00, 0x10 };

  g_byte_array_append (r, header, sizeof header);
  g_byte_array_append (r, element0, sizeof element0);
  for (guint i = 1; i < node->n_elements; i++)
    g_byte_array_append (r, element_n, sizeof element_n);

  return reply_end (r);
}

static GBytes *
appkey_reply (MeshTestNode *node,
              MeshOpcode    opcode,
              const guint8 *p,
              gsize         len)
{
  GByteArray *r = reply_new (MESH_OP_CONFIG_APPKEY_STATUS);
  guint16 net_index, app_index;
  guint8 status = MESH_STATUS_SUCCESS;
  GBytes *existing;

  if (len != (opcode == MESH_OP_CONFIG_APPKEY_DELETE ? 3 : 19))
    return NULL;

  mesh_key_index_pair_unpack (p, &net_index, &app_index);
  existing = g_hash_table_lookup (node->app_keys, GUINT_TO_POINTER (app_index));

  if (net_index != 0)
    status = MESH_STATUS_INVALID_NETKEY_INDEX;
  else if (opcode == MESH_OP_CONFIG_APPKEY_ADD)
    {
      g_autoptr(GBytes) key = g_bytes_new (p + 3, 16);

      if (existing != NULL && !g_bytes_equal (existing, key))
        status = MESH_STATUS_KEY_INDEX_ALREADY_STORED;
      else
        g_hash_table_insert (node->app_keys, GUINT_TO_POINTER (app_index), g_steal_pointer (&key));
    }
  else if (opcode == MESH_OP_CONFIG_APPKEY_UPDATE)
    {
      if (existing == NULL)
        status = MESH_STATUS_INVALID_APPKEY_INDEX;
      else
        g_hash_table_insert (node->app_keys, GUINT_TO_POINTER (app_index), g_bytes_new (p + 3, 16));
    }
  else
    {
      g_hash_table_remove (node->app_keys, GUINT_TO_POINTER (app_index));
    }

  g_byte_array_append (r, &status, 1);
  g_byte_array_append (r, p, 3);
  return reply_end (r);
}

static GBytes *
appkey_list (MeshTestNode *node,
             const guint8 *p,
             gsize         len)
{
  GByteArray *r = reply_new (MESH_OP_CONFIG_APPKEY_LIST);
  g_autoptr(GList) keys = NULL;
  guint16 indexes[2];
  guint n = 0;
  guint8 status = MESH_STATUS_SUCCESS;

  if (len != 2)
    return NULL;

  g_byte_array_append (r, &status, 1);
  g_byte_array_append (r, p, 2);

  keys = g_list_sort (g_hash_table_get_keys (node->app_keys), (GCompareFunc) NULL);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      indexes[n++] = GPOINTER_TO_UINT (l->data);
      if (n == 2)
        {
          guint8 pair[3];

          mesh_key_index_pair_pack (indexes[0], indexes[1], pair);
          g_byte_array_append (r, pair, 3);
          n = 0;
        }
    }
  if (n == 1)
    put_u16 (r, indexes[0]);

  return reply_end (r);
}

static GBytes *
bind_reply (MeshTestNode *node,
            MeshOpcode    opcode,
            const guint8 *p,
            gsize         len)
{
  GByteArray *r = reply_new (MESH_OP_CONFIG_MODEL_APP_STATUS);
  guint16 app_index;
  ModelRef ref;
  guint8 status;

  if (len < 6 || !parse_model (p + 4, len - 4, get_u16 (p), &ref))
    return NULL;

  app_index = get_u16 (p + 2);
  status = check_model (node, &ref);
  if (status == MESH_STATUS_SUCCESS && get_u16 (ref.id) == 0x0000 && ref.id_len == 2)
    status = MESH_STATUS_CANNOT_BIND;
  if (status == MESH_STATUS_SUCCESS &&
      !g_hash_table_contains (node->app_keys, GUINT_TO_POINTER (app_index)))
    status = MESH_STATUS_INVALID_APPKEY_INDEX;

  if (status == MESH_STATUS_SUCCESS)
    {
      GArray *list = model_list (node->bindings, ref.key);

      if (opcode == MESH_OP_CONFIG_MODEL_APP_BIND)
        list_add (list, app_index);
      else
        list_remove (list, app_index);
    }

  g_byte_array_append (r, &status, 1);
  g_byte_array_append (r, p, len);
  return reply_end (r);
}

/* SIG/Vendor Model App List and Subscription List */
static GBytes *
model_list_reply (MeshTestNode *node,
                  MeshOpcode    opcode,
                  GHashTable   *table,
                  const guint8 *p,
                  gsize         len)
{
  GByteArray *r = reply_new (opcode);
  ModelRef ref;
  guint8 status;

  if (len < 4 || !parse_model (p + 2, len - 2, get_u16 (p), &ref))
    return NULL;

  status = check_model (node, &ref);
  g_byte_array_append (r, &status, 1);
  g_byte_array_append (r, p, len);
  if (status == MESH_STATUS_SUCCESS)
    {
      GArray *list = model_list (table, ref.key);

      for (guint i = 0; i < list->len; i++)
        put_u16 (r, g_array_index (list, guint16, i));
    }

  return reply_end (r);
}

static GBytes *
subscription_reply (MeshTestNode *node,
                    MeshOpcode    opcode,
                    const guint8 *p,
                    gsize         len)
{
  GByteArray *r = reply_new (MESH_OP_CONFIG_MODEL_SUBSCRIPTION_STATUS);
  gboolean virtual = opcode == MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_ADD ||
                     opcode == MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_DELETE ||
                     opcode == MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_OVERWRITE;
  gboolean all = opcode == MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE_ALL;
  gsize address_len = all ? 0 : virtual ? 16 : 2;
  guint16 address = 0;
  ModelRef ref;
  guint8 status;

  if (len < 2 + address_len + 2 ||
      !parse_model (p + 2 + address_len, len - 2 - address_len, get_u16 (p), &ref))
    return NULL;

  if (virtual)
    address = mesh_crypto_virtual_address (p + 2);
  else if (!all)
    address = get_u16 (p + 2);

  status = check_model (node, &ref);
  if (status == MESH_STATUS_SUCCESS)
    {
      GArray *list = model_list (node->subscriptions, ref.key);

      switch (opcode)
        {
        case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_ADD:
        case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_ADD:
          list_add (list, address);
          break;
        case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE:
        case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_DELETE:
          list_remove (list, address);
          break;
        case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_OVERWRITE:
        case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_OVERWRITE:
          g_array_set_size (list, 0);
          list_add (list, address);
          break;
        default:
          g_array_set_size (list, 0);
          break;
        }
    }

  g_byte_array_append (r, &status, 1);
  put_u16 (r, get_u16 (p));
  put_u16 (r, address);
  g_byte_array_append (r, ref.id, ref.id_len);
  return reply_end (r);
}

static GBytes *
publication_reply (MeshTestNode *node,
                   MeshOpcode    opcode,
                   const guint8 *p,
                   gsize         len)
{
  GByteArray *r = reply_new (MESH_OP_CONFIG_MODEL_PUBLICATION_STATUS);
  gsize address_len = opcode == MESH_OP_CONFIG_MODEL_PUBLICATION_VIRTUAL_SET ? 16 : 2;
  gsize state_len = opcode == MESH_OP_CONFIG_MODEL_PUBLICATION_GET ? 0 : address_len + 5;
  guint8 state[7] = { 0 };
  GBytes *stored;
  ModelRef ref;
  guint8 status;

  if (len < 2 + state_len + 2 || !parse_model (p + 2 + state_len, len - 2 - state_len, get_u16 (p), &ref))
    return NULL;

  status = check_model (node, &ref);
  if (status == MESH_STATUS_SUCCESS && state_len > 0)
    {
      guint16 address = address_len == 16 ? mesh_crypto_virtual_address (p + 2) : get_u16 (p + 2);

      state[0] = address & 0xff;
      state[1] = address >> 8;
      memcpy (state + 2, p + 2 + address_len, 5);
      g_hash_table_insert (node->publications, g_memdup2 (&ref.key, sizeof ref.key), g_bytes_new (state, 7));
    }

  stored = g_hash_table_lookup (node->publications, &ref.key);
  if (stored != NULL && status == MESH_STATUS_SUCCESS)
    memcpy (state, g_bytes_get_data (stored, NULL), 7);

  g_byte_array_append (r, &status, 1);
  put_u16 (r, get_u16 (p));
  g_byte_array_append (r, state, 7);
  g_byte_array_append (r, ref.id, ref.id_len);
  return reply_end (r);
}

static GBytes *
one_octet_state (MeshOpcode    status_opcode,
                 guint8       *state,
                 const guint8 *p,
                 gsize         len,
                 gsize         set_len)
{
  GByteArray *r = reply_new (status_opcode);

  if (len != 0 && len != set_len)
    return NULL;
  if (len > 0)
    memcpy (state, p, set_len);

  g_byte_array_append (r, state, set_len);
  return reply_end (r);
}

static GBytes *
onoff_reply (MeshTestNode *node,
             guint16       destination,
             MeshOpcode    opcode,
             const guint8 *p,
             gsize         len)
{
  gboolean *state = &node->onoff[destination - node->unicast];
  GByteArray *r;
  guint8 present;

  if (opcode != MESH_OP_GENERIC_ONOFF_GET)
    {
      if ((len != 2 && len != 4) || p[0] > 1)
        return NULL;
      *state = p[0];
    }

  if (opcode == MESH_OP_GENERIC_ONOFF_SET_UNACKNOWLEDGED)
    return NULL;

  r = reply_new (MESH_OP_GENERIC_ONOFF_STATUS);
  present = *state;
  g_byte_array_append (r, &present, 1);
  return reply_end (r);
}

static GBytes *
level_reply (MeshTestNode *node,
             MeshOpcode    opcode,
             const guint8 *p,
             gsize         len)
{
  GByteArray *r;

  if (opcode != MESH_OP_GENERIC_LEVEL_GET)
    {
      if (len != 3 && len != 5)
        return NULL;
      node->level = (gint16) get_u16 (p);
    }

  if (opcode == MESH_OP_GENERIC_LEVEL_SET_UNACKNOWLEDGED)
    return NULL;

  r = reply_new (MESH_OP_GENERIC_LEVEL_STATUS);
  put_u16 (r, (guint16) node->level);
  return reply_end (r);
}

void
mesh_test_node_free (MeshTestNode *node)
{
  g_hash_table_unref (node->app_keys);
  g_hash_table_unref (node->bindings);
  g_hash_table_unref (node->subscriptions);
  g_hash_table_unref (node->publications);
  g_free (node->onoff);
  g_queue_clear_full (&node->canned, (GDestroyNotify) g_bytes_unref);
  g_free (node);
}

MeshTestNode *
mesh_test_node_new (guint16 unicast,
                    guint   n_elements)
{
  MeshTestNode *node = g_new0 (MeshTestNode, 1);

  node->unicast = unicast;
  node->n_elements = n_elements;
  node->app_keys = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_bytes_unref);
  node->bindings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, garray_unref);
  node->subscriptions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, garray_unref);
  node->publications = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) g_bytes_unref);
  node->default_ttl = 7;
  node->proxy = 1;
  node->beacon = 1;
  node->onoff = g_new0 (gboolean, n_elements);
  g_queue_init (&node->canned);

  return node;
}

/* What the node answers to a message, or NULL. */
GBytes *
mesh_test_node_answer (MeshTestNode     *node,
                       MeshTransportKey  key,
                       guint16           key_index,
                       guint16           destination,
                       GBytes           *message)
{
  const guint8 *data;
  const guint8 *p;
  gsize len, size;
  MeshOpcode opcode;

  data = g_bytes_get_data (message, &len);
  if (!mesh_opcode_decode (data, len, &opcode, &size, NULL))
    return NULL;
  p = data + size;
  len -= size;

  if (key == MESH_TRANSPORT_KEY_APPLICATION)
    {
      if (!g_hash_table_contains (node->app_keys, GUINT_TO_POINTER (key_index)))
        return NULL;

      switch (opcode)
        {
        case MESH_OP_GENERIC_ONOFF_GET:
        case MESH_OP_GENERIC_ONOFF_SET:
        case MESH_OP_GENERIC_ONOFF_SET_UNACKNOWLEDGED:
          return onoff_reply (node, destination, opcode, p, len);
        case MESH_OP_GENERIC_LEVEL_GET:
        case MESH_OP_GENERIC_LEVEL_SET:
        case MESH_OP_GENERIC_LEVEL_SET_UNACKNOWLEDGED:
          return level_reply (node, opcode, p, len);
        default:
          return NULL;
        }
    }

  /* Configuration messages go to the primary element. */
  if (destination != node->unicast)
    return NULL;

  switch (opcode)
    {
    case MESH_OP_CONFIG_COMPOSITION_DATA_GET:
      return len == 1 ? composition_status (node) : NULL;
    case MESH_OP_CONFIG_APPKEY_ADD:
    case MESH_OP_CONFIG_APPKEY_UPDATE:
    case MESH_OP_CONFIG_APPKEY_DELETE:
      return appkey_reply (node, opcode, p, len);
    case MESH_OP_CONFIG_APPKEY_GET:
      return appkey_list (node, p, len);
    case MESH_OP_CONFIG_MODEL_APP_BIND:
    case MESH_OP_CONFIG_MODEL_APP_UNBIND:
      return bind_reply (node, opcode, p, len);
    case MESH_OP_CONFIG_SIG_MODEL_APP_GET:
      return model_list_reply (node, MESH_OP_CONFIG_SIG_MODEL_APP_LIST, node->bindings, p, len);
    case MESH_OP_CONFIG_VENDOR_MODEL_APP_GET:
      return model_list_reply (node, MESH_OP_CONFIG_VENDOR_MODEL_APP_LIST, node->bindings, p, len);
    case MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_GET:
      return model_list_reply (node, MESH_OP_CONFIG_SIG_MODEL_SUBSCRIPTION_LIST, node->subscriptions, p, len);
    case MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_GET:
      return model_list_reply (node, MESH_OP_CONFIG_VENDOR_MODEL_SUBSCRIPTION_LIST, node->subscriptions, p, len);
    case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_ADD:
    case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE:
    case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_OVERWRITE:
    case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_DELETE_ALL:
    case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_ADD:
    case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_DELETE:
    case MESH_OP_CONFIG_MODEL_SUBSCRIPTION_VIRTUAL_OVERWRITE:
      return subscription_reply (node, opcode, p, len);
    case MESH_OP_CONFIG_MODEL_PUBLICATION_GET:
    case MESH_OP_CONFIG_MODEL_PUBLICATION_SET:
    case MESH_OP_CONFIG_MODEL_PUBLICATION_VIRTUAL_SET:
      return publication_reply (node, opcode, p, len);
    case MESH_OP_CONFIG_DEFAULT_TTL_GET:
    case MESH_OP_CONFIG_DEFAULT_TTL_SET:
      return one_octet_state (MESH_OP_CONFIG_DEFAULT_TTL_STATUS, &node->default_ttl, p, len, 1);
    case MESH_OP_CONFIG_GATT_PROXY_GET:
    case MESH_OP_CONFIG_GATT_PROXY_SET:
      return one_octet_state (MESH_OP_CONFIG_GATT_PROXY_STATUS, &node->proxy, p, len, 1);
    case MESH_OP_CONFIG_BEACON_GET:
    case MESH_OP_CONFIG_BEACON_SET:
      return one_octet_state (MESH_OP_CONFIG_BEACON_STATUS, &node->beacon, p, len, 1);
    case MESH_OP_CONFIG_NETWORK_TRANSMIT_GET:
    case MESH_OP_CONFIG_NETWORK_TRANSMIT_SET:
      return one_octet_state (MESH_OP_CONFIG_NETWORK_TRANSMIT_STATUS, &node->network_transmit, p, len, 1);
    case MESH_OP_CONFIG_RELAY_GET:
    case MESH_OP_CONFIG_RELAY_SET:
      {
        guint8 state[2] = { node->relay, node->relay_retransmit };
        GBytes *reply = one_octet_state (MESH_OP_CONFIG_RELAY_STATUS, state, p, len, 2);

        node->relay = state[0];
        node->relay_retransmit = state[1];
        return reply;
      }
    case MESH_OP_CONFIG_NODE_RESET:
      node->reset = TRUE;
      return reply_end (reply_new (MESH_OP_CONFIG_NODE_RESET_STATUS));
    default:
      return NULL;
    }
}
