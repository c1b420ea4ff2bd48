/* mesh-config-types.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-config-types.h"

#define DEFINE_ENUM_TYPE(TypeName, type_name, ...)                       \
  GType                                                                 \
  type_name##_get_type (void)                                           \
  {                                                                     \
    static gsize type_id = 0;                                           \
    static const GEnumValue values[] = { __VA_ARGS__, { 0, NULL, NULL } }; \
                                                                        \
    if (g_once_init_enter (&type_id))                                   \
      g_once_init_leave (&type_id, g_enum_register_static (#TypeName, values)); \
    return type_id;                                                     \
  }

DEFINE_ENUM_TYPE (MeshSecurity, mesh_security,
                  { MESH_SECURITY_INSECURE, "MESH_SECURITY_INSECURE", "insecure" },
                  { MESH_SECURITY_SECURE, "MESH_SECURITY_SECURE", "secure" })

DEFINE_ENUM_TYPE (MeshFeatureState, mesh_feature_state,
                  { MESH_FEATURE_STATE_DISABLED, "MESH_FEATURE_STATE_DISABLED", "disabled" },
                  { MESH_FEATURE_STATE_ENABLED, "MESH_FEATURE_STATE_ENABLED", "enabled" },
                  { MESH_FEATURE_STATE_NOT_SUPPORTED, "MESH_FEATURE_STATE_NOT_SUPPORTED", "not-supported" },
                  { MESH_FEATURE_STATE_UNKNOWN, "MESH_FEATURE_STATE_UNKNOWN", "unknown" })

DEFINE_ENUM_TYPE (MeshKeyRefreshPhase, mesh_key_refresh_phase,
                  { MESH_KEY_REFRESH_PHASE_NORMAL, "MESH_KEY_REFRESH_PHASE_NORMAL", "normal" },
                  { MESH_KEY_REFRESH_PHASE_1, "MESH_KEY_REFRESH_PHASE_1", "phase-1" },
                  { MESH_KEY_REFRESH_PHASE_2, "MESH_KEY_REFRESH_PHASE_2", "phase-2" })

GType
mesh_features_get_type (void)
{
  static gsize type_id = 0;
  static const GFlagsValue values[] = {
    { MESH_FEATURES_NONE, "MESH_FEATURES_NONE", "none" },
    { MESH_FEATURES_RELAY, "MESH_FEATURES_RELAY", "relay" },
    { MESH_FEATURES_PROXY, "MESH_FEATURES_PROXY", "proxy" },
    { MESH_FEATURES_FRIEND, "MESH_FEATURES_FRIEND", "friend" },
    { MESH_FEATURES_LOW_POWER, "MESH_FEATURES_LOW_POWER", "low-power" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_flags_register_static ("MeshFeatures", values));
  return type_id;
}

/* The boxed value types are plain structs: copy is a memdup. */
#define DEFINE_PLAIN_BOXED(TypeName, type_name)                         \
  TypeName *                                                            \
  type_name##_copy (const TypeName *self)                               \
  {                                                                     \
    return self != NULL ? g_memdup2 (self, sizeof *self) : NULL;        \
  }                                                                     \
                                                                        \
  void                                                                  \
  type_name##_free (TypeName *self)                                     \
  {                                                                     \
    g_free (self);                                                      \
  }                                                                     \
                                                                        \
  G_DEFINE_BOXED_TYPE (TypeName, type_name, type_name##_copy, type_name##_free)

DEFINE_PLAIN_BOXED (MeshDestination, mesh_destination)
DEFINE_PLAIN_BOXED (MeshPublication, mesh_publication)
DEFINE_PLAIN_BOXED (MeshTransmit, mesh_transmit)
DEFINE_PLAIN_BOXED (MeshHeartbeatPublication, mesh_heartbeat_publication)
DEFINE_PLAIN_BOXED (MeshHeartbeatSubscription, mesh_heartbeat_subscription)

void
mesh_destination_init_address (MeshDestination *self,
                               guint16          address)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  self->address = address;
}

void
mesh_destination_init_label (MeshDestination *self,
                             const guint8    *label,
                             guint16          virtual_address)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (label != NULL);

  memset (self, 0, sizeof *self);
  self->address = virtual_address;
  self->has_label = TRUE;
  memcpy (self->label, label, sizeof self->label);
}

gboolean
mesh_destination_equal (const MeshDestination *a,
                        const MeshDestination *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (!!a->has_label != !!b->has_label)
    return FALSE;

  /* A label identifies a virtual address; two labels may share one. */
  if (a->has_label)
    return memcmp (a->label, b->label, sizeof a->label) == 0;

  return a->address == b->address;
}

gboolean
mesh_publication_equal (const MeshPublication *a,
                        const MeshPublication *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return mesh_destination_equal (&a->destination, &b->destination) &&
         a->destination.address == b->destination.address &&
         a->app_key_index == b->app_key_index &&
         a->ttl == b->ttl &&
         a->period_steps == b->period_steps &&
         a->period_resolution == b->period_resolution &&
         a->retransmit_count == b->retransmit_count &&
         a->retransmit_interval_steps == b->retransmit_interval_steps &&
         a->credentials == b->credentials;
}

char *
mesh_uuid_canonicalize (const char *uuid)
{
  char hex[33];
  guint n = 0;

  g_return_val_if_fail (uuid != NULL, NULL);

  for (const char *p = uuid; *p != '\0'; p++)
    {
      /* Dashes only where RFC 4122 puts them, or none at all. */
      if (*p == '-' && (n == 8 || n == 12 || n == 16 || n == 20))
        continue;
      if (!g_ascii_isxdigit (*p) || n == 32)
        return NULL;
      hex[n++] = g_ascii_tolower (*p);
    }

  if (n != 32)
    return NULL;
  hex[32] = '\0';

  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s",
                          hex, hex + 8, hex + 12, hex + 16, hex + 20);
}
