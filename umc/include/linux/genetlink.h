/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/genetlink.h - the global generic-netlink mutex (umc/src/genetlink.c). As in the
 * kernel, doit/dumpit/done of families without parallel_ops run with it held; genl_lock
 * sleeps. Also pulls in the attribute helpers that include/linux/genl_magic_struct.h uses.
 */
#ifndef _UMC_LINUX_GENETLINK_H
#define _UMC_LINUX_GENETLINK_H

#include <uapi/linux/genetlink.h>
#include <linux/netlink.h>
#include <net/netlink.h>

void genl_lock(void);
void genl_unlock(void);
bool lockdep_genl_is_held(void);

#define MODULE_ALIAS_GENL_FAMILY(family)

#endif
