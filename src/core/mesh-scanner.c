/* mesh-scanner.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-scanned-device-private.h"
#include "mesh-scanner.h"
#include "mesh-uuid.h"

#define DEFAULT_DEVICE_TIMEOUT_MS 20000
#define DEFAULT_REARM_INTERVAL_MS 5000
#define MIN_TICK_MS 50

struct _MeshScanner
{
  GObject       parent_instance;

  MeshDaemon   *daemon;
  GPtrArray    *devices;        /* MeshScannedDevice, the list's order */
  GHashTable   *by_uuid;        /* uuid string → device (not owned) */

  gboolean      active;
  gboolean      scanning;
  gboolean      starting;
  guint         inhibit_count;
  gint64        paused_since;   /* 0 while beacons can arrive */
  char         *error_message;

  guint         device_timeout_ms;
  guint         rearm_interval_ms;
  guint16       remote_server;  /* 0: our own radio only */
  guint16       remote_net_index;
  char         *remote_error;   /* why the remote scan did not start */
  guint         tick_source;
  gint64        last_arm;
  GCancellable *cancellable;
};

static void mesh_scanner_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MeshScanner, mesh_scanner, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mesh_scanner_list_model_init))

enum {
  PROP_0,
  PROP_ACTIVE,
  PROP_SCANNING,
  PROP_ERROR_MESSAGE,
  PROP_DEVICE_TIMEOUT,
  PROP_REARM_INTERVAL,
  PROP_REMOTE_SERVER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update (MeshScanner *self);

static void
set_scanning (MeshScanner *self,
              gboolean     scanning)
{
  if (self->scanning == scanning)
    return;

  self->scanning = scanning;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
}

static void
set_error_message (MeshScanner *self,
                   const char  *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;

  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
remove_at (MeshScanner *self,
           guint        position)
{
  MeshScannedDevice *device = g_ptr_array_index (self->devices, position);

  g_hash_table_remove (self->by_uuid, mesh_scanned_device_get_uuid_string (device));
  g_ptr_array_remove_index (self->devices, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
prune (MeshScanner *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 limit = (gint64) self->device_timeout_ms * 1000;

  if (self->paused_since)
    return;

  for (guint i = self->devices->len; i > 0; i--)
    {
      MeshScannedDevice *device = g_ptr_array_index (self->devices, i - 1);

      if (now - mesh_scanned_device_get_last_seen (device) > limit)
        remove_at (self, i - 1);
    }
}

/* Beacons cannot arrive while paused: that time is not silence. */
static void
pause_clock (MeshScanner *self)
{
  if (self->paused_since == 0)
    self->paused_since = g_get_monotonic_time ();
}

static void
resume_clock (MeshScanner *self)
{
  gint64 delta;

  if (self->paused_since == 0)
    return;

  delta = g_get_monotonic_time () - self->paused_since;
  self->paused_since = 0;
  for (guint i = 0; i < self->devices->len; i++)
    mesh_scanned_device_shift_time (g_ptr_array_index (self->devices, i), delta);
}

static void
scan_started_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MeshScanner) self = user_data;
  g_autoptr(GError) error = NULL;

  self->starting = FALSE;
  if (!mesh_daemon_scan_finish (MESH_DAEMON (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Scan not started: %s", error->message);
      set_error_message (self, error->message);
      set_scanning (self, FALSE);
      pause_clock (self);
      return;
    }

  set_error_message (self, self->remote_error);
  /* Stopped or inhibited meanwhile: the next update() sets it right. */
  if (!self->active || self->inhibit_count > 0)
    {
      update (self);
      return;
    }
  set_scanning (self, TRUE);
  resume_clock (self);
}

static void
remote_scan_started_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(MeshScanner) self = user_data;
  g_autoptr(GError) error = NULL;

  if (mesh_daemon_scan_finish (MESH_DAEMON (source), result, &error))
    {
      g_clear_pointer (&self->remote_error, g_free);
      if (self->scanning)
        set_error_message (self, NULL);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Remote scan through 0x%04x not started: %s", self->remote_server, error->message);
      g_free (self->remote_error);
      self->remote_error = g_strdup (error->message);
      set_error_message (self, self->remote_error);
    }
}

/* The longest a Remote Provisioning Server scans at a time (its Scan
 * Start's timeout): re-arming restarts it well before. */
#define REMOTE_SCAN_SECONDS 60

static void
arm (MeshScanner *self)
{
  self->starting = TRUE;
  self->last_arm = g_get_monotonic_time ();
  mesh_daemon_scan_async (self->daemon, TRUE, self->cancellable,
                          scan_started_cb, g_object_ref (self));
  /* A server reports each device once per scan: re-arming it with ours
   * keeps the devices it hears fresh. */
  if (self->remote_server != 0)
    mesh_daemon_remote_scan_async (self->daemon, self->remote_server, self->remote_net_index,
                                   REMOTE_SCAN_SECONDS,
                                   self->cancellable, remote_scan_started_cb,
                                   g_object_ref (self));
}

static gboolean
tick_cb (gpointer user_data)
{
  MeshScanner *self = user_data;
  gint64 now = g_get_monotonic_time ();

  prune (self);

  /* Calling UnprovisionedScan again makes meshd forget which UUID it last
   * reported, so quiet devices are heard again; it also retries a scan that
   * could not start. */
  if (self->active && self->inhibit_count == 0 && !self->starting
      && mesh_daemon_get_state (self->daemon) == MESH_DAEMON_STATE_ATTACHED
      && now - self->last_arm >= (gint64) self->rearm_interval_ms * 1000)
    arm (self);

  return G_SOURCE_CONTINUE;
}

static void
restart_tick (MeshScanner *self)
{
  /* A quarter of either period: a tick as long as the re-arm interval
   * would re-arm only every second tick. */
  guint interval = MAX (MIN (self->rearm_interval_ms, self->device_timeout_ms) / 4, MIN_TICK_MS);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->active)
    self->tick_source = g_timeout_add (interval, tick_cb, self);
}

/* Brings meshd's scan in line with what is wanted. */
static void
update (MeshScanner *self)
{
  gboolean attached = mesh_daemon_get_state (self->daemon) == MESH_DAEMON_STATE_ATTACHED;
  gboolean want = self->active && self->inhibit_count == 0 && attached;

  if (want && !self->scanning && !self->starting)
    arm (self);
  else if (!want)
    {
      if (self->scanning && attached && self->inhibit_count == 0)
        mesh_daemon_scan_async (self->daemon, FALSE, NULL, NULL, NULL);
      set_scanning (self, FALSE);
      pause_clock (self);
    }
}

static void
daemon_state_cb (MeshDaemon  *daemon,
                 GParamSpec  *pspec,
                 MeshScanner *self)
{
  /* A re-attach (meshd restarted) ends meshd's scan: start it again. */
  if (mesh_daemon_get_state (daemon) != MESH_DAEMON_STATE_ATTACHED)
    {
      set_scanning (self, FALSE);
      pause_clock (self);
      return;
    }
  update (self);
}

static void
scan_result_cb (MeshDaemon  *daemon,
                int          rssi,
                GBytes      *data,
                guint        server,
                MeshScanner *self)
{
  MeshUnprovisionedBeacon beacon;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GBytes) uuid_bytes = NULL;
  MeshScannedDevice *device;
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);
  gint64 now = g_get_monotonic_time ();

  if (!mesh_unprovisioned_beacon_parse (bytes, len, &beacon, &error))
    {
      g_debug ("Ignoring a scan result: %s", error->message);
      return;
    }

  uuid_bytes = g_bytes_new (beacon.uuid, sizeof beacon.uuid);
  uuid = mesh_uuid_to_string (uuid_bytes);
  device = g_hash_table_lookup (self->by_uuid, uuid);
  if (device)
    {
      mesh_scanned_device_update (device, &beacon, rssi, server, now);
      return;
    }

  device = mesh_scanned_device_new (&beacon, rssi, server, now);
  g_hash_table_insert (self->by_uuid, g_strdup (uuid), device);
  g_ptr_array_add (self->devices, device);
  g_list_model_items_changed (G_LIST_MODEL (self), self->devices->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static GType
mesh_scanner_get_item_type (GListModel *model)
{
  return MESH_TYPE_SCANNED_DEVICE;
}

static guint
mesh_scanner_get_n_items (GListModel *model)
{
  return MESH_SCANNER (model)->devices->len;
}

static gpointer
mesh_scanner_get_item (GListModel *model,
                       guint       position)
{
  MeshScanner *self = MESH_SCANNER (model);

  if (position >= self->devices->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->devices, position));
}

static void
mesh_scanner_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mesh_scanner_get_item_type;
  iface->get_n_items = mesh_scanner_get_n_items;
  iface->get_item = mesh_scanner_get_item;
}

MeshScanner *
mesh_scanner_new (MeshDaemon *daemon)
{
  MeshScanner *self;

  g_return_val_if_fail (MESH_IS_DAEMON (daemon), NULL);

  self = g_object_new (MESH_TYPE_SCANNER, NULL);
  self->daemon = g_object_ref (daemon);
  g_signal_connect_object (daemon, "scan-result", G_CALLBACK (scan_result_cb), self, 0);
  g_signal_connect_object (daemon, "notify::state", G_CALLBACK (daemon_state_cb), self, 0);

  return self;
}

void
mesh_scanner_start (MeshScanner *self)
{
  g_return_if_fail (MESH_IS_SCANNER (self));

  if (self->active)
    return;

  self->active = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  restart_tick (self);
  update (self);
}

void
mesh_scanner_stop (MeshScanner *self)
{
  g_return_if_fail (MESH_IS_SCANNER (self));

  if (!self->active)
    return;

  self->active = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  restart_tick (self);
  update (self);
}

gboolean
mesh_scanner_get_active (MeshScanner *self)
{
  g_return_val_if_fail (MESH_IS_SCANNER (self), FALSE);

  return self->active;
}

gboolean
mesh_scanner_get_scanning (MeshScanner *self)
{
  g_return_val_if_fail (MESH_IS_SCANNER (self), FALSE);

  return self->scanning;
}

const char *
mesh_scanner_get_error_message (MeshScanner *self)
{
  g_return_val_if_fail (MESH_IS_SCANNER (self), NULL);

  return self->error_message;
}

guint
mesh_scanner_get_device_timeout (MeshScanner *self)
{
  g_return_val_if_fail (MESH_IS_SCANNER (self), 0);

  return self->device_timeout_ms;
}

void
mesh_scanner_set_device_timeout (MeshScanner *self,
                                 guint        timeout_ms)
{
  g_return_if_fail (MESH_IS_SCANNER (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->device_timeout_ms == timeout_ms)
    return;

  self->device_timeout_ms = timeout_ms;
  restart_tick (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICE_TIMEOUT]);
}

guint
mesh_scanner_get_rearm_interval (MeshScanner *self)
{
  g_return_val_if_fail (MESH_IS_SCANNER (self), 0);

  return self->rearm_interval_ms;
}

void
mesh_scanner_set_rearm_interval (MeshScanner *self,
                                 guint        interval_ms)
{
  g_return_if_fail (MESH_IS_SCANNER (self));
  g_return_if_fail (interval_ms > 0);

  if (self->rearm_interval_ms == interval_ms)
    return;

  self->rearm_interval_ms = interval_ms;
  restart_tick (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REARM_INTERVAL]);
}

guint16
mesh_scanner_get_remote_server (MeshScanner *self)
{
  g_return_val_if_fail (MESH_IS_SCANNER (self), 0);

  return self->remote_server;
}

guint16
mesh_scanner_get_remote_net_index (MeshScanner *self)
{
  g_return_val_if_fail (MESH_IS_SCANNER (self), 0);

  return self->remote_net_index;
}

void
mesh_scanner_set_remote_server (MeshScanner *self,
                                guint16      server,
                                guint16      net_index)
{
  g_return_if_fail (MESH_IS_SCANNER (self));

  if (server == 0)
    net_index = 0;
  if (self->remote_server == server && self->remote_net_index == net_index)
    return;

  self->remote_server = server;
  self->remote_net_index = net_index;
  g_clear_pointer (&self->remote_error, g_free);
  /* A failed local scan still says why. */
  if (self->scanning)
    set_error_message (self, NULL);
  /* The old server's scan ends (UnprovisionedScanCancel ends them all) and
   * the new one starts now rather than at the next re-arm. */
  if (self->scanning && !self->starting)
    {
      mesh_daemon_scan_async (self->daemon, FALSE, NULL, NULL, NULL);
      arm (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_SERVER]);
}

MeshScannedDevice *
mesh_scanner_find (MeshScanner *self,
                   GBytes      *uuid)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (MESH_IS_SCANNER (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  text = mesh_uuid_to_string (uuid);
  return text ? g_hash_table_lookup (self->by_uuid, text) : NULL;
}

void
mesh_scanner_forget (MeshScanner *self,
                     GBytes      *uuid)
{
  MeshScannedDevice *device;
  guint position;

  g_return_if_fail (MESH_IS_SCANNER (self));

  device = mesh_scanner_find (self, uuid);
  if (device && g_ptr_array_find (self->devices, device, &position))
    remove_at (self, position);
}

void
mesh_scanner_clear (MeshScanner *self)
{
  guint n;

  g_return_if_fail (MESH_IS_SCANNER (self));

  n = self->devices->len;
  if (n == 0)
    return;

  g_hash_table_remove_all (self->by_uuid);
  g_ptr_array_set_size (self->devices, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
mesh_scanner_inhibit (MeshScanner *self)
{
  g_return_if_fail (MESH_IS_SCANNER (self));

  /* meshd's AddNode cancels the scan itself: no call needed. */
  if (self->inhibit_count++ == 0)
    {
      set_scanning (self, FALSE);
      pause_clock (self);
    }
}

void
mesh_scanner_uninhibit (MeshScanner *self)
{
  g_return_if_fail (MESH_IS_SCANNER (self));
  g_return_if_fail (self->inhibit_count > 0);

  if (--self->inhibit_count == 0)
    update (self);
}

static void
mesh_scanner_dispose (GObject *object)
{
  MeshScanner *self = MESH_SCANNER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_object (&self->daemon);

  G_OBJECT_CLASS (mesh_scanner_parent_class)->dispose (object);
}

static void
mesh_scanner_finalize (GObject *object)
{
  MeshScanner *self = MESH_SCANNER (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->by_uuid);
  g_ptr_array_unref (self->devices);
  g_free (self->error_message);
  g_free (self->remote_error);

  G_OBJECT_CLASS (mesh_scanner_parent_class)->finalize (object);
}

static void
mesh_scanner_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MeshScanner *self = MESH_SCANNER (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_SCANNING:
      g_value_set_boolean (value, self->scanning);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_DEVICE_TIMEOUT:
      g_value_set_uint (value, self->device_timeout_ms);
      break;
    case PROP_REARM_INTERVAL:
      g_value_set_uint (value, self->rearm_interval_ms);
      break;
    case PROP_REMOTE_SERVER:
      g_value_set_uint (value, self->remote_server);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->devices->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_scanner_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MeshScanner *self = MESH_SCANNER (object);

  switch (prop_id)
    {
    case PROP_DEVICE_TIMEOUT:
      mesh_scanner_set_device_timeout (self, g_value_get_uint (value));
      break;
    case PROP_REARM_INTERVAL:
      mesh_scanner_set_rearm_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_scanner_class_init (MeshScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mesh_scanner_dispose;
  object_class->finalize = mesh_scanner_finalize;
  object_class->get_property = mesh_scanner_get_property;
  object_class->set_property = mesh_scanner_set_property;

  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, ro);
  properties[PROP_SCANNING] = g_param_spec_boolean ("scanning", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_DEVICE_TIMEOUT] =
    g_param_spec_uint ("device-timeout", NULL, NULL, 1, G_MAXUINT,
                       DEFAULT_DEVICE_TIMEOUT_MS, rw);
  properties[PROP_REARM_INTERVAL] =
    g_param_spec_uint ("rearm-interval", NULL, NULL, 1, G_MAXUINT,
                       DEFAULT_REARM_INTERVAL_MS, rw);
  properties[PROP_REMOTE_SERVER] =
    g_param_spec_uint ("remote-server", NULL, NULL, 0, G_MAXUINT16, 0, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_scanner_init (MeshScanner *self)
{
  self->devices = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->device_timeout_ms = DEFAULT_DEVICE_TIMEOUT_MS;
  self->rearm_interval_ms = DEFAULT_REARM_INTERVAL_MS;
  self->cancellable = g_cancellable_new ();
  self->paused_since = g_get_monotonic_time ();
}
