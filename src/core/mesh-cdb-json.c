/* mesh-cdb-json.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-cdb-json.h"

#define BLOCK_SIZE (1024 * 1024)
/* Deeper text goes to json-glib (CDB nests six levels). */
#define MAX_DEPTH 512
/* Longer integers may not fit in 64 bits: json-glib decides what they are. */
#define MAX_INTEGER_DIGITS 18
#define MAX_NUMBER_LENGTH 64

struct _MeshCdbJson
{
  GPtrArray        *blocks;
  char             *next;      /* free space in the last block */
  gsize             left;
  MeshCdbJsonValue  root;
};

/* The items, or members, of the arrays (objects) being parsed, innermost
 * last: a container moves its own to the tree when it closes. */
typedef struct
{
  gpointer data;
  gsize    len;
  gsize    size;
  gsize    element_size;
} Stack;

typedef struct
{
  const char  *p;
  const char  *end;
  MeshCdbJson *json;
  Stack        items;
  Stack        members;
  guint        depth;
} Parser;

static MeshCdbJson *
json_new (void)
{
  MeshCdbJson *json = g_new0 (MeshCdbJson, 1);

  json->blocks = g_ptr_array_new_with_free_func (g_free);
  return json;
}

static gpointer
json_alloc (MeshCdbJson *json,
            gsize        size)
{
  gpointer memory;

  if (size == 0)
    return NULL;

  size = (size + 7) & ~(gsize) 7;
  if (size > json->left)
    {
      gsize block = MAX (BLOCK_SIZE, size);

      json->next = g_malloc (block);
      json->left = block;
      g_ptr_array_add (json->blocks, json->next);
    }

  memory = json->next;
  json->next += size;
  json->left -= size;
  return memory;
}

static char *
json_strndup (MeshCdbJson *json,
              const char  *text,
              gsize        length)
{
  char *copy = json_alloc (json, length + 1);

  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

static gpointer
stack_push (Stack *stack)
{
  if (stack->len == stack->size)
    {
      stack->size = MAX (64, stack->size * 2);
      stack->data = g_realloc_n (stack->data, stack->size, stack->element_size);
    }

  return (char *) stack->data + stack->len++ * stack->element_size;
}

/* Moves the entries from @mark on to the tree. */
static gpointer
stack_pop_to_tree (Stack       *stack,
                   gsize        mark,
                   MeshCdbJson *json)
{
  gsize bytes = (stack->len - mark) * stack->element_size;
  gpointer copy;

  if (bytes == 0)
    return NULL;

  copy = json_alloc (json, bytes);
  memcpy (copy, (char *) stack->data + mark * stack->element_size, bytes);
  stack->len = mark;
  return copy;
}

/* Parsing */

static inline void
skip_space (Parser *parser)
{
  while (parser->p < parser->end &&
         (*parser->p == ' ' || *parser->p == '\n' || *parser->p == '\r' || *parser->p == '\t'))
    parser->p++;
}

static inline gboolean
at (Parser *parser,
    char    c)
{
  return parser->p < parser->end && *parser->p == c;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits after "\u"; -1 if they are not. */
static gint32
read_hex4 (const char *p,
           const char *end)
{
  gint32 value = 0;

  if (end - p < 4)
    return -1;

  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = value << 4 | digit;
    }

  return value;
}

/* Decodes the escapes of a string's text into @out, which has room for
 * as many bytes as the text; the length written, or -1. */
static gssize
unescape (const char *p,
          const char *end,
          char       *out)
{
  char *start = out;

  while (p < end)
    {
      gint32 c, low;

      if (*p != '\\')
        {
          *out++ = *p++;
          continue;
        }

      p++;
      switch (*p++)
        {
        case '"':  *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '/':  *out++ = '/'; break;
        case 'b':  *out++ = '\b'; break;
        case 'f':  *out++ = '\f'; break;
        case 'n':  *out++ = '\n'; break;
        case 'r':  *out++ = '\r'; break;
        case 't':  *out++ = '\t'; break;
        case 'u':
          c = read_hex4 (p, end);
          /* json-glib cuts a string at U+0000, and keeps lone surrogates
           * as they are: left to it. */
          if (c <= 0 || (c >= 0xDC00 && c <= 0xDFFF))
            return -1;
          p += 4;
          if (c >= 0xD800 && c <= 0xDBFF)
            {
              if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
                return -1;
              low = read_hex4 (p + 2, end);
              if (low < 0xDC00 || low > 0xDFFF)
                return -1;
              p += 6;
              c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
            }
          out += g_unichar_to_utf8 (c, out);
          break;
        default:
          return -1;
        }
    }

  return out - start;
}

static gboolean
parse_string (Parser      *parser,
              const char **out,
              gsize       *out_length)
{
  const char *start = ++parser->p;
  const char *p = start;
  gboolean escapes = FALSE;
  gboolean high = FALSE;
  char *text;
  gsize length;

  for (;;)
    {
      guchar c;

      if (p >= parser->end)
        return FALSE;

      c = *p;
      if (c == '"')
        break;
      if (c == '\\')
        {
          escapes = TRUE;
          p += 2;
          continue;
        }
      if (c < 0x20)
        return FALSE;
      high |= c >= 0x80;
      p++;
    }

  /* json-glib refuses text that is not UTF-8. */
  if (high && !g_utf8_validate (start, p - start, NULL))
    return FALSE;

  if (!escapes)
    {
      length = p - start;
      text = json_strndup (parser->json, start, length);
    }
  else
    {
      gssize written;

      text = json_alloc (parser->json, p - start + 1);
      written = unescape (start, p, text);
      if (written < 0)
        return FALSE;
      length = written;
      text[length] = '\0';
    }

  if (length > G_MAXUINT32)
    return FALSE;

  parser->p = p + 1;
  *out = text;
  *out_length = length;
  return TRUE;
}

static inline gboolean
is_digit (Parser *parser)
{
  return parser->p < parser->end && *parser->p >= '0' && *parser->p <= '9';
}

static gboolean
parse_number (Parser           *parser,
              MeshCdbJsonValue *value)
{
  const char *start = parser->p;
  gboolean negative = at (parser, '-');
  gboolean fraction = FALSE;
  const char *digits;

  if (negative)
    parser->p++;

  /* No leading zeros: json-glib reads those as octal. */
  digits = parser->p;
  if (at (parser, '0'))
    parser->p++;
  else if (is_digit (parser))
    while (is_digit (parser))
      parser->p++;
  else
    return FALSE;

  if (at (parser, '.'))
    {
      parser->p++;
      fraction = TRUE;
      if (!is_digit (parser))
        return FALSE;
      while (is_digit (parser))
        parser->p++;
    }
  if (at (parser, 'e') || at (parser, 'E'))
    {
      parser->p++;
      fraction = TRUE;
      if (at (parser, '+') || at (parser, '-'))
        parser->p++;
      if (!is_digit (parser))
        return FALSE;
      while (is_digit (parser))
        parser->p++;
    }

  /* json-glib reads letters and dots after digits into the number. */
  if (parser->p < parser->end && strchr (" \t\r\n,]}", *parser->p) == NULL)
    return FALSE;

  if (!fraction)
    {
      gint64 integer = 0;

      if (parser->p - digits > MAX_INTEGER_DIGITS)
        return FALSE;
      for (const char *d = digits; d < parser->p; d++)
        integer = integer * 10 + (*d - '0');

      value->type = MESH_CDB_JSON_INTEGER;
      value->v.integer = negative ? -integer : integer;
    }
  else
    {
      char text[MAX_NUMBER_LENGTH];
      gsize length = parser->p - start;
      char *end = NULL;

      if (length >= sizeof text)
        return FALSE;
      memcpy (text, start, length);
      text[length] = '\0';

      value->type = MESH_CDB_JSON_DOUBLE;
      value->v.number = g_ascii_strtod (text, &end);
      if (end != text + length)
        return FALSE;
    }

  return TRUE;
}

/* true, false, null: json-glib reads a longer word as one unknown word. */
static gboolean
parse_word (Parser     *parser,
            const char *word,
            gsize       length)
{
  const char *after = parser->p + length;

  if ((gsize) (parser->end - parser->p) < length || memcmp (parser->p, word, length) != 0)
    return FALSE;
  if (after < parser->end && (g_ascii_isalnum (*after) || *after == '_' || *after == '-'))
    return FALSE;

  parser->p = after;
  return TRUE;
}

static gboolean parse_value (Parser           *parser,
                             MeshCdbJsonValue *value);

static gboolean
parse_member (Parser            *parser,
              MeshCdbJsonMember *member)
{
  if (!at (parser, '"') || !parse_string (parser, &member->name, &member->name_length))
    return FALSE;
  skip_space (parser);
  if (!at (parser, ':'))
    return FALSE;
  parser->p++;
  skip_space (parser);
  return parse_value (parser, &member->value);
}

/* An array or an object, at its opening bracket. */
static gboolean
parse_container (Parser           *parser,
                 MeshCdbJsonValue *value)
{
  gboolean object = *parser->p == '{';
  Stack *stack = object ? &parser->members : &parser->items;
  char close = object ? '}' : ']';
  gsize mark = stack->len;
  gpointer entries;

  parser->p++;
  skip_space (parser);

  if (!at (parser, close))
    for (;;)
      {
        MeshCdbJsonMember member;

        if (object ? !parse_member (parser, &member) : !parse_value (parser, &member.value))
          return FALSE;
        if (object)
          *(MeshCdbJsonMember *) stack_push (stack) = member;
        else
          *(MeshCdbJsonValue *) stack_push (stack) = member.value;

        skip_space (parser);
        if (at (parser, close))
          break;
        if (!at (parser, ','))
          return FALSE;
        parser->p++;
        skip_space (parser);
      }
  parser->p++;

  if (stack->len - mark > G_MAXUINT32)
    return FALSE;
  value->type = object ? MESH_CDB_JSON_OBJECT : MESH_CDB_JSON_ARRAY;
  value->length = stack->len - mark;
  entries = stack_pop_to_tree (stack, mark, parser->json);
  if (object)
    value->v.members = entries;
  else
    value->v.items = entries;
  return TRUE;
}

static gboolean
parse_value (Parser           *parser,
             MeshCdbJsonValue *value)
{
  gboolean parsed;
  gsize length;

  memset (value, 0, sizeof *value);
  if (parser->p >= parser->end)
    return FALSE;

  switch (*parser->p)
    {
    case '{':
    case '[':
      if (++parser->depth > MAX_DEPTH)
        return FALSE;
      parsed = parse_container (parser, value);
      parser->depth--;
      return parsed;

    case '"':
      value->type = MESH_CDB_JSON_STRING;
      value->utf8 = TRUE;
      if (!parse_string (parser, &value->v.string, &length))
        return FALSE;
      value->length = length;
      return TRUE;

    case 't':
      value->type = MESH_CDB_JSON_BOOLEAN;
      value->v.boolean = TRUE;
      return parse_word (parser, "true", 4);

    case 'f':
      value->type = MESH_CDB_JSON_BOOLEAN;
      return parse_word (parser, "false", 5);

    case 'n':
      value->type = MESH_CDB_JSON_NULL;
      return parse_word (parser, "null", 4);

    default:
      return parse_number (parser, value);
    }
}

/**
 * mesh_cdb_json_parse:
 * @data: JSON text
 * @length: its length in bytes
 *
 * Parses @data, one JSON value with white space around it.
 *
 * Returns: (transfer full) (nullable): the tree, or %NULL if @data is not
 *   plain JSON (see the top of mesh-cdb-json.h)
 */
MeshCdbJson *
mesh_cdb_json_parse (const char *data,
                     gsize       length)
{
  g_autoptr(MeshCdbJson) json = json_new ();
  Parser parser = { data, data + length, json,
                    { NULL, 0, 0, sizeof (MeshCdbJsonValue) },
                    { NULL, 0, 0, sizeof (MeshCdbJsonMember) }, 0 };
  gboolean parsed;

  skip_space (&parser);
  parsed = parse_value (&parser, &json->root);
  skip_space (&parser);

  g_free (parser.items.data);
  g_free (parser.members.data);

  if (!parsed || parser.p != parser.end)
    return NULL;

  return g_steal_pointer (&json);
}

/* From json-glib */

static void
convert (MeshCdbJson      *json,
         JsonNode         *node,
         MeshCdbJsonValue *value)
{
  memset (value, 0, sizeof *value);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) names = json_object_get_members (object);
        MeshCdbJsonMember *members;
        guint i = 0;

        value->type = MESH_CDB_JSON_OBJECT;
        value->length = g_list_length (names);
        members = json_alloc (json, value->length * sizeof (MeshCdbJsonMember));
        for (GList *l = names; l != NULL; l = l->next, i++)
          {
            members[i].name_length = strlen (l->data);
            members[i].name = json_strndup (json, l->data, members[i].name_length);
            convert (json, json_object_get_member (object, l->data), &members[i].value);
          }
        value->v.members = members;
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        MeshCdbJsonValue *items;

        value->type = MESH_CDB_JSON_ARRAY;
        value->length = json_array_get_length (array);
        items = json_alloc (json, value->length * sizeof (MeshCdbJsonValue));
        for (guint i = 0; i < value->length; i++)
          convert (json, json_array_get_element (array, i), &items[i]);
        value->v.items = items;
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          value->type = MESH_CDB_JSON_BOOLEAN;
          value->v.boolean = json_node_get_boolean (node);
          break;
        case G_TYPE_INT64:
          value->type = MESH_CDB_JSON_INTEGER;
          value->v.integer = json_node_get_int (node);
          break;
        case G_TYPE_DOUBLE:
          value->type = MESH_CDB_JSON_DOUBLE;
          value->v.number = json_node_get_double (node);
          break;
        case G_TYPE_STRING:
          {
            const char *text = json_node_get_string (node);

            value->type = MESH_CDB_JSON_STRING;
            value->length = strlen (text);
            value->utf8 = g_utf8_validate (text, value->length, NULL);
            value->v.string = json_strndup (json, text, value->length);
          }
          break;
        default:
          value->type = MESH_CDB_JSON_NULL;
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      value->type = MESH_CDB_JSON_NULL;
      break;
    }
}

/**
 * mesh_cdb_json_new_from_node:
 * @node: a json-glib tree
 *
 * Returns: (transfer full): the same tree
 */
MeshCdbJson *
mesh_cdb_json_new_from_node (JsonNode *node)
{
  MeshCdbJson *json = json_new ();

  g_return_val_if_fail (node != NULL, NULL);

  convert (json, node, &json->root);
  return json;
}

void
mesh_cdb_json_free (MeshCdbJson *json)
{
  g_ptr_array_unref (json->blocks);
  g_free (json);
}

const MeshCdbJsonValue *
mesh_cdb_json_get_root (MeshCdbJson *json)
{
  return &json->root;
}

const MeshCdbJsonValue *
mesh_cdb_json_object_get_member (const MeshCdbJsonValue *object,
                                 const char             *name)
{
  gsize length = strlen (name);

  g_return_val_if_fail (object->type == MESH_CDB_JSON_OBJECT, NULL);

  for (guint i = object->length; i-- > 0;)
    {
      const MeshCdbJsonMember *member = &object->v.members[i];

      if (member->name_length == length && memcmp (member->name, name, length) == 0)
        return &member->value;
    }

  return NULL;
}
