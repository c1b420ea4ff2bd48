/* mesh-error.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MESH_ERROR (mesh_error_quark ())

/**
 * MeshError:
 *
 * Errors of the project's own domain. The message of such an error is a
 * sentence meant for the user: what happened and, where it helps, what to do.
 */
typedef enum
{
  MESH_ERROR_FAILED,
  MESH_ERROR_INVALID_DATA,         /* malformed bytes, JSON or text */
  MESH_ERROR_INVALID_ARGUMENT,
  MESH_ERROR_NOT_FOUND,
  MESH_ERROR_EXISTS,
  MESH_ERROR_CONFLICT,
  MESH_ERROR_TIMED_OUT,
  MESH_ERROR_BUSY,
  MESH_ERROR_ADDRESS_EXHAUSTED,
  MESH_ERROR_STATUS,               /* a node answered with a failure status */
  MESH_ERROR_DATABASE,
  MESH_ERROR_KEYRING_UNAVAILABLE,  /* no secret service on the bus */
  MESH_ERROR_KEYRING_LOCKED,
  MESH_ERROR_SECRET_MISSING,
  MESH_ERROR_DAEMON_UNAVAILABLE,   /* bluetooth-meshd is not running */
  MESH_ERROR_DAEMON_TOO_OLD,
  MESH_ERROR_DAEMON_REFUSED,       /* D-Bus policy or authorization */
  MESH_ERROR_DAEMON_FAILED,
  MESH_ERROR_PROVISIONING_FAILED,
} MeshError;

GQuark mesh_error_quark (void);

G_END_DECLS
