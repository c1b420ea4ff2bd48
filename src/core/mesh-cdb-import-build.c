/* mesh-cdb-import-build.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mesh-app-key.h"
#include "mesh-cdb-import-private.h"
#include "mesh-cdb-store-private.h"
#include "mesh-cdb-reader.h"
#include "mesh-crypto.h"
#include "mesh-element.h"
#include "mesh-error.h"
#include "mesh-group.h"
#include "mesh-keyring.h"
#include "mesh-model.h"
#include "mesh-net-key.h"
#include "mesh-provisioner.h"
#include "mesh-scene.h"

/* CDB → database values. The database keeps what the configuration
 * messages carry (counts, steps, logs); CDB has counts and milliseconds. */

void
mesh_cdb_import_to_destination (const MeshCdbAddress *address,
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
        mesh_cdb_import_to_destination (&g_array_index (m->subscribe, MeshCdbAddress, i), &subscriptions[i]);
      mesh_model_set_subscriptions (model, subscriptions, m->subscribe->len);
    }

  if (m->has_publish)
    {
      const MeshCdbPublish *p = &m->publish;
      MeshPublication publication = { 0 };

      mesh_cdb_import_to_destination (&p->address, &publication.destination);
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

MeshNode *
mesh_cdb_import_build_node (const MeshCdbNode *n)
{
  g_autofree char *uuid = mesh_cdb_import_uuid_to_string (n->uuid);
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

void
mesh_cdb_import_add_device_key (Import            *import,
                                const MeshCdbNode *n)
{
  if (n->present & MESH_CDB_NODE_HAS_DEVICE_KEY)
    mesh_cdb_import_add_secret (import, MESH_SECRET_DEVICE_KEY, n->unicast, n->device_key);
}

void
mesh_cdb_import_add_net_key (Import              *import,
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

void
mesh_cdb_import_add_net_key_values (Import              *import,
                                    const MeshCdbNetKey *k)
{
  mesh_cdb_import_add_secret (import, MESH_SECRET_NET_KEY, k->index, k->key);
  if (k->has_old_key)
    mesh_cdb_import_add_secret (import, MESH_SECRET_NET_KEY_OLD, k->index, k->old_key);
}

void
mesh_cdb_import_add_app_key (Import              *import,
                             const MeshCdbAppKey *k)
{
  g_ptr_array_add (import->objects, mesh_app_key_new (k->index, k->bound_net_key, k->name));
  import->result->n_keys_added++;
}

void
mesh_cdb_import_add_app_key_values (Import              *import,
                                    const MeshCdbAppKey *k)
{
  mesh_cdb_import_add_secret (import, MESH_SECRET_APP_KEY, k->index, k->key);
  if (k->has_old_key)
    mesh_cdb_import_add_secret (import, MESH_SECRET_APP_KEY_OLD, k->index, k->old_key);
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

MeshProvisioner *
mesh_cdb_import_build_provisioner (const MeshCdbProvisioner *p)
{
  g_autofree char *uuid = mesh_cdb_import_uuid_to_string (p->uuid);
  MeshProvisioner *provisioner = mesh_provisioner_new (uuid, p->name);

  set_ranges (provisioner, MESH_RANGE_KIND_UNICAST, p->unicast_ranges);
  set_ranges (provisioner, MESH_RANGE_KIND_GROUP, p->group_ranges);
  set_ranges (provisioner, MESH_RANGE_KIND_SCENE, p->scene_ranges);
  return provisioner;
}

MeshGroup *
mesh_cdb_import_build_group (const MeshCdbGroup *g)
{
  MeshDestination address, parent;
  MeshGroup *group;

  mesh_cdb_import_to_destination (&g->address, &address);
  mesh_cdb_import_to_destination (&g->parent, &parent);
  group = mesh_group_new (&address, g->name);
  mesh_group_set_parent (group, &parent);
  return group;
}

MeshScene *
mesh_cdb_import_build_scene (const MeshCdbScene *s)
{
  MeshScene *scene = mesh_scene_new (s->number, s->name);

  mesh_scene_set_addresses (scene, (const guint16 *) s->addresses->data, s->addresses->len);
  return scene;
}

/* Groups go to the database parents first. */
GPtrArray *
mesh_cdb_import_groups_parents_first (MeshCdbDocument *doc)
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

void
mesh_cdb_import_add_exclusions (Import  *import,
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
void
mesh_cdb_import_collect_secrets (Import *import)
{
  MeshCdbDocument *doc = import->doc;

  for (guint i = 0; i < doc->net_keys->len; i++)
    mesh_cdb_import_add_net_key_values (import, &g_array_index (doc->net_keys, MeshCdbNetKey, i));
  for (guint i = 0; i < doc->app_keys->len; i++)
    mesh_cdb_import_add_app_key_values (import, &g_array_index (doc->app_keys, MeshCdbAppKey, i));
  for (guint i = 0; i < doc->nodes->len; i++)
    mesh_cdb_import_add_device_key (import, &g_array_index (doc->nodes, MeshCdbNode, i));
}

/* A new network: every object, built in a worker thread (the objects
 * belong to no store yet, so no main context either). */
void
mesh_cdb_import_build_new_thread (GTask        *task,
                                  gpointer      source_object,
                                  gpointer      task_data,
                                  GCancellable *cancellable)
{
  Import *import = task_data;
  MeshCdbDocument *doc = import->doc;
  g_autoptr(GPtrArray) groups = mesh_cdb_import_groups_parents_first (doc);

  import->network = mesh_network_new (import->uuid, doc->mesh_name);
  mesh_network_set_timestamp (import->network, doc->timestamp);
  mesh_network_set_partial (import->network, doc->partial);

  for (guint i = 0; i < doc->provisioners->len; i++)
    {
      g_ptr_array_add (import->objects, mesh_cdb_import_build_provisioner (&g_array_index (doc->provisioners, MeshCdbProvisioner, i)));
      import->result->n_provisioners_added++;
    }
  for (guint i = 0; i < doc->net_keys->len; i++)
    mesh_cdb_import_add_net_key (import, &g_array_index (doc->net_keys, MeshCdbNetKey, i));
  for (guint i = 0; i < doc->app_keys->len; i++)
    mesh_cdb_import_add_app_key (import, &g_array_index (doc->app_keys, MeshCdbAppKey, i));
  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_add (import->objects, mesh_cdb_import_build_group (groups->pdata[i]));
  import->result->n_groups_added = groups->len;

  for (guint i = 0; i < doc->nodes->len; i++)
    {
      g_ptr_array_add (import->objects, mesh_cdb_import_build_node (&g_array_index (doc->nodes, MeshCdbNode, i)));

      if ((i + 1) % 1024 == 0)
        {
          if (g_task_return_error_if_cancelled (task))
            return;
          mesh_cdb_import_report (import, (double) (i + 1) / doc->nodes->len, NULL);
        }
    }
  import->result->n_nodes_added = doc->nodes->len;

  for (guint i = 0; i < doc->scenes->len; i++)
    g_ptr_array_add (import->objects, mesh_cdb_import_build_scene (&g_array_index (doc->scenes, MeshCdbScene, i)));
  import->result->n_scenes_added = doc->scenes->len;

  mesh_cdb_import_add_exclusions (import, FALSE);

  /* The objects hold all the import needs: free the document here, not
   * on the main context, and before the commit adds its own memory. */
  g_clear_pointer (&import->doc, mesh_cdb_document_unref);
  g_task_return_boolean (task, TRUE);
}
