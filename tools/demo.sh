#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tools/demo.sh [BIN_DIR] - the two-node demo behind `make demo`.
#
# Two drbd-usermode daemons, alpha and beta, on this machine (127.0.0.1, two TCP ports), each
# with a 256 MiB backing file under a temporary directory, replicate resource r0 of
# docs/examples/demo.res (the @...@ placeholders filled in). The real drbdadm does create-md,
# up and `primary --force`; the initial sync is shown as it runs; an ext4 file system is made
# on alpha's DRBD device file and a file written into it with fuse2fs; the roles are switched
# and beta reads the file back. Everything runs as the invoking user (no root needed) and is
# torn down on exit or Ctrl-C.
#
# BIN_DIR: the build's bin/ (default: build/bin next to this script's repository).
# Environment: DEMO_PORT (alpha's port, beta uses the next; default 7788),
#              DEMO_SIZE_MB (backing file size, default 256), DEMO_KEEP=1 (keep the temp dir),
#              DEMO_NO_FUSE=1 (daemons without the FUSE mount: what the demo does without FUSE).
set -u

REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$REPO/build/bin}
BIN=$(cd "$BIN" 2>/dev/null && pwd) || { echo "demo: no build at ${1:-$REPO/build/bin} (run make)" >&2; exit 2; }
PORT_A=${DEMO_PORT:-7788}
PORT_B=$((PORT_A + 1))
SIZE_MB=${DEMO_SIZE_MB:-256}
TEMPLATE=$REPO/docs/examples/demo.res

T0=$(date +%s.%N)
say() { printf '\n\033[1m==> [%5.1fs] %s\033[0m\n' "$(echo "$(date +%s.%N) - $T0" | bc)" "$*"; }
info() { printf '    %s\n' "$*"; }
die() { printf '\ndemo: FAILED: %s\n' "$*" >&2; exit 1; }
# show CMD...: print the command as the user would type it, then run it
show() { printf '    $ %s\n' "$*"; "$@"; }

for f in "$BIN/drbd-usermode" "$BIN/drbd-um" "$TEMPLATE"; do
	[ -e "$f" ] || die "$f is missing (build first: make)"
done
command -v drbdadm >/dev/null || die "drbdadm not installed (Debian package drbd-utils; tools/install-deps)"
for p in $PORT_A $PORT_B; do
	if command -v ss >/dev/null && ss -Htln "sport = :$p" | grep -q .; then
		die "TCP port $p is in use; set DEMO_PORT to another port"
	fi
done

T=$(mktemp -d "${TMPDIR:-/tmp}/drbd-usermode-demo.XXXXXX") || die "mktemp"
FUSE2FS_PIDS=""
cleanup() {
	local rc=$? n pid m
	trap - EXIT INT TERM
	say "Teardown"
	for m in "$T"/fs-alpha "$T"/fs-beta; do
		grep -q " $m " /proc/self/mounts 2>/dev/null && fusermount3 -u -z "$m" 2>/dev/null
	done
	for pid in $FUSE2FS_PIDS; do kill "$pid" 2>/dev/null; done
	for n in alpha beta; do
		pid=$(cat "$T/$n/daemon.pid" 2>/dev/null) || continue
		[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && info "stopping $n (pid $pid): resources down, metadata flushed"
		[ -n "$pid" ] && timeout 30 tail --pid="$pid" -f /dev/null
	done
	if [ -n "${DEMO_KEEP:-}" ]; then
		info "kept $T (daemon logs in alpha/daemon.log, beta/daemon.log)"
	else
		rm -rf "$T"
		info "removed $T"
	fi
	exit $rc
}
trap cleanup EXIT
trap 'echo; echo "demo: interrupted"; exit 130' INT TERM

um() { # um NODE CMD...: CMD through drbd-um against NODE's daemon (drbdadm chatter dropped)
	local n=$1
	shift
	"$BIN/drbd-um" --run-dir "$T/$n" --node "$n" "$@" \
		2> >(grep -v -e '__DRBD_NODE__' -e 'PRETENDING that I am' -e '^$' >&2)
}
adm() { # adm NODE ARGS...: drbdadm on NODE, printed as the user would type it
	local n=$1
	shift
	printf '    %s$ drbd-um --run-dir %s --node %s drbdadm -c r0.res %s\n' "$n" "\$T/$n" "$n" "$*"
	um "$n" drbdadm -c "$T/r0.res" "$@" </dev/null
}
proc() { um "$1" cat /proc/drbd 2>/dev/null; }
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
mb_per_s() { echo "scale=1; $1 / ($3 - $2)" | bc; }
wait_mount() { timeout 20 bash -c "until grep -q ' $1 ' /proc/self/mounts; do sleep 0.1; done"; }

DEMO_START=$(now)
say "Setup in $T (user $(id -un))"
show truncate -s "${SIZE_MB}M" "$T/alpha.img" "$T/beta.img" || die "backing files"
sed -e "s|@ALPHA_DISK@|$T/alpha.img|" -e "s|@BETA_DISK@|$T/beta.img|" \
    -e "s|@ALPHA_PORT@|$PORT_A|" -e "s|@BETA_PORT@|$PORT_B|" "$TEMPLATE" >"$T/r0.res"
info "resource file (from docs/examples/demo.res):"
sed -n '/^resource/,$p' "$T/r0.res" | sed 's/^/      /'

say "Start two daemons: alpha (127.0.0.1:$PORT_A) and beta (127.0.0.1:$PORT_B)"
for n in alpha beta; do
	show "$BIN/drbd-usermode" --run-dir "$T/$n" --node "$n" ${DEMO_NO_FUSE:+--no-mount} ||
		die "daemon $n did not start"
done
FUSE_OK=1
if ! grep -q 'mounted' "$T/alpha/daemon.log" || grep -q 'without the FUSE mount' "$T/alpha/daemon.log"; then
	FUSE_OK=""
	echo
	why=$(grep -m1 -o 'without the FUSE mount.*' "$T/alpha/daemon.log")
	echo "    *** FUSE is not usable here: ${why:-no FUSE mount (DEMO_NO_FUSE, or built without libfuse3)}"
	echo "    *** (needs /dev/fuse readable and writable by $(id -un), and fusermount3)."
	echo "    *** The daemons replicate anyway, but there is no /dev/drbd0 file to put a file"
	echo "    *** system on: the demo shows the sync and the role switch and compares the"
	echo "    *** backing files instead."
fi

say "create-md and up on both nodes (the real drbdadm, through drbd-um and the shim)"
for n in alpha beta; do
	echo yes | adm "$n" create-md --force r0 2>&1 | grep -v -e 'initializing' -e 'Writing meta' -e '^$' ||
		true
	[ "${PIPESTATUS[1]}" = 0 ] || die "create-md on $n"
	adm "$n" up r0 || die "up on $n"
done
timeout 20 bash -c "until $(declare -f um proc); BIN='$BIN' T='$T'; proc alpha | grep -q cs:Connected; do sleep 0.2; done" ||
	die "the nodes did not connect: $(proc alpha)"
proc alpha | sed -n '3,4p' | sed 's/^/      /'

say "primary --force on alpha: the initial full sync starts"
SYNC_START=$(now)
adm alpha primary --force r0 || die "primary on alpha"
while :; do
	p=$(proc alpha)
	echo "$p" | sed -n '3p;5,6p' | sed 's/^/      /'
	echo "$p" | grep -q 'ds:UpToDate/UpToDate' && break
	sleep 1
done
SYNC_END=$(now)
SYNC_LINE=$(grep -m1 'Resync done' "$T/alpha/daemon.log" | sed 's/.*Resync done/Resync done/')
SYNC_KB=$(sed -n 's/.*Began resync as SyncSource (will sync \([0-9]*\) KB.*/\1/p' "$T/alpha/daemon.log" | head -n1)
SYNC_RATE=$(mb_per_s "$((SYNC_KB / 1024))" "$SYNC_START" "$SYNC_END")
info "alpha's kernel log: $SYNC_LINE"
adm beta status r0 2>/dev/null | sed "/^$/d"

FILE_OK=""
WRITE_RATE=""
if [ -n "$FUSE_OK" ]; then
	DEV_A=$T/alpha/mnt/dev/drbd0
	DEV_B=$T/beta/mnt/dev/drbd0
	say "Write throughput: 128 MiB with O_DIRECT to alpha's DRBD device (protocol C: each write is on both disks when it completes)"
	w0=$(now)
	show dd if=/dev/zero of="$DEV_A" bs=1M count=128 oflag=direct conv=notrunc status=none || die "dd"
	w1=$(now)
	WRITE_RATE=$(mb_per_s 128 "$w0" "$w1")
	info "$WRITE_RATE MB/s"

	say "An ext4 file system on alpha's /dev/drbd0 ($DEV_A), a file in it via fuse2fs"
	if ! command -v mkfs.ext4 >/dev/null || ! command -v fuse2fs >/dev/null; then
		info "mkfs.ext4 or fuse2fs missing (packages e2fsprogs, fuse2fs): writing a pattern with dd instead"
		head -c 8M /dev/urandom >"$T/pattern"
		show dd if="$T/pattern" of="$DEV_A" bs=1M oflag=direct conv=notrunc status=none || die "dd"
		SUM=$(sha256sum <"$T/pattern" | cut -d' ' -f1)
		MODE=pattern
	else
		show mkfs.ext4 -q -F -L demo "$DEV_A" || die "mkfs.ext4"
		mkdir -p "$T/fs-alpha" "$T/fs-beta"
		info "\$ fuse2fs $DEV_A $T/fs-alpha -o fakeroot"
		fuse2fs -f "$DEV_A" "$T/fs-alpha" -o fakeroot >"$T/fuse2fs-alpha.log" 2>&1 &
		FUSE2FS_PIDS="$FUSE2FS_PIDS $!"
		wait_mount "$T/fs-alpha" || die "fuse2fs did not mount: $(cat "$T/fuse2fs-alpha.log")"
		echo "Hello from alpha, replicated by DRBD $(date)" >"$T/fs-alpha/hello.txt"
		head -c 16M /dev/urandom >"$T/fs-alpha/random.bin"
		SUM=$(cd "$T/fs-alpha" && sha256sum hello.txt random.bin)
		echo "$SUM" | sed 's/^/      /'
		show fusermount3 -u "$T/fs-alpha"
		wait
		FUSE2FS_PIDS=""
		MODE=fs
	fi

	say "Switch roles: alpha secondary, beta primary"
	adm alpha secondary r0 || die "secondary on alpha"
	adm beta primary r0 || die "primary on beta"
	proc beta | sed -n '3p' | sed 's/^/      /'

	say "Read it back on beta ($DEV_B)"
	if [ "$MODE" = fs ]; then
		info "\$ fuse2fs $DEV_B $T/fs-beta -o fakeroot,ro"
		fuse2fs -f "$DEV_B" "$T/fs-beta" -o fakeroot,ro >"$T/fuse2fs-beta.log" 2>&1 &
		FUSE2FS_PIDS="$FUSE2FS_PIDS $!"
		wait_mount "$T/fs-beta" || die "fuse2fs did not mount on beta: $(cat "$T/fuse2fs-beta.log")"
		show cat "$T/fs-beta/hello.txt"
		SUM_B=$(cd "$T/fs-beta" && sha256sum hello.txt random.bin)
		echo "$SUM_B" | sed 's/^/      /'
		fusermount3 -u "$T/fs-beta"
		wait
		FUSE2FS_PIDS=""
	else
		SUM_B=$(dd if="$DEV_B" bs=1M count=8 iflag=direct status=none | sha256sum | cut -d' ' -f1)
	fi
	[ "$SUM" = "$SUM_B" ] || die "beta read different data"
	FILE_OK=1
	info "identical: beta has alpha's data"
else
	say "Switch roles: alpha secondary, beta primary"
	adm alpha secondary r0 || die "secondary on alpha"
	adm beta primary r0 || die "primary on beta"
	KB=$(sed -n 's/.*drbd0: size = .*(\([0-9]*\) KB).*/\1/p' "$T/alpha/daemon.log" | tail -n1)
	cmp -n $((KB * 1024)) "$T/alpha.img" "$T/beta.img" || die "the backing files differ"
	info "the data areas of alpha.img and beta.img ($KB KiB) are identical"
fi

DEMO_END=$(now)
say "Summary"
info "initial sync: $((SYNC_KB / 1024)) MiB in $(printf '%.1f' "$(elapsed "$SYNC_START" "$SYNC_END")") s = $SYNC_RATE MB/s (fixed resync-rate; DRBD: \"$SYNC_LINE\")"
if [ -n "$WRITE_RATE" ]; then
	info "write throughput, O_DIRECT 1 MiB writes, protocol C over loopback: $WRITE_RATE MB/s"
fi
if [ -n "$FILE_OK" ]; then
	info "file system made and written on alpha, read back intact on beta after the role switch"
else
	info "FUSE unusable: file system part skipped; backing files identical after the sync"
fi
info "whole demo: $(printf '%.0f' "$(elapsed "$DEMO_START" "$DEMO_END")") s; daemons and tools ran as $(id -un)$([ "$(id -u)" = 0 ] || echo ", without root")"
