/* meshprov-args.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mesh-config-types.h"
#include "mesh-wire.h"

G_BEGIN_DECLS

/* The command line's argument syntax, as pure functions: each takes the
 * text the user typed and fills a value or fails with
 * MESH_CLI_ERROR_USAGE and a sentence that names the argument. They are
 * the same for every command, so `meshprov --help` documents them once.
 *
 *  - addresses are hexadecimal, with or without "0x": "0005", "0x0005",
 *    "c001";
 *  - element, key and TTL values are decimal;
 *  - models are a SIG model ("1000", "0x1000"), a vendor model as
 *    "CCCC:MMMM" (company, model) or 8 hex digits (company in the high
 *    half, as the CDB writes it), or a SIG model's name ("Generic OnOff
 *    Server", any case);
 *  - a virtual address is given by its Label UUID (32 hex digits, dashes
 *    allowed). */

#define MESH_CLI_ERROR (mesh_cli_error_quark ())

typedef enum
{
  MESH_CLI_ERROR_USAGE,      /* a bad command line: exit status 2 */
} MeshCliError;

GQuark    mesh_cli_error_quark       (void);

/* Any 16-bit address. */
gboolean  mesh_cli_parse_address     (const char       *text,
                                      const char       *what,
                                      guint16          *address,
                                      GError          **error);
/* 0x0001–0x7FFF. */
gboolean  mesh_cli_parse_unicast     (const char       *text,
                                      const char       *what,
                                      guint16          *address,
                                      GError          **error);
/* A decimal number from 0 to @max. */
gboolean  mesh_cli_parse_uint        (const char       *text,
                                      const char       *what,
                                      guint             max,
                                      guint            *value,
                                      GError          **error);
gboolean  mesh_cli_parse_model       (const char       *text,
                                      MeshModelId      *model,
                                      GError          **error);
/* A subscription: a group address (0xC000–0xFFFE) or a Label UUID. */
gboolean  mesh_cli_parse_subscription (const char      *text,
                                       MeshDestination *destination,
                                       GError         **error);
/* A publication destination: unicast, group (0xFFFF included) or a
 * Label UUID. */
gboolean  mesh_cli_parse_destination (const char       *text,
                                      MeshDestination  *destination,
                                      GError          **error);
/* 0–127, or "default" (255: the node's Default TTL). */
gboolean  mesh_cli_parse_ttl         (const char       *text,
                                      guint8           *ttl,
                                      GError          **error);
/* Milliseconds, 0 (no periodic publishing) or a value one of the four
 * step resolutions can express exactly (63 steps at most). */
gboolean  mesh_cli_parse_period      (const char       *text,
                                      guint8           *steps,
                                      guint8           *resolution,
                                      GError          **error);
/* "COUNT[,INTERVAL_MS]": count 0–7, interval 50–1600 ms in steps of 50
 * (default 50). */
gboolean  mesh_cli_parse_retransmit  (const char       *text,
                                      guint8           *count,
                                      guint8           *interval_steps,
                                      GError          **error);
/* 32 hex digits → 16 bytes. */
GBytes   *mesh_cli_parse_key         (const char       *text,
                                      const char       *what,
                                      GError          **error);
/* 32 hex digits, dashes allowed → 16 bytes. */
GBytes   *mesh_cli_parse_uuid        (const char       *text,
                                      GError          **error);

/* "1000" for a SIG model, "05f1:0001" for a vendor model: what
 * mesh_cli_parse_model() reads back. */
char     *mesh_cli_format_model_id   (MeshModelId       model);
/* The values of a publication's period and retransmit interval in
 * milliseconds. */
guint     mesh_cli_period_to_ms      (guint8            steps,
                                      guint8            resolution);
guint     mesh_cli_retransmit_interval_to_ms (guint8    interval_steps);
/* Stable, untranslated keys of the OOB Information bits of a beacon
 * ("on-box", "number", ...), lowest bit first, RFU bits left out: what
 * --json prints. */
GStrv     mesh_cli_oob_info_keys     (guint16           oob_info);

G_END_DECLS
