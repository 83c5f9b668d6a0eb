#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run-standalone.sh - fio through a drbd-usermode device file, standalone (no peer), beside
# the two baselines, in one run: (a) the raw backing file with O_DIRECT, (b) the no-op FUSE
# file server bench-fuse-noop (the front end's FUSE options and request loop; the ceiling of
# any FUSE design), (c) MNT/dev/drbd0 of the daemon (create-md, up, primary --force through
# drbd-um). Prints one table with ratios. Not part of `make check`; no pass/fail.
#
#   bench/run-standalone.sh [--build DIR] [--dir DIR] [--size MB] [--runtime S] [--bounce]
#     --build DIR    build tree with bin/ (default: build)
#     --dir DIR      where the backing files go (default /tmp; /dev/shm for tmpfs)
#     --size MB      size of each backing file (default 1024)
#     --runtime S    seconds per fio job (default 10)
#     --bounce       also measure the device file with copied request data
#                    (DRBDUM_FUSE_BOUNCE=1: receive buffers outside umc's page arena)
#
# Workloads: seq write 1 MiB depth 8, rand write 4 KiB depth 1 and 32, rand read 4 KiB
# depth 32 (libaio, direct=1). What cannot run (daemon not built, no /dev/fuse, drbd-utils
# missing) is reported and left out of the table.
set -u

BUILD=build
DIR=/tmp
SIZE=1024
RUNTIME=10
BOUNCE=0
while [ $# -gt 0 ]; do
	case $1 in
	--build) BUILD=$2; shift 2 ;;
	--dir) DIR=$2; shift 2 ;;
	--size) SIZE=$2; shift 2 ;;
	--runtime) RUNTIME=$2; shift 2 ;;
	--bounce) BOUNCE=1; shift ;;
	*) echo "usage: $0 [--build DIR] [--dir DIR] [--size MB] [--runtime S] [--bounce]" >&2; exit 2 ;;
	esac
done
BIN=$(cd "$BUILD/bin" 2>/dev/null && pwd) || { echo "no $BUILD/bin: build first" >&2; exit 2; }
for c in fio python3; do
	command -v $c >/dev/null || { echo "$c is not installed" >&2; exit 2; }
done

W=$(mktemp -d "$DIR/drbdum-bench.XXXXXX")
T=$(mktemp -d /tmp/drbdum-bench-run.XXXXXX)
NOOP_PID=""
RUN=$T/run
cleanup() {
	[ -n "$NOOP_PID" ] && kill "$NOOP_PID" 2>/dev/null && wait "$NOOP_PID" 2>/dev/null
	if [ -f "$RUN/daemon.pid" ]; then
		pid=$(cat "$RUN/daemon.pid")
		kill "$pid" 2>/dev/null && timeout 60 tail --pid="$pid" -f /dev/null
	fi
	for m in "$T/noop" "$RUN/mnt"; do
		grep -q " $m " /proc/self/mounts && fusermount3 -u -z "$m"
	done
	rm -rf "$W" "$T"
}
trap cleanup EXIT

note() { echo "# $*"; }
fstype=$(stat -f -c %T "$DIR")
note "backing files in $DIR ($fstype), ${SIZE} MiB each, ${RUNTIME} s per job, load: $(cut -d' ' -f1-3 /proc/loadavg)"

prealloc() {
	fallocate -l "${SIZE}M" "$1" 2>/dev/null || dd if=/dev/zero of="$1" bs=1M count="$SIZE" status=none
}
supports_direct() {
	dd if=/dev/zero of="$1" bs=4k count=1 oflag=direct conv=notrunc status=none 2>/dev/null
}

# ---- targets -------------------------------------------------------------------------------
declare -A TARGET
NAMES=(raw)
prealloc "$W/raw.img"
TARGET[raw]=$W/raw.img
DIRECT_RAW=1
supports_direct "$W/raw.img" || { DIRECT_RAW=0; note "raw: $fstype refuses O_DIRECT, fio runs buffered there"; }

if [ ! -x "$BIN/bench-fuse-noop" ]; then
	note "no-op FUSE: bench-fuse-noop not built (needs libfuse3)"
elif [ ! -e /dev/fuse ]; then
	note "no-op FUSE: no /dev/fuse"
else
	prealloc "$W/noop.img"
	mkdir -p "$T/noop"
	direct=""
	supports_direct "$W/noop.img" && direct=--direct
	"$BIN/bench-fuse-noop" $direct --backing "$W/noop.img" "$T/noop" 2>"$T/noop.log" &
	NOOP_PID=$!
	if timeout 10 bash -c "until grep -q ' $T/noop ' /proc/self/mounts; do sleep 0.1; done"; then
		NAMES+=(noop)
		TARGET[noop]=$T/noop/data
	else
		note "no-op FUSE: mount failed: $(cat "$T/noop.log")"
	fi
fi

start_drbd() {
	local um="$BIN/drbd-um --run-dir $RUN --node bench"
	prealloc "$W/drbd.img"
	cat > "$T/r0.res" <<EOC
resource r0 {
  protocol C;
  on bench { device /dev/drbd0 minor 0; disk $W/drbd.img; address 127.0.0.1:7789; meta-disk internal; }
  on peer { device /dev/drbd0 minor 0; disk /nonexistent; address 127.0.0.1:7790; meta-disk internal; }
}
EOC
	"$BIN/drbd-usermode" --run-dir "$RUN" --node bench --no-helpers || return 1
	[ -d "$RUN/mnt/dev" ] || { note "drbd-usermode: running, but without the FUSE mount (see $RUN/daemon.log)"; return 1; }
	yes yes | $um drbdadm -c "$T/r0.res" create-md --force r0 >"$T/drbd.log" 2>&1 &&
		$um drbdadm -c "$T/r0.res" up r0 >>"$T/drbd.log" 2>&1 &&
		$um drbdadm -c "$T/r0.res" primary --force r0 >>"$T/drbd.log" 2>&1 ||
		{ note "drbd-usermode: drbdadm failed: $(grep -v 'PRETEND\|__DRBD_NODE__' "$T/drbd.log" | tail -3)"; return 1; }
	[ -f "$RUN/mnt/dev/drbd0" ]
}
stop_drbd() {
	local pid
	pid=$(cat "$RUN/daemon.pid" 2>/dev/null) || return 0
	kill "$pid" && timeout 60 tail --pid="$pid" -f /dev/null
}

if [ ! -x "$BIN/drbd-usermode" ]; then
	note "drbd-usermode: the daemon is not built yet (DRBD does not link)"
elif [ ! -x /usr/lib/drbd/drbdsetup-84 ] || ! command -v drbdadm >/dev/null; then
	note "drbd-usermode: drbd-utils (drbdadm, drbdsetup-84) not installed"
elif start_drbd; then
	NAMES+=(drbd)
	TARGET[drbd]=$RUN/mnt/dev/drbd0
	note "drbd-usermode: r0 Primary, standalone (no peer)"
fi

# ---- workloads -----------------------------------------------------------------------------
JOBS=("seqwrite-1M-qd8:write:1M:8" "randwrite-4k-qd1:randwrite:4k:1"
      "randwrite-4k-qd32:randwrite:4k:32" "randread-4k-qd32:randread:4k:32")
declare -A RES

run_fio() { # target-name job-spec -> "MB/s IOPS lat_us"
	local name=$1 spec=$2 jn rw bs qd direct=1
	IFS=: read -r jn rw bs qd <<<"$spec"
	[ "$name" = raw ] && direct=$DIRECT_RAW
	fio --name="$jn" --filename="${TARGET[$name]}" --rw="$rw" --bs="$bs" --iodepth="$qd" \
		--ioengine=libaio --direct=$direct --size="$((SIZE * 3 / 4))M" --runtime="$RUNTIME" \
		--time_based --ramp_time=1 --output-format=json >"$T/fio.json" 2>"$T/fio.err" ||
		{ echo "- - -"; return; }
	python3 - "$T/fio.json" "$rw" <<'EOP'
import json, sys
j = json.load(open(sys.argv[1]))['jobs'][0]
r = j['read'] if sys.argv[2].endswith('read') else j['write']
print('%.1f %d %.1f' % (r['bw_bytes'] / 1e6, r['iops'], r['lat_ns']['mean'] / 1000))
EOP
}

measure() { # column-name target-name
	for spec in "${JOBS[@]}"; do
		RES[$1,${spec%%:*}]=$(run_fio "$2" "$spec")
	done
}

for name in "${NAMES[@]}"; do
	measure "$name" "$name"
done
COLS=("${NAMES[@]}")
if [ "$BOUNCE" = 1 ] && [[ " ${NAMES[*]} " == *" drbd "* ]]; then
	stop_drbd
	rm -f "$RUN/daemon.pid"
	export DRBDUM_FUSE_BOUNCE=1
	if "$BIN/drbd-usermode" --run-dir "$RUN" --node bench --no-helpers &&
	   "$BIN/drbd-um" --run-dir "$RUN" --node bench drbdadm -c "$T/r0.res" up r0 >>"$T/drbd.log" 2>&1 &&
	   "$BIN/drbd-um" --run-dir "$RUN" --node bench drbdadm -c "$T/r0.res" primary r0 >>"$T/drbd.log" 2>&1; then
		measure drbd-bounce drbd
		COLS+=(drbd-bounce)
	else
		note "drbd-bounce: restart failed"
	fi
	unset DRBDUM_FUSE_BOUNCE
fi

# ---- table ---------------------------------------------------------------------------------
ratio() { python3 -c "import sys; a,b=sys.argv[1],sys.argv[2]; print('%.2f' % (float(a)/float(b)) if a not in ('-','') and b not in ('-','','0','0.0') else '-')" "$1" "$2"; }
printf '\n%-20s' workload
for c in "${COLS[@]}"; do printf ' %22s' "$c MB/s|IOPS|us"; done
for c in "${COLS[@]:1}"; do printf ' %9s' "$c/raw"; done
[[ " ${COLS[*]} " == *" noop "* ]] && for c in "${COLS[@]:2}"; do printf ' %10s' "$c/noop"; done
echo
for spec in "${JOBS[@]}"; do
	j=${spec%%:*}
	printf '%-20s' "$j"
	for c in "${COLS[@]}"; do
		read -r bw iops lat <<<"${RES[$c,$j]}"
		printf ' %8s|%6s|%6s' "$bw" "$iops" "$lat"
	done
	read -r rawbw rawiops _ <<<"${RES[raw,$j]}"
	for c in "${COLS[@]:1}"; do
		read -r bw iops _ <<<"${RES[$c,$j]}"
		printf ' %9s' "$(ratio "$iops" "$rawiops")"
	done
	if [[ " ${COLS[*]} " == *" noop "* ]]; then
		read -r _ noopiops _ <<<"${RES[noop,$j]}"
		for c in "${COLS[@]:2}"; do
			read -r bw iops _ <<<"${RES[$c,$j]}"
			printf ' %10s' "$(ratio "$iops" "$noopiops")"
		done
	fi
	echo
done
echo "# ratios are of IOPS (= of MB/s for a fixed block size)"
