/* SPDX-License-Identifier: GPL-2.0 */
/*
 * net_internal.h - shared between genetlink.c and capability.c: the credentials of the
 * generic netlink request a task is processing, so that capable() can answer for it.
 */
#ifndef _UMC_SRC_NET_INTERNAL_H
#define _UMC_SRC_NET_INTERNAL_H

#include <linux/list.h>
#include <umc/genl_transport.h>

struct task_struct;

struct umc_req_ctx {
	struct list_head node;
	struct task_struct *task;
	const struct umc_genl_cred *cred;
};

/* The calling task processes a request with @cred until umc_req_ctx_exit(). Never sleep. */
void umc_req_ctx_enter(struct umc_req_ctx *ctx, const struct umc_genl_cred *cred);
void umc_req_ctx_exit(struct umc_req_ctx *ctx);
/* Does the request the calling task is processing (if any) hold @cap? true outside one. */
bool umc_req_ctx_capable(int cap);

#endif

/* ---- netlink.c: clients of the host transport ---- */
#include <linux/skbuff.h>

struct umc_genl_client {
	struct list_head node;
	u32 portid;
	struct umc_genl_cred cred;
	umc_genl_deliver_fn deliver;
	void *priv;
	u64 groups[2]; /* multicast membership, bit n = group n (1..127) */
};

#define UMC_NL_MAX_GROUPS 128

/* ---- genetlink.c ---- */
struct genl_family;
/* Process the netlink datagram in @skb (NETLINK_CB portid/creds set) for @client.
 * Called with no lock held; returns when every reply was delivered. */
void umc_genl_rcv(struct sk_buff *skb);
/* Family registry for the controller (caller holds cb_lock for reading via the rcv path). */
const struct genl_family *umc_genl_family_find_byid(unsigned int id);
const struct genl_family *umc_genl_family_find_byname(const char *name);
const struct genl_family *umc_genl_family_next(unsigned int *pos);
/* Add @family to the registry (cb_lock held for writing and genl_lock held). */
int umc_genl_register_locked(struct genl_family *family);
/* Register the controller family (id GENL_ID_CTRL); called once by genetlink.c with the
 * locks of umc_genl_register_locked held. */
int umc_genl_ctrl_register(void);
/* Notify the controller's "notify" group of a new/removed family. */
void umc_genl_ctrl_notify(const struct genl_family *family, u8 cmd);
/* Fill @op from the family's op @cmd the way 6.1 does (family policy/maxattr, reject policy
 * for cmd >= resv_start_op). -ENOENT if the family has no such command. */
struct genl_ops;
int umc_genl_get_cmd(u32 cmd, const struct genl_family *family, struct genl_ops *op);
void umc_genl_get_cmd_by_index(unsigned int i, const struct genl_family *family,
			       struct genl_ops *op);
int umc_genl_cmd_count(const struct genl_family *family);
