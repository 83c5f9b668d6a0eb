// SPDX-License-Identifier: GPL-2.0
/*
 * tcp_loop.c - the network baseline of bench/run: TCP bandwidth and round trip over loopback
 * (127.0.0.1), between two threads of this process, the way two drbd-usermode daemons talk.
 *
 *   bench-tcp-loop [--seconds S] [--rtt-size BYTES] [--chunk BYTES]
 *     --seconds S      duration of the bandwidth phase and of the round-trip phase (default 3)
 *     --rtt-size N     bytes sent each way per round trip (default 64)
 *     --chunk N        bytes per send() in the bandwidth phase (default 1 MiB)
 *
 * Output: one line of JSON on stdout:
 *   {"bw_MBps": ..., "rtt_us_p50": ..., "rtt_us_p99": ..., "rtt_us_mean": ..., "round_trips": N}
 * MB = 10^6 bytes. TCP_NODELAY on both ends (as DRBD sets it on its sockets). Exit status 1 on
 * a socket error (message on stderr).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "bench-tcp-loop: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Connected pair of TCP sockets on 127.0.0.1 (ephemeral port). */
static void tcp_pair(int *a, int *b)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	int one = 1, l;

	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&sa, sizeof(sa)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&sa, &len))
		die("listen");
	*a = socket(AF_INET, SOCK_STREAM, 0);
	if (*a < 0 || connect(*a, (struct sockaddr *)&sa, sizeof(sa)))
		die("connect");
	*b = accept(l, NULL, NULL);
	if (*b < 0)
		die("accept");
	close(l);
	setsockopt(*a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(*b, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

/* Read exactly n bytes; 0 on end of stream, -1 on error. */
static int read_full(int fd, char *buf, size_t n)
{
	while (n) {
		ssize_t r = read(fd, buf, n);

		if (r == 0)
			return 0;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += r;
		n -= (size_t)r;
	}
	return 1;
}

static int write_full(int fd, const char *buf, size_t n)
{
	while (n) {
		ssize_t r = write(fd, buf, n);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += r;
		n -= (size_t)r;
	}
	return 0;
}

struct sink {
	int fd;
	size_t chunk;
	uint64_t bytes;
};

/* Bandwidth receiver: reads until the sender closes. */
static void *sink_main(void *arg)
{
	struct sink *s = arg;
	char *buf = malloc(s->chunk);
	ssize_t r;

	if (!buf)
		return NULL;
	while ((r = read(s->fd, buf, s->chunk)) > 0 || (r < 0 && errno == EINTR))
		if (r > 0)
			s->bytes += (uint64_t)r;
	free(buf);
	return NULL;
}

struct echo {
	int fd;
	size_t size;
};

/* Round-trip responder: echoes each message of `size` bytes until end of stream. */
static void *echo_main(void *arg)
{
	struct echo *e = arg;
	char *buf = malloc(e->size);

	while (buf && read_full(e->fd, buf, e->size) == 1)
		if (write_full(e->fd, buf, e->size))
			break;
	free(buf);
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seconds", required_argument, NULL, 's' },
		{ "rtt-size", required_argument, NULL, 'r' },
		{ "chunk", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	double seconds = 3, t0, t1, sum = 0, *lat;
	size_t rtt_size = 64, chunk = 1 << 20, n = 0, cap = 1 << 20;
	struct sink sink = { 0 };
	struct echo echo = { 0 };
	pthread_t th;
	char *buf;
	int c, a, b;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': seconds = atof(optarg); break;
		case 'r': rtt_size = strtoul(optarg, NULL, 0); break;
		case 'c': chunk = strtoul(optarg, NULL, 0); break;
		default:
			fprintf(stderr, "usage: %s [--seconds S] [--rtt-size N] [--chunk N]\n", argv[0]);
			return 2;
		}
	}
	if (seconds <= 0 || !rtt_size || !chunk)
		return 2;
	buf = calloc(1, chunk > rtt_size ? chunk : rtt_size);
	lat = malloc(cap * sizeof(*lat));
	if (!buf || !lat)
		die("malloc");

	/* Bandwidth: one writer (this thread), one reader thread. */
	tcp_pair(&a, &b);
	sink.fd = b;
	sink.chunk = chunk;
	if (pthread_create(&th, NULL, sink_main, &sink))
		die("pthread_create");
	t0 = now_s();
	do {
		if (write_full(a, buf, chunk))
			die("write");
	} while ((t1 = now_s()) - t0 < seconds);
	shutdown(a, SHUT_WR);
	pthread_join(th, NULL);
	t1 = now_s();
	close(a);
	close(b);

	/* Round trip: rtt_size bytes there and back, one message in flight. */
	tcp_pair(&a, &b);
	echo.fd = b;
	echo.size = rtt_size;
	if (pthread_create(&th, NULL, echo_main, &echo))
		die("pthread_create");
	double end = now_s() + seconds;
	while (n < cap) {
		double s = now_s(), e;

		if (write_full(a, buf, rtt_size) || read_full(a, buf, rtt_size) != 1)
			die("round trip");
		e = now_s();
		lat[n++] = (e - s) * 1e6;
		sum += (e - s) * 1e6;
		if (e >= end)
			break;
	}
	shutdown(a, SHUT_WR);
	pthread_join(th, NULL);
	close(a);
	close(b);

	qsort(lat, n, sizeof(*lat), cmp_double);
	printf("{\"bw_MBps\": %.1f, \"rtt_us_p50\": %.1f, \"rtt_us_p99\": %.1f, "
	       "\"rtt_us_mean\": %.1f, \"round_trips\": %zu}\n",
	       (double)sink.bytes / (t1 - t0) / 1e6, lat[n / 2], lat[n * 99 / 100], sum / (double)n, n);
	free(lat);
	free(buf);
	return 0;
}
