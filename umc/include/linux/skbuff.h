/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/skbuff.h - linear socket buffers, as netlink uses them (umc/src/skbuff.c).
 * An sk_buff here is one contiguous buffer [head, head + end) holding [data, data + len);
 * there are no fragments (data_len is always 0) and no clones. alloc_skb never sleeps
 * (GFP flags only choose the kmalloc flags); it returns NULL when memory is short.
 * skb_put past the end is a BUG, as in the kernel.
 */
#ifndef _UMC_LINUX_SKBUFF_H
#define _UMC_LINUX_SKBUFF_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/socket.h>
#include <asm/page.h>

#define NUMA_NO_NODE (-1)

/* Linux's sizeof(struct skb_shared_info) aligned, on x86-64: what the kernel takes off a page. */
#define SKB_SHINFO_OVERHEAD 320
#define SKB_DATA_ALIGN(x) (((x) + 63) & ~(size_t)63)
#define SKB_WITH_OVERHEAD(x) ((x) - SKB_SHINFO_OVERHEAD)

typedef unsigned int sk_buff_data_t;

enum skb_drop_reason {
	SKB_NOT_DROPPED_YET = 0,
	SKB_CONSUMED,
	SKB_DROP_REASON_NOT_SPECIFIED,
};

struct sock;

struct sk_buff {
	struct sk_buff *next;
	struct sk_buff *prev;
	struct sock *sk;
	char cb[48] __aligned(8); /* control buffer: NETLINK_CB() lives here */
	unsigned int len;
	unsigned int data_len;
	u32 priority;
	__be16 protocol;
	unsigned int truesize;
	atomic_t users;
	sk_buff_data_t tail; /* offset of the end of data from head */
	sk_buff_data_t end;  /* offset of the end of the buffer from head */
	unsigned char *head;
	unsigned char *data;
};

/* __alloc_skb - a buffer with at least @size bytes of tailroom, len 0. NULL on failure. */
struct sk_buff *__alloc_skb(unsigned int size, gfp_t priority, int flags, int node);
static inline struct sk_buff *alloc_skb(unsigned int size, gfp_t priority)
{
	return __alloc_skb(size, priority, 0, NUMA_NO_NODE);
}
/* kfree_skb_reason / kfree_skb / consume_skb - drop a reference; free at zero. NULL ok. */
void kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason);
static inline void kfree_skb(struct sk_buff *skb)
{
	kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
}
void consume_skb(struct sk_buff *skb);
static inline struct sk_buff *skb_get(struct sk_buff *skb)
{
	atomic_inc(&skb->users);
	return skb;
}

static inline unsigned char *skb_tail_pointer(const struct sk_buff *skb)
{
	return skb->head + skb->tail;
}
static inline unsigned char *skb_end_pointer(const struct sk_buff *skb)
{
	return skb->head + skb->end;
}
static inline int skb_tailroom(const struct sk_buff *skb)
{
	return (int)(skb->end - skb->tail);
}
static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return (unsigned int)(skb->data - skb->head);
}
static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len - skb->data_len;
}
static inline void skb_reserve(struct sk_buff *skb, int len)
{
	skb->data += len;
	skb->tail += len;
}
static inline void skb_reset_tail_pointer(struct sk_buff *skb)
{
	skb->tail = (sk_buff_data_t)(skb->data - skb->head);
}
static inline void skb_set_tail_pointer(struct sk_buff *skb, const int offset)
{
	skb_reset_tail_pointer(skb);
	skb->tail += offset;
}

/* skb_put - extend the data by @len and return the old tail (BUG if it does not fit). */
void *skb_put(struct sk_buff *skb, unsigned int len);
static inline void *__skb_put(struct sk_buff *skb, unsigned int len)
{
	void *tmp = skb_tail_pointer(skb);
	skb->tail += len;
	skb->len += len;
	return tmp;
}
static inline void *skb_put_zero(struct sk_buff *skb, unsigned int len)
{
	void *tmp = skb_put(skb, len);
	memset(tmp, 0, len);
	return tmp;
}
static inline void *skb_put_data(struct sk_buff *skb, const void *data, unsigned int len)
{
	void *tmp = skb_put(skb, len);
	memcpy(tmp, data, len);
	return tmp;
}
static inline void __skb_trim(struct sk_buff *skb, unsigned int len)
{
	skb->len = len;
	skb_set_tail_pointer(skb, (int)len);
}
/* skb_pull - remove @len bytes from the start of the data; NULL if there are fewer. */
static inline void *skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (len > skb->len)
		return NULL;
	skb->len -= len;
	skb->data += len;
	return skb->data;
}
/* skb_trim - cut the data to @len bytes if it is longer. */
void skb_trim(struct sk_buff *skb, unsigned int len);

#endif
