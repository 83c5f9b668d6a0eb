/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdisk.h - a memory-backed test disk registered in umc's block layer the way DRBD
 * registers drbdN (blk_alloc_disk + add_disk, bio based, fops->open refusing like
 * drbd_open), completing bios from a workqueue as DRBD completes them from its own
 * threads. Implemented in kernel world (memdisk.c); this header uses basic types only so
 * that host-world tests can drive it. It also registers /proc/memdisk and two module
 * parameters (memdisk.test_knob 0644, memdisk.ro_knob 0444).
 * Call from a thread known to umc; everything may sleep.
 */
#ifndef DRBDUM_TEST_MEMDISK_H
#define DRBDUM_TEST_MEMDISK_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

struct memdisk;

/* memdisk_create - disk "drbd<minor>" of @bytes at 147:@minor, Primary, added. 0/-errno. */
int memdisk_create(uint32_t minor, uint64_t bytes, struct memdisk **out);
/* memdisk_destroy - del_gendisk, wait for its bios, free. */
void memdisk_destroy(struct memdisk *m);
/* memdisk_set_primary - role change as DRBD does it: set_disk_ro + KOBJ_CHANGE. While
 * Secondary, opens for writing fail with -EROFS and read-only opens with -EMEDIUMTYPE. */
void memdisk_set_primary(struct memdisk *m, bool primary);
/* memdisk_resize - set_capacity_and_notify to @bytes (at most the size it was created with). */
void memdisk_resize(struct memdisk *m, uint64_t bytes);
/* memdisk_peek - copy of the disk's bytes, as the driver holds them. */
void memdisk_peek(struct memdisk *m, uint64_t off, void *buf, size_t len);
/* Counters of requests the driver saw. */
unsigned int memdisk_flushes(struct memdisk *m);
unsigned int memdisk_discards(struct memdisk *m);
unsigned int memdisk_write_zeroes(struct memdisk *m);
/* memdisk_proc_init / exit - /proc/memdisk (lists the disks). */
int memdisk_proc_init(void);
void memdisk_proc_exit(void);

#endif
