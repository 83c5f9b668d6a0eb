// SPDX-License-Identifier: GPL-2.0
/*
 * vsscanf.c - the kernel's sscanf (<linux/sprintf.h>: sscanf, vsscanf).
 *
 * Conversions: %d %i %u %o %x %X (field width = at most that many characters, including a
 * sign or "0x"), %c (width characters, default 1, no NUL added), %s (a whitespace-delimited
 * word, NUL terminated), %[set] and %[^set] (width required, as in the kernel), %n (characters
 * consumed so far; not counted), %%. Length modifiers hh h l ll L z Z. "%*..." skips a
 * whitespace-delimited word of the input (the kernel's behaviour, whatever the conversion).
 * A space in the format matches any amount of whitespace, other characters match
 * themselves. Returns the number of assignments made; stops at the first mismatch.
 * Values that overflow wrap, as with the kernel's simple_strtoull. Pure computation.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/sprintf.h>
#include "lib_internal.h"

static int scan_atoi(const char **s)
{
	int i = 0;

	while (isdigit(**s) && i < 1000000)
		i = i * 10 + *((*s)++) - '0';
	return i;
}

static long long simple_strntoll(const char *cp, char **endp, unsigned int base,
				 size_t max_chars)
{
	if (*cp == '-' && max_chars > 0)
		return -(long long)umc_simple_strntoull(cp + 1, endp, base, max_chars - 1);
	return umc_simple_strntoull(cp, endp, base, max_chars);
}

/* %[...]: @fmt points after '['; returns the position after ']' or NULL if malformed. */
static const char *scan_set(const char *fmt, unsigned long set[256 / BITS_PER_LONG])
{
	bool negate = *fmt == '^';
	unsigned int len = 0;

	memset(set, 0, 256 / 8);
	if (negate)
		fmt++;
	for (; *fmt && *fmt != ']'; fmt++, len++)
		__set_bit((u8)*fmt, set);
	if (!*fmt || !len)
		return NULL;
	if (negate) {
		for (int i = 0; i < 256 / BITS_PER_LONG; i++)
			set[i] = ~set[i];
		__clear_bit(0, set);
	}
	return fmt + 1;
}

int umc_vsscanf(const char *buf, const char *fmt, va_list args)
{
	const char *str = buf;
	int num = 0;

	while (*fmt) {
		int width = -1;
		char qual = 0;
		unsigned int base = 10;
		bool is_sign = false;
		char *next = NULL;

		if (isspace(*fmt)) {
			fmt = skip_spaces(fmt + 1);
			str = skip_spaces(str);
		}
		if (*fmt != '%' && *fmt) {
			if (*fmt++ != *str++)
				break;
			continue;
		}
		if (!*fmt)
			break;
		fmt++;

		if (*fmt == '*') {
			if (!*str)
				break;
			while (!isspace(*fmt) && *fmt != '%' && *fmt) {
				if (*fmt == '[') {
					while (*fmt && *fmt != ']')
						fmt++;
					if (!*fmt)
						break;
				}
				fmt++;
			}
			while (!isspace(*str) && *str)
				str++;
			continue;
		}

		if (isdigit(*fmt)) {
			width = scan_atoi(&fmt);
			if (width <= 0)
				break;
		}
		if (*fmt == 'h' || *fmt == 'l' || *fmt == 'L' || *fmt == 'z' || *fmt == 'Z') {
			qual = *fmt++;
			if (qual == *fmt) {
				if (qual == 'h') {
					qual = 'H';
					fmt++;
				} else if (qual == 'l') {
					qual = 'L';
					fmt++;
				}
			}
		}
		if (!*fmt)
			break;
		if (*fmt == 'n') {
			*va_arg(args, int *) = str - buf;
			fmt++;
			continue;
		}
		if (!*str)
			break;

		switch (*fmt++) {
		case 'c': {
			char *s = va_arg(args, char *);

			if (width == -1)
				width = 1;
			do {
				*s++ = *str++;
			} while (--width > 0 && *str);
			num++;
			continue;
		}
		case 's': {
			char *s = va_arg(args, char *);

			if (width == -1)
				width = SHRT_MAX;
			str = skip_spaces(str);
			while (*str && !isspace(*str) && width--)
				*s++ = *str++;
			*s = '\0';
			num++;
			continue;
		}
		case '[': {
			char *s = va_arg(args, char *);
			unsigned long set[256 / BITS_PER_LONG];

			if (width == -1)
				return num;
			fmt = scan_set(fmt, set);
			if (!fmt)
				return num;
			if (!test_bit((u8)*str, set))
				return num;
			while (test_bit((u8)*str, set) && width--)
				*s++ = *str++;
			*s = '\0';
			num++;
			continue;
		}
		case 'o':
			base = 8;
			break;
		case 'x':
		case 'X':
			base = 16;
			break;
		case 'i':
			base = 0;
			fallthrough;
		case 'd':
			is_sign = true;
			break;
		case 'u':
			break;
		case '%':
			if (*str++ != '%')
				return num;
			continue;
		default:
			return num;
		}

		/* a number: check that one starts here, as the kernel does */
		str = skip_spaces(str);
		{
			char digit = *str;

			if (is_sign && digit == '-') {
				if (width == 1)
					break;
				digit = str[1];
			}
			if (!digit || (base == 16 && !isxdigit(digit)) ||
			    (base == 10 && !isdigit(digit)) ||
			    (base == 8 && (!isdigit(digit) || digit > '7')) ||
			    (base == 0 && !isdigit(digit)))
				break;
		}
		if (is_sign) {
			long long v = simple_strntoll(str, &next, base, width >= 0 ? width : INT_MAX);

			switch (qual) {
			case 'H': *va_arg(args, signed char *) = v; break;
			case 'h': *va_arg(args, short *) = v; break;
			case 'l': *va_arg(args, long *) = v; break;
			case 'L': *va_arg(args, long long *) = v; break;
			case 'z': case 'Z': *va_arg(args, ssize_t *) = v; break;
			default: *va_arg(args, int *) = v; break;
			}
		} else {
			unsigned long long v = umc_simple_strntoull(str, &next, base,
								    width >= 0 ? width : INT_MAX);

			switch (qual) {
			case 'H': *va_arg(args, unsigned char *) = v; break;
			case 'h': *va_arg(args, unsigned short *) = v; break;
			case 'l': *va_arg(args, unsigned long *) = v; break;
			case 'L': *va_arg(args, unsigned long long *) = v; break;
			case 'z': case 'Z': *va_arg(args, size_t *) = v; break;
			default: *va_arg(args, unsigned int *) = v; break;
			}
		}
		num++;
		if (!next)
			break;
		str = next;
	}
	return num;
}

int umc_sscanf(const char *buf, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = umc_vsscanf(buf, fmt, args);
	va_end(args);
	return i;
}
