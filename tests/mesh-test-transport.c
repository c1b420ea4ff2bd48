/* mesh-test-transport.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-test-node.h"
#include "mesh-test-transport.h"

typedef struct
{
  MeshTransportKey  key;
  guint16           key_index;
  guint16           source;
  GBytes           *message;
} Answer;

struct _MeshTestTransport
{
  GObject     parent_instance;

  GHashTable *nodes;       /* unicast → MeshTestNode */
  GPtrArray  *sent;        /* MeshTestSent */
  GPtrArray  *held;        /* Answer */
  gboolean    hold;
  gboolean    duplicate;
  gboolean    fail_sends;
};

static void mesh_test_transport_iface_init (MeshTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MeshTestTransport, mesh_test_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MESH_TYPE_TRANSPORT, mesh_test_transport_iface_init))

static void
sent_free (MeshTestSent *sent)
{
  g_bytes_unref (sent->message);
  g_free (sent);
}

static void
answer_free (Answer *answer)
{
  g_bytes_unref (answer->message);
  g_free (answer);
}

static MeshTestNode *
find_node (MeshTestTransport *self,
           guint16            address)
{
  GHashTableIter iter;
  MeshTestNode *node;

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &node))
    if (address >= node->unicast && address < node->unicast + node->n_elements)
      return node;

  return NULL;
}

static void
deliver (MeshTestTransport *self,
         const Answer      *answer)
{
  mesh_transport_message_received (MESH_TRANSPORT (self), answer->key, answer->key_index,
                                   answer->source, 0x0001, answer->message);
}

typedef struct
{
  MeshTestTransport *self;
  Answer            *answer;
} Delivery;

static gboolean
delivery_cb (gpointer user_data)
{
  Delivery *d = user_data;

  deliver (d->self, d->answer);
  if (d->self->duplicate)
    deliver (d->self, d->answer);

  g_object_unref (d->self);
  answer_free (d->answer);
  g_free (d);
  return G_SOURCE_REMOVE;
}

static void
transport_send_async (MeshTransport       *transport,
                      MeshTransportKey     key,
                      guint16              key_index,
                      guint16              destination,
                      GBytes              *message,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  MeshTestTransport *self = MESH_TEST_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  MeshTestSent *sent;
  MeshTestNode *node;
  GBytes *reply = NULL;

  g_task_set_source_tag (task, transport_send_async);

  if (self->fail_sends)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "The daemon refused to send the message.");
      return;
    }

  sent = g_new0 (MeshTestSent, 1);
  sent->key = key;
  sent->key_index = key_index;
  sent->destination = destination;
  sent->message = g_bytes_ref (message);
  g_ptr_array_add (self->sent, sent);

  node = find_node (self, destination);
  if (node != NULL && !node->silent && !node->reset)
    {
      if (node->drop_next > 0)
        node->drop_next--;
      else if (!g_queue_is_empty (&node->canned))
        reply = g_queue_pop_head (&node->canned);
      else
        reply = mesh_test_node_answer (node, key, key_index, destination, message);
    }

  if (reply != NULL)
    {
      Answer *answer = g_new0 (Answer, 1);

      answer->key = key;
      answer->key_index = key_index;
      answer->source = destination;
      answer->message = reply;

      if (self->hold)
        {
          g_ptr_array_add (self->held, answer);
        }
      else
        {
          Delivery *d = g_new0 (Delivery, 1);

          /* After the send has completed, as a radio would. */
          d->self = g_object_ref (self);
          d->answer = answer;
          g_idle_add_full (G_PRIORITY_LOW, delivery_cb, d, NULL);
        }
    }

  g_task_return_boolean (task, TRUE);
}

static gboolean
transport_send_finish (MeshTransport  *transport,
                       GAsyncResult   *result,
                       GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

MeshTestTransport *
mesh_test_transport_new (void)
{
  return g_object_new (MESH_TYPE_TEST_TRANSPORT, NULL);
}

void
mesh_test_transport_add_node (MeshTestTransport *self,
                              guint16            unicast,
                              guint              n_elements)
{
  MeshTestNode *node = mesh_test_node_new (unicast, n_elements);

  g_hash_table_insert (self->nodes, GUINT_TO_POINTER (unicast), node);
}

static MeshTestNode *
get_node (MeshTestTransport *self,
          guint16            unicast)
{
  MeshTestNode *node = g_hash_table_lookup (self->nodes, GUINT_TO_POINTER (unicast));

  g_assert_nonnull (node);
  return node;
}

void
mesh_test_transport_set_silent (MeshTestTransport *self,
                                guint16            unicast,
                                gboolean           silent)
{
  get_node (self, unicast)->silent = silent;
}

void
mesh_test_transport_drop_next (MeshTestTransport *self,
                               guint16            unicast,
                               guint              count)
{
  get_node (self, unicast)->drop_next = count;
}

void
mesh_test_transport_push_reply (MeshTestTransport *self,
                                guint16            unicast,
                                GBytes            *reply)
{
  g_queue_push_tail (&get_node (self, unicast)->canned, g_bytes_ref (reply));
}

void
mesh_test_transport_set_duplicate (MeshTestTransport *self,
                                   gboolean           duplicate)
{
  self->duplicate = duplicate;
}

void
mesh_test_transport_set_hold (MeshTestTransport *self,
                              gboolean           hold)
{
  self->hold = hold;
}

guint
mesh_test_transport_get_n_held (MeshTestTransport *self)
{
  return self->held->len;
}

guint16
mesh_test_transport_get_held_source (MeshTestTransport *self,
                                     guint              index)
{
  g_assert_cmpuint (index, <, self->held->len);
  return ((Answer *) self->held->pdata[index])->source;
}

/* Emits the held answer at once. */
void
mesh_test_transport_release (MeshTestTransport *self,
                             guint              index)
{
  Answer *answer;

  g_assert_cmpuint (index, <, self->held->len);
  answer = g_ptr_array_steal_index (self->held, index);
  deliver (self, answer);
  answer_free (answer);
}

void
mesh_test_transport_set_fail_sends (MeshTestTransport *self,
                                    gboolean           fail)
{
  self->fail_sends = fail;
}

GPtrArray *
mesh_test_transport_get_sent (MeshTestTransport *self)
{
  return self->sent;
}

guint
mesh_test_transport_count_sent (MeshTestTransport *self,
                                guint16            destination)
{
  guint n = 0;

  for (guint i = 0; i < self->sent->len; i++)
    if (((MeshTestSent *) self->sent->pdata[i])->destination == destination)
      n++;

  return n;
}

void
mesh_test_transport_clear_sent (MeshTestTransport *self)
{
  g_ptr_array_set_size (self->sent, 0);
}

gboolean
mesh_test_transport_get_onoff (MeshTestTransport *self,
                               guint16            element_address)
{
  MeshTestNode *node = find_node (self, element_address);

  g_assert_nonnull (node);
  return node->onoff[element_address - node->unicast];
}

gboolean
mesh_test_transport_has_app_key (MeshTestTransport *self,
                                 guint16            unicast,
                                 guint16            app_key_index)
{
  return g_hash_table_contains (get_node (self, unicast)->app_keys, GUINT_TO_POINTER (app_key_index));
}

gboolean
mesh_test_transport_is_reset (MeshTestTransport *self,
                              guint16            unicast)
{
  return get_node (self, unicast)->reset;
}

static void
mesh_test_transport_finalize (GObject *object)
{
  MeshTestTransport *self = (MeshTestTransport *)object;

  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->sent, g_ptr_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);

  G_OBJECT_CLASS (mesh_test_transport_parent_class)->finalize (object);
}

static void
mesh_test_transport_iface_init (MeshTransportInterface *iface)
{
  iface->send_async = transport_send_async;
  iface->send_finish = transport_send_finish;
}

static void
mesh_test_transport_class_init (MeshTestTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_test_transport_finalize;
}

static void
mesh_test_transport_init (MeshTestTransport *self)
{
  self->nodes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) mesh_test_node_free);
  self->sent = g_ptr_array_new_with_free_func ((GDestroyNotify) sent_free);
  self->held = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
}
