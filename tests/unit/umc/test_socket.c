// SPDX-License-Identifier: GPL-2.0
/*
 * test_socket.c - kernel TCP sockets over host sockets (umc/src/socket.c, socket_io.c,
 * socket_iter.c): loopback pairs over IPv4 and IPv6, DRBD's receive/send patterns.
 */
#include "umc_test.h"

#include <linux/net.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/jiffies.h>
#include "../../../umc/src/socket_internal.h"

static u64 ms_since(u64 t0)
{
	return (umc_test_now_ns() - t0) / 1000000;
}

static void sleep_ms(unsigned int ms)
{
	schedule_timeout_uninterruptible(msecs_to_jiffies(ms));
}

static int fill_addr(int family, struct sockaddr_in6 *a, u16 port)
{
	memset(a, 0, sizeof(*a));
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)a;

		in->sin_family = AF_INET;
		in->sin_port = cpu_to_be16(port);
		in->sin_addr.s_addr = cpu_to_be32(INADDR_LOOPBACK);
		return sizeof(*in);
	}
	a->sin6_family = AF_INET6;
	a->sin6_port = cpu_to_be16(port);
	a->sin6_addr.s6_addr[15] = 1;
	return sizeof(*a);
}

/* A listener on loopback, port chosen by the host. -EADDRNOTAVAIL if no such loopback. */
static int make_listener(int family, struct socket **out, u16 *port)
{
	struct sockaddr_in6 a;
	struct socket *s;
	int len, err;

	assert_int_equal(sock_create_kern(&init_net, family, SOCK_STREAM, IPPROTO_TCP, &s), 0);
	s->sk->sk_reuse = SK_CAN_REUSE;
	len = fill_addr(family, &a, 0);
	err = s->ops->bind(s, (struct sockaddr *)&a, len);
	if (err) {
		sock_release(s);
		return err;
	}
	assert_int_equal(s->ops->listen(s, 5), 0);
	assert_int_equal(s->sk->sk_state, TCP_LISTEN);
	len = s->ops->getname(s, (struct sockaddr *)&a, 0);
	assert_true(len > 0);
	*port = be16_to_cpu(a.sin6_port); /* same offset for sockaddr_in */
	*out = s;
	return 0;
}

static struct socket *connect_to(int family, u16 port)
{
	struct sockaddr_in6 a;
	struct socket *s;
	int len = fill_addr(family, &a, port);

	assert_int_equal(sock_create_kern(&init_net, family, SOCK_STREAM, IPPROTO_TCP, &s), 0);
	s->sk->sk_sndtimeo = msecs_to_jiffies(5000);
	assert_int_equal(s->ops->connect(s, (struct sockaddr *)&a, len, 0), 0);
	assert_int_equal(s->sk->sk_state, TCP_ESTABLISHED);
	return s;
}

/* ------------------------------------------------ listener state_change, as DRBD uses it */

struct accept_wait {
	struct completion door_bell;
	void (*orig)(struct sock *sk);
	int calls;
};

static void incoming(struct sock *sk)
{
	struct accept_wait *ad = sk->sk_user_data;

	ad->calls++;
	if (sk->sk_state == TCP_ESTABLISHED)
		complete(&ad->door_bell);
	ad->orig(sk);
}

static void pair(int family, struct socket **c, struct socket **s)
{
	struct socket *l;
	struct accept_wait ad;
	u16 port;

	if (make_listener(family, &l, &port)) {
		*c = *s = NULL;
		return;
	}
	init_completion(&ad.door_bell);
	ad.calls = 0;
	write_lock_bh(&l->sk->sk_callback_lock);
	ad.orig = l->sk->sk_state_change;
	l->sk->sk_state_change = incoming;
	l->sk->sk_user_data = &ad;
	write_unlock_bh(&l->sk->sk_callback_lock);

	*c = connect_to(family, port);
	assert_true(wait_for_completion_timeout(&ad.door_bell, msecs_to_jiffies(5000)) > 0);
	assert_int_equal(ad.calls, 1);
	assert_int_equal(kernel_accept(l, s, 0), 0);
	assert_non_null(*s);
	/* the accepted sock inherited the listener's callbacks, as a kernel clone does */
	assert_ptr_equal((*s)->sk->sk_user_data, &ad);
	assert_ptr_equal((*s)->sk->sk_state_change, incoming);
	write_lock_bh(&(*s)->sk->sk_callback_lock);
	(*s)->sk->sk_state_change = ad.orig;
	(*s)->sk->sk_user_data = NULL;
	write_unlock_bh(&(*s)->sk->sk_callback_lock);
	/* nothing else pending */
	{
		struct socket *extra;

		assert_int_equal(kernel_accept(l, &extra, SOCK_NONBLOCK), -EAGAIN);
	}
	sock_release(l);
}

static int do_send(struct socket *s, const void *buf, size_t len, unsigned int flags)
{
	struct kvec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr msg = { .msg_flags = flags | MSG_NOSIGNAL };

	iov_iter_kvec(&msg.msg_iter, ITER_SOURCE, &iov, 1, len);
	return sock_sendmsg(s, &msg);
}

/* drbd_recv_short() */
static int do_recv(struct socket *s, void *buf, size_t len, int flags)
{
	struct kvec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_flags = flags ? flags : MSG_WAITALL | MSG_NOSIGNAL };

	iov_iter_kvec(&msg.msg_iter, ITER_DEST, &iov, 1, len);
	return sock_recvmsg(s, &msg, msg.msg_flags);
}

static void close_pair(struct socket *c, struct socket *s)
{
	kernel_sock_shutdown(c, SHUT_RDWR);
	sock_release(c);
	sock_release(s);
}

/* ---------------------------------------------------------------- tests */

static void roundtrip(int family)
{
	struct socket *c, *s;
	char buf[16];

	pair(family, &c, &s);
	if (!c) {
		print_message("no loopback for family %d, skipped\n", family);
		return;
	}
	assert_int_equal(do_send(c, "hello", 5, 0), 5);
	assert_int_equal(do_recv(s, buf, 5, 0), 5);
	assert_memory_equal(buf, "hello", 5);
	assert_int_equal(do_send(s, "ok", 2, MSG_MORE), 2);
	tcp_sock_set_cork(s->sk, false);
	assert_int_equal(do_recv(c, buf, 2, 0), 2);
	assert_memory_equal(buf, "ok", 2);
	/* orderly shutdown: the receiver sees 0 */
	kernel_sock_shutdown(c, SHUT_WR);
	assert_int_equal(do_recv(s, buf, 4, 0), 0);
	close_pair(c, s);
}

static void test_ipv4(void **state)
{
	(void)state;
	roundtrip(AF_INET);
}

static void test_ipv6(void **state)
{
	(void)state;
	roundtrip(AF_INET6);
}

static void recv_timeout(void)
{
	struct socket *c, *s;
	char buf[8];
	u64 t0, el;

	pair(AF_INET, &c, &s);
	s->sk->sk_rcvtimeo = msecs_to_jiffies(200);
	t0 = umc_test_now_ns();
	assert_int_equal(do_recv(s, buf, 8, 0), -EAGAIN);
	el = ms_since(t0);
	assert_true(el >= 200);
	assert_true(el < 200 + 300 * umc_test_slowdown());

	/* DRBD changes the timeout at run time: the next call uses the new value */
	s->sk->sk_rcvtimeo = msecs_to_jiffies(50);
	t0 = umc_test_now_ns();
	assert_int_equal(do_recv(s, buf, 8, 0), -EAGAIN);
	el = ms_since(t0);
	assert_true(el >= 50);
	assert_true(el < 50 + 300 * umc_test_slowdown());

	/* MSG_WAITALL that times out after some data returns the partial count */
	assert_int_equal(do_send(c, "abc", 3, 0), 3);
	assert_int_equal(do_recv(s, buf, 8, 0), 3);
	assert_memory_equal(buf, "abc", 3);
	close_pair(c, s);
}

static void test_recv_timeout(void **state)
{
	(void)state;
	recv_timeout();
	umc_sock_direct_wait = false; /* through the event loop's watch */
	recv_timeout();
	umc_sock_direct_wait = true;
}

static void test_peek_dontwait(void **state)
{
	struct socket *c, *s;
	char buf[8];
	u64 t0;

	(void)state;
	pair(AF_INET, &c, &s);
	t0 = umc_test_now_ns();
	assert_int_equal(do_recv(s, buf, 4, MSG_DONTWAIT | MSG_PEEK), -EAGAIN);
	assert_true(ms_since(t0) < 100 * umc_test_slowdown());
	assert_int_equal(do_send(c, "abcd", 4, 0), 4);
	/* blocking peek returns as soon as the data is there, and leaves it queued */
	assert_int_equal(do_recv(s, buf, 4, MSG_PEEK), 4);
	assert_int_equal(do_recv(s, buf, 4, MSG_DONTWAIT | MSG_PEEK), 4);
	memset(buf, 0, sizeof(buf));
	assert_int_equal(do_recv(s, buf, 4, 0), 4);
	assert_memory_equal(buf, "abcd", 4);
	assert_int_equal(do_recv(s, buf, 4, MSG_DONTWAIT | MSG_NOSIGNAL), -EAGAIN);
	close_pair(c, s);
}

struct sender_arg {
	struct socket *sock;
	int chunks;
	size_t chunk;
	unsigned int gap_ms;
};

static int sender_fn(void *data)
{
	struct sender_arg *a = data;
	u8 *buf = kmalloc(a->chunk, GFP_KERNEL);
	int i, ret = 0;

	for (i = 0; i < a->chunks; i++) {
		size_t j;

		for (j = 0; j < a->chunk; j++)
			buf[j] = (u8)(i * a->chunk + j);
		if (do_send(a->sock, buf, a->chunk, 0) != (int)a->chunk)
			ret = -EIO;
		sleep_ms(a->gap_ms);
	}
	kfree(buf);
	return umc_test_idle_until_stop(ret);
}

static void test_waitall_partial_sends(void **state)
{
	struct socket *c, *s;
	struct sender_arg a;
	struct task_struct *t;
	size_t total, i;
	u8 *buf;
	u64 t0;

	(void)state;
	pair(AF_INET, &c, &s);
	a.sock = c;
	a.chunks = 4;
	a.chunk = 3000;
	a.gap_ms = 30;
	total = a.chunks * a.chunk;
	buf = kmalloc(total, GFP_KERNEL);
	t = kthread_run(sender_fn, &a, "sender");
	assert_false(IS_ERR(t));
	t0 = umc_test_now_ns();
	assert_int_equal(do_recv(s, buf, total, 0), (int)total);
	/* the last chunk left after three gaps */
	assert_true(ms_since(t0) >= 90);
	for (i = 0; i < total; i++)
		assert_int_equal(buf[i], (u8)i);
	assert_int_equal(kthread_stop(t), 0);
	kfree(buf);
	close_pair(c, s);
}

struct blocked_arg {
	struct socket *sock;
	long rcvtimeo;
	int ret;
	u64 returned_ns;
};

static int blocked_recv_fn(void *data)
{
	struct blocked_arg *a = data;
	char buf[4];

	allow_kernel_signal(SIGHUP);
	a->sock->sk->sk_rcvtimeo = a->rcvtimeo;
	a->ret = do_recv(a->sock, buf, sizeof(buf), 0);
	a->returned_ns = umc_test_now_ns();
	return umc_test_idle_until_stop(0);
}

static void signal_blocked(long rcvtimeo, int expect)
{
	struct socket *c, *s;
	struct blocked_arg a = { 0 };
	struct task_struct *t;
	u64 t0;

	pair(AF_INET, &c, &s);
	a.sock = s;
	a.rcvtimeo = rcvtimeo;
	t = kthread_run(blocked_recv_fn, &a, "blocked");
	assert_false(IS_ERR(t));
	umc_test_wait_asleep(t);
	/* a direct wait polls the host socket itself; the other waits through the watch */
	spin_lock(&s->sk->umc->lock);
	assert_int_equal(!!(s->sk->umc->interest & SYS_EV_IN), !umc_sock_direct_wait);
	spin_unlock(&s->sk->umc->lock);
	assert_int_equal(!!(__atomic_load_n(&t->__state, __ATOMIC_SEQ_CST) & __UMC_TASK_FDWAIT),
			 umc_sock_direct_wait);
	t0 = umc_test_now_ns();
	send_sig(SIGHUP, t, 1);
	assert_int_equal(kthread_stop(t), 0);
	assert_int_equal(a.ret, expect);
	assert_true((a.returned_ns - t0) / 1000000 < 200 * umc_test_slowdown());
	close_pair(c, s);
}

static void test_signal_interrupts_recv(void **state)
{
	(void)state;
	/* the data socket (no timeout) gets -ERESTARTSYS, the meta socket -EINTR */
	signal_blocked(MAX_SCHEDULE_TIMEOUT, -ERESTARTSYS);
	signal_blocked(msecs_to_jiffies(10000), -EINTR);
	/* the same through the event loop's watch (umc.sock_direct_wait=0) */
	umc_sock_direct_wait = false;
	signal_blocked(MAX_SCHEDULE_TIMEOUT, -ERESTARTSYS);
	signal_blocked(msecs_to_jiffies(10000), -EINTR);
	umc_sock_direct_wait = true;
}

static void test_send_timeout_and_bufsize(void **state)
{
	struct socket *c, *s;
	struct umc_sock *us;
	int val, len = sizeof(val), ret;
	size_t big = 16 << 20;
	u8 *buf;
	u64 t0;

	(void)state;
	pair(AF_INET, &c, &s);
	/* drbd_setbufsize(): open-coded SO_SNDBUF, applied at the next call */
	c->sk->sk_sndbuf = 65536;
	c->sk->sk_userlocks |= SOCK_SNDBUF_LOCK;
	s->sk->sk_rcvbuf = 65536;
	s->sk->sk_userlocks |= SOCK_RCVBUF_LOCK;
	c->sk->sk_sndtimeo = msecs_to_jiffies(100);
	buf = kvzalloc(big, GFP_KERNEL);
	assert_non_null(buf);
	t0 = umc_test_now_ns();
	/* nobody reads: some bytes go out, then the timeout ends the call with the count */
	ret = do_send(c, buf, big, 0);
	print_message("sent %d of %zu before the timeout\n", ret, big);
	assert_true(ret > 0 && (size_t)ret < big);
	assert_true(ms_since(t0) >= 100);
	assert_true(READ_ONCE(c->sk->sk_wmem_queued) > 0); /* refreshed concurrently as ACKs arrive */
	us = c->sk->umc;
	assert_int_equal(sys->sock_getsockopt(us->fd, SOL_SOCKET, SO_SNDBUF, &val, &len), 0);
	assert_int_equal(val, 65536);
	do_recv(s, buf, 1, MSG_DONTWAIT); /* applies the receive buffer */
	us = s->sk->umc;
	len = sizeof(val);
	assert_int_equal(sys->sock_getsockopt(us->fd, SOL_SOCKET, SO_RCVBUF, &val, &len), 0);
	assert_int_equal(val, 65536);
	/* the buffer is still full: the next send times out with nothing sent */
	t0 = umc_test_now_ns();
	assert_int_equal(do_send(c, buf, 4096, 0), -EAGAIN);
	assert_true(ms_since(t0) >= 100);
	assert_int_equal(do_send(c, buf, 4096, MSG_DONTWAIT), -EAGAIN);
	kvfree(buf);
	close_pair(c, s);
}

static void test_connect_refused(void **state)
{
	struct socket *l, *c;
	struct sockaddr_in6 a;
	u16 port;
	int len;

	(void)state;
	/* a port that was just free */
	assert_int_equal(make_listener(AF_INET, &l, &port), 0);
	sock_release(l);
	assert_int_equal(sock_create_kern(&init_net, AF_INET, SOCK_STREAM, IPPROTO_TCP, &c), 0);
	c->sk->sk_sndtimeo = msecs_to_jiffies(5000);
	len = fill_addr(AF_INET, &a, port);
	assert_int_equal(c->ops->connect(c, (struct sockaddr *)&a, len, 0), -ECONNREFUSED);
	sock_release(c);
	assert_int_equal(sock_create_kern(&init_net, AF_UNIX, SOCK_STREAM, 0, &c), -EAFNOSUPPORT);
	assert_null(c);
}

static void test_peer_reset(void **state)
{
	struct socket *c, *s;
	char buf[4];
	int ret, i;

	(void)state;
	pair(AF_INET, &c, &s);
	sock_release(s);
	/* after the peer closed, sends fail with a connection error (EPIPE / ECONNRESET) */
	for (i = 0, ret = 0; i < 100 && ret >= 0; i++) {
		ret = do_send(c, "x", 1, 0);
		if (ret >= 0)
			sleep_ms(5);
	}
	assert_true(ret == -EPIPE || ret == -ECONNRESET);
	ret = do_recv(c, buf, 4, MSG_DONTWAIT);
	assert_true(ret == 0 || ret == -ECONNRESET || ret == -EPIPE);
	sock_release(c);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_recv_timeout),
		cmocka_unit_test(test_peek_dontwait),
		cmocka_unit_test(test_waitall_partial_sends),
		cmocka_unit_test(test_signal_interrupts_recv),
		cmocka_unit_test(test_send_timeout_and_bufsize),
		cmocka_unit_test(test_connect_refused),
		cmocka_unit_test(test_peer_reset),
	};
	return UMC_TEST_RUN(tests);
}
