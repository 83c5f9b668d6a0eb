// SPDX-License-Identifier: GPL-2.0
/*
 * cpumask.c - the CPU masks and nr_cpu_ids (linux/cpumask.h). Set once by umc_sched_init()
 * from sys->cpu_count(); CPUs 0 .. nr_cpu_ids-1 are possible, present, online and active.
 */
#include <linux/kernel.h>
#include <linux/cpumask.h>

#include "sched_internal.h"

unsigned int nr_cpu_ids = 1;
struct cpumask __cpu_possible_mask;
struct cpumask __cpu_online_mask;
struct cpumask __cpu_present_mask;
struct cpumask __cpu_active_mask;

static struct cpumask cpu_single_masks[NR_CPUS];

const struct cpumask *umc_cpumask_of(unsigned int cpu)
{
	BUG_ON(cpu >= NR_CPUS);
	return &cpu_single_masks[cpu];
}

void umc_cpumask_init(void)
{
	unsigned int n = sys->cpu_count();

	if (n == 0)
		n = 1;
	if (n > NR_CPUS) {
		pr_info("umc: host has %u CPUs, using the first %u (NR_CPUS)\n", n, NR_CPUS);
		n = NR_CPUS;
	}
	nr_cpu_ids = n;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		bool on = cpu < n;

		__clear_bit(cpu, cpumask_bits(&cpu_single_masks[cpu]));
		if (on) {
			__set_bit(cpu, cpumask_bits(&cpu_single_masks[cpu]));
			__set_bit(cpu, cpumask_bits(&__cpu_possible_mask));
			__set_bit(cpu, cpumask_bits(&__cpu_online_mask));
			__set_bit(cpu, cpumask_bits(&__cpu_present_mask));
			__set_bit(cpu, cpumask_bits(&__cpu_active_mask));
		} else {
			__clear_bit(cpu, cpumask_bits(&__cpu_possible_mask));
			__clear_bit(cpu, cpumask_bits(&__cpu_online_mask));
			__clear_bit(cpu, cpumask_bits(&__cpu_present_mask));
			__clear_bit(cpu, cpumask_bits(&__cpu_active_mask));
		}
	}
}
