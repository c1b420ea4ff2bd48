/* lab-device-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the files of mesh-lab-device share: the device and the functions
 * one file calls in another. lab-device.c has the options, the state and
 * the lab's interface; lab-device-models.c the elements and their models;
 * lab-device-join.c the Join, the Attach and the objects meshd calls
 * then. */

#include "lab-app.h"

#include <gio/gio.h>

G_BEGIN_DECLS

#define APP_ROOT    "/lab/device"
#define APP_PATH    APP_ROOT "/app"
#define AGENT_PATH  APP_ROOT "/agent"
#define ELEMENT_PATH_FMT APP_ROOT "/ele%u"
#define N_ELEMENTS  2
#define LAB_DEVICE_PATH  "/io/github/meshprovisioner/MeshLabDevice"
#define LAB_DEVICE_IFACE "io.github.meshprovisioner.MeshLabDevice1"
#define CALL_TIMEOUT_MS 30000
#define JOIN_RETRY_MS 250

typedef enum {
  OOB_NONE,
  OOB_STATIC,
  OOB_OUTPUT_NUMERIC,
  OOB_INPUT_NUMERIC,
} OobMode;

typedef struct {
  GMainLoop *loop;
  GDBusConnection *bus;
  LabApp *app;
  GDBusNodeInfo *lab_info;
  guint lab_id;
  guint name_id;
  guint daemon_watch;
  int exit_status;

  /* options */
  guint daemon_pid;
  char *name;
  char *state_path;
  char *storage;
  OobMode oob;
  guint8 static_key[16];
  guint16 cid;
  guint16 pid;
  guint16 vid;

  char *daemon;
  guint8 uuid[16];
  gboolean has_uuid;
  gboolean has_token;
  guint64 token;
  gboolean joining;
  gboolean attached;
  char *node_path;
  guint16 unicast;
  guint join_attempts;
  char *last_failure;
  gboolean displayed_set;
  guint32 displayed;
  GDBusMethodInvocation *pending_input;
  guint messages;

  gboolean onoff[N_ELEMENTS];
  gint16 level;
  gboolean onoff_publication[N_ELEMENTS];
  gboolean level_publication;
  gboolean vendor_publication;

  GHashTable *tids; /* "src/element/model" → TidEntry */
} Device;

/* lab-device.c */
void      save_state          (Device    *device);
void      state_changed       (Device    *device);

/* lab-device-models.c */
char     *element_path        (guint      index);
void      update_model_config (Device    *device,
                               guint      element,
                               guint16    model,
                               GVariant  *config,
                               gboolean   from_attach);
extern const GDBusInterfaceVTable element_vtable;

/* lab-device-join.c */
char     *find_daemon         (Device    *device,
                               GError   **error);
gboolean  start_network       (Device    *device,
                               GError   **error);
extern const GDBusInterfaceVTable application_vtable;
extern const GDBusInterfaceVTable agent_vtable;

G_END_DECLS
