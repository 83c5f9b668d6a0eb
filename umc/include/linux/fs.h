/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/fs.h - the few file-system definitions the block layer and DRBD use (header-only):
 * open modes (fmode_t FMODE_*), READ/WRITE, and struct file / struct inode as far as code
 * here reads them. There is no VFS in umc: files of the host are reached through
 * sys_service (blkdev_get_by_path), and /proc through umc's procfs.
 */
#ifndef _UMC_LINUX_FS_H
#define _UMC_LINUX_FS_H

#include <linux/types.h>
#include <linux/kdev_t.h>
#include <linux/stat.h>
#include <linux/capability.h> /* as Linux's fs.h: DRBD gets CAP_* this way */

#ifndef READ
#define READ 0
#define WRITE 1
#endif

#define FMODE_READ ((__force fmode_t)0x1)
#define FMODE_WRITE ((__force fmode_t)0x2)
#define FMODE_LSEEK ((__force fmode_t)0x4)
#define FMODE_PREAD ((__force fmode_t)0x8)
#define FMODE_PWRITE ((__force fmode_t)0x10)
#define FMODE_EXEC ((__force fmode_t)0x20)
#define FMODE_NDELAY ((__force fmode_t)0x40)
#define FMODE_EXCL ((__force fmode_t)0x80) /* exclusive claim of a block device */


struct inode {
	umode_t i_mode;
	dev_t i_rdev;
	loff_t i_size;
	void *i_private; /* procfs: the data given to proc_create_*() */
};

struct file {
	fmode_t f_mode;
	unsigned int f_flags;
	loff_t f_pos;
	struct inode *f_inode;
	void *private_data; /* seq_file: the struct seq_file */
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

#endif
