// SPDX-License-Identifier: GPL-2.0
/*
 * mte_bench.c - latency micro-benchmark of the mte provider, through the sys_service vector:
 *   timer:    armed deadline -> callback entry (ns late)
 *   task:     task_schedule on this thread -> callback entry on the default loop
 *   futex:    futex_wake on one thread -> futex_wait return on another
 *   aio:      4 KiB write then read back, submit -> completion callback (per direction pair)
 * Prints median / p99 / max in microseconds. Usage: bench-mte [dir-for-files ...]
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mte.h"

#define N 2000

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *what, uint64_t *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_u64);
	printf("%-36s median %8.1f us   p99 %8.1f us   max %8.1f us   (n=%d)\n", what,
	       v[n / 2] / 1e3, v[n * 99 / 100] / 1e3, v[n - 1] / 1e3, n);
}

static void wait_word(uint32_t *w)
{
	while (!__atomic_load_n(w, __ATOMIC_ACQUIRE))
		sys->futex_wait(w, 0, 0);
}

static void post_word(uint32_t *w)
{
	__atomic_store_n(w, 1, __ATOMIC_RELEASE);
	sys->futex_wake(w, 1);
}

/* ------------------------------------------------------------------- timer */
struct tstate {
	uint64_t deadline, late;
	uint32_t fired;
};

static void timer_cb(void *p)
{
	struct tstate *s = p;
	s->late = sys->time_monotonic_ns() - s->deadline;
	post_word(&s->fired);
}

static void bench_timer(void)
{
	static uint64_t v[N];
	struct tstate s;
	struct sys_timer *t;
	sys->timer_create(&t, NULL, timer_cb, &s);
	for (int i = 0; i < N; i++) {
		s.fired = 0;
		s.deadline = sys->time_monotonic_ns() + 200000 + (uint64_t)(i % 7) * 10000;
		sys->timer_arm(t, s.deadline);
		wait_word(&s.fired);
		v[i] = s.late;
	}
	sys->timer_destroy(t);
	report("timer deadline -> callback", v, N);
}

/* -------------------------------------------------------------------- task */
struct kstate {
	uint64_t t0, lat;
	uint32_t ran;
};

static void task_cb(void *p)
{
	struct kstate *s = p;
	s->lat = sys->time_monotonic_ns() - s->t0;
	post_word(&s->ran);
}

static void bench_task(void)
{
	static uint64_t v[N];
	struct kstate s;
	struct sys_event_task *t;
	sys->task_create(&t, NULL, task_cb, &s);
	for (int i = 0; i < N; i++) {
		s.ran = 0;
		s.t0 = sys->time_monotonic_ns();
		sys->task_schedule(t);
		wait_word(&s.ran);
		v[i] = s.lat;
	}
	sys->task_destroy(t);
	report("task_schedule -> callback (x-thread)", v, N);
}

/* ------------------------------------------------------------------- futex */
struct fstate {
	uint32_t ping, pong;
	uint64_t t0;
	uint64_t lat[N];
};

static void futex_peer(void *p)
{
	struct fstate *s = p;
	for (uint32_t i = 0; i < N; i++) {
		uint32_t v;
		while ((v = __atomic_load_n(&s->ping, __ATOMIC_ACQUIRE)) <= i)
			sys->futex_wait(&s->ping, v, 0);
		s->lat[i] = sys->time_monotonic_ns() - s->t0;
		__atomic_store_n(&s->pong, i + 1, __ATOMIC_RELEASE);
		sys->futex_wake(&s->pong, 1);
	}
}

static void bench_futex(void)
{
	static struct fstate s;
	struct sys_thread *th;
	sys->thread_create(&th, "futex_peer", futex_peer, &s);
	for (uint32_t i = 0; i < N; i++) {
		/* give the peer time to go to sleep so each wake is a real wake-up */
		uint32_t never = 0, v;
		sys->futex_wait(&never, 0, sys->time_monotonic_ns() + 50000);
		s.t0 = sys->time_monotonic_ns();
		__atomic_store_n(&s.ping, i + 1, __ATOMIC_RELEASE);
		sys->futex_wake(&s.ping, 1);
		while ((v = __atomic_load_n(&s.pong, __ATOMIC_ACQUIRE)) <= i)
			sys->futex_wait(&s.pong, v, 0);
	}
	sys->thread_join(th);
	report("futex_wake -> waiter running", s.lat, N);
}

/* --------------------------------------------------------------------- aio */
struct astate {
	uint32_t done;
	long res;
};

static void aio_cb(struct sys_bio_req *req, long res)
{
	struct astate *s = req->priv;
	s->res = res;
	post_word(&s->done);
}

static uint64_t one_io(struct sys_bdev *b, enum sys_bio_op op, void *buf, uint64_t off)
{
	struct astate s = { 0 };
	struct sys_iovec iov = { buf, 4096 };
	struct sys_bio_req req = { .op = op, .offset = off, .iov = &iov, .iovcnt = 1,
				   .done = aio_cb, .priv = &s };
	uint64_t t0 = sys->time_monotonic_ns();
	sys->bdev_submit(b, &req);
	wait_word(&s.done);
	if (s.res != 4096) {
		fprintf(stderr, "aio: result %ld\n", s.res);
		exit(1);
	}
	return sys->time_monotonic_ns() - t0;
}

static void bench_aio(const char *dir, uint32_t flags)
{
	static uint64_t w[N], r[N];
	char path[256];
	snprintf(path, sizeof(path), "%s/mte_bench.%d", dir, (int)getpid());
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, 64 << 20)) {
		perror(path);
		return;
	}
	close(fd);
	struct sys_bdev *b;
	struct sys_bdev_info info;
	if (sys->bdev_open(&b, path, SYS_BDEV_READ | SYS_BDEV_WRITE | flags, &info)) {
		unlink(path);
		return;
	}
	void *buf = sys->mem_alloc(4096, 4096, "bench");
	memset(buf, 0x5a, 4096);
	int n = N / 2;
	for (int i = 0; i < n; i++) {
		uint64_t off = (uint64_t)(i * 7919 % 16384) * 4096;
		w[i] = one_io(b, SYS_BIO_WRITE, buf, off);
		r[i] = one_io(b, SYS_BIO_READ, buf, off);
	}
	char what[96];
	snprintf(what, sizeof(what), "4K write %s %s", dir, info.direct ? "direct" : "buffered");
	report(what, w, n);
	snprintf(what, sizeof(what), "4K read  %s %s", dir, info.direct ? "direct" : "buffered");
	report(what, r, n);
	sys->mem_free(buf);
	sys->bdev_close(b);
	unlink(path);
}

int main(int argc, char **argv)
{
	struct mte_options o = { .log_level = SYS_LOG_WARNING };
	if (mte_init(&o)) {
		fprintf(stderr, "mte_init failed\n");
		return 1;
	}
	printf("mte micro-benchmark, %u CPUs\n", sys->cpu_count());
	bench_timer();
	bench_task();
	bench_futex();
	const char *defaults[] = { "/var/tmp", "/dev/shm" };
	const char **dirs = argc > 1 ? (const char **)argv + 1 : defaults;
	int ndirs = argc > 1 ? argc - 1 : 2;
	for (int i = 0; i < ndirs; i++) {
		bench_aio(dirs[i], 0);
		bench_aio(dirs[i], SYS_BDEV_NODIRECT);
	}
	return mte_shutdown() ? 1 : 0;
}
