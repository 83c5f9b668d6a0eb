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
