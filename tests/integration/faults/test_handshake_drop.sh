#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_handshake_drop.sh - a peer that breaks off the DRBD 8.4 connection handshake is dropped,
# logged, and does not hurt the daemon (issue 10, item 4). Alpha is up (WFConnection, net
# options ping-int 1 s, ping-timeout 0.5 s, connect-int 1 s); drbd_fake_peer (built here)
# speaks the handshake part-way, on alpha's port or as the listener alpha connects to:
#   first-close      P_INITIAL_DATA, close            DRBD drops the dead socket silently
#   half-header      4 of the 8 header bytes, close   "Error receiving initial packet"
#   stall-header     4 header bytes, then silence     the same, after 4 x ping-timeout (2 s)
#   before-features  both first packets, close before sending features
#                                                     "sock was shut down by peer", BrokenPipe
#   half-features    half of the features packet      "short read (expected size 72)"
#   after-features   a valid feature exchange (86-101; alpha's next packet is an h100
#                    P_PROTOCOL), close                "Handshake successful" then BrokenPipe
#   stall-features   as after-features, then silence  "PingAck did not arrive in time" after
#                                                     ping-int + ping-timeout (1.5 s)
#   accept           listens on beta's port: alpha's own connections start with P_INITIAL_DATA
#                    and P_INITIAL_META, alpha offers 86-101; closed "sock was shut down by peer"
#   bad-dialect      features claiming protocol 1-1   "incompatible DRBD dialects", alpha
#                    discards its network configuration (StandAlone, as DRBD does); `drbdadm
#                    adjust` brings it back
# After each: alpha's daemon is alive and answers, the expected line is in its log, and the
# resource is back to WFConnection (for the variants that left it: after one more
# "Unconnected -> WFConnection"). Then the real beta connects: full sync, a replicated write,
# identical data areas.
. "$(dirname "$0")/../twonode/tn_lib.sh"
tn_init 7980
FAKE=$BIN/drbd_fake_peer
[ -x "$FAKE" ] || skip "drbd_fake_peer not built in $BIN"

alive() {
	kill -0 "$(node_pid alpha)" 2>/dev/null
}
back_to_wfc() {
	tn_logcount_ge alpha 'conn\( Unconnected -> WFConnection \)' "$1"
}
ms_of() {
	sed -n 's/^closed-after-ms \([0-9]*\)$/\1/p' <<<"$1"
}

# variant NAME LOG_REGEX CYCLES: run the fake peer NAME ("accept" listens on beta's port),
# then check alive, LOG_REGEX (if any) logged once more, and WFConnection again (CYCLES=1:
# after one more reconnect cycle). Output of the fake peer in $OUT.
variant() {
	local name=$1 re=$2 cycles=$3 n0 c0 rc
	[ -n "$re" ] && n0=$(tn_logcount alpha "$re")
	c0=$(tn_logcount alpha 'conn\( Unconnected -> WFConnection \)')
	if [ "$name" = accept ]; then
		OUT=$(tn_as timeout 60 "$FAKE" accept "$PORT_B")
	else
		OUT=$(tn_as timeout 60 "$FAKE" connect "$PORT_A" "$name")
	fi
	rc=$?
	[ -n "$OUT" ] && sed "s/^/#   fake peer: /" <<<"$OUT"
	check "$name: the fake peer saw the daemon behave as expected (exit $rc)" test "$rc" -eq 0
	[ -n "$re" ] && check "$name: alpha logged '$re'" \
		wait_for 20 "$re" tn_logcount_ge alpha "$re" $((n0 + 1))
	[ "$cycles" = 1 ] && check "$name: alpha dropped the connection and reconnects" \
		wait_for 20 "Unconnected -> WFConnection" back_to_wfc $((c0 + 1))
	check "$name: alpha's daemon is alive" alive
	check "$name: alpha is WFConnection again" tn_wait alpha 'cs:WFConnection ro:Secondary/Unknown' 20
}

tn_res -p C -n "ping-int 1; ping-timeout 5; timeout 9; connect-int 1;" || fail "resource file"
tn_as truncate -s 16M "$DISK_A" "$DISK_B"
check "alpha's daemon starts" tn_start alpha
check "create-md and up on alpha" eval 'tn_adm alpha create-md --force r0 && tn_adm alpha up r0'
check "alpha is WFConnection" tn_wait alpha 'cs:WFConnection' 20
t0=$(date +%s)

variant first-close "" 0
variant half-header 'Error receiving initial packet' 0
variant stall-header 'Error receiving initial packet' 0
ms_hdr=$(ms_of "$OUT")
check "stall-header: dropped after ${ms_hdr:-?} ms (first-packet timeout 4 x ping-timeout = 2000 ms)" \
	test -n "$ms_hdr" -a "${ms_hdr:-0}" -ge 1800 -a "${ms_hdr:-99999}" -lt 20000
variant before-features 'sock was shut down by peer' 1
check "before-features: alpha offered protocols 86-101" grep -q 'daemon-features protocol 86-101' <<<"$OUT"
variant half-features 'short read \(expected size 72\)' 1
variant after-features 'Handshake successful: Agreed network protocol version 101' 1
check "after-features: alpha's next packet was an h100 P_PROTOCOL" \
	grep -q 'daemon-next-packet magic 0x8620ec20 command 0x000b' <<<"$OUT"
variant stall-features 'PingAck did not arrive in time' 1
ms_ping=$(ms_of "$OUT")
check "stall-features: dropped after ${ms_ping:-?} ms (ping-int + ping-timeout = 1500 ms)" \
	test -n "$ms_ping" -a "${ms_ping:-0}" -ge 1400 -a "${ms_ping:-99999}" -lt 20000
variant accept 'sock was shut down by peer' 1
check "accept: alpha's connections began with P_INITIAL_DATA and P_INITIAL_META" \
	eval 'grep -q "daemon-first-packet 0xfff2" <<<"$OUT" && grep -q "daemon-first-packet 0xfff1" <<<"$OUT"'

# A peer of another dialect: DRBD gives up on the configuration (StandAlone), the daemon lives.
n0=$(tn_logcount alpha 'Discarding network configuration')
OUT=$(tn_as timeout 60 "$FAKE" connect "$PORT_A" bad-dialect)
check "bad-dialect: alpha closed the connection" test $? -eq 0
check "bad-dialect: alpha logged the incompatible dialect" \
	tn_log_has alpha 'incompatible DRBD dialects: I support 86-101, peer supports 1-1'
check "bad-dialect: alpha discarded its network configuration: StandAlone" \
	eval 'tn_logcount_ge alpha "Discarding network configuration" $((n0 + 1)) && tn_wait alpha cs:StandAlone 20'
check "bad-dialect: alpha's daemon is alive" alive
check "drbdadm adjust reconnects alpha: WFConnection" \
	eval 'tn_adm alpha adjust r0 && tn_wait alpha "cs:WFConnection" 20'
t1=$(date +%s)

# The real peer now connects and syncs normally.
check "beta's daemon starts" tn_start beta
check "create-md and up on beta" eval 'tn_adm beta create-md --force r0 && tn_adm beta up r0'
check "alpha and beta connect" tn_wait alpha 'cs:Connected' 30
check "primary --force on alpha" tn_adm alpha primary --force r0
check "initial sync completes: UpToDate/UpToDate" \
	tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 60
tn_need_fuse
tn_pattern "$T/p2" 2
check "a 2 MiB write on alpha" tn_write alpha 3 2 "$T/p2"
check "... is on beta's backing file" tn_backing_has "$DISK_B" 3 2 "$T/p2"
SIZE_KB=$(tn_size_kb alpha)
check "data areas identical" tn_data_same $((SIZE_KB * 1024))
check "no sync or state errors after the real peer connected" \
	tn_not tn_log_has beta 'Wrong magic|incompatible|Error receiving initial packet'
echo "# fake-peer phase $((t1 - t0)) s; stall-header dropped after $ms_hdr ms, stall-features after $ms_ping ms"
itest_done
