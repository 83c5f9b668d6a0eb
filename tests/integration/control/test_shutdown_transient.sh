#!/bin/bash
# test_shutdown_transient.sh - SIGTERM right after `drbdadm up` still takes the resource down.
# Until its receiver thread reaches WFConnection, DRBD refuses a disconnect with
# SS_IN_TRANSIENT_STATE (-18), in the kernel as here; the daemon's shutdown must retry then
# instead of leaving DRBD's threads running (seen in CI on a loaded machine). Each round: up,
# SIGTERM at once, then the daemon must exit 0 within 30 s having logged "resource r0 is down"
# and no failed down. The log line "transient state; retrying" counts the rounds that hit the
# window; the assertions hold either way. Ports 7808-7809.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/control_lib.sh"
itest_unprivileged "$@"
itest_init
ctl_init

ROUNDS=${ROUNDS:-8}
RES=$T/r0.res
ctl_write_res "$RES" r0 0 7808 7809
truncate -s 4M "$T/alpha.img"
hits=0
for round in $(seq 1 "$ROUNDS"); do
	rm -f "$T/alpha/daemon.log"
	node_start_fg alpha --no-mount || { fail "round $round: daemon starts"; break; }
	dpid=$NODE_FG_PID
	[ "$round" -gt 1 ] || check "drbdadm create-md" adm alpha create-md --force r0 </dev/null
	# connect is the last step of up: the receiver thread starts after its reply
	check "round $round: drbdadm up" adm alpha up r0
	kill -TERM "$dpid"
	wait_pid 30 "$dpid" && rc=0 || rc=$?
	log=$(cat "$T/alpha/daemon.log")
	expect_eq "round $round: daemon exits 0 on SIGTERM right after up" 0 "$rc"
	expect_match "round $round: log: resource r0 is down" 'shutdown: resource r0 is down' "$log"
	check "round $round: no failed down in the log" \
		bash -c "! grep -q 'down r0 failed' '$T/alpha/daemon.log'"
	grep -q 'transient state; retrying' "$T/alpha/daemon.log" && hits=$((hits + 1))
	NODES=${NODES/ alpha/}
done
echo "# $hits of $ROUNDS rounds found r0 in a transient state and retried"
itest_done
