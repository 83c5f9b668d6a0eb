// SPDX-License-Identifier: GPL-2.0
/*
 * fd_wait.c - a thread sleeping on one fd, ended early by another thread (contract in
 * sys_service.h). A waker is a non-blocking eventfd: waker_kick adds 1, fd_wait polls the
 * target fd and the eventfd together and reads the eventfd (to zero) when it fired. The
 * deadline is absolute CLOCK_MONOTONIC, so a poll restarted after a host signal (EINTR) never
 * waits longer than asked.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "mte_internal.h"

struct sys_waker {
	int efd;
};

int mte_waker_create(struct sys_waker **out)
{
	struct sys_waker *w = mte_mem_alloc(sizeof(*w), 0, "mte.waker");

	if (!w)
		return -ENOMEM;
	w->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (w->efd < 0) {
		int err = errno;

		mte_mem_free(w);
		return -err;
	}
	*out = w;
	return 0;
}

void mte_waker_destroy(struct sys_waker *w)
{
	if (!w)
		return;
	close(w->efd);
	mte_mem_free(w);
}

void mte_waker_kick(struct sys_waker *w)
{
	uint64_t one = 1;

	/* EAGAIN only when the counter is at its maximum: a kick is pending anyway */
	while (write(w->efd, &one, sizeof(one)) < 0 && errno == EINTR)
		;
}

int mte_fd_wait(int fd, uint32_t events, struct sys_waker *w, uint64_t deadline_ns)
{
	struct pollfd p[2] = {
		{ .fd = fd, .events = (short)(events & (SYS_EV_IN | SYS_EV_OUT)) },
		{ .fd = w->efd, .events = POLLIN },
	};
	int rc = 0;

	for (;;) {
		struct timespec ts, *tp = NULL;
		int n;

		if (deadline_ns) {
			uint64_t now = mte_time_monotonic_ns(), left;

			if (now >= deadline_ns)
				return 0;
			left = deadline_ns - now;
			ts.tv_sec = (time_t)(left / 1000000000u);
			ts.tv_nsec = (long)(left % 1000000000u);
			tp = &ts;
		}
		n = ppoll(p, 2, tp, NULL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			continue; /* the deadline check above decides, on the monotonic clock */
		break;
	}
	if (p[0].revents & POLLNVAL)
		return -EBADF;
	rc = (int)((uint32_t)p[0].revents & (SYS_EV_IN | SYS_EV_OUT | SYS_EV_ERR | SYS_EV_HUP));
	if (p[1].revents & POLLIN) {
		uint64_t v;

		while (read(w->efd, &v, sizeof(v)) < 0 && errno == EINTR)
			;
		rc |= (int)SYS_EV_KICK;
	}
	return rc;
}
