// SPDX-License-Identifier: GPL-2.0
/* test_procfs.c - /proc registry and seq_file (umc/src/procfs.c, seq_file.c). */
#include "umc_test.h"

#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/fs.h>
#include <linux/stat.h>
#include <linux/slab.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <umc/procfs.h>

static int lines = 3;
static int show_calls;

/* like drbd_seq_show: a version line, then many lines with seq_printf/putc/puts */
static int big_show(struct seq_file *m, void *v)
{
	int i;

	(void)v;
	show_calls++;
	seq_printf(m, "version: %s (api:%d/proto:%d-%d)\n", "8.4.11", 1, 86, 101);
	for (i = 0; i < lines; i++) {
		seq_printf(m, "%2d: cs:%s ro:%s/%s", i, "Connected", "Primary", "Secondary");
		seq_puts(m, " ds:UpToDate/UpToDate");
		seq_putc(m, '\n');
	}
	return 0;
}

static int data_show(struct seq_file *m, void *v)
{
	(void)v;
	seq_printf(m, "data=%s\n", (const char *)m->private);
	return 0;
}

static int err_show(struct seq_file *m, void *v)
{
	(void)m;
	(void)v;
	return -EIO;
}

static void test_read_grows_beyond_a_page(void **state)
{
	struct proc_dir_entry *e;
	char *buf;
	size_t len;
	unsigned int mode;

	(void)state;
	e = proc_create_single("drbd", S_IFREG | 0444, NULL, big_show);
	assert_non_null(e);
	assert_null(proc_create_single("drbd", 0444, NULL, big_show));

	lines = 3;
	assert_int_equal(umc_proc_read("drbd", &buf, &len), 0);
	assert_int_equal(strncmp(buf, "version: 8.4.11 (api:1/proto:86-101)\n", 37), 0);
	assert_int_equal(strlen(buf), len);
	umc_proc_free(buf);

	/* 2000 lines of 58 bytes: ~116 KB, many pages; the show runs again on overflow */
	lines = 2000;
	show_calls = 0;
	assert_int_equal(umc_proc_read("/proc/drbd", &buf, &len), 0);
	assert_true(len > 100000);
	assert_int_equal(strlen(buf), len);
	assert_true(show_calls > 1);
	assert_non_null(strstr(buf, "1999: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate\n"));
	assert_int_equal(buf[len - 1], '\n');
	umc_proc_free(buf);

	assert_int_equal(umc_proc_stat("drbd", &mode), 0);
	assert_int_equal(mode, S_IFREG | 0444);
	remove_proc_entry("drbd", NULL);
	assert_int_equal(umc_proc_read("drbd", &buf, &len), -ENOENT);
}

static int count_entry(void *ctx, const char *name, unsigned int mode)
{
	(void)name;
	(void)mode;
	(*(int *)ctx)++;
	return 0;
}

static void test_dirs_data_errors(void **state)
{
	struct proc_dir_entry *dir;
	char *buf;
	size_t len;
	int n = 0;
	unsigned int mode;

	(void)state;
	dir = proc_mkdir("drbdtest", NULL);
	assert_non_null(dir);
	assert_non_null(proc_create_single_data("a", 0, dir, data_show, "alpha"));
	assert_non_null(proc_create_single_data("err", 0400, dir, err_show, NULL));
	assert_int_equal(umc_proc_read("drbdtest/a", &buf, &len), 0);
	assert_string_equal(buf, "data=alpha\n");
	umc_proc_free(buf);
	assert_int_equal(umc_proc_read("drbdtest/err", &buf, &len), -EIO);
	assert_int_equal(umc_proc_read("drbdtest", &buf, &len), -EISDIR);
	assert_int_equal(umc_proc_stat("/proc/drbdtest", &mode), 0);
	assert_true(S_ISDIR(mode));
	assert_int_equal(umc_proc_stat("drbdtest/a", &mode), 0);
	assert_int_equal(mode, S_IFREG | 0444);
	assert_int_equal(umc_proc_readdir("drbdtest", count_entry, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(umc_proc_readdir("drbdtest/a", count_entry, &n), -ENOTDIR);
	remove_proc_entry("a", dir);
	remove_proc_entry("err", dir);
	remove_proc_entry("drbdtest", NULL);
	assert_int_equal(umc_proc_stat("drbdtest", &mode), -ENOENT);
}

/* remove_proc_entry waits for a reader that is inside the show function */
static struct completion in_show, may_finish;

static int slow_show(struct seq_file *m, void *v)
{
	(void)v;
	complete(&in_show);
	wait_for_completion(&may_finish);
	seq_puts(m, "slow\n");
	return 0;
}

static int reader_fn(void *data)
{
	char *buf;
	size_t len;
	int ret = umc_proc_read("slow", &buf, &len);

	(void)data;
	if (!ret) {
		ret = strcmp(buf, "slow\n") ? -EINVAL : 0;
		umc_proc_free(buf);
	}
	return umc_test_idle_until_stop(ret);
}

static bool removed;

static int remover_fn(void *data)
{
	(void)data;
	remove_proc_entry("slow", NULL);
	WRITE_ONCE(removed, true);
	return umc_test_idle_until_stop(0);
}

static void test_remove_waits_for_reader(void **state)
{
	struct task_struct *reader, *remover;

	(void)state;
	init_completion(&in_show);
	init_completion(&may_finish);
	assert_non_null(proc_create_single("slow", 0444, NULL, slow_show));
	reader = kthread_run(reader_fn, NULL, "reader");
	wait_for_completion(&in_show);
	remover = kthread_run(remover_fn, NULL, "remover");
	umc_test_wait_asleep(remover);
	assert_false(READ_ONCE(removed));
	complete(&may_finish);
	assert_int_equal(kthread_stop(reader), 0);
	assert_int_equal(kthread_stop(remover), 0);
	assert_true(READ_ONCE(removed));
}

static void test_single_open_seq_read(void **state)
{
	struct file f = { 0 };
	struct inode ino = { 0 };
	char out[64];
	loff_t pos = 0;
	ssize_t n;

	(void)state;
	lines = 1;
	assert_int_equal(single_open(&f, big_show, NULL), 0);
	n = seq_read(&f, out, 10, &pos);
	assert_int_equal(n, 10);
	assert_int_equal(pos, 10);
	assert_memory_equal(out, "version: 8", 10);
	n = seq_read(&f, out, sizeof(out), &pos);
	assert_true(n > 0);
	assert_memory_equal(out, ".4.11", 5);
	while (n > 0)
		n = seq_read(&f, out, sizeof(out), &pos);
	assert_int_equal(n, 0);
	assert_int_equal(seq_lseek(&f, 3, 0), 3);
	assert_int_equal(seq_lseek(&f, 0, 2), -EINVAL);
	assert_int_equal(single_release(&ino, &f), 0);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_grows_beyond_a_page),
		cmocka_unit_test(test_dirs_data_errors),
		cmocka_unit_test(test_remove_waits_for_reader),
		cmocka_unit_test(test_single_open_seq_read),
	};
	return UMC_TEST_RUN(tests);
}
