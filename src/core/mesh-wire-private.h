/* mesh-wire-private.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Bounds-checked reading and little-endian writing shared by the wire
 * format files. Every read goes through MeshReader, so a decoder cannot
 * look past the end of its buffer even when a length check is wrong; a
 * read past the end fails and yields zero. */

#include <glib.h>

#include "mesh-wire.h"

G_BEGIN_DECLS

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
} MeshReader;

static inline void
mesh_reader_init (MeshReader   *reader,
                  const guint8 *data,
                  gsize         len)
{
  reader->data = data;
  reader->len = data != NULL ? len : 0;
  reader->pos = 0;
}

static inline gsize
mesh_reader_remaining (const MeshReader *reader)
{
  return reader->len - reader->pos;
}

static inline gboolean
mesh_reader_u8 (MeshReader *reader,
                guint8     *value)
{
  if (mesh_reader_remaining (reader) < 1)
    {
      *value = 0;
      return FALSE;
    }

  *value = reader->data[reader->pos++];
  return TRUE;
}

static inline gboolean
mesh_reader_le16 (MeshReader *reader,
                  guint16    *value)
{
  if (mesh_reader_remaining (reader) < 2)
    {
      *value = 0;
      return FALSE;
    }

  *value = (guint16) (reader->data[reader->pos] | (reader->data[reader->pos + 1] << 8));
  reader->pos += 2;
  return TRUE;
}

static inline gboolean
mesh_reader_be16 (MeshReader *reader,
                  guint16    *value)
{
  if (mesh_reader_remaining (reader) < 2)
    {
      *value = 0;
      return FALSE;
    }

  *value = (guint16) ((reader->data[reader->pos] << 8) | reader->data[reader->pos + 1]);
  reader->pos += 2;
  return TRUE;
}

static inline gboolean
mesh_reader_le24 (MeshReader *reader,
                  guint32    *value)
{
  if (mesh_reader_remaining (reader) < 3)
    {
      *value = 0;
      return FALSE;
    }

  *value = (guint32) reader->data[reader->pos]
           | ((guint32) reader->data[reader->pos + 1] << 8)
           | ((guint32) reader->data[reader->pos + 2] << 16);
  reader->pos += 3;
  return TRUE;
}

static inline gboolean
mesh_reader_le32 (MeshReader *reader,
                  guint32    *value)
{
  if (mesh_reader_remaining (reader) < 4)
    {
      *value = 0;
      return FALSE;
    }

  *value = (guint32) reader->data[reader->pos]
           | ((guint32) reader->data[reader->pos + 1] << 8)
           | ((guint32) reader->data[reader->pos + 2] << 16)
           | ((guint32) reader->data[reader->pos + 3] << 24);
  reader->pos += 4;
  return TRUE;
}

static inline gboolean
mesh_reader_bytes (MeshReader    *reader,
                   gsize          n,
                   const guint8 **bytes)
{
  if (mesh_reader_remaining (reader) < n)
    {
      *bytes = NULL;
      return FALSE;
    }

  *bytes = reader->data + reader->pos;
  reader->pos += n;
  return TRUE;
}

/* A SIG model identifier is 2 octets, a vendor one 4: the company ID then
 * the model ID, both little-endian. */
static inline gboolean
mesh_reader_model_id (MeshReader  *reader,
                      gboolean     vendor,
                      MeshModelId *model)
{
  guint16 first, second;

  *model = mesh_model_id_sig (0);

  if (!mesh_reader_le16 (reader, &first))
    return FALSE;

  if (!vendor)
    {
      *model = mesh_model_id_sig (first);
      return TRUE;
    }

  if (!mesh_reader_le16 (reader, &second))
    return FALSE;

  *model = mesh_model_id_vendor (first, second);
  return TRUE;
}

/* Lengths for "%u" in translatable messages: xgettext cannot expand
 * G_GSIZE_FORMAT. */
static inline guint
mesh_length_arg (gsize len)
{
  return len > G_MAXUINT ? G_MAXUINT : (guint) len;
}

static inline void
mesh_append_u8 (GByteArray *array,
                guint8      value)
{
  g_byte_array_append (array, &value, 1);
}

static inline void
mesh_append_le16 (GByteArray *array,
                  guint16     value)
{
  guint8 bytes[2] = { value & 0xff, value >> 8 };

  g_byte_array_append (array, bytes, sizeof bytes);
}

static inline void
mesh_append_be16 (GByteArray *array,
                  guint16     value)
{
  guint8 bytes[2] = { value >> 8, value & 0xff };

  g_byte_array_append (array, bytes, sizeof bytes);
}

static inline void
mesh_append_le24 (GByteArray *array,
                  guint32     value)
{
  guint8 bytes[3] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff };

  g_byte_array_append (array, bytes, sizeof bytes);
}

static inline void
mesh_append_le32 (GByteArray *array,
                  guint32     value)
{
  guint8 bytes[4] = {
    value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24
  };

  g_byte_array_append (array, bytes, sizeof bytes);
}

static inline void
mesh_append_model_id (GByteArray  *array,
                      MeshModelId  model)
{
  if (model.vendor)
    mesh_append_le16 (array, model.company_id);
  mesh_append_le16 (array, model.model_id);
}

G_END_DECLS
