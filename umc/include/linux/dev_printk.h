/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/dev_printk.h - messages about a device (umc/src/device.c). The message gets the
 * kernel's "<driver string> <device name>: " prefix ("block drbd0: ") and is logged like
 * printk() under the caller's KBUILD_MODNAME as subsystem. Any context, any lock held.
 */
#ifndef _UMC_LINUX_DEV_PRINTK_H
#define _UMC_LINUX_DEV_PRINTK_H

#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/kern_levels.h>

struct device;

/* _dev_printk - log under subsystem "kernel" (the exported kernel symbol's behaviour). */
__printf(3, 4) __cold void _dev_printk(const char *level, const struct device *dev,
				       const char *fmt, ...);
/* umc_dev_printk - as _dev_printk, logged under subsystem @modname. */
__printf(4, 5) __cold void umc_dev_printk(const char *modname, const char *level,
					  const struct device *dev, const char *fmt, ...);

#ifndef dev_fmt
#define dev_fmt(fmt) fmt
#endif

#define dev_printk(level, dev, fmt, ...) \
	umc_dev_printk(KBUILD_MODNAME, level, dev, fmt, ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...) dev_printk(KERN_EMERG, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...) dev_printk(KERN_ALERT, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...) dev_printk(KERN_CRIT, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) dev_printk(KERN_ERR, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) dev_printk(KERN_WARNING, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) dev_printk(KERN_NOTICE, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) dev_printk(KERN_INFO, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...) \
	do { \
		if (unlikely(umc_debug_enabled(KBUILD_MODNAME))) \
			dev_printk(KERN_DEBUG, dev, dev_fmt(fmt), ##__VA_ARGS__); \
	} while (0)

#endif
