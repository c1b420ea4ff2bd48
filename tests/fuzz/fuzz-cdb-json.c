/* fuzz-cdb-json.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The CDB reader's own JSON parser against json-glib: whatever text it
 * accepts, json-glib must accept too and build the same tree from (the
 * reader relies on that to give the same documents and the same error
 * sentences whichever parser read the file). Text it refuses goes to
 * json-glib in the reader, so there is nothing to compare. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mesh-cdb-json.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static gboolean
values_equal (const MeshCdbJsonValue *ours,
              const MeshCdbJsonValue *theirs)
{
  if (ours->type != theirs->type)
    return FALSE;

  switch (ours->type)
    {
    case MESH_CDB_JSON_NULL:
      return TRUE;
    case MESH_CDB_JSON_BOOLEAN:
      return !ours->v.boolean == !theirs->v.boolean;
    case MESH_CDB_JSON_INTEGER:
      return ours->v.integer == theirs->v.integer;
    case MESH_CDB_JSON_DOUBLE:
      /* Bit for bit: -0.0 is not 0.0 here. */
      return memcmp (&ours->v.number, &theirs->v.number, sizeof (double)) == 0;
    case MESH_CDB_JSON_STRING:
      return ours->length == theirs->length && ours->utf8 == theirs->utf8 &&
             memcmp (ours->v.string, theirs->v.string, ours->length + 1) == 0;
    case MESH_CDB_JSON_ARRAY:
      if (ours->length != theirs->length)
        return FALSE;
      for (guint i = 0; i < ours->length; i++)
        if (!values_equal (&ours->v.items[i], &theirs->v.items[i]))
          return FALSE;
      return TRUE;
    case MESH_CDB_JSON_OBJECT:
      {
        guint distinct = 0;

        /* json-glib keeps one member per name, the last value given. */
        for (guint i = 0; i < ours->length; i++)
          {
            const char *name = ours->v.members[i].name;

            if (mesh_cdb_json_object_get_member (ours, name) == &ours->v.members[i].value)
              distinct++;
            if (strlen (name) != ours->v.members[i].name_length)
              return FALSE;
          }
        if (distinct != theirs->length)
          return FALSE;
        for (guint i = 0; i < theirs->length; i++)
          {
            const MeshCdbJsonValue *mine = mesh_cdb_json_object_get_member (ours, theirs->v.members[i].name);

            if (mine == NULL || !values_equal (mine, &theirs->v.members[i].value))
              return FALSE;
          }
        return TRUE;
      }
    default:
      return FALSE;
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(MeshCdbJson) ours = NULL;
  g_autoptr(MeshCdbJson) theirs = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  gsize start = 0;

  /* As the reader calls it: a container (json-glib 1.6 leaks what follows
   * a scalar at the top). */
  while (start < size && strchr (" \t\r\n", data[start]) != NULL && data[start] != '\0')
    start++;
  if (start == size || (data[start] != '{' && data[start] != '['))
    return 0;

  ours = mesh_cdb_json_parse ((const char *) data, size);
  if (ours == NULL)
    return 0;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, (const char *) data, size, &error))
    {
      g_printerr ("json-glib refuses what the reader's parser accepts: %s\n", error->message);
      abort ();
    }

  theirs = mesh_cdb_json_new_from_node (json_parser_get_root (parser));
  if (!values_equal (mesh_cdb_json_get_root (ours), mesh_cdb_json_get_root (theirs)))
    {
      g_printerr ("json-glib reads another tree from the text\n");
      abort ();
    }

  return 0;
}
