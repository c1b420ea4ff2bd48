/* mesh-cdb-import-merge.c
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

/* Merging a file into a network of ours: what the file adds, and the
 * conflicts, which stop the import when they are fatal. */

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
          mesh_cdb_import_add_net_key (import, k);
          mesh_cdb_import_add_net_key_values (import, k);
        }
      else if (!secret_equal (import->net_key_values, k->index, k->key))
        mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_NET_KEY, TRUE,
                                             _("NetKey %u has another value in the file than in this network."),
                                             k->index);
      else if (!g_hash_table_contains (import->net_key_values, GUINT_TO_POINTER (k->index)))
        mesh_cdb_import_add_secret (import, MESH_SECRET_NET_KEY, k->index, k->key);
    }

  for (guint i = 0; i < doc->app_keys->len; i++)
    {
      const MeshCdbAppKey *k = &g_array_index (doc->app_keys, MeshCdbAppKey, i);
      MeshAppKey *ours = mesh_network_find_app_key (import->network, k->index);

      if (ours == NULL)
        {
          mesh_cdb_import_add_app_key (import, k);
          mesh_cdb_import_add_app_key_values (import, k);
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
        mesh_cdb_import_add_secret (import, MESH_SECRET_APP_KEY, k->index, k->key);
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
      g_autofree char *uuid = mesh_cdb_import_uuid_to_string (p->uuid);
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

      candidate = mesh_cdb_import_build_provisioner (p);
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
  g_autoptr(GPtrArray) groups = mesh_cdb_import_groups_parents_first (import->doc);

  for (guint i = 0; i < groups->len; i++)
    {
      const MeshCdbGroup *g = groups->pdata[i];
      MeshDestination address;
      MeshGroup *ours;

      mesh_cdb_import_to_destination (&g->address, &address);
      ours = mesh_network_find_group (import->network, &address);
      if (ours == NULL)
        {
          g_ptr_array_add (import->objects, mesh_cdb_import_build_group (g));
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
          g_ptr_array_add (import->objects, mesh_cdb_import_build_scene (s));
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
      g_autofree char *uuid = mesh_cdb_import_uuid_to_string (n->uuid);
      MeshNode *ours = g_hash_table_lookup (by_uuid, uuid);
      guint count = mesh_cdb_node_get_address_count (n);
      char label[MESH_CDB_UUID_STRING_LEN + 1];
      gboolean skip = FALSE;

      if (ours != NULL)
        {
          guint our_count = MAX (mesh_node_get_element_count (ours), 1);

          if (mesh_node_get_unicast (ours) != n->unicast || our_count != count)
            {
              g_autofree char *theirs = mesh_cdb_import_format_addresses (n->unicast, count);
              g_autofree char *mine = mesh_cdb_import_format_addresses (mesh_node_get_unicast (ours), our_count);

              mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_NODE, TRUE,
                                                   _("Node “%s” has the address %s in the file but %s in this network."),
                                                   mesh_cdb_import_node_label (n, label), theirs, mine);
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
                                                   mesh_cdb_import_node_label (n, label), a,
                                                   name != NULL && name[0] != '\0' ? name : mesh_node_get_uuid (owner[a]));
              skip = TRUE;
            }
          else if (excluded[a])
            {
              mesh_cdb_import_result_add_conflict (import->result, MESH_CDB_CONFLICT_NODE, FALSE,
                                                   _("Node “%s” of the file has address 0x%04X, which this network excluded when it removed a node; the node was left out."),
                                                   mesh_cdb_import_node_label (n, label), a);
              skip = TRUE;
            }
        }
      if (skip)
        continue;

      g_ptr_array_add (import->objects, mesh_cdb_import_build_node (n));
      mesh_cdb_import_add_device_key (import, n);
      import->result->n_nodes_added++;
    }
}

void
mesh_cdb_import_merge (GTask *task)
{
  Import *import = g_task_get_task_data (task);

  mesh_cdb_import_report (import, 0.5, _("Comparing the file with the network…"));

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
  mesh_cdb_import_add_exclusions (import, TRUE);

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

  mesh_cdb_import_report (import, 1.0, NULL);
  import->steps_left = 1;
  mesh_cdb_import_store_secrets (task);
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
  mesh_cdb_import_merge (task);
}

void
mesh_cdb_import_network_loaded_cb (GObject      *object,
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
