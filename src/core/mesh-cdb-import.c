/* mesh-cdb-import.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mesh-app-key.h"
#include "mesh-cdb-import.h"
#include "mesh-cdb-import-result-private.h"
#include "mesh-cdb-private.h"
#include "mesh-cdb-store-private.h"
#include "mesh-cdb-reader.h"
#include "mesh-crypto.h"
#include "mesh-element.h"
#include "mesh-error.h"
#include "mesh-group.h"
#include "mesh-keyring.h"
#include "mesh-model.h"
#include "mesh-net-key.h"
#include "mesh-node.h"
#include "mesh-provisioner.h"
#include "mesh-scene.h"
#include "mesh-store-batch.h"

/*
 * The steps of an import, each a callback on the caller's main context:
 *
 *   read the file (reader, worker thread)
 *   new network:  build the model objects (worker threads) while the
 *                 secrets are stored (keyring)
 *   merge:        load the network, look its keys up, compare (main),
 *                 then store the secrets (keyring)
 *   add the objects to a MeshStoreBatch in slices (main, so that a big
 *   network does not hold the main loop), commit (database worker)
 *
 * Secrets are stored before the database changes: a locked or missing
 * keyring then stops the import with nothing changed. If the commit fails,
 * the secrets stored are removed again. The node token is never touched.
 */

#define ADD_SLICE 1024  /* objects added to the batch per main loop iteration */

typedef struct
{
  MeshStore           *store;
  GFile               *file;
  MeshCdbDocument     *doc;          /* dropped once the objects are built */
  gboolean             read;         /* the file could be read */
  MeshCdbProgress     *progress;
  MeshCdbImportResult *result;
  char                *uuid;         /* the network's, canonical */
  MeshNetwork         *network;
  gboolean             merge;
  GPtrArray           *objects;      /* to add, in an order the database accepts */
  GArray              *exclusions;   /* MeshExclusion to add */
  GPtrArray           *secrets;      /* MeshSecret to store */
  GHashTable          *net_key_values;  /* merge: index → GBytes of the network */
  GHashTable          *app_key_values;
  MeshStoreBatch      *batch;
  guint                next;         /* the next object to add to the batch */
  guint                rollback_next;
  GError              *error;        /* kept while rolling back */
  guint                steps_left;   /* of storing the secrets and building the objects */
  GError              *step_error;   /* the first of theirs */
} Import;

static void
import_free (gpointer data)
{
  Import *import = data;

  g_clear_object (&import->store);
  g_clear_object (&import->file);
  g_clear_pointer (&import->doc, mesh_cdb_document_unref);
  g_clear_object (&import->progress);
  g_clear_object (&import->result);
  g_free (import->uuid);
  g_clear_object (&import->network);
  g_clear_pointer (&import->objects, g_ptr_array_unref);
  g_clear_pointer (&import->exclusions, g_array_unref);
  g_clear_pointer (&import->secrets, g_ptr_array_unref);
  g_clear_pointer (&import->net_key_values, g_hash_table_unref);
  g_clear_pointer (&import->app_key_values, g_hash_table_unref);
  g_clear_object (&import->batch);
  g_clear_error (&import->error);
  g_clear_error (&import->step_error);
  g_free (import);
}

static void
report (Import     *import,
        double      fraction,
        const char *text)
{
  if (import->progress != NULL)
    mesh_cdb_progress_update (import->progress, fraction, text);
}

static char *
uuid_to_string (const guint8 *uuid)
{
  char text[MESH_CDB_UUID_STRING_LEN + 1];

  mesh_cdb_uuid_format (uuid, text);
  return g_ascii_strdown (text, -1);
}

static const char *
node_label (const MeshCdbNode *node,
            char              *buffer)
{
  if (node->name != NULL && node->name[0] != '\0')
    return node->name;
  mesh_cdb_uuid_format (node->uuid, buffer);
  return buffer;
}

/* "0x0010" or "0x0010–0x0012" */
static char *
format_addresses (guint first,
                  guint count)
{
  if (count <= 1)
    return g_strdup_printf ("0x%04X", first);
  return g_strdup_printf ("0x%04X–0x%04X", first, first + count - 1);
}

static void
add_secret (Import         *import,
            MeshSecretKind  kind,
            guint           index,
            const guint8   *value)
{
  g_autoptr(GBytes) bytes = g_bytes_new (value, MESH_CDB_KEY_SIZE);

  g_ptr_array_add (import->secrets, mesh_secret_new (kind, index, bytes));
}

/* CDB → database values. The database keeps what the configuration
 * messages carry (counts, steps, logs); CDB has counts and milliseconds. */

static void
to_destination (const MeshCdbAddress *address,
                MeshDestination      *destination)
{
  if (address->is_virtual)
    mesh_destination_init_label (destination, address->label,
                                 mesh_crypto_virtual_address (address->label));
  else
    mesh_destination_init_address (destination, address->value);
}

static MeshTransmit
to_transmit (const MeshCdbTransmit *transmit)
{
  return (MeshTransmit) { transmit->count - 1, transmit->interval / 10 - 1 };
}

static guint8
to_resolution (guint32 milliseconds)
{
  switch (milliseconds)
    {
    case 100:
      return 0;
    case 1000:
      return 1;
    case 10000:
      return 2;
    default:
      return 3;
    }
}

static guint8
to_period_log (guint32 seconds)
{
  guint8 log = 0;

  /* 0 → 0; 2^(n-1) → n */
  while (seconds != 0)
    {
      seconds >>= 1;
      log++;
    }
  return log;
}

static MeshFeatureState
to_feature_state (MeshCdbFeatureState state)
{
  return state == MESH_CDB_FEATURE_ABSENT ? MESH_FEATURE_STATE_UNKNOWN : (MeshFeatureState) state;
}

static MeshModel *
build_model (const MeshCdbModel *m)
{
  MeshModel *model = mesh_model_new (m->model_id, m->vendor);

  mesh_model_set_bindings (model, (const guint16 *) m->bind->data, m->bind->len);

  if (m->subscribe->len > 0)
    {
      g_autofree MeshDestination *subscriptions = g_new0 (MeshDestination, m->subscribe->len);

      for (guint i = 0; i < m->subscribe->len; i++)
        to_destination (&g_array_index (m->subscribe, MeshCdbAddress, i), &subscriptions[i]);
      mesh_model_set_subscriptions (model, subscriptions, m->subscribe->len);
    }

  if (m->has_publish)
    {
      const MeshCdbPublish *p = &m->publish;
      MeshPublication publication = { 0 };

      to_destination (&p->address, &publication.destination);
      publication.app_key_index = p->index;
      publication.ttl = p->ttl;
      publication.period_steps = p->period_steps;
      publication.period_resolution = to_resolution (p->period_resolution);
      publication.retransmit_count = p->retransmit_count;
      publication.retransmit_interval_steps = p->retransmit_interval / 50 - 1;
      publication.credentials = p->credentials;
      mesh_model_set_publication (model, &publication);
    }

  return model;
}

static int
element_index_compare (gconstpointer a,
                       gconstpointer b)
{
  const MeshCdbElement *ea = *(const MeshCdbElement * const *) a;
  const MeshCdbElement *eb = *(const MeshCdbElement * const *) b;

  return (int) ea->index - (int) eb->index;
}

static MeshNode *
build_node (const MeshCdbNode *n)
{
  g_autofree char *uuid = uuid_to_string (n->uuid);
  g_autoptr(GPtrArray) elements = g_ptr_array_sized_new (n->elements->len);
  MeshNode *node = mesh_node_new (uuid, n->unicast, n->elements->len);
  guint present = n->present;

  mesh_node_set_name (node, n->name);
  mesh_node_set_security (node, n->security == MESH_CDB_SECURITY_SECURE ? MESH_SECURITY_SECURE
                                                                         : MESH_SECURITY_INSECURE);
  mesh_node_set_config_complete (node, n->config_complete);
  mesh_node_set_excluded (node, n->excluded);
  mesh_node_set_cid (node, present & MESH_CDB_NODE_HAS_CID ? n->cid : -1);
  mesh_node_set_pid (node, present & MESH_CDB_NODE_HAS_PID ? n->pid : -1);
  mesh_node_set_vid (node, present & MESH_CDB_NODE_HAS_VID ? n->vid : -1);
  mesh_node_set_crpl (node, present & MESH_CDB_NODE_HAS_CRPL ? n->crpl : -1);
  if (present & MESH_CDB_NODE_HAS_FEATURES)
    {
      mesh_node_set_relay (node, to_feature_state (n->relay));
      mesh_node_set_proxy (node, to_feature_state (n->proxy));
      mesh_node_set_friend (node, to_feature_state (n->friend_));
      mesh_node_set_low_power (node, to_feature_state (n->low_power));
    }
  mesh_node_set_secure_network_beacon (node, present & MESH_CDB_NODE_HAS_SECURE_NETWORK_BEACON
                                             ? !!n->secure_network_beacon : -1);
  mesh_node_set_default_ttl (node, present & MESH_CDB_NODE_HAS_DEFAULT_TTL ? n->default_ttl : -1);
  if (present & MESH_CDB_NODE_HAS_NETWORK_TRANSMIT)
    {
      MeshTransmit transmit = to_transmit (&n->network_transmit);

      mesh_node_set_network_transmit (node, &transmit);
    }
  if (present & MESH_CDB_NODE_HAS_RELAY_RETRANSMIT)
    {
      MeshTransmit transmit = to_transmit (&n->relay_retransmit);

      mesh_node_set_relay_retransmit (node, &transmit);
    }
  if (present & MESH_CDB_NODE_HAS_HEARTBEAT_PUB)
    {
      MeshHeartbeatPublication pub = {
        n->heartbeat_pub.address, to_period_log (n->heartbeat_pub.period),
        n->heartbeat_pub.ttl, n->heartbeat_pub.index, n->heartbeat_pub.features,
      };

      mesh_node_set_heartbeat_publication (node, &pub);
    }
  if (present & MESH_CDB_NODE_HAS_HEARTBEAT_SUB)
    {
      MeshHeartbeatSubscription sub = { n->heartbeat_sub.source, n->heartbeat_sub.destination };

      mesh_node_set_heartbeat_subscription (node, &sub);
    }

  /* MeshCdbNodeKey and MeshNodeKey are the same pair. */
  for (guint i = 0; i < n->net_keys->len; i++)
    {
      const MeshCdbNodeKey *key = &g_array_index (n->net_keys, MeshCdbNodeKey, i);

      mesh_node_add_net_key (node, key->index, key->updated);
    }
  for (guint i = 0; i < n->app_keys->len; i++)
    {
      const MeshCdbNodeKey *key = &g_array_index (n->app_keys, MeshCdbNodeKey, i);

      mesh_node_add_app_key (node, key->index, key->updated);
    }

  /* The node takes its elements in index order. */
  for (guint i = 0; i < n->elements->len; i++)
    g_ptr_array_add (elements, &g_array_index (n->elements, MeshCdbElement, i));
  g_ptr_array_sort (elements, element_index_compare);
  for (guint i = 0; i < elements->len; i++)
    {
      const MeshCdbElement *e = elements->pdata[i];
      g_autoptr(MeshElement) element = mesh_element_new (e->index, e->location);

      mesh_element_set_name (element, e->name);
      for (guint m = 0; m < e->models->len; m++)
        {
          g_autoptr(MeshModel) model = build_model (&g_array_index (e->models, MeshCdbModel, m));

          mesh_element_add_model (element, model);
        }
      mesh_node_add_element (node, element);
    }

  return node;
}

static void
add_device_key (Import            *import,
                const MeshCdbNode *n)
{
  if (n->present & MESH_CDB_NODE_HAS_DEVICE_KEY)
    add_secret (import, MESH_SECRET_DEVICE_KEY, n->unicast, n->device_key);
}

static void
add_net_key (Import              *import,
             const MeshCdbNetKey *k)
{
  MeshNetKey *key = mesh_net_key_new (k->index, k->name);

  mesh_net_key_set_phase (key, (MeshKeyRefreshPhase) k->phase);
  mesh_net_key_set_min_security (key, k->min_security == MESH_CDB_SECURITY_SECURE
                                      ? MESH_SECURITY_SECURE : MESH_SECURITY_INSECURE);
  mesh_net_key_set_timestamp (key, k->timestamp);
  g_ptr_array_add (import->objects, key);
  import->result->n_keys_added++;
}

static void
add_net_key_values (Import              *import,
                    const MeshCdbNetKey *k)
{
  add_secret (import, MESH_SECRET_NET_KEY, k->index, k->key);
  if (k->has_old_key)
    add_secret (import, MESH_SECRET_NET_KEY_OLD, k->index, k->old_key);
}

static void
add_app_key (Import              *import,
             const MeshCdbAppKey *k)
{
  g_ptr_array_add (import->objects, mesh_app_key_new (k->index, k->bound_net_key, k->name));
  import->result->n_keys_added++;
}

static void
add_app_key_values (Import              *import,
                    const MeshCdbAppKey *k)
{
  add_secret (import, MESH_SECRET_APP_KEY, k->index, k->key);
  if (k->has_old_key)
    add_secret (import, MESH_SECRET_APP_KEY_OLD, k->index, k->old_key);
}

static void
set_ranges (MeshProvisioner *provisioner,
            MeshRangeKind    kind,
            GArray          *ranges)
{
  g_autofree MeshAddressRange *converted = g_new0 (MeshAddressRange, ranges->len + 1);

  for (guint i = 0; i < ranges->len; i++)
    {
      converted[i].low = g_array_index (ranges, MeshCdbRange, i).low;
      converted[i].high = g_array_index (ranges, MeshCdbRange, i).high;
    }
  mesh_provisioner_set_ranges (provisioner, kind, converted, ranges->len);
}

static MeshProvisioner *
build_provisioner (const MeshCdbProvisioner *p)
{
  g_autofree char *uuid = uuid_to_string (p->uuid);
  MeshProvisioner *provisioner = mesh_provisioner_new (uuid, p->name);

  set_ranges (provisioner, MESH_RANGE_KIND_UNICAST, p->unicast_ranges);
  set_ranges (provisioner, MESH_RANGE_KIND_GROUP, p->group_ranges);
  set_ranges (provisioner, MESH_RANGE_KIND_SCENE, p->scene_ranges);
  return provisioner;
}

static MeshGroup *
build_group (const MeshCdbGroup *g)
{
  MeshDestination address, parent;
  MeshGroup *group;

  to_destination (&g->address, &address);
  to_destination (&g->parent, &parent);
  group = mesh_group_new (&address, g->name);
  mesh_group_set_parent (group, &parent);
  return group;
}

static MeshScene *
build_scene (const MeshCdbScene *s)
{
  MeshScene *scene = mesh_scene_new (s->number, s->name);

  mesh_scene_set_addresses (scene, (const guint16 *) s->addresses->data, s->addresses->len);
  return scene;
}

/* Groups go to the database parents first. */
static GPtrArray *
groups_parents_first (MeshCdbDocument *doc)
{
  GPtrArray *ordered = g_ptr_array_sized_new (doc->groups->len);
  g_autofree gboolean *placed = g_new0 (gboolean, doc->groups->len + 1);
  gboolean progress = TRUE;

  while (ordered->len < doc->groups->len && progress)
    {
      progress = FALSE;
      for (guint i = 0; i < doc->groups->len; i++)
        {
          MeshCdbGroup *group = &g_array_index (doc->groups, MeshCdbGroup, i);
          gboolean parent_placed = mesh_cdb_address_is_unassigned (&group->parent);

          for (guint j = 0; !parent_placed && j < ordered->len; j++)
            parent_placed = mesh_cdb_address_equal (&((MeshCdbGroup *) ordered->pdata[j])->address,
                                                    &group->parent);
          if (!placed[i] && parent_placed)
            {
              g_ptr_array_add (ordered, group);
              placed[i] = TRUE;
              progress = TRUE;
            }
        }
    }
  return ordered;
}

static void
add_exclusions (Import  *import,
                gboolean merge)
{
  guint n_known = 0;
  const MeshExclusion *known = merge ? mesh_network_get_exclusions (import->network, &n_known) : NULL;

  for (guint i = 0; i < import->doc->exclusions->len; i++)
    {
      const MeshCdbExclusion *list = &g_array_index (import->doc->exclusions, MeshCdbExclusion, i);

      for (guint a = 0; a < list->addresses->len; a++)
        {
          MeshExclusion entry = { list->iv_index, g_array_index (list->addresses, guint16, a) };
          gboolean have = FALSE;

          for (guint k = 0; !have && k < n_known; k++)
            have = known[k].iv_index == entry.iv_index && known[k].address == entry.address;
          for (guint k = 0; !have && k < import->exclusions->len; k++)
            have = g_array_index (import->exclusions, MeshExclusion, k).iv_index == entry.iv_index &&
                   g_array_index (import->exclusions, MeshExclusion, k).address == entry.address;
          if (!have)
            g_array_append_val (import->exclusions, entry);
        }
    }
}

/* The secrets of a new network, all from the file. */
static void
collect_secrets (Import *import)
{
  MeshCdbDocument *doc = import->doc;

  for (guint i = 0; i < doc->net_keys->len; i++)
    add_net_key_values (import, &g_array_index (doc->net_keys, MeshCdbNetKey, i));
  for (guint i = 0; i < doc->app_keys->len; i++)
    add_app_key_values (import, &g_array_index (doc->app_keys, MeshCdbAppKey, i));
  for (guint i = 0; i < doc->nodes->len; i++)
    add_device_key (import, &g_array_index (doc->nodes, MeshCdbNode, i));
}

/* A new network: every object, built in a worker thread (the objects
 * belong to no store yet, so no main context either). */
static void
build_new_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Import *import = task_data;
  MeshCdbDocument *doc = import->doc;
  g_autoptr(GPtrArray) groups = groups_parents_first (doc);

  import->network = mesh_network_new (import->uuid, doc->mesh_name);
  mesh_network_set_timestamp (import->network, doc->timestamp);
  mesh_network_set_partial (import->network, doc->partial);

  for (guint i = 0; i < doc->provisioners->len; i++)
    {
      g_ptr_array_add (import->objects, build_provisioner (&g_array_index (doc->provisioners, MeshCdbProvisioner, i)));
      import->result->n_provisioners_added++;
    }
  for (guint i = 0; i < doc->net_keys->len; i++)
    add_net_key (import, &g_array_index (doc->net_keys, MeshCdbNetKey, i));
  for (guint i = 0; i < doc->app_keys->len; i++)
    add_app_key (import, &g_array_index (doc->app_keys, MeshCdbAppKey, i));
  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_add (import->objects, build_group (groups->pdata[i]));
  import->result->n_groups_added = groups->len;

  for (guint i = 0; i < doc->nodes->len; i++)
    {
      g_ptr_array_add (import->objects, build_node (&g_array_index (doc->nodes, MeshCdbNode, i)));

      if ((i + 1) % 1024 == 0)
        {
          if (g_task_return_error_if_cancelled (task))
            return;
          report (import, (double) (i + 1) / doc->nodes->len, NULL);
        }
    }
  import->result->n_nodes_added = doc->nodes->len;

  for (guint i = 0; i < doc->scenes->len; i++)
    g_ptr_array_add (import->objects, build_scene (&g_array_index (doc->scenes, MeshCdbScene, i)));
  import->result->n_scenes_added = doc->scenes->len;

  add_exclusions (import, FALSE);

  /* The objects hold all the import needs: free the document here, not
   * on the main context, and before the commit adds its own memory. */
  g_clear_pointer (&import->doc, mesh_cdb_document_unref);
  g_task_return_boolean (task, TRUE);
}

/* Merging */

static gboolean
secret_equal (GHashTable   *values,
              guint         index,
              const guint8 *key)
{
  GBytes *value = g_hash_table_lookup (values, GUINT_TO_POINTER (index));

  /* No value in the keyring: nothing to differ from. */
  return value == NULL ||
         (g_bytes_get_size (value) == MESH_CDB_KEY_SIZE &&
          memcmp (g_bytes_get_data (value, NULL), key, MESH_CDB_KEY_SIZE) == 0);
}

static void
merge_keys (Import *import)
{
  MeshCdbDocument *doc = import->doc;

  for (guint i = 0; i < doc->net_keys->len; i++)
    {
      const MeshCdbNetKey *k = &g_array_index (doc->net_keys, MeshCdbNetKey, i);

      if (mesh_network_find_net_key (import->network, k->index) == NULL)
        {
          add_net_key (import, k);
          add_net_key_values (import, k);
        }
      else if (!secret_equal (import->net_key_values, k->index, k->key))
        mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_NET_KEY, TRUE,
                                             _("NetKey %u has another value in the file than in this network."),
                                             k->index);
      else if (!g_hash_table_contains (import->net_key_values, GUINT_TO_POINTER (k->index)))
        add_secret (import, MESH_SECRET_NET_KEY, k->index, k->key);
    }

  for (guint i = 0; i < doc->app_keys->len; i++)
    {
      const MeshCdbAppKey *k = &g_array_index (doc->app_keys, MeshCdbAppKey, i);
      MeshAppKey *ours = mesh_network_find_app_key (import->network, k->index);

      if (ours == NULL)
        {
          add_app_key (import, k);
          add_app_key_values (import, k);
        }
      else if (mesh_app_key_get_bound_net_key (ours) != k->bound_net_key)
        mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_APP_KEY, TRUE,
                                             _("AppKey %u is bound to NetKey %u in the file but to NetKey %u in this network."),
                                             k->index, k->bound_net_key, mesh_app_key_get_bound_net_key (ours));
      else if (!secret_equal (import->app_key_values, k->index, k->key))
        mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_APP_KEY, TRUE,
                                             _("AppKey %u has another value in the file than in this network."),
                                             k->index);
      else if (!g_hash_table_contains (import->app_key_values, GUINT_TO_POINTER (k->index)))
        add_secret (import, MESH_SECRET_APP_KEY, k->index, k->key);
    }
}

static gboolean
ranges_equal (MeshProvisioner *provisioner,
              MeshRangeKind    kind,
              GArray          *ranges)
{
  guint n;
  const MeshAddressRange *ours = mesh_provisioner_get_ranges (provisioner, kind, &n);

  if (n != ranges->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (ours[i].low != g_array_index (ranges, MeshCdbRange, i).low ||
        ours[i].high != g_array_index (ranges, MeshCdbRange, i).high)
      return FALSE;
  return TRUE;
}

static void
merge_provisioners (Import *import)
{
  MeshCdbDocument *doc = import->doc;
  GListModel *known = mesh_network_get_provisioners (import->network);

  for (guint i = 0; i < doc->provisioners->len; i++)
    {
      const MeshCdbProvisioner *p = &g_array_index (doc->provisioners, MeshCdbProvisioner, i);
      g_autofree char *uuid = uuid_to_string (p->uuid);
      MeshProvisioner *ours = mesh_network_find_provisioner (import->network, uuid);
      g_autoptr(MeshProvisioner) candidate = NULL;
      gboolean overlap = FALSE;

      if (ours != NULL)
        {
          if (!ranges_equal (ours, MESH_RANGE_KIND_UNICAST, p->unicast_ranges) ||
              !ranges_equal (ours, MESH_RANGE_KIND_GROUP, p->group_ranges) ||
              !ranges_equal (ours, MESH_RANGE_KIND_SCENE, p->scene_ranges))
            mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_PROVISIONER, FALSE,
                                                 _("Provisioner “%s” has other ranges in the file; this network keeps its own."),
                                                 mesh_provisioner_get_name (ours));
          continue;
        }

      candidate = build_provisioner (p);
      for (guint j = 0; !overlap && j < g_list_model_get_n_items (known); j++)
        {
          g_autoptr(MeshProvisioner) other = g_list_model_get_item (known, j);
          g_autoptr(GError) error = NULL;

          if (!mesh_provisioner_check_disjoint (candidate, other, &error))
            {
              mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_PROVISIONER, TRUE,
                                                   "%s", error->message);
              overlap = TRUE;
            }
        }
      if (!overlap)
        {
          g_ptr_array_add (import->objects, g_steal_pointer (&candidate));
          import->result->n_provisioners_added++;
        }
    }
}

static void
merge_groups (Import *import)
{
  g_autoptr(GPtrArray) groups = groups_parents_first (import->doc);

  for (guint i = 0; i < groups->len; i++)
    {
      const MeshCdbGroup *g = groups->pdata[i];
      MeshDestination address;
      MeshGroup *ours;

      to_destination (&g->address, &address);
      ours = mesh_network_find_group (import->network, &address);
      if (ours == NULL)
        {
          g_ptr_array_add (import->objects, build_group (g));
          import->result->n_groups_added++;
        }
      else if (g_strcmp0 (mesh_group_get_name (ours), g->name) != 0)
        mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_GROUP, FALSE,
                                             _("Group “%s” is called “%s” in the file; this network keeps its name."),
                                             mesh_group_get_name (ours), g->name);
    }
}

static void
merge_scenes (Import *import)
{
  MeshCdbDocument *doc = import->doc;

  for (guint i = 0; i < doc->scenes->len; i++)
    {
      const MeshCdbScene *s = &g_array_index (doc->scenes, MeshCdbScene, i);
      MeshScene *ours = mesh_network_find_scene (import->network, s->number);
      const guint16 *addresses;
      guint n;

      if (ours == NULL)
        {
          g_ptr_array_add (import->objects, build_scene (s));
          import->result->n_scenes_added++;
          continue;
        }
      addresses = mesh_scene_get_addresses (ours, &n);
      if (g_strcmp0 (mesh_scene_get_name (ours), s->name) != 0 || n != s->addresses->len ||
          (n > 0 && memcmp (addresses, s->addresses->data, n * sizeof (guint16)) != 0))
        mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_SCENE, FALSE,
                                             _("Scene “%s” (0x%04X) is different in the file; this network keeps its own."),
                                             mesh_scene_get_name (ours), s->number);
    }
}

static void
merge_nodes (Import *import)
{
  MeshCdbDocument *doc = import->doc;
  GListModel *nodes = mesh_network_get_nodes (import->network);
  g_autofree MeshNode **owner = g_new0 (MeshNode *, MESH_CDB_UNICAST_LAST + 1);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_exclusions;
  const MeshExclusion *exclusions = mesh_network_get_exclusions (import->network, &n_exclusions);
  g_autofree gboolean *excluded = g_new0 (gboolean, MESH_CDB_UNICAST_LAST + 1);

  /* Who has which address, by direct look-up: a merge of two big networks
   * compares tens of thousands of nodes. */
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      MeshNode *node = g_list_model_get_item (nodes, i);
      guint count = MAX (mesh_node_get_element_count (node), 1);

      g_ptr_array_add (keep, node);
      g_hash_table_insert (by_uuid, (gpointer) mesh_node_get_uuid (node), node);
      for (guint a = mesh_node_get_unicast (node); a < mesh_node_get_unicast (node) + count && a <= MESH_CDB_UNICAST_LAST; a++)
        owner[a] = node;
    }
  for (guint i = 0; i < n_exclusions; i++)
    if (exclusions[i].address <= MESH_CDB_UNICAST_LAST)
      excluded[exclusions[i].address] = TRUE;

  for (guint i = 0; i < doc->nodes->len; i++)
    {
      const MeshCdbNode *n = &g_array_index (doc->nodes, MeshCdbNode, i);
      g_autofree char *uuid = uuid_to_string (n->uuid);
      MeshNode *ours = g_hash_table_lookup (by_uuid, uuid);
      guint count = mesh_cdb_node_get_address_count (n);
      char label[MESH_CDB_UUID_STRING_LEN + 1];
      gboolean skip = FALSE;

      if (ours != NULL)
        {
          guint our_count = MAX (mesh_node_get_element_count (ours), 1);

          if (mesh_node_get_unicast (ours) != n->unicast || our_count != count)
            {
              g_autofree char *theirs = format_addresses (n->unicast, count);
              g_autofree char *mine = format_addresses (mesh_node_get_unicast (ours), our_count);

              mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_NODE, TRUE,
                                                   _("Node “%s” has the address %s in the file but %s in this network."),
                                                   node_label (n, label), theirs, mine);
            }
          continue;
        }

      for (guint a = n->unicast; a < n->unicast + count && !skip; a++)
        {
          if (owner[a] != NULL)
            {
              const char *name = mesh_node_get_name (owner[a]);

              mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_NODE, TRUE,
                                                   _("Node “%s” of the file has address 0x%04X, which node “%s” of this network has."),
                                                   node_label (n, label), a,
                                                   name != NULL && name[0] != '\0' ? name : mesh_node_get_uuid (owner[a]));
              skip = TRUE;
            }
          else if (excluded[a])
            {
              mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_NODE, FALSE,
                                                   _("Node “%s” of the file has address 0x%04X, which this network excluded when it removed a node; the node was left out."),
                                                   node_label (n, label), a);
              skip = TRUE;
            }
        }
      if (skip)
        continue;

      g_ptr_array_add (import->objects, build_node (n));
      add_device_key (import, n);
      import->result->n_nodes_added++;
    }
}

static void store_secrets (GTask *task);

static void
merge (GTask *task)
{
  Import *import = g_task_get_task_data (task);

  report (import, 0.5, _("Comparing the file with the network…"));

  if (g_strcmp0 (mesh_network_get_name (import->network), import->doc->mesh_name) != 0)
    mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_NETWORK, FALSE,
                                         _("The file calls the network “%s”; it keeps its name “%s”."),
                                         import->doc->mesh_name, mesh_network_get_name (import->network));

  /* Keys and provisioners first: the nodes and groups may use them. */
  merge_provisioners (import);
  merge_keys (import);
  merge_groups (import);
  merge_nodes (import);
  merge_scenes (import);
  add_exclusions (import, TRUE);

  if (import->result->n_fatal > 0)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_CONFLICT,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "The file conflicts with the network in %u way, so nothing was imported.",
                                            "The file conflicts with the network in %u ways, so nothing was imported.",
                                            import->result->n_fatal),
                               import->result->n_fatal);
      return;
    }

  report (import, 1.0, NULL);
  import->steps_left = 1;
  store_secrets (task);
}

/* The network's NetKey and AppKey values, to compare the file's with. */
static void
keys_looked_up_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  g_autoptr(GPtrArray) secrets = NULL;
  GError *error = NULL;

  secrets = mesh_keyring_lookup_all_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (import->net_key_values == NULL)
    {
      import->net_key_values = mesh_cdb_secrets_by_index (secrets);
      mesh_keyring_lookup_all_async (import->uuid, MESH_SECRET_APP_KEY, g_task_get_cancellable (task),
                                     keys_looked_up_cb, g_object_ref (task));
      return;
    }

  import->app_key_values = mesh_cdb_secrets_by_index (secrets);
  merge (task);
}

static void
network_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  GError *error = NULL;

  if (!mesh_store_load_network_finish (MESH_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  mesh_keyring_lookup_all_async (import->uuid, MESH_SECRET_NET_KEY, g_task_get_cancellable (task),
                                 keys_looked_up_cb, g_object_ref (task));
}

/* Saving */

static void rollback_next (GTask *task);

static void
rollback_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) ignored = NULL;

  /* Best effort: the import fails with its own error anyway. */
  if (!mesh_keyring_clear_finish (result, &ignored))
    g_debug ("Could not remove a secret after a failed import: %s", ignored->message);
  rollback_next (task);
}

static void
rollback_next (GTask *task)
{
  Import *import = g_task_get_task_data (task);

  if (import->rollback_next < import->secrets->len)
    {
      MeshSecret *secret = import->secrets->pdata[import->rollback_next++];

      mesh_keyring_clear_async (import->uuid, secret->kind, secret->index, NULL,
                                rollback_cleared_cb, task);
      return;
    }

  g_task_return_error (task, g_steal_pointer (&import->error));
  g_object_unref (task);
}

static void
keys_cleared_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  g_autoptr(GError) ignored = NULL;

  if (!mesh_keyring_clear_keys_finish (result, &ignored))
    g_debug ("Could not remove the secrets after a failed import: %s", ignored->message);
  g_task_return_error (task, g_steal_pointer (&import->error));
}

/* Takes a reference to @task and @error: removes the secrets stored, then
 * fails with @error. */
static void
rollback (GTask  *task,
          GError *error)
{
  Import *import = g_task_get_task_data (task);

  import->error = error;
  if (!import->merge)
    mesh_keyring_clear_keys_async (import->uuid, NULL, keys_cleared_cb, task);
  else
    {
      import->rollback_next = 0;
      rollback_next (task);
    }
}

static void
committed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Import *import = g_task_get_task_data (task);
  GError *error = NULL;

  if (!mesh_store_batch_commit_finish (MESH_STORE_BATCH (object), result, &error))
    {
      rollback (task, error);
      return;
    }

  report (import, 1.0, NULL);
  import->result->imported = TRUE;
  import->result->network = g_object_ref (import->network);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static gboolean
add_slice_cb (gpointer user_data)
{
  GTask *task = user_data;
  Import *import = g_task_get_task_data (task);
  guint end = MIN (import->next + ADD_SLICE, import->objects->len);

  /* The objects were built for this import and nothing else has them. */
  for (; import->next < end; import->next++)
    mesh_store_batch_add_unshared (import->batch, import->network, import->objects->pdata[import->next]);

  if (import->next < import->objects->len)
    {
      report (import, 0.5 * import->next / import->objects->len, NULL);
      return G_SOURCE_CONTINUE;
    }

  for (guint i = 0; i < import->exclusions->len; i++)
    {
      const MeshExclusion *entry = &g_array_index (import->exclusions, MeshExclusion, i);

      mesh_store_batch_add_exclusion (import->batch, import->network, entry->iv_index, entry->address);
    }

  report (import, 0.5, NULL);
  /* Past this point the import is not cancelled any more: the database
   * either takes it all or nothing. */
  mesh_store_batch_commit_async (import->batch, NULL, committed_cb, task);
  return G_SOURCE_REMOVE;
}

/* Takes a reference to @task. */
static void
save (GTask *task)
{
  Import *import = g_task_get_task_data (task);
  g_autoptr(GSource) source = NULL;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      rollback (task, error);
      return;
    }

  report (import, 0.0, _("Saving the network…"));
  import->batch = mesh_store_batch_new (import->store);
  if (!import->merge)
    mesh_store_batch_add_unshared (import->batch, NULL, import->network);

  source = g_idle_source_new ();
  g_source_set_callback (source, add_slice_cb, g_object_ref (task), NULL);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_object_unref (task);
}

/* Takes a reference to @task and @error (if not NULL): the secrets are
 * stored (@secrets) or the objects built. A new network's are both done at
 * once; the import saves the objects once both are over. */
static void
step_done (GTask    *task,
           GError   *error,
           gboolean  secrets)
{
  Import *import = g_task_get_task_data (task);

  if (error != NULL && import->step_error == NULL)
    import->step_error = error;
  else if (error != NULL)
    g_error_free (error);

  if (--import->steps_left > 0)
    {
      if (!secrets)
        report (import, 0.0, _("Saving the keys in the keyring…"));
      g_object_unref (task);
      return;
    }

  /* Whatever failed, secrets may have been stored. */
  if (import->step_error != NULL)
    {
      rollback (task, g_steal_pointer (&import->step_error));
      return;
    }
  report (import, 1.0, _("Saving the keys in the keyring…"));
  save (task);
}

static void
secrets_stored_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError *error = NULL;

  mesh_keyring_store_all_finish (result, &error);
  step_done (user_data, error, TRUE);
}

static void
old_keys_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Import *import = g_task_get_task_data (task);
  GError *error = NULL;

  if (!mesh_keyring_clear_keys_finish (result, &error))
    {
      step_done (task, error, TRUE);
      return;
    }
  mesh_keyring_store_all_async (import->uuid, import->secrets, g_task_get_cancellable (task),
                                secrets_stored_cb, task);
}

/* While a new network's objects are built, or once a merge's are. */
static void
store_secrets (GTask *task)
{
  Import *import = g_task_get_task_data (task);

  if (import->merge)
    report (import, 0.0, _("Saving the keys in the keyring…"));
  g_object_ref (task);

  /* A new network starts from a clean slate: keys left by a network of
   * the same UUID removed earlier must not mix with the file's. The node
   * token stays: it is this computer's node in bluetooth-meshd, which the
   * file does not describe and which may well be of this very network. */
  if (!import->merge)
    mesh_keyring_clear_keys_async (import->uuid, g_task_get_cancellable (task),
                                   old_keys_cleared_cb, task);
  else if (import->secrets->len > 0)
    mesh_keyring_store_all_async (import->uuid, import->secrets, g_task_get_cancellable (task),
                                  secrets_stored_cb, task);
  else
    step_done (task, NULL, TRUE);
}

static void
built_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError *error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  step_done (user_data, error, FALSE);
}

static void
start_with_document (GTask *task)
{
  Import *import = g_task_get_task_data (task);
  MeshNetwork *network;

  import->uuid = uuid_to_string (import->doc->mesh_uuid);
  network = mesh_store_find_network (import->store, import->uuid);

  if (network == NULL)
    {
      g_autoptr(GTask) build = g_task_new (NULL, g_task_get_cancellable (task), built_cb, g_object_ref (task));

      report (import, 0.0, _("Preparing the network…"));
      collect_secrets (import);
      import->steps_left = 2;
      g_task_set_task_data (build, import, NULL);
      g_task_run_in_thread (build, build_new_thread);
      store_secrets (task);
      return;
    }

  import->merge = TRUE;
  import->result->merged = TRUE;
  import->network = g_object_ref (network);
  report (import, 0.0, _("Comparing the file with the network…"));
  mesh_store_load_network_async (import->store, network, g_task_get_cancellable (task),
                                 network_loaded_cb, g_object_ref (task));
}

static void
file_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  GError *error = NULL;

  import->doc = mesh_cdb_reader_read_file_finish (result, &error);
  if (import->doc == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  import->read = TRUE;
  start_with_document (task);
}

static GTask *
import_task_new (MeshStore           *store,
                 MeshCdbProgress     *progress,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);
  Import *import = g_new0 (Import, 1);

  g_task_set_source_tag (task, mesh_cdb_import_file_async);
  import->store = g_object_ref (store);
  import->progress = progress != NULL ? g_object_ref (progress) : NULL;
  import->result = mesh_cdb_import_result_new ();
  import->objects = g_ptr_array_new_with_free_func (g_object_unref);
  import->exclusions = g_array_new (FALSE, FALSE, sizeof (MeshExclusion));
  import->secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) mesh_secret_free);
  g_task_set_task_data (task, import, import_free);
  return task;
}

/**
 * mesh_cdb_import_file_async:
 * @store: the network database
 * @file: a CDB file
 * @progress: (nullable): where to report progress
 * @cancellable: (nullable): a #GCancellable; honoured until the database
 *   commit starts
 * @callback: called on the thread-default main context of the call
 * @user_data: for @callback
 *
 * Reads, validates and imports @file (see the top of mesh-cdb-import.h).
 */
void
mesh_cdb_import_file_async (MeshStore           *store,
                            GFile               *file,
                            MeshCdbProgress     *progress,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Import *import;

  g_return_if_fail (MESH_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (progress == NULL || MESH_IS_CDB_PROGRESS (progress));

  task = import_task_new (store, progress, cancellable, callback, user_data);
  import = g_task_get_task_data (task);
  import->file = g_object_ref (file);
  mesh_cdb_reader_read_file_async (file, progress, cancellable, file_read_cb, task);
}

/**
 * mesh_cdb_import_document_async:
 * @store: the network database
 * @document: a document; it is validated first
 * @progress: (nullable): where to report progress
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the call
 * @user_data: for @callback
 *
 * Imports @document, as mesh_cdb_import_file_async() does a file.
 */
void
mesh_cdb_import_document_async (MeshStore           *store,
                                MeshCdbDocument     *document,
                                MeshCdbProgress     *progress,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Import *import;

  g_return_if_fail (MESH_IS_STORE (store));
  g_return_if_fail (document != NULL);
  g_return_if_fail (progress == NULL || MESH_IS_CDB_PROGRESS (progress));

  task = import_task_new (store, progress, cancellable, callback, user_data);
  if (!mesh_cdb_document_validate (document, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  import = g_task_get_task_data (task);
  import->doc = mesh_cdb_document_ref (document);
  import->read = TRUE;
  start_with_document (task);
}

/**
 * mesh_cdb_import_finish:
 * @result: the result given to the callback
 * @out_result: (out) (optional) (nullable): what the import did, set
 *   whenever the file could be read — also when a conflict stopped it, so
 *   that the conflicts can be shown
 * @error: return location for an error: %MESH_ERROR_INVALID_DATA (the
 *   file), %MESH_ERROR_CONFLICT (fatal conflicts, listed in @out_result),
 *   keyring and database errors, %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE if the network was imported or merged
 */
gboolean
mesh_cdb_import_finish (GAsyncResult         *result,
                        MeshCdbImportResult **out_result,
                        GError              **error)
{
  Import *import;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mesh_cdb_import_file_async, FALSE);

  import = g_task_get_task_data (G_TASK (result));
  if (out_result != NULL)
    *out_result = import->read ? g_object_ref (import->result) : NULL;
  return g_task_propagate_boolean (G_TASK (result), error);
}
