/* mesh-lab-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the files of mesh-lab share: the lab, its virtual devices, and the
 * functions one file calls in another. mesh-lab.c has the options, the
 * start and the stop; mesh-lab-meshd.c the provisioner-side daemon;
 * mesh-lab-devices.c the virtual devices; mesh-lab-buses.c the private
 * buses; mesh-lab-control.c the D-Bus control interface. */

#include "lab-air.h"
#include "lab-process.h"

#include <gio/gio.h>

G_BEGIN_DECLS

#define LAB_BUS_NAME      "io.github.meshprovisioner.MeshLab"
#define LAB_OBJECT_PATH   "/io/github/meshprovisioner/MeshLab"
#define LAB_IFACE         "io.github.meshprovisioner.MeshLab1"
#define LAB_ERROR_PREFIX  "io.github.meshprovisioner.MeshLab.Error."
#define LAB_DEVICE_NAME_PREFIX "io.github.meshprovisioner.MeshLab.Device"
#define LAB_DEVICE_PATH   "/io/github/meshprovisioner/MeshLabDevice"
#define LAB_DEVICE_IFACE  "io.github.meshprovisioner.MeshLabDevice1"

#define STOP_TIMEOUT_MS 3000

typedef struct _Lab Lab;

typedef struct {
  char *oob;      /* as mesh-lab-device takes it: none, static:HEX, output, input */
  guint16 cid;
  guint16 pid;
  guint16 vid;
  gboolean has_uuid;
  guint8 uuid[16];
} DeviceSpec;

typedef struct {
  Lab *lab;
  guint index;
  DeviceSpec spec;
  char *storage;
  char *socket;
  char *state_path;
  char *bus_name;

  LabProcess *daemon;
  LabProcess *app;
  gboolean present;      /* meant to be running */
  gboolean ready;        /* its application took its bus name */
  char *owner;
  guint watch_id;
  guint signal_id;
  GVariant *state;       /* last a{sv} from the device */
  GPtrArray *waiting;    /* invocations answered once ready */
} LabDevice;

struct _Lab {
  /* options */
  int n_devices;
  char **oob;
  char **device_specs;
  char *cid;
  char *pid;
  char *vid;
  double timewarp;
  double loss;
  int delay_ms;
  int repeat_window_ms;
  gboolean relay;
  gboolean keep;
  gboolean debug;
  char *log_dir_option;

  char *meshd_path;
  char *preload_path;
  char *device_path;
  char *state_dir;
  char *log_dir;
  char *meshd_config;

  LabAir *air;
  LabProcess *pbus_daemon;
  LabProcess *dbus_daemon;
  char *pbus_address;
  char *dbus_address;
  GDBusConnection *pbus;
  GDBusConnection *dbus;

  LabProcess *meshd;
  char *meshd_socket;
  char *meshd_storage;
  gboolean meshd_ready;
  gboolean meshd_polling;
  guint meshd_poll_id;
  GPtrArray *meshd_waiting;

  GPtrArray *devices;
  GDBusNodeInfo *control_info;
  guint control_id;
  guint name_id;

  LabProcess *command;
  int interrupted;
  gboolean started;
  gboolean start_failed;
  gboolean stopping;
};

/* mesh-lab.c */
char            *lab_path                (Lab               *lab,
                                          const char        *name);
void             lab_message             (const char        *format,
                                          ...) G_GNUC_PRINTF (1, 2);
char           **child_environment       (Lab               *lab,
                                          const char        *session_bus,
                                          gboolean           preload,
                                          const char        *unit_socket);
void             remove_tree             (const char        *path);
void             print_log_tail          (Lab               *lab,
                                          const char        *name);

/* mesh-lab-meshd.c */
gboolean         check_meshd             (Lab               *lab,
                                          GError           **error);
void             finish_waiting          (GPtrArray         *waiting,
                                          const char        *error);
gboolean         start_meshd             (Lab               *lab,
                                          GError           **error);
void             stop_meshd              (Lab               *lab);

/* mesh-lab-devices.c */
LabDevice       *get_device              (Lab               *lab,
                                          guint              index);
GVariant        *device_summary          (LabDevice         *device);
void             set_device_state        (LabDevice         *device,
                                          GVariant          *state);
void             stop_device             (LabDevice         *device);
void             forget_interrupted_join (LabDevice         *device);
gboolean         spawn_device            (LabDevice         *device,
                                          GError           **error);
gboolean         check_oob               (const char        *oob,
                                          GError           **error);
LabDevice       *add_device              (Lab               *lab,
                                          const DeviceSpec  *spec);
void             device_free             (gpointer           data);
gboolean         parse_device_spec       (Lab               *lab,
                                          const char        *text,
                                          DeviceSpec        *spec,
                                          GError           **error);
gboolean         default_spec            (Lab               *lab,
                                          guint              index,
                                          DeviceSpec        *spec,
                                          GError           **error);
gboolean         devices_ready           (Lab               *lab);

/* mesh-lab-buses.c */
gboolean         start_bus               (Lab               *lab,
                                          const char        *name,
                                          LabProcess       **process,
                                          char             **address,
                                          GError           **error);
GDBusConnection *connect_bus             (const char        *address,
                                          GError           **error);

/* mesh-lab-control.c: io.github.meshprovisioner.MeshLab1 on the
 * provisioner bus, and its well-known name. */
gboolean         lab_control_export      (Lab               *lab,
                                          GError           **error);
void             lab_control_unexport    (Lab               *lab);

G_END_DECLS
