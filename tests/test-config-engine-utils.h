/* test-config-engine-utils.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The fixture of the configuration engine's unit tests: a database with
 * one network (NetKey 0, AppKey 1 bound to it), N_NODES nodes at 0x0100,
 * 0x0110, ... with two elements each whose models match the simulated
 * nodes of MeshTestTransport, the keys in the keyring, and an engine with
 * a 100 ms timeout and 2 retries. */

#include "mesh-config-engine.h"
#include "mesh-core-test-utils.h"
#include "mesh-keyring.h"
#include "mesh-test-transport.h"

G_BEGIN_DECLS

#define NETWORK_UUID "2f0c7c1e-59b4-4a0e-9d2b-7a1c3e5f8d90"
#define N_NODES      8
/* The AppKey of the Mesh Profile specification's sample data. */
#define APP_KEY_HEX  "63 96 47 71 73 4f bd 76 e3 b4 05 19 d1 d9 4a 48"

typedef struct
{
  char              *path;
  MeshStore         *store;
  MeshNetwork       *network;
  MeshTestTransport *transport;
  MeshConfigEngine  *engine;
  GAsyncResult      *result;
  GAsyncResult      *last;    /* what fixture_wait() returned last */
} Fixture;

/* A second connection to the database file, to read what was committed. */
typedef struct
{
  MeshStore   *store;
  MeshNetwork *network;
} Snapshot;

void          fixture_add           (const char        *path,
                                     void             (*test) (Fixture *, gconstpointer));
MeshNode     *fixture_node          (Fixture           *f,
                                     guint              index);
/* The result of the call given mesh_core_test_result_cb and &f->result;
 * the fixture keeps it until the next call. */
GAsyncResult *fixture_wait          (Fixture           *f);
void          fixture_update        (Fixture           *f,
                                     gpointer           object);
/* Runs the main context until @condition holds (or fails after 10 s). */
void          fixture_iterate_until (gboolean         (*condition) (Fixture *),
                                     Fixture           *f);
void          fixture_iterate_ms    (guint              ms);

/* Asserts the @index-th message sent (bytes as "80 3d 00 01 ..."). */
void          assert_sent           (Fixture           *f,
                                     guint              index,
                                     guint16            destination,
                                     MeshTransportKey   key,
                                     const char        *hex);
void          push_reply            (Fixture           *f,
                                     guint16            unicast,
                                     const char        *hex);
GBytes       *hex_bytes             (const char        *hex);

/* assert_bindings (model, n, index...), assert_subscriptions (model, n, address...) */
void          assert_bindings       (MeshModel         *model,
                                     guint              n,
                                     ...);
void          assert_subscriptions  (MeshModel         *model,
                                     guint              n,
                                     ...);

/* AppKey 1 added to @node, confirmed. */
void          add_app_key           (Fixture           *f,
                                     MeshNode          *node);
/* @address subscribed by the Generic OnOff Server of @element, confirmed. */
void          subscribe             (Fixture           *f,
                                     MeshNode          *node,
                                     guint16            element,
                                     const MeshDestination *address);

GBytes       *keyring_lookup        (MeshSecretKind     kind,
                                     guint              index,
                                     GError           **error);

void          snapshot_open         (Snapshot          *s,
                                     const char        *path);
MeshNode     *snapshot_node         (Snapshot          *s,
                                     guint16            unicast);
void          snapshot_close        (Snapshot          *s);

G_END_DECLS
