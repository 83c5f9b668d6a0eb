// SPDX-License-Identifier: GPL-2.0
/*
 * memdisk.c - the memory-backed test disk of memdisk.h (kernel world: umc headers only).
 */
#include <linux/kernel.h>
#include <linux/blkdev.h>
#include <linux/bio.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#include "memdisk.h"

#define MEMDISK_MAJOR 147

static int test_knob = 5;
module_param(test_knob, int, 0644);
static bool ro_knob = true;
module_param(ro_knob, bool, 0444);

struct memdisk {
	struct gendisk *disk;
	char *data;
	u64 max_bytes;
	bool primary;
	spinlock_t lock;
	struct bio_list pending;
	struct work_struct work;
	unsigned int flushes, discards, zeroes;
	struct list_head node;
};

static DEFINE_MUTEX(memdisks_lock);
static LIST_HEAD(memdisks);

static int md_open(struct block_device *bdev, fmode_t mode)
{
	struct memdisk *m = bdev->bd_disk->private_data;

	if (!READ_ONCE(m->primary))
		return (mode & FMODE_WRITE) ? -EROFS : -EMEDIUMTYPE;
	return 0;
}

static void md_release(struct gendisk *disk, fmode_t mode)
{
}

static void md_do_bio(struct memdisk *m, struct bio *bio)
{
	u64 pos = (u64)bio->bi_iter.bi_sector << SECTOR_SHIFT;
	struct bvec_iter iter;
	struct bio_vec bv;

	if (bio->bi_opf & REQ_PREFLUSH) {
		spin_lock(&m->lock);
		m->flushes++;
		spin_unlock(&m->lock);
	}
	switch (bio_op(bio)) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
		/* under the lock, like memdisk_peek: the test reads the data after a FUSE round
		 * trip, an ordering through the host kernel that TSan cannot see */
		spin_lock(&m->lock);
		bio_for_each_segment(bv, bio, iter) {
			if (bio_op(bio) == REQ_OP_READ)
				memcpy(bvec_virt(&bv), m->data + pos, bv.bv_len);
			else
				memcpy(m->data + pos, bvec_virt(&bv), bv.bv_len);
			pos += bv.bv_len;
		}
		spin_unlock(&m->lock);
		break;
	case REQ_OP_DISCARD:
	case REQ_OP_WRITE_ZEROES:
		spin_lock(&m->lock);
		if (bio_op(bio) == REQ_OP_DISCARD)
			m->discards++;
		else
			m->zeroes++;
		memset(m->data + pos, 0, bio->bi_iter.bi_size);
		spin_unlock(&m->lock);
		break;
	default:
		bio->bi_status = BLK_STS_NOTSUPP;
	}
	bio_endio(bio);
}

static void md_work(struct work_struct *w)
{
	struct memdisk *m = container_of(w, struct memdisk, work);
	struct bio *bio;

	for (;;) {
		spin_lock(&m->lock);
		bio = bio_list_pop(&m->pending);
		spin_unlock(&m->lock);
		if (!bio)
			return;
		md_do_bio(m, bio);
	}
}

static void md_submit_bio(struct bio *bio)
{
	struct memdisk *m = bio->bi_bdev->bd_disk->private_data;

	spin_lock(&m->lock);
	bio_list_add(&m->pending, bio);
	spin_unlock(&m->lock);
	queue_work(system_unbound_wq, &m->work);
}

static const struct block_device_operations md_ops = {
	.submit_bio = md_submit_bio,
	.open = md_open,
	.release = md_release,
};

int memdisk_create(uint32_t minor, uint64_t bytes, struct memdisk **out)
{
	struct memdisk *m = kzalloc(sizeof(*m), GFP_KERNEL);
	int rc;

	if (!m)
		return -ENOMEM;
	spin_lock_init(&m->lock);
	bio_list_init(&m->pending);
	INIT_WORK(&m->work, md_work);
	m->data = vzalloc(bytes);
	m->disk = blk_alloc_disk(NUMA_NO_NODE);
	if (!m->data || !m->disk) {
		rc = -ENOMEM;
		goto fail;
	}
	m->max_bytes = bytes;
	m->primary = true;
	m->disk->major = MEMDISK_MAJOR;
	m->disk->first_minor = minor;
	m->disk->minors = 1;
	m->disk->fops = &md_ops;
	m->disk->private_data = m;
	snprintf(m->disk->disk_name, sizeof(m->disk->disk_name), "drbd%u", minor);
	blk_queue_write_cache(m->disk->queue, true, false);
	blk_queue_max_discard_sectors(m->disk->queue, 1u << 16);
	blk_queue_max_write_zeroes_sectors(m->disk->queue, 1u << 16);
	set_capacity(m->disk, bytes >> SECTOR_SHIFT);
	rc = add_disk(m->disk);
	if (rc)
		goto fail;
	mutex_lock(&memdisks_lock);
	list_add_tail(&m->node, &memdisks);
	mutex_unlock(&memdisks_lock);
	*out = m;
	return 0;
fail:
	if (m->disk)
		put_disk(m->disk);
	vfree(m->data);
	kfree(m);
	return rc;
}

void memdisk_destroy(struct memdisk *m)
{
	mutex_lock(&memdisks_lock);
	list_del(&m->node);
	mutex_unlock(&memdisks_lock);
	del_gendisk(m->disk);
	flush_work(&m->work);
	put_disk(m->disk);
	vfree(m->data);
	kfree(m);
}

void memdisk_set_primary(struct memdisk *m, bool primary)
{
	WRITE_ONCE(m->primary, primary);
	set_disk_ro(m->disk, !primary);
	kobject_uevent(&disk_to_dev(m->disk)->kobj, KOBJ_CHANGE);
}

void memdisk_resize(struct memdisk *m, uint64_t bytes)
{
	if (bytes > m->max_bytes)
		bytes = m->max_bytes;
	set_capacity_and_notify(m->disk, bytes >> SECTOR_SHIFT);
}

void memdisk_peek(struct memdisk *m, uint64_t off, void *buf, size_t len)
{
	spin_lock(&m->lock);
	memcpy(buf, m->data + off, len);
	spin_unlock(&m->lock);
}

/* counters are written under m->lock by the bio path */
static unsigned int read_counter(struct memdisk *m, const unsigned int *counter)
{
	unsigned int v;

	spin_lock(&m->lock);
	v = *counter;
	spin_unlock(&m->lock);
	return v;
}

unsigned int memdisk_flushes(struct memdisk *m)
{
	return read_counter(m, &m->flushes);
}

unsigned int memdisk_discards(struct memdisk *m)
{
	return read_counter(m, &m->discards);
}

unsigned int memdisk_write_zeroes(struct memdisk *m)
{
	return read_counter(m, &m->zeroes);
}

static int memdisk_show(struct seq_file *seq, void *v)
{
	struct memdisk *m;

	seq_printf(seq, "memdisk test driver, knob %d\n", test_knob);
	mutex_lock(&memdisks_lock);
	list_for_each_entry(m, &memdisks, node)
		seq_printf(seq, "%s: %llu sectors, %s\n", m->disk->disk_name,
			   (unsigned long long)get_capacity(m->disk),
			   READ_ONCE(m->primary) ? "Primary" : "Secondary");
	mutex_unlock(&memdisks_lock);
	return 0;
}

int memdisk_proc_init(void)
{
	return proc_create_single("memdisk", 0444, NULL, memdisk_show) ? 0 : -ENOMEM;
}

void memdisk_proc_exit(void)
{
	remove_proc_entry("memdisk", NULL);
}
