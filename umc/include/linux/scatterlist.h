/* SPDX-License-Identifier: GPL-2.0 */
/* linux/scatterlist.h - struct scatterlist (header-only). umc's crypto is shash-only, which
 * takes plain buffers; DRBD includes the header without using scatterlists. */
#ifndef _UMC_LINUX_SCATTERLIST_H
#define _UMC_LINUX_SCATTERLIST_H

#include <linux/types.h>

struct scatterlist {
	unsigned long page_link;
	unsigned int offset;
	unsigned int length;
	dma_addr_t dma_address;
};

#endif
