// SPDX-License-Identifier: GPL-2.0
/*
 * jiffies.c - jiffies conversions (linux/jiffies.h). HZ = 1000: one jiffy is one
 * millisecond. Conversions to jiffies round up, so a timeout is never shorter than asked;
 * inputs too large for an int (negative in the kernel's signed view) mean "forever".
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>

#if HZ != 1000
#error "umc's jiffies conversions assume HZ == 1000"
#endif

unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (unsigned int)j;
}

unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (unsigned int)(j * USEC_PER_MSEC);
}

u64 jiffies64_to_nsecs(u64 j)
{
	return j * NSEC_PER_JIFFY;
}

u64 jiffies64_to_msecs(u64 j)
{
	return j;
}

unsigned long __msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return m;
}

unsigned long __usecs_to_jiffies(const unsigned int u)
{
	if ((int)u < 0)
		return MAX_JIFFY_OFFSET;
	return DIV_ROUND_UP((unsigned long)u, USEC_PER_MSEC);
}

u64 nsecs_to_jiffies64(u64 n)
{
	return n / NSEC_PER_JIFFY;
}

unsigned long nsecs_to_jiffies(u64 n)
{
	return (unsigned long)nsecs_to_jiffies64(n);
}

clock_t jiffies_to_clock_t(unsigned long x)
{
	return (clock_t)(x / (HZ / USER_HZ));
}

unsigned long clock_t_to_jiffies(unsigned long x)
{
	if (x >= ~0UL / (HZ / USER_HZ))
		return ~0UL;
	return x * (HZ / USER_HZ);
}

u64 jiffies_64_to_clock_t(u64 x)
{
	return x / (HZ / USER_HZ);
}
