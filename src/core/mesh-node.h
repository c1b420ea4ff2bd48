/* mesh-node.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-config-types.h"
#include "mesh-network.h"

G_BEGIN_DECLS

#define MESH_TYPE_NODE (mesh_node_get_type ())

G_DECLARE_FINAL_TYPE (MeshNode, mesh_node, MESH, NODE, GObject)

typedef struct _MeshElement MeshElement;

/* A provisioned node and its configuration state as last confirmed.
 *
 * Values the provisioner has not learned yet are "unknown": -1 for cid, pid,
 * vid, crpl, default-ttl and secure-network-beacon; MESH_FEATURE_STATE_UNKNOWN
 * for the features; NULL for the transmit and heartbeat structs. They map to
 * absent fields of a CDB.
 *
 * The device key is in the keyring (MESH_SECRET_DEVICE_KEY by unicast
 * address), never here.
 *
 * Elements are loaded lazily: the node list of a 32,767-node network carries
 * only the node rows. mesh_node_get_elements() returns the element list at
 * once (empty while not loaded) and, the first time, asks the store to fill
 * it; "elements-loaded" turns TRUE when it has. mesh_store_load_elements_async()
 * does the same with a callback. A node built in memory (for an import) has
 * its elements loaded from the start.
 *
 * Key lists, "net-keys" and "app-keys", notify as a whole. */
MeshNode               *mesh_node_new                       (const char       *uuid,
                                                             guint16           unicast,
                                                             guint             element_count);

MeshNetwork            *mesh_node_get_network               (MeshNode         *self);
const char             *mesh_node_get_uuid                  (MeshNode         *self);
void                    mesh_node_set_uuid                  (MeshNode         *self,
                                                             const char       *uuid);
const char             *mesh_node_get_name                  (MeshNode         *self);
void                    mesh_node_set_name                  (MeshNode         *self,
                                                             const char       *name);
guint16                 mesh_node_get_unicast               (MeshNode         *self);
void                    mesh_node_set_unicast               (MeshNode         *self,
                                                             guint16           unicast);
/* Number of elements (and so of unicast addresses) of the node. Known before
 * the elements themselves are loaded. */
guint                   mesh_node_get_element_count         (MeshNode         *self);
void                    mesh_node_set_element_count         (MeshNode         *self,
                                                             guint             element_count);
gboolean                mesh_node_has_address               (MeshNode         *self,
                                                             guint16           address);

/* Composition data page 0 header; -1 when unknown. */
int                     mesh_node_get_cid                   (MeshNode         *self);
void                    mesh_node_set_cid                   (MeshNode         *self,
                                                             int               cid);
int                     mesh_node_get_pid                   (MeshNode         *self);
void                    mesh_node_set_pid                   (MeshNode         *self,
                                                             int               pid);
int                     mesh_node_get_vid                   (MeshNode         *self);
void                    mesh_node_set_vid                   (MeshNode         *self,
                                                             int               vid);
int                     mesh_node_get_crpl                  (MeshNode         *self);
void                    mesh_node_set_crpl                  (MeshNode         *self,
                                                             int               crpl);

MeshFeatureState        mesh_node_get_relay                 (MeshNode         *self);
void                    mesh_node_set_relay                 (MeshNode         *self,
                                                             MeshFeatureState  state);
MeshFeatureState        mesh_node_get_proxy                 (MeshNode         *self);
void                    mesh_node_set_proxy                 (MeshNode         *self,
                                                             MeshFeatureState  state);
MeshFeatureState        mesh_node_get_friend                (MeshNode         *self);
void                    mesh_node_set_friend                (MeshNode         *self,
                                                             MeshFeatureState  state);
MeshFeatureState        mesh_node_get_low_power             (MeshNode         *self);
void                    mesh_node_set_low_power             (MeshNode         *self,
                                                             MeshFeatureState  state);

gboolean                mesh_node_get_excluded              (MeshNode         *self);
void                    mesh_node_set_excluded              (MeshNode         *self,
                                                             gboolean          excluded);
gboolean                mesh_node_get_config_complete       (MeshNode         *self);
void                    mesh_node_set_config_complete       (MeshNode         *self,
                                                             gboolean          config_complete);
MeshSecurity            mesh_node_get_security              (MeshNode         *self);
void                    mesh_node_set_security              (MeshNode         *self,
                                                             MeshSecurity      security);
/* -1 unknown, 0 off, 1 on. */
int                     mesh_node_get_secure_network_beacon (MeshNode         *self);
void                    mesh_node_set_secure_network_beacon (MeshNode         *self,
                                                             int               beacon);
/* -1 unknown, else 0x00, 0x02–0x7F. */
int                     mesh_node_get_default_ttl           (MeshNode         *self);
void                    mesh_node_set_default_ttl           (MeshNode         *self,
                                                             int               ttl);

/* NULL when unknown; setters copy, NULL makes it unknown. */
const MeshTransmit     *mesh_node_get_network_transmit      (MeshNode         *self);
void                    mesh_node_set_network_transmit      (MeshNode         *self,
                                                             const MeshTransmit *transmit);
const MeshTransmit     *mesh_node_get_relay_retransmit      (MeshNode         *self);
void                    mesh_node_set_relay_retransmit      (MeshNode         *self,
                                                             const MeshTransmit *retransmit);
const MeshHeartbeatPublication  *mesh_node_get_heartbeat_publication  (MeshNode *self);
void                             mesh_node_set_heartbeat_publication  (MeshNode *self,
                                                                       const MeshHeartbeatPublication *publication);
const MeshHeartbeatSubscription *mesh_node_get_heartbeat_subscription (MeshNode *self);
void                             mesh_node_set_heartbeat_subscription (MeshNode *self,
                                                                       const MeshHeartbeatSubscription *subscription);

/* The keys the node knows, in the order added. */
const MeshNodeKey      *mesh_node_get_net_keys              (MeshNode         *self,
                                                             guint            *n_keys);
void                    mesh_node_set_net_keys              (MeshNode         *self,
                                                             const MeshNodeKey *keys,
                                                             guint             n_keys);
void                    mesh_node_add_net_key               (MeshNode         *self,
                                                             guint16           index,
                                                             gboolean          updated);
gboolean                mesh_node_remove_net_key            (MeshNode         *self,
                                                             guint16           index);
gboolean                mesh_node_has_net_key               (MeshNode         *self,
                                                             guint16           index);
/* The NetKey index that messages to the node go over: the primary
 * subnet's (0) when the node knows it, else the first key it was given;
 * 0 when it knows none. */
guint16                 mesh_node_get_reach_net_index       (MeshNode         *self);
const MeshNodeKey      *mesh_node_get_app_keys              (MeshNode         *self,
                                                             guint            *n_keys);
void                    mesh_node_set_app_keys              (MeshNode         *self,
                                                             const MeshNodeKey *keys,
                                                             guint             n_keys);
void                    mesh_node_add_app_key               (MeshNode         *self,
                                                             guint16           index,
                                                             gboolean          updated);
gboolean                mesh_node_remove_app_key            (MeshNode         *self,
                                                             guint16           index);
gboolean                mesh_node_has_app_key               (MeshNode         *self,
                                                             guint16           index);

/* GListModel of MeshElement, by index. */
GListModel             *mesh_node_get_elements              (MeshNode         *self);
gboolean                mesh_node_get_elements_loaded       (MeshNode         *self);
MeshElement            *mesh_node_get_element               (MeshNode         *self,
                                                             guint             index);
/* Appends @element (its index must be the next one) and raises the element
 * count if needed. In memory only; mesh_store_update_async() on the node
 * (or adding the node) writes it. */
void                    mesh_node_add_element               (MeshNode         *self,
                                                             MeshElement      *element);
void                    mesh_node_remove_all_elements       (MeshNode         *self);

/* The SIG model that scans for and provisions devices on behalf of a
 * provisioner (Mesh Protocol 1.1, 4.4.5). */
#define MESH_MODEL_REMOTE_PROVISIONING_SERVER 0x0004

/* Whether the node's primary element has a Remote Provisioning Server
 * (from its composition; FALSE while the elements are not loaded). */
gboolean                mesh_node_has_remote_provisioning_server (MeshNode    *self);

/* A number that changes whenever a property of the node changes (with its
 * notification): what is derived from a node (a search text) can tell it
 * is out of date without comparing values. */
guint                   mesh_node_get_revision              (MeshNode         *self);

G_END_DECLS
