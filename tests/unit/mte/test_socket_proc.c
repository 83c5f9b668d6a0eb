// SPDX-License-Identifier: GPL-2.0
/* Conformance: non-blocking sockets (TCP loopback, UNIX) and proc_run. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "mte_test.h"

struct ready {
	uint32_t calls;
	uint32_t revents;
};

static void ready_fn(void *p, uint32_t revents)
{
	struct ready *r = p;
	__atomic_store_n(&r->revents, revents, __ATOMIC_RELAXED);
	counter_inc(&r->calls);
}

/* wait until @fd reports @events through an fd watch (the interface's readiness path) */
static uint32_t wait_ready(int fd, uint32_t events)
{
	struct sys_event_fd *w;
	struct ready r = { 0 };
	assert_int_equal(sys->fd_watch_create(&w, NULL, fd, ready_fn, &r), 0);
	assert_int_equal(sys->fd_watch_enable(w, events), 0);
	assert_true(counter_wait(&r.calls, 1, slow(10 * SEC)));
	sys->fd_watch_destroy(w);
	return r.revents;
}

static void test_tcp_loopback(void **state)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int l = sys->sock_open(AF_INET, SOCK_STREAM, 0);
	assert_true(l >= 0);
	int one = 1;
	assert_int_equal(sys->sock_setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), 0);
	assert_int_equal(sys->sock_bind(l, &a, sizeof(a)), 0);
	assert_int_equal(sys->sock_listen(l, 8), 0);
	int alen = sizeof(a);
	assert_int_equal(sys->sock_getname(l, &a, &alen, false), 0);
	assert_int_equal(alen, sizeof(a));
	assert_int_not_equal(a.sin_port, 0);
	assert_int_equal(sys->sock_accept(l, NULL, NULL), -EAGAIN);

	int c = sys->sock_open(AF_INET, SOCK_STREAM, 0);
	assert_true(c >= 0);
	int rc = sys->sock_connect(c, &a, sizeof(a));
	assert_true(rc == 0 || rc == -EINPROGRESS);
	assert_true(wait_ready(c, SYS_EV_OUT) & SYS_EV_OUT);
	assert_int_equal(sys->sock_error(c), 0);
	assert_true(wait_ready(l, SYS_EV_IN) & SYS_EV_IN);
	struct sockaddr_in peer;
	int plen = sizeof(peer);
	int s = sys->sock_accept(l, &peer, &plen);
	assert_true(s >= 0);
	assert_int_equal(plen, sizeof(peer));
	assert_int_equal(peer.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	assert_int_equal(sys->sock_setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	int v = 0, vlen = sizeof(v);
	assert_int_equal(sys->sock_getsockopt(s, IPPROTO_TCP, TCP_NODELAY, &v, &vlen), 0);
	assert_int_equal(v, 1);

	char buf[64];
	struct sys_iovec rio = { buf, sizeof(buf) };
	assert_int_equal(sys->sock_recvmsg(s, &rio, 1, 0), -EAGAIN);
	struct sys_iovec wio[2] = { { "hello ", 6 }, { "world", 5 } };
	assert_int_equal(sys->sock_sendmsg(c, wio, 2, 0), 11);
	assert_true(wait_ready(s, SYS_EV_IN) & SYS_EV_IN);
	assert_int_equal(sys->sock_recvmsg(s, &rio, 1, MSG_PEEK), 11);
	assert_int_equal(sys->sock_recvmsg(s, &rio, 1, 0), 11);
	assert_memory_equal(buf, "hello world", 11);

	/* orderly shutdown: recv returns 0 */
	assert_int_equal(sys->sock_shutdown(c, SHUT_WR), 0);
	assert_true(wait_ready(s, SYS_EV_IN | SYS_EV_RDHUP) & (SYS_EV_IN | SYS_EV_RDHUP));
	assert_int_equal(sys->sock_recvmsg(s, &rio, 1, 0), 0);
	assert_int_equal(sys->fd_close(s), 0);
	assert_int_equal(sys->fd_close(c), 0);
	assert_int_equal(sys->fd_close(l), 0);
	assert_int_equal(sys->fd_close(l), -EBADF);
}

static void test_no_sigpipe(void **state)
{
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	sys->fd_close(sv[1]);
	struct sys_iovec io = { "x", 1 };
	assert_int_equal(sys->sock_sendmsg(sv[0], &io, 1, 0), -EPIPE);
	sys->fd_close(sv[0]);
}

static void test_connect_refused(void **state)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	/* find a free port: bind, read it back, close */
	int t = sys->sock_open(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(sys->sock_bind(t, &a, sizeof(a)), 0);
	int alen = sizeof(a);
	sys->sock_getname(t, &a, &alen, false);
	sys->fd_close(t);
	int c = sys->sock_open(AF_INET, SOCK_STREAM, 0);
	int rc = sys->sock_connect(c, &a, sizeof(a));
	if (rc == -EINPROGRESS) {
		wait_ready(c, SYS_EV_OUT);
		rc = sys->sock_error(c);
	}
	assert_int_equal(rc, -ECONNREFUSED);
	assert_int_equal(sys->sock_open(12345, SOCK_STREAM, 0), -EAFNOSUPPORT);
	sys->fd_close(c);
}

static void test_proc_run(void **state)
{
	const char *const t[] = { "/bin/true", NULL };
	const char *const f[] = { "/bin/false", NULL };
	const char *const code[] = { "/bin/sh", "-c", "exit 7", NULL };
	const char *const sig[] = { "/bin/sh", "-c", "kill -9 $$", NULL };
	const char *const env[] = { "/bin/sh", "-c", "test \"$MTE_X\" = yes", NULL };
	const char *const envp[] = { "MTE_X=yes", "PATH=/bin:/usr/bin", NULL };
	const char *const missing[] = { "/nonexistent/program", NULL };
	const char *const relative[] = { "true", NULL };
	assert_int_equal(sys->proc_run(t, NULL), 0);
	assert_int_equal(sys->proc_run(f, NULL), 1);
	assert_int_equal(sys->proc_run(code, NULL), 7);
	assert_int_equal(sys->proc_run(sig, NULL), 128 + 9);
	assert_int_equal(sys->proc_run(env, envp), 0);
	assert_int_equal(sys->proc_run(env, NULL), 1);
	assert_int_equal(sys->proc_run(missing, NULL), -ENOENT);
	assert_int_equal(sys->proc_run(relative, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tcp_loopback),
		cmocka_unit_test(test_no_sigpipe),
		cmocka_unit_test(test_connect_refused),
		cmocka_unit_test(test_proc_run),
	};
	return cmocka_run_group_tests(tests, mte_test_start, mte_test_stop);
}
