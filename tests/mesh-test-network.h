/* mesh-test-network.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mesh-store-batch.h"
#include "mesh-store.h"

G_BEGIN_DECLS

/* Network databases for the GUI tests and benchmarks, written with the
 * store API. Each helper waits for the store, iterating the main context. */

#define MESH_TEST_NETWORK_UUID "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"

/* The "home" network: NetKey 0 "Primary"; AppKeys 0 "Lights" and
 * 1 "Sensors"; groups 0xC000 "Living room" and 0xC001 "Kitchen"; and five
 * nodes, written out of address order:
 *   0x0005 "Kitchen Light"  Nordic (0x0059), PID 0x0001, VID 0x0002,
 *          CRPL 32, TTL 5, configured, UUID 0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9;
 *          element 0 (Main): Configuration Server, Health Server,
 *            Generic OnOff Server 0x1000 bound to "Lights", subscribed
 *            to "Living room", publishing to "Kitchen" with "Lights",
 *            TTL 5, every 10 s, 2 retransmissions 100 ms apart;
 *          element 1 (Left): Generic Level Server, vendor model
 *            0x0059 · 0x0001
 *   0x0002 "Hall Sensor"    Espressif (0x02E5), not configured
 *   0x0010 "Garage Door"    excluded, composition unknown
 *   0x0100 (no name)        Nordic (0x0059), configured
 *   0x0009 "Porch Lamp"     The Linux Foundation (0x05F1), configured */
#define MESH_TEST_KITCHEN_UUID "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"

void         mesh_test_network_create_home  (const char      *path);
/* @n_nodes nodes at addresses 1…@n_nodes, one element each. */
void         mesh_test_network_create_large (const char      *path,
                                             guint            n_nodes);

MeshStore   *mesh_test_store_open           (const char      *path);
void         mesh_test_store_close          (MeshStore      **store);
void         mesh_test_store_commit         (MeshStoreBatch  *batch);
MeshNetwork *mesh_test_store_load_network   (MeshStore       *store);

G_END_DECLS
