/* mesh-provisioner.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-config-types.h"
#include "mesh-error.h"
#include "mesh-provisioner-private.h"

G_DEFINE_FINAL_TYPE (MeshProvisioner, mesh_provisioner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_NAME,
  PROP_UNICAST_RANGES,
  PROP_GROUP_RANGES,
  PROP_SCENE_RANGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const int range_props[3] = { PROP_UNICAST_RANGES, PROP_GROUP_RANGES, PROP_SCENE_RANGES };

/* The ranges of @kind of @network's provisioners other than @self. */
static GArray *
ranges_of_others (MeshProvisioner *self,
                  MeshNetwork     *network,
                  MeshRangeKind    kind)
{
  GListModel *provisioners = mesh_network_get_provisioners (network);
  guint n = g_list_model_get_n_items (provisioners);
  GArray *taken = g_array_new (FALSE, FALSE, sizeof (MeshAddressRange));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshProvisioner) other = g_list_model_get_item (provisioners, i);

      if (other != self)
        g_array_append_vals (taken, other->ranges[kind]->data, other->ranges[kind]->len);
    }

  return taken;
}

MeshProvisioner *
mesh_provisioner_clone (MeshProvisioner *self)
{
  MeshProvisioner *copy = mesh_provisioner_new (self->uuid, self->name);

  copy->id = self->id;
  for (guint i = 0; i < G_N_ELEMENTS (self->ranges); i++)
    g_array_append_vals (copy->ranges[i], self->ranges[i]->data, self->ranges[i]->len);

  return copy;
}

MeshProvisioner *
mesh_provisioner_new (const char *uuid,
                      const char *name)
{
  g_return_val_if_fail (uuid != NULL, NULL);

  return g_object_new (MESH_TYPE_PROVISIONER,
                       "uuid", uuid,
                       "name", name,
                       NULL);
}

MeshNetwork *
mesh_provisioner_get_network (MeshProvisioner *self)
{
  g_return_val_if_fail (MESH_IS_PROVISIONER (self), NULL);

  return self->network;
}

const char *
mesh_provisioner_get_uuid (MeshProvisioner *self)
{
  g_return_val_if_fail (MESH_IS_PROVISIONER (self), NULL);

  return self->uuid;
}

const char *
mesh_provisioner_get_name (MeshProvisioner *self)
{
  g_return_val_if_fail (MESH_IS_PROVISIONER (self), NULL);

  return self->name;
}

void
mesh_provisioner_set_name (MeshProvisioner *self,
                           const char      *name)
{
  g_return_if_fail (MESH_IS_PROVISIONER (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const MeshAddressRange *
mesh_provisioner_get_ranges (MeshProvisioner *self,
                             MeshRangeKind    kind,
                             guint           *n_ranges)
{
  g_return_val_if_fail (MESH_IS_PROVISIONER (self), NULL);
  g_return_val_if_fail (kind <= MESH_RANGE_KIND_SCENE, NULL);
  g_return_val_if_fail (n_ranges != NULL, NULL);

  *n_ranges = self->ranges[kind]->len;
  return (const MeshAddressRange *) self->ranges[kind]->data;
}

void
mesh_provisioner_set_ranges (MeshProvisioner        *self,
                             MeshRangeKind           kind,
                             const MeshAddressRange *ranges,
                             guint                   n_ranges)
{
  g_return_if_fail (MESH_IS_PROVISIONER (self));
  g_return_if_fail (kind <= MESH_RANGE_KIND_SCENE);
  g_return_if_fail (ranges != NULL || n_ranges == 0);

  g_array_set_size (self->ranges[kind], 0);
  g_array_append_vals (self->ranges[kind], ranges, n_ranges);
  g_object_notify_by_pspec (G_OBJECT (self), properties[range_props[kind]]);
}

void
mesh_provisioner_add_range (MeshProvisioner        *self,
                            MeshRangeKind           kind,
                            const MeshAddressRange *range)
{
  g_return_if_fail (MESH_IS_PROVISIONER (self));
  g_return_if_fail (kind <= MESH_RANGE_KIND_SCENE);
  g_return_if_fail (range != NULL);

  g_array_append_vals (self->ranges[kind], range, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[range_props[kind]]);
}

gboolean
mesh_provisioner_validate_ranges (MeshProvisioner  *self,
                                  GError          **error)
{
  g_return_val_if_fail (MESH_IS_PROVISIONER (self), FALSE);

  for (guint kind = 0; kind < G_N_ELEMENTS (self->ranges); kind++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!mesh_address_ranges_validate ((const MeshAddressRange *) self->ranges[kind]->data,
                                         self->ranges[kind]->len, kind, &local_error))
        {
          g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                       /* Translators: "Provisioner “name”: <what is wrong>" */
                       _("Provisioner “%s”: %s"), self->name, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
mesh_provisioner_check_disjoint (MeshProvisioner  *self,
                                 MeshProvisioner  *other,
                                 GError          **error)
{
  g_return_val_if_fail (MESH_IS_PROVISIONER (self), FALSE);
  g_return_val_if_fail (MESH_IS_PROVISIONER (other), FALSE);

  for (guint kind = 0; kind < G_N_ELEMENTS (self->ranges); kind++)
    {
      MeshAddressRange overlap;

      if (mesh_address_ranges_find_overlap ((const MeshAddressRange *) self->ranges[kind]->data,
                                            self->ranges[kind]->len,
                                            (const MeshAddressRange *) other->ranges[kind]->data,
                                            other->ranges[kind]->len,
                                            &overlap))
        {
          g_set_error (error, MESH_ERROR, MESH_ERROR_CONFLICT,
                       /* Translators: %s are provisioner names, then "unicast", "group" or "scene" */
                       _("Provisioners “%s” and “%s” both have the %s range %04X–%04X. Give each provisioner its own ranges."),
                       self->name, other->name, mesh_range_kind_to_string (kind),
                       overlap.low, overlap.high);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * mesh_provisioner_choose_ranges:
 * @self: a new provisioner, not one of @network's
 * @network: a loaded network
 * @element_count: the elements of @self's node
 * @out_unicast: (out): the address for @self's node
 *
 * Gives @self one range of each kind that no provisioner of @network has
 * (up to MESH_PROVISIONER_NEW_RANGE_SIZE values; see
 * mesh_address_allocator_find_new_range()) and picks the lowest free
 * address of its unicast range for its node. If the others cover a whole
 * space, the range is carved out of theirs where nothing is in use: then
 * mesh_provisioner_give_up_ranges() must take it out of theirs. No group
 * or scene range if every group address or scene number is in use.
 *
 * Returns: FALSE (MESH_ERROR_ADDRESS_EXHAUSTED) if no unicast address is
 * free, and then @self is unchanged
 */
gboolean
mesh_provisioner_choose_ranges (MeshProvisioner  *self,
                                MeshNetwork      *network,
                                guint             element_count,
                                guint16          *out_unicast,
                                GError          **error)
{
  g_autoptr(MeshAddressAllocator) allocator = NULL;
  MeshAddressRange chosen[3];
  gboolean has[3] = { FALSE, FALSE, FALSE };

  g_return_val_if_fail (MESH_IS_PROVISIONER (self), FALSE);
  g_return_val_if_fail (MESH_IS_NETWORK (network), FALSE);
  g_return_val_if_fail (out_unicast != NULL, FALSE);

  allocator = mesh_network_create_allocator (network);
  for (guint kind = 0; kind < G_N_ELEMENTS (chosen); kind++)
    {
      g_autoptr(GArray) taken = ranges_of_others (self, network, kind);
      g_autoptr(GError) local_error = NULL;

      has[kind] = mesh_address_allocator_find_new_range (allocator, kind,
                                                         (const MeshAddressRange *) taken->data,
                                                         taken->len,
                                                         MESH_PROVISIONER_NEW_RANGE_SIZE,
                                                         &chosen[kind], NULL, &local_error);
      if (!has[kind] && kind == MESH_RANGE_KIND_UNICAST)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (!mesh_address_allocator_allocate_unicast (allocator, &chosen[MESH_RANGE_KIND_UNICAST], 1,
                                                element_count, out_unicast, error))
    return FALSE;

  for (guint kind = 0; kind < G_N_ELEMENTS (chosen); kind++)
    mesh_provisioner_set_ranges (self, kind, has[kind] ? &chosen[kind] : NULL, has[kind] ? 1 : 0);

  return TRUE;
}

/**
 * mesh_provisioner_give_up_ranges:
 * @self: a provisioner
 * @other: another provisioner
 *
 * Takes out of @self's ranges whatever @other's ranges of the same kind
 * cover, so the two are disjoint (after
 * mesh_provisioner_choose_ranges() carved @other's out of them).
 *
 * Returns: TRUE if a range of @self changed (write it to the store)
 */
gboolean
mesh_provisioner_give_up_ranges (MeshProvisioner *self,
                                 MeshProvisioner *other)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (MESH_IS_PROVISIONER (self), FALSE);
  g_return_val_if_fail (MESH_IS_PROVISIONER (other), FALSE);

  for (guint kind = 0; kind < G_N_ELEMENTS (self->ranges); kind++)
    for (guint j = 0; j < other->ranges[kind]->len; j++)
      {
        const MeshAddressRange *cut = &g_array_index (other->ranges[kind], MeshAddressRange, j);
        g_autofree MeshAddressRange *left = NULL;
        guint n_left = 0;

        if (!mesh_address_ranges_find_overlap ((const MeshAddressRange *) self->ranges[kind]->data,
                                               self->ranges[kind]->len, cut, 1, NULL))
          continue;

        left = mesh_address_ranges_subtract ((const MeshAddressRange *) self->ranges[kind]->data,
                                             self->ranges[kind]->len, cut, &n_left);
        mesh_provisioner_set_ranges (self, kind, left, n_left);
        changed = TRUE;
      }

  return changed;
}

static void
mesh_provisioner_finalize (GObject *object)
{
  MeshProvisioner *self = (MeshProvisioner *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->ranges); i++)
    g_clear_pointer (&self->ranges[i], g_array_unref);

  G_OBJECT_CLASS (mesh_provisioner_parent_class)->finalize (object);
}

static void
mesh_provisioner_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MeshProvisioner *self = MESH_PROVISIONER (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UNICAST_RANGES:
    case PROP_GROUP_RANGES:
    case PROP_SCENE_RANGES:
      g_value_set_boxed (value, self->ranges[prop_id - PROP_UNICAST_RANGES]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_provisioner_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MeshProvisioner *self = MESH_PROVISIONER (object);

  switch (prop_id)
    {
    case PROP_UUID:
      {
        const char *uuid = g_value_get_string (value);
        self->uuid = mesh_uuid_canonicalize (uuid);
        if (self->uuid == NULL)
          self->uuid = g_strdup (uuid);
      }
      break;
    case PROP_NAME:
      mesh_provisioner_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_provisioner_class_init (MeshProvisionerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_provisioner_finalize;
  object_class->get_property = mesh_provisioner_get_property;
  object_class->set_property = mesh_provisioner_set_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* GArrays of MeshAddressRange; set them with mesh_provisioner_set_ranges(). */
  properties[PROP_UNICAST_RANGES] =
    g_param_spec_boxed ("unicast-ranges", NULL, NULL, G_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_RANGES] =
    g_param_spec_boxed ("group-ranges", NULL, NULL, G_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCENE_RANGES] =
    g_param_spec_boxed ("scene-ranges", NULL, NULL, G_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_provisioner_init (MeshProvisioner *self)
{
  self->name = g_strdup ("");
  for (guint i = 0; i < G_N_ELEMENTS (self->ranges); i++)
    self->ranges[i] = g_array_new (FALSE, FALSE, sizeof (MeshAddressRange));
}
