/* mesh-node-filter.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-names.h"
#include "mesh-node-filter.h"
#include "mesh-node.h"

/* Searching 32,767 nodes on every keystroke must take a few milliseconds.
 * So each node carries (as qdata) its text to search, built once: the name
 * and company folded to lowercase, the address and the UUID in the forms a
 * user may type. It is rebuilt when the name, address or company changed.
 * And when the new search only narrows the previous one, GtkFilterListModel
 * is told so (GTK_FILTER_CHANGE_MORE_STRICT) and checks only the nodes that
 * matched. */

struct _MeshNodeFilter
{
  GtkFilter   parent_instance;

  char       *search;
  /* One entry per word of the search: a NULL-terminated array of the forms
   * it may match in ("0x0005" also as "0005"; a UUID also without dashes). */
  GPtrArray  *words;
};

G_DEFINE_FINAL_TYPE (MeshNodeFilter, mesh_node_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char    *name;
  int      cid;
  guint16  unicast;
  char    *text;
} SearchText;

static GQuark search_text_quark;

static void
search_text_free (gpointer data)
{
  SearchText *st = data;

  g_free (st->name);
  g_free (st->text);
  g_free (st);
}

static char *
strip_dashes (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));

  for (; *s != '\0'; s++)
    {
      if (*s != '-')
        g_string_append_c (out, *s);
    }

  return g_string_free (out, FALSE);
}

static const char *
get_search_text (MeshNode *node)
{
  SearchText *st = g_object_get_qdata (G_OBJECT (node), search_text_quark);
  const char *name = mesh_node_get_name (node);
  int cid = mesh_node_get_cid (node);
  guint16 unicast = mesh_node_get_unicast (node);
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_company = NULL;
  g_autofree char *uuid = NULL;
  const char *company;

  if (st != NULL && st->cid == cid && st->unicast == unicast &&
      g_strcmp0 (st->name, name) == 0)
    return st->text;

  folded_name = name != NULL ? g_utf8_casefold (name, -1) : g_strdup ("");
  uuid = strip_dashes (mesh_node_get_uuid (node) != NULL ? mesh_node_get_uuid (node) : "");
  company = cid >= 0 ? mesh_company_get_name (cid) : NULL;
  folded_company = g_utf8_casefold (company != NULL ? company : "", -1);

  st = g_new0 (SearchText, 1);
  st->name = g_strdup (name);
  st->cid = cid;
  st->unicast = unicast;
  /* Fields are separated by a newline so that no word matches across two. */
  st->text = g_strdup_printf ("%s\n0x%04x\n%s\n%s", folded_name, unicast, uuid, folded_company);
  g_object_set_qdata_full (G_OBJECT (node), search_text_quark, st, search_text_free);

  return st->text;
}

static GStrv
word_forms (const char *word)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, word);

  /* "0x0005" → "0005" finds the address; the full form still finds a
   * name that contains "0x". */
  if (g_str_has_prefix (word, "0x") && word[2] != '\0')
    g_strv_builder_add (builder, word + 2);

  if (strchr (word, '-') != NULL)
    {
      g_autofree char *stripped = strip_dashes (word);

      if (stripped[0] != '\0')
        g_strv_builder_add (builder, stripped);
    }

  return g_strv_builder_end (builder);
}

static GPtrArray *
parse_search (const char *search)
{
  GPtrArray *words = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *folded = g_utf8_casefold (search != NULL ? search : "", -1);
  g_auto(GStrv) split = g_strsplit_set (folded, " \t\n", -1);

  for (guint i = 0; split[i] != NULL; i++)
    {
      if (split[i][0] != '\0')
        g_ptr_array_add (words, word_forms (split[i]));
    }

  return words;
}

/* Whatever matches @narrow also matches @wide: each form of @narrow
 * contains a form of @wide. */
static gboolean
word_implies (GStrv narrow,
              GStrv wide)
{
  for (guint i = 0; narrow[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; wide[j] != NULL && !found; j++)
        found = strstr (narrow[i], wide[j]) != NULL;

      if (!found)
        return FALSE;
    }

  return TRUE;
}

/* Whatever matches all words of @narrow matches all words of @wide. */
static gboolean
search_implies (GPtrArray *narrow,
                GPtrArray *wide)
{
  for (guint i = 0; i < wide->len; i++)
    {
      gboolean implied = FALSE;

      for (guint j = 0; j < narrow->len && !implied; j++)
        implied = word_implies (narrow->pdata[j], wide->pdata[i]);

      if (!implied)
        return FALSE;
    }

  return TRUE;
}

static gboolean
mesh_node_filter_match (GtkFilter *filter,
                        gpointer   item)
{
  MeshNodeFilter *self = MESH_NODE_FILTER (filter);
  const char *text;

  if (self->words->len == 0)
    return TRUE;

  text = get_search_text (item);

  for (guint i = 0; i < self->words->len; i++)
    {
      GStrv forms = self->words->pdata[i];
      gboolean found = FALSE;

      for (guint j = 0; forms[j] != NULL && !found; j++)
        found = strstr (text, forms[j]) != NULL;

      if (!found)
        return FALSE;
    }

  return TRUE;
}

static GtkFilterMatch
mesh_node_filter_get_strictness (GtkFilter *filter)
{
  MeshNodeFilter *self = MESH_NODE_FILTER (filter);

  return self->words->len == 0 ? GTK_FILTER_MATCH_ALL : GTK_FILTER_MATCH_SOME;
}

MeshNodeFilter *
mesh_node_filter_new (void)
{
  return g_object_new (MESH_TYPE_NODE_FILTER, NULL);
}

const char *
mesh_node_filter_get_search (MeshNodeFilter *self)
{
  g_return_val_if_fail (MESH_IS_NODE_FILTER (self), NULL);

  return self->search;
}

void
mesh_node_filter_prepare (MeshNodeFilter *self,
                          MeshNode       *node)
{
  g_return_if_fail (MESH_IS_NODE_FILTER (self));
  g_return_if_fail (MESH_IS_NODE (node));

  get_search_text (node);
}

void
mesh_node_filter_set_search (MeshNodeFilter *self,
                             const char     *search)
{
  g_autoptr(GPtrArray) old_words = NULL;
  gboolean narrower;
  gboolean wider;

  g_return_if_fail (MESH_IS_NODE_FILTER (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);

  old_words = g_steal_pointer (&self->words);
  self->words = parse_search (search);

  narrower = search_implies (self->words, old_words);
  wider = search_implies (old_words, self->words);

  /* Both: the same words (only spaces changed), nothing to filter again. */
  if (narrower && !wider)
    gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_MORE_STRICT);
  else if (wider && !narrower)
    gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_LESS_STRICT);
  else if (!wider && !narrower)
    gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

static void
mesh_node_filter_finalize (GObject *object)
{
  MeshNodeFilter *self = MESH_NODE_FILTER (object);

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->words, g_ptr_array_unref);

  G_OBJECT_CLASS (mesh_node_filter_parent_class)->finalize (object);
}

static void
mesh_node_filter_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MeshNodeFilter *self = MESH_NODE_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_node_filter_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MeshNodeFilter *self = MESH_NODE_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      mesh_node_filter_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_node_filter_class_init (MeshNodeFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = mesh_node_filter_finalize;
  object_class->get_property = mesh_node_filter_get_property;
  object_class->set_property = mesh_node_filter_set_property;

  filter_class->match = mesh_node_filter_match;
  filter_class->get_strictness = mesh_node_filter_get_strictness;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  search_text_quark = g_quark_from_static_string ("mesh-node-filter-search-text");
}

static void
mesh_node_filter_init (MeshNodeFilter *self)
{
  self->words = g_ptr_array_new ();
}
