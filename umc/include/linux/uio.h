/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/uio.h - struct kvec and the kvec flavour of struct iov_iter (what the socket layer
 * and DRBD use). Implemented in umc/src/socket_iter.c (iov_iter_kvec, iov_iter_advance,
 * copy_to_iter/copy_from_iter). Only ITER_KVEC iterators are supported; the other types
 * exist as names so that code testing the type compiles.
 * None of these functions sleeps; an iov_iter is not thread-safe (owner only).
 */
#ifndef _UMC_LINUX_UIO_H
#define _UMC_LINUX_UIO_H

#include <linux/kernel.h>
#include <linux/types.h>

struct page;
struct bio_vec;
struct iovec;

struct kvec {
	void *iov_base;
	size_t iov_len;
};

enum iter_type {
	ITER_IOVEC,
	ITER_KVEC,
	ITER_BVEC,
	ITER_PIPE,
	ITER_XARRAY,
	ITER_DISCARD,
	ITER_UBUF,
};

/* Direction, as in 6.1.y: SOURCE = data flows out of the iterator (a send). */
#define ITER_SOURCE 1
#define ITER_DEST 0

struct iov_iter {
	u8 iter_type;
	bool nofault;
	bool data_source;
	bool user_backed;
	size_t iov_offset; /* offset into the current segment */
	size_t count;      /* bytes left in the whole iterator */
	union {
		const struct iovec *iov;
		const struct kvec *kvec;
		const struct bio_vec *bvec;
		void *ubuf;
	};
	unsigned long nr_segs; /* segments left, the current one included */
};

static inline enum iter_type iov_iter_type(const struct iov_iter *i) { return (enum iter_type)i->iter_type; }
static inline bool iov_iter_is_kvec(const struct iov_iter *i) { return i->iter_type == ITER_KVEC; }
static inline size_t iov_iter_count(const struct iov_iter *i) { return i->count; }
static inline unsigned char iov_iter_rw(const struct iov_iter *i) { return i->data_source ? 1 : 0; }

/* iov_iter_kvec - iterate over @nr_segs kernel buffers, @count bytes in all. */
void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count);
/* iov_iter_advance - consume @bytes (clamped to what is left). */
void iov_iter_advance(struct iov_iter *i, size_t bytes);
/* copy_to_iter/copy_from_iter - copy and advance; return bytes copied. */
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);

#endif
