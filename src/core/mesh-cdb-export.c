/* mesh-cdb-export.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mesh-app-key.h"
#include "mesh-cdb-export.h"
#include "mesh-cdb-private.h"
#include "mesh-cdb-store-private.h"
#include "mesh-cdb-writer.h"
#include "mesh-element.h"
#include "mesh-error.h"
#include "mesh-group.h"
#include "mesh-keyring.h"
#include "mesh-model.h"
#include "mesh-net-key.h"
#include "mesh-node.h"
#include "mesh-provisioner.h"
#include "mesh-scene.h"

/*
 * The steps: load the network and all elements (database worker), look up
 * each kind of secret with one search (keyring), build the document on the
 * main context (nodes in slices), then in a worker thread apply the
 * selection, validate, and write the file if one was asked for.
 */

#define BUILD_SLICE 1024  /* nodes per main loop iteration */

/* The secrets an export looks up, one search each, in this order. */
enum
{
  NET_KEYS,
  OLD_NET_KEYS,
  APP_KEYS,
  OLD_APP_KEYS,
  DEVICE_KEYS,
};

static const MeshSecretKind secret_kinds[] = {
  [NET_KEYS] = MESH_SECRET_NET_KEY,
  [OLD_NET_KEYS] = MESH_SECRET_NET_KEY_OLD,
  [APP_KEYS] = MESH_SECRET_APP_KEY,
  [OLD_APP_KEYS] = MESH_SECRET_APP_KEY_OLD,
  [DEVICE_KEYS] = MESH_SECRET_DEVICE_KEY,
};

typedef struct
{
  MeshStore        *store;
  MeshNetwork      *network;
  MeshCdbSelection *selection;
  GFile            *file;
  MeshCdbProgress  *progress;
  MeshCdbDocument  *doc;
  GHashTable       *secrets[G_N_ELEMENTS (secret_kinds)];  /* index → GBytes */
  guint             loading;     /* the network and the secrets of each kind */
  GError           *error;       /* the first error of the loading */
  guint             next_node;
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_clear_object (&export->store);
  g_clear_object (&export->network);
  g_clear_pointer (&export->selection, mesh_cdb_selection_unref);
  g_clear_object (&export->file);
  g_clear_object (&export->progress);
  g_clear_pointer (&export->doc, mesh_cdb_document_unref);
  for (guint i = 0; i < G_N_ELEMENTS (secret_kinds); i++)
    g_clear_pointer (&export->secrets[i], g_hash_table_unref);
  g_clear_error (&export->error);
  g_free (export);
}

static void
report (Export     *export,
        double      fraction,
        const char *text)
{
  if (export->progress != NULL)
    mesh_cdb_progress_update (export->progress, fraction, text);
}

/* The secret of a kind (NET_KEYS…) and index, copied into @out; FALSE if
 * the keyring has none. */
static gboolean
get_secret (Export *export,
            guint   kind,
            guint   index,
            guint8 *out)
{
  GBytes *value = g_hash_table_lookup (export->secrets[kind], GUINT_TO_POINTER (index));

  if (value == NULL || g_bytes_get_size (value) != MESH_CDB_KEY_SIZE)
    return FALSE;
  memcpy (out, g_bytes_get_data (value, NULL), MESH_CDB_KEY_SIZE);
  return TRUE;
}

/* Database → CDB values (see mesh-config-types.h for the database's). */

static void
from_destination (const MeshDestination *destination,
                  MeshCdbAddress        *address)
{
  if (destination == NULL)
    mesh_cdb_address_set (address, 0);
  else if (destination->has_label)
    mesh_cdb_address_set_label (address, destination->label);
  else
    mesh_cdb_address_set (address, destination->address);
}

static MeshCdbTransmit
from_transmit (const MeshTransmit *transmit)
{
  return (MeshCdbTransmit) { transmit->count + 1, (transmit->interval_steps + 1) * 10 };
}

static MeshCdbFeatureState
from_feature_state (MeshFeatureState state)
{
  return state == MESH_FEATURE_STATE_UNKNOWN ? MESH_CDB_FEATURE_ABSENT : (MeshCdbFeatureState) state;
}

static void
parse_uuid (const char *text,
            guint8     *uuid)
{
  /* The database keeps canonical UUIDs; a broken one exports as zeros and
   * fails validation rather than writing garbage. */
  if (text == NULL || !mesh_cdb_uuid_parse (text, uuid))
    memset (uuid, 0, MESH_CDB_UUID_SIZE);
}

static void
export_model (MeshCdbElement *element,
              MeshModel      *model)
{
  MeshCdbModel *m = mesh_cdb_element_add_model (element);
  const MeshDestination *subscriptions;
  const MeshPublication *publication;
  const guint16 *bindings;
  guint n;

  m->model_id = mesh_model_get_model_id (model);
  m->vendor = mesh_model_get_vendor (model);

  bindings = mesh_model_get_bindings (model, &n);
  g_array_append_vals (m->bind, bindings, n);

  subscriptions = mesh_model_get_subscriptions (model, &n);
  for (guint i = 0; i < n; i++)
    {
      MeshCdbAddress address;

      from_destination (&subscriptions[i], &address);
      g_array_append_val (m->subscribe, address);
    }

  publication = mesh_model_get_publication (model);
  if (publication != NULL)
    {
      static const guint32 resolutions[] = { 100, 1000, 10000, 600000 };

      m->has_publish = TRUE;
      from_destination (&publication->destination, &m->publish.address);
      m->publish.index = publication->app_key_index;
      m->publish.ttl = publication->ttl;
      m->publish.period_steps = publication->period_steps;
      m->publish.period_resolution = resolutions[publication->period_resolution & 3];
      m->publish.credentials = publication->credentials;
      m->publish.retransmit_count = publication->retransmit_count;
      m->publish.retransmit_interval = (publication->retransmit_interval_steps + 1) * 50;
    }
}

static void
export_node (Export   *export,
             MeshNode *node)
{
  MeshCdbNode *n = mesh_cdb_document_add_node (export->doc);
  GListModel *elements = mesh_node_get_elements (node);
  const MeshHeartbeatPublication *pub;
  const MeshHeartbeatSubscription *sub;
  const MeshTransmit *transmit;
  const MeshNodeKey *keys;
  guint n_keys, n_elements;

  parse_uuid (mesh_node_get_uuid (node), n->uuid);
  n->unicast = mesh_node_get_unicast (node);
  if (get_secret (export, DEVICE_KEYS, n->unicast, n->device_key))
    n->present |= MESH_CDB_NODE_HAS_DEVICE_KEY;
  n->security = mesh_node_get_security (node) == MESH_SECURITY_SECURE ? MESH_CDB_SECURITY_SECURE
                                                                       : MESH_CDB_SECURITY_INSECURE;
  n->config_complete = mesh_node_get_config_complete (node);
  n->excluded = mesh_node_get_excluded (node);
  n->name = g_strdup (mesh_node_get_name (node));

#define OPTIONAL_INT(getter, field, flag)      \
  if (getter (node) >= 0)                      \
    {                                          \
      n->field = getter (node);                \
      n->present |= flag;                      \
    }
  OPTIONAL_INT (mesh_node_get_cid, cid, MESH_CDB_NODE_HAS_CID)
  OPTIONAL_INT (mesh_node_get_pid, pid, MESH_CDB_NODE_HAS_PID)
  OPTIONAL_INT (mesh_node_get_vid, vid, MESH_CDB_NODE_HAS_VID)
  OPTIONAL_INT (mesh_node_get_crpl, crpl, MESH_CDB_NODE_HAS_CRPL)
  OPTIONAL_INT (mesh_node_get_secure_network_beacon, secure_network_beacon, MESH_CDB_NODE_HAS_SECURE_NETWORK_BEACON)
  OPTIONAL_INT (mesh_node_get_default_ttl, default_ttl, MESH_CDB_NODE_HAS_DEFAULT_TTL)
#undef OPTIONAL_INT

  mesh_cdb_node_set_features (n,
                              from_feature_state (mesh_node_get_relay (node)),
                              from_feature_state (mesh_node_get_proxy (node)),
                              from_feature_state (mesh_node_get_friend (node)),
                              from_feature_state (mesh_node_get_low_power (node)));
  if (n->relay != MESH_CDB_FEATURE_ABSENT || n->proxy != MESH_CDB_FEATURE_ABSENT ||
      n->friend_ != MESH_CDB_FEATURE_ABSENT || n->low_power != MESH_CDB_FEATURE_ABSENT)
    n->present |= MESH_CDB_NODE_HAS_FEATURES;

  if ((transmit = mesh_node_get_network_transmit (node)) != NULL)
    {
      n->network_transmit = from_transmit (transmit);
      n->present |= MESH_CDB_NODE_HAS_NETWORK_TRANSMIT;
    }
  if ((transmit = mesh_node_get_relay_retransmit (node)) != NULL)
    {
      n->relay_retransmit = from_transmit (transmit);
      n->present |= MESH_CDB_NODE_HAS_RELAY_RETRANSMIT;
    }
  if ((pub = mesh_node_get_heartbeat_publication (node)) != NULL)
    {
      n->heartbeat_pub.address = pub->destination;
      n->heartbeat_pub.period = pub->period_log == 0 ? 0 : 1u << (pub->period_log - 1);
      n->heartbeat_pub.ttl = pub->ttl;
      n->heartbeat_pub.index = pub->net_key_index;
      n->heartbeat_pub.features = pub->features;
      n->present |= MESH_CDB_NODE_HAS_HEARTBEAT_PUB;
    }
  if ((sub = mesh_node_get_heartbeat_subscription (node)) != NULL)
    {
      n->heartbeat_sub.source = sub->source;
      n->heartbeat_sub.destination = sub->destination;
      n->present |= MESH_CDB_NODE_HAS_HEARTBEAT_SUB;
    }

  /* MeshNodeKey and MeshCdbNodeKey are the same pair. */
  keys = mesh_node_get_net_keys (node, &n_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      MeshCdbNodeKey key = { keys[i].index, keys[i].updated };

      g_array_append_val (n->net_keys, key);
    }
  keys = mesh_node_get_app_keys (node, &n_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      MeshCdbNodeKey key = { keys[i].index, keys[i].updated };

      g_array_append_val (n->app_keys, key);
    }

  n_elements = g_list_model_get_n_items (elements);
  for (guint i = 0; i < n_elements; i++)
    {
      g_autoptr(MeshElement) element = g_list_model_get_item (elements, i);
      GListModel *models = mesh_element_get_models (element);
      MeshCdbElement *e = mesh_cdb_node_add_element (n);

      e->index = mesh_element_get_index (element);
      e->location = mesh_element_get_location (element);
      e->name = g_strdup (mesh_element_get_name (element));
      for (guint m = 0; m < g_list_model_get_n_items (models); m++)
        {
          g_autoptr(MeshModel) model = g_list_model_get_item (models, m);

          export_model (e, model);
        }
    }

  /* A node whose composition was never read still has its addresses: CDB
   * counts them by elements, so write elements without models. */
  for (guint i = n_elements; i < mesh_node_get_element_count (node); i++)
    mesh_cdb_node_add_element (n);
}

static int
exclusion_compare (gconstpointer a,
                   gconstpointer b)
{
  const MeshExclusion *ea = a;
  const MeshExclusion *eb = b;

  if (ea->iv_index != eb->iv_index)
    return ea->iv_index < eb->iv_index ? -1 : 1;
  return (int) ea->address - (int) eb->address;
}

static void
export_exclusions (Export *export)
{
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (MeshExclusion));
  MeshCdbExclusion *list = NULL;
  const MeshExclusion *exclusions;
  guint n;

  /* CDB groups the addresses by the IV index they were excluded at. */
  exclusions = mesh_network_get_exclusions (export->network, &n);
  g_array_append_vals (sorted, exclusions, n);
  g_array_sort (sorted, exclusion_compare);
  for (guint i = 0; i < sorted->len; i++)
    {
      const MeshExclusion *entry = &g_array_index (sorted, MeshExclusion, i);

      if (list == NULL || list->iv_index != entry->iv_index)
        {
          list = mesh_cdb_document_add_exclusion (export->doc);
          list->iv_index = entry->iv_index;
        }
      g_array_append_val (list->addresses, entry->address);
    }
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value != NULL ? value : "");
}

static void
export_ranges (MeshProvisioner *provisioner,
               MeshRangeKind    kind,
               GArray          *out)
{
  guint n;
  const MeshAddressRange *ranges = mesh_provisioner_get_ranges (provisioner, kind, &n);

  for (guint i = 0; i < n; i++)
    {
      MeshCdbRange range = { ranges[i].low, ranges[i].high };

      g_array_append_val (out, range);
    }
}

/* Everything but the nodes. FALSE with @error if a key has no value. */
static gboolean
export_network (Export  *export,
                GError **error)
{
  MeshNetwork *network = export->network;
  MeshCdbDocument *doc = export->doc;
  GListModel *list;

  parse_uuid (mesh_network_get_uuid (network), doc->mesh_uuid);
  set_string (&doc->mesh_name, mesh_network_get_name (network));
  if (mesh_network_get_timestamp (network) != NULL)
    set_string (&doc->timestamp, mesh_network_get_timestamp (network));
  doc->partial = mesh_network_get_partial (network);

  list = mesh_network_get_net_keys (network);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MeshNetKey) key = g_list_model_get_item (list, i);
      MeshCdbNetKey *k = mesh_cdb_document_add_net_key (doc);

      k->index = mesh_net_key_get_index (key);
      set_string (&k->name, mesh_net_key_get_name (key));
      k->phase = mesh_net_key_get_phase (key);
      k->min_security = mesh_net_key_get_min_security (key) == MESH_SECURITY_SECURE
                        ? MESH_CDB_SECURITY_SECURE : MESH_CDB_SECURITY_INSECURE;
      set_string (&k->timestamp, mesh_net_key_get_timestamp (key) != NULL
                                 ? mesh_net_key_get_timestamp (key) : doc->timestamp);
      if (!get_secret (export, NET_KEYS, k->index, k->key))
        {
          g_set_error (error, MESH_ERROR, MESH_ERROR_SECRET_MISSING,
                       _("The keyring has no value for NetKey %u (“%s”), so the network cannot be exported."),
                       k->index, k->name);
          return FALSE;
        }
      k->has_old_key = get_secret (export, OLD_NET_KEYS, k->index, k->old_key);
    }

  list = mesh_network_get_app_keys (network);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MeshAppKey) key = g_list_model_get_item (list, i);
      MeshCdbAppKey *k = mesh_cdb_document_add_app_key (doc);

      k->index = mesh_app_key_get_index (key);
      k->bound_net_key = mesh_app_key_get_bound_net_key (key);
      set_string (&k->name, mesh_app_key_get_name (key));
      if (!get_secret (export, APP_KEYS, k->index, k->key))
        {
          g_set_error (error, MESH_ERROR, MESH_ERROR_SECRET_MISSING,
                       _("The keyring has no value for AppKey %u (“%s”), so the network cannot be exported."),
                       k->index, k->name);
          return FALSE;
        }
      k->has_old_key = get_secret (export, OLD_APP_KEYS, k->index, k->old_key);
    }

  list = mesh_network_get_provisioners (network);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MeshProvisioner) provisioner = g_list_model_get_item (list, i);
      MeshCdbProvisioner *p = mesh_cdb_document_add_provisioner (doc);

      set_string (&p->name, mesh_provisioner_get_name (provisioner));
      parse_uuid (mesh_provisioner_get_uuid (provisioner), p->uuid);
      export_ranges (provisioner, MESH_RANGE_KIND_UNICAST, p->unicast_ranges);
      export_ranges (provisioner, MESH_RANGE_KIND_GROUP, p->group_ranges);
      export_ranges (provisioner, MESH_RANGE_KIND_SCENE, p->scene_ranges);
    }

  list = mesh_network_get_groups (network);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MeshGroup) group = g_list_model_get_item (list, i);
      MeshCdbGroup *g = mesh_cdb_document_add_group (doc);

      set_string (&g->name, mesh_group_get_name (group));
      from_destination (mesh_group_get_address (group), &g->address);
      from_destination (mesh_group_has_parent (group) ? mesh_group_get_parent (group) : NULL, &g->parent);
    }

  list = mesh_network_get_scenes (network);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MeshScene) scene = g_list_model_get_item (list, i);
      MeshCdbScene *s = mesh_cdb_document_add_scene (doc);
      const guint16 *addresses;
      guint n;

      set_string (&s->name, mesh_scene_get_name (scene));
      s->number = mesh_scene_get_number (scene);
      addresses = mesh_scene_get_addresses (scene, &n);
      g_array_append_vals (s->addresses, addresses, n);
    }

  export_exclusions (export);
  return TRUE;
}

/* Private, shared with mesh-cdb-import.c. */
GHashTable *
mesh_cdb_secrets_by_index (GPtrArray *secrets)
{
  GHashTable *values = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_bytes_unref);

  for (guint i = 0; secrets != NULL && i < secrets->len; i++)
    {
      MeshSecret *secret = secrets->pdata[i];

      g_hash_table_insert (values, GUINT_TO_POINTER (secret->index), g_bytes_ref (secret->value));
    }
  return values;
}

/* In a worker thread: select, check, write. */
static void
finish_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  GError *error = NULL;

  if (export->selection != NULL)
    {
      MeshCdbDocument *partial = mesh_cdb_selection_apply (export->selection, export->doc);

      mesh_cdb_document_unref (export->doc);
      export->doc = partial;
    }

  if (!mesh_cdb_document_validate (export->doc, &error))
    {
      g_prefix_error (&error, _("The network cannot be exported as it is: "));
      g_task_return_error (task, error);
      return;
    }

  if (export->file != NULL &&
      !mesh_cdb_writer_write_file (export->doc, export->file, export->progress, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static gboolean
build_slice_cb (gpointer user_data)
{
  GTask *task = user_data;
  Export *export = g_task_get_task_data (task);
  GListModel *nodes = mesh_network_get_nodes (export->network);
  guint n_nodes = g_list_model_get_n_items (nodes);
  guint end = MIN (export->next_node + BUILD_SLICE, n_nodes);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  for (; export->next_node < end; export->next_node++)
    {
      g_autoptr(MeshNode) node = g_list_model_get_item (nodes, export->next_node);

      export_node (export, node);
    }

  if (export->next_node < n_nodes)
    {
      report (export, (double) export->next_node / n_nodes, NULL);
      return G_SOURCE_CONTINUE;
    }

  report (export, 1.0, export->file != NULL ? _("Writing the file…") : NULL);
  g_task_run_in_thread (task, finish_thread);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
build (GTask *task)
{
  Export *export = g_task_get_task_data (task);
  g_autoptr(GSource) source = NULL;
  GError *error = NULL;

  report (export, 0.0, _("Collecting the network…"));
  export->doc = mesh_cdb_document_new ();
  if (!export_network (export, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  source = g_idle_source_new ();
  g_source_set_callback (source, build_slice_cb, g_object_ref (task), NULL);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_attach (source, g_main_context_get_thread_default ());
}

/* Takes a reference to @task and @error (if not NULL): the network or the
 * secrets of one kind are loaded; they all load at once. */
static void
loaded (GTask  *task,
        GError *error)
{
  Export *export = g_task_get_task_data (task);

  if (error != NULL && export->error == NULL)
    export->error = error;
  else if (error != NULL)
    g_error_free (error);

  if (--export->loading > 0)
    report (export, 1.0 - (double) export->loading / (G_N_ELEMENTS (secret_kinds) + 1), NULL);
  else if (export->error != NULL)
    g_task_return_error (task, g_steal_pointer (&export->error));
  else
    build (task);
  g_object_unref (task);
}

typedef struct
{
  GTask *task;
  guint  kind;   /* in secret_kinds */
} LookUp;

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LookUp *look_up = user_data;
  Export *export = g_task_get_task_data (look_up->task);
  g_autoptr(GPtrArray) secrets = NULL;
  GError *error = NULL;

  secrets = mesh_keyring_lookup_all_finish (result, &error);
  if (secrets != NULL)
    export->secrets[look_up->kind] = mesh_cdb_secrets_by_index (secrets);
  loaded (look_up->task, error);
  g_free (look_up);
}

static void
elements_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GError *error = NULL;

  mesh_store_load_elements_finish (MESH_STORE (object), result, &error);
  loaded (user_data, error);
}

static void
network_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Export *export = g_task_get_task_data (task);
  GError *error = NULL;

  if (!mesh_store_load_network_finish (MESH_STORE (object), result, &error))
    {
      loaded (task, error);
      return;
    }
  mesh_store_load_elements_async (export->store, export->network, NULL,
                                  g_task_get_cancellable (task),
                                  elements_loaded_cb, task);
}

static void
export_start (MeshStore           *store,
              MeshNetwork         *network,
              MeshCdbSelection    *selection,
              GFile               *file,
              MeshCdbProgress     *progress,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  Export *export = g_new0 (Export, 1);

  g_task_set_source_tag (task, source_tag);
  export->store = g_object_ref (store);
  export->network = g_object_ref (network);
  export->selection = selection != NULL ? mesh_cdb_selection_ref (selection) : NULL;
  export->file = file != NULL ? g_object_ref (file) : NULL;
  export->progress = progress != NULL ? g_object_ref (progress) : NULL;
  g_task_set_task_data (task, export, export_free);

  /* The database and the keyring, both at once. */
  report (export, 0.0, _("Loading the network…"));
  export->loading = 1 + G_N_ELEMENTS (secret_kinds);
  mesh_store_load_network_async (store, network, cancellable, network_loaded_cb, g_object_ref (task));
  for (guint i = 0; i < G_N_ELEMENTS (secret_kinds); i++)
    {
      LookUp *look_up = g_new (LookUp, 1);

      look_up->task = g_object_ref (task);
      look_up->kind = i;
      mesh_keyring_lookup_all_async (mesh_network_get_uuid (network), secret_kinds[i], cancellable,
                                     looked_up_cb, look_up);
    }
}

/**
 * mesh_cdb_export_document_async:
 * @store: the network database
 * @network: a network of @store
 * @selection: (nullable): what a partial export takes, or %NULL for all
 * @progress: (nullable): where to report progress
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the call
 * @user_data: for @callback
 *
 * Makes the CDB document of @network, with its keys.
 */
void
mesh_cdb_export_document_async (MeshStore           *store,
                                MeshNetwork         *network,
                                MeshCdbSelection    *selection,
                                MeshCdbProgress     *progress,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (MESH_IS_STORE (store));
  g_return_if_fail (MESH_IS_NETWORK (network));
  g_return_if_fail (progress == NULL || MESH_IS_CDB_PROGRESS (progress));

  export_start (store, network, selection, NULL, progress, cancellable, callback, user_data,
                mesh_cdb_export_document_async);
}

/**
 * mesh_cdb_export_document_finish:
 * @result: the result given to the callback
 * @error: return location for an error: keyring and database errors,
 *   %MESH_ERROR_SECRET_MISSING for a key with no value,
 *   %MESH_ERROR_INVALID_DATA if the network is not a valid CDB (e.g. a
 *   node without device key in a network that is not partial)
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
MeshCdbDocument *
mesh_cdb_export_document_finish (GAsyncResult  *result,
                                 GError       **error)
{
  Export *export;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mesh_cdb_export_document_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  export = g_task_get_task_data (G_TASK (result));
  return mesh_cdb_document_ref (export->doc);
}

/**
 * mesh_cdb_export_file_async:
 * @store: the network database
 * @network: a network of @store
 * @selection: (nullable): what a partial export takes, or %NULL for all
 * @file: where to write; replaced as a whole, or left as it was
 * @progress: (nullable): where to report progress
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the call
 * @user_data: for @callback
 *
 * Writes the CDB file of @network, with its keys.
 */
void
mesh_cdb_export_file_async (MeshStore           *store,
                            MeshNetwork         *network,
                            MeshCdbSelection    *selection,
                            GFile               *file,
                            MeshCdbProgress     *progress,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (MESH_IS_STORE (store));
  g_return_if_fail (MESH_IS_NETWORK (network));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (progress == NULL || MESH_IS_CDB_PROGRESS (progress));

  export_start (store, network, selection, file, progress, cancellable, callback, user_data,
                mesh_cdb_export_file_async);
}

gboolean
mesh_cdb_export_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mesh_cdb_export_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
