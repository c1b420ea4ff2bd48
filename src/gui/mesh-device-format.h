/* mesh-device-format.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mesh-network.h"

G_BEGIN_DECLS

/* How the Nearby Devices page and the provisioning dialog write what a
 * beacon says, and read what the user types. Pure functions: tested in
 * tests/test-gui-devices.c. */

/**
 * MeshSignalLevel:
 *
 * Signal strength as bars, from the (smoothed) RSSI.
 */
typedef enum
{
  MESH_SIGNAL_NONE,
  MESH_SIGNAL_WEAK,
  MESH_SIGNAL_OK,
  MESH_SIGNAL_GOOD,
  MESH_SIGNAL_EXCELLENT,
} MeshSignalLevel;

/* "Mesh Device 3F9C": unprovisioned beacons carry no name, the last four
 * hexadecimal digits of the UUID tell devices of one maker apart. */
char            *mesh_format_device_name      (const char *uuid_string);
/* "Static OOB on the box", "QR code on the box", "NFC, Number"; NULL for
 * no OOB information. */
char            *mesh_format_oob_info         (guint16     oob_info);
/* Whether the OOB information points at a static key somewhere (printed,
 * in a code or a tag): then the dialog proposes static OOB first. */
gboolean         mesh_oob_info_suggests_static (guint16    oob_info);

MeshSignalLevel  mesh_signal_level_from_rssi  (int         rssi);
const char      *mesh_signal_level_icon_name  (MeshSignalLevel level);
/* "Signal: good", for screen readers and tooltips. */
const char      *mesh_signal_level_describe   (MeshSignalLevel level);

/* "Seen just now", "Seen 3 s ago", "Seen 2 min ago"; times are
 * g_get_monotonic_time() microseconds. */
char            *mesh_format_seen             (gint64      last_seen,
                                               gint64      now);

/* A static OOB key as the user types it: 32 hexadecimal digits (spaces,
 * colons and dashes between them allowed, "0x" in front too), else a text
 * of 1 to 16 printable ASCII characters, taken as its bytes padded with
 * zeros to 16 (as the Mesh Profile pads alphanumeric OOB values). What has
 * only hexadecimal digits is read as hexadecimal, so a text key has at
 * least one other character. Returns
 * the 16 bytes, or NULL with a sentence in MESH_ERROR_INVALID_ARGUMENT;
 * @is_text says which form it was. */
GBytes          *mesh_parse_static_oob        (const char *text,
                                               gboolean   *is_text,
                                               GError    **error);

/* Remote Provisioning: a device heard through a node's Remote Provisioning
 * Server is provisioned through that node. */

/* The name of the node at @server: its name, else its address ("0x0005")
 * when it has none or is not a node of @network (which may be NULL). */
char            *mesh_format_server_name      (MeshNetwork *network,
                                               guint16      server);
/* "Through node Kitchen Light" for a device heard through @via; NULL for
 * 0 (our own radio). */
char            *mesh_format_via              (MeshNetwork *network,
                                               guint16      via);
/* "Kitchen Light (0x0005)": a server in the list to scan through. */
char            *mesh_format_server_choice    (MeshNode    *node);
/* The unicast addresses (guint16, ascending) of @network's nodes whose
 * primary element has a Remote Provisioning Server, as far as their
 * elements are loaded; excluded nodes are left out. */
GArray          *mesh_find_remote_servers     (MeshNetwork *network);

G_END_DECLS
