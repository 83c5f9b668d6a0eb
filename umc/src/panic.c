// SPDX-License-Identifier: GPL-2.0
/*
 * panic.c - BUG(), WARN() and panic() (<linux/bug.h>).
 *
 * BUG: logs "kernel BUG at <file>:<line>!" with the function and thread, then
 *      sys->panic, which logs a backtrace and aborts the process: a usermode process cannot
 *      carry on safely past a broken invariant (the kernel would kill the thread and leave
 *      its locks held, which ends the same way for DRBD).
 * WARN: logs the kernel's "cut here" block (message, "WARNING: at <file>:<line> <func>",
 *      backtrace, end marker) at KERN_WARNING and returns.
 * panic: "Kernel panic - not syncing: <message>" and sys->panic.
 * All log under subsystem "kernel". Callable from any context; BUG/panic never return.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <umc/debug.h>
#include <sys_service.h>
#include "lib_internal.h"

#define PANIC_MSG_MAX 512

static void thread_ident(char *name, size_t len, int *tid)
{
	name[0] = '\0';
	*tid = 0;
	if (sys) {
		sys->thread_get_name(name, len);
		*tid = sys->thread_id();
	}
}

static void __noreturn die(const char *msg)
{
	/* whatever this thread left unterminated goes out before the final words */
	umc_printk_flush_thread();
	if (sys)
		sys->panic(msg);
	__builtin_trap();
}

void umc_bug(const char *file, int line, const char *func)
{
	char msg[PANIC_MSG_MAX];
	char comm[16];
	int tid;

	thread_ident(comm, sizeof(comm), &tid);
	umc_snprintf(msg, sizeof(msg), "kernel BUG at %s:%d! (%s, thread %s/%d)", file, line,
		     func, comm, tid);
	die(msg);
}

void umc_warn(const char *file, int line, const char *func, const char *fmt, ...)
{
	char buf[PANIC_MSG_MAX];
	char comm[16];
	va_list args;
	int tid, n;

	umc_printk_flush_thread();
	umc_printk("kernel", KERN_WARNING "------------[ cut here ]------------\n");
	va_start(args, fmt);
	n = umc_vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (n)
		umc_printk("kernel", KERN_WARNING "%s\n", buf);
	thread_ident(comm, sizeof(comm), &tid);
	umc_printk("kernel", KERN_WARNING "WARNING: thread %s/%d at %s:%d %s\n", comm, tid, file,
		   line, func);
	if (sys)
		sys->backtrace_log(SYS_LOG_WARNING);
	umc_printk("kernel", KERN_WARNING "---[ end trace ]---\n");
}

void panic(const char *fmt, ...)
{
	char buf[PANIC_MSG_MAX];
	char msg[PANIC_MSG_MAX + 32];
	va_list args;
	int n;

	va_start(args, fmt);
	n = umc_vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	umc_snprintf(msg, sizeof(msg), "Kernel panic - not syncing: %s", buf);
	die(msg);
}
