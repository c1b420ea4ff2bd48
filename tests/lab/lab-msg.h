/* lab-msg.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Access-layer messages of the lab's simulated product and of the lab
 * tests, kept apart from the app's own wire-format code on purpose: the lab
 * is an independent implementation to test the app against. Opcodes are
 * held as their wire bytes read big-endian (0x8202, 0xC105F1, ...). */

#define LAB_OP_APPKEY_STATUS          0x8003
#define LAB_OP_COMPOSITION_GET        0x8008
#define LAB_OP_COMPOSITION_STATUS     0x02
#define LAB_OP_MODEL_APP_BIND         0x803D
#define LAB_OP_MODEL_APP_STATUS       0x803E
#define LAB_OP_MODEL_PUB_SET          0x03
#define LAB_OP_MODEL_PUB_STATUS       0x8019

#define LAB_OP_ONOFF_GET              0x8201
#define LAB_OP_ONOFF_SET              0x8202
#define LAB_OP_ONOFF_SET_UNACK        0x8203
#define LAB_OP_ONOFF_STATUS           0x8204
#define LAB_OP_LEVEL_GET              0x8205
#define LAB_OP_LEVEL_SET              0x8206
#define LAB_OP_LEVEL_SET_UNACK        0x8207
#define LAB_OP_LEVEL_STATUS           0x8208
#define LAB_OP_LEVEL_DELTA_SET        0x8209
#define LAB_OP_LEVEL_DELTA_SET_UNACK  0x820A

#define LAB_MODEL_CONFIG_SERVER       0x0000
#define LAB_MODEL_CONFIG_CLIENT       0x0001
#define LAB_MODEL_ONOFF_SERVER        0x1000
#define LAB_MODEL_ONOFF_CLIENT        0x1001
#define LAB_MODEL_LEVEL_SERVER        0x1002

/* The product's vendor model, and its one message pair: Echo (vendor
 * opcode 0x01) is answered by Echo Status (0x02) with the same payload. */
#define LAB_VENDOR_MODEL_ID           0x0001
#define LAB_VENDOR_OP_ECHO            0x01
#define LAB_VENDOR_OP_ECHO_STATUS     0x02

#define LAB_MAX_ELEMENTS 8
#define LAB_MAX_MODELS   16

typedef struct {
  guint16 location;
  guint n_models;
  guint16 models[LAB_MAX_MODELS];
  guint n_vendor_models;
  guint32 vendor_models[LAB_MAX_MODELS]; /* company << 16 | model */
} LabElement;

typedef struct {
  guint16 cid;
  guint16 pid;
  guint16 vid;
  guint16 crpl;
  guint16 features;
  guint n_elements;
  LabElement elements[LAB_MAX_ELEMENTS];
} LabComposition;

guint32  lab_vendor_opcode        (guint8        op,
                                   guint16       company);
gsize    lab_msg_put_opcode       (guint8       *out,
                                   guint32       opcode);
gboolean lab_msg_get_opcode       (const guint8 *data,
                                   gsize         len,
                                   guint32      *opcode,
                                   gsize        *opcode_len);
GBytes  *lab_msg_new              (guint32       opcode,
                                   const guint8 *params,
                                   gsize         params_len);
gboolean lab_parse_composition    (const guint8 *data,
                                   gsize         len,
                                   LabComposition *composition);
gboolean lab_element_has_model    (const LabElement *element,
                                   guint16       model);

G_END_DECLS
