# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# tests/integration/sanitizer_scan.sh - sourced by the integration test libraries (lib.sh,
# fuse/drbd_fuse_lib.sh) so that a sanitizer finding inside a daemon fails the test.

# sanitizer_scan LOG...: a daemon built with ASan/UBSan/TSan writes its findings (and LSan its
# leak report at exit) to stderr, which is its daemon.log. Print every finding with its first
# lines of stack and return 1 when there is one; 0 when the logs are clean.
sanitizer_scan() {
	local f found=0
	local pat='^(WARNING: ThreadSanitizer|==[0-9]+==ERROR: (Address|Leak)Sanitizer|.*: runtime error: )'
	for f in "$@"; do
		[ -f "$f" ] || continue
		if grep -Eq "$pat" "$f"; then
			found=1
			echo "# --- sanitizer findings in $f ---"
			grep -E -A 14 "$pat" "$f" | head -n 150 | sed 's/^/# /'
			grep -E '^SUMMARY: ' "$f" | sort | uniq -c | sed 's/^/# /'
		fi
	done
	return $found
}

