#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench/ab-twonode.sh - A/B comparison of two build trees on the protocol C pair, in one run.
#
#   bench/ab-twonode.sh BUILD_A BUILD_B [--out FILE]
#
# Starts one two-node protocol C pair per build tree (backing files in AB_DIR, default
# /dev/shm; the initial sync is skipped with new-current-uuid --clear-bitmap), plus the no-op
# FUSE server of BUILD_A, then runs the workloads below AB_REPS times, alternating A and B
# inside every repetition so that both see the same machine load. Afterwards one extra pass per
# build counts the daemons' syscalls with `perf stat` (tracepoints raw_syscalls:sys_enter,
# sendmsg, recvmsg, epoll_wait, futex) and divides them by the MiB written.
# Prints a Markdown table of medians (min-max) and ratios; nothing is asserted.
#
# Environment: AB_REPS (3), AB_RUNTIME (5 s per fio job, +1 s ramp), AB_SIZE_MB (512),
# AB_DIR (/dev/shm), AB_PORT (7880: uses AB_PORT..AB_PORT+3), AB_SYSCALLS (the syscalls counted
# one by one besides the total, default "sendmsg recvmsg epoll_wait futex"), AB_LAT=1 (add
# randwrite-4k-qd1 and synclat-4k), AB_ONLY (regex: run only the jobs whose name matches),
# AB_ARGS_A / AB_ARGS_B (extra daemon options of side A / B, e.g.
# "--param umc.sock_direct_wait=0": an A/B of one build tree given twice).
set -u

REPO=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 2 ] || { echo "usage: $0 BUILD_A BUILD_B [--out FILE]" >&2; exit 2; }
BA=$(cd "$1/bin" && pwd) || exit 2
BB=$(cd "$2/bin" && pwd) || exit 2
OUTF=/dev/null
[ "${3:-}" = --out ] && OUTF=$4
REPS=${AB_REPS:-3}
RUNTIME=${AB_RUNTIME:-5}
SIZE=${AB_SIZE_MB:-512}
DIR=${AB_DIR:-/dev/shm}
PORT=${AB_PORT:-7880}
T=$(mktemp -d /tmp/drbdum-ab.XXXXXX)
W=$(mktemp -d "$DIR/drbdum-ab.XXXXXX")
NOOP_PID=""

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# name:rw:bs:iodepth:extra fio options (AB_LAT=1 adds the qd1 and O_DSYNC latency jobs)
JOBS=("seqwrite-1M-qd8:write:1M:8:" "randwrite-4k-qd32:randwrite:4k:32:")
[ -n "${AB_LAT:-}" ] && JOBS+=("randwrite-4k-qd1:randwrite:4k:1:" "synclat-4k:randwrite:4k:1:--sync=dsync --ioengine=psync")
if [ -n "${AB_ONLY:-}" ]; then # AB_ONLY=REGEX: only the jobs whose name matches
	for i in "${!JOBS[@]}"; do [[ ${JOBS[$i]%%:*} =~ $AB_ONLY ]] || unset "JOBS[$i]"; done
	JOBS=("${JOBS[@]}")
fi

cleanup() {
	local d pid
	trap - EXIT INT TERM
	[ -n "$NOOP_PID" ] && kill "$NOOP_PID" 2>/dev/null && wait "$NOOP_PID" 2>/dev/null
	grep -q " $T/noop " /proc/self/mounts && fusermount3 -u -z "$T/noop"
	for d in "$T"/*/*/; do
		pid=$(cat "$d/daemon.pid" 2>/dev/null) || continue
		kill "$pid" 2>/dev/null && timeout 60 tail --pid="$pid" -f /dev/null
		grep -q " ${d%/}/mnt " /proc/self/mounts && fusermount3 -u -z "${d%/}/mnt"
	done
	rm -rf "$W" "$T"
}
trap cleanup EXIT
trap 'log interrupted; exit 130' INT TERM

# pair_up TAG BIN PORT: two daemons alpha/beta in $T/TAG, connected, alpha Primary UpToDate
pair_up() {
	local tag=$1 bin=$2 port=$3 n
	mkdir -p "$T/$tag"
	cat >"$T/$tag/r0.res" <<EOF
resource r0 {
  protocol C;
  on alpha { device /dev/drbd0 minor 0; disk $W/$tag-alpha.img; address 127.0.0.1:$port; meta-disk internal; }
  on beta { device /dev/drbd0 minor 0; disk $W/$tag-beta.img; address 127.0.0.1:$((port + 1)); meta-disk internal; }
}
EOF
	for n in alpha beta; do
		fallocate -l "${SIZE}M" "$W/$tag-$n.img" || return 1
		mkdir -p "$T/$tag/$n"
		local extra=${AB_ARGS_A:-}
		[ "$tag" = B ] && extra=${AB_ARGS_B:-}
		# shellcheck disable=SC2086 # word splitting of the extra options is intended
		"$bin/drbd-usermode" --run-dir "$T/$tag/$n" --node "$n" $extra || return 1
		echo yes | um "$tag" "$n" create-md --force r0 >/dev/null 2>&1 || return 1
		um "$tag" "$n" up r0 </dev/null || return 1
	done
	wait_for "$tag" "cs:Connected" || return 1
	um "$tag" alpha -- --clear-bitmap new-current-uuid r0 </dev/null || return 1
	um "$tag" alpha primary r0 </dev/null || return 1
	wait_for "$tag" "ro:Primary/Secondary ds:UpToDate/UpToDate"
}
um() { # um TAG NODE DRBDADM-ARGS...
	local tag=$1 n=$2 bin
	shift 2
	bin=$BA
	[ "$tag" = B ] && bin=$BB
	timeout 120 "$bin/drbd-um" --run-dir "$T/$tag/$n" --node "$n" drbdadm -c "$T/$tag/r0.res" "$@" \
		>>"$T/adm.log" 2>&1
}
wait_for() { # wait_for TAG REGEX: alpha's /proc/drbd matches within 60 s
	local end=$((SECONDS + 60))
	until grep -Eq -- "$2" "$T/$1/alpha/mnt/proc/drbd" 2>/dev/null; do
		[ $SECONDS -lt $end ] || { log "$1: no '$2': $(sed -n 3p "$T/$1/alpha/mnt/proc/drbd")"; return 1; }
		sleep 0.1
	done
}
pids() { echo "$(cat "$T/$1/alpha/daemon.pid"),$(cat "$T/$1/beta/daemon.pid")"; }

# run_fio FILE SPEC: prints "value MiB-written" (MB/s for bs=1M, p50 completion latency in
# µs for synclat jobs, IOPS otherwise)
run_fio() {
	local jn rw bs qd extra
	IFS=: read -r jn rw bs qd extra <<<"$2"
	# shellcheck disable=SC2086
	fio --name="$jn" --filename="$1" --rw="$rw" --bs="$bs" --iodepth="$qd" --ioengine=libaio \
		--direct=1 --size=$((SIZE * 3 / 4))M --runtime="$RUNTIME" --time_based --ramp_time=1 \
		--randrepeat=0 --output-format=json $extra >"$T/fio.json" 2>"$T/fio.err" ||
		{ echo "- 0"; return; }
	python3 - "$T/fio.json" "$bs" "$jn" <<'EOF'
import json, sys
w = json.load(open(sys.argv[1]))["jobs"][0]["write"]
if sys.argv[3].startswith("synclat"):
    v = w["clat_ns"]["percentile"]["50.000000"] / 1000
elif sys.argv[2] == "1M":
    v = w["bw_bytes"] / 1e6
else:
    v = w["iops"]
print("%.1f %.1f" % (v, w["io_bytes"] / 1048576))
EOF
}

pair_up A "$BA" "$PORT" || { log "pair A failed: $(tail -n 5 "$T/adm.log")"; exit 1; }
pair_up B "$BB" $((PORT + 2)) || { log "pair B failed: $(tail -n 5 "$T/adm.log")"; exit 1; }
fallocate -l "${SIZE}M" "$W/noop.img"
mkdir -p "$T/noop"
"$BA/bench-fuse-noop" --direct --backing "$W/noop.img" "$T/noop" 2>"$T/noop.log" &
NOOP_PID=$!
timeout 10 bash -c "until grep -q ' $T/noop ' /proc/self/mounts; do sleep 0.1; done" || exit 1

: >"$T/res"
: >"$T/sys"
for rep in $(seq 1 "$REPS"); do
	for spec in "${JOBS[@]}"; do
		for cfg in noop A B; do
			f=$T/$cfg/alpha/mnt/dev/drbd0
			[ $cfg = noop ] && f=$T/noop/data
			read -r v mib < <(run_fio "$f" "$spec")
			echo "${spec%%:*} $cfg $v" >>"$T/res"
			log "#$rep ${spec%%:*} $cfg: $v"
		done
	done
done

# syscall counts per MiB written, one extra pass per build
EV=raw_syscalls:sys_enter
for s in ${AB_SYSCALLS:-sendmsg recvmsg epoll_wait futex}; do EV=$EV,syscalls:sys_enter_$s; done
for spec in "${JOBS[@]}"; do
	case $spec in synclat*) continue ;; esac
	for cfg in A B; do
		perf stat -x, -e "$EV" -p "$(pids $cfg)" -o "$T/perf.$cfg" &
		ppid=$!
		sleep 0.2
		read -r v mib < <(run_fio "$T/$cfg/alpha/mnt/dev/drbd0" "$spec")
		kill -INT $ppid
		wait $ppid
		python3 - "$T/perf.$cfg" "$mib" "${spec%%:*}" "$cfg" >>"$T/sys" <<'EOF'
import sys
c = {}
for line in open(sys.argv[1]):
    f = line.strip().split(",")
    if len(f) > 2 and f[0].isdigit():
        c[f[2].split(":")[-1].replace("sys_enter_", "") or "all"] = int(f[0])
mib = float(sys.argv[2]) or 1
print(sys.argv[3], sys.argv[4], " ".join("%s=%.0f" % (k, v / mib) for k, v in sorted(c.items())))
EOF
		log "syscalls/MiB ${spec%%:*} $cfg: $(tail -n 1 "$T/sys")"
	done
done

python3 - "$T/res" "$T/sys" "$REPS" <<'EOF' | tee "$OUTF"
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    job, cfg, v = line.split()
    if v != "-":
        rows.setdefault(job, {}).setdefault(cfg, []).append(float(v))
def cell(vals):
    return "%.0f (%.0f-%.0f)" % (statistics.median(vals), min(vals), max(vals)) if vals else "-"
print("A/B, %s repetitions, medians (min-max); MB/s for seqwrite, IOPS for randwrite, p50 us for"
      " synclat (lower is better)\n" % sys.argv[3])
print("| workload | noop | A | B | A/noop | B/noop | B/A |")
print("|---|---|---|---|---|---|---|")
for job, c in rows.items():
    m = {k: statistics.median(v) for k, v in c.items() if v}
    r = lambda a, b: "%.2f" % (m[a] / m[b]) if a in m and b in m and m[b] else "-"
    print("| %s | %s | %s | %s | %s | %s | %s |" % (job, cell(c.get("noop", [])), cell(c.get("A", [])),
          cell(c.get("B", [])), r("A", "noop"), r("B", "noop"), r("B", "A")))
print("\nSyscalls of both daemons per MiB written (one pass each, perf stat tracepoints):\n")
for line in open(sys.argv[2]):
    print("    " + line.rstrip())
EOF
