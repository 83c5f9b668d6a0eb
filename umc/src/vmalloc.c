// SPDX-License-Identifier: GPL-2.0
/*
 * vmalloc.c - vmalloc/vfree and is_vmalloc_addr (linux/vmalloc.h, linux/mm.h).
 *
 * A vmalloc block is one page-aligned, page-rounded sys->mem_alloc allocation tagged
 * "vmalloc". The live blocks are kept in an array sorted by address (vmalloc is rare and the
 * blocks are few: bitmap page arrays, large tables), so is_vmalloc_addr() is a binary search
 * under a spinlock and answers for any address inside a block, as in Linux. Never sleeps.
 */
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/printk.h>
#include <umc/mem.h>
#include <sys_service.h>

struct vm_block {
	unsigned long start;
	unsigned long size;
};

static struct {
	spinlock_t lock;
	struct vm_block *blocks; /* sorted by start */
	size_t nr, cap;
	unsigned long live_bytes;
} vm = { .lock = __SPIN_LOCK_UNLOCKED(vm.lock) };

/* Index of the first block whose start is > addr (lock held). */
static size_t vm_upper(unsigned long addr)
{
	size_t lo = 0, hi = vm.nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (vm.blocks[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int vm_insert(unsigned long start, unsigned long size)
{
	size_t i;

	if (vm.nr == vm.cap) {
		size_t ncap = vm.cap ? vm.cap * 2 : 16;
		struct vm_block *n = sys->mem_alloc(ncap * sizeof(*n), 0, "vmalloc");

		if (!n)
			return -ENOMEM;
		if (vm.nr)
			memcpy(n, vm.blocks, vm.nr * sizeof(*n));
		sys->mem_free(vm.blocks);
		vm.blocks = n;
		vm.cap = ncap;
	}
	i = vm_upper(start);
	memmove(&vm.blocks[i + 1], &vm.blocks[i], (vm.nr - i) * sizeof(*vm.blocks));
	vm.blocks[i].start = start;
	vm.blocks[i].size = size;
	vm.nr++;
	vm.live_bytes += size;
	return 0;
}

void *__vmalloc(unsigned long size, gfp_t gfp_mask)
{
	void *p;
	int err;

	if (WARN_ON_ONCE(!size))
		return NULL;
	size = PAGE_ALIGN(size);
	if (gfp_mask & __GFP_ZERO)
		p = sys->mem_zalloc(size, PAGE_SIZE, "vmalloc");
	else
		p = sys->mem_alloc(size, PAGE_SIZE, "vmalloc");
	if (!p)
		goto fail;
	spin_lock(&vm.lock);
	err = vm_insert((unsigned long)p, size);
	spin_unlock(&vm.lock);
	if (!err)
		return p;
	sys->mem_free(p);
fail:
	if (!(gfp_mask & __GFP_NOWARN))
		pr_warn("umc: vmalloc of %lu bytes failed\n", size);
	return NULL;
}

void vfree(const void *addr)
{
	unsigned long a = (unsigned long)addr;
	size_t i;

	if (!addr)
		return;
	spin_lock(&vm.lock);
	i = vm_upper(a);
	if (unlikely(i == 0 || vm.blocks[i - 1].start != a)) {
		spin_unlock(&vm.lock);
		WARN(1, "Trying to vfree() nonexistent vm area (%p)\n", addr);
		return;
	}
	i--;
	vm.live_bytes -= vm.blocks[i].size;
	memmove(&vm.blocks[i], &vm.blocks[i + 1], (vm.nr - i - 1) * sizeof(*vm.blocks));
	vm.nr--;
	if (!vm.nr) {
		sys->mem_free(vm.blocks);
		vm.blocks = NULL;
		vm.cap = 0;
	}
	spin_unlock(&vm.lock);
	sys->mem_free((void *)addr);
}

bool is_vmalloc_addr(const void *addr)
{
	unsigned long a = (unsigned long)addr;
	bool ret = false;
	size_t i;

	if (!addr)
		return false;
	spin_lock(&vm.lock);
	i = vm_upper(a);
	if (i > 0 && a - vm.blocks[i - 1].start < vm.blocks[i - 1].size)
		ret = true;
	spin_unlock(&vm.lock);
	return ret;
}

unsigned long umc_vmalloc_live_bytes(void)
{
	unsigned long n;

	spin_lock(&vm.lock);
	n = vm.live_bytes;
	spin_unlock(&vm.lock);
	return n;
}
