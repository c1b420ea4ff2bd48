/* mesh-cdb-reader-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mesh-cdb-private.h"
#include "mesh-cdb-reader.h"

G_BEGIN_DECLS

/*
 * What the files of the reader share:
 *
 *   mesh-cdb-reader.c         the JSON text, the top level and its lists,
 *                             the public API
 *   mesh-cdb-reader-values.c  members: strings, numbers, hex, UUIDs, items
 *   mesh-cdb-reader-nodes.c   a node, with its elements and models
 *
 * Every reading function takes "where", the object being read, and builds
 * its error sentence from its description in lower case ("node “Kitchen”"),
 * the member name and what is wrong (see mesh-cdb-private.h).
 */

typedef struct
{
  MeshCdbDocument *doc;
  MeshCdbProgress *progress;
  GCancellable    *cancellable;
  guint            n_nodes;      /* in the file, for progress */
  guint            nodes_read;
} Reader;

/* Where an error is: a description of the object being read, built only
 * when an error is reported (reading a big file builds none), from a chain
 * of these up to the file. Formats are untranslated (N_) until then. */
typedef enum
{
  ARGS_NONE,          /* "the file" */
  ARGS_TEXT,          /* "node “%s”" */
  ARGS_NUMBER,        /* "node number %u in the file" */
  ARGS_PARENT,        /* "the features of %s" */
  ARGS_TEXT_PARENT,   /* "model %s of %s" */
  ARGS_NUMBER_PARENT, /* "element %u of %s" */
} WhereArgs;

typedef struct _Where Where;

struct _Where
{
  const Where *parent;
  const char  *format;
  WhereArgs    args;
  const char  *text;
  guint        number;
};

extern const Where mesh_cdb_file_where;

/* mesh-cdb-reader-values.c */
const char *mesh_cdb_where (const Where *where);

gboolean mesh_cdb_node_is_string (JsonNode *node);

Where mesh_cdb_entry_where (JsonObject *object,
                            const char *name_member,
                            const char *named_format,
                            const char *numbered_format,
                            guint       position);

JsonNode *mesh_cdb_lookup_member (JsonObject *object,
                                  const char *member,
                                  gboolean    required);

gboolean mesh_cdb_wrong_type (const Where *where,
                              const char  *member,
                              const char  *expected,
                              GError     **error);

gboolean mesh_cdb_node_get_integer (JsonNode *node,
                                    gint64   *value);

gboolean mesh_cdb_get_string (JsonObject  *object,
                              const char  *member,
                              gboolean     required,
                              const Where *where,
                              const char **out,
                              GError     **error);

gboolean mesh_cdb_get_int (JsonObject  *object,
                           const char  *member,
                           gboolean     required,
                           gint64       min,
                           gint64       max,
                           const Where *where,
                           gint64      *out,
                           gboolean    *found,
                           GError     **error);

gboolean mesh_cdb_get_bool (JsonObject  *object,
                            const char  *member,
                            gboolean     required,
                            const Where *where,
                            gboolean    *out,
                            gboolean    *found,
                            GError     **error);

gboolean mesh_cdb_get_array (JsonObject  *object,
                             const char  *member,
                             gboolean     required,
                             const Where *where,
                             JsonArray  **out,
                             GError     **error);

gboolean mesh_cdb_get_object (JsonObject  *object,
                              const char  *member,
                              gboolean     required,
                              const Where *where,
                              JsonObject **out,
                              GError     **error);

gboolean mesh_cdb_get_hex16 (JsonObject  *object,
                             const char  *member,
                             gboolean     required,
                             const Where *where,
                             guint16     *out,
                             gboolean    *found,
                             GError     **error);

gboolean mesh_cdb_get_key (JsonObject  *object,
                           const char  *member,
                           gboolean     required,
                           const Where *where,
                           guint8      *out,
                           gboolean    *found,
                           GError     **error);

gboolean mesh_cdb_get_uuid (JsonObject  *object,
                            const char  *member,
                            const Where *where,
                            guint8      *out,
                            GError     **error);

gboolean mesh_cdb_parse_address (const char     *text,
                                 MeshCdbAddress *out);

gboolean mesh_cdb_get_address (JsonObject     *object,
                               const char     *member,
                               const Where    *where,
                               MeshCdbAddress *out,
                               GError        **error);

gboolean mesh_cdb_get_timestamp (JsonObject  *object,
                                 const char  *member,
                                 const Where *where,
                                 char       **out,
                                 GError     **error);

gboolean mesh_cdb_item_wrong_type (const Where *where,
                                   const char  *member,
                                   guint        position,
                                   const char  *expected,
                                   GError     **error);

JsonObject *mesh_cdb_item_object (JsonArray   *array,
                                  guint        i,
                                  const char  *member,
                                  const Where *where,
                                  GError     **error);

gboolean mesh_cdb_read_hex16_array (JsonObject  *object,
                                    const char  *member,
                                    const Where *where,
                                    GArray      *out,
                                    GError     **error);

gboolean mesh_cdb_read_security (JsonObject      *object,
                                 const char      *member,
                                 const Where     *where,
                                 MeshCdbSecurity *out,
                                 GError         **error);

/* mesh-cdb-reader-nodes.c */
gboolean mesh_cdb_read_node (Reader      *reader,
                             JsonObject  *object,
                             guint        position,
                             GError     **error);

G_END_DECLS
