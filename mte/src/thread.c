// SPDX-License-Identifier: GPL-2.0
/*
 * thread.c - host threads: create/join with names, affinity, the per-thread slot, RCU
 * registration.
 *
 * Per-thread state lives in __thread variables. A pthread key whose destructor runs at
 * thread exit unregisters a thread from RCU that forgot to (liburcu must not keep a reader
 * entry that points into a dead thread's TLS).
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mte_internal.h"

struct sys_thread {
	pthread_t th;
	sys_fn fn;
	void *arg;
	char name[16];
};

static __thread void *thread_slot;
static __thread char thread_name[16];
static __thread bool rcu_registered;

static pthread_key_t exit_key;
static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;

static void thread_exit_hook(void *unused)
{
	if (rcu_registered) {
		mte_rcu_unregister();
		rcu_registered = false;
	}
}

static void exit_key_init(void)
{
	if (pthread_key_create(&exit_key, thread_exit_hook))
		mte_panic("pthread_key_create failed");
}

int mte_thread_setup(void)
{
	pthread_once(&exit_key_once, exit_key_init);
	return 0;
}

void mte_thread_register(void)
{
	if (rcu_registered)
		return;
	pthread_once(&exit_key_once, exit_key_init);
	mte_rcu_register();
	rcu_registered = true;
	/* any non-NULL value makes the destructor run at thread exit */
	pthread_setspecific(exit_key, (void *)1);
}

void mte_thread_unregister(void)
{
	if (!rcu_registered)
		return;
	mte_rcu_unregister();
	rcu_registered = false;
	pthread_setspecific(exit_key, NULL);
}

static void set_name_local(const char *name)
{
	snprintf(thread_name, sizeof(thread_name), "%s", name);
}

static void *thread_main(void *p)
{
	struct sys_thread *t = p;
	set_name_local(t->name);
	mte_thread_register();
	t->fn(t->arg);
	mte_thread_unregister();
	return NULL;
}

int mte_thread_create(struct sys_thread **out, const char *name, sys_fn fn, void *arg)
{
	struct sys_thread *t = mte_mem_zalloc(sizeof(*t), 0, "mte.thread");
	if (!t)
		return -ENOMEM;
	snprintf(t->name, sizeof(t->name), "%s", name ? name : "mte");
	t->fn = fn;
	t->arg = arg;
	int rc = pthread_create(&t->th, NULL, thread_main, t);
	if (rc) {
		mte_mem_free(t);
		return rc == EAGAIN ? -EAGAIN : -rc;
	}
	pthread_setname_np(t->th, t->name);
	*out = t;
	return 0;
}

int mte_thread_join(struct sys_thread *t)
{
	int rc = pthread_join(t->th, NULL);
	mte_mem_free(t);
	return -rc;
}

void mte_thread_set_name(const char *name)
{
	set_name_local(name);
	pthread_setname_np(pthread_self(), thread_name);
}

void mte_thread_get_name(char *buf, size_t len)
{
	if (!len)
		return;
	if (!thread_name[0] && pthread_getname_np(pthread_self(), thread_name, sizeof(thread_name)))
		thread_name[0] = 0;
	snprintf(buf, len, "%s", thread_name);
}

const char *mte_thread_name_cached(void)
{
	if (!thread_name[0]) {
		if (pthread_getname_np(pthread_self(), thread_name, sizeof(thread_name)) ||
		    !thread_name[0])
			snprintf(thread_name, sizeof(thread_name), "tid%d", (int)gettid());
	}
	return thread_name;
}

int mte_thread_set_affinity(const unsigned long *mask, unsigned int nbits)
{
	cpu_set_t set;
	const unsigned int bpl = 8 * sizeof(unsigned long);
	bool any = false;
	CPU_ZERO(&set);
	for (unsigned int i = 0; i < nbits && i < CPU_SETSIZE; i++) {
		if (mask[i / bpl] & (1ul << (i % bpl))) {
			CPU_SET(i, &set);
			any = true;
		}
	}
	if (!any)
		return -EINVAL;
	return -pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

int mte_thread_id(void)
{
	return (int)gettid();
}

unsigned int mte_cpu_count(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof(set), &set) == 0) {
		int n = CPU_COUNT(&set);
		if (n > 0)
			return (unsigned int)n;
	}
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned int)n : 1;
}

void *mte_thread_slot_get(void)
{
	return thread_slot;
}

void mte_thread_slot_set(void *value)
{
	thread_slot = value;
}

void mte_thread_yield(void)
{
	sched_yield();
}
