// SPDX-License-Identifier: GPL-2.0
/*
 * fd_wait and the waker (sys_service.h): readiness of the fd, a kick from another thread, a
 * kick before the wait (ends it at once, consumed), several kicks ending one wait only, the
 * deadline (never early), error and hang-up always reported, a closed fd.
 */
#include <pthread.h>
#include <unistd.h>

#include "mte_test.h"

static struct sys_waker *w;
static int p[2];

static int setup(void **state)
{
	(void)state;
	if (pipe(p))
		return -1;
	return sys->waker_create(&w);
}

static int teardown(void **state)
{
	(void)state;
	sys->waker_destroy(w);
	close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	return 0;
}

static void test_readable(void **state)
{
	char c;

	(void)state;
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(sys->fd_wait(p[0], SYS_EV_IN, w, 0), (int)SYS_EV_IN);
	assert_int_equal(read(p[0], &c, 1), 1);
}

static void test_deadline_not_early(void **state)
{
	uint64_t t0 = sys->time_monotonic_ns();

	(void)state;
	assert_int_equal(sys->fd_wait(p[0], SYS_EV_IN, w, t0 + 30 * MS), 0);
	assert_true(sys->time_monotonic_ns() - t0 >= 30 * MS);
	/* a deadline already passed: at once */
	assert_int_equal(sys->fd_wait(p[0], SYS_EV_IN, w, t0), 0);
}

static void test_kicks(void **state)
{
	uint64_t t0;

	(void)state;
	/* kicked before the wait: ends it at once and is consumed; three kicks end one wait */
	sys->waker_kick(w);
	sys->waker_kick(w);
	sys->waker_kick(w);
	assert_int_equal(sys->fd_wait(p[0], SYS_EV_IN, w, 0), (int)SYS_EV_KICK);
	t0 = sys->time_monotonic_ns();
	assert_int_equal(sys->fd_wait(p[0], SYS_EV_IN, w, t0 + 20 * MS), 0);
	/* readiness and a kick together: both reported */
	assert_int_equal(write(p[1], "y", 1), 1);
	sys->waker_kick(w);
	assert_int_equal(sys->fd_wait(p[0], SYS_EV_IN, w, 0), (int)(SYS_EV_IN | SYS_EV_KICK));
	{
		char c;

		assert_int_equal(read(p[0], &c, 1), 1);
	}
}

static void *kicker(void *arg)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	(void)arg;
	nanosleep(&ts, NULL);
	sys->waker_kick(w);
	return NULL;
}

static void test_kick_from_another_thread(void **state)
{
	pthread_t t;
	uint64_t t0 = sys->time_monotonic_ns();

	(void)state;
	assert_int_equal(pthread_create(&t, NULL, kicker, NULL), 0);
	assert_int_equal(sys->fd_wait(p[0], SYS_EV_IN, w, t0 + slow(10 * SEC)), (int)SYS_EV_KICK);
	assert_true(sys->time_monotonic_ns() - t0 >= 20 * MS);
	pthread_join(t, NULL);
}

static void test_hangup_and_bad_fd(void **state)
{
	int r;

	(void)state;
	close(p[1]);
	p[1] = -1;
	/* the writer is gone: a hang-up, reported whatever was asked */
	r = sys->fd_wait(p[0], SYS_EV_OUT, w, 0);
	assert_true(r & SYS_EV_HUP);
	assert_int_equal(sys->fd_wait(1000000, SYS_EV_IN, w, 0), -EBADF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readable),
		cmocka_unit_test(test_deadline_not_early),
		cmocka_unit_test(test_kicks),
		cmocka_unit_test(test_kick_from_another_thread),
		cmocka_unit_test(test_hangup_and_bad_fd),
	};
	int rc;

	if (mte_test_start(NULL) || setup(NULL))
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	teardown(NULL);
	return mte_test_stop(NULL) ? 1 : rc;
}
