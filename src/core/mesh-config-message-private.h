/* mesh-config-message-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Helpers shared by the files that build Configuration messages. */

#include <glib.h>

#include "mesh-opcode.h"
#include "mesh-wire.h"

G_BEGIN_DECLS

GByteArray *mesh_config_message_begin          (MeshOpcode       opcode);
GBytes     *mesh_config_message_finish         (GByteArray      *array);
gboolean    mesh_config_check_key_index        (guint16          index,
                                                GError         **error);
gboolean    mesh_config_check_element_address  (guint16          address,
                                                GError         **error);
gboolean    mesh_config_check_retransmit       (MeshRetransmit   retransmit,
                                                GError         **error);

G_END_DECLS
