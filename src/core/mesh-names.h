/* mesh-names.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Names for numbers the Bluetooth SIG assigns: SIG model identifiers
 * (Assigned Numbers, "Mesh Model Identifiers") and the company
 * identifiers most seen in mesh products, so that the user reads
 * "Generic OnOff Server" rather than 0x1000. */

#include <glib.h>

#include "mesh-wire.h"

G_BEGIN_DECLS

const char *mesh_sig_model_get_name (guint16     model_id);
const char *mesh_company_get_name   (guint16     company_id);
char       *mesh_company_describe   (guint16     company_id);
char       *mesh_model_id_describe  (MeshModelId model);

G_END_DECLS
