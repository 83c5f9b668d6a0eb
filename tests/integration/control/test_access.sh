#!/bin/bash
# test_access.sh - issue 5: who may use a daemon's control socket. A daemon run by nobody
# has RUN_DIR/control.sock of mode 0600; nobody and root are served, any other uid is
# refused: by the socket's mode (connect: EACCES) and, for a client that can bypass file
# permissions (CAP_DAC_OVERRIDE), by SO_PEERCRED (a STATUS(-EACCES) reply and a log line).
# drbdsetup-84 then fails with a permission error, and the daemon serves the next client.
# Needs root (to act as three users); skips otherwise. Ports 7804-7805.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/control_lib.sh"
[ "$(id -u)" -eq 0 ] || skip "needs root to run clients of other uids"
command -v setpriv >/dev/null || skip "setpriv missing"
id daemon >/dev/null 2>&1 || skip "no user 'daemon' to act as a foreign uid"
itest_init
ctl_init
as_user nobody test -x "$BIN/drbd-usermode" -a -r "$BIN/../lib/libdrbd-usermode-shim.so" ||
	skip "user nobody cannot use the build directory $BIN"
setpriv --help 2>&1 | grep -q -- --ambient-caps || skip "setpriv without --ambient-caps"

chown nobody:"$(id -gn nobody)" "$T"
RES=$T/r0.res
as_user nobody bash -c "$(declare -f ctl_write_res); T=$T; ctl_write_res $RES r0 0 7804 7805"
as_user nobody truncate -s 4M "$T/alpha.img"
as_user nobody mkdir "$T/alpha"
as_user nobody "$BIN/drbd-usermode" --run-dir "$T/alpha" --node alpha --no-mount ||
	{ fail "daemon starts as nobody"; itest_done; }
NODES="$NODES alpha"
ok "daemon starts as nobody"

sock=$T/alpha/control.sock
expect_eq "control.sock: socket, mode 0600, owned by nobody" "socket 600 nobody" \
	"$(stat -c '%F %a %U' "$sock")"

# nobody: the daemon's own user
check "nobody: drbdadm create-md" um_as nobody --run-dir "$T/alpha" --node alpha \
	drbdadm -c "$RES" create-md r0 </dev/null
check "nobody: drbdadm up" um_as nobody --run-dir "$T/alpha" --node alpha \
	drbdadm -c "$RES" up r0
# root: served
expect_eq "root: drbdsetup-84 role" "Secondary/Unknown" "$(s84 alpha role 0)"

# daemon (uid $(id -u daemon)): the socket's mode keeps it out
other() {
	as_user daemon "$@"
}
out=$(other "$BIN/drbd-um" --run-dir "$T/alpha" "$DRBDSETUP84" role 0 2>&1) && rc=0 || rc=$?
check "uid daemon: drbdsetup-84 fails (rc $rc)" test "$rc" -ne 0
expect_match "uid daemon: permission error printed" 'Permission denied' "$out"

# daemon with CAP_DAC_OVERRIDE reaches the socket: refused by SO_PEERCRED
dac() {
	setpriv --reuid=daemon --regid="$(id -g daemon)" --clear-groups \
		--inh-caps=+dac_override --ambient-caps=+dac_override "$@"
}
if dac true 2>/dev/null; then
	before=$(grep -c 'refused pid' "$T/alpha/daemon.log")
	out=$(dac "$BIN/drbd-um" --run-dir "$T/alpha" "$DRBDSETUP84" role 0 2>&1) && rc=0 || rc=$?
	check "uid daemon + CAP_DAC_OVERRIDE: drbdsetup-84 fails (rc $rc)" test "$rc" -ne 0
	expect_match "uid daemon + CAP_DAC_OVERRIDE: permission error printed" 'Permission denied' "$out"
	check "the daemon answers STATUS(-EACCES) and closes" \
		dac "$BIN/nlfuzz_client" --expect-refused "$sock"
	after=$(grep -c 'refused pid' "$T/alpha/daemon.log")
	check "the daemon logged both refusals" test "$after" -ge $((before + 2))
	expect_match "the log line names the uid" \
		"control socket: refused pid [0-9]+ uid $(id -u daemon): only uid $(id -u nobody) and root" \
		"$(cat "$T/alpha/daemon.log")"
else
	echo "# setpriv cannot grant ambient capabilities here: SO_PEERCRED refusal not exercised"
fi

# the daemon keeps serving
expect_eq "nobody is still served" "Secondary/Unknown" \
	"$(um_as nobody --run-dir "$T/alpha" "$DRBDSETUP84" role 0)"
check "root is still served" bash -c "$(declare -f um s84); BIN=$BIN T=$T DRBDSETUP84=$DRBDSETUP84; s84 alpha events2 --now all >/dev/null"
# DRBD refuses to disconnect while the receiver has not left Unconnected (transient state)
wait_for 10 "r0 in WFConnection" bash -c "$(declare -f um s84); BIN=$BIN T=$T DRBDSETUP84=$DRBDSETUP84; s84 alpha cstate 0 | grep -qx WFConnection"
check "nobody: drbdadm down" um_as nobody --run-dir "$T/alpha" --node alpha \
	drbdadm -c "$RES" down r0
itest_done
