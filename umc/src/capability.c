// SPDX-License-Identifier: GPL-2.0
/*
 * capability.c - capable() per requesting client (linux/capability.h).
 * While a task processes a generic netlink request it is listed here with the client's
 * credentials; capable() of that task answers from them. Any other task (DRBD's kernel
 * threads, module init, the daemon) has every capability, as a kernel thread does.
 */
#include <linux/capability.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include "net_internal.h"

struct user_namespace {
	int unused;
};
struct user_namespace init_user_ns;

static DEFINE_SPINLOCK(req_ctx_lock);
static LIST_HEAD(req_ctx_list);

void umc_req_ctx_enter(struct umc_req_ctx *ctx, const struct umc_genl_cred *cred)
{
	ctx->task = current;
	ctx->cred = cred;
	spin_lock(&req_ctx_lock);
	list_add(&ctx->node, &req_ctx_list);
	spin_unlock(&req_ctx_lock);
}

void umc_req_ctx_exit(struct umc_req_ctx *ctx)
{
	spin_lock(&req_ctx_lock);
	list_del(&ctx->node);
	spin_unlock(&req_ctx_lock);
}

bool umc_req_ctx_capable(int cap)
{
	struct task_struct *me = current;
	struct umc_req_ctx *ctx;
	bool ret = true;

	if (!cap_valid(cap))
		return false;
	spin_lock(&req_ctx_lock);
	list_for_each_entry(ctx, &req_ctx_list, node) {
		if (ctx->task == me) {
			ret = !!(ctx->cred->caps & (1ULL << cap));
			break;
		}
	}
	spin_unlock(&req_ctx_lock);
	return ret;
}

bool capable(int cap)
{
	return umc_req_ctx_capable(cap);
}

bool ns_capable(struct user_namespace *ns, int cap)
{
	(void)ns;
	return umc_req_ctx_capable(cap);
}

bool file_ns_capable(const struct file *file, struct user_namespace *ns, int cap)
{
	(void)file;
	(void)ns;
	return umc_req_ctx_capable(cap);
}
