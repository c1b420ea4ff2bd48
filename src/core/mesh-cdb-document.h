/* mesh-cdb-document.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * MeshCdbDocument is the parsed, validated, in-memory form of a Bluetooth
 * SIG Mesh Configuration Database (CDB 1.0.1) file.
 *
 * It is a reference-counted boxed struct with public members, not a
 * GObject: a 32,767-node network has a few hundred thousand elements,
 * models and keys, and plain structs in GArrays keep reading, writing and
 * importing such a file fast. Every GArray below holds structs by value
 * and frees their members itself (g_array_set_clear_func), so dropping the
 * last reference frees everything.
 *
 * A document that came from mesh_cdb_reader_*() passed every check the
 * reader makes: types, formats and the range of each value while parsing,
 * then mesh_cdb_document_validate() for what relates values to each other
 * (address classes, duplicates, overlapping ranges, references to keys and
 * groups). Code that builds a document from values already checked (the
 * database export, tests, the benchmark) runs the latter itself.
 *
 * Optional CDB members are kept exactly: a node's optional members have a
 * bit in MeshCdbNode.present, an element's or node's missing name is NULL,
 * an optional key is marked by has_old_key and so on, so that reading a
 * file and writing it back gives the same members.
 */

#define MESH_CDB_KEY_SIZE        16
#define MESH_CDB_UUID_SIZE       16
#define MESH_CDB_UUID_STRING_LEN 36  /* 8-4-4-4-12, without the NUL */
#define MESH_CDB_MAX_KEY_INDEX   0x0FFF

typedef enum
{
  MESH_CDB_SECURITY_INSECURE,
  MESH_CDB_SECURITY_SECURE,
} MeshCdbSecurity;

/* The values of a node's features members, as CDB writes them. */
typedef enum
{
  MESH_CDB_FEATURE_ABSENT      = -1,  /* the member is not in the file */
  MESH_CDB_FEATURE_DISABLED    = 0,
  MESH_CDB_FEATURE_ENABLED     = 1,
  MESH_CDB_FEATURE_UNSUPPORTED = 2,
} MeshCdbFeatureState;

/* Heartbeat publication features, in the bit order of the mesh spec. */
typedef enum
{
  MESH_CDB_HEARTBEAT_RELAY     = 1 << 0,
  MESH_CDB_HEARTBEAT_PROXY     = 1 << 1,
  MESH_CDB_HEARTBEAT_FRIEND    = 1 << 2,
  MESH_CDB_HEARTBEAT_LOW_POWER = 1 << 3,
} MeshCdbHeartbeatFeatures;

/* Which optional members of a node the document holds. */
typedef enum
{
  MESH_CDB_NODE_HAS_DEVICE_KEY            = 1 << 0,
  MESH_CDB_NODE_HAS_CID                   = 1 << 1,
  MESH_CDB_NODE_HAS_PID                   = 1 << 2,
  MESH_CDB_NODE_HAS_VID                   = 1 << 3,
  MESH_CDB_NODE_HAS_CRPL                  = 1 << 4,
  MESH_CDB_NODE_HAS_FEATURES              = 1 << 5,
  MESH_CDB_NODE_HAS_SECURE_NETWORK_BEACON = 1 << 6,
  MESH_CDB_NODE_HAS_DEFAULT_TTL           = 1 << 7,
  MESH_CDB_NODE_HAS_NETWORK_TRANSMIT      = 1 << 8,
  MESH_CDB_NODE_HAS_RELAY_RETRANSMIT      = 1 << 9,
  MESH_CDB_NODE_HAS_HEARTBEAT_PUB         = 1 << 10,
  MESH_CDB_NODE_HAS_HEARTBEAT_SUB         = 1 << 11,
} MeshCdbNodeFlags;

/*
 * A destination: a 16-bit address, or a 128-bit Label UUID (CDB writes it
 * as 32 hex digits) for a virtual address. For a label, value is 0: the
 * 16-bit virtual address is derived from the label where it is needed.
 */
typedef struct
{
  guint16  value;
  gboolean is_virtual;
  guint8   label[MESH_CDB_UUID_SIZE];
} MeshCdbAddress;

/* An address range (lowAddress/highAddress) or scene range (firstScene/lastScene). */
typedef struct
{
  guint16 low;
  guint16 high;
} MeshCdbRange;

typedef struct
{
  char            *name;
  guint16          index;
  guint8           phase;          /* key refresh phase, 0–2 */
  guint8           key[MESH_CDB_KEY_SIZE];
  gboolean         has_old_key;
  guint8           old_key[MESH_CDB_KEY_SIZE];
  MeshCdbSecurity  min_security;
  char            *timestamp;      /* ISO 8601, kept as written */
} MeshCdbNetKey;

typedef struct
{
  char     *name;
  guint16   index;
  guint16   bound_net_key;
  guint8    key[MESH_CDB_KEY_SIZE];
  gboolean  has_old_key;
  guint8    old_key[MESH_CDB_KEY_SIZE];
} MeshCdbAppKey;

typedef struct
{
  char   *name;
  guint8  uuid[MESH_CDB_UUID_SIZE];
  GArray *unicast_ranges;          /* MeshCdbRange */
  GArray *group_ranges;            /* MeshCdbRange */
  GArray *scene_ranges;            /* MeshCdbRange */
} MeshCdbProvisioner;

/* An entry of a node's netKeys or appKeys. */
typedef struct
{
  guint16  index;
  gboolean updated;
} MeshCdbNodeKey;

typedef struct
{
  guint8  count;                   /* transmissions, 1–8 */
  guint16 interval;                /* milliseconds, 10–320 in steps of 10 */
} MeshCdbTransmit;

typedef struct
{
  MeshCdbAddress address;
  guint16        index;            /* AppKey index */
  guint8         ttl;              /* 0–127, or 255 for the default TTL */
  guint8         period_steps;     /* 0–63 */
  guint32        period_resolution; /* milliseconds: 100, 1000, 10000 or 600000 */
  guint8         credentials;      /* 0 or 1 */
  guint8         retransmit_count; /* 0–7 */
  guint16        retransmit_interval; /* milliseconds, 50–1600 in steps of 50 */
} MeshCdbPublish;

typedef struct
{
  guint32         model_id;        /* SIG: 16 bits; vendor: CID << 16 | model */
  gboolean        vendor;
  GArray         *subscribe;       /* MeshCdbAddress */
  gboolean        has_publish;
  MeshCdbPublish  publish;
  GArray         *bind;            /* guint16 AppKey indexes */
} MeshCdbModel;

typedef struct
{
  char    *name;                   /* nullable */
  guint8   index;
  guint16  location;
  GArray  *models;                 /* MeshCdbModel */
} MeshCdbElement;

typedef struct
{
  guint16 address;
  guint32 period;                  /* seconds: 0 or a power of 2 up to 65536 */
  guint8  ttl;
  guint16 index;                   /* NetKey index */
  guint   features;                /* MeshCdbHeartbeatFeatures */
} MeshCdbHeartbeatPub;

typedef struct
{
  guint16 source;
  guint16 destination;
} MeshCdbHeartbeatSub;

typedef struct
{
  guint8               uuid[MESH_CDB_UUID_SIZE];
  guint16              unicast;
  guint                present;    /* MeshCdbNodeFlags */
  guint8               device_key[MESH_CDB_KEY_SIZE];
  MeshCdbSecurity      security;
  GArray              *net_keys;   /* MeshCdbNodeKey */
  GArray              *app_keys;   /* MeshCdbNodeKey */
  gboolean             config_complete;
  char                *name;       /* nullable */
  guint16              cid;
  guint16              pid;
  guint16              vid;
  guint16              crpl;
  MeshCdbFeatureState  relay;
  MeshCdbFeatureState  proxy;
  MeshCdbFeatureState  friend_;
  MeshCdbFeatureState  low_power;
  gboolean             secure_network_beacon;
  guint8               default_ttl;
  MeshCdbTransmit      network_transmit;
  MeshCdbTransmit      relay_retransmit;
  GArray              *elements;   /* MeshCdbElement */
  gboolean             excluded;
  MeshCdbHeartbeatPub  heartbeat_pub;
  /* nRF Mesh and BlueZ write "heartbeatSub" as one object, other tools as
   * an array of one: both are read, and written back the way they came. */
  MeshCdbHeartbeatSub  heartbeat_sub;
  gboolean             heartbeat_sub_is_array;
} MeshCdbNode;

typedef struct
{
  char           *name;
  MeshCdbAddress  address;
  MeshCdbAddress  parent;          /* value 0, not virtual: no parent */
} MeshCdbGroup;

typedef struct
{
  char    *name;
  guint16  number;
  GArray  *addresses;              /* guint16 element addresses */
} MeshCdbScene;

typedef struct
{
  guint32  iv_index;
  GArray  *addresses;              /* guint16 */
} MeshCdbExclusion;

typedef struct
{
  guint8    mesh_uuid[MESH_CDB_UUID_SIZE];
  char     *mesh_name;
  char     *timestamp;             /* ISO 8601, kept as written */
  gboolean  partial;
  GArray   *net_keys;              /* MeshCdbNetKey */
  GArray   *app_keys;              /* MeshCdbAppKey */
  GArray   *provisioners;          /* MeshCdbProvisioner */
  GArray   *nodes;                 /* MeshCdbNode */
  GArray   *groups;                /* MeshCdbGroup */
  GArray   *scenes;                /* MeshCdbScene */
  GArray   *exclusions;            /* MeshCdbExclusion */
} MeshCdbDocument;

#define MESH_TYPE_CDB_DOCUMENT (mesh_cdb_document_get_type ())

GType               mesh_cdb_document_get_type          (void) G_GNUC_CONST;
MeshCdbDocument    *mesh_cdb_document_new               (void);
MeshCdbDocument    *mesh_cdb_document_ref               (MeshCdbDocument       *self);
void                mesh_cdb_document_unref             (MeshCdbDocument       *self);

/* Adding a struct to one of the arrays: each returns the new, zeroed entry
 * with its own arrays created, to be filled in. */
MeshCdbNetKey      *mesh_cdb_document_add_net_key       (MeshCdbDocument       *self);
MeshCdbAppKey      *mesh_cdb_document_add_app_key       (MeshCdbDocument       *self);
MeshCdbProvisioner *mesh_cdb_document_add_provisioner   (MeshCdbDocument       *self);
MeshCdbNode        *mesh_cdb_document_add_node          (MeshCdbDocument       *self);
MeshCdbElement     *mesh_cdb_node_add_element           (MeshCdbNode           *node);
MeshCdbModel       *mesh_cdb_element_add_model          (MeshCdbElement        *element);
MeshCdbGroup       *mesh_cdb_document_add_group         (MeshCdbDocument       *self);
MeshCdbScene       *mesh_cdb_document_add_scene         (MeshCdbDocument       *self);
MeshCdbExclusion   *mesh_cdb_document_add_exclusion     (MeshCdbDocument       *self);

MeshCdbNetKey      *mesh_cdb_document_find_net_key      (MeshCdbDocument       *self,
                                                         guint16                index);
MeshCdbAppKey      *mesh_cdb_document_find_app_key      (MeshCdbDocument       *self,
                                                         guint16                index);
MeshCdbNode        *mesh_cdb_document_find_node         (MeshCdbDocument       *self,
                                                         const guint8          *uuid);
MeshCdbNode        *mesh_cdb_document_find_node_by_unicast (MeshCdbDocument    *self,
                                                         guint16                address);
MeshCdbProvisioner *mesh_cdb_document_find_provisioner  (MeshCdbDocument       *self,
                                                         const guint8          *uuid);
MeshCdbGroup       *mesh_cdb_document_find_group        (MeshCdbDocument       *self,
                                                         const MeshCdbAddress  *address);

gboolean            mesh_cdb_document_validate          (MeshCdbDocument       *self,
                                                         GError               **error);

/* The number of unicast addresses a node occupies (at least one). */
guint               mesh_cdb_node_get_address_count     (const MeshCdbNode     *node);
void                mesh_cdb_node_set_features          (MeshCdbNode           *node,
                                                         MeshCdbFeatureState    relay,
                                                         MeshCdbFeatureState    proxy,
                                                         MeshCdbFeatureState    friend_,
                                                         MeshCdbFeatureState    low_power);

gboolean            mesh_cdb_address_equal              (const MeshCdbAddress  *a,
                                                         const MeshCdbAddress  *b);
gboolean            mesh_cdb_address_is_unassigned      (const MeshCdbAddress  *address);
void                mesh_cdb_address_set                (MeshCdbAddress        *address,
                                                         guint16                value);
void                mesh_cdb_address_set_label          (MeshCdbAddress        *address,
                                                         const guint8          *label);

/* UUIDs: parsing accepts 32 hex digits with or without the dashes of the
 * 8-4-4-4-12 form; formatting writes the dashed form in upper case, as CDB
 * 1.0.1 does. */
gboolean            mesh_cdb_uuid_parse                 (const char            *text,
                                                         guint8                *uuid);
void                mesh_cdb_uuid_format                (const guint8          *uuid,
                                                         char                  *text);
gboolean            mesh_cdb_hex_parse                  (const char            *text,
                                                         guint8                *bytes,
                                                         gsize                  n_bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshCdbDocument, mesh_cdb_document_unref)

G_END_DECLS
