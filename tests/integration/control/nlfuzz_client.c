// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz_client.c - feed malformed generic netlink to a drbd-usermode daemon's control socket
 * (tools/common/control_proto.h) and check that it answers with an error or closes that
 * connection, and keeps serving: after every case a fresh connection must still get a correct
 * CTRL_CMD_GETFAMILY reply for "drbd" (family id, name, multicast group "events").
 *
 *   nlfuzz_client SOCKET                   run every built-in case
 *   nlfuzz_client --replay SOCKET FILE...  send each FILE as one datagram on a connection of its
 *                                          own (the seed corpus), same checks
 *   nlfuzz_client --expect-refused SOCKET  connect and expect the daemon's refusal: a STATUS
 *                                          datagram with -EACCES, then a closed connection
 *   nlfuzz_client --write-corpus DIR SOCKET  write every datagram of the built-in cases as
 *                                          DIR/<case>[-<n>] (seed corpus for a fuzzer; up to
 *                                          CORPUS_MAX bytes each); the
 *                                          daemon at SOCKET supplies the drbd family id
 *
 * Exit status 0 when every case passed; failures are printed as "FAIL <case>: reason".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "control_proto.h"

#define RECV_TIMEOUT_S 20
#define MAX_DGRAMS 4
#define BUF_MAX (256 * 1024)
#define CORPUS_MAX (32 * 1024) /* largest datagram written as a seed */

/* DRBD 8.4 netlink ABI (include/linux/drbd_genl.h): family "drbd", version 1. */
#define DRBD_HDRSZ 8               /* struct drbd_genlmsghdr: u32 minor, s32 ret_code */
#define DRBD_ADM_GET_STATUS 2
#define DRBD_ADM_NEW_MINOR 5
#define DRBD_ADM_PRIMARY 14
#define DRBD_ADM_GET_RESOURCES 30
#define DRBD_NLA_CFG_CONTEXT 2
#define DRBD_MANDATORY (1 << 14)

enum expect {
	EXP_ANY,          /* any well-formed answer, or none */
	EXP_ERR,          /* an NLMSG_ERROR with a negative error */
	EXP_ERR_OR_CLOSE, /* an NLMSG_ERROR with a negative error, or a closed connection */
	EXP_NOTHING,      /* no answer at all (e.g. not a request) */
};

enum mode {
	MODE_DRAIN,       /* send, shut down writing, read until the daemon closes */
	MODE_HANGUP,      /* send, close at once (disconnect mid-dump) */
	MODE_READ1,       /* send, read one datagram, close */
};

struct dgram {
	unsigned char *data;
	size_t len;
};

struct fcase {
	char name[64];
	enum expect expect;
	enum mode mode;
	struct dgram d[MAX_DGRAMS];
	int n;
};

static int drbd_family_id;
static int failures;

static void failf(const char *name, const char *fmt, ...)
{
	va_list ap;

	fprintf(stdout, "FAIL %s: ", name);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	failures++;
}

/* ------------------------------------------------------------------ message building */

struct mb {
	unsigned char *buf;
	size_t len, cap;
};

static void mb_reserve(struct mb *m, size_t more)
{
	if (m->len + more <= m->cap)
		return;
	m->cap = (m->len + more) * 2;
	m->buf = realloc(m->buf, m->cap);
	if (!m->buf) {
		perror("realloc");
		exit(2);
	}
}

static void mb_put(struct mb *m, const void *p, size_t n)
{
	mb_reserve(m, n);
	memcpy(m->buf + m->len, p, n);
	m->len += n;
}

static void mb_pad(struct mb *m)
{
	static const unsigned char zero[4];

	mb_put(m, zero, NLMSG_ALIGN(m->len) - m->len);
}

/* Start a netlink + genetlink header (+ @hdrsz zero bytes of family header); returns offset. */
static size_t mb_msg(struct mb *m, uint16_t type, uint16_t flags, uint8_t cmd, size_t hdrsz)
{
	struct nlmsghdr nlh = { .nlmsg_type = type, .nlmsg_flags = flags, .nlmsg_seq = 7 };
	struct genlmsghdr g = { .cmd = cmd, .version = 1 };
	size_t off = m->len;

	mb_put(m, &nlh, sizeof(nlh));
	mb_put(m, &g, sizeof(g));
	for (size_t i = 0; i < hdrsz; i++)
		mb_put(m, "", 1);
	return off;
}

static void mb_end(struct mb *m, size_t off)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(m->buf + off);

	nlh->nlmsg_len = (uint32_t)(m->len - off);
	mb_pad(m);
}

static size_t mb_attr_start(struct mb *m, uint16_t type)
{
	struct nlattr a = { .nla_type = type };
	size_t off = m->len;

	mb_put(m, &a, sizeof(a));
	return off;
}

static void mb_attr_end(struct mb *m, size_t off)
{
	struct nlattr *a = (struct nlattr *)(m->buf + off);
	size_t l = m->len - off;

	a->nla_len = (uint16_t)(l > 0xffff ? 0xffff : l);
	mb_pad(m);
}

static void mb_attr(struct mb *m, uint16_t type, const void *p, size_t n)
{
	size_t off = mb_attr_start(m, type);

	mb_put(m, p, n);
	mb_attr_end(m, off);
}

static void mb_attr_str(struct mb *m, uint16_t type, const char *s)
{
	mb_attr(m, type, s, strlen(s) + 1);
}

/* ------------------------------------------------------------------ socket side */

static int ctl_connect(const char *path, uint32_t *portid)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timeval tv = { .tv_sec = RECV_TIMEOUT_S };
	unsigned char buf[256];
	const struct drbd_um_hello *h;
	int sndbuf = 1024 * 1024;
	ssize_t n;
	int fd;

	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	n = recv(fd, buf, sizeof(buf), 0);
	h = n > 0 ? drbd_um_msg_payload(buf, (size_t)n, DRBD_UM_MSG_HELLO, sizeof(*h)) : NULL;
	if (!h || h->magic != DRBD_UM_PROTO_MAGIC) {
		errno = EPROTO;
		close(fd);
		return -1;
	}
	if (portid)
		*portid = h->portid;
	return fd;
}

/*
 * Check that a received datagram is a sequence of whole netlink messages; count NLMSG_ERROR
 * messages with a negative error. Returns false when malformed.
 */
static bool check_dgram(const unsigned char *p, size_t len, int *errors)
{
	size_t off = 0;

	if (len == 0)
		return false;
	while (off < len) {
		const struct nlmsghdr *nlh = (const void *)(p + off);

		if (len - off < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN ||
		    nlh->nlmsg_len > len - off)
			return false;
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = NLMSG_DATA(nlh);

			if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
				return false;
			if (e->error < 0)
				(*errors)++;
		}
		off += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	return true;
}

/* A fresh connection asks for family "drbd": the daemon must answer correctly. */
static bool getfamily_ok(const char *sock, const char *ctx)
{
	static unsigned char buf[BUF_MAX];
	struct mb m = { 0 };
	uint32_t portid;
	size_t off;
	ssize_t n;
	int fd, id = 0;
	bool name_ok = false, events_ok = false;

	fd = ctl_connect(sock, &portid);
	if (fd < 0) {
		failf(ctx, "daemon no longer accepts connections: %s", strerror(errno));
		return false;
	}
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
	((struct nlmsghdr *)m.buf)->nlmsg_pid = portid;
	mb_attr_str(&m, CTRL_ATTR_FAMILY_NAME, "drbd");
	mb_end(&m, off);
	if (send(fd, m.buf, m.len, MSG_NOSIGNAL) != (ssize_t)m.len) {
		failf(ctx, "GETFAMILY send: %s", strerror(errno));
		goto out;
	}
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < (ssize_t)(NLMSG_HDRLEN + GENL_HDRLEN)) {
		failf(ctx, "GETFAMILY: no reply (%zd, %s)", n, n < 0 ? strerror(errno) : "closed");
		goto out;
	}
	const struct nlmsghdr *nlh = (const void *)buf;
	const struct genlmsghdr *g = NLMSG_DATA(nlh);

	if (nlh->nlmsg_type != GENL_ID_CTRL || g->cmd != CTRL_CMD_NEWFAMILY ||
	    nlh->nlmsg_len > (size_t)n || nlh->nlmsg_seq != 7 || nlh->nlmsg_pid != portid) {
		failf(ctx, "GETFAMILY: unexpected reply type %u cmd %u len %u seq %u pid %u",
		      nlh->nlmsg_type, g->cmd, nlh->nlmsg_len, nlh->nlmsg_seq, nlh->nlmsg_pid);
		goto out;
	}
	for (size_t a = NLMSG_HDRLEN + GENL_HDRLEN; a + NLA_HDRLEN <= nlh->nlmsg_len;) {
		const struct nlattr *at = (const void *)(buf + a);
		const unsigned char *pl = (const unsigned char *)at + NLA_HDRLEN;

		if (at->nla_len < NLA_HDRLEN || a + at->nla_len > nlh->nlmsg_len)
			break;
		switch (at->nla_type & NLA_TYPE_MASK) {
		case CTRL_ATTR_FAMILY_ID:
			id = *(const uint16_t *)pl;
			break;
		case CTRL_ATTR_FAMILY_NAME:
			name_ok = at->nla_len == NLA_HDRLEN + 5 && !memcmp(pl, "drbd", 5);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			/* nest of nests, each with CTRL_ATTR_MCAST_GRP_NAME and _ID */
			events_ok = memmem(pl, at->nla_len - NLA_HDRLEN, "events", 7) != NULL;
			break;
		}
		a += NLA_ALIGN(at->nla_len);
	}
	if (id < GENL_MIN_ID || !name_ok || !events_ok) {
		failf(ctx, "GETFAMILY reply incomplete: id %d name %d events %d", id, name_ok,
		      events_ok);
		goto out;
	}
	if (drbd_family_id && id != drbd_family_id) {
		failf(ctx, "drbd family id changed from %d to %d", drbd_family_id, id);
		goto out;
	}
	drbd_family_id = id;
	free(m.buf);
	close(fd);
	return true;
out:
	free(m.buf);
	close(fd);
	return false;
}

static void run_case(const char *sock, const struct fcase *c)
{
	static unsigned char buf[BUF_MAX];
	int fd, errors = 0, dgrams = 0;
	bool closed_early = false;

	fd = ctl_connect(sock, NULL);
	if (fd < 0) {
		failf(c->name, "connect: %s", strerror(errno));
		return;
	}
	for (int i = 0; i < c->n; i++) {
		if (send(fd, c->d[i].data, c->d[i].len, MSG_NOSIGNAL) < 0) {
			/* the daemon may close after an earlier datagram of this case */
			if (errno == EPIPE || errno == ECONNRESET) {
				closed_early = true;
				break;
			}
			failf(c->name, "send of %zu bytes: %s", c->d[i].len, strerror(errno));
			close(fd);
			return;
		}
	}
	if (c->mode == MODE_HANGUP) {
		close(fd);
		return;
	}
	if (c->mode == MODE_DRAIN)
		shutdown(fd, SHUT_WR);
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);

		if (n == 0 || (n < 0 && errno == ECONNRESET))
			break;
		if (n < 0) {
			failf(c->name, "no end of the answer within %d s: %s", RECV_TIMEOUT_S,
			      strerror(errno));
			close(fd);
			return;
		}
		dgrams++;
		if (!check_dgram(buf, (size_t)n, &errors)) {
			failf(c->name, "malformed answer datagram of %zd bytes", n);
			break;
		}
		if (c->mode == MODE_READ1)
			break;
	}
	close(fd);
	switch (c->expect) {
	case EXP_ANY:
		break;
	case EXP_ERR:
		if (!errors)
			failf(c->name, "expected an error reply, got %d datagrams without one", dgrams);
		break;
	case EXP_ERR_OR_CLOSE:
		if (!errors && dgrams)
			failf(c->name, "expected an error reply or a close, got %d datagrams", dgrams);
		break;
	case EXP_NOTHING:
		if (dgrams)
			failf(c->name, "expected no answer, got %d datagrams", dgrams);
		break;
	}
	(void)closed_early;
}

/* ------------------------------------------------------------------ the cases */

static struct fcase cases[96];
static int ncases;

static struct fcase *add_case(const char *name, enum expect e, enum mode mode)
{
	struct fcase *c;

	if (ncases == (int)(sizeof(cases) / sizeof(cases[0]))) {
		fprintf(stderr, "nlfuzz_client: too many cases\n");
		exit(2);
	}
	c = &cases[ncases++];

	snprintf(c->name, sizeof(c->name), "%s", name);
	c->expect = e;
	c->mode = mode;
	return c;
}

static void add_dgram(struct fcase *c, const void *p, size_t len)
{
	c->d[c->n].data = malloc(len ? len : 1);
	memcpy(c->d[c->n].data, p, len);
	c->d[c->n].len = len;
	c->n++;
}

static void add_mb(struct fcase *c, struct mb *m)
{
	add_dgram(c, m->buf, m->len);
	free(m->buf);
	memset(m, 0, sizeof(*m));
}

/* A DRBD request: netlink + genl + drbd_genlmsghdr(minor) header. */
static size_t drbd_msg(struct mb *m, uint16_t flags, uint8_t cmd, uint32_t minor)
{
	size_t off = mb_msg(m, (uint16_t)drbd_family_id, flags, cmd, 0);

	mb_put(m, &minor, sizeof(minor));
	mb_put(m, "\0\0\0\0", 4);
	return off;
}

static void build_cases(void)
{
	struct mb m = { 0 };
	struct fcase *c;
	struct nlmsghdr h;
	size_t off, nest;
	unsigned char raw[64];

	/* zero-length datagram: the daemon treats it as the end of the connection */
	c = add_case("zero_length", EXP_ERR_OR_CLOSE, MODE_DRAIN);
	add_dgram(c, "", 0);

	/* truncated headers: 1, 8 and 15 bytes */
	memset(raw, 0x10, sizeof(raw));
	c = add_case("trunc_hdr_1", EXP_ERR_OR_CLOSE, MODE_DRAIN);
	add_dgram(c, raw, 1);
	c = add_case("trunc_hdr_8", EXP_ERR_OR_CLOSE, MODE_DRAIN);
	add_dgram(c, raw, 8);
	c = add_case("trunc_hdr_15", EXP_ERR_OR_CLOSE, MODE_DRAIN);
	add_dgram(c, raw, 15);

	/* nlmsg_len smaller than a header */
	memset(&h, 0, sizeof(h));
	h.nlmsg_len = 8;
	h.nlmsg_type = GENL_ID_CTRL;
	h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	c = add_case("len_below_hdr", EXP_ERR_OR_CLOSE, MODE_DRAIN);
	add_dgram(c, &h, sizeof(h));

	/* nlmsg_len past the end of the datagram */
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
	mb_attr_str(&m, CTRL_ATTR_FAMILY_NAME, "drbd");
	mb_end(&m, off);
	((struct nlmsghdr *)m.buf)->nlmsg_len = 4096;
	c = add_case("len_past_end", EXP_ERR_OR_CLOSE, MODE_DRAIN);
	add_mb(c, &m);
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
	mb_end(&m, off);
	((struct nlmsghdr *)m.buf)->nlmsg_len = 0xffffffffu;
	c = add_case("len_max", EXP_ERR_OR_CLOSE, MODE_DRAIN);
	add_mb(c, &m);

	/* a good GETFAMILY followed by a second message cut short in the same datagram */
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
	mb_attr_str(&m, CTRL_ATTR_FAMILY_NAME, "drbd");
	mb_end(&m, off);
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
	mb_attr_str(&m, CTRL_ATTR_FAMILY_NAME, "drbd");
	mb_end(&m, off);
	m.len -= 6;
	c = add_case("second_msg_truncated", EXP_ERR, MODE_DRAIN);
	add_mb(c, &m);

	/* genetlink header missing */
	memset(&h, 0, sizeof(h));
	h.nlmsg_len = sizeof(h);
	h.nlmsg_type = GENL_ID_CTRL;
	h.nlmsg_flags = NLM_F_REQUEST;
	c = add_case("no_genl_hdr", EXP_ERR, MODE_DRAIN);
	add_dgram(c, &h, sizeof(h));

	/* unknown family id, and the reserved types below NLMSG_MIN_TYPE */
	off = mb_msg(&m, 0x7ff0, NLM_F_REQUEST | NLM_F_ACK, 1, 0);
	mb_end(&m, off);
	c = add_case("unknown_family", EXP_ERR, MODE_DRAIN);
	add_mb(c, &m);
	for (uint16_t t = NLMSG_NOOP; t < NLMSG_MIN_TYPE; t++) {
		char name[32];

		off = mb_msg(&m, t, NLM_F_REQUEST, 0, 16);
		mb_end(&m, off);
		snprintf(name, sizeof(name), "reserved_type_%u", t);
		c = add_case(name, EXP_ANY, MODE_DRAIN);
		add_mb(c, &m);
	}

	/* not a request: the kernel ignores it */
	off = mb_msg(&m, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY, 0);
	mb_attr_str(&m, CTRL_ATTR_FAMILY_NAME, "drbd");
	mb_end(&m, off);
	c = add_case("not_a_request", EXP_NOTHING, MODE_DRAIN);
	add_mb(c, &m);

	/* controller: unknown command, unknown family name, unterminated and oversized names */
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, 0xee, 0);
	mb_end(&m, off);
	c = add_case("ctrl_unknown_cmd", EXP_ERR, MODE_DRAIN);
	add_mb(c, &m);
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
	mb_attr_str(&m, CTRL_ATTR_FAMILY_NAME, "no-such-family");
	mb_end(&m, off);
	c = add_case("ctrl_unknown_family_name", EXP_ERR, MODE_DRAIN);
	add_mb(c, &m);
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
	mb_attr(&m, CTRL_ATTR_FAMILY_NAME, "drbd", 4);
	mb_end(&m, off);
	c = add_case("ctrl_name_unterminated", EXP_ERR, MODE_DRAIN);
	add_mb(c, &m);
	{
		char big[3000];

		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = 0;
		off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
		mb_attr_str(&m, CTRL_ATTR_FAMILY_NAME, big);
		mb_end(&m, off);
		c = add_case("ctrl_name_oversized", EXP_ERR, MODE_DRAIN);
		add_mb(c, &m);
	}
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
	mb_attr(&m, 0x3ff, "abcd", 4);
	mb_attr_str(&m, CTRL_ATTR_FAMILY_NAME, "drbd");
	mb_end(&m, off);
	c = add_case("ctrl_unknown_attr", EXP_ANY, MODE_DRAIN);
	add_mb(c, &m);
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
	mb_attr(&m, CTRL_ATTR_FAMILY_ID, "\x01", 1); /* u16 expected */
	mb_end(&m, off);
	c = add_case("ctrl_short_u16", EXP_ERR, MODE_DRAIN);
	add_mb(c, &m);

	/* attribute headers that lie: nla_len below 4, past the message end */
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
	mb_put(&m, "\x02\x00\x02\x00", 4);
	mb_end(&m, off);
	c = add_case("attr_len_below_hdr", EXP_ERR, MODE_DRAIN);
	add_mb(c, &m);
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
	mb_put(&m, "\x00\x10\x02\x00drbd", 8);
	mb_end(&m, off);
	c = add_case("attr_len_past_end", EXP_ERR, MODE_DRAIN);
	add_mb(c, &m);

	/* drbd family: unknown command, missing family header, missing context */
	off = drbd_msg(&m, NLM_F_REQUEST, 0xf0, 0);
	mb_end(&m, off);
	c = add_case("drbd_unknown_cmd", EXP_ERR, MODE_DRAIN);
	add_mb(c, &m);
	off = mb_msg(&m, (uint16_t)drbd_family_id, NLM_F_REQUEST, DRBD_ADM_PRIMARY, 2);
	mb_end(&m, off);
	c = add_case("drbd_short_family_hdr", EXP_ERR, MODE_DRAIN);
	add_mb(c, &m);
	off = drbd_msg(&m, NLM_F_REQUEST, DRBD_ADM_NEW_MINOR, 7);
	mb_end(&m, off);
	c = add_case("drbd_no_context", EXP_ANY, MODE_DRAIN);
	add_mb(c, &m);

	/* drbd: unknown mandatory attribute inside the context; oversized resource name */
	off = drbd_msg(&m, NLM_F_REQUEST, DRBD_ADM_PRIMARY, 0);
	nest = mb_attr_start(&m, DRBD_NLA_CFG_CONTEXT);
	mb_attr(&m, 60 | DRBD_MANDATORY, "zzzz", 4);
	mb_attr_end(&m, nest);
	mb_end(&m, off);
	c = add_case("drbd_unknown_mandatory_attr", EXP_ANY, MODE_DRAIN);
	add_mb(c, &m);
	off = drbd_msg(&m, NLM_F_REQUEST, DRBD_ADM_PRIMARY, 0);
	mb_attr(&m, 200 | DRBD_MANDATORY, "zzzz", 4);
	mb_end(&m, off);
	c = add_case("drbd_unknown_toplevel_attr", EXP_ANY, MODE_DRAIN);
	add_mb(c, &m);
	{
		char big[20000];

		memset(big, 'r', sizeof(big) - 1);
		big[sizeof(big) - 1] = 0;
		off = drbd_msg(&m, NLM_F_REQUEST, DRBD_ADM_NEW_MINOR, 9);
		nest = mb_attr_start(&m, DRBD_NLA_CFG_CONTEXT);
		mb_attr_str(&m, 2 | DRBD_MANDATORY, big);
		mb_attr_end(&m, nest);
		mb_end(&m, off);
		c = add_case("drbd_oversized_name", EXP_ANY, MODE_DRAIN);
		add_mb(c, &m);
	}

	/* nests far deeper than any policy allows */
	{
		size_t nests[200];

		off = drbd_msg(&m, NLM_F_REQUEST, DRBD_ADM_PRIMARY, 0);
		for (int i = 0; i < 200; i++)
			nests[i] = mb_attr_start(&m, i ? 1 : DRBD_NLA_CFG_CONTEXT);
		mb_attr(&m, 2, "r0", 3);
		for (int i = 199; i >= 0; i--)
			mb_attr_end(&m, nests[i]);
		mb_end(&m, off);
		c = add_case("drbd_deep_nest", EXP_ANY, MODE_DRAIN);
		add_mb(c, &m);
		off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 0);
		for (int i = 0; i < 200; i++)
			nests[i] = mb_attr_start(&m, CTRL_ATTR_MCAST_GROUPS | NLA_F_NESTED);
		for (int i = 199; i >= 0; i--)
			mb_attr_end(&m, nests[i]);
		mb_end(&m, off);
		c = add_case("ctrl_deep_nest", EXP_ERR, MODE_DRAIN);
		add_mb(c, &m);
	}

	/* dumps abandoned by the client: at once, and after the first part */
	off = drbd_msg(&m, NLM_F_REQUEST | NLM_F_DUMP, DRBD_ADM_GET_STATUS, 0xffffffffu);
	mb_end(&m, off);
	c = add_case("dump_status_hangup", EXP_ANY, MODE_HANGUP);
	add_mb(c, &m);
	off = drbd_msg(&m, NLM_F_REQUEST | NLM_F_DUMP, DRBD_ADM_GET_STATUS, 0xffffffffu);
	mb_end(&m, off);
	c = add_case("dump_status_read1", EXP_ANY, MODE_READ1);
	add_mb(c, &m);
	off = drbd_msg(&m, NLM_F_REQUEST | NLM_F_DUMP, DRBD_ADM_GET_RESOURCES, 0xffffffffu);
	mb_end(&m, off);
	c = add_case("dump_resources_read1", EXP_ANY, MODE_READ1);
	add_mb(c, &m);
	off = mb_msg(&m, GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_DUMP, CTRL_CMD_GETFAMILY, 0);
	mb_end(&m, off);
	c = add_case("dump_families_hangup", EXP_ANY, MODE_HANGUP);
	add_mb(c, &m);
	/* two dump requests in one datagram, then many in a row, then hang up */
	off = drbd_msg(&m, NLM_F_REQUEST | NLM_F_DUMP, DRBD_ADM_GET_STATUS, 0xffffffffu);
	mb_end(&m, off);
	off = drbd_msg(&m, NLM_F_REQUEST | NLM_F_DUMP, DRBD_ADM_GET_STATUS, 0xffffffffu);
	mb_end(&m, off);
	c = add_case("dump_twice_read1", EXP_ANY, MODE_READ1);
	add_dgram(c, m.buf, m.len);
	add_dgram(c, m.buf, m.len);
	add_mb(c, &m);

	/* out-of-band requests with lying payloads */
	{
		struct {
			struct nlmsghdr nlh;
			struct drbd_um_setsockopt so;
			uint32_t val;
		} so;

		memset(&so, 0, sizeof(so));
		drbd_um_msg_init(&so.nlh, DRBD_UM_MSG_SETSOCKOPT, sizeof(so.so) + 4);
		so.so.level = 270;
		so.so.optname = NETLINK_ADD_MEMBERSHIP;
		so.so.optlen = 0xfffffff0u;
		c = add_case("oob_setsockopt_huge_optlen", EXP_ANY, MODE_DRAIN);
		add_dgram(c, &so, sizeof(so));
		so.so.optlen = 4;
		so.val = 0xffffffffu;
		c = add_case("oob_setsockopt_bad_group", EXP_ANY, MODE_DRAIN);
		add_dgram(c, &so, sizeof(so));
		drbd_um_msg_init(&so.nlh, DRBD_UM_MSG_SETSOCKOPT, 2);
		c = add_case("oob_setsockopt_short", EXP_ANY, MODE_DRAIN);
		add_dgram(c, &so, sizeof(so));
	}
	{
		struct {
			struct nlmsghdr nlh;
			uint32_t reserved;
			char path[32];
		} pr;

		memset(&pr, 0, sizeof(pr));
		drbd_um_msg_init(&pr.nlh, DRBD_UM_MSG_PROC_READ, 4 + 20);
		memcpy(pr.path, "../../../etc/passwd", 20);
		c = add_case("oob_proc_read_escape", EXP_ANY, MODE_DRAIN);
		add_dgram(c, &pr, NLMSG_HDRLEN + 24);
		drbd_um_msg_init(&pr.nlh, DRBD_UM_MSG_PROC_READ, 4 + 4);
		memcpy(pr.path, "drbdXXXXXXXX", 12);
		c = add_case("oob_proc_read_unterminated", EXP_ANY, MODE_DRAIN);
		add_dgram(c, &pr, NLMSG_HDRLEN + 8);
		drbd_um_msg_init(&pr.nlh, DRBD_UM_MSG_PROC_READ, 2);
		c = add_case("oob_proc_read_short", EXP_ANY, MODE_DRAIN);
		add_dgram(c, &pr, NLMSG_HDRLEN + 2);
		drbd_um_msg_init(&pr.nlh, DRBD_UM_MSG_HELLO, 16);
		c = add_case("oob_hello_from_client", EXP_ANY, MODE_DRAIN);
		add_dgram(c, &pr, NLMSG_HDRLEN + 16);
	}

	/* huge datagrams: beyond what the daemon reads at once, and one valid but enormous */
	{
		size_t big = 200 * 1024;
		unsigned char *p = calloc(1, big);
		struct nlmsghdr *nlh = (struct nlmsghdr *)p;

		nlh->nlmsg_len = (uint32_t)big;
		nlh->nlmsg_type = GENL_ID_CTRL;
		nlh->nlmsg_flags = NLM_F_REQUEST;
		p[NLMSG_HDRLEN] = CTRL_CMD_GETFAMILY;
		c = add_case("huge_datagram", EXP_ERR_OR_CLOSE, MODE_DRAIN);
		add_dgram(c, p, big);
		free(p);

		off = drbd_msg(&m, NLM_F_REQUEST, DRBD_ADM_PRIMARY, 0);
		for (int i = 0; i < 7; i++) {
			static char fill[16000];

			memset(fill, 'a' + i, sizeof(fill));
			mb_attr(&m, (uint16_t)(40 + i), fill, sizeof(fill));
		}
		mb_end(&m, off);
		c = add_case("huge_valid_message", EXP_ANY, MODE_DRAIN);
		add_mb(c, &m);
	}
}

/* ------------------------------------------------------------------ main */

static int write_corpus(const char *dir)
{
	char path[4200];

	if (strlen(dir) > 4000) {
		fprintf(stderr, "nlfuzz_client: directory name too long\n");
		return 1;
	}
	for (int i = 0; i < ncases; i++) {
		for (int j = 0; j < cases[i].n; j++) {
			FILE *f;

			if (cases[i].d[j].len > CORPUS_MAX)
				continue; /* the huge_* cases: too big for a seed, run live only */
			if (cases[i].n > 1)
				snprintf(path, sizeof(path), "%.4000s/%.63s-%d", dir, cases[i].name, j);
			else
				snprintf(path, sizeof(path), "%.4000s/%.63s", dir, cases[i].name);
			f = fopen(path, "wb");
			if (!f || fwrite(cases[i].d[j].data, 1, cases[i].d[j].len, f) !=
					  cases[i].d[j].len || fclose(f)) {
				perror(path);
				return 1;
			}
		}
	}
	printf("wrote %d cases to %s\n", ncases, dir);
	return 0;
}

static int replay(const char *sock, int nfiles, char **files)
{
	for (int i = 0; i < nfiles; i++) {
		struct fcase c = { .expect = EXP_ANY, .mode = MODE_DRAIN };
		static unsigned char buf[BUF_MAX];
		const char *base = strrchr(files[i], '/');
		int fd = open(files[i], O_RDONLY | O_CLOEXEC);
		ssize_t n;

		snprintf(c.name, sizeof(c.name), "replay:%s", base ? base + 1 : files[i]);
		if (fd < 0) {
			failf(c.name, "open: %s", strerror(errno));
			continue;
		}
		n = read(fd, buf, sizeof(buf));
		close(fd);
		if (n < 0) {
			failf(c.name, "read: %s", strerror(errno));
			continue;
		}
		c.d[0].data = buf;
		c.d[0].len = (size_t)n;
		c.n = 1;
		run_case(sock, &c);
		getfamily_ok(sock, c.name);
	}
	printf("replayed %d files, %d failures\n", nfiles, failures);
	return failures ? 1 : 0;
}

static int expect_refused(const char *sock)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timeval tv = { .tv_sec = RECV_TIMEOUT_S };
	unsigned char buf[256];
	const struct drbd_um_status *st;
	ssize_t n;
	int fd;

	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sock);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		printf("FAIL refused: connect: %s\n", strerror(errno));
		return 1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	n = recv(fd, buf, sizeof(buf), 0);
	st = n > 0 ? drbd_um_msg_payload(buf, (size_t)n, DRBD_UM_MSG_STATUS, sizeof(*st)) : NULL;
	if (!st || st->error != -EACCES) {
		printf("FAIL refused: first datagram (%zd bytes) is not STATUS(-EACCES)\n", n);
		return 1;
	}
	n = recv(fd, buf, sizeof(buf), 0);
	if (n != 0) {
		printf("FAIL refused: connection not closed after the refusal (%zd)\n", n);
		return 1;
	}
	close(fd);
	printf("refused with STATUS(-EACCES) and closed\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--expect-refused"))
		return expect_refused(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "--write-corpus")) {
		if (!getfamily_ok(argv[3], "initial"))
			return 1;
		build_cases();
		return write_corpus(argv[2]);
	}
	if (argc >= 3 && !strcmp(argv[1], "--replay")) {
		if (!getfamily_ok(argv[2], "initial"))
			return 1;
		return replay(argv[2], argc - 3, argv + 3);
	}
	if (argc != 2) {
		fprintf(stderr, "usage: nlfuzz_client SOCKET | --replay SOCKET FILE... | --expect-refused SOCKET | "
				"--write-corpus DIR SOCKET\n");
		return 2;
	}
	if (!getfamily_ok(argv[1], "initial"))
		return 1;
	build_cases();
	for (int i = 0; i < ncases; i++) {
		run_case(argv[1], &cases[i]);
		if (!getfamily_ok(argv[1], cases[i].name))
			break;
		printf("ok %s\n", cases[i].name);
	}
	printf("%d cases, %d failures\n", ncases, failures);
	return failures ? 1 : 0;
}
