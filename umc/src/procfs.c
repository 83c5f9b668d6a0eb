// SPDX-License-Identifier: GPL-2.0
/*
 * procfs.c - the in-process /proc (linux/proc_fs.h, umc/procfs.h).
 * A tree of entries under proc_mutex. A reader pins an entry (in_use) and runs its show
 * function without the mutex; remove_proc_entry unlinks the entry at once and then waits
 * until no reader is inside it, as the kernel does.
 */
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/fs.h>
#include <linux/stat.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <umc/procfs.h>

#define PROC_NAME_MAX 64

struct proc_dir_entry {
	char name[PROC_NAME_MAX];
	umode_t mode;
	struct proc_dir_entry *parent;
	struct list_head children;
	struct list_head sibling;
	int (*show)(struct seq_file *m, void *v);
	void *data;
	atomic_t in_use;
};

static DEFINE_MUTEX(proc_mutex);
static DECLARE_WAIT_QUEUE_HEAD(proc_unused_wq);
static struct proc_dir_entry proc_root = {
	.name = "",
	.mode = S_IFDIR | 0555,
	.children = LIST_HEAD_INIT(proc_root.children),
	.sibling = LIST_HEAD_INIT(proc_root.sibling),
};

static struct proc_dir_entry *child_find(struct proc_dir_entry *dir, const char *name,
					 size_t len)
{
	struct proc_dir_entry *e;

	list_for_each_entry(e, &dir->children, sibling)
		if (strlen(e->name) == len && !memcmp(e->name, name, len))
			return e;
	return NULL;
}

/* Look @path up below the root (caller holds proc_mutex). */
static struct proc_dir_entry *path_find(const char *path)
{
	struct proc_dir_entry *e = &proc_root;

	if (!strncmp(path, "/proc", 5) && (path[5] == '/' || path[5] == '\0'))
		path += 5;
	while (*path) {
		const char *end;

		while (*path == '/')
			path++;
		if (!*path)
			break;
		end = strchr(path, '/');
		if (!end)
			end = path + strlen(path);
		if (!S_ISDIR(e->mode))
			return NULL;
		e = child_find(e, path, (size_t)(end - path));
		if (!e)
			return NULL;
		path = end;
	}
	return e;
}

static struct proc_dir_entry *proc_add(const char *name, umode_t mode,
				       struct proc_dir_entry *parent,
				       int (*show)(struct seq_file *, void *), void *data)
{
	struct proc_dir_entry *e;

	if (!parent)
		parent = &proc_root;
	if (!name[0] || strchr(name, '/') || strlen(name) >= PROC_NAME_MAX) {
		pr_err("proc: bad entry name '%s'\n", name);
		return NULL;
	}
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return NULL;
	strcpy(e->name, name);
	e->mode = mode;
	e->show = show;
	e->data = data;
	e->parent = parent;
	INIT_LIST_HEAD(&e->children);
	atomic_set(&e->in_use, 0);
	mutex_lock(&proc_mutex);
	if (child_find(parent, name, strlen(name))) {
		mutex_unlock(&proc_mutex);
		pr_err("proc_dir_entry '%s/%s' already registered\n", parent->name, name);
		kfree(e);
		return NULL;
	}
	list_add_tail(&e->sibling, &parent->children);
	mutex_unlock(&proc_mutex);
	return e;
}

struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       int (*show)(struct seq_file *, void *), void *data)
{
	if ((mode & S_IFMT) == 0)
		mode |= S_IFREG;
	if ((mode & S_IALLUGO) == 0)
		mode |= S_IRUGO;
	if (!S_ISREG(mode) || !show)
		return NULL;
	return proc_add(name, mode, parent, show, data);
}

struct proc_dir_entry *proc_mkdir_mode(const char *name, umode_t mode,
				       struct proc_dir_entry *parent)
{
	return proc_add(name, S_IFDIR | (mode ? mode & S_IALLUGO : 0555), parent, NULL, NULL);
}

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	return proc_mkdir_mode(name, 0, parent);
}

/* Unlink @e and its subtree (proc_mutex held); returns them on @gone. */
static void unlink_tree(struct proc_dir_entry *e, struct list_head *gone)
{
	list_del(&e->sibling);
	list_add_tail(&e->sibling, gone);
	while (!list_empty(&e->children))
		unlink_tree(list_first_entry(&e->children, struct proc_dir_entry, sibling), gone);
}

static void remove_entry(struct proc_dir_entry *e)
{
	LIST_HEAD(gone);
	struct proc_dir_entry *g, *tmp;

	mutex_lock(&proc_mutex);
	if (!list_empty(&e->children))
		WARN(1, "removing non-empty directory /proc/%s\n", e->name);
	unlink_tree(e, &gone);
	mutex_unlock(&proc_mutex);
	list_for_each_entry_safe(g, tmp, &gone, sibling) {
		wait_event(proc_unused_wq, atomic_read(&g->in_use) == 0);
		kfree(g);
	}
}

void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *e;

	mutex_lock(&proc_mutex);
	e = child_find(parent ? parent : &proc_root, name, strlen(name));
	mutex_unlock(&proc_mutex);
	if (!e) {
		WARN(1, "name '%s'\n", name);
		return;
	}
	remove_entry(e);
}

void proc_remove(struct proc_dir_entry *de)
{
	if (de)
		remove_entry(de);
}

void *pde_data(const struct inode *inode)
{
	return inode->i_private;
}

void *umc_pde_data(const struct proc_dir_entry *de)
{
	return de->data;
}

int umc_proc_read(const char *path, char **buf, size_t *len)
{
	struct proc_dir_entry *e;
	int err;

	mutex_lock(&proc_mutex);
	e = path_find(path);
	if (!e) {
		mutex_unlock(&proc_mutex);
		return -ENOENT;
	}
	if (S_ISDIR(e->mode)) {
		mutex_unlock(&proc_mutex);
		return -EISDIR;
	}
	atomic_inc(&e->in_use);
	mutex_unlock(&proc_mutex);

	err = umc_seq_show_all(e->show, e->data, buf, len);

	if (atomic_dec_and_test(&e->in_use))
		wake_up_all(&proc_unused_wq);
	return err;
}

void umc_proc_free(char *buf)
{
	kfree(buf);
}

int umc_proc_stat(const char *path, unsigned int *mode)
{
	struct proc_dir_entry *e;

	mutex_lock(&proc_mutex);
	e = path_find(path);
	if (e)
		*mode = e->mode;
	mutex_unlock(&proc_mutex);
	return e ? 0 : -ENOENT;
}

int umc_proc_readdir(const char *path, int (*fn)(void *ctx, const char *name, unsigned int mode),
		     void *ctx)
{
	struct proc_dir_entry *e, *c;
	int ret = 0;

	mutex_lock(&proc_mutex);
	e = path_find(path);
	if (!e)
		ret = -ENOENT;
	else if (!S_ISDIR(e->mode))
		ret = -ENOTDIR;
	else
		list_for_each_entry(c, &e->children, sibling) {
			ret = fn(ctx, c->name, c->mode);
			if (ret)
				break;
		}
	mutex_unlock(&proc_mutex);
	return ret;
}
