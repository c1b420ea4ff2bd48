/* lab-alg.h
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>

/* An in-process stand-in for the Linux AF_ALG socket family, limited to
 * what ELL (and so bluetooth-meshd) uses: "skcipher" ecb(aes), "aead"
 * ccm(aes) and "hash" cmac(aes), computed with nettle. A LabAlg is either a
 * transform socket (bound, keyed) or an operation socket (from accept).
 * All functions return a negative errno on failure, as the kernel would. */

typedef struct _LabAlg LabAlg;

LabAlg  *lab_alg_new        (void);
void     lab_alg_free       (LabAlg              *alg);
int      lab_alg_bind       (LabAlg              *alg,
                             const char          *type,
                             const char          *name);
int      lab_alg_setsockopt (LabAlg              *alg,
                             int                  optname,
                             const void          *optval,
                             size_t               optlen);
LabAlg  *lab_alg_accept     (LabAlg              *alg,
                             int                 *error);
ssize_t  lab_alg_sendmsg    (LabAlg              *alg,
                             const struct msghdr *msg,
                             int                  flags);
ssize_t  lab_alg_recv       (LabAlg              *alg,
                             const struct iovec  *iov,
                             size_t               iovcnt);
