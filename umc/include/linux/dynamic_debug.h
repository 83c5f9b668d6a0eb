/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/dynamic_debug.h - dynamic debug, switched per module by umc_debug_set() (see
 * umc/debug.h; umc/src/printk.c) rather than per call site through debugfs.
 * The macros expand at the call site and use the caller's KBUILD_MODNAME; dynamic_dev_dbg
 * needs dev_printk from <linux/dev_printk.h> (included by <linux/device.h>).
 */
#ifndef _UMC_LINUX_DYNAMIC_DEBUG_H
#define _UMC_LINUX_DYNAMIC_DEBUG_H

#include <linux/printk.h>
#include <umc/debug.h>

#define DYNAMIC_DEBUG_BRANCH(descriptor) unlikely(umc_debug_enabled(KBUILD_MODNAME))

#define dynamic_dev_dbg(dev, fmt, ...) \
	do { \
		if (unlikely(umc_debug_enabled(KBUILD_MODNAME))) \
			dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__); \
	} while (0)

#endif
