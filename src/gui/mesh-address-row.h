/* mesh-address-row.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mesh-store.h"

G_BEGIN_DECLS

#define MESH_TYPE_ADDRESS_ROW (mesh_address_row_get_type ())

G_DECLARE_FINAL_TYPE (MeshAddressRow, mesh_address_row, MESH, ADDRESS_ROW, AdwEntryRow)

/* What the address is for: a publication may go anywhere but 0x0000; a
 * subscription must be a group or virtual address other than all-nodes. */
typedef enum
{
  MESH_ADDRESS_PURPOSE_PUBLICATION,
  MESH_ADDRESS_PURPOSE_SUBSCRIPTION,
} MeshAddressPurpose;

/* An entry row for a destination address: hex ("0xC000", "c000") or the
 * name of one of the network's groups, with a menu of the groups. "valid"
 * tells whether the text is an address fit for the purpose. */
GtkWidget   *mesh_address_row_new             (void);
void         mesh_address_row_set_network     (MeshAddressRow     *self,
                                               MeshNetwork        *network);
void         mesh_address_row_set_purpose     (MeshAddressRow     *self,
                                               MeshAddressPurpose  purpose);
gboolean     mesh_address_row_get_valid       (MeshAddressRow     *self);
gboolean     mesh_address_row_get_destination (MeshAddressRow     *self,
                                               MeshDestination    *destination);
/* The group or node the address stands for, or why it is not valid;
 * NULL while empty. */
char        *mesh_address_row_describe        (MeshAddressRow     *self);
void         mesh_address_row_set_destination (MeshAddressRow     *self,
                                               const MeshDestination *destination);

G_END_DECLS
