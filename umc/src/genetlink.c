// SPDX-License-Identifier: GPL-2.0
/*
 * genetlink.c - generic netlink families and request processing (net/genetlink.h).
 *
 * Locks, as in Linux 6.1: cb_lock (rw_semaphore) is held for reading while a datagram is
 * processed and for writing while the family registry changes; genl_mutex (genl_lock()) is
 * held around doit, dumpit, start and done of families without parallel_ops.
 * Deviation: a dump runs to completion on the submitting thread (dumpit again and again
 * until it returns 0 or an error), without waiting for the client to read; NLMSG_DONE is
 * always sent as a datagram of its own.
 */
#include <net/genetlink.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <linux/capability.h>
#include "net_internal.h"

struct net init_net;

static DEFINE_MUTEX(genl_mutex);
static DECLARE_RWSEM(cb_lock);

#define GENL_MAX_FAMILIES 64
static struct genl_family *families[GENL_MAX_FAMILIES]; /* under cb_lock */
static unsigned int next_family_id = GENL_START_ALLOC;
/* multicast group ids in use: 0 and 1 are never given out, 0x10-0x12 are the fixed ones */
static u64 mc_groups_used[UMC_NL_MAX_GROUPS / 64] = {
	0x3ULL | (1ULL << GENL_ID_CTRL) | (1ULL << GENL_ID_VFS_DQUOT) | (1ULL << GENL_ID_PMCRAID)
};
static bool ctrl_registered;

void genl_lock(void)
{
	mutex_lock(&genl_mutex);
}

void genl_unlock(void)
{
	mutex_unlock(&genl_mutex);
}

bool lockdep_genl_is_held(void)
{
	return mutex_is_locked(&genl_mutex);
}

/* ---------------------------------------------------------------- registry */

const struct genl_family *umc_genl_family_find_byid(unsigned int id)
{
	int i;

	for (i = 0; i < GENL_MAX_FAMILIES; i++)
		if (families[i] && families[i]->id == (int)id)
			return families[i];
	return NULL;
}

const struct genl_family *umc_genl_family_find_byname(const char *name)
{
	int i;

	for (i = 0; i < GENL_MAX_FAMILIES; i++)
		if (families[i] && strcmp(families[i]->name, name) == 0)
			return families[i];
	return NULL;
}

const struct genl_family *umc_genl_family_next(unsigned int *pos)
{
	while (*pos < GENL_MAX_FAMILIES) {
		const struct genl_family *f = families[(*pos)++];

		if (f)
			return f;
	}
	return NULL;
}

int umc_genl_cmd_count(const struct genl_family *family)
{
	return family->n_ops + family->n_small_ops;
}

static const struct nla_policy genl_policy_reject_all[] = {
	{ .type = NLA_REJECT },
	{ .type = NLA_REJECT },
};

static void op_fill_defaults(const struct genl_family *family, struct genl_ops *op)
{
	if (!op->maxattr)
		op->maxattr = family->maxattr;
	if (!op->policy)
		op->policy = family->policy;
	/* commands newer than resv_start_op without a policy accept no attributes */
	if (!op->policy && op->cmd >= family->resv_start_op) {
		op->policy = genl_policy_reject_all;
		op->maxattr = 1;
	}
}

void umc_genl_get_cmd_by_index(unsigned int i, const struct genl_family *family,
			       struct genl_ops *op)
{
	if (i < family->n_ops) {
		*op = family->ops[i];
	} else {
		const struct genl_small_ops *s = &family->small_ops[i - family->n_ops];

		memset(op, 0, sizeof(*op));
		op->doit = s->doit;
		op->dumpit = s->dumpit;
		op->cmd = s->cmd;
		op->internal_flags = s->internal_flags;
		op->flags = s->flags;
		op->validate = s->validate;
	}
	op_fill_defaults(family, op);
}

int umc_genl_get_cmd(u32 cmd, const struct genl_family *family, struct genl_ops *op)
{
	int i, n = umc_genl_cmd_count(family);

	for (i = 0; i < n; i++) {
		u8 c = (unsigned int)i < family->n_ops ? family->ops[i].cmd
						       : family->small_ops[i - family->n_ops].cmd;
		if (c == cmd) {
			umc_genl_get_cmd_by_index((unsigned int)i, family, op);
			return 0;
		}
	}
	return -ENOENT;
}

static int validate_ops(const struct genl_family *family)
{
	int i, j, n = umc_genl_cmd_count(family);

	if (WARN_ON(family->n_ops && !family->ops) ||
	    WARN_ON(family->n_small_ops && !family->small_ops))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		struct genl_ops op, op2;

		umc_genl_get_cmd_by_index((unsigned int)i, family, &op);
		if (!op.dumpit && !op.doit)
			return -EINVAL;
		if (WARN_ON(op.cmd >= family->resv_start_op && op.validate))
			return -EINVAL;
		for (j = i + 1; j < n; j++) {
			umc_genl_get_cmd_by_index((unsigned int)j, family, &op2);
			if (op.cmd == op2.cmd)
				return -EINVAL;
		}
	}
	return 0;
}

/* Reserve n consecutive multicast group ids; returns the first or -ENOMEM. */
static int reserve_mc_groups(int n)
{
	int first, i;

	for (first = 2; first + n <= UMC_NL_MAX_GROUPS; first++) {
		for (i = 0; i < n; i++)
			if (mc_groups_used[(first + i) / 64] & (1ULL << ((first + i) % 64)))
				break;
		if (i == n) {
			for (i = 0; i < n; i++)
				mc_groups_used[(first + i) / 64] |= 1ULL << ((first + i) % 64);
			return first;
		}
	}
	return -ENOMEM;
}

static void release_mc_groups(const struct genl_family *family)
{
	unsigned int i;

	if (family->id == GENL_ID_CTRL)
		return;
	for (i = 0; i < family->n_mcgrps; i++) {
		unsigned int g = family->mcgrp_offset + i;

		mc_groups_used[g / 64] &= ~(1ULL << (g % 64));
	}
}

static int register_locked(struct genl_family *family)
{
	int slot = -1, i, err;

	if (umc_genl_family_find_byname(family->name))
		return -EEXIST;
	for (i = 0; i < GENL_MAX_FAMILIES; i++)
		if (!families[i]) {
			slot = i;
			break;
		}
	if (slot < 0)
		return -ENOMEM;
	if (strcmp(family->name, "nlctrl") == 0) {
		family->id = GENL_ID_CTRL;
		family->mcgrp_offset = GENL_ID_CTRL;
	} else {
		unsigned int tries;

		for (tries = 0; tries <= GENL_MAX_ID - GENL_START_ALLOC; tries++) {
			unsigned int id = next_family_id++;

			if (next_family_id > GENL_MAX_ID)
				next_family_id = GENL_START_ALLOC;
			if (!umc_genl_family_find_byid(id)) {
				family->id = (int)id;
				break;
			}
		}
		if (tries > GENL_MAX_ID - GENL_START_ALLOC)
			return -ENOMEM;
		if (family->n_mcgrps) {
			err = reserve_mc_groups(family->n_mcgrps);
			if (err < 0)
				return err;
			family->mcgrp_offset = (unsigned int)err;
		}
	}
	families[slot] = family;
	return 0;
}

static int ensure_ctrl(void)
{
	int err = 0;

	if (READ_ONCE(ctrl_registered))
		return 0;
	down_write(&cb_lock);
	if (!ctrl_registered) {
		genl_lock();
		err = umc_genl_ctrl_register();
		genl_unlock();
		if (!err)
			WRITE_ONCE(ctrl_registered, true);
	}
	up_write(&cb_lock);
	return err;
}

int umc_genl_register_locked(struct genl_family *family)
{
	return register_locked(family);
}

int genl_register_family(struct genl_family *family)
{
	int err;

	err = validate_ops(family);
	if (err)
		return err;
	err = ensure_ctrl();
	if (err)
		return err;
	down_write(&cb_lock);
	genl_lock();
	err = register_locked(family);
	genl_unlock();
	up_write(&cb_lock);
	if (!err)
		umc_genl_ctrl_notify(family, CTRL_CMD_NEWFAMILY);
	return err;
}

int genl_unregister_family(const struct genl_family *family)
{
	int i, found = -1;

	down_write(&cb_lock);
	genl_lock();
	for (i = 0; i < GENL_MAX_FAMILIES; i++)
		if (families[i] == family)
			found = i;
	if (found >= 0) {
		release_mc_groups(family);
		families[found] = NULL;
	}
	genl_unlock();
	up_write(&cb_lock);
	if (found < 0)
		return -ENOENT;
	umc_genl_ctrl_notify(family, CTRL_CMD_DELFAMILY);
	return 0;
}

void *genlmsg_put(struct sk_buff *skb, u32 portid, u32 seq, const struct genl_family *family,
		  int flags, u8 cmd)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *hdr;

	nlh = nlmsg_put(skb, portid, seq, family->id, (int)(GENL_HDRLEN + family->hdrsize), flags);
	if (!nlh)
		return NULL;
	hdr = nlmsg_data(nlh);
	hdr->cmd = cmd;
	hdr->version = (u8)family->version;
	hdr->reserved = 0;
	return (char *)hdr + GENL_HDRLEN;
}

int genlmsg_multicast_allns(const struct genl_family *family, struct sk_buff *skb, u32 portid,
			    unsigned int group, gfp_t flags)
{
	return genlmsg_multicast(family, skb, portid, group, flags);
}

/* ---------------------------------------------------------------- requests */

static struct nlattr **parse_attrs(const struct genl_family *family, struct nlmsghdr *nlh,
				   struct netlink_ext_ack *extack, const struct genl_ops *op,
				   int hdrlen, unsigned int no_strict_flag)
{
	unsigned int validate = op->validate & no_strict_flag ? NL_VALIDATE_LIBERAL
							      : NL_VALIDATE_STRICT;
	struct nlattr **attrs;
	int err;

	(void)family;
	if (!op->maxattr)
		return NULL;
	attrs = kmalloc_array(op->maxattr + 1, sizeof(struct nlattr *), GFP_KERNEL);
	if (!attrs)
		return ERR_PTR(-ENOMEM);
	err = __nlmsg_parse(nlh, hdrlen, attrs, (int)op->maxattr, op->policy, validate, extack);
	if (err) {
		kfree(attrs);
		return ERR_PTR(err);
	}
	return attrs;
}

static int rcv_doit(const struct genl_family *family, struct sk_buff *skb,
		    struct nlmsghdr *nlh, struct netlink_ext_ack *extack,
		    const struct genl_ops *op, int hdrlen)
{
	struct genl_info info;
	struct nlattr **attrs;
	int err;

	if (!op->doit)
		return -EOPNOTSUPP;
	attrs = parse_attrs(family, nlh, extack, op, hdrlen, GENL_DONT_VALIDATE_STRICT);
	if (IS_ERR(attrs))
		return (int)PTR_ERR(attrs);
	memset(&info, 0, sizeof(info));
	info.snd_seq = nlh->nlmsg_seq;
	info.snd_portid = NETLINK_CB(skb).portid;
	info.nlhdr = nlh;
	info.genlhdr = nlmsg_data(nlh);
	info.userhdr = (unsigned char *)nlmsg_data(nlh) + GENL_HDRLEN;
	info.attrs = attrs;
	info.extack = extack;
	info._net = &init_net;

	err = 0;
	if (family->pre_doit)
		err = family->pre_doit(op, skb, &info);
	if (!err) {
		err = op->doit(skb, &info);
		if (family->post_doit)
			family->post_doit(op, skb, &info);
	}
	kfree(attrs);
	return err;
}

/* Send NLMSG_DONE carrying @err as its own datagram to the requester. */
static int send_done(struct netlink_callback *cb, int err)
{
	struct sk_buff *skb = nlmsg_new(sizeof(int), GFP_KERNEL);
	struct nlmsghdr *nlh;

	if (!skb)
		return -ENOMEM;
	nlh = nlmsg_put_answer(skb, cb, NLMSG_DONE, sizeof(int), NLM_F_MULTI | cb->answer_flags);
	memcpy(nlmsg_data(nlh), &err, sizeof(err));
	return netlink_unicast(NULL, skb, NETLINK_CB(cb->skb).portid, MSG_DONTWAIT);
}

static int rcv_dumpit(const struct genl_family *family, struct sk_buff *skb,
		      struct nlmsghdr *nlh, struct netlink_ext_ack *extack,
		      const struct genl_ops *op, int hdrlen)
{
	struct genl_dumpit_info *info;
	struct netlink_callback cb;
	struct nlattr **attrs = NULL;
	bool locked = !family->parallel_ops;
	/*
	 * The client went away mid-dump. Linux would stop calling dumpit and run only ->done;
	 * DRBD's get_initial_state dump has no ->done and frees its snapshot in its last dumpit
	 * call, so it would leak. The dump therefore runs to its end with the output dropped
	 * (dumpit only reads state), which gives the same result without the leak. A dumpit
	 * that no longer moves its cursor (cb->args) would repeat itself forever (DRBD's
	 * get_devices answers an unknown resource name with the same error message on every
	 * call): the drain stops there.
	 */
	bool client_gone = false;
	typeof(cb.args) args_before;
	int err = 0;

	if (!op->dumpit)
		return -EOPNOTSUPP;
	/* the kernel starts the dump outside genl_lock and takes it around each callback */
	if (locked)
		genl_unlock();

	if (!(op->validate & GENL_DONT_VALIDATE_DUMP)) {
		if (nlh->nlmsg_len < (u32)nlmsg_msg_size(hdrlen)) {
			err = -EINVAL;
			goto out_relock;
		}
		attrs = parse_attrs(family, nlh, extack, op, hdrlen, GENL_DONT_VALIDATE_DUMP_STRICT);
		if (IS_ERR(attrs)) {
			err = (int)PTR_ERR(attrs);
			goto out_relock;
		}
	}
	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info) {
		kfree(attrs);
		err = -ENOMEM;
		goto out_relock;
	}
	info->family = family;
	info->op = *op;
	info->attrs = attrs;

	memset(&cb, 0, sizeof(cb));
	cb.skb = skb;
	cb.nlh = nlh;
	cb.dump = op->dumpit;
	cb.done = op->done;
	cb.data = info;
	cb.extack = extack;
	cb.family = AF_NETLINK;
	cb.min_dump_alloc = 0;

	if (op->start) {
		if (locked)
			genl_lock();
		err = op->start(&cb);
		if (locked)
			genl_unlock();
		if (err) {
			kfree(attrs);
			kfree(info);
			goto out_relock;
		}
	}

	for (;;) {
		unsigned int size = max_t(unsigned int, NLMSG_GOODSIZE, cb.min_dump_alloc);
		struct sk_buff *out = alloc_skb(size, GFP_KERNEL);
		int ret;

		memcpy(args_before, cb.args, sizeof(cb.args));
		if (!out) {
			ret = -ENOBUFS;
		} else {
			if (locked)
				genl_lock();
			ret = cb.dump(out, &cb);
			if (locked)
				genl_unlock();
		}
		if (out && out->len > 0) {
			/* a dump call that made progress is one datagram (delivery blocks while
			 * the client's queue is full, as a paused netlink dump waits for it) */
			if (client_gone && !memcmp(args_before, cb.args, sizeof(cb.args))) {
				kfree_skb(out);
				break;
			}
			if (client_gone)
				kfree_skb(out);
			else if (netlink_unicast(NULL, out, NETLINK_CB(skb).portid, MSG_DONTWAIT) < 0)
				client_gone = true;
		} else {
			kfree_skb(out);
			if (ret > 0) {
				WARN_ONCE(1, "genetlink: dumpit of %s returned %d with an empty skb\n",
					  family->name, ret);
				ret = 0;
			}
		}
		cb.prev_seq = cb.seq;
		if (ret <= 0) {
			if (!client_gone)
				send_done(&cb, ret);
			break;
		}
	}

	if (cb.done) {
		if (locked)
			genl_lock();
		cb.done(&cb);
		if (locked)
			genl_unlock();
	}
	kfree(attrs);
	kfree(info);
	err = -EINTR; /* the dump answered: no ack */
out_relock:
	if (locked)
		genl_lock();
	return err;
}

static int header_check(const struct genl_family *family, struct nlmsghdr *nlh,
			struct genlmsghdr *hdr, struct netlink_ext_ack *extack)
{
	u16 flags;

	if (hdr->cmd < family->resv_start_op)
		return 0;
	if (hdr->reserved) {
		NL_SET_ERR_MSG(extack, "genlmsghdr.reserved field is not 0");
		return -EINVAL;
	}
	flags = nlh->nlmsg_flags;
	if ((flags & NLM_F_DUMP) == NLM_F_DUMP)
		flags &= (u16)~NLM_F_DUMP;
	if (flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)) {
		NL_SET_ERR_MSG(extack, "ambiguous or reserved bits set in nlmsg_flags");
		return -EINVAL;
	}
	return 0;
}

static int family_rcv_msg(const struct genl_family *family, struct sk_buff *skb,
			  struct nlmsghdr *nlh, struct netlink_ext_ack *extack)
{
	struct genlmsghdr *hdr = nlmsg_data(nlh);
	int hdrlen = (int)(GENL_HDRLEN + family->hdrsize);
	struct genl_ops op;

	if (nlh->nlmsg_len < (u32)nlmsg_msg_size(hdrlen))
		return -EINVAL;
	if (header_check(family, nlh, hdr, extack))
		return -EINVAL;
	if (umc_genl_get_cmd(hdr->cmd, family, &op))
		return -EOPNOTSUPP;
	if ((op.flags & (GENL_ADMIN_PERM | GENL_UNS_ADMIN_PERM)) &&
	    !netlink_capable(skb, CAP_NET_ADMIN))
		return -EPERM;
	if ((nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP)
		return rcv_dumpit(family, skb, nlh, extack, &op, hdrlen);
	return rcv_doit(family, skb, nlh, extack, &op, hdrlen);
}

static int genl_rcv_msg(struct sk_buff *skb, struct nlmsghdr *nlh,
			struct netlink_ext_ack *extack)
{
	const struct genl_family *family = umc_genl_family_find_byid(nlh->nlmsg_type);
	int err;

	if (!family)
		return -ENOENT;
	if (!family->parallel_ops)
		genl_lock();
	err = family_rcv_msg(family, skb, nlh, extack);
	if (!family->parallel_ops)
		genl_unlock();
	return err;
}

/* NLMSG_ERROR answer to @nlh (@err 0: an ACK). An error echoes the whole request. */
static void netlink_ack(struct sk_buff *in_skb, const struct nlmsghdr *nlh, int err)
{
	size_t payload = sizeof(struct nlmsgerr);
	struct sk_buff *skb;
	struct nlmsghdr *rep;
	struct nlmsgerr *errmsg;
	size_t echo = err ? nlh->nlmsg_len - sizeof(*nlh) : 0;

	if (err && nlh->nlmsg_len < sizeof(*nlh))
		echo = 0;
	skb = nlmsg_new(payload + echo, GFP_KERNEL);
	if (!skb)
		return;
	rep = nlmsg_put(skb, NETLINK_CB(in_skb).portid, nlh->nlmsg_seq, NLMSG_ERROR,
			(int)(payload + echo), err ? 0 : NLM_F_CAPPED);
	errmsg = nlmsg_data(rep);
	errmsg->error = err;
	memcpy(&errmsg->msg, nlh, sizeof(*nlh));
	if (echo)
		memcpy(errmsg + 1, nlh + 1, echo);
	netlink_unicast(NULL, skb, NETLINK_CB(in_skb).portid, MSG_DONTWAIT);
}

void umc_genl_rcv(struct sk_buff *skb)
{
	if (ensure_ctrl())
		return;
	down_read(&cb_lock);
	while (skb->len > 0) {
		struct netlink_ext_ack extack;
		struct nlmsghdr *nlh = nlmsg_hdr(skb);
		unsigned int msglen;
		int err = 0;

		memset(&extack, 0, sizeof(extack));
		if (skb->len < (unsigned int)NLMSG_HDRLEN || nlh->nlmsg_len < (u32)NLMSG_HDRLEN ||
		    skb->len < nlh->nlmsg_len) {
			/* Deviation: the kernel drops a truncated message silently; answering
			 * lets the client fail instead of waiting. */
			struct nlmsghdr copy;

			memset(&copy, 0, sizeof(copy));
			memcpy(&copy, nlh, min_t(size_t, skb->len, sizeof(copy)));
			copy.nlmsg_len = sizeof(copy);
			netlink_ack(skb, &copy, -EINVAL);
			break;
		}
		if (!(nlh->nlmsg_flags & NLM_F_REQUEST) || nlh->nlmsg_type < NLMSG_MIN_TYPE)
			goto ack;
		err = genl_rcv_msg(skb, nlh, &extack);
		if (err == -EINTR)
			goto skip;
ack:
		if ((nlh->nlmsg_flags & NLM_F_ACK) || err)
			netlink_ack(skb, nlh, err);
skip:
		msglen = NLMSG_ALIGN(nlh->nlmsg_len);
		if (msglen > skb->len)
			msglen = skb->len;
		skb_pull(skb, msglen);
	}
	up_read(&cb_lock);
}
