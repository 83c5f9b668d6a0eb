/* SPDX-License-Identifier: GPL-2.0 */
/* linux/notifier.h - notifier blocks and their return codes (header-only). umc has no
 * notifier chains (no reboot, CPU hotplug or netdevice events); DRBD includes the header
 * without using it, so only the types and constants are here. */
#ifndef _UMC_LINUX_NOTIFIER_H
#define _UMC_LINUX_NOTIFIER_H

#include <linux/types.h>

struct notifier_block;
typedef int (*notifier_fn_t)(struct notifier_block *nb, unsigned long action, void *data);

struct notifier_block {
	notifier_fn_t notifier_call;
	struct notifier_block *next;
	int priority;
};

#define NOTIFY_DONE 0x0000
#define NOTIFY_OK 0x0001
#define NOTIFY_STOP_MASK 0x8000
#define NOTIFY_BAD (NOTIFY_STOP_MASK | 0x0002)
#define NOTIFY_STOP (NOTIFY_OK | NOTIFY_STOP_MASK)

#endif
