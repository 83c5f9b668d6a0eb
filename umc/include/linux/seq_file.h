/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/seq_file.h - formatted output into a buffer (umc/src/seq_file.c).
 * seq_printf & co. append to m->buf; when it is full the seq_file is marked overflowed
 * (count == size) and the reader (umc_proc_read, seq_read) runs ->show again with a buffer
 * twice as large, as the kernel's seq_read does. Never sleep; the seq_file belongs to one
 * reader at a time.
 */
#ifndef _UMC_LINUX_SEQ_FILE_H
#define _UMC_LINUX_SEQ_FILE_H

#include <linux/types.h>
#include <linux/stdarg.h>
#include <linux/mutex.h>

struct file;
struct inode;
struct seq_operations;

struct seq_file {
	char *buf;
	size_t size;
	size_t from;
	size_t count;
	size_t pad_until;
	loff_t index;
	loff_t read_pos;
	struct mutex lock;
	const struct seq_operations *op;
	int poll_event;
	const struct file *file;
	void *private;
};

struct seq_operations {
	void *(*start)(struct seq_file *m, loff_t *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, loff_t *pos);
	int (*show)(struct seq_file *m, void *v);
};

#define SEQ_SKIP 1
#define SEQ_START_TOKEN ((void *)1)

static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->count == m->size;
}

__printf(2, 0) void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_putc(struct seq_file *m, char c);
void seq_puts(struct seq_file *m, const char *s);
void seq_write(struct seq_file *m, const void *data, size_t len);
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num);
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num);

/*
 * single_open/single_release/seq_read/seq_lseek: the file-operation side for a show
 * function. umc has no VFS: @file must be a struct file whose private_data umc may set
 * (linux/fs.h); readers inside umc use umc_proc_read() instead.
 */
int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data);
int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data,
		     size_t size);
int single_release(struct inode *inode, struct file *file);
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos);
loff_t seq_lseek(struct file *file, loff_t offset, int whence);

/*
 * umc_seq_show_all - run @show(m, SEQ_START_TOKEN) with a growing buffer (starting at one
 * page, doubling on overflow) until the output fits. On success *@buf (kmalloc'ed, the
 * caller kfree()s it, NUL terminated) and *@len are set. Returns 0, -ENOMEM, or the
 * negative value @show returned. May sleep (allocation).
 */
int umc_seq_show_all(int (*show)(struct seq_file *, void *), void *private, char **buf,
		     size_t *len);

#endif
