// SPDX-License-Identifier: GPL-2.0
/*
 * fuse_noop.c - the FUSE ceiling: a file server that does nothing but pread/pwrite on a
 * backing file, with the FUSE options of the drbd-usermode front end (direct_io, async DIO,
 * parallel direct writes, 1 MiB requests, max_background 64, cloned descriptors, the same
 * request loop: fuse-frontend/fuse_loop.c). What fio reaches through it is the most any
 * FUSE design can reach on the machine.
 *
 *   bench-fuse-noop [options] --backing FILE MOUNTPOINT
 *     --threads N      workers (default 2)
 *     --no-clone       workers share the session descriptor
 *     --libfuse-loop   use libfuse's fuse_session_loop_mt instead (data 80 bytes off page
 *                      alignment: O_DIRECT writes need a bounce copy), for comparison
 *     --direct         open the backing file O_DIRECT (misaligned data is bounced)
 *     --allow-other    -o allow_other
 *
 * The mount holds one file, "data", the size of the backing file. Runs in the foreground
 * until SIGINT/SIGTERM, then unmounts.
 */
#define _GNU_SOURCE
#define FUSE_USE_VERSION 312
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fuse_lowlevel.h>

#include "fuse_loop.h"

#define DATA_INO 2
#define MAX_IO (1u << 20)

static struct {
	int fd;
	bool direct;
	off_t size;
	bool own_loop;
} srv;

/* Aligned bounce buffer per thread for O_DIRECT with misaligned data. */
static __thread void *bounce;

static void *get_bounce(void)
{
	if (!bounce && posix_memalign(&bounce, 4096, MAX_IO + 4096))
		bounce = NULL;
	return bounce;
}

static bool misaligned(const void *p, size_t len, off_t off)
{
	return srv.direct && (((uintptr_t)p | len | (size_t)off) & 511);
}

static void noop_init(void *userdata, struct fuse_conn_info *conn)
{
	conn->max_write = MAX_IO;
	conn->max_background = 64;
	conn->congestion_threshold = 48;
	conn->want |= FUSE_CAP_ASYNC_DIO;
	conn->want &= ~(FUSE_CAP_SPLICE_READ | FUSE_CAP_SPLICE_WRITE | FUSE_CAP_SPLICE_MOVE |
			FUSE_CAP_WRITEBACK_CACHE);
}

static void fill_stat(fuse_ino_t ino, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = ino;
	st->st_uid = getuid();
	st->st_gid = getgid();
	if (ino == FUSE_ROOT_ID) {
		st->st_mode = S_IFDIR | 0755;
		st->st_nlink = 2;
	} else {
		st->st_mode = S_IFREG | 0600;
		st->st_nlink = 1;
		st->st_size = srv.size;
		st->st_blksize = 4096;
	}
}

static void noop_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	struct fuse_entry_param e = { 0 };

	if (parent != FUSE_ROOT_ID || strcmp(name, "data")) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	e.ino = DATA_INO;
	fill_stat(DATA_INO, &e.attr);
	e.attr_timeout = 1;
	e.entry_timeout = 1;
	fuse_reply_entry(req, &e);
}

static void noop_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct stat st;

	if (ino != FUSE_ROOT_ID && ino != DATA_INO) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	fill_stat(ino, &st);
	fuse_reply_attr(req, &st, 1);
}

static void noop_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int to_set,
			 struct fuse_file_info *fi)
{
	noop_getattr(req, ino, fi);
}

static void noop_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	if (ino != DATA_INO) {
		fuse_reply_err(req, EISDIR);
		return;
	}
	fi->direct_io = 1;
	fi->keep_cache = 0;
	if (srv.own_loop)
		ffl_set_open_flags(FFL_FOPEN_PARALLEL_DIRECT_WRITES);
	fuse_reply_open(req, fi);
}

static void noop_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		      struct fuse_file_info *fi)
{
	struct ffl_buf *b = srv.own_loop ? ffl_current() : NULL;
	size_t cap = 0;
	char *data = b ? ffl_buf_data(b, &cap) : get_bounce();
	ssize_t n;

	if (!data || size > MAX_IO) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	if (off >= srv.size)
		size = 0;
	else if ((off_t)size > srv.size - off)
		size = (size_t)(srv.size - off);
	n = size ? pread(srv.fd, data, size, off) : 0;
	if (n < 0)
		fuse_reply_err(req, errno);
	else
		fuse_reply_buf(req, data, (size_t)n);
}

static void noop_write_buf(fuse_req_t req, fuse_ino_t ino, struct fuse_bufvec *bufv, off_t off,
			   struct fuse_file_info *fi)
{
	const char *mem = bufv->buf[0].mem;
	size_t len = bufv->buf[0].size;
	ssize_t n;

	if (bufv->count != 1 || (bufv->buf[0].flags & FUSE_BUF_IS_FD)) {
		fuse_reply_err(req, EIO);
		return;
	}
	if (misaligned(mem, len, off)) {
		void *bb = get_bounce();

		if (!bb) {
			fuse_reply_err(req, ENOMEM);
			return;
		}
		memcpy(bb, mem, len);
		mem = bb;
	}
	n = pwrite(srv.fd, mem, len, off);
	if (n < 0)
		fuse_reply_err(req, errno);
	else
		fuse_reply_write(req, (size_t)n);
}

static void noop_fsync(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi)
{
	fuse_reply_err(req, fdatasync(srv.fd) ? errno : 0);
}

static void noop_flush(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	fuse_reply_err(req, 0);
}

static void noop_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	fuse_reply_err(req, 0);
}

static void noop_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
			 struct fuse_file_info *fi)
{
	char buf[512];
	size_t pos = 0;
	struct stat st;
	static const char *const names[] = { ".", "..", "data" };

	if (ino != FUSE_ROOT_ID) {
		fuse_reply_err(req, ENOTDIR);
		return;
	}
	for (off_t i = off; i < 3; i++) {
		size_t n;

		fill_stat(i == 2 ? DATA_INO : FUSE_ROOT_ID, &st);
		n = fuse_add_direntry(req, buf + pos, sizeof(buf) - pos, names[i], &st, i + 1);
		if (n > sizeof(buf) - pos || pos + n > size)
			break;
		pos += n;
	}
	fuse_reply_buf(req, buf, pos);
}

static const struct fuse_lowlevel_ops noop_ops = {
	.init = noop_init,
	.lookup = noop_lookup,
	.getattr = noop_getattr,
	.setattr = noop_setattr,
	.open = noop_open,
	.read = noop_read,
	.write_buf = noop_write_buf,
	.fsync = noop_fsync,
	.flush = noop_flush,
	.release = noop_release,
	.readdir = noop_readdir,
};

/* --libfuse-loop: libfuse's own multithreaded loop, until unmounted */
static struct {
	struct fuse_session *se;
	struct fuse_loop_config *lc;
} lf;

static void *libfuse_loop_main(void *arg)
{
	(void)arg;
	fuse_session_loop_mt(lf.se, lf.lc);
	return NULL;
}

static void usage(void)
{
	fprintf(stderr, "usage: bench-fuse-noop [--threads N] [--no-clone] [--libfuse-loop] "
			"[--direct] [--allow-other] --backing FILE MOUNTPOINT\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threads", required_argument, NULL, 't' },
		{ "no-clone", no_argument, NULL, 'c' },
		{ "libfuse-loop", no_argument, NULL, 'l' },
		{ "direct", no_argument, NULL, 'd' },
		{ "allow-other", no_argument, NULL, 'a' },
		{ "backing", required_argument, NULL, 'b' },
		{ 0 },
	};
	struct ffl_config cfg = { .threads = 2, .clone_fd = true, .max_write = MAX_IO,
				  .name = "noop" };
	const char *backing = NULL, *mnt;
	bool allow_other = false;
	struct fuse_session *se;
	struct ffl *loop = NULL;
	pthread_t libfuse_thread;
	sigset_t sigs;
	struct stat st;
	int c, sig, rc = 0;

	srv.own_loop = true;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 't': cfg.threads = (unsigned int)atoi(optarg); break;
		case 'c': cfg.clone_fd = false; break;
		case 'l': srv.own_loop = false; break;
		case 'd': srv.direct = true; break;
		case 'a': allow_other = true; break;
		case 'b': backing = optarg; break;
		default: usage();
		}
	}
	if (!backing || optind != argc - 1)
		usage();
	mnt = argv[optind];
	srv.fd = open(backing, O_RDWR | O_CLOEXEC | (srv.direct ? O_DIRECT : 0));
	if (srv.fd < 0 || fstat(srv.fd, &st)) {
		perror(backing);
		return 1;
	}
	srv.size = st.st_size;

	char *fargv[] = { argv[0], "-o", allow_other ? "allow_other,fsname=fuse-noop" :
						    "fsname=fuse-noop", NULL };
	struct fuse_args args = FUSE_ARGS_INIT(3, fargv);

	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	se = fuse_session_new(&args, &noop_ops, sizeof(noop_ops), NULL);
	if (!se || fuse_session_mount(se, mnt)) {
		fprintf(stderr, "bench-fuse-noop: cannot mount %s\n", mnt);
		return 1;
	}
	if (srv.own_loop) {
		rc = ffl_start(&loop, se, &cfg);
		if (rc) {
			fprintf(stderr, "bench-fuse-noop: loop: %s\n", strerror(-rc));
			fuse_session_unmount(se);
			return 1;
		}
	} else {
		struct fuse_loop_config *lc = fuse_loop_cfg_create();

		fuse_loop_cfg_set_clone_fd(lc, cfg.clone_fd);
		fuse_loop_cfg_set_max_threads(lc, cfg.threads);
		fuse_loop_cfg_set_idle_threads(lc, cfg.threads);
		lf.se = se;
		lf.lc = lc;
		pthread_create(&libfuse_thread, NULL, libfuse_loop_main, &lf);
	}
	fprintf(stderr, "bench-fuse-noop: %s/data -> %s (%lld bytes, %s loop, %u threads%s%s)\n",
		mnt, backing, (long long)srv.size, srv.own_loop ? "own" : "libfuse", cfg.threads,
		cfg.clone_fd ? ", clone_fd" : "", srv.direct ? ", O_DIRECT" : "");
	do {
		sig = sigwaitinfo(&sigs, NULL);
	} while (sig < 0 && errno == EINTR);
	if (srv.own_loop) {
		ffl_stop(loop);
		fuse_session_unmount(se);
	} else {
		fuse_session_exit(se);
		fuse_session_unmount(se);
		pthread_join(libfuse_thread, NULL);
	}
	fuse_session_destroy(se);
	close(srv.fd);
	return rc;
}
