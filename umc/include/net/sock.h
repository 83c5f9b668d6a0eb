/* SPDX-License-Identifier: GPL-2.0 */
/*
 * net/sock.h - struct sock with the fields DRBD reads and writes directly (umc/src/socket.c).
 *
 * DRBD changes these fields at run time; umc reads them at every socket call:
 *  - sk_rcvtimeo / sk_sndtimeo (jiffies; MAX_SCHEDULE_TIMEOUT = wait forever, 0 = never wait)
 *  - sk_sndbuf / sk_rcvbuf, applied to the host socket (SO_SNDBUF/SO_RCVBUF with half the
 *    value, as Linux doubles it) when SOCK_SNDBUF_LOCK / SOCK_RCVBUF_LOCK is set in
 *    sk_userlocks; the host clamps them to net.core.wmem_max/rmem_max (the kernel does not
 *    for its own sockets).
 *  - sk_priority (SO_PRIORITY), sk_reuse (SO_REUSEADDR, applied at bind/listen).
 *  - sk_state_change: on a listening socket it is called, on the event-loop thread with
 *    sk_callback_lock held for reading, for each incoming connection with the new
 *    connection's sock (which inherited sk_state_change and sk_user_data from the listener,
 *    as a kernel clone does) in state TCP_ESTABLISHED; kernel_accept then returns it.
 *    Change it under write_lock_bh(&sk->sk_callback_lock).
 *  - sk_wmem_queued: bytes written but not yet acknowledged by the peer (bytes sent minus the
 *    host's tcpi_bytes_acked), refreshed after a send and every 10 ms while non-zero,
 *    as ACKs arrive. sk_sndbuf follows the host's auto-tuned SO_SNDBUF unless
 *    SOCK_SNDBUF_LOCK is set.
 * sk_allocation, sk_use_task_frag are kept and unused (umc allocations do not recurse into
 * the block layer).
 */
#ifndef _UMC_NET_SOCK_H
#define _UMC_NET_SOCK_H

#include <linux/types.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/gfp.h>
#include <net/tcp_states.h>
#include <net/net_namespace.h>
/* drbd-block addition: Linux reaches struct sockaddr_in6 and in_addr from here (ipv6.h,
 * in.h); drbd_receiver.c and drbd_nl.c rely on it */
#include <linux/in.h>
#include <linux/in6.h>

#define SOCK_SNDBUF_LOCK 1
#define SOCK_RCVBUF_LOCK 2
#define SOCK_BINDADDR_LOCK 4
#define SOCK_BINDPORT_LOCK 8

#define SK_NO_REUSE 0
#define SK_CAN_REUSE 1
#define SK_FORCE_REUSE 2

#define RCV_SHUTDOWN 1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

struct umc_sock; /* umc/src/socket.c private state (host fd, watch, accept queue) */

struct sock {
	volatile unsigned char sk_state; /* TCP_* */
	unsigned char sk_reuse;          /* SK_CAN_REUSE: SO_REUSEADDR */
	unsigned char sk_userlocks;      /* SOCK_SNDBUF_LOCK | SOCK_RCVBUF_LOCK */
	u8 sk_shutdown;                  /* RCV_SHUTDOWN | SEND_SHUTDOWN done locally */
	bool sk_use_task_frag;
	unsigned short sk_family;
	unsigned short sk_type;
	unsigned short sk_protocol;
	int sk_sndbuf;
	int sk_rcvbuf;
	int sk_wmem_queued;
	int sk_err;
	long sk_rcvtimeo;
	long sk_sndtimeo;
	u32 sk_priority;
	gfp_t sk_allocation;
	rwlock_t sk_callback_lock;
	struct socket *sk_socket;
	void *sk_user_data;
	void (*sk_state_change)(struct sock *sk);
	void (*sk_data_ready)(struct sock *sk);
	void (*sk_write_space)(struct sock *sk);
	struct umc_sock *umc;
};

/* Socket option helpers of 6.1 (one host setsockopt each; never sleep). */
void sock_set_keepalive(struct sock *sk);
void sock_set_reuseaddr(struct sock *sk);
void sock_set_priority(struct sock *sk, u32 priority);
void sock_set_sndtimeo(struct sock *sk, s64 secs);

#endif
