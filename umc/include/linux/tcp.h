/* SPDX-License-Identifier: GPL-2.0 */
/* linux/tcp.h - TCP socket option numbers (Linux values); the sock is net/sock.h. */
#ifndef _UMC_LINUX_TCP_H
#define _UMC_LINUX_TCP_H
#include <linux/types.h>
#include <linux/skbuff.h>
#include <net/sock.h>

#define TCP_NODELAY 1
#define TCP_MAXSEG 2
#define TCP_CORK 3
#define TCP_KEEPIDLE 4
#define TCP_KEEPINTVL 5
#define TCP_KEEPCNT 6
#define TCP_INFO 11
#define TCP_QUICKACK 12
#define TCP_USER_TIMEOUT 18

#endif
