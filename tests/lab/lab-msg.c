/* lab-msg.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-msg.h"

#include <string.h>

guint32
lab_vendor_opcode (guint8  op,
                   guint16 company)
{
  /* 0b11xxxxxx, then the company identifier little-endian */
  return (guint32) (0xC0 | (op & 0x3F)) << 16 | (company & 0xFF) << 8 | company >> 8;
}

gsize
lab_msg_put_opcode (guint8  *out,
                    guint32  opcode)
{
  if (opcode > 0xFFFF)
    {
      out[0] = opcode >> 16;
      out[1] = opcode >> 8;
      out[2] = opcode;
      return 3;
    }
  if (opcode > 0xFF)
    {
      out[0] = opcode >> 8;
      out[1] = opcode;
      return 2;
    }
  out[0] = opcode;
  return 1;
}

gboolean
lab_msg_get_opcode (const guint8 *data,
                    gsize         len,
                    guint32      *opcode,
                    gsize        *opcode_len)
{
  gsize n;

  if (len < 1 || data[0] == 0x7F)
    return FALSE;

  if ((data[0] & 0xC0) == 0xC0)
    n = 3;
  else if (data[0] & 0x80)
    n = 2;
  else
    n = 1;

  if (len < n)
    return FALSE;

  *opcode = 0;
  for (gsize i = 0; i < n; i++)
    *opcode = *opcode << 8 | data[i];
  *opcode_len = n;

  return TRUE;
}

GBytes *
lab_msg_new (guint32       opcode,
             const guint8 *params,
             gsize         params_len)
{
  guint8 *data = g_malloc (3 + params_len);
  gsize n = lab_msg_put_opcode (data, opcode);

  if (params_len)
    memcpy (data + n, params, params_len);

  return g_bytes_new_take (data, n + params_len);
}

gboolean
lab_parse_composition (const guint8   *data,
                       gsize           len,
                       LabComposition *composition)
{
  gsize pos = 10;

  /* page 0: CID, PID, VID, CRPL, Features, then the elements */
  memset (composition, 0, sizeof *composition);
  if (len < pos)
    return FALSE;

  composition->cid = data[0] | data[1] << 8;
  composition->pid = data[2] | data[3] << 8;
  composition->vid = data[4] | data[5] << 8;
  composition->crpl = data[6] | data[7] << 8;
  composition->features = data[8] | data[9] << 8;

  while (pos < len)
    {
      LabElement *element;
      guint n_sig, n_vendor;

      if (composition->n_elements == LAB_MAX_ELEMENTS || len - pos < 4)
        return FALSE;

      element = &composition->elements[composition->n_elements++];
      element->location = data[pos] | data[pos + 1] << 8;
      n_sig = data[pos + 2];
      n_vendor = data[pos + 3];
      pos += 4;

      if (n_sig > LAB_MAX_MODELS || n_vendor > LAB_MAX_MODELS
          || len - pos < n_sig * 2 + n_vendor * 4)
        return FALSE;

      for (guint i = 0; i < n_sig; i++, pos += 2)
        element->models[element->n_models++] = data[pos] | data[pos + 1] << 8;
      for (guint i = 0; i < n_vendor; i++, pos += 4)
        element->vendor_models[element->n_vendor_models++] =
          (guint32) (data[pos] | data[pos + 1] << 8) << 16 | (data[pos + 2] | data[pos + 3] << 8);
    }

  return TRUE;
}

gboolean
lab_element_has_model (const LabElement *element,
                       guint16           model)
{
  for (guint i = 0; i < element->n_models; i++)
    if (element->models[i] == model)
      return TRUE;

  return FALSE;
}
