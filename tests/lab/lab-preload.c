/* lab-preload.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LD_PRELOAD module for bluetooth-meshd in the mesh lab. It does three
 * things, each only when asked to through the environment:
 *
 * - AF_ALG: when the kernel refuses socket(AF_ALG) (or MESH_LAB_ALG=emulate),
 *   the sockets ELL opens for ecb(aes), ccm(aes) and cmac(aes) are emulated
 *   in process (lab-alg.c). MESH_LAB_ALG=kernel never emulates.
 * - Radio: when MESH_LAB_AIR names the air's socket, the unit-IO socket
 *   (bound at MESH_LAB_UNIT, or any AF_UNIX datagram socket when unset) is
 *   connected to the air right after meshd binds it, and an empty datagram
 *   registers it there. Reads from it undo the unit IO's receive quirks,
 *   and from meshd 5.67 on its dispatch goes to mesh-io's registrations
 *   (lab-preload-ell.c).
 * - Time: MESH_LAB_TIMEWARP=F (> 0) divides the delays of ELL's millisecond
 *   timers by F. Unset or 1 means real time. Second-based timers (link and
 *   provisioning timeouts, D-Bus call timeouts) are left alone
 *   (lab-preload-ell.c).
 *
 * This file holds the libc side: AF_ALG and the radio's socket.
 */

#define _GNU_SOURCE

#include "lab-alg.h"
#include "lab-preload-private.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef AF_ALG
#define AF_ALG 38
#endif
#ifndef SOL_ALG
#define SOL_ALG 279
#endif

struct sockaddr_alg_lab {
  uint16_t salg_family;
  uint8_t salg_type[14];
  uint32_t salg_feat;
  uint32_t salg_mask;
  uint8_t salg_name[64];
};

static int (*real_socket) (int, int, int);
static int (*real_bind) (int, const struct sockaddr *, socklen_t);
static int (*real_connect) (int, const struct sockaddr *, socklen_t);
static int (*real_setsockopt) (int, int, int, const void *, socklen_t);
static int (*real_accept) (int, struct sockaddr *, socklen_t *);
static int (*real_accept4) (int, struct sockaddr *, socklen_t *, int);
static ssize_t (*real_sendmsg) (int, const struct msghdr *, int);
static ssize_t (*real_send) (int, const void *, size_t, int);
static ssize_t (*real_sendto) (int, const void *, size_t, int, const struct sockaddr *, socklen_t);
static ssize_t (*real_write) (int, const void *, size_t);
static ssize_t (*real_read) (int, void *, size_t);
static ssize_t (*real_readv) (int, const struct iovec *, int);
static ssize_t (*real_recv) (int, void *, size_t, int);
static ssize_t (*real_recvmsg) (int, struct msghdr *, int);
static ssize_t (*real_recvfrom) (int, void *, size_t, int, struct sockaddr *, socklen_t *);
static int (*real_close) (int);

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* -1: not decided yet, 0: the kernel's AF_ALG, 1: emulation */
static int alg_mode = -1;
static LabAlg **alg_table;
static int alg_table_size;
static int alg_count;

static int unit_fd = -1;

static void
init_real (void)
{
#define RESOLVE(name) real_##name = dlsym (RTLD_NEXT, #name)
  RESOLVE (socket);
  RESOLVE (bind);
  RESOLVE (connect);
  RESOLVE (setsockopt);
  RESOLVE (accept);
  RESOLVE (accept4);
  RESOLVE (sendmsg);
  RESOLVE (send);
  RESOLVE (sendto);
  RESOLVE (write);
  RESOLVE (read);
  RESOLVE (readv);
  RESOLVE (recv);
  RESOLVE (recvmsg);
  RESOLVE (recvfrom);
  RESOLVE (close);
#undef RESOLVE

  lab_preload_read_timewarp ();
}

void
lab_preload_ensure_init (void)
{
  pthread_once (&init_once, init_real);
}

static LabAlg *
lookup_alg (int fd)
{
  LabAlg *alg = NULL;

  /* Most calls see no emulated socket at all: skip the lock then. */
  if (fd < 0 || __atomic_load_n (&alg_count, __ATOMIC_ACQUIRE) == 0)
    return NULL;

  pthread_mutex_lock (&lock);
  if (fd < alg_table_size)
    alg = alg_table[fd];
  pthread_mutex_unlock (&lock);

  return alg;
}

static int
store_alg (int     fd,
           LabAlg *alg)
{
  pthread_mutex_lock (&lock);
  if (fd >= alg_table_size)
    {
      int size = alg_table_size ? alg_table_size : 64;
      LabAlg **table;

      while (size <= fd)
        size *= 2;
      table = realloc (alg_table, size * sizeof *table);
      if (!table)
        {
          pthread_mutex_unlock (&lock);
          return -ENOMEM;
        }
      memset (table + alg_table_size, 0, (size - alg_table_size) * sizeof *table);
      alg_table = table;
      alg_table_size = size;
    }
  alg_table[fd] = alg;
  __atomic_add_fetch (&alg_count, 1, __ATOMIC_RELEASE);
  pthread_mutex_unlock (&lock);

  return 0;
}

static LabAlg *
remove_alg (int fd)
{
  LabAlg *alg = NULL;

  if (fd < 0 || __atomic_load_n (&alg_count, __ATOMIC_ACQUIRE) == 0)
    return NULL;

  pthread_mutex_lock (&lock);
  if (fd < alg_table_size && alg_table[fd])
    {
      alg = alg_table[fd];
      alg_table[fd] = NULL;
      __atomic_sub_fetch (&alg_count, 1, __ATOMIC_RELEASE);
    }
  pthread_mutex_unlock (&lock);

  return alg;
}

static ssize_t
errno_result (ssize_t result)
{
  if (result < 0)
    {
      errno = (int) -result;
      return -1;
    }
  return result;
}

/* An emulated socket is an eventfd: a real descriptor that close(), fcntl()
 * and descriptor numbering handle like any other. */
static int
new_alg_fd (LabAlg *alg,
            int     type_flags)
{
  int flags = 0;
  int fd;

  if (type_flags & SOCK_CLOEXEC)
    flags |= EFD_CLOEXEC;
  if (type_flags & SOCK_NONBLOCK)
    flags |= EFD_NONBLOCK;

  fd = eventfd (0, flags);
  if (fd < 0)
    {
      lab_alg_free (alg);
      return -1;
    }

  if (store_alg (fd, alg) < 0)
    {
      real_close (fd);
      lab_alg_free (alg);
      errno = ENOMEM;
      return -1;
    }

  return fd;
}

static bool
use_emulation (int type,
               int protocol)
{
  const char *mode;
  int fd;

  if (alg_mode >= 0)
    return alg_mode == 1;

  mode = getenv ("MESH_LAB_ALG");
  if (mode && strcmp (mode, "emulate") == 0)
    alg_mode = 1;
  else if (mode && strcmp (mode, "kernel") == 0)
    alg_mode = 0;
  else
    {
      fd = real_socket (AF_ALG, type, protocol);
      alg_mode = fd < 0 ? 1 : 0;
      if (fd >= 0)
        real_close (fd);
    }

  if (alg_mode == 1)
    fprintf (stderr, "mesh-lab-preload: emulating AF_ALG ecb(aes), ccm(aes) and cmac(aes)\n");

  return alg_mode == 1;
}

/* Connects meshd's unit-IO socket to the air and registers it there. */
static void
attach_to_air (int                       fd,
               const struct sockaddr_un *addr)
{
  const char *air = getenv ("MESH_LAB_AIR");
  const char *unit = getenv ("MESH_LAB_UNIT");
  struct sockaddr_un air_addr = { .sun_family = AF_UNIX };
  int type = 0;
  socklen_t len = sizeof type;

  if (!air || !*air)
    return;
  if (unit && *unit && strcmp (unit, addr->sun_path) != 0)
    return;
  if (getsockopt (fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 || type != SOCK_DGRAM)
    return;
  if (strlen (air) >= sizeof air_addr.sun_path)
    {
      fprintf (stderr, "mesh-lab-preload: air socket path too long: %s\n", air);
      return;
    }

  strcpy (air_addr.sun_path, air);
  if (real_connect (fd, (struct sockaddr *) &air_addr, sizeof air_addr) < 0)
    {
      fprintf (stderr, "mesh-lab-preload: cannot connect to the air at %s: %s\n",
               air, strerror (errno));
      return;
    }

  if (real_send (fd, "", 0, MSG_DONTWAIT) < 0)
    fprintf (stderr, "mesh-lab-preload: cannot register with the air: %s\n",
             strerror (errno));

  unit_fd = fd;
  lab_preload_unit_socket_bound ();
}

/* meshd's unit IO (the same from 5.66 to 5.87) reads a datagram with
 * recv (fd, buf, 31) and then hands buf + 1 with length (uint8_t) size to
 * the mesh layer, only when size > 9 and buf[0] != 0. The air carries the bare AD data, so it is put
 * after a non-zero byte, and the size returned makes meshd see the true
 * length: for short packets (PB-ADV acknowledgements are 7 bytes) 256 is
 * added, which passes the size > 9 test and vanishes in the uint8_t cast. */
static ssize_t
recv_unit (int     fd,
           void   *buf,
           size_t  len,
           int     flags)
{
  uint8_t packet[64];
  ssize_t n;
  size_t copy;

  lab_preload_unit_packet (NULL, 0);
  n = real_recv (fd, packet, sizeof packet, flags);
  if (n <= 0 || len < 2)
    return n;

  copy = (size_t) n < len - 1 ? (size_t) n : len - 1;
  ((uint8_t *) buf)[0] = 0x01;
  memcpy ((uint8_t *) buf + 1, packet, copy);

  /* meshd dispatches this packet right away (lab-preload-ell.c). */
  lab_preload_unit_packet ((const uint8_t *) buf + 1, (uint8_t) copy);

  return copy > 9 ? (ssize_t) copy : (ssize_t) copy + 256;
}

LAB_EXPORT int
socket (int domain,
        int type,
        int protocol)
{
  LabAlg *alg;

  lab_preload_ensure_init ();

  if (domain != AF_ALG || !use_emulation (type, protocol))
    return real_socket (domain, type, protocol);

  alg = lab_alg_new ();
  if (!alg)
    {
      errno = ENOMEM;
      return -1;
    }

  return new_alg_fd (alg, type);
}

LAB_EXPORT int
bind (int                    fd,
      const struct sockaddr *addr,
      socklen_t              len)
{
  LabAlg *alg;
  int result;

  lab_preload_ensure_init ();

  alg = lookup_alg (fd);
  if (alg)
    {
      const struct sockaddr_alg_lab *salg = (const void *) addr;
      char type[sizeof salg->salg_type + 1] = "";
      char name[sizeof salg->salg_name + 1] = "";

      if (!addr || len < sizeof *salg || salg->salg_family != AF_ALG)
        return errno_result (-EINVAL);
      memcpy (type, salg->salg_type, sizeof salg->salg_type);
      memcpy (name, salg->salg_name, sizeof salg->salg_name);
      return errno_result (lab_alg_bind (alg, type, name));
    }

  result = real_bind (fd, addr, len);
  if (result == 0 && addr && addr->sa_family == AF_UNIX)
    {
      struct sockaddr_un un = { .sun_family = AF_UNIX };
      size_t path_len = len - offsetof (struct sockaddr_un, sun_path);

      if (path_len >= sizeof un.sun_path)
        path_len = sizeof un.sun_path - 1;
      memcpy (un.sun_path, ((const struct sockaddr_un *) addr)->sun_path, path_len);
      if (un.sun_path[0])
        attach_to_air (fd, &un);
    }

  return result;
}

LAB_EXPORT int
setsockopt (int         fd,
            int         level,
            int         optname,
            const void *optval,
            socklen_t   optlen)
{
  LabAlg *alg;

  lab_preload_ensure_init ();

  alg = lookup_alg (fd);
  if (alg && level == SOL_ALG)
    return errno_result (lab_alg_setsockopt (alg, optname, optval, optlen));

  return real_setsockopt (fd, level, optname, optval, optlen);
}

LAB_EXPORT int
accept4 (int              fd,
         struct sockaddr *addr,
         socklen_t       *len,
         int              flags)
{
  LabAlg *alg;
  LabAlg *op;
  int error = 0;

  lab_preload_ensure_init ();

  alg = lookup_alg (fd);
  if (!alg)
    return real_accept4 (fd, addr, len, flags);

  op = lab_alg_accept (alg, &error);
  if (!op)
    return errno_result (error);

  return new_alg_fd (op, flags);
}

LAB_EXPORT int
accept (int              fd,
        struct sockaddr *addr,
        socklen_t       *len)
{
  lab_preload_ensure_init ();

  if (!lookup_alg (fd))
    return real_accept (fd, addr, len);

  return accept4 (fd, addr, len, 0);
}

LAB_EXPORT ssize_t
sendmsg (int                  fd,
         const struct msghdr *msg,
         int                  flags)
{
  LabAlg *alg;

  lab_preload_ensure_init ();

  alg = lookup_alg (fd);
  if (alg)
    return errno_result (lab_alg_sendmsg (alg, msg, flags));

  return real_sendmsg (fd, msg, flags);
}

static ssize_t
send_alg (LabAlg     *alg,
          const void *buf,
          size_t      len,
          int         flags)
{
  struct iovec iov = { (void *) buf, len };
  struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

  return errno_result (lab_alg_sendmsg (alg, &msg, flags));
}

LAB_EXPORT ssize_t
send (int         fd,
      const void *buf,
      size_t      len,
      int         flags)
{
  LabAlg *alg;

  lab_preload_ensure_init ();

  alg = lookup_alg (fd);
  if (alg)
    return send_alg (alg, buf, len, flags);

  return real_send (fd, buf, len, flags);
}

LAB_EXPORT ssize_t
sendto (int                    fd,
        const void            *buf,
        size_t                 len,
        int                    flags,
        const struct sockaddr *addr,
        socklen_t              addr_len)
{
  LabAlg *alg;

  lab_preload_ensure_init ();

  alg = lookup_alg (fd);
  if (alg)
    return send_alg (alg, buf, len, flags);

  return real_sendto (fd, buf, len, flags, addr, addr_len);
}

LAB_EXPORT ssize_t
write (int         fd,
       const void *buf,
       size_t      len)
{
  LabAlg *alg;

  lab_preload_ensure_init ();

  alg = lookup_alg (fd);
  if (alg)
    return send_alg (alg, buf, len, 0);

  return real_write (fd, buf, len);
}

LAB_EXPORT ssize_t
read (int     fd,
      void   *buf,
      size_t  len)
{
  LabAlg *alg;

  lab_preload_ensure_init ();

  alg = lookup_alg (fd);
  if (alg)
    {
      struct iovec iov = { buf, len };

      return errno_result (lab_alg_recv (alg, &iov, 1));
    }

  return real_read (fd, buf, len);
}

LAB_EXPORT ssize_t
readv (int                 fd,
       const struct iovec *iov,
       int                 iovcnt)
{
  LabAlg *alg;

  lab_preload_ensure_init ();

  alg = lookup_alg (fd);
  if (alg)
    return errno_result (lab_alg_recv (alg, iov, iovcnt < 0 ? 0 : iovcnt));

  return real_readv (fd, iov, iovcnt);
}

LAB_EXPORT ssize_t
recv (int     fd,
      void   *buf,
      size_t  len,
      int     flags)
{
  LabAlg *alg;

  lab_preload_ensure_init ();

  alg = lookup_alg (fd);
  if (alg)
    {
      struct iovec iov = { buf, len };

      return errno_result (lab_alg_recv (alg, &iov, 1));
    }

  if (fd == unit_fd && unit_fd >= 0)
    return recv_unit (fd, buf, len, flags);

  return real_recv (fd, buf, len, flags);
}

LAB_EXPORT ssize_t
recvfrom (int              fd,
          void            *buf,
          size_t           len,
          int              flags,
          struct sockaddr *addr,
          socklen_t       *addr_len)
{
  LabAlg *alg;

  lab_preload_ensure_init ();

  alg = lookup_alg (fd);
  if (alg)
    {
      struct iovec iov = { buf, len };

      if (addr_len)
        *addr_len = 0;
      return errno_result (lab_alg_recv (alg, &iov, 1));
    }

  return real_recvfrom (fd, buf, len, flags, addr, addr_len);
}

LAB_EXPORT ssize_t
recvmsg (int            fd,
         struct msghdr *msg,
         int            flags)
{
  LabAlg *alg;

  lab_preload_ensure_init ();

  alg = lookup_alg (fd);
  if (alg)
    {
      msg->msg_controllen = 0;
      msg->msg_flags = 0;
      return errno_result (lab_alg_recv (alg, msg->msg_iov, msg->msg_iovlen));
    }

  return real_recvmsg (fd, msg, flags);
}

LAB_EXPORT int
close (int fd)
{
  lab_preload_ensure_init ();

  lab_alg_free (remove_alg (fd));
  if (fd == unit_fd)
    unit_fd = -1;

  return real_close (fd);
}
