/* lab-air.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-air.h"

#include <gio/gio.h>

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* A listener whose socket queue is full gets later copies from a backlog;
 * beyond this many waiting copies, new ones are dropped as a radio would. */
#define MAX_BACKLOG 512
#define RETRY_MS 2
#define PRUNE_INTERVAL_US (G_USEC_PER_SEC / 2)

typedef struct {
  char path[sizeof ((struct sockaddr_un *) NULL)->sun_path];
  GQueue backlog;          /* of GBytes */
  GHashTable *recent;      /* GBytes → gint64 monotonic µs it was given */
} Listener;

typedef struct {
  gint64 due;
  char path[sizeof ((struct sockaddr_un *) NULL)->sun_path];
  GBytes *packet;
} Delayed;

struct _LabAir {
  char *path;
  int fd;
  int wake_fd;
  GThread *thread;
  gboolean stop;

  /* Settings, written by any thread. */
  gint loss_ppm;
  gint delay_ms;
  gint window_ms;

  /* Owned by the air thread. */
  GPtrArray *listeners;
  GQueue delayed;          /* of Delayed, by due time */
  GRand *rand;
  gint64 last_prune;

  GMutex stats_lock;
  LabAirStats stats;
  GHashTable *sent_by;     /* path → guint64 * */

  /* Cut links, written by any thread. */
  GMutex links_lock;
  GHashTable *cut;         /* link_key () strings */
  gint n_cut;
};

static void
listener_free (gpointer data)
{
  Listener *listener = data;

  g_queue_clear_full (&listener->backlog, (GDestroyNotify) g_bytes_unref);
  g_hash_table_unref (listener->recent);
  g_free (listener);
}

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_bytes_unref (delayed->packet);
  g_free (delayed);
}

static Listener *
find_listener (LabAir     *air,
               const char *path)
{
  for (guint i = 0; i < air->listeners->len; i++)
    {
      Listener *listener = g_ptr_array_index (air->listeners, i);

      if (strcmp (listener->path, path) == 0)
        return listener;
    }

  return NULL;
}

static Listener *
add_listener (LabAir     *air,
              const char *path)
{
  Listener *listener = find_listener (air, path);

  if (listener)
    {
      /* A daemon that starts again begins with a clean slate. */
      g_queue_clear_full (&listener->backlog, (GDestroyNotify) g_bytes_unref);
      g_hash_table_remove_all (listener->recent);
      return listener;
    }

  listener = g_new0 (Listener, 1);
  g_strlcpy (listener->path, path, sizeof listener->path);
  g_queue_init (&listener->backlog);
  listener->recent = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                            (GDestroyNotify) g_bytes_unref,
                                            g_free);
  g_ptr_array_add (air->listeners, listener);

  return listener;
}

/* One key for both directions: the two paths in order. */
static char *
link_key (const char *path_a,
          const char *path_b)
{
  if (strcmp (path_a, path_b) > 0)
    {
      const char *swap = path_a;

      path_a = path_b;
      path_b = swap;
    }

  return g_strconcat (path_a, "\n", path_b, NULL);
}

static gboolean
is_cut (LabAir     *air,
        const char *path_a,
        const char *path_b)
{
  g_autofree char *key = NULL;
  gboolean cut;

  /* Most labs cut nothing: skip the lock then. */
  if (g_atomic_int_get (&air->n_cut) == 0)
    return FALSE;

  key = link_key (path_a, path_b);
  g_mutex_lock (&air->links_lock);
  cut = g_hash_table_contains (air->cut, key);
  g_mutex_unlock (&air->links_lock);

  return cut;
}

static void
count (LabAir  *air,
       guint64 *counter)
{
  g_mutex_lock (&air->stats_lock);
  (*counter)++;
  g_mutex_unlock (&air->stats_lock);
}

/* Returns FALSE when the listener is gone for good. */
static gboolean
send_to (LabAir   *air,
         Listener *listener,
         GBytes   *packet)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  gsize len;
  const guint8 *data = g_bytes_get_data (packet, &len);

  g_strlcpy (addr.sun_path, listener->path, sizeof addr.sun_path);
  if (sendto (air->fd, data, len, MSG_DONTWAIT,
              (struct sockaddr *) &addr, sizeof addr) >= 0)
    {
      count (air, &air->stats.delivered);
      return TRUE;
    }

  if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)
    {
      if (g_queue_get_length (&listener->backlog) < MAX_BACKLOG)
        g_queue_push_tail (&listener->backlog, g_bytes_ref (packet));
      else
        count (air, &air->stats.overflowed);
      return TRUE;
    }

  return !(errno == ECONNREFUSED || errno == ENOENT || errno == ENOTCONN);
}

static void
remove_listener (LabAir   *air,
                 Listener *listener)
{
  g_ptr_array_remove_fast (air->listeners, listener);
}

static void
deliver (LabAir   *air,
         Listener *listener,
         GBytes   *packet)
{
  if (!g_queue_is_empty (&listener->backlog))
    {
      if (g_queue_get_length (&listener->backlog) < MAX_BACKLOG)
        g_queue_push_tail (&listener->backlog, g_bytes_ref (packet));
      else
        count (air, &air->stats.overflowed);
      return;
    }

  if (!send_to (air, listener, packet))
    remove_listener (air, listener);
}

static void
flush_backlogs (LabAir *air)
{
  for (guint i = 0; i < air->listeners->len; i++)
    {
      Listener *listener = g_ptr_array_index (air->listeners, i);

      while (!g_queue_is_empty (&listener->backlog))
        {
          g_autoptr(GBytes) packet = g_queue_pop_head (&listener->backlog);
          guint before = g_queue_get_length (&listener->backlog);

          if (!send_to (air, listener, packet))
            {
              remove_listener (air, listener);
              i--;
              break;
            }
          /* Still full: send_to queued it at the tail; put it back first. */
          if (g_queue_get_length (&listener->backlog) > before)
            {
              g_queue_pop_tail (&listener->backlog);
              g_queue_push_head (&listener->backlog, g_steal_pointer (&packet));
              break;
            }
        }
    }
}

static void
schedule (LabAir     *air,
          Listener   *listener,
          GBytes     *packet,
          gint64      due)
{
  Delayed *delayed = g_new0 (Delayed, 1);
  GList *link;

  delayed->due = due;
  g_strlcpy (delayed->path, listener->path, sizeof delayed->path);
  delayed->packet = g_bytes_ref (packet);

  /* Keep the queue sorted; the delay only changes at run time, so the new
   * item nearly always goes at the tail. */
  for (link = air->delayed.tail; link; link = link->prev)
    if (((Delayed *) link->data)->due <= due)
      break;
  if (link)
    g_queue_insert_after (&air->delayed, link, delayed);
  else
    g_queue_push_head (&air->delayed, delayed);
}

static void
prune_recent (LabAir *air,
              gint64  now)
{
  gint64 window = (gint64) g_atomic_int_get (&air->window_ms) * 1000;

  for (guint i = 0; i < air->listeners->len; i++)
    {
      Listener *listener = g_ptr_array_index (air->listeners, i);
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, listener->recent);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (now - *(gint64 *) value >= window)
          g_hash_table_iter_remove (&iter);
    }

  air->last_prune = now;
}

/* TRUE when the listener got the same datagram within the repeat window;
 * otherwise remembers that it gets it now. */
static gboolean
is_repeat (LabAir   *air,
           Listener *listener,
           GBytes   *packet,
           gint64    now)
{
  gint64 window = (gint64) g_atomic_int_get (&air->window_ms) * 1000;
  gint64 *when;

  if (window <= 0)
    return FALSE;

  when = g_hash_table_lookup (listener->recent, packet);
  if (when && now - *when < window)
    return TRUE;

  if (!when)
    {
      when = g_new (gint64, 1);
      g_hash_table_insert (listener->recent, g_bytes_ref (packet), when);
    }
  *when = now;

  return FALSE;
}

static void
handle_packet (LabAir     *air,
               const char *sender,
               GBytes     *packet)
{
  gint64 now = g_get_monotonic_time ();
  gint loss_ppm = g_atomic_int_get (&air->loss_ppm);
  gint delay_ms = g_atomic_int_get (&air->delay_ms);
  guint64 *sent;

  if (g_bytes_get_size (packet) == 0)
    {
      if (*sender)
        add_listener (air, sender);
      return;
    }

  if (*sender && !find_listener (air, sender))
    add_listener (air, sender);

  g_mutex_lock (&air->stats_lock);
  air->stats.received++;
  sent = g_hash_table_lookup (air->sent_by, sender);
  if (!sent)
    {
      sent = g_new0 (guint64, 1);
      g_hash_table_insert (air->sent_by, g_strdup (sender), sent);
    }
  (*sent)++;
  g_mutex_unlock (&air->stats_lock);

  for (guint i = 0; i < air->listeners->len; i++)
    {
      Listener *listener = g_ptr_array_index (air->listeners, i);
      guint len = air->listeners->len;

      if (strcmp (listener->path, sender) == 0)
        continue;

      if (is_cut (air, sender, listener->path))
        {
          count (air, &air->stats.unlinked);
          continue;
        }

      if (loss_ppm > 0 && g_rand_int_range (air->rand, 0, 1000000) < loss_ppm)
        {
          count (air, &air->stats.lost);
          continue;
        }

      if (is_repeat (air, listener, packet, now))
        {
          count (air, &air->stats.suppressed);
          continue;
        }

      if (delay_ms > 0)
        schedule (air, listener, packet, now + (gint64) delay_ms * 1000);
      else
        deliver (air, listener, packet);

      /* deliver() may drop a listener that has gone away */
      if (air->listeners->len < len)
        i--;
    }
}

static void
run_due (LabAir *air,
         gint64  now)
{
  while (!g_queue_is_empty (&air->delayed))
    {
      Delayed *delayed = g_queue_peek_head (&air->delayed);
      Listener *listener;

      if (delayed->due > now)
        break;

      g_queue_pop_head (&air->delayed);
      listener = find_listener (air, delayed->path);
      if (listener)
        deliver (air, listener, delayed->packet);
      delayed_free (delayed);
    }
}

static int
next_timeout_ms (LabAir *air,
                 gint64  now)
{
  int timeout = -1;

  for (guint i = 0; i < air->listeners->len; i++)
    if (!g_queue_is_empty (&((Listener *) g_ptr_array_index (air->listeners, i))->backlog))
      timeout = RETRY_MS;

  if (!g_queue_is_empty (&air->delayed))
    {
      Delayed *delayed = g_queue_peek_head (&air->delayed);
      gint64 wait = (delayed->due - now + 999) / 1000;
      int ms = (int) CLAMP (wait, 0, G_MAXINT);

      if (timeout < 0 || ms < timeout)
        timeout = ms;
    }

  /* Wake up now and then to forget old repeats. */
  if (timeout < 0 || timeout > 1000)
    timeout = 1000;

  return timeout;
}

static gpointer
air_thread (gpointer data)
{
  LabAir *air = data;

  while (!g_atomic_int_get (&air->stop))
    {
      struct pollfd fds[2] = {
        { .fd = air->fd, .events = POLLIN },
        { .fd = air->wake_fd, .events = POLLIN },
      };
      gint64 now = g_get_monotonic_time ();

      if (poll (fds, G_N_ELEMENTS (fds), next_timeout_ms (air, now)) < 0 && errno != EINTR)
        break;

      if (fds[1].revents & POLLIN)
        {
          guint64 value;

          if (read (air->wake_fd, &value, sizeof value) < 0)
            { /* nothing to do: the flag is checked below */ }
        }

      if (fds[0].revents & POLLIN)
        {
          /* Read what is queued, but not forever under a flood. */
          for (int n = 0; n < 256; n++)
            {
              guint8 buf[256];
              struct sockaddr_un from = { 0 };
              socklen_t from_len = sizeof from;
              char sender[sizeof from.sun_path + 1] = "";
              g_autoptr(GBytes) packet = NULL;
              ssize_t len;

              len = recvfrom (air->fd, buf, sizeof buf, MSG_DONTWAIT,
                              (struct sockaddr *) &from, &from_len);
              if (len < 0)
                break;

              if (from_len > offsetof (struct sockaddr_un, sun_path))
                memcpy (sender, from.sun_path,
                        MIN (from_len - offsetof (struct sockaddr_un, sun_path),
                             sizeof from.sun_path));

              packet = g_bytes_new (buf, len);
              handle_packet (air, sender, packet);
            }
        }

      now = g_get_monotonic_time ();
      run_due (air, now);
      flush_backlogs (air);
      if (now - air->last_prune >= PRUNE_INTERVAL_US)
        prune_recent (air, now);
    }

  return NULL;
}

LabAir *
lab_air_new (const char  *path,
             GError     **error)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  LabAir *air;
  int fd;

  if (strlen (path) >= sizeof addr.sun_path)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG,
                   "The air socket path is too long: %s", path);
      return NULL;
    }
  g_strlcpy (addr.sun_path, path, sizeof addr.sun_path);

  fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create the air socket %s: %s", path, g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return NULL;
    }

  air = g_new0 (LabAir, 1);
  air->path = g_strdup (path);
  air->fd = fd;
  air->wake_fd = eventfd (0, EFD_CLOEXEC | EFD_NONBLOCK);
  air->window_ms = 2000;
  air->listeners = g_ptr_array_new_with_free_func (listener_free);
  g_queue_init (&air->delayed);
  air->rand = g_rand_new ();
  g_mutex_init (&air->stats_lock);
  air->sent_by = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&air->links_lock);
  air->cut = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  air->thread = g_thread_new ("lab-air", air_thread, air);

  return air;
}

void
lab_air_free (LabAir *air)
{
  guint64 one = 1;

  if (!air)
    return;

  g_atomic_int_set (&air->stop, TRUE);
  if (write (air->wake_fd, &one, sizeof one) < 0)
    g_warning ("Cannot wake the air thread: %s", g_strerror (errno));
  g_thread_join (air->thread);

  close (air->fd);
  close (air->wake_fd);
  unlink (air->path);

  g_ptr_array_unref (air->listeners);
  g_queue_clear_full (&air->delayed, delayed_free);
  g_rand_free (air->rand);
  g_hash_table_unref (air->sent_by);
  g_mutex_clear (&air->stats_lock);
  g_hash_table_unref (air->cut);
  g_mutex_clear (&air->links_lock);
  g_free (air->path);
  g_free (air);
}

const char *
lab_air_get_path (LabAir *air)
{
  return air->path;
}

void
lab_air_set_loss (LabAir *air,
                  double  loss)
{
  g_atomic_int_set (&air->loss_ppm, (gint) (CLAMP (loss, 0.0, 1.0) * 1000000.0 + 0.5));
}

double
lab_air_get_loss (LabAir *air)
{
  return g_atomic_int_get (&air->loss_ppm) / 1000000.0;
}

void
lab_air_set_delay (LabAir *air,
                   guint   delay_ms)
{
  g_atomic_int_set (&air->delay_ms, (gint) MIN (delay_ms, (guint) G_MAXINT));
}

guint
lab_air_get_delay (LabAir *air)
{
  return g_atomic_int_get (&air->delay_ms);
}

void
lab_air_set_repeat_window (LabAir *air,
                           guint   window_ms)
{
  g_atomic_int_set (&air->window_ms, (gint) MIN (window_ms, (guint) G_MAXINT));
}

void
lab_air_get_stats (LabAir      *air,
                   LabAirStats *stats)
{
  g_mutex_lock (&air->stats_lock);
  *stats = air->stats;
  g_mutex_unlock (&air->stats_lock);
}

guint64
lab_air_get_sent_by (LabAir     *air,
                     const char *path)
{
  guint64 *sent;
  guint64 result = 0;

  g_mutex_lock (&air->stats_lock);
  sent = g_hash_table_lookup (air->sent_by, path);
  if (sent)
    result = *sent;
  g_mutex_unlock (&air->stats_lock);

  return result;
}

void
lab_air_set_link (LabAir     *air,
                  const char *path_a,
                  const char *path_b,
                  gboolean    up)
{
  char *key = link_key (path_a, path_b);

  g_mutex_lock (&air->links_lock);
  if (up)
    {
      g_hash_table_remove (air->cut, key);
      g_free (key);
    }
  else
    g_hash_table_add (air->cut, key);
  g_atomic_int_set (&air->n_cut, (gint) g_hash_table_size (air->cut));
  g_mutex_unlock (&air->links_lock);
}

gboolean
lab_air_get_link (LabAir     *air,
                  const char *path_a,
                  const char *path_b)
{
  return !is_cut (air, path_a, path_b);
}
