/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/netlink.h - netlink sk_buff parameters, dump callbacks and delivery
 * (umc/src/genetlink.c). There are no netlink sockets in umc: "ports" are the clients a
 * host transport registered through <umc/genl_transport.h>; netlink_unicast and
 * netlink_broadcast hand complete datagrams to them. Both consume the skb, never sleep and
 * may be called from any thread with spinlocks held.
 */
#ifndef _UMC_LINUX_NETLINK_H
#define _UMC_LINUX_NETLINK_H

#include <linux/types.h>
#include <linux/skbuff.h>
#include <uapi/linux/netlink.h>

struct net;
struct module;
struct nla_policy;

struct scm_creds {
	u32 pid;
	u32 uid;
	u32 gid;
};

struct netlink_skb_parms {
	struct scm_creds creds; /* of the sending client */
	__u32 portid;           /* sending client (requests) or 0 (kernel) */
	__u32 dst_group;
	__u32 flags;
	struct sock *sk;
	bool nsid_is_set;
	int nsid;
};

#define NETLINK_CB(skb) (*(struct netlink_skb_parms *)&((skb)->cb))
#define NETLINK_CREDS(skb) (&NETLINK_CB((skb)).creds)

static inline struct nlmsghdr *nlmsg_hdr(const struct sk_buff *skb)
{
	return (struct nlmsghdr *)skb->data;
}

#define NETLINK_MAX_COOKIE_LEN 20
struct netlink_ext_ack {
	const char *_msg;
	const struct nlattr *bad_attr;
	const struct nla_policy *policy;
	u8 cookie[NETLINK_MAX_COOKIE_LEN];
	u8 cookie_len;
	char _msg_buf[80];
};

#define NL_SET_ERR_MSG(extack, msg) do { \
		struct netlink_ext_ack *__extack = (extack); \
		if (__extack) \
			__extack->_msg = (msg); \
	} while (0)
#define NL_SET_ERR_MSG_MOD(extack, msg) NL_SET_ERR_MSG((extack), KBUILD_MODNAME ": " msg)
#define NL_SET_BAD_ATTR_POLICY(extack, attr, pol) do { \
		if ((extack)) { \
			(extack)->bad_attr = (attr); \
			(extack)->policy = (pol); \
		} \
	} while (0)
#define NL_SET_BAD_ATTR(extack, attr) NL_SET_BAD_ATTR_POLICY(extack, attr, NULL)
#define NL_SET_ERR_MSG_ATTR_POL(extack, attr, pol, msg) do { \
		struct netlink_ext_ack *__extack = (extack); \
		if (__extack) { \
			__extack->_msg = (msg); \
			__extack->bad_attr = (attr); \
			__extack->policy = (pol); \
		} \
	} while (0)
#define NL_SET_ERR_MSG_ATTR(extack, attr, msg) NL_SET_ERR_MSG_ATTR_POL(extack, attr, NULL, msg)

struct netlink_callback {
	struct sk_buff *skb;         /* the request (NETLINK_CB(cb->skb).portid: requester) */
	const struct nlmsghdr *nlh;  /* the request message */
	int (*dump)(struct sk_buff *skb, struct netlink_callback *cb);
	int (*done)(struct netlink_callback *cb);
	void *data;
	struct module *module;
	struct netlink_ext_ack *extack;
	u16 family;
	u16 answer_flags;
	u32 min_dump_alloc;
	unsigned int prev_seq, seq;
	bool strict_check;
	union {
		u8 ctx[48];
		long args[6]; /* zero at the first dump call, kept between calls */
	};
};

/* Size of a reply buffer that fits in one page with the kernel's skb overhead. */
#define NLMSG_GOODSIZE SKB_WITH_OVERHEAD(PAGE_SIZE)
#define NLMSG_DEFAULT_SIZE (NLMSG_GOODSIZE - NLMSG_HDRLEN)

/* netlink_unicast - deliver @skb to client @portid. Returns the length delivered, or
 * -ECONNREFUSED (no such client) / -ENOBUFS (client refused it). Consumes @skb. */
int netlink_unicast(struct sock *ssk, struct sk_buff *skb, __u32 portid, int nonblock);
/* netlink_broadcast - deliver @skb to every client in @group except @portid. 0 if some
 * client got it, -ESRCH if nobody listens. Consumes @skb. */
int netlink_broadcast(struct sock *ssk, struct sk_buff *skb, __u32 portid, __u32 group,
		      gfp_t allocation);
int netlink_has_listeners(struct sock *sk, unsigned int group);
/* netlink_capable - does the client that sent @skb hold @cap (request context)? */
bool netlink_capable(const struct sk_buff *skb, int cap);

#endif
