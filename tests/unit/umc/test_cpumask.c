// SPDX-License-Identifier: GPL-2.0
/* test_cpumask.c - CPU masks (linux/cpumask.h, umc/src/cpumask.c). */
#include "umc_test.h"

#include <linux/cpumask.h>
#include <sys_service.h>

static void test_masks_match_the_host(void **state)
{
	unsigned int n = 0;
	int cpu;

	assert_true(nr_cpu_ids >= 1);
	assert_true(nr_cpu_ids <= NR_CPUS);
	assert_int_equal(nr_cpu_ids, sys->cpu_count() < NR_CPUS ? sys->cpu_count() : NR_CPUS);
	assert_int_equal(num_online_cpus(), nr_cpu_ids);
	for_each_online_cpu(cpu)
		n++;
	assert_int_equal(n, nr_cpu_ids);
	assert_true(cpu_online(0));
	assert_false(cpu_online(nr_cpu_ids));
	assert_int_equal(cpumask_weight(cpumask_of(0)), 1);
}

static void test_mask_operations(void **state)
{
	cpumask_var_t a, b, c;
	int cpu, n = 0;

	assert_true(zalloc_cpumask_var(&a, GFP_KERNEL));
	assert_true(zalloc_cpumask_var(&b, GFP_KERNEL));
	assert_true(alloc_cpumask_var(&c, GFP_KERNEL));
	assert_true(cpumask_empty(a));
	cpumask_setall(a);
	assert_true(cpumask_full(a));
	assert_int_equal(cpumask_weight(a), nr_cpu_ids);  /* exactly the existing CPUs */
	assert_true(cpumask_equal(a, cpu_possible_mask));
	cpumask_set_cpu(0, b);
	assert_true(cpumask_test_cpu(0, b));
	assert_true(cpumask_and(c, a, b));
	assert_true(cpumask_equal(c, b));
	cpumask_clear_cpu(0, b);
	assert_false(cpumask_and(c, a, b));
	assert_true(cpumask_empty(c));
	cpumask_copy(c, a);
	assert_true(cpumask_equal(c, a));
	for_each_cpu(cpu, c)
		n++;
	assert_int_equal(n, nr_cpu_ids);
	assert_int_equal(cpumask_first(c), 0);
	assert_true(cpumask_next(nr_cpu_ids - 1, c) >= nr_cpu_ids);
	free_cpumask_var(a);
	free_cpumask_var(b);
	free_cpumask_var(c);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_masks_match_the_host),
		cmocka_unit_test(test_mask_operations),
	};
	return UMC_TEST_RUN(tests);
}
