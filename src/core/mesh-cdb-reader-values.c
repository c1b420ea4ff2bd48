/* mesh-cdb-reader-values.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mesh-cdb-reader-private.h"
#include "mesh-error.h"

/* The members of a JSON object as CDB values, each checked for its type
 * and range, with a sentence for the user when it is wrong. */

#define fail mesh_cdb_set_error

const Where mesh_cdb_file_where = { NULL, N_("the file"), ARGS_NONE, NULL, 0 };

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
const char *
mesh_cdb_where (const Where *where)
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
gboolean
mesh_cdb_node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         g_utf8_validate (json_node_get_string (node), -1, NULL);
}

/* An entry of a top-level list: by its name if it has one, else by its
 * position (from 1). */
Where
mesh_cdb_entry_where (JsonObject *object,
                      const char *name_member,
                      const char *named_format,
                      const char *numbered_format,
                      guint       position)
{
  JsonNode *name = json_object_get_member (object, name_member);

  if (name != NULL && mesh_cdb_node_is_string (name) && json_node_get_string (name)[0] != '\0')
    return (Where) { NULL, named_format, ARGS_TEXT, json_node_get_string (name), 0 };
  return (Where) { NULL, numbered_format, ARGS_NUMBER, NULL, position + 1 };
}

/* Member access */

JsonNode *
mesh_cdb_lookup_member (JsonObject *object,
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
  return fail (error, _("%s has no “%s” member."), mesh_cdb_where (where), member);
}

gboolean
mesh_cdb_wrong_type (const Where *where,
                     const char  *member,
                     const char  *expected,
                     GError     **error)
{
  /* Translators: the last %s is "a string", "a whole number", "an array"… */
  return fail (error, _("The “%s” member of %s is not %s."), member, mesh_cdb_where (where), expected);
}

gboolean
mesh_cdb_node_get_integer (JsonNode *node,
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

gboolean
mesh_cdb_get_string (JsonObject  *object,
                     const char  *member,
                     gboolean     required,
                     const Where *where,
                     const char **out,
                     GError     **error)
{
  JsonNode *node = mesh_cdb_lookup_member (object, member, required);

  *out = NULL;
  if (node == NULL)
    return !required || missing (where, member, error);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return mesh_cdb_wrong_type (where, member, _("a string"), error);
  if (!mesh_cdb_node_is_string (node))
    return fail (error, _("The “%s” member of %s is not valid UTF-8 text."), member, mesh_cdb_where (where));
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
               member, mesh_cdb_where (where), value_text, min_text, max_text);
}

gboolean
mesh_cdb_get_int (JsonObject  *object,
                  const char  *member,
                  gboolean     required,
                  gint64       min,
                  gint64       max,
                  const Where *where,
                  gint64      *out,
                  gboolean    *found,
                  GError     **error)
{
  JsonNode *node = mesh_cdb_lookup_member (object, member, required);

  if (found != NULL)
    *found = node != NULL;
  *out = 0;
  if (node == NULL)
    return !required || missing (where, member, error);
  if (!mesh_cdb_node_get_integer (node, out))
    return mesh_cdb_wrong_type (where, member, _("a whole number"), error);
  return check_range (*out, min, max, where, member, error);
}

gboolean
mesh_cdb_get_bool (JsonObject  *object,
                   const char  *member,
                   gboolean     required,
                   const Where *where,
                   gboolean    *out,
                   gboolean    *found,
                   GError     **error)
{
  JsonNode *node = mesh_cdb_lookup_member (object, member, required);

  if (found != NULL)
    *found = node != NULL;
  *out = FALSE;
  if (node == NULL)
    return !required || missing (where, member, error);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return mesh_cdb_wrong_type (where, member, _("true or false"), error);
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
  JsonNode *node = mesh_cdb_lookup_member (object, member, required);

  *out = NULL;
  if (node == NULL)
    return !required || missing (where, member, error);
  if (JSON_NODE_TYPE (node) != type)
    return mesh_cdb_wrong_type (where, member, type == JSON_NODE_ARRAY ? _("an array") : _("an object"), error);
  *out = node;
  return TRUE;
}

gboolean
mesh_cdb_get_array (JsonObject  *object,
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

gboolean
mesh_cdb_get_object (JsonObject  *object,
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

gboolean
mesh_cdb_get_hex16 (JsonObject  *object,
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
  if (!mesh_cdb_get_string (object, member, required, where, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!parse_hex16 (text, out))
    return fail (error, _("The “%s” member of %s is “%s”, which is not 4 hex digits."),
                 member, mesh_cdb_where (where), text);
  if (found != NULL)
    *found = TRUE;
  return TRUE;
}

gboolean
mesh_cdb_get_key (JsonObject  *object,
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
  if (!mesh_cdb_get_string (object, member, required, where, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!mesh_cdb_hex_parse (text, out, MESH_CDB_KEY_SIZE))
    return fail (error, _("The “%s” member of %s is “%s”, which is not a key of 32 hex digits."),
                 member, mesh_cdb_where (where), text);
  if (found != NULL)
    *found = TRUE;
  return TRUE;
}

gboolean
mesh_cdb_get_uuid (JsonObject  *object,
                   const char  *member,
                   const Where *where,
                   guint8      *out,
                   GError     **error)
{
  const char *text;

  if (!mesh_cdb_get_string (object, member, TRUE, where, &text, error))
    return FALSE;
  if (!mesh_cdb_uuid_parse (text, out))
    return fail (error, _("The “%s” member of %s is “%s”, which is not a UUID (32 hex digits, with or without dashes)."),
                 member, mesh_cdb_where (where), text);
  return TRUE;
}

gboolean
mesh_cdb_parse_address (const char     *text,
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

gboolean
mesh_cdb_get_address (JsonObject     *object,
                      const char     *member,
                      const Where    *where,
                      MeshCdbAddress *out,
                      GError        **error)
{
  const char *text;

  if (!mesh_cdb_get_string (object, member, TRUE, where, &text, error))
    return FALSE;
  if (!mesh_cdb_parse_address (text, out))
    return fail (error, _("The “%s” member of %s is “%s”, which is neither an address of 4 hex digits nor a virtual label of 32 hex digits."),
                 member, mesh_cdb_where (where), text);
  return TRUE;
}

gboolean
mesh_cdb_get_timestamp (JsonObject  *object,
                        const char  *member,
                        const Where *where,
                        char       **out,
                        GError     **error)
{
  g_autoptr(GDateTime) parsed = NULL;
  const char *text;

  if (!mesh_cdb_get_string (object, member, TRUE, where, &text, error))
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    return fail (error, _("The “%s” member of %s is “%s”, which is not a date and time such as 2026-01-31T12:00:00Z."),
                 member, mesh_cdb_where (where), text);
  *out = g_strdup (text);
  return TRUE;
}

/* Array items */

gboolean
mesh_cdb_item_wrong_type (const Where *where,
                          const char  *member,
                          guint        position,
                          const char  *expected,
                          GError     **error)
{
  /* Translators: "Item 3 of the “netKeys” array of the file is not an object." */
  return fail (error, _("Item %u of the “%s” array of %s is not %s."),
               position + 1, member, mesh_cdb_where (where), expected);
}

JsonObject *
mesh_cdb_item_object (JsonArray   *array,
                      guint        i,
                      const char  *member,
                      const Where *where,
                      GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      mesh_cdb_item_wrong_type (where, member, i, _("an object"), error);
      return NULL;
    }
  return json_node_get_object (node);
}

gboolean
mesh_cdb_read_hex16_array (JsonObject  *object,
                           const char  *member,
                           const Where *where,
                           GArray      *out,
                           GError     **error)
{
  JsonArray *array;

  if (!mesh_cdb_get_array (object, member, TRUE, where, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      guint16 value;

      if (!mesh_cdb_node_is_string (node))
        return mesh_cdb_item_wrong_type (where, member, i, _("a string"), error);
      if (!parse_hex16 (json_node_get_string (node), &value))
        return fail (error, _("Item %u of the “%s” array of %s is “%s”, which is not 4 hex digits."),
                     i + 1, member, mesh_cdb_where (where), json_node_get_string (node));
      g_array_append_val (out, value);
    }
  return TRUE;
}

/* One function per CDB object */

gboolean
mesh_cdb_read_security (JsonObject      *object,
                        const char      *member,
                        const Where     *where,
                        MeshCdbSecurity *out,
                        GError         **error)
{
  const char *text;

  if (!mesh_cdb_get_string (object, member, TRUE, where, &text, error))
    return FALSE;
  if (g_str_equal (text, "secure"))
    *out = MESH_CDB_SECURITY_SECURE;
  else if (g_str_equal (text, "insecure"))
    *out = MESH_CDB_SECURITY_INSECURE;
  else
    return fail (error, _("The “%s” member of %s is “%s”; it must be “secure” or “insecure”."),
                 member, mesh_cdb_where (where), text);
  return TRUE;
}
