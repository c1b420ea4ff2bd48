/* mesh-cdb-document.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mesh-cdb-document.h"
#include "mesh-cdb-private.h"
#include "mesh-error.h"

G_DEFINE_BOXED_TYPE (MeshCdbDocument, mesh_cdb_document,
                     mesh_cdb_document_ref, mesh_cdb_document_unref)

static void
net_key_clear (gpointer data)
{
  MeshCdbNetKey *key = data;

  g_free (key->name);
  g_free (key->timestamp);
}

static void
app_key_clear (gpointer data)
{
  MeshCdbAppKey *key = data;

  g_free (key->name);
}

static void
provisioner_clear (gpointer data)
{
  MeshCdbProvisioner *provisioner = data;

  g_free (provisioner->name);
  g_clear_pointer (&provisioner->unicast_ranges, g_array_unref);
  g_clear_pointer (&provisioner->group_ranges, g_array_unref);
  g_clear_pointer (&provisioner->scene_ranges, g_array_unref);
}

static void
model_clear (gpointer data)
{
  MeshCdbModel *model = data;

  g_clear_pointer (&model->subscribe, g_array_unref);
  g_clear_pointer (&model->bind, g_array_unref);
}

static void
element_clear (gpointer data)
{
  MeshCdbElement *element = data;

  g_free (element->name);
  g_clear_pointer (&element->models, g_array_unref);
}

static void
node_clear (gpointer data)
{
  MeshCdbNode *node = data;

  g_free (node->name);
  g_clear_pointer (&node->net_keys, g_array_unref);
  g_clear_pointer (&node->app_keys, g_array_unref);
  g_clear_pointer (&node->elements, g_array_unref);
}

static void
group_clear (gpointer data)
{
  MeshCdbGroup *group = data;

  g_free (group->name);
}

static void
scene_clear (gpointer data)
{
  MeshCdbScene *scene = data;

  g_free (scene->name);
  g_clear_pointer (&scene->addresses, g_array_unref);
}

static void
exclusion_clear (gpointer data)
{
  MeshCdbExclusion *exclusion = data;

  g_clear_pointer (&exclusion->addresses, g_array_unref);
}

static GArray *
struct_array_new (gsize          element_size,
                  GDestroyNotify clear_func)
{
  GArray *array = g_array_new (FALSE, TRUE, element_size);

  g_array_set_clear_func (array, clear_func);
  return array;
}

static gpointer
struct_array_append (GArray *array)
{
  g_array_set_size (array, array->len + 1);
  return array->data + (gsize) (array->len - 1) * g_array_get_element_size (array);
}

static void
document_clear (gpointer data)
{
  MeshCdbDocument *self = data;

  g_free (self->mesh_name);
  g_free (self->timestamp);
  g_clear_pointer (&self->net_keys, g_array_unref);
  g_clear_pointer (&self->app_keys, g_array_unref);
  g_clear_pointer (&self->provisioners, g_array_unref);
  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->groups, g_array_unref);
  g_clear_pointer (&self->scenes, g_array_unref);
  g_clear_pointer (&self->exclusions, g_array_unref);
}

/**
 * mesh_cdb_document_new:
 *
 * Creates an empty document, with every array created and a timestamp of
 * now, but no UUID: set mesh_uuid before writing it.
 *
 * Returns: (transfer full): a new document
 */
MeshCdbDocument *
mesh_cdb_document_new (void)
{
  MeshCdbDocument *self = g_atomic_rc_box_new0 (MeshCdbDocument);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->mesh_name = g_strdup ("");
  self->timestamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  self->net_keys = struct_array_new (sizeof (MeshCdbNetKey), net_key_clear);
  self->app_keys = struct_array_new (sizeof (MeshCdbAppKey), app_key_clear);
  self->provisioners = struct_array_new (sizeof (MeshCdbProvisioner), provisioner_clear);
  self->nodes = struct_array_new (sizeof (MeshCdbNode), node_clear);
  self->groups = struct_array_new (sizeof (MeshCdbGroup), group_clear);
  self->scenes = struct_array_new (sizeof (MeshCdbScene), scene_clear);
  self->exclusions = struct_array_new (sizeof (MeshCdbExclusion), exclusion_clear);
  return self;
}

MeshCdbDocument *
mesh_cdb_document_ref (MeshCdbDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
mesh_cdb_document_unref (MeshCdbDocument *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, document_clear);
}

MeshCdbNetKey *
mesh_cdb_document_add_net_key (MeshCdbDocument *self)
{
  MeshCdbNetKey *key = struct_array_append (self->net_keys);

  key->name = g_strdup ("");
  key->timestamp = g_strdup (self->timestamp);
  return key;
}

MeshCdbAppKey *
mesh_cdb_document_add_app_key (MeshCdbDocument *self)
{
  MeshCdbAppKey *key = struct_array_append (self->app_keys);

  key->name = g_strdup ("");
  return key;
}

MeshCdbProvisioner *
mesh_cdb_document_add_provisioner (MeshCdbDocument *self)
{
  MeshCdbProvisioner *provisioner = struct_array_append (self->provisioners);

  provisioner->name = g_strdup ("");
  provisioner->unicast_ranges = g_array_new (FALSE, FALSE, sizeof (MeshCdbRange));
  provisioner->group_ranges = g_array_new (FALSE, FALSE, sizeof (MeshCdbRange));
  provisioner->scene_ranges = g_array_new (FALSE, FALSE, sizeof (MeshCdbRange));
  return provisioner;
}

MeshCdbNode *
mesh_cdb_document_add_node (MeshCdbDocument *self)
{
  MeshCdbNode *node = struct_array_append (self->nodes);

  node->net_keys = g_array_new (FALSE, FALSE, sizeof (MeshCdbNodeKey));
  node->app_keys = g_array_new (FALSE, FALSE, sizeof (MeshCdbNodeKey));
  node->elements = struct_array_new (sizeof (MeshCdbElement), element_clear);
  mesh_cdb_node_set_features (node, MESH_CDB_FEATURE_ABSENT, MESH_CDB_FEATURE_ABSENT,
                              MESH_CDB_FEATURE_ABSENT, MESH_CDB_FEATURE_ABSENT);
  return node;
}

MeshCdbElement *
mesh_cdb_node_add_element (MeshCdbNode *node)
{
  MeshCdbElement *element = struct_array_append (node->elements);

  element->index = node->elements->len - 1;
  element->models = struct_array_new (sizeof (MeshCdbModel), model_clear);
  return element;
}

MeshCdbModel *
mesh_cdb_element_add_model (MeshCdbElement *element)
{
  MeshCdbModel *model = struct_array_append (element->models);

  model->subscribe = g_array_new (FALSE, FALSE, sizeof (MeshCdbAddress));
  model->bind = g_array_new (FALSE, FALSE, sizeof (guint16));
  return model;
}

MeshCdbGroup *
mesh_cdb_document_add_group (MeshCdbDocument *self)
{
  MeshCdbGroup *group = struct_array_append (self->groups);

  group->name = g_strdup ("");
  return group;
}

MeshCdbScene *
mesh_cdb_document_add_scene (MeshCdbDocument *self)
{
  MeshCdbScene *scene = struct_array_append (self->scenes);

  scene->name = g_strdup ("");
  scene->addresses = g_array_new (FALSE, FALSE, sizeof (guint16));
  return scene;
}

MeshCdbExclusion *
mesh_cdb_document_add_exclusion (MeshCdbDocument *self)
{
  MeshCdbExclusion *exclusion = struct_array_append (self->exclusions);

  exclusion->addresses = g_array_new (FALSE, FALSE, sizeof (guint16));
  return exclusion;
}

MeshCdbNetKey *
mesh_cdb_document_find_net_key (MeshCdbDocument *self,
                                guint16          index)
{
  for (guint i = 0; i < self->net_keys->len; i++)
    if (g_array_index (self->net_keys, MeshCdbNetKey, i).index == index)
      return &g_array_index (self->net_keys, MeshCdbNetKey, i);
  return NULL;
}

MeshCdbAppKey *
mesh_cdb_document_find_app_key (MeshCdbDocument *self,
                                guint16          index)
{
  for (guint i = 0; i < self->app_keys->len; i++)
    if (g_array_index (self->app_keys, MeshCdbAppKey, i).index == index)
      return &g_array_index (self->app_keys, MeshCdbAppKey, i);
  return NULL;
}

/* Linear: fine for single look-ups. Code that looks up every node of a big
 * document builds a hash table instead. */
MeshCdbNode *
mesh_cdb_document_find_node (MeshCdbDocument *self,
                             const guint8    *uuid)
{
  for (guint i = 0; i < self->nodes->len; i++)
    if (memcmp (g_array_index (self->nodes, MeshCdbNode, i).uuid, uuid, MESH_CDB_UUID_SIZE) == 0)
      return &g_array_index (self->nodes, MeshCdbNode, i);
  return NULL;
}

MeshCdbNode *
mesh_cdb_document_find_node_by_unicast (MeshCdbDocument *self,
                                        guint16          address)
{
  for (guint i = 0; i < self->nodes->len; i++)
    {
      MeshCdbNode *node = &g_array_index (self->nodes, MeshCdbNode, i);

      if (address >= node->unicast &&
          address < node->unicast + mesh_cdb_node_get_address_count (node))
        return node;
    }
  return NULL;
}

MeshCdbProvisioner *
mesh_cdb_document_find_provisioner (MeshCdbDocument *self,
                                    const guint8    *uuid)
{
  for (guint i = 0; i < self->provisioners->len; i++)
    if (memcmp (g_array_index (self->provisioners, MeshCdbProvisioner, i).uuid, uuid, MESH_CDB_UUID_SIZE) == 0)
      return &g_array_index (self->provisioners, MeshCdbProvisioner, i);
  return NULL;
}

MeshCdbGroup *
mesh_cdb_document_find_group (MeshCdbDocument      *self,
                              const MeshCdbAddress *address)
{
  for (guint i = 0; i < self->groups->len; i++)
    if (mesh_cdb_address_equal (&g_array_index (self->groups, MeshCdbGroup, i).address, address))
      return &g_array_index (self->groups, MeshCdbGroup, i);
  return NULL;
}

guint
mesh_cdb_node_get_address_count (const MeshCdbNode *node)
{
  return MAX (node->elements->len, 1);
}

void
mesh_cdb_node_set_features (MeshCdbNode         *node,
                            MeshCdbFeatureState  relay,
                            MeshCdbFeatureState  proxy,
                            MeshCdbFeatureState  friend_,
                            MeshCdbFeatureState  low_power)
{
  node->relay = relay;
  node->proxy = proxy;
  node->friend_ = friend_;
  node->low_power = low_power;
}

gboolean
mesh_cdb_address_equal (const MeshCdbAddress *a,
                        const MeshCdbAddress *b)
{
  if (a->is_virtual != b->is_virtual)
    return FALSE;
  if (a->is_virtual)
    return memcmp (a->label, b->label, MESH_CDB_UUID_SIZE) == 0;
  return a->value == b->value;
}

gboolean
mesh_cdb_address_is_unassigned (const MeshCdbAddress *address)
{
  return !address->is_virtual && address->value == 0;
}

void
mesh_cdb_address_set (MeshCdbAddress *address,
                      guint16         value)
{
  memset (address, 0, sizeof *address);
  address->value = value;
}

void
mesh_cdb_address_set_label (MeshCdbAddress *address,
                            const guint8   *label)
{
  memset (address, 0, sizeof *address);
  address->is_virtual = TRUE;
  memcpy (address->label, label, MESH_CDB_UUID_SIZE);
}

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

/**
 * mesh_cdb_hex_parse:
 * @text: exactly 2 × @n_bytes hex digits, either case
 * @bytes: (out caller-allocates): @n_bytes bytes
 * @n_bytes: the number of bytes to read
 *
 * Returns: %TRUE if @text had the right length and only hex digits
 */
gboolean
mesh_cdb_hex_parse (const char *text,
                    guint8     *bytes,
                    gsize       n_bytes)
{
  for (gsize i = 0; i < n_bytes; i++)
    {
      int hi, lo;

      if (text[2 * i] == '\0' || (hi = hex_digit (text[2 * i])) < 0 ||
          text[2 * i + 1] == '\0' || (lo = hex_digit (text[2 * i + 1])) < 0)
        return FALSE;
      bytes[i] = (guint8) (hi << 4 | lo);
    }
  return text[2 * n_bytes] == '\0';
}

/**
 * mesh_cdb_uuid_parse:
 * @text: a UUID as 32 hex digits, with or without the dashes of the
 *   8-4-4-4-12 form
 * @uuid: (out caller-allocates): 16 bytes
 *
 * Returns: %TRUE if @text is such a UUID
 */
gboolean
mesh_cdb_uuid_parse (const char *text,
                     guint8     *uuid)
{
  static const guint dashes[] = { 8, 13, 18, 23 };
  char digits[2 * MESH_CDB_UUID_SIZE + 1];
  gsize len = strlen (text);

  if (len == 2 * MESH_CDB_UUID_SIZE)
    return mesh_cdb_hex_parse (text, uuid, MESH_CDB_UUID_SIZE);
  if (len != MESH_CDB_UUID_STRING_LEN)
    return FALSE;

  for (guint i = 0, d = 0, n = 0; i < len; i++)
    {
      if (d < G_N_ELEMENTS (dashes) && i == dashes[d])
        {
          if (text[i] != '-')
            return FALSE;
          d++;
          continue;
        }
      digits[n++] = text[i];
    }
  digits[2 * MESH_CDB_UUID_SIZE] = '\0';
  return mesh_cdb_hex_parse (digits, uuid, MESH_CDB_UUID_SIZE);
}

/**
 * mesh_cdb_uuid_format:
 * @uuid: 16 bytes
 * @text: (out caller-allocates): room for %MESH_CDB_UUID_STRING_LEN + 1 chars
 *
 * Writes @uuid in the 8-4-4-4-12 form, upper case.
 */
void
mesh_cdb_uuid_format (const guint8 *uuid,
                      char         *text)
{
  static const char hex[] = "0123456789ABCDEF";
  char *p = text;

  for (guint i = 0; i < MESH_CDB_UUID_SIZE; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[uuid[i] >> 4];
      *p++ = hex[uuid[i] & 0xF];
    }
  *p = '\0';
}

/* Private helpers of mesh-cdb-private.h */

gboolean
mesh_cdb_set_error (GError     **error,
                    const char  *format,
                    ...)
{
  g_autofree char *message = NULL;
  g_autofree char *rest = NULL;
  va_list args;
  gunichar first;

  va_start (args, format);
  rest = g_strdup_vprintf (format, args);
  va_end (args);
  /* Messages quote what the file holds, which may be any bytes. */
  message = g_utf8_make_valid (rest, -1);
  g_clear_pointer (&rest, g_free);

  /* The description an error starts with is written in lower case so it
   * can also stand inside a sentence. */
  first = g_utf8_get_char (message);
  if (g_unichar_islower (first))
    {
      char upper[8] = { 0 };
      const char *tail = g_utf8_next_char (message);

      g_unichar_to_utf8 (g_unichar_totitle (first), upper);
      rest = g_strconcat (upper, tail, NULL);
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_DATA, rest);
    }
  else
    g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_DATA, message);
  return FALSE;
}

char *
mesh_cdb_describe_node (const MeshCdbNode *node)
{
  char uuid[MESH_CDB_UUID_STRING_LEN + 1];

  if (node->name != NULL && node->name[0] != '\0')
    return g_strdup_printf (_("node “%s”"), node->name);

  mesh_cdb_uuid_format (node->uuid, uuid);
  return g_strdup_printf (_("the node with UUID %s"), uuid);
}

char *
mesh_cdb_format_address (const MeshCdbAddress *address)
{
  if (address->is_virtual)
    {
      char uuid[MESH_CDB_UUID_STRING_LEN + 1];

      mesh_cdb_uuid_format (address->label, uuid);
      return g_strdup_printf (_("the virtual label %s"), uuid);
    }
  return g_strdup_printf ("0x%04X", address->value);
}

guint
mesh_cdb_uuid_hash (gconstpointer uuid)
{
  guint hash;

  /* Random UUIDs: any four bytes are a good hash. */
  memcpy (&hash, (const guint8 *) uuid + MESH_CDB_UUID_SIZE - sizeof hash, sizeof hash);
  return hash;
}

gboolean
mesh_cdb_uuid_equal (gconstpointer a,
                     gconstpointer b)
{
  return memcmp (a, b, MESH_CDB_UUID_SIZE) == 0;
}

typedef struct
{
  gpointer       data;
  GDestroyNotify free_func;
} FreeLater;

static gpointer
free_thread (gpointer user_data)
{
  FreeLater *later = user_data;

  later->free_func (later->data);
  g_free (later);
  return NULL;
}

void
mesh_cdb_free_in_thread (gpointer       data,
                         GDestroyNotify free_func,
                         gboolean       in_thread)
{
  FreeLater *later;

  if (data == NULL)
    return;
  if (!in_thread)
    {
      free_func (data);
      return;
    }

  later = g_new (FreeLater, 1);
  later->data = data;
  later->free_func = free_func;
  g_thread_unref (g_thread_new ("mesh-cdb-free", free_thread, later));
}
