/* lab-app.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the lab's mesh applications (the virtual device and the test
 * provisioner) share: the org.bluez.mesh interfaces they implement, an
 * object tree with an ObjectManager at its root (bluetooth-meshd reads an
 * application through GetManagedObjects), and small helpers. */

#define LAB_MESH_SERVICE               "org.bluez.mesh"
#define LAB_MESH_PATH                  "/org/bluez/mesh"
#define LAB_MESH_NETWORK_IFACE         "org.bluez.mesh.Network1"
#define LAB_MESH_NODE_IFACE            "org.bluez.mesh.Node1"
#define LAB_MESH_MANAGEMENT_IFACE      "org.bluez.mesh.Management1"
#define LAB_MESH_APPLICATION_IFACE     "org.bluez.mesh.Application1"
#define LAB_MESH_ELEMENT_IFACE         "org.bluez.mesh.Element1"
#define LAB_MESH_PROVISION_AGENT_IFACE "org.bluez.mesh.ProvisionAgent1"
#define LAB_MESH_PROVISIONER_IFACE     "org.bluez.mesh.Provisioner1"

typedef struct _LabApp LabApp;

LabApp             *lab_app_new            (GDBusConnection             *connection,
                                            const char                  *root_path);
void                lab_app_free           (LabApp                      *app);
gboolean            lab_app_add_object     (LabApp                      *app,
                                            const char                  *path,
                                            const char                  *interface,
                                            const GDBusInterfaceVTable  *vtable,
                                            gpointer                     user_data,
                                            GError                     **error);
GDBusInterfaceInfo *lab_interface_info     (const char                  *interface);

/* Calls a method and runs the thread-default main context until the reply
 * comes, so that calls meshd makes back into this process (it reads the
 * application before it answers Join, Attach or CreateNetwork) are served
 * meanwhile. */
GVariant           *lab_call               (GDBusConnection             *connection,
                                            const char                  *destination,
                                            const char                  *path,
                                            const char                  *interface,
                                            const char                  *method,
                                            GVariant                    *parameters,
                                            const GVariantType          *reply_type,
                                            int                          timeout_ms,
                                            GError                     **error);
/* Runs the thread-default main context until *flag is TRUE or timeout_ms
 * passed; returns *flag. */
gboolean            lab_wait_for           (gboolean                    *flag,
                                            guint                        timeout_ms);

GVariant           *lab_bytes_variant      (const guint8                *data,
                                            gsize                        len);
gboolean            lab_hex_decode         (const char                  *hex,
                                            guint8                      *out,
                                            gsize                        len);
char               *lab_hex_encode         (const guint8                *data,
                                            gsize                        len);
void                lab_uuid_generate      (guint8                       uuid[16]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabApp, lab_app_free)

G_END_DECLS
