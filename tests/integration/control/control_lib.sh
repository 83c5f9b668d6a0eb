# shellcheck shell=bash
# tests/integration/control/control_lib.sh - helpers of the control-plane tests (issue 5),
# sourced after ../lib.sh and itest_init.

# ctl_init: find drbdsetup-84 (DRBDSETUP84) and drbdmeta; skip (77) without them.
ctl_init() {
	DRBDSETUP84=$(command -v drbdsetup-84 || true)
	[ -n "$DRBDSETUP84" ] || DRBDSETUP84=/usr/lib/drbd/drbdsetup-84
	[ -x "$DRBDSETUP84" ] || skip "drbdsetup-84 not found (drbd-utils 9 with 8.4 support)"
	command -v drbdmeta >/dev/null || skip "drbdmeta not installed"
}

# s84 NODE ARGS...: drbdsetup-84 through drbd-um against NODE
s84() {
	local n=$1
	shift
	um "$n" "$DRBDSETUP84" "$@"
}

# adm NODE ARGS...: drbdadm -c $RES through drbd-um against NODE
adm() {
	local n=$1
	shift
	um "$n" drbdadm -c "$RES" "$@"
}

# ctl_write_res FILE RESOURCE MINOR PORT_ALPHA PORT_BETA [EXTRA]: a two-host resource (alpha,
# beta on 127.0.0.1) with internal meta data on $T/<host>.img; EXTRA goes into the resource
# section (options, net, disk blocks).
ctl_write_res() {
	cat >"$1" <<EOR
resource $2 {
  protocol C;
${6:-}
  on alpha {
    device /dev/drbd$3 minor $3;
    disk $T/alpha.img;
    address 127.0.0.1:$4;
    meta-disk internal;
  }
  on beta {
    device /dev/drbd$3 minor $3;
    disk $T/beta.img;
    address 127.0.0.1:$5;
    meta-disk internal;
  }
}
EOR
}

# expect_eq DESCRIPTION EXPECTED ACTUAL: ok when equal, else fail and show both
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1"
		echo "# expected:"
		printf '%s\n' "$2" | sed 's/^/#   |/'
		echo "# got:"
		printf '%s\n' "$3" | sed 's/^/#   |/'
	fi
}

# expect_match DESCRIPTION REGEX TEXT: ok when TEXT has a line matching the extended REGEX
expect_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		ok "$1"
	else
		fail "$1"
		echo "# no line matches /$2/ in:"
		printf '%s\n' "$3" | sed 's/^/#   |/'
	fi
}

# um_as USER CMD...: drbd-um as USER (root only; drbdadm chatter filtered like um)
um_as() {
	local u=$1
	shift
	as_user "$u" "$BIN/drbd-um" "$@" 2> >(grep -v -e 'found __DRBD_NODE__' -e 'PRETENDING that I am' -e '^$' >&2)
}
