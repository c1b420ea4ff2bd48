/* mesh-cdb-reader.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "mesh-cdb-private.h"
#include "mesh-cdb-reader.h"
#include "mesh-error.h"

/*
 * Every reading function takes "where", the object being read, and builds
 * its error sentence from its description in lower case ("node “Kitchen”"),
 * the member name and what is wrong (see mesh-cdb-private.h).
 *
 * Progress: parsing the JSON text is one json-glib call and takes about half
 * of the time; the rest is spent turning nodes into structs.
 */

#define PARSE_SHARE 0.5
#define NODES_SHARE 0.45
#define PROGRESS_EVERY 512  /* nodes between progress reports and cancellation checks */
#define BIG_FILE (1024 * 1024)  /* bytes: a tree to free in a thread of its own */

#define fail mesh_cdb_set_error

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

static const Where file_where = { NULL, N_("the file"), ARGS_NONE, NULL, 0 };

static char *
describe (const Where *where)
{
  g_autofree char *parent = where->parent != NULL ? describe (where->parent) : NULL;
  const char *format = _(where->format);

  switch (where->args)
    {
    case ARGS_TEXT:
      return g_strdup_printf (format, where->text);
    case ARGS_NUMBER:
      return g_strdup_printf (format, where->number);
    case ARGS_PARENT:
      return g_strdup_printf (format, parent);
    case ARGS_TEXT_PARENT:
      return g_strdup_printf (format, where->text, parent);
    case ARGS_NUMBER_PARENT:
      return g_strdup_printf (format, where->number, parent);
    case ARGS_NONE:
    default:
      return g_strdup (format);
    }
}

/* The description of @where for one error message. Kept per thread until
 * the next error, since an error is the end of a reading. */
static const char *
WHERE (const Where *where)
{
  static GPrivate last = G_PRIVATE_INIT (g_free);
  char *text = describe (where);

  g_private_replace (&last, text);
  return text;
}

/* json-glib checks that the text is UTF-8, but its escapes (octal ones
 * such as "\364", lone surrogates) can still make a string that is not: such
 * a string counts as a value of the wrong type, so broken text never
 * reaches the database or a message. */
static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         g_utf8_validate (json_node_get_string (node), -1, NULL);
}

/* An entry of a top-level list: by its name if it has one, else by its
 * position (from 1). */
static Where
entry_where (JsonObject *object,
             const char *name_member,
             const char *named_format,
             const char *numbered_format,
             guint       position)
{
  JsonNode *name = json_object_get_member (object, name_member);

  if (name != NULL && node_is_string (name) && json_node_get_string (name)[0] != '\0')
    return (Where) { NULL, named_format, ARGS_TEXT, json_node_get_string (name), 0 };
  return (Where) { NULL, numbered_format, ARGS_NUMBER, NULL, position + 1 };
}

/* Member access */

static JsonNode *
lookup (JsonObject *object,
        const char *member,
        gboolean    required)
{
  JsonNode *node = json_object_get_member (object, member);

  /* An optional member set to null counts as absent. */
  if (node != NULL && !required && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
missing (const Where *where,
         const char  *member,
         GError     **error)
{
  return fail (error, _("%s has no “%s” member."), WHERE (where), member);
}

static gboolean
wrong_type (const Where *where,
            const char  *member,
            const char  *expected,
            GError     **error)
{
  /* Translators: the last %s is "a string", "a whole number", "an array"… */
  return fail (error, _("The “%s” member of %s is not %s."), member, WHERE (where), expected);
}

static gboolean
node_get_integer (JsonNode *node,
                  gint64   *value)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      /* 5.0 is still a whole number; 1e400 or 5.5 are not. */
      double d = json_node_get_double (node);

      if (!isfinite (d) || d != floor (d) || fabs (d) > 9007199254740992.0)
        return FALSE;
      *value = (gint64) d;
      return TRUE;
    }
  return FALSE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *member,
            gboolean     required,
            const Where *where,
            const char **out,
            GError     **error)
{
  JsonNode *node = lookup (object, member, required);

  *out = NULL;
  if (node == NULL)
    return !required || missing (where, member, error);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (where, member, _("a string"), error);
  if (!node_is_string (node))
    return fail (error, _("The “%s” member of %s is not valid UTF-8 text."), member, WHERE (where));
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
check_range (gint64       value,
             gint64       min,
             gint64       max,
             const Where *where,
             const char  *member,
             GError     **error)
{
  g_autofree char *value_text = NULL;
  g_autofree char *min_text = NULL;
  g_autofree char *max_text = NULL;

  if (value >= min && value <= max)
    return TRUE;

  value_text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  min_text = g_strdup_printf ("%" G_GINT64_FORMAT, min);
  max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);
  return fail (error, _("The “%s” member of %s is %s; it must be from %s to %s."),
               member, WHERE (where), value_text, min_text, max_text);
}

static gboolean
get_int (JsonObject  *object,
         const char  *member,
         gboolean     required,
         gint64       min,
         gint64       max,
         const Where *where,
         gint64      *out,
         gboolean    *found,
         GError     **error)
{
  JsonNode *node = lookup (object, member, required);

  if (found != NULL)
    *found = node != NULL;
  *out = 0;
  if (node == NULL)
    return !required || missing (where, member, error);
  if (!node_get_integer (node, out))
    return wrong_type (where, member, _("a whole number"), error);
  return check_range (*out, min, max, where, member, error);
}

static gboolean
get_bool (JsonObject  *object,
          const char  *member,
          gboolean     required,
          const Where *where,
          gboolean    *out,
          gboolean    *found,
          GError     **error)
{
  JsonNode *node = lookup (object, member, required);

  if (found != NULL)
    *found = node != NULL;
  *out = FALSE;
  if (node == NULL)
    return !required || missing (where, member, error);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (where, member, _("true or false"), error);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_container (JsonObject    *object,
               const char    *member,
               gboolean       required,
               const Where   *where,
               JsonNodeType   type,
               JsonNode     **out,
               GError       **error)
{
  JsonNode *node = lookup (object, member, required);

  *out = NULL;
  if (node == NULL)
    return !required || missing (where, member, error);
  if (JSON_NODE_TYPE (node) != type)
    return wrong_type (where, member, type == JSON_NODE_ARRAY ? _("an array") : _("an object"), error);
  *out = node;
  return TRUE;
}

static gboolean
get_array (JsonObject  *object,
           const char  *member,
           gboolean     required,
           const Where *where,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!get_container (object, member, required, where, JSON_NODE_ARRAY, &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_object (JsonObject  *object,
            const char  *member,
            gboolean     required,
            const Where *where,
            JsonObject **out,
            GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!get_container (object, member, required, where, JSON_NODE_OBJECT, &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_object (node);
  return TRUE;
}

/* Hex formats */

static gboolean
parse_hex16 (const char *text,
             guint16    *out)
{
  guint8 bytes[2];

  if (!mesh_cdb_hex_parse (text, bytes, 2))
    return FALSE;
  *out = (guint16) (bytes[0] << 8 | bytes[1]);
  return TRUE;
}

static gboolean
get_hex16 (JsonObject  *object,
           const char  *member,
           gboolean     required,
           const Where *where,
           guint16     *out,
           gboolean    *found,
           GError     **error)
{
  const char *text;

  if (found != NULL)
    *found = FALSE;
  *out = 0;
  if (!get_string (object, member, required, where, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!parse_hex16 (text, out))
    return fail (error, _("The “%s” member of %s is “%s”, which is not 4 hex digits."),
                 member, WHERE (where), text);
  if (found != NULL)
    *found = TRUE;
  return TRUE;
}

static gboolean
get_key (JsonObject  *object,
         const char  *member,
         gboolean     required,
         const Where *where,
         guint8      *out,
         gboolean    *found,
         GError     **error)
{
  const char *text;

  if (found != NULL)
    *found = FALSE;
  if (!get_string (object, member, required, where, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!mesh_cdb_hex_parse (text, out, MESH_CDB_KEY_SIZE))
    return fail (error, _("The “%s” member of %s is “%s”, which is not a key of 32 hex digits."),
                 member, WHERE (where), text);
  if (found != NULL)
    *found = TRUE;
  return TRUE;
}

static gboolean
get_uuid (JsonObject  *object,
          const char  *member,
          const Where *where,
          guint8      *out,
          GError     **error)
{
  const char *text;

  if (!get_string (object, member, TRUE, where, &text, error))
    return FALSE;
  if (!mesh_cdb_uuid_parse (text, out))
    return fail (error, _("The “%s” member of %s is “%s”, which is not a UUID (32 hex digits, with or without dashes)."),
                 member, WHERE (where), text);
  return TRUE;
}

static gboolean
parse_address (const char     *text,
               MeshCdbAddress *out)
{
  guint8 label[MESH_CDB_UUID_SIZE];
  guint16 value;

  if (parse_hex16 (text, &value))
    {
      mesh_cdb_address_set (out, value);
      return TRUE;
    }
  if (mesh_cdb_hex_parse (text, label, MESH_CDB_UUID_SIZE))
    {
      mesh_cdb_address_set_label (out, label);
      return TRUE;
    }
  return FALSE;
}

static gboolean
get_address (JsonObject     *object,
             const char     *member,
             const Where    *where,
             MeshCdbAddress *out,
             GError        **error)
{
  const char *text;

  if (!get_string (object, member, TRUE, where, &text, error))
    return FALSE;
  if (!parse_address (text, out))
    return fail (error, _("The “%s” member of %s is “%s”, which is neither an address of 4 hex digits nor a virtual label of 32 hex digits."),
                 member, WHERE (where), text);
  return TRUE;
}

static gboolean
get_timestamp (JsonObject  *object,
               const char  *member,
               const Where *where,
               char       **out,
               GError     **error)
{
  g_autoptr(GDateTime) parsed = NULL;
  const char *text;

  if (!get_string (object, member, TRUE, where, &text, error))
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    return fail (error, _("The “%s” member of %s is “%s”, which is not a date and time such as 2026-01-31T12:00:00Z."),
                 member, WHERE (where), text);
  *out = g_strdup (text);
  return TRUE;
}

/* Array items */

static gboolean
item_wrong_type (const Where *where,
                 const char  *member,
                 guint        position,
                 const char  *expected,
                 GError     **error)
{
  /* Translators: "Item 3 of the “netKeys” array of the file is not an object." */
  return fail (error, _("Item %u of the “%s” array of %s is not %s."),
               position + 1, member, WHERE (where), expected);
}

static JsonObject *
item_object (JsonArray   *array,
             guint        i,
             const char  *member,
             const Where *where,
             GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      item_wrong_type (where, member, i, _("an object"), error);
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_hex16_array (JsonObject  *object,
                  const char  *member,
                  const Where *where,
                  GArray      *out,
                  GError     **error)
{
  JsonArray *array;

  if (!get_array (object, member, TRUE, where, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      guint16 value;

      if (!node_is_string (node))
        return item_wrong_type (where, member, i, _("a string"), error);
      if (!parse_hex16 (json_node_get_string (node), &value))
        return fail (error, _("Item %u of the “%s” array of %s is “%s”, which is not 4 hex digits."),
                     i + 1, member, WHERE (where), json_node_get_string (node));
      g_array_append_val (out, value);
    }
  return TRUE;
}

/* One function per CDB object */

static gboolean
read_security (JsonObject      *object,
               const char      *member,
               const Where     *where,
               MeshCdbSecurity *out,
               GError         **error)
{
  const char *text;

  if (!get_string (object, member, TRUE, where, &text, error))
    return FALSE;
  if (g_str_equal (text, "secure"))
    *out = MESH_CDB_SECURITY_SECURE;
  else if (g_str_equal (text, "insecure"))
    *out = MESH_CDB_SECURITY_INSECURE;
  else
    return fail (error, _("The “%s” member of %s is “%s”; it must be “secure” or “insecure”."),
                 member, WHERE (where), text);
  return TRUE;
}

static gboolean
read_net_key (Reader      *reader,
              JsonObject  *object,
              guint        position,
              GError     **error)
{
  Where where_ = entry_where (object, "name", N_("NetKey “%s”"),
                              N_("NetKey number %u in the file"), position);
  const Where *where = &where_;
  MeshCdbNetKey *key = mesh_cdb_document_add_net_key (reader->doc);
  const char *name;
  gint64 value;

  if (!get_string (object, "name", TRUE, where, &name, error))
    return FALSE;
  g_free (key->name);
  key->name = g_strdup (name);

  if (!get_int (object, "index", TRUE, 0, MESH_CDB_MAX_KEY_INDEX, where, &value, NULL, error))
    return FALSE;
  key->index = value;

  if (!get_int (object, "phase", TRUE, 0, 2, where, &value, NULL, error))
    return FALSE;
  key->phase = value;

  g_clear_pointer (&key->timestamp, g_free);
  return get_key (object, "key", TRUE, where, key->key, NULL, error) &&
         get_key (object, "oldKey", FALSE, where, key->old_key, &key->has_old_key, error) &&
         read_security (object, "minSecurity", where, &key->min_security, error) &&
         get_timestamp (object, "timestamp", where, &key->timestamp, error);
}

static gboolean
read_app_key (Reader      *reader,
              JsonObject  *object,
              guint        position,
              GError     **error)
{
  Where where_ = entry_where (object, "name", N_("AppKey “%s”"),
                              N_("AppKey number %u in the file"), position);
  const Where *where = &where_;
  MeshCdbAppKey *key = mesh_cdb_document_add_app_key (reader->doc);
  const char *name;
  gint64 value;

  if (!get_string (object, "name", TRUE, where, &name, error))
    return FALSE;
  g_free (key->name);
  key->name = g_strdup (name);

  if (!get_int (object, "index", TRUE, 0, MESH_CDB_MAX_KEY_INDEX, where, &value, NULL, error))
    return FALSE;
  key->index = value;

  if (!get_int (object, "boundNetKey", TRUE, 0, MESH_CDB_MAX_KEY_INDEX, where, &value, NULL, error))
    return FALSE;
  key->bound_net_key = value;

  return get_key (object, "key", TRUE, where, key->key, NULL, error) &&
         get_key (object, "oldKey", FALSE, where, key->old_key, &key->has_old_key, error);
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

  if (!get_array (object, member, required, where, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = item_object (array, i, member, where, error);
      MeshCdbRange range;

      if (item == NULL ||
          !get_hex16 (item, low_member, TRUE, &range_where, &range.low, NULL, error) ||
          !get_hex16 (item, high_member, TRUE, &range_where, &range.high, NULL, error))
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
  Where where_ = entry_where (object, "provisionerName", N_("provisioner “%s”"),
                              N_("provisioner number %u in the file"), position);
  const Where *where = &where_;
  MeshCdbProvisioner *provisioner = mesh_cdb_document_add_provisioner (reader->doc);
  const char *name;

  if (!get_string (object, "provisionerName", TRUE, where, &name, error))
    return FALSE;
  g_free (provisioner->name);
  provisioner->name = g_strdup (name);

  return get_uuid (object, "UUID", where, provisioner->uuid, error) &&
         read_ranges (object, "allocatedUnicastRange", TRUE, "lowAddress", "highAddress",
                      where, provisioner->unicast_ranges, error) &&
         read_ranges (object, "allocatedGroupRange", TRUE, "lowAddress", "highAddress",
                      where, provisioner->group_ranges, error) &&
         read_ranges (object, "allocatedSceneRange", FALSE, "firstScene", "lastScene",
                      where, provisioner->scene_ranges, error);
}

static gboolean
read_node_keys (JsonObject  *object,
                const char  *member,
                const Where *where,
                GArray      *out,
                GError     **error)
{
  /* Translators: "an entry of “netKeys” of node “Kitchen”" */
  Where entry_where = { where, N_("an entry of “%s” of %s"), ARGS_TEXT_PARENT, member, 0 };
  JsonArray *array;

  if (!get_array (object, member, TRUE, where, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = item_object (array, i, member, where, error);
      MeshCdbNodeKey key;
      gint64 index;

      if (item == NULL ||
          !get_int (item, "index", TRUE, 0, MESH_CDB_MAX_KEY_INDEX, &entry_where, &index, NULL, error) ||
          !get_bool (item, "updated", TRUE, &entry_where, &key.updated, NULL, error))
        return FALSE;
      key.index = index;
      g_array_append_val (out, key);
    }
  return TRUE;
}

static gboolean
read_transmit (JsonObject      *object,
               const Where     *where,
               guint            min_count,
               guint            max_count,
               guint            min_interval,
               guint            max_interval,
               guint            interval_step,
               guint8          *count,
               guint16         *interval,
               GError         **error)
{
  gint64 value;

  if (!get_int (object, "count", TRUE, min_count, max_count, where, &value, NULL, error))
    return FALSE;
  *count = value;

  if (!get_int (object, "interval", TRUE, min_interval, max_interval, where, &value, NULL, error))
    return FALSE;
  if (value % interval_step != 0)
    return fail (error, _("The “interval” member of %s is %d ms, which is not a multiple of %u ms."),
                 WHERE (where), (int) value, interval_step);
  *interval = value;
  return TRUE;
}

static gboolean
read_publish (JsonObject      *object,
              const Where     *model_where,
              MeshCdbPublish  *publish,
              GError         **error)
{
  Where where_ = { model_where, N_("the publication of %s"), ARGS_PARENT, NULL, 0 };
  Where period_where_ = { model_where, N_("the publication period of %s"), ARGS_PARENT, NULL, 0 };
  Where retransmit_where_ = { model_where, N_("the publication retransmission of %s"), ARGS_PARENT, NULL, 0 };
  const Where *where = &where_;
  const Where *period_where = &period_where_;
  const Where *retransmit_where = &retransmit_where_;
  JsonObject *period, *retransmit;
  gint64 value;

  if (!get_address (object, "address", where, &publish->address, error))
    return FALSE;

  if (!get_int (object, "index", TRUE, 0, MESH_CDB_MAX_KEY_INDEX, where, &value, NULL, error))
    return FALSE;
  publish->index = value;

  /* 0–127, or 255: "use the node's default TTL". */
  if (!get_int (object, "ttl", TRUE, 0, 255, where, &value, NULL, error))
    return FALSE;
  if (value > 127 && value != 255)
    return fail (error, _("The “ttl” member of %s is %d; it must be from 0 to 127, or 255 for the default TTL."),
                 WHERE (where), (int) value);
  publish->ttl = value;

  if (!get_int (object, "credentials", TRUE, 0, 1, where, &value, NULL, error))
    return FALSE;
  publish->credentials = value;

  if (!get_object (object, "period", TRUE, where, &period, error) ||
      !get_int (period, "numberOfSteps", TRUE, 0, 63, period_where, &value, NULL, error))
    return FALSE;
  publish->period_steps = value;

  if (!get_int (period, "resolution", TRUE, 0, 600000, period_where, &value, NULL, error))
    return FALSE;
  if (value != 100 && value != 1000 && value != 10000 && value != 600000)
    return fail (error, _("The “resolution” member of %s is %d; it must be 100, 1000, 10000 or 600000 (milliseconds)."),
                 WHERE (period_where), (int) value);
  publish->period_resolution = value;

  return get_object (object, "retransmit", TRUE, where, &retransmit, error) &&
         read_transmit (retransmit, retransmit_where, 0, 7, 50, 1600, 50,
                        &publish->retransmit_count, &publish->retransmit_interval, error);
}

static gboolean
read_model (JsonObject      *object,
            guint            position,
            const Where     *element_where,
            MeshCdbElement  *element,
            GError         **error)
{
  Where position_where_ = { element_where, N_("model number %u of %s"), ARGS_NUMBER_PARENT, NULL, position + 1 };
  Where where_ = { element_where, N_("model %s of %s"), ARGS_TEXT_PARENT, NULL, 0 };
  const Where *position_where = &position_where_;
  const Where *where = &where_;
  MeshCdbModel *model = mesh_cdb_element_add_model (element);
  JsonArray *subscribe, *bind;
  JsonObject *publish;
  const char *id;
  guint8 id_bytes[4];

  if (!get_string (object, "modelId", TRUE, position_where, &id, error))
    return FALSE;

  /* 4 hex digits for a SIG model; 8 for a vendor model, company ID first. */
  if (mesh_cdb_hex_parse (id, id_bytes, 2))
    model->model_id = id_bytes[0] << 8 | id_bytes[1];
  else if (mesh_cdb_hex_parse (id, id_bytes, 4))
    {
      model->model_id = (guint32) id_bytes[0] << 24 | id_bytes[1] << 16 | id_bytes[2] << 8 | id_bytes[3];
      model->vendor = TRUE;
    }
  else
    return fail (error, _("The “modelId” member of %s is “%s”, which is neither 4 hex digits (a SIG model) nor 8 (a vendor model)."),
                 WHERE (position_where), id);

  where_.text = id;

  if (!get_array (object, "subscribe", TRUE, where, &subscribe, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (subscribe); i++)
    {
      JsonNode *node = json_array_get_element (subscribe, i);
      MeshCdbAddress address;

      if (!node_is_string (node))
        return item_wrong_type (where, "subscribe", i, _("a string"), error);
      if (!parse_address (json_node_get_string (node), &address))
        return fail (error, _("Item %u of the “%s” array of %s is “%s”, which is neither an address of 4 hex digits nor a virtual label of 32 hex digits."),
                     i + 1, "subscribe", WHERE (where), json_node_get_string (node));
      g_array_append_val (model->subscribe, address);
    }

  if (!get_object (object, "publish", FALSE, where, &publish, error))
    return FALSE;
  if (publish != NULL)
    {
      model->has_publish = TRUE;
      if (!read_publish (publish, where, &model->publish, error))
        return FALSE;
    }

  if (!get_array (object, "bind", TRUE, where, &bind, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (bind); i++)
    {
      gint64 index;
      guint16 index16;

      if (!node_get_integer (json_array_get_element (bind, i), &index))
        return item_wrong_type (where, "bind", i, _("a whole number"), error);
      if (index < 0 || index > MESH_CDB_MAX_KEY_INDEX)
        return fail (error, _("Item %u of the “%s” array of %s is %d; key indexes go from 0 to 4095."),
                     i + 1, "bind", WHERE (where), (int) CLAMP (index, G_MININT, G_MAXINT));
      index16 = index;
      g_array_append_val (model->bind, index16);
    }
  return TRUE;
}

static gboolean
read_element (JsonObject   *object,
              guint         position,
              const Where  *node_where,
              MeshCdbNode  *node,
              GError      **error)
{
  Where position_where_ = { node_where, N_("element number %u of %s"), ARGS_NUMBER_PARENT, NULL, position + 1 };
  Where where_ = { node_where, N_("element %u of %s"), ARGS_NUMBER_PARENT, NULL, 0 };
  const Where *position_where = &position_where_;
  const Where *where = &where_;
  MeshCdbElement *element = mesh_cdb_node_add_element (node);
  JsonArray *models;
  const char *name;
  gint64 index;

  if (!get_int (object, "index", TRUE, 0, 255, position_where, &index, NULL, error))
    return FALSE;
  element->index = index;

  where_.number = element->index;

  if (!get_string (object, "name", FALSE, where, &name, error) ||
      !get_hex16 (object, "location", TRUE, where, &element->location, NULL, error) ||
      !get_array (object, "models", TRUE, where, &models, error))
    return FALSE;
  element->name = g_strdup (name);

  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonObject *item = item_object (models, i, "models", where, error);

      if (item == NULL || !read_model (item, i, where, element, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_features (JsonObject   *object,
               const Where  *where,
               MeshCdbNode  *node,
               GError      **error)
{
  static const char *names[] = { "relay", "proxy", "friend", "lowPower" };
  MeshCdbFeatureState *states[] = { &node->relay, &node->proxy, &node->friend_, &node->low_power };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gboolean found;
      gint64 value;

      if (!get_int (object, names[i], FALSE, 0, 2, where, &value, &found, error))
        return FALSE;
      *states[i] = found ? (MeshCdbFeatureState) value : MESH_CDB_FEATURE_ABSENT;
    }
  return TRUE;
}

static gboolean
read_heartbeat_pub (JsonObject   *object,
                    const Where  *where,
                    MeshCdbNode  *node,
                    GError      **error)
{
  static const struct { const char *name; guint bit; } features[] = {
    { "relay", MESH_CDB_HEARTBEAT_RELAY },
    { "proxy", MESH_CDB_HEARTBEAT_PROXY },
    { "friend", MESH_CDB_HEARTBEAT_FRIEND },
    { "lowPower", MESH_CDB_HEARTBEAT_LOW_POWER },
  };
  MeshCdbHeartbeatPub *pub = &node->heartbeat_pub;
  JsonArray *array;
  gint64 value;

  if (!get_hex16 (object, "address", TRUE, where, &pub->address, NULL, error))
    return FALSE;

  /* Seconds between heartbeats: 0 (none) or 2^(n-1) for n = 1–17. */
  if (!get_int (object, "period", TRUE, 0, 65536, where, &value, NULL, error))
    return FALSE;
  if (value != 0 && (value & (value - 1)) != 0)
    return fail (error, _("The “period” member of %s is %d seconds; it must be 0 or a power of 2 up to 65536."),
                 WHERE (where), (int) value);
  pub->period = value;

  if (!get_int (object, "ttl", TRUE, 0, 127, where, &value, NULL, error))
    return FALSE;
  pub->ttl = value;

  if (!get_int (object, "index", TRUE, 0, MESH_CDB_MAX_KEY_INDEX, where, &value, NULL, error))
    return FALSE;
  pub->index = value;

  if (!get_array (object, "features", TRUE, where, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      guint bit = 0;

      if (!node_is_string (item))
        return item_wrong_type (where, "features", i, _("a string"), error);
      for (guint f = 0; f < G_N_ELEMENTS (features); f++)
        if (g_str_equal (json_node_get_string (item), features[f].name))
          bit = features[f].bit;
      if (bit == 0)
        return fail (error, _("Item %u of the “%s” array of %s is “%s”; it must be “relay”, “proxy”, “friend” or “lowPower”."),
                     i + 1, "features", WHERE (where), json_node_get_string (item));
      pub->features |= bit;
    }
  node->present |= MESH_CDB_NODE_HAS_HEARTBEAT_PUB;
  return TRUE;
}

static gboolean
read_heartbeat_sub (JsonObject   *node_object,
                    const Where  *node_where,
                    MeshCdbNode  *node,
                    GError      **error)
{
  Where where_ = { node_where, N_("the heartbeat subscription of %s"), ARGS_PARENT, NULL, 0 };
  const Where *where = &where_;
  JsonNode *member = lookup (node_object, "heartbeatSub", FALSE);
  JsonObject *object;

  if (member == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      node->heartbeat_sub_is_array = TRUE;
      if (json_array_get_length (array) == 0)
        return TRUE;
      if (json_array_get_length (array) > 1)
        return fail (error, _("%s has more than one heartbeat subscription; a node has only one."),
                     WHERE (node_where));
      if ((object = item_object (array, 0, "heartbeatSub", node_where, error)) == NULL)
        return FALSE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (member))
    object = json_node_get_object (member);
  else
    return wrong_type (node_where, "heartbeatSub", _("an object"), error);

  if (!get_hex16 (object, "source", TRUE, where, &node->heartbeat_sub.source, NULL, error) ||
      !get_hex16 (object, "destination", TRUE, where, &node->heartbeat_sub.destination, NULL, error))
    return FALSE;
  node->present |= MESH_CDB_NODE_HAS_HEARTBEAT_SUB;
  return TRUE;
}

static gboolean
read_node (Reader      *reader,
           JsonObject  *object,
           guint        position,
           GError     **error)
{
  Where where_ = entry_where (object, "name", N_("node “%s”"),
                              N_("node number %u in the file"), position);
  const Where *where = &where_;
  MeshCdbNode *node = mesh_cdb_document_add_node (reader->doc);
  JsonObject *features, *network_transmit, *relay_retransmit, *heartbeat_pub;
  JsonArray *elements;
  const char *name;
  gboolean found;
  gint64 value;

  if (!get_uuid (object, "UUID", where, node->uuid, error) ||
      !get_hex16 (object, "unicastAddress", TRUE, where, &node->unicast, NULL, error) ||
      !get_key (object, "deviceKey", FALSE, where, node->device_key, &found, error))
    return FALSE;
  if (found)
    node->present |= MESH_CDB_NODE_HAS_DEVICE_KEY;

  if (!read_security (object, "security", where, &node->security, error) ||
      !read_node_keys (object, "netKeys", where, node->net_keys, error) ||
      !read_node_keys (object, "appKeys", where, node->app_keys, error) ||
      !get_bool (object, "configComplete", TRUE, where, &node->config_complete, NULL, error) ||
      !get_string (object, "name", FALSE, where, &name, error))
    return FALSE;
  node->name = g_strdup (name);

  if (!get_hex16 (object, "cid", FALSE, where, &node->cid, &found, error))
    return FALSE;
  node->present |= found ? MESH_CDB_NODE_HAS_CID : 0;
  if (!get_hex16 (object, "pid", FALSE, where, &node->pid, &found, error))
    return FALSE;
  node->present |= found ? MESH_CDB_NODE_HAS_PID : 0;
  if (!get_hex16 (object, "vid", FALSE, where, &node->vid, &found, error))
    return FALSE;
  node->present |= found ? MESH_CDB_NODE_HAS_VID : 0;
  if (!get_hex16 (object, "crpl", FALSE, where, &node->crpl, &found, error))
    return FALSE;
  node->present |= found ? MESH_CDB_NODE_HAS_CRPL : 0;

  if (!get_object (object, "features", FALSE, where, &features, error))
    return FALSE;
  if (features != NULL)
    {
      Where features_where = { where, N_("the features of %s"), ARGS_PARENT, NULL, 0 };

      node->present |= MESH_CDB_NODE_HAS_FEATURES;
      if (!read_features (features, &features_where, node, error))
        return FALSE;
    }

  if (!get_bool (object, "secureNetworkBeacon", FALSE, where, &node->secure_network_beacon, &found, error))
    return FALSE;
  node->present |= found ? MESH_CDB_NODE_HAS_SECURE_NETWORK_BEACON : 0;

  if (!get_int (object, "defaultTTL", FALSE, 0, 127, where, &value, &found, error))
    return FALSE;
  node->default_ttl = value;
  node->present |= found ? MESH_CDB_NODE_HAS_DEFAULT_TTL : 0;

  if (!get_object (object, "networkTransmit", FALSE, where, &network_transmit, error))
    return FALSE;
  if (network_transmit != NULL)
    {
      Where transmit_where = { where, N_("the network transmit setting of %s"), ARGS_PARENT, NULL, 0 };

      node->present |= MESH_CDB_NODE_HAS_NETWORK_TRANSMIT;
      if (!read_transmit (network_transmit, &transmit_where, 1, 8, 10, 320, 10,
                          &node->network_transmit.count, &node->network_transmit.interval, error))
        return FALSE;
    }

  if (!get_object (object, "relayRetransmit", FALSE, where, &relay_retransmit, error))
    return FALSE;
  if (relay_retransmit != NULL)
    {
      Where transmit_where = { where, N_("the relay retransmit setting of %s"), ARGS_PARENT, NULL, 0 };

      node->present |= MESH_CDB_NODE_HAS_RELAY_RETRANSMIT;
      if (!read_transmit (relay_retransmit, &transmit_where, 1, 8, 10, 320, 10,
                          &node->relay_retransmit.count, &node->relay_retransmit.interval, error))
        return FALSE;
    }

  if (!get_array (object, "elements", TRUE, where, &elements, error))
    return FALSE;
  if (json_array_get_length (elements) > 255)
    return fail (error, _("%s has %u elements; a node has at most 255."),
                 WHERE (where), json_array_get_length (elements));
  for (guint i = 0; i < json_array_get_length (elements); i++)
    {
      JsonObject *item = item_object (elements, i, "elements", where, error);

      if (item == NULL || !read_element (item, i, where, node, error))
        return FALSE;
    }

  if (!get_bool (object, "excluded", TRUE, where, &node->excluded, NULL, error) ||
      !get_object (object, "heartbeatPub", FALSE, where, &heartbeat_pub, error))
    return FALSE;
  if (heartbeat_pub != NULL)
    {
      Where pub_where = { where, N_("the heartbeat publication of %s"), ARGS_PARENT, NULL, 0 };

      if (!read_heartbeat_pub (heartbeat_pub, &pub_where, node, error))
        return FALSE;
    }

  return read_heartbeat_sub (object, where, node, error);
}

static gboolean
read_group (Reader      *reader,
            JsonObject  *object,
            guint        position,
            GError     **error)
{
  Where where_ = entry_where (object, "name", N_("group “%s”"),
                              N_("group number %u in the file"), position);
  const Where *where = &where_;
  MeshCdbGroup *group = mesh_cdb_document_add_group (reader->doc);
  const char *name;

  if (!get_string (object, "name", TRUE, where, &name, error))
    return FALSE;
  g_free (group->name);
  group->name = g_strdup (name);

  return get_address (object, "address", where, &group->address, error) &&
         get_address (object, "parentAddress", where, &group->parent, error);
}

static gboolean
read_scene (Reader      *reader,
            JsonObject  *object,
            guint        position,
            GError     **error)
{
  Where where_ = entry_where (object, "name", N_("scene “%s”"),
                              N_("scene number %u in the file"), position);
  const Where *where = &where_;
  MeshCdbScene *scene = mesh_cdb_document_add_scene (reader->doc);
  const char *name;

  if (!get_string (object, "name", TRUE, where, &name, error))
    return FALSE;
  g_free (scene->name);
  scene->name = g_strdup (name);

  return get_hex16 (object, "number", TRUE, where, &scene->number, NULL, error) &&
         read_hex16_array (object, "addresses", where, scene->addresses, error);
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

  if (!get_int (object, "ivIndex", TRUE, 0, G_MAXUINT32, where, &value, NULL, error))
    return FALSE;
  exclusion->iv_index = value;

  return read_hex16_array (object, "addresses", where, exclusion->addresses, error);
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
  const Where *where = &file_where;
  gboolean nodes = g_str_equal (member, "nodes");
  JsonArray *array;
  guint length;

  if (!get_array (root, member, required, where, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  length = json_array_get_length (array);
  if (nodes)
    reader->n_nodes = length;

  for (guint i = 0; i < length; i++)
    {
      JsonObject *item = item_object (array, i, member, where, error);

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
  const Where *where = &file_where;
  MeshCdbDocument *doc = reader->doc;
  const char *text;

  /* "$schema" and "id" name the schema; only their type is checked. A file
   * of a later major version may mean anything: refuse it. */
  if (!get_string (root, "$schema", FALSE, where, &text, error) ||
      !get_string (root, "id", FALSE, where, &text, error) ||
      !get_string (root, "version", FALSE, where, &text, error))
    return FALSE;
  if (text != NULL && !g_str_has_prefix (text, "1."))
    return fail (error, _("The file is in version %s of the Mesh Configuration Database format; this app reads version 1."),
                 text);

  if (!get_uuid (root, "meshUUID", where, doc->mesh_uuid, error) ||
      !get_string (root, "meshName", TRUE, where, &text, error))
    return FALSE;
  g_free (doc->mesh_name);
  doc->mesh_name = g_strdup (text);

  g_clear_pointer (&doc->timestamp, g_free);
  if (!get_timestamp (root, "timestamp", where, &doc->timestamp, error) ||
      !get_bool (root, "partial", FALSE, where, &doc->partial, NULL, error))
    return FALSE;

  return read_list (reader, root, "netKeys", TRUE, read_net_key, error) &&
         read_list (reader, root, "appKeys", TRUE, read_app_key, error) &&
         read_list (reader, root, "provisioners", TRUE, read_provisioner, error) &&
         read_list (reader, root, "nodes", TRUE, read_node, error) &&
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
