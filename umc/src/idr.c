// SPDX-License-Identifier: GPL-2.0
/*
 * idr.c - integer ID allocation and lookup (<linux/idr.h>) on a 64-way radix tree.
 *
 * Layout: a node covers 64 << shift IDs; leaves (shift 0) hold the entries, interior nodes
 * hold children. Writers keep two bitmaps per node, "used" (leaf: ID allocated, the entry may
 * be NULL; interior: child present) and "full" (interior: the child has no free ID), which
 * make finding the lowest free ID O(depth). Readers never look at the bitmaps: they only
 * follow slot pointers, loaded with acquire semantics; writers publish a node completely
 * initialised (release store) and free unlinked nodes after an RCU grace period, so lookups
 * and iteration under rcu_read_lock() are safe against one concurrent writer.
 * Empty nodes are freed at once, so the tree is NULL exactly when no ID is allocated.
 * The tree only grows in height; it does not shrink until it is empty.
 */
#include <linux/kernel.h>
#include <linux/idr.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/bug.h>
#include <sys_service.h>

#define IDR_BITS 6
#define IDR_SLOTS (1U << IDR_BITS)
#define IDR_SLOT_MASK (IDR_SLOTS - 1)
#define IDR_NONE (~0ULL)

struct umc_idr_node {
	unsigned int shift;  /* IDs per slot = 1 << shift */
	unsigned int count;  /* bits set in @used */
	unsigned long used;  /* writer-private */
	unsigned long full;  /* writer-private, interior nodes only */
	void *slots[IDR_SLOTS];
	void *rcu_head[4];   /* storage for sys->rcu_call */
};

static inline void *slot_load(const struct umc_idr_node *n, unsigned int i)
{
	return __atomic_load_n(&n->slots[i], __ATOMIC_ACQUIRE);
}

static inline void slot_store(struct umc_idr_node *n, unsigned int i, void *v)
{
	__atomic_store_n(&n->slots[i], v, __ATOMIC_RELEASE);
}

static inline struct umc_idr_node *top_load(const struct idr *idr)
{
	return __atomic_load_n(&idr->idr_top, __ATOMIC_ACQUIRE);
}

static inline u64 node_capacity(const struct umc_idr_node *n)
{
	return 1ULL << (n->shift + IDR_BITS);
}

static inline unsigned int node_index(const struct umc_idr_node *n, u64 id)
{
	return (id >> n->shift) & IDR_SLOT_MASK;
}

static inline bool node_full(const struct umc_idr_node *n)
{
	return n->shift ? n->full == ~0UL : n->used == ~0UL;
}

static void node_free_cb(void *arg)
{
	sys->mem_free(arg);
}

static void node_free_rcu(struct umc_idr_node *n)
{
	sys->rcu_call(n->rcu_head, node_free_cb, n);
}

/* Lowest unused ID >= @start in the subtree @n covering IDs from @base; IDR_NONE if none. */
static u64 find_free(const struct umc_idr_node *n, u64 base, u64 start)
{
	unsigned int i = (start - base) >> n->shift;

	if (!n->shift) {
		unsigned long bit = find_next_zero_bit(&n->used, IDR_SLOTS, i);

		return bit < IDR_SLOTS ? base + bit : IDR_NONE;
	}
	for (i = find_next_zero_bit(&n->full, IDR_SLOTS, i); i < IDR_SLOTS;
	     i = find_next_zero_bit(&n->full, IDR_SLOTS, i + 1)) {
		u64 cbase = base + ((u64)i << n->shift);
		u64 s = start > cbase ? start : cbase;
		u64 r;

		if (!(n->used & BIT(i)))
			return s;
		r = find_free(n->slots[i], cbase, s);
		if (r != IDR_NONE)
			return r;
	}
	return IDR_NONE;
}

/* Number of nodes to allocate to store @id in a tree with root @top needing root @tshift. */
static unsigned int nodes_needed(const struct umc_idr_node *top, u64 id, unsigned int tshift)
{
	const struct umc_idr_node *n = top;

	if (!top)
		return tshift / IDR_BITS + 1;
	if (tshift > top->shift)
		return (tshift - top->shift) / IDR_BITS + tshift / IDR_BITS;
	while (n->shift) {
		const struct umc_idr_node *c = n->slots[node_index(n, id)];

		if (!c)
			return n->shift / IDR_BITS;
		n = c;
	}
	return 0;
}

/* Store @ptr at the free ID @id (relative to idr_base). 0 or -ENOMEM; nothing changes on error. */
static int idr_insert(struct idr *idr, u64 id, void *ptr)
{
	struct umc_idr_node *top = idr->idr_top, *n;
	struct umc_idr_node *pool[2 * (32 / IDR_BITS + 2)];
	struct umc_idr_node *path[32 / IDR_BITS + 2];
	unsigned int tshift = top ? top->shift : 0;
	unsigned int need, depth = 0;

	while (id >> (tshift + IDR_BITS))
		tshift += IDR_BITS;
	need = nodes_needed(top, id, tshift);
	for (unsigned int k = 0; k < need; k++) {
		pool[k] = sys->mem_zalloc(sizeof(struct umc_idr_node), 0, "idr");
		if (!pool[k]) {
			while (k--)
				sys->mem_free(pool[k]);
			return -ENOMEM;
		}
	}

	/* grow: new roots with the old tree as child 0 (not visible to readers yet) */
	if (!top) {
		top = pool[--need];
		top->shift = tshift;
	}
	while (top->shift < tshift) {
		n = pool[--need];
		n->shift = top->shift + IDR_BITS;
		n->slots[0] = top;
		n->used = 1;
		n->count = 1;
		if (node_full(top))
			n->full = 1;
		top = n;
	}

	/* descend, linking missing nodes; a reader finds them empty until the entry is stored */
	n = top;
	while (n->shift) {
		unsigned int i = node_index(n, id);
		struct umc_idr_node *c = n->slots[i];

		path[depth++] = n;
		if (!c) {
			c = pool[--need];
			c->shift = n->shift - IDR_BITS;
			n->used |= BIT(i);
			n->count++;
			slot_store(n, i, c);
		}
		n = c;
	}
	BUG_ON(need != 0);
	n->used |= BIT(id & IDR_SLOT_MASK);
	n->count++;
	slot_store(n, id & IDR_SLOT_MASK, ptr);

	/* propagate "full" upwards while children become full */
	while (depth && node_full(n)) {
		struct umc_idr_node *p = path[--depth];

		p->full |= BIT(node_index(p, id));
		n = p;
	}
	if (top != idr->idr_top)
		__atomic_store_n(&idr->idr_top, top, __ATOMIC_RELEASE);
	return 0;
}

int idr_alloc_u32(struct idr *idr, void *ptr, u32 *nextid, unsigned long max, gfp_t gfp)
{
	struct umc_idr_node *top = idr->idr_top;
	unsigned int base = idr->idr_base;
	u64 id, rmax, found;
	int err;

	(void)gfp; /* the host allocator never sleeps: every gfp behaves the same */
	if (max < base)
		return -ENOSPC;
	id = *nextid < base ? 0 : *nextid - base;
	rmax = max - base;
	if (rmax > U32_MAX)
		rmax = U32_MAX;
	if (id > rmax)
		return -ENOSPC;

	if (!top || id >= node_capacity(top)) {
		found = id;
	} else {
		found = find_free(top, 0, id);
		if (found == IDR_NONE)
			found = node_capacity(top); /* first ID beyond the tree */
	}
	if (found > rmax)
		return -ENOSPC;
	err = idr_insert(idr, found, ptr);
	if (err)
		return err;
	*nextid = found + base;
	return 0;
}

int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	u32 id = start;
	int ret;

	if (WARN_ON_ONCE(start < 0))
		return -EINVAL;
	ret = idr_alloc_u32(idr, ptr, &id, end > 0 ? end - 1 : INT_MAX, gfp);
	if (ret)
		return ret;
	return id;
}

int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	u32 id = idr->idr_next;
	int err, max = end > 0 ? end - 1 : INT_MAX;

	if ((int)id < start)
		id = start;
	err = idr_alloc_u32(idr, ptr, &id, max, gfp);
	if (err == -ENOSPC && id > (u32)start) {
		id = start;
		err = idr_alloc_u32(idr, ptr, &id, max, gfp);
	}
	if (err)
		return err;
	idr->idr_next = id + 1;
	return id;
}

/*
 * Walk to the leaf of @id (relative). Fills @path (root first) and returns the leaf, or
 * NULL when the ID is outside the tree or its leaf does not exist. Writers only.
 */
static struct umc_idr_node *walk(struct idr *idr, u64 id, struct umc_idr_node **path,
				 unsigned int *depth)
{
	struct umc_idr_node *n = idr->idr_top;

	*depth = 0;
	if (!n || id >= node_capacity(n))
		return NULL;
	while (n->shift) {
		path[(*depth)++] = n;
		n = n->slots[node_index(n, id)];
		if (!n)
			return NULL;
	}
	return n;
}

void *idr_remove(struct idr *idr, unsigned long id)
{
	struct umc_idr_node *path[32 / IDR_BITS + 2], *n;
	unsigned int depth, i;
	void *entry;

	if (id < idr->idr_base)
		return NULL;
	id -= idr->idr_base;
	n = walk(idr, id, path, &depth);
	if (!n)
		return NULL;
	i = id & IDR_SLOT_MASK;
	if (!(n->used & BIT(i)))
		return NULL;
	entry = n->slots[i];
	slot_store(n, i, NULL);
	n->used &= ~BIT(i);
	n->count--;

	/* the leaf has a free ID now: no ancestor is full along this path */
	for (unsigned int d = 0; d < depth; d++)
		path[d]->full &= ~BIT(node_index(path[d], id));

	/* unlink and free nodes that became empty, bottom-up */
	while (n->count == 0) {
		if (!depth) {
			__atomic_store_n(&idr->idr_top, NULL, __ATOMIC_RELEASE);
			node_free_rcu(n);
			break;
		}
		struct umc_idr_node *p = path[--depth];
		unsigned int pi = node_index(p, id);

		slot_store(p, pi, NULL);
		p->used &= ~BIT(pi);
		p->count--;
		node_free_rcu(n);
		n = p;
	}
	return entry;
}

void *idr_find(const struct idr *idr, unsigned long id)
{
	const struct umc_idr_node *n;

	if (id < idr->idr_base)
		return NULL;
	id -= idr->idr_base;
	n = top_load(idr);
	if (!n || id >= node_capacity(n))
		return NULL;
	while (n->shift) {
		n = slot_load(n, node_index(n, id));
		if (!n)
			return NULL;
	}
	return slot_load(n, id & IDR_SLOT_MASK);
}

/* First non-NULL entry with ID >= @start in subtree @n (covering IDs from @base). */
static void *next_entry(const struct umc_idr_node *n, u64 base, u64 start, u64 *out)
{
	for (unsigned int i = (start - base) >> n->shift; i < IDR_SLOTS; i++) {
		void *p = slot_load(n, i);
		u64 cbase = base + ((u64)i << n->shift);

		if (!p)
			continue;
		if (!n->shift) {
			*out = cbase;
			return p;
		}
		p = next_entry(p, cbase, start > cbase ? start : cbase, out);
		if (p)
			return p;
	}
	return NULL;
}

void *idr_get_next_ul(struct idr *idr, unsigned long *nextid)
{
	const struct umc_idr_node *top = top_load(idr);
	unsigned long base = idr->idr_base;
	u64 id = *nextid < base ? 0 : *nextid - base;
	u64 found;
	void *entry;

	if (!top || id >= node_capacity(top))
		return NULL;
	entry = next_entry(top, 0, id, &found);
	if (entry)
		*nextid = found + base;
	return entry;
}

void *idr_get_next(struct idr *idr, int *nextid)
{
	unsigned long id = *nextid < 0 ? 0 : *nextid;
	void *entry = idr_get_next_ul(idr, &id);

	if (!entry || WARN_ON_ONCE(id > INT_MAX))
		return NULL;
	*nextid = id;
	return entry;
}

int idr_for_each(const struct idr *idr, int (*fn)(int id, void *p, void *data), void *data)
{
	unsigned long id = 0;
	void *entry;

	while ((entry = idr_get_next_ul((struct idr *)idr, &id)) != NULL) {
		int ret;

		if (WARN_ON_ONCE(id > INT_MAX))
			break;
		ret = fn(id, entry, data);
		if (ret)
			return ret;
		id++;
	}
	return 0;
}

void *idr_replace(struct idr *idr, void *ptr, unsigned long id)
{
	struct umc_idr_node *path[32 / IDR_BITS + 2], *n;
	unsigned int depth, i;
	void *old;

	if (id < idr->idr_base)
		return ERR_PTR(-ENOENT);
	id -= idr->idr_base;
	n = walk(idr, id, path, &depth);
	i = id & IDR_SLOT_MASK;
	if (!n || !(n->used & BIT(i)))
		return ERR_PTR(-ENOENT);
	old = n->slots[i];
	slot_store(n, i, ptr);
	return old;
}

static void free_subtree(struct umc_idr_node *n)
{
	if (n->shift) {
		for (unsigned int i = 0; i < IDR_SLOTS; i++)
			if (n->slots[i])
				free_subtree(n->slots[i]);
	}
	node_free_rcu(n);
}

void idr_destroy(struct idr *idr)
{
	struct umc_idr_node *top = idr->idr_top;

	if (!top)
		return;
	__atomic_store_n(&idr->idr_top, NULL, __ATOMIC_RELEASE);
	free_subtree(top);
}
