#!/bin/bash
# Interop 6: replication protocols A (asynchronous), B and C (synchronous) between our daemon
# and the kernel's DRBD, writing on either side; after the writes have drained, the data areas
# must be identical.
. "$(dirname "$0")/interop_lib.sh"
iop_init

first=1
for proto in A B C; do
	iop_write_res r0 "protocol $proto;"
	if [ $first -eq 1 ]; then
		check "protocol $proto: both sides up and connected" iop_up r0
		check "initial sync skipped (new-current-uuid --clear-bitmap)" iop_skip_initial_sync
		first=0
	else
		ours drbdadm -c "$T/r0.res" down r0
		kern "drbdadm -c $GUEST_RES down r0"
		iop_config_kern r0
		kern "drbdadm -c $GUEST_RES up r0"
		ours drbdadm -c "$T/r0.res" up r0
		check "protocol $proto: both sides up and connected" \
			wait_for 30 "connected" both_grep 'ds:UpToDate/UpToDate'
	fi
	check "protocol $proto in use on both sides" both_grep " $proto r-----"

	check "protocol $proto: ours primary" iop_roles ours
	iop_snap
	check "protocol $proto: 32 MiB written on ours" \
		iop_timed "dd 32 MiB on ours, protocol $proto" ours_write 32 $((RANDOM % 64))
	iop_compare "protocol $proto, written by ours"

	check "protocol $proto: kernel primary" iop_roles kern
	iop_snap
	check "protocol $proto: 32 MiB written on the kernel" \
		iop_timed "dd 32 MiB on the kernel, protocol $proto" kern_write 32 $((RANDOM % 64))
	iop_compare "protocol $proto, written by the kernel"
	kern "drbdadm -c $GUEST_RES secondary r0"
done
itest_done
