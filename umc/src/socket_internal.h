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
	/* option values last applied to the host socket; opts_lock orders the receive side,
	 * the send side and the sk_wmem_queued refresh, which all apply or record them */
	spinlock_t opts_lock;
	int applied_sndbuf;
	int applied_rcvbuf;
	u32 applied_priority;
	unsigned char applied_reuse;
	/* sk_wmem_queued emulation (socket_io.c): bytes handed to the host socket, and a
	 * provider timer that re-reads the acknowledged count while data is unacknowledged,
	 * as the kernel lowers sk_wmem_queued on each ACK. Created at the first send. */
	u64 bytes_sent;
	struct sys_timer *wmem_timer;
	/* send queue (socket_txq.c): bytes accepted with MSG_MORE or while corked that are not
	 * on the host socket yet; they leave in one host sendmsg together with the next bytes
	 * that are not held back. tx_lock protects the fields below and is held across every
	 * host send of this socket (never while waiting). Lock order: tx_lock, then lock. */
	spinlock_t tx_lock;
	char *txq;                    /* UMC_SOCK_TXQ_MAX bytes, allocated at the first hold */
	u32 txq_head;                 /* queued bytes are txq[txq_head, txq_head + txq_len) */
	u32 txq_len;
	bool corked;                  /* tcp_sock_set_cork(sk, true) in force */
	bool tx_out_pending;          /* a flush found the host full: finish it when writable */
	bool tx_broken;               /* host reported a connection error: hold nothing more */
	struct sys_timer *tx_timer;   /* flushes held bytes after umc_sock_txq_delay_ns */
	u64 tx_host_calls;            /* host sendmsg calls made (statistics, tests) */
	/* receive read-ahead (socket_rxq.c): bytes taken from the host socket beyond what the
	 * caller asked for, handed out first by the next receives. rx_lock protects them and is
	 * held across every host receive of this socket (never while waiting). */
	spinlock_t rx_lock;
	char *rxq;                    /* UMC_SOCK_RXQ_MAX bytes, allocated at the first receive */
	u32 rxq_head;                 /* buffered bytes are rxq[rxq_head, rxq_head + rxq_len) */
	u32 rxq_len;
	u64 rx_host_calls;            /* host recvmsg calls made (statistics, tests) */
};

/* Host iovecs per host sendmsg/recvmsg call. */
#define UMC_SOCK_IOV_BATCH 16
/* Fill @iov with at most @max host iovecs for the next bytes of kvec iterator @it;
 * returns how many. Does not advance @it. */
int umc_iter_to_iov(const struct iov_iter *it, struct sys_iovec *iov, int max);

/* Bytes one socket may hold back (less when the user locked a smaller sk_sndbuf). */
#define UMC_SOCK_TXQ_MAX (64 * 1024)
/* Held bytes leave after at most this long (ns), as Linux sends corked data on its 200 ms
 * probe timer. Read when bytes are held; tests may change it while no socket sends. */
extern u64 umc_sock_txq_delay_ns;
/* umc.sock_direct_wait (default on): waits for socket readiness poll the host socket in the
 * waiting thread (umc_task_sleep_fd) instead of going through the event loop's watch. */
extern bool umc_sock_direct_wait;

/*
 * Send the bytes of @it after any held bytes (the whole of umc_inet_sendmsg's data path).
 * With MSG_MORE in @flags, or while corked, bytes that fit into the queue are held and
 * count as sent; otherwise held bytes and @it leave in host sendmsg calls of up to
 * IOV_BATCH segments. Waits up to @timeo jiffies for room (0: never). Returns the bytes
 * of @it accepted (held or sent), or, when none were: -EAGAIN (timeout or @timeo 0), the
 * signal errno (umc_sock_intr_errno), or the host's connection error (-EPIPE,
 * -ECONNRESET, ...). Held bytes that could not leave stay queued and leave first on the
 * next call. Callers serialise their own calls as the kernel's callers do (socket lock).
 */
long umc_sock_tx(struct umc_sock *us, struct iov_iter *it, unsigned int flags, long timeo);
/* Send held bytes without waiting; what the host cannot take leaves when the socket
 * becomes writable (event loop). Never sleeps except on tx_lock. */
void umc_sock_tx_push(struct umc_sock *us);
/* The readiness callback saw SYS_EV_OUT: continue a pending push. */
void umc_sock_tx_writable(struct umc_sock *us);
/* The connection failed (seen by a receive or the readiness callback): hold nothing more,
 * so that sends report the host's error at once, as before. Never sleeps. */
void umc_sock_tx_broken(struct umc_sock *us);
/* Cork on/off (tcp_sock_set_cork); off pushes held bytes. */
void umc_sock_tx_cork(struct umc_sock *us, bool on);
/* Free the queue (dropping held bytes) and its timer (waits for a running timer
 * callback). No sender may be active; the readiness callback may still run. Idempotent. */
void umc_sock_tx_fini(struct umc_sock *us);
/* Bytes one receive may read ahead (less when the user locked a smaller sk_rcvbuf). */
#define UMC_SOCK_RXQ_MAX (64 * 1024)
/*
 * Receive into @it (umc_inet_recvmsg's data path): read-ahead bytes first, then host
 * receives that fill @it and read ahead into the socket's buffer in the same call. MSG_PEEK
 * returns buffered bytes without consuming them (reading ahead first if none are buffered);
 * MSG_WAITALL (without MSG_PEEK) waits for all of @it. Waits up to @timeo jiffies (0: never).
 * Returns the bytes received, or when none were: 0 at the peer's orderly shutdown, -EAGAIN
 * (timeout, @timeo 0), the signal errno (umc_sock_intr_errno) or the host's error.
 * MSG_OOB and MSG_TRUNC are not supported (-EOPNOTSUPP, logged once).
 */
long umc_sock_rx(struct umc_sock *us, struct iov_iter *it, int flags, long timeo);
/* Free the read-ahead buffer; no receiver may be active. */
void umc_sock_rx_fini(struct umc_sock *us);
/* Enable @events (SYS_EV_IN / SYS_EV_OUT) on the readiness watch. Never sleeps. */
void umc_sock_watch_enable(struct umc_sock *us, u32 events);

/* Release the sk_wmem_queued refresh timer (waits for a running refresh). */
void umc_sock_wmem_fini(struct umc_sock *us);

/* Sleep until the socket becomes ready for @events (SYS_EV_IN or SYS_EV_OUT) or @timeo
 * jiffies pass. Returns the jiffies left (>= 1), 0 on timeout, -ERESTARTSYS on a signal. */
long umc_sock_wait(struct umc_sock *us, u32 events, long timeo);
/* After the host said -EAGAIN: wait for @events within *@timeo (updated to the jiffies left;
 * 0 after a timeout means one more try). Returns 0 to try again, -EAGAIN when *@timeo was
 * already 0, or the signal errno (umc_sock_intr_errno). */
long umc_sock_wait_retry(struct umc_sock *us, u32 events, long *timeo);
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
