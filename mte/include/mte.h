/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mte.h - the multithreaded event engine: the Linux/POSIX provider of sys_service.
 *
 * A host program (daemon, test, benchmark) calls mte_init() once before anything uses `sys`
 * and mte_shutdown() once at the end. Everything else goes through the installed
 * `struct sys_service_ops` (sys_service.h).
 *
 * Threads started by mte_init: the default event loop ("mte_loop"), the aio completion loop
 * ("mte_aio") and the buffered-I/O worker pool ("mte_io/N"). liburcu adds its call_rcu thread
 * on first use.
 */
#ifndef MTE_H
#define MTE_H

#include <stdint.h>

#include "sys_service.h"

struct mte_options {
	/*
	 * Default log level: messages with level <= log_level are written. 0 (as in a zeroed
	 * struct) selects SYS_LOG_INFO; to get only emergencies use the per-subsystem string.
	 */
	int log_level;
	/*
	 * Per-subsystem levels, comma separated "subsys=level" pairs, e.g. "umc.sock=7,drbd=6".
	 * A key matches the subsystem itself and its dotted children ("umc" covers "umc.sock");
	 * the longest matching key wins. "*=N" sets the default. NULL: none. Also read from the
	 * environment variable MTE_LOG (applied after this string).
	 */
	const char *log_levels;
	/* Append log lines to this file; NULL: stderr. */
	const char *log_file;
	/* libaio queue depth shared by all block devices (0: 256). */
	unsigned int aio_depth;
	/* Worker threads of the buffered I/O pool (0: 4). */
	unsigned int aio_workers;
};

/**
 * mte_init - start the provider and install it as `sys`. @opts may be NULL (defaults).
 * Registers the calling thread with RCU. Returns 0, -EBUSY (already initialised or another
 * provider installed), or -errno from the host (log file, epoll, io_setup, threads).
 */
int mte_init(const struct mte_options *opts);

/**
 * mte_shutdown - wait for outstanding rcu_call callbacks, stop the provider threads, log
 * the memory leak report (tags with live allocations, at SYS_LOG_ERR), uninstall the
 * provider and return the number of bytes still allocated through mem_alloc (0 = no leak).
 * Every event loop, task, fd watch, timer and bdev the caller created must be destroyed
 * before. Must not be called from a provider thread.
 */
uint64_t mte_shutdown(void);

/** mte_ops - the provider vector (also before mte_init, e.g. to inspect the name). */
const struct sys_service_ops *mte_ops(void);

/**
 * mte_mkdir_p - create @dir and every missing parent with @mode (existing directories are
 * left as they are); a host helper that needs no mte_init. Returns 0, -ENAMETOOLONG, -EEXIST
 * when @dir exists and is not a directory, or the -errno of the mkdir that failed.
 */
int mte_mkdir_p(const char *dir, unsigned int mode);

#endif /* MTE_H */
