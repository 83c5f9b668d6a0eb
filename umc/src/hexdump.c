// SPDX-License-Identifier: GPL-2.0
/*
 * hexdump.c - hex digits and hex dumps: hex_asc, hex_to_bin, hex2bin, bin2hex
 * (<linux/kernel.h>), hex_dump_to_buffer and print_hex_dump (<linux/printk.h>).
 * Pure computation, except print_hex_dump which logs through printk (never blocks).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/printk.h>
#include <linux/errno.h>

const char hex_asc[] = "0123456789abcdef";
const char hex_asc_upper[] = "0123456789ABCDEF";

int hex_to_bin(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20;
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

int hex2bin(u8 *dst, const char *src, size_t count)
{
	while (count--) {
		int hi = hex_to_bin(*src++);
		int lo;

		if (hi < 0)
			return -EINVAL;
		lo = hex_to_bin(*src++);
		if (lo < 0)
			return -EINVAL;
		*dst++ = (u8)(hi << 4 | lo);
	}
	return 0;
}

char *bin2hex(char *dst, const void *src, size_t count)
{
	const unsigned char *p = src;

	while (count--) {
		*dst++ = hex_asc_hi(*p);
		*dst++ = hex_asc_lo(*p);
		p++;
	}
	return dst;
}

/* longest line: 32 bytes in 1-byte groups + ascii column */
#define HEXDUMP_LINE_MAX (32 * 3 + 2 + 32 + 1)

int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize, char *linebuf,
		       size_t linebuflen, bool ascii)
{
	const u8 *ptr = buf;
	char line[HEXDUMP_LINE_MAX];
	int lx = 0, ngroups, ascii_column;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	if (len > (size_t)rowsize)
		len = rowsize;
	if (groupsize != 1 && groupsize != 2 && groupsize != 4 && groupsize != 8)
		groupsize = 1;
	if (len % groupsize)
		groupsize = 1;
	ngroups = len / groupsize;
	ascii_column = rowsize * 2 + rowsize / groupsize + 1;

	/* groups are numbers in host (little-endian) byte order, as the kernel prints them */
	for (int g = 0; g < ngroups; g++) {
		if (g)
			line[lx++] = ' ';
		for (int b = groupsize - 1; b >= 0; b--) {
			u8 ch = ptr[g * groupsize + b];

			line[lx++] = hex_asc_hi(ch);
			line[lx++] = hex_asc_lo(ch);
		}
	}
	if (ascii && len) {
		while (lx < ascii_column)
			line[lx++] = ' ';
		for (size_t j = 0; j < len; j++)
			line[lx++] = (isascii(ptr[j]) && isprint(ptr[j])) ? ptr[j] : '.';
	}
	line[lx] = '\0';
	if (linebuflen) {
		size_t n = (size_t)lx < linebuflen ? (size_t)lx : linebuflen - 1;

		memcpy(linebuf, line, n);
		linebuf[n] = '\0';
	}
	return lx;
}

void print_hex_dump(const char *level, const char *prefix_str, int prefix_type, int rowsize,
		    int groupsize, const void *buf, size_t len, bool ascii)
{
	const u8 *ptr = buf;
	char linebuf[HEXDUMP_LINE_MAX];

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	for (size_t i = 0; i < len; i += rowsize) {
		size_t linelen = len - i < (size_t)rowsize ? len - i : (size_t)rowsize;

		hex_dump_to_buffer(ptr + i, linelen, rowsize, groupsize, linebuf, sizeof(linebuf),
				   ascii);
		switch (prefix_type) {
		case DUMP_PREFIX_ADDRESS:
			printk("%s%s%p: %s\n", level, prefix_str, ptr + i, linebuf);
			break;
		case DUMP_PREFIX_OFFSET:
			printk("%s%s%.8zx: %s\n", level, prefix_str, i, linebuf);
			break;
		default:
			printk("%s%s%s\n", level, prefix_str, linebuf);
			break;
		}
	}
}
