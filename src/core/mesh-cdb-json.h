/* mesh-cdb-json.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * The JSON tree the CDB reader walks: values in a few large blocks, freed
 * at once, instead of json-glib's objects, hash tables and lists. A CDB of
 * 32,767 nodes is two million values.
 *
 * mesh_cdb_json_parse() reads plain RFC 8259 JSON only, and gives exactly
 * the tree json-glib 1.6 builds from it (the last of duplicate members
 * wins; integers are integers, numbers with a fraction or exponent are
 * doubles). For anything else — a syntax error, and the extensions
 * json-glib accepts (comments, single quotes, hex and octal numbers, raw
 * control characters in strings…) — it returns NULL: the reader then
 * parses with json-glib, for its error message or its tree, which
 * mesh_cdb_json_new_from_node() converts.
 *
 * Shared by the mesh-cdb-*.c files only.
 */

typedef enum
{
  MESH_CDB_JSON_NULL,
  MESH_CDB_JSON_BOOLEAN,
  MESH_CDB_JSON_INTEGER,
  MESH_CDB_JSON_DOUBLE,
  MESH_CDB_JSON_STRING,
  MESH_CDB_JSON_ARRAY,
  MESH_CDB_JSON_OBJECT,
} MeshCdbJsonType;

typedef struct _MeshCdbJson       MeshCdbJson;
typedef struct _MeshCdbJsonValue  MeshCdbJsonValue;
typedef struct _MeshCdbJsonMember MeshCdbJsonMember;

struct _MeshCdbJsonValue
{
  guint8   type;     /* MeshCdbJsonType */
  guint8   utf8;     /* a string: whether it is valid UTF-8 */
  guint32  length;   /* bytes of a string, items of an array, members of an object */
  union
  {
    gboolean                 boolean;
    gint64                   integer;
    double                   number;
    const char              *string;   /* NUL-terminated */
    const MeshCdbJsonValue  *items;
    const MeshCdbJsonMember *members;
  } v;
};

struct _MeshCdbJsonMember
{
  const char       *name;
  gsize             name_length;
  MeshCdbJsonValue  value;
};

MeshCdbJson            *mesh_cdb_json_parse             (const char              *data,
                                                         gsize                    length);
MeshCdbJson            *mesh_cdb_json_new_from_node     (JsonNode                *node);
void                    mesh_cdb_json_free              (MeshCdbJson             *json);

const MeshCdbJsonValue *mesh_cdb_json_get_root          (MeshCdbJson             *json);
/* The member called @name, the last one if there are several, or NULL. */
const MeshCdbJsonValue *mesh_cdb_json_object_get_member (const MeshCdbJsonValue  *object,
                                                         const char              *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeshCdbJson, mesh_cdb_json_free)

G_END_DECLS
