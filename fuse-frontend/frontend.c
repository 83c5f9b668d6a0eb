// SPDX-License-Identifier: GPL-2.0
/*
 * frontend.c - the FUSE file system of drbd-usermode (fuse_frontend.h): mounting and
 * unmounting, the low-level operations, directories, the proc and module parameter files,
 * and turning the block layer's disk events into kernel cache invalidations.
 *
 * Threads: the request loop's workers (fuse_loop.c) run the operations; they are made known
 * to umc (umc_blk_thread_attach) because every operation may call into it. Device I/O is
 * answered from bio completions (dev_io.c). Disk events arrive on whatever umc thread
 * changed the disk and are handed to the "fuse-notify" thread, which tells the kernel.
 *
 * Attributes and entries are never cached by the kernel (timeouts 0): a stat always shows
 * the current size and role of a disk. proc and parameter files are read when opened
 * (a snapshot, as seq_file and sysfs produce one per open) and served with direct_io, so
 * their size shows as 0 (proc) or 4096 (parameters) as on Linux.
 */
#define _GNU_SOURCE
#include "fe_internal.h"
#include "fuse_frontend.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "blk_host.h"
#include "fuse_loop.h"
#include "module.h"
#include "procfs.h"

#define PARAM_MAX 4096 /* a parameter's text, as a sysfs attribute's page */
#define META_TAG 1u    /* fh bit 0 set: a proc/parameter file (struct fe_meta) */

struct fe_state fe;

static struct {
	bool started;
	char *mountpoint;
	struct ffl *loop;
	struct umc_blk_watch *watch;
} fs;

/* A proc or parameter file opened: its text, read at open. */
struct fe_meta {
	enum fe_kind kind;
	char *data;
	size_t len;
	bool proc_buf;  /* data from umc_proc_read (umc_proc_free), else malloc */
	int refs;       /* atomic: the open file + each read replying from data */
	char name[FE_PATH_MAX];
};

/* ---------------------------------------------------------------- logging */
void fe_logf(enum sys_log_level level, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sys_logf(level, FE_LOG, "%s", msg);
}

static void libfuse_log(enum fuse_log_level level, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	if (n && msg[n - 1] == '\n')
		msg[n - 1] = 0;
	sys_logf((enum sys_log_level)level, FE_LOG ".lib", "%s", msg);
}

static void loop_log(int level, const char *msg)
{
	sys_logf((enum sys_log_level)level, FE_LOG, "%s", msg);
}

/* ---------------------------------------------------------------- disk events */
#define EVQ_LEN 64

struct fe_event {
	enum umc_blk_event ev;
	uint32_t major, minor;
	char name[UMC_BLK_NAME_MAX];
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t thread;
	bool running, stop, overflow;
	struct fe_event q[EVQ_LEN];
	unsigned int head, count;
} evq = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };

/* umc_blk_watch callback: runs on a umc thread under the uevent mutex; only queues. */
static void disk_event(void *ctx, enum umc_blk_event ev, const struct umc_blk_disk_info *info)
{
	(void)ctx;
	pthread_mutex_lock(&evq.lock);
	if (evq.count == EVQ_LEN) {
		evq.overflow = true;
	} else {
		struct fe_event *e = &evq.q[(evq.head + evq.count++) % EVQ_LEN];

		e->ev = ev;
		e->major = info->major;
		e->minor = info->minor;
		snprintf(e->name, sizeof(e->name), "%s", info->name);
	}
	pthread_cond_signal(&evq.cond);
	pthread_mutex_unlock(&evq.lock);
}

/* Tell the kernel that cached attributes or names of the mount are stale. */
static void apply_event(const struct fe_event *e)
{
	fuse_ino_t ino;

	switch (e->ev) {
	case UMC_BLK_EV_ADD:
		fe_logf(SYS_LOG_INFO, "dev/%s appeared (%u:%u)", e->name, e->major, e->minor);
		fuse_lowlevel_notify_inval_inode(fe.se, FE_INO_DEV, -1, 0);
		break;
	case UMC_BLK_EV_REMOVE:
		fe_logf(SYS_LOG_INFO, "dev/%s removed", e->name);
		fuse_lowlevel_notify_inval_entry(fe.se, FE_INO_DEV, e->name, strlen(e->name));
		fuse_lowlevel_notify_inval_inode(fe.se, FE_INO_DEV, -1, 0);
		break;
	case UMC_BLK_EV_CHANGE:
		ino = fe_node_find_dev(e->major, e->minor);
		if (ino)
			fuse_lowlevel_notify_inval_inode(fe.se, ino, -1, 0);
		break;
	}
}

static void *notify_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&evq.lock);
	for (;;) {
		struct fe_event e;
		bool overflow, have = false;

		while (!evq.count && !evq.overflow && !evq.stop)
			pthread_cond_wait(&evq.cond, &evq.lock);
		if (evq.stop)
			break;
		overflow = evq.overflow;
		evq.overflow = false;
		if (evq.count) {
			e = evq.q[evq.head];
			evq.head = (evq.head + 1) % EVQ_LEN;
			evq.count--;
			have = true;
		}
		pthread_mutex_unlock(&evq.lock);
		/* events were lost: at least the listing of dev/ must be asked for again */
		if (overflow)
			fuse_lowlevel_notify_inval_inode(fe.se, FE_INO_DEV, -1, 0);
		if (have)
			apply_event(&e);
		pthread_mutex_lock(&evq.lock);
	}
	pthread_mutex_unlock(&evq.lock);
	return NULL;
}

/* ---------------------------------------------------------------- namespace helpers */
/* @dir/@name into @out; false if it does not fit */
static bool join_path(char *out, size_t len, const char *dir, const char *name)
{
	int n = *dir ? snprintf(out, len, "%s/%s", dir, name) : snprintf(out, len, "%s", name);

	return n >= 0 && (size_t)n < len;
}

struct param_query {
	const char *module;  /* match params of this module (or any, NULL) */
	const char *param;   /* match this parameter name (or list all, NULL) */
	unsigned int perm;
	bool found;
	/* listing */
	void (*add)(void *ctx, const char *name);
	void *ctx;
};

/* Module parameters visible in sysfs: perm != 0, named "<module>.<param>". */
static int param_visit(void *arg, const char *name, unsigned int perm, const char *desc)
{
	struct param_query *q = arg;
	const char *dot = strchr(name, '.');
	size_t mlen;

	(void)desc;
	if (!dot || !perm)
		return 0;
	mlen = (size_t)(dot - name);
	if (q->module && (strlen(q->module) != mlen || strncmp(name, q->module, mlen)))
		return 0;
	if (q->param) {
		if (strcmp(dot + 1, q->param))
			return 0;
		q->found = true;
		q->perm = perm;
		return 1;
	}
	q->found = true;
	if (q->add) {
		char buf[FE_NAME_MAX];

		if (q->module)
			snprintf(buf, sizeof(buf), "%s", dot + 1);
		else
			snprintf(buf, sizeof(buf), "%.*s", (int)mlen, name);
		q->add(q->ctx, buf);
	}
	return 0;
}

static void fill_dir_stat(fuse_ino_t ino, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = ino;
	st->st_mode = S_IFDIR | 0555;
	st->st_nlink = 2;
	st->st_uid = fe.uid;
	st->st_gid = fe.gid;
}

static int node_stat_raw(const struct fe_node *n, struct stat *st);

static int node_stat(const struct fe_node *n, struct stat *st)
{
	int rc = node_stat_raw(n, st);

	if (!rc)
		st->st_atime = st->st_mtime = st->st_ctime = fe.mounted;
	return rc;
}

static int node_stat_raw(const struct fe_node *n, struct stat *st)
{
	unsigned int mode;

	switch (n->kind) {
	case FE_DEV:
		return fe_dev_stat(n, st);
	case FE_PROC:
		if (umc_proc_stat(n->path, &mode) || S_ISDIR(mode))
			return -ENOENT;
		memset(st, 0, sizeof(*st));
		st->st_ino = n->ino;
		st->st_mode = S_IFREG | (mode & 0444);
		st->st_nlink = 1;
		st->st_uid = fe.uid;
		st->st_gid = fe.gid;
		return 0;
	case FE_PARAM: {
		const char *dot = strchr(n->path, '.');
		char module[FE_NAME_MAX];
		struct param_query q = { 0 };

		if (!dot)
			return -ENOENT;
		snprintf(module, sizeof(module), "%.*s", (int)(dot - n->path), n->path);
		q.module = module;
		q.param = dot + 1;
		umc_param_for_each(param_visit, &q);
		if (!q.found)
			return -ENOENT;
		memset(st, 0, sizeof(*st));
		st->st_ino = n->ino;
		st->st_mode = S_IFREG | (q.perm & 0666);
		st->st_nlink = 1;
		st->st_uid = fe.uid;
		st->st_gid = fe.gid;
		st->st_size = PARAM_MAX;
		return 0;
	}
	case FE_DIR_PROC:
		if (*n->path && (umc_proc_stat(n->path, &mode) || !S_ISDIR(mode)))
			return -ENOENT;
		fill_dir_stat(n->ino, st);
		return 0;
	case FE_DIR_MODULE:
	case FE_DIR_PARAMS: {
		struct param_query q = { .module = n->path };

		umc_param_for_each(param_visit, &q);
		if (!q.found)
			return -ENOENT;
		fill_dir_stat(n->ino, st);
		return 0;
	}
	default:
		fill_dir_stat(n->ino, st);
		if (n->kind == FE_ROOT)
			st->st_mode = S_IFDIR | 0755;
		return 0;
	}
}

/* The child @name of directory @p: its inode (created on first use) or 0. */
static fuse_ino_t child_ino(const struct fe_node *p, const char *name)
{
	char path[FE_PATH_MAX];
	unsigned int mode;

	switch (p->kind) {
	case FE_ROOT:
		if (!strcmp(name, "dev"))
			return FE_INO_DEV;
		if (!strcmp(name, "proc"))
			return FE_INO_PROC;
		if (!strcmp(name, "sys"))
			return FE_INO_SYS;
		return 0;
	case FE_DIR_SYS:
		return strcmp(name, "module") ? 0 : FE_INO_MODULES;
	case FE_DIR_DEV: {
		struct umc_blk_disk_info info[64];
		int n = umc_blk_disk_list(info, 64);

		for (int i = 0; i < n && i < 64; i++)
			if (!strcmp(info[i].name, name))
				return fe_node_child(FE_INO_DEV, name, FE_DEV, NULL, info[i].major,
						     info[i].minor);
		return 0;
	}
	case FE_DIR_PROC:
		if (!join_path(path, sizeof(path), p->path, name) || umc_proc_stat(path, &mode))
			return 0;
		return fe_node_child(p->ino, name, S_ISDIR(mode) ? FE_DIR_PROC : FE_PROC, path, 0, 0);
	case FE_DIR_MODULES: {
		struct param_query q = { .module = name };

		umc_param_for_each(param_visit, &q);
		return q.found ? fe_node_child(p->ino, name, FE_DIR_MODULE, name, 0, 0) : 0;
	}
	case FE_DIR_MODULE:
		if (strcmp(name, "parameters"))
			return 0;
		return fe_node_child(p->ino, name, FE_DIR_PARAMS, p->path, 0, 0);
	case FE_DIR_PARAMS: {
		struct param_query q = { .module = p->path, .param = name };

		umc_param_for_each(param_visit, &q);
		if (!q.found)
			return 0;
		if (snprintf(path, sizeof(path), "%s.%s", p->path, name) >= (int)sizeof(path))
			return 0;
		return fe_node_child(p->ino, name, FE_PARAM, path, 0, 0);
	}
	default:
		return 0;
	}
}

/* ---------------------------------------------------------------- directory listings */
struct dirlist {
	struct fe_node parent;
	char (*names)[FE_NAME_MAX];
	size_t n, cap;
};

static void dirlist_add(void *ctx, const char *name)
{
	struct dirlist *d = ctx;

	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->names[i], name))
			return;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		char (*p)[FE_NAME_MAX] = realloc(d->names, cap * sizeof(*p));

		if (!p)
			return;
		d->names = p;
		d->cap = cap;
	}
	snprintf(d->names[d->n++], FE_NAME_MAX, "%s", name);
}

static int proc_entry(void *ctx, const char *name, unsigned int mode)
{
	(void)mode;
	dirlist_add(ctx, name);
	return 0;
}

static void dirlist_fill(struct dirlist *d)
{
	const struct fe_node *p = &d->parent;

	switch (p->kind) {
	case FE_ROOT:
		dirlist_add(d, "dev");
		dirlist_add(d, "proc");
		dirlist_add(d, "sys");
		break;
	case FE_DIR_SYS:
		dirlist_add(d, "module");
		break;
	case FE_DIR_MODULE:
		dirlist_add(d, "parameters");
		break;
	case FE_DIR_DEV: {
		struct umc_blk_disk_info info[64];
		int n = umc_blk_disk_list(info, 64);

		for (int i = 0; i < n && i < 64; i++)
			dirlist_add(d, info[i].name);
		break;
	}
	case FE_DIR_PROC:
		umc_proc_readdir(p->path, proc_entry, d);
		break;
	case FE_DIR_MODULES:
	case FE_DIR_PARAMS: {
		struct param_query q = { .module = p->kind == FE_DIR_PARAMS ? p->path : NULL,
					 .add = dirlist_add, .ctx = d };

		umc_param_for_each(param_visit, &q);
		break;
	}
	default:
		break;
	}
}

/* ---------------------------------------------------------------- operations */
static void op_init(void *userdata, struct fuse_conn_info *conn)
{
	(void)userdata;
	conn->max_write = FE_MAX_IO;
	conn->max_background = 64;
	conn->congestion_threshold = 48;
	/* several concurrent requests per O_DIRECT aio: without it depth 32 collapses */
	if (conn->capable & FUSE_CAP_ASYNC_DIO)
		conn->want |= FUSE_CAP_ASYNC_DIO;
	conn->want &= ~(FUSE_CAP_SPLICE_READ | FUSE_CAP_SPLICE_WRITE | FUSE_CAP_SPLICE_MOVE |
			FUSE_CAP_WRITEBACK_CACHE);
	fe_logf(SYS_LOG_DEBUG, "FUSE protocol %u.%u, max_write %u, async_dio %s", conn->proto_major,
		conn->proto_minor, conn->max_write, (conn->want & FUSE_CAP_ASYNC_DIO) ? "on" : "off");
}

static void reply_entry(fuse_req_t req, fuse_ino_t ino)
{
	struct fuse_entry_param e = { 0 };
	struct fe_node n;

	if (!ino || fe_node_get(ino, &n) || node_stat(&n, &e.attr)) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	e.ino = ino;
	/* the fixed directories never change; everything else is asked for again */
	e.entry_timeout = ino <= FE_INO_MODULES ? 3600 : 0;
	e.attr_timeout = 0;
	fuse_reply_entry(req, &e);
}

static void op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	struct fe_node p;

	if (fe_node_get(parent, &p)) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	reply_entry(req, child_ino(&p, name));
}

static void op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct fe_node n;
	struct stat st;
	int rc;

	(void)fi;
	rc = fe_node_get(ino, &n);
	if (!rc)
		rc = node_stat(&n, &st);
	if (rc)
		fuse_reply_err(req, -rc);
	else
		fuse_reply_attr(req, &st, 0);
}

/* Nothing here can be resized, chmod'ed or touched: O_TRUNC (a size of 0) is ignored as on a
 * block device, and the current attributes are returned. */
static void op_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int to_set,
		       struct fuse_file_info *fi)
{
	(void)attr;
	(void)to_set;
	op_getattr(req, ino, fi);
}

static void op_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		       struct fuse_file_info *fi)
{
	struct dirlist d = { 0 };
	size_t pos = 0, total;
	char *buf;

	(void)fi;
	if (fe_node_get(ino, &d.parent)) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	if (d.parent.kind == FE_DEV || d.parent.kind == FE_PROC || d.parent.kind == FE_PARAM) {
		fuse_reply_err(req, ENOTDIR);
		return;
	}
	dirlist_add(&d, ".");
	dirlist_add(&d, "..");
	dirlist_fill(&d);
	buf = malloc(size);
	if (!buf) {
		free(d.names);
		fuse_reply_err(req, ENOMEM);
		return;
	}
	total = d.n;
	for (size_t i = (size_t)off; i < total; i++) {
		struct stat st = { 0 };
		size_t n;

		if (i < 2) {
			st.st_ino = i == 0 ? ino : d.parent.parent;
			st.st_mode = S_IFDIR;
		} else {
			fuse_ino_t c = child_ino(&d.parent, d.names[i]);
			struct fe_node cn;

			if (!c || fe_node_get(c, &cn))
				continue;
			st.st_ino = c;
			st.st_mode = (cn.kind == FE_DEV || cn.kind == FE_PROC || cn.kind == FE_PARAM) ?
					     S_IFREG : S_IFDIR;
		}
		n = fuse_add_direntry(req, buf + pos, size - pos, d.names[i], &st, (off_t)i + 1);
		if (n > size - pos)
			break;
		pos += n;
	}
	fuse_reply_buf(req, buf, pos);
	free(buf);
	free(d.names);
}

static void op_statfs(fuse_req_t req, fuse_ino_t ino)
{
	struct statvfs sv = { .f_bsize = 4096, .f_frsize = 4096, .f_namemax = 255 };

	(void)ino;
	fuse_reply_statfs(req, &sv);
}

/* ---- proc and parameter files ---- */
static struct fe_meta *meta_of(struct fuse_file_info *fi)
{
	return (fi->fh & META_TAG) ? (struct fe_meta *)(uintptr_t)(fi->fh & ~(uint64_t)META_TAG) :
				     NULL;
}

static int meta_open(const struct fe_node *n, int accmode, struct fe_meta **out)
{
	struct fe_meta *m = calloc(1, sizeof(*m));
	struct stat st;
	int rc;

	if (!m)
		return -ENOMEM;
	m->kind = n->kind;
	snprintf(m->name, sizeof(m->name), "%s", n->path);
	rc = node_stat(n, &st);
	if (rc)
		goto fail;
	if (accmode != O_RDONLY && !(st.st_mode & 0222)) {
		rc = -EACCES;
		goto fail;
	}
	if (accmode == O_WRONLY)
		goto done;
	if (n->kind == FE_PROC) {
		rc = umc_proc_read(n->path, &m->data, &m->len);
		if (rc)
			goto fail;
		m->proc_buf = true;
	} else {
		m->data = malloc(PARAM_MAX);
		if (!m->data) {
			rc = -ENOMEM;
			goto fail;
		}
		rc = umc_param_get(n->path, m->data, PARAM_MAX);
		if (rc < 0)
			goto fail;
		m->len = strlen(m->data);
	}
done:
	m->refs = 1;
	*out = m;
	return 0;
fail:
	if (m->proc_buf)
		umc_proc_free(m->data);
	else
		free(m->data);
	free(m);
	return rc;
}

/* meta_free - drop one reference (see fe_meta.refs); the last one frees. */
static void meta_free(struct fe_meta *m)
{
	if (__atomic_sub_fetch(&m->refs, 1, __ATOMIC_ACQ_REL))
		return;
	if (m->proc_buf)
		umc_proc_free(m->data);
	else
		free(m->data);
	free(m);
}

static void op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct fe_meta *m;
	struct fe_node n;
	int rc;

	if (fe_node_get(ino, &n)) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	switch (n.kind) {
	case FE_DEV:
		fe_dev_open(req, &n, fi);
		return;
	case FE_PROC:
	case FE_PARAM:
		rc = meta_open(&n, fi->flags & O_ACCMODE, &m);
		if (rc) {
			fuse_reply_err(req, -rc);
			return;
		}
		fi->fh = (uint64_t)(uintptr_t)m | META_TAG;
		fi->direct_io = 1;
		fi->keep_cache = 0;
		if (fuse_reply_open(req, fi))
			meta_free(m);
		return;
	default:
		fuse_reply_err(req, EISDIR);
	}
}

static void op_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		    struct fuse_file_info *fi)
{
	struct fe_meta *m = meta_of(fi);

	(void)ino;
	if (!m) {
		fe_dev_read(req, size, off, fi);
		return;
	}
	if (off < 0 || (size_t)off >= m->len || !m->data) {
		fuse_reply_buf(req, NULL, 0);
		return;
	}
	if (size > m->len - (size_t)off)
		size = m->len - (size_t)off;
	/* The reply can complete the reader's read(), its close() and so the RELEASE on another
	 * worker before fuse_reply_buf returns here: keep the data until then. */
	__atomic_add_fetch(&m->refs, 1, __ATOMIC_RELAXED);
	fuse_reply_buf(req, m->data + off, size);
	meta_free(m);
}

static void op_write_buf(fuse_req_t req, fuse_ino_t ino, struct fuse_bufvec *bufv, off_t off,
			 struct fuse_file_info *fi)
{
	struct fe_meta *m = meta_of(fi);
	size_t len = fuse_buf_size(bufv);
	char val[PARAM_MAX];
	int rc;

	(void)ino;
	(void)off;
	if (!m) {
		fe_dev_write(req, bufv, off, fi);
		return;
	}
	if (m->kind != FE_PARAM) {
		fuse_reply_err(req, EACCES);
		return;
	}
	/* a sysfs store: each write() is one value */
	if (len >= sizeof(val) || bufv->count != 1 || (bufv->buf[0].flags & FUSE_BUF_IS_FD)) {
		fuse_reply_err(req, EINVAL);
		return;
	}
	memcpy(val, bufv->buf[0].mem, len);
	val[len] = 0;
	rc = umc_param_write(m->name, val);
	if (rc < 0) {
		fuse_reply_err(req, -rc);
		return;
	}
	fe_logf(SYS_LOG_INFO, "parameter %s set to %.*s", m->name,
		(int)(len && val[len - 1] == '\n' ? len - 1 : len), val);
	fuse_reply_write(req, len);
}

static void op_flush(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)ino;
	if (meta_of(fi))
		fuse_reply_err(req, 0);
	else
		fe_dev_flush(req, fi, false);
}

static void op_fsync(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi)
{
	(void)ino;
	(void)datasync;
	if (meta_of(fi))
		fuse_reply_err(req, 0);
	else
		fe_dev_flush(req, fi, true);
}

static void op_fallocate(fuse_req_t req, fuse_ino_t ino, int mode, off_t off, off_t len,
			 struct fuse_file_info *fi)
{
	(void)ino;
	if (meta_of(fi))
		fuse_reply_err(req, EOPNOTSUPP);
	else
		fe_dev_fallocate(req, mode, off, len, fi);
}

static void op_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct fe_meta *m = meta_of(fi);

	(void)ino;
	if (!m) {
		fe_dev_release(req, fi);
		return;
	}
	meta_free(m);
	fuse_reply_err(req, 0);
}

static const struct fuse_lowlevel_ops fe_ops = {
	.init = op_init,
	.lookup = op_lookup,
	.getattr = op_getattr,
	.setattr = op_setattr,
	.readdir = op_readdir,
	.statfs = op_statfs,
	.open = op_open,
	.read = op_read,
	.write_buf = op_write_buf,
	.flush = op_flush,
	.fsync = op_fsync,
	.fallocate = op_fallocate,
	.release = op_release,
};

/* ---------------------------------------------------------------- start / stop */
static void worker_init(void *ctx)
{
	(void)ctx;
	umc_blk_thread_attach();
}

static void worker_exit(void *ctx)
{
	(void)ctx;
	umc_blk_thread_detach();
}

static void *loop_buf_alloc(size_t size, void *ctx)
{
	(void)ctx;
	return umc_blk_buf_alloc(size);
}

static void loop_buf_free(void *p, size_t size, void *ctx)
{
	(void)ctx;
	umc_blk_buf_free(p, size);
}

static void stop_notifier(void)
{
	if (!evq.running)
		return;
	pthread_mutex_lock(&evq.lock);
	evq.stop = true;
	pthread_cond_signal(&evq.cond);
	pthread_mutex_unlock(&evq.lock);
	pthread_join(evq.thread, NULL);
	evq.running = false;
	evq.stop = false;
	evq.overflow = false;
	evq.count = evq.head = 0;
}

int fuse_frontend_start(const struct fuse_frontend_opts *o)
{
	char mount_opts[256];
	struct ffl_config cfg = {
		.threads = o->threads ? o->threads : 2,
		.clone_fd = !o->no_clone_fd,
		.max_write = FE_MAX_IO,
		.buf_alloc = loop_buf_alloc,
		.buf_free = loop_buf_free,
		.thread_init = worker_init,
		.thread_exit = worker_exit,
		.name = "fuse",
		.log = loop_log,
	};
	int rc;

	if (fs.started)
		return -EBUSY;
	if (!o->mountpoint)
		return -EINVAL;
	/* measurement knob (bench/run-standalone.sh --bounce): receive into malloc'ed memory,
	 * so that every request's data is copied through arena pages by the bridge */
	if (getenv("DRBDUM_FUSE_BOUNCE") && *getenv("DRBDUM_FUSE_BOUNCE") == '1') {
		cfg.buf_alloc = NULL;
		cfg.buf_free = NULL;
		fe_logf(SYS_LOG_NOTICE, "DRBDUM_FUSE_BOUNCE=1: request data is copied (bounce)");
	}
	rc = fe_check_fuse_device();
	if (rc)
		return rc;
	rc = fe_prepare_mountpoint(o->mountpoint);
	if (rc) {
		fe_logf(SYS_LOG_ERR, "mount point %s: %s", o->mountpoint, strerror(-rc));
		return rc;
	}
	fs.mountpoint = strdup(o->mountpoint);
	if (!fs.mountpoint || fe_nodes_init()) {
		rc = -ENOMEM;
		goto fail_nodes;
	}
	fe.uid = getuid();
	fe.gid = getgid();
	fe.mounted = time(NULL);
	fe.dev_mode = o->dev_mode ? (o->dev_mode & 0777) : 0600;
	fuse_set_log_func(libfuse_log);

	snprintf(mount_opts, sizeof(mount_opts), "fsname=drbd-usermode,subtype=drbd%s",
		 o->allow_other ? ",allow_other,default_permissions" : "");
	char *argv[] = { "drbd-usermode", "-o", mount_opts, NULL };
	struct fuse_args args = FUSE_ARGS_INIT(3, argv);

	fe.se = fuse_session_new(&args, &fe_ops, sizeof(fe_ops), NULL);
	fuse_opt_free_args(&args); /* libfuse may have copied @argv into an allocated list */
	if (!fe.se) {
		rc = -ENOMEM;
		goto fail_nodes;
	}
	if (fuse_session_mount(fe.se, fs.mountpoint)) {
		fe_logf(SYS_LOG_ERR, "cannot mount FUSE at %s (see the messages above)", fs.mountpoint);
		rc = -EIO;
		goto fail_session;
	}
	rc = umc_blk_watch_start(&fs.watch, disk_event, NULL);
	if (rc)
		goto fail_mounted;
	rc = -pthread_create(&evq.thread, NULL, notify_main, NULL);
	if (rc)
		goto fail_watch;
	pthread_setname_np(evq.thread, "fuse-notify");
	evq.running = true;
	rc = ffl_start(&fs.loop, fe.se, &cfg);
	if (rc) {
		fe_logf(SYS_LOG_ERR, "FUSE request loop: %s", strerror(-rc));
		goto fail_notifier;
	}
	fs.started = true;
	fe_logf(SYS_LOG_NOTICE, "devices mounted at %s (%u FUSE threads%s%s)", fs.mountpoint,
		cfg.threads, cfg.clone_fd ? ", cloned descriptors" : "",
		o->allow_other ? ", allow_other" : "");
	return 0;

fail_notifier:
	stop_notifier();
fail_watch:
	umc_blk_watch_stop(fs.watch);
	fs.watch = NULL;
fail_mounted:
	fuse_session_unmount(fe.se);
fail_session:
	fuse_session_destroy(fe.se);
	fe.se = NULL;
fail_nodes:
	fe_nodes_exit();
	free(fs.mountpoint);
	fs.mountpoint = NULL;
	fuse_set_log_func(NULL);
	return rc;
}

void fuse_frontend_stop(void)
{
	if (!fs.started)
		return;
	umc_blk_watch_stop(fs.watch);
	fs.watch = NULL;
	stop_notifier();
	/* answers everything in flight, then no worker reads any more */
	ffl_stop(fs.loop);
	fs.loop = NULL;
	/* lazy unmount; closing the last descriptor ends the connection */
	fuse_session_unmount(fe.se);
	/* files still open in other programs: the kernel will not send RELEASE any more */
	fe_dev_close_all();
	fuse_session_destroy(fe.se);
	fe.se = NULL;
	fe_nodes_exit();
	fe_logf(SYS_LOG_NOTICE, "unmounted %s", fs.mountpoint);
	free(fs.mountpoint);
	fs.mountpoint = NULL;
	fuse_set_log_func(NULL);
	fs.started = false;
}
