/* mesh-gui-names.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The two names the pages look up, until the core's src/core/mesh-names.h
 * (mesh_sig_model_get_name(), mesh_company_get_name()) is merged: then each
 * body becomes a call to it. NULL when the number has no name here. */
const char *mesh_gui_sig_model_name (guint16 model_id);
const char *mesh_gui_company_name   (guint16 company_id);

G_END_DECLS
