// SPDX-License-Identifier: GPL-2.0
/*
 * page_alloc.c - the page allocator behind linux/gfp.h and linux/mm.h.
 *
 * One arena of address space (sys->vm_reserve, committed lazily by the host) and a parallel
 * array of struct page (also reserved lazily), so that page <-> address is arithmetic. The
 * arena is carved into max-order blocks (4 MiB) from a "frontier": pages beyond it were never
 * handed out and neither they nor their struct pages have been touched. Blocks of 2^order
 * pages are managed by a binary buddy allocator: one free list per order, linked through
 * page->lru of each free block's first page, which carries umc_state == UMC_PAGE_FREE and
 * umc_order. Invariant: umc_state is nonzero only on the first page of a free or allocated
 * block. All of it is protected by one spinlock; nothing here ever sleeps.
 *
 * Freed memory returns to the host: when a whole max-order block is free again and more than
 * UMC_RETAIN_BLOCKS such blocks are resident, it is vm_discard()ed (outside the lock; the
 * block is off every list meanwhile) and queued behind the resident ones as UMC_PAGE_CLEAN
 * (its contents read as zeros, so __GFP_ZERO skips the memset).
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/rcupdate.h>
#include <umc/mem.h>
#include <umc/umc.h>
#include <sys_service.h>

#define UMC_PAGE_FREE 1  /* first page of a free block, contents arbitrary */
#define UMC_PAGE_CLEAN 2 /* first page of a free max-order block that was discarded */
#define UMC_PAGE_ALLOC 3 /* first page of an allocated block */

#define MAX_BLOCK_PAGES (1UL << (MAX_ORDER - 1))
#define UMC_RETAIN_BLOCKS 8 /* resident free max-order blocks kept before discarding */
#define UMC_ARENA_MIN (64ULL << 20)

struct page *umc_mem_map;
unsigned long umc_arena_start;
unsigned long umc_arena_pages;
u64 umc_page_arena_bytes = UMC_PAGE_ARENA_DEFAULT;

static struct {
	spinlock_t lock;
	struct list_head free[MAX_ORDER];
	unsigned long nr_free[MAX_ORDER]; /* blocks per order */
	unsigned long frontier;           /* first page never handed out */
	unsigned long in_use, peak;       /* pages */
	unsigned long resident_max;       /* UMC_PAGE_FREE blocks of the max order */
	unsigned long discarded;          /* pages in UMC_PAGE_CLEAN blocks */
	size_t map_bytes;
} pa = { .lock = __SPIN_LOCK_UNLOCKED(pa.lock) };

static void free_list_add(struct page *head, unsigned int order, unsigned short state)
{
	head->umc_order = order;
	head->umc_state = state;
	if (state == UMC_PAGE_CLEAN) {
		list_add_tail(&head->lru, &pa.free[order]);
		pa.discarded += MAX_BLOCK_PAGES;
	} else {
		list_add(&head->lru, &pa.free[order]);
		if (order == MAX_ORDER - 1)
			pa.resident_max++;
	}
	pa.nr_free[order]++;
}

static void free_list_del(struct page *head, unsigned int order)
{
	list_del(&head->lru);
	pa.nr_free[order]--;
	if (head->umc_state == UMC_PAGE_CLEAN)
		pa.discarded -= MAX_BLOCK_PAGES;
	else if (order == MAX_ORDER - 1)
		pa.resident_max--;
	head->umc_state = 0;
}

/* Take a block of 2^order pages (lock held). *clean: its contents are known to be zero. */
static struct page *take_block(unsigned int order, bool *clean)
{
	struct page *page;
	unsigned int o;

	*clean = false;
	for (o = order; o < MAX_ORDER; o++) {
		if (!list_empty(&pa.free[o])) {
			page = list_first_entry(&pa.free[o], struct page, lru);
			*clean = page->umc_state == UMC_PAGE_CLEAN;
			free_list_del(page, o);
			goto split;
		}
	}
	if (pa.frontier + MAX_BLOCK_PAGES > umc_arena_pages)
		return NULL;
	page = umc_mem_map + pa.frontier;
	pa.frontier += MAX_BLOCK_PAGES;
	*clean = true; /* fresh from the reservation */
	o = MAX_ORDER - 1;
split:
	while (o > order) {
		o--;
		/* the upper half keeps no "clean" mark: only max-order blocks carry it */
		free_list_add(page + (1UL << o), o, UMC_PAGE_FREE);
	}
	page->umc_order = order;
	page->umc_state = UMC_PAGE_ALLOC;
	pa.in_use += 1UL << order;
	if (pa.in_use > pa.peak)
		pa.peak = pa.in_use;
	return page;
}

/*
 * Return a block (lock held), merging it with free buddies. Returns the first page of a
 * whole max-order block that the caller must discard and then hand to put_clean(), or NULL.
 */
static struct page *give_block(struct page *page, unsigned int order)
{
	unsigned long idx = (unsigned long)(page - umc_mem_map);

	pa.in_use -= 1UL << order;
	page->umc_state = 0;
	while (order < MAX_ORDER - 1) {
		unsigned long bidx = idx ^ (1UL << order);
		struct page *buddy = umc_mem_map + bidx;

		if (buddy->umc_state != UMC_PAGE_FREE || buddy->umc_order != order)
			break;
		free_list_del(buddy, order);
		idx &= ~(1UL << order);
		order++;
	}
	page = umc_mem_map + idx;
	if (order == MAX_ORDER - 1 && pa.resident_max >= UMC_RETAIN_BLOCKS) {
		page->umc_order = order; /* off every list until put_clean() */
		return page;
	}
	free_list_add(page, order, UMC_PAGE_FREE);
	return NULL;
}

static void put_clean(struct page *head)
{
	unsigned long flags;

	sys->vm_discard(page_address(head), MAX_BLOCK_PAGES << PAGE_SHIFT);
	spin_lock_irqsave(&pa.lock, flags);
	free_list_add(head, MAX_ORDER - 1, UMC_PAGE_CLEAN);
	spin_unlock_irqrestore(&pa.lock, flags);
}

static void free_block(struct page *page, unsigned int order)
{
	struct page *discard;
	unsigned long flags;

	BUG_ON(page->umc_state != UMC_PAGE_ALLOC);
	spin_lock_irqsave(&pa.lock, flags);
	discard = give_block(page, order);
	spin_unlock_irqrestore(&pa.lock, flags);
	if (discard)
		put_clean(discard);
}

static DEFINE_RATELIMIT_STATE(alloc_fail_rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;
	unsigned long flags;
	bool clean;

	if (unlikely(order >= MAX_ORDER)) {
		WARN_ON_ONCE(!(gfp & __GFP_NOWARN));
		return NULL;
	}
	spin_lock_irqsave(&pa.lock, flags);
	page = take_block(order, &clean);
	spin_unlock_irqrestore(&pa.lock, flags);
	if (unlikely(!page)) {
		BUG_ON(gfp & __GFP_NOFAIL); /* nothing to wait for: no reclaim in umc */
		if (!(gfp & __GFP_NOWARN) && __ratelimit(&alloc_fail_rs))
			pr_warn("umc: page allocation of order %u failed: arena of %lu pages exhausted\n",
				order, umc_arena_pages);
		return NULL;
	}
	page->flags = 0;
	INIT_LIST_HEAD(&page->lru);
	page->mapping = NULL;
	page->index = 0;
	page->private = 0;
	atomic_set(&page->_refcount, 1);
	if ((gfp & __GFP_ZERO) && !clean)
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void umc_page_block_free(struct page *page)
{
	free_block(page, page->umc_order);
}

void __free_pages(struct page *page, unsigned int order)
{
	VM_BUG_ON(page->umc_state != UMC_PAGE_ALLOC);
	if (order == 0) {
		if (put_page_testzero(page))
			free_block(page, page->umc_order);
		return;
	}
	/*
	 * Someone else may hold a reference on the first page: then only it stays allocated
	 * (as an order-0 block freed by their put_page) and the rest is freed now. Publish the
	 * new order before dropping our reference, so that their put_page sees it.
	 */
	WARN_ON_ONCE(page->umc_order != order);
	page->umc_order = 0;
	if (put_page_testzero(page)) {
		free_block(page, order);
		return;
	}
	while (order-- > 0) {
		struct page *tail = page + (1UL << order);

		tail->umc_state = UMC_PAGE_ALLOC;
		free_block(tail, order);
	}
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr) {
		VM_BUG_ON(!virt_addr_valid((void *)addr));
		__free_pages(virt_to_page((void *)addr), order);
	}
}

void umc_page_stats(struct umc_page_stats *out)
{
	unsigned long flags;
	unsigned int o;

	spin_lock_irqsave(&pa.lock, flags);
	out->arena_pages = umc_arena_pages;
	out->in_use = pa.in_use;
	out->peak = pa.peak;
	out->free = 0;
	for (o = 0; o < MAX_ORDER; o++)
		out->free += pa.nr_free[o] << o;
	out->untouched = umc_arena_pages - pa.frontier;
	out->discarded = pa.discarded;
	spin_unlock_irqrestore(&pa.lock, flags);
}

static int page_arena_init(void)
{
	u64 bytes = umc_page_arena_bytes;
	const u64 block = MAX_BLOCK_PAGES << PAGE_SHIFT;
	void *arena = NULL, *map = NULL;
	unsigned int o;

	if (sys->page_size() > PAGE_SIZE) {
		pr_err("umc: host page size %zu is larger than PAGE_SIZE %lu\n", sys->page_size(),
		       PAGE_SIZE);
		return -EINVAL;
	}
	if (bytes < UMC_ARENA_MIN)
		bytes = UMC_ARENA_MIN;
	bytes &= ~(block - 1);
	for (; bytes >= UMC_ARENA_MIN; bytes = (bytes / 2) & ~(block - 1)) {
		size_t map_bytes = PAGE_ALIGN((bytes >> PAGE_SHIFT) * sizeof(struct page));

		arena = sys->vm_reserve(bytes, block);
		if (!arena)
			continue;
		map = sys->vm_reserve(map_bytes, PAGE_SIZE);
		if (map) {
			pa.map_bytes = map_bytes;
			break;
		}
		sys->vm_release(arena, bytes);
		arena = NULL;
	}
	if (!arena) {
		pr_err("umc: cannot reserve address space for the page arena\n");
		return -ENOMEM;
	}
	for (o = 0; o < MAX_ORDER; o++) {
		INIT_LIST_HEAD(&pa.free[o]);
		pa.nr_free[o] = 0;
	}
	pa.frontier = 0;
	pa.in_use = pa.peak = pa.resident_max = pa.discarded = 0;
	umc_mem_map = map;
	umc_arena_start = (unsigned long)arena;
	umc_arena_pages = bytes >> PAGE_SHIFT;
	return 0;
}

static void page_arena_exit(void)
{
	if (!umc_mem_map)
		return;
	if (pa.in_use) {
		pr_err("umc: %lu pages still allocated at exit; keeping the page arena\n", pa.in_use);
		return;
	}
	sys->vm_release((void *)umc_arena_start, umc_arena_pages << PAGE_SHIFT);
	sys->vm_release(umc_mem_map, pa.map_bytes);
	umc_mem_map = NULL;
	umc_arena_start = 0;
	umc_arena_pages = 0;
}

int umc_mem_init(void)
{
	return page_arena_init();
}

void umc_mem_exit(void)
{
	unsigned long vm;

	rcu_barrier(); /* kvfree_rcu/call_rcu frees still queued */
	vm = umc_vmalloc_live_bytes();
	if (vm)
		pr_err("umc: %lu bytes of vmalloc memory still allocated at exit\n", vm);
	page_arena_exit();
}
