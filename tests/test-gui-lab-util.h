/* test-gui-lab-util.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lab-client.h"
#include "mesh-devices-page.h"
#include "mesh-node-page.h"
#include "mesh-provision-dialog.h"
#include "mesh-session-test-utils.h"
#include "mesh-test-utils.h"

G_BEGIN_DECLS

/* Helpers of the GUI lab tests (test-gui-lab-*.c): they drive the real
 * window as a user would, through its actions, its dialogs' entries and
 * buttons, and ask the lab what the devices really did. Each waits for what
 * it started and fails the test (g_error) when that does not come. */

/* The lab's virtual devices (tests/meson.build): 0 and 1 with a static OOB
 * key, 2 without OOB. */
#define STATIC_DEVICE 0
#define OTHER_STATIC_DEVICE 1

/* The system bus of the lab, where its control interface is. */
extern GDBusConnection *gui_lab_bus;

typedef struct
{
  MeshWindow *window;
  const char *text;
} WindowText;

typedef struct
{
  MeshScanner *scanner;
  GBytes      *uuid;
} ScanWait;

/* Sets up GTK and the lab's bus; gui_lab_run() runs the tests and lets both
 * go. */
void                 gui_lab_init                 (int                  *argc,
                                                   char               ***argv);
int                  gui_lab_run                  (void);

/* Waiting. */
guint                gui_lab_timeout_ms           (guint                 real_ms);
void                 gui_lab_wait_for             (MeshTestCondition     condition,
                                                   gpointer              data,
                                                   guint                 ms,
                                                   const char           *what);
/* Conditions for gui_lab_wait_for(). */
gboolean             gui_lab_daemon_attached      (gpointer              window);
gboolean             gui_lab_has_controller       (gpointer              window);
gboolean             gui_lab_window_shows         (gpointer              data);  /* WindowText */
gboolean             gui_lab_device_listed        (gpointer              data);  /* ScanWait */
gboolean             gui_lab_node_page_idle       (gpointer              page);

/* Widgets. */
gboolean             gui_lab_can_press            (GtkWidget            *root,
                                                   const char           *action_name);
gpointer             gui_lab_find_page            (MeshWindow           *window,
                                                   GType                 type);
char                *gui_lab_hex                  (GBytes               *bytes);
/* Saves @widget as @name in the test artifacts, once it has settled. */
void                 gui_lab_screenshot           (GtkWidget            *widget,
                                                   const char           *name);

/* The window, the network: a new application on an empty database, and
 * New Network… in it. */
MeshWindow          *gui_lab_open_empty_window    (void);
MeshNetwork         *gui_lab_create_network       (MeshWindow           *window,
                                                   const char           *name);

/* Nearby Devices and the provisioning dialog. */
MeshDevicesPage     *gui_lab_show_devices         (MeshWindow           *window,
                                                   GBytes               *uuid);
MeshProvisionDialog *gui_lab_open_dialog          (MeshWindow           *window,
                                                   MeshDevicesPage      *page,
                                                   GBytes               *uuid);
GtkWidget           *gui_lab_key_entry            (MeshProvisionDialog  *dialog);
void                 gui_lab_wait_for_dialog_page (MeshProvisionDialog  *dialog,
                                                   const char           *page);
void                 gui_lab_type_key_and_enter   (MeshProvisionDialog  *dialog,
                                                   const char           *key);
MeshNode            *gui_lab_wait_for_node        (MeshWindow           *window,
                                                   MeshProvisionDialog  *dialog,
                                                   GBytes               *uuid);

/* Nodes, keys and devices. */
void                 gui_lab_run_node_action      (MeshNodePage         *page,
                                                   const char           *action,
                                                   GVariant             *param);
void                 gui_lab_add_app_key          (MeshWindow           *window,
                                                   const char           *name);
void                 gui_lab_add_net_key          (MeshWindow           *window,
                                                   const char           *name);
/* Keys page, the NetKey's delete button, Delete. */
void                 gui_lab_delete_net_key       (MeshWindow           *window,
                                                   guint                 index);
/* The OnOff state of the lab's device @index, as the device has it. */
gboolean             gui_lab_device_onoff         (guint                 index);

G_END_DECLS
