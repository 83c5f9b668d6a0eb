// SPDX-License-Identifier: GPL-2.0
/*
 * kstrtox.c - string to integer conversion with the kernel's rules (<linux/kstrtox.h>).
 *
 * kstrto*(): the whole string must be one number in @base (0 = auto: "0x" hex, "0" octal,
 * else decimal; base 16 also accepts a "0x" prefix), optionally followed by one newline.
 * A leading '+' is accepted, a '-' only by the signed variants. -EINVAL for a malformed
 * string, -ERANGE when the value does not fit the type.
 * simple_strto*(): parse as far as possible, no error reporting, wrap on overflow (as the
 * kernel's). Pure functions.
 */
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include "lib_internal.h"

#define PARSE_OVERFLOW (1U << 31)

/* Resolve base 0 and skip a "0x" prefix where the base (now) is 16. */
static const char *fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if ((s[1] | 0x20) == 'x' && isxdigit(s[2]))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2;
	return s;
}

/*
 * Parse at most @max_chars digits of @base at @s into *@res. Returns the number of digits
 * consumed, with PARSE_OVERFLOW set if the value exceeded 64 bits (the result then wraps).
 */
static unsigned int parse_digits(const char *s, unsigned int base, unsigned long long *res,
				 size_t max_chars)
{
	unsigned long long v = 0;
	unsigned int n = 0, overflow = 0;

	while (max_chars--) {
		unsigned int c = (unsigned char)s[n];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		if (v > (ULLONG_MAX - d) / base)
			overflow = PARSE_OVERFLOW;
		v = v * base + d;
		n++;
	}
	*res = v;
	return n | overflow;
}

static int do_kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v;
	unsigned int n;

	s = fixup_radix(s, &base);
	n = parse_digits(s, base, &v, INT_MAX);
	if (n & PARSE_OVERFLOW)
		return -ERANGE;
	if (n == 0)
		return -EINVAL;
	s += n;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return do_kstrtoull(s, base, res);
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long v;
	int rv;

	if (s[0] == '-') {
		rv = do_kstrtoull(s + 1, base, &v);
		if (rv < 0)
			return rv;
		if (v > (unsigned long long)LLONG_MAX + 1)
			return -ERANGE;
		*res = -(long long)(v - 1) - 1;
	} else {
		rv = kstrtoull(s, base, &v);
		if (rv < 0)
			return rv;
		if (v > LLONG_MAX)
			return -ERANGE;
		*res = v;
	}
	return 0;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	int rv = kstrtoull(s, base, &v);

	if (rv < 0)
		return rv;
	*res = v;
	return 0;
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	long long v;
	int rv = kstrtoll(s, base, &v);

	if (rv < 0)
		return rv;
	*res = v;
	return 0;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long v;
	int rv = kstrtoull(s, base, &v);

	if (rv < 0)
		return rv;
	if (v > UINT_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long v;
	int rv = kstrtoll(s, base, &v);

	if (rv < 0)
		return rv;
	if (v < INT_MIN || v > INT_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

int kstrtou64(const char *s, unsigned int base, u64 *res)
{
	return kstrtoull(s, base, (unsigned long long *)res);
}

int kstrtos64(const char *s, unsigned int base, s64 *res)
{
	return kstrtoll(s, base, (long long *)res);
}

int kstrtou32(const char *s, unsigned int base, u32 *res)
{
	return kstrtouint(s, base, res);
}

int kstrtos32(const char *s, unsigned int base, s32 *res)
{
	return kstrtoint(s, base, res);
}

int kstrtou16(const char *s, unsigned int base, u16 *res)
{
	unsigned long long v;
	int rv = kstrtoull(s, base, &v);

	if (rv < 0)
		return rv;
	if (v > U16_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

int kstrtou8(const char *s, unsigned int base, u8 *res)
{
	unsigned long long v;
	int rv = kstrtoull(s, base, &v);

	if (rv < 0)
		return rv;
	if (v > U8_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

/* Only the first character (two for "on"/"off") decides, as in the kernel. */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		switch (s[1]) {
		case 'n': case 'N':
			*res = true;
			return 0;
		case 'f': case 'F':
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

/* simple_strntoull - the base of simple_strto* and sscanf: at most @max_chars characters. */
unsigned long long umc_simple_strntoull(const char *cp, char **endp, unsigned int base,
					size_t max_chars)
{
	const char *start = cp;
	unsigned long long v = 0;
	size_t prefix;

	cp = fixup_radix(cp, &base);
	prefix = cp - start;
	if (prefix < max_chars) {
		unsigned int n = parse_digits(cp, base, &v, max_chars - prefix);

		cp += n & ~PARSE_OVERFLOW;
	} else {
		cp = start + max_chars;
		v = 0;
	}
	if (endp)
		*endp = (char *)cp;
	return v;
}

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	return umc_simple_strntoull(cp, endp, base, INT_MAX);
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoull(cp, endp, base);
}

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -simple_strtoul(cp + 1, endp, base);
	return simple_strtoul(cp, endp, base);
}

long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -simple_strtoull(cp + 1, endp, base);
	return simple_strtoull(cp, endp, base);
}
