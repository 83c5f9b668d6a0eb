/* SPDX-License-Identifier: GPL-2.0 */
/*
 * socket_test_pair.h - a connected loopback TCP pair of kernel sockets and one-buffer
 * send/receive, for the umc socket unit tests (include after umc_test.h and <net/sock.h>).
 * All helpers fail the running cmocka test on an unexpected error.
 */
#ifndef SOCKET_TEST_PAIR_H
#define SOCKET_TEST_PAIR_H

#include <linux/net.h>
#include <linux/in.h>
#include <linux/jiffies.h>
#include <net/sock.h>

/*
 * socket_test_pair - @c connected to @s over 127.0.0.1. A non-zero @sndbuf / @rcvbuf is set
 * on @c / @s and locked (as DRBD's sndbuf-size/rcvbuf-size); 0 keeps the default. Send and
 * receive timeouts are 10 s (the receive one times umc_test_slowdown()).
 */
static inline void socket_test_pair(struct socket **c, struct socket **s, int sndbuf, int rcvbuf)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct socket *l;
	int len = sizeof(a);

	a.sin_addr.s_addr = cpu_to_be32(INADDR_LOOPBACK);
	assert_int_equal(sock_create_kern(&init_net, AF_INET, SOCK_STREAM, IPPROTO_TCP, &l), 0);
	assert_int_equal(kernel_bind(l, (struct sockaddr *)&a, len), 0);
	/* before listen: the event loop copies it into each connection it accepts */
	l->sk->sk_rcvtimeo = msecs_to_jiffies(10000);
	assert_int_equal(kernel_listen(l, 2), 0);
	assert_true(kernel_getsockname(l, (struct sockaddr *)&a) > 0);
	assert_int_equal(sock_create_kern(&init_net, AF_INET, SOCK_STREAM, IPPROTO_TCP, c), 0);
	if (sndbuf) {
		(*c)->sk->sk_sndbuf = sndbuf;
		(*c)->sk->sk_userlocks |= SOCK_SNDBUF_LOCK;
	}
	(*c)->sk->sk_sndtimeo = msecs_to_jiffies(10000);
	assert_int_equal(kernel_connect(*c, (struct sockaddr *)&a, len, 0), 0);
	assert_int_equal(kernel_accept(l, s, 0), 0);
	sock_release(l);
	if (rcvbuf) {
		(*s)->sk->sk_rcvbuf = rcvbuf;
		(*s)->sk->sk_userlocks |= SOCK_RCVBUF_LOCK;
	}
	(*s)->sk->sk_rcvtimeo = msecs_to_jiffies(10000 * umc_test_slowdown());
}

/* socket_test_close - shut the pair down and release both sockets. */
static inline void socket_test_close(struct socket *c, struct socket *s)
{
	kernel_sock_shutdown(c, SHUT_RDWR);
	sock_release(c);
	sock_release(s);
}

/* kernel_sendmsg of one buffer (MSG_NOSIGNAL added); returns what kernel_sendmsg returns. */
static inline int socket_test_send(struct socket *s, const void *buf, size_t len,
				   unsigned int flags)
{
	struct kvec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr msg = { .msg_flags = flags | MSG_NOSIGNAL };

	return kernel_sendmsg(s, &msg, &iov, 1, len);
}

/* kernel_recvmsg into one buffer; returns what kernel_recvmsg returns. */
static inline int socket_test_recv(struct socket *s, void *buf, size_t len, int flags)
{
	struct kvec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_flags = flags };

	return kernel_recvmsg(s, &msg, &iov, 1, len, flags);
}

#endif
