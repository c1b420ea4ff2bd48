/* lab-client.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-client.h"

#include "lab-app.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

struct _LabTap {
  int fd;
  char *path;
};

GVariant *
lab_client_call (GDBusConnection  *bus,
                 const char       *method,
                 GVariant         *parameters,
                 const char       *reply_type,
                 GError          **error)
{
  return lab_call (bus, LAB_CONTROL_NAME, LAB_CONTROL_PATH, LAB_CONTROL_IFACE, method,
                   parameters, reply_type ? G_VARIANT_TYPE (reply_type) : NULL, 60000, error);
}

GVariant *
lab_client_list_devices (GDBusConnection  *bus,
                         GError          **error)
{
  g_autoptr(GVariant) reply = lab_client_call (bus, "ListDevices", NULL, "(aa{sv})", error);

  return reply ? g_variant_get_child_value (reply, 0) : NULL;
}

GVariant *
lab_client_get_device (GDBusConnection  *bus,
                       guint             index,
                       GError          **error)
{
  g_autoptr(GVariant) reply = lab_client_call (bus, "GetDevice", g_variant_new ("(u)", index),
                                               "(a{sv})", error);

  return reply ? g_variant_get_child_value (reply, 0) : NULL;
}

gboolean
lab_client_wait_device (GDBusConnection *bus,
                        guint            index,
                        const char      *key,
                        GVariant        *expected,
                        guint            timeout_ms)
{
  g_autoptr(GVariant) want = g_variant_ref_sink (expected);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  do
    {
      g_autoptr(GVariant) device = lab_client_get_device (bus, index, NULL);
      g_autoptr(GVariant) value = device ? g_variant_lookup_value (device, key, NULL) : NULL;
      gboolean never = FALSE;

      if (value && g_variant_equal (value, want))
        return TRUE;
      lab_wait_for (&never, 20);
    }
  while (g_get_monotonic_time () < deadline);

  return FALSE;
}

gboolean
lab_client_device_bytes (GVariant   *device,
                         const char *key,
                         guint8      out[16])
{
  g_autoptr(GVariant) value = g_variant_lookup_value (device, key, G_VARIANT_TYPE_BYTESTRING);
  gsize len = 0;
  const guint8 *data;

  if (!value)
    return FALSE;
  data = g_variant_get_fixed_array (value, &len, 1);
  if (len != 16)
    return FALSE;
  memcpy (out, data, 16);
  return TRUE;
}

LabTap *
lab_tap_open (GError **error)
{
  const char *air = g_getenv ("MESH_LAB_AIR");
  const char *dir = g_getenv ("MESH_LAB_STATE_DIR");
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  struct sockaddr_un air_addr = { .sun_family = AF_UNIX };
  g_autoptr(LabTap) tap = NULL;
  static guint counter;

  if (!air || !dir)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "MESH_LAB_AIR and MESH_LAB_STATE_DIR are not set: run inside mesh-lab");
      return NULL;
    }

  tap = g_new0 (LabTap, 1);
  tap->fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  tap->path = g_strdup_printf ("%s/tap%d.%u", dir, (int) getpid (), counter++);
  if (strlen (tap->path) >= sizeof addr.sun_path || strlen (air) >= sizeof air_addr.sun_path)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG, "Socket path too long");
      return NULL;
    }
  g_strlcpy (addr.sun_path, tap->path, sizeof addr.sun_path);
  g_strlcpy (air_addr.sun_path, air, sizeof air_addr.sun_path);

  /* Bound (so the air can answer), connected (so only the air is heard),
   * then an empty datagram to be put on the air's list. */
  if (tap->fd < 0
      || bind (tap->fd, (struct sockaddr *) &addr, sizeof addr) < 0
      || connect (tap->fd, (struct sockaddr *) &air_addr, sizeof air_addr) < 0
      || send (tap->fd, "", 0, 0) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot listen on the air: %s", g_strerror (saved));
      return NULL;
    }

  return g_steal_pointer (&tap);
}

void
lab_tap_close (LabTap *tap)
{
  if (!tap)
    return;

  if (tap->fd >= 0)
    close (tap->fd);
  g_unlink (tap->path);
  g_free (tap->path);
  g_free (tap);
}

GBytes *
lab_tap_receive (LabTap *tap,
                 guint   timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (TRUE)
    {
      struct pollfd pfd = { .fd = tap->fd, .events = POLLIN };
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      guint8 buf[256];
      ssize_t len;

      if (left < 0)
        return NULL;
      /* Keep serving the main context: meshd calls the application meanwhile. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (poll (&pfd, 1, (int) MIN (left, 10)) <= 0)
        continue;

      len = recv (tap->fd, buf, sizeof buf, MSG_DONTWAIT);
      if (len > 0)
        return g_bytes_new (buf, len);
    }
}

gboolean
lab_tap_send (LabTap        *tap,
              const guint8  *data,
              gsize          len,
              GError       **error)
{
  if (send (tap->fd, data, len, 0) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot send on the air: %s", g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}
