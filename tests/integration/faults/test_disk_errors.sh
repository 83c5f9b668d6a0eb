#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_disk_errors.sh - injected backing-disk errors (umc.disk_faults, umc/src/bdev_fault.c)
# under DRBD's on-io-error policies, two daemons alpha (Primary) and beta, protocol C:
#   detach:  a write error on alpha's backing file detaches alpha's disk (Diskless, "Local IO
#            failed"); the write is still acknowledged (beta has it), and reads and writes go
#            on through alpha's device file, served by beta; the failed writes never reached
#            alpha's file; after the rules are removed, attach resyncs alpha from beta.
#   pass_on: alpha disconnected (no peer to fall back to): a read of a failing sector through
#            the device file fails with EIO, a read elsewhere succeeds, and the disk stays
#            attached (Inconsistent, as DRBD marks it after a passed-on error), not detached.
. "$(dirname "$0")/../twonode/tn_lib.sh"
. "$(dirname "$0")/fault_lib.sh"
tn_init 7910

tn_res -d "on-io-error detach; c-plan-ahead 0; resync-rate 400M;" || fail "resource file"
fault_sync_up 16 || { fail "two nodes synced"; itest_done; }
ok "two nodes, alpha Primary, UpToDate/UpToDate"
DEV_A=$(tn_dev alpha)

tn_pattern "$T/a" 2
tn_pattern "$T/b" 2
tn_pattern "$T/c" 1
check "2 MiB (pattern A) written at 4 MiB" tn_write alpha 4 2 "$T/a"
check "A is on alpha's backing file" tn_backing_has "$DISK_A" 4 2 "$T/a"

# --- on-io-error detach: writes to 4..6 MiB of alpha's backing file fail
check "fault rule set on alpha: writes of sectors 8192-12287 fail" \
	fault_set alpha "alpha.img:write=8192-12287"
check "umc.disk_faults shows the rule" \
	tn_as grep -q "alpha.img:write=8192-12287" "$(fault_param alpha disk_faults)"
check "2 MiB (pattern B) over the failing sectors: the write is acknowledged" \
	tn_write alpha 4 2 "$T/b"
check "alpha detached its disk: Diskless/UpToDate" tn_wait alpha 'ds:Diskless/UpToDate' 20
check "alpha's log: Local IO failed ... Detaching" \
	sh -c "grep -q 'Local IO failed in .*Detaching' '$T/alpha/daemon.log'"
n=$(fault_count alpha)
check "faults were injected (umc.disk_faults_injected = $n)" test "${n:-0}" -ge 1
check "B is on beta's backing file" tn_backing_has "$DISK_B" 4 2 "$T/b"
check "the failed writes changed nothing on alpha's file (A still there)" \
	tn_backing_has "$DISK_A" 4 2 "$T/a"
check "alpha reads B back through its device file (served by beta)" \
	tn_as sh -c "dd if='$DEV_A' bs=1M skip=4 count=2 iflag=direct status=none | cmp -s - '$T/b'"
check "alpha, diskless, still writes (pattern C at 8 MiB)" tn_write alpha 8 1 "$T/c"
check "C is on beta" tn_backing_has "$DISK_B" 8 1 "$T/c"
check "and reads back through alpha's device file" \
	tn_as sh -c "dd if='$DEV_A' bs=1M skip=8 count=1 iflag=direct status=none | cmp -s - '$T/c'"

check "fault rules removed" fault_set alpha ""
check "attach alpha again" tn_adm alpha attach r0
check "alpha resynced from beta: UpToDate/UpToDate" \
	tn_wait alpha 'ds:UpToDate/UpToDate' 30
check "B is now on alpha's backing file" tn_backing_has "$DISK_A" 4 2 "$T/b"
check "C is now on alpha's backing file" tn_backing_has "$DISK_A" 8 1 "$T/c"
size=$(tn_size_kb alpha)
check "data areas identical" tn_data_same $((size * 1024))

# --- on-io-error pass_on, alpha alone (no peer to serve a failed read)
tn_res -d "on-io-error pass_on; c-plan-ahead 0; resync-rate 400M;" || fail "resource file"
tn_adm alpha adjust r0 && tn_adm beta adjust r0 || fail "drbdadm adjust"
check "alpha disconnects" tn_adm alpha disconnect r0
check "alpha StandAlone, UpToDate" tn_wait alpha 'cs:StandAlone ro:Primary/Unknown ds:UpToDate' 10
before=$(fault_count alpha)
check "fault rule set on alpha: reads of sectors 24576-24583 (12 MiB, 4 KiB) fail" \
	fault_set alpha "alpha.img:read=24576-24583"
check "a read of 4 KiB at 11 MiB succeeds" \
	tn_as dd if="$DEV_A" of=/dev/null bs=4k skip=$((11 * 256)) count=1 iflag=direct status=none
err=$(tn_as dd if="$DEV_A" of=/dev/null bs=4k skip=$((12 * 256)) count=1 iflag=direct status=none 2>&1)
rc=$?
check "a read of the failing sector fails (dd exit $rc)" test $rc -ne 0
check "with EIO: $err" grep -q "Input/output error" <<<"$err"
after=$(fault_count alpha)
check "the fault was injected ($before -> $after)" test "${after:-0}" -gt "${before:-0}"
check "the disk stays attached (Inconsistent, not Diskless)" \
	tn_wait alpha 'ds:Inconsistent' 10
check "alpha's log: the local READ error at sector 24576, no detach" \
	sh -c "grep -q 'local READ IO error sector 24576+8' '$T/alpha/daemon.log' &&
	       ! grep 'Detaching' '$T/alpha/daemon.log' | grep -qv '__req_mod. Detaching'"
fault_set alpha "" || fail "fault rules removed"
echo "# faults injected on alpha: $(fault_count alpha)"
itest_done
