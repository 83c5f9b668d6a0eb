// SPDX-License-Identifier: GPL-2.0
/*
 * genl_ctrl.c - the generic netlink controller family "nlctrl" (id GENL_ID_CTRL):
 * CTRL_CMD_GETFAMILY by id or name (doit) or for all families (dump), answered with
 * CTRL_CMD_NEWFAMILY carrying id, name, version, hdrsize, maxattr, ops and multicast groups
 * as Linux 6.1 does; NEWFAMILY/DELFAMILY notifications to its "notify" group (0x10).
 * CTRL_CMD_GETPOLICY is not provided (-EOPNOTSUPP as for an unknown command).
 */
#include <net/genetlink.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include "net_internal.h"

static struct genl_family genl_ctrl;

static int ctrl_fill_info(const struct genl_family *family, u32 portid, u32 seq, u32 flags,
			  struct sk_buff *skb, u8 cmd)
{
	struct nlattr *nest, *item;
	void *hdr;
	int i, n;

	hdr = genlmsg_put(skb, portid, seq, &genl_ctrl, (int)flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, CTRL_ATTR_FAMILY_NAME, family->name) ||
	    nla_put_u16(skb, CTRL_ATTR_FAMILY_ID, (u16)family->id) ||
	    nla_put_u32(skb, CTRL_ATTR_VERSION, family->version) ||
	    nla_put_u32(skb, CTRL_ATTR_HDRSIZE, family->hdrsize) ||
	    nla_put_u32(skb, CTRL_ATTR_MAXATTR, family->maxattr))
		goto fail;

	n = umc_genl_cmd_count(family);
	if (n) {
		nest = nla_nest_start_noflag(skb, CTRL_ATTR_OPS);
		if (!nest)
			goto fail;
		for (i = 0; i < n; i++) {
			struct genl_ops op;
			u32 op_flags;

			umc_genl_get_cmd_by_index((unsigned int)i, family, &op);
			op_flags = op.flags;
			if (op.dumpit)
				op_flags |= GENL_CMD_CAP_DUMP;
			if (op.doit)
				op_flags |= GENL_CMD_CAP_DO;
			if (op.policy)
				op_flags |= GENL_CMD_CAP_HASPOL;
			item = nla_nest_start_noflag(skb, i + 1);
			if (!item || nla_put_u32(skb, CTRL_ATTR_OP_ID, op.cmd) ||
			    nla_put_u32(skb, CTRL_ATTR_OP_FLAGS, op_flags))
				goto fail;
			nla_nest_end(skb, item);
		}
		nla_nest_end(skb, nest);
	}

	if (family->n_mcgrps) {
		nest = nla_nest_start_noflag(skb, CTRL_ATTR_MCAST_GROUPS);
		if (!nest)
			goto fail;
		for (i = 0; i < family->n_mcgrps; i++) {
			item = nla_nest_start_noflag(skb, i + 1);
			if (!item ||
			    nla_put_u32(skb, CTRL_ATTR_MCAST_GRP_ID, family->mcgrp_offset + (u32)i) ||
			    nla_put_string(skb, CTRL_ATTR_MCAST_GRP_NAME, family->mcgrps[i].name))
				goto fail;
			nla_nest_end(skb, item);
		}
		nla_nest_end(skb, nest);
	}
	genlmsg_end(skb, hdr);
	return 0;
fail:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static struct sk_buff *ctrl_build_family_msg(const struct genl_family *family, u32 portid,
					     u32 seq, u8 cmd)
{
	struct sk_buff *skb = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	int err;

	if (!skb)
		return ERR_PTR(-ENOBUFS);
	err = ctrl_fill_info(family, portid, seq, 0, skb, cmd);
	if (err < 0) {
		nlmsg_free(skb);
		return ERR_PTR(err);
	}
	return skb;
}

static int ctrl_getfamily(struct sk_buff *skb, struct genl_info *info)
{
	const struct genl_family *res = NULL;
	struct sk_buff *msg;
	int err = -EINVAL;

	if (info->attrs[CTRL_ATTR_FAMILY_ID]) {
		res = umc_genl_family_find_byid(nla_get_u16(info->attrs[CTRL_ATTR_FAMILY_ID]));
		err = -ENOENT;
	}
	if (info->attrs[CTRL_ATTR_FAMILY_NAME]) {
		res = umc_genl_family_find_byname(nla_data(info->attrs[CTRL_ATTR_FAMILY_NAME]));
		err = -ENOENT;
	}
	if (!res)
		return err;
	msg = ctrl_build_family_msg(res, info->snd_portid, info->snd_seq, CTRL_CMD_NEWFAMILY);
	if (IS_ERR(msg))
		return (int)PTR_ERR(msg);
	return genlmsg_reply(msg, info);
}

static int ctrl_dumpfamily(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned int pos = 0;
	long n = 0;
	const struct genl_family *f;

	while ((f = umc_genl_family_next(&pos))) {
		if (n++ < cb->args[0])
			continue;
		if (ctrl_fill_info(f, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				   NLM_F_MULTI, skb, CTRL_CMD_NEWFAMILY) < 0) {
			n--;
			break;
		}
	}
	cb->args[0] = n;
	return (int)skb->len;
}

static const struct nla_policy ctrl_policy_family[] = {
	[CTRL_ATTR_FAMILY_ID] = { .type = NLA_U16 },
	[CTRL_ATTR_FAMILY_NAME] = { .type = NLA_NUL_STRING, .len = GENL_NAMSIZ - 1 },
};

static const struct genl_ops genl_ctrl_ops[] = {
	{
		.cmd = CTRL_CMD_GETFAMILY,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.policy = ctrl_policy_family,
		.maxattr = ARRAY_SIZE(ctrl_policy_family) - 1,
		.doit = ctrl_getfamily,
		.dumpit = ctrl_dumpfamily,
	},
};

static const struct genl_multicast_group genl_ctrl_groups[] = {
	{ .name = "notify" },
};

static struct genl_family genl_ctrl = {
	.ops = genl_ctrl_ops,
	.n_ops = ARRAY_SIZE(genl_ctrl_ops),
	.resv_start_op = CTRL_CMD_GETPOLICY + 1,
	.mcgrps = genl_ctrl_groups,
	.n_mcgrps = ARRAY_SIZE(genl_ctrl_groups),
	.name = "nlctrl",
	.version = 0x2,
	.maxattr = CTRL_ATTR_MAX,
	.netnsok = true,
};

int umc_genl_ctrl_register(void)
{
	return umc_genl_register_locked(&genl_ctrl);
}

void umc_genl_ctrl_notify(const struct genl_family *family, u8 cmd)
{
	struct sk_buff *msg = ctrl_build_family_msg(family, 0, 0, cmd);

	if (IS_ERR(msg))
		return;
	genlmsg_multicast(&genl_ctrl, msg, 0, 0, GFP_KERNEL);
}
