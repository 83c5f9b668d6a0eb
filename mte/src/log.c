// SPDX-License-Identifier: GPL-2.0
/*
 * log.c - log_write / log_enabled / backtrace_log / panic.
 *
 * One line per message: "[seconds.micros] LEVEL subsys [thread]: text". Each line is written
 * with a single write() to stderr or the log file (O_APPEND), so lines of different threads
 * never interleave and no lock is taken. The level table is built by mte_log_setup() before
 * the provider is installed and is read-only afterwards, so log_enabled is a few compares.
 */
#include <execinfo.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mte_internal.h"

#define MAX_RULES 32
#define KEY_MAX 40
#define LINE_MAX_BYTES 4096

struct level_rule {
	char key[KEY_MAX];
	size_t keylen;
	int level;
};

static struct level_rule rules[MAX_RULES];
static unsigned int nrules;
static int default_level = SYS_LOG_INFO;
static int log_fd = STDERR_FILENO;
static bool log_fd_owned;
static uint64_t log_t0;

static const char *const level_names[] = { "EMERG", "ALERT", "CRIT", "ERR",
					   "WARN",  "NOTICE", "INFO", "DEBUG" };

/* Parse "a=7,b.c=6,*=5" into the rule table. Returns -EINVAL on a malformed pair. */
static int parse_levels(const char *s)
{
	while (s && *s) {
		const char *end = strchr(s, ',');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		const char *eq = memchr(s, '=', n);
		if (n == 0) {
			s = end ? end + 1 : NULL;
			continue;
		}
		if (!eq || eq == s || (size_t)(eq - s) >= KEY_MAX)
			return -EINVAL;
		char *num_end;
		long lv = strtol(eq + 1, &num_end, 10);
		if (num_end != s + n || num_end == eq + 1 || lv < 0 || lv > SYS_LOG_DEBUG)
			return -EINVAL;
		size_t klen = (size_t)(eq - s);
		if (klen == 1 && s[0] == '*') {
			default_level = (int)lv;
		} else {
			struct level_rule *r = NULL;
			for (unsigned int i = 0; i < nrules; i++)
				if (rules[i].keylen == klen && !memcmp(rules[i].key, s, klen))
					r = &rules[i];
			if (!r) {
				if (nrules == MAX_RULES)
					return -EINVAL;
				r = &rules[nrules++];
			}
			memcpy(r->key, s, klen);
			r->key[klen] = 0;
			r->keylen = klen;
			r->level = (int)lv;
		}
		s = end ? end + 1 : NULL;
	}
	return 0;
}

int mte_log_setup(const struct mte_options *opts)
{
	nrules = 0;
	default_level = opts && opts->log_level > 0 && opts->log_level <= SYS_LOG_DEBUG
				? opts->log_level
				: SYS_LOG_INFO;
	log_t0 = mte_time_monotonic_ns();
	if (opts && opts->log_levels && parse_levels(opts->log_levels)) {
		fprintf(stderr, "mte: bad log level string \"%s\"\n", opts->log_levels);
		return -EINVAL;
	}
	const char *env = getenv("MTE_LOG");
	if (env && parse_levels(env)) {
		fprintf(stderr, "mte: bad MTE_LOG=\"%s\"\n", env);
		return -EINVAL;
	}
	if (opts && opts->log_file) {
		int fd = open(opts->log_file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		if (fd < 0) {
			int e = errno;
			fprintf(stderr, "mte: cannot open log file %s: %s\n", opts->log_file,
				strerror(e));
			return -e;
		}
		log_fd = fd;
		log_fd_owned = true;
	}
	return 0;
}

void mte_log_teardown(void)
{
	if (log_fd_owned)
		close(log_fd);
	log_fd = STDERR_FILENO;
	log_fd_owned = false;
}

static int level_for(const char *subsys)
{
	int lv = default_level;
	size_t best = 0;
	if (!subsys)
		return lv;
	for (unsigned int i = 0; i < nrules; i++) {
		const struct level_rule *r = &rules[i];
		if (r->keylen > best && !strncmp(subsys, r->key, r->keylen) &&
		    (subsys[r->keylen] == 0 || subsys[r->keylen] == '.')) {
			best = r->keylen;
			lv = r->level;
		}
	}
	return lv;
}

bool mte_log_enabled(enum sys_log_level level, const char *subsys)
{
	if (!nrules)
		return (int)level <= default_level;
	return (int)level <= level_for(subsys);
}

static void write_all(const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(log_fd, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		buf += n;
		len -= (size_t)n;
	}
}

/* Format and write one line without consulting the level table. */
static void emit(enum sys_log_level level, const char *subsys, const char *msg, size_t len)
{
	char line[LINE_MAX_BYTES];
	uint64_t t = mte_time_monotonic_ns() - log_t0;
	unsigned int lv = (unsigned int)level <= SYS_LOG_DEBUG ? (unsigned int)level : SYS_LOG_DEBUG;
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == '\r'))
		len--;
	int h = snprintf(line, sizeof(line), "[%5llu.%06llu] %-6s %s [%s]: ",
			 (unsigned long long)(t / 1000000000u),
			 (unsigned long long)(t % 1000000000u / 1000u), level_names[lv],
			 subsys ? subsys : "-", mte_thread_name_cached());
	if (h < 0)
		return;
	size_t pos = (size_t)h < sizeof(line) - 1 ? (size_t)h : sizeof(line) - 1;
	size_t room = sizeof(line) - 1 - pos;
	if (len > room)
		len = room;
	memcpy(line + pos, msg, len);
	pos += len;
	line[pos++] = '\n';
	write_all(line, pos);
}

void mte_log_write(enum sys_log_level level, const char *subsys, const char *msg, size_t len)
{
	if (!mte_log_enabled(level, subsys))
		return;
	emit(level, subsys, msg, len);
}

void mte_logf(enum sys_log_level level, const char *subsys, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	if (!mte_log_enabled(level, subsys))
		return;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	emit(level, subsys, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

static void backtrace_emit(enum sys_log_level level)
{
	void *frames[64];
	int n = backtrace(frames, 64);
	char **syms = backtrace_symbols(frames, n);
	for (int i = 1; i < n; i++) { /* skip this function */
		char buf[512];
		int len = snprintf(buf, sizeof(buf), "  #%-2d %s", i - 1,
				   syms ? syms[i] : "?");
		if (len > 0)
			emit(level, "backtrace", buf,
			     (size_t)len < sizeof(buf) ? (size_t)len : sizeof(buf) - 1);
	}
	if (!syms) /* out of memory: let libc write the raw frames */
		backtrace_symbols_fd(frames + 1, n - 1, log_fd);
	free(syms);
}

void mte_backtrace_log(enum sys_log_level level)
{
	if (!mte_log_enabled(level, "backtrace"))
		return;
	backtrace_emit(level);
}

void mte_panic(const char *msg)
{
	emit(SYS_LOG_EMERG, "panic", msg, strlen(msg));
	backtrace_emit(SYS_LOG_EMERG);
	abort();
}
