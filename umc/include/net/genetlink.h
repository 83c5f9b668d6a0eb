/* SPDX-License-Identifier: GPL-2.0 */
/*
 * net/genetlink.h - generic netlink families (umc/src/genetlink.c).
 *
 * genl_register_family assigns the family id (from GENL_START_ALLOC) and the multicast group
 * ids (never 0x10, which is nlctrl's) and writes them into the family, as 6.1 does. Requests
 * arrive through a host transport (<umc/genl_transport.h>) and are processed on the
 * transport's thread: attribute parsing with the family policy (strict, unless the op sets
 * GENL_DONT_VALIDATE_STRICT / _DUMP_STRICT), GENL_ADMIN_PERM checked against the client's
 * credentials, doit with a struct genl_info, dumpit called again until it returns 0, .done.
 * genl_register_family/genl_unregister_family may sleep (genl_lock).
 */
#ifndef _UMC_NET_GENETLINK_H
#define _UMC_NET_GENETLINK_H

#include <linux/genetlink.h>
#include <net/netlink.h>
#include <net/net_namespace.h>

struct module;
struct genl_info;

struct genl_multicast_group {
	char name[GENL_NAMSIZ];
	u8 flags;
	u8 cap_sys_admin : 1;
};

enum genl_validate_flags {
	GENL_DONT_VALIDATE_STRICT = BIT(0),
	GENL_DONT_VALIDATE_DUMP = BIT(1),
	GENL_DONT_VALIDATE_DUMP_STRICT = BIT(2),
};

struct genl_small_ops {
	int (*doit)(struct sk_buff *skb, struct genl_info *info);
	int (*dumpit)(struct sk_buff *skb, struct netlink_callback *cb);
	u8 cmd;
	u8 internal_flags;
	u8 flags;
	u8 validate;
};

struct genl_ops {
	int (*doit)(struct sk_buff *skb, struct genl_info *info);
	int (*start)(struct netlink_callback *cb);
	int (*dumpit)(struct sk_buff *skb, struct netlink_callback *cb);
	int (*done)(struct netlink_callback *cb);
	const struct nla_policy *policy;
	unsigned int maxattr;
	u8 cmd;
	u8 internal_flags;
	u8 flags; /* GENL_ADMIN_PERM: the client needs CAP_NET_ADMIN */
	u8 validate;
};

struct genl_family {
	int id;                 /* assigned at registration */
	unsigned int hdrsize;   /* family header after struct genlmsghdr */
	char name[GENL_NAMSIZ];
	unsigned int version;
	unsigned int maxattr;
	u8 netnsok : 1;
	u8 parallel_ops : 1;
	u8 n_ops;
	u8 n_small_ops;
	u8 n_mcgrps;
	u8 resv_start_op;
	const struct nla_policy *policy;
	int (*pre_doit)(const struct genl_ops *ops, struct sk_buff *skb, struct genl_info *info);
	void (*post_doit)(const struct genl_ops *ops, struct sk_buff *skb, struct genl_info *info);
	const struct genl_ops *ops;
	const struct genl_small_ops *small_ops;
	const struct genl_multicast_group *mcgrps;
	struct module *module;
	unsigned int mcgrp_offset; /* assigned at registration */
};

struct genl_info {
	u32 snd_seq;
	u32 snd_portid;
	struct nlmsghdr *nlhdr;
	struct genlmsghdr *genlhdr;
	void *userhdr;
	struct nlattr **attrs;
	struct net *_net;
	void *user_ptr[2];
	struct netlink_ext_ack *extack;
};

struct genl_dumpit_info {
	const struct genl_family *family;
	struct genl_ops op;
	struct nlattr **attrs;
};

static inline const struct genl_dumpit_info *genl_dumpit_info(struct netlink_callback *cb)
{
	return cb->data;
}
static inline struct net *genl_info_net(struct genl_info *info) { return info->_net; }

/* genl_register_family - 0, -EINVAL (bad ops), -EEXIST (name taken), -ENOMEM. */
int genl_register_family(struct genl_family *family);
/* genl_unregister_family - 0 or -ENOENT. Waits for running requests of the family. */
int genl_unregister_family(const struct genl_family *family);
/* genlmsg_put - append nlmsghdr + genlmsghdr (+ hdrsize); returns the user header or NULL. */
void *genlmsg_put(struct sk_buff *skb, u32 portid, u32 seq, const struct genl_family *family,
		  int flags, u8 cmd);
int genlmsg_multicast_allns(const struct genl_family *family, struct sk_buff *skb, u32 portid,
			    unsigned int group, gfp_t flags);

static inline void *genlmsg_put_reply(struct sk_buff *skb, struct genl_info *info,
				      const struct genl_family *family, int flags, u8 cmd)
{
	return genlmsg_put(skb, info->snd_portid, info->snd_seq, family, flags, cmd);
}
static inline void genlmsg_end(struct sk_buff *skb, void *hdr)
{
	nlmsg_end(skb, (struct nlmsghdr *)((unsigned char *)hdr - GENL_HDRLEN - NLMSG_HDRLEN));
}
static inline void genlmsg_cancel(struct sk_buff *skb, void *hdr)
{
	if (hdr)
		nlmsg_cancel(skb, (struct nlmsghdr *)((unsigned char *)hdr - GENL_HDRLEN -
						      NLMSG_HDRLEN));
}
static inline int genlmsg_multicast_netns(const struct genl_family *family, struct net *net,
					  struct sk_buff *skb, u32 portid, unsigned int group,
					  gfp_t flags)
{
	if (WARN_ON_ONCE(group >= family->n_mcgrps))
		return -EINVAL;
	group = family->mcgrp_offset + group;
	return nlmsg_multicast(net->genl_sock, skb, portid, group, flags);
}
static inline int genlmsg_multicast(const struct genl_family *family, struct sk_buff *skb,
				    u32 portid, unsigned int group, gfp_t flags)
{
	return genlmsg_multicast_netns(family, &init_net, skb, portid, group, flags);
}
static inline int genlmsg_unicast(struct net *net, struct sk_buff *skb, u32 portid)
{
	return nlmsg_unicast(net->genl_sock, skb, portid);
}
static inline int genlmsg_reply(struct sk_buff *skb, struct genl_info *info)
{
	return genlmsg_unicast(genl_info_net(info), skb, info->snd_portid);
}
static inline void *genlmsg_data(const struct genlmsghdr *gnlh)
{
	return ((unsigned char *)gnlh + GENL_HDRLEN);
}
static inline int genlmsg_len(const struct genlmsghdr *gnlh)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((unsigned char *)gnlh - NLMSG_HDRLEN);
	return (int)(nlh->nlmsg_len - GENL_HDRLEN - NLMSG_HDRLEN);
}
static inline int genlmsg_msg_size(int payload) { return GENL_HDRLEN + payload; }
static inline int genlmsg_total_size(int payload) { return NLMSG_ALIGN(genlmsg_msg_size(payload)); }
static inline struct sk_buff *genlmsg_new(size_t payload, gfp_t flags)
{
	return nlmsg_new((size_t)genlmsg_total_size((int)payload), flags);
}

#endif
