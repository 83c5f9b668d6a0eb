// SPDX-License-Identifier: GPL-2.0
/*
 * socket_rxq.c - the receive side of a kernel TCP socket with read-ahead (contract in
 * socket_internal.h).
 *
 * DRBD receives a packet as a header and then each 4 KiB page of its payload, each with its
 * own recvmsg, and first tries every header with MSG_DONTWAIT. Passed through, that is one
 * host syscall per page and an extra failing one per header. Here each host recvmsg gets the
 * caller's buffer followed by the socket's read-ahead buffer as one iovec: the host fills the
 * caller's bytes and puts what else has arrived (up to UMC_SOCK_RXQ_MAX) into the buffer,
 * from which the next receives are served without a syscall. The data a caller sees is the
 * same byte stream as before; only the number of host calls changes.
 *
 * Readiness: a receiver sleeps (umc_sock_wait) only when the buffer is empty, so bytes in the
 * buffer never wait for the host socket to become readable. Buffered bytes are returned
 * before an error or end of stream the host reports afterwards, as Linux returns queued data
 * before them.
 */
#include <linux/net.h>
#include <net/sock.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <linux/string.h>
#include "socket_internal.h"

/* How many bytes a receive may read ahead: half a user-locked sk_rcvbuf at most. */
static u32 rxq_cap(const struct umc_sock *us)
{
	const struct sock *sk = us->sk;
	int half;

	if (!(READ_ONCE(sk->sk_userlocks) & SOCK_RCVBUF_LOCK))
		return UMC_SOCK_RXQ_MAX;
	half = READ_ONCE(sk->sk_rcvbuf) / 2;
	return (u32)clamp_t(int, half, (int)PAGE_SIZE, UMC_SOCK_RXQ_MAX);
}

/* The buffer, made by the first receive. Without it receives read no more than asked. */
static void rxq_alloc(struct umc_sock *us)
{
	char *buf = kmalloc(UMC_SOCK_RXQ_MAX, GFP_KERNEL | __GFP_NOWARN);

	if (!buf)
		return;
	spin_lock(&us->rx_lock);
	if (!us->rxq) {
		WRITE_ONCE(us->rxq, buf); /* read unlocked by umc_sock_rx to skip this call */
		buf = NULL;
	}
	spin_unlock(&us->rx_lock);
	kfree(buf);
}

/* Copy buffered bytes into @it (rx_lock held); @peek leaves them buffered. */
static size_t rxq_take_locked(struct umc_sock *us, struct iov_iter *it, bool peek)
{
	size_t n = min_t(size_t, us->rxq_len, iov_iter_count(it));

	copy_to_iter(us->rxq + us->rxq_head, n, it);
	if (!peek) {
		us->rxq_head += (u32)n;
		us->rxq_len -= (u32)n;
		if (!us->rxq_len)
			us->rxq_head = 0;
	}
	return n;
}

long umc_sock_rx(struct umc_sock *us, struct iov_iter *it, int flags, long timeo)
{
	bool peek = flags & MSG_PEEK;
	size_t target = (flags & MSG_WAITALL) && !peek ? iov_iter_count(it) : 1;
	size_t copied = 0;
	long ret = 0;

	if (flags & (MSG_OOB | MSG_TRUNC)) {
		pr_warn_once("umc: recvmsg flags %#x not supported\n", flags & (MSG_OOB | MSG_TRUNC));
		return -EOPNOTSUPP;
	}
	if (!READ_ONCE(us->rxq))
		rxq_alloc(us);
	for (;;) {
		struct sys_iovec iov[UMC_SOCK_IOV_BATCH];
		size_t asked = 0;
		int cnt = 0, i;
		long n;

		spin_lock(&us->rx_lock);
		if (us->rxq_len) {
			copied += rxq_take_locked(us, it, peek);
			if (peek || copied >= target) {
				spin_unlock(&us->rx_lock);
				return (long)copied;
			}
		}
		/* the buffer is empty: the caller's bytes (not for a peek), then read-ahead */
		if (!peek)
			cnt = umc_iter_to_iov(it, iov, UMC_SOCK_IOV_BATCH - 1);
		for (i = 0; i < cnt; i++)
			asked += iov[i].len;
		if (us->rxq) {
			iov[cnt].base = us->rxq;
			iov[cnt].len = rxq_cap(us);
			cnt++;
		} else if (peek) {
			cnt = umc_iter_to_iov(it, iov, UMC_SOCK_IOV_BATCH); /* no buffer: host peek */
		}
		n = sys->sock_recvmsg(us->fd, iov, cnt, peek && !us->rxq ? MSG_PEEK : 0);
		us->rx_host_calls++;
		if (n > 0) {
			if (peek && !us->rxq) {
				spin_unlock(&us->rx_lock);
				return n;
			}
			if ((size_t)n > asked) {
				us->rxq_head = 0;
				us->rxq_len = (u32)((size_t)n - asked);
				n = (long)asked;
			}
			iov_iter_advance(it, (size_t)n);
			copied += (size_t)n;
			if (copied >= target && !us->rxq_len) {
				spin_unlock(&us->rx_lock);
				return (long)copied;
			}
			spin_unlock(&us->rx_lock);
			continue; /* serve the read-ahead (a peek), or wait for more (MSG_WAITALL) */
		}
		spin_unlock(&us->rx_lock);
		if (n == 0)
			break; /* orderly shutdown by the peer */
		if (n != -EAGAIN) {
			umc_sock_tx_broken(us); /* sends report the host's error from now on */
			ret = n;
			break;
		}
		ret = umc_sock_wait_retry(us, SYS_EV_IN, &timeo);
		if (ret)
			break;
	}
	return copied ? (long)copied : ret;
}

void umc_sock_rx_fini(struct umc_sock *us)
{
	kfree(us->rxq);
	us->rxq = NULL;
	us->rxq_len = 0;
}
