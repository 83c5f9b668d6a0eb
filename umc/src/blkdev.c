// SPDX-License-Identifier: GPL-2.0
/*
 * blkdev.c - block majors, the gendisk life cycle (alloc, add, delete, put), capacity and
 * read-only policy with their uevents, holder links, and opening disks: by path (backing
 * files, bdev_file.c) and by device number (added disks, through the driver's fops->open).
 *
 * blk_mutex protects the majors table, the list of added disks, the table of opened paths,
 * the exclusive claims and the holder links. Everything here may sleep except
 * set_capacity() and umc_kobj_to_disk().
 */
#include <linux/kernel.h>
#include <linux/blkdev.h>
#include <linux/part_stat.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/printk.h>
#include <linux/err.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/backing-dev.h>
#include <linux/ctype.h>

#include "blk_internal.h"

#define BLKDEV_MAJOR_MAX 512
#define BLKDEV_DYNAMIC_MAJOR_TOP 254

struct class block_class = { .name = "block" };
const struct device_type disk_type = { .name = "disk" };

static DEFINE_MUTEX(blk_mutex);
static char *major_names[BLKDEV_MAJOR_MAX];
static LIST_HEAD(added_disks);
static LIST_HEAD(opened_files);

/* One bd_link_disk_holder relation: @disk is stacked on @bdev. */
struct holder_link {
	struct list_head node; /* in disk->umc_holders */
	struct block_device *bdev;
	int refcnt;
};

/* ---------------------------------------------------------------- majors */
int __register_blkdev(unsigned int major, const char *name, void (*probe)(dev_t devt))
{
	int ret = 0;

	(void)probe; /* disks are created by their drivers; nothing is probed on demand */
	mutex_lock(&blk_mutex);
	if (major == 0) {
		for (major = BLKDEV_DYNAMIC_MAJOR_TOP; major > 0; major--)
			if (!major_names[major])
				break;
		if (major == 0) {
			pr_err("%s: failed to get major for %s\n", __func__, name);
			ret = -EBUSY;
			goto out;
		}
		ret = major;
	} else if (major >= BLKDEV_MAJOR_MAX) {
		pr_err("%s: major requested (%u) is greater than the maximum (%u) for %s\n",
		       __func__, major, BLKDEV_MAJOR_MAX - 1, name);
		ret = -EINVAL;
		goto out;
	} else if (major_names[major]) {
		pr_err("%s: cannot get major %u for %s\n", __func__, major, name);
		ret = -EBUSY;
		goto out;
	}
	major_names[major] = kstrdup(name, GFP_KERNEL);
	if (!major_names[major])
		ret = -ENOMEM;
out:
	mutex_unlock(&blk_mutex);
	return ret;
}

void unregister_blkdev(unsigned int major, const char *name)
{
	mutex_lock(&blk_mutex);
	if (major < BLKDEV_MAJOR_MAX && major_names[major] && !strcmp(major_names[major], name)) {
		kfree(major_names[major]);
		major_names[major] = NULL;
	} else {
		WARN(1, "unregister_blkdev: major %u is not registered as %s\n", major, name);
	}
	mutex_unlock(&blk_mutex);
}

/* ---------------------------------------------------------------- gendisk */
static void disk_release(struct kref *ref)
{
	struct gendisk *disk = container_of(ref, struct gendisk, umc_ref);
	struct holder_link *h, *tmp;

	list_for_each_entry_safe(h, tmp, &disk->umc_holders, node) {
		WARN(1, "%s freed while still stacked on %s\n", disk->disk_name,
		     h->bdev->bd_disk->disk_name);
		list_del(&h->node);
		kfree(h);
	}
	bioset_exit(&disk->bio_split);
	kfree(disk->part0->bd_stats);
	kfree(disk->part0);
	kfree(disk->bdi);
	kfree(disk->queue);
	kfree(disk);
}

struct gendisk *umc_disk_alloc(void)
{
	struct gendisk *disk = kzalloc(sizeof(*disk), GFP_KERNEL);
	struct block_device *bdev;
	struct request_queue *q;

	if (!disk)
		return NULL;
	kref_init(&disk->umc_ref);
	INIT_LIST_HEAD(&disk->umc_disks);
	INIT_LIST_HEAD(&disk->umc_holders);
	mutex_init(&disk->open_mutex);
	disk->queue = q = kzalloc(sizeof(*q), GFP_KERNEL);
	disk->part0 = bdev = kzalloc(sizeof(*bdev), GFP_KERNEL);
	disk->bdi = kzalloc(sizeof(*disk->bdi), GFP_KERNEL);
	if (!q || !bdev || !disk->bdi)
		goto fail;
	bdev->bd_stats = kzalloc(sizeof(struct disk_stats), GFP_KERNEL);
	if (!bdev->bd_stats || bioset_init(&disk->bio_split, BIO_POOL_SIZE, 0, 0))
		goto fail;
	spin_lock_init(&q->queue_lock);
	init_waitqueue_head(&q->mq_freeze_wq);
	atomic_set(&q->q_usage_counter, 0);
	blk_set_default_limits(&q->limits);
	q->disk = disk;
	q->node = NUMA_NO_NODE;
	disk->bdi->ra_pages = VM_READAHEAD_PAGES;
	disk->bdi->io_pages = q->limits.max_sectors >> (PAGE_SHIFT - 9);
	bdev->bd_disk = disk;
	bdev->bd_queue = q;
	bdev->bd_stamp = 0;
	atomic_set(&bdev->bd_openers, 0);
	bdev->bd_device.class = &block_class;
	bdev->bd_device.type = &disk_type;
	disk->node_id = NUMA_NO_NODE;
	set_bit(GD_OWNS_QUEUE, &disk->state);
	return disk;
fail:
	if (bdev)
		kfree(bdev->bd_stats);
	kfree(bdev);
	kfree(disk->bdi);
	kfree(q);
	kfree(disk);
	return NULL;
}

struct gendisk *__blk_alloc_disk(int node, struct lock_class_key *lkclass)
{
	struct gendisk *disk = umc_disk_alloc();

	(void)lkclass;
	if (disk) {
		disk->node_id = node;
		disk->queue->node = node;
	}
	return disk;
}

static struct gendisk *find_added_disk(dev_t devt, const char *name)
{
	struct gendisk *d;

	list_for_each_entry(d, &added_disks, umc_disks)
		if ((devt && disk_devt(d) == devt) || (name && !strcmp(d->disk_name, name)))
			return d;
	return NULL;
}

int device_add_disk(struct device *parent, struct gendisk *disk,
		    const struct attribute_group **groups)
{
	struct device *ddev = disk_to_dev(disk);
	dev_t devt = MKDEV(disk->major, disk->first_minor);

	(void)groups;
	if (WARN_ON_ONCE(!disk->major || !disk->minors))
		return -EINVAL;
	mutex_lock(&blk_mutex);
	if (find_added_disk(devt, disk->disk_name)) {
		mutex_unlock(&blk_mutex);
		pr_err("%s: a disk %s or %u:%u exists already\n", __func__, disk->disk_name,
		       MAJOR(devt), MINOR(devt));
		return -EEXIST;
	}
	disk->part0->bd_dev = devt;
	ddev->devt = devt;
	ddev->parent = parent;
	ddev->kobj.name = disk->disk_name;
	ddev->kobj.state_in_sysfs = 1;
	list_add_tail(&disk->umc_disks, &added_disks);
	set_bit(GD_ADDED, &disk->state);
	mutex_unlock(&blk_mutex);
	if (!(disk->flags & GENHD_FL_HIDDEN))
		kobject_uevent(&ddev->kobj, KOBJ_ADD);
	return 0;
}

void del_gendisk(struct gendisk *disk)
{
	struct request_queue *q = disk->queue;
	struct device *ddev = disk_to_dev(disk);

	if (WARN_ON_ONCE(!test_bit(GD_ADDED, &disk->state)))
		return;
	if (!(disk->flags & GENHD_FL_HIDDEN))
		kobject_uevent(&ddev->kobj, KOBJ_REMOVE);
	mutex_lock(&blk_mutex);
	list_del_init(&disk->umc_disks);
	ddev->kobj.state_in_sysfs = 0;
	/* fail new I/O, then wait until no submitter is inside the driver */
	set_bit(GD_DEAD, &disk->state);
	clear_bit(GD_ADDED, &disk->state);
	if (test_bit(GD_OWNS_QUEUE, &disk->state))
		blk_queue_flag_set(QUEUE_FLAG_DYING, q);
	mutex_unlock(&blk_mutex);
	set_capacity(disk, 0);
	wait_event(q->mq_freeze_wq, atomic_read(&q->q_usage_counter) == 0);
}

void put_disk(struct gendisk *disk)
{
	if (disk)
		kref_put(&disk->umc_ref, disk_release);
}

void set_capacity(struct gendisk *disk, sector_t size)
{
	WRITE_ONCE(disk->part0->bd_nr_sectors, size);
}

bool set_capacity_and_notify(struct gendisk *disk, sector_t size)
{
	sector_t capacity = get_capacity(disk);
	char *envp[] = { "RESIZE=1", NULL };

	set_capacity(disk, size);
	if (size == capacity || !disk_live(disk) || (disk->flags & GENHD_FL_HIDDEN))
		return false;
	pr_info("%s: detected capacity change from %llu to %llu\n", disk->disk_name,
		(unsigned long long)capacity, (unsigned long long)size);
	/* as Linux: no uevent for a change from or to an empty device */
	if (capacity && size)
		kobject_uevent_env(&disk_to_dev(disk)->kobj, KOBJ_CHANGE, envp);
	return true;
}

void set_disk_ro(struct gendisk *disk, bool read_only)
{
	char event[] = "DISK_RO=1";
	char *envp[] = { event, NULL };

	if (read_only) {
		if (test_and_set_bit(GD_READ_ONLY, &disk->state))
			return;
	} else {
		if (!test_and_clear_bit(GD_READ_ONLY, &disk->state))
			return;
		event[8] = '0';
	}
	kobject_uevent_env(&disk_to_dev(disk)->kobj, KOBJ_CHANGE, envp);
}

struct gendisk *umc_kobj_to_disk(struct kobject *kobj)
{
	struct device *dev = container_of(kobj, struct device, kobj);

	if (dev->type != &disk_type)
		return NULL;
	return dev_to_bdev(dev)->bd_disk;
}

/*
 * umc_disk_for_each - added for the host bridge (blk_host.c, owned by the fuse workstream):
 * call @fn for every added disk, in the order they were added, under blk_mutex, until it
 * returns non-zero (which is returned). @fn must not sleep or call back into blkdev.c.
 */
int umc_disk_for_each(int (*fn)(struct gendisk *disk, void *ctx), void *ctx)
{
	struct gendisk *d;
	int ret = 0;

	mutex_lock(&blk_mutex);
	list_for_each_entry(d, &added_disks, umc_disks) {
		ret = fn(d, ctx);
		if (ret)
			break;
	}
	mutex_unlock(&blk_mutex);
	return ret;
}

/* %pg (umc/src/vsprintf.c): the name Linux prints for a block device */
void umc_bdev_name(const struct block_device *bdev, char *buf, size_t len)
{
	if (bdev->bd_partno)
		snprintf(buf, len, "%s%s%u", bdev->bd_disk->disk_name,
			 isdigit(bdev->bd_disk->disk_name[strlen(bdev->bd_disk->disk_name) - 1]) ?
				 "p" : "",
			 bdev->bd_partno);
	else
		snprintf(buf, len, "%s", bdev->bd_disk->disk_name);
}

/* ---------------------------------------------------------------- holders */
static struct holder_link *find_holder(struct block_device *bdev, struct gendisk *disk)
{
	struct holder_link *h;

	list_for_each_entry(h, &disk->umc_holders, node)
		if (h->bdev == bdev)
			return h;
	return NULL;
}

int bd_link_disk_holder(struct block_device *bdev, struct gendisk *disk)
{
	struct holder_link *h;
	int ret = 0;

	if (!test_bit(GD_ADDED, &disk->state) || bdev->bd_disk == disk)
		return -EINVAL;
	mutex_lock(&blk_mutex);
	WARN_ON_ONCE(!bdev->bd_holder);
	h = find_holder(bdev, disk);
	if (h) {
		h->refcnt++;
	} else {
		h = kmalloc(sizeof(*h), GFP_KERNEL);
		if (h) {
			h->bdev = bdev;
			h->refcnt = 1;
			list_add(&h->node, &disk->umc_holders);
		} else {
			ret = -ENOMEM;
		}
	}
	mutex_unlock(&blk_mutex);
	return ret;
}

void bd_unlink_disk_holder(struct block_device *bdev, struct gendisk *disk)
{
	struct holder_link *h;

	mutex_lock(&blk_mutex);
	h = find_holder(bdev, disk);
	if (!WARN_ON_ONCE(!h) && !--h->refcnt) {
		list_del(&h->node);
		kfree(h);
	}
	mutex_unlock(&blk_mutex);
}

int umc_bdev_holder_count(struct block_device *bdev, struct gendisk *disk)
{
	struct holder_link *h;
	int n;

	mutex_lock(&blk_mutex);
	h = find_holder(bdev, disk);
	n = h ? h->refcnt : 0;
	mutex_unlock(&blk_mutex);
	return n;
}

/* ---------------------------------------------------------------- opening */
/* May @holder claim @bdev exclusively? (blk_mutex or the disk's open_mutex held) */
static bool may_claim(struct block_device *bdev, void *holder)
{
	return !bdev->bd_holder || bdev->bd_holder == holder;
}

static void claim(struct block_device *bdev, fmode_t mode, void *holder)
{
	atomic_inc(&bdev->bd_openers);
	if (!(mode & FMODE_EXCL))
		return;
	bdev->bd_holder = holder;
	bdev->bd_holders++;
	if (mode & FMODE_WRITE)
		bdev->bd_write_holder = true;
}

static void unclaim(struct block_device *bdev, fmode_t mode)
{
	atomic_dec(&bdev->bd_openers);
	if (!(mode & FMODE_EXCL))
		return;
	if (WARN_ON_ONCE(bdev->bd_holders <= 0))
		return;
	if (!--bdev->bd_holders) {
		bdev->bd_holder = NULL;
		bdev->bd_write_holder = false;
	}
}

struct block_device *blkdev_get_by_path(const char *path, fmode_t mode, void *holder)
{
	struct umc_bdev_file *f;
	struct gendisk *disk = NULL;

	if ((mode & FMODE_EXCL) && WARN_ON_ONCE(!holder))
		return ERR_PTR(-EINVAL);
	mutex_lock(&blk_mutex);
	list_for_each_entry(f, &opened_files, node) {
		if (!strcmp(f->path, path)) {
			disk = f->disk;
			break;
		}
	}
	if (disk) {
		if ((mode & FMODE_EXCL) && !may_claim(disk->part0, holder))
			goto busy;
		if ((mode & FMODE_WRITE) && !(f->mode & FMODE_WRITE)) {
			pr_warn("%s: %s is open read-only already; cannot open it for writing too\n",
				__func__, path);
			goto busy;
		}
	} else {
		disk = umc_bdev_file_open(path, mode);
		if (IS_ERR(disk)) {
			mutex_unlock(&blk_mutex);
			return ERR_CAST(disk);
		}
		f = disk->umc_file;
		list_add(&f->node, &opened_files);
	}
	f->openers++;
	claim(disk->part0, mode, holder);
	mutex_unlock(&blk_mutex);
	return disk->part0;
busy:
	mutex_unlock(&blk_mutex);
	return ERR_PTR(-EBUSY);
}

sector_t umc_bdev_file_nr_sectors(struct block_device *bdev)
{
	struct umc_bdev_file *f = bdev->bd_disk->umc_file;
	struct sys_bdev_info info;
	sector_t old = READ_ONCE(bdev->bd_nr_sectors), now;

	if (sys->bdev_refresh(f->sb, &info))
		return old;
	now = info.size_bytes >> SECTOR_SHIFT;
	/* of concurrent callers that see the same change, one reports it */
	if (now != old && cmpxchg(&bdev->bd_nr_sectors, old, now) == old)
		pr_info("%s: detected capacity change from %llu to %llu\n", bdev->bd_disk->disk_name,
			(unsigned long long)old, (unsigned long long)now);
	return now;
}

struct block_device *blkdev_get_by_dev(dev_t dev, fmode_t mode, void *holder)
{
	struct block_device *bdev;
	struct gendisk *disk;
	int ret = 0;

	if ((mode & FMODE_EXCL) && WARN_ON_ONCE(!holder))
		return ERR_PTR(-EINVAL);
	mutex_lock(&blk_mutex);
	disk = find_added_disk(dev, NULL);
	if (disk)
		kref_get(&disk->umc_ref);
	mutex_unlock(&blk_mutex);
	if (!disk)
		return ERR_PTR(-ENXIO);
	bdev = disk->part0;
	mutex_lock(&disk->open_mutex);
	if (!disk_live(disk))
		ret = -ENXIO;
	else if ((mode & FMODE_EXCL) && !may_claim(bdev, holder))
		ret = -EBUSY;
	else if (disk->fops && disk->fops->open)
		ret = disk->fops->open(bdev, mode);
	if (!ret)
		claim(bdev, mode, holder);
	mutex_unlock(&disk->open_mutex);
	if (ret) {
		put_disk(disk);
		return ERR_PTR(ret);
	}
	return bdev;
}

void blkdev_put(struct block_device *bdev, fmode_t mode)
{
	struct gendisk *disk = bdev->bd_disk;
	struct umc_bdev_file *f = disk->umc_file;
	bool last = false;

	if (f) {
		mutex_lock(&blk_mutex);
		unclaim(bdev, mode);
		if (!--f->openers) {
			list_del(&f->node);
			last = true;
		}
		mutex_unlock(&blk_mutex);
		if (last)
			umc_bdev_file_close(disk);
		return;
	}
	mutex_lock(&disk->open_mutex);
	unclaim(bdev, mode);
	if (disk->fops && disk->fops->release)
		disk->fops->release(disk, mode);
	mutex_unlock(&disk->open_mutex);
	put_disk(disk);
}

/* ---------------------------------------------------------------- set-up */
int umc_blk_init(void)
{
	int ret = bioset_init(&fs_bio_set, BIO_POOL_SIZE, 0, BIOSET_NEED_BVECS);

	if (ret)
		return ret;
	ret = umc_blk_core_init();
	if (ret)
		goto fail_core;
	ret = umc_bdev_file_init();
	if (ret)
		goto fail_file;
	return 0;
fail_file:
	umc_blk_core_exit();
fail_core:
	bioset_exit(&fs_bio_set);
	return ret;
}

void umc_blk_exit(void)
{
	struct umc_bdev_file *f;
	struct gendisk *d;
	unsigned int i;

	mutex_lock(&blk_mutex);
	list_for_each_entry(d, &added_disks, umc_disks)
		pr_warn("block layer exit: disk %s still added\n", d->disk_name);
	list_for_each_entry(f, &opened_files, node)
		pr_warn("block layer exit: %s still open (%d openers)\n", f->path, f->openers);
	for (i = 0; i < BLKDEV_MAJOR_MAX; i++) {
		if (!major_names[i])
			continue;
		pr_warn("block layer exit: major %u (%s) still registered\n", i, major_names[i]);
		kfree(major_names[i]);
		major_names[i] = NULL;
	}
	mutex_unlock(&blk_mutex);
	umc_bdev_file_exit();
	umc_blk_core_exit();
	bioset_exit(&fs_bio_set);
}
