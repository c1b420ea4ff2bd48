/* lab-provisioner-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What lab-provisioner.c (the application meshd calls, the network and
 * the provisioning) and lab-provisioner-messages.c (messages to the
 * nodes and their answers) share. */

#include "lab-provisioner.h"

#include "lab-app.h"

G_BEGIN_DECLS

#define APP_ROOT     "/lab/provisioner"
#define APP_PATH     APP_ROOT "/app"
#define AGENT_PATH   APP_ROOT "/agent"
#define ELEMENT_PATH APP_ROOT "/ele0"
#define CALL_TIMEOUT_MS 30000
#define FIRST_NODE_ADDRESS 0x0100

typedef struct {
  guint16 source;
  gboolean dev_key;
  GBytes *data;
} Received;

struct _LabProvisioner {
  GDBusConnection *bus;
  LabApp *app;
  double timewarp;
  guint8 uuid[16];

  gboolean joined;
  guint64 token;
  char *node_path;
  guint16 address;
  guint16 next_address;

  GHashTable *seen;          /* hex UUID from ScanResult → its Server (0 if none) */
  const guint8 *static_key;  /* for PromptStatic during AddNode */
  guint8 adding[16];
  gboolean add_done;
  char *add_failure;
  guint16 added_unicast;
  guint8 added_count;

  GQueue received;           /* of Received */
};

/* lab-provisioner-messages.c */
void lab_provisioner_received_free (gpointer data);

G_END_DECLS
