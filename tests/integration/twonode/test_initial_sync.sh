#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_initial_sync.sh - two daemons, a fresh resource, `primary --force` on alpha: the full
# initial sync runs with DRBD's default (dynamic) resync controller, both sides end
# UpToDate/UpToDate and the backing files' data areas (all but the internal metadata at the
# end) are byte-identical. Prints the sync rate DRBD measured.
. "$(dirname "$0")/tn_lib.sh"
tn_init 7700

tn_res -d "" || fail "resource file"
tn_setup 32 || { fail "daemons up, create-md, up"; itest_done; }
ok "two daemons, create-md and up on both"
check "connected, both Inconsistent" tn_wait alpha 'cs:Connected ro:Secondary/Secondary ds:Inconsistent/Inconsistent' 20

# different data on the two disks before the sync: the sync must overwrite beta's
tn_pattern "$T/pat" 30
tn_as dd if="$T/pat" of="$DISK_A" bs=1M count=30 conv=notrunc status=none
tn_as dd if=/dev/zero of="$DISK_B" bs=1M count=30 conv=notrunc status=none

start=$(date +%s.%N)
check "primary --force on alpha" tn_adm alpha primary --force r0
check "beta sees a SyncTarget" tn_wait beta 'cs:(SyncTarget|Connected)' 10
check "sync done: UpToDate/UpToDate on alpha" tn_wait alpha 'ro:Primary/Secondary ds:UpToDate/UpToDate' 45
check "sync done: UpToDate/UpToDate on beta" tn_wait beta 'ro:Secondary/Primary ds:UpToDate/UpToDate' 10
end=$(date +%s.%N)

size=$(tn_size_kb alpha)
check "DRBD reports a size ($size KiB) below the 32 MiB backing file" test -n "$size" -a "${size:-0}" -gt 30000 -a "${size:-0}" -lt 32768
check "size is the same on beta" test "$(tn_size_kb beta)" = "$size"
check "data areas identical after the sync" tn_data_same $((size * 1024))
check "alpha's data survived" tn_as cmp -s -n $((30 * 1048576)) "$T/pat" "$DISK_B"

done_line=$(tn_log alpha | grep -m1 'Resync done')
echo "# ${done_line#*: }"
echo "# wall time primary->UpToDate: $(echo "$end - $start" | bc 2>/dev/null || echo "?") s"
check "log shows the full resync (Began resync as SyncSource ... $size KB)" \
	sh -c "grep -q 'Began resync as SyncSource (will sync $size KB' '$T/alpha/daemon.log'"
itest_done
