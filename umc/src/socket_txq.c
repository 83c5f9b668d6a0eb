// SPDX-License-Identifier: GPL-2.0
/*
 * socket_txq.c - the send side of a kernel TCP socket: MSG_MORE and TCP_CORK coalescing
 * (contract in socket_internal.h).
 *
 * Linux copies the bytes of a MSG_MORE or corked send into the socket's write queue and
 * transmits them with the bytes that follow. DRBD sends every 4 KiB page of a request as its
 * own sendpage/sendmsg with MSG_MORE and corks the data socket while its sender thread is
 * busy, so passing each call through would cost one host syscall per page. Here such bytes
 * are copied into a bounded per-socket queue (the caller may reuse its buffer or page at
 * once, as after a kernel sendmsg; DRBD's zero-copy sendpage only needs the bytes to reach
 * the peer unchanged) and leave in one host sendmsg, queue and new bytes as one iovec, when:
 *   - a send arrives that may not be held (no MSG_MORE, not corked),
 *   - the queue would overflow (UMC_SOCK_TXQ_MAX, or half a user-locked sk_sndbuf),
 *   - the socket is uncorked, or tcp_sock_set_nodelay() pushes pending frames,
 *   - umc_sock_txq_delay_ns (200 ms) after the first held byte (Linux's probe timer bound),
 *   - shutdown(SHUT_WR) is requested (before the FIN, as Linux sends queued data first).
 * Held bytes count as sent (sk_wmem_queued includes them, as the kernel's write queue does).
 * A flush that finds the host socket full continues from the event loop when it becomes
 * writable, so held bytes never wait for the caller's next send.
 *
 * Errors: a hold never fails, as a Linux send that finds room in the write queue does not;
 * but once the host reported a connection error (a send, a receive, or SYS_EV_ERR on the
 * watch), or after a local SHUT_WR, nothing is held: each send goes to the host and returns
 * its error at once, as before this queue existed. Held bytes that cannot leave stay queued
 * (and leave first on the next call); a timeout or a signal while flushing returns -EAGAIN or
 * the signal errno exactly as an unqueued send would, counting only the caller's bytes.
 */
#include <linux/net.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <linux/string.h>
#include "socket_internal.h"

u64 umc_sock_txq_delay_ns = 200000000ULL;

/* How many bytes may be held now: a user-locked sk_sndbuf (drbd's sndbuf-size) bounds the
 * queue to half of it, so the host buffer and the queue together stay near what was asked. */
static u32 txq_cap(const struct umc_sock *us)
{
	const struct sock *sk = us->sk;
	int half;

	if (!(READ_ONCE(sk->sk_userlocks) & SOCK_SNDBUF_LOCK))
		return UMC_SOCK_TXQ_MAX;
	half = READ_ONCE(sk->sk_sndbuf) / 2;
	return (u32)clamp_t(int, half, (int)PAGE_SIZE, UMC_SOCK_TXQ_MAX);
}

static bool may_hold(const struct umc_sock *us, bool more)
{
	return (more || us->corked) && !READ_ONCE(us->tx_broken) &&
	       !(READ_ONCE(us->sk->sk_shutdown) & SEND_SHUTDOWN);
}

static void txq_consume(struct umc_sock *us, size_t n)
{
	us->txq_head += (u32)n;
	us->txq_len -= (u32)n;
	if (!us->txq_len)
		us->txq_head = 0;
}

/* Append @count bytes of @it to the queue (room checked by the caller; tx_lock held). */
static void hold_locked(struct umc_sock *us, struct iov_iter *it, size_t count)
{
	if (!count)
		return;
	if (us->txq_head + us->txq_len + count > UMC_SOCK_TXQ_MAX) {
		memmove(us->txq, us->txq + us->txq_head, us->txq_len);
		us->txq_head = 0;
	}
	copy_from_iter(us->txq + us->txq_head + us->txq_len, count, it);
	us->txq_len += (u32)count;
	__atomic_add_fetch(&us->bytes_sent, (u64)count, __ATOMIC_RELAXED);
	if (!sys->timer_pending(us->tx_timer))
		sys->timer_arm(us->tx_timer, sys->time_monotonic_ns() + umc_sock_txq_delay_ns);
}

/* Send held bytes without waiting (tx_lock held). */
static void push_locked(struct umc_sock *us)
{
	while (us->txq_len) {
		struct sys_iovec v = { .base = us->txq + us->txq_head, .len = us->txq_len };
		long n = sys->sock_sendmsg(us->fd, &v, 1, 0);

		us->tx_host_calls++;
		if (n > 0) {
			txq_consume(us, (size_t)n);
			continue;
		}
		if (n == -EAGAIN) {
			us->tx_out_pending = true;
			umc_sock_watch_enable(us, SYS_EV_OUT);
			return;
		}
		if (n < 0)
			WRITE_ONCE(us->tx_broken, true);
		break; /* the bytes stay: the next send reports the error */
	}
	us->tx_out_pending = false;
}

static void tx_timer_fn(void *arg)
{
	struct umc_sock *us = arg;

	spin_lock(&us->tx_lock);
	push_locked(us);
	spin_unlock(&us->tx_lock);
}

/* The queue and its timer, made by the first sender that holds bytes. */
static bool txq_alloc(struct umc_sock *us)
{
	char *buf = kmalloc(UMC_SOCK_TXQ_MAX, GFP_KERNEL | __GFP_NOWARN);
	struct sys_timer *t = NULL;

	if (!buf)
		return false;
	if (sys->timer_create(&t, NULL, tx_timer_fn, us)) {
		kfree(buf);
		return false;
	}
	spin_lock(&us->tx_lock);
	if (!us->txq) {
		us->txq = buf;
		us->tx_timer = t;
		buf = NULL;
		t = NULL;
	}
	spin_unlock(&us->tx_lock);
	kfree(buf);
	if (t)
		sys->timer_destroy(t);
	return true;
}

long umc_sock_tx(struct umc_sock *us, struct iov_iter *it, unsigned int flags, long timeo)
{
	int hostflags = (int)(flags & (MSG_MORE | MSG_OOB | MSG_EOR | MSG_DONTROUTE));
	bool more = flags & MSG_MORE, tried_alloc = false;
	size_t copied = 0;
	long ret = 0;

	for (;;) {
		struct sys_iovec iov[UMC_SOCK_IOV_BATCH];
		size_t count = iov_iter_count(it), q;
		int cnt = 0;
		long n;

		spin_lock(&us->tx_lock);
		if (may_hold(us, more)) {
			if (us->txq && us->txq_len + count <= txq_cap(us)) {
				hold_locked(us, it, count);
				spin_unlock(&us->tx_lock);
				return (long)(copied + count);
			}
			if (!us->txq && count <= txq_cap(us) && !tried_alloc) {
				spin_unlock(&us->tx_lock);
				tried_alloc = true;
				txq_alloc(us); /* without a queue the bytes go out directly */
				continue;
			}
		}
		q = us->txq_len;
		if (!count && !q) {
			spin_unlock(&us->tx_lock);
			return (long)copied;
		}
		if (q) {
			iov[0].base = us->txq + us->txq_head;
			iov[0].len = q;
			cnt = 1;
		}
		cnt += umc_iter_to_iov(it, iov + cnt, UMC_SOCK_IOV_BATCH - cnt);
		n = sys->sock_sendmsg(us->fd, iov, cnt, hostflags);
		us->tx_host_calls++;
		if (n > 0) {
			size_t from_q = min_t(size_t, (size_t)n, q);

			txq_consume(us, from_q);
			n -= (long)from_q;
			if (n) {
				iov_iter_advance(it, (size_t)n);
				copied += (size_t)n;
				__atomic_add_fetch(&us->bytes_sent, (u64)n, __ATOMIC_RELAXED);
			}
			spin_unlock(&us->tx_lock);
			continue;
		}
		if (n < 0 && n != -EAGAIN)
			WRITE_ONCE(us->tx_broken, true);
		spin_unlock(&us->tx_lock);
		if (n != -EAGAIN) {
			ret = n;
			break;
		}
		ret = umc_sock_wait_retry(us, SYS_EV_OUT, &timeo);
		if (ret)
			break;
	}
	return copied ? (long)copied : ret;
}

void umc_sock_tx_push(struct umc_sock *us)
{
	spin_lock(&us->tx_lock);
	push_locked(us);
	spin_unlock(&us->tx_lock);
}

void umc_sock_tx_writable(struct umc_sock *us)
{
	spin_lock(&us->tx_lock);
	if (us->tx_out_pending)
		push_locked(us);
	spin_unlock(&us->tx_lock);
}

void umc_sock_tx_broken(struct umc_sock *us)
{
	WRITE_ONCE(us->tx_broken, true);
}

void umc_sock_tx_cork(struct umc_sock *us, bool on)
{
	spin_lock(&us->tx_lock);
	us->corked = on;
	if (!on)
		push_locked(us);
	spin_unlock(&us->tx_lock);
}

void umc_sock_tx_fini(struct umc_sock *us)
{
	char *buf;

	if (us->tx_timer) {
		sys->timer_destroy(us->tx_timer);
		us->tx_timer = NULL;
	}
	/* the readiness callback may still push until the watch is destroyed: under the lock */
	spin_lock(&us->tx_lock);
	buf = us->txq;
	us->txq = NULL;
	us->txq_len = 0;
	us->txq_head = 0;
	us->tx_out_pending = false;
	spin_unlock(&us->tx_lock);
	kfree(buf);
}

/* ---- the TCP option helpers that move queued bytes ---- */

void tcp_sock_set_nodelay(struct sock *sk)
{
	struct umc_sock *us = sk->umc;
	int one = 1, err;

	/* Linux sets TCP_NODELAY and pushes what is pending, corked or not */
	err = sys->sock_setsockopt(us->fd, SOL_TCP, TCP_NODELAY, &one, sizeof(one));
	if (err)
		pr_warn_once("umc: TCP_NODELAY: %d\n", err);
	umc_sock_tx_push(us);
}

void tcp_sock_set_cork(struct sock *sk, bool on)
{
	umc_sock_tx_cork(sk->umc, on);
}
