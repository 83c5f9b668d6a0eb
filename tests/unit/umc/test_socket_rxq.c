// SPDX-License-Identifier: GPL-2.0
/*
 * test_socket_rxq.c - receive read-ahead of kernel sockets (umc/src/socket_rxq.c): DRBD's
 * header-then-pages receive pattern served from one host recvmsg, MSG_PEEK on buffered
 * bytes, buffered bytes before end of stream, unsupported flags. Counts come from the
 * socket's own statistics (rx_host_calls).
 */
#include "umc_test.h"

#include <linux/net.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <linux/in.h>
#include <linux/slab.h>
#include <linux/jiffies.h>
#include "../../../umc/src/socket_internal.h"
#include "socket_test_pair.h"

static u64 host_recvs(struct socket *s)
{
	struct umc_sock *us = s->sk->umc;
	u64 n;

	spin_lock(&us->rx_lock);
	n = us->rx_host_calls;
	spin_unlock(&us->rx_lock);
	return n;
}

#define HDR 16
#define NPKT 3

/* The stream: NPKT packets of a header and one page each, as DRBD's P_DATA. */
static u8 byte_at(size_t pos)
{
	return (u8)(pos * 13 + (pos >> 9));
}

static void test_header_and_pages_from_one_recv(void **state)
{
	size_t total = NPKT * (HDR + PAGE_SIZE), pos = 0, i;
	u8 *out = kmalloc(total, GFP_KERNEL), *page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	u8 hdr[HDR], peek[4];
	struct socket *c, *s;
	int p;

	(void)state;
	socket_test_pair(&c, &s, 0, 0);
	for (i = 0; i < total; i++)
		out[i] = byte_at(i);
	/* the whole stream is in the receiver's host socket before the first receive */
	assert_int_equal(socket_test_send(c, out, total, 0), (int)total);
	for (p = 0; p < NPKT; p++) {
		/* drbd_recv_header_maybe_unplug: first without waiting */
		assert_int_equal(socket_test_recv(s, hdr, HDR, MSG_DONTWAIT | MSG_NOSIGNAL), HDR);
		for (i = 0; i < HDR; i++)
			assert_int_equal(hdr[i], byte_at(pos + i));
		pos += HDR;
		/* a peek sees the next bytes and leaves them */
		assert_int_equal(socket_test_recv(s, peek, sizeof(peek), MSG_DONTWAIT | MSG_PEEK), 4);
		assert_int_equal(peek[0], byte_at(pos));
		assert_int_equal(socket_test_recv(s, page, PAGE_SIZE, MSG_WAITALL | MSG_NOSIGNAL),
				 (int)PAGE_SIZE);
		for (i = 0; i < PAGE_SIZE; i++)
			assert_int_equal(page[i], byte_at(pos + i));
		pos += PAGE_SIZE;
	}
	/* all of it came with the first host recvmsg */
	assert_int_equal(host_recvs(s), 1);
	assert_int_equal(socket_test_recv(s, hdr, HDR, MSG_DONTWAIT), -EAGAIN);
	assert_int_equal(host_recvs(s), 2);
	kfree(out);
	kfree(page);
	socket_test_close(c, s);
}

/* A large MSG_WAITALL receive fills the caller's buffer directly and reads ahead the rest. */
static void test_large_receive_then_buffered(void **state)
{
	size_t big = 256 * 1024, extra = 100, i;
	u8 *out = kvmalloc(big + extra, GFP_KERNEL), *in = kvmalloc(big + extra, GFP_KERNEL);
	struct socket *c, *s;

	(void)state;
	socket_test_pair(&c, &s, 0, 0);
	for (i = 0; i < big + extra; i++)
		out[i] = byte_at(i);
	assert_int_equal(socket_test_send(c, out, big + extra, 0), (int)(big + extra));
	assert_int_equal(socket_test_recv(s, in, big, MSG_WAITALL), (int)big);
	assert_int_equal(socket_test_recv(s, in + big, extra, MSG_WAITALL), (int)extra);
	assert_memory_equal(in, out, big + extra);
	kvfree(out);
	kvfree(in);
	socket_test_close(c, s);
}

/* Buffered bytes come before the end of stream the host reports after them. */
static void test_buffered_bytes_before_eof(void **state)
{
	struct socket *c, *s;
	char buf[16];

	(void)state;
	socket_test_pair(&c, &s, 0, 0);
	assert_int_equal(socket_test_send(c, "abcdef", 6, 0), 6);
	assert_int_equal(kernel_sock_shutdown(c, SHUT_WR), 0);
	assert_int_equal(socket_test_recv(s, buf, 1, MSG_WAITALL), 1);
	assert_int_equal(buf[0], 'a');
	/* a peek of the buffered bytes returns them, not more */
	assert_int_equal(socket_test_recv(s, buf, sizeof(buf), MSG_PEEK), 5);
	assert_memory_equal(buf, "bcdef", 5);
	/* without MSG_WAITALL: what is there; then the end of stream */
	assert_int_equal(socket_test_recv(s, buf, sizeof(buf), 0), 5);
	assert_memory_equal(buf, "bcdef", 5);
	assert_int_equal(socket_test_recv(s, buf, sizeof(buf), 0), 0);
	socket_test_close(c, s);
}

/* A peek on an empty buffer waits for data and keeps it for the next receive. */
static void test_peek_reads_ahead(void **state)
{
	struct socket *c, *s;
	char buf[8];

	(void)state;
	socket_test_pair(&c, &s, 0, 0);
	assert_int_equal(socket_test_recv(s, buf, 4, MSG_DONTWAIT | MSG_PEEK), -EAGAIN);
	assert_int_equal(socket_test_send(c, "wxyz", 4, 0), 4);
	assert_int_equal(socket_test_recv(s, buf, 4, MSG_PEEK), 4);
	assert_memory_equal(buf, "wxyz", 4);
	memset(buf, 0, sizeof(buf));
	assert_int_equal(socket_test_recv(s, buf, 4, MSG_DONTWAIT), 4);
	assert_memory_equal(buf, "wxyz", 4);
	socket_test_close(c, s);
}

static void test_unsupported_flags(void **state)
{
	struct socket *c, *s;
	char buf[4];

	(void)state;
	socket_test_pair(&c, &s, 0, 0);
	assert_int_equal(socket_test_recv(s, buf, sizeof(buf), MSG_OOB | MSG_DONTWAIT), -EOPNOTSUPP);
	assert_int_equal(socket_test_recv(s, buf, sizeof(buf), MSG_TRUNC | MSG_DONTWAIT), -EOPNOTSUPP);
	socket_test_close(c, s);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_and_pages_from_one_recv),
		cmocka_unit_test(test_large_receive_then_buffered),
		cmocka_unit_test(test_buffered_bytes_before_eof),
		cmocka_unit_test(test_peek_reads_ahead),
		cmocka_unit_test(test_unsupported_flags),
	};
	return UMC_TEST_RUN(tests);
}
