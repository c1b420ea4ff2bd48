/* test-composition.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-composition.h"
#include "mesh-wire-test-utils.h"

/* A two-element light. */
#define LIGHT_HEADER \
  "5900"      /* CID 0x0059, Nordic Semiconductor */ \
  "0100"      /* PID 0x0001 */ \
  "0200"      /* VID 0x0002 */ \
  "2800"      /* CRPL 40 */ \
  "0700"      /* features: relay, proxy, friend */
#define LIGHT_ELEMENT_0 \
  "0000"      /* location: unknown */ \
  "03" "01"   /* three SIG models, one vendor model */ \
  "0000"      /* Configuration Server */ \
  "0200"      /* Health Server */ \
  "0010"      /* Generic OnOff Server */ \
  "5900 0100" /* vendor model 0x0001 of company 0x0059 */
#define LIGHT_ELEMENT_1 \
  "0101"      /* location: 0x0101 */ \
  "01" "00"   /* one SIG model */ \
  "0210"      /* Generic Level Server */
#define LIGHT LIGHT_HEADER LIGHT_ELEMENT_0 LIGHT_ELEMENT_1

static MeshCompositionData *
parse_hex (const char  *hex,
           GError     **error)
{
  g_autoptr(GBytes) bytes = hex_to_bytes (hex);

  return mesh_composition_data_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

static void
test_parse (void)
{
  g_autoptr(MeshCompositionData) composition = NULL;
  g_autoptr(GError) error = NULL;
  const MeshCompositionElement *element;

  composition = parse_hex (LIGHT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (composition);

  g_assert_cmphex (composition->company_id, ==, 0x0059);
  g_assert_cmphex (composition->product_id, ==, 0x0001);
  g_assert_cmphex (composition->version_id, ==, 0x0002);
  g_assert_cmpuint (composition->crpl, ==, 40);
  g_assert_cmphex (composition->features, ==, MESH_FEATURES_RELAY | MESH_FEATURES_PROXY | MESH_FEATURES_FRIEND);
  g_assert_cmpuint (composition->n_elements, ==, 2);

  element = &composition->elements[0];
  g_assert_cmphex (element->location, ==, 0x0000);
  g_assert_cmpuint (element->n_models, ==, 4);
  g_assert_cmpuint (element->n_vendor_models, ==, 1);
  g_assert_true (mesh_model_id_equal (element->models[0], mesh_model_id_sig (0x0000)));
  g_assert_true (mesh_model_id_equal (element->models[1], mesh_model_id_sig (0x0002)));
  g_assert_true (mesh_model_id_equal (element->models[2], mesh_model_id_sig (0x1000)));
  g_assert_true (element->models[3].vendor);
  g_assert_cmphex (element->models[3].company_id, ==, 0x0059);
  g_assert_cmphex (element->models[3].model_id, ==, 0x0001);
  g_assert_true (mesh_composition_element_has_model (element, mesh_model_id_sig (0x1000)));
  g_assert_false (mesh_composition_element_has_model (element, mesh_model_id_sig (0x1002)));
  g_assert_true (mesh_composition_element_has_model (element, mesh_model_id_vendor (0x0059, 0x0001)));
  g_assert_false (mesh_composition_element_has_model (element, mesh_model_id_vendor (0x0059, 0x0002)));

  element = &composition->elements[1];
  g_assert_cmphex (element->location, ==, 0x0101);
  g_assert_cmpuint (element->n_models, ==, 1);
  g_assert_cmpuint (element->n_vendor_models, ==, 0);
  g_assert_true (mesh_model_id_equal (element->models[0], mesh_model_id_sig (0x1002)));
}

static void
test_element_without_models (void)
{
  g_autoptr(MeshCompositionData) composition = NULL;
  g_autoptr(GError) error = NULL;

  /* RFU feature bits are kept as the node sent them. */
  composition = parse_hex ("0000 0000 0000 0a00 1080" "0000 0000", &error);
  g_assert_no_error (error);
  g_assert_cmphex (composition->features, ==, 0x8010);
  g_assert_cmpuint (composition->n_elements, ==, 1);
  g_assert_cmpuint (composition->elements[0].n_models, ==, 0);
}

static void
test_serialize (void)
{
  g_autoptr(MeshCompositionData) composition = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  MeshModelId swapped;

  composition = parse_hex (LIGHT, &error);
  g_assert_no_error (error);

  bytes = mesh_composition_data_serialize (composition);
  assert_bytes_hex (bytes, LIGHT);

  /* SIG models are written first even when a caller lists a vendor one
   * before them. */
  swapped = composition->elements[0].models[0];
  composition->elements[0].models[0] = composition->elements[0].models[3];
  composition->elements[0].models[3] = swapped;
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = mesh_composition_data_serialize (composition);
  assert_bytes_hex (bytes, LIGHT_HEADER
                    "0000 0301" "0200 0010 0000" "5900 0100"
                    LIGHT_ELEMENT_1);
}

/* Every prefix of a valid page is malformed, except the one that ends
 * right after a whole element. */
static void
test_truncated (void)
{
  g_autoptr(GBytes) bytes = hex_to_bytes (LIGHT);
  g_autoptr(GBytes) first = hex_to_bytes (LIGHT_HEADER LIGHT_ELEMENT_0);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes);

  for (gsize len = 0; len < size; len++)
    {
      g_autoptr(MeshCompositionData) composition = NULL;
      g_autoptr(GError) error = NULL;

      /* A copy of exactly len octets, so that a read past the end is
       * caught by the address sanitizer. */
      g_autofree guint8 *copy = g_memdup2 (data, len);

      composition = mesh_composition_data_parse (copy, len, &error);
      if (len == g_bytes_get_size (first))
        {
          g_assert_no_error (error);
          g_assert_cmpuint (composition->n_elements, ==, 1);
        }
      else
        {
          assert_failed_with (composition, error, MESH_ERROR_INVALID_DATA);
        }
    }
}

static void
test_malformed (void)
{
  static const char * const malformed[] = {
    /* the header alone: no element */
    LIGHT_HEADER,
    /* a header cut short */
    "5900 0100 0200 2800 07",
    /* NumS promises 255 models */
    LIGHT_HEADER "0000 ff00 0000",
    /* NumV promises a vendor model that is not there */
    LIGHT_HEADER "0000 0001 5900",
    /* an element header cut short after a valid element */
    LIGHT_HEADER LIGHT_ELEMENT_0 "00",
    /* a SIG model twice in one element */
    LIGHT_HEADER "0000 0200 0010 0010",
    /* a vendor model twice in one element */
    LIGHT_HEADER "0000 0002 5900 0100 5900 0100",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(MeshCompositionData) composition = NULL;
      g_autoptr(GError) error = NULL;

      composition = parse_hex (malformed[i], &error);
      assert_failed_with (composition, error, MESH_ERROR_INVALID_DATA);
    }
}

static void
test_same_model_in_two_elements (void)
{
  g_autoptr(MeshCompositionData) composition = NULL;
  g_autoptr(GError) error = NULL;

  /* The same model on two elements is normal; on one it is not. */
  composition = parse_hex (LIGHT_HEADER "0000 0100 0010" "0000 0100 0010", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (composition->n_elements, ==, 2);
}

static void
check_seed (const guint8 *data,
            gsize         len,
            const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MeshCompositionData) composition = mesh_composition_data_parse (data, len, &error);

  if (composition == NULL)
    g_error ("seed %s: %s", name, error->message);
}

static void
test_fuzz_seeds (void)
{
  for_each_fuzz_seed ("composition", check_seed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/composition/parse", test_parse);
  g_test_add_func ("/composition/element-without-models", test_element_without_models);
  g_test_add_func ("/composition/serialize", test_serialize);
  g_test_add_func ("/composition/truncated", test_truncated);
  g_test_add_func ("/composition/malformed", test_malformed);
  g_test_add_func ("/composition/same-model-in-two-elements", test_same_model_in_two_elements);
  g_test_add_func ("/composition/fuzz-seeds", test_fuzz_seeds);

  return g_test_run ();
}
