// SPDX-License-Identifier: GPL-2.0
/*
 * string.c - the kernel-only string helpers of <linux/string.h>. The functions whose
 * semantics equal libc's are not defined here (they are linked from libc).
 * Pure computation except the k*dup family, which allocates with kmalloc.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/errno.h>

ssize_t strscpy(char *dst, const char *src, size_t count)
{
	size_t len;

	if (count == 0)
		return -E2BIG;
	len = strnlen(src, count);
	if (len == count) {
		memcpy(dst, src, count - 1);
		dst[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

ssize_t strscpy_pad(char *dst, const char *src, size_t count)
{
	ssize_t written = strscpy(dst, src, count);

	if (written < 0 || (size_t)written == count - 1)
		return written;
	memset(dst + written + 1, 0, count - written - 1);
	return written;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t ret = strlen(src);

	if (size) {
		size_t len = ret >= size ? size - 1 : ret;

		memcpy(dst, src, len);
		dst[len] = '\0';
	}
	return ret;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t dsize = strnlen(dst, size);
	size_t slen = strlen(src);
	size_t copy;

	if (dsize == size) /* no NUL in @dst: nothing can be appended */
		return size + slen;
	copy = slen;
	if (copy >= size - dsize)
		copy = size - dsize - 1;
	memcpy(dst + dsize, src, copy);
	dst[dsize + copy] = '\0';
	return dsize + slen;
}

char *strnchrnul(const char *s, size_t count, int c)
{
	while (count-- && *s && *s != (char)c)
		s++;
	return (char *)s;
}

char *strnchr(const char *s, size_t count, int c)
{
	while (count--) {
		if (*s == (char)c)
			return (char *)s;
		if (*s++ == '\0')
			break;
	}
	return NULL;
}

char *strnstr(const char *haystack, const char *needle, size_t len)
{
	size_t nlen = strlen(needle);

	if (!nlen)
		return (char *)haystack;
	while (len >= nlen) {
		len--;
		if (!memcmp(haystack, needle, nlen))
			return (char *)haystack;
		haystack++;
	}
	return NULL;
}

char *skip_spaces(const char *s)
{
	while (isspace(*s))
		s++;
	return (char *)s;
}

char *strim(char *s)
{
	size_t size = strlen(s);
	char *end;

	if (!size)
		return s;
	end = s + size - 1;
	while (end >= s && isspace(*end))
		end--;
	end[1] = '\0';
	return skip_spaces(s);
}

char *strreplace(char *s, char old, char new)
{
	for (; *s; s++)
		if (*s == old)
			*s = new;
	return s;
}

void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	unsigned char v = (unsigned char)c;
	unsigned long pattern = REPEAT_BYTE(v);

	/* byte-wise up to a word boundary, then whole words, then the tail */
	while (n && ((uintptr_t)p & (sizeof(long) - 1))) {
		if (*p != v)
			return (void *)p;
		p++;
		n--;
	}
	while (n >= sizeof(long)) {
		unsigned long w;

		memcpy(&w, p, sizeof(w));
		if (w != pattern)
			break;
		p += sizeof(long);
		n -= sizeof(long);
	}
	for (; n; n--, p++)
		if (*p != v)
			return (void *)p;
	return NULL;
}

void *memscan(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n && *p != (unsigned char)c) {
		p++;
		n--;
	}
	return p;
}

void *memset16(u16 *s, u16 v, size_t count)
{
	u16 *p = s;

	while (count--)
		*p++ = v;
	return s;
}

void *memset32(u32 *s, u32 v, size_t count)
{
	u32 *p = s;

	while (count--)
		*p++ = v;
	return s;
}

void *memset64(u64 *s, u64 v, size_t count)
{
	u64 *p = s;

	while (count--)
		*p++ = v;
	return s;
}

bool sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}
	if (*s1 == *s2)
		return true;
	if (!*s1 && *s2 == '\n' && !s2[1])
		return true;
	if (*s1 == '\n' && !s1[1] && !*s2)
		return true;
	return false;
}

int match_string(const char *const *array, size_t n, const char *string)
{
	size_t i;

	for (i = 0; i < n && array[i]; i++)
		if (!strcmp(array[i], string))
			return i;
	return -EINVAL;
}

int __sysfs_match_string(const char *const *array, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!array[i])
			continue; /* the kernel skips holes here (unlike match_string) */
		if (sysfs_streq(array[i], s))
			return i;
	}
	return -EINVAL;
}

size_t memweight(const void *ptr, size_t bytes)
{
	const unsigned char *p = ptr;
	size_t ret = 0;

	for (; bytes >= sizeof(u64); bytes -= sizeof(u64), p += sizeof(u64)) {
		u64 w;

		memcpy(&w, p, sizeof(w));
		ret += hweight64(w);
	}
	while (bytes--)
		ret += hweight8(*p++);
	return ret;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	buf = kmalloc(len, gfp);
	if (buf)
		memcpy(buf, s, len);
	return buf;
}

char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strnlen(s, max);
	buf = kmalloc(len + 1, gfp);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc(len, gfp);

	if (p && len)
		memcpy(p, src, len);
	return p;
}

char *kmemdup_nul(const char *s, size_t len, gfp_t gfp)
{
	char *buf;

	if (!s)
		return NULL;
	buf = kmalloc(len + 1, gfp);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}

/*
 * The kernel's kstrdup_const recognises strings in .rodata by the linker symbols
 * __start_rodata/__end_rodata. A usermode program has no such bounds that are portable,
 * so umc duplicates every string and kfree_const frees every pointer it is given: same
 * observable behaviour for the caller, one extra copy.
 */
const char *kstrdup_const(const char *s, gfp_t gfp)
{
	return kstrdup(s, gfp);
}

void kfree_const(const void *x)
{
	kfree(x);
}
