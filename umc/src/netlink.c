// SPDX-License-Identifier: GPL-2.0
/*
 * netlink.c - netlink "ports" for host transports (umc/genl_transport.h) and the
 * kernel-side delivery calls netlink_unicast/netlink_broadcast (linux/netlink.h).
 *
 * Clients live on one list under clients_lock (an rwlock): deliveries hold it for reading,
 * so several DRBD threads may notify at once, and registration changes hold it for writing,
 * which also waits out deliveries in progress. The deliver callbacks must not block.
 */
#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <umc/genl_transport.h>
#include "net_internal.h"

static DEFINE_RWLOCK(clients_lock);
static LIST_HEAD(clients);
static u32 portid_rover = (u32)-4096; /* netlink autobind hands out -4096, -4097, ... */

static struct umc_genl_client *client_find(u32 portid)
{
	struct umc_genl_client *c;

	list_for_each_entry(c, &clients, node)
		if (c->portid == portid)
			return c;
	return NULL;
}

int umc_genl_client_register(struct umc_genl_client **out, uint32_t portid,
			     const struct umc_genl_cred *cred, umc_genl_deliver_fn deliver,
			     void *priv)
{
	struct umc_genl_client *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c)
		return -ENOMEM;
	c->cred = *cred;
	c->deliver = deliver;
	c->priv = priv;
	write_lock(&clients_lock);
	if (portid == 0) {
		do
			portid = portid_rover--;
		while (portid == 0 || client_find(portid));
	} else if (client_find(portid)) {
		write_unlock(&clients_lock);
		kfree(c);
		return -EADDRINUSE;
	}
	c->portid = portid;
	list_add_tail(&c->node, &clients);
	write_unlock(&clients_lock);
	*out = c;
	return 0;
}

uint32_t umc_genl_client_portid(const struct umc_genl_client *c)
{
	return c->portid;
}

void umc_genl_client_unregister(struct umc_genl_client *c)
{
	write_lock(&clients_lock);
	list_del(&c->node);
	write_unlock(&clients_lock);
	kfree(c);
}

static int membership(struct umc_genl_client *c, uint32_t group, bool add)
{
	if (group == 0 || group >= UMC_NL_MAX_GROUPS)
		return -EINVAL;
	write_lock(&clients_lock);
	if (add)
		c->groups[group / 64] |= 1ULL << (group % 64);
	else
		c->groups[group / 64] &= ~(1ULL << (group % 64));
	write_unlock(&clients_lock);
	return 0;
}

int umc_genl_client_add_membership(struct umc_genl_client *c, uint32_t group)
{
	return membership(c, group, true);
}

int umc_genl_client_drop_membership(struct umc_genl_client *c, uint32_t group)
{
	return membership(c, group, false);
}

int umc_genl_submit(struct umc_genl_client *c, const void *data, size_t len)
{
	struct sk_buff *skb = alloc_skb((unsigned int)len, GFP_KERNEL);

	if (!skb)
		return -ENOMEM;
	skb_put_data(skb, data, (unsigned int)len);
	NETLINK_CB(skb).portid = c->portid;
	NETLINK_CB(skb).creds.pid = c->cred.pid;
	NETLINK_CB(skb).creds.uid = c->cred.uid;
	NETLINK_CB(skb).creds.gid = c->cred.gid;
	{
		struct umc_req_ctx ctx;

		umc_req_ctx_enter(&ctx, &c->cred);
		umc_genl_rcv(skb);
		umc_req_ctx_exit(&ctx);
	}
	consume_skb(skb);
	return 0;
}

int netlink_unicast(struct sock *ssk, struct sk_buff *skb, __u32 portid, int nonblock)
{
	struct umc_genl_client *c;
	int len = (int)skb->len;
	int err;

	(void)ssk;
	(void)nonblock;
	read_lock(&clients_lock);
	c = client_find(portid);
	if (!c)
		err = -ECONNREFUSED;
	else
		err = c->deliver(c->priv, skb->data, skb->len, 0);
	read_unlock(&clients_lock);
	kfree_skb(skb);
	if (err < 0)
		return err == -ECONNREFUSED ? err : -ENOBUFS;
	return len;
}

int netlink_broadcast(struct sock *ssk, struct sk_buff *skb, __u32 portid, __u32 group,
		      gfp_t allocation)
{
	struct umc_genl_client *c;
	int delivered = 0;

	(void)ssk;
	(void)allocation;
	if (group == 0 || group >= UMC_NL_MAX_GROUPS) {
		kfree_skb(skb);
		return -ESRCH;
	}
	read_lock(&clients_lock);
	list_for_each_entry(c, &clients, node) {
		if (c->portid == portid || !(c->groups[group / 64] & (1ULL << (group % 64))))
			continue;
		if (c->deliver(c->priv, skb->data, skb->len, group) == 0)
			delivered++;
	}
	read_unlock(&clients_lock);
	consume_skb(skb);
	return delivered ? 0 : -ESRCH;
}

int netlink_has_listeners(struct sock *sk, unsigned int group)
{
	struct umc_genl_client *c;
	int ret = 0;

	(void)sk;
	if (group == 0 || group >= UMC_NL_MAX_GROUPS)
		return 0;
	read_lock(&clients_lock);
	list_for_each_entry(c, &clients, node)
		if (c->groups[group / 64] & (1ULL << (group % 64)))
			ret = 1;
	read_unlock(&clients_lock);
	return ret;
}

bool netlink_capable(const struct sk_buff *skb, int cap)
{
	(void)skb;
	return umc_req_ctx_capable(cap);
}
