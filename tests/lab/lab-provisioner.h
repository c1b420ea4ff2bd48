/* lab-provisioner.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A minimal provisioner and configuration client on bluetooth-meshd's D-Bus
 * API, for the lab's own tests and benchmarks only: the fewest calls that
 * create a network, provision devices over the air and talk to them. Every
 * function runs the thread-default main context until its answer comes
 * (meshd calls back into the application meanwhile) or its time is up. */

typedef struct _LabProvisioner LabProvisioner;

LabProvisioner *lab_provisioner_new             (GDBusConnection  *bus,
                                                 GError          **error);
void            lab_provisioner_free            (LabProvisioner   *prov);
/* The timeouts below are in the lab's warped time: divided by the lab's
 * MESH_LAB_TIMEWARP, with a floor so that slow machines still pass. */
guint           lab_provisioner_timeout         (LabProvisioner   *prov,
                                                 guint             real_ms);

gboolean        lab_provisioner_create_network  (LabProvisioner   *prov,
                                                 GError          **error);
/* Network1.Import of a node made elsewhere (with the given keys, IV index
 * and primary address), then Attach. */
gboolean        lab_provisioner_import          (LabProvisioner   *prov,
                                                 const guint8      dev_key[16],
                                                 const guint8      net_key[16],
                                                 guint32           iv_index,
                                                 guint16           unicast,
                                                 GError          **error);
gboolean        lab_provisioner_attach          (LabProvisioner   *prov,
                                                 GError          **error);
const char     *lab_provisioner_get_node_path   (LabProvisioner   *prov);
guint16         lab_provisioner_get_address     (LabProvisioner   *prov);

gboolean        lab_provisioner_scan_for        (LabProvisioner   *prov,
                                                 const guint8      uuid[16],
                                                 guint             timeout_ms,
                                                 GError          **error);
/* The same through the Remote Provisioning Server at server (meshd 5.67+;
 * UnprovisionedScan's Server option): only its ScanResults count. */
gboolean        lab_provisioner_scan_via        (LabProvisioner   *prov,
                                                 guint16           server,
                                                 const guint8      uuid[16],
                                                 guint             timeout_ms,
                                                 GError          **error);
/* static_key: what the agent answers to PromptStatic, or NULL. Fails with
 * the reason of AddNodeFailed as message. */
gboolean        lab_provisioner_add_node        (LabProvisioner   *prov,
                                                 const guint8      uuid[16],
                                                 const guint8     *static_key,
                                                 guint             timeout_ms,
                                                 guint16          *unicast,
                                                 guint8           *count,
                                                 GError          **error);

/* Sends with the device key (DevKeySend) or an application key (Send) and
 * waits for a message from destination with reply_opcode; retries
 * attempts times. Returns the reply's parameters (after the opcode). */
GBytes         *lab_provisioner_dev_key_request (LabProvisioner   *prov,
                                                 guint16           destination,
                                                 GBytes           *message,
                                                 guint32           reply_opcode,
                                                 guint             attempts,
                                                 guint             timeout_ms,
                                                 GError          **error);
GBytes         *lab_provisioner_app_request     (LabProvisioner   *prov,
                                                 guint16           destination,
                                                 guint16           app_index,
                                                 GBytes           *message,
                                                 guint32           reply_opcode,
                                                 guint             attempts,
                                                 guint             timeout_ms,
                                                 GError          **error);

/* DevKeySend (with the remote device key) or Send, without waiting. */
gboolean        lab_provisioner_send            (LabProvisioner   *prov,
                                                 gboolean          dev_key,
                                                 guint16           destination,
                                                 guint16           app_index,
                                                 GBytes           *message,
                                                 GError          **error);

/* CreateAppKey, then Config AppKey Add to the node at destination. */
gboolean        lab_provisioner_create_app_key  (LabProvisioner   *prov,
                                                 guint16           app_index,
                                                 GError          **error);
gboolean        lab_provisioner_add_app_key     (LabProvisioner   *prov,
                                                 guint16           destination,
                                                 guint16           app_index,
                                                 guint             timeout_ms,
                                                 GError          **error);
/* Config Model App Bind; a model above 0xffff is a vendor model
 * (company << 16 | model). */
gboolean        lab_provisioner_bind            (LabProvisioner   *prov,
                                                 guint16           destination,
                                                 guint16           element,
                                                 guint16           app_index,
                                                 guint32           model,
                                                 guint             timeout_ms,
                                                 GError          **error);
/* How many messages with this opcode from source arrived and were not
 * taken by a request yet; take removes them. */
guint           lab_provisioner_count_received  (LabProvisioner   *prov,
                                                 guint16           source,
                                                 guint32           opcode,
                                                 gboolean          take);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabProvisioner, lab_provisioner_free)

G_END_DECLS
