/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/proc_fs.h - /proc entries made of a show function (umc/src/procfs.c).
 * Entries live in an in-process registry that the daemon reads through <umc/procfs.h>
 * (umc_proc_read runs the show function into a buffer that grows until the output fits).
 * proc_create_single_data/proc_mkdir/remove_proc_entry may sleep; remove_proc_entry waits
 * until no reader is inside the entry's show function, as the kernel does.
 */
#ifndef _UMC_LINUX_PROC_FS_H
#define _UMC_LINUX_PROC_FS_H

#include <linux/types.h>
#include <linux/seq_file.h>

struct proc_dir_entry;
struct inode;

struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       int (*show)(struct seq_file *, void *), void *data);
#define proc_create_single(name, mode, parent, show) \
	proc_create_single_data(name, mode, parent, show, NULL)
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_mkdir_mode(const char *name, umode_t mode,
				       struct proc_dir_entry *parent);
/* remove_proc_entry - remove @name below @parent (NULL: the root); a directory must be empty. */
void remove_proc_entry(const char *name, struct proc_dir_entry *parent);
void proc_remove(struct proc_dir_entry *de);
/* pde_data - the @data given at creation, for the entry being read. */
void *pde_data(const struct inode *inode);
void *umc_pde_data(const struct proc_dir_entry *de);

#endif
