/* SPDX-License-Identifier: GPL-2.0 */
/* linux/compiler_types.h - attributes and sparse annotations (annotations are no-ops). */
#ifndef _UMC_LINUX_COMPILER_TYPES_H
#define _UMC_LINUX_COMPILER_TYPES_H

#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __force
#define __nocast
#define __safe
#define __private
#define __bitwise
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x) (void)0
#define __release(x) (void)0
#define __cond_lock(x, c) (c)
#define __chk_user_ptr(x) (void)0
#define __chk_io_ptr(x) (void)0
#define ACCESS_PRIVATE(p, member) ((p)->member)

#ifndef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#endif
#define noinline __attribute__((__noinline__))
#define __noreturn __attribute__((__noreturn__))
#define __packed __attribute__((__packed__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __used __attribute__((__used__))
#define __must_check __attribute__((__warn_unused_result__))
#define __cold __attribute__((__cold__))
#define __pure __attribute__((__pure__))
#define __weak __attribute__((__weak__))
#define __section(s) __attribute__((__section__(s)))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __scanf(a, b) __attribute__((__format__(scanf, a, b)))
#define __malloc __attribute__((__malloc__))
#define __designated_init
#define __randomize_layout
#define __no_randomize_layout
#define __visible
#define __init
#define __exit
#define __initdata
#define __exitdata
#define __read_mostly
#define __ro_after_init
#define __cacheline_aligned __attribute__((__aligned__(64)))
#define __cacheline_aligned_in_smp __cacheline_aligned
#define ____cacheline_aligned __cacheline_aligned
#define ____cacheline_aligned_in_smp __cacheline_aligned
#define notrace
#define __nocfi
#define __noclone
#define __no_sanitize_address
#define fallthrough __attribute__((__fallthrough__))
#define __alloc_size(...)
#define __realloc_size(...)
#define __counted_by(m)
#define inline inline
#define __inline__ inline
#define __inline inline
#define __native_word(t) \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || sizeof(t) == sizeof(int) || \
	 sizeof(t) == sizeof(long))
#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))
#define __is_constexpr(x) (sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))
#define __compiletime_error(msg) __attribute__((__error__(msg)))
#define __compiletime_warning(msg) __attribute__((__warning__(msg)))
#define __unqual_scalar_typeof(x) typeof(_Generic((x), \
	char: (char)0, unsigned char: (unsigned char)0, signed char: (signed char)0, \
	short: (short)0, unsigned short: (unsigned short)0, int: (int)0, unsigned: (unsigned)0, \
	long: (long)0, unsigned long: (unsigned long)0, long long: (long long)0, \
	unsigned long long: (unsigned long long)0, _Bool: (_Bool)0, default: (x)))

#endif
