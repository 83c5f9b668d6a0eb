// SPDX-License-Identifier: GPL-2.0
/*
 * skbuff.c - linear sk_buffs for netlink (linux/skbuff.h).
 * One kmalloc holds the struct and the data; the data area is rounded up to 64 bytes, and
 * the whole of it is usable tailroom, as the kernel gives out the slack of its allocation.
 */
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/printk.h>

struct sk_buff *__alloc_skb(unsigned int size, gfp_t priority, int flags, int node)
{
	struct sk_buff *skb;
	size_t data_size = SKB_DATA_ALIGN((size_t)size);

	(void)flags;
	(void)node;
	skb = kmalloc(sizeof(*skb) + data_size, priority);
	if (!skb)
		return NULL;
	memset(skb, 0, sizeof(*skb));
	skb->head = (unsigned char *)(skb + 1);
	skb->data = skb->head;
	skb->tail = 0;
	skb->end = (sk_buff_data_t)data_size;
	skb->truesize = (unsigned int)(sizeof(*skb) + data_size);
	atomic_set(&skb->users, 1);
	return skb;
}

static void skb_release(struct sk_buff *skb)
{
	if (!skb)
		return;
	if (atomic_read(&skb->users) != 1 && !atomic_dec_and_test(&skb->users))
		return;
	kfree(skb);
}

void kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason)
{
	(void)reason;
	skb_release(skb);
}

void consume_skb(struct sk_buff *skb)
{
	skb_release(skb);
}

void *skb_put(struct sk_buff *skb, unsigned int len)
{
	void *tmp = skb_tail_pointer(skb);

	if (unlikely(len > (unsigned int)skb_tailroom(skb))) {
		pr_emerg("skb_over_panic: len:%u put:%u tail:%u end:%u\n", skb->len, len,
			 skb->tail, skb->end);
		BUG();
	}
	skb->tail += len;
	skb->len += len;
	return tmp;
}

void skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (skb->len > len)
		__skb_trim(skb, len);
}
