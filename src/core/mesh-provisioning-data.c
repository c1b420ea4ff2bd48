/* mesh-provisioning-data.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-daemon-private.h"
#include "mesh-error.h"
#include "mesh-provision-request-private.h"
#include "mesh-provisioning-journal.h"
#include "mesh-provisioning-private.h"

/* What a new node gets: the subnet it joins (chosen when it is queued)
 * and its addresses (when meshd asks, RequestProvData), reserved until
 * the node is stored and journalled for recovery. */

#define PRIMARY_NET_INDEX 0

static void
reserve (MeshProvisioning *self,
         guint16           unicast,
         guint             count)
{
  MeshReservation reservation = { unicast, count };

  g_array_append_val (self->reserved, reservation);
}

void
mesh_provisioning_release (MeshProvisioning *self,
                           guint16           unicast)
{
  for (guint i = 0; i < self->reserved->len; i++)
    if (g_array_index (self->reserved, MeshReservation, i).unicast == unicast)
      {
        g_array_remove_index_fast (self->reserved, i);
        return;
      }
}

/* The primary subnet, or the lowest NetKey index of a network without one. */
static guint16
default_net_index (MeshNetwork *network)
{
  GListModel *keys = mesh_network_get_net_keys (network);
  guint n = g_list_model_get_n_items (keys);
  guint16 lowest = PRIMARY_NET_INDEX;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshNetKey) key = g_list_model_get_item (keys, i);
      guint16 index = mesh_net_key_get_index (key);

      if (index == PRIMARY_NET_INDEX)
        return PRIMARY_NET_INDEX;
      if (i == 0 || index < lowest)
        lowest = index;
    }

  return lowest;
}

/* The subnet a device provisioned through @server (0: our radio) joins:
 * @net_index, or the one picked for MESH_PROVISIONING_ANY_NET_INDEX. */
gboolean
mesh_provisioning_choose_net_index (MeshProvisioning  *self,
                                    MeshNode          *server,
                                    guint16            net_index,
                                    guint16           *chosen,
                                    GError           **error)
{
  if (net_index == MESH_PROVISIONING_ANY_NET_INDEX)
    net_index = server ? mesh_node_get_reach_net_index (server) : default_net_index (self->network);

  if (mesh_network_find_net_key (self->network, net_index) == NULL)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_NOT_FOUND,
                   _("The network has no network key with index %u."), net_index);
      return FALSE;
    }
  if (server && !mesh_node_has_net_key (server, net_index))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                   _("Node 0x%04X does not know network key %u, so it cannot provision a "
                     "device into that subnet."),
                   mesh_node_get_unicast (server), net_index);
      return FALSE;
    }

  *chosen = net_index;
  return TRUE;
}

typedef struct
{
  GTask   *task;
  guint16  net_index;
  guint16  unicast;
} ProvData;

static void
journal_synced_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ProvData *data = user_data;
  g_autoptr(GError) error = NULL;

  /* The journal only helps recovery: without it the node is still
   * recovered, with a made-up UUID. Go on either way. */
  if (!mesh_provisioning_journal_sync_finish (NULL, result, &error))
    g_warning ("The provisioning journal is not written: %s", error->message);

  g_task_return_int (data->task, ((gssize) data->net_index << 16) | data->unicast);
  g_object_unref (data->task);
  g_free (data);
}

void
mesh_provisioning_prov_data_func (MeshDaemon *daemon,
                                  guint       count,
                                  GTask      *task,
                                  gpointer    user_data)
{
  MeshProvisioning *self = user_data;
  g_autoptr(MeshAddressAllocator) allocator = NULL;
  g_autoptr(GError) error = NULL;
  MeshProvisioner *provisioner;
  const MeshAddressRange *ranges = NULL;
  guint n_ranges = 0;
  guint16 unicast;
  MeshJournalEntry entry;
  ProvData *data;

  if (self->current == NULL)
    {
      g_task_return_new_error (task, MESH_ERROR, MESH_ERROR_FAILED, "No provisioning");
      return;
    }

  allocator = mesh_network_create_allocator (self->network);
  for (guint i = 0; i < self->reserved->len; i++)
    {
      MeshReservation *r = &g_array_index (self->reserved, MeshReservation, i);

      mesh_address_allocator_mark_unicast (allocator, r->unicast, r->count);
    }

  provisioner = mesh_network_find_provisioner (self->network,
                                               mesh_network_get_local_provisioner_uuid (self->network));
  if (provisioner)
    ranges = mesh_provisioner_get_ranges (provisioner, MESH_RANGE_KIND_UNICAST, &n_ranges);

  if (count == 0
      || !mesh_address_allocator_allocate_unicast (allocator, ranges, n_ranges, count,
                                                   &unicast, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (MESH_ERROR, MESH_ERROR_PROVISIONING_FAILED,
                                     _("The device asked for no address at all."));
      g_task_return_error (task, g_error_copy (error));
      mesh_provisioning_abort_current (self, error);
      return;
    }

  reserve (self, unicast, count);
  mesh_provision_request_set_address (self->current, unicast, count);
  mesh_provision_request_set_step (self->current, MESH_PROVISION_STEP_DATA);

  entry.network_uuid = (char *) mesh_network_get_uuid (self->network);
  entry.uuid = (char *) mesh_provision_request_get_uuid_string (self->current);
  entry.unicast = unicast;
  entry.count = count;
  entry.net_index = mesh_provision_request_get_net_index (self->current);
  mesh_provisioning_journal_add (self->journal, &entry);

  data = g_new0 (ProvData, 1);
  data->task = g_object_ref (task);
  data->net_index = entry.net_index;
  data->unicast = unicast;
  mesh_provisioning_journal_sync_async (self->journal, NULL, journal_synced_cb, data);
}

gboolean
mesh_provisioning_is_reserved (MeshProvisioning *self,
                               guint16           unicast)
{
  g_return_val_if_fail (MESH_IS_PROVISIONING (self), FALSE);

  for (guint i = 0; i < self->reserved->len; i++)
    {
      MeshReservation *r = &g_array_index (self->reserved, MeshReservation, i);

      if (unicast >= r->unicast && unicast < r->unicast + r->count)
        return TRUE;
    }

  return FALSE;
}
