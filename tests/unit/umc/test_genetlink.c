// SPDX-License-Identifier: GPL-2.0
/*
 * test_genetlink.c - generic netlink core (umc/src/genetlink.c, genl_ctrl.c, netlink.c,
 * capability.c) driven through a fake transport with two clients.
 */
#include "umc_test.h"

#include <net/genetlink.h>
#include <linux/capability.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <umc/genl_transport.h>

/* ---------------------------------------------------------------- fake transport */

#define MAX_DGRAMS 32

struct fake_client {
	struct umc_genl_client *c;
	spinlock_t lock;
	int n;
	int fail_after; /* > 0: deliveries beyond this many fail, as to a closed socket */
	struct {
		void *data;
		size_t len;
		u32 group;
	} d[MAX_DGRAMS];
};

static int fake_deliver(void *priv, const void *data, size_t len, uint32_t group)
{
	struct fake_client *fc = priv;
	void *copy = kmalloc(len, GFP_ATOMIC);

	if (!copy)
		return -ENOBUFS;
	memcpy(copy, data, len);
	spin_lock(&fc->lock);
	if (fc->n == MAX_DGRAMS || (fc->fail_after > 0 && fc->n >= fc->fail_after)) {
		spin_unlock(&fc->lock);
		kfree(copy);
		return -ENOBUFS;
	}
	fc->d[fc->n].data = copy;
	fc->d[fc->n].len = len;
	fc->d[fc->n].group = group;
	fc->n++;
	spin_unlock(&fc->lock);
	return 0;
}

static void fake_reset(struct fake_client *fc)
{
	int i;

	for (i = 0; i < fc->n; i++)
		kfree(fc->d[i].data);
	fc->n = 0;
}

static struct fake_client cl_a, cl_b;

static void fake_open(struct fake_client *fc, u64 caps)
{
	struct umc_genl_cred cred = { .pid = 1234, .uid = 1000, .gid = 1000, .caps = caps };

	memset(fc, 0, sizeof(*fc));
	spin_lock_init(&fc->lock);
	assert_int_equal(umc_genl_client_register(&fc->c, 0, &cred, fake_deliver, fc), 0);
}

static void fake_close(struct fake_client *fc)
{
	umc_genl_client_unregister(fc->c);
	fake_reset(fc);
}

/* ---------------------------------------------------------------- test family */

enum { T_UNSPEC, T_VALUE, T_NAME, T_NEST, __T_MAX };
#define T_MAX (__T_MAX - 1)
enum { CMD_UNSPEC, CMD_ECHO, CMD_LIST, CMD_ADMIN, CMD_CAPS, CMD_STUCK };

struct test_hdr {
	u32 minor;
};

static struct genl_family test_family;
static int done_calls;
static int dump_total = 5;
static long dump_reached; /* the highest cb->args[0] list_dumpit reached */

static const struct nla_policy test_policy[] = {
	[T_VALUE] = { .type = NLA_U32 },
	[T_NAME] = { .type = NLA_NUL_STRING, .len = 15 },
	[T_NEST] = { .type = NLA_NESTED },
};

static int echo_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	struct test_hdr *h;
	u32 v = info->attrs[T_VALUE] ? nla_get_u32(info->attrs[T_VALUE]) : 0;

	(void)skb;
	if (!msg)
		return -ENOMEM;
	h = genlmsg_put_reply(msg, info, &test_family, 0, info->genlhdr->cmd);
	assert_non_null(h);
	h->minor = ((struct test_hdr *)info->userhdr)->minor + 1;
	if (nla_put_u32(msg, T_VALUE, v + 1)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, h);
	return genlmsg_reply(msg, info);
}

static int caps_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	void *h;

	(void)skb;
	assert_non_null(msg);
	h = genlmsg_put_reply(msg, info, &test_family, 0, CMD_CAPS);
	nla_put_u32(msg, T_VALUE, capable(CAP_SYS_ADMIN));
	genlmsg_end(msg, h);
	return genlmsg_reply(msg, info);
}

/* emits two messages per call until dump_total were sent; state in cb->args[0] */
static int list_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	int i;

	for (i = 0; i < 2 && cb->args[0] < dump_total; i++) {
		struct test_hdr *h = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
						 &test_family, NLM_F_MULTI, CMD_LIST);
		if (!h)
			break;
		h->minor = (u32)cb->args[0];
		nla_put_u32(skb, T_VALUE, (u32)cb->args[0] * 10);
		genlmsg_end(skb, h);
		cb->args[0]++;
	}
	dump_reached = cb->args[0];
	return (int)skb->len;
}

/* answers every call with the same message and never moves its cursor (like DRBD's
 * get_devices for an unknown resource): only the client ends it, by going away */
static int stuck_calls;
static int stuck_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct test_hdr *h = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
					 &test_family, NLM_F_MULTI, CMD_STUCK);

	stuck_calls++;
	if (!h)
		return -EMSGSIZE;
	h->minor = 0;
	genlmsg_end(skb, h);
	return (int)skb->len;
}

static int list_done(struct netlink_callback *cb)
{
	(void)cb;
	done_calls++;
	return 0;
}

static const struct genl_ops test_ops[] = {
	{ .cmd = CMD_ECHO, .doit = echo_doit },
	{ .cmd = CMD_LIST, .dumpit = list_dumpit, .done = list_done },
	{ .cmd = CMD_ADMIN, .doit = echo_doit, .flags = GENL_ADMIN_PERM },
	{ .cmd = CMD_CAPS, .doit = caps_doit },
	{ .cmd = CMD_STUCK, .dumpit = stuck_dumpit, .done = list_done },
};

static const struct genl_multicast_group test_groups[] = {
	{ .name = "events" },
	{ .name = "other" },
};

static struct genl_family test_family = {
	.name = "umctest",
	.version = 3,
	.hdrsize = sizeof(struct test_hdr),
	.maxattr = T_MAX,
	.policy = test_policy,
	.ops = test_ops,
	.n_ops = ARRAY_SIZE(test_ops),
	.mcgrps = test_groups,
	.n_mcgrps = ARRAY_SIZE(test_groups),
	.resv_start_op = 10,
};

/* ---------------------------------------------------------------- request helpers */

struct req {
	u8 buf[512];
	struct nlmsghdr *nlh;
};

static void *req_start(struct req *r, u16 type, u16 flags, u32 seq, u8 cmd, size_t hdrsize)
{
	struct genlmsghdr *g;

	memset(r, 0, sizeof(*r));
	r->nlh = (struct nlmsghdr *)r->buf;
	r->nlh->nlmsg_type = type;
	r->nlh->nlmsg_flags = flags;
	r->nlh->nlmsg_seq = seq;
	r->nlh->nlmsg_len = (u32)(NLMSG_HDRLEN + GENL_HDRLEN + NLMSG_ALIGN(hdrsize));
	g = (struct genlmsghdr *)(r->buf + NLMSG_HDRLEN);
	g->cmd = cmd;
	g->version = 1;
	return (u8 *)g + GENL_HDRLEN;
}

static struct nlattr *req_attr(struct req *r, u16 type, const void *data, size_t len)
{
	struct nlattr *nla = (struct nlattr *)(r->buf + r->nlh->nlmsg_len);

	nla->nla_type = type;
	nla->nla_len = (u16)(NLA_HDRLEN + len);
	memcpy((u8 *)nla + NLA_HDRLEN, data, len);
	r->nlh->nlmsg_len += (u32)NLA_ALIGN(NLA_HDRLEN + len);
	return nla;
}

static void submit(struct fake_client *fc, struct req *r)
{
	assert_int_equal(umc_genl_submit(fc->c, r->buf, r->nlh->nlmsg_len), 0);
}

static struct nlmsghdr *dgram(struct fake_client *fc, int i)
{
	assert_true(i < fc->n);
	return fc->d[i].data;
}

static struct nlattr *find_attr(struct nlmsghdr *nlh, int hdrlen, int type)
{
	return nlmsg_find_attr(nlh, hdrlen, type);
}

static int err_of(struct nlmsghdr *nlh)
{
	assert_int_equal(nlh->nlmsg_type, NLMSG_ERROR);
	return ((struct nlmsgerr *)nlmsg_data(nlh))->error;
}

/* ---------------------------------------------------------------- tests */

static int setup(void **state)
{
	(void)state;
	fake_open(&cl_a, (1ULL << CAP_NET_ADMIN) | (1ULL << CAP_SYS_ADMIN));
	fake_open(&cl_b, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fake_close(&cl_a);
	fake_close(&cl_b);
	return 0;
}

static void test_register(void **state)
{
	(void)state;
	assert_int_equal(genl_register_family(&test_family), 0);
	assert_true(test_family.id >= GENL_START_ALLOC);
	assert_true(test_family.mcgrp_offset >= 2);
	assert_true(test_family.mcgrp_offset != GENL_ID_CTRL &&
		    test_family.mcgrp_offset + 1 != GENL_ID_CTRL);
	assert_int_equal(genl_register_family(&test_family), -EEXIST);
}

static void test_getfamily(void **state)
{
	struct req r;
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	struct nlattr *a, *grp, *ops;
	int rem, groups = 0, ids_seen = 0;

	(void)state;
	req_start(&r, GENL_ID_CTRL, NLM_F_REQUEST, 7, CTRL_CMD_GETFAMILY, 0);
	req_attr(&r, CTRL_ATTR_FAMILY_NAME, "umctest", 8);
	submit(&cl_a, &r);
	assert_int_equal(cl_a.n, 1);
	assert_int_equal(cl_b.n, 0);
	nlh = dgram(&cl_a, 0);
	assert_int_equal(cl_a.d[0].len, nlh->nlmsg_len);
	assert_int_equal(nlh->nlmsg_type, GENL_ID_CTRL);
	assert_int_equal(nlh->nlmsg_seq, 7);
	assert_int_equal(nlh->nlmsg_pid, umc_genl_client_portid(cl_a.c));
	g = nlmsg_data(nlh);
	assert_int_equal(g->cmd, CTRL_CMD_NEWFAMILY);
	assert_int_equal(g->version, 2);

	a = find_attr(nlh, GENL_HDRLEN, CTRL_ATTR_FAMILY_ID);
	assert_non_null(a);
	assert_int_equal(nla_get_u16(a), test_family.id);
	assert_string_equal(nla_data(find_attr(nlh, GENL_HDRLEN, CTRL_ATTR_FAMILY_NAME)), "umctest");
	assert_int_equal(nla_get_u32(find_attr(nlh, GENL_HDRLEN, CTRL_ATTR_VERSION)), 3);
	assert_int_equal(nla_get_u32(find_attr(nlh, GENL_HDRLEN, CTRL_ATTR_HDRSIZE)), 4);
	assert_int_equal(nla_get_u32(find_attr(nlh, GENL_HDRLEN, CTRL_ATTR_MAXATTR)), T_MAX);

	ops = find_attr(nlh, GENL_HDRLEN, CTRL_ATTR_OPS);
	assert_non_null(ops);
	nla_for_each_nested(a, ops, rem) {
		struct nlattr *id = nla_find_nested(a, CTRL_ATTR_OP_ID);
		u32 fl = nla_get_u32(nla_find_nested(a, CTRL_ATTR_OP_FLAGS));

		if (nla_get_u32(id) == CMD_ECHO)
			assert_int_equal(fl, GENL_CMD_CAP_DO | GENL_CMD_CAP_HASPOL), ids_seen++;
		if (nla_get_u32(id) == CMD_LIST)
			assert_int_equal(fl, GENL_CMD_CAP_DUMP | GENL_CMD_CAP_HASPOL), ids_seen++;
		if (nla_get_u32(id) == CMD_ADMIN)
			assert_true(fl & GENL_ADMIN_PERM), ids_seen++;
	}
	assert_int_equal(ids_seen, 3);

	a = find_attr(nlh, GENL_HDRLEN, CTRL_ATTR_MCAST_GROUPS);
	assert_non_null(a);
	nla_for_each_nested(grp, a, rem) {
		u32 id = nla_get_u32(nla_find_nested(grp, CTRL_ATTR_MCAST_GRP_ID));
		const char *name = nla_data(nla_find_nested(grp, CTRL_ATTR_MCAST_GRP_NAME));

		assert_int_equal(id, test_family.mcgrp_offset + (u32)groups);
		assert_string_equal(name, test_groups[groups].name);
		assert_int_not_equal(id, 0x10);
		groups++;
	}
	assert_int_equal(groups, 2);
	fake_reset(&cl_a);

	/* by id, with an ACK requested: reply then ACK */
	req_start(&r, GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 8, CTRL_CMD_GETFAMILY, 0);
	{
		u16 id = (u16)test_family.id;

		req_attr(&r, CTRL_ATTR_FAMILY_ID, &id, 2);
	}
	submit(&cl_a, &r);
	assert_int_equal(cl_a.n, 2);
	assert_int_equal(dgram(&cl_a, 0)->nlmsg_type, GENL_ID_CTRL);
	assert_int_equal(err_of(dgram(&cl_a, 1)), 0);
	assert_int_equal(dgram(&cl_a, 1)->nlmsg_seq, 8);
	fake_reset(&cl_a);

	/* unknown name */
	req_start(&r, GENL_ID_CTRL, NLM_F_REQUEST, 9, CTRL_CMD_GETFAMILY, 0);
	req_attr(&r, CTRL_ATTR_FAMILY_NAME, "nosuch", 7);
	submit(&cl_a, &r);
	assert_int_equal(cl_a.n, 1);
	assert_int_equal(err_of(dgram(&cl_a, 0)), -ENOENT);
	fake_reset(&cl_a);
}

static void test_doit_reply_to_requester_only(void **state)
{
	struct req r;
	struct test_hdr *h;
	struct nlmsghdr *nlh;
	u32 v = 41;

	(void)state;
	h = req_start(&r, (u16)test_family.id, NLM_F_REQUEST, 100, CMD_ECHO, sizeof(*h));
	h->minor = 6;
	req_attr(&r, T_VALUE, &v, 4);
	submit(&cl_b, &r);
	assert_int_equal(cl_a.n, 0);
	assert_int_equal(cl_b.n, 1);
	nlh = dgram(&cl_b, 0);
	assert_int_equal(nlh->nlmsg_type, test_family.id);
	assert_int_equal(nlh->nlmsg_seq, 100);
	assert_int_equal(nlh->nlmsg_pid, umc_genl_client_portid(cl_b.c));
	assert_int_equal(((struct genlmsghdr *)nlmsg_data(nlh))->version, 3);
	h = (struct test_hdr *)((u8 *)nlmsg_data(nlh) + GENL_HDRLEN);
	assert_int_equal(h->minor, 7);
	assert_int_equal(nla_get_u32(find_attr(nlh, GENL_HDRLEN + 4, T_VALUE)), 42);
	fake_reset(&cl_b);
}

static void test_dump_multipart(void **state)
{
	struct req r;
	int i, msgs = 0;

	(void)state;
	done_calls = 0;
	dump_total = 5;
	req_start(&r, (u16)test_family.id, NLM_F_REQUEST | NLM_F_DUMP, 55, CMD_LIST,
		  sizeof(struct test_hdr));
	submit(&cl_a, &r);
	/* 2 + 2 + 1 messages in three datagrams, then NLMSG_DONE alone */
	assert_int_equal(cl_a.n, 4);
	for (i = 0; i < 3; i++) {
		struct nlmsghdr *nlh = dgram(&cl_a, i);
		int rem = (int)cl_a.d[i].len, in_dgram = 0;

		for (; nlmsg_ok(nlh, rem); nlh = nlmsg_next(nlh, &rem)) {
			struct test_hdr *h = (void *)((u8 *)nlmsg_data(nlh) + GENL_HDRLEN);

			assert_int_equal(nlh->nlmsg_type, test_family.id);
			assert_true(nlh->nlmsg_flags & NLM_F_MULTI);
			assert_int_equal(nlh->nlmsg_seq, 55);
			assert_int_equal(h->minor, msgs);
			assert_int_equal(nla_get_u32(find_attr(nlh, GENL_HDRLEN + 4, T_VALUE)),
					 msgs * 10);
			msgs++;
			in_dgram++;
		}
		assert_int_equal(in_dgram, i < 2 ? 2 : 1);
	}
	assert_int_equal(msgs, 5);
	{
		struct nlmsghdr *done = dgram(&cl_a, 3);

		assert_int_equal(done->nlmsg_type, NLMSG_DONE);
		assert_int_equal(cl_a.d[3].len, done->nlmsg_len);
		assert_true(done->nlmsg_flags & NLM_F_MULTI);
		assert_int_equal(done->nlmsg_seq, 55);
		assert_int_equal(*(int *)nlmsg_data(done), 0);
	}
	assert_int_equal(done_calls, 1);
	assert_int_equal(cl_b.n, 0);
	fake_reset(&cl_a);

	/* an empty dump is just NLMSG_DONE */
	dump_total = 0;
	submit(&cl_a, &r);
	assert_int_equal(cl_a.n, 1);
	assert_int_equal(dgram(&cl_a, 0)->nlmsg_type, NLMSG_DONE);
	assert_int_equal(done_calls, 2);
	fake_reset(&cl_a);
}

/* The client goes away after the first datagram: the dump still runs to its end (DRBD frees
 * its snapshot in the last dumpit call), nothing more is delivered, ->done runs once. */
static void test_dump_client_gone(void **state)
{
	struct req r;

	(void)state;
	done_calls = 0;
	dump_reached = 0;
	dump_total = 9;
	cl_a.fail_after = 1;
	req_start(&r, (u16)test_family.id, NLM_F_REQUEST | NLM_F_DUMP, 56, CMD_LIST,
		  sizeof(struct test_hdr));
	submit(&cl_a, &r);
	assert_int_equal(cl_a.n, 1);
	assert_int_not_equal(dgram(&cl_a, 0)->nlmsg_type, NLMSG_DONE);
	assert_int_equal(dump_reached, 9);
	assert_int_equal(done_calls, 1);
	fake_reset(&cl_a);
	dump_total = 5;

	/* a dump that repeats itself ends when its client is gone (after 3 datagrams here) */
	done_calls = 0;
	stuck_calls = 0;
	cl_a.fail_after = 3;
	req_start(&r, (u16)test_family.id, NLM_F_REQUEST | NLM_F_DUMP, 57, CMD_STUCK,
		  sizeof(struct test_hdr));
	submit(&cl_a, &r);
	assert_int_equal(cl_a.n, 3);
	assert_int_equal(stuck_calls, 5); /* 3 delivered, the failed one, one unchanged drain */
	assert_int_equal(done_calls, 1);
	cl_a.fail_after = 0;
	fake_reset(&cl_a);
}

static void test_multicast(void **state)
{
	struct sk_buff *msg;
	void *h;

	(void)state;
	assert_int_equal(umc_genl_client_add_membership(cl_a.c, test_family.mcgrp_offset), 0);
	assert_int_equal(umc_genl_client_add_membership(cl_b.c, 0), -EINVAL);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	h = genlmsg_put(msg, 0, 1, &test_family, 0, CMD_ECHO);
	nla_put_u32(msg, T_VALUE, 99);
	genlmsg_end(msg, h);
	assert_int_equal(genlmsg_multicast(&test_family, msg, 0, 0, GFP_KERNEL), 0);
	assert_int_equal(cl_a.n, 1);
	assert_int_equal(cl_a.d[0].group, test_family.mcgrp_offset);
	assert_int_equal(nla_get_u32(find_attr(dgram(&cl_a, 0), GENL_HDRLEN + 4, T_VALUE)), 99);
	assert_int_equal(cl_b.n, 0);
	fake_reset(&cl_a);

	/* nobody in group 1: -ESRCH, and the skb is consumed all the same */
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	h = genlmsg_put(msg, 0, 2, &test_family, 0, CMD_ECHO);
	genlmsg_end(msg, h);
	assert_int_equal(genlmsg_multicast(&test_family, msg, 0, 1, GFP_KERNEL), -ESRCH);
	assert_int_equal(cl_a.n + cl_b.n, 0);

	/* both subscribed, then B leaves */
	assert_int_equal(umc_genl_client_add_membership(cl_b.c, test_family.mcgrp_offset), 0);
	assert_int_equal(umc_genl_client_drop_membership(cl_b.c, test_family.mcgrp_offset), 0);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	h = genlmsg_put(msg, 0, 3, &test_family, 0, CMD_ECHO);
	genlmsg_end(msg, h);
	assert_int_equal(genlmsg_multicast(&test_family, msg, 0, 0, GFP_KERNEL), 0);
	assert_int_equal(cl_a.n, 1);
	assert_int_equal(cl_b.n, 0);
	fake_reset(&cl_a);
	umc_genl_client_drop_membership(cl_a.c, test_family.mcgrp_offset);
}

static void test_permissions_and_capable(void **state)
{
	struct req r;
	u32 v = 1;

	(void)state;
	req_start(&r, (u16)test_family.id, NLM_F_REQUEST, 1, CMD_ADMIN, 4);
	req_attr(&r, T_VALUE, &v, 4);
	submit(&cl_b, &r);
	assert_int_equal(cl_b.n, 1);
	assert_int_equal(err_of(dgram(&cl_b, 0)), -EPERM);
	fake_reset(&cl_b);
	submit(&cl_a, &r);
	assert_int_equal(cl_a.n, 1);
	assert_int_equal(dgram(&cl_a, 0)->nlmsg_type, test_family.id);
	fake_reset(&cl_a);

	/* capable() inside a request answers for the requester; outside it is true */
	req_start(&r, (u16)test_family.id, NLM_F_REQUEST, 2, CMD_CAPS, 4);
	submit(&cl_a, &r);
	submit(&cl_b, &r);
	assert_int_equal(nla_get_u32(find_attr(dgram(&cl_a, 0), GENL_HDRLEN + 4, T_VALUE)), 1);
	assert_int_equal(nla_get_u32(find_attr(dgram(&cl_b, 0), GENL_HDRLEN + 4, T_VALUE)), 0);
	assert_true(capable(CAP_SYS_ADMIN));
	fake_reset(&cl_a);
	fake_reset(&cl_b);
}

static void test_malformed(void **state)
{
	struct req r;
	struct nlattr *nla;
	u32 v = 1;
	struct nlmsgerr *e;

	(void)state;
	/* truncated header */
	req_start(&r, (u16)test_family.id, NLM_F_REQUEST, 11, CMD_ECHO, 4);
	assert_int_equal(umc_genl_submit(cl_a.c, r.buf, 8), 0);
	assert_int_equal(cl_a.n, 1);
	assert_int_equal(err_of(dgram(&cl_a, 0)), -EINVAL);
	fake_reset(&cl_a);

	/* nlmsg_len beyond the datagram */
	req_start(&r, (u16)test_family.id, NLM_F_REQUEST, 12, CMD_ECHO, 4);
	assert_int_equal(umc_genl_submit(cl_a.c, r.buf, r.nlh->nlmsg_len - 2), 0);
	assert_int_equal(cl_a.n, 1);
	assert_int_equal(err_of(dgram(&cl_a, 0)), -EINVAL);
	fake_reset(&cl_a);

	/* attribute length past the end of the message */
	req_start(&r, (u16)test_family.id, NLM_F_REQUEST, 13, CMD_ECHO, 4);
	nla = req_attr(&r, T_VALUE, &v, 4);
	nla->nla_len = 100;
	submit(&cl_a, &r);
	assert_int_equal(cl_a.n, 1);
	assert_int_equal(err_of(dgram(&cl_a, 0)), -EINVAL);
	/* an error echoes the request */
	e = nlmsg_data(dgram(&cl_a, 0));
	assert_int_equal(e->msg.nlmsg_seq, 13);
	assert_int_equal(dgram(&cl_a, 0)->nlmsg_len, NLMSG_HDRLEN + sizeof(*e) +
			 r.nlh->nlmsg_len - NLMSG_HDRLEN);
	fake_reset(&cl_a);

	/* wrong attribute size (strict validation of this family's old commands) */
	req_start(&r, (u16)test_family.id, NLM_F_REQUEST, 14, CMD_ECHO, 4);
	req_attr(&r, T_VALUE, &v, 2);
	submit(&cl_a, &r);
	assert_int_equal(err_of(dgram(&cl_a, 0)), -EINVAL);
	fake_reset(&cl_a);

	/* unknown command, unknown family, missing family header */
	req_start(&r, (u16)test_family.id, NLM_F_REQUEST, 15, 9, 4);
	submit(&cl_a, &r);
	assert_int_equal(err_of(dgram(&cl_a, 0)), -EOPNOTSUPP);
	fake_reset(&cl_a);
	req_start(&r, 0x3ff, NLM_F_REQUEST, 16, CMD_ECHO, 4);
	submit(&cl_a, &r);
	assert_int_equal(err_of(dgram(&cl_a, 0)), -ENOENT);
	fake_reset(&cl_a);
	req_start(&r, (u16)test_family.id, NLM_F_REQUEST, 17, CMD_ECHO, 0);
	submit(&cl_a, &r);
	assert_int_equal(err_of(dgram(&cl_a, 0)), -EINVAL);
	fake_reset(&cl_a);

	/* two requests in one datagram: both answered, in order */
	{
		u8 two[256];
		size_t l1, l2;

		req_start(&r, (u16)test_family.id, NLM_F_REQUEST, 21, CMD_ECHO, 4);
		l1 = r.nlh->nlmsg_len;
		memcpy(two, r.buf, l1);
		req_start(&r, (u16)test_family.id, NLM_F_REQUEST, 22, CMD_ECHO, 4);
		l2 = r.nlh->nlmsg_len;
		memcpy(two + l1, r.buf, l2);
		assert_int_equal(umc_genl_submit(cl_a.c, two, l1 + l2), 0);
		assert_int_equal(cl_a.n, 2);
		assert_int_equal(dgram(&cl_a, 0)->nlmsg_seq, 21);
		assert_int_equal(dgram(&cl_a, 1)->nlmsg_seq, 22);
		fake_reset(&cl_a);
	}
}

static void test_unregister(void **state)
{
	struct req r;

	(void)state;
	assert_int_equal(genl_unregister_family(&test_family), 0);
	assert_int_equal(genl_unregister_family(&test_family), -ENOENT);
	req_start(&r, GENL_ID_CTRL, NLM_F_REQUEST, 7, CTRL_CMD_GETFAMILY, 0);
	req_attr(&r, CTRL_ATTR_FAMILY_NAME, "umctest", 8);
	submit(&cl_a, &r);
	assert_int_equal(err_of(dgram(&cl_a, 0)), -ENOENT);
	fake_reset(&cl_a);
	/* a port id in use cannot be registered twice */
	{
		struct umc_genl_client *c;
		struct umc_genl_cred cred = { 0 };

		assert_int_equal(umc_genl_client_register(&c, umc_genl_client_portid(cl_a.c), &cred,
							  fake_deliver, &cl_a),
				 -EADDRINUSE);
	}
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register),
		cmocka_unit_test_setup_teardown(test_getfamily, setup, teardown),
		cmocka_unit_test_setup_teardown(test_doit_reply_to_requester_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dump_multipart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dump_client_gone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicast, setup, teardown),
		cmocka_unit_test_setup_teardown(test_permissions_and_capable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unregister, setup, teardown),
	};
	return UMC_TEST_RUN(tests);
}
