// SPDX-License-Identifier: GPL-2.0
/*
 * bdev_fault.c - injected errors of backing disks (bdev_file.c), for fault tests.
 *
 * The rules are the module parameter umc.disk_faults (mode 0600): set at start with
 * `drbd-usermode --param umc.disk_faults=SPEC`, changed at run time by writing SPEC to
 * RUN_DIR/mnt/sys/module/umc/parameters/disk_faults; an empty SPEC (or "off") removes them.
 *
 *   SPEC  := RULE [';' RULE]...
 *   RULE  := FILE ':' ITEM [',' ITEM]...
 *   FILE  := the backing disk's path as DRBD opened it, or its last component
 *   ITEM  := OP '=' FIRST ['-' LAST]   requests touching sectors FIRST..LAST (512-byte
 *                                      sectors, inclusive) fail
 *          | OP '-every=' N            every N-th request of that kind fails (a rate)
 *   OP    := read | write | rw         (write covers discard and write-zeroes as well)
 *
 * A failed request never reaches the host file (a write changes nothing) and completes with
 * -EIO on the provider's completion thread, as a failing disk's would. The number of requests
 * failed so far is umc.disk_faults_injected (read only).
 */
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <linux/atomic.h>
#include <linux/kstrtox.h>
#include <asm/page.h>

#include "blk_internal.h"

#define FAULT_OP_READ  1u
#define FAULT_OP_WRITE 2u
#define FAULT_SPEC_MAX 1024
#define FAULT_ITEMS_MAX 64

struct fault_item {
	const char *file;     /* points into fault_set.text */
	unsigned int ops;     /* FAULT_OP_* */
	u64 first, last;      /* sector range; unused when every != 0 */
	u64 every;            /* fail every N-th matching request */
	u64 seen;             /* requests matched so far (under fault_lock) */
};

struct fault_set {
	char *text;           /* the spec as set (for reading the parameter back) */
	char *parsed;         /* a copy cut into strings by the parser */
	int n;
	struct fault_item item[FAULT_ITEMS_MAX];
};

static DEFINE_SPINLOCK(fault_lock);
static struct fault_set *faults;           /* under fault_lock */
static atomic64_t faults_injected = ATOMIC64_INIT(0);

static void fault_set_free(struct fault_set *s)
{
	if (!s)
		return;
	kfree(s->text);
	kfree(s->parsed);
	kfree(s);
}

static int parse_op(const char *word, size_t len, unsigned int *ops)
{
	if (len == 4 && !strncmp(word, "read", 4))
		*ops = FAULT_OP_READ;
	else if (len == 5 && !strncmp(word, "write", 5))
		*ops = FAULT_OP_WRITE;
	else if (len == 2 && !strncmp(word, "rw", 2))
		*ops = FAULT_OP_READ | FAULT_OP_WRITE;
	else
		return -EINVAL;
	return 0;
}

/* One ITEM of @file into s->item[s->n]. @item is modified. */
static int parse_item(struct fault_set *s, const char *file, char *item)
{
	struct fault_item *it;
	char *eq = strchr(item, '=');
	char *dash, *opname_end;
	int err;

	if (!eq)
		return -EINVAL;
	if (s->n >= FAULT_ITEMS_MAX)
		return -E2BIG;
	it = &s->item[s->n];
	memset(it, 0, sizeof(*it));
	it->file = file;
	*eq = 0;
	opname_end = eq;
	if (eq - item > 6 && !strcmp(eq - 6, "-every")) {
		opname_end = eq - 6;
		err = kstrtou64(eq + 1, 0, &it->every);
		if (!err && !it->every)
			err = -EINVAL;
	} else {
		dash = strchr(eq + 1, '-');
		if (dash)
			*dash = 0;
		err = kstrtou64(eq + 1, 0, &it->first);
		it->last = it->first;
		if (!err && dash)
			err = kstrtou64(dash + 1, 0, &it->last);
		if (!err && it->last < it->first)
			err = -EINVAL;
	}
	if (err)
		return err;
	err = parse_op(item, (size_t)(opname_end - item), &it->ops);
	if (err)
		return err;
	s->n++;
	return 0;
}

static int parse_spec(struct fault_set *s)
{
	char *rest = s->parsed, *rule;
	int err;

	while ((rule = strsep(&rest, ";")) != NULL) {
		char *colon, *items, *item;

		rule = strim(rule);
		if (!*rule)
			continue;
		colon = strrchr(rule, ':');
		if (!colon || colon == rule)
			return -EINVAL;
		*colon = 0;
		items = colon + 1;
		while ((item = strsep(&items, ",")) != NULL) {
			item = strim(item);
			if (!*item)
				return -EINVAL;
			err = parse_item(s, rule, item);
			if (err)
				return err;
		}
	}
	return 0;
}

static int disk_faults_set(const char *val, const struct kernel_param *kp)
{
	struct fault_set *s = NULL, *old;
	char *text, *spec;
	int err = 0;

	if (strlen(val) >= FAULT_SPEC_MAX)
		return -E2BIG;
	text = kstrdup(val, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	spec = strim(text);
	if (*spec && strcmp(spec, "off")) {
		s = kzalloc(sizeof(*s), GFP_KERNEL);
		if (s) {
			s->text = kstrdup(spec, GFP_KERNEL);
			s->parsed = kstrdup(spec, GFP_KERNEL);
		}
		err = (!s || !s->text || !s->parsed) ? -ENOMEM : parse_spec(s);
		if (err) {
			pr_warn("disk_faults: rejected '%s': %d\n", spec, err);
			fault_set_free(s);
			kfree(text);
			return err;
		}
	}
	spin_lock(&fault_lock);
	old = faults;
	WRITE_ONCE(faults, s);
	spin_unlock(&fault_lock);
	fault_set_free(old); /* nobody reads it now: readers hold fault_lock */
	if (s)
		pr_warn("disk fault injection active: %s\n", s->text);
	else
		pr_info("disk fault injection off\n");
	kfree(text);
	return 0;
}

static int disk_faults_get(char *buf, const struct kernel_param *kp)
{
	int n;

	spin_lock(&fault_lock);
	n = scnprintf(buf, PAGE_SIZE, "%s\n", faults ? faults->text : "");
	spin_unlock(&fault_lock);
	return n;
}

static const struct kernel_param_ops disk_faults_ops = {
	.set = disk_faults_set,
	.get = disk_faults_get,
};
module_param_cb(disk_faults, &disk_faults_ops, NULL, 0600);

static int faults_injected_get(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%lld\n", (long long)atomic64_read(&faults_injected));
}

static int faults_injected_set(const char *val, const struct kernel_param *kp)
{
	return -EPERM;
}

static const struct kernel_param_ops faults_injected_ops = {
	.set = faults_injected_set,
	.get = faults_injected_get,
};
module_param_cb(disk_faults_injected, &faults_injected_ops, NULL, 0444);

static bool file_matches(const char *rule_file, const char *path)
{
	const char *base;

	if (!strcmp(rule_file, path))
		return true;
	base = strrchr(path, '/');
	return base && !strcmp(rule_file, base + 1);
}

bool umc_bdev_fault_hit(const char *path, bool write, sector_t sector, unsigned int nr_sectors)
{
	unsigned int op = write ? FAULT_OP_WRITE : FAULT_OP_READ;
	u64 last = nr_sectors ? sector + nr_sectors - 1 : sector;
	bool hit = false;
	int i;

	if (!READ_ONCE(faults))
		return false;
	spin_lock(&fault_lock);
	for (i = 0; faults && i < faults->n && !hit; i++) {
		struct fault_item *it = &faults->item[i];

		if (!(it->ops & op) || !file_matches(it->file, path))
			continue;
		if (it->every)
			hit = ++it->seen % it->every == 0;
		else
			hit = sector <= it->last && last >= it->first;
	}
	spin_unlock(&fault_lock);
	if (hit)
		atomic64_inc(&faults_injected);
	return hit;
}

void umc_bdev_fault_exit(void)
{
	struct fault_set *old;

	spin_lock(&fault_lock);
	old = faults;
	WRITE_ONCE(faults, NULL);
	spin_unlock(&fault_lock);
	fault_set_free(old);
}
