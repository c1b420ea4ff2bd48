/* mesh-config-request.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* One request of the configuration engine: what to send, which answer
 * ends it, and what a successful answer changes in the database. Private
 * to the engine and its operation files. */

#include <gio/gio.h>

#include "mesh-config-status.h"
#include "mesh-generic-message.h"
#include "mesh-store-batch.h"
#include "mesh-transport.h"

G_BEGIN_DECLS

/* The request's parameters an answer must repeat, where its status message
 * carries them. */
typedef enum
{
  MESH_CONFIG_MATCH_ELEMENT = 1 << 0,
  MESH_CONFIG_MATCH_MODEL   = 1 << 1,
  MESH_CONFIG_MATCH_NET_KEY = 1 << 2,
  MESH_CONFIG_MATCH_APP_KEY = 1 << 3,
  MESH_CONFIG_MATCH_ADDRESS = 1 << 4,  /* subscription or LPN address */
} MeshConfigMatch;

typedef enum
{
  MESH_CONFIG_REQUEST_NEW,
  MESH_CONFIG_REQUEST_QUEUED,
  MESH_CONFIG_REQUEST_SENDING,
  MESH_CONFIG_REQUEST_WAITING,
  MESH_CONFIG_REQUEST_ANSWERED,  /* applying the answer */
  MESH_CONFIG_REQUEST_DONE,
} MeshConfigRequestState;

typedef struct _MeshConfigRequest MeshConfigRequest;

/* Called with a successful configuration status: updates the model objects
 * and records the writes in @batch. */
typedef void (*MeshConfigApplyFunc)     (MeshConfigRequest      *request,
                                         const MeshConfigStatus *status,
                                         MeshStoreBatch         *batch);
/* Further checks that a status answers this request, for statuses that do
 * not repeat the request's parameters: a Set's answer reports the value
 * that was set (@request->expected). */
typedef gboolean (*MeshConfigAcceptFunc) (MeshConfigRequest      *request,
                                          const MeshConfigStatus *status);
/* Called once the writes are committed; returns the operation's task. */
typedef void (*MeshConfigCommittedFunc) (MeshConfigRequest      *request,
                                         GTask                  *task,
                                         MeshConfigStatus       *status);

struct _MeshConfigRequest
{
  /* Set by the operation */
  MeshNode                *node;          /* NULL for an element no node of the network has */
  guint16                  destination;
  guint16                  queue_address; /* the node's primary address: one request in flight per node */
  MeshTransportKey         key;
  guint16                  key_index;
  GBytes                  *message;
  MeshOpcode               response;      /* MESH_OPCODE_INVALID: nothing answers it */
  gboolean                 generic;       /* a Generic OnOff/Level status answers it */

  MeshConfigMatch          match;
  guint16                  element_address;
  MeshModelId              model;
  guint16                  net_key_index;
  guint16                  app_key_index;
  guint16                  address;
  MeshDestination          destination_label; /* the Label UUID of a virtual form */
  MeshConfigAcceptFunc     accept;
  guint32                  expected;

  gboolean                 needs_elements;
  MeshConfigApplyFunc      apply;
  MeshConfigCommittedFunc  committed;
  gpointer                 data;
  GDestroyNotify           data_destroy;

  /* Kept by the engine */
  MeshConfigRequestState   state;
  guint                    attempts;
  GSource                 *timeout_source;
  GSource                 *cancel_source;
  GError                  *malformed;     /* the last malformed answer */
  MeshConfigStatus        *answer;        /* while it is being stored */
};

MeshConfigRequest *mesh_config_request_new     (void);
void               mesh_config_request_free    (MeshConfigRequest      *self);
MeshOpcode         mesh_config_request_opcode  (MeshConfigRequest      *self);
gboolean           mesh_config_request_matches (MeshConfigRequest      *self,
                                                const MeshConfigStatus *status);

G_END_DECLS
