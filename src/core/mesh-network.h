/* mesh-network.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-address-allocator.h"
#include "mesh-config-types.h"

G_BEGIN_DECLS

#define MESH_TYPE_NETWORK (mesh_network_get_type ())

G_DECLARE_FINAL_TYPE (MeshNetwork, mesh_network, MESH, NETWORK, GObject)

/* Forward declarations: the element types of the network's lists. */
typedef struct _MeshProvisioner MeshProvisioner;
typedef struct _MeshNetKey      MeshNetKey;
typedef struct _MeshAppKey      MeshAppKey;
typedef struct _MeshNode        MeshNode;
typedef struct _MeshGroup       MeshGroup;
typedef struct _MeshScene       MeshScene;

/* A mesh network. The lists (provisioners, keys, nodes, groups, scenes,
 * exclusions) are empty until mesh_store_load_network_async() has filled
 * them ("loaded" turns TRUE); from then on the store keeps them in step with
 * the database: items-changed on add/remove. Like all model objects, a
 * network belongs to the main context of the store that made it.
 *
 * UUIDs are kept in canonical form: lowercase, with dashes (8-4-4-4-12).
 * Timestamps are ISO 8601 strings, kept as given. */
MeshNetwork          *mesh_network_new                       (const char       *uuid,
                                                              const char       *name);

const char           *mesh_network_get_uuid                  (MeshNetwork      *self);
const char           *mesh_network_get_name                  (MeshNetwork      *self);
void                  mesh_network_set_name                  (MeshNetwork      *self,
                                                              const char       *name);
guint32               mesh_network_get_iv_index              (MeshNetwork      *self);
void                  mesh_network_set_iv_index              (MeshNetwork      *self,
                                                              guint32           iv_index);
gboolean              mesh_network_get_iv_update             (MeshNetwork      *self);
void                  mesh_network_set_iv_update             (MeshNetwork      *self,
                                                              gboolean          iv_update);
const char           *mesh_network_get_timestamp             (MeshNetwork      *self);
void                  mesh_network_set_timestamp             (MeshNetwork      *self,
                                                              const char       *timestamp);
gboolean              mesh_network_get_partial               (MeshNetwork      *self);
void                  mesh_network_set_partial               (MeshNetwork      *self,
                                                              gboolean          partial);
const char           *mesh_network_get_local_provisioner_uuid (MeshNetwork     *self);
void                  mesh_network_set_local_provisioner_uuid (MeshNetwork     *self,
                                                               const char      *uuid);
gboolean              mesh_network_get_loaded                (MeshNetwork      *self);

/* GListModels of MeshProvisioner, MeshNetKey, MeshAppKey, MeshNode,
 * MeshGroup, MeshScene, in database order. */
GListModel           *mesh_network_get_provisioners          (MeshNetwork      *self);
GListModel           *mesh_network_get_net_keys              (MeshNetwork      *self);
GListModel           *mesh_network_get_app_keys              (MeshNetwork      *self);
GListModel           *mesh_network_get_nodes                 (MeshNetwork      *self);
GListModel           *mesh_network_get_groups                (MeshNetwork      *self);
GListModel           *mesh_network_get_scenes                (MeshNetwork      *self);
const MeshExclusion  *mesh_network_get_exclusions            (MeshNetwork      *self,
                                                              guint            *n_exclusions);

MeshProvisioner      *mesh_network_find_provisioner          (MeshNetwork      *self,
                                                              const char       *uuid);
MeshNetKey           *mesh_network_find_net_key              (MeshNetwork      *self,
                                                              guint             index);
MeshAppKey           *mesh_network_find_app_key              (MeshNetwork      *self,
                                                              guint             index);
MeshNode             *mesh_network_find_node_by_uuid         (MeshNetwork      *self,
                                                              const char       *uuid);
MeshNode             *mesh_network_find_node_by_address      (MeshNetwork      *self,
                                                              guint16           address);
MeshGroup            *mesh_network_find_group                (MeshNetwork      *self,
                                                              const MeshDestination *address);
MeshScene            *mesh_network_find_scene                (MeshNetwork      *self,
                                                              guint16           number);

/* An allocator fed with everything the network uses: node addresses,
 * groups, scenes, the exclusion list and the IV index. */
MeshAddressAllocator *mesh_network_create_allocator          (MeshNetwork      *self);

G_END_DECLS
