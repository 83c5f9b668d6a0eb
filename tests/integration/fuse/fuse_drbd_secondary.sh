#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fuse_drbd_secondary.sh DAEMON DRBD_UM - roles through the device file: while Secondary an
# open for writing fails with EROFS ("Read-only file system", as drbd_open refuses it) and a
# read-only open with EMEDIUMTYPE (allow_oos off); the file shows read-only; as Primary both
# work; going Secondary again after the file is closed works. Exit 0, 1 or 77.
set -u
. "$(dirname "$0")/drbd_fuse_lib.sh"
fuse_lib_init "$@"
require dd

start_daemon || { echo "Bail out! daemon did not start"; exit 1; }
make_resource 64 || { echo "Bail out! create-md failed"; exit 1; }
um drbdadm -c "$CONF" up r0 >"$T/up.log" 2>&1 || { echo "Bail out! up failed: $(cat "$T/up.log")"; exit 1; }
check "the device file exists while Secondary" as_user test -f "$DEV"

out=$(as_user dd if=/dev/zero of="$DEV" bs=4k count=1 conv=notrunc 2>&1); rc=$?
if [ $rc -ne 0 ] && grep -q "Read-only file system" <<<"$out"; then
	ok "a write open of a Secondary is refused with EROFS"
else nok "a write open of a Secondary is refused with EROFS" "rc=$rc" "$out"; fi
out=$(as_user dd if="$DEV" of=/dev/null bs=4k count=1 2>&1); rc=$?
if [ $rc -ne 0 ] && grep -q "Wrong medium type" <<<"$out"; then
	ok "a read-only open of a Secondary is refused with EMEDIUMTYPE"
else nok "a read-only open of a Secondary is refused with EMEDIUMTYPE" "rc=$rc" "$out"; fi
mode=$(as_user stat -c %a "$DEV")
check "the device file shows read-only while Secondary ($mode)" test "$mode" = 400

check "primary --force" quiet um drbdadm -c "$CONF" primary --force r0
check "writing as Primary" as_user dd if=/dev/zero of="$DEV" bs=4k count=1 conv=notrunc status=none
check "reading as Primary" as_user dd if="$DEV" of=/dev/null bs=4k count=1 status=none
mode=$(as_user stat -c %a "$DEV")
check "the device file shows writable while Primary ($mode)" test "$mode" = 600
check "secondary once the file is closed" quiet um drbdadm -c "$CONF" secondary r0
out=$(as_user dd if=/dev/zero of="$DEV" bs=4k count=1 conv=notrunc 2>&1); rc=$?
check "writes refused again as Secondary" test $rc -ne 0
finish
