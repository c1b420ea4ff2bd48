/* mesh-format.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mesh-store.h"

G_BEGIN_DECLS

/* How the pages write the network's values for people: one place, so that
 * the node list, the node page and the dialogs say the same thing. */

char       *mesh_format_address          (guint16                address);
char       *mesh_format_address_range    (MeshNode              *node);
char       *mesh_format_node_name        (MeshNode              *node);
char       *mesh_format_company          (int                    company_id);
char       *mesh_format_node_product     (MeshNode              *node);
const char *mesh_format_config_state     (MeshNode              *node);
const char *mesh_format_feature_state    (MeshFeatureState       state);
const char *mesh_format_security         (MeshSecurity           security);
char       *mesh_format_location         (guint16                location);
char       *mesh_format_element_title    (MeshElement           *element);
char       *mesh_format_element_subtitle (MeshElement           *element);
char       *mesh_format_model_name       (MeshModel             *model);
char       *mesh_format_model_id         (MeshModel             *model);
char       *mesh_format_app_key          (MeshNetwork           *network,
                                          guint16                index);
char       *mesh_format_net_key          (MeshNetwork           *network,
                                          guint16                index);
/* The names of the node's NetKeys (its subnets), "Primary, Guests". */
char       *mesh_format_node_net_keys    (MeshNode              *node);
char       *mesh_format_destination      (MeshNetwork           *network,
                                          const MeshDestination *destination);
char       *mesh_format_ttl              (guint                  ttl);
char       *mesh_format_period           (guint8                 steps,
                                          guint8                 resolution);
char       *mesh_format_retransmit       (guint8                 count,
                                          guint8                 interval_steps);
char       *mesh_format_publication      (MeshNetwork           *network,
                                          const MeshPublication *publication);

/* The publish period nearest to @ms that the 6-bit steps and 2-bit
 * resolution can say (exactly when they can). */
void        mesh_parse_period_ms         (guint                  ms,
                                          guint8                *steps,
                                          guint8                *resolution);
guint       mesh_period_to_ms            (guint8                 steps,
                                          guint8                 resolution);

/* "0xC000", "c000", or the name of one of the network's groups. */
gboolean    mesh_parse_destination       (MeshNetwork           *network,
                                          const char            *text,
                                          MeshDestination       *destination);

/* Configuration Server and Client work with the device key: no AppKey,
 * subscription or publication. */
gboolean     mesh_gui_model_is_configurable   (MeshModel *model);
/* The first element with a Generic OnOff Server, or NULL. */
MeshElement *mesh_gui_node_find_onoff_server (MeshNode  *node);

G_END_DECLS
