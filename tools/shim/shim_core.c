// SPDX-License-Identifier: GPL-2.0
/*
 * shim_core.c - configuration, logging, libc symbol lookup, the table of tracked descriptors
 * and the mapping of drbd-utils' paths into the run directory.
 *
 * Environment (read once by the constructor; later setenv() calls of the program do not
 * matter):
 *   DRBD_UM_RUN_DIR   absolute run directory of the daemon; unset = shim inactive
 *   DRBD_UM_BDEVS     colon-separated backing files shown as block devices (shim_blk.c)
 *   DRBD_UM_SHIM_DEBUG=1  log what the shim does
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shim.h"

REAL_SLOT(fstat);
REAL_SLOT(mkdir);
REAL_SLOT(access);

static struct {
	bool active;
	bool debug;
	char run_dir[PATH_MAX - 64];    /* leaves room for the names appended to it */
	size_t run_dir_len;
} cfg;

void shim_bdev_init(void);              /* shim_blk.c */

__attribute__((constructor)) static void shim_init(void)
{
	const char *dir = getenv("DRBD_UM_RUN_DIR");
	const char *dbg = getenv("DRBD_UM_SHIM_DEBUG");
	size_t len;

	cfg.debug = dbg && *dbg && strcmp(dbg, "0") != 0;
	if (!dir || !*dir)
		return;
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (dir[0] != '/' || len >= sizeof(cfg.run_dir)) {
		shim_log("DRBD_UM_RUN_DIR must be an absolute path shorter than %zu bytes; "
			 "shim inactive", sizeof(cfg.run_dir));
		return;
	}
	memcpy(cfg.run_dir, dir, len);
	cfg.run_dir[len] = '\0';
	cfg.run_dir_len = len;
	cfg.active = true;
	shim_bdev_init();
	shim_dbg("active, run dir %s", cfg.run_dir);
}

bool shim_active(void)
{
	return cfg.active;
}

const char *shim_run_dir(void)
{
	return cfg.run_dir;
}

bool shim_debug(void)
{
	return cfg.debug;
}

void shim_log(const char *fmt, ...)
{
	char buf[512];
	int saved = errno;
	int n = snprintf(buf, sizeof(buf), "drbd-um-shim[%d]: ", (int)getpid());
	va_list ap;

	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof(buf))
		n += vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(buf) - 1)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	/* Plain syscall: our write() wrapper would only look the fd up and pass it on. */
	if (write(STDERR_FILENO, buf, (size_t)n) < 0)
		errno = saved;
	errno = saved;
}

void *shim_real_sym(_Atomic(void *) *slot, const char *name)
{
	void *p = atomic_load_explicit(slot, memory_order_acquire);

	if (p)
		return p;
	p = dlsym(RTLD_NEXT, name);
	if (!p) {
		shim_log("libc has no symbol %s; cannot continue", name);
		abort();
	}
	atomic_store_explicit(slot, p, memory_order_release);
	return p;
}

/* ---- tracked descriptors -------------------------------------------------------------- */

/*
 * One entry per descriptor number. Writers (socket creation, open, dup, close) bump seq to an
 * odd value, store the fields, and bump it to even again. Readers copy under a seqlock check, so
 * a concurrent close/reuse never yields a torn entry; all fields are atomics (no data races).
 */
struct fd_slot {
	_Atomic uint32_t seq;
	_Atomic int kind;
	_Atomic int sock_type;
	_Atomic uint32_t portid, dst_portid, nl_flags, minor;
	_Atomic uint64_t groups, dev, ino;
};

static struct fd_slot fd_table[SHIM_MAX_FD];

bool shim_fd_tracked(int fd)
{
	return fd >= 0 && fd < SHIM_MAX_FD &&
	       atomic_load_explicit(&fd_table[fd].kind, memory_order_acquire) != SHIM_FD_NONE;
}

static void slot_store(struct fd_slot *s, const struct shim_fd_info *info)
{
	atomic_fetch_add_explicit(&s->seq, 1, memory_order_acq_rel);
	atomic_store_explicit(&s->sock_type, info->sock_type, memory_order_relaxed);
	atomic_store_explicit(&s->portid, info->portid, memory_order_relaxed);
	atomic_store_explicit(&s->dst_portid, info->dst_portid, memory_order_relaxed);
	atomic_store_explicit(&s->nl_flags, info->nl_flags, memory_order_relaxed);
	atomic_store_explicit(&s->minor, info->minor, memory_order_relaxed);
	atomic_store_explicit(&s->groups, info->groups, memory_order_relaxed);
	atomic_store_explicit(&s->dev, (uint64_t)info->dev, memory_order_relaxed);
	atomic_store_explicit(&s->ino, (uint64_t)info->ino, memory_order_relaxed);
	atomic_store_explicit(&s->kind, (int)info->kind, memory_order_relaxed);
	atomic_fetch_add_explicit(&s->seq, 1, memory_order_release);
}

static bool slot_load(struct fd_slot *s, struct shim_fd_info *out)
{
	uint32_t s1, s2;

	do {
		s1 = atomic_load_explicit(&s->seq, memory_order_acquire);
		out->kind = (enum shim_fd_kind)atomic_load_explicit(&s->kind, memory_order_relaxed);
		out->sock_type = atomic_load_explicit(&s->sock_type, memory_order_relaxed);
		out->portid = atomic_load_explicit(&s->portid, memory_order_relaxed);
		out->dst_portid = atomic_load_explicit(&s->dst_portid, memory_order_relaxed);
		out->nl_flags = atomic_load_explicit(&s->nl_flags, memory_order_relaxed);
		out->minor = atomic_load_explicit(&s->minor, memory_order_relaxed);
		out->groups = atomic_load_explicit(&s->groups, memory_order_relaxed);
		out->dev = (dev_t)atomic_load_explicit(&s->dev, memory_order_relaxed);
		out->ino = (ino_t)atomic_load_explicit(&s->ino, memory_order_relaxed);
		atomic_thread_fence(memory_order_acquire);
		s2 = atomic_load_explicit(&s->seq, memory_order_relaxed);
	} while ((s1 & 1) || s1 != s2);
	return out->kind != SHIM_FD_NONE;
}

bool shim_fd_get(int fd, struct shim_fd_info *out)
{
	struct stat st;

	if (!shim_fd_tracked(fd) || !slot_load(&fd_table[fd], out))
		return false;
	if (REAL(fstat)(fd, &st) != 0 || st.st_dev != out->dev || st.st_ino != out->ino) {
		/* closed or replaced behind our back (e.g. by libc internals) */
		shim_fd_clear(fd);
		return false;
	}
	return true;
}

bool shim_fd_set(int fd, const struct shim_fd_info *info)
{
	struct shim_fd_info copy = *info;
	struct stat st;

	if (fd < 0 || fd >= SHIM_MAX_FD)
		return false;
	if (REAL(fstat)(fd, &st) != 0)
		return false;
	copy.dev = st.st_dev;
	copy.ino = st.st_ino;
	slot_store(&fd_table[fd], &copy);
	return true;
}

void shim_fd_update(int fd, const struct shim_fd_info *info)
{
	if (fd >= 0 && fd < SHIM_MAX_FD)
		slot_store(&fd_table[fd], info);
}

void shim_fd_clear(int fd)
{
	static const struct shim_fd_info none;

	if (shim_fd_tracked(fd))
		slot_store(&fd_table[fd], &none);
}

void shim_fd_copy(int oldfd, int newfd)
{
	struct shim_fd_info info;

	if (newfd < 0 || newfd == oldfd)
		return;
	if (shim_fd_get(oldfd, &info))
		shim_fd_update(newfd, &info);       /* same open file: same dev/ino */
	else
		shim_fd_clear(newfd);
}

/* ---- path mapping --------------------------------------------------------------------- */

struct redirect {
	const char *from;       /* absolute prefix used by drbd-utils */
	const char *to;         /* replacement, relative to the run dir */
	bool whole_component;   /* prefix must end at '\0' or '/' */
};

/*
 * drbdmeta/drbdsetup lock files (/var/lock/drbd-147-<minor>), drbdsetup's registration
 * symlinks (/var/run/drbd/) and the "last known backing device" files (/var/lib/drbd/) are
 * per node: several daemons on one host must not share them, and an unprivileged user cannot
 * write the system directories. /var/lock and /var/run are symlinks to /run on Debian.
 */
static const struct redirect redirects[] = {
	{ "/var/lock/drbd-", "/lock/drbd-", false },
	{ "/run/lock/drbd-", "/lock/drbd-", false },
	{ "/var/run/drbd", "/run/drbd", true },
	{ "/run/drbd", "/run/drbd", true },
	{ "/var/lib/drbd", "/lib/drbd", true },
};

static void ensure_dirs(void)
{
	static atomic_flag done = ATOMIC_FLAG_INIT;
	static const char *const subdirs[] = { "", "/lock", "/run", "/run/drbd", "/lib",
					       "/lib/drbd" };
	char path[PATH_MAX];
	size_t i;

	if (atomic_flag_test_and_set(&done))
		return;
	for (i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", cfg.run_dir, subdirs[i]);
		if (REAL(mkdir)(path, 0700) != 0 && errno != EEXIST)
			shim_log_once("cannot create %s: %s", path, strerror(errno));
	}
}

static bool build(struct shim_path *out, const char *a, const char *b, const char *c)
{
	int n = snprintf(out->buf, sizeof(out->buf), "%s%s%s", a, b, c);

	if (n < 0 || (size_t)n >= sizeof(out->buf)) {
		errno = ENAMETOOLONG;
		return false;
	}
	out->path = out->buf;
	return true;
}

static bool parse_drbd_minor(const char *s, unsigned int *minor)
{
	unsigned long v = 0;
	const char *c;

	if (!*s || (s[0] == '0' && s[1]))
		return false;
	for (c = s; *c; c++) {
		if (*c < '0' || *c > '9' || c - s > 7)
			return false;
		v = v * 10 + (unsigned long)(*c - '0');
	}
	if (v > 0xfffff)        /* MINORBITS = 20 */
		return false;
	*minor = (unsigned int)v;
	return true;
}

bool shim_map_path(const char *path, bool for_dev, struct shim_path *out)
{
	size_t i;

	out->kind = SHIM_PATH_PLAIN;
	out->path = path;
	if (!cfg.active || !path || path[0] != '/')
		return true;

	if (!strcmp(path, "/proc/drbd")) {
		out->kind = SHIM_PATH_PROC_DRBD;
		return true;
	}
	if (for_dev && !strncmp(path, "/dev/drbd", 9) && parse_drbd_minor(path + 9, &out->minor)) {
		if (!build(out, cfg.run_dir, "/mnt/dev/drbd", path + 9))
			return false;
		if (REAL(access)(out->buf, F_OK) == 0) {
			out->kind = SHIM_PATH_DRBD_DEV;
		} else {
			out->path = path;       /* no device file (yet): leave the path alone */
		}
		return true;
	}
	for (i = 0; i < sizeof(redirects) / sizeof(redirects[0]); i++) {
		const struct redirect *r = &redirects[i];
		size_t n = strlen(r->from);

		if (strncmp(path, r->from, n) != 0)
			continue;
		if (r->whole_component && path[n] != '\0' && path[n] != '/')
			continue;
		if (!r->whole_component && (path[n] == '\0' || strchr(path + n, '/')))
			continue;
		ensure_dirs();
		if (!build(out, cfg.run_dir, r->to, path + n))
			return false;
		out->kind = SHIM_PATH_REDIRECT;
		shim_dbg("%s -> %s", path, out->buf);
		return true;
	}
	return true;
}
