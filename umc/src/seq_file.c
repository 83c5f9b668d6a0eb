// SPDX-License-Identifier: GPL-2.0
/*
 * seq_file.c - formatted output into a bounded buffer with overflow detection
 * (linux/seq_file.h). A show function writes into m->buf; once the buffer is full the
 * seq_file is marked overflowed (count == size) and the whole show is run again with a
 * buffer twice as large, as the kernel's seq_read does. The file side (single_open,
 * seq_read, seq_lseek, single_release) builds the complete output at the first read.
 */
#include <linux/seq_file.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/page.h>

#define SEQ_MAX_SIZE (64UL << 20) /* give up beyond this: a show that never fits */

static void seq_set_overflow(struct seq_file *m)
{
	m->count = m->size;
}

void seq_vprintf(struct seq_file *m, const char *f, va_list args)
{
	int len;

	if (m->count < m->size) {
		len = vsnprintf(m->buf + m->count, m->size - m->count, f, args);
		if (m->count + (size_t)len < m->size) {
			m->count += (size_t)len;
			return;
		}
	}
	seq_set_overflow(m);
}

void seq_printf(struct seq_file *m, const char *f, ...)
{
	va_list args;

	va_start(args, f);
	seq_vprintf(m, f, args);
	va_end(args);
}

void seq_putc(struct seq_file *m, char c)
{
	if (m->count >= m->size)
		return;
	m->buf[m->count++] = c;
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len >= m->size) {
		seq_set_overflow(m);
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
}

void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num)
{
	seq_printf(m, "%s%llu", delimiter, num);
}

void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num)
{
	seq_printf(m, "%s%lld", delimiter, num);
}

/* Run the whole iteration of m->op into m->buf, growing it until everything fits.
 * Leaves m->buf (kvmalloc'ed) holding m->count bytes and a NUL. */
static int seq_fill(struct seq_file *m)
{
	size_t size = PAGE_SIZE;

	for (;;) {
		loff_t pos = 0;
		void *p;
		int err = 0;

		kvfree(m->buf);
		m->buf = kvmalloc(size, GFP_KERNEL);
		if (!m->buf)
			return -ENOMEM;
		m->size = size;
		m->count = 0;
		m->index = 0;
		p = m->op->start(m, &pos);
		while (p) {
			size_t before = m->count;

			if (IS_ERR(p)) {
				err = (int)PTR_ERR(p);
				break;
			}
			err = m->op->show(m, p);
			if (err < 0)
				break;
			if (err > 0) /* SEQ_SKIP: drop what this record wrote */
				m->count = before;
			err = 0;
			if (seq_has_overflowed(m))
				break;
			p = m->op->next(m, p, &pos);
			m->index = pos;
		}
		m->op->stop(m, p);
		if (err < 0)
			return err;
		if (!seq_has_overflowed(m)) {
			m->buf[m->count] = '\0';
			return 0;
		}
		if (size >= SEQ_MAX_SIZE)
			return -ENOMEM;
		size *= 2;
	}
}

struct single_show {
	struct seq_operations ops;
	int (*show)(struct seq_file *, void *);
};

static void *single_start(struct seq_file *m, loff_t *pos)
{
	(void)m;
	return *pos == 0 ? SEQ_START_TOKEN : NULL;
}

static void *single_next(struct seq_file *m, void *v, loff_t *pos)
{
	(void)m;
	(void)v;
	++*pos;
	return NULL;
}

static void single_stop(struct seq_file *m, void *v)
{
	(void)m;
	(void)v;
}

static int single_show_fn(struct seq_file *m, void *v)
{
	const struct single_show *s = container_of(m->op, struct single_show, ops);

	return s->show(m, v);
}

static struct seq_file *single_alloc(int (*show)(struct seq_file *, void *), void *data)
{
	struct single_show *s = kzalloc(sizeof(*s), GFP_KERNEL);
	struct seq_file *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!s || !m) {
		kfree(s);
		kfree(m);
		return NULL;
	}
	s->ops.start = single_start;
	s->ops.next = single_next;
	s->ops.stop = single_stop;
	s->ops.show = single_show_fn;
	s->show = show;
	mutex_init(&m->lock);
	m->op = &s->ops;
	m->private = data;
	return m;
}

static void single_free(struct seq_file *m)
{
	kvfree(m->buf);
	kfree(container_of(m->op, struct single_show, ops));
	kfree(m);
}

int umc_seq_show_all(int (*show)(struct seq_file *, void *), void *private, char **buf,
		     size_t *len)
{
	struct seq_file *m = single_alloc(show, private);
	int err;

	if (!m)
		return -ENOMEM;
	err = seq_fill(m);
	if (!err) {
		*buf = kmalloc(m->count + 1, GFP_KERNEL);
		if (*buf) {
			memcpy(*buf, m->buf, m->count + 1);
			*len = m->count;
		} else {
			err = -ENOMEM;
		}
	}
	single_free(m);
	return err;
}

int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)
{
	struct seq_file *m = single_alloc(show, data);

	if (!m)
		return -ENOMEM;
	m->file = file;
	file->private_data = m;
	return 0;
}

int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data,
		     size_t size)
{
	(void)size; /* the buffer grows as needed */
	return single_open(file, show, data);
}

int single_release(struct inode *inode, struct file *file)
{
	(void)inode;
	single_free(file->private_data);
	file->private_data = NULL;
	return 0;
}

/* Reads of the output built at the first read (position 0 rebuilds it). */
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	ssize_t n = 0;

	mutex_lock(&m->lock);
	if (*ppos == 0 || !m->buf) {
		int err = seq_fill(m);

		if (err) {
			mutex_unlock(&m->lock);
			return err;
		}
	}
	if ((size_t)*ppos < m->count) {
		n = (ssize_t)min(size, m->count - (size_t)*ppos);
		memcpy(buf, m->buf + *ppos, (size_t)n);
		*ppos += n;
	}
	mutex_unlock(&m->lock);
	return n;
}

loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	loff_t pos;

	switch (whence) {
	case 1: /* SEEK_CUR */
		pos = file->f_pos + offset;
		break;
	case 0: /* SEEK_SET */
		pos = offset;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	file->f_pos = pos;
	return pos;
}
