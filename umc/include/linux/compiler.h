/* SPDX-License-Identifier: GPL-2.0 */
/* linux/compiler.h - likely/unlikely, barriers, READ_ONCE/WRITE_ONCE (header-only). */
#ifndef _UMC_LINUX_COMPILER_H
#define _UMC_LINUX_COMPILER_H

#include <linux/compiler_types.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define likely_notrace(x) likely(x)
#define unlikely_notrace(x) unlikely(x)

/* Compiler barrier. CPU barriers (smp_mb ...) are in asm/barrier.h. */
#define barrier() __asm__ __volatile__("" : : : "memory")
#define barrier_data(ptr) __asm__ __volatile__("" : : "r"(ptr) : "memory")

/*
 * READ_ONCE/WRITE_ONCE: a single, untorn access the compiler may not elide or merge.
 * Implemented as relaxed C11-style atomic builtins so ThreadSanitizer sees them as atomic
 * (the kernel's volatile casts have the same code generation on x86-64).
 */
#define __READ_ONCE_SCALAR(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define READ_ONCE(x) \
	(__builtin_choose_expr(__native_word(x), __READ_ONCE_SCALAR(x), (*(const volatile typeof(x) *)&(x))))
#define WRITE_ONCE(x, val) \
	do { \
		if (__native_word(x)) \
			__atomic_store_n(&(x), (val), __ATOMIC_RELAXED); \
		else \
			*(volatile typeof(x) *)&(x) = (val); \
	} while (0)

#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __must_be_array(a) BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))
#define prefetch(x) __builtin_prefetch(x)
#define prefetchw(x) __builtin_prefetch(x, 1)
#define data_race(expr) ({ __unqual_scalar_typeof(({ expr; })) __v = ({ expr; }); __v; })

#include <linux/build_bug.h>

#endif
