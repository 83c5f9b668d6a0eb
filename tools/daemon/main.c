// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - drbd-usermode: one DRBD node as an unprivileged process.
 *
 *   drbd-usermode [--node NAME] [--run-dir DIR] [--foreground] [--param NAME=VALUE]...
 *                 [--log-level N] [--log SPEC] [--debug SPEC] [--no-helpers]
 *                 [--mount DIR | --no-mount] [--allow-other]
 *
 * Startup: lock the run directory (one daemon per run dir), start the mte provider and umc,
 * apply module parameters, run DRBD's module init, serve RUN_DIR/control.sock, mount the
 * devices, /proc and the module parameters with FUSE at RUN_DIR/mnt (fuse-frontend/; without
 * a usable /dev/fuse the daemon logs why and runs without the mount). Without
 * --foreground the daemon detaches and the starting command returns once the control socket
 * accepts connections (or with the reason it failed). SIGTERM/SIGINT: every resource is taken
 * down as `drbdadm down` would (metadata flushed), DRBD's module exit runs, exit status 0.
 */
#define _GNU_SOURCE
#include "daemon.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mte.h"
#include "sys_service.h"
#ifdef DRBDUM_HAVE_FUSE
#include "fuse_frontend.h"
#endif
#include "module.h"
#include "umc.h"

#define VERSION_STRING "drbd-usermode " DRBDUM_VERSION " (DRBD 8.4.11, api:1/proto:86-101)"

static void usage(FILE *f)
{
	fputs("usage: drbd-usermode [options]\n"
	      "  --node NAME         drbd.conf host name this daemon serves\n"
	      "  --run-dir DIR       control socket, pid, locks, log (default:\n"
	      "                      $XDG_RUNTIME_DIR/drbd-usermode or /tmp/drbd-usermode-$UID)\n"
	      "  --foreground        do not detach; log to stderr\n"
	      "  --param NAME=VALUE  set a DRBD module parameter (repeatable)\n"
	      "  --log-level N       default log level 0..7 (default 6, info)\n"
	      "  --log SPEC          per-subsystem levels, e.g. drbd=7,umc.sock=7\n"
	      "  --debug SPEC        enable pr_debug output of modules, e.g. drbd\n"
	      "  --no-helpers        do not run DRBD's usermode helper (drbdadm handlers)\n"
	      "  --mount DIR         FUSE mount of dev/drbdN, proc/drbd, sys/module/drbd/\n"
	      "                      (default: RUN_DIR/mnt)\n"
	      "  --no-mount          no FUSE mount\n"
	      "  --allow-other       let other users (and root) into the mount (-o allow_other;\n"
	      "                      users need user_allow_other in /etc/fuse.conf)\n"
	      "  --version, --help\n",
	      f);
}

static char *default_run_dir(void)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	char *p = NULL;

	if (xdg && *xdg) {
		if (asprintf(&p, "%s/drbd-usermode", xdg) < 0)
			return NULL;
	} else if (asprintf(&p, "/tmp/drbd-usermode-%u", (unsigned)getuid()) < 0) {
		return NULL;
	}
	return p;
}

static int parse_args(int argc, char **argv, struct daemon_config *cfg)
{
	static const struct option opts[] = {
		{ "node", required_argument, NULL, 'n' },
		{ "run-dir", required_argument, NULL, 'r' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "param", required_argument, NULL, 'p' },
		{ "log-level", required_argument, NULL, 'l' },
		{ "log", required_argument, NULL, 'L' },
		{ "debug", required_argument, NULL, 'd' },
		{ "no-helpers", no_argument, NULL, 'H' },
		{ "mount", required_argument, NULL, 'm' },
		{ "no-mount", no_argument, NULL, 'M' },
		{ "allow-other", no_argument, NULL, 'A' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *run_dir = NULL;
	bool no_mount = false;
	int c;

	cfg->log_level = SYS_LOG_INFO;
	cfg->helpers = true;
	cfg->params = calloc((size_t)argc + 1, sizeof(char *));
	if (!cfg->params)
		return -1;
	while ((c = getopt_long(argc, argv, "fhV", opts, NULL)) != -1) {
		switch (c) {
		case 'n': cfg->node = optarg; break;
		case 'r': run_dir = optarg; break;
		case 'f': cfg->foreground = true; break;
		case 'p':
			if (!strchr(optarg, '=')) {
				fprintf(stderr, "drbd-usermode: --param wants NAME=VALUE, got '%s'\n",
					optarg);
				return -1;
			}
			cfg->params[cfg->nparams++] = optarg;
			break;
		case 'l': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*end || v < 0 || v > 7) {
				fprintf(stderr, "drbd-usermode: --log-level wants 0..7\n");
				return -1;
			}
			cfg->log_level = (int)v;
			break;
		}
		case 'L': cfg->log_levels = optarg; break;
		case 'd': cfg->debug = optarg; break;
		case 'H': cfg->helpers = false; break;
		case 'm': cfg->mount_dir = optarg; break;
		case 'M': no_mount = true; break;
		case 'A': cfg->allow_other = true; break;
		case 'V': puts(VERSION_STRING); exit(0);
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "drbd-usermode: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	cfg->run_dir = run_dir ? strdup(run_dir) : default_run_dir();
	if (!cfg->run_dir)
		return -1;
	if (no_mount) {
		cfg->mount_dir = NULL;
	} else if (!cfg->mount_dir) {
		if (asprintf(&cfg->mount_dir_buf, "%s/mnt", cfg->run_dir) < 0)
			return -1;
		cfg->mount_dir = cfg->mount_dir_buf;
	}
	return 0;
}

/* The FUSE mount: optional, the daemon serves the control socket without it. */
static void start_mount(const struct daemon_config *cfg)
{
#ifdef DRBDUM_HAVE_FUSE
	struct fuse_frontend_opts o = { .mountpoint = cfg->mount_dir,
					.allow_other = cfg->allow_other };
	int rc;

	if (!cfg->mount_dir)
		return;
	rc = fuse_frontend_start(&o);
	if (rc)
		sys_logf(SYS_LOG_WARNING, DAEMON_LOG,
			 "running without the FUSE mount at %s: %s", cfg->mount_dir, strerror(-rc));
#else
	if (cfg->mount_dir)
		sys_logf(SYS_LOG_WARNING, DAEMON_LOG,
			 "built without libfuse3: no mount at %s", cfg->mount_dir);
#endif
}

static void stop_mount(void)
{
#ifdef DRBDUM_HAVE_FUSE
	fuse_frontend_stop();
#endif
}

/* mkdir -p for the run dir and its lock/ subdirectory, private to the user. */
static int make_dirs(const char *dir)
{
	char path[PATH_MAX];
	int rc = mte_mkdir_p(dir, 0700);

	if (rc)
		return rc;
	if (snprintf(path, sizeof(path), "%s/lock", dir) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

/* Take RUN_DIR/daemon.pid with flock: refuse a run dir another daemon holds. */
static int lock_run_dir(const char *dir)
{
	char path[PATH_MAX], buf[32];
	int fd, n;

	snprintf(path, sizeof(path), "%s/daemon.pid", dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "drbd-usermode: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		n = (int)read(fd, buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = 0;
		buf[strcspn(buf, "\n")] = 0;
		fprintf(stderr, "drbd-usermode: run directory %s is held by another daemon (pid %s)\n",
			dir, *buf ? buf : "?");
		close(fd);
		return -1;
	}
	return fd;
}

static void write_pid(int fd)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());

	if (ftruncate(fd, 0) == 0)
		(void)!pwrite(fd, buf, (size_t)n, 0);
}

/*
 * DRBD runs its handlers through the module parameter usermode_helper (default
 * /sbin/drbdadm). Against this daemon, drbdadm must run through the shim with the daemon's run
 * dir, node name and the configuration file drbd-um last saw (RUN_DIR/drbd.conf.path), so
 * the default helper becomes RUN_DIR/usermode-helper, a script written here.
 */
static int write_helper(const struct daemon_config *cfg, char *out, size_t outlen)
{
	char self[PATH_MAX], path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;
	FILE *f;

	if (n <= 0)
		return -errno;
	self[n] = 0;
	slash = strrchr(self, '/');
	if (!slash)
		return -EINVAL;
	*slash = 0;
	snprintf(path, sizeof(path), "%s/usermode-helper", cfg->run_dir);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f,
		"#!/bin/sh\n"
		"# Written by drbd-usermode at startup: DRBD's usermode helper for this daemon.\n"
		"run_dir='%s'\nnode='%s'\n"
		"cfg=''\n"
		"[ -r \"$run_dir/drbd.conf.path\" ] && cfg=$(cat \"$run_dir/drbd.conf.path\")\n"
		"exec '%s/drbd-um' --run-dir \"$run_dir\" ${node:+--node \"$node\"} "
		"drbdadm ${cfg:+-c \"$cfg\"} \"$@\"\n",
		cfg->run_dir, cfg->node ? cfg->node : "", self);
	if (fclose(f) || chmod(path, 0700))
		return -errno;
	snprintf(out, outlen, "%s", path);
	return 0;
}

/* Detach: the parent waits on a pipe for the child's readiness byte (or its error text). */
static int daemonize(int *ready_fd)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0) {
		char msg[512];
		ssize_t n;

		close(p[1]);
		n = read(p[0], msg, sizeof(msg) - 1);
		if (n == 1 && msg[0] == 'R')
			exit(0);
		if (n > 0) {
			msg[n] = 0;
			fprintf(stderr, "drbd-usermode: %s\n", msg);
		} else {
			fprintf(stderr, "drbd-usermode: daemon exited during startup (see its log)\n");
		}
		exit(1);
	}
	close(p[0]);
	if (setsid() < 0)
		return -1;
	*ready_fd = p[1];
	return 0;
}

static void report_startup_error(int ready_fd, const char *msg)
{
	fprintf(stderr, "drbd-usermode: %s\n", msg);
	if (ready_fd >= 0)
		(void)!write(ready_fd, msg, strlen(msg));
}

static int redirect_output(const char *dir)
{
	char path[PATH_MAX];
	int fd, nul;

	snprintf(path, sizeof(path), "%s/daemon.log", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	nul = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || nul < 0)
		return -1;
	dup2(nul, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
	close(nul);
	return 0;
}

int main(int argc, char **argv)
{
	struct daemon_config cfg = { 0 };
	struct mte_options mopts = { 0 };
	sigset_t sigs;
	int lock_fd, ready_fd = -1, rc, sig;
	char msg[512];

	if (parse_args(argc, argv, &cfg))
		return 2;
	rc = make_dirs(cfg.run_dir);
	if (rc) {
		fprintf(stderr, "drbd-usermode: cannot create run directory %s: %s\n", cfg.run_dir,
			strerror(-rc));
		return 1;
	}
	lock_fd = lock_run_dir(cfg.run_dir);
	if (lock_fd < 0)
		return 1;
	if (!cfg.foreground) {
		if (daemonize(&ready_fd) || redirect_output(cfg.run_dir)) {
			perror("drbd-usermode: detach");
			return 1;
		}
	}
	write_pid(lock_fd);

	/* Signals are taken synchronously by the main thread; every other thread blocks them. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	mopts.log_level = cfg.log_level;
	mopts.log_levels = cfg.log_levels;
	rc = mte_init(&mopts);
	if (rc) {
		snprintf(msg, sizeof(msg), "event engine failed to start: %s", strerror(-rc));
		report_startup_error(ready_fd, msg);
		return 1;
	}
	rc = umc_init();
	if (rc) {
		snprintf(msg, sizeof(msg), "kernel emulation failed to start: %s", strerror(-rc));
		report_startup_error(ready_fd, msg);
		mte_shutdown();
		return 1;
	}
	if (cfg.debug)
		umc_debug_set(cfg.debug);
	umc_usermodehelper_set_enabled(cfg.helpers);
	{
		char helper[PATH_MAX];

		rc = write_helper(&cfg, helper, sizeof(helper));
		if (!rc)
			rc = umc_param_set("usermode_helper", helper);
		if (rc)
			sys_logf(SYS_LOG_WARNING, DAEMON_LOG,
				 "usermode helper script not installed (%s); handlers run %s",
				 strerror(-rc), "/sbin/drbdadm");
	}
	for (int i = 0; i < cfg.nparams; i++) {
		char *eq = strchr(cfg.params[i], '=');

		*eq = 0;
		rc = umc_param_set(cfg.params[i], eq + 1);
		if (rc) {
			snprintf(msg, sizeof(msg), "module parameter %s=%s: %s", cfg.params[i], eq + 1,
				 strerror(-rc));
			report_startup_error(ready_fd, msg);
			umc_exit();
			mte_shutdown();
			return 1;
		}
		*eq = '=';
	}
	rc = umc_module_init_all();
	if (rc) {
		snprintf(msg, sizeof(msg), "DRBD module init failed: %s", strerror(-rc));
		report_startup_error(ready_fd, msg);
		umc_exit();
		mte_shutdown();
		return 1;
	}
	rc = control_server_start(cfg.run_dir, getuid());
	if (rc) {
		snprintf(msg, sizeof(msg), "control socket in %s: %s", cfg.run_dir, strerror(-rc));
		report_startup_error(ready_fd, msg);
		umc_module_exit_all();
		umc_exit();
		mte_shutdown();
		return 1;
	}
	start_mount(&cfg);
	sys_logf(SYS_LOG_NOTICE, DAEMON_LOG, "%s serving node %s in %s", VERSION_STRING,
		 cfg.node ? cfg.node : "(any)", cfg.run_dir);
	if (ready_fd >= 0) {
		(void)!write(ready_fd, "R", 1);
		close(ready_fd);
	}

	do {
		sig = sigwaitinfo(&sigs, NULL);
	} while (sig == SIGHUP || (sig < 0 && errno == EINTR));

	sys_logf(SYS_LOG_NOTICE, DAEMON_LOG, "signal %d: taking all resources down", sig);
	stop_mount(); /* first: closes the disks the mount held open (DRBD's open count) */
	control_server_stop();
	rc = internal_down_all();
	/* the resources' threads drop their module references as they finish exiting */
	if (umc_module_wait_unused(10000))
		sys_logf(SYS_LOG_ERR, DAEMON_LOG, "shutdown: DRBD threads did not exit within 10 s");
	if (umc_module_exit_all())
		sys_logf(SYS_LOG_ERR, DAEMON_LOG, "shutdown: DRBD module exit refused (in use)");
	umc_exit();
	uint64_t leaked = mte_shutdown();
	if (leaked)
		fprintf(stderr, "drbd-usermode: %llu bytes still allocated at exit\n",
			(unsigned long long)leaked);
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/daemon.pid", cfg.run_dir);
	unlink(path);
	close(lock_fd);
	free(cfg.params);
	free(cfg.mount_dir_buf);
	free(cfg.run_dir);
	return rc ? 1 : 0;
}
