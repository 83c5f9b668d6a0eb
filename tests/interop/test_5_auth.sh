#!/bin/bash
# Interop 5: peer authentication (cram-hmac-alg sha1) between our daemon and the kernel's DRBD:
# the right shared secret connects, a wrong one is refused by both sides, and the right one
# connects again afterwards.
. "$(dirname "$0")/interop_lib.sh"
iop_init

iop_write_res r0 'protocol C; cram-hmac-alg sha1; shared-secret "interop-Secret-1";'
iop_write_res wrong 'protocol C; cram-hmac-alg sha1; shared-secret "not-the-secret";'
check "right secret: both sides up and connected" iop_up r0
check "kernel authenticated us (HMAC-SHA1)" kern_log_grep 'Peer authenticated using 20 bytes HMAC'
check "ours authenticated the kernel (HMAC-SHA1)" ours_log_grep 'Peer authenticated using 20 bytes HMAC'
check "kernel: no authentication failure" not kern_log_grep 'Authentication of peer failed'
check "ours: no authentication failure" not ours_log_grep 'Authentication of peer failed'
check "data path works after authentication" iop_skip_initial_sync

check "ours: down" ours drbdadm -c "$T/r0.res" down r0
check "kernel waits for a connection" wait_for 20 "kernel WFConnection" kern_grep 'cs:WFConnection'
check "ours: up with a wrong secret" ours drbdadm -c "$T/wrong.res" up r0
check "kernel refuses our response" wait_for 30 "kernel auth failure" kern_log_grep 'Authentication of peer failed'
check "ours refuses the kernel's response" wait_for 30 "our auth failure" ours_log_grep 'Authentication of peer failed'
check "ours did not connect with the wrong secret" \
	test "$(grep -c 'conn( WFReportParams -> Connected )' "$T/$OURS/daemon.log")" -eq 1
check "not connected" not both_grep 'cs:Connected'

check "ours: down" ours drbdadm -c "$T/wrong.res" down r0
check "ours: up with the right secret" ours drbdadm -c "$T/r0.res" up r0
# the kernel dropped its network configuration after the failure (StandAlone): reconnect it
kern_grep 'cs:StandAlone' && kern "drbdadm -c $GUEST_RES connect r0"
check "right secret: connected again" wait_for 30 "connected" both_grep 'cs:Connected'
check "still UpToDate/UpToDate" wait_for 30 "UpToDate" both_grep 'ds:UpToDate/UpToDate'
itest_done
