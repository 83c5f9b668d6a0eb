/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/bug.h - BUG/WARN. Implemented in umc/src/panic.c: BUG() logs "kernel BUG at
 * file:line" with a backtrace and aborts the process through sys->panic (as the kernel would
 * oops the thread; a usermode process cannot survive a broken invariant safely).
 * WARN* logs the condition and a backtrace and continues.
 */
#ifndef _UMC_LINUX_BUG_H
#define _UMC_LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/build_bug.h>

void __noreturn umc_bug(const char *file, int line, const char *func);
void umc_warn(const char *file, int line, const char *func, const char *fmt, ...) __printf(4, 5);
void __noreturn panic(const char *fmt, ...) __printf(1, 2) __cold;

#define BUG() umc_bug(__FILE__, __LINE__, __func__)
#define BUG_ON(condition) do { if (unlikely(condition)) BUG(); } while (0)
#define WARN(condition, format...) ({ \
	int __ret_warn_on = !!(condition); \
	if (unlikely(__ret_warn_on)) \
		umc_warn(__FILE__, __LINE__, __func__, format); \
	unlikely(__ret_warn_on); })
#define WARN_ON(condition) WARN(condition, "WARN_ON(%s)", #condition)
#define WARN_ONCE(condition, format...) ({ \
	static bool __warned; \
	int __ret_warn_once = !!(condition); \
	if (unlikely(__ret_warn_once && !__atomic_exchange_n(&__warned, true, __ATOMIC_RELAXED))) \
		umc_warn(__FILE__, __LINE__, __func__, format); \
	unlikely(__ret_warn_once); })
#define WARN_ON_ONCE(condition) WARN_ONCE(condition, "WARN_ON_ONCE(%s)", #condition)
#define BUG_ON_INVALID(e) ((void)(sizeof((long)(e))))
#define VM_BUG_ON(cond) BUG_ON(cond)
#define VM_WARN_ON(cond) (void)WARN_ON(cond)
#define VM_BUG_ON_PAGE(cond, page) BUG_ON(cond)

#endif
