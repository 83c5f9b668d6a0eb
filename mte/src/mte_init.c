// SPDX-License-Identifier: GPL-2.0
/*
 * mte_init.c - the provider vector ("mte-posix") and its start/stop.
 *
 * Start order: logging, thread bookkeeping (the caller registers with RCU), the default and
 * aio event loops, libaio + worker pool, then sys_service_install. Shutdown reverses it after
 * an rcu_barrier, so no provider thread runs when the leak report is taken.
 */
#include <stdio.h>

#include "mte_internal.h"

static const struct sys_service_ops mte_vector = {
	.size = sizeof(struct sys_service_ops),
	.version = SYS_SERVICE_VERSION,
	.name = "mte-posix",

	.mem_alloc = mte_mem_alloc,
	.mem_zalloc = mte_mem_zalloc,
	.mem_free = mte_mem_free,
	.mem_size = mte_mem_size,
	.mem_stats = mte_mem_stats,
	.mem_report = mte_mem_report,
	.vm_reserve = mte_vm_reserve,
	.vm_release = mte_vm_release,
	.vm_discard = mte_vm_discard,
	.page_size = mte_page_size,

	.time_monotonic_ns = mte_time_monotonic_ns,
	.time_realtime_ns = mte_time_realtime_ns,

	.thread_create = mte_thread_create,
	.thread_join = mte_thread_join,
	.thread_set_name = mte_thread_set_name,
	.thread_get_name = mte_thread_get_name,
	.thread_set_affinity = mte_thread_set_affinity,
	.thread_id = mte_thread_id,
	.cpu_count = mte_cpu_count,
	.thread_slot_get = mte_thread_slot_get,
	.thread_slot_set = mte_thread_slot_set,
	.thread_register = mte_thread_register,
	.thread_unregister = mte_thread_unregister,
	.thread_yield = mte_thread_yield,

	.futex_wait = mte_futex_wait,
	.futex_wake = mte_futex_wake,

	.rcu_read_lock = mte_rcu_read_lock,
	.rcu_read_unlock = mte_rcu_read_unlock,
	.rcu_synchronize = mte_rcu_synchronize,
	.rcu_call = mte_rcu_call,
	.rcu_barrier = mte_rcu_barrier,

	.event_loop_create = mte_event_loop_create,
	.event_loop_destroy = mte_event_loop_destroy,
	.task_create = mte_task_create,
	.task_schedule = mte_task_schedule,
	.task_cancel_sync = mte_task_cancel_sync,
	.task_destroy = mte_task_destroy,
	.fd_watch_create = mte_fd_watch_create,
	.fd_watch_enable = mte_fd_watch_enable,
	.fd_watch_disable_sync = mte_fd_watch_disable_sync,
	.fd_watch_destroy = mte_fd_watch_destroy,

	.timer_create = mte_timer_create,
	.timer_arm = mte_timer_arm,
	.timer_cancel = mte_timer_cancel,
	.timer_cancel_sync = mte_timer_cancel_sync,
	.timer_pending = mte_timer_pending,
	.timer_destroy = mte_timer_destroy,

	.bdev_open = mte_bdev_open,
	.bdev_submit = mte_bdev_submit,
	.bdev_refresh = mte_bdev_refresh,
	.bdev_close = mte_bdev_close,

	.sock_open = mte_sock_open,
	.sock_bind = mte_sock_bind,
	.sock_listen = mte_sock_listen,
	.sock_connect = mte_sock_connect,
	.sock_accept = mte_sock_accept,
	.sock_sendmsg = mte_sock_sendmsg,
	.sock_recvmsg = mte_sock_recvmsg,
	.sock_shutdown = mte_sock_shutdown,
	.sock_setsockopt = mte_sock_setsockopt,
	.sock_getsockopt = mte_sock_getsockopt,
	.sock_getname = mte_sock_getname,
	.sock_error = mte_sock_error,
	.fd_close = mte_fd_close,

	.proc_run = mte_proc_run,
	.random_bytes = mte_random_bytes,

	.log_write = mte_log_write,
	.log_enabled = mte_log_enabled,
	.backtrace_log = mte_backtrace_log,
	.panic = mte_panic,

	.waker_create = mte_waker_create,
	.waker_destroy = mte_waker_destroy,
	.waker_kick = mte_waker_kick,
	.fd_wait = mte_fd_wait,
};

static bool mte_running;


const struct sys_service_ops *mte_ops(void)
{
	return &mte_vector;
}

int mte_init(const struct mte_options *opts)
{
	int rc;
	if (__atomic_exchange_n(&mte_running, true, __ATOMIC_ACQ_REL))
		return -EBUSY;
	if (sys) {
		rc = -EBUSY;
		goto fail;
	}
	rc = mte_log_setup(opts);
	if (rc)
		goto fail;
	mte_thread_setup();
	mte_thread_register();
	rc = mte_loops_start();
	if (rc)
		goto fail_log;
	rc = mte_bdev_start(opts);
	if (rc)
		goto fail_loops;
	rc = sys_service_install(&mte_vector);
	if (rc)
		goto fail_bdev;
	return 0;
fail_bdev:
	mte_bdev_stop();
fail_loops:
	mte_loops_stop();
fail_log:
	mte_thread_unregister();
	mte_log_teardown();
fail:
	__atomic_store_n(&mte_running, false, __ATOMIC_RELEASE);
	return rc;
}

uint64_t mte_shutdown(void)
{
	if (!__atomic_load_n(&mte_running, __ATOMIC_ACQUIRE))
		return 0;
	mte_rcu_barrier();
	mte_bdev_stop();
	mte_loops_stop();
	uint64_t live = mte_mem_report(SYS_LOG_ERR);
	sys_service_uninstall();
	mte_thread_unregister();
	mte_log_teardown();
	__atomic_store_n(&mte_running, false, __ATOMIC_RELEASE);
	return live;
}
