/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fe_internal.h - what the files of the FUSE front end share.
 *   frontend.c  start/stop, the low-level operations table, directories, proc and parameter
 *               files, change notifications
 *   nodes.c     the inode table (paths <-> inode numbers)
 *   dev_io.c    device files: open/close through the driver, I/O as bios
 *   mount.c     mount point preparation (stale mounts), mount options
 */
#ifndef DRBDUM_FE_INTERNAL_H
#define DRBDUM_FE_INTERNAL_H

#define FUSE_USE_VERSION 312
#include <fuse_lowlevel.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "sys_service.h"

#define FE_LOG "fuse"
#define FE_MAX_IO (1u << 20) /* max_write; reads are as large (max_pages 256) */

/* ---------------------------------------------------------------- nodes (nodes.c) */
enum fe_kind {
	FE_ROOT,
	FE_DIR_DEV,      /* dev/ */
	FE_DEV,          /* dev/<disk> */
	FE_DIR_PROC,     /* proc/ and its subdirectories (path relative to /proc) */
	FE_PROC,         /* a proc file */
	FE_DIR_SYS,      /* sys/ */
	FE_DIR_MODULES,  /* sys/module/ */
	FE_DIR_MODULE,   /* sys/module/<m>/ (path: module name) */
	FE_DIR_PARAMS,   /* sys/module/<m>/parameters/ (path: module name) */
	FE_PARAM,        /* a parameter (path: "<module>.<param>") */
};

#define FE_NAME_MAX 64
#define FE_PATH_MAX 128

struct fe_node {
	fuse_ino_t ino;
	fuse_ino_t parent;
	enum fe_kind kind;
	char name[FE_NAME_MAX];
	char path[FE_PATH_MAX];
	uint32_t major, minor; /* FE_DEV */
};

/* Fixed inode numbers of the directories that always exist. */
#define FE_INO_DEV 2
#define FE_INO_PROC 3
#define FE_INO_SYS 4
#define FE_INO_MODULES 5

int fe_nodes_init(void);
void fe_nodes_exit(void);
/* fe_node_get - copy of node @ino: 0 or -ENOENT. */
int fe_node_get(fuse_ino_t ino, struct fe_node *out);
/*
 * fe_node_child - the inode of child @name of @parent with @kind/@path (and @major:@minor
 * for devices), created on first use; inode numbers stay stable for the process lifetime.
 * Returns the inode number or 0 (out of memory).
 */
fuse_ino_t fe_node_child(fuse_ino_t parent, const char *name, enum fe_kind kind,
			 const char *path, uint32_t major, uint32_t minor);
/* fe_node_find_dev - the inode of the device node @major:@minor, or 0. */
fuse_ino_t fe_node_find_dev(uint32_t major, uint32_t minor);

/* ---------------------------------------------------------------- state (frontend.c) */
struct fe_state {
	struct fuse_session *se;
	uid_t uid;
	gid_t gid;
	unsigned int dev_mode;
	time_t mounted;  /* shown as every file's times */
};
extern struct fe_state fe;

void fe_logf(enum sys_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---------------------------------------------------------------- device files (dev_io.c) */
/* fe_dev_stat - attributes of device node @n: 0 or -ENOENT (disk gone). */
int fe_dev_stat(const struct fe_node *n, struct stat *st);
void fe_dev_open(fuse_req_t req, const struct fe_node *n, struct fuse_file_info *fi);
void fe_dev_read(fuse_req_t req, size_t size, off_t off, struct fuse_file_info *fi);
void fe_dev_write(fuse_req_t req, struct fuse_bufvec *bufv, off_t off, struct fuse_file_info *fi);
void fe_dev_flush(fuse_req_t req, struct fuse_file_info *fi, bool fsync);
void fe_dev_fallocate(fuse_req_t req, int mode, off_t off, off_t len, struct fuse_file_info *fi);
void fe_dev_release(fuse_req_t req, struct fuse_file_info *fi);
/* fe_dev_close_all - close every device file still open (at stop, after the loop ended). */
void fe_dev_close_all(void);

/* ---------------------------------------------------------------- mounting (mount.c) */
/* fe_prepare_mountpoint - create @dir, or clear a stale FUSE mount on it. 0 or -errno. */
int fe_prepare_mountpoint(const char *dir);
/* fe_check_fuse_device - can this process mount at all? 0, or -ENODEV/-EACCES (logged). */
int fe_check_fuse_device(void);

#endif
