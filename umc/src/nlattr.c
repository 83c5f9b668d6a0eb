// SPDX-License-Identifier: GPL-2.0
/*
 * nlattr.c - netlink attribute parsing, validation and construction (net/netlink.h), with
 * the checks Linux 6.1 makes for each validation mode (see enum netlink_validation).
 * Pure functions on caller-owned memory: no locks, never sleep.
 */
#include <net/netlink.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/errno.h>

#define NLA_MAX_NESTING 10

/* Exact payload size of the fixed-size types (a mismatch is an error in strict mode). */
static u8 nla_fixed_len(u8 type)
{
	switch (type) {
	case NLA_U8: case NLA_S8: return 1;
	case NLA_U16: case NLA_S16: case NLA_BE16: return 2;
	case NLA_U32: case NLA_S32: case NLA_BE32: return 4;
	case NLA_U64: case NLA_S64: return 8;
	default: return 0;
	}
}

/* Minimum payload size when the policy gives no length. */
static int nla_min_len(u8 type)
{
	if (type == NLA_MSECS)
		return 8;
	if (type == NLA_NESTED)
		return NLA_HDRLEN;
	return nla_fixed_len(type);
}

static int nla_parse_stream(const struct nlattr *head, int len, int maxtype,
			    const struct nla_policy *policy, unsigned int validate,
			    struct netlink_ext_ack *extack, struct nlattr **tb,
			    unsigned int depth);

static int nla_check_int_range(const struct nla_policy *pt, const struct nlattr *nla,
			       struct netlink_ext_ack *extack)
{
	s64 v;
	bool check_min = pt->validation_type != NLA_VALIDATE_MAX;
	bool check_max = pt->validation_type != NLA_VALIDATE_MIN;

	switch (pt->type) {
	case NLA_U8: v = nla_get_u8(nla); break;
	case NLA_U16: v = nla_get_u16(nla); break;
	case NLA_U32: v = nla_get_u32(nla); break;
	case NLA_S8: v = nla_get_s8(nla); break;
	case NLA_S16: v = nla_get_s16(nla); break;
	case NLA_S32: v = nla_get_s32(nla); break;
	case NLA_S64: v = nla_get_s64(nla); break;
	case NLA_U64: v = (s64)nla_get_u64(nla); break;
	default:
		return -EINVAL;
	}
	if ((check_min && v < pt->min) || (check_max && v > pt->max)) {
		NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, "integer out of range");
		return -ERANGE;
	}
	return 0;
}

/* Check one attribute of type 1..maxtype against its policy entry. */
static int nla_check_one(const struct nlattr *nla, int maxtype, const struct nla_policy *policy,
			 unsigned int validate, struct netlink_ext_ack *extack,
			 unsigned int depth)
{
	int type = nla_type(nla);
	int attrlen = nla_len(nla);
	const struct nla_policy *pt;
	u8 fixed;
	int minlen;
	int err;

	if (policy[0].strict_start_type && type >= policy[0].strict_start_type)
		validate |= NL_VALIDATE_STRICT;
	if (type <= 0 || type > maxtype)
		return 0;
	pt = &policy[type];

	fixed = nla_fixed_len(pt->type);
	if (fixed && attrlen != fixed) {
		pr_warn_once("netlink: attribute type %d has an invalid length.\n", type);
		if (validate & NL_VALIDATE_STRICT_ATTRS) {
			NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, "invalid attribute length");
			return -EINVAL;
		}
	}
	if (validate & NL_VALIDATE_NESTED) {
		bool nested_type = pt->type == NLA_NESTED || pt->type == NLA_NESTED_ARRAY;

		if (nested_type && !(nla->nla_type & NLA_F_NESTED)) {
			NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, "NLA_F_NESTED is missing");
			return -EINVAL;
		}
		if (!nested_type && pt->type != NLA_UNSPEC && (nla->nla_type & NLA_F_NESTED)) {
			NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, "NLA_F_NESTED not expected");
			return -EINVAL;
		}
	}

	err = -ERANGE;
	switch (pt->type) {
	case NLA_REJECT:
		if (extack && pt->reject_message) {
			NL_SET_BAD_ATTR(extack, nla);
			extack->_msg = pt->reject_message;
			return -EINVAL;
		}
		err = -EINVAL;
		goto bad;
	case NLA_FLAG:
		if (attrlen > 0)
			goto bad;
		break;
	case NLA_BITFIELD32:
		if (attrlen != (int)sizeof(struct nla_bitfield32))
			goto bad;
		if (((const struct nla_bitfield32 *)nla_data(nla))->selector &
		    ~pt->bitfield32_valid) {
			err = -EINVAL;
			goto bad;
		}
		break;
	case NLA_NUL_STRING:
		minlen = pt->len ? min_t(int, attrlen, pt->len + 1) : attrlen;
		if (!minlen || !memchr(nla_data(nla), '\0', (size_t)minlen)) {
			err = -EINVAL;
			goto bad;
		}
		fallthrough;
	case NLA_STRING:
		if (attrlen < 1)
			goto bad;
		if (pt->len) {
			const char *buf = nla_data(nla);
			int slen = attrlen;

			if (buf[slen - 1] == '\0')
				slen--;
			if (slen > pt->len)
				goto bad;
		}
		break;
	case NLA_BINARY:
		if (pt->len && attrlen > pt->len)
			goto bad;
		break;
	case NLA_NESTED:
	case NLA_NESTED_ARRAY:
		if (attrlen == 0)
			break;
		if (attrlen < NLA_HDRLEN)
			goto bad;
		if (pt->nested_policy) {
			if (pt->type == NLA_NESTED) {
				err = nla_parse_stream(nla_data(nla), attrlen, pt->len,
						       pt->nested_policy, validate, extack, NULL,
						       depth + 1);
			} else {
				const struct nlattr *entry;
				int rem;

				err = 0;
				nla_for_each_attr(entry, (const struct nlattr *)nla_data(nla),
						  attrlen, rem) {
					if (nla_len(entry) == 0)
						continue;
					if (nla_len(entry) < NLA_HDRLEN) {
						err = -ERANGE;
						break;
					}
					err = nla_parse_stream(nla_data(entry), nla_len(entry),
							       pt->len, pt->nested_policy,
							       validate, extack, NULL, depth + 1);
					if (err)
						break;
				}
			}
			if (err < 0)
				return err;
		}
		break;
	case NLA_UNSPEC:
		if (validate & NL_VALIDATE_UNSPEC) {
			NL_SET_ERR_MSG_ATTR(extack, nla, "Unsupported attribute");
			return -EINVAL;
		}
		if (attrlen < pt->len)
			goto bad;
		break;
	default:
		minlen = pt->len ? pt->len : nla_min_len(pt->type);
		if (attrlen < minlen)
			goto bad;
	}

	switch (pt->validation_type) {
	case NLA_VALIDATE_NONE:
		break;
	case NLA_VALIDATE_RANGE:
	case NLA_VALIDATE_RANGE_WARN_TOO_LONG:
	case NLA_VALIDATE_MIN:
	case NLA_VALIDATE_MAX:
		return nla_check_int_range(pt, nla, extack);
	case NLA_VALIDATE_FUNCTION:
		if (pt->validate)
			return pt->validate(nla, extack);
		break;
	default:
		/* range pointers and masks: no user in umc */
		pr_warn_once("netlink: policy validation type %u not supported\n",
			     pt->validation_type);
		return -EOPNOTSUPP;
	}
	return 0;
bad:
	NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, "Attribute failed policy validation");
	return err;
}

static int nla_parse_stream(const struct nlattr *head, int len, int maxtype,
			    const struct nla_policy *policy, unsigned int validate,
			    struct netlink_ext_ack *extack, struct nlattr **tb,
			    unsigned int depth)
{
	const struct nlattr *nla;
	int rem;

	if (depth >= NLA_MAX_NESTING) {
		NL_SET_ERR_MSG(extack, "allowed policy recursion depth exceeded");
		return -EINVAL;
	}
	if (tb)
		memset(tb, 0, sizeof(struct nlattr *) * (size_t)(maxtype + 1));

	nla_for_each_attr(nla, head, len, rem) {
		int type = nla_type(nla);

		if (type == 0 || type > maxtype) {
			if (validate & NL_VALIDATE_MAXTYPE) {
				NL_SET_ERR_MSG_ATTR(extack, nla, "Unknown attribute type");
				return -EINVAL;
			}
			continue;
		}
		if (policy) {
			int err = nla_check_one(nla, maxtype, policy, validate, extack, depth);

			if (err < 0)
				return err;
		}
		if (tb)
			tb[type] = (struct nlattr *)nla;
	}
	if (unlikely(rem > 0)) {
		pr_warn_once("netlink: %d bytes leftover after parsing attributes.\n", rem);
		NL_SET_ERR_MSG(extack, "bytes leftover after parsing attributes");
		if (validate & NL_VALIDATE_TRAILING)
			return -EINVAL;
	}
	return 0;
}

int __nla_validate(const struct nlattr *head, int len, int maxtype,
		   const struct nla_policy *policy, unsigned int validate,
		   struct netlink_ext_ack *extack)
{
	return nla_parse_stream(head, len, maxtype, policy, validate, extack, NULL, 0);
}

int __nla_parse(struct nlattr **tb, int maxtype, const struct nlattr *head, int len,
		const struct nla_policy *policy, unsigned int validate,
		struct netlink_ext_ack *extack)
{
	return nla_parse_stream(head, len, maxtype, policy, validate, extack, tb, 0);
}

int nla_policy_len(const struct nla_policy *p, int n)
{
	int i, len = 0;

	for (i = 0; i < n; i++, p++) {
		if (p->len)
			len += nla_total_size(p->len);
		else if (nla_fixed_len(p->type))
			len += nla_total_size(nla_fixed_len(p->type));
	}
	return len;
}

struct nlattr *nla_find(const struct nlattr *head, int len, int attrtype)
{
	const struct nlattr *nla;
	int rem;

	nla_for_each_attr(nla, head, len, rem)
		if (nla_type(nla) == attrtype)
			return (struct nlattr *)nla;
	return NULL;
}

ssize_t nla_strscpy(char *dst, const struct nlattr *nla, size_t dstsize)
{
	size_t srclen = (size_t)nla_len(nla);
	const char *src = nla_data(nla);
	size_t n;
	ssize_t ret;

	if (dstsize == 0 || WARN_ON_ONCE(dstsize > U16_MAX))
		return -E2BIG;
	if (srclen > 0 && src[srclen - 1] == '\0')
		srclen--;
	if (srclen >= dstsize) {
		n = dstsize - 1;
		ret = -E2BIG;
	} else {
		n = srclen;
		ret = (ssize_t)n;
	}
	memcpy(dst, src, n);
	memset(dst + n, 0, dstsize - n);
	return ret;
}

int nla_memcpy(void *dest, const struct nlattr *src, int count)
{
	int n = min_t(int, count, nla_len(src));

	memcpy(dest, nla_data(src), (size_t)n);
	if (count > n)
		memset((char *)dest + n, 0, (size_t)(count - n));
	return n;
}

int nla_memcmp(const struct nlattr *nla, const void *data, size_t size)
{
	int d = nla_len(nla) - (int)size;

	if (d == 0)
		d = memcmp(nla_data(nla), data, size);
	return d;
}

int nla_strcmp(const struct nlattr *nla, const char *str)
{
	int len = (int)strlen(str);
	const char *buf = nla_data(nla);
	int attrlen = nla_len(nla);
	int d;

	while (attrlen > 0 && buf[attrlen - 1] == '\0')
		attrlen--;
	d = attrlen - len;
	if (d == 0)
		d = memcmp(nla_data(nla), str, (size_t)len);
	return d;
}

/* ---- construction: the __ variants assume room was checked ---- */

struct nlattr *__nla_reserve(struct sk_buff *skb, int attrtype, int attrlen)
{
	struct nlattr *nla = skb_put(skb, (unsigned int)nla_total_size(attrlen));

	nla->nla_type = (u16)attrtype;
	nla->nla_len = (u16)nla_attr_size(attrlen);
	memset((unsigned char *)nla + nla->nla_len, 0, (size_t)nla_padlen(attrlen));
	return nla;
}

/* x86-64 has efficient unaligned access: 64-bit payloads need no pad attribute. */
struct nlattr *__nla_reserve_64bit(struct sk_buff *skb, int attrtype, int attrlen, int padattr)
{
	(void)padattr;
	return __nla_reserve(skb, attrtype, attrlen);
}

void *__nla_reserve_nohdr(struct sk_buff *skb, int attrlen)
{
	return skb_put_zero(skb, (unsigned int)NLA_ALIGN(attrlen));
}

struct nlattr *nla_reserve(struct sk_buff *skb, int attrtype, int attrlen)
{
	if (unlikely(skb_tailroom(skb) < nla_total_size(attrlen)))
		return NULL;
	return __nla_reserve(skb, attrtype, attrlen);
}

struct nlattr *nla_reserve_64bit(struct sk_buff *skb, int attrtype, int attrlen, int padattr)
{
	return nla_reserve(skb, attrtype, attrlen + 0 * padattr);
}

void *nla_reserve_nohdr(struct sk_buff *skb, int attrlen)
{
	if (unlikely(skb_tailroom(skb) < NLA_ALIGN(attrlen)))
		return NULL;
	return __nla_reserve_nohdr(skb, attrlen);
}

void __nla_put(struct sk_buff *skb, int attrtype, int attrlen, const void *data)
{
	struct nlattr *nla = __nla_reserve(skb, attrtype, attrlen);

	if (attrlen)
		memcpy(nla_data(nla), data, (size_t)attrlen);
}

void __nla_put_64bit(struct sk_buff *skb, int attrtype, int attrlen, const void *data,
		     int padattr)
{
	(void)padattr;
	__nla_put(skb, attrtype, attrlen, data);
}

void __nla_put_nohdr(struct sk_buff *skb, int attrlen, const void *data)
{
	void *start = __nla_reserve_nohdr(skb, attrlen);

	memcpy(start, data, (size_t)attrlen);
}

int nla_put(struct sk_buff *skb, int attrtype, int attrlen, const void *data)
{
	if (unlikely(skb_tailroom(skb) < nla_total_size(attrlen)))
		return -EMSGSIZE;
	__nla_put(skb, attrtype, attrlen, data);
	return 0;
}

int nla_put_64bit(struct sk_buff *skb, int attrtype, int attrlen, const void *data, int padattr)
{
	return nla_put(skb, attrtype, attrlen + 0 * padattr, data);
}

int nla_put_nohdr(struct sk_buff *skb, int attrlen, const void *data)
{
	if (unlikely(skb_tailroom(skb) < NLA_ALIGN(attrlen)))
		return -EMSGSIZE;
	__nla_put_nohdr(skb, attrlen, data);
	return 0;
}

int nla_append(struct sk_buff *skb, int attrlen, const void *data)
{
	if (unlikely(skb_tailroom(skb) < NLA_ALIGN(attrlen)))
		return -EMSGSIZE;
	skb_put_data(skb, data, (unsigned int)attrlen);
	return 0;
}
