// SPDX-License-Identifier: GPL-2.0
/*
 * internal_down.c - take every DRBD resource down at daemon shutdown, the way
 * `drbdsetup down <res>` does: through DRBD's generic netlink family, as an internal client
 * with root credentials. Uses only the stable netlink ABI (family "drbd", API version 1).
 */
#include "daemon.h"

#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sys_service.h"
#include "genl_transport.h"

/* From the DRBD 8.4 netlink ABI (include/linux/drbd_genl.h, drbd.h). */
#define DRBD_FAMILY_NAME "drbd"
#define DRBD_GENL_VERSION 1
#define DRBD_ADM_DOWN 27
#define DRBD_ADM_GET_RESOURCES 30
#define DRBD_NLA_CFG_CONTEXT 2
#define T_CTX_RESOURCE_NAME (2 | (1 << 14)) /* attr 2 with DRBD_GENLA_F_MANDATORY */
#define DRBD_NO_ERROR 101
#define DRBD_SS_SUCCESS 1
#define DRBD_MAX_RESOURCES 4096
#define SS_IN_TRANSIENT_STATE (-18)
#define DOWN_TRANSIENT_RETRIES 500

struct drbd_genlmsghdr_abi {
	uint32_t minor;
	int32_t ret_code;
};

/* Replies collected by deliver(), consumed by the thread that submitted the request. */
struct collector {
	pthread_mutex_t lock;
	char *buf;
	size_t len, cap;
};

static int collect(void *priv, const void *data, size_t len, uint32_t group)
{
	struct collector *col = priv;
	int rc = 0;

	if (group)
		return 0; /* not subscribed to anything; ignore stray notifications */
	pthread_mutex_lock(&col->lock);
	if (col->len + len > col->cap) {
		size_t cap = (col->cap ? col->cap * 2 : 16384) + len;
		char *nb = realloc(col->buf, cap);

		if (!nb) {
			rc = -ENOBUFS;
			goto out;
		}
		col->buf = nb;
		col->cap = cap;
	}
	memcpy(col->buf + col->len, data, len);
	col->len += len;
out:
	pthread_mutex_unlock(&col->lock);
	return rc;
}

/* A tiny netlink message builder. */
struct nlbuf {
	char data[1024];
	size_t len;
};

static struct nlmsghdr *nl_start(struct nlbuf *b, uint16_t type, uint16_t flags, uint32_t seq)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)b->data;

	memset(b->data, 0, sizeof(b->data));
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	b->len = NLMSG_HDRLEN;
	return nlh;
}

static void *nl_put(struct nlbuf *b, const void *data, size_t len)
{
	void *p = b->data + b->len;

	if (data)
		memcpy(p, data, len);
	b->len += NLMSG_ALIGN(len);
	return p;
}

static struct nlattr *nla_put_raw(struct nlbuf *b, uint16_t type, const void *data, size_t len)
{
	struct nlattr *a = (struct nlattr *)(b->data + b->len);

	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (data)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	b->len += NLA_ALIGN(a->nla_len);
	return a;
}

static void nl_end(struct nlbuf *b)
{
	((struct nlmsghdr *)b->data)->nlmsg_len = (uint32_t)b->len;
}

static const struct nlattr *nla_find_in(const void *start, size_t len, uint16_t type)
{
	const char *p = start, *end = p + len;

	while (p + NLA_HDRLEN <= end) {
		const struct nlattr *a = (const struct nlattr *)p;

		if (a->nla_len < NLA_HDRLEN || p + a->nla_len > end)
			break;
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
		p += NLA_ALIGN(a->nla_len);
	}
	return NULL;
}

static int get_family_id(struct umc_genl_client *cl, struct collector *col, uint16_t *id)
{
	struct nlbuf b;
	struct genlmsghdr g = { .cmd = CTRL_CMD_GETFAMILY, .version = 1 };
	int rc;

	nl_start(&b, GENL_ID_CTRL, NLM_F_REQUEST, 1);
	nl_put(&b, &g, sizeof(g));
	nla_put_raw(&b, CTRL_ATTR_FAMILY_NAME, DRBD_FAMILY_NAME, sizeof(DRBD_FAMILY_NAME));
	nl_end(&b);
	col->len = 0;
	rc = umc_genl_submit(cl, b.data, b.len);
	if (rc)
		return rc;
	for (size_t off = 0; off + NLMSG_HDRLEN <= col->len;) {
		const struct nlmsghdr *nlh = (const void *)(col->buf + off);

		if (nlh->nlmsg_len < NLMSG_HDRLEN || off + nlh->nlmsg_len > col->len)
			break;
		if (nlh->nlmsg_type == GENL_ID_CTRL) {
			const char *attrs = (const char *)NLMSG_DATA(nlh) + GENL_HDRLEN;
			size_t alen = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
			const struct nlattr *a = nla_find_in(attrs, alen, CTRL_ATTR_FAMILY_ID);

			if (a && a->nla_len >= NLA_HDRLEN + 2) {
				memcpy(id, (const char *)a + NLA_HDRLEN, 2);
				return 0;
			}
		}
		off += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	return -ENOENT;
}

/* Collect the names of all resources (GET_RESOURCES dump). Returns the count or -errno. */
static int list_resources(struct umc_genl_client *cl, struct collector *col, uint16_t fam,
			  char names[][128], int max)
{
	struct nlbuf b;
	struct genlmsghdr g = { .cmd = DRBD_ADM_GET_RESOURCES, .version = DRBD_GENL_VERSION };
	struct drbd_genlmsghdr_abi dh = { .minor = ~0U };
	int n = 0, rc;

	nl_start(&b, fam, NLM_F_REQUEST | NLM_F_DUMP, 2);
	nl_put(&b, &g, sizeof(g));
	nl_put(&b, &dh, sizeof(dh));
	nl_end(&b);
	col->len = 0;
	rc = umc_genl_submit(cl, b.data, b.len);
	if (rc)
		return rc;
	for (size_t off = 0; off + NLMSG_HDRLEN <= col->len && n < max;) {
		const struct nlmsghdr *nlh = (const void *)(col->buf + off);
		size_t hdrs = GENL_HDRLEN + sizeof(dh);

		if (nlh->nlmsg_len < NLMSG_HDRLEN || off + nlh->nlmsg_len > col->len)
			break;
		if (nlh->nlmsg_type == fam && nlh->nlmsg_len >= NLMSG_HDRLEN + hdrs) {
			const char *attrs = (const char *)NLMSG_DATA(nlh) + hdrs;
			size_t alen = nlh->nlmsg_len - NLMSG_HDRLEN - hdrs;
			const struct nlattr *ctx = nla_find_in(attrs, alen, DRBD_NLA_CFG_CONTEXT);
			const struct nlattr *name = NULL;

			if (ctx)
				name = nla_find_in((const char *)ctx + NLA_HDRLEN,
						   ctx->nla_len - NLA_HDRLEN,
						   T_CTX_RESOURCE_NAME & NLA_TYPE_MASK);
			if (name) {
				size_t l = name->nla_len - NLA_HDRLEN;

				if (l >= 128)
					l = 127;
				memcpy(names[n], (const char *)name + NLA_HDRLEN, l);
				names[n][l] = 0;
				n++;
			}
		}
		off += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	return n;
}

static int down_one(struct umc_genl_client *cl, struct collector *col, uint16_t fam,
		    const char *name, uint32_t seq)
{
	struct nlbuf b;
	struct genlmsghdr g = { .cmd = DRBD_ADM_DOWN, .version = DRBD_GENL_VERSION };
	struct drbd_genlmsghdr_abi dh = { .minor = ~0U };
	struct nlattr *ctx;
	int rc;

	nl_start(&b, fam, NLM_F_REQUEST, seq);
	nl_put(&b, &g, sizeof(g));
	nl_put(&b, &dh, sizeof(dh));
	ctx = nla_put_raw(&b, DRBD_NLA_CFG_CONTEXT | NLA_F_NESTED, NULL, 0);
	nla_put_raw(&b, T_CTX_RESOURCE_NAME, name, strlen(name) + 1);
	ctx->nla_len = (uint16_t)((char *)b.data + b.len - (char *)ctx);
	nl_end(&b);
	col->len = 0;
	rc = umc_genl_submit(cl, b.data, b.len);
	if (rc)
		return rc;
	for (size_t off = 0; off + NLMSG_HDRLEN <= col->len;) {
		const struct nlmsghdr *nlh = (const void *)(col->buf + off);

		if (nlh->nlmsg_len < NLMSG_HDRLEN || off + nlh->nlmsg_len > col->len)
			break;
		if (nlh->nlmsg_type == fam &&
		    nlh->nlmsg_len >= NLMSG_HDRLEN + GENL_HDRLEN + sizeof(dh)) {
			struct drbd_genlmsghdr_abi r;

			memcpy(&r, (const char *)NLMSG_DATA(nlh) + GENL_HDRLEN, sizeof(r));
			return (r.ret_code == DRBD_NO_ERROR || r.ret_code == DRBD_SS_SUCCESS) ? 0
											  : r.ret_code;
		}
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = NLMSG_DATA(nlh);

			return e->error;
		}
		off += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	return -EPROTO;
}

int internal_down_all(void)
{
	struct collector col = { .lock = PTHREAD_MUTEX_INITIALIZER };
	struct umc_genl_cred root = { .caps = ~0ULL };
	struct umc_genl_client *cl;
	char(*names)[128];
	uint16_t fam;
	int n, failed = 0, rc;

	names = calloc(DRBD_MAX_RESOURCES, sizeof(*names));
	if (!names)
		return 1;
	rc = umc_genl_client_register(&cl, 0, &root, collect, &col);
	if (rc) {
		free(names);
		return 1;
	}
	rc = get_family_id(cl, &col, &fam);
	if (rc) {
		sys_logf(SYS_LOG_ERR, DAEMON_LOG, "shutdown: DRBD netlink family not found (%d)", rc);
		failed = 1;
		goto out;
	}
	n = list_resources(cl, &col, fam, names, DRBD_MAX_RESOURCES);
	if (n < 0) {
		sys_logf(SYS_LOG_ERR, DAEMON_LOG, "shutdown: listing resources failed (%d)", n);
		failed = 1;
		goto out;
	}
	for (int i = 0; i < n; i++) {
		/* DRBD refuses to disconnect a connection still in Unconnected (its receiver
		 * thread has not reached WFConnection yet) with SS_IN_TRANSIENT_STATE, "retry
		 * after next state change": as an administrator would, try again, for at most
		 * DOWN_TRANSIENT_RETRIES x 10 ms */
		for (int t = 0;; t++) {
			rc = down_one(cl, &col, fam, names[i], 100 + (uint32_t)i);
			if (rc != SS_IN_TRANSIENT_STATE || t == DOWN_TRANSIENT_RETRIES)
				break;
			if (!t)
				sys_logf(SYS_LOG_INFO, DAEMON_LOG,
					 "shutdown: %s is in a transient state; retrying", names[i]);
			nanosleep(&(struct timespec){ .tv_nsec = 10 * 1000 * 1000 }, NULL);
		}
		if (rc) {
			sys_logf(SYS_LOG_ERR, DAEMON_LOG, "shutdown: down %s failed (%d)", names[i], rc);
			failed++;
		} else {
			sys_logf(SYS_LOG_INFO, DAEMON_LOG, "shutdown: resource %s is down", names[i]);
		}
	}
out:
	umc_genl_client_unregister(cl);
	free(col.buf);
	free(names);
	return failed;
}
