// SPDX-License-Identifier: GPL-2.0
/*
 * fake_drbd_daemon.c - TEST DOUBLE of the drbd-usermode daemon's control socket.
 *
 * It has no DRBD inside. It speaks the control protocol (tools/common/control_proto.h) and
 * answers a small, canned subset of generic netlink so the REAL drbdsetup-84 can be run
 * through the shim by tests/integration/shim/test_shim_tools.sh:
 *   - nlctrl CTRL_CMD_GETFAMILY "drbd": family id, version 1, hdrsize 8, maxattr, and the
 *     multicast group "events" (id FAKE_EVENTS_GROUP, not 0x10);
 *   - DRBD_ADM_NEW_RESOURCE / DEL_RESOURCE: keeps a list of resource names, replies with a
 *     drbd_genlmsghdr (ret_code NO_ERROR, or ERR_RES_NOT_KNOWN with an info text in
 *     DRBD_NLA_CFG_REPLY);
 *     a new resource is also broadcast (DRBD_RESOURCE_STATE, NOTIFY_CREATE) to "events",
 *     without blocking: a member whose queue is full gets DRBD_UM_MSG_OVERRUN later;
 *   - DRBD_ADM_GET_STATUS for a minor: ERR_MINOR_INVALID (nothing is configured);
 *   - dumps, split into datagrams of at most NLMSG_GOODSIZE bytes as the kernel does:
 *     GET_RESOURCES, GET_DEVICES/CONNECTIONS/PEER_DEVICES/STATUS (empty),
 *     GET_INITIAL_STATE (exists-notifications + DRBD_INITIAL_STATE_DONE); each dump ends with
 *     NLMSG_DONE in a datagram of its own;
 *   - anything else: NLMSG_ERROR -EOPNOTSUPP;
 *   - DRBD_UM_MSG_PROC_READ "drbd": a canned /proc/drbd text;
 *   - DRBD_UM_MSG_SETSOCKOPT: group membership, used for the broadcasts.
 * Every request is appended to RUN_DIR/fake.log ("portid P cmd C dump D" / "join P G") so the
 * test can check ordering. Peers of another uid (except root) get STATUS -EACCES.
 *
 * Usage: fake_drbd_daemon RUN_DIR   Creates RUN_DIR/control.sock, writes "ready\n" to stdout
 * once it listens, serves until SIGTERM/SIGINT.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "control_proto.h"

#define FAKE_FAMILY_ID          0x1c
#define FAKE_EVENTS_GROUP       5
#define FAKE_MAXATTR            24      /* DRBD_NLA_HELPER */
#define MAX_CLIENTS             32
#define MAX_RESOURCES           256
#define NAME_MAX_LEN            128
#define BUF_SIZE                (64 * 1024)

/* DRBD 8.4 ABI numbers (include/linux/drbd.h, drbd_genl.h) */
#define NO_ERROR                101
#define ERR_MINOR_INVALID       127
#define ERR_RES_NOT_KNOWN       158
#define R_SECONDARY             2
#define WO_BDEV_FLUSH           2
#define NOTIFY_EXISTS           0
#define NOTIFY_CREATE           1
#define F_MANDATORY             (1 << 14)
enum {
	DRBD_ADM_GET_STATUS = 2, DRBD_ADM_NEW_RESOURCE = 7, DRBD_ADM_DEL_RESOURCE = 8,
	DRBD_ADM_GET_RESOURCES = 30, DRBD_ADM_GET_DEVICES = 31, DRBD_ADM_GET_CONNECTIONS = 32,
	DRBD_ADM_GET_PEER_DEVICES = 33, DRBD_RESOURCE_STATE = 34, DRBD_ADM_GET_INITIAL_STATE = 38,
	DRBD_INITIAL_STATE_DONE = 41,
};
enum {
	DRBD_NLA_CFG_REPLY = 1, DRBD_NLA_CFG_CONTEXT = 2, DRBD_NLA_RESOURCE_INFO = 15,
	DRBD_NLA_RESOURCE_STATISTICS = 19,
	DRBD_NLA_NOTIFICATION_HEADER = 23,
};
#define T_ctx_resource_name     (2 | F_MANDATORY)
#define T_res_role              1
#define T_res_susp              2       /* flag fields are NLA_U8 */
#define T_res_susp_nod          3
#define T_res_susp_fen          4
#define T_res_stat_write_ordering 1
#define T_info_text             (1 | F_MANDATORY)
#define T_nh_type               (1 | F_MANDATORY)

struct drbd_genlmsghdr {
	uint32_t minor;
	int32_t ret_code;
};

struct client {
	int fd;
	uint32_t portid;
	bool events;            /* member of FAKE_EVENTS_GROUP */
	bool overrun;           /* a notification was dropped: DRBD_UM_MSG_OVERRUN is due */
};

static const char proc_text[] =
	"version: 8.4.11 (api:1/proto:86-101)\n"
	"srcversion: fake-daemon-test-double\n";

static struct client clients[MAX_CLIENTS];
static char resources[MAX_RESOURCES][NAME_MAX_LEN + 1];
static int nr_resources;
static uint32_t next_portid = 0x1000;
static uint32_t bcast_seq;
static FILE *logf;
static volatile sig_atomic_t stop;

/* ---- message building ---------------------------------------------------------------- */

struct msgbuf {
	char data[BUF_SIZE];
	size_t len;
	size_t msg_start;
};

static void *put(struct msgbuf *b, const void *p, size_t len)
{
	void *dst;

	if (b->len + NLMSG_ALIGN(len) > sizeof(b->data)) {
		fprintf(stderr, "fake: reply too large\n");
		exit(1);
	}
	dst = b->data + b->len;
	memset(dst, 0, NLMSG_ALIGN(len));
	if (p)
		memcpy(dst, p, len);
	b->len += NLMSG_ALIGN(len);
	return dst;
}

static void msg_begin(struct msgbuf *b, uint16_t type, uint16_t flags, uint32_t seq,
		      uint32_t pid)
{
	struct nlmsghdr h = { .nlmsg_type = type, .nlmsg_flags = flags, .nlmsg_seq = seq,
			      .nlmsg_pid = pid };

	b->msg_start = b->len;
	put(b, &h, sizeof(h));
}

static void msg_end(struct msgbuf *b)
{
	((struct nlmsghdr *)(b->data + b->msg_start))->nlmsg_len =
		(uint32_t)(b->len - b->msg_start);
}

static void put_attr(struct msgbuf *b, uint16_t type, const void *p, size_t len)
{
	struct nlattr a = { .nla_len = (uint16_t)(NLA_HDRLEN + len), .nla_type = type };

	put(b, &a, sizeof(a));
	b->len -= NLA_ALIGN(sizeof(a)) - NLA_HDRLEN;
	put(b, p, len);
}

static size_t nest_begin(struct msgbuf *b, uint16_t type)
{
	struct nlattr a = { .nla_type = type };
	size_t at = b->len;

	put(b, &a, sizeof(a));
	return at;
}

static void nest_end(struct msgbuf *b, size_t at)
{
	((struct nlattr *)(b->data + at))->nla_len = (uint16_t)(b->len - at);
}

static void put_u32(struct msgbuf *b, uint16_t type, uint32_t v)
{
	put_attr(b, type, &v, sizeof(v));
}

static void put_str(struct msgbuf *b, uint16_t type, const char *s)
{
	put_attr(b, type, s, strlen(s) + 1);
}

/* genlmsghdr + drbd_genlmsghdr of a drbd family message */
static void drbd_begin(struct msgbuf *b, uint8_t cmd, uint16_t flags, uint32_t seq, uint32_t pid,
		       uint32_t minor, int32_t ret)
{
	struct genlmsghdr g = { .cmd = cmd, .version = 1 };
	struct drbd_genlmsghdr d = { .minor = minor, .ret_code = ret };

	msg_begin(b, FAKE_FAMILY_ID, flags, seq, pid);
	put(b, &g, sizeof(g));
	put(b, &d, sizeof(d));
}

static void put_resource(struct msgbuf *b, const char *name)
{
	size_t n = nest_begin(b, DRBD_NLA_CFG_CONTEXT);

	put_str(b, T_ctx_resource_name, name);
	nest_end(b, n);
	n = nest_begin(b, DRBD_NLA_RESOURCE_INFO);
	put_u32(b, T_res_role, R_SECONDARY);
	/* the kernel always sends every field; drbdsetup does not default missing flags */
	put_attr(b, T_res_susp, &(uint8_t){ 0 }, 1);
	put_attr(b, T_res_susp_nod, &(uint8_t){ 0 }, 1);
	put_attr(b, T_res_susp_fen, &(uint8_t){ 0 }, 1);
	nest_end(b, n);
	n = nest_begin(b, DRBD_NLA_RESOURCE_STATISTICS);
	put_u32(b, T_res_stat_write_ordering, WO_BDEV_FLUSH);
	nest_end(b, n);
}

static void put_notify(struct msgbuf *b, uint32_t type)
{
	size_t n = nest_begin(b, DRBD_NLA_NOTIFICATION_HEADER);

	put_u32(b, T_nh_type, type);
	nest_end(b, n);
}

/* Deliver a pending overrun marker first (without blocking; stays pending if full). */
static void flush_overrun(struct client *c)
{
	struct nlmsghdr h;

	if (!c->overrun)
		return;
	drbd_um_msg_init(&h, DRBD_UM_MSG_OVERRUN, 0);
	if (send(c->fd, &h, sizeof(h), MSG_NOSIGNAL | MSG_DONTWAIT) == (ssize_t)sizeof(h))
		c->overrun = false;
}

static void send_buf(struct client *c, struct msgbuf *b)
{
	flush_overrun(c);
	if (b->len && send(c->fd, b->data, b->len, MSG_NOSIGNAL) < 0)
		fprintf(stderr, "fake: send to portid %u: %s\n", c->portid, strerror(errno));
	b->len = 0;
}

/* Multicast: never block on a slow member; drop and flag the overrun as netlink does. */
static void send_multicast(struct client *c, const struct msgbuf *b)
{
	flush_overrun(c);
	if (c->overrun)
		return;
	if (send(c->fd, b->data, b->len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			c->overrun = true;
			fprintf(logf, "portid %u overrun\n", c->portid);
		}
	}
}

static void send_error(struct client *c, const struct nlmsghdr *req, int error)
{
	struct msgbuf b = { .len = 0 };
	struct nlmsgerr e = { .error = error, .msg = *req };

	msg_begin(&b, NLMSG_ERROR, 0, req->nlmsg_seq, c->portid);
	put(&b, &e, sizeof(e));
	msg_end(&b);
	send_buf(c, &b);
}

static void send_done(struct client *c, const struct nlmsghdr *req)
{
	struct msgbuf b = { .len = 0 };
	int32_t zero = 0;

	msg_begin(&b, NLMSG_DONE, NLM_F_MULTI, req->nlmsg_seq, c->portid);
	put(&b, &zero, sizeof(zero));
	msg_end(&b);
	send_buf(c, &b);
}

static void send_oob(int fd, uint16_t type, const void *payload, size_t len)
{
	char buf[NLMSG_HDRLEN + DRBD_UM_DATA_MAX];

	memset(buf, 0, NLMSG_SPACE(len));
	drbd_um_msg_init((struct nlmsghdr *)buf, type, len);
	memcpy(buf + NLMSG_HDRLEN, payload, len);
	if (send(fd, buf, NLMSG_SPACE(len), MSG_NOSIGNAL) < 0)
		fprintf(stderr, "fake: send: %s\n", strerror(errno));
}

static void send_status(int fd, int error)
{
	struct drbd_um_status st = { .error = error };

	send_oob(fd, DRBD_UM_MSG_STATUS, &st, sizeof(st));
}

/* ---- requests ----------------------------------------------------------------------- */

/* First attribute of @type (flags masked) in [p, p+len), or NULL. */
static const struct nlattr *find_attr(const void *p, size_t len, uint16_t type)
{
	const struct nlattr *a = p;

	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= len) {
		if ((a->nla_type & NLA_TYPE_MASK & ~F_MANDATORY) == (type & ~F_MANDATORY))
			return a;
		size_t step = (size_t)NLA_ALIGN(a->nla_len);

		if (step >= len)
			break;
		len -= step;
		a = (const struct nlattr *)((const char *)a + step);
	}
	return NULL;
}

static void handle_getfamily(struct client *c, const struct nlmsghdr *req)
{
	const struct genlmsghdr *g = NLMSG_DATA(req);
	const struct nlattr *name;
	struct msgbuf b = { .len = 0 };
	struct genlmsghdr rg = { .cmd = CTRL_CMD_NEWFAMILY, .version = 2 };
	uint16_t id = FAKE_FAMILY_ID;
	size_t groups, grp;

	name = find_attr(g + 1, req->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN), CTRL_ATTR_FAMILY_NAME);
	if (g->cmd != CTRL_CMD_GETFAMILY || !name ||
	    strncmp((const char *)(name + 1), "drbd", name->nla_len - NLA_HDRLEN) != 0) {
		send_error(c, req, -ENOENT);
		return;
	}
	msg_begin(&b, GENL_ID_CTRL, 0, req->nlmsg_seq, c->portid);
	put(&b, &rg, sizeof(rg));
	put_str(&b, CTRL_ATTR_FAMILY_NAME, "drbd");
	put_attr(&b, CTRL_ATTR_FAMILY_ID, &id, sizeof(id));
	put_u32(&b, CTRL_ATTR_VERSION, 1);
	put_u32(&b, CTRL_ATTR_HDRSIZE, sizeof(struct drbd_genlmsghdr));
	put_u32(&b, CTRL_ATTR_MAXATTR, FAKE_MAXATTR);
	groups = nest_begin(&b, CTRL_ATTR_MCAST_GROUPS);
	grp = nest_begin(&b, 1);
	put_u32(&b, CTRL_ATTR_MCAST_GRP_ID, FAKE_EVENTS_GROUP);
	put_str(&b, CTRL_ATTR_MCAST_GRP_NAME, "events");
	nest_end(&b, grp);
	nest_end(&b, groups);
	msg_end(&b);
	send_buf(c, &b);
}

static int find_resource(const char *name)
{
	int i;

	for (i = 0; i < nr_resources; i++)
		if (!strcmp(resources[i], name))
			return i;
	return -1;
}

static void broadcast_new_resource(const char *name)
{
	struct msgbuf b = { .len = 0 };
	int i;

	drbd_begin(&b, DRBD_RESOURCE_STATE, 0, ++bcast_seq, 0, ~0U, NO_ERROR);
	put_resource(&b, name);
	put_notify(&b, NOTIFY_CREATE);
	msg_end(&b);
	for (i = 0; i < MAX_CLIENTS; i++) {
		if (clients[i].fd >= 0 && clients[i].events)
			send_multicast(&clients[i], &b);
	}
}

static void handle_drbd_doit(struct client *c, const struct nlmsghdr *req, uint8_t cmd,
			     const struct drbd_genlmsghdr *dh, const void *attrs, size_t alen)
{
	const struct nlattr *ctx = find_attr(attrs, alen, DRBD_NLA_CFG_CONTEXT);
	const struct nlattr *res = NULL;
	struct msgbuf b = { .len = 0 };
	char name[NAME_MAX_LEN + 1] = "";
	int32_t ret = NO_ERROR;
	size_t nest;

	if (ctx)
		res = find_attr(ctx + 1, ctx->nla_len - NLA_HDRLEN, T_ctx_resource_name);
	if (res)
		snprintf(name, sizeof(name), "%.*s", (int)(res->nla_len - NLA_HDRLEN),
			 (const char *)(res + 1));

	switch (cmd) {
	case DRBD_ADM_NEW_RESOURCE:
		if (!name[0]) {
			send_error(c, req, -EINVAL);
			return;
		}
		if (find_resource(name) < 0 && nr_resources < MAX_RESOURCES) {
			snprintf(resources[nr_resources++], NAME_MAX_LEN + 1, "%s", name);
			broadcast_new_resource(name);
		}
		break;
	case DRBD_ADM_DEL_RESOURCE: {
		int i = find_resource(name);

		if (i < 0) {
			ret = ERR_RES_NOT_KNOWN;
			break;
		}
		memmove(resources[i], resources[i + 1],
			(size_t)(nr_resources - i - 1) * sizeof(resources[0]));
		nr_resources--;
		break;
	}
	case DRBD_ADM_GET_STATUS:
		ret = ERR_MINOR_INVALID;
		break;
	default:
		send_error(c, req, -EOPNOTSUPP);
		return;
	}
	drbd_begin(&b, cmd, 0, req->nlmsg_seq, c->portid, dh->minor, ret);
	if (ret == ERR_RES_NOT_KNOWN) {
		/* The kernel adds an info text to some failures. For the resource "long-info" it
		 * is 10000 bytes, so that the reply exceeds drbdsetup's first 8 KiB receive
		 * buffer: drbdsetup must see MSG_TRUNC on its MSG_PEEK and grow the buffer. */
		static char text[10001];

		if (!strcmp(name, "long-info")) {
			memset(text, 'y', sizeof(text) - 1);
		} else {
			snprintf(text, sizeof(text), "fake daemon: no such resource");
		}
		nest = nest_begin(&b, DRBD_NLA_CFG_REPLY);
		put_str(&b, T_info_text, text);
		nest_end(&b, nest);
	}
	msg_end(&b);
	send_buf(c, &b);
}

/*
 * Like the kernel's netlink_dump() for a reader that never offered more than drbdsetup's 8 KiB,
 * a dump datagram holds at most NLMSG_GOODSIZE bytes (one page minus skb overhead) of whole
 * messages. drbdsetup-84 relies on that: generic_get() keeps a pointer into its receive buffer
 * across the realloc() that a larger datagram triggers.
 */
#define FAKE_NLMSG_GOODSIZE 3776

static void dump_flush_if_full(struct client *c, struct msgbuf *b, size_t before)
{
	struct msgbuf rest;

	if (b->len <= FAKE_NLMSG_GOODSIZE || before == 0)
		return;
	/* the last message does not fit: send what came before it, keep it for the next one */
	rest.len = b->len - before;
	memcpy(rest.data, b->data + before, rest.len);
	b->len = before;
	send_buf(c, b);
	memcpy(b->data, rest.data, rest.len);
	b->len = rest.len;
}

static void handle_drbd_dump(struct client *c, const struct nlmsghdr *req, uint8_t cmd)
{
	static struct msgbuf b;
	size_t before;
	int i;

	b.len = 0;
	switch (cmd) {
	case DRBD_ADM_GET_RESOURCES:
		for (i = 0; i < nr_resources; i++) {
			before = b.len;
			drbd_begin(&b, cmd, NLM_F_MULTI, req->nlmsg_seq, c->portid, ~0U, NO_ERROR);
			put_resource(&b, resources[i]);
			msg_end(&b);
			dump_flush_if_full(c, &b, before);
		}
		break;
	case DRBD_ADM_GET_INITIAL_STATE:
		for (i = 0; i < nr_resources; i++) {
			before = b.len;
			drbd_begin(&b, DRBD_RESOURCE_STATE, NLM_F_MULTI, req->nlmsg_seq, c->portid,
				   ~0U, NO_ERROR);
			put_resource(&b, resources[i]);
			put_notify(&b, NOTIFY_EXISTS);
			msg_end(&b);
			dump_flush_if_full(c, &b, before);
		}
		before = b.len;
		drbd_begin(&b, DRBD_INITIAL_STATE_DONE, NLM_F_MULTI, req->nlmsg_seq, c->portid,
			   ~0U, NO_ERROR);
		put_notify(&b, NOTIFY_EXISTS);
		msg_end(&b);
		dump_flush_if_full(c, &b, before);
		break;
	case DRBD_ADM_GET_STATUS:
	case DRBD_ADM_GET_DEVICES:
	case DRBD_ADM_GET_CONNECTIONS:
	case DRBD_ADM_GET_PEER_DEVICES:
		break;
	default:
		send_error(c, req, -EOPNOTSUPP);
		return;
	}
	send_buf(c, &b);
	send_done(c, req);
}

static void handle_proc_read(struct client *c, const struct nlmsghdr *req)
{
	const struct drbd_um_proc_read *pr = NLMSG_DATA(req);
	size_t len = req->nlmsg_len - NLMSG_HDRLEN;

	fprintf(logf, "portid %u proc_read\n", c->portid);
	if (len <= sizeof(*pr) || !memchr(pr->path, 0, len - sizeof(*pr)) ||
	    strcmp(pr->path, "drbd") != 0) {
		send_status(c->fd, -ENOENT);
		return;
	}
	send_oob(c->fd, DRBD_UM_MSG_DATA, proc_text, sizeof(proc_text) - 1);
	send_status(c->fd, 0);
}

static void handle_setsockopt(struct client *c, const struct nlmsghdr *req)
{
	const struct drbd_um_setsockopt *so = NLMSG_DATA(req);
	uint32_t val = 0;

	if (req->nlmsg_len < NLMSG_LENGTH(sizeof(*so) + sizeof(val)) || so->optlen < sizeof(val))
		return;
	memcpy(&val, so + 1, sizeof(val));
	fprintf(logf, "portid %u %s %u\n", c->portid,
		so->optname == NETLINK_ADD_MEMBERSHIP ? "join" :
		so->optname == NETLINK_DROP_MEMBERSHIP ? "leave" : "sockopt", val);
	if (val == FAKE_EVENTS_GROUP && so->optname == NETLINK_ADD_MEMBERSHIP)
		c->events = true;
	if (val == FAKE_EVENTS_GROUP && so->optname == NETLINK_DROP_MEMBERSHIP)
		c->events = false;
}

/* Returns false when the client must be dropped. */
static bool handle_datagram(struct client *c, const char *buf, size_t len)
{
	const struct nlmsghdr *nlh;
	int rem = (int)len;     /* the NLMSG_* macros work on int lengths */

	for (nlh = (const struct nlmsghdr *)buf; NLMSG_OK(nlh, rem); nlh = NLMSG_NEXT(nlh, rem)) {
		const struct genlmsghdr *g = NLMSG_DATA(nlh);

		switch (nlh->nlmsg_type) {
		case DRBD_UM_MSG_SETSOCKOPT:
			handle_setsockopt(c, nlh);
			continue;
		case DRBD_UM_MSG_PROC_READ:
			handle_proc_read(c, nlh);
			continue;
		case GENL_ID_CTRL:
		case FAKE_FAMILY_ID:
			break;
		default:
			if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
				return false;
			send_error(c, nlh, -ENOENT);
			continue;
		}
		if (nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN)) {
			send_error(c, nlh, -EINVAL);
			continue;
		}
		fprintf(logf, "portid %u pid %u cmd %u dump %d\n", c->portid, nlh->nlmsg_pid,
			g->cmd, !!(nlh->nlmsg_flags & NLM_F_DUMP));
		if (nlh->nlmsg_type == GENL_ID_CTRL) {
			handle_getfamily(c, nlh);
		} else if (nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN + sizeof(struct drbd_genlmsghdr))) {
			send_error(c, nlh, -EINVAL);
		} else if (nlh->nlmsg_flags & NLM_F_DUMP) {
			handle_drbd_dump(c, nlh, g->cmd);
		} else {
			const struct drbd_genlmsghdr *dh = (const void *)((const char *)g + GENL_HDRLEN);
			size_t hdr = NLMSG_LENGTH(GENL_HDRLEN + sizeof(*dh));

			handle_drbd_doit(c, nlh, g->cmd, dh, (const char *)nlh + hdr,
					 nlh->nlmsg_len - hdr);
		}
		if (nlh->nlmsg_flags & NLM_F_ACK)
			send_error(c, nlh, 0);
	}
	fflush(logf);
	return true;
}

/* ---- connections --------------------------------------------------------------------- */

static void accept_client(int lfd)
{
	struct drbd_um_hello hello = { .magic = DRBD_UM_PROTO_MAGIC,
				       .version = DRBD_UM_PROTO_VERSION };
	struct ucred cred;
	socklen_t clen = sizeof(cred);
	int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	int i;

	if (fd < 0)
		return;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) != 0 ||
	    (cred.uid != getuid() && cred.uid != 0)) {
		fprintf(logf, "refused uid %u\n", (unsigned int)cred.uid);
		send_status(fd, -EACCES);
		close(fd);
		return;
	}
	for (i = 0; i < MAX_CLIENTS && clients[i].fd >= 0; i++)
		;
	if (i == MAX_CLIENTS) {
		send_status(fd, -EMFILE);
		close(fd);
		return;
	}
	/* a small send buffer makes multicast overruns reachable by a test */
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &(int){ 16384 }, sizeof(int));
	clients[i].fd = fd;
	clients[i].portid = next_portid++;
	clients[i].events = false;
	clients[i].overrun = false;
	hello.portid = clients[i].portid;
	hello.daemon_pid = (uint32_t)getpid();
	send_oob(fd, DRBD_UM_MSG_HELLO, &hello, sizeof(hello));
	fprintf(logf, "portid %u connected\n", clients[i].portid);
	fflush(logf);
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	static char buf[BUF_SIZE];
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct sigaction sa = { .sa_handler = on_signal };
	char path[PATH_MAX];
	int lfd, i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s RUN_DIR\n", argv[0]);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/fake.log", argv[1]);
	logf = fopen(path, "a");
	if (!logf || snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/%s", argv[1],
			      DRBD_UM_CONTROL_SOCK) >= (int)sizeof(sun.sun_path)) {
		fprintf(stderr, "fake: bad run dir %s\n", argv[1]);
		return 1;
	}
	setvbuf(logf, NULL, _IOLBF, 0);      /* a request is logged before it is answered */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < MAX_CLIENTS; i++)
		clients[i].fd = -1;

	unlink(sun.sun_path);
	lfd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (lfd < 0 || fchmod(lfd, 0600) != 0 ||
	    bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) != 0 ||
	    chmod(sun.sun_path, 0600) != 0 || listen(lfd, 16) != 0) {
		fprintf(stderr, "fake: listen on %s: %s\n", sun.sun_path, strerror(errno));
		return 1;
	}
	printf("ready\n");
	fflush(stdout);

	while (!stop) {
		struct pollfd pfds[MAX_CLIENTS + 1];
		int n = 0, map[MAX_CLIENTS + 1];

		pfds[n].fd = lfd;
		pfds[n++].events = POLLIN;
		for (i = 0; i < MAX_CLIENTS; i++) {
			if (clients[i].fd < 0)
				continue;
			map[n] = i;
			pfds[n].fd = clients[i].fd;
			pfds[n++].events = POLLIN;
		}
		if (poll(pfds, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("fake: poll");
			return 1;
		}
		if (pfds[0].revents & POLLIN)
			accept_client(lfd);
		for (i = 1; i < n; i++) {
			struct client *c = &clients[map[i]];
			ssize_t got;

			if (!pfds[i].revents)
				continue;
			got = recv(c->fd, buf, sizeof(buf), MSG_DONTWAIT);
			if (got < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (got <= 0 || !handle_datagram(c, buf, (size_t)got)) {
				fprintf(logf, "portid %u closed\n", c->portid);
				fflush(logf);
				close(c->fd);
				c->fd = -1;
			}
		}
	}
	unlink(sun.sun_path);
	return 0;
}
