/* mesh-scanned-device.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mesh-scanned-device-private.h"
#include "mesh-uuid.h"

/* Weight of a new RSSI value in the smoothed one. */
#define RSSI_WEIGHT 0.25

struct _MeshScannedDevice
{
  GObject  parent_instance;

  GBytes  *uuid;
  char    *uuid_string;
  double   rssi;
  int      last_rssi;
  gboolean has_oob_info;
  guint16  oob_info;
  GBytes  *uri_hash;
  gint64   first_seen;
  gint64   last_seen;
  guint    beacon_count;
  guint16  via;
  gboolean heard_locally;
};

G_DEFINE_FINAL_TYPE (MeshScannedDevice, mesh_scanned_device, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_UUID_STRING,
  PROP_RSSI,
  PROP_LAST_RSSI,
  PROP_OOB_INFO,
  PROP_URI_HASH,
  PROP_FIRST_SEEN,
  PROP_LAST_SEEN,
  PROP_BEACON_COUNT,
  PROP_VIA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
rounded_rssi (double rssi)
{
  return (int) (rssi < 0 ? rssi - 0.5 : rssi + 0.5);
}

static void
mesh_scanned_device_finalize (GObject *object)
{
  MeshScannedDevice *self = MESH_SCANNED_DEVICE (object);

  g_clear_pointer (&self->uuid, g_bytes_unref);
  g_clear_pointer (&self->uri_hash, g_bytes_unref);
  g_free (self->uuid_string);

  G_OBJECT_CLASS (mesh_scanned_device_parent_class)->finalize (object);
}

static void
mesh_scanned_device_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MeshScannedDevice *self = MESH_SCANNED_DEVICE (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_boxed (value, self->uuid);
      break;
    case PROP_UUID_STRING:
      g_value_set_string (value, self->uuid_string);
      break;
    case PROP_RSSI:
      g_value_set_int (value, rounded_rssi (self->rssi));
      break;
    case PROP_LAST_RSSI:
      g_value_set_int (value, self->last_rssi);
      break;
    case PROP_OOB_INFO:
      g_value_set_uint (value, self->oob_info);
      break;
    case PROP_URI_HASH:
      g_value_set_boxed (value, self->uri_hash);
      break;
    case PROP_FIRST_SEEN:
      g_value_set_int64 (value, self->first_seen);
      break;
    case PROP_LAST_SEEN:
      g_value_set_int64 (value, self->last_seen);
      break;
    case PROP_BEACON_COUNT:
      g_value_set_uint (value, self->beacon_count);
      break;
    case PROP_VIA:
      g_value_set_uint (value, self->via);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_scanned_device_class_init (MeshScannedDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mesh_scanned_device_finalize;
  object_class->get_property = mesh_scanned_device_get_property;

  properties[PROP_UUID] = g_param_spec_boxed ("uuid", NULL, NULL, G_TYPE_BYTES, flags);
  properties[PROP_UUID_STRING] = g_param_spec_string ("uuid-string", NULL, NULL, NULL, flags);
  properties[PROP_RSSI] = g_param_spec_int ("rssi", NULL, NULL, G_MININT16, G_MAXINT16, 0, flags);
  properties[PROP_LAST_RSSI] = g_param_spec_int ("last-rssi", NULL, NULL,
                                                 G_MININT16, G_MAXINT16, 0, flags);
  properties[PROP_OOB_INFO] = g_param_spec_uint ("oob-info", NULL, NULL, 0, G_MAXUINT16, 0, flags);
  properties[PROP_URI_HASH] = g_param_spec_boxed ("uri-hash", NULL, NULL, G_TYPE_BYTES, flags);
  properties[PROP_FIRST_SEEN] = g_param_spec_int64 ("first-seen", NULL, NULL,
                                                    0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_SEEN] = g_param_spec_int64 ("last-seen", NULL, NULL,
                                                   0, G_MAXINT64, 0, flags);
  properties[PROP_BEACON_COUNT] = g_param_spec_uint ("beacon-count", NULL, NULL,
                                                     0, G_MAXUINT, 0, flags);
  properties[PROP_VIA] = g_param_spec_uint ("via", NULL, NULL, 0, G_MAXUINT16, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_scanned_device_init (MeshScannedDevice *self)
{
}

MeshScannedDevice *
mesh_scanned_device_new (const MeshUnprovisionedBeacon *beacon,
                         int                            rssi,
                         guint16                        via,
                         gint64                         now)
{
  MeshScannedDevice *self;

  g_return_val_if_fail (beacon != NULL, NULL);

  self = g_object_new (MESH_TYPE_SCANNED_DEVICE, NULL);
  self->uuid = g_bytes_new (beacon->uuid, sizeof beacon->uuid);
  self->uuid_string = mesh_uuid_to_string (self->uuid);
  self->rssi = rssi;
  self->first_seen = now;
  self->via = via;
  self->heard_locally = via == 0;
  mesh_scanned_device_update (self, beacon, rssi, via, now);
  self->beacon_count = 1;

  return self;
}

void
mesh_scanned_device_update (MeshScannedDevice             *self,
                            const MeshUnprovisionedBeacon *beacon,
                            int                            rssi,
                            guint16                        via,
                            gint64                         now)
{
  int old_rssi = rounded_rssi (self->rssi);
  guint16 oob_info = beacon->has_oob_info ? beacon->oob_info : 0;
  /* Our own radio is the shorter way: once it heard the device, reports of
   * Remote Provisioning Servers only keep the entry fresh (their RSSI is
   * another radio's). Otherwise the latest server to report it is used. */
  gboolean take_signal = via == 0 || !self->heard_locally;

  g_object_freeze_notify (G_OBJECT (self));

  if (via == 0 && !self->heard_locally)
    {
      self->heard_locally = TRUE;
      self->rssi = rssi;
    }
  if (take_signal && self->via != via)
    {
      self->via = via;
      self->rssi = rssi;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIA]);
    }

  if (take_signal)
    {
      self->rssi += (rssi - self->rssi) * RSSI_WEIGHT;
      if (rounded_rssi (self->rssi) != old_rssi)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RSSI]);
      if (self->last_rssi != rssi)
        {
          self->last_rssi = rssi;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_RSSI]);
        }
    }

  if (self->has_oob_info != beacon->has_oob_info || self->oob_info != oob_info)
    {
      self->has_oob_info = beacon->has_oob_info;
      self->oob_info = oob_info;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OOB_INFO]);
    }

  if (beacon->has_uri_hash
      && (self->uri_hash == NULL
          || memcmp (g_bytes_get_data (self->uri_hash, NULL), beacon->uri_hash,
                     sizeof beacon->uri_hash) != 0))
    {
      g_clear_pointer (&self->uri_hash, g_bytes_unref);
      self->uri_hash = g_bytes_new (beacon->uri_hash, sizeof beacon->uri_hash);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI_HASH]);
    }
  else if (!beacon->has_uri_hash && self->uri_hash)
    {
      g_clear_pointer (&self->uri_hash, g_bytes_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI_HASH]);
    }

  self->last_seen = now;
  self->beacon_count++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SEEN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BEACON_COUNT]);

  g_object_thaw_notify (G_OBJECT (self));
}

void
mesh_scanned_device_shift_time (MeshScannedDevice *self,
                                gint64             delta)
{
  g_return_if_fail (MESH_IS_SCANNED_DEVICE (self));

  self->last_seen += delta;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SEEN]);
}

GBytes *
mesh_scanned_device_get_uuid (MeshScannedDevice *self)
{
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (self), NULL);

  return self->uuid;
}

const char *
mesh_scanned_device_get_uuid_string (MeshScannedDevice *self)
{
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (self), NULL);

  return self->uuid_string;
}

int
mesh_scanned_device_get_rssi (MeshScannedDevice *self)
{
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (self), 0);

  return rounded_rssi (self->rssi);
}

int
mesh_scanned_device_get_last_rssi (MeshScannedDevice *self)
{
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (self), 0);

  return self->last_rssi;
}

gboolean
mesh_scanned_device_has_oob_info (MeshScannedDevice *self)
{
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (self), FALSE);

  return self->has_oob_info;
}

guint16
mesh_scanned_device_get_oob_info (MeshScannedDevice *self)
{
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (self), 0);

  return self->oob_info;
}

GStrv
mesh_scanned_device_get_oob_info_names (MeshScannedDevice *self)
{
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (self), NULL);

  return mesh_oob_info_get_names (self->oob_info);
}

GBytes *
mesh_scanned_device_get_uri_hash (MeshScannedDevice *self)
{
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (self), NULL);

  return self->uri_hash;
}

gint64
mesh_scanned_device_get_first_seen (MeshScannedDevice *self)
{
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (self), 0);

  return self->first_seen;
}

gint64
mesh_scanned_device_get_last_seen (MeshScannedDevice *self)
{
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (self), 0);

  return self->last_seen;
}

guint
mesh_scanned_device_get_beacon_count (MeshScannedDevice *self)
{
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (self), 0);

  return self->beacon_count;
}

guint16
mesh_scanned_device_get_via (MeshScannedDevice *self)
{
  g_return_val_if_fail (MESH_IS_SCANNED_DEVICE (self), 0);

  return self->via;
}
