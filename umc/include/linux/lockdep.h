/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/lockdep.h - lock-validator annotations (header-only).
 *
 * umc has no lock validator: class keys, subclasses and the lockdep_* annotations compile to
 * nothing. They never change locking itself: spin_lock_nested(), mutex_lock_nested() and
 * friends always take the lock they are given (see spinlock.h, mutex.h).
 */
#ifndef _UMC_LINUX_LOCKDEP_H
#define _UMC_LINUX_LOCKDEP_H

#include <linux/types.h>

/* Zero-sized, as in a kernel built without CONFIG_LOCKDEP. */
struct lock_class_key { };
struct lockdep_map { };

#define SINGLE_DEPTH_NESTING 1
#define MAX_LOCKDEP_SUBCLASSES 8UL

#define lockdep_set_class(lock, key) do { (void)(key); } while (0)
#define lockdep_set_class_and_name(lock, key, name) do { (void)(key); } while (0)
#define lockdep_set_subclass(lock, sub) do { } while (0)
#define lockdep_set_novalidate_class(lock) do { } while (0)
#define lockdep_register_key(key) do { } while (0)
#define lockdep_unregister_key(key) do { } while (0)
#define lockdep_assert_held(l) do { (void)(l); } while (0)
#define lockdep_assert_held_write(l) do { (void)(l); } while (0)
#define lockdep_assert_held_read(l) do { (void)(l); } while (0)
#define lockdep_assert_held_once(l) do { (void)(l); } while (0)
#define lockdep_assert_not_held(l) do { (void)(l); } while (0)
#define lockdep_assert_irqs_enabled() do { } while (0)
#define lockdep_assert_irqs_disabled() do { } while (0)
#define lockdep_assert_in_irq() do { } while (0)
#define lockdep_is_held(l) 1
#define lockdep_off() do { } while (0)
#define lockdep_on() do { } while (0)
#define lock_acquire(l, s, t, r, c, n, i) do { } while (0)
#define lock_release(l, i) do { } while (0)
#define might_lock(l) do { } while (0)
#define might_lock_read(l) do { } while (0)
#define might_lock_nested(l, s) do { } while (0)
#define debug_check_no_locks_freed(from, len) do { } while (0)
#define debug_check_no_locks_held() do { } while (0)
#define STATIC_LOCKDEP_MAP_INIT(name, key) { }

#endif
