/* mesh-composition.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-composition.h"
#include "mesh-error.h"
#include "mesh-wire-private.h"

/* CID, PID, VID, CRPL and Features, 2 octets each */
#define HEADER_SIZE 10

static void
clear_element (MeshCompositionElement *element)
{
  g_clear_pointer (&element->models, g_free);
}

static gboolean
set_truncated_error (guint    element_number,
                     GError **error)
{
  g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
               _("The node’s composition data is cut short in element %u."),
               element_number);
  return FALSE;
}

static gboolean
read_element (MeshReader              *reader,
              guint                    number,
              MeshCompositionElement  *element,
              GError                 **error)
{
  guint8 n_sig, n_vendor;

  if (!mesh_reader_le16 (reader, &element->location) ||
      !mesh_reader_u8 (reader, &n_sig) ||
      !mesh_reader_u8 (reader, &n_vendor))
    return set_truncated_error (number, error);

  /* Check the whole length first, so that a lying count costs no
   * allocation. */
  if (mesh_reader_remaining (reader) < (gsize) n_sig * 2 + (gsize) n_vendor * 4)
    return set_truncated_error (number, error);

  element->n_models = n_sig + n_vendor;
  element->n_vendor_models = n_vendor;
  element->models = g_new (MeshModelId, element->n_models);

  for (guint i = 0; i < element->n_models; i++)
    {
      if (!mesh_reader_model_id (reader, i >= n_sig, &element->models[i]))
        return set_truncated_error (number, error);

      for (guint j = 0; j < i; j++)
        {
          if (mesh_model_id_equal (element->models[i], element->models[j]))
            {
              MeshModelId model = element->models[i];

              if (model.vendor)
                g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                             _("The node’s composition data lists vendor model 0x%04X of company 0x%04X twice in element %u."),
                             model.model_id, model.company_id, number);
              else
                g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                             _("The node’s composition data lists model 0x%04X twice in element %u."),
                             model.model_id, number);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/**
 * mesh_composition_data_parse:
 * @data: (array length=len): Composition Data page 0, without the Page
 *   field of the status message
 * @len: the length of @data
 * @error: return location for a #GError
 *
 * Decodes page 0 of a node's Composition Data. Element numbers in error
 * messages count from 0, as element indexes do.
 *
 * Returns: (transfer full): the composition, or %NULL with
 *   %MESH_ERROR_INVALID_DATA if @data is cut short, lists no element, or
 *   lists a model twice in one element
 */
MeshCompositionData *
mesh_composition_data_parse (const guint8  *data,
                             gsize          len,
                             GError       **error)
{
  g_autoptr(MeshCompositionData) composition = NULL;
  g_autoptr(GArray) elements = NULL;
  MeshReader reader;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mesh_reader_init (&reader, data, len);
  composition = g_new0 (MeshCompositionData, 1);

  if (!mesh_reader_le16 (&reader, &composition->company_id) ||
      !mesh_reader_le16 (&reader, &composition->product_id) ||
      !mesh_reader_le16 (&reader, &composition->version_id) ||
      !mesh_reader_le16 (&reader, &composition->crpl) ||
      !mesh_reader_le16 (&reader, &composition->features))
    {
      g_set_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                   _("The node’s composition data is cut short: its header needs %d octets and only %u came."),
                   HEADER_SIZE, mesh_length_arg (len));
      return NULL;
    }

  if (mesh_reader_remaining (&reader) == 0)
    {
      g_set_error_literal (error, MESH_ERROR, MESH_ERROR_INVALID_DATA,
                           _("The node’s composition data lists no element, yet every node has at least one."));
      return NULL;
    }

  elements = g_array_new (FALSE, TRUE, sizeof (MeshCompositionElement));
  g_array_set_clear_func (elements, (GDestroyNotify) clear_element);

  while (mesh_reader_remaining (&reader) > 0)
    {
      MeshCompositionElement *element;

      g_array_set_size (elements, elements->len + 1);
      element = &g_array_index (elements, MeshCompositionElement, elements->len - 1);

      if (!read_element (&reader, elements->len - 1, element, error))
        return NULL;
    }

  /* The array's clear function must not run on the elements we keep. */
  g_array_set_clear_func (elements, NULL);
  composition->n_elements = elements->len;
  composition->elements = (MeshCompositionElement *) g_array_free (g_steal_pointer (&elements), FALSE);

  return g_steal_pointer (&composition);
}

/**
 * mesh_composition_data_serialize:
 * @composition: a composition
 *
 * Encodes @composition as Composition Data page 0. Within each element the
 * SIG models are written before the vendor models, as the format requires.
 *
 * Returns: (transfer full): the page's octets
 */
GBytes *
mesh_composition_data_serialize (const MeshCompositionData *composition)
{
  g_autoptr(GByteArray) array = NULL;

  g_return_val_if_fail (composition != NULL, NULL);

  array = g_byte_array_new ();
  mesh_append_le16 (array, composition->company_id);
  mesh_append_le16 (array, composition->product_id);
  mesh_append_le16 (array, composition->version_id);
  mesh_append_le16 (array, composition->crpl);
  mesh_append_le16 (array, composition->features);

  for (guint i = 0; i < composition->n_elements; i++)
    {
      const MeshCompositionElement *element = &composition->elements[i];
      guint n_vendor = 0;

      for (guint j = 0; j < element->n_models; j++)
        n_vendor += element->models[j].vendor ? 1 : 0;

      g_return_val_if_fail (element->n_models - n_vendor <= G_MAXUINT8 && n_vendor <= G_MAXUINT8, NULL);

      mesh_append_le16 (array, element->location);
      mesh_append_u8 (array, (guint8) (element->n_models - n_vendor));
      mesh_append_u8 (array, (guint8) n_vendor);

      for (guint pass = 0; pass < 2; pass++)
        for (guint j = 0; j < element->n_models; j++)
          if ((element->models[j].vendor != FALSE) == (pass == 1))
            mesh_append_model_id (array, element->models[j]);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&array));
}

void
mesh_composition_data_free (MeshCompositionData *composition)
{
  if (composition == NULL)
    return;

  for (guint i = 0; i < composition->n_elements; i++)
    clear_element (&composition->elements[i]);
  g_free (composition->elements);
  g_free (composition);
}

gboolean
mesh_composition_element_has_model (const MeshCompositionElement *element,
                                    MeshModelId                   model)
{
  g_return_val_if_fail (element != NULL, FALSE);

  for (guint i = 0; i < element->n_models; i++)
    if (mesh_model_id_equal (element->models[i], model))
      return TRUE;

  return FALSE;
}
