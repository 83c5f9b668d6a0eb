/* SPDX-License-Identifier: GPL-2.0 */
/*
 * net/tcp.h - the TCP option helpers DRBD calls (umc/src/socket.c): each is one
 * setsockopt on the host socket. Never sleep; errors are logged once and ignored, as the
 * kernel's helpers return nothing.
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
