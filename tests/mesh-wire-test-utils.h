/* mesh-wire-test-utils.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Helpers for the wire format tests: byte strings written as hex, with
 * spaces allowed between fields so that each test can show the layout. */

#include <string.h>

#include <glib.h>

#include "mesh-error.h"

static inline GBytes *
hex_to_bytes (const char *hex)
{
  g_autoptr(GByteArray) array = g_byte_array_new ();
  int high = -1;

  for (const char *p = hex; *p != '\0'; p++)
    {
      int digit;

      if (g_ascii_isspace (*p))
        continue;

      digit = g_ascii_xdigit_value (*p);
      g_assert_cmpint (digit, >=, 0);

      if (high < 0)
        {
          high = digit;
        }
      else
        {
          guint8 octet = (guint8) (high << 4 | digit);

          g_byte_array_append (array, &octet, 1);
          high = -1;
        }
    }

  g_assert_cmpint (high, ==, -1);
  return g_byte_array_free_to_bytes (g_steal_pointer (&array));
}

/* Fills a fixed-size buffer, e.g. a key or a UUID. */
static inline void
hex_to_buffer (const char *hex,
               guint8     *buffer,
               gsize       size)
{
  g_autoptr(GBytes) bytes = hex_to_bytes (hex);

  g_assert_cmpuint (g_bytes_get_size (bytes), ==, size);
  memcpy (buffer, g_bytes_get_data (bytes, NULL), size);
}

#define assert_bytes_hex(bytes, hex) \
  G_STMT_START { \
    g_autoptr(GBytes) assert_expected = hex_to_bytes (hex); \
    GBytes *assert_actual = (bytes); \
    g_assert_nonnull (assert_actual); \
    g_assert_cmpmem (g_bytes_get_data (assert_actual, NULL), g_bytes_get_size (assert_actual), \
                     g_bytes_get_data (assert_expected, NULL), g_bytes_get_size (assert_expected)); \
  } G_STMT_END

/* Checks that a message builder or decoder failed with @code, and that the
 * message is a sentence. */
#define assert_failed_with(result, error, code) \
  G_STMT_START { \
    g_assert_false (result); \
    g_assert_error ((error), MESH_ERROR, (code)); \
    g_assert_true (g_str_has_suffix ((error)->message, ".")); \
    g_clear_error (&(error)); \
  } G_STMT_END

/* Checks a message builder that must succeed. The expression may use
 * `error`, a GError ** set up here, so that each line of a test reads like
 * the message it makes. */
#define assert_message(expr, hex) \
  G_STMT_START { \
    g_autoptr(GError) assert_error = NULL; \
    GError **error = &assert_error; \
    g_autoptr(GBytes) assert_message_bytes = ((void) error, (expr)); \
    g_assert_no_error (assert_error); \
    assert_bytes_hex (assert_message_bytes, hex); \
  } G_STMT_END

/* Checks a message builder that must refuse its arguments. */
#define assert_refused(expr) \
  G_STMT_START { \
    g_autoptr(GError) assert_error = NULL; \
    GError **error = &assert_error; \
    g_autoptr(GBytes) assert_message_bytes = (expr); \
    assert_failed_with (assert_message_bytes, assert_error, MESH_ERROR_INVALID_ARGUMENT); \
  } G_STMT_END

/* Calls @func on each seed of the fuzz target @target, whose seeds must all
 * be valid inputs, or the fuzzer starts from nowhere. Returns the number of
 * seeds, 0 after skipping the test when the source root is unknown. */
static inline guint
for_each_fuzz_seed (const char *target,
                    void      (*func) (const guint8 *data,
                                       gsize         len,
                                       const char   *name))
{
  const char *root = g_getenv ("MESH_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;

  if (root == NULL)
    {
      g_test_skip ("MESH_SOURCE_ROOT is not set");
      return 0;
    }

  path = g_build_filename (root, "tests", "fuzz", "corpus", target, NULL);
  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (file, &contents, &len, &error));
      func ((const guint8 *) contents, len, name);
      n++;
    }

  g_assert_cmpuint (n, >, 0);
  return n;
}
