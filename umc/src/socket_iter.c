// SPDX-License-Identifier: GPL-2.0
/*
 * socket_iter.c - kvec iterators (linux/uio.h). Only ITER_KVEC is implemented: it is the
 * only kind the kernel socket calls get from DRBD. Pure functions, never sleep.
 */
#include <linux/uio.h>
#include <linux/string.h>
#include <linux/bug.h>

void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count)
{
	WARN_ON(direction & ~(ITER_SOURCE | ITER_DEST));
	i->iter_type = ITER_KVEC;
	i->nofault = false;
	i->data_source = direction == ITER_SOURCE;
	i->user_backed = false;
	i->kvec = kvec;
	i->nr_segs = nr_segs;
	i->iov_offset = 0;
	i->count = count;
}

void iov_iter_advance(struct iov_iter *i, size_t bytes)
{
	if (WARN_ON_ONCE(i->iter_type != ITER_KVEC))
		return;
	if (bytes > i->count)
		bytes = i->count;
	i->count -= bytes;
	bytes += i->iov_offset;
	while (i->nr_segs && bytes >= i->kvec->iov_len) {
		bytes -= i->kvec->iov_len;
		i->kvec++;
		i->nr_segs--;
	}
	i->iov_offset = bytes;
}

/* Copy between @buf and the iterator; @to_iter says the direction. Advances. */
static size_t iter_copy(void *buf, size_t bytes, struct iov_iter *i, bool to_iter)
{
	size_t done = 0;

	if (WARN_ON_ONCE(i->iter_type != ITER_KVEC))
		return 0;
	if (bytes > i->count)
		bytes = i->count;
	while (done < bytes) {
		const struct kvec *v = i->kvec;
		size_t chunk = v->iov_len - i->iov_offset;
		char *seg = (char *)v->iov_base + i->iov_offset;

		if (chunk > bytes - done)
			chunk = bytes - done;
		if (to_iter)
			memcpy(seg, (char *)buf + done, chunk);
		else
			memcpy((char *)buf + done, seg, chunk);
		done += chunk;
		iov_iter_advance(i, chunk);
	}
	return done;
}

size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	return iter_copy((void *)addr, bytes, i, true);
}

size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	return iter_copy(addr, bytes, i, false);
}
