/* mesh-database-migrations.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-database-private.h"
#include "mesh-error.h"

/* The schema, in numbered steps. A released step never changes: a new
 * need gets a new step. Tables are STRICT; key material has no column
 * anywhere (it lives in the keyring). Labels (virtual addresses) are 16-byte
 * blobs, empty when there is none, so that UNIQUE constraints see them. */

/* 1: networks, provisioners, key metadata, nodes and their composition. */
static gboolean
migrate_to_1 (MeshSqliteConnection  *connection,
              GError               **error)
{
  return mesh_sqlite_connection_execute (connection,
    "CREATE TABLE networks ("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  iv_index INTEGER NOT NULL DEFAULT 0 CHECK (iv_index BETWEEN 0 AND 4294967295),"
    "  iv_update INTEGER NOT NULL DEFAULT 0 CHECK (iv_update IN (0, 1)),"
    "  timestamp TEXT,"
    "  partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1))"
    ") STRICT;"

    "CREATE TABLE provisioners ("
    "  id INTEGER PRIMARY KEY,"
    "  network_id INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,"
    "  uuid TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  UNIQUE (network_id, uuid)"
    ") STRICT;"

    "CREATE TABLE provisioner_ranges ("
    "  provisioner_id INTEGER NOT NULL REFERENCES provisioners (id) ON DELETE CASCADE,"
    "  kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 2),"
    "  position INTEGER NOT NULL,"
    "  low INTEGER NOT NULL CHECK (low BETWEEN 0 AND 65535),"
    "  high INTEGER NOT NULL CHECK (high BETWEEN 0 AND 65535),"
    "  PRIMARY KEY (provisioner_id, kind, position)"
    ") STRICT, WITHOUT ROWID;"

    "CREATE TABLE net_keys ("
    "  id INTEGER PRIMARY KEY,"
    "  network_id INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,"
    "  key_index INTEGER NOT NULL CHECK (key_index BETWEEN 0 AND 4095),"
    "  name TEXT NOT NULL,"
    "  phase INTEGER NOT NULL DEFAULT 0 CHECK (phase BETWEEN 0 AND 2),"
    "  min_security INTEGER NOT NULL DEFAULT 1 CHECK (min_security IN (0, 1)),"
    "  timestamp TEXT,"
    "  UNIQUE (network_id, key_index)"
    ") STRICT;"

    "CREATE TABLE app_keys ("
    "  id INTEGER PRIMARY KEY,"
    "  network_id INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,"
    "  key_index INTEGER NOT NULL CHECK (key_index BETWEEN 0 AND 4095),"
    "  bound_net_key INTEGER NOT NULL CHECK (bound_net_key BETWEEN 0 AND 4095),"
    "  name TEXT NOT NULL,"
    "  timestamp TEXT,"
    "  UNIQUE (network_id, key_index)"
    ") STRICT;"

    /* NULL in a state column: not known yet (absent from a CDB). */
    "CREATE TABLE nodes ("
    "  id INTEGER PRIMARY KEY,"
    "  network_id INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,"
    "  uuid TEXT NOT NULL,"
    "  unicast INTEGER NOT NULL CHECK (unicast BETWEEN 1 AND 32767),"
    "  element_count INTEGER NOT NULL CHECK (element_count BETWEEN 0 AND 255),"
    "  name TEXT,"
    "  cid INTEGER CHECK (cid BETWEEN 0 AND 65535),"
    "  pid INTEGER CHECK (pid BETWEEN 0 AND 65535),"
    "  vid INTEGER CHECK (vid BETWEEN 0 AND 65535),"
    "  crpl INTEGER CHECK (crpl BETWEEN 0 AND 65535),"
    "  relay INTEGER CHECK (relay BETWEEN 0 AND 2),"
    "  proxy INTEGER CHECK (proxy BETWEEN 0 AND 2),"
    "  friend INTEGER CHECK (friend BETWEEN 0 AND 2),"
    "  low_power INTEGER CHECK (low_power BETWEEN 0 AND 2),"
    "  excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),"
    "  config_complete INTEGER NOT NULL DEFAULT 0 CHECK (config_complete IN (0, 1)),"
    "  security INTEGER NOT NULL DEFAULT 1 CHECK (security IN (0, 1)),"
    "  secure_network_beacon INTEGER CHECK (secure_network_beacon IN (0, 1)),"
    "  default_ttl INTEGER CHECK (default_ttl BETWEEN 0 AND 127),"
    "  network_transmit_count INTEGER CHECK (network_transmit_count BETWEEN 0 AND 7),"
    "  network_transmit_steps INTEGER CHECK (network_transmit_steps BETWEEN 0 AND 31),"
    "  relay_retransmit_count INTEGER CHECK (relay_retransmit_count BETWEEN 0 AND 7),"
    "  relay_retransmit_steps INTEGER CHECK (relay_retransmit_steps BETWEEN 0 AND 31),"
    "  hb_pub_destination INTEGER CHECK (hb_pub_destination BETWEEN 0 AND 65535),"
    "  hb_pub_period_log INTEGER CHECK (hb_pub_period_log BETWEEN 0 AND 255),"
    "  hb_pub_ttl INTEGER CHECK (hb_pub_ttl BETWEEN 0 AND 255),"
    "  hb_pub_net_key INTEGER CHECK (hb_pub_net_key BETWEEN 0 AND 4095),"
    "  hb_pub_features INTEGER CHECK (hb_pub_features BETWEEN 0 AND 15),"
    "  hb_sub_source INTEGER CHECK (hb_sub_source BETWEEN 0 AND 65535),"
    "  hb_sub_destination INTEGER CHECK (hb_sub_destination BETWEEN 0 AND 65535),"
    "  UNIQUE (network_id, unicast),"
    "  UNIQUE (network_id, uuid)"
    ") STRICT;"

    "CREATE TABLE node_net_keys ("
    "  node_id INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  key_index INTEGER NOT NULL CHECK (key_index BETWEEN 0 AND 4095),"
    "  updated INTEGER NOT NULL DEFAULT 0 CHECK (updated IN (0, 1)),"
    "  PRIMARY KEY (node_id, position),"
    "  UNIQUE (node_id, key_index)"
    ") STRICT, WITHOUT ROWID;"

    "CREATE TABLE node_app_keys ("
    "  node_id INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  key_index INTEGER NOT NULL CHECK (key_index BETWEEN 0 AND 4095),"
    "  updated INTEGER NOT NULL DEFAULT 0 CHECK (updated IN (0, 1)),"
    "  PRIMARY KEY (node_id, position),"
    "  UNIQUE (node_id, key_index)"
    ") STRICT, WITHOUT ROWID;"

    "CREATE TABLE elements ("
    "  node_id INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,"
    "  element_index INTEGER NOT NULL CHECK (element_index BETWEEN 0 AND 255),"
    "  location INTEGER NOT NULL DEFAULT 0 CHECK (location BETWEEN 0 AND 65535),"
    "  name TEXT,"
    "  PRIMARY KEY (node_id, element_index)"
    ") STRICT, WITHOUT ROWID;"

    /* Models keep composition order by rowid. pub_address NULL: no
     * publication. */
    "CREATE TABLE models ("
    "  id INTEGER PRIMARY KEY,"
    "  node_id INTEGER NOT NULL,"
    "  element_index INTEGER NOT NULL,"
    "  vendor INTEGER NOT NULL CHECK (vendor IN (0, 1)),"
    "  model_id INTEGER NOT NULL CHECK (model_id BETWEEN 0 AND 4294967295),"
    "  pub_address INTEGER CHECK (pub_address BETWEEN 0 AND 65535),"
    "  pub_label BLOB CHECK (pub_label IS NULL OR length (pub_label) IN (0, 16)),"
    "  pub_app_key INTEGER CHECK (pub_app_key BETWEEN 0 AND 4095),"
    "  pub_ttl INTEGER CHECK (pub_ttl BETWEEN 0 AND 255),"
    "  pub_period_steps INTEGER CHECK (pub_period_steps BETWEEN 0 AND 63),"
    "  pub_period_resolution INTEGER CHECK (pub_period_resolution BETWEEN 0 AND 3),"
    "  pub_retransmit_count INTEGER CHECK (pub_retransmit_count BETWEEN 0 AND 7),"
    "  pub_retransmit_steps INTEGER CHECK (pub_retransmit_steps BETWEEN 0 AND 31),"
    "  pub_credentials INTEGER CHECK (pub_credentials IN (0, 1)),"
    "  FOREIGN KEY (node_id, element_index) REFERENCES elements (node_id, element_index) ON DELETE CASCADE,"
    "  UNIQUE (node_id, element_index, vendor, model_id)"
    ") STRICT;"

    "CREATE TABLE model_bindings ("
    "  model_row INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  app_key_index INTEGER NOT NULL CHECK (app_key_index BETWEEN 0 AND 4095),"
    "  PRIMARY KEY (model_row, position),"
    "  UNIQUE (model_row, app_key_index)"
    ") STRICT, WITHOUT ROWID;"

    "CREATE TABLE model_subscriptions ("
    "  model_row INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  address INTEGER NOT NULL CHECK (address BETWEEN 0 AND 65535),"
    "  label BLOB NOT NULL CHECK (length (label) IN (0, 16)),"
    "  PRIMARY KEY (model_row, position),"
    "  UNIQUE (model_row, address, label)"
    ") STRICT, WITHOUT ROWID;",
    error);
}

/* 2: groups, scenes and the exclusion list. */
static gboolean
migrate_to_2 (MeshSqliteConnection  *connection,
              GError               **error)
{
  return mesh_sqlite_connection_execute (connection,
    "CREATE TABLE mesh_groups ("
    "  id INTEGER PRIMARY KEY,"
    "  network_id INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL,"
    "  address INTEGER NOT NULL CHECK (address BETWEEN 0 AND 65535),"
    "  label BLOB NOT NULL CHECK (length (label) IN (0, 16)),"
    "  parent_address INTEGER NOT NULL DEFAULT 0 CHECK (parent_address BETWEEN 0 AND 65535),"
    "  parent_label BLOB NOT NULL DEFAULT x'' CHECK (length (parent_label) IN (0, 16)),"
    "  UNIQUE (network_id, address, label)"
    ") STRICT;"

    "CREATE TABLE scenes ("
    "  id INTEGER PRIMARY KEY,"
    "  network_id INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,"
    "  number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 65535),"
    "  name TEXT NOT NULL,"
    "  UNIQUE (network_id, number)"
    ") STRICT;"

    "CREATE TABLE scene_addresses ("
    "  scene_id INTEGER NOT NULL REFERENCES scenes (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  address INTEGER NOT NULL CHECK (address BETWEEN 1 AND 32767),"
    "  PRIMARY KEY (scene_id, position),"
    "  UNIQUE (scene_id, address)"
    ") STRICT, WITHOUT ROWID;"

    /* Rowid order is the order of the CDB's lists. */
    "CREATE TABLE exclusions ("
    "  id INTEGER PRIMARY KEY,"
    "  network_id INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,"
    "  iv_index INTEGER NOT NULL CHECK (iv_index BETWEEN 0 AND 4294967295),"
    "  address INTEGER NOT NULL CHECK (address BETWEEN 1 AND 32767),"
    "  UNIQUE (network_id, iv_index, address)"
    ") STRICT;",
    error);
}

/* 3: which provisioner of the network this application is. */
static gboolean
migrate_to_3 (MeshSqliteConnection  *connection,
              GError               **error)
{
  return mesh_sqlite_connection_execute (connection,
    "ALTER TABLE networks ADD COLUMN local_provisioner_uuid TEXT",
    error);
}

static const MeshMigration migrations[] = {
  { 1, migrate_to_1 },
  { 2, migrate_to_2 },
  { 3, migrate_to_3 },
};

const MeshMigration *
mesh_database_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

int
mesh_database_get_latest_version (void)
{
  return migrations[G_N_ELEMENTS (migrations) - 1].version;
}

gboolean
mesh_database_migrate (MeshSqliteConnection  *connection,
                       const MeshMigration   *steps,
                       guint                  n_steps,
                       GError               **error)
{
  int version;
  int latest = n_steps > 0 ? steps[n_steps - 1].version : 0;

  if (!mesh_sqlite_connection_get_user_version (connection, &version, error))
    return FALSE;

  if (version > latest)
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_DATABASE,
                   _("The network database was written by a newer version of Mesh Provisioner (schema %d, this version knows %d). Update the application to open it."),
                   version, latest);
      return FALSE;
    }

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (steps[i].version <= version)
        continue;

      if (!mesh_sqlite_connection_begin_transaction (connection, error))
        return FALSE;

      if (!steps[i].func (connection, &local_error) ||
          !mesh_sqlite_connection_set_user_version (connection, steps[i].version, &local_error) ||
          !mesh_sqlite_connection_commit_transaction (connection, &local_error))
        {
          mesh_sqlite_connection_rollback_transaction (connection);
          g_set_error (error, MESH_ERROR, MESH_ERROR_DATABASE,
                       _("The network database could not be upgraded to schema %d: %s"),
                       steps[i].version, local_error->message);
          return FALSE;
        }

      version = steps[i].version;
    }

  return TRUE;
}
