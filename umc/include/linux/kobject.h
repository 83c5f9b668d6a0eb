/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/kobject.h - kernel objects, reduced to what DRBD uses: a name and a parent (for
 * dev_name()) and kobject_uevent(), implemented in umc/src/device.c.
 *
 * There is no sysfs and no udev in umc. kobject_uevent() and kobject_uevent_env() deliver
 * the event synchronously to the listeners registered with umc_uevent_listen()
 * (<umc/uevent.h>): the daemon and the FUSE front end learn of disks appearing, changing
 * (role, size: "RESIZE=1") and disappearing that way. No listener: the event is only logged
 * at debug level.
 */
#ifndef _UMC_LINUX_KOBJECT_H
#define _UMC_LINUX_KOBJECT_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/container_of.h>
#include <linux/spinlock.h>
#include <linux/kref.h>
#include <linux/wait.h>
#include <linux/atomic.h>
#include <linux/workqueue.h>

struct kobject {
	const char *name;       /* NULL until the owner names it (device_add_disk, ...) */
	struct kobject *parent;
	/* set while the object is "registered" (a disk between device_add_disk and
	 * del_gendisk): Linux drops uevents of objects not in sysfs, and so does umc */
	unsigned int state_in_sysfs : 1;
};

enum kobject_action {
	KOBJ_ADD,
	KOBJ_REMOVE,
	KOBJ_CHANGE,
	KOBJ_MOVE,
	KOBJ_ONLINE,
	KOBJ_OFFLINE,
	KOBJ_BIND,
	KOBJ_UNBIND,
};

static inline const char *kobject_name(const struct kobject *kobj)
{
	return kobj->name;
}

/*
 * kobject_uevent_env - tell the listeners that @kobj had @action; @envp is a NULL
 * terminated list of "KEY=value" strings (may be NULL). Returns 0, or -EINVAL (nothing
 * sent) if @kobj is not registered (state_in_sysfs clear). May sleep (listeners
 * are called under a mutex); must not be called with a spinlock held.
 */
int kobject_uevent_env(struct kobject *kobj, enum kobject_action action, char *envp[]);
/* kobject_uevent - kobject_uevent_env() without extra variables. */
int kobject_uevent(struct kobject *kobj, enum kobject_action action);
/* kobject_actions[] names: "add", "remove", "change", ... */
const char *kobject_action_name(enum kobject_action action);

#endif
