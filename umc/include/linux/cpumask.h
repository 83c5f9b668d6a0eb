/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/cpumask.h - CPU masks. Masks and nr_cpu_ids are set up by umc_sched_init()
 * (umc/src/cpumask.c) from sys->cpu_count(): CPUs 0 .. nr_cpu_ids-1 are possible, present,
 * online and active; there is no CPU hotplug. NR_CPUS is CONFIG_NR_CPUS; a host with more
 * CPUs is used up to NR_CPUS (logged once at init).
 *
 * As with CONFIG_CPUMASK_OFFSTACK, operations cover nr_cpumask_bits == nr_cpu_ids bits, so
 * cpumask_setall() sets exactly the existing CPUs. cpumask_var_t is an embedded array
 * (no allocation): alloc/zalloc_cpumask_var() always succeed. None of this blocks.
 */
#ifndef _UMC_LINUX_CPUMASK_H
#define _UMC_LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/find.h>
#include <linux/compiler.h>
#include <linux/gfp_types.h>
#include <linux/bitmap.h> /* drbd-block addition: as Linux's cpumask.h (drbd_main.c) */

#define NR_CPUS CONFIG_NR_CPUS

struct cpumask {
	DECLARE_BITMAP(bits, NR_CPUS);
};
typedef struct cpumask cpumask_t;
typedef struct cpumask cpumask_var_t[1];

extern unsigned int nr_cpu_ids;
#define nr_cpumask_bits nr_cpu_ids

extern struct cpumask __cpu_possible_mask;
extern struct cpumask __cpu_online_mask;
extern struct cpumask __cpu_present_mask;
extern struct cpumask __cpu_active_mask;
#define cpu_possible_mask ((const struct cpumask *)&__cpu_possible_mask)
#define cpu_online_mask ((const struct cpumask *)&__cpu_online_mask)
#define cpu_present_mask ((const struct cpumask *)&__cpu_present_mask)
#define cpu_active_mask ((const struct cpumask *)&__cpu_active_mask)

#define cpumask_bits(maskp) ((maskp)->bits)
#define to_cpumask(bitmap) ((struct cpumask *)(bitmap))

static inline unsigned int cpumask_size(void)
{
	return sizeof(struct cpumask);
}

#define __umc_cpumask_words() BITS_TO_LONGS(nr_cpumask_bits)
#define __umc_cpumask_last_mask() \
	(nr_cpumask_bits % BITS_PER_LONG ? ~0UL >> (BITS_PER_LONG - nr_cpumask_bits % BITS_PER_LONG) : ~0UL)

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *dstp)
{
	set_bit(cpu, cpumask_bits(dstp));
}
static inline void __cpumask_set_cpu(unsigned int cpu, struct cpumask *dstp)
{
	__set_bit(cpu, cpumask_bits(dstp));
}
static inline void cpumask_clear_cpu(int cpu, struct cpumask *dstp)
{
	clear_bit(cpu, cpumask_bits(dstp));
}
static inline void __cpumask_clear_cpu(int cpu, struct cpumask *dstp)
{
	__clear_bit(cpu, cpumask_bits(dstp));
}
static inline bool cpumask_test_cpu(int cpu, const struct cpumask *cpumask)
{
	return test_bit(cpu, cpumask_bits(cpumask));
}
static inline bool cpumask_test_and_set_cpu(int cpu, struct cpumask *cpumask)
{
	return test_and_set_bit(cpu, cpumask_bits(cpumask));
}
static inline bool cpumask_test_and_clear_cpu(int cpu, struct cpumask *cpumask)
{
	return test_and_clear_bit(cpu, cpumask_bits(cpumask));
}

static inline void cpumask_setall(struct cpumask *dstp)
{
	unsigned int n = __umc_cpumask_words();
	for (unsigned int i = 0; i < n; i++)
		dstp->bits[i] = ~0UL;
	if (n)
		dstp->bits[n - 1] = __umc_cpumask_last_mask();
}
static inline void cpumask_clear(struct cpumask *dstp)
{
	for (unsigned int i = 0; i < __umc_cpumask_words(); i++)
		dstp->bits[i] = 0;
}

/* cpumask_and - *dstp = *src1p & *src2p; returns false if the result is empty. */
static inline bool cpumask_and(struct cpumask *dstp, const struct cpumask *src1p,
			       const struct cpumask *src2p)
{
	unsigned long any = 0;
	for (unsigned int i = 0; i < __umc_cpumask_words(); i++)
		any |= (dstp->bits[i] = src1p->bits[i] & src2p->bits[i]);
	return any != 0;
}
static inline void cpumask_or(struct cpumask *dstp, const struct cpumask *src1p,
			      const struct cpumask *src2p)
{
	for (unsigned int i = 0; i < __umc_cpumask_words(); i++)
		dstp->bits[i] = src1p->bits[i] | src2p->bits[i];
}
static inline void cpumask_xor(struct cpumask *dstp, const struct cpumask *src1p,
			       const struct cpumask *src2p)
{
	for (unsigned int i = 0; i < __umc_cpumask_words(); i++)
		dstp->bits[i] = src1p->bits[i] ^ src2p->bits[i];
}
/* cpumask_andnot - *dstp = *src1p & ~*src2p; returns false if the result is empty. */
static inline bool cpumask_andnot(struct cpumask *dstp, const struct cpumask *src1p,
				  const struct cpumask *src2p)
{
	unsigned long any = 0;
	for (unsigned int i = 0; i < __umc_cpumask_words(); i++)
		any |= (dstp->bits[i] = src1p->bits[i] & ~src2p->bits[i]);
	return any != 0;
}
static inline void cpumask_complement(struct cpumask *dstp, const struct cpumask *srcp)
{
	unsigned int n = __umc_cpumask_words();
	for (unsigned int i = 0; i < n; i++)
		dstp->bits[i] = ~srcp->bits[i];
	if (n)
		dstp->bits[n - 1] &= __umc_cpumask_last_mask();
}
static inline void cpumask_copy(struct cpumask *dstp, const struct cpumask *srcp)
{
	for (unsigned int i = 0; i < __umc_cpumask_words(); i++)
		dstp->bits[i] = srcp->bits[i];
}

static inline bool __umc_cpumask_word_eq(unsigned long a, unsigned long b, unsigned int i)
{
	unsigned long m = (i == __umc_cpumask_words() - 1) ? __umc_cpumask_last_mask() : ~0UL;
	return ((a ^ b) & m) == 0;
}
static inline bool cpumask_equal(const struct cpumask *src1p, const struct cpumask *src2p)
{
	for (unsigned int i = 0; i < __umc_cpumask_words(); i++)
		if (!__umc_cpumask_word_eq(src1p->bits[i], src2p->bits[i], i))
			return false;
	return true;
}
static inline bool cpumask_empty(const struct cpumask *srcp)
{
	for (unsigned int i = 0; i < __umc_cpumask_words(); i++)
		if (!__umc_cpumask_word_eq(srcp->bits[i], 0, i))
			return false;
	return true;
}
static inline bool cpumask_full(const struct cpumask *srcp)
{
	for (unsigned int i = 0; i < __umc_cpumask_words(); i++)
		if (!__umc_cpumask_word_eq(srcp->bits[i], ~0UL, i))
			return false;
	return true;
}
static inline bool cpumask_intersects(const struct cpumask *src1p, const struct cpumask *src2p)
{
	for (unsigned int i = 0; i < __umc_cpumask_words(); i++)
		if (!__umc_cpumask_word_eq(src1p->bits[i] & src2p->bits[i], 0, i))
			return true;
	return false;
}
static inline bool cpumask_subset(const struct cpumask *src1p, const struct cpumask *src2p)
{
	for (unsigned int i = 0; i < __umc_cpumask_words(); i++)
		if (!__umc_cpumask_word_eq(src1p->bits[i] & ~src2p->bits[i], 0, i))
			return false;
	return true;
}
static inline unsigned int cpumask_weight(const struct cpumask *srcp)
{
	unsigned int w = 0, n = __umc_cpumask_words();
	for (unsigned int i = 0; i < n; i++)
		w += hweight_long(srcp->bits[i] & (i == n - 1 ? __umc_cpumask_last_mask() : ~0UL));
	return w;
}

/* Searches return nr_cpu_ids (or more) when nothing is found. */
static inline unsigned int cpumask_first(const struct cpumask *srcp)
{
	return find_first_bit(cpumask_bits(srcp), nr_cpumask_bits);
}
static inline unsigned int cpumask_first_zero(const struct cpumask *srcp)
{
	return find_first_zero_bit(cpumask_bits(srcp), nr_cpumask_bits);
}
static inline unsigned int cpumask_last(const struct cpumask *srcp)
{
	return find_last_bit(cpumask_bits(srcp), nr_cpumask_bits);
}
/* cpumask_next - the next set CPU after @n (-1 starts the search at CPU 0). */
static inline unsigned int cpumask_next(int n, const struct cpumask *srcp)
{
	return find_next_bit(cpumask_bits(srcp), nr_cpumask_bits, n + 1);
}
static inline unsigned int cpumask_next_zero(int n, const struct cpumask *srcp)
{
	return find_next_zero_bit(cpumask_bits(srcp), nr_cpumask_bits, n + 1);
}
static inline unsigned int cpumask_any(const struct cpumask *srcp)
{
	return cpumask_first(srcp);
}
static inline unsigned int cpumask_any_and(const struct cpumask *src1p, const struct cpumask *src2p)
{
	for (unsigned int cpu = cpumask_first(src1p); cpu < nr_cpu_ids; cpu = cpumask_next(cpu, src1p))
		if (cpumask_test_cpu(cpu, src2p))
			return cpu;
	return nr_cpu_ids;
}

#define for_each_cpu(cpu, mask) \
	for ((cpu) = -1; (cpu) = cpumask_next((cpu), (mask)), (unsigned int)(cpu) < nr_cpu_ids;)
#define for_each_cpu_not(cpu, mask) \
	for ((cpu) = -1; (cpu) = cpumask_next_zero((cpu), (mask)), (unsigned int)(cpu) < nr_cpu_ids;)
#define for_each_possible_cpu(cpu) for_each_cpu((cpu), cpu_possible_mask)
#define for_each_online_cpu(cpu) for_each_cpu((cpu), cpu_online_mask)
#define for_each_present_cpu(cpu) for_each_cpu((cpu), cpu_present_mask)

#define num_online_cpus() cpumask_weight(cpu_online_mask)
#define num_possible_cpus() cpumask_weight(cpu_possible_mask)
#define num_present_cpus() cpumask_weight(cpu_present_mask)
#define num_active_cpus() cpumask_weight(cpu_active_mask)
#define cpu_online(cpu) cpumask_test_cpu((cpu), cpu_online_mask)
#define cpu_possible(cpu) cpumask_test_cpu((cpu), cpu_possible_mask)
#define cpu_present(cpu) cpumask_test_cpu((cpu), cpu_present_mask)
#define cpu_active(cpu) cpumask_test_cpu((cpu), cpu_active_mask)

/* cpumask_of - a mask with only @cpu set (umc/src/cpumask.c keeps one per CPU). */
const struct cpumask *umc_cpumask_of(unsigned int cpu);
#define cpumask_of(cpu) umc_cpumask_of(cpu)

/* The masks are embedded (cpumask_var_t is an array): allocation cannot fail. */
static inline bool alloc_cpumask_var(cpumask_var_t *mask, gfp_t flags)
{
	(void)mask;
	(void)flags;
	return true;
}
static inline bool zalloc_cpumask_var(cpumask_var_t *mask, gfp_t flags)
{
	(void)flags;
	for (unsigned int i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		(*mask)->bits[i] = 0;
	return true;
}
#define alloc_cpumask_var_node(mask, flags, node) alloc_cpumask_var(mask, flags)
#define zalloc_cpumask_var_node(mask, flags, node) zalloc_cpumask_var(mask, flags)
static inline void free_cpumask_var(cpumask_var_t mask)
{
	(void)mask;
}
static inline bool cpumask_available(cpumask_var_t mask)
{
	(void)mask;
	return true;
}

/* Format helpers used with printk: "%*pb" / "%*pbl". */
#define cpumask_pr_args(maskp) nr_cpu_ids, cpumask_bits(maskp)

#endif
