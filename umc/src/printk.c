// SPDX-License-Identifier: GPL-2.0
/*
 * printk.c - printk (<linux/printk.h>) onto the provider's log, and umc's per-module debug
 * switch (<umc/debug.h>).
 *
 * A message is formatted with umc's vsnprintf (kernel %p extensions), then its KERN_SOH
 * prefixes are parsed from the formatted text as Linux 6.1 does: a digit sets the level, 'c'
 * marks a continuation, 'd' means the default level (console_printk[1], KERN_WARNING).
 * Text is collected per thread until a newline: a KERN_CONT message is appended to the
 * thread's unterminated line, any other message first emits that line on its own. Each
 * complete line becomes one sys->log_write(level, module, text) call; embedded newlines split
 * a message into several lines. Messages are truncated at 1023 characters (the kernel's limit
 * is similar) and a truncated message ends its line. Messages before a provider is installed are dropped. Never blocks; safe with any
 * lock held (per-thread state only; sys->log_write never blocks for long).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/errno.h>
#include <umc/debug.h>
#include <sys_service.h>
#include "lib_internal.h"

#define LINE_MAX 1024
#define DEFAULT_MESSAGE_LOGLEVEL 4

/* console_loglevel, default_message_loglevel, minimum_console_loglevel,
 * default_console_loglevel: only the default message level is used by umc */
int console_printk[4] = { CONSOLE_LOGLEVEL_DEFAULT, DEFAULT_MESSAGE_LOGLEVEL, 1,
			  CONSOLE_LOGLEVEL_DEFAULT };

struct cont_line {
	const char *modname;
	int level;
	size_t len;
	char text[LINE_MAX];
};

static __thread struct cont_line cont;

void umc_log_line(int level, const char *modname, const char *msg, size_t len)
{
	const struct sys_service_ops *ops = __atomic_load_n(&sys, __ATOMIC_ACQUIRE);

	if (!ops)
		return;
	if (level < SYS_LOG_EMERG || level > SYS_LOG_DEBUG)
		level = DEFAULT_MESSAGE_LOGLEVEL;
	ops->log_write((enum sys_log_level)level, modname, msg, len);
}

static void cont_flush(void)
{
	if (cont.len)
		umc_log_line(cont.level, cont.modname, cont.text, cont.len);
	cont.len = 0;
}

void umc_printk_flush_thread(void)
{
	cont_flush();
}

/* Append @len bytes to the thread's line, emitting every completed line. */
static void cont_add(const char *text, size_t len)
{
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t seg = nl ? (size_t)(nl - text) : len;
		size_t room = sizeof(cont.text) - 1 - cont.len;
		size_t take = seg < room ? seg : room;

		memcpy(cont.text + cont.len, text, take);
		cont.len += take;
		if (!nl)
			break;
		/* a line is emitted even when empty, as the kernel records "\n" alone */
		umc_log_line(cont.level, cont.modname, cont.text, cont.len);
		cont.len = 0;
		text = nl + 1;
		len -= seg + 1;
	}
}

int umc_vprintk(const char *modname, const char *fmt, va_list args)
{
	char buf[LINE_MAX];
	const char *text = buf;
	int level = -1;
	bool is_cont = false;
	bool pending = cont.len != 0;
	bool truncated;
	int n;

	n = umc_vsnprintf(buf, sizeof(buf), fmt, args);
	truncated = n >= (int)sizeof(buf);
	if (truncated)
		n = sizeof(buf) - 1;

	while (text[0] == KERN_SOH_ASCII && text[1]) {
		char c = text[1];

		if (c >= '0' && c <= '7') {
			if (level < 0)
				level = c - '0';
		} else if (c == 'c') {
			is_cont = true;
		} else if (c != 'd') {
			break;
		}
		text += 2;
	}
	n -= text - buf;

	if (!(is_cont && pending)) {
		cont_flush();
		cont.modname = modname;
		cont.level = level >= 0 ? level : console_printk[1];
	}
	cont_add(text, n);
	if (truncated) /* its newline was cut off: the line is complete anyway */
		cont_flush();
	return n;
}

int umc_printk(const char *modname, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = umc_vprintk(modname, fmt, args);
	va_end(args);
	return n;
}

int vprintk(const char *fmt, va_list args)
{
	return umc_vprintk("kernel", fmt, args);
}

int _printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = umc_vprintk("kernel", fmt, args);
	va_end(args);
	return n;
}

void dump_stack(void)
{
	const struct sys_service_ops *ops = __atomic_load_n(&sys, __ATOMIC_ACQUIRE);

	if (ops)
		ops->backtrace_log((enum sys_log_level)console_printk[1]);
}

/* ---------------------------------------------------------------- debug switch */

#define DEBUG_NAMES 32
#define DEBUG_NAME_LEN 32

/* Names are appended (never changed) under debug_lock and published by debug_count
 * (release); the on/off state of each name and the "all" flag are atomics. */
struct debug_name {
	char name[DEBUG_NAME_LEN];
	int state; /* 0 off, 1 on, -1 excluded */
};

static struct debug_name debug_names[DEBUG_NAMES];
static unsigned int debug_count;
static int debug_all;
static int debug_any; /* fast path: nothing enabled at all */
static DEFINE_SPINLOCK(debug_lock);

/* the slot of @name (length @len), appended if new; NULL if the table is full */
static struct debug_name *debug_slot(const char *name, size_t len)
{
	unsigned int n = debug_count;

	for (unsigned int i = 0; i < n; i++)
		if (!strncmp(debug_names[i].name, name, len) && !debug_names[i].name[len])
			return &debug_names[i];
	if (n == DEBUG_NAMES)
		return NULL;
	memcpy(debug_names[n].name, name, len);
	debug_names[n].name[len] = '\0';
	__atomic_store_n(&debug_names[n].state, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&debug_count, n + 1, __ATOMIC_RELEASE);
	return &debug_names[n];
}

int umc_debug_set(const char *spec)
{
	int all = 0, any = 0, err = 0;
	const char *p = spec ? spec : "";

	spin_lock(&debug_lock);
	for (unsigned int i = 0; i < debug_count; i++)
		__atomic_store_n(&debug_names[i].state, 0, __ATOMIC_RELAXED);
	while (*p) {
		const char *start;
		bool exclude = false;
		size_t len;

		while (*p == ',' || *p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (*p == '-') {
			exclude = true;
			p++;
		}
		start = p;
		while (*p && *p != ',' && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		len = p - start;
		if (!len)
			continue;
		if (!exclude && ((len == 3 && !memcmp(start, "all", 3)) ||
				 (len == 1 && *start == '*'))) {
			all = 1;
			any = 1;
			continue;
		}
		if (len >= DEBUG_NAME_LEN) {
			err = -EINVAL;
			continue;
		}
		struct debug_name *slot = debug_slot(start, len);

		if (!slot) {
			err = -ENOSPC;
			continue;
		}
		__atomic_store_n(&slot->state, exclude ? -1 : 1, __ATOMIC_RELAXED);
		if (!exclude)
			any = 1;
	}
	__atomic_store_n(&debug_all, all, __ATOMIC_RELAXED);
	__atomic_store_n(&debug_any, any, __ATOMIC_RELEASE);
	spin_unlock(&debug_lock);
	return err;
}

/* @entry matches @mod exactly or as a prefix ending at a '.' ("umc" matches "umc.sock") */
static bool debug_match(const char *entry, const char *mod)
{
	size_t len = strlen(entry);

	return !strncmp(entry, mod, len) && (mod[len] == '\0' || mod[len] == '.');
}

bool umc_debug_enabled(const char *modname)
{
	unsigned int n;
	int verdict = 0;
	size_t best = 0;

	if (!__atomic_load_n(&debug_any, __ATOMIC_ACQUIRE))
		return false;
	n = __atomic_load_n(&debug_count, __ATOMIC_ACQUIRE);
	/* the longest matching entry decides; "all" applies when none matches */
	for (unsigned int i = 0; i < n; i++) {
		int state = __atomic_load_n(&debug_names[i].state, __ATOMIC_RELAXED);
		size_t len;

		if (!state || !debug_match(debug_names[i].name, modname))
			continue;
		len = strlen(debug_names[i].name);
		if (len >= best) {
			best = len;
			verdict = state;
		}
	}
	if (verdict)
		return verdict > 0;
	return __atomic_load_n(&debug_all, __ATOMIC_RELAXED);
}
