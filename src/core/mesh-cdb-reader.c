/* mesh-cdb-reader.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mesh-cdb-reader-private.h"
#include "mesh-error.h"

/*
 * Progress: parsing the JSON text is one json-glib call and takes about half
 * of the time; the rest is spent turning nodes into structs.
 */

#define PARSE_SHARE 0.5
#define NODES_SHARE 0.45
#define PROGRESS_EVERY 512  /* nodes between progress reports and cancellation checks */
#define BIG_FILE (1024 * 1024)  /* bytes: a tree to free in a thread of its own */

#define fail mesh_cdb_set_error

static gboolean
read_net_key (Reader      *reader,
              JsonObject  *object,
              guint        position,
              GError     **error)
{
  Where where_ = mesh_cdb_entry_where (object, "name", N_("NetKey “%s”"),
                              N_("NetKey number %u in the file"), position);
  const Where *where = &where_;
  MeshCdbNetKey *key = mesh_cdb_document_add_net_key (reader->doc);
  const char *name;
  gint64 value;

  if (!mesh_cdb_get_string (object, "name", TRUE, where, &name, error))
    return FALSE;
  g_free (key->name);
  key->name = g_strdup (name);

  if (!mesh_cdb_get_int (object, "index", TRUE, 0, MESH_CDB_MAX_KEY_INDEX, where, &value, NULL, error))
    return FALSE;
  key->index = value;

  if (!mesh_cdb_get_int (object, "phase", TRUE, 0, 2, where, &value, NULL, error))
    return FALSE;
  key->phase = value;

  g_clear_pointer (&key->timestamp, g_free);
  return mesh_cdb_get_key (object, "key", TRUE, where, key->key, NULL, error) &&
         mesh_cdb_get_key (object, "oldKey", FALSE, where, key->old_key, &key->has_old_key, error) &&
         mesh_cdb_read_security (object, "minSecurity", where, &key->min_security, error) &&
         mesh_cdb_get_timestamp (object, "timestamp", where, &key->timestamp, error);
}

static gboolean
read_app_key (Reader      *reader,
              JsonObject  *object,
              guint        position,
              GError     **error)
{
  Where where_ = mesh_cdb_entry_where (object, "name", N_("AppKey “%s”"),
                              N_("AppKey number %u in the file"), position);
  const Where *where = &where_;
  MeshCdbAppKey *key = mesh_cdb_document_add_app_key (reader->doc);
  const char *name;
  gint64 value;

  if (!mesh_cdb_get_string (object, "name", TRUE, where, &name, error))
    return FALSE;
  g_free (key->name);
  key->name = g_strdup (name);

  if (!mesh_cdb_get_int (object, "index", TRUE, 0, MESH_CDB_MAX_KEY_INDEX, where, &value, NULL, error))
    return FALSE;
  key->index = value;

  if (!mesh_cdb_get_int (object, "boundNetKey", TRUE, 0, MESH_CDB_MAX_KEY_INDEX, where, &value, NULL, error))
    return FALSE;
  key->bound_net_key = value;

  return mesh_cdb_get_key (object, "key", TRUE, where, key->key, NULL, error) &&
         mesh_cdb_get_key (object, "oldKey", FALSE, where, key->old_key, &key->has_old_key, error);
}

static gboolean
read_ranges (JsonObject  *object,
             const char  *member,
             gboolean     required,
             const char  *low_member,
             const char  *high_member,
             const Where *where,
             GArray      *out,
             GError     **error)
{
  /* Translators: "a range in “allocatedUnicastRange” of provisioner “Phone”" */
  Where range_where = { where, N_("a range in “%s” of %s"), ARGS_TEXT_PARENT, member, 0 };
  JsonArray *array;

  if (!mesh_cdb_get_array (object, member, required, where, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = mesh_cdb_item_object (array, i, member, where, error);
      MeshCdbRange range;

      if (item == NULL ||
          !mesh_cdb_get_hex16 (item, low_member, TRUE, &range_where, &range.low, NULL, error) ||
          !mesh_cdb_get_hex16 (item, high_member, TRUE, &range_where, &range.high, NULL, error))
        return FALSE;
      g_array_append_val (out, range);
    }
  return TRUE;
}

static gboolean
read_provisioner (Reader      *reader,
                  JsonObject  *object,
                  guint        position,
                  GError     **error)
{
  Where where_ = mesh_cdb_entry_where (object, "provisionerName", N_("provisioner “%s”"),
                              N_("provisioner number %u in the file"), position);
  const Where *where = &where_;
  MeshCdbProvisioner *provisioner = mesh_cdb_document_add_provisioner (reader->doc);
  const char *name;

  if (!mesh_cdb_get_string (object, "provisionerName", TRUE, where, &name, error))
    return FALSE;
  g_free (provisioner->name);
  provisioner->name = g_strdup (name);

  return mesh_cdb_get_uuid (object, "UUID", where, provisioner->uuid, error) &&
         read_ranges (object, "allocatedUnicastRange", TRUE, "lowAddress", "highAddress",
                      where, provisioner->unicast_ranges, error) &&
         read_ranges (object, "allocatedGroupRange", TRUE, "lowAddress", "highAddress",
                      where, provisioner->group_ranges, error) &&
         read_ranges (object, "allocatedSceneRange", FALSE, "firstScene", "lastScene",
                      where, provisioner->scene_ranges, error);
}

static gboolean
read_group (Reader      *reader,
            JsonObject  *object,
            guint        position,
            GError     **error)
{
  Where where_ = mesh_cdb_entry_where (object, "name", N_("group “%s”"),
                              N_("group number %u in the file"), position);
  const Where *where = &where_;
  MeshCdbGroup *group = mesh_cdb_document_add_group (reader->doc);
  const char *name;

  if (!mesh_cdb_get_string (object, "name", TRUE, where, &name, error))
    return FALSE;
  g_free (group->name);
  group->name = g_strdup (name);

  return mesh_cdb_get_address (object, "address", where, &group->address, error) &&
         mesh_cdb_get_address (object, "parentAddress", where, &group->parent, error);
}

static gboolean
read_scene (Reader      *reader,
            JsonObject  *object,
            guint        position,
            GError     **error)
{
  Where where_ = mesh_cdb_entry_where (object, "name", N_("scene “%s”"),
                              N_("scene number %u in the file"), position);
  const Where *where = &where_;
  MeshCdbScene *scene = mesh_cdb_document_add_scene (reader->doc);
  const char *name;

  if (!mesh_cdb_get_string (object, "name", TRUE, where, &name, error))
    return FALSE;
  g_free (scene->name);
  scene->name = g_strdup (name);

  return mesh_cdb_get_hex16 (object, "number", TRUE, where, &scene->number, NULL, error) &&
         mesh_cdb_read_hex16_array (object, "addresses", where, scene->addresses, error);
}

static gboolean
read_exclusion (Reader      *reader,
                JsonObject  *object,
                guint        position,
                GError     **error)
{
  Where where_ = { NULL, N_("exclusion list number %u in the file"), ARGS_NUMBER, NULL, position + 1 };
  const Where *where = &where_;
  MeshCdbExclusion *exclusion = mesh_cdb_document_add_exclusion (reader->doc);
  gint64 value;

  if (!mesh_cdb_get_int (object, "ivIndex", TRUE, 0, G_MAXUINT32, where, &value, NULL, error))
    return FALSE;
  exclusion->iv_index = value;

  return mesh_cdb_read_hex16_array (object, "addresses", where, exclusion->addresses, error);
}

/* Counts a node read, for progress; checks for cancellation now and then. */
static gboolean
node_read (Reader  *reader,
           GError **error)
{
  guint done = ++reader->nodes_read;

  if (done % PROGRESS_EVERY != 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
    return FALSE;
  if (reader->progress != NULL && reader->n_nodes > 0)
    mesh_cdb_progress_update (reader->progress,
                              PARSE_SHARE + NODES_SHARE * done / reader->n_nodes, NULL);
  return TRUE;
}

typedef gboolean (*ReadFunc) (Reader      *reader,
                              JsonObject  *object,
                              guint        position,
                              GError     **error);

static gboolean
read_list (Reader      *reader,
           JsonObject  *root,
           const char  *member,
           gboolean     required,
           ReadFunc     read_func,
           GError     **error)
{
  const Where *where = &mesh_cdb_file_where;
  gboolean nodes = g_str_equal (member, "nodes");
  JsonArray *array;
  guint length;

  if (!mesh_cdb_get_array (root, member, required, where, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  length = json_array_get_length (array);
  if (nodes)
    reader->n_nodes = length;

  for (guint i = 0; i < length; i++)
    {
      JsonObject *item = mesh_cdb_item_object (array, i, member, where, error);

      if (item == NULL || !read_func (reader, item, i, error))
        return FALSE;
      if (nodes && !node_read (reader, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_root (Reader      *reader,
           JsonObject  *root,
           GError     **error)
{
  const Where *where = &mesh_cdb_file_where;
  MeshCdbDocument *doc = reader->doc;
  const char *text;

  /* "$schema" and "id" name the schema; only their type is checked. A file
   * of a later major version may mean anything: refuse it. */
  if (!mesh_cdb_get_string (root, "$schema", FALSE, where, &text, error) ||
      !mesh_cdb_get_string (root, "id", FALSE, where, &text, error) ||
      !mesh_cdb_get_string (root, "version", FALSE, where, &text, error))
    return FALSE;
  if (text != NULL && !g_str_has_prefix (text, "1."))
    return fail (error, _("The file is in version %s of the Mesh Configuration Database format; this app reads version 1."),
                 text);

  if (!mesh_cdb_get_uuid (root, "meshUUID", where, doc->mesh_uuid, error) ||
      !mesh_cdb_get_string (root, "meshName", TRUE, where, &text, error))
    return FALSE;
  g_free (doc->mesh_name);
  doc->mesh_name = g_strdup (text);

  g_clear_pointer (&doc->timestamp, g_free);
  if (!mesh_cdb_get_timestamp (root, "timestamp", where, &doc->timestamp, error) ||
      !mesh_cdb_get_bool (root, "partial", FALSE, where, &doc->partial, NULL, error))
    return FALSE;

  return read_list (reader, root, "netKeys", TRUE, read_net_key, error) &&
         read_list (reader, root, "appKeys", TRUE, read_app_key, error) &&
         read_list (reader, root, "provisioners", TRUE, read_provisioner, error) &&
         read_list (reader, root, "nodes", TRUE, mesh_cdb_read_node, error) &&
         read_list (reader, root, "groups", FALSE, read_group, error) &&
         read_list (reader, root, "scenes", FALSE, read_scene, error) &&
         read_list (reader, root, "networkExclusions", FALSE, read_exclusion, error);
}

/* JSON syntax errors: json-glib says where in its message; the "error"
 * signal lets us read the position as numbers for our own sentence. */
typedef struct
{
  guint line;
  guint column;
} ErrorPosition;

static void
parser_error_cb (JsonParser *parser,
                 GError     *error,
                 gpointer    user_data)
{
  ErrorPosition *position = user_data;

  position->line = json_parser_get_current_line (parser);
  position->column = json_parser_get_current_pos (parser);
}

/* Where the JSON value at @start ends, by matching brackets outside
 * strings; @length if it does not. Exact for valid JSON; for text that is
 * not, json-glib reports the first error before that point anyway. */
static gsize
value_end (const char *data,
           gsize       length,
           gsize       start)
{
  guint depth = 0;

  for (gsize i = start; i < length; i++)
    {
      switch (data[i])
        {
        case '"':
          for (i++; i < length && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
          break;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (depth > 0 && --depth == 0)
            return i + 1;
          break;
        default:
          break;
        }
    }
  return length;
}

static gboolean
parse_json (JsonParser  *parser,
            const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  ErrorPosition position = { 0, 0 };
  const char *detail;
  gulong handler;
  gsize start, end;

  if (length > G_MAXSSIZE)
    return fail (error, _("The file is too big to be a mesh network."));

  /* A CDB is a JSON object. Checking that here also keeps json-glib 1.6
   * from parsing (and leaking) what follows a scalar top-level value. */
  start = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (start < length && g_ascii_isspace (data[start]))
    start++;
  if (start == length)
    return fail (error, _("The file is empty."));
  if (data[start] != '{')
    return fail (error, _("The file does not hold a mesh network: its JSON text is not an object."));

  /* json-glib 1.6 also goes on after the top-level value, and leaks what
   * it finds there: give it the object only, and refuse anything after. */
  end = value_end (data, length, start);
  for (gsize i = end; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      {
        guint line = 1;

        for (gsize j = 0; j < i; j++)
          line += data[j] == '\n';
        return fail (error, _("The file has more text after the mesh network, from line %u on."), line);
      }

  handler = g_signal_connect (parser, "error", G_CALLBACK (parser_error_cb), &position);
  json_parser_load_from_data (parser, data, end, &local_error);
  g_signal_handler_disconnect (parser, handler);

  if (local_error == NULL)
    {
      if (json_parser_get_root (parser) == NULL)
        return fail (error, _("The file is empty."));
      return TRUE;
    }

  if (position.line == 0)
    return fail (error, _("The file is not JSON text: %s."), local_error->message);

  /* json-glib's message repeats the position before "Parse error: ". */
  detail = strstr (local_error->message, "Parse error: ");
  detail = detail != NULL ? detail + strlen ("Parse error: ") : local_error->message;
  return fail (error, _("The file is not valid JSON: line %u, column %u: %s."),
               position.line, position.column, detail);
}

static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GFile *file = source_object;
  MeshCdbProgress *progress = task_data;
  MeshCdbDocument *doc;
  GError *error = NULL;

  doc = mesh_cdb_reader_read_file (file, progress, cancellable, &error);
  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, (GDestroyNotify) mesh_cdb_document_unref);
}

/* Clears @bytes once parsed: the tree holds copies of the strings, and
 * the text of a big file need not stay while the walk builds the
 * document. */
static gboolean
read_json (GBytes  **bytes,
           Reader   *reader,
           GError  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data;
  JsonNode *root;
  gboolean valid;
  gsize length;

  data = g_bytes_get_data (*bytes, &length);
  valid = parse_json (parser, data, length, error);
  g_clear_pointer (bytes, g_bytes_unref);
  if (!valid)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
    return FALSE;

  if (reader->progress != NULL)
    mesh_cdb_progress_update (reader->progress, PARSE_SHARE, _("Checking the network…"));

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, _("The file does not hold a mesh network: its JSON text is not an object."));

  valid = read_root (reader, json_node_get_object (root), error);
  mesh_cdb_free_in_thread (g_steal_pointer (&parser), g_object_unref, length >= BIG_FILE);
  return valid;
}

/* Takes @bytes. */
static MeshCdbDocument *
read_document (GBytes           *bytes,
               MeshCdbProgress  *progress,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(MeshCdbDocument) doc = mesh_cdb_document_new ();
  Reader reader = { doc, progress, cancellable, 0, 0 };

  if (progress != NULL)
    mesh_cdb_progress_update (progress, 0.0, _("Reading the file…"));

  if (!read_json (&bytes, &reader, error) ||
      !mesh_cdb_document_validate (doc, error))
    return NULL;

  if (progress != NULL)
    mesh_cdb_progress_update (progress, 1.0, NULL);
  return g_steal_pointer (&doc);
}

/**
 * mesh_cdb_reader_read_bytes:
 * @bytes: the JSON text of a CDB file
 * @progress: (nullable): where to report progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Parses and validates @bytes. May run in any thread.
 *
 * Returns: (transfer full): the document, or %NULL with @error set:
 *   %MESH_ERROR_INVALID_DATA with a sentence for the user, or
 *   %G_IO_ERROR_CANCELLED
 */
MeshCdbDocument *
mesh_cdb_reader_read_bytes (GBytes           *bytes,
                            MeshCdbProgress  *progress,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (progress == NULL || MESH_IS_CDB_PROGRESS (progress), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_document (g_bytes_ref (bytes), progress, cancellable, error);
}

/**
 * mesh_cdb_reader_read_file:
 * @file: a CDB file
 * @progress: (nullable): where to report progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Loads, parses and validates @file. Blocks: call it from a worker thread,
 * or use mesh_cdb_reader_read_file_async().
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
MeshCdbDocument *
mesh_cdb_reader_read_file (GFile            *file,
                           MeshCdbProgress  *progress,
                           GCancellable     *cancellable,
                           GError          **error)
{
  GBytes *bytes;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (progress == NULL || MESH_IS_CDB_PROGRESS (progress), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;

  /* The only reference: the text goes as soon as it is parsed. */
  return read_document (bytes, progress, cancellable, error);
}

void
mesh_cdb_reader_read_file_async (GFile               *file,
                                 MeshCdbProgress     *progress,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (progress == NULL || MESH_IS_CDB_PROGRESS (progress));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, mesh_cdb_reader_read_file_async);
  if (progress != NULL)
    g_task_set_task_data (task, g_object_ref (progress), g_object_unref);
  g_task_run_in_thread (task, read_file_thread);
}

/**
 * mesh_cdb_reader_read_file_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
MeshCdbDocument *
mesh_cdb_reader_read_file_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mesh_cdb_reader_read_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
