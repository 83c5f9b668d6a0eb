/* SPDX-License-Identifier: GPL-2.0 */
/*
 * socket_internal.h - the host side of a kernel socket, shared by socket.c (life cycle,
 * connect/listen/accept, readiness) and socket_io.c (send/receive, options).
 */
#ifndef _UMC_SRC_SOCKET_INTERNAL_H
#define _UMC_SRC_SOCKET_INTERNAL_H

#include <net/sock.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <sys_service.h>

struct umc_sock {
	struct sock *sk;
	int fd;                     /* non-blocking host socket */
	struct sys_event_fd *watch; /* readiness on the default event loop */
	spinlock_t lock;            /* interest, gen_*, accept queue */
	u32 interest;               /* SYS_EV_* enabled on the watch */
	u32 gen_in;                 /* bumped when readable/hung up/error */
	u32 gen_out;                /* bumped when writable/hung up/error */
	wait_queue_head_t wq;       /* senders, receivers, acceptors, connectors sleep here */
	/* listening sockets: connections accepted from the host, not yet kernel_accept()ed */
	bool listening;
	int backlog;
	int accept_qlen;
	struct list_head accept_q;
	struct list_head accept_node; /* on the listener's accept_q */
	/* option values last applied to the host socket */
	int applied_sndbuf;
	int applied_rcvbuf;
	u32 applied_priority;
	unsigned char applied_reuse;
	/* sk_wmem_queued emulation (socket_io.c): bytes handed to the host socket, and a
	 * provider timer that re-reads the acknowledged count while data is unacknowledged,
	 * as the kernel lowers sk_wmem_queued on each ACK. Created at the first send. */
	u64 bytes_sent;
	struct sys_timer *wmem_timer;
};

/* Release the sk_wmem_queued refresh timer (waits for a running refresh). */
void umc_sock_wmem_fini(struct umc_sock *us);

/* Sleep until the socket becomes ready for @events (SYS_EV_IN or SYS_EV_OUT) or @timeo
 * jiffies pass. Returns the jiffies left (>= 1), 0 on timeout, -ERESTARTSYS on a signal. */
long umc_sock_wait(struct umc_sock *us, u32 events, long timeo);
/* Push changed sk_sndbuf/sk_rcvbuf/sk_priority/sk_reuse to the host socket. */
void umc_sock_apply_opts(struct sock *sk);
/* The kernel's sock_intr_errno(): -ERESTARTSYS for an unlimited wait, else -EINTR. */
static inline int umc_sock_intr_errno(long timeo)
{
	return timeo == MAX_SCHEDULE_TIMEOUT ? -ERESTARTSYS : -EINTR;
}

int umc_inet_sendmsg(struct socket *sock, struct msghdr *msg, size_t size);
int umc_inet_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags);
ssize_t umc_inet_sendpage(struct socket *sock, struct page *page, int offset, size_t size,
			  int flags);
int umc_inet_setsockopt(struct socket *sock, int level, int optname, void *optval,
			unsigned int optlen);

#endif
