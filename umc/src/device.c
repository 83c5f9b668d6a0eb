// SPDX-License-Identifier: GPL-2.0
/*
 * device.c - struct device naming and messages (dev_printk), and kobject uevents delivered
 * to umc listeners instead of udev (see umc/uevent.h and linux/kobject.h).
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/sprintf.h>
#include <linux/errno.h>
#include <umc/uevent.h>

#include "blk_internal.h"

#define DEV_MSG_MAX 1024

const char *dev_driver_string(const struct device *dev)
{
	if (dev->class && dev->class->name)
		return dev->class->name;
	return "";
}

/*
 * Format the message once, then log it with the kernel's prefix. The level stays in front
 * so that printk assigns it; "(NULL device *)" is what Linux prints for a NULL @dev.
 */
static void dev_vprintk(const char *modname, const char *level, const struct device *dev,
			const char *fmt, va_list args)
{
	char msg[DEV_MSG_MAX];

	vscnprintf(msg, sizeof(msg), fmt, args);
	if (!dev) {
		umc_printk(modname, "%s(NULL device *): %s", level, msg);
		return;
	}
	umc_printk(modname, "%s%s %s: %s", level, dev_driver_string(dev),
		   dev_name(dev) ? dev_name(dev) : "(null)", msg);
}

void _dev_printk(const char *level, const struct device *dev, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	dev_vprintk("kernel", level, dev, fmt, args);
	va_end(args);
}

void umc_dev_printk(const char *modname, const char *level, const struct device *dev,
		    const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	dev_vprintk(modname, level, dev, fmt, args);
	va_end(args);
}

/* ---------------------------------------------------------------- uevents */
static DEFINE_MUTEX(uevent_mutex);
static LIST_HEAD(uevent_listeners);

static const char *const kobject_actions[] = {
	[KOBJ_ADD] = "add",       [KOBJ_REMOVE] = "remove", [KOBJ_CHANGE] = "change",
	[KOBJ_MOVE] = "move",     [KOBJ_ONLINE] = "online", [KOBJ_OFFLINE] = "offline",
	[KOBJ_BIND] = "bind",     [KOBJ_UNBIND] = "unbind",
};

const char *kobject_action_name(enum kobject_action action)
{
	if ((unsigned int)action >= ARRAY_SIZE(kobject_actions))
		return "?";
	return kobject_actions[action];
}

void umc_uevent_listen(struct umc_uevent_listener *l)
{
	mutex_lock(&uevent_mutex);
	list_add_tail(&l->node, &uevent_listeners);
	mutex_unlock(&uevent_mutex);
}

void umc_uevent_unlisten(struct umc_uevent_listener *l)
{
	mutex_lock(&uevent_mutex);
	list_del_init(&l->node);
	mutex_unlock(&uevent_mutex);
}

int kobject_uevent_env(struct kobject *kobj, enum kobject_action action, char *envp[])
{
	static char *const no_env[] = { NULL };
	struct umc_uevent_listener *l;
	bool any = false;

	if (!kobj->state_in_sysfs) {
		pr_debug("uevent %s %s dropped: object not registered\n",
			 kobject_action_name(action), kobj->name ? kobj->name : "(unnamed)");
		return -EINVAL;
	}
	mutex_lock(&uevent_mutex);
	list_for_each_entry(l, &uevent_listeners, node) {
		l->event(l, kobj, action, envp ? envp : no_env);
		any = true;
	}
	mutex_unlock(&uevent_mutex);
	if (!any)
		pr_debug("uevent %s %s (no listener)\n", kobject_action_name(action),
			 kobj->name ? kobj->name : "(unnamed)");
	return 0;
}

int kobject_uevent(struct kobject *kobj, enum kobject_action action)
{
	return kobject_uevent_env(kobj, action, NULL);
}
