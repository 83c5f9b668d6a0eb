/* SPDX-License-Identifier: GPL-2.0 */
/* linux/export.h - symbols are plain global symbols in one process: exports are no-ops. */
#ifndef _UMC_LINUX_EXPORT_H
#define _UMC_LINUX_EXPORT_H
#define EXPORT_SYMBOL(sym) extern typeof(sym) sym
#define EXPORT_SYMBOL_GPL(sym) extern typeof(sym) sym
#define EXPORT_SYMBOL_NS(sym, ns) extern typeof(sym) sym
#define EXPORT_SYMBOL_NS_GPL(sym, ns) extern typeof(sym) sym
#define THIS_MODULE (&__this_module)
#endif
