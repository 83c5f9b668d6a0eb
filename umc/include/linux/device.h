/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/device.h - struct device reduced to naming and printing (umc/src/device.c).
 * Block devices embed one (struct block_device.bd_device, reached by disk_to_dev()); its
 * class is block_class, so messages print as the kernel prints them: "block drbd0: ...".
 * There is no driver model (bus, driver binding, sysfs) in umc.
 */
#ifndef _UMC_LINUX_DEVICE_H
#define _UMC_LINUX_DEVICE_H

#include <linux/types.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/dev_printk.h>

struct device_type {
	const char *name;
};

struct class {
	const char *name;
};

struct device {
	struct kobject kobj;
	struct device *parent;
	const char *init_name;
	const struct device_type *type;
	struct class *class;
	dev_t devt;
	void *driver_data;
};

/* dev_name - the device's name: its kobject name once named, else init_name (may be NULL) */
static inline const char *dev_name(const struct device *dev)
{
	if (dev->kobj.name)
		return dev->kobj.name;
	return dev->init_name;
}

/* dev_driver_string - what prefixes the device's messages: the class name ("block") */
const char *dev_driver_string(const struct device *dev);

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

#endif
