#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_crash.sh - no acknowledged write is lost when a daemon dies (kill -9), protocol C:
#   1. a writer writes numbered 4 KiB blocks through alpha's (Primary) device file with
#      O_DIRECT|O_DSYNC and logs each block number once dd returned (= acknowledged); alpha's
#      daemon is killed mid-stream: every logged block is on beta's backing file. alpha's
#      daemon restarts on its run dir (the dead FUSE mount is replaced), up: it reconnects,
#      resyncs, and the data areas are identical.
#   2. the writer runs again; beta's daemon is killed mid-stream: alpha goes on degraded
#      (writes keep being acknowledged), and when beta returns only what changed is resynced
#      ("will sync N KB" small against the device); data identical, every logged block on
#      beta.
. "$(dirname "$0")/../twonode/tn_lib.sh"
. "$(dirname "$0")/fault_lib.sh"
tn_init 7920

tn_res -p C || fail "resource file"
fault_sync_up 32 || { fail "two nodes synced"; itest_done; }
ok "two nodes, alpha Primary, UpToDate/UpToDate"
SIZE_KB=$(tn_size_kb alpha)

# writer LOG FIRST: blocks FIRST, FIRST+1, ... until a write fails or $T/stop-LOG exists;
# each block is "BLK<number>\n" repeated (recognisable, different per block)
tn_as tee "$T/writer.sh" >/dev/null <<'W'
dev=$1; log=$2; first=$3; max=$4; stop=$5
i=$first
while [ $i -lt $((first + max)) ] && [ ! -e "$stop" ]; do
	yes "BLK$i" | head -c 4096 | dd of="$dev" bs=4k seek=$i count=1 oflag=direct,dsync \
		conv=notrunc status=none 2>/dev/null || exit 0
	echo $i >>"$log"
	i=$((i + 1))
done
W

# blocks_on DISK LOG: every block number in LOG has its pattern in DISK
blocks_on() {
	tn_as bash -c 'bad=0
		while read -r i; do
			cmp -s <(dd if="$1" bs=4k skip="$i" count=1 status=none) \
				<(yes "BLK$i" | head -c 4096) ||
				{ echo "#   block $i missing on $1"; bad=$((bad + 1)); }
		done <"$2"
		[ $bad -eq 0 ]' bash "$1" "$2"
}

# wait_lines LOG N: until LOG has at least N lines (the writer is under way)
wait_lines() {
	wait_for 30 "$2 acknowledged writes in $1" sh -c "[ \$(wc -l <'$1' 2>/dev/null || echo 0) -ge $2 ]"
}

# --- 1: kill -9 the primary mid-stream
tn_as touch "$T/ack1"
tn_as bash "$T/writer.sh" "$(tn_dev alpha)" "$T/ack1" 0 4000 "$T/stop" &
writer=$!
check "the writer is under way (50 acknowledged writes)" wait_lines "$T/ack1" 50
node_kill alpha
wait $writer
n1=$(wc -l <"$T/ack1")
check "alpha's daemon killed mid-stream after $n1 acknowledged writes" test "$n1" -ge 50
check "beta noticed: WFConnection, Secondary, UpToDate" \
	tn_wait beta 'cs:WFConnection ro:Secondary/Unknown ds:UpToDate' 30
check "all $n1 acknowledged blocks are on beta's backing file" blocks_on "$DISK_B" "$T/ack1"

check "alpha's daemon restarts on the same run dir" tn_start alpha
check "its device mount is live again" wait_for 10 "alpha mount" tn_as test -d "$T/alpha/mnt/dev"
check "up on alpha" tn_adm alpha up r0
check "reconnected and resynced: UpToDate/UpToDate on both" \
	tn_wait alpha 'cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate' 60
check "data areas identical after the resync" tn_data_same $((SIZE_KB * 1024))
check "the acknowledged blocks are on alpha's backing file too" blocks_on "$DISK_A" "$T/ack1"

# --- 2: kill -9 the secondary mid-stream
check "alpha Primary again" tn_adm alpha primary r0
tn_as touch "$T/ack2"
tn_as bash "$T/writer.sh" "$(tn_dev alpha)" "$T/ack2" 4096 3000 "$T/stop" &
writer=$!
check "the writer is under way (50 acknowledged writes)" wait_lines "$T/ack2" 50
node_kill beta
before=$(wc -l <"$T/ack2")
check "alpha goes on degraded: WFConnection, Primary, UpToDate/DUnknown" \
	tn_wait alpha 'cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown' 30
check "writes are still acknowledged without the peer (50 more)" wait_lines "$T/ack2" $((before + 50))
tn_as touch "$T/stop"
wait $writer
n2=$(wc -l <"$T/ack2")
oos=$(tn_proc alpha | sed -n 's/.*oos:\([0-9]*\).*/\1/p')
check "alpha tracks what changed: oos ${oos:-?} KB > 0" test "${oos:-0}" -gt 0

check "beta's daemon restarts" tn_start beta
check "up on beta" tn_adm beta up r0
check "reconnected and resynced: UpToDate/UpToDate on alpha" \
	tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 60
synced=$(grep 'Began resync as SyncSource (will sync' "$T/alpha/daemon.log" | tail -n 1 |
	sed -n 's/.*will sync \([0-9]*\) KB.*/\1/p')
check "only what changed was resynced: ${synced:-?} KB of $SIZE_KB KB (< 1/8)" \
	test -n "$synced" -a "${synced:-0}" -gt 0 -a "${synced:-0}" -lt $((SIZE_KB / 8))
check "data areas identical after the resync" tn_data_same $((SIZE_KB * 1024))
check "all $n2 acknowledged blocks of run 2 are on beta's backing file" blocks_on "$DISK_B" "$T/ack2"
check "and those of run 1" blocks_on "$DISK_B" "$T/ack1"
echo "# acknowledged writes checked: $n1 (primary killed) + $n2 (secondary killed); resync after the secondary's return: ${synced:-?} KB"
itest_done
