/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/printk.h - printk and pr_* with the kernel's level prefixes.
 * Implemented in umc/src/printk.c: formats with umc's vsnprintf (kernel %p extensions) and
 * writes one line per message to sys->log_write at the level given by the KERN_ prefix.
 * May be called from any context, with any lock held; never blocks for long.
 */
#ifndef _UMC_LINUX_PRINTK_H
#define _UMC_LINUX_PRINTK_H

#include <linux/stdarg.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/kern_levels.h>

extern int console_printk[];
#define CONSOLE_LOGLEVEL_DEFAULT 7

/* _printk/vprintk log under subsystem "kernel"; the printk() macro passes the caller's
 * KBUILD_MODNAME as the log subsystem instead (umc-lib addition, see umc/debug.h). */
__printf(1, 2) __cold int _printk(const char *fmt, ...);
__printf(1, 0) int vprintk(const char *fmt, va_list args);
__printf(2, 3) int umc_printk(const char *modname, const char *fmt, ...);
#define printk(fmt, ...) umc_printk(KBUILD_MODNAME, fmt, ##__VA_ARGS__)
#define printk_deferred(fmt, ...) umc_printk(KBUILD_MODNAME, fmt, ##__VA_ARGS__)

/* Is pr_debug / dev_dbg output enabled for module @modname (umc's dynamic debug switch)? */
bool umc_debug_enabled(const char *modname);

/* %pV argument: a format and its arguments, formatted in place (umc/src/vsprintf.c). */
struct va_format {
	const char *fmt;
	va_list *va;
};

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME "umc"
#endif
#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define no_printk(fmt, ...) ({ if (0) printk(fmt, ##__VA_ARGS__); 0; })
#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warning pr_warn
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)
#define pr_devel(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) \
	do { \
		if (unlikely(umc_debug_enabled(KBUILD_MODNAME))) \
			printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__); \
	} while (0)
#define dynamic_pr_debug pr_debug

#define printk_once(fmt, ...) ({ \
	static bool __print_once; \
	bool __ret_print_once = !__atomic_exchange_n(&__print_once, true, __ATOMIC_RELAXED); \
	if (__ret_print_once) printk(fmt, ##__VA_ARGS__); \
	unlikely(__ret_print_once); })
#define pr_err_once(fmt, ...) printk_once(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_once(fmt, ...) printk_once(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_once(fmt, ...) printk_once(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)

/* dump_stack - log the calling thread's backtrace (sys->backtrace_log). */
void dump_stack(void);

/* print_hex_dump - log @len bytes of @buf, @rowsize (16 or 32) bytes per line in groups of
 * @groupsize (1, 2, 4, 8) bytes, with an optional address/offset prefix and ASCII column. */
enum { DUMP_PREFIX_NONE, DUMP_PREFIX_ADDRESS, DUMP_PREFIX_OFFSET };
void print_hex_dump(const char *level, const char *prefix_str, int prefix_type, int rowsize,
		    int groupsize, const void *buf, size_t len, bool ascii);
/* hex_dump_to_buffer - format one line of a hex dump into @linebuf; returns the length the
 * line would have had (as snprintf). */
int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize, char *linebuf,
		       size_t linebuflen, bool ascii);

#endif
