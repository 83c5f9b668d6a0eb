#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run_fuzz.sh HARNESS SEED_DIR... - run a libFuzzer harness for FUZZ_SECONDS (default 60) with the
# seed corpora SEED_DIR... (read only) and a working corpus next to the harness
# (<build-fuzz>/fuzz-corpus/<name>, kept between runs). Exit 0: no crash, leak, hang or
# sanitizer finding; 1: a finding (the reproducer is in <build-fuzz>/fuzz-artifacts/);
# 77: the harness is not built (make fuzz builds it: a clang build in build-fuzz/).
# Prints the executions, executions per second and corpus size.
set -u
harness=$1
shift
seeds=("$@")
secs=${FUZZ_SECONDS:-60}
name=$(basename "$harness")

if [ ! -x "$harness" ]; then
	echo "SKIP: $harness is not built (run 'make fuzz', or 'make fuzz-build' to build only)"
	exit 77
fi
top=$(cd "$(dirname "$harness")/.." && pwd)
work=$top/fuzz-corpus/$name
art=$top/fuzz-artifacts/$name
mkdir -p "$work" "$art" "${seeds[@]}"
src=$(cd "$(dirname "$0")/../.." && pwd)
log=$top/fuzz-$name.log

# UBSan findings inside DRBD's own code that are DRBD's are suppressed (tests/ubsan.supp,
# each explained); everything else stops the run.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$src/tests/ubsan.supp"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export LSAN_OPTIONS="suppressions=$src/tests/lsan.supp"
echo "# $name for ${secs}s; $(find "${seeds[@]}" -type f | wc -l) seeds in ${seeds[*]}; corpus $work"
# the harness's run dir (control socket) goes to a private TMPDIR removed afterwards
TMPDIR=$(mktemp -d /tmp/fuzzrun.XXXXXX)
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
"$harness" -max_total_time="$secs" -timeout=30 -rss_limit_mb=3072 -print_final_stats=1 \
	-artifact_prefix="$art/" "$work" "${seeds[@]}" >"$log" 2>&1
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
units=$(ls "$work" | wc -l)
echo "# executions: ${execs:-?}, executions/s: ${rate:-?}, corpus: $units inputs"
grep -E '^#[0-9]+ +(INITED|DONE)' "$log" | sed 's/^/# /'
if [ $rc -ne 0 ]; then
	echo "not ok - $name found a problem (exit $rc); log $log, reproducer in $art:"
	grep -E -m 20 'ERROR|runtime error|SUMMARY|Test unit written|deadly signal|timeout' "$log" | sed 's/^/#   /'
	exit 1
fi
echo "ok - $name: no crash, leak, hang or sanitizer finding in ${secs}s"
