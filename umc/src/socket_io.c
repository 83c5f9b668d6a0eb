// SPDX-License-Identifier: GPL-2.0
/*
 * socket_io.c - sending and receiving on kernel TCP sockets with Linux 6.1's blocking rules
 * (see linux/net.h), and the TCP option helpers (net/tcp.h).
 */
#include <linux/net.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <linux/string.h>
#include "socket_internal.h"

int umc_iter_to_iov(const struct iov_iter *it, struct sys_iovec *iov, int max)
{
	const struct kvec *v = it->kvec;
	size_t off = it->iov_offset, left = it->count;
	unsigned long segs = it->nr_segs;
	int n = 0;

	while (segs && left && n < max) {
		size_t len = v->iov_len - off;

		if (len > left)
			len = left;
		if (len) {
			iov[n].base = (char *)v->iov_base + off;
			iov[n].len = len;
			left -= len;
			n++;
		}
		off = 0;
		v++;
		segs--;
	}
	return n;
}

/*
 * sk_wmem_queued: bytes written to the host socket that the peer has not acknowledged yet
 * (bytes_sent - tcpi_bytes_acked), exactly what the kernel counts (data queued, sent or not,
 * until ACKed): bytes_sent counts what sendmsg accepted, held bytes of socket_txq.c included. The kernel lowers the count as ACKs arrive; here a provider timer re-reads
 * TCP_INFO every 10 ms while the count is above zero, and stops when it reaches zero; a send
 * while that timer is pending only counts its bytes (the timer refreshes soon), so a stream of
 * sends costs no extra syscalls.
 * sk_sndbuf follows the host's (auto-tuned) SO_SNDBUF unless the user locked it.
 */
/* DRBD reads sk_wmem_queued at most every 100 ms (resync pacing, ko-count): a 10 ms refresh
 * keeps it current for that without waking the loop thread on every ACK. */
#define WMEM_REFRESH_NS 10000000ULL
#define TCPI_BYTES_ACKED_OFFSET 120 /* u64 tcpi_bytes_acked in struct tcp_info */

static void wmem_refresh(struct umc_sock *us, bool sender)
{
	struct sock *sk = us->sk;
	u8 info[TCPI_BYTES_ACKED_OFFSET + 8];
	int len = sizeof(info), val = 0, vlen = sizeof(val);
	u64 acked, sent, queued = 0;

	if (sys->sock_getsockopt(us->fd, SOL_TCP, TCP_INFO, info, &len) == 0 &&
	    len >= (int)sizeof(info)) {
		memcpy(&acked, info + TCPI_BYTES_ACKED_OFFSET, sizeof(acked));
		sent = __atomic_load_n(&us->bytes_sent, __ATOMIC_RELAXED);
		queued = sent > acked ? sent - acked : 0;
	}
	WRITE_ONCE(sk->sk_wmem_queued, (int)min_t(u64, queued, INT_MAX));
	/* sk_sndbuf only in the sender's context: umc_sock_apply_opts runs there too */
	if (sender && !(READ_ONCE(sk->sk_userlocks) & SOCK_SNDBUF_LOCK) &&
	    sys->sock_getsockopt(us->fd, SOL_SOCKET, SO_SNDBUF, &val, &vlen) == 0 && val > 0) {
		spin_lock(&us->opts_lock);
		if (READ_ONCE(sk->sk_sndbuf) == us->applied_sndbuf) {
			/* host auto-tuning; recorded as applied so it is not pushed back as a lock */
			us->applied_sndbuf = val;
			WRITE_ONCE(sk->sk_sndbuf, val);
		}
		spin_unlock(&us->opts_lock);
	}
	if (queued && us->wmem_timer)
		sys->timer_arm(us->wmem_timer, sys->time_monotonic_ns() + WMEM_REFRESH_NS);
}

static void wmem_timer_fn(void *arg)
{
	wmem_refresh(arg, false);
}

static void update_wmem_queued(struct sock *sk)
{
	struct umc_sock *us = sk->umc;

	/* senders of one socket are serialised by the caller (DRBD's per-socket mutex); the
	 * timer is created by the first of them */
	if (!us->wmem_timer && sys->timer_create(&us->wmem_timer, NULL, wmem_timer_fn, us))
		us->wmem_timer = NULL; /* no refresh while queued: the next send refreshes */
	if (us->wmem_timer && sys->timer_pending(us->wmem_timer))
		return;
	wmem_refresh(us, true);
}

void umc_sock_wmem_fini(struct umc_sock *us)
{
	if (us->wmem_timer) {
		sys->timer_destroy(us->wmem_timer);
		us->wmem_timer = NULL;
	}
}

/* Data path in socket_txq.c (MSG_MORE / cork coalescing); here the kernel entry point. */
int umc_inet_sendmsg(struct socket *sock, struct msghdr *msg, size_t size)
{
	struct sock *sk = sock->sk;
	unsigned int flags = msg->msg_flags;
	long timeo = (flags & MSG_DONTWAIT) ? 0 : READ_ONCE(sk->sk_sndtimeo);
	long ret;

	(void)size;
	if (WARN_ON_ONCE(!iov_iter_is_kvec(&msg->msg_iter)))
		return -EINVAL;
	umc_sock_apply_opts(sk);
	ret = umc_sock_tx(sk->umc, &msg->msg_iter, flags, timeo);
	update_wmem_queued(sk);
	return (int)ret;
}

/* Data path in socket_rxq.c (read-ahead); here the kernel entry point. */
int umc_inet_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags)
{
	struct sock *sk = sock->sk;
	long timeo = (flags & MSG_DONTWAIT) ? 0 : READ_ONCE(sk->sk_rcvtimeo);

	(void)size;
	if (WARN_ON_ONCE(!iov_iter_is_kvec(&msg->msg_iter)))
		return -EINVAL;
	if (!iov_iter_count(&msg->msg_iter))
		return 0;
	umc_sock_apply_opts(sk);
	msg->msg_flags = 0;
	return (int)umc_sock_rx(sk->umc, &msg->msg_iter, flags, timeo);
}

ssize_t umc_inet_sendpage(struct socket *sock, struct page *page, int offset, size_t size,
			  int flags)
{
	struct kvec iov = { .iov_base = (char *)kmap(page) + offset, .iov_len = size };
	struct msghdr msg = { .msg_flags = (unsigned int)flags };
	int ret;

	iov_iter_kvec(&msg.msg_iter, ITER_SOURCE, &iov, 1, size);
	ret = umc_inet_sendmsg(sock, &msg, size);
	kunmap(page);
	return ret;
}

int umc_inet_setsockopt(struct socket *sock, int level, int optname, void *optval,
			unsigned int optlen)
{
	return sys->sock_setsockopt(sock->sk->umc->fd, level, optname, optval, (int)optlen);
}

int sock_sendmsg(struct socket *sock, struct msghdr *msg)
{
	return sock->ops->sendmsg(sock, msg, iov_iter_count(&msg->msg_iter));
}

int sock_recvmsg(struct socket *sock, struct msghdr *msg, int flags)
{
	return sock->ops->recvmsg(sock, msg, iov_iter_count(&msg->msg_iter), flags);
}

int kernel_sendmsg(struct socket *sock, struct msghdr *msg, struct kvec *vec, size_t num,
		   size_t len)
{
	iov_iter_kvec(&msg->msg_iter, ITER_SOURCE, vec, num, len);
	return sock_sendmsg(sock, msg);
}

int kernel_recvmsg(struct socket *sock, struct msghdr *msg, struct kvec *vec, size_t num,
		   size_t len, int flags)
{
	msg->msg_control_is_user = false;
	iov_iter_kvec(&msg->msg_iter, ITER_DEST, vec, num, len);
	return sock_recvmsg(sock, msg, flags);
}

int kernel_sendpage(struct socket *sock, struct page *page, int offset, size_t size, int flags)
{
	return (int)sock->ops->sendpage(sock, page, offset, size, flags);
}

/* ---- option helpers: one host setsockopt each ---- */

static void set_opt(struct sock *sk, int level, int name, int val, const char *what)
{
	int err = sys->sock_setsockopt(sk->umc->fd, level, name, &val, sizeof(val));

	if (err)
		pr_warn_once("umc: %s: %d\n", what, err);
}

/* tcp_sock_set_nodelay and tcp_sock_set_cork move queued bytes: socket_txq.c */

void tcp_sock_set_quickack(struct sock *sk, int val)
{
	set_opt(sk, SOL_TCP, TCP_QUICKACK, val, "TCP_QUICKACK");
}

int tcp_sock_set_keepidle(struct sock *sk, int val)
{
	if (val < 1 || val > 32767)
		return -EINVAL;
	return sys->sock_setsockopt(sk->umc->fd, SOL_TCP, TCP_KEEPIDLE, &val, sizeof(val));
}

int tcp_sock_set_keepintvl(struct sock *sk, int val)
{
	if (val < 1 || val > 32767)
		return -EINVAL;
	return sys->sock_setsockopt(sk->umc->fd, SOL_TCP, TCP_KEEPINTVL, &val, sizeof(val));
}

int tcp_sock_set_keepcnt(struct sock *sk, int val)
{
	if (val < 1 || val > 127)
		return -EINVAL;
	return sys->sock_setsockopt(sk->umc->fd, SOL_TCP, TCP_KEEPCNT, &val, sizeof(val));
}

void sock_set_keepalive(struct sock *sk)
{
	set_opt(sk, SOL_SOCKET, SO_KEEPALIVE, 1, "SO_KEEPALIVE");
}

void sock_set_reuseaddr(struct sock *sk)
{
	WRITE_ONCE(sk->sk_reuse, SK_CAN_REUSE);
	umc_sock_apply_opts(sk);
}

void sock_set_priority(struct sock *sk, u32 priority)
{
	WRITE_ONCE(sk->sk_priority, priority);
	umc_sock_apply_opts(sk);
}

void sock_set_sndtimeo(struct sock *sk, s64 secs)
{
	if (secs && secs < MAX_SCHEDULE_TIMEOUT / HZ - 1)
		WRITE_ONCE(sk->sk_sndtimeo, (long)(secs * HZ));
	else
		WRITE_ONCE(sk->sk_sndtimeo, MAX_SCHEDULE_TIMEOUT);
}
