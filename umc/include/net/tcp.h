/* SPDX-License-Identifier: GPL-2.0 */
/*
 * net/tcp.h - the TCP option helpers DRBD calls (umc/src/socket_io.c, socket_txq.c): each
 * is one setsockopt on the host socket, except tcp_sock_set_cork, which corks the socket's
 * send queue in umc (socket_txq.c; off pushes held bytes), and tcp_sock_set_nodelay, which
 * also pushes held bytes as Linux pushes pending frames. Never sleep (beyond the socket's
 * send-queue spinlock); errors are logged once and ignored, as the kernel's helpers return
 * nothing.
 */
#ifndef _UMC_NET_TCP_H
#define _UMC_NET_TCP_H
#include <linux/tcp.h>
#include <net/sock.h>

void tcp_sock_set_nodelay(struct sock *sk);
void tcp_sock_set_cork(struct sock *sk, bool on);
void tcp_sock_set_quickack(struct sock *sk, int val);
int tcp_sock_set_keepidle(struct sock *sk, int val);
int tcp_sock_set_keepintvl(struct sock *sk, int val);
int tcp_sock_set_keepcnt(struct sock *sk, int val);

#endif
