// SPDX-License-Identifier: GPL-2.0
/*
 * test_shim_netlink.c - netlink semantics of the shim's NETLINK_GENERIC socket, checked from
 * both ends: this binary links libdrbd-usermode-shim.so (so the shim interposes libc here) and
 * plays the daemon itself on RUN_DIR/control.sock (DRBD_UM_RUN_DIR is set by CTest).
 *
 * A helper thread accepts one connection and sends the HELLO (or a refusal); the test then
 * drives the client side (the shim) and the server side (plain AF_UNIX calls) in turn.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <cmocka.h>

#include "control_proto.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif
#define TEST_PORTID 0x4242

static int listen_fd = -1;

struct acceptor {
	pthread_t thread;
	int refuse;             /* send STATUS(-refuse) instead of HELLO */
	const char *proc_text;  /* after HELLO, queue a PROC_READ answer with this text */
	int fd;                 /* the daemon side of the connection */
};

static void send_oob(int fd, uint16_t type, const void *payload, size_t len)
{
	char buf[NLMSG_HDRLEN + DRBD_UM_DATA_MAX];

	memset(buf, 0, sizeof(buf));
	drbd_um_msg_init((struct nlmsghdr *)buf, type, len);
	if (len)
		memcpy(buf + NLMSG_HDRLEN, payload, len);
	assert_int_equal(send(fd, buf, NLMSG_SPACE(len), MSG_NOSIGNAL), (ssize_t)NLMSG_SPACE(len));
}

static void *acceptor_main(void *arg)
{
	struct acceptor *a = arg;
	struct drbd_um_hello hello = { .magic = DRBD_UM_PROTO_MAGIC,
				       .version = DRBD_UM_PROTO_VERSION,
				       .portid = TEST_PORTID };

	a->fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (a->fd < 0)
		return NULL;
	if (a->refuse) {
		struct drbd_um_status st = { .error = -a->refuse };

		send_oob(a->fd, DRBD_UM_MSG_STATUS, &st, sizeof(st));
	} else {
		send_oob(a->fd, DRBD_UM_MSG_HELLO, &hello, sizeof(hello));
	}
	if (a->proc_text) {
		struct drbd_um_status ok = { .error = 0 };

		send_oob(a->fd, DRBD_UM_MSG_DATA, a->proc_text, strlen(a->proc_text));
		send_oob(a->fd, DRBD_UM_MSG_STATUS, &ok, sizeof(ok));
	}
	return NULL;
}

/* Start accepting one connection; finish with acceptor_join() after the client connected. */
static void acceptor_start(struct acceptor *a, int refuse, const char *proc_text)
{
	a->refuse = refuse;
	a->proc_text = proc_text;
	a->fd = -1;
	assert_int_equal(pthread_create(&a->thread, NULL, acceptor_main, a), 0);
}

static int acceptor_join(struct acceptor *a)
{
	pthread_join(a->thread, NULL);
	assert_true(a->fd >= 0);
	return a->fd;
}

/* Client (via the shim) and server ends of one netlink socket. */
static int nl_open(int *srv)
{
	struct acceptor a;
	int fd;

	acceptor_start(&a, 0, NULL);
	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_GENERIC);
	*srv = acceptor_join(&a);
	assert_true(fd >= 0);
	return fd;
}

static int setup(void **state)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	const char *dir = getenv("DRBD_UM_RUN_DIR");

	(void)state;
	signal(SIGPIPE, SIG_DFL);       /* a SIGPIPE would kill the test: the shim must avoid it */
	if (!dir)
		return -1;
	mkdir(dir, 0700);
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/%s", dir, DRBD_UM_CONTROL_SOCK);
	unlink(sun.sun_path);
	listen_fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&sun, sizeof(sun)) ||
	    listen(listen_fd, 8))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	close(listen_fd);
	return 0;
}

static void test_addresses_and_options(void **state)
{
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
	socklen_t len = sizeof(nl);
	int srv, fd = nl_open(&srv), v;
	socklen_t vlen = sizeof(v);

	(void)state;
	assert_int_equal(bind(fd, (struct sockaddr *)&nl, sizeof(nl)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&nl, &len), 0);
	assert_int_equal(len, sizeof(struct sockaddr_nl));
	assert_int_equal(nl.nl_family, AF_NETLINK);
	assert_int_equal(nl.nl_pid, TEST_PORTID);

	nl.nl_pid = 77;
	assert_int_equal(bind(fd, (struct sockaddr *)&nl, sizeof(nl)), -1);
	assert_int_equal(errno, EINVAL);

	assert_int_equal(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, &vlen), 0);
	assert_int_equal(v, NETLINK_GENERIC);
	assert_int_equal(getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &vlen), 0);
	assert_int_equal(v, AF_NETLINK);
	assert_int_equal(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &vlen), 0);
	assert_int_equal(v, SOCK_DGRAM);
	v = 1 << 20;
	assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
	assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)), 0);
	close(fd);
	close(srv);
}

static void test_membership_in_band(void **state)
{
	char buf[256];
	const struct drbd_um_setsockopt *so;
	uint32_t words[2], val;
	socklen_t wlen = sizeof(words);
	int srv, fd = nl_open(&srv), g = 0;
	ssize_t n;

	(void)state;
	assert_int_equal(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &g, sizeof(g)), -1);
	assert_int_equal(errno, EINVAL);
	g = 5;
	assert_int_equal(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &g, sizeof(g)), 0);
	n = recv(srv, buf, sizeof(buf), 0);
	so = drbd_um_msg_payload(buf, (size_t)n, DRBD_UM_MSG_SETSOCKOPT, sizeof(*so) + 4);
	assert_non_null(so);
	assert_int_equal(so->level, SOL_NETLINK);
	assert_int_equal(so->optname, NETLINK_ADD_MEMBERSHIP);
	memcpy(&val, so + 1, sizeof(val));
	assert_int_equal(val, 5);
	assert_int_equal(getsockopt(fd, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, words, &wlen), 0);
	assert_int_equal(words[0], 1u << 4);
	assert_int_equal(setsockopt(fd, SOL_NETLINK, NETLINK_PKTINFO, &g, sizeof(g)), -1);
	assert_int_equal(errno, ENOPROTOOPT);
	close(fd);
	close(srv);
}

static void test_peek_trunc_and_source(void **state)
{
	char msg[100], small[10], big[200];
	struct sockaddr_nl from;
	struct iovec iov = { .iov_base = small, .iov_len = sizeof(small) };
	struct msghdr mh = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &iov,
			     .msg_iovlen = 1 };
	int srv, fd = nl_open(&srv);

	(void)state;
	memset(msg, 'm', sizeof(msg));
	((struct nlmsghdr *)msg)->nlmsg_type = 0x1c;
	((struct nlmsghdr *)msg)->nlmsg_len = sizeof(msg);
	assert_int_equal(send(srv, msg, sizeof(msg), 0), (ssize_t)sizeof(msg));

	/* peek into a small buffer: truncated copy, MSG_TRUNC in msg_flags */
	assert_int_equal(recvmsg(fd, &mh, MSG_PEEK), (ssize_t)sizeof(small));
	assert_true(mh.msg_flags & MSG_TRUNC);
	assert_int_equal(mh.msg_namelen, sizeof(struct sockaddr_nl));
	assert_int_equal(from.nl_family, AF_NETLINK);
	assert_int_equal(from.nl_pid, 0);
	/* MSG_TRUNC as a flag: the real length */
	mh.msg_namelen = sizeof(from);
	assert_int_equal(recvmsg(fd, &mh, MSG_PEEK | MSG_TRUNC), (ssize_t)sizeof(msg));
	/* the datagram is still there, whole */
	iov.iov_base = big;
	iov.iov_len = sizeof(big);
	mh.msg_namelen = sizeof(from);
	assert_int_equal(recvmsg(fd, &mh, 0), (ssize_t)sizeof(msg));
	assert_false(mh.msg_flags & MSG_TRUNC);
	assert_memory_equal(big, msg, sizeof(msg));
	assert_int_equal(recv(fd, big, sizeof(big), MSG_DONTWAIT), -1);
	assert_int_equal(errno, EAGAIN);
	close(fd);
	close(srv);
}

static void test_send_destinations(void **state)
{
	char req[NLMSG_HDRLEN] = { 0 }, got[64];
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	int srv, fd = nl_open(&srv);

	(void)state;
	((struct nlmsghdr *)req)->nlmsg_len = NLMSG_HDRLEN;
	((struct nlmsghdr *)req)->nlmsg_type = 0x10;
	assert_int_equal(sendto(fd, req, sizeof(req), 0, (struct sockaddr *)&to, sizeof(to)),
			 (ssize_t)sizeof(req));
	assert_int_equal(recv(srv, got, sizeof(got), 0), (ssize_t)sizeof(req));
	to.nl_pid = 99;
	assert_int_equal(sendto(fd, req, sizeof(req), 0, (struct sockaddr *)&to, sizeof(to)), -1);
	assert_int_equal(errno, ECONNREFUSED);
	to.nl_pid = 0;
	to.nl_groups = 1;
	assert_int_equal(sendto(fd, req, sizeof(req), 0, (struct sockaddr *)&to, sizeof(to)), -1);
	assert_int_equal(errno, EPERM);
	close(fd);
	close(srv);
}

static void test_overrun_and_eof(void **state)
{
	char msg[32] = { 0 }, buf[64];
	int srv, fd = nl_open(&srv), fd2;

	(void)state;
	((struct nlmsghdr *)msg)->nlmsg_len = sizeof(msg);
	((struct nlmsghdr *)msg)->nlmsg_type = 0x1c;
	send_oob(srv, DRBD_UM_MSG_OVERRUN, NULL, 0);
	assert_int_equal(send(srv, msg, sizeof(msg), 0), (ssize_t)sizeof(msg));
	/* the marker is reported once, even to a peek, then data flows again */
	assert_int_equal(recv(fd, buf, sizeof(buf), MSG_PEEK), -1);
	assert_int_equal(errno, ENOBUFS);
	assert_int_equal(read(fd, buf, sizeof(buf)), (ssize_t)sizeof(msg));

	/* a dup is the same netlink socket */
	fd2 = dup(fd);
	close(fd);
	assert_int_equal(getsockopt(fd2, SOL_SOCKET, SO_PROTOCOL, &(int){ 0 },
				    &(socklen_t){ sizeof(int) }), 0);

	/* daemon gone: no EOF, no SIGPIPE */
	close(srv);
	assert_int_equal(recv(fd2, buf, sizeof(buf), 0), -1);
	assert_int_equal(errno, ECONNRESET);
	assert_int_equal(write(fd2, msg, sizeof(msg)), -1);
	assert_int_equal(errno, ECONNREFUSED);
	close(fd2);
}

static void test_refused(void **state)
{
	struct acceptor a;
	int fd;

	(void)state;
	acceptor_start(&a, EACCES, NULL);
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	close(acceptor_join(&a));
	assert_int_equal(fd, -1);
	assert_int_equal(errno, EACCES);
}

static void test_proc_drbd(void **state)
{
	static const char text[] = "version: 8.4.11 (api:1/proto:86-101)\n";
	const struct drbd_um_proc_read *pr;
	struct acceptor a;
	char req[128], line[128];
	struct stat st;
	FILE *f;
	ssize_t n;

	(void)state;
	assert_int_equal(stat("/proc/drbd", &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0444);

	/* the acceptor queues the answer right after the HELLO; the request is checked after */
	acceptor_start(&a, 0, text);
	f = fopen("/proc/drbd", "r");
	acceptor_join(&a);
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, text);
	assert_int_equal(fstat(fileno(f), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0444);
	fclose(f);
	n = recv(a.fd, req, sizeof(req), 0);
	pr = drbd_um_msg_payload(req, (size_t)n, DRBD_UM_MSG_PROC_READ, sizeof(*pr) + 5);
	assert_non_null(pr);
	assert_string_equal(pr->path, "drbd");
	close(a.fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addresses_and_options),
		cmocka_unit_test(test_membership_in_band),
		cmocka_unit_test(test_peek_trunc_and_source),
		cmocka_unit_test(test_send_destinations),
		cmocka_unit_test(test_overrun_and_eof),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_proc_drbd),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
