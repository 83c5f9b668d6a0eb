/* SPDX-License-Identifier: GPL-2.0 */
/*
 * daemon.h - the drbd-usermode daemon (host world). One daemon serves one DRBD node: it runs
 * DRBD's module init inside umc, serves the control socket of its run directory, and takes
 * every resource down on SIGTERM.
 */
#ifndef DRBD_UM_DAEMON_H
#define DRBD_UM_DAEMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define DAEMON_LOG "daemon"

struct daemon_config {
	const char *node;      /* drbd.conf host name served (informational, helper env) */
	char *run_dir;         /* absolute; holds control.sock, daemon.pid, lock/, daemon.log */
	bool foreground;
	const char *log_levels; /* mte per-subsystem spec */
	int log_level;
	const char *debug;      /* umc debug spec (pr_debug switches) */
	const char *mount_dir;  /* FUSE mount point, NULL: none (--no-mount) */
	char *mount_dir_buf;    /* the default RUN_DIR/mnt, owned */
	bool allow_other;       /* FUSE -o allow_other */
	char **params;          /* "name=value" module parameters */
	int nparams;
	bool helpers;           /* run DRBD's usermode helpers */
};

/*
 * control_server_start - listen on RUN_DIR/control.sock (mode 0600) and serve clients, one
 * thread per connection, refusing peers that are neither @uid nor root. Returns 0 or -errno.
 */
int control_server_start(const char *run_dir, uid_t uid);
/* control_server_stop - stop accepting, disconnect every client and join their threads. */
void control_server_stop(void);

/*
 * internal_down_all - as `drbdsetup down` for every resource, through DRBD's own netlink
 * interface with root credentials. Blocks until done; returns the number of resources that
 * failed to go down (0 on success).
 */
int internal_down_all(void);

#endif
