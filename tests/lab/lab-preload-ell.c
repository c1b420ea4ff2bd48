/* lab-preload-ell.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The preload module's ELL side (see lab-preload.c): ELL is a shared
 * library in meshd, so its calls can be wrapped.
 *
 * - Time: l_timeout_create_ms and l_timeout_modify_ms divide their delays
 *   by MESH_LAB_TIMEWARP.
 * - Delivery: l_queue_new and l_queue_foreach let meshd 5.67+'s unit IO
 *   dispatch received packets to mesh-io's registrations.
 */

#define _GNU_SOURCE

#include "lab-preload-private.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* ELL's timer API, declared here so the module needs no ELL headers. */
struct l_timeout;
typedef void (*LabTimeoutNotify) (struct l_timeout *timeout, void *user_data);
typedef void (*LabTimeoutDestroy) (void *user_data);

/* ELL's queue API, the same way. */
struct l_queue;
struct l_queue_entry
{
  void                 *data;
  struct l_queue_entry *next;
};
typedef void (*LabQueueForeach) (void *data, void *user_data);

/* mesh-io-api.h's struct mesh_io_reg (meshd 5.67+), which is also the
 * layout of mesh-io-unit.c's struct pvt_rx_reg: its dispatch function
 * reads either. */
typedef struct
{
  void    *callback;
  void    *user_data;
  uint8_t  len;
  uint8_t  filter[];
} LabRxReg;

/* mesh-io-unit.c's struct process_data (the same from 5.66 to 5.87), the
 * user_data of its dispatch: pvt, the packet, and struct mesh_io_recv_info. */
typedef struct
{
  void          *pvt;
  const uint8_t *data;
  uint8_t        len;
  const uint8_t *addr;
  uint32_t       instant;
  uint8_t        chan;
  int8_t         rssi;
} LabUnitRx;

static struct l_timeout *(*real_timeout_create_ms) (uint64_t, LabTimeoutNotify, void *, LabTimeoutDestroy);
static void (*real_timeout_modify_ms) (struct l_timeout *, uint64_t);
static struct l_queue *(*real_queue_new) (void);
static void (*real_queue_foreach) (struct l_queue *, LabQueueForeach, void *);
static const struct l_queue_entry *(*real_queue_get_entries) (const struct l_queue *);

static double timewarp = 1.0;

/* Delivery (meshd runs its main loop in one thread: no locking). */
static struct l_queue *newest_queue;
static struct l_queue *io_regs;
static const uint8_t *unit_rx_data;
static uint8_t unit_rx_len;
static bool delivery_announced;
static bool layout_warned;
static bool regs_warned;
/* The sender's address meshd 5.67+ copies (Remote Provisioning scan) but
 * the unit IO leaves NULL; the air does not say who sent a packet. */
static const uint8_t unit_rx_addr[6];

void
lab_preload_read_timewarp (void)
{
  const char *warp = getenv ("MESH_LAB_TIMEWARP");

  if (warp)
    {
      double value = strtod (warp, NULL);

      if (value > 0.0 && value <= 1000.0)
        timewarp = value;
    }
}

void
lab_preload_unit_socket_bound (void)
{
  /* meshd makes mesh-io's registration queue just before it creates the
   * unit socket (mesh_io_new, then the unit IO's init). */
  io_regs = newest_queue;
}

void
lab_preload_unit_packet (const uint8_t *data,
                         uint8_t        len)
{
  unit_rx_data = data;
  unit_rx_len = len;
}

/* Whether a queue holds receive registrations: a callback and a filter of
 * 1 to 31 bytes (an AD structure at most) each. */
static bool
looks_like_registrations (const struct l_queue *queue)
{
  for (const struct l_queue_entry *entry = real_queue_get_entries (queue); entry; entry = entry->next)
    {
      const LabRxReg *reg = entry->data;

      if (!reg || !reg->callback || reg->len < 1 || reg->len > 31)
        return false;
    }

  return true;
}

/* Delivery: meshd's unit IO reads a datagram (recv_unit) and at once runs
 * l_queue_foreach over its own registration queue. From meshd 5.67 on the
 * unit IO never fills that queue (its recv_register does nothing: the
 * registrations live only in mesh-io's queue, which the real radios
 * dispatch over), so every packet is dropped. When the queue of that
 * dispatch is empty while mesh-io's holds registrations, the dispatch runs
 * over mesh-io's queue instead, as the real radios do. meshd 5.66 fills
 * both queues: nothing changes there. The packet's sender address, which
 * the unit IO leaves NULL and 5.67+'s Remote Provisioning scan copies, is
 * set, once the dispatch data is checked to be this very packet. */
static struct l_queue *
unit_dispatch_queue (struct l_queue *queue,
                     void           *user_data)
{
  LabUnitRx *rx = user_data;
  const uint8_t *data = unit_rx_data;

  unit_rx_data = NULL;
  if (queue == io_regs || real_queue_get_entries (queue)
      || (io_regs && !real_queue_get_entries (io_regs)))
    return queue;

  if (!io_regs || !looks_like_registrations (io_regs))
    {
      if (!regs_warned)
        {
          regs_warned = true;
          fprintf (stderr, "mesh-lab-preload: the unit IO has no receivers and mesh-io's "
                   "registrations were not found: this meshd hears nothing\n");
        }
      return queue;
    }

  if (rx && rx->data == data && rx->len == unit_rx_len && !rx->addr && rx->chan == 7)
    rx->addr = unit_rx_addr;
  else if (!layout_warned)
    {
      layout_warned = true;
      fprintf (stderr, "mesh-lab-preload: this meshd's unit IO dispatch does not look like "
               "5.67 to 5.87's: the sender address stays unset\n");
    }

  if (!delivery_announced)
    {
      delivery_announced = true;
      fprintf (stderr, "mesh-lab-preload: the unit IO has no receivers of its own "
               "(meshd 5.67 or later): delivering to mesh-io's\n");
    }

  return io_regs;
}

static uint64_t
warp_ms (uint64_t ms)
{
  uint64_t scaled;

  if (timewarp == 1.0 || ms == 0)
    return ms;

  scaled = (uint64_t) (ms / timewarp + 0.5);
  return scaled ? scaled : 1;
}

LAB_EXPORT struct l_timeout *
l_timeout_create_ms (uint64_t          ms,
                     LabTimeoutNotify  callback,
                     void             *user_data,
                     LabTimeoutDestroy destroy)
{
  lab_preload_ensure_init ();

  if (!real_timeout_create_ms)
    real_timeout_create_ms = dlsym (RTLD_NEXT, "l_timeout_create_ms");
  if (!real_timeout_create_ms)
    return NULL;

  return real_timeout_create_ms (warp_ms (ms), callback, user_data, destroy);
}

LAB_EXPORT void
l_timeout_modify_ms (struct l_timeout *timeout,
                     uint64_t          ms)
{
  lab_preload_ensure_init ();

  if (!real_timeout_modify_ms)
    real_timeout_modify_ms = dlsym (RTLD_NEXT, "l_timeout_modify_ms");
  if (real_timeout_modify_ms)
    real_timeout_modify_ms (timeout, warp_ms (ms));
}

LAB_EXPORT struct l_queue *
l_queue_new (void)
{
  if (!real_queue_new)
    real_queue_new = dlsym (RTLD_NEXT, "l_queue_new");
  if (!real_queue_new)
    return NULL;

  newest_queue = real_queue_new ();
  return newest_queue;
}

LAB_EXPORT void
l_queue_foreach (struct l_queue  *queue,
                 LabQueueForeach  function,
                 void            *user_data)
{
  if (!real_queue_foreach)
    {
      real_queue_foreach = dlsym (RTLD_NEXT, "l_queue_foreach");
      real_queue_get_entries = dlsym (RTLD_NEXT, "l_queue_get_entries");
    }
  if (!real_queue_foreach)
    return;

  if (unit_rx_data && queue && real_queue_get_entries)
    queue = unit_dispatch_queue (queue, user_data);

  real_queue_foreach (queue, function, user_data);
}
