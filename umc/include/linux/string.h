/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/string.h - the kernel's string and memory helpers.
 *
 * Two groups:
 *  - functions whose kernel semantics equal the C library's (memcpy, strlen, strcmp, ...): only
 *    declared here and linked from libc (pure computation, see docs/umc-conventions.md);
 *  - kernel-only helpers (strscpy, strlcpy, kstrdup, memchr_inv, skip_spaces, strim, ...):
 *    implemented in umc/src/string.c. The k*dup functions allocate with kmalloc(gfp) and
 *    return NULL when out of memory; the caller frees with kfree (kfree_const for
 *    kstrdup_const). None of them sleeps unless the gfp allows it; none takes a lock.
 */
#ifndef _UMC_LINUX_STRING_H
#define _UMC_LINUX_STRING_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/err.h>

/* ---- C library functions with kernel-identical semantics (linked from libc) ---- */
extern void *memcpy(void *dst, const void *src, size_t n);
extern void *memmove(void *dst, const void *src, size_t n);
extern void *memset(void *s, int c, size_t n);
extern int memcmp(const void *a, const void *b, size_t n);
extern void *memchr(const void *s, int c, size_t n);
extern int bcmp(const void *a, const void *b, size_t n);
extern size_t strlen(const char *s);
extern size_t strnlen(const char *s, size_t maxlen);
extern int strcmp(const char *a, const char *b);
extern int strncmp(const char *a, const char *b, size_t n);
extern int strcasecmp(const char *a, const char *b);
extern int strncasecmp(const char *a, const char *b, size_t n);
extern char *strcpy(char *dst, const char *src);
extern char *strncpy(char *dst, const char *src, size_t n);
extern char *strcat(char *dst, const char *src);
extern char *strncat(char *dst, const char *src, size_t n);
extern char *strchr(const char *s, int c);
extern char *strchrnul(const char *s, int c);
extern char *strrchr(const char *s, int c);
extern char *strstr(const char *haystack, const char *needle);
extern char *strpbrk(const char *s, const char *accept);
extern char *strsep(char **stringp, const char *delim);
extern size_t strspn(const char *s, const char *accept);
extern size_t strcspn(const char *s, const char *reject);

/* ---- kernel-only helpers (umc/src/string.c) ---- */

/*
 * strscpy - copy the C string @src into @dst of @count bytes, always NUL terminating when
 * @count > 0. Returns the number of characters copied (excluding the NUL) or -E2BIG if @src
 * did not fit (then @dst holds the truncated string) or @count is 0.
 */
ssize_t strscpy(char *dst, const char *src, size_t count);
/* strscpy_pad - as strscpy, and zero the rest of @dst after the NUL. */
ssize_t strscpy_pad(char *dst, const char *src, size_t count);
/* strlcpy - BSD semantics: copies at most @size-1 chars, returns strlen(@src). */
size_t strlcpy(char *dst, const char *src, size_t size);
/* strlcat - BSD semantics: returns the length of the string it tried to create. */
size_t strlcat(char *dst, const char *src, size_t size);
/* strnchr / strnchrnul - search @c in the first @count bytes (stop at NUL). strnchr returns
 * NULL when absent; strnchrnul returns a pointer to the NUL or to s + count. */
char *strnchr(const char *s, size_t count, int c);
char *strnchrnul(const char *s, size_t count, int c);
/* strnstr - find @needle in the first @len bytes of @haystack. */
char *strnstr(const char *haystack, const char *needle, size_t len);
/* skip_spaces - first non-isspace() character of @s. */
char *__must_check skip_spaces(const char *s);
/* strim - remove leading and trailing whitespace in place; returns the first non-space. */
char *strim(char *s);
static inline __must_check char *strstrip(char *str)
{
	return strim(str);
}
/* strreplace - replace every @old with @new in @s; returns a pointer to the NUL. */
char *strreplace(char *s, char old, char new);
/* memchr_inv - first byte in @s[0..n) that is not @c, or NULL when all bytes equal @c. */
void *memchr_inv(const void *s, int c, size_t n);
/* memscan - first byte equal to @c, or s + n when absent. */
void *memscan(void *s, int c, size_t n);
void *memset16(u16 *s, u16 v, size_t count);
void *memset32(u32 *s, u32 v, size_t count);
void *memset64(u64 *s, u64 v, size_t count);
/* sysfs_streq - equal except that a single trailing newline on either side is ignored. */
bool sysfs_streq(const char *s1, const char *s2);
/* match_string - index of @string among the first @n entries of @array (the scan stops at a
 * NULL entry), or -EINVAL if absent. */
int match_string(const char *const *array, size_t n, const char *string);
/* __sysfs_match_string - as match_string with sysfs_streq comparison. */
int __sysfs_match_string(const char *const *array, size_t n, const char *s);
#define sysfs_match_string(_a, _s) __sysfs_match_string(_a, ARRAY_SIZE(_a), _s)
/* memweight - number of set bits in @bytes bytes at @ptr. */
size_t memweight(const void *ptr, size_t bytes);

/* k*dup: allocate with kmalloc(@gfp); NULL on allocation failure (or if @s is NULL). */
char *kstrdup(const char *s, gfp_t gfp) __malloc;
char *kstrndup(const char *s, size_t max, gfp_t gfp) __malloc;
void *kmemdup(const void *src, size_t len, gfp_t gfp) __malloc;
char *kmemdup_nul(const char *s, size_t len, gfp_t gfp) __malloc;
/* kstrdup_const - strings in the program's read-only data are returned as they are; others
 * are duplicated. Free only with kfree_const. */
const char *kstrdup_const(const char *s, gfp_t gfp);
void kfree_const(const void *x);

/* memzero_explicit - memset that the compiler may not remove (for secrets). */
static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	barrier_data(s);
}

static inline bool strstarts(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}

static inline const char *kbasename(const char *path)
{
	const char *tail = strrchr(path, '/');

	return tail ? tail + 1 : path;
}

static inline bool mem_is_zero(const void *s, size_t n)
{
	return !memchr_inv(s, 0, n);
}

static inline void *memset_l(unsigned long *p, unsigned long v, size_t n)
{
	return memset64((u64 *)p, v, n);
}

static inline void *memset_p(void **p, void *v, size_t n)
{
	return memset64((u64 *)p, (uintptr_t)v, n);
}

/* memcpy_and_pad - copy @count bytes (at most @dest_len), fill the rest of @dest with @pad. */
static inline void memcpy_and_pad(void *dest, size_t dest_len, const void *src, size_t count,
				  int pad)
{
	if (dest_len > count) {
		memcpy(dest, src, count);
		memset((char *)dest + count, pad, dest_len - count);
	} else {
		memcpy(dest, src, dest_len);
	}
}

#endif
