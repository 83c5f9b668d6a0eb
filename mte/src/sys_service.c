// SPDX-License-Identifier: GPL-2.0
/* sys_service.c - the installed provider vector and its validation. */
#include "sys_service.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const struct sys_service_ops *sys;

/* Every op must be set: the pointer fields lie between `name` and the end of the struct. */
static int check_ops_complete(const struct sys_service_ops *ops)
{
	const char *start = (const char *)&ops->name + sizeof(ops->name);
	const char *end = (const char *)ops + sizeof(*ops);
	for (const char *p = start; p + sizeof(void (*)(void)) <= end; p += sizeof(void (*)(void))) {
		void (*fn)(void);
		memcpy(&fn, p, sizeof(fn));
		if (!fn) {
			fprintf(stderr, "sys_service: provider %s leaves op at offset %zu unset\n",
				ops->name ? ops->name : "?", (size_t)(p - (const char *)ops));
			return -EINVAL;
		}
	}
	return 0;
}

int sys_service_install(const struct sys_service_ops *ops)
{
	if (!ops)
		return -EINVAL;
	if (sys)
		return -EBUSY;
	if (ops->size < sizeof(struct sys_service_ops) || ops->version < SYS_SERVICE_VERSION) {
		fprintf(stderr,
			"sys_service: provider %s is too old (size %u, version %u; need %zu, %u)\n",
			ops->name ? ops->name : "?", ops->size, ops->version,
			sizeof(struct sys_service_ops), (unsigned)SYS_SERVICE_VERSION);
		return -EINVAL;
	}
	int rc = check_ops_complete(ops);
	if (rc)
		return rc;
	__atomic_store_n(&sys, ops, __ATOMIC_RELEASE);
	return 0;
}

void sys_service_uninstall(void)
{
	__atomic_store_n(&sys, NULL, __ATOMIC_RELEASE);
}

void sys_logf(enum sys_log_level level, const char *subsys, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (!sys || !sys->log_enabled(level, subsys))
		return;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	sys->log_write(level, subsys, buf, (size_t)n);
}
