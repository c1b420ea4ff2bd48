/* fuzz-cdb.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CDB import: the reader and its validation over any bytes. What is
 * refused must come with a sentence; what is accepted must validate, and
 * writing it, reading that back and writing again must give the same text
 * (the writer's output is canonical and readable by the reader). */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mesh-cdb-reader.h"
#include "mesh-cdb-writer.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) input = g_bytes_new (data, size);
  g_autoptr(MeshCdbDocument) document = NULL;
  g_autoptr(MeshCdbDocument) again = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;

  document = mesh_cdb_reader_read_bytes (input, NULL, NULL, &error);
  if (document == NULL)
    {
      g_assert (error != NULL && error->message != NULL && error->message[0] != '\0');
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  if (!mesh_cdb_document_validate (document, &error))
    abort ();

  first = mesh_cdb_writer_write_bytes (document, NULL, NULL, NULL);
  again = mesh_cdb_reader_read_bytes (first, NULL, NULL, &error);
  if (again == NULL)
    abort ();
  second = mesh_cdb_writer_write_bytes (again, NULL, NULL, NULL);
  if (!g_bytes_equal (first, second))
    abort ();

  return 0;
}
