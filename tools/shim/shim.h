/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shim.h - internals of libdrbd-usermode-shim.so, the LD_PRELOAD library that lets the
 * unmodified drbd-utils talk to a drbd-usermode daemon (see docs/shim.md).
 *
 * Every exported wrapper first asks shim_active(): without DRBD_UM_RUN_DIR in the environment
 * at load time the library passes every call straight to libc.
 *
 * Calls the shim itself makes to functions it also wraps must go through REAL(fn), never the
 * plain name: inside this library the plain name binds to our own wrapper.
 */
#ifndef DRBD_UM_SHIM_H
#define DRBD_UM_SHIM_H

#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#define SHIM_EXPORT __attribute__((visibility("default")))

/* ---- real libc symbols ---------------------------------------------------------------- */

/* Resolve @name with dlsym(RTLD_NEXT) once and cache it in @slot. Aborts if libc lacks it. */
void *shim_real_sym(_Atomic(void *) *slot, const char *name);

/* REAL(fn): the next definition of fn (libc's), typed like our own declaration of fn. */
#define REAL(fn) ((__typeof__(&fn))shim_real_sym(&shim_real_slot_##fn, #fn))
#define REAL_SLOT(fn) static _Atomic(void *) shim_real_slot_##fn

/* ---- configuration (read once from the environment at load time) ---------------------- */

bool shim_active(void);
const char *shim_run_dir(void);         /* absolute, no trailing slash; valid if active */
bool shim_debug(void);

/* Log one line to stderr as "drbd-um-shim[pid]: ...". Async-signal-safe (no allocation). */
void shim_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define shim_dbg(...) do { if (shim_debug()) shim_log(__VA_ARGS__); } while (0)
/* Log only the first time this call site is reached. */
#define shim_log_once(...) do { static atomic_flag once_ = ATOMIC_FLAG_INIT; \
	if (!atomic_flag_test_and_set(&once_)) shim_log(__VA_ARGS__); } while (0)

/* ---- descriptors the shim tracks ------------------------------------------------------ */

enum shim_fd_kind {
	SHIM_FD_NONE = 0,
	SHIM_FD_NETLINK,        /* NETLINK_GENERIC socket = SEQPACKET connection to the daemon */
	SHIM_FD_PROC,           /* /proc/drbd content in a sealed memfd */
	SHIM_FD_DRBD,           /* /dev/drbdN opened through its FUSE device file */
};

#define SHIM_MAX_FD 4096

struct shim_fd_info {
	enum shim_fd_kind kind;
	int sock_type;          /* NETLINK: SOCK_DGRAM or SOCK_RAW as created */
	uint32_t portid;        /* NETLINK: from HELLO */
	uint32_t dst_portid;    /* NETLINK: connect()ed destination (0 = kernel) */
	uint64_t groups;        /* NETLINK: joined multicast groups 1..64, bit g-1 */
	uint32_t nl_flags;      /* NETLINK: boolean SOL_NETLINK options set, bit = optname */
	unsigned int minor;     /* DRBD: device minor */
	dev_t dev;              /* identity of the open file, to detect stale entries */
	ino_t ino;
};

/*
 * Look up @fd. Returns true and fills @out when the shim tracks @fd as something other than
 * SHIM_FD_NONE and the descriptor still refers to the same file (checked with fstat); a stale
 * entry is dropped. Fast path (untracked fd) is one atomic load.
 */
bool shim_fd_get(int fd, struct shim_fd_info *out);
/* Track @fd as @info (dev/ino are filled in from fstat). False if fd is out of range. */
bool shim_fd_set(int fd, const struct shim_fd_info *info);
/* Update the NETLINK fields of a tracked descriptor (same file). */
void shim_fd_update(int fd, const struct shim_fd_info *info);
void shim_fd_clear(int fd);
/* After dup: make @newfd carry what @oldfd carries (or nothing). */
void shim_fd_copy(int oldfd, int newfd);
/* Cheap check without validation: is anything tracked at @fd? */
bool shim_fd_tracked(int fd);

/* ---- path mapping --------------------------------------------------------------------- */

enum shim_path_kind {
	SHIM_PATH_PLAIN = 0,    /* not ours: use the path unchanged */
	SHIM_PATH_REDIRECT,     /* lock/run/lib files of drbd-utils, moved into the run dir */
	SHIM_PATH_PROC_DRBD,    /* /proc/drbd */
	SHIM_PATH_DRBD_DEV,     /* /dev/drbdN whose FUSE device file exists */
};

struct shim_path {
	enum shim_path_kind kind;
	const char *path;       /* path to use: the original, or buf */
	unsigned int minor;     /* SHIM_PATH_DRBD_DEV */
	char buf[PATH_MAX];
};

/*
 * Classify @path (absolute paths only; relative ones are PLAIN). @for_dev: also map /dev/drbdN
 * (open/stat/access only). Redirect targets' directories are created on first use.
 * Returns false with errno ENAMETOOLONG when a mapped path does not fit.
 */
bool shim_map_path(const char *path, bool for_dev, struct shim_path *out);

/* ---- block device emulation (shim_blk.c) ---------------------------------------------- */

/* Is the regular file (dev, ino) one of DRBD_UM_BDEVS? */
bool shim_bdev_match(dev_t dev, ino_t ino);
/* Present a backing file as a block device / a drbd FUSE device file as /dev/drbdN. */
void shim_stat_as_bdev(struct stat *st);
void shim_stat_as_drbd(struct stat *st, unsigned int minor);
/* After a successful open of a backing file with O_EXCL (no O_CREAT): claim it like the
 * kernel's exclusive block device open. Returns 0, or -1 with errno EBUSY (fd closed). */
int shim_bdev_claim(int fd, int flags);
/* Makes the file at @fd (opened as @sp) tracked if it is a /dev/drbdN device file; applies
 * the O_EXCL claim to backing files. Returns fd, or -1 (fd closed, errno set). */
int shim_after_open(int fd, int flags, const struct shim_path *sp);

/* ---- /proc/drbd (shim_proc.c) --------------------------------------------------------- */

/* Open the daemon's /proc/drbd as a read-only memfd. Returns fd or -1 with errno. */
int shim_proc_open(int flags);
/* Fake stat of /proc/drbd (exists whenever the shim is active, like a loaded module). */
void shim_proc_stat(struct stat *st);

/* ---- control socket (shim_netlink.c) -------------------------------------------------- */

/* Connect a SOCK_SEQPACKET socket to RUN_DIR/control.sock and read the HELLO. @cloexec as
 * SOCK_CLOEXEC. Returns fd and fills *hello, or -1 with errno. */
struct drbd_um_hello;
int shim_control_connect(bool cloexec, struct drbd_um_hello *hello);

#endif /* DRBD_UM_SHIM_H */
