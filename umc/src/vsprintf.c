// SPDX-License-Identifier: GPL-2.0
/*
 * vsprintf.c - the kernel's printf family (<linux/sprintf.h>) with the %p extensions DRBD
 * uses, and sscanf.
 *
 * Conversions: %% %c %s %d %i %u %o %x %X %p with flags "-+ #0", width and precision
 * (numbers or '*'), length modifiers hh h l ll L z Z t j. Integer output follows the kernel
 * where it differs from ISO C: "%.0d" of 0 prints "0", the '0' flag pads even when a
 * precision is given, "%#x" of 0 prints "0x0". %n and unknown conversions end the output
 * at that point, as the kernel does (it never writes through %n).
 *
 * Pointer extensions:
 *   %p %pK %px   the address as 16 hex digits (umc prints real addresses: the kernel's
 *                hashing protects a kernel address space, which a usermode process has not;
 *                the output is what the kernel prints with no_hash_pointers)
 *   %pS %ps %pB  "0x" + 16 hex digits: the kernel's output without CONFIG_KALLSYMS, since
 *                umc has no symbol table of its own
 *   %pI4 %pi4    IPv4 address from 4 network-order bytes ("192.168.1.1", "192.168.001.001")
 *   %pI6 %pi6    IPv6 address, full form ("fe80:0000:...:0001" / without colons)
 *   %pI6c        IPv6 compressed as RFC 5952 ("fe80::1", "::ffff:1.2.3.4")
 *   %pIS[p][c]   struct sockaddr_in / sockaddr_in6 ("1.2.3.4:7788", "[fe80::1]:7788")
 *   %pg          a struct block_device's name ("drbd0", "sda1", "nvme0n1p2")
 *   %pV          a struct va_format, formatted recursively
 *   %*ph[CDN]    hex dump of up to 64 bytes, separated by ' ' (C ':', D '-', N none)
 *   %pE[ho]      bytes (length = field width) with non-printable ones escaped (\n, \ooo
 *                or, with 'h', \xhh)
 *   %pe          an ERR_PTR as a decimal errno (the kernel's output without
 *                CONFIG_SYMBOLIC_ERRNAME), any other pointer as %p
 *   %pa[p] %pad  the phys_addr_t / dma_addr_t pointed to, "0x" + 16 hex digits
 * Other extension letters print the pointer as %p. NULL and pointers into the first page or
 * ERR_PTR values print "(null)" / "(efault)" where the kernel checks them.
 * Pure computation; kasprintf allocates with kmalloc.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <asm/page.h>
#include <linux/blk_types.h>
#include <linux/blkdev.h>
#include "lib_internal.h"

#define F_LEFT 0x01
#define F_PLUS 0x02
#define F_SPACE 0x04
#define F_SPECIAL 0x08
#define F_ZEROPAD 0x10
#define F_SMALL 0x20 /* lower-case hex digits */
#define F_SIGN 0x40

struct spec {
	int width; /* -1: none */
	int prec;  /* -1: none */
	unsigned int flags;
	unsigned int base;
};

/* Output cursor: characters beyond @size are counted but not stored. */
struct out {
	char *buf;
	size_t size;
	size_t pos;
};

static inline void put(struct out *o, char c)
{
	if (o->pos < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void put_repeat(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static const char hex_upper[] = "0123456789ABCDEF";

/* The integer conversion, with the kernel's rules (see the file comment). */
static void number(struct out *o, unsigned long long num, struct spec s)
{
	char tmp[24];
	char sign = 0;
	char locase = (s.flags & F_SMALL) ? 0x20 : 0;
	bool prefix = (s.flags & F_SPECIAL) && s.base != 10;
	bool is_zero = num == 0;
	int width = s.width;
	int prec = s.prec;
	int n = 0;

	if (s.flags & F_LEFT)
		s.flags &= ~F_ZEROPAD;
	if (s.flags & F_SIGN) {
		if ((long long)num < 0) {
			sign = '-';
			num = -num;
		} else if (s.flags & F_PLUS) {
			sign = '+';
		} else if (s.flags & F_SPACE) {
			sign = ' ';
		}
		if (sign)
			width--;
	}
	if (prefix) {
		if (s.base == 16)
			width -= 2;
		else if (!is_zero)
			width--;
	}
	do {
		tmp[n++] = hex_upper[num % s.base] | locase;
		num /= s.base;
	} while (num);
	if (n > prec)
		prec = n;
	width -= prec;
	if (!(s.flags & (F_ZEROPAD | F_LEFT)))
		put_repeat(o, ' ', width), width = 0;
	if (sign)
		put(o, sign);
	if (prefix) {
		if (s.base == 16 || !is_zero)
			put(o, '0');
		if (s.base == 16)
			put(o, 'X' | locase);
	}
	if (!(s.flags & F_LEFT))
		put_repeat(o, (s.flags & F_ZEROPAD) ? '0' : ' ', width), width = 0;
	put_repeat(o, '0', prec - n);
	while (n > 0)
		put(o, tmp[--n]);
	put_repeat(o, ' ', width);
}

/* A string of known validity, honouring precision (max length) and width. */
static void string_nocheck(struct out *o, const char *str, struct spec s)
{
	int len = 0;

	while ((s.prec < 0 || len < s.prec) && str[len])
		len++;
	if (!(s.flags & F_LEFT))
		put_repeat(o, ' ', s.width - len);
	for (int i = 0; i < len; i++)
		put(o, str[i]);
	if (s.flags & F_LEFT)
		put_repeat(o, ' ', s.width - len);
}

/* Kernel's check: NULL is "(null)", the first page and ERR_PTRs are "(efault)". */
static bool bad_pointer(struct out *o, const void *ptr, struct spec s)
{
	const char *msg;

	if (!ptr)
		msg = "(null)";
	else if ((unsigned long)ptr < PAGE_SIZE || IS_ERR_VALUE(ptr))
		msg = "(efault)";
	else
		return false;
	if (s.prec < 0)
		s.prec = 2 * sizeof(void *);
	string_nocheck(o, msg, s);
	return true;
}

static void string(struct out *o, const char *str, struct spec s)
{
	if (!bad_pointer(o, str, s))
		string_nocheck(o, str, s);
}

/* "%px": 16 zero-padded lower-case hex digits unless a width was given. */
static void pointer_string(struct out *o, const void *ptr, struct spec s)
{
	s.base = 16;
	s.flags |= F_SMALL;
	if (s.width == -1) {
		s.width = 2 * sizeof(ptr);
		s.flags |= F_ZEROPAD;
	}
	number(o, (unsigned long)ptr, s);
}

/* "0x" and 16 hex digits, whatever the caller's spec (kernel's special_hex_number). */
static void special_hex(struct out *o, unsigned long long v)
{
	struct spec s = { .width = 2 + 2 * 8, .prec = -1, .base = 16,
			  .flags = F_SPECIAL | F_SMALL | F_ZEROPAD };

	number(o, v, s);
}

static char *hex_byte(char *p, u8 b)
{
	*p++ = hex_asc[b >> 4];
	*p++ = hex_asc[b & 15];
	return p;
}

/* @leading: "%pi4" style, three digits per byte */
static char *ip4_text(char *p, const u8 *a, bool leading)
{
	for (int i = 0; i < 4; i++) {
		unsigned int v = a[i];

		if (leading || v >= 100)
			*p++ = '0' + v / 100;
		if (leading || v >= 10)
			*p++ = '0' + v / 10 % 10;
		*p++ = '0' + v % 10;
		if (i < 3)
			*p++ = '.';
	}
	*p = '\0';
	return p;
}

static char *ip6_full_text(char *p, const u8 *a, bool colons)
{
	for (int i = 0; i < 8; i++) {
		p = hex_byte(p, a[2 * i]);
		p = hex_byte(p, a[2 * i + 1]);
		if (colons && i != 7)
			*p++ = ':';
	}
	*p = '\0';
	return p;
}

/*
 * RFC 5952 form as the kernel prints it: the first longest run of two or more zero groups
 * becomes "::", groups lose leading zeros, v4-mapped (::ffff:0:0/96) and ISATAP
 * (…:0200:5efe or …:0000:5efe in groups 4-5) addresses end in dotted IPv4.
 */
static char *ip6_compressed_text(char *p, const u8 *a)
{
	u16 g[8];
	int range, longest = 1, colonpos = -1;
	bool needcolon = false, v4;

	for (int i = 0; i < 8; i++)
		g[i] = (u16)(a[2 * i] << 8 | a[2 * i + 1]);
	v4 = (!g[0] && !g[1] && !g[2] && !g[3] && !g[4] && g[5] == 0xffff) ||
	     ((g[4] | 0x0200) == 0x0200 && g[5] == 0x5efe);
	range = v4 ? 6 : 8;
	for (int i = 0; i < range; i++) {
		int run = 0;

		while (i + run < range && !g[i + run])
			run++;
		if (run > longest) {
			longest = run;
			colonpos = i;
		}
	}
	for (int i = 0; i < range; i++) {
		if (i == colonpos) {
			if (needcolon || i == 0)
				*p++ = ':';
			*p++ = ':';
			needcolon = false;
			i += longest - 1;
			continue;
		}
		if (needcolon)
			*p++ = ':';
		/* hex without leading zeros */
		bool started = false;
		for (int shift = 12; shift >= 0; shift -= 4) {
			unsigned int d = (g[i] >> shift) & 15;

			if (d || started || shift == 0) {
				*p++ = hex_asc[d];
				started = true;
			}
		}
		needcolon = true;
	}
	if (v4) {
		if (needcolon)
			*p++ = ':';
		p = ip4_text(p, a + 12, false);
	}
	*p = '\0';
	return p;
}

/* %pI4 %pi4 %pI6 %pi6 %pI6c %pIS[pc]; @fmt points at 'I' or 'i'. */
static void ip_addr(struct out *o, const void *ptr, struct spec s, const char *fmt)
{
	char text[64], *p = text;
	bool leading = fmt[0] == 'i';

	if (bad_pointer(o, ptr, s))
		return;
	if (fmt[1] == '4') {
		ip4_text(p, ptr, leading);
	} else if (fmt[1] == '6') {
		if (fmt[0] == 'I' && fmt[2] == 'c')
			ip6_compressed_text(p, ptr);
		else
			ip6_full_text(p, ptr, fmt[0] == 'I');
	} else if (fmt[1] == 'S') {
		const u8 *sa = ptr;
		u16 family = (u16)(sa[0] | sa[1] << 8); /* host order: little endian */
		bool port = false, compressed = false;

		for (const char *f = fmt + 2; isalnum(*f); f++) {
			if (*f == 'p')
				port = true;
			else if (*f == 'c')
				compressed = true;
		}
		if (family == 2) { /* AF_INET: port at 2, address at 4 */
			p = ip4_text(p, sa + 4, leading);
		} else if (family == 10) { /* AF_INET6: port at 2, address at 8 */
			if (port)
				*p++ = '[';
			if (compressed && !leading)
				p = ip6_compressed_text(p, sa + 8);
			else
				p = ip6_full_text(p, sa + 8, !leading);
			if (port)
				*p++ = ']';
		} else {
			string_nocheck(o, "(invalid address)", s);
			return;
		}
		if (port) {
			unsigned int v = sa[2] << 8 | sa[3];
			char digits[6];
			int n = 0;

			*p++ = ':';
			do {
				digits[n++] = '0' + v % 10;
				v /= 10;
			} while (v);
			while (n)
				*p++ = digits[--n];
		}
		*p = '\0';
	} else {
		pointer_string(o, ptr, s);
		return;
	}
	string_nocheck(o, text, s);
}

static void hex_string(struct out *o, const u8 *addr, struct spec s, const char *fmt)
{
	char sep;
	int len = 1;

	if (s.width == 0)
		return;
	if (bad_pointer(o, addr, s))
		return;
	switch (fmt[1]) {
	case 'C': sep = ':'; break;
	case 'D': sep = '-'; break;
	case 'N': sep = 0; break;
	default: sep = ' '; break;
	}
	if (s.width > 0)
		len = s.width < 64 ? s.width : 64;
	for (int i = 0; i < len; i++) {
		put(o, hex_asc[addr[i] >> 4]);
		put(o, hex_asc[addr[i] & 15]);
		if (sep && i != len - 1)
			put(o, sep);
	}
}

static void escaped_string(struct out *o, const u8 *addr, struct spec s, const char *fmt)
{
	bool hex = false;
	int len;

	if (s.width == 0)
		return;
	if (bad_pointer(o, addr, s))
		return;
	for (const char *f = fmt + 1; isalnum(*f); f++)
		if (*f == 'h')
			hex = true;
	len = s.width < 0 ? 1 : s.width;
	for (int i = 0; i < len; i++) {
		u8 c = addr[i];
		const char *esc = NULL;

		if (c >= 0x20 && c < 0x7f) {
			put(o, c);
			continue;
		}
		switch (c) {
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\v': esc = "\\v"; break;
		case '\f': esc = "\\f"; break;
		case '\a': esc = "\\a"; break;
		case 0x1b: esc = "\\e"; break;
		case '\0': esc = "\\0"; break;
		}
		if (esc && !hex) {
			put(o, esc[0]);
			put(o, esc[1]);
		} else if (hex) {
			put(o, '\\');
			put(o, 'x');
			put(o, hex_asc[c >> 4]);
			put(o, hex_asc[c & 15]);
		} else {
			put(o, '\\');
			put(o, '0' + (c >> 6));
			put(o, '0' + ((c >> 3) & 7));
			put(o, '0' + (c & 7));
		}
	}
}

static void va_format(struct out *o, const struct va_format *vaf, struct spec s)
{
	va_list va;
	size_t room;
	int n;

	if (bad_pointer(o, vaf, s))
		return;
	room = o->pos < o->size ? o->size - o->pos : 0;
	va_copy(va, *vaf->va);
	n = umc_vsnprintf(room ? o->buf + o->pos : NULL, room, vaf->fmt, va);
	va_end(va);
	o->pos += n;
}

/* %pg: "sda", "sda1", "nvme0n1p2" (a 'p' separates a partition number from a trailing digit) */
static void bdev_name(struct out *o, const struct block_device *bdev, struct spec s)
{
	const char *name;
	size_t len;

	if (bad_pointer(o, bdev, s) || bad_pointer(o, bdev->bd_disk, s))
		return;
	name = bdev->bd_disk->disk_name;
	string_nocheck(o, name, s);
	if (bdev->bd_partno) {
		len = strlen(name);
		if (len && isdigit(name[len - 1]))
			put(o, 'p');
		s.base = 10;
		s.flags &= ~F_SIGN;
		number(o, bdev->bd_partno, s);
	}
}

/* %p and its extensions; @fmt points at the character after 'p'. */
static void pointer(struct out *o, const char *fmt, void *ptr, struct spec s)
{
	switch (*fmt) {
	case 'S':
	case 's':
	case 'B':
		special_hex(o, (unsigned long)ptr);
		return;
	case 'I':
	case 'i':
		ip_addr(o, ptr, s, fmt);
		return;
	case 'h':
		hex_string(o, ptr, s, fmt);
		return;
	case 'E':
		escaped_string(o, ptr, s, fmt);
		return;
	case 'V':
		va_format(o, ptr, s);
		return;
	case 'g':
		bdev_name(o, ptr, s);
		return;
	case 'a':
		if (bad_pointer(o, ptr, s))
			return;
		if (fmt[1] == 'd')
			special_hex(o, *(const dma_addr_t *)ptr);
		else
			special_hex(o, *(const phys_addr_t *)ptr);
		return;
	case 'e':
		if (IS_ERR(ptr)) {
			s.flags |= F_SIGN;
			s.base = 10;
			number(o, (unsigned long long)(long long)PTR_ERR(ptr), s);
			return;
		}
		pointer_string(o, ptr, s);
		return;
	default: /* plain %p, %pK, %px and letters umc does not interpret */
		pointer_string(o, ptr, s);
		return;
	}
}

static int skip_atoi(const char **s)
{
	int i = 0;

	while (isdigit(**s) && i < 1000000)
		i = i * 10 + *((*s)++) - '0';
	while (isdigit(**s))
		(*s)++;
	return i;
}

int umc_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { .buf = buf, .size = size, .pos = 0 };

	if (size > INT_MAX)
		o.size = INT_MAX;

	while (*fmt) {
		struct spec s = { .width = -1, .prec = -1, .flags = 0, .base = 10 };
		char qual[2] = { 0, 0 };
		unsigned long long num;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				s.flags |= F_LEFT;
			else if (*fmt == '+')
				s.flags |= F_PLUS;
			else if (*fmt == ' ')
				s.flags |= F_SPACE;
			else if (*fmt == '#')
				s.flags |= F_SPECIAL;
			else if (*fmt == '0')
				s.flags |= F_ZEROPAD;
			else
				break;
		}
		if (isdigit(*fmt)) {
			s.width = skip_atoi(&fmt);
		} else if (*fmt == '*') {
			fmt++;
			s.width = va_arg(args, int);
			if (s.width < 0) {
				s.flags |= F_LEFT;
				s.width = s.width == INT_MIN ? INT_MAX : -s.width;
			}
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				fmt++;
				s.prec = va_arg(args, int);
				if (s.prec < 0)
					s.prec = -1;
			} else {
				s.prec = skip_atoi(&fmt);
			}
		}
		if (*fmt == 'h' || *fmt == 'l' || *fmt == 'L' || *fmt == 'z' || *fmt == 'Z' ||
		    *fmt == 't' || *fmt == 'j') {
			qual[0] = *fmt++;
			if ((qual[0] == 'h' || qual[0] == 'l') && *fmt == qual[0])
				qual[1] = *fmt++;
		}

		switch (*fmt) {
		case '%':
			put(&o, '%');
			fmt++;
			continue;
		case 'c': {
			char c = (char)va_arg(args, int);

			if (!(s.flags & F_LEFT))
				put_repeat(&o, ' ', s.width - 1);
			put(&o, c);
			if (s.flags & F_LEFT)
				put_repeat(&o, ' ', s.width - 1);
			fmt++;
			continue;
		}
		case 's':
			string(&o, va_arg(args, const char *), s);
			fmt++;
			continue;
		case 'p':
			fmt++;
			pointer(&o, fmt, va_arg(args, void *), s);
			while (isalnum(*fmt))
				fmt++;
			continue;
		case 'd':
		case 'i':
			s.flags |= F_SIGN;
			break;
		case 'u':
			break;
		case 'o':
			s.base = 8;
			break;
		case 'x':
			s.flags |= F_SMALL;
			fallthrough;
		case 'X':
			s.base = 16;
			break;
		default:
			/* %n, a bare '%' at the end, or an unknown conversion: the remaining
			 * arguments cannot be matched to the format any more; stop here. */
			goto out;
		}
		fmt++;

		if (qual[0] == 'l' && qual[1] == 'l')
			num = va_arg(args, unsigned long long);
		else if (qual[0] == 'L' || qual[0] == 'j')
			num = va_arg(args, unsigned long long);
		else if (qual[0] == 'l')
			num = va_arg(args, unsigned long);
		else if (qual[0] == 'z' || qual[0] == 'Z')
			num = va_arg(args, size_t);
		else if (qual[0] == 't')
			num = va_arg(args, ptrdiff_t);
		else
			num = va_arg(args, unsigned int);

		if (s.flags & F_SIGN) {
			if (qual[0] == 'h' && qual[1] == 'h')
				num = (long long)(signed char)num;
			else if (qual[0] == 'h')
				num = (long long)(short)num;
			else if (!qual[0])
				num = (long long)(int)num;
			else if (qual[0] == 'l' && !qual[1])
				num = (long long)(long)num;
			else if (qual[0] == 'z' || qual[0] == 'Z')
				num = (long long)(ssize_t)num;
		} else {
			if (qual[0] == 'h' && qual[1] == 'h')
				num = (unsigned char)num;
			else if (qual[0] == 'h')
				num = (unsigned short)num;
		}
		number(&o, num, s);
	}
out:
	if (size) {
		if (o.pos < o.size)
			buf[o.pos] = '\0';
		else
			buf[o.size - 1] = '\0';
	}
	return o.pos > INT_MAX ? INT_MAX : (int)o.pos;
}

int umc_vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int i = umc_vsnprintf(buf, size, fmt, args);

	if ((size_t)i < size)
		return i;
	return size ? (int)size - 1 : 0;
}

int umc_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = umc_vsnprintf(buf, size, fmt, args);
	va_end(args);
	return i;
}

int umc_scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = umc_vscnprintf(buf, size, fmt, args);
	va_end(args);
	return i;
}

int umc_vsprintf(char *buf, const char *fmt, va_list args)
{
	return umc_vsnprintf(buf, INT_MAX, fmt, args);
}

int umc_sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = umc_vsnprintf(buf, INT_MAX, fmt, args);
	va_end(args);
	return i;
}

char *umc_kvasprintf(gfp_t gfp, const char *fmt, va_list args)
{
	va_list aq;
	int len;
	char *p;

	va_copy(aq, args);
	len = umc_vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	p = kmalloc(len + 1, gfp);
	if (!p)
		return NULL;
	umc_vsnprintf(p, len + 1, fmt, args);
	return p;
}

char *umc_kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list args;
	char *p;

	va_start(args, fmt);
	p = umc_kvasprintf(gfp, fmt, args);
	va_end(args);
	return p;
}
