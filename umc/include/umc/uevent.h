/* SPDX-License-Identifier: GPL-2.0 */
/*
 * umc/uevent.h - where kobject_uevent() goes in umc (umc/src/device.c).
 *
 * Linux sends uevents to udev through netlink; umc has neither, so the daemon and the FUSE
 * front end register a listener instead. The block layer emits, for every gendisk:
 *   KOBJ_ADD     device_add_disk()               (the disk can be opened now)
 *   KOBJ_CHANGE  set_capacity_and_notify() with envp {"RESIZE=1"} when the size changed,
 *                and whatever the driver sends (DRBD: role change, attach)
 *   KOBJ_REMOVE  del_gendisk()                   (before the disk goes away)
 * umc_kobj_to_disk() (linux/blkdev.h) tells whether the object is a disk and which.
 *
 * Contract: listeners run synchronously in the thread that raised the event, in
 * registration order, under umc's uevent mutex. They may sleep briefly but must not call
 * back into the block layer or (un)register listeners: hand the work to another thread.
 */
#ifndef _UMC_UEVENT_H
#define _UMC_UEVENT_H

#include <linux/types.h>
#include <linux/kobject.h>

struct umc_uevent_listener {
	void (*event)(struct umc_uevent_listener *l, struct kobject *kobj,
		      enum kobject_action action, char *const envp[]);
	struct list_head node; /* umc's */
};

/* umc_uevent_listen - add @l; events raised after the call reach it. Sleeps (mutex). */
void umc_uevent_listen(struct umc_uevent_listener *l);
/* umc_uevent_unlisten - remove @l; when it returns, @l->event is not running. Sleeps. */
void umc_uevent_unlisten(struct umc_uevent_listener *l);

#endif
