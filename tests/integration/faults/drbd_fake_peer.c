// SPDX-License-Identifier: GPL-2.0
/*
 * drbd_fake_peer.c - a fake DRBD 8.4 peer for test_handshake_drop.sh: it speaks the start of
 * the DRBD connection handshake to a drbd-usermode daemon on 127.0.0.1 and then breaks off.
 *
 * Wire facts used (DRBD 8.4, big endian): until the feature exchange agreed on a protocol
 * version, every packet starts with the 8-byte "h80" header {u32 magic 0x83740267, u16 command,
 * u16 length}; from protocol 100 on with the 16-byte "h100" header {u32 magic 0x8620ec20,
 * u16 volume, u16 command, u32 length, u32 pad 0}. A connection is two TCP sockets: the data
 * socket opens with an empty P_INITIAL_DATA (0xfff2) packet, the meta socket with an empty
 * P_INITIAL_META (0xfff1). Then both sides send P_CONNECTION_FEATURES (0xfffe, 72 bytes:
 * u32 protocol_min, u32 feature_flags, u32 protocol_max, u32 pad, 56 reserved bytes) on the
 * data socket; the daemon supports protocols 86-101.
 *
 *   drbd_fake_peer connect PORT VARIANT   connect to the daemon listening on PORT, then:
 *     first-close      data socket, P_INITIAL_DATA, close
 *     half-header      data socket, the first 4 bytes of P_INITIAL_DATA's header, close
 *     stall-header     as half-header, then wait until the daemon closes (its first-packet
 *                      receive timeout); prints "closed-after-ms N"
 *     before-features  data and meta sockets with their first packets; read and check the
 *                      daemon's P_CONNECTION_FEATURES; close without sending ours
 *     half-features    as before-features, then our features header and half its payload;
 *                      close
 *     after-features   as before-features, then our valid features (86-101); read and check
 *                      the daemon's next packet (an h100 P_PROTOCOL); close
 *     stall-features   as after-features but never answer anything after it; wait until the
 *                      daemon closes (keep-alive failure); prints "closed-after-ms N"
 *     bad-dialect      as before-features, then features claiming protocol 1-1 only; wait
 *                      until the daemon closes
 *   drbd_fake_peer accept PORT            listen on PORT for the daemon's own outgoing
 *                      connections; accept until one sent P_INITIAL_DATA and one sent
 *                      P_INITIAL_META (at most 4 connections); read and check the daemon's
 *                      features on the data one; close everything
 *
 * Every wait is bounded (WAIT_MS). Prints what it saw on stdout; exit status 0 when the daemon
 * behaved as described, 1 when not (a message on stderr says what differed), 2 for bad usage.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define WAIT_MS 30000

#define MAGIC_80 0x83740267u
#define MAGIC_100 0x8620ec20u
#define CMD_PROTOCOL 0x000b
#define CMD_INITIAL_META 0xfff1
#define CMD_INITIAL_DATA 0xfff2
#define CMD_FEATURES 0xfffe
#define FEATURES_LEN 72
#define PROTO_MIN 86
#define PROTO_MAX 101
#define H80_LEN 8
#define H100_LEN 16

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int die(const char *fmt, const char *arg)
{
	fprintf(stderr, "drbd_fake_peer: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	return 1;
}

static void put_be16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static unsigned int get_be16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Write all LEN bytes of BUF to FD; 0 or -1. */
static int send_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len > 0) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read exactly LEN bytes within WAIT_MS; 0, or -1 on EOF, error or timeout. */
static int recv_all(int fd, void *buf, size_t len)
{
	uint8_t *p = buf;
	long long end = now_ms() + WAIT_MS;

	while (len > 0) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long long left = end - now_ms();
		ssize_t n;

		if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
			return -1;
		n = recv(fd, p, len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read and discard until the daemon closes FD (EOF or reset); milliseconds waited, or -1
 * when it did not close within WAIT_MS. */
static long long wait_closed(int fd)
{
	long long start = now_ms(), end = start + WAIT_MS;
	uint8_t sink[4096];

	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long long left = end - now_ms();
		ssize_t n;

		if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
			return -1;
		n = recv(fd, sink, sizeof(sink), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return now_ms() - start;
	}
}

static void h80(uint8_t *h, unsigned int cmd, unsigned int len)
{
	put_be32(h, MAGIC_80);
	put_be16(h + 4, cmd);
	put_be16(h + 6, len);
}

static int tcp_socket(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	if (fd >= 0)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* A connection to the daemon on PORT that already sent the first packet CMD (when HDR_BYTES
 * is 8) or only its first HDR_BYTES bytes; the fd, or -1. */
static int open_with_first(int port, unsigned int cmd, size_t hdr_bytes)
{
	struct sockaddr_in a = loopback(port);
	uint8_t h[H80_LEN];
	int fd = tcp_socket();

	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		perror("drbd_fake_peer: connect");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	h80(h, cmd, 0);
	if (send_all(fd, h, hdr_bytes) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Read the daemon's P_CONNECTION_FEATURES from FD and check it; 0 or 1. */
static int check_features(int fd)
{
	uint8_t h[H80_LEN], p[FEATURES_LEN];
	uint32_t pmin, pmax;

	if (recv_all(fd, h, sizeof(h)) < 0)
		return die("%s", "no features header from the daemon");
	if (get_be32(h) != MAGIC_80 || get_be16(h + 4) != CMD_FEATURES ||
	    get_be16(h + 6) != FEATURES_LEN)
		return die("%s", "the daemon's first data packet is not an h80 P_CONNECTION_FEATURES of 72 bytes");
	if (recv_all(fd, p, sizeof(p)) < 0)
		return die("%s", "short features payload from the daemon");
	pmin = get_be32(p);
	pmax = get_be32(p + 8);
	printf("daemon-features protocol %u-%u flags 0x%x\n", pmin, pmax, get_be32(p + 4));
	if (pmin != PROTO_MIN || pmax != PROTO_MAX)
		return die("%s", "the daemon does not offer protocols 86-101");
	return 0;
}

/* Our P_CONNECTION_FEATURES for protocols PMIN-PMAX; only SEND_BYTES of it go out. */
static int send_features(int fd, uint32_t pmin, uint32_t pmax, size_t send_bytes)
{
	uint8_t pkt[H80_LEN + FEATURES_LEN] = { 0 };

	h80(pkt, CMD_FEATURES, FEATURES_LEN);
	put_be32(pkt + H80_LEN, pmin);
	put_be32(pkt + H80_LEN + 8, pmax);
	return send_all(fd, pkt, send_bytes);
}

/* The daemon's first packet after the feature exchange must be an h100 P_PROTOCOL. */
static int check_protocol_packet(int fd)
{
	uint8_t h[H100_LEN];

	if (recv_all(fd, h, sizeof(h)) < 0)
		return die("%s", "no packet from the daemon after the feature exchange");
	printf("daemon-next-packet magic 0x%08x command 0x%04x length %u\n", get_be32(h),
	       get_be16(h + 6), get_be32(h + 8));
	if (get_be32(h) != MAGIC_100 || get_be16(h + 6) != CMD_PROTOCOL || get_be32(h + 12) != 0)
		return die("%s", "expected an h100 P_PROTOCOL header after the feature exchange");
	return 0;
}

static int report_closed(int fd, const char *what)
{
	long long ms = wait_closed(fd);

	if (ms < 0)
		return die("the daemon did not close the connection %s", what);
	printf("closed-after-ms %lld\n", ms);
	return 0;
}

static int run_connect(int port, const char *v)
{
	int data, meta, rc = 0;

	if (!strcmp(v, "first-close") || !strcmp(v, "half-header") || !strcmp(v, "stall-header")) {
		data = open_with_first(port, CMD_INITIAL_DATA, strcmp(v, "first-close") ? 4 : H80_LEN);
		if (data < 0)
			return 1;
		if (!strcmp(v, "stall-header"))
			rc = report_closed(data, "after a partial first packet");
		close(data);
		return rc;
	}
	data = open_with_first(port, CMD_INITIAL_DATA, H80_LEN);
	if (data < 0)
		return 1;
	meta = open_with_first(port, CMD_INITIAL_META, H80_LEN);
	if (meta < 0) {
		close(data);
		return 1;
	}
	rc = check_features(data);
	if (rc)
		goto out;
	if (!strcmp(v, "before-features"))
		goto out;
	if (!strcmp(v, "half-features")) {
		rc = send_features(data, PROTO_MIN, PROTO_MAX, H80_LEN + FEATURES_LEN / 2) ? 1 : 0;
	} else if (!strcmp(v, "after-features") || !strcmp(v, "stall-features")) {
		rc = send_features(data, PROTO_MIN, PROTO_MAX, H80_LEN + FEATURES_LEN) ? 1 : 0;
		if (!rc)
			rc = check_protocol_packet(data);
		if (!rc && !strcmp(v, "stall-features"))
			rc = report_closed(data, "of a peer that stopped answering");
	} else if (!strcmp(v, "bad-dialect")) {
		rc = send_features(data, 1, 1, H80_LEN + FEATURES_LEN) ? 1 : 0;
		if (!rc)
			rc = report_closed(data, "of a peer with an incompatible dialect");
	} else {
		rc = die("unknown variant %s", v) + 1;
	}
out:
	close(meta);
	close(data);
	return rc;
}

static int run_accept(int port)
{
	struct sockaddr_in a = loopback(port);
	int lfd = tcp_socket(), one = 1, data = -1, meta = -1, n, rc;

	if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(lfd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(lfd, 4) < 0) {
		perror("drbd_fake_peer: listen");
		return 1;
	}
	for (n = 0; n < 4 && (data < 0 || meta < 0); n++) {
		struct pollfd pfd = { .fd = lfd, .events = POLLIN };
		uint8_t h[H80_LEN];
		unsigned int cmd;
		int fd;

		if (poll(&pfd, 1, WAIT_MS) <= 0)
			break;
		fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			continue;
		if (recv_all(fd, h, sizeof(h)) < 0 || get_be32(h) != MAGIC_80 ||
		    get_be16(h + 6) != 0) {
			close(fd);
			close(lfd);
			return die("%s", "the daemon's connection did not start with an h80 first packet");
		}
		cmd = get_be16(h + 4);
		printf("daemon-first-packet 0x%04x\n", cmd);
		if (cmd == CMD_INITIAL_DATA && data < 0) {
			data = fd;
		} else if (cmd == CMD_INITIAL_META && meta < 0) {
			meta = fd;
		} else {
			close(fd);
			if (cmd != CMD_INITIAL_DATA && cmd != CMD_INITIAL_META) {
				close(lfd);
				return die("%s", "first packet is neither P_INITIAL_DATA nor P_INITIAL_META");
			}
		}
	}
	close(lfd);
	rc = (data >= 0 && meta >= 0) ? check_features(data)
				       : die("%s", "the daemon did not open both a data and a meta socket");
	if (data >= 0)
		close(data);
	if (meta >= 0)
		close(meta);
	return rc;
}

int main(int argc, char **argv)
{
	int port = argc > 2 ? atoi(argv[2]) : 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 4 && !strcmp(argv[1], "connect") && port > 0)
		return run_connect(port, argv[3]);
	if (argc == 3 && !strcmp(argv[1], "accept") && port > 0)
		return run_accept(port);
	fprintf(stderr, "usage: drbd_fake_peer connect PORT VARIANT | accept PORT\n");
	return 2;
}
