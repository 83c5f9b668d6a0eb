/* SPDX-License-Identifier: GPL-2.0 */
/*
 * net/netlink.h - netlink message and attribute helpers (umc/src/nlattr.c for the
 * out-of-line ones). Semantics of Linux 6.1: attribute policies, the validation modes
 * (strict / deprecated liberal), nla_put* returning -EMSGSIZE when the skb is full.
 * x86-64 has efficient unaligned access, so 64-bit attributes get no pad attribute.
 * Nothing here sleeps or takes a lock; the caller owns the skb.
 */
#ifndef _UMC_NET_NETLINK_H
#define _UMC_NET_NETLINK_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/skbuff.h>
#include <linux/netlink.h>
#include <linux/bits.h>

enum {
	NLA_UNSPEC,
	NLA_U8,
	NLA_U16,
	NLA_U32,
	NLA_U64,
	NLA_STRING,
	NLA_FLAG,
	NLA_MSECS,
	NLA_NESTED,
	NLA_NESTED_ARRAY,
	NLA_NUL_STRING,
	NLA_BINARY,
	NLA_S8,
	NLA_S16,
	NLA_S32,
	NLA_S64,
	NLA_BITFIELD32,
	NLA_REJECT,
	NLA_BE16,
	NLA_BE32,
	__NLA_TYPE_MAX,
};
#define NLA_TYPE_MAX (__NLA_TYPE_MAX - 1)

enum nla_policy_validation {
	NLA_VALIDATE_NONE,
	NLA_VALIDATE_RANGE,
	NLA_VALIDATE_RANGE_WARN_TOO_LONG,
	NLA_VALIDATE_MIN,
	NLA_VALIDATE_MAX,
	NLA_VALIDATE_MASK,
	NLA_VALIDATE_RANGE_PTR,
	NLA_VALIDATE_FUNCTION,
};

struct nla_policy {
	u8 type;
	u8 validation_type;
	u16 len;
	union {
		u16 strict_start_type;
		u32 bitfield32_valid;
		u32 mask;
		const char *reject_message;
		const struct nla_policy *nested_policy;
		struct {
			s16 min, max;
		};
		int (*validate)(const struct nlattr *attr, struct netlink_ext_ack *extack);
	};
};

#define NLA_POLICY_NESTED(policy) \
	{ .type = NLA_NESTED, .nested_policy = policy, .len = ARRAY_SIZE(policy) - 1 }
#define NLA_POLICY_MIN(tp, _min) { .type = tp, .validation_type = NLA_VALIDATE_MIN, .min = _min }
#define NLA_POLICY_MAX(tp, _max) { .type = tp, .validation_type = NLA_VALIDATE_MAX, .max = _max }
#define NLA_POLICY_RANGE(tp, _min, _max) \
	{ .type = tp, .validation_type = NLA_VALIDATE_RANGE, .min = _min, .max = _max }

enum netlink_validation {
	NL_VALIDATE_LIBERAL = 0,
	NL_VALIDATE_TRAILING = BIT(0),
	NL_VALIDATE_MAXTYPE = BIT(1),
	NL_VALIDATE_UNSPEC = BIT(2),
	NL_VALIDATE_STRICT_ATTRS = BIT(3),
	NL_VALIDATE_NESTED = BIT(4),
};
#define NL_VALIDATE_DEPRECATED_STRICT (NL_VALIDATE_TRAILING | NL_VALIDATE_MAXTYPE)
#define NL_VALIDATE_STRICT (NL_VALIDATE_TRAILING | NL_VALIDATE_MAXTYPE | NL_VALIDATE_UNSPEC | \
			    NL_VALIDATE_STRICT_ATTRS | NL_VALIDATE_NESTED)

/* ---- out of line (umc/src/nlattr.c) ---- */
int __nla_validate(const struct nlattr *head, int len, int maxtype,
		   const struct nla_policy *policy, unsigned int validate,
		   struct netlink_ext_ack *extack);
/* __nla_parse - fill @tb[0..maxtype] with the last attribute of each type; validate. */
int __nla_parse(struct nlattr **tb, int maxtype, const struct nlattr *head, int len,
		const struct nla_policy *policy, unsigned int validate,
		struct netlink_ext_ack *extack);
int nla_policy_len(const struct nla_policy *p, int n);
struct nlattr *nla_find(const struct nlattr *head, int len, int attrtype);
ssize_t nla_strscpy(char *dst, const struct nlattr *nla, size_t dstsize);
int nla_memcpy(void *dest, const struct nlattr *src, int count);
int nla_memcmp(const struct nlattr *nla, const void *data, size_t size);
int nla_strcmp(const struct nlattr *nla, const char *str);
struct nlattr *__nla_reserve(struct sk_buff *skb, int attrtype, int attrlen);
struct nlattr *__nla_reserve_64bit(struct sk_buff *skb, int attrtype, int attrlen, int padattr);
void *__nla_reserve_nohdr(struct sk_buff *skb, int attrlen);
struct nlattr *nla_reserve(struct sk_buff *skb, int attrtype, int attrlen);
struct nlattr *nla_reserve_64bit(struct sk_buff *skb, int attrtype, int attrlen, int padattr);
void *nla_reserve_nohdr(struct sk_buff *skb, int attrlen);
void __nla_put(struct sk_buff *skb, int attrtype, int attrlen, const void *data);
void __nla_put_64bit(struct sk_buff *skb, int attrtype, int attrlen, const void *data,
		     int padattr);
void __nla_put_nohdr(struct sk_buff *skb, int attrlen, const void *data);
int nla_put(struct sk_buff *skb, int attrtype, int attrlen, const void *data);
int nla_put_64bit(struct sk_buff *skb, int attrtype, int attrlen, const void *data, int padattr);
int nla_put_nohdr(struct sk_buff *skb, int attrlen, const void *data);
int nla_append(struct sk_buff *skb, int attrlen, const void *data);

/* ---- netlink messages ---- */
static inline int nlmsg_msg_size(int payload) { return NLMSG_HDRLEN + payload; }
static inline int nlmsg_total_size(int payload) { return NLMSG_ALIGN(nlmsg_msg_size(payload)); }
static inline int nlmsg_padlen(int payload) { return nlmsg_total_size(payload) - nlmsg_msg_size(payload); }
static inline void *nlmsg_data(const struct nlmsghdr *nlh) { return (unsigned char *)nlh + NLMSG_HDRLEN; }
static inline int nlmsg_len(const struct nlmsghdr *nlh) { return (int)nlh->nlmsg_len - NLMSG_HDRLEN; }
static inline struct nlattr *nlmsg_attrdata(const struct nlmsghdr *nlh, int hdrlen)
{
	unsigned char *data = nlmsg_data(nlh);
	return (struct nlattr *)(data + NLMSG_ALIGN(hdrlen));
}
static inline int nlmsg_attrlen(const struct nlmsghdr *nlh, int hdrlen)
{
	return nlmsg_len(nlh) - NLMSG_ALIGN(hdrlen);
}
static inline int nlmsg_ok(const struct nlmsghdr *nlh, int remaining)
{
	return remaining >= (int)sizeof(struct nlmsghdr) &&
	       nlh->nlmsg_len >= sizeof(struct nlmsghdr) && nlh->nlmsg_len <= (u32)remaining;
}
static inline struct nlmsghdr *nlmsg_next(const struct nlmsghdr *nlh, int *remaining)
{
	int totlen = NLMSG_ALIGN(nlh->nlmsg_len);
	*remaining -= totlen;
	return (struct nlmsghdr *)((unsigned char *)nlh + totlen);
}
static inline int __nlmsg_parse(const struct nlmsghdr *nlh, int hdrlen, struct nlattr *tb[],
				int maxtype, const struct nla_policy *policy,
				unsigned int validate, struct netlink_ext_ack *extack)
{
	if (nlh->nlmsg_len < (u32)nlmsg_msg_size(hdrlen)) {
		NL_SET_ERR_MSG(extack, "Invalid header length");
		return -EINVAL;
	}
	return __nla_parse(tb, maxtype, nlmsg_attrdata(nlh, hdrlen), nlmsg_attrlen(nlh, hdrlen),
			   policy, validate, extack);
}
static inline int nlmsg_parse(const struct nlmsghdr *nlh, int hdrlen, struct nlattr *tb[],
			      int maxtype, const struct nla_policy *policy,
			      struct netlink_ext_ack *extack)
{
	return __nlmsg_parse(nlh, hdrlen, tb, maxtype, policy, NL_VALIDATE_STRICT, extack);
}
static inline int nlmsg_parse_deprecated(const struct nlmsghdr *nlh, int hdrlen,
					 struct nlattr *tb[], int maxtype,
					 const struct nla_policy *policy,
					 struct netlink_ext_ack *extack)
{
	return __nlmsg_parse(nlh, hdrlen, tb, maxtype, policy, NL_VALIDATE_LIBERAL, extack);
}
static inline struct nlattr *nlmsg_find_attr(const struct nlmsghdr *nlh, int hdrlen, int attrtype)
{
	return nla_find(nlmsg_attrdata(nlh, hdrlen), nlmsg_attrlen(nlh, hdrlen), attrtype);
}

/* nlmsg_put - append a message header with @payload bytes reserved; NULL if no room. */
static inline struct nlmsghdr *nlmsg_put(struct sk_buff *skb, u32 portid, u32 seq, int type,
					 int payload, int flags)
{
	struct nlmsghdr *nlh;
	int size = nlmsg_msg_size(payload);

	if (unlikely(skb_tailroom(skb) < nlmsg_total_size(payload)))
		return NULL;
	nlh = __skb_put(skb, NLMSG_ALIGN(size));
	nlh->nlmsg_type = (u16)type;
	nlh->nlmsg_len = (u32)size;
	nlh->nlmsg_flags = (u16)flags;
	nlh->nlmsg_pid = portid;
	nlh->nlmsg_seq = seq;
	if (NLMSG_ALIGN(size) - size != 0)
		memset((unsigned char *)nlmsg_data(nlh) + payload, 0, NLMSG_ALIGN(size) - size);
	return nlh;
}
static inline struct nlmsghdr *nlmsg_put_answer(struct sk_buff *skb, struct netlink_callback *cb,
						int type, int payload, int flags)
{
	return nlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq, type, payload,
			 flags);
}
static inline struct sk_buff *nlmsg_new(size_t payload, gfp_t flags)
{
	return alloc_skb((unsigned int)nlmsg_total_size((int)payload), flags);
}
static inline void nlmsg_end(struct sk_buff *skb, struct nlmsghdr *nlh)
{
	nlh->nlmsg_len = (u32)(skb_tail_pointer(skb) - (unsigned char *)nlh);
}
static inline void *nlmsg_get_pos(struct sk_buff *skb) { return skb_tail_pointer(skb); }
static inline void nlmsg_trim(struct sk_buff *skb, const void *mark)
{
	if (mark)
		skb_trim(skb, (unsigned int)((const unsigned char *)mark - skb->data));
}
static inline void nlmsg_cancel(struct sk_buff *skb, struct nlmsghdr *nlh)
{
	nlmsg_trim(skb, nlh);
}
static inline void nlmsg_free(struct sk_buff *skb) { kfree_skb(skb); }
static inline void nlmsg_consume(struct sk_buff *skb) { consume_skb(skb); }
static inline int nlmsg_unicast(struct sock *sk, struct sk_buff *skb, u32 portid)
{
	int err = netlink_unicast(sk, skb, portid, MSG_DONTWAIT);
	return err > 0 ? 0 : err;
}
static inline int nlmsg_multicast(struct sock *sk, struct sk_buff *skb, u32 portid,
				  unsigned int group, gfp_t flags)
{
	int err;

	NETLINK_CB(skb).dst_group = group;
	err = netlink_broadcast(sk, skb, portid, group, flags);
	return err > 0 ? 0 : err;
}

#define nlmsg_for_each_attr(pos, nlh, hdrlen, rem) \
	nla_for_each_attr(pos, nlmsg_attrdata(nlh, hdrlen), nlmsg_attrlen(nlh, hdrlen), rem)

/* ---- attributes ---- */
static inline int nla_attr_size(int payload) { return NLA_HDRLEN + payload; }
static inline int nla_total_size(int payload) { return NLA_ALIGN(nla_attr_size(payload)); }
static inline int nla_padlen(int payload) { return nla_total_size(payload) - nla_attr_size(payload); }
static inline int nla_type(const struct nlattr *nla) { return nla->nla_type & NLA_TYPE_MASK; }
static inline void *nla_data(const struct nlattr *nla) { return (char *)nla + NLA_HDRLEN; }
static inline int nla_len(const struct nlattr *nla) { return nla->nla_len - NLA_HDRLEN; }
static inline int nla_ok(const struct nlattr *nla, int remaining)
{
	return remaining >= (int)sizeof(*nla) && nla->nla_len >= sizeof(*nla) &&
	       nla->nla_len <= remaining;
}
static inline struct nlattr *nla_next(const struct nlattr *nla, int *remaining)
{
	unsigned int totlen = NLA_ALIGN(nla->nla_len);
	*remaining -= (int)totlen;
	return (struct nlattr *)((char *)nla + totlen);
}
static inline bool nla_is_last(const struct nlattr *nla, int rem)
{
	return nla->nla_len == rem;
}

#define nla_for_each_attr(pos, head, len, rem) \
	for (pos = head, rem = len; nla_ok(pos, rem); pos = nla_next(pos, &(rem)))
#define nla_for_each_nested(pos, nla, rem) \
	nla_for_each_attr(pos, nla_data(nla), nla_len(nla), rem)

static inline struct nlattr *nla_find_nested(const struct nlattr *nla, int attrtype)
{
	return nla_find(nla_data(nla), nla_len(nla), attrtype);
}
static inline int nla_parse(struct nlattr **tb, int maxtype, const struct nlattr *head, int len,
			    const struct nla_policy *policy, struct netlink_ext_ack *extack)
{
	return __nla_parse(tb, maxtype, head, len, policy, NL_VALIDATE_STRICT, extack);
}
static inline int nla_parse_deprecated(struct nlattr **tb, int maxtype,
				       const struct nlattr *head, int len,
				       const struct nla_policy *policy,
				       struct netlink_ext_ack *extack)
{
	return __nla_parse(tb, maxtype, head, len, policy, NL_VALIDATE_LIBERAL, extack);
}
static inline int nla_parse_deprecated_strict(struct nlattr **tb, int maxtype,
					      const struct nlattr *head, int len,
					      const struct nla_policy *policy,
					      struct netlink_ext_ack *extack)
{
	return __nla_parse(tb, maxtype, head, len, policy, NL_VALIDATE_DEPRECATED_STRICT, extack);
}
static inline int nla_parse_nested(struct nlattr *tb[], int maxtype, const struct nlattr *nla,
				   const struct nla_policy *policy,
				   struct netlink_ext_ack *extack)
{
	if (!(nla->nla_type & NLA_F_NESTED)) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "NLA_F_NESTED is missing");
		return -EINVAL;
	}
	return __nla_parse(tb, maxtype, nla_data(nla), nla_len(nla), policy, NL_VALIDATE_STRICT,
			   extack);
}
static inline int nla_parse_nested_deprecated(struct nlattr *tb[], int maxtype,
					      const struct nlattr *nla,
					      const struct nla_policy *policy,
					      struct netlink_ext_ack *extack)
{
	return __nla_parse(tb, maxtype, nla_data(nla), nla_len(nla), policy, NL_VALIDATE_LIBERAL,
			   extack);
}
static inline int nla_validate_deprecated(const struct nlattr *head, int len, int maxtype,
					  const struct nla_policy *policy,
					  struct netlink_ext_ack *extack)
{
	return __nla_validate(head, len, maxtype, policy, NL_VALIDATE_LIBERAL, extack);
}

static inline int nla_put_u8(struct sk_buff *skb, int attrtype, u8 value)
{
	return nla_put(skb, attrtype, sizeof(u8), &value);
}
static inline int nla_put_u16(struct sk_buff *skb, int attrtype, u16 value)
{
	return nla_put(skb, attrtype, sizeof(u16), &value);
}
static inline int nla_put_u32(struct sk_buff *skb, int attrtype, u32 value)
{
	return nla_put(skb, attrtype, sizeof(u32), &value);
}
static inline int nla_put_u64_64bit(struct sk_buff *skb, int attrtype, u64 value, int padattr)
{
	return nla_put_64bit(skb, attrtype, sizeof(u64), &value, padattr);
}
static inline int nla_put_s8(struct sk_buff *skb, int attrtype, s8 value)
{
	return nla_put(skb, attrtype, sizeof(s8), &value);
}
static inline int nla_put_s16(struct sk_buff *skb, int attrtype, s16 value)
{
	return nla_put(skb, attrtype, sizeof(s16), &value);
}
static inline int nla_put_s32(struct sk_buff *skb, int attrtype, s32 value)
{
	return nla_put(skb, attrtype, sizeof(s32), &value);
}
static inline int nla_put_s64(struct sk_buff *skb, int attrtype, s64 value, int padattr)
{
	return nla_put_64bit(skb, attrtype, sizeof(s64), &value, padattr);
}
static inline int nla_put_be16(struct sk_buff *skb, int attrtype, __be16 value)
{
	return nla_put(skb, attrtype, sizeof(__be16), &value);
}
static inline int nla_put_be32(struct sk_buff *skb, int attrtype, __be32 value)
{
	return nla_put(skb, attrtype, sizeof(__be32), &value);
}
static inline int nla_put_string(struct sk_buff *skb, int attrtype, const char *str)
{
	return nla_put(skb, attrtype, (int)strlen(str) + 1, str);
}
static inline int nla_put_flag(struct sk_buff *skb, int attrtype)
{
	return nla_put(skb, attrtype, 0, NULL);
}
static inline int nla_put_msecs(struct sk_buff *skb, int attrtype, unsigned long njiffies,
				int padattr)
{
	u64 tmp = njiffies; /* HZ is 1000 in umc: jiffies are milliseconds */
	return nla_put_64bit(skb, attrtype, sizeof(u64), &tmp, padattr);
}

static inline u8 nla_get_u8(const struct nlattr *nla) { return *(u8 *)nla_data(nla); }
static inline u16 nla_get_u16(const struct nlattr *nla) { return *(u16 *)nla_data(nla); }
static inline u32 nla_get_u32(const struct nlattr *nla) { return *(u32 *)nla_data(nla); }
static inline u64 nla_get_u64(const struct nlattr *nla)
{
	u64 tmp;
	nla_memcpy(&tmp, nla, sizeof(tmp));
	return tmp;
}
static inline s8 nla_get_s8(const struct nlattr *nla) { return *(s8 *)nla_data(nla); }
static inline s16 nla_get_s16(const struct nlattr *nla) { return *(s16 *)nla_data(nla); }
static inline s32 nla_get_s32(const struct nlattr *nla) { return *(s32 *)nla_data(nla); }
static inline s64 nla_get_s64(const struct nlattr *nla)
{
	s64 tmp;
	nla_memcpy(&tmp, nla, sizeof(tmp));
	return tmp;
}
static inline __be16 nla_get_be16(const struct nlattr *nla) { return *(__be16 *)nla_data(nla); }
static inline __be32 nla_get_be32(const struct nlattr *nla) { return *(__be32 *)nla_data(nla); }
static inline int nla_get_flag(const struct nlattr *nla) { return !!nla; }

/* Nests: start appends an empty attribute, end fixes its length, cancel removes it. */
static inline struct nlattr *nla_nest_start_noflag(struct sk_buff *skb, int attrtype)
{
	struct nlattr *start = (struct nlattr *)skb_tail_pointer(skb);

	if (nla_put(skb, attrtype, 0, NULL) < 0)
		return NULL;
	return start;
}
static inline struct nlattr *nla_nest_start(struct sk_buff *skb, int attrtype)
{
	return nla_nest_start_noflag(skb, attrtype | NLA_F_NESTED);
}
static inline int nla_nest_end(struct sk_buff *skb, struct nlattr *start)
{
	start->nla_len = (u16)(skb_tail_pointer(skb) - (unsigned char *)start);
	return (int)skb->len;
}
static inline void nla_nest_cancel(struct sk_buff *skb, struct nlattr *start)
{
	nlmsg_trim(skb, start);
}

#endif
