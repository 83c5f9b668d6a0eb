/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/ctype.h - character classes with the kernel's rules (header-only).
 *
 * The kernel classifies bytes by its ISO 8859-1 table (lib/ctype.c): besides ASCII, 0xa0 is a
 * space, 0xc0-0xde (except 0xd7) are upper case letters, 0xdf-0xff (except 0xf7) lower case,
 * and 0xa1-0xbf, 0xd7, 0xf7 punctuation. The same classes are computed here from ranges.
 * The argument is taken as an unsigned char, as the kernel's macros do. Pure functions.
 *
 * Kernel-world tests may have included the C library's <ctype.h> first: its macros are
 * replaced by these definitions.
 */
#ifndef _UMC_LINUX_CTYPE_H
#define _UMC_LINUX_CTYPE_H

#include <linux/compiler_types.h>

#undef isalnum
#undef isalpha
#undef iscntrl
#undef isdigit
#undef isgraph
#undef islower
#undef isprint
#undef ispunct
#undef isspace
#undef isupper
#undef isxdigit
#undef isascii
#undef toascii
#undef tolower
#undef toupper
#undef _tolower
#undef _toupper

static inline int __umc_isupper(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7);
}
static inline int __umc_islower(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xdf && c != 0xf7);
}
static inline int __umc_isdigit(unsigned char c)
{
	return c >= '0' && c <= '9';
}
static inline int __umc_iscntrl(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}
static inline int __umc_isspace(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0;
}
static inline int __umc_ispunct(unsigned char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
	       (c >= '{' && c <= '~') || (c >= 0xa1 && c <= 0xbf) || c == 0xd7 || c == 0xf7;
}

static inline int __umc_isalpha(unsigned char c)
{
	return __umc_isupper(c) || __umc_islower(c);
}
static inline int __umc_isalnum(unsigned char c)
{
	return __umc_isalpha(c) || __umc_isdigit(c);
}
static inline int __umc_isgraph(unsigned char c)
{
	return __umc_ispunct(c) || __umc_isalnum(c);
}
/* printable: graphic characters and the two spaces (0x20, 0xa0) */
static inline int __umc_isprint(unsigned char c)
{
	return __umc_isgraph(c) || c == ' ' || c == 0xa0;
}
static inline int __umc_isxdigit(unsigned char c)
{
	return __umc_isdigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* Each argument is evaluated once. */
#define isupper(c) __umc_isupper((unsigned char)(c))
#define islower(c) __umc_islower((unsigned char)(c))
#define isalpha(c) __umc_isalpha((unsigned char)(c))
#define isdigit(c) __umc_isdigit((unsigned char)(c))
#define isalnum(c) __umc_isalnum((unsigned char)(c))
#define iscntrl(c) __umc_iscntrl((unsigned char)(c))
#define isspace(c) __umc_isspace((unsigned char)(c))
#define ispunct(c) __umc_ispunct((unsigned char)(c))
#define isgraph(c) __umc_isgraph((unsigned char)(c))
#define isprint(c) __umc_isprint((unsigned char)(c))
#define isxdigit(c) __umc_isxdigit((unsigned char)(c))
#define isascii(c) (((unsigned char)(c)) <= 0x7f)
#define toascii(c) (((unsigned char)(c)) & 0x7f)

static inline unsigned char __tolower(unsigned char c)
{
	return __umc_isupper(c) ? c + ('a' - 'A') : c;
}
static inline unsigned char __toupper(unsigned char c)
{
	return __umc_islower(c) ? c - ('a' - 'A') : c;
}
#define tolower(c) __tolower(c)
#define toupper(c) __toupper(c)

/* _tolower - fast lower-casing of an ASCII letter or digit (the kernel's definition). */
#define _tolower(c) ((char)((c) | 0x20))

/* isodigit - an octal digit. */
static inline int isodigit(const char c)
{
	return c >= '0' && c <= '7';
}

#endif
