// SPDX-License-Identifier: GPL-2.0
/*
 * futex_time.c - clocks, the futex blocking primitive and random bytes.
 *
 * futex_wait uses FUTEX_WAIT_BITSET with an absolute CLOCK_MONOTONIC deadline, so a wait that
 * is restarted after a signal or a spurious wake-up never extends the deadline.
 */
#include <linux/futex.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "mte_internal.h"

uint64_t mte_time_monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t mte_time_realtime_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int mte_futex_wait(uint32_t *addr, uint32_t val, uint64_t deadline_ns)
{
	struct timespec ts, *tp = NULL;
	if (deadline_ns) {
		ts.tv_sec = (time_t)(deadline_ns / 1000000000u);
		ts.tv_nsec = (long)(deadline_ns % 1000000000u);
		tp = &ts;
	}
	long rc = syscall(SYS_futex, addr, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, val, tp, NULL,
			  FUTEX_BITSET_MATCH_ANY);
	if (rc == 0)
		return 0;
	switch (errno) {
	case EAGAIN:
		return -EAGAIN;
	case ETIMEDOUT:
		return -ETIMEDOUT;
	case EINTR:
		return 0; /* spurious: the caller re-checks */
	default: {
		char msg[80];
		snprintf(msg, sizeof(msg), "futex_wait(%p): %s", (void *)addr, strerror(errno));
		mte_panic(msg);
	}
	}
}

void mte_futex_wake(uint32_t *addr, int n)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

void mte_random_bytes(void *buf, size_t len)
{
	char *p = buf;
	while (len) {
		ssize_t n = getrandom(p, len, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			char msg[64];
			snprintf(msg, sizeof(msg), "getrandom: %s", strerror(errno));
			mte_panic(msg);
		}
		p += n;
		len -= (size_t)n;
	}
}
