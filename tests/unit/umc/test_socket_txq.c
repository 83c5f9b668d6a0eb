// SPDX-License-Identifier: GPL-2.0
/*
 * test_socket_txq.c - MSG_MORE and cork coalescing of kernel sockets (umc/src/socket_txq.c):
 * held bytes, the one host sendmsg that carries them, cork/uncork, the push of
 * tcp_sock_set_nodelay, the hold time bound, shutdown, and errors, timeouts and signals
 * while held bytes wait. Counts come from the socket's own statistics (tx_host_calls).
 */
#include "umc_test.h"

#include <linux/net.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <linux/in.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/jiffies.h>
#include "../../../umc/src/socket_internal.h"
#include "socket_test_pair.h"

#define BIG_BUF (1 << 20)
#define HOUR_NS 3600000000000ULL

static u32 held(struct socket *s)
{
	struct umc_sock *us = s->sk->umc;
	u32 n;

	spin_lock(&us->tx_lock);
	n = us->txq_len;
	spin_unlock(&us->tx_lock);
	return n;
}

static u64 host_sends(struct socket *s)
{
	struct umc_sock *us = s->sk->umc;
	u64 n;

	spin_lock(&us->tx_lock);
	n = us->tx_host_calls;
	spin_unlock(&us->tx_lock);
	return n;
}

static u8 pattern(size_t pos)
{
	return (u8)(pos * 7 + (pos >> 8));
}

/* Receive @len bytes and check they continue the pattern at @pos. */
static void expect_stream(struct socket *s, size_t pos, size_t len)
{
	u8 *buf = kvmalloc(len, GFP_KERNEL);
	size_t i;

	assert_non_null(buf);
	assert_int_equal(socket_test_recv(s, buf, len, MSG_WAITALL), (int)len);
	for (i = 0; i < len; i++)
		if (buf[i] != pattern(pos + i))
			fail_msg("byte %zu: %u, expected %u", pos + i, buf[i], pattern(pos + i));
	kvfree(buf);
}

static void fill(u8 *buf, size_t pos, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = pattern(pos + i);
}

/* DRBD's _drbd_send_zc_bio: one sendpage per page, MSG_MORE on all but the last. */
static void test_more_pages_leave_in_one_send(void **state)
{
	struct socket *c, *s;
	struct page *pages[16];
	char probe[4];
	int i;

	(void)state;
	umc_sock_txq_delay_ns = HOUR_NS; /* no timed push during this test */
	socket_test_pair(&c, &s, BIG_BUF, BIG_BUF);
	for (i = 0; i < 16; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		assert_non_null(pages[i]);
		fill(kmap(pages[i]), (size_t)i * PAGE_SIZE, PAGE_SIZE);
		kunmap(pages[i]);
	}
	for (i = 0; i < 15; i++) {
		assert_int_equal(kernel_sendpage(c, pages[i], 0, PAGE_SIZE, MSG_MORE | MSG_NOSIGNAL),
				 (int)PAGE_SIZE);
		/* the caller may reuse the page at once: the bytes were copied */
		memset(kmap(pages[i]), 0xee, PAGE_SIZE);
		kunmap(pages[i]);
	}
	assert_int_equal(held(c), 15 * PAGE_SIZE);
	assert_int_equal(host_sends(c), 0);
	/* held bytes count as sent (sk_wmem_queued is computed from this) */
	assert_int_equal(__atomic_load_n(&((struct umc_sock *)c->sk->umc)->bytes_sent,
					 __ATOMIC_RELAXED), 15 * PAGE_SIZE);
	/* nothing reached the peer yet */
	assert_int_equal(socket_test_recv(s, probe, sizeof(probe), MSG_DONTWAIT), -EAGAIN);
	/* the last page without MSG_MORE takes everything out in one host sendmsg */
	assert_int_equal(kernel_sendpage(c, pages[15], 0, PAGE_SIZE, MSG_NOSIGNAL), (int)PAGE_SIZE);
	assert_int_equal(held(c), 0);
	assert_int_equal(host_sends(c), 1);
	expect_stream(s, 0, 16 * PAGE_SIZE);
	for (i = 0; i < 16; i++)
		__free_page(pages[i]);
	socket_test_close(c, s);
}

/* MSG_MORE bytes beyond the queue's room go out with the queue, the rest is held again. */
static void test_full_queue_flushes(void **state)
{
	struct socket *c, *s;
	u8 *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	size_t pos = 0;
	int i;

	(void)state;
	umc_sock_txq_delay_ns = HOUR_NS;
	socket_test_pair(&c, &s, BIG_BUF, BIG_BUF);
	for (i = 0; i < 40; i++) {
		fill(buf, pos, PAGE_SIZE);
		assert_int_equal(socket_test_send(c, buf, PAGE_SIZE, MSG_MORE), (int)PAGE_SIZE);
		pos += PAGE_SIZE;
	}
	/* 16 pages fill the queue; the 17th and the 34th each take 17 pages out at once */
	assert_int_equal(host_sends(c), 2);
	assert_int_equal(held(c), 6 * PAGE_SIZE);
	fill(buf, pos, 1);
	assert_int_equal(socket_test_send(c, buf, 1, 0), 1);
	pos++;
	assert_int_equal(host_sends(c), 3);
	assert_int_equal(held(c), 0);
	expect_stream(s, 0, pos);
	kfree(buf);
	socket_test_close(c, s);
}

/* A locked sk_sndbuf (DRBD's sndbuf-size) bounds the queue to half of it. */
static void test_small_sndbuf_bounds_queue(void **state)
{
	struct socket *c, *s;
	u8 *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	size_t pos = 0;
	int i;

	(void)state;
	umc_sock_txq_delay_ns = HOUR_NS;
	socket_test_pair(&c, &s, 65536, BIG_BUF);
	for (i = 0; i < 8; i++) {
		fill(buf, pos, PAGE_SIZE);
		assert_int_equal(socket_test_send(c, buf, PAGE_SIZE, MSG_MORE), (int)PAGE_SIZE);
		pos += PAGE_SIZE;
	}
	assert_int_equal(held(c), 8 * PAGE_SIZE);
	assert_int_equal(host_sends(c), 0);
	fill(buf, pos, PAGE_SIZE);
	assert_int_equal(socket_test_send(c, buf, PAGE_SIZE, MSG_MORE), (int)PAGE_SIZE);
	pos += PAGE_SIZE;
	assert_int_equal(host_sends(c), 1);
	assert_int_equal(held(c), 0);
	expect_stream(s, 0, pos);
	kfree(buf);
	socket_test_close(c, s);
}

/* DRBD's worker: cork while busy, uncork when idle; pings push with tcp_sock_set_nodelay. */
static void test_cork_uncork_and_nodelay_push(void **state)
{
	struct socket *c, *s;
	u8 buf[300];
	size_t pos = 0;
	char probe[4];
	int i;

	(void)state;
	umc_sock_txq_delay_ns = HOUR_NS;
	socket_test_pair(&c, &s, BIG_BUF, BIG_BUF);
	tcp_sock_set_cork(c->sk, true);
	for (i = 0; i < 3; i++) {
		fill(buf, pos, 100);
		assert_int_equal(socket_test_send(c, buf, 100, 0), 100);
		pos += 100;
	}
	assert_int_equal(held(c), 300);
	assert_int_equal(host_sends(c), 0);
	assert_int_equal(socket_test_recv(s, probe, sizeof(probe), MSG_DONTWAIT), -EAGAIN);
	tcp_sock_set_cork(c->sk, false);
	assert_int_equal(held(c), 0);
	assert_int_equal(host_sends(c), 1);
	expect_stream(s, 0, pos);

	/* uncorked, a send without MSG_MORE goes out directly */
	fill(buf, pos, 10);
	assert_int_equal(socket_test_send(c, buf, 10, 0), 10);
	assert_int_equal(host_sends(c), 2);
	expect_stream(s, pos, 10);
	pos += 10;

	/* corked again: tcp_sock_set_nodelay pushes held bytes, the cork stays */
	tcp_sock_set_cork(c->sk, true);
	fill(buf, pos, 50);
	assert_int_equal(socket_test_send(c, buf, 50, 0), 50);
	assert_int_equal(held(c), 50);
	tcp_sock_set_nodelay(c->sk);
	assert_int_equal(held(c), 0);
	expect_stream(s, pos, 50);
	pos += 50;
	fill(buf, pos, 20);
	assert_int_equal(socket_test_send(c, buf, 20, 0), 20);
	assert_int_equal(held(c), 20);
	tcp_sock_set_cork(c->sk, false);
	expect_stream(s, pos, 20);
	socket_test_close(c, s);
}

/* Corked bytes nobody uncorks leave after umc_sock_txq_delay_ns. */
static void test_hold_time_is_bounded(void **state)
{
	struct socket *c, *s;
	u8 buf[64];

	(void)state;
	umc_sock_txq_delay_ns = 20000000ULL;
	socket_test_pair(&c, &s, BIG_BUF, BIG_BUF);
	tcp_sock_set_cork(c->sk, true);
	fill(buf, 0, sizeof(buf));
	assert_int_equal(socket_test_send(c, buf, sizeof(buf), 0), (int)sizeof(buf));
	/* arrives although the socket stays corked (the receive waits up to 10 s) */
	expect_stream(s, 0, sizeof(buf));
	assert_int_equal(held(c), 0);
	/* and MSG_MORE bytes without a follow-up, too */
	tcp_sock_set_cork(c->sk, false);
	fill(buf, sizeof(buf), sizeof(buf));
	assert_int_equal(socket_test_send(c, buf, sizeof(buf), MSG_MORE), (int)sizeof(buf));
	expect_stream(s, sizeof(buf), sizeof(buf));
	umc_sock_txq_delay_ns = HOUR_NS;
	socket_test_close(c, s);
}

/* shutdown(SHUT_WR) sends held bytes before the FIN. */
static void test_shutdown_sends_held_bytes(void **state)
{
	struct socket *c, *s;
	u8 buf[100], tail[8];

	(void)state;
	umc_sock_txq_delay_ns = HOUR_NS;
	socket_test_pair(&c, &s, BIG_BUF, BIG_BUF);
	fill(buf, 0, sizeof(buf));
	assert_int_equal(socket_test_send(c, buf, sizeof(buf), MSG_MORE), (int)sizeof(buf));
	assert_int_equal(held(c), sizeof(buf));
	assert_int_equal(kernel_sock_shutdown(c, SHUT_WR), 0);
	expect_stream(s, 0, sizeof(buf));
	assert_int_equal(socket_test_recv(s, tail, sizeof(tail), 0), 0);
	/* after SHUT_WR nothing is held: the send fails as the host's does */
	assert_int_equal(socket_test_send(c, buf, 10, MSG_MORE), -EPIPE);
	assert_int_equal(held(c), 0);
	sock_release(c);
	sock_release(s);
}

/* Closing the socket sends held bytes, as close() sends queued data. */
static void test_release_sends_held_bytes(void **state)
{
	struct socket *c, *s;
	u8 buf[200], tail[8];

	(void)state;
	umc_sock_txq_delay_ns = HOUR_NS;
	socket_test_pair(&c, &s, BIG_BUF, BIG_BUF);
	tcp_sock_set_cork(c->sk, true);
	fill(buf, 0, sizeof(buf));
	assert_int_equal(socket_test_send(c, buf, sizeof(buf), 0), (int)sizeof(buf));
	assert_int_equal(held(c), sizeof(buf));
	sock_release(c);
	expect_stream(s, 0, sizeof(buf));
	assert_int_equal(socket_test_recv(s, tail, sizeof(tail), 0), 0);
	sock_release(s);
}

/* Once the connection failed, sends report the error at once, MSG_MORE or not. */
static void test_error_after_peer_reset(void **state)
{
	struct socket *c, *s;
	u8 buf[100];
	int ret = 0, i;
	u32 before;

	(void)state;
	umc_sock_txq_delay_ns = HOUR_NS;
	socket_test_pair(&c, &s, BIG_BUF, BIG_BUF);
	fill(buf, 0, sizeof(buf));
	assert_int_equal(socket_test_send(c, buf, sizeof(buf), MSG_MORE), (int)sizeof(buf));
	sock_release(s);
	/* the held bytes go out with the first send; the peer answers with a reset */
	for (i = 0; i < 200 && ret >= 0; i++) {
		ret = socket_test_send(c, buf, 1, 0);
		if (ret >= 0)
			schedule_timeout_uninterruptible(msecs_to_jiffies(5));
	}
	assert_true(ret == -EPIPE || ret == -ECONNRESET);
	before = held(c);
	ret = socket_test_send(c, buf, 10, MSG_MORE);
	assert_true(ret == -EPIPE || ret == -ECONNRESET);
	assert_int_equal(held(c), before);
	tcp_sock_set_cork(c->sk, true);
	ret = socket_test_send(c, buf, 10, 0);
	assert_true(ret == -EPIPE || ret == -ECONNRESET);
	sock_release(c);
}

struct flush_arg {
	struct socket *sock;
	const u8 *buf;
	size_t len;
	int ret;
};

static int blocked_send_fn(void *data)
{
	struct flush_arg *a = data;

	allow_kernel_signal(SIGHUP);
	a->ret = socket_test_send(a->sock, a->buf, a->len, 0);
	return umc_test_idle_until_stop(0);
}

/* A flush that cannot make progress times out or is interrupted like any send, the held
 * bytes stay queued, and the byte stream keeps its order. */
static void test_timeout_and_signal_keep_held_bytes(void **state)
{
	struct socket *c, *s;
	struct flush_arg a;
	struct task_struct *t;
	size_t big = 8 << 20, pos = 0;
	u8 *buf = kvmalloc(big, GFP_KERNEL);
	int ret;

	(void)state;
	umc_sock_txq_delay_ns = HOUR_NS;
	socket_test_pair(&c, &s, 65536, 65536);
	c->sk->sk_sndtimeo = msecs_to_jiffies(100);
	assert_non_null(buf);
	/* nobody reads: fill the host buffers until the timeout ends the send */
	fill(buf, pos, big);
	ret = socket_test_send(c, buf, big, 0);
	assert_true(ret > 0 && (size_t)ret < big);
	pos += (size_t)ret;
	/* MSG_MORE bytes are held (the queue has room) */
	fill(buf, pos, 1000);
	assert_int_equal(socket_test_send(c, buf, 1000, MSG_MORE), 1000);
	pos += 1000;
	assert_int_equal(held(c), 1000);
	/* a send that must flush them times out with none of its bytes taken */
	fill(buf, pos, 5000);
	assert_int_equal(socket_test_send(c, buf, 5000, 0), -EAGAIN);
	assert_int_equal(held(c), 1000);
	assert_int_equal(socket_test_send(c, buf, 5000, MSG_DONTWAIT), -EAGAIN);
	/* a signal ends a flush that waits without a time limit: -ERESTARTSYS */
	c->sk->sk_sndtimeo = MAX_SCHEDULE_TIMEOUT;
	a.sock = c;
	a.buf = buf;
	a.len = 5000;
	a.ret = 1;
	t = kthread_run(blocked_send_fn, &a, "flusher");
	assert_false(IS_ERR(t));
	umc_test_wait_asleep(t);
	send_sig(SIGHUP, t, 1);
	assert_int_equal(kthread_stop(t), 0);
	assert_int_equal(a.ret, -ERESTARTSYS);
	assert_int_equal(held(c), 1000);
	/* the reader drains: the same send now completes, after the held bytes */
	c->sk->sk_sndtimeo = msecs_to_jiffies(10000);
	a.ret = 1;
	t = kthread_run(blocked_send_fn, &a, "flusher");
	assert_false(IS_ERR(t));
	expect_stream(s, 0, pos + 5000);
	assert_int_equal(kthread_stop(t), 0);
	assert_int_equal(a.ret, 5000);
	assert_int_equal(held(c), 0);
	kvfree(buf);
	socket_test_close(c, s);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_more_pages_leave_in_one_send),
		cmocka_unit_test(test_full_queue_flushes),
		cmocka_unit_test(test_small_sndbuf_bounds_queue),
		cmocka_unit_test(test_cork_uncork_and_nodelay_push),
		cmocka_unit_test(test_hold_time_is_bounded),
		cmocka_unit_test(test_shutdown_sends_held_bytes),
		cmocka_unit_test(test_release_sends_held_bytes),
		cmocka_unit_test(test_error_after_peer_reset),
		cmocka_unit_test(test_timeout_and_signal_keep_held_bytes),
	};
	return UMC_TEST_RUN(tests);
}
