/* lab-preload-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>

/* What the preload module's two halves share: the socket side
 * (lab-preload.c: AF_ALG, the radio) and the ELL side (lab-preload-ell.c:
 * the time warp and the delivery of received packets). */

#define LAB_EXPORT __attribute__((visibility ("default")))

/* Resolves the wrapped libc calls and reads the environment, once. */
void lab_preload_ensure_init   (void);

/* Reads MESH_LAB_TIMEWARP (from lab_preload_ensure_init()). */
void lab_preload_read_timewarp (void);

/* meshd's unit socket is bound (and connected to the air). */
void lab_preload_unit_socket_bound (void);

/* The packet just handed to meshd's unit IO, which dispatches it at once;
 * NULL while none is. */
void lab_preload_unit_packet   (const uint8_t *data,
                                uint8_t        len);
