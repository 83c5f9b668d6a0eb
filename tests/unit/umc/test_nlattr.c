// SPDX-License-Identifier: GPL-2.0
/* test_nlattr.c - netlink attribute helpers and policy validation (umc/src/nlattr.c). */
#include "umc_test.h"

#include <net/netlink.h>
#include <linux/skbuff.h>
#include <linux/slab.h>

enum { A_UNSPEC, A_U32, A_STR, A_NEST, A_FLAG, A_BIN, A_U8, __A_MAX };
#define A_MAX (__A_MAX - 1)

static const struct nla_policy pol[] = {
	[A_U32] = { .type = NLA_U32 },
	[A_STR] = { .type = NLA_NUL_STRING, .len = 7 },
	[A_NEST] = { .type = NLA_NESTED },
	[A_FLAG] = { .type = NLA_FLAG },
	[A_BIN] = { .type = NLA_BINARY, .len = 4 },
	[A_U8] = { .type = NLA_U8 },
};

static struct sk_buff *new_skb(unsigned int size)
{
	struct sk_buff *skb = alloc_skb(size, GFP_KERNEL);

	assert_non_null(skb);
	return skb;
}

static int parse(struct sk_buff *skb, struct nlattr **tb, unsigned int validate)
{
	return __nla_parse(tb, A_MAX, (struct nlattr *)skb->data, (int)skb->len, pol, validate,
			   NULL);
}

static void test_put_and_parse(void **state)
{
	struct sk_buff *skb = new_skb(256);
	struct nlattr *tb[A_MAX + 1];
	struct nlattr *nest;
	char s[8];

	(void)state;
	assert_int_equal(nla_put_u32(skb, A_U32, 0xdeadbeef), 0);
	assert_int_equal(nla_put_string(skb, A_STR, "drbd"), 0);
	nest = nla_nest_start(skb, A_NEST);
	assert_non_null(nest);
	assert_int_equal(nla_put_u8(skb, 1, 7), 0);
	nla_nest_end(skb, nest);
	assert_int_equal(nla_put_flag(skb, A_FLAG), 0);
	/* attribute lengths are padded to 4 bytes */
	assert_int_equal(skb->len, 8 + 12 + 4 + 8 + 4);

	assert_int_equal(parse(skb, tb, NL_VALIDATE_STRICT), 0);
	assert_int_equal(nla_get_u32(tb[A_U32]), 0xdeadbeef);
	assert_string_equal(nla_data(tb[A_STR]), "drbd");
	assert_true(tb[A_NEST]->nla_type & NLA_F_NESTED);
	assert_int_equal(nla_type(tb[A_NEST]), A_NEST);
	assert_non_null(nla_find_nested(tb[A_NEST], 1));
	assert_int_equal(nla_get_u8(nla_find_nested(tb[A_NEST], 1)), 7);
	assert_non_null(tb[A_FLAG]);
	assert_null(tb[A_BIN]);
	assert_ptr_equal(nla_find((struct nlattr *)skb->data, (int)skb->len, A_STR), tb[A_STR]);

	assert_int_equal(nla_strscpy(s, tb[A_STR], sizeof(s)), 4);
	assert_string_equal(s, "drbd");
	assert_int_equal(nla_strscpy(s, tb[A_STR], 3), -E2BIG);
	assert_string_equal(s, "dr");
	kfree_skb(skb);
}

static void test_nest_cancel_trim_and_full(void **state)
{
	struct sk_buff *skb = new_skb(32);
	struct nlattr *nest;
	unsigned int len;
	u8 buf[64] = { 0 };
	int room;

	(void)state;
	assert_int_equal(nla_put_u32(skb, A_U32, 1), 0);
	len = skb->len;
	nest = nla_nest_start_noflag(skb, A_NEST);
	assert_non_null(nest);
	assert_false(nest->nla_type & NLA_F_NESTED);
	assert_int_equal(nla_put_u32(skb, 2, 2), 0);
	nla_nest_cancel(skb, nest);
	assert_int_equal(skb->len, len);

	/* fill up: the next put that does not fit fails with -EMSGSIZE and changes nothing */
	room = skb_tailroom(skb);
	assert_int_equal(nla_put(skb, A_BIN, room - NLA_HDRLEN, buf), 0);
	assert_int_equal(skb_tailroom(skb), 0);
	len = skb->len;
	assert_int_equal(nla_put_u32(skb, A_U32, 3), -EMSGSIZE);
	assert_null(nla_reserve(skb, A_U32, 4));
	assert_int_equal(nla_put_nohdr(skb, 4, buf), -EMSGSIZE);
	assert_int_equal(skb->len, len);
	kfree_skb(skb);
}

static void test_validation_modes(void **state)
{
	struct nlattr *tb[A_MAX + 1];
	struct sk_buff *skb;
	u16 v16 = 5;

	(void)state;
	/* a u32 attribute with 2 bytes: too short in every mode */
	skb = new_skb(64);
	nla_put(skb, A_U32, 2, &v16);
	assert_int_equal(parse(skb, tb, NL_VALIDATE_LIBERAL), -ERANGE);
	assert_int_equal(parse(skb, tb, NL_VALIDATE_STRICT), -EINVAL);
	kfree_skb(skb);

	/* u8 with 4 bytes: liberal accepts (longer is fine), strict refuses */
	skb = new_skb(64);
	nla_put_u32(skb, A_U8, 9);
	assert_int_equal(parse(skb, tb, NL_VALIDATE_LIBERAL), 0);
	assert_int_equal(nla_get_u8(tb[A_U8]), 9);
	assert_int_equal(parse(skb, tb, NL_VALIDATE_STRICT), -EINVAL);
	kfree_skb(skb);

	/* unknown type above maxtype: ignored by liberal, refused by strict */
	skb = new_skb(64);
	nla_put_u32(skb, A_MAX + 5, 1);
	assert_int_equal(parse(skb, tb, NL_VALIDATE_LIBERAL), 0);
	assert_int_equal(parse(skb, tb, NL_VALIDATE_DEPRECATED_STRICT), -EINVAL);
	kfree_skb(skb);

	/* nested attribute without NLA_F_NESTED: only strict mode wants the flag */
	skb = new_skb(64);
	nla_nest_end(skb, nla_nest_start_noflag(skb, A_NEST));
	assert_int_equal(parse(skb, tb, NL_VALIDATE_LIBERAL), 0);
	assert_int_equal(parse(skb, tb, NL_VALIDATE_STRICT), -EINVAL);
	kfree_skb(skb);

	/* NUL_STRING: must contain a NUL within len + 1 bytes and be at most len chars */
	skb = new_skb(64);
	nla_put(skb, A_STR, 4, "abcd");
	assert_int_equal(parse(skb, tb, NL_VALIDATE_LIBERAL), -EINVAL);
	kfree_skb(skb);
	skb = new_skb(64);
	nla_put_string(skb, A_STR, "12345678");
	assert_int_equal(parse(skb, tb, NL_VALIDATE_LIBERAL), -EINVAL);
	kfree_skb(skb);
	skb = new_skb(64);
	nla_put_string(skb, A_STR, "1234567");
	assert_int_equal(parse(skb, tb, NL_VALIDATE_STRICT), 0);
	kfree_skb(skb);

	/* BINARY: at most len bytes; FLAG: no payload */
	skb = new_skb(64);
	nla_put(skb, A_BIN, 5, "12345");
	assert_int_equal(parse(skb, tb, NL_VALIDATE_LIBERAL), -ERANGE);
	kfree_skb(skb);
	skb = new_skb(64);
	nla_put_u8(skb, A_FLAG, 1);
	assert_int_equal(parse(skb, tb, NL_VALIDATE_LIBERAL), -ERANGE);
	kfree_skb(skb);
}

static void test_truncated_stream(void **state)
{
	struct nlattr *tb[A_MAX + 1];
	struct sk_buff *skb = new_skb(64);
	struct nlattr *second;

	(void)state;
	nla_put_u32(skb, A_U32, 1);
	second = (struct nlattr *)skb_tail_pointer(skb);
	nla_put_u32(skb, A_U8 , 2);
	second->nla_len = 200; /* claims more than there is */
	/* the first attribute parses; the rest is trailing garbage */
	assert_int_equal(parse(skb, tb, NL_VALIDATE_LIBERAL), 0);
	assert_non_null(tb[A_U32]);
	assert_null(tb[A_U8]);
	assert_int_equal(parse(skb, tb, NL_VALIDATE_STRICT), -EINVAL);
	kfree_skb(skb);
}

static void test_memcpy_and_cmp(void **state)
{
	struct sk_buff *skb = new_skb(64);
	struct nlattr *nla;
	u8 out[8];

	(void)state;
	nla = nla_reserve(skb, A_BIN, 3);
	memcpy(nla_data(nla), "xyz", 3);
	memset(out, 0xff, sizeof(out));
	assert_int_equal(nla_memcpy(out, nla, sizeof(out)), 3);
	assert_memory_equal(out, "xyz\0\0\0\0\0", 8);
	assert_int_equal(nla_memcmp(nla, "xyz", 3), 0);
	assert_true(nla_memcmp(nla, "xy", 2) > 0);
	assert_int_equal(nla_len(nla), 3);
	assert_int_equal(nla_total_size(3), 8);
	kfree_skb(skb);
}

static void test_nlmsg_helpers(void **state)
{
	struct sk_buff *skb = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	struct nlmsghdr *nlh;
	struct nlattr *tb[A_MAX + 1];
	u32 *hdr;

	(void)state;
	assert_non_null(skb);
	assert_true(skb_tailroom(skb) >= (int)NLMSG_DEFAULT_SIZE);
	nlh = nlmsg_put(skb, 77, 5, 0x20, 4, NLM_F_MULTI);
	assert_non_null(nlh);
	hdr = nlmsg_data(nlh);
	*hdr = 0x1234;
	nla_put_u32(skb, A_U32, 9);
	nlmsg_end(skb, nlh);
	assert_int_equal(nlh->nlmsg_len, NLMSG_HDRLEN + 4 + 8);
	assert_ptr_equal(nlmsg_hdr(skb), nlh);
	assert_int_equal(nlmsg_attrlen(nlh, 4), 8);
	assert_int_equal(nlmsg_parse(nlh, 4, tb, A_MAX, pol, NULL), 0);
	assert_int_equal(nla_get_u32(tb[A_U32]), 9);
	nlmsg_trim(skb, nlh);
	assert_int_equal(skb->len, 0);
	nlmsg_free(skb);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_and_parse),
		cmocka_unit_test(test_nest_cancel_trim_and_full),
		cmocka_unit_test(test_validation_modes),
		cmocka_unit_test(test_truncated_stream),
		cmocka_unit_test(test_memcpy_and_cmp),
		cmocka_unit_test(test_nlmsg_helpers),
	};
	return UMC_TEST_RUN(tests);
}
