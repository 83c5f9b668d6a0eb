// SPDX-License-Identifier: GPL-2.0
/*
 * test_blkdev.c - majors, the gendisk life cycle and its uevents, opening added disks
 * through the driver's fops (umc/src/blkdev.c), holder links, and device naming/printing
 * (umc/src/device.c).
 */
#include "umc_test.h"

#include <linux/blkdev.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/string.h>
#include <umc/uevent.h>

/* ------------------------------------------------------------- majors */
static void test_register_blkdev(void **state)
{
	int dyn;

	assert_int_equal(register_blkdev(200, "alpha"), 0);
	assert_int_equal(register_blkdev(200, "beta"), -EBUSY);
	assert_int_equal(register_blkdev(600, "gamma"), -EINVAL);
	dyn = register_blkdev(0, "delta");
	assert_true(dyn > 0 && dyn <= 254 && dyn != 200);
	assert_int_equal(register_blkdev(dyn, "epsilon"), -EBUSY);
	unregister_blkdev(dyn, "delta");
	unregister_blkdev(200, "alpha");
	assert_int_equal(register_blkdev(200, "beta"), 0);
	unregister_blkdev(200, "beta");
}

/* ------------------------------------------------------------- uevents */
#define MAX_EVENTS 16
static struct {
	enum kobject_action action;
	char name[DISK_NAME_LEN];
	char env[32];
	bool is_disk;
} events[MAX_EVENTS];
static int nevents;

static void on_event(struct umc_uevent_listener *l, struct kobject *kobj,
		     enum kobject_action action, char *const envp[])
{
	struct gendisk *disk = umc_kobj_to_disk(kobj);

	if (nevents >= MAX_EVENTS)
		return;
	events[nevents].action = action;
	events[nevents].is_disk = disk != NULL;
	strscpy(events[nevents].name, kobject_name(kobj), sizeof(events[nevents].name));
	strscpy(events[nevents].env, envp[0] ? envp[0] : "", sizeof(events[nevents].env));
	nevents++;
}

static struct umc_uevent_listener listener = { .event = on_event };

static int opens, releases, open_error;
static fmode_t last_mode;

static int fake_open(struct block_device *bdev, fmode_t mode)
{
	if (open_error)
		return open_error;
	opens++;
	last_mode = mode;
	return 0;
}

static void fake_release(struct gendisk *disk, fmode_t mode)
{
	releases++;
}

static void fake_submit(struct bio *bio)
{
	bio_endio(bio);
}

static const struct block_device_operations fake_ops = {
	.submit_bio = fake_submit,
	.open = fake_open,
	.release = fake_release,
};

static struct gendisk *fake_disk(int major, int minor)
{
	struct gendisk *disk = blk_alloc_disk(NUMA_NO_NODE);

	assert_non_null(disk);
	disk->major = major;
	disk->first_minor = minor;
	disk->minors = 1;
	disk->fops = &fake_ops;
	disk->flags |= GENHD_FL_NO_PART;
	snprintf(disk->disk_name, sizeof(disk->disk_name), "fake%d", minor);
	return disk;
}

static void test_disk_life_cycle_events(void **state)
{
	struct gendisk *disk, *dup;

	assert_int_equal(register_blkdev(201, "fake"), 0);
	nevents = 0;
	umc_uevent_listen(&listener);
	disk = fake_disk(201, 3);
	/* not added yet: events are dropped, as Linux drops them for objects not in sysfs */
	assert_int_equal(kobject_uevent(&disk_to_dev(disk)->kobj, KOBJ_CHANGE), -EINVAL);
	set_capacity_and_notify(disk, 100);
	assert_int_equal(nevents, 0);
	assert_false(disk_live(disk));

	assert_int_equal(add_disk(disk), 0);
	assert_true(disk_live(disk));
	assert_int_equal(disk_devt(disk), MKDEV(201, 3));
	assert_string_equal(dev_name(disk_to_dev(disk)), "fake3");
	assert_string_equal(dev_driver_string(disk_to_dev(disk)), "block");
	/* a second disk with the same number is refused */
	dup = fake_disk(201, 3);
	assert_int_equal(add_disk(dup), -EEXIST);
	put_disk(dup);

	set_capacity_and_notify(disk, 200);  /* 100 -> 200: RESIZE */
	set_capacity_and_notify(disk, 200);  /* no change: nothing */
	set_capacity_and_notify(disk, 0);    /* to empty: no uevent (as Linux) */
	set_disk_ro(disk, true);
	set_disk_ro(disk, true);             /* no change: nothing */
	assert_true(get_disk_ro(disk));
	assert_true(bdev_read_only(disk->part0));
	set_disk_ro(disk, false);
	kobject_uevent(&disk_to_dev(disk)->kobj, KOBJ_CHANGE);
	del_gendisk(disk);
	kobject_uevent(&disk_to_dev(disk)->kobj, KOBJ_CHANGE); /* gone: dropped */
	umc_uevent_unlisten(&listener);

	assert_int_equal(nevents, 6);
	assert_int_equal(events[0].action, KOBJ_ADD);
	assert_string_equal(events[0].name, "fake3");
	assert_true(events[0].is_disk);
	assert_int_equal(events[1].action, KOBJ_CHANGE);
	assert_string_equal(events[1].env, "RESIZE=1");
	assert_string_equal(events[2].env, "DISK_RO=1");
	assert_string_equal(events[3].env, "DISK_RO=0");
	assert_int_equal(events[4].action, KOBJ_CHANGE);
	assert_string_equal(events[4].env, "");
	assert_int_equal(events[5].action, KOBJ_REMOVE);
	assert_string_equal(kobject_action_name(KOBJ_REMOVE), "remove");
	put_disk(disk);
	unregister_blkdev(201, "fake");
}

static void test_open_by_dev(void **state)
{
	struct gendisk *disk = fake_disk(202, 0);
	struct block_device *bdev, *again;
	int holder_a, holder_b;

	assert_int_equal(register_blkdev(202, "fake"), 0);
	assert_true(IS_ERR(blkdev_get_by_dev(MKDEV(202, 0), FMODE_READ, NULL))); /* not added */
	assert_int_equal(add_disk(disk), 0);
	opens = releases = 0;

	bdev = blkdev_get_by_dev(MKDEV(202, 0), FMODE_READ | FMODE_WRITE | FMODE_EXCL, &holder_a);
	assert_false(IS_ERR(bdev));
	assert_ptr_equal(bdev, disk->part0);
	assert_int_equal(opens, 1);
	assert_int_equal(last_mode, FMODE_READ | FMODE_WRITE | FMODE_EXCL);
	/* another holder: busy, and the driver is not asked */
	again = blkdev_get_by_dev(MKDEV(202, 0), FMODE_READ | FMODE_EXCL, &holder_b);
	assert_int_equal(PTR_ERR(again), -EBUSY);
	assert_int_equal(opens, 1);
	/* the driver refuses: its error comes back (DRBD: -EROFS while Secondary) */
	open_error = -EROFS;
	again = blkdev_get_by_dev(MKDEV(202, 0), FMODE_WRITE, NULL);
	assert_int_equal(PTR_ERR(again), -EROFS);
	open_error = 0;
	assert_int_equal(PTR_ERR(blkdev_get_by_dev(MKDEV(202, 9), FMODE_READ, NULL)), -ENXIO);
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL);
	assert_int_equal(releases, 1);
	assert_null(disk->part0->bd_holder);

	/* the disk stays until the last opener is gone, even after del_gendisk/put_disk */
	bdev = blkdev_get_by_dev(MKDEV(202, 0), FMODE_READ, NULL);
	assert_false(IS_ERR(bdev));
	del_gendisk(disk);
	put_disk(disk);
	assert_true(IS_ERR(blkdev_get_by_dev(MKDEV(202, 0), FMODE_READ, NULL)));
	blkdev_put(bdev, FMODE_READ); /* frees the disk */
	assert_int_equal(releases, 2);
	unregister_blkdev(202, "fake");
}

static void test_holders(void **state)
{
	struct gendisk *upper = fake_disk(203, 0), *lower = fake_disk(203, 1);
	int holder;

	assert_int_equal(register_blkdev(203, "fake"), 0);
	/* the holder disk must be added */
	assert_int_equal(bd_link_disk_holder(lower->part0, upper), -EINVAL);
	assert_int_equal(add_disk(upper), 0);
	assert_int_equal(add_disk(lower), 0);
	assert_int_equal(bd_link_disk_holder(upper->part0, upper), -EINVAL); /* itself */
	lower->part0->bd_holder = &holder; /* as an exclusive open would */
	assert_int_equal(bd_link_disk_holder(lower->part0, upper), 0);
	assert_int_equal(bd_link_disk_holder(lower->part0, upper), 0);
	assert_int_equal(umc_bdev_holder_count(lower->part0, upper), 2);
	bd_unlink_disk_holder(lower->part0, upper);
	assert_int_equal(umc_bdev_holder_count(lower->part0, upper), 1);
	bd_unlink_disk_holder(lower->part0, upper);
	assert_int_equal(umc_bdev_holder_count(lower->part0, upper), 0);
	lower->part0->bd_holder = NULL;
	del_gendisk(upper);
	del_gendisk(lower);
	put_disk(upper);
	put_disk(lower);
	unregister_blkdev(203, "fake");
}

/* %pg prints the disk name (vsprintf asks the block layer) */
static void test_bdev_name(void **state)
{
	struct gendisk *disk = fake_disk(204, 7);
	char buf[32];

	snprintf(buf, sizeof(buf), "[%pg]", disk->part0);
	assert_string_equal(buf, "[fake7]");
	put_disk(disk);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register_blkdev),
		cmocka_unit_test(test_disk_life_cycle_events),
		cmocka_unit_test(test_open_by_dev),
		cmocka_unit_test(test_holders),
		cmocka_unit_test(test_bdev_name),
	};

	return UMC_TEST_RUN(tests);
}
