// SPDX-License-Identifier: GPL-2.0
/* Conformance: mem_* accounting and leak report, vm_* reservations, page size. */
#include "mte_test.h"

static void test_alloc_accounting(void **state)
{
	struct sys_mem_stats before, mid, after;
	sys->mem_stats(&before);
	void *a = sys->mem_alloc(1000, 0, "test.a");
	void *b = sys->mem_zalloc(5000, 0, "test.b");
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal((uintptr_t)a % 16, 0);
	assert_int_equal(sys->mem_size(a), 1000);
	assert_int_equal(sys->mem_size(b), 5000);
	for (int i = 0; i < 5000; i++)
		assert_int_equal(((unsigned char *)b)[i], 0);
	memset(a, 0xa5, 1000);
	sys->mem_stats(&mid);
	assert_int_equal(mid.live_bytes, before.live_bytes + 6000);
	assert_int_equal(mid.live_allocs, before.live_allocs + 2);
	assert_true(mid.total_allocs >= before.total_allocs + 2);
	assert_true(mid.peak_bytes >= mid.live_bytes);
	sys->mem_free(a);
	sys->mem_free(b);
	sys->mem_free(NULL);
	sys->mem_stats(&after);
	assert_int_equal(after.live_bytes, before.live_bytes);
	assert_int_equal(after.live_allocs, before.live_allocs);
}

static void test_alignment(void **state)
{
	size_t aligns[] = { 16, 64, 512, 4096, 65536 };
	for (size_t i = 0; i < sizeof(aligns) / sizeof(aligns[0]); i++) {
		void *p = sys->mem_alloc(3000, aligns[i], "test.align");
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % aligns[i], 0);
		assert_int_equal(sys->mem_size(p), 3000);
		memset(p, 1, 3000);
		sys->mem_free(p);
	}
}

static void test_leak_detected(void **state)
{
	/* the provider's own objects (loops, threads) are live while it runs */
	uint64_t base = sys->mem_report(SYS_LOG_DEBUG);
	void *leak = sys->mem_alloc(777, 0, "test.leak");
	assert_non_null(leak);
	/* the report lists the live allocation and returns its size */
	assert_int_equal(sys->mem_report(SYS_LOG_INFO), base + 777);
	/* the same tag string at another address is merged into the same report line */
	static char tag2[] = "test.leak"; /* tags must outlive their allocations */
	void *leak2 = sys->mem_alloc(23, 0, tag2);
	assert_int_equal(sys->mem_report(SYS_LOG_DEBUG), base + 800);
	sys->mem_free(leak2);
	sys->mem_free(leak);
	assert_int_equal(sys->mem_report(SYS_LOG_DEBUG), base);
}

static void test_many_tags(void **state)
{
	static char tags[200][16];
	void *p[200];
	uint64_t base = sys->mem_report(SYS_LOG_DEBUG);
	for (int i = 0; i < 200; i++) {
		snprintf(tags[i], sizeof(tags[i]), "test.tag%d", i);
		p[i] = sys->mem_alloc((size_t)i + 1, 0, tags[i]);
		assert_non_null(p[i]);
	}
	assert_int_equal(sys->mem_report(SYS_LOG_DEBUG), base + 200 * 201 / 2);
	for (int i = 0; i < 200; i++)
		sys->mem_free(p[i]);
	assert_int_equal(sys->mem_report(SYS_LOG_DEBUG), base);
}

static void test_vm_reserve(void **state)
{
	size_t ps = sys->page_size();
	assert_true(ps >= 4096 && (ps & (ps - 1)) == 0);
	size_t align = 2u << 20, bytes = 64u << 20;
	unsigned char *base = sys->vm_reserve(bytes, align);
	assert_non_null(base);
	assert_int_equal((uintptr_t)base % align, 0);
	/* lazily committed, zero, writable at both ends */
	assert_int_equal(base[0], 0);
	assert_int_equal(base[bytes - 1], 0);
	memset(base, 0x5a, 3 * ps);
	base[bytes - 1] = 7;
	sys->vm_discard(base, 2 * ps);
	assert_int_equal(base[0], 0);
	assert_int_equal(base[2 * ps - 1], 0);
	assert_int_equal(base[2 * ps], 0x5a); /* outside the discarded range */
	assert_int_equal(base[bytes - 1], 7);
	sys->vm_release(base, bytes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_accounting),
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_leak_detected),
		cmocka_unit_test(test_many_tags),
		cmocka_unit_test(test_vm_reserve),
	};
	return cmocka_run_group_tests(tests, mte_test_start, mte_test_stop);
}
