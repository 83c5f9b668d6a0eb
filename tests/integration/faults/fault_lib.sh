# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# tests/integration/faults/fault_lib.sh - helpers of the fault tests (test_*.sh here), on top
# of ../twonode/tn_lib.sh (two daemons alpha/beta, resource r0). Sourced after tn_lib.sh.
#
#   fault_set NODE SPEC       write SPEC to NODE's umc.disk_faults (umc/src/bdev_fault.c) through
#                             its FUSE mount; "" or "off" removes every rule
#   fault_count NODE          faults injected so far on NODE (umc.disk_faults_injected)
#   fault_sync_up SIZE_MB     tn_setup, primary --force on alpha, wait UpToDate/UpToDate

fault_param() {
	echo "$T/$1/mnt/sys/module/umc/parameters/$2"
}

fault_set() {
	tn_as sh -c 'printf "%s\n" "$2" > "$1"' sh "$(fault_param "$1" disk_faults)" "$2"
}

fault_count() {
	tn_as cat "$(fault_param "$1" disk_faults_injected)" 2>/dev/null || echo 0
}

fault_sync_up() {
	tn_setup "$1" || return 1
	tn_need_fuse
	tn_adm alpha primary --force r0 || return 1
	tn_wait alpha 'ro:Primary/Secondary ds:UpToDate/UpToDate' 60 &&
		tn_wait beta 'ro:Secondary/Primary ds:UpToDate/UpToDate' 10
}

# ---- network namespaces (test_partition.sh and others); added by the faults-2 workstream ----
#
#   fault_netns_init          root only (else skip 77): namespaces for alpha (10.77.0.1/24) and
#                             beta (10.77.0.2/24) joined by a veth pair; from here on tn_start,
#                             tn_adm, tn_um (and everything built on them) run inside the node's
#                             namespace (nsenter --net only, so the FUSE mounts stay visible);
#                             removed again by the EXIT trap, after the daemons stopped
#   fault_ns NODE CMD...      run CMD (as root) in NODE's network namespace
#   fault_link NODE up|down   set NODE's end of the veth pair up or down (the partition)
#   fault_res_netns           rewrite $CONF's addresses from 127.0.0.1 to the namespaces' ones

fault_ns() {
	local ns_var=FAULT_NS_$1
	shift
	nsenter --net="/run/netns/${!ns_var}" "$@"
}

fault_link() {
	local if_var=FAULT_IF_$1
	fault_ns "$1" ip link set "${!if_var}" "$2"
}

fault_netns_cleanup() {
	local n ns_var
	for n in alpha beta; do
		ns_var=FAULT_NS_$n
		[ -n "${!ns_var:-}" ] && ip netns del "${!ns_var}" 2>/dev/null
	done
	return 0
}

fault_netns_init() {
	local id=$$
	[ "$(id -u)" = 0 ] || skip "not root: network namespaces need CAP_NET_ADMIN/CAP_SYS_ADMIN"
	command -v ip >/dev/null || skip "no ip (iproute2) command"
	command -v nsenter >/dev/null || skip "no nsenter (util-linux)"
	FAULT_NS_alpha=drbdum-a$id
	FAULT_NS_beta=drbdum-b$id
	FAULT_IF_alpha=dua$id
	FAULT_IF_beta=dub$id
	ITEST_EXTRA_CLEANUP=fault_netns_cleanup
	ip netns add "$FAULT_NS_alpha" 2>/dev/null || skip "ip netns add failed (no namespace support here)"
	ip netns add "$FAULT_NS_beta" || skip "ip netns add failed"
	ip link add "$FAULT_IF_alpha" netns "$FAULT_NS_alpha" type veth \
		peer name "$FAULT_IF_beta" netns "$FAULT_NS_beta" || skip "cannot create a veth pair"
	fault_ns alpha ip addr add 10.77.0.1/24 dev "$FAULT_IF_alpha" &&
		fault_ns beta ip addr add 10.77.0.2/24 dev "$FAULT_IF_beta" &&
		fault_ns alpha ip link set lo up && fault_ns beta ip link set lo up &&
		fault_link alpha up && fault_link beta up || skip "cannot configure the veth pair"
	echo "# namespaces $FAULT_NS_alpha (10.77.0.1) and $FAULT_NS_beta (10.77.0.2)"
	# tn_as runs in the namespace of the node named by FAULT_CUR (set by the wrappers below)
	tn_as() {
		local ns_var=FAULT_NS_${FAULT_CUR:-}
		local pre=()
		[ -n "${FAULT_CUR:-}" ] && [ -n "${!ns_var:-}" ] && pre=(nsenter --net="/run/netns/${!ns_var}")
		if [ -n "$TN_RUNAS" ]; then
			"${pre[@]}" setpriv --reuid="$TN_RUNAS" --regid="$TN_RUNAS_GROUP" --clear-groups -- "$@"
		else
			"${pre[@]}" "$@"
		fi
	}
	eval "$(declare -f tn_start | sed '1s/^tn_start/fault_tn_start_host/')"
	eval "$(declare -f tn_um | sed '1s/^tn_um/fault_tn_um_host/')"
	eval "$(declare -f tn_adm | sed '1s/^tn_adm/fault_tn_adm_host/')"
	tn_start() { local FAULT_CUR=$1; fault_tn_start_host "$@"; }
	tn_um() { local FAULT_CUR=$1; fault_tn_um_host "$@"; }
	tn_adm() { local FAULT_CUR=$1; fault_tn_adm_host "$@"; }
}

fault_res_netns() {
	tn_as sed -i -e "s/127\.0\.0\.1:$PORT_A;/10.77.0.1:$PORT_A;/" \
		-e "s/127\.0\.0\.1:$PORT_B;/10.77.0.2:$PORT_B;/" "$CONF"
}

# ---- frozen daemons (test_ko_count.sh) ----
#
#   fault_freeze NODE         SIGSTOP NODE's daemon (every thread: DRBD, FUSE, control server).
#                             The host's TCP stack still acknowledges what the peer sends, so the
#                             peer sees a live link to a DRBD that answers nothing. Nothing may
#                             touch NODE (drbd-um, its mount) until it is thawed. From the first
#                             freeze on, the EXIT trap thaws every frozen node before cleanup.
#   fault_thaw NODE           SIGCONT NODE's daemon

FAULT_FROZEN=""

fault_freeze() {
	kill -STOP "$(node_pid "$1")" || return 1
	case " $FAULT_FROZEN " in *" $1 "*) ;; *) FAULT_FROZEN="$FAULT_FROZEN $1" ;; esac
	trap 'fault_thaw_and_cleanup $?' EXIT
}

fault_thaw() {
	kill -CONT "$(node_pid "$1")"
}

fault_thaw_and_cleanup() {
	local rc=$1 n
	for n in $FAULT_FROZEN; do
		fault_thaw "$n" 2>/dev/null
	done
	itest_cleanup "$rc"
}
