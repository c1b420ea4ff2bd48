/* mesh-cdb-document.c
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

G_DEFINE_BOXED_TYPE (MeshCdbDocument, mesh_cdb_document,
                     mesh_cdb_document_ref, mesh_cdb_document_unref)

static void
net_key_clear (gpointer data)
{
  MeshCdbNetKey *key = data;

  g_free (key->name);
  g_free (key->timestamp);
}

static void
app_key_clear (gpointer data)
{
  MeshCdbAppKey *key = data;

  g_free (key->name);
}

static void
provisioner_clear (gpointer data)
{
  MeshCdbProvisioner *provisioner = data;

  g_free (provisioner->name);
  g_clear_pointer (&provisioner->unicast_ranges, g_array_unref);
  g_clear_pointer (&provisioner->group_ranges, g_array_unref);
  g_clear_pointer (&provisioner->scene_ranges, g_array_unref);
}

static void
model_clear (gpointer data)
{
  MeshCdbModel *model = data;

  g_clear_pointer (&model->subscribe, g_array_unref);
  g_clear_pointer (&model->bind, g_array_unref);
}

static void
element_clear (gpointer data)
{
  MeshCdbElement *element = data;

  g_free (element->name);
  g_clear_pointer (&element->models, g_array_unref);
}

static void
node_clear (gpointer data)
{
  MeshCdbNode *node = data;

  g_free (node->name);
  g_clear_pointer (&node->net_keys, g_array_unref);
  g_clear_pointer (&node->app_keys, g_array_unref);
  g_clear_pointer (&node->elements, g_array_unref);
}

static void
group_clear (gpointer data)
{
  MeshCdbGroup *group = data;

  g_free (group->name);
}

static void
scene_clear (gpointer data)
{
  MeshCdbScene *scene = data;

  g_free (scene->name);
  g_clear_pointer (&scene->addresses, g_array_unref);
}

static void
exclusion_clear (gpointer data)
{
  MeshCdbExclusion *exclusion = data;

  g_clear_pointer (&exclusion->addresses, g_array_unref);
}

static GArray *
struct_array_new (gsize          element_size,
                  GDestroyNotify clear_func)
{
  GArray *array = g_array_new (FALSE, TRUE, element_size);

  g_array_set_clear_func (array, clear_func);
  return array;
}

static gpointer
struct_array_append (GArray *array)
{
  g_array_set_size (array, array->len + 1);
  return array->data + (gsize) (array->len - 1) * g_array_get_element_size (array);
}

static void
document_clear (gpointer data)
{
  MeshCdbDocument *self = data;

  g_free (self->mesh_name);
  g_free (self->timestamp);
  g_clear_pointer (&self->net_keys, g_array_unref);
  g_clear_pointer (&self->app_keys, g_array_unref);
  g_clear_pointer (&self->provisioners, g_array_unref);
  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->groups, g_array_unref);
  g_clear_pointer (&self->scenes, g_array_unref);
  g_clear_pointer (&self->exclusions, g_array_unref);
}

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
 * mesh_cdb_document_new:
 *
 * Creates an empty document, with every array created and a timestamp of
 * now, but no UUID: set mesh_uuid before writing it.
 *
 * Returns: (transfer full): a new document
 */
MeshCdbDocument *
mesh_cdb_document_new (void)
{
  MeshCdbDocument *self = g_atomic_rc_box_new0 (MeshCdbDocument);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->mesh_name = g_strdup ("");
  self->timestamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  self->net_keys = struct_array_new (sizeof (MeshCdbNetKey), net_key_clear);
  self->app_keys = struct_array_new (sizeof (MeshCdbAppKey), app_key_clear);
  self->provisioners = struct_array_new (sizeof (MeshCdbProvisioner), provisioner_clear);
  self->nodes = struct_array_new (sizeof (MeshCdbNode), node_clear);
  self->groups = struct_array_new (sizeof (MeshCdbGroup), group_clear);
  self->scenes = struct_array_new (sizeof (MeshCdbScene), scene_clear);
  self->exclusions = struct_array_new (sizeof (MeshCdbExclusion), exclusion_clear);
  return self;
}

MeshCdbDocument *
mesh_cdb_document_ref (MeshCdbDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
mesh_cdb_document_unref (MeshCdbDocument *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, document_clear);
}

MeshCdbNetKey *
mesh_cdb_document_add_net_key (MeshCdbDocument *self)
{
  MeshCdbNetKey *key = struct_array_append (self->net_keys);

  key->name = g_strdup ("");
  key->timestamp = g_strdup (self->timestamp);
  return key;
}

MeshCdbAppKey *
mesh_cdb_document_add_app_key (MeshCdbDocument *self)
{
  MeshCdbAppKey *key = struct_array_append (self->app_keys);

  key->name = g_strdup ("");
  return key;
}

MeshCdbProvisioner *
mesh_cdb_document_add_provisioner (MeshCdbDocument *self)
{
  MeshCdbProvisioner *provisioner = struct_array_append (self->provisioners);

  provisioner->name = g_strdup ("");
  provisioner->unicast_ranges = g_array_new (FALSE, FALSE, sizeof (MeshCdbRange));
  provisioner->group_ranges = g_array_new (FALSE, FALSE, sizeof (MeshCdbRange));
  provisioner->scene_ranges = g_array_new (FALSE, FALSE, sizeof (MeshCdbRange));
  return provisioner;
}

MeshCdbNode *
mesh_cdb_document_add_node (MeshCdbDocument *self)
{
  MeshCdbNode *node = struct_array_append (self->nodes);

  node->net_keys = g_array_new (FALSE, FALSE, sizeof (MeshCdbNodeKey));
  node->app_keys = g_array_new (FALSE, FALSE, sizeof (MeshCdbNodeKey));
  node->elements = struct_array_new (sizeof (MeshCdbElement), element_clear);
  mesh_cdb_node_set_features (node, MESH_CDB_FEATURE_ABSENT, MESH_CDB_FEATURE_ABSENT,
                              MESH_CDB_FEATURE_ABSENT, MESH_CDB_FEATURE_ABSENT);
  return node;
}

MeshCdbElement *
mesh_cdb_node_add_element (MeshCdbNode *node)
{
  MeshCdbElement *element = struct_array_append (node->elements);

  element->index = node->elements->len - 1;
  element->models = struct_array_new (sizeof (MeshCdbModel), model_clear);
  return element;
}

MeshCdbModel *
mesh_cdb_element_add_model (MeshCdbElement *element)
{
  MeshCdbModel *model = struct_array_append (element->models);

  model->subscribe = g_array_new (FALSE, FALSE, sizeof (MeshCdbAddress));
  model->bind = g_array_new (FALSE, FALSE, sizeof (guint16));
  return model;
}

MeshCdbGroup *
mesh_cdb_document_add_group (MeshCdbDocument *self)
{
  MeshCdbGroup *group = struct_array_append (self->groups);

  group->name = g_strdup ("");
  return group;
}

MeshCdbScene *
mesh_cdb_document_add_scene (MeshCdbDocument *self)
{
  MeshCdbScene *scene = struct_array_append (self->scenes);

  scene->name = g_strdup ("");
  scene->addresses = g_array_new (FALSE, FALSE, sizeof (guint16));
  return scene;
}

MeshCdbExclusion *
mesh_cdb_document_add_exclusion (MeshCdbDocument *self)
{
  MeshCdbExclusion *exclusion = struct_array_append (self->exclusions);

  exclusion->addresses = g_array_new (FALSE, FALSE, sizeof (guint16));
  return exclusion;
}

MeshCdbNetKey *
mesh_cdb_document_find_net_key (MeshCdbDocument *self,
                                guint16          index)
{
  for (guint i = 0; i < self->net_keys->len; i++)
    if (g_array_index (self->net_keys, MeshCdbNetKey, i).index == index)
      return &g_array_index (self->net_keys, MeshCdbNetKey, i);
  return NULL;
}

MeshCdbAppKey *
mesh_cdb_document_find_app_key (MeshCdbDocument *self,
                                guint16          index)
{
  for (guint i = 0; i < self->app_keys->len; i++)
    if (g_array_index (self->app_keys, MeshCdbAppKey, i).index == index)
      return &g_array_index (self->app_keys, MeshCdbAppKey, i);
  return NULL;
}

/* Linear: fine for single look-ups. Code that looks up every node of a big
 * document builds a hash table instead. */
MeshCdbNode *
mesh_cdb_document_find_node (MeshCdbDocument *self,
                             const guint8    *uuid)
{
  for (guint i = 0; i < self->nodes->len; i++)
    if (memcmp (g_array_index (self->nodes, MeshCdbNode, i).uuid, uuid, MESH_CDB_UUID_SIZE) == 0)
      return &g_array_index (self->nodes, MeshCdbNode, i);
  return NULL;
}

MeshCdbNode *
mesh_cdb_document_find_node_by_unicast (MeshCdbDocument *self,
                                        guint16          address)
{
  for (guint i = 0; i < self->nodes->len; i++)
    {
      MeshCdbNode *node = &g_array_index (self->nodes, MeshCdbNode, i);

      if (address >= node->unicast &&
          address < node->unicast + mesh_cdb_node_get_address_count (node))
        return node;
    }
  return NULL;
}

MeshCdbProvisioner *
mesh_cdb_document_find_provisioner (MeshCdbDocument *self,
                                    const guint8    *uuid)
{
  for (guint i = 0; i < self->provisioners->len; i++)
    if (memcmp (g_array_index (self->provisioners, MeshCdbProvisioner, i).uuid, uuid, MESH_CDB_UUID_SIZE) == 0)
      return &g_array_index (self->provisioners, MeshCdbProvisioner, i);
  return NULL;
}

MeshCdbGroup *
mesh_cdb_document_find_group (MeshCdbDocument      *self,
                              const MeshCdbAddress *address)
{
  for (guint i = 0; i < self->groups->len; i++)
    if (mesh_cdb_address_equal (&g_array_index (self->groups, MeshCdbGroup, i).address, address))
      return &g_array_index (self->groups, MeshCdbGroup, i);
  return NULL;
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

guint
mesh_cdb_node_get_address_count (const MeshCdbNode *node)
{
  return MAX (node->elements->len, 1);
}

void
mesh_cdb_node_set_features (MeshCdbNode         *node,
                            MeshCdbFeatureState  relay,
                            MeshCdbFeatureState  proxy,
                            MeshCdbFeatureState  friend_,
                            MeshCdbFeatureState  low_power)
{
  node->relay = relay;
  node->proxy = proxy;
  node->friend_ = friend_;
  node->low_power = low_power;
}

gboolean
mesh_cdb_address_equal (const MeshCdbAddress *a,
                        const MeshCdbAddress *b)
{
  if (a->is_virtual != b->is_virtual)
    return FALSE;
  if (a->is_virtual)
    return memcmp (a->label, b->label, MESH_CDB_UUID_SIZE) == 0;
  return a->value == b->value;
}

gboolean
mesh_cdb_address_is_unassigned (const MeshCdbAddress *address)
{
  return !address->is_virtual && address->value == 0;
}

void
mesh_cdb_address_set (MeshCdbAddress *address,
                      guint16         value)
{
  memset (address, 0, sizeof *address);
  address->value = value;
}

void
mesh_cdb_address_set_label (MeshCdbAddress *address,
                            const guint8   *label)
{
  memset (address, 0, sizeof *address);
  address->is_virtual = TRUE;
  memcpy (address->label, label, MESH_CDB_UUID_SIZE);
}

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

/**
 * mesh_cdb_hex_parse:
 * @text: exactly 2 × @n_bytes hex digits, either case
 * @bytes: (out caller-allocates): @n_bytes bytes
 * @n_bytes: the number of bytes to read
 *
 * Returns: %TRUE if @text had the right length and only hex digits
 */
gboolean
mesh_cdb_hex_parse (const char *text,
                    guint8     *bytes,
                    gsize       n_bytes)
{
  for (gsize i = 0; i < n_bytes; i++)
    {
      int hi, lo;

      if (text[2 * i] == '\0' || (hi = hex_digit (text[2 * i])) < 0 ||
          text[2 * i + 1] == '\0' || (lo = hex_digit (text[2 * i + 1])) < 0)
        return FALSE;
      bytes[i] = (guint8) (hi << 4 | lo);
    }
  return text[2 * n_bytes] == '\0';
}

/**
 * mesh_cdb_uuid_parse:
 * @text: a UUID as 32 hex digits, with or without the dashes of the
 *   8-4-4-4-12 form
 * @uuid: (out caller-allocates): 16 bytes
 *
 * Returns: %TRUE if @text is such a UUID
 */
gboolean
mesh_cdb_uuid_parse (const char *text,
                     guint8     *uuid)
{
  static const guint dashes[] = { 8, 13, 18, 23 };
  char digits[2 * MESH_CDB_UUID_SIZE + 1];
  gsize len = strlen (text);

  if (len == 2 * MESH_CDB_UUID_SIZE)
    return mesh_cdb_hex_parse (text, uuid, MESH_CDB_UUID_SIZE);
  if (len != MESH_CDB_UUID_STRING_LEN)
    return FALSE;

  for (guint i = 0, d = 0, n = 0; i < len; i++)
    {
      if (d < G_N_ELEMENTS (dashes) && i == dashes[d])
        {
          if (text[i] != '-')
            return FALSE;
          d++;
          continue;
        }
      digits[n++] = text[i];
    }
  digits[2 * MESH_CDB_UUID_SIZE] = '\0';
  return mesh_cdb_hex_parse (digits, uuid, MESH_CDB_UUID_SIZE);
}

/**
 * mesh_cdb_uuid_format:
 * @uuid: 16 bytes
 * @text: (out caller-allocates): room for %MESH_CDB_UUID_STRING_LEN + 1 chars
 *
 * Writes @uuid in the 8-4-4-4-12 form, upper case.
 */
void
mesh_cdb_uuid_format (const guint8 *uuid,
                      char         *text)
{
  static const char hex[] = "0123456789ABCDEF";
  char *p = text;

  for (guint i = 0; i < MESH_CDB_UUID_SIZE; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[uuid[i] >> 4];
      *p++ = hex[uuid[i] & 0xF];
    }
  *p = '\0';
}

/* Private helpers of mesh-cdb-private.h */

gboolean
mesh_cdb_set_error (GError     **error,
                    const char  *format,
                    ...)
{
  g_autofree char *message = NULL;
  g_autofree char *rest = NULL;
  va_list args;
  gunichar first;

  va_start (args, format);
  rest = g_strdup_vprintf (format, args);
  va_end (args);
  /* Messages quote what the file holds, which may be any bytes. */
  message = g_utf8_make_valid (rest, -1);
  g_clear_pointer (&rest, g_free);

  /* The description an error starts with is written in lower case so it
   * can also stand inside a sentence. */
  first = g_utf8_get_char (message);
  if (g_unichar_islower (first))
    {
      char upper[8] = { 0 };
      const char *tail = g_utf8_next_char (message);

      g_unichar_to_utf8 (g_unichar_totitle (first), upper);
      rest = g_strconcat (upper, tail, NULL);
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_DATA, rest);
    }
  else
    g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_DATA, message);
  return FALSE;
}

char *
mesh_cdb_describe_node (const MeshCdbNode *node)
{
  char uuid[MESH_CDB_UUID_STRING_LEN + 1];

  if (node->name != NULL && node->name[0] != '\0')
    return g_strdup_printf (_("node “%s”"), node->name);

  mesh_cdb_uuid_format (node->uuid, uuid);
  return g_strdup_printf (_("the node with UUID %s"), uuid);
}

char *
mesh_cdb_format_address (const MeshCdbAddress *address)
{
  if (address->is_virtual)
    {
      char uuid[MESH_CDB_UUID_STRING_LEN + 1];

      mesh_cdb_uuid_format (address->label, uuid);
      return g_strdup_printf (_("the virtual label %s"), uuid);
    }
  return g_strdup_printf ("0x%04X", address->value);
}

guint
mesh_cdb_uuid_hash (gconstpointer uuid)
{
  guint hash;

  /* Random UUIDs: any four bytes are a good hash. */
  memcpy (&hash, (const guint8 *) uuid + MESH_CDB_UUID_SIZE - sizeof hash, sizeof hash);
  return hash;
}

gboolean
mesh_cdb_uuid_equal (gconstpointer a,
                     gconstpointer b)
{
  return memcmp (a, b, MESH_CDB_UUID_SIZE) == 0;
}

typedef struct
{
  gpointer       data;
  GDestroyNotify free_func;
} FreeLater;

static gpointer
free_thread (gpointer user_data)
{
  FreeLater *later = user_data;

  later->free_func (later->data);
  g_free (later);
  return NULL;
}

void
mesh_cdb_free_in_thread (gpointer       data,
                         GDestroyNotify free_func,
                         gboolean       in_thread)
{
  FreeLater *later;

  if (data == NULL)
    return;
  if (!in_thread)
    {
      free_func (data);
      return;
    }

  later = g_new (FreeLater, 1);
  later->data = data;
  later->free_func = free_func;
  g_thread_unref (g_thread_new ("mesh-cdb-free", free_thread, later));
}
