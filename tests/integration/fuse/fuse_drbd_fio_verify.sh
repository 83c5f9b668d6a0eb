#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fuse_drbd_fio_verify.sh DAEMON DRBD_UM - fio random writes with crc32c verification at
# iodepth 32 with 4 jobs (each on its own region) on the DRBD device file: zero verify
# errors. Exit 0, 1 or 77.
set -u
. "$(dirname "$0")/drbd_fuse_lib.sh"
fuse_lib_init "$@"
require fio

start_daemon || { echo "Bail out! daemon did not start"; exit 1; }
make_resource 160 || { echo "Bail out! create-md failed"; exit 1; }
up_primary || { echo "Bail out! up/primary failed: $(cat "$T"/up.log "$T"/primary.log)"; exit 1; }

out=$(as_user fio --name=verify --filename="$DEV" --ioengine=libaio --direct=1 \
	--rw=randwrite --bs=4k --iodepth=32 --numjobs=4 --size=32M --offset_increment=32M \
	--verify=crc32c --do_verify=1 --verify_fatal=1 --verify_state_save=0 --group_reporting 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -q "err= 0" <<<"$out" && ! grep -qi "verify.*fail\|bad magic\|crc32c: verify" <<<"$out"; then
	ok "fio randwrite + crc32c verify, iodepth 32, 4 jobs: no errors"
else
	nok "fio randwrite + crc32c verify, iodepth 32, 4 jobs" "rc=$rc" "$(tail -n 20 <<<"$out")"
fi

out=$(as_user fio --name=mixed --filename="$DEV" --ioengine=libaio --direct=1 \
	--rw=randrw --bs=4k --iodepth=32 --numjobs=4 --size=32M --offset_increment=32M \
	--verify=crc32c --verify_backlog=256 --verify_fatal=1 --verify_state_save=0 --group_reporting 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -q "err= 0" <<<"$out"; then
	ok "fio randrw with verify_backlog (reads interleaved with writes): no errors"
else
	nok "fio randrw with verify_backlog" "rc=$rc" "$(tail -n 20 <<<"$out")"
fi
finish
