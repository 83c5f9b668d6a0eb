#!/bin/bash
# test_wait_connect.sh - issue 5: commands that block on DRBD's multicast events return when
# the state changes. drbdsetup-84 wait-connect on alpha blocks until beta comes up and
# connects; events2 (without --now) streams the change; wait-sync returns at the end of the
# initial sync; verify and invalidate-remote run over the connection. Ports 7802-7803.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/control_lib.sh"
itest_unprivileged "$@"
itest_init
ctl_init

RES=$T/r0.res
ctl_write_res "$RES" r0 0 7802 7803 '
  net { verify-alg crc32c; }
  disk { c-plan-ahead 0; resync-rate 100M; }'
truncate -s 4M "$T/alpha.img" "$T/beta.img"
node_start alpha --no-mount || { fail "daemon alpha starts"; itest_done; }
node_start beta --no-mount || { fail "daemon beta starts"; itest_done; }

check "alpha: create-md" adm alpha create-md r0 </dev/null
check "alpha: up" adm alpha up r0

s84 alpha events2 --timestamps all >"$T/events2.out" 2>"$T/events2.err" &
ev_pid=$!
check "events2 reports the initial state" \
	wait_for 10 "events2 initial state" grep -q ' exists -$' "$T/events2.out"

s84 alpha wait-connect 0 >"$T/wfc.out" 2>&1 &
wfc_pid=$!
sleep 1 # wait-connect must block while the peer is away
check "wait-connect blocks while beta is down" kill -0 "$wfc_pid"

t0=$(date +%s%N)
check "beta: create-md" adm beta create-md r0 </dev/null
check "beta: up" adm beta up r0
wait_pid 20 "$wfc_pid" && rc=0 || rc=$?
t1=$(date +%s%N)
expect_eq "wait-connect returns 0 once connected (within 20 s)" 0 "$rc"
echo "# wait-connect returned $(((t1 - t0) / 1000000)) ms after beta's create-md/up started"
[ "$rc" = 124 ] && kill "$wfc_pid" 2>/dev/null
expect_match "alpha is connected" '^ 0: cs:Connected ro:Secondary/Secondary ds:Inconsistent/Inconsistent' \
	"$(node_proc alpha)"
check "events2 streams the change to Connected" wait_for 10 "events2 Connected" \
	grep -Eq '^[0-9T:.+-]+ change connection name:r0 peer-node-id:0 conn-name:peer connection:Connected$' \
	"$T/events2.out"

# initial sync: primary --force on alpha, wait-sync blocks until it is done
check "alpha: primary --force" adm alpha primary --force r0
check "events2 streams the role change" wait_for 10 "events2 role change" \
	grep -Eq ' change resource name:r0 role:Primary$' "$T/events2.out"
s84 beta wait-sync 0 >"$T/ws.out" 2>&1 &
ws_pid=$!
wait_pid 30 "$ws_pid" && rc=0 || rc=$?
expect_eq "wait-sync on beta returns 0 after the sync (within 30 s)" 0 "$rc"
[ "$rc" = 124 ] && kill "$ws_pid" 2>/dev/null
check "beta UpToDate after the sync" wait_for 10 "beta UpToDate" \
	node_proc_grep beta 'ro:Secondary/Primary ds:UpToDate/UpToDate'
check "events2 saw the sync start" grep -Eq ' change peer-device name:r0 .*replication:SyncSource' \
	"$T/events2.out"

# online verify and a full resync towards the peer, both through the connection
check "drbdadm verify" adm alpha verify r0
check "verify finishes" wait_for 30 "verify done" node_proc_grep alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate'
check "events2 saw the verify" grep -Eq ' change peer-device name:r0 .*replication:VerifyS' "$T/events2.out"
check "drbdadm invalidate-remote" adm alpha invalidate-remote r0
check "resync of the peer finishes" wait_for 30 "resync done" \
	node_proc_grep alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate'
check "drbdadm down on beta" adm beta down r0
check "alpha sees the disconnect" wait_for 10 "WFConnection" node_proc_grep alpha 'cs:WFConnection'
check "events2 is still running" kill -0 "$ev_pid"
kill "$ev_pid" 2>/dev/null
wait "$ev_pid" 2>/dev/null
check "events2 printed no error" test ! -s "$T/events2.err"
itest_done
