/* mesh-cdb-document-validate.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "mesh-cdb-document.h"
#include "mesh-cdb-private.h"
#include "mesh-error.h"

/* mesh_cdb_document_validate(): what relates the values of a document to
 * each other, which the reader cannot check one member at a time. */

/* Validation helpers. Each names the object it complains about the way the
 * user sees it in the file or in the app: by name where it has one. */

#define fail mesh_cdb_set_error

static char *
describe_element (const MeshCdbNode    *node,
                  const MeshCdbElement *element)
{
  g_autofree char *node_text = mesh_cdb_describe_node (node);

  /* Translators: %s is "node “Kitchen”" or "the node with UUID …". */
  return g_strdup_printf (_("element %u of %s"), element->index, node_text);
}

static char *
describe_model (const MeshCdbNode    *node,
                const MeshCdbElement *element,
                const MeshCdbModel   *model)
{
  g_autofree char *element_text = describe_element (node, element);

  if (model->vendor)
    /* Translators: the second %s is "element 0 of node “Kitchen”". */
    return g_strdup_printf (_("model %08X of %s"), model->model_id, element_text);
  return g_strdup_printf (_("model %04X of %s"), model->model_id, element_text);
}

/* Groups a model may subscribe to include the fixed ones (all-proxies…). */
static gboolean
is_subscribable (const MeshCdbAddress *address)
{
  return address->is_virtual || address->value >= MESH_CDB_GROUP_FIRST;
}

typedef struct
{
  guint16 low;
  guint16 high;
  guint   owner;
} OwnedRange;

static int
owned_range_compare (gconstpointer a,
                     gconstpointer b)
{
  const OwnedRange *ra = a;
  const OwnedRange *rb = b;

  if (ra->low != rb->low)
    return ra->low < rb->low ? -1 : 1;
  return ra->owner < rb->owner ? -1 : ra->owner > rb->owner;
}

static gboolean
validate_net_keys (MeshCdbDocument  *self,
                   GError          **error)
{
  guint8 seen[MESH_CDB_MAX_KEY_INDEX + 1] = { 0 };

  if (self->net_keys->len == 0)
    return fail (error, _("The file holds no network key. A mesh network has at least one."));

  for (guint i = 0; i < self->net_keys->len; i++)
    {
      const MeshCdbNetKey *key = &g_array_index (self->net_keys, MeshCdbNetKey, i);

      if (key->index > MESH_CDB_MAX_KEY_INDEX)
        return fail (error, _("NetKey “%s” has index %u; key indexes go from 0 to 4095."),
                     key->name, key->index);
      if (seen[key->index]++)
        return fail (error, _("Two NetKeys have index %u. Each key needs its own index."),
                     key->index);
      if (key->phase > 2)
        return fail (error, _("NetKey %u is in key refresh phase %u; the phases are 0, 1 and 2."),
                     key->index, key->phase);
    }
  return TRUE;
}

static gboolean
validate_app_keys (MeshCdbDocument  *self,
                   GError          **error)
{
  guint8 seen[MESH_CDB_MAX_KEY_INDEX + 1] = { 0 };

  for (guint i = 0; i < self->app_keys->len; i++)
    {
      const MeshCdbAppKey *key = &g_array_index (self->app_keys, MeshCdbAppKey, i);

      if (key->index > MESH_CDB_MAX_KEY_INDEX)
        return fail (error, _("AppKey “%s” has index %u; key indexes go from 0 to 4095."),
                     key->name, key->index);
      if (seen[key->index]++)
        return fail (error, _("Two AppKeys have index %u. Each key needs its own index."),
                     key->index);
      if (mesh_cdb_document_find_net_key (self, key->bound_net_key) == NULL)
        return fail (error, _("AppKey %u (“%s”) is bound to NetKey %u, which the file does not define."),
                     key->index, key->name, key->bound_net_key);
    }
  return TRUE;
}

typedef enum
{
  RANGE_UNICAST,
  RANGE_GROUP,
  RANGE_SCENE,
} RangeKind;

static gboolean
validate_ranges (MeshCdbDocument  *self,
                 RangeKind         kind,
                 GError          **error)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (OwnedRange));
  const char *kind_text;
  guint first, last;

  switch (kind)
    {
    case RANGE_UNICAST:
      /* Translators: fills “%s” in "… overlapping %s ranges" and "… %s range". */
      kind_text = C_("range", "unicast");
      first = MESH_CDB_UNICAST_FIRST;
      last = MESH_CDB_UNICAST_LAST;
      break;
    case RANGE_GROUP:
      kind_text = C_("range", "group");
      first = MESH_CDB_GROUP_FIRST;
      last = MESH_CDB_GROUP_LAST;
      break;
    case RANGE_SCENE:
    default:
      kind_text = C_("range", "scene");
      first = 0x0001;
      last = 0xFFFF;
      break;
    }

  for (guint i = 0; i < self->provisioners->len; i++)
    {
      const MeshCdbProvisioner *p = &g_array_index (self->provisioners, MeshCdbProvisioner, i);
      GArray *ranges = kind == RANGE_UNICAST ? p->unicast_ranges
                     : kind == RANGE_GROUP ? p->group_ranges : p->scene_ranges;

      for (guint j = 0; j < ranges->len; j++)
        {
          const MeshCdbRange *r = &g_array_index (ranges, MeshCdbRange, j);
          OwnedRange owned = { r->low, r->high, i };

          if (r->low < first || r->high > last || r->low > r->high)
            return fail (error,
                         _("Provisioner “%s” has the %s range 0x%04X–0x%04X, which is not within 0x%04X–0x%04X or ends before it starts."),
                         p->name, kind_text, r->low, r->high, first, last);
          g_array_append_val (all, owned);
        }
    }

  g_array_sort (all, owned_range_compare);

  /* Sorted by start, a range overlaps one of another provisioner exactly
   * when that provisioner's furthest-reaching earlier range reaches it. So
   * keep the furthest-reaching range seen (best) and the furthest-reaching
   * one of any other provisioner (second). Ranges of one provisioner may
   * touch or overlap each other. */
  for (guint i = 0, best = G_MAXUINT, second = G_MAXUINT; i < all->len; i++)
    {
      const OwnedRange *r = &g_array_index (all, OwnedRange, i);
      guint other = best;

      if (best != G_MAXUINT && g_array_index (all, OwnedRange, best).owner == r->owner)
        other = second;

      if (other != G_MAXUINT && g_array_index (all, OwnedRange, other).high >= r->low)
        {
          const OwnedRange *earlier = &g_array_index (all, OwnedRange, other);
          const MeshCdbProvisioner *a = &g_array_index (self->provisioners, MeshCdbProvisioner, earlier->owner);
          const MeshCdbProvisioner *b = &g_array_index (self->provisioners, MeshCdbProvisioner, r->owner);

          return fail (error,
                       _("Provisioners “%s” and “%s” have overlapping %s ranges (0x%04X–0x%04X and 0x%04X–0x%04X). Each provisioner needs ranges of its own."),
                       a->name, b->name, kind_text,
                       earlier->low, earlier->high, r->low, r->high);
        }

      if (best == G_MAXUINT || r->high > g_array_index (all, OwnedRange, best).high)
        {
          if (best != G_MAXUINT && g_array_index (all, OwnedRange, best).owner != r->owner)
            second = best;
          best = i;
        }
      else if (r->owner != g_array_index (all, OwnedRange, best).owner &&
               (second == G_MAXUINT || r->high > g_array_index (all, OwnedRange, second).high))
        second = i;
    }
  return TRUE;
}

static gboolean
validate_provisioners (MeshCdbDocument  *self,
                       GError          **error)
{
  if (self->provisioners->len == 0)
    return fail (error, _("The file lists no provisioner. A mesh network has at least one."));

  for (guint i = 0; i < self->provisioners->len; i++)
    {
      const MeshCdbProvisioner *p = &g_array_index (self->provisioners, MeshCdbProvisioner, i);

      for (guint j = 0; j < i; j++)
        {
          const MeshCdbProvisioner *other = &g_array_index (self->provisioners, MeshCdbProvisioner, j);

          if (memcmp (p->uuid, other->uuid, MESH_CDB_UUID_SIZE) == 0)
            {
              char uuid[MESH_CDB_UUID_STRING_LEN + 1];

              mesh_cdb_uuid_format (p->uuid, uuid);
              return fail (error, _("Provisioners “%s” and “%s” have the same UUID %s."),
                           other->name, p->name, uuid);
            }
        }
    }

  return validate_ranges (self, RANGE_UNICAST, error) &&
         validate_ranges (self, RANGE_GROUP, error) &&
         validate_ranges (self, RANGE_SCENE, error);
}

static gboolean
validate_node_keys (MeshCdbDocument    *self,
                    const MeshCdbNode  *node,
                    gboolean            app,
                    GError            **error)
{
  GArray *keys = app ? node->app_keys : node->net_keys;

  for (guint i = 0; i < keys->len; i++)
    {
      guint16 index = g_array_index (keys, MeshCdbNodeKey, i).index;
      gboolean known = app ? mesh_cdb_document_find_app_key (self, index) != NULL
                           : mesh_cdb_document_find_net_key (self, index) != NULL;

      if (!known)
        {
          g_autofree char *where = mesh_cdb_describe_node (node);

          return fail (error, app ? _("%s knows AppKey %u, which the file does not define.")
                                  : _("%s knows NetKey %u, which the file does not define."),
                       where, index);
        }
      for (guint j = 0; j < i; j++)
        if (g_array_index (keys, MeshCdbNodeKey, j).index == index)
          {
            g_autofree char *where = mesh_cdb_describe_node (node);

            return fail (error, app ? _("%s lists AppKey %u twice.")
                                    : _("%s lists NetKey %u twice."),
                         where, index);
          }
    }
  return TRUE;
}

static gboolean
validate_model (MeshCdbDocument       *self,
                const MeshCdbNode     *node,
                const MeshCdbElement  *element,
                const MeshCdbModel    *model,
                GError               **error)
{
  for (guint i = 0; i < model->bind->len; i++)
    {
      guint16 index = g_array_index (model->bind, guint16, i);

      if (mesh_cdb_document_find_app_key (self, index) == NULL)
        {
          g_autofree char *where = describe_model (node, element, model);

          return fail (error, _("%s is bound to AppKey %u, which the file does not define."),
                       where, index);
        }
      for (guint j = 0; j < i; j++)
        if (g_array_index (model->bind, guint16, j) == index)
          {
            g_autofree char *where = describe_model (node, element, model);

            return fail (error, _("%s is bound to AppKey %u twice."), where, index);
          }
    }

  for (guint i = 0; i < model->subscribe->len; i++)
    {
      const MeshCdbAddress *address = &g_array_index (model->subscribe, MeshCdbAddress, i);

      if (!is_subscribable (address))
        {
          g_autofree char *where = describe_model (node, element, model);

          return fail (error, _("%s subscribes to 0x%04X, which is not a group address."),
                       where, address->value);
        }
    }

  if (model->has_publish &&
      mesh_cdb_document_find_app_key (self, model->publish.index) == NULL)
    {
      g_autofree char *where = describe_model (node, element, model);

      return fail (error, _("%s publishes with AppKey %u, which the file does not define."),
                   where, model->publish.index);
    }
  return TRUE;
}

static gboolean
validate_elements (MeshCdbDocument    *self,
                   const MeshCdbNode  *node,
                   GError            **error)
{
  guint n_elements = node->elements->len;

  for (guint i = 0; i < n_elements; i++)
    {
      const MeshCdbElement *element = &g_array_index (node->elements, MeshCdbElement, i);

      if (element->index >= n_elements)
        {
          g_autofree char *where = mesh_cdb_describe_node (node);

          return fail (error, _("%s has an element with index %u but only %u elements."),
                       where, element->index, n_elements);
        }
      for (guint j = 0; j < i; j++)
        if (g_array_index (node->elements, MeshCdbElement, j).index == element->index)
          {
            g_autofree char *where = mesh_cdb_describe_node (node);

            return fail (error, _("%s has two elements with index %u."),
                         where, element->index);
          }

      for (guint m = 0; m < element->models->len; m++)
        {
          const MeshCdbModel *model = &g_array_index (element->models, MeshCdbModel, m);

          for (guint k = 0; k < m; k++)
            {
              const MeshCdbModel *other = &g_array_index (element->models, MeshCdbModel, k);

              if (other->model_id == model->model_id && other->vendor == model->vendor)
                {
                  g_autofree char *where = describe_model (node, element, model);

                  return fail (error, _("%s appears twice in that element."), where);
                }
            }
          if (!validate_model (self, node, element, model, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
validate_heartbeat (MeshCdbDocument    *self,
                    const MeshCdbNode  *node,
                    GError            **error)
{
  if (node->present & MESH_CDB_NODE_HAS_HEARTBEAT_PUB)
    {
      const MeshCdbHeartbeatPub *pub = &node->heartbeat_pub;

      if (pub->address != 0 && !mesh_cdb_is_unicast (pub->address) && pub->address < MESH_CDB_GROUP_FIRST)
        {
          g_autofree char *where = mesh_cdb_describe_node (node);

          return fail (error, _("%s publishes heartbeats to 0x%04X, which is a virtual address; heartbeats go to a unicast or group address."),
                       where, pub->address);
        }
      if (mesh_cdb_document_find_net_key (self, pub->index) == NULL)
        {
          g_autofree char *where = mesh_cdb_describe_node (node);

          return fail (error, _("%s publishes heartbeats with NetKey %u, which the file does not define."),
                       where, pub->index);
        }
    }

  if (node->present & MESH_CDB_NODE_HAS_HEARTBEAT_SUB)
    {
      const MeshCdbHeartbeatSub *sub = &node->heartbeat_sub;

      if (sub->source != 0 && !mesh_cdb_is_unicast (sub->source))
        {
          g_autofree char *where = mesh_cdb_describe_node (node);

          return fail (error, _("%s listens to heartbeats from 0x%04X, which is not a unicast address."),
                       where, sub->source);
        }
      if (sub->destination != 0 && !mesh_cdb_is_unicast (sub->destination) && sub->destination < MESH_CDB_GROUP_FIRST)
        {
          g_autofree char *where = mesh_cdb_describe_node (node);

          return fail (error, _("%s listens to heartbeats sent to 0x%04X, which is a virtual address; heartbeats go to a unicast or group address."),
                       where, sub->destination);
        }
    }
  return TRUE;
}

/* A node's first and last unicast address, sortable without the nodes. */
typedef struct
{
  guint16 first;
  guint16 last;
  guint   node;
} NodeSpan;

static int
node_span_compare (const void *a,
                   const void *b)
{
  const NodeSpan *sa = a;
  const NodeSpan *sb = b;

  if (sa->first != sb->first)
    return sa->first < sb->first ? -1 : 1;
  return sa->node < sb->node ? -1 : sa->node > sb->node;
}

static gboolean
validate_node_addresses (MeshCdbDocument  *self,
                         GError          **error)
{
  g_autofree NodeSpan *spans = g_new (NodeSpan, self->nodes->len + 1);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const MeshCdbNode *node = &g_array_index (self->nodes, MeshCdbNode, i);

      spans[i].first = node->unicast;
      spans[i].last = node->unicast + mesh_cdb_node_get_address_count (node) - 1;
      spans[i].node = i;
    }
  qsort (spans, self->nodes->len, sizeof (NodeSpan), node_span_compare);

  /* Sorted by primary address, a node's addresses collide with another's
   * exactly when they reach the next node's primary address. */
  for (guint i = 1; i < self->nodes->len; i++)
    {
      const NodeSpan *a = &spans[i - 1];
      const NodeSpan *b = &spans[i];

      if (a->last >= b->first)
        {
          g_autofree char *a_text = mesh_cdb_describe_node (&g_array_index (self->nodes, MeshCdbNode, a->node));
          g_autofree char *b_text = mesh_cdb_describe_node (&g_array_index (self->nodes, MeshCdbNode, b->node));

          if (a->first == b->first)
            return fail (error, _("%s and %s have the same unicast address 0x%04X. Each node needs addresses of its own."),
                         a_text, b_text, a->first);
          return fail (error, _("%s uses unicast addresses 0x%04X–0x%04X, and %s has address 0x%04X among them. Each node needs addresses of its own."),
                       a_text, a->first, a->last, b_text, b->first);
        }
    }
  return TRUE;
}

static gboolean
validate_nodes (MeshCdbDocument  *self,
                GError          **error)
{
  g_autoptr(GHashTable) uuids = g_hash_table_new (mesh_cdb_uuid_hash, mesh_cdb_uuid_equal);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const MeshCdbNode *node = &g_array_index (self->nodes, MeshCdbNode, i);
      guint last = node->unicast + mesh_cdb_node_get_address_count (node) - 1;

      if (!g_hash_table_add (uuids, (gpointer) node->uuid))
        {
          char uuid[MESH_CDB_UUID_STRING_LEN + 1];

          mesh_cdb_uuid_format (node->uuid, uuid);
          return fail (error, _("Two nodes have the UUID %s."), uuid);
        }

      if (!mesh_cdb_is_unicast (node->unicast))
        {
          g_autofree char *where = mesh_cdb_describe_node (node);

          return fail (error, _("%s has unicast address 0x%04X, which is not a unicast address."),
                       where, node->unicast);
        }
      if (last > MESH_CDB_UNICAST_LAST)
        {
          g_autofree char *where = mesh_cdb_describe_node (node);

          return fail (error, _("%s has %u elements from address 0x%04X, which goes past the last unicast address 0x7FFF."),
                       where, node->elements->len, node->unicast);
        }
      if (!self->partial && !(node->present & MESH_CDB_NODE_HAS_DEVICE_KEY))
        {
          g_autofree char *where = mesh_cdb_describe_node (node);

          return fail (error, _("%s has no device key. Only a partial export may leave device keys out."),
                       where);
        }

      if (!validate_node_keys (self, node, FALSE, error) ||
          !validate_node_keys (self, node, TRUE, error) ||
          !validate_elements (self, node, error) ||
          !validate_heartbeat (self, node, error))
        return FALSE;
    }

  return validate_node_addresses (self, error);
}

static gboolean
validate_groups (MeshCdbDocument  *self,
                 GError          **error)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      const MeshCdbGroup *group = &g_array_index (self->groups, MeshCdbGroup, i);
      const MeshCdbGroup *ancestor = group;

      if (!group->address.is_virtual && !mesh_cdb_is_group (group->address.value))
        return fail (error, _("Group “%s” has address 0x%04X, which is not a group address (0xC000–0xFEFF)."),
                     group->name, group->address.value);

      for (guint j = 0; j < i; j++)
        {
          const MeshCdbGroup *other = &g_array_index (self->groups, MeshCdbGroup, j);

          if (mesh_cdb_address_equal (&other->address, &group->address))
            {
              g_autofree char *address = mesh_cdb_format_address (&group->address);

              return fail (error, _("Groups “%s” and “%s” have the same address %s."),
                           other->name, group->name, address);
            }
        }

      /* Walking up the parents must end at "no parent" within as many steps
       * as there are groups, or the parents form a loop. */
      for (guint steps = 0; !mesh_cdb_address_is_unassigned (&ancestor->parent); steps++)
        {
          const MeshCdbGroup *parent = mesh_cdb_document_find_group (self, &ancestor->parent);

          if (parent == NULL)
            {
              g_autofree char *address = mesh_cdb_format_address (&ancestor->parent);

              return fail (error, _("Group “%s” has the parent %s, which is not a group in the file."),
                           ancestor->name, address);
            }
          if (parent == group || steps > self->groups->len)
            return fail (error, _("Group “%s” is its own ancestor: its parent groups form a loop."),
                         group->name);
          ancestor = parent;
        }
    }
  return TRUE;
}

static gboolean
validate_scenes (MeshCdbDocument  *self,
                 GError          **error)
{
  for (guint i = 0; i < self->scenes->len; i++)
    {
      const MeshCdbScene *scene = &g_array_index (self->scenes, MeshCdbScene, i);

      if (scene->number == 0)
        return fail (error, _("Scene “%s” has number 0x0000, which is not a scene number."),
                     scene->name);
      for (guint j = 0; j < i; j++)
        if (g_array_index (self->scenes, MeshCdbScene, j).number == scene->number)
          return fail (error, _("Two scenes have number 0x%04X."), scene->number);
      for (guint j = 0; j < scene->addresses->len; j++)
        {
          guint16 address = g_array_index (scene->addresses, guint16, j);

          if (!mesh_cdb_is_unicast (address))
            return fail (error, _("Scene “%s” stores address 0x%04X, which is not a unicast address."),
                         scene->name, address);
        }
    }
  return TRUE;
}

static gboolean
validate_exclusions (MeshCdbDocument  *self,
                     GError          **error)
{
  for (guint i = 0; i < self->exclusions->len; i++)
    {
      const MeshCdbExclusion *exclusion = &g_array_index (self->exclusions, MeshCdbExclusion, i);

      for (guint j = 0; j < exclusion->addresses->len; j++)
        {
          guint16 address = g_array_index (exclusion->addresses, guint16, j);

          if (!mesh_cdb_is_unicast (address))
            return fail (error, _("The exclusion list of IV index %u holds 0x%04X, which is not a unicast address."),
                         exclusion->iv_index, address);
        }
    }
  return TRUE;
}

/**
 * mesh_cdb_document_validate:
 * @self: a document
 * @error: return location for a #MESH_ERROR_INVALID_DATA error
 *
 * Checks what relates the document's values to each other: address
 * classes, duplicate indexes, UUIDs and addresses, overlapping node
 * addresses and provisioner ranges, references to keys and groups. The
 * error message names the offending object in a sentence for the user.
 *
 * Returns: %TRUE if the document is consistent
 */
gboolean
mesh_cdb_document_validate (MeshCdbDocument  *self,
                            GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return validate_net_keys (self, error) &&
         validate_app_keys (self, error) &&
         validate_provisioners (self, error) &&
         validate_nodes (self, error) &&
         validate_groups (self, error) &&
         validate_scenes (self, error) &&
         validate_exclusions (self, error);
}
