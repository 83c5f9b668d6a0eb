// SPDX-License-Identifier: GPL-2.0
/*
 * memory.c - mem_* (tagged, accounted heap) and vm_* (address-space reservations).
 *
 * Every block carries a 32-byte header right before the user pointer: the tag's accounting
 * slot, the requested size, the distance back to the malloc'ed start and a magic word that
 * catches double frees and foreign pointers (panic). Accounting is lock-free: each tag has
 * its own slot of atomics in a fixed open-addressed table keyed by the tag pointer; a global
 * atomic tracks live bytes for the peak. Tags are static strings; equal strings at different
 * addresses get separate slots and are merged in the report.
 */
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mte_internal.h"

#define MEM_MAGIC 0x6d74656du /* "mtem" */
#define MEM_DEAD 0x64656164u  /* "dead" */
#define TAG_SLOTS 1024u         /* power of two */

struct tag_slot {
	const char *tag; /* NULL: free slot; set once by CAS */
	uint64_t live_bytes;
	uint64_t live_allocs;
	uint64_t total_allocs;
} __attribute__((aligned(64)));

struct mem_hdr {
	struct tag_slot *slot;
	size_t size;
	uint32_t back; /* bytes from the malloc'ed start to the user pointer */
	uint32_t magic;
	uint64_t pad;
};
_Static_assert(sizeof(struct mem_hdr) == 32, "header keeps 16-byte alignment");

static struct tag_slot tag_table[TAG_SLOTS];
static struct tag_slot overflow_slot = { .tag = "(tag table full)" };
static uint64_t global_live_bytes;
static uint64_t global_peak_bytes;

static struct tag_slot *tag_lookup(const char *tag)
{
	if (!tag)
		tag = "(untagged)";
	uintptr_t h = (uintptr_t)tag;
	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ull;
	unsigned int i = (unsigned int)(h >> 40) & (TAG_SLOTS - 1);
	for (unsigned int n = 0; n < TAG_SLOTS; n++, i = (i + 1) & (TAG_SLOTS - 1)) {
		struct tag_slot *s = &tag_table[i];
		const char *cur = __atomic_load_n(&s->tag, __ATOMIC_ACQUIRE);
		if (cur == tag)
			return s;
		if (!cur) {
			const char *expected = NULL;
			if (__atomic_compare_exchange_n(&s->tag, &expected, tag, false,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				return s;
			if (expected == tag)
				return s;
		}
	}
	return &overflow_slot;
}

static void account(struct tag_slot *s, size_t size, bool add)
{
	if (add) {
		__atomic_add_fetch(&s->live_bytes, size, __ATOMIC_RELAXED);
		__atomic_add_fetch(&s->live_allocs, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&s->total_allocs, 1, __ATOMIC_RELAXED);
		uint64_t live = __atomic_add_fetch(&global_live_bytes, size, __ATOMIC_RELAXED);
		uint64_t peak = __atomic_load_n(&global_peak_bytes, __ATOMIC_RELAXED);
		while (live > peak &&
		       !__atomic_compare_exchange_n(&global_peak_bytes, &peak, live, true,
						    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			;
	} else {
		__atomic_sub_fetch(&s->live_bytes, size, __ATOMIC_RELAXED);
		__atomic_sub_fetch(&s->live_allocs, 1, __ATOMIC_RELAXED);
		__atomic_sub_fetch(&global_live_bytes, size, __ATOMIC_RELAXED);
	}
}

void *mte_mem_alloc(size_t size, size_t align, const char *tag)
{
	if (align < 16)
		align = 16;
	if (align & (align - 1))
		return NULL;
	size_t extra = sizeof(struct mem_hdr) + (align > 16 ? align - 16 : 0);
	if (size > SIZE_MAX - extra || align > UINT32_MAX / 2)
		return NULL;
	char *raw = malloc(size + extra);
	if (!raw)
		return NULL;
	uintptr_t user = ((uintptr_t)raw + sizeof(struct mem_hdr) + align - 1) & ~(uintptr_t)(align - 1);
	struct mem_hdr *h = (struct mem_hdr *)user - 1;
	h->slot = tag_lookup(tag);
	h->size = size;
	h->back = (uint32_t)(user - (uintptr_t)raw);
	h->magic = MEM_MAGIC;
	h->pad = 0;
	account(h->slot, size, true);
	return (void *)user;
}

void *mte_mem_zalloc(size_t size, size_t align, const char *tag)
{
	void *p = mte_mem_alloc(size, align, tag);
	if (p)
		memset(p, 0, size);
	return p;
}

static struct mem_hdr *hdr_of(const void *p, const char *what)
{
	struct mem_hdr *h = (struct mem_hdr *)p - 1;
	if (h->magic != MEM_MAGIC) {
		char msg[96];
		snprintf(msg, sizeof(msg), "%s(%p): %s", what, p,
			 h->magic == MEM_DEAD ? "double free" : "not from mem_alloc or corrupted");
		mte_panic(msg);
	}
	return h;
}

void mte_mem_free(void *p)
{
	if (!p)
		return;
	struct mem_hdr *h = hdr_of(p, "mem_free");
	account(h->slot, h->size, false);
	h->magic = MEM_DEAD;
	free((char *)p - h->back);
}

size_t mte_mem_size(const void *p)
{
	return p ? hdr_of(p, "mem_size")->size : 0;
}

void mte_mem_stats(struct sys_mem_stats *out)
{
	memset(out, 0, sizeof(*out));
	for (unsigned int i = 0; i <= TAG_SLOTS; i++) {
		struct tag_slot *s = i < TAG_SLOTS ? &tag_table[i] : &overflow_slot;
		if (!__atomic_load_n(&s->tag, __ATOMIC_ACQUIRE))
			continue;
		out->live_allocs += __atomic_load_n(&s->live_allocs, __ATOMIC_RELAXED);
		out->total_allocs += __atomic_load_n(&s->total_allocs, __ATOMIC_RELAXED);
	}
	out->live_bytes = __atomic_load_n(&global_live_bytes, __ATOMIC_RELAXED);
	out->peak_bytes = __atomic_load_n(&global_peak_bytes, __ATOMIC_RELAXED);
}

uint64_t mte_mem_report(enum sys_log_level level)
{
	/* Merge slots whose tags are equal strings; report each name once. */
	uint64_t total = 0;
	for (unsigned int i = 0; i <= TAG_SLOTS; i++) {
		struct tag_slot *s = i < TAG_SLOTS ? &tag_table[i] : &overflow_slot;
		const char *tag = __atomic_load_n(&s->tag, __ATOMIC_ACQUIRE);
		if (!tag)
			continue;
		bool seen = false;
		for (unsigned int j = 0; j < i && !seen; j++) {
			const char *o = __atomic_load_n(&tag_table[j].tag, __ATOMIC_ACQUIRE);
			seen = o && strcmp(o, tag) == 0;
		}
		if (seen)
			continue;
		uint64_t bytes = 0, allocs = 0;
		for (unsigned int j = i; j <= TAG_SLOTS; j++) {
			struct tag_slot *o = j < TAG_SLOTS ? &tag_table[j] : &overflow_slot;
			const char *ot = __atomic_load_n(&o->tag, __ATOMIC_ACQUIRE);
			if (!ot || strcmp(ot, tag) != 0)
				continue;
			bytes += __atomic_load_n(&o->live_bytes, __ATOMIC_RELAXED);
			allocs += __atomic_load_n(&o->live_allocs, __ATOMIC_RELAXED);
		}
		if (!allocs)
			continue;
		total += bytes;
		mte_logf(level, "mte.mem", "live: %llu bytes in %llu allocations tagged \"%s\"",
			 (unsigned long long)bytes, (unsigned long long)allocs, tag);
	}
	if (total)
		mte_logf(level, "mte.mem", "live total: %llu bytes", (unsigned long long)total);
	return total;
}

/* ------------------------------------------------------------------------------------ */

size_t mte_page_size(void)
{
	static size_t cached;
	size_t ps = __atomic_load_n(&cached, __ATOMIC_RELAXED);
	if (!ps) {
		long v = sysconf(_SC_PAGESIZE);
		ps = v > 0 ? (size_t)v : 4096;
		__atomic_store_n(&cached, ps, __ATOMIC_RELAXED);
	}
	return ps;
}

/* Over-reserve by @align, then unmap the unaligned head and the tail. */
void *mte_vm_reserve(size_t bytes, size_t align)
{
	size_t ps = mte_page_size();
	if (align < ps)
		align = ps;
	if ((align & (align - 1)) || !bytes)
		return NULL;
	bytes = (bytes + ps - 1) & ~(ps - 1);
	if (bytes > SIZE_MAX - align)
		return NULL;
	size_t span = bytes + align - ps;
	char *raw = mmap(NULL, span, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (raw == MAP_FAILED) {
		MTE_LOG(SYS_LOG_ERR, "vm_reserve(%zu, %zu): %s", bytes, align, strerror(errno));
		return NULL;
	}
	char *base = (char *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
	if (base > raw)
		munmap(raw, (size_t)(base - raw));
	char *end = base + bytes;
	if (raw + span > end)
		munmap(end, (size_t)(raw + span - end));
	return base;
}

void mte_vm_release(void *base, size_t bytes)
{
	size_t ps = mte_page_size();
	if (base)
		munmap(base, (bytes + ps - 1) & ~(ps - 1));
}

void mte_vm_discard(void *addr, size_t bytes)
{
	if (madvise(addr, bytes, MADV_DONTNEED))
		MTE_LOG(SYS_LOG_WARNING, "vm_discard(%p, %zu): %s", addr, bytes, strerror(errno));
}
